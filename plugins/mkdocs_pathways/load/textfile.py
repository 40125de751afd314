"""Read content files as text, safely: size limit, encoding, empty files and lesson front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs_pathways.diagnostics import Diagnostic, Location

BOM = "\ufeff"


@dataclass(frozen=True)
class LessonText:
    """A lesson file split into its front matter (YAML) and its Markdown body."""

    front_matter: str
    front_matter_line: int  # line number of the first front matter line
    body: str
    body_line: int


def read_text(path: Path, shown: str, max_bytes: int) -> tuple[str | None, list[Diagnostic]]:
    """The text of a content file, or None and the reasons it cannot be read."""
    start = Location(shown, 1, 1)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [Diagnostic("PW003", start, f"the file is {size:,} bytes; the limit is {max_bytes:,}",
                                     "move images and large handouts into separate files and link to them.")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic("PW001", start, f"the file cannot be read ({exc.strerror or exc})",
                                 "check that the file exists and that you may read it.")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Diagnostic("PW001", Location(shown, line, column),
                                 f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
                                 "save the file again with the encoding UTF-8; old word processors often use "
                                 "Windows-1252 or Latin-1.")]
    if text.startswith(BOM):
        text = text[1:]  # harmless: editors on Windows add it, and it carries no content
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Diagnostic("PW001", Location(shown, line, 1), "the file contains NUL bytes, so it is not text",
                                 "this looks like a binary file; replace it with the text file it should be.")]
    if not text.strip():
        return None, [Diagnostic("PW002", start, "the file is empty",
                                 "fill it in, start from `pathways new`, or delete the file.")]
    return text, []


def split_front_matter(text: str, shown: str) -> tuple[LessonText | None, list[Diagnostic]]:
    """Split a lesson into front matter and body. The front matter sits between two ``---`` lines at the top."""
    if not newlines_only(text):
        return _split_lines(text, shown)
    # Lines end in '\n' alone: the closing line is found by one search, and the body is not split into lines.
    first = text.find("\n")
    if (text if first < 0 else text[:first]).rstrip() != "---":
        return None, [_no_front_matter(shown)]
    closing = _CLOSING.search(text, first) if first >= 0 else None
    if closing is None:
        return None, [_not_closed(shown)]
    start = closing.start() + 1  # where the closing line starts
    return LessonText(
        front_matter=text[first + 1:start],
        front_matter_line=2,
        body=text[closing.end() + 1:],
        body_line=text.count("\n", 0, start) + 2,
    ), []


# The line breaks of str.splitlines() other than '\n'.
_OTHER_BREAKS = ("\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def newlines_only(text: str) -> bool:
    """Whether the lines of ``text`` (as str.splitlines() tells them) all end in '\\n': then a search for '\\n'
    finds them, much faster than a split into lines."""
    # One `in` for each break is far quicker than a search for a set of characters.
    return not any(other in text for other in _OTHER_BREAKS)


# A line of '---' or '...' and any whitespace (as str.rstrip() strips it), found from the newline before it.
_CLOSING = re.compile(r"\n(?:---|\.\.\.)[^\S\n]*(?![^\n])")


def _split_lines(text: str, shown: str) -> tuple[LessonText | None, list[Diagnostic]]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, [_no_front_matter(shown)]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return LessonText(
                front_matter="".join(lines[1:index]),
                front_matter_line=2,
                body="".join(lines[index + 1:]),
                body_line=index + 2,
            ), []
    return None, [_not_closed(shown)]


def _no_front_matter(shown: str) -> Diagnostic:
    return Diagnostic("PW007", Location(shown, 1, 1), "the lesson does not start with front matter",
                      "the first line must be '---', followed by the lesson's fields (id, title, grades …) and "
                      "another '---' line; `pathways new lesson ID` writes an example.")


def _not_closed(shown: str) -> Diagnostic:
    return Diagnostic("PW008", Location(shown, 1, 1), "the front matter has no closing '---' line",
                      "add a line with only '---' after the last field of the front matter.")
