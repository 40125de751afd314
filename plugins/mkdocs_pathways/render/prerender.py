"""A generated page's Markdown turned into HTML without a full Python-Markdown pass, when that gives the same HTML.

Once its HTML blocks are held aside (:mod:`mkdocs_pathways.render.holding`), a generated page is mostly
placeholder comments, a few headings (``## Materials``) and a few self-contained HTML blocks. Converting such a
page is quick, but the site engine makes a new converter and runs every extension for each of a large guide's
thousands of pages, and that was seconds of every build. This module does the same conversion directly:

- a placeholder or an HTML block stays as it is (Python-Markdown passes raw HTML blocks through unchanged);
- a heading is converted by the site's own converter, with the site's extensions and their settings (ids,
  permalinks, ``toc`` depth), once per distinct heading line in a build; its id is then made unique in the page
  as the ``toc`` extension would, and the page's table of contents is built from the headings' tokens.

Anything else (a list, a paragraph, a link, an ``attr_list`` heading, HTML that does not close where its block
ends, ``markdown="1"``) makes :meth:`Prerenderer.page` return None, and the page is converted by the site engine
as before. ``tests/test_prerender.py`` holds the result to a full conversion of every generated page.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping, Sequence
from typing import Any

import markdown as markdown_lib
from markdown.extensions.toc import nest_toc_tokens, unique

Token = dict[str, Any]

BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
HEADING = re.compile(r"#{1,6}[ \t]+\S[^\n]*")
COMMENT_LINE = re.compile(r"<!--[^\n]*?-->")
OPENING_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
HEADING_ID = re.compile(r'^<h[1-6][^>]*?\sid="([^"]*)"')
# What a heading line may not hold: attribute lists, links and images (resolved against the whole page or by
# the site engine), and the marks Python-Markdown uses for its own placeholders.
NOT_ALONE = re.compile(r"[{\[\x02\x03]")
MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown\b", re.I)


class Prerenderer:
    """Converts generated pages' Markdown with the site's Markdown extensions; one instance per build."""

    def __init__(self, extensions: Sequence[Any], configs: Mapping[str, Mapping[str, Any]]) -> None:
        self._md = markdown_lib.Markdown(extensions=list(extensions),
                                         extension_configs={k: dict(v) for k, v in configs.items()})
        self._block_level = frozenset(self._md.block_level_elements)
        self._headings: dict[str, tuple[str, list[Token]]] = {}

    def page(self, body: str) -> tuple[str, list[Token]] | None:
        """The HTML of a page's Markdown ``body`` (without front matter) and its table of contents, as the
        ``toc`` extension gives it; None when the page needs a full conversion."""
        text = body.replace("\r\n", "\n").strip("\n")
        blocks, separators = BLANK_LINES.split(text), BLANK_LINES.findall(text)
        pieces: list[str] = []
        tokens: list[Token] = []
        used: set[str] = set()
        counters: dict[str, int] = {}
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if not block.strip():
                index += 1
                continue
            if HEADING.fullmatch(block):
                converted = self._heading(block, used, counters)
                if converted is None:
                    return None
                pieces.append(converted[0] + "\n")
                tokens += converted[1]
                index += 1
                continue
            end = self._html_end(blocks, index)
            if end is None:
                return None
            span = "".join(blocks[i] + (separators[i] if i < end else "") for i in range(index, end + 1))
            pieces.append(span + "\n\n")
            index = end + 1
        nested: list[Token] = nest_toc_tokens(tokens)  # type: ignore[arg-type,assignment]  # plain dicts
        return "".join(pieces).strip(), nested

    def _heading(self, line: str, used: set[str], counters: dict[str, int]) -> tuple[str, list[Token]] | None:
        """A heading's HTML and toc tokens, its id made unique among the page's headings so far."""
        if NOT_ALONE.search(line):
            return None
        if line not in self._headings:
            self._md.reset()
            converted = str(self._md.convert(line))
            self._headings[line] = (converted, list(getattr(self._md, "toc_tokens", [])))
        converted, found = self._headings[line]
        tokens = [dict(token) for token in found]  # one heading: one token at most, without children
        match = HEADING_ID.match(converted)
        if match is None:
            return converted, tokens
        base = match.group(1)
        if html_lib.escape(base) != base:
            return None  # an id the page would show escaped: not worth matching here
        given = unique(base, used, counters)
        if given != base:
            converted = converted.replace(f'id="{base}"', f'id="{given}"').replace(f'href="#{base}"',
                                                                                 f'href="#{given}"')
            for token in tokens:
                if token.get("id") == base:
                    token["id"] = given
        return converted, tokens

    def _html_end(self, blocks: list[str], start: int) -> int | None:
        """The index of the block where the HTML starting ``blocks[start]`` closes, or None when it is not HTML that
        Python-Markdown would pass through as it is."""
        first = blocks[start]
        if "\x02" in first or "\x03" in first or MARKDOWN_ATTRIBUTE.search(first):
            return None
        if all(COMMENT_LINE.fullmatch(line) for line in first.split("\n")):
            return start
        opening = OPENING_TAG.match(first)
        if opening is None or opening.group(1).lower() not in self._block_level:
            return None
        name = opening.group(1)
        tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s>/])", re.I)
        depth = 0
        for index in range(start, len(blocks)):
            block = blocks[index]
            if index > start and ("\x02" in block or "\x03" in block or MARKDOWN_ATTRIBUTE.search(block)):
                return None
            for match in tags.finditer(block):
                depth += -1 if match.group(1) else 1
                if depth == 0:
                    rest = block[match.end():]
                    close = rest.find(">")
                    # The element must close at the very end of a block, as the page's templates write it.
                    return index if close >= 0 and not rest[close + 1:].strip() else None
        return None
