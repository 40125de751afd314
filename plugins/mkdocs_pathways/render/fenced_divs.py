"""Pandoc-style fenced divs (``::: challenge`` … ``:::``) for Python-Markdown, as lesson boxes.

The Carpentries, Quarto and Pandoc write boxes with colon fences::

    ::: challenge
    ## Budget a week

    Plan seven days of spending on $60.

    ::: solution
    One plan: …
    :::
    :::

An opening fence is a line of three or more colons and a class: a bare word (``::: challenge``) or an attribute
list (``:::::: {.callout}``, ``::: {.solution title="Answer key"}``, with ``.class``, ``#id`` and
``key="value"``). A closing fence is colons alone. Fences start at the start of a line (inside a list item or
another box, at the start of that item's text); divs nest, each closing fence ending the innermost open div,
whatever the number of colons. The content is Markdown.

Known classes become Material for MkDocs boxes (see :data:`KINDS`): activities are ``example`` admonitions with
the class ``pw-activity``, solutions and hints are ``<details class="pw-solution">`` (collapsed on the web,
opened by the print stylesheet), teacher notes are ``info`` admonitions with ``pw-teacher-only``. Any other class
becomes a plain ``<div class="pw-box CLASS">``. A box's title is its ``title`` attribute, or else the heading on
its first line (which then leaves the content), or else the kind's own word ("Challenge"). Titles are plain
text, escaped; classes and ids are cut down to slug characters.

Fenced code is never read for fences: the fenced-code extensions (``fenced_code``, ``pymdownx.superfences``) put
code away before blocks are parsed, and indented code starts with spaces. Each div's content is read once to
find its end and once more when it is parsed, and divs nest at most :data:`MAX_DEPTH` deep (deeper fences are
dropped, their content kept), so the work grows linearly with the document.

Enable it with ``markdown_extensions: [mkdocs_pathways.render.fenced_divs]``; it imports nothing from MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

from markdown import Markdown  # type: ignore[import-untyped, unused-ignore]
from markdown.blockparser import BlockParser  # type: ignore[import-untyped, unused-ignore]
from markdown.blockprocessors import BlockProcessor  # type: ignore[import-untyped, unused-ignore]
from markdown.extensions import Extension  # type: ignore[import-untyped, unused-ignore]
from markdown.util import AtomicString  # type: ignore[import-untyped, unused-ignore]

MAX_DEPTH = 12
"""How deeply divs nest; fences deeper than this are dropped and their content joins the enclosing box."""
PRIORITY = 78
"""After indented code (80), before tables (75), headings (70) and paragraphs, which would split a div."""

FENCE = re.compile(r"^:{3,}(?P<rest>.*)$")
_FENCE_ANYWHERE = re.compile(r"^:{3}", re.M)
_ATTRIBUTE = re.compile(
    r"""(?P<key>[A-Za-z_][\w.:-]*)\s*=\s*(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s}]+))"""
    r"""|\.(?P<cls>[^\s{}.#]+)|\#(?P<id>[^\s{}.#]+)|(?P<word>[^\s{}=]+)""")
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.*)$")
_NOT_SLUG = re.compile(r"[^a-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INLINE_MARKUP = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),   # [text](link) and images: the text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),          # strong
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*"), r"\1"),  # emphasis with stars (not snake_case)
    (re.compile(r"`+([^`]*)`+"), r"\1"),               # code spans
)
MAX_TITLE = 200
MAX_CLASSES = 8


@dataclass(frozen=True)
class Kind:
    """What a div class becomes: the element, its classes and the title it gets when it names none."""

    tag: str
    classes: str
    title: str


ACTIVITY = "admonition example pw-activity"
SOLUTION = "pw-solution"
KINDS: dict[str, Kind] = {
    "activity": Kind("div", ACTIVITY, "Activity"),
    "challenge": Kind("div", ACTIVITY, "Challenge"),
    "exercise": Kind("div", ACTIVITY, "Exercise"),
    "discussion": Kind("div", ACTIVITY, "Discussion"),
    "solution": Kind("details", f"success {SOLUTION}", "Solution"),
    "hint": Kind("details", f"tip {SOLUTION} pw-hint", "Hint"),
    "instructor": Kind("div", "admonition info pw-teacher-only", "Teacher note"),
    "teacher": Kind("div", "admonition info pw-teacher-only", "Teacher note"),
    "callout": Kind("div", "admonition note", "Note"),
    "caution": Kind("div", "admonition warning", "Caution"),
    "prereq": Kind("div", "admonition info", "Prerequisites"),
    "checklist": Kind("div", "admonition success", "Checklist"),
    "keypoints": Kind("div", "admonition abstract", "Key points"),
    "objectives": Kind("div", "admonition abstract", "Objectives"),
    "testimonial": Kind("div", "admonition quote", "Testimonial"),
    # Quarto's callouts
    "callout-note": Kind("div", "admonition note", "Note"),
    "callout-tip": Kind("div", "admonition tip", "Tip"),
    "callout-important": Kind("div", "admonition danger", "Important"),
    "callout-warning": Kind("div", "admonition warning", "Warning"),
    "callout-caution": Kind("div", "admonition warning", "Caution"),
}
# Material's own admonition types, by name: ::: tip, ::: warning …
for _type in ("note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug",
              "example", "quote"):
    KINDS.setdefault(_type, Kind("div", f"admonition {_type}", _type.capitalize()))


def slug(value: str) -> str:
    """A class or id from content, with slug characters only: lowercase letters, digits, '-' and '_'."""
    return _NOT_SLUG.sub("-", value.lower()).strip("-")[:64]


def plain_title(text: str) -> str:
    """A title as plain text: control characters (and Markdown's placeholder marks) removed, length capped."""
    return " ".join(_CONTROL.sub("", text).split())[:MAX_TITLE]


def heading_title(text: str) -> str:
    """The text of a Markdown heading, without its closing hashes, links, emphasis and code marks."""
    text = text[: MAX_TITLE * 4].rstrip()
    unhashed = text.rstrip("#")
    if unhashed != text and (not unhashed or unhashed[-1] in " \t"):
        text = unhashed.rstrip()
    for pattern, replacement in _INLINE_MARKUP:
        text = pattern.sub(replacement, text)
    return plain_title(text)


@dataclass(frozen=True)
class Opening:
    """What an opening fence says: its classes, id and title (all still raw text)."""

    classes: tuple[str, ...]
    id: str
    title: str


def parse_opening(rest: str) -> Opening | None:
    """The attributes after an opening fence's colons, or None if the fence is a closing one."""
    rest = rest.strip().rstrip(":").rstrip()
    if not rest:
        return None
    classes: list[str] = []
    ident = title = ""
    if rest.startswith("{"):
        inner = rest[1:].rsplit("}", 1)[0]
        for m in _ATTRIBUTE.finditer(inner):
            if m["cls"] or m["word"]:
                classes.append(m["cls"] or m["word"])
            elif m["id"]:
                ident = ident or m["id"]
            elif m["key"].lower() == "title":
                raw = m["dq"] if m["dq"] is not None else (m["sq"] if m["sq"] is not None else m["bare"])
                title = re.sub(r"\\(.)", r"\1", raw)
    else:
        # Pandoc's short form is one word; words after it are taken as the title.
        word, _, extra = rest.partition(" ")
        classes.append(word)
        title = extra.strip()
    return Opening(tuple(classes), ident, title)


def split_fences(block: str) -> list[str]:
    """A block cut at its fence lines: the runs of other lines and each fence line, as blocks of their own."""
    out: list[str] = []
    text: list[str] = []
    for line in block.split("\n"):
        if FENCE.match(line):
            if text:
                out.append("\n".join(text))
                text = []
            out.append(line)
        else:
            text.append(line)
    if text:
        out.append("\n".join(text))
    return out


def fence_of(block: str) -> re.Match[str] | None:
    """The fence that a block is, if it is one line that is a fence."""
    return None if "\n" in block else FENCE.match(block)


class FencedDivProcessor(BlockProcessor):  # type: ignore[misc, unused-ignore] # Markdown is untyped
    """Turns a run of blocks from an opening fence to its closing fence into one box."""

    def __init__(self, parser: BlockParser) -> None:
        super().__init__(parser)
        self.depth = 0

    def test(self, parent: etree.Element, block: str) -> bool:
        return _FENCE_ANYWHERE.search(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        segments = split_fences(blocks.pop(0))
        if fence_of(segments[0]) is None:
            # Text before the fence, in the same block ("A paragraph\n::: challenge"), is parsed on its own.
            self.parser.parseBlocks(parent, [segments.pop(0)])
        fence = fence_of(segments.pop(0))
        assert fence is not None
        opening = parse_opening(fence["rest"])
        if opening is None or self.depth >= MAX_DEPTH:
            # A closing fence with no open div, or a div nested too deeply: the fence line is dropped.
            blocks[0:0] = segments
            return
        content = self._take_content(segments, blocks)
        element, content = self._box(parent, opening, content)
        self.depth += 1
        try:
            self.parser.parseBlocks(element, content)
        finally:
            self.depth -= 1

    @staticmethod
    def _take_content(segments: list[str], blocks: list[str]) -> list[str]:
        """The blocks inside a div whose opening fence came just before ``segments`` (the rest of its block).

        They are taken from ``blocks``, and what follows the closing fence is put back, each fence line of it
        a block of its own. A div that is never closed takes everything to the end of its container.
        """
        content: list[str] = []
        depth = 1
        taken = 0
        while True:
            for index, segment in enumerate(segments):
                fence = fence_of(segment)
                if fence is not None:
                    if parse_opening(fence["rest"]) is not None:
                        depth += 1
                    else:
                        depth -= 1
                        if depth == 0:
                            blocks[:taken] = segments[index + 1:]
                            return content
                content.append(segment)
            if taken == len(blocks):
                blocks.clear()
                return content
            block = blocks[taken]
            taken += 1
            segments = split_fences(block) if _FENCE_ANYWHERE.search(block) else [block]

    def _box(self, parent: etree.Element, opening: Opening, content: list[str]) -> tuple[etree.Element, list[str]]:
        """The box element for a div, appended to ``parent``, and the content that goes in it."""
        classes = [c for c in (slug(name) for name in opening.classes[:MAX_CLASSES]) if c]
        kind = next((KINDS[c] for c in classes if c in KINDS), None)
        title = plain_title(opening.title)
        if kind is None:
            element = etree.SubElement(parent, "div")
            element.set("class", " ".join(dict.fromkeys(["pw-box", *classes])))
            if title:
                heading = etree.SubElement(element, "p")
                heading.set("class", "pw-box-title")
                heading.text = AtomicString(title)
        else:
            if not title and content:
                title, content = self._heading_title(content)
            extra = [c for c in classes if c not in KINDS]
            element = etree.SubElement(parent, kind.tag)
            element.set("class", " ".join(dict.fromkeys([*kind.classes.split(), *extra])))
            label = etree.SubElement(element, "summary" if kind.tag == "details" else "p")
            if kind.tag != "details":
                label.set("class", "admonition-title")
            label.text = AtomicString(title or kind.title)
        ident = slug(opening.id)
        if ident:
            element.set("id", ident)
        return element, content

    @staticmethod
    def _heading_title(content: list[str]) -> tuple[str, list[str]]:
        """A heading on the div's first line as its title, and the content without it."""
        first, _, after = content[0].partition("\n")
        heading = _HEADING.match(first)
        if heading is None:
            return "", content
        title = heading_title(heading["text"])
        return title, ([after] if after.strip() else []) + content[1:]


class FencedDivExtension(Extension):  # type: ignore[misc, unused-ignore] # Markdown is untyped
    """Adds fenced divs to Python-Markdown."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.parser.blockprocessors.register(FencedDivProcessor(md.parser), "pw_fenced_div", PRIORITY)


def makeExtension(**kwargs: Any) -> FencedDivExtension:
    """Python-Markdown's entry point: ``markdown_extensions: [mkdocs_pathways.render.fenced_divs]``."""
    return FencedDivExtension(**kwargs)
