"""Links and images in lesson bodies, resolved the way GitHub's and VS Code's previews resolve them.

Every path in a lesson body is relative to the lesson file: ``fig/x.svg``, ``handouts/y.pdf``,
``other-lesson.md#step-2``, ``../content/using-the-guide.md``, ``../pathways/health-science.yml``. This module
finds those references (outside code) and says what each one points at, or why it points at nothing, which
:mod:`mkdocs_pathways.load.body_checks` reports. The renderer uses the same resolution to rewrite each reference
for the page it is printed on, so the lesson page, its translation, the printable booklet and the export all link
to the same published files.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.textfile import newlines_only
from mkdocs_pathways.words import did_you_mean

# `![alt](target "title")` and `[text](target)`; the text may hold one level of brackets (`[a [b] c](x)`).
INLINE = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
                    r"\(\s*(<[^>\n]*>|[^)\s]+)((?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*)\)")
REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)")
HTML_ATTR = re.compile(r"""(\b(?:src|href)\s*=\s*)(["'])([^"'\n]*)\2""", re.IGNORECASE)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$")
EXPLICIT_ID = re.compile(r"\{[^}\n]*#([A-Za-z][\w:.-]*)[^}\n]*\}|\bid\s*=\s*[\"']([^\"'\n]+)[\"']")
PAGE_SUFFIXES = (".md",)
PATHWAY_SUFFIXES = (".yml", ".yaml")
MAX_ASSET_BYTES = 25_000_000


@dataclass(frozen=True)
class Reference:
    """One link or image in a body: where it is, what it says, and where its target sits in the text."""

    line: int
    column: int
    target: str
    start: int  # offset of the target in the body
    end: int
    image: bool
    alt: str | None  # the alt text of a Markdown image, None for links and HTML
    html: bool = False  # in a raw HTML attribute, where the site engine rewrites nothing


@dataclass(frozen=True)
class Target:
    """What a reference points at. ``kind`` is lesson, page, pathway, file, anchor or external."""

    kind: str
    path: str = ""  # lesson or pathway id; page path in the docs folder; file path in the lessons folder
    anchor: str = ""


# Cheap substring tests that rule a pattern out before the regex runs: each pattern cannot match without its
# literal, and most lines of a lesson hold none of them (a check scans every body of the guide).
_INLINE_MARK, _REFERENCE_MARK, _HTML_MARK, _CODE_MARK = "](", "]:", "=", "`"
_LINK_MARKS = re.compile(r"\][(:]")  # either of the first two, in one pass over a body
# Python-Markdown's slugify, precompiled (it runs for every heading of every lesson).
_ATTR_LIST = re.compile(r"\{[^}]*\}\s*$")
_EMPHASIS_OR_LINK = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")
_NOT_SLUG = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")


def _mask_code(line: str) -> str:
    """The line with inline code replaced by spaces, so that links inside code are not seen."""
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _has_fence(body: str) -> bool:
    """Whether any line of ``body`` could open or close a fence (FENCE needs three backticks or tildes)."""
    # A test for one character is many times quicker than for three, and most bodies hold no '`' or '~' at all.
    return ("`" in body and "```" in body) or ("~" in body and "~~~" in body)


def references(body: str) -> Iterator[Reference]:
    """Every link and image in a Markdown body, outside fenced and indented code, in order."""
    if _HTML_MARK not in body and not _LINK_MARKS.search(body):
        return  # masking code only blanks text, so a body without any mark has no reference
    offset, fence = 0, ""
    fences = _has_fence(body)
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        opening = FENCE.match(line) if fences else None
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
        elif opening:
            fence = opening.group(1)
        elif not line.startswith(("    ", "\t")):
            text = _mask_code(line) if _CODE_MARK in line else line
            if _INLINE_MARK in text:
                for match in INLINE.finditer(text):
                    raw = match.group(3)
                    start = match.start(3) + (1 if raw.startswith("<") else 0)
                    target = raw.strip("<>")
                    yield Reference(number, match.start(3) + 1, target, offset + start,
                                    offset + start + len(target), bool(match.group(1)),
                                    match.group(2) if match.group(1) else None)
            ref = REFERENCE.match(text) if _REFERENCE_MARK in text else None
            if ref:
                raw = ref.group(2)
                start = ref.start(2) + (1 if raw.startswith("<") else 0)
                target = raw.strip("<>")
                yield Reference(number, ref.start(2) + 1, target, offset + start, offset + start + len(target),
                                False, None)
            if _HTML_MARK in text:
                for attr in HTML_ATTR.finditer(text):
                    yield Reference(number, attr.start(3) + 1, attr.group(3), offset + attr.start(3),
                                    offset + attr.end(3), attr.group(1).lower().startswith("src"), None, html=True)
        offset += len(line)


@functools.lru_cache(maxsize=4096)
def heading_slug(text: str) -> str:
    """The anchor Python-Markdown's table of contents gives a heading (its default ``slugify``)."""
    # Cached: most lessons share their section titles (Overview, Assessment...), and the slug is pure.
    text = _ATTR_LIST.sub("", text)  # attribute lists are not part of the title
    text = _EMPHASIS_OR_LINK.sub(lambda m: m.group(1) or "", text)
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG.sub("", value).strip().lower()
    return _SEPARATORS.sub("-", value)


def _outside_fences(lines: list[str]) -> list[str]:
    """The lines that are not fence lines or inside a fence."""
    out, fence = [], False
    for line in lines:
        if FENCE.match(line):
            fence = not fence
        elif not fence:
            out.append(line)
    return out


def _lines_starting_with_hash(body: str) -> Iterator[str]:
    """The lines of ``body`` that start with '#', for a body whose lines all end in '\\n'."""
    text = "\n" + body  # so that the first line too follows a newline
    start = text.find("\n#")
    while start >= 0:
        end = text.find("\n", start + 1)
        if end < 0:
            yield text[start + 1:]
            return
        yield text[start + 1:end]
        start = text.find("\n#", end)


def anchors(body: str) -> set[str]:
    """The anchors a body defines: its headings' slugs and explicit ids."""
    explicit = "{" in body or "=" in body
    if not explicit and not _has_fence(body) and newlines_only(body):
        # Headings alone, on the lines found by a search for '#' after a newline: no split into lines.
        return {heading_slug(heading.group(1)) for line in _lines_starting_with_hash(body)
                if (heading := HEADING.match(line))}
    lines = body.splitlines()
    if _has_fence(body):
        lines = _outside_fences(lines)
    headings = (HEADING.match(line) for line in lines if line.startswith("#"))
    found = {heading_slug(heading.group(1)) for heading in headings if heading}
    # EXPLICIT_ID needs a '{' (an attribute list) or an '=' (an HTML id="..."): most lines have neither.
    if explicit:
        for line in lines:
            if "{" in line or "=" in line:
                for match in EXPLICIT_ID.finditer(line):
                    found.add(match.group(1) or match.group(2))
    return found


class LessonAnchors(Mapping[str, set[str]]):
    """The anchors of each lesson's body (:func:`anchors`), by lesson id, each found the first time it is asked
    for: only a link to an anchor in a lesson needs that lesson's, and most lessons are the target of none."""

    def __init__(self, bodies: dict[str, str]) -> None:
        self._bodies = bodies
        self._found: dict[str, set[str]] = {}

    def __getitem__(self, lesson_id: str) -> set[str]:
        found = self._found.get(lesson_id)
        if found is None:
            found = self._found[lesson_id] = anchors(self._bodies[lesson_id])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._bodies)

    def __len__(self) -> int:
        return len(self._bodies)


class Resolver:
    """Resolves body references of one guide: which lessons, pages, pathways and files exist."""

    def __init__(self, config: GuideConfig, lesson_ids: set[str], pathway_ids: set[str],
                 lesson_anchors: Mapping[str, set[str]]) -> None:
        self.config = config
        self.root = config.root
        self.lessons = config.relative(config.lessons_dir)
        self.pathways = config.relative(config.pathways_dir)
        self.docs = config.relative(config.docs_dir)
        self.lesson_ids = lesson_ids
        self.pathway_ids = pathway_ids
        self.lesson_anchors = lesson_anchors
        # Bodies whose conversion would be super-linear (PW014), by file: the renderer does not convert them.
        self.too_complex: set[str] = set()
        # did-you-means already found, by kind and name: a broken link is often repeated across many lessons,
        # and each guess compares the name with every lesson (or pathway) id.
        self._guesses: dict[tuple[str, str], str] = {}

    def docs_file(self, src: str) -> str:
        """The project path of the page at ``src`` in the docs folder."""
        return f"{self.docs}/{src}" if self.docs not in ("", ".") else src

    def _inside(self, path: str, folder: str) -> str | None:
        """``path`` relative to ``folder`` (both relative to the project), or None if it is not inside it."""
        if folder in ("", "."):
            return path
        return path[len(folder) + 1:] if path.startswith(folder + "/") else None

    def _guess(self, kind: str, name: str) -> str:
        """The did-you-mean for a lesson or pathway id that does not exist."""
        key = (kind, name)
        if key not in self._guesses:
            self._guesses[key] = did_you_mean(name, self.lesson_ids if kind == "lesson" else self.pathway_ids)
        return self._guesses[key]

    def resolve(self, target: str, lesson_file: str) -> tuple[Target | None, str, str]:
        """What ``target``, written in ``lesson_file``, points at: (target, problem code, message).

        The target is None when the reference is broken; then the code and message say why (a suggestion, if
        any, follows a ``|`` in the message).
        """
        if not target or SCHEME.match(target) or target.startswith("//"):
            return Target("external", target), "", ""
        path, _, anchor = target.partition("#")
        path = path.partition("?")[0]
        if not path:
            return Target("anchor", "", anchor), "", ""
        if path.startswith("/"):
            return None, "PW210", f"'{target}' is an address from the site's root; write the path from this file"
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(lesson_file), path))
        if joined == ".." or joined.startswith("../"):
            return None, "PW210", f"'{target}' points outside the project folder"
        full = self.root / joined
        in_lessons = self._inside(joined, self.lessons)
        if in_lessons is not None and joined.endswith(PAGE_SUFFIXES) and "/" not in in_lessons:
            lesson_id = in_lessons[:-3].split(".")[0]
            if lesson_id in self.lesson_ids:
                return Target("lesson", lesson_id, anchor), "", ""
            return None, "PW207", (f"'{target}' names a lesson that does not exist"
                                   f"|{self._guess('lesson', lesson_id)}")
        in_pathways = self._inside(joined, self.pathways)
        if in_pathways is not None and joined.endswith(PATHWAY_SUFFIXES) and "/" not in in_pathways:
            pathway_id = in_pathways.rsplit(".", 1)[0]
            if pathway_id in self.pathway_ids:
                return Target("pathway", pathway_id, anchor), "", ""
            return None, "PW207", (f"'{target}' names a pathway that does not exist"
                                   f"|{self._guess('pathway', pathway_id)}")
        in_docs = self._inside(joined, self.docs)
        for folder, inside in (("lessons", in_lessons), ("docs", in_docs)):
            if inside is None:
                continue
            if not _regular_file(full, self.root):
                code = "PW207" if joined.endswith(PAGE_SUFFIXES) else "PW206"
                return None, code, f"'{target}' points to {_missing(full)}"
            if full.stat().st_size > MAX_ASSET_BYTES:
                return None, "PW206", (f"'{target}' is larger than {MAX_ASSET_BYTES // 1_000_000} MB, too large to "
                                       "publish with the guide")
            if folder == "docs":
                return Target("page" if joined.endswith(PAGE_SUFFIXES) else "docs-file", inside, anchor), "", ""
            return Target("file", inside, anchor), "", ""
        return None, "PW210", (f"'{target}' points to {joined}, outside the guide's folders "
                               f"({self.lessons}/, {self.docs}/, {self.pathways}/)")

    def files(self, body: str, lesson_file: str) -> Iterator[str]:
        """The files in the lessons folder that a body refers to (paths inside that folder)."""
        for ref in references(body):
            target, _code, _message = self.resolve(ref.target, lesson_file)
            if target is not None and target.kind == "file":
                yield target.path

    def handouts(self, body: str, lesson_file: str) -> list[str]:
        """The files of the lessons folder that a body links to (not shows as an image), each once, in order."""
        out: list[str] = []
        for ref in references(body):
            target, _code, _message = self.resolve(ref.target, lesson_file)
            if not ref.image and target is not None and target.kind == "file" and target.path not in out:
                out.append(target.path)
        return out


def _regular_file(path: Path, root: Path) -> bool:
    # A symlink could publish any file the build can read, so only regular files, reached without one, count.
    if not path.is_file() or path.is_symlink():
        return False
    parent = path.parent
    while parent != root and root in parent.parents:
        if parent.is_symlink():
            return False
        parent = parent.parent
    return True


def _missing(path: Path) -> str:
    if path.is_symlink():
        return "a symbolic link, which is not published"
    return "a file that does not exist" if not path.exists() else "something that is not a file"

