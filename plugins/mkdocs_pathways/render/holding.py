"""The HTML blocks of a generated page, held aside while the site engine converts the page's Markdown.

Generated pages are Markdown made mostly of raw HTML (each ``{% html_block %}`` of a template). Python-Markdown
passes raw HTML through unchanged, but it parses all of it to find where each block ends, and on a large guide
that parsing was most of the build (a booklet holds the HTML of 36 lessons). So the templates mark where each
block starts and ends (:class:`mkdocs_pathways.render.filters.HtmlBlocks` writes the marks), and the page keeps
the blocks aside: its Markdown has one short placeholder comment per block, which the engine passes through as
it would the block, and the block goes back in its place after conversion (``GeneratedPage.fill``). The HTML
that reaches the browser is the same; only the parsing is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Control characters cannot come from content: YAML refuses them, and every value in a template is escaped or
# is markup this package made. Author Markdown reaches a page only as a fragment placeholder.
OPEN = "\x02"
CLOSE = "\x03"
PLACEHOLDER = "<!-- pathways:html {} -->"
_MARKS = re.compile("[\x02\x03]")


def hold(text: str, held: list[str], resolve: Callable[[str], str] = lambda html: html) -> str:
    """``text`` with each outermost marked block replaced by a placeholder, the block appended to ``held``.

    A block inside another goes with the outer one. ``resolve`` fills what the block holds that must be in place
    before it is set aside (the fragments of author Markdown inside it). Unbalanced marks are dropped and their
    text stays where it is.
    """
    if OPEN not in text:
        return strip(text)
    out: list[str] = []
    depth, start, position = 0, 0, 0
    for match in _MARKS.finditer(text):
        if match.group() == OPEN:
            if depth == 0:
                out.append(text[position:match.start()])
                start = match.end()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                block = strip(text[start:match.start()])
                ending = "\n" if block.endswith("\n") else ""  # a line break before the closing tag stays outside
                held.append(resolve(block[:-1] if ending else block))
                out.append(PLACEHOLDER.format(len(held) - 1) + ending)
                position = match.end()
    out.append(text[start:] if depth else text[position:])
    return strip("".join(out))


def strip(text: str) -> str:
    """``text`` without the marks: for output that is converted as it is (author pages' blocks, exports)."""
    return _MARKS.sub("", text) if OPEN in text or CLOSE in text else text
