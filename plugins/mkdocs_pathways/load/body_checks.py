"""The checks of lesson and translation bodies: broken links and images (PW206, PW207, PW209, PW210), images
without alt text (PW208), paragraphs too complex to render (PW014), and files of the lessons folder that no
lesson uses (PW211).

What a reference points at is decided by :class:`~mkdocs_pathways.load.body_links.Resolver`, which the renderer
shares, so a link the check accepts is a link the pages print.
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.load.body_links import FENCE, LessonAnchors, Resolver, anchors, references
from mkdocs_pathways.model import Catalog
from mkdocs_pathways.words import did_you_mean


def check_body(resolver: Resolver, body: str, body_line: int, lesson_file: str,
               used: set[str] | None = None) -> Iterator[Diagnostic]:
    """Every broken reference of one body, located at its line and column in the lesson file.

    When ``used`` is given, the files of the lessons folder the body refers to are added to it as the references
    are resolved, so that a check resolves each reference once (as :meth:`Resolver.files` would again).
    """
    own_anchors: set[str] | None = None  # found at the first link to one of them
    for ref in references(body):
        where = Location(lesson_file, body_line + ref.line - 1, ref.column)
        if ref.image and ref.alt is not None and not ref.alt.strip():
            yield Diagnostic("PW208", where, f"the image '{ref.target}' has no alt text",
                             "describe the image in the brackets, as a screen reader should read it: "
                             "![A ladder of six rungs, from career fair to apprenticeship](fig/ladder.svg).")
        target, code, message = resolver.resolve(ref.target, lesson_file)
        if target is None:
            # A did-you-mean, when there is one, comes after '|' and opens the hint.
            message, _, guess = message.partition("|")
            yield Diagnostic(code, where, message, guess + _HINTS[code])
            continue
        if used is not None and target.kind == "file":
            used.add(target.path)
        if target.anchor and target.kind in ("anchor", "lesson"):
            if target.kind == "anchor":
                if own_anchors is None:
                    own_anchors = anchors(body)
                known = own_anchors
            else:
                known = resolver.lesson_anchors.get(target.path, set())
            if target.anchor not in known:
                yield Diagnostic("PW209", where, f"there is no heading '#{target.anchor}' in "
                                 f"{'this lesson' if target.kind == 'anchor' else 'lesson ' + repr(target.path)}",
                                 f"{did_you_mean(target.anchor, known)}An anchor is a heading's title in "
                                 "lowercase with hyphens for spaces, such as #session-2-interviews.")


_HINTS = {
    "PW206": "Check the spelling and the folder: paths are relative to the lesson file, for example fig/x.svg for "
             "lessons/fig/x.svg. Keep the file inside the lessons folder.",
    "PW207": "Link to a lesson by its file name (other-lesson.md), to a page by its path (../content/page.md) and "
             "to a pathway by its file (../pathways/id.yml).",
    "PW210": "Keep images and handouts inside the lessons folder, and link only to lessons, pages and pathways "
             "of this guide (or to a full web address).",
}


# Python-Markdown's inline patterns rescan the text after each unmatched opening bracket, so runs of them take
# time that grows with the square of their length (a few thousand '[' take seconds, 20,000 take minutes), and
# deeply nested lists or quotes exhaust its recursion. These bounds are far above what lessons need.
MAX_UNMATCHED = 150
MAX_NESTING = 24
PAIRS = (("[", "]"), ("(", ")"), ("<", ">"))


# Only a line that starts with one of these nests at all (_depth is 0 for any other).
_NESTING_STARTS = (" ", "\t", ">")
# The fewest leading spaces (without tabs or '>') with which a line nests more than MAX_NESTING levels.
_TOO_DEEP_INDENT = " " * (2 * MAX_NESTING + 2)


def too_complex(body: str, body_line: int, path: str) -> Iterator[Diagnostic]:
    """PW014 for each paragraph whose unmatched brackets or nesting would make rendering slow or crash."""
    # A paragraph holds no more brackets than its body, and no line deeper than the body's deepest: a body within
    # both bounds as a whole has no paragraph beyond them, which spares the walk for nearly every lesson.
    # (A count is slower than a test with 'in', which finds nothing in most lessons for at least one of them.)
    if all(opening not in body or body.count(opening) <= MAX_UNMATCHED for opening, _ in PAIRS):
        if "\t" not in body and ">" not in body and _TOO_DEEP_INDENT not in body:
            return  # only spaces indent, and no line has as many as it takes to nest too deep
        if not any(_depth(line) > MAX_NESTING for line in body.splitlines() if line.startswith(_NESTING_STARTS)):
            return
    lines = body.splitlines()
    start, fence = 0, False
    for index, line in enumerate([*lines, ""]):
        if FENCE.match(line):
            if not fence:
                yield from _paragraph(lines[start:index], body_line + start, path)
            fence, start = not fence, index + 1
        elif not fence and not line.strip():
            yield from _paragraph(lines[start:index], body_line + start, path)
            start = index + 1


def _paragraph(lines: list[str], line: int, path: str) -> Iterator[Diagnostic]:
    paragraph = "\n".join(lines)
    where = Location(path, line, 1)
    for opening, closing in PAIRS:
        unmatched = paragraph.count(opening) - paragraph.count(closing)
        if unmatched > MAX_UNMATCHED:
            yield Diagnostic("PW014", where, f"this paragraph has {unmatched} more '{opening}' than "
                             f"'{closing}', which would make the page very slow to build",
                             f"close each '{opening}', or put the text in a code block (between ``` lines).")
            break
    depth = max((_depth(text) for text in lines), default=0)
    if depth > MAX_NESTING:
        yield Diagnostic("PW014", where, f"this paragraph nests lists or quotes {depth} levels deep, more "
                         f"than the {MAX_NESTING} a page can be built with", "flatten the list or quote.")


def _depth(line: str) -> int:
    stripped = line.lstrip(" \t>")
    quotes = line[: len(line) - len(stripped)].count(">")
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    return quotes + indent // 2


def check_bodies(config: GuideConfig, catalog: Catalog) -> tuple[Resolver, list[Diagnostic]]:
    """Check every lesson and translation body; also warn about files in the lessons folder no lesson uses."""
    lesson_anchors = LessonAnchors({lesson.id: lesson.body for lesson in catalog.lessons})
    resolver = Resolver(config, set(lesson_anchors), {p.id for p in catalog.pathways}, lesson_anchors)
    problems: list[Diagnostic] = []
    used: set[str] = set()
    for lesson in catalog.lessons:
        bodies = [(lesson.source.path, lesson.body, lesson.body_line)]
        bodies += [(t.source.path, t.body, t.body_line) for t in lesson.translations]
        for path, body, line in bodies:
            complex_ = list(too_complex(body, line, path))
            if complex_:
                resolver.too_complex.add(path)  # rendered as a notice, never converted
                problems.extend(complex_)
            problems.extend(check_body(resolver, body, line, path, used))
    problems.extend(_unused(config, used))
    return resolver, problems


def _unused(config: GuideConfig, used: set[str]) -> Iterator[Diagnostic]:
    folder = config.lessons_dir
    if not folder.is_dir():
        return
    # Lessons (.md) are never files that lessons use: leaving them out before the sort spares thousands of paths.
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() != ".md"):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith((".", "_")) for part in rel.split("/")) or path.is_dir():
            continue
        if path.suffix.lower() == ".md" or path.name.upper().startswith("README"):
            continue  # lessons, and misplaced lesson files (reported as PW012), are not files that lessons use
        if rel not in used:
            yield Diagnostic("PW211", Location(config.relative(path)), f"no lesson links to '{rel}', so it is not "
                             "published", "link to it from a lesson (![description](fig/x.svg) or "
                             "[Handout](handouts/x.pdf)), or delete it.")
