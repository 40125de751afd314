"""``pathways diff``: what a change does to the guide, as Markdown for a pull-request comment.

Both sides are loaded with the same loader as the site, so the summary speaks of pathways, steps and lessons
rather than of lines of YAML.

The comment is usually made from a stranger's pull request, so nothing in it is trusted: file names from git
can hold any bytes, and titles can hold Markdown, HTML, ``@mentions`` or newlines. Each revision is copied into
a temporary folder (never outside it, never through a symbolic link) and loaded from there; every title and
file name is made inert before it goes into the comment.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Generic, TypeVar

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.load.sources import PATHWAY_SUFFIXES, content_files
from mkdocs_pathways.model import Catalog, Lesson, Pathway, Step
from mkdocs_pathways.vocab import grade_span_label

IGNORED_FIELDS = {"source", "locations", "body_line", "body"}
WORKING_TREE = "working tree"
REGULAR_MODES = {"100644", "100755"}
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
COPY_CHUNK = 1 << 16
SYMLINK = "it is a symbolic link; links are not followed, so it was not read"
# A title longer than this is cut in the comment: a pull request must not be able to fill it with one line.
MAX_TITLE = 200
# Inserted after "@" so that GitHub does not notify a person or team named in a title (invisible when shown).
MENTION_BREAK = "\u200b"
# Line breaks, other control characters and the bidirectional overrides that can make text read differently.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that start Markdown or HTML markup in GitHub's dialect: emphasis, code, links, images, HTML, entities,
# tables, strikethrough and math. Each is shown as itself once escaped with a backslash.
MARKUP = re.compile(r"([\\`*_\[\]<>#|!~&$])")


class DiffError(Exception):
    """The revisions cannot be compared; the message says why."""


@dataclass(frozen=True)
class Finding:
    """A file in the guide's folders that the comparison could not use as it is.

    ``problem`` is written by this module, never copied from content; ``path`` comes from the repository and
    is shown as code.
    """

    revision: str
    path: str
    problem: str


@dataclass(frozen=True)
class Snapshot(Catalog):
    """The catalog at one revision, with what could not be read there.

    It is a :class:`Catalog`, so code that only compares catalogs need not know the difference. ``broken`` maps
    each content file that is there but did not load to the number of problems ``pathways check`` finds in it.
    """

    label: str = ""
    broken: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    findings: tuple[Finding, ...] = ()


def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)  # noqa: S603, S607
    except FileNotFoundError as exc:
        raise DiffError("git is not installed") from exc
    if result.returncode != 0:
        raise DiffError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def catalog_at(config: GuideConfig, revision: str | None) -> Snapshot:
    """The catalog at a git revision, or in the working tree when ``revision`` is None.

    Files that could not be used (links, unsafe names, files that do not load) are in the snapshot's
    ``findings`` and ``broken``, so that the comment can say so instead of calling them removed.
    """
    label = WORKING_TREE if revision is None else revision
    folders = _content_folders(config)
    with tempfile.TemporaryDirectory(prefix="pathways-diff-") as folder:
        tree = Path(folder).resolve()
        if revision is None:
            findings = _copy_working_tree(config.root, folders, tree, label)
        else:
            findings = _copy_revision(config.root, revision, folders, tree, label)
        other = dataclasses.replace(config, root=tree, pathways_dir=tree / folders[0], lessons_dir=tree / folders[1],
                                    docs_dir=tree / config.relative(config.docs_dir))
        catalog, diagnostics = load_catalog(other)
        return _snapshot(catalog, diagnostics, other, label, findings)


def _content_folders(config: GuideConfig) -> tuple[str, str]:
    """The pathways and lessons folders, relative to the project folder, which they must be inside."""
    folders = []
    for what, path in (("pathways", config.pathways_dir), ("lessons", config.lessons_dir)):
        # The folder as configured, not as resolved: if a pull request turns lessons/ into a link, the folder to
        # compare is still lessons/ (and the link is reported), not wherever the link points.
        try:
            relative = path.relative_to(config.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        if _unsafe_name(relative) is not None:
            raise DiffError(f"the {what} folder ({path}) is not inside the project folder ({config.root}), so it "
                            "cannot be compared between revisions")
        folders.append(relative)
    return folders[0], folders[1]


def _unsafe_name(path: str) -> str | None:
    """Why a path from the repository may not be written into the temporary folder, or None if it may."""
    parts = path.split("/")
    if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return "its name points outside the guide's folders (it has an empty part, '.' or '..'), so it was not read"
    if any(part.lower() == ".git" for part in parts):
        return "it is inside a folder named .git, which git itself uses, so it was not read"
    if any(c in path for c in "\\\x00"):
        return "its name has a backslash, which some computers read as a folder separator, so it was not read"
    return None


def _inside(tree: Path, path: str) -> Path | None:
    """Where a file of the repository goes in the temporary folder; None if that would be outside it."""
    target = (tree / path).resolve()
    return target if target != tree and target.is_relative_to(tree) else None


# -- a revision from git ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One line of ``git ls-tree``: a file's mode, object type, object id and path (relative to the root)."""

    mode: str
    kind: str
    oid: str
    path: str


def _list_tree(root: Path, commit: str, folders: Sequence[str]) -> list[_Entry]:
    # -z: names come NUL-terminated and unquoted, so names with spaces, quotes or non-ASCII letters are read
    # exactly. --literal-pathspecs: a folder name with * or : is a name, not a pattern.
    listing = _git(root, "--literal-pathspecs", "ls-tree", "-r", "-z", commit, "--", *folders)
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _tab, raw_path = record.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split(" ")
        entries.append(_Entry(mode, kind, oid, os.fsdecode(raw_path)))
    return entries


def _copy_revision(root: Path, revision: str, folders: Sequence[str], tree: Path, label: str) -> list[Finding]:
    """Write the guide's files at ``revision`` into ``tree``; return what could not be written, and why."""
    if revision.startswith("-"):
        raise DiffError(f"'{revision}' is not a revision: a revision is a branch, tag or commit, such as main")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode("ascii").strip()
    findings = []
    with _BlobReader(root) as blobs:
        for entry in _list_tree(root, commit, folders):
            problem = _entry_problem(entry, folders)
            target = None if problem else _inside(tree, entry.path)
            if target is None:
                problem = problem or "its name points outside the guide's folders, so it was not read"
            else:
                problem = _write(target, functools.partial(blobs.copy, entry.oid))
            if problem:
                findings.append(Finding(label, entry.path, problem))
    return findings


def _entry_problem(entry: _Entry, folders: Sequence[str]) -> str | None:
    """Why an entry of the tree is not copied, or None for an ordinary file inside the guide's folders."""
    unsafe = _unsafe_name(entry.path)
    if unsafe:
        return unsafe
    if entry.mode == SYMLINK_MODE:  # before the folder test: the lessons folder itself may be a link
        return SYMLINK
    if entry.mode == SUBMODULE_MODE:
        return "it is a link to another repository (a submodule), so it was not read"
    if not any(entry.path.startswith(folder + "/") for folder in folders):
        return "it is not inside the guide's folders, so it was not read"
    if entry.kind != "blob" or entry.mode not in REGULAR_MODES:
        return f"it is not an ordinary file (git mode {entry.mode}), so it was not read"
    return None


class _BlobReader:
    """Reads file contents from git with one ``git cat-file --batch`` process, not one process per file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _BlobReader:
        try:
            self.process = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"],  # noqa: S603, S607
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL)
        except FileNotFoundError as exc:
            raise DiffError("git is not installed") from exc
        return self

    def __exit__(self, *_exc: object) -> None:
        assert self.process is not None and self.process.stdin is not None and self.process.stdout is not None
        # Closing both pipes ends git even when reading stopped half-way through an object.
        self.process.stdin.close()
        self.process.stdout.close()
        self.process.wait()

    def copy(self, oid: str, out: IO[bytes]) -> str | None:
        """Copy blob ``oid`` into ``out`` in chunks (a large file is never held in memory); None on success."""
        assert self.process is not None and self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(oid.encode("ascii") + b"\n")
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return "git could not give its content, so it was not read"
        remaining = int(header[2])
        while remaining:
            chunk = self.process.stdout.read(min(remaining, COPY_CHUNK))
            if not chunk:
                raise DiffError("git stopped while reading the files")
            out.write(chunk)
            remaining -= len(chunk)
        self.process.stdout.read(1)  # the newline after each object
        return None


def _write(target: Path, fill: Callable[[IO[bytes]], str | None]) -> str | None:
    """Create ``target`` and fill it with ``fill(file)``; a reason instead of an exception when that fails."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite, so two names that differ only in case (one file on some systems) are reported.
        with target.open("xb") as out:
            return fill(out)
    except FileExistsError:
        return "another file has the same name apart from upper and lower case, so it was not read"
    except OSError as exc:
        return f"it could not be copied ({exc.strerror or exc}), so it was not read"


# -- the working tree ------------------------------------------------------------------------------------------


def _copy_working_tree(root: Path, folders: Sequence[str], tree: Path, label: str) -> list[Finding]:
    """Copy the guide's ordinary files from the working tree into ``tree``, as for a revision.

    Copying, rather than reading in place, means a symbolic link in a checked-out pull request is reported and
    never followed, and a special file (such as a named pipe) cannot make the loader wait forever.
    """
    findings = []
    for path, problem in _working_files(root, folders):
        if problem is None:
            target = _inside(tree, path)
            assert target is not None  # the path comes from listing folders inside the root
            problem = _write(target, functools.partial(_copy_file, root / path))
        if problem:
            findings.append(Finding(label, path, problem))
    return findings


def _working_files(root: Path, folders: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Each file under the folders (relative to ``root``), with why it is not copied, or None."""
    for folder in folders:
        if (root / folder).resolve() != root.resolve() / folder:  # the folder, or one above it, is a link
            yield folder, SYMLINK
            continue
        # os.walk does not go into linked folders (followlinks is False); each entry is checked with lstat.
        for current, dirs, files in os.walk(root / folder):
            for name in sorted([*dirs, *files]):
                path = Path(current, name)
                relative = path.relative_to(root).as_posix()
                if path.is_symlink():
                    yield relative, SYMLINK
                elif name in files and not path.is_file():
                    yield relative, "it is not an ordinary file, so it was not read"
                elif name in files:
                    yield relative, _unsafe_name(relative)


def _copy_file(source: Path, out: IO[bytes]) -> None:
    with source.open("rb") as stream:
        shutil.copyfileobj(stream, out, COPY_CHUNK)


# -- the loaded snapshot ---------------------------------------------------------------------------------------


def _snapshot(catalog: Catalog, diagnostics: list[Diagnostic], config: GuideConfig, label: str,
              findings: list[Finding]) -> Snapshot:
    """The catalog with the content files that are there but did not load, and their problem counts."""
    loaded = {lesson.source.path for lesson in catalog.lessons} | {p.source.path for p in catalog.pathways}
    loaded |= {t.source.path for lesson in catalog.lessons for t in lesson.translations}
    present = [*content_files(config.pathways_dir, PATHWAY_SUFFIXES), *content_files(config.lessons_dir, (".md",))]
    counts = Counter(d.location.path for d in diagnostics)
    broken = {shown: counts[shown] for shown in map(config.relative, present) if shown not in loaded}
    values = {f.name: getattr(catalog, f.name) for f in dataclasses.fields(Catalog)}
    return Snapshot(**values, label=label, broken=broken, findings=tuple(findings))


@dataclass
class Change:
    """What changed about one pathway or lesson. ``details`` are plain text, escaped when written out."""

    title: str
    id: str
    details: list[str] = field(default_factory=list)


@dataclass
class Broken:
    """A pathway or lesson whose file is still there at the later revision but could not be used.

    Without this, such an item would look removed, and a reviewer could approve a change that breaks it.
    ``reason`` is written by this module, never copied from content.
    """

    title: str
    id: str
    path: str
    reason: str


@dataclass
class GuideDiff:
    """Everything that differs between two revisions of the guide, and the files that could not be compared."""

    pathways_added: list[Change] = field(default_factory=list)
    pathways_removed: list[Change] = field(default_factory=list)
    pathways_changed: list[Change] = field(default_factory=list)
    lessons_added: list[Change] = field(default_factory=list)
    lessons_removed: list[Change] = field(default_factory=list)
    lessons_changed: list[Change] = field(default_factory=list)
    pathways_broken: list[Broken] = field(default_factory=list)
    lessons_broken: list[Broken] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))


def _fields(item: object) -> dict[str, object]:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)  # type: ignore[arg-type]
            if f.name not in IGNORED_FIELDS}


def _describe_step(step: Step) -> str:
    grades = f" ({grade_span_label(step.grades)})" if step.grades else ""
    return f"{step.kind} “{step.title}”{grades}"


def _pathway_changes(old: Pathway, new: Pathway) -> list[str]:
    details = []
    old_f, new_f = _fields(old), _fields(new)
    for name in ("title", "summary", "description", "cluster", "occupations", "partners", "authors", "license",
                 "sample"):
        if old_f[name] != new_f[name]:
            details.append(f"{name} changed")
    old_steps = {s.id: s for s in old.all_steps()}
    new_steps = {s.id: s for s in new.all_steps()}
    for step_id, step in new_steps.items():
        if step_id not in old_steps:
            details.append(f"step added in {step.stage}: {_describe_step(step)}")
    for step_id, step in old_steps.items():
        if step_id not in new_steps:
            details.append(f"step removed from {step.stage}: {_describe_step(step)}")
    for step_id in old_steps.keys() & new_steps.keys():
        before, after = _fields(old_steps[step_id]), _fields(new_steps[step_id])
        changed = [k for k in before if k != "options" and before[k] != after[k]]
        if changed:
            details.append(f"step “{new_steps[step_id].title}” changed: {', '.join(sorted(changed))}")
    common = [s for s in old_steps if s in new_steps]
    if [s for s in new_steps if s in old_steps] != common:
        details.append("steps reordered")
    return details


def _lesson_changes(old: Lesson, new: Lesson) -> list[str]:
    before, after = _fields(old), _fields(new)
    details = []
    for name in before:
        if before[name] != after[name]:
            if name == "grades":
                details.append(f"grades {grade_span_label(old.grades)} → {grade_span_label(new.grades)}")
            elif name == "stage":
                details.append(f"stage {old.stage} → {new.stage}")
            else:
                details.append(f"{name.replace('_', ' ')} changed")
    if old.body != new.body:
        old_lines, new_lines = set(old.body.splitlines()), set(new.body.splitlines())
        details.append(f"lesson text changed (+{len(new_lines - old_lines)} / −{len(old_lines - new_lines)} lines)")
    return details


Item = TypeVar("Item", Pathway, Lesson)


@dataclass
class _Sides(Generic[Item]):
    """The items of one kind at both revisions, and the problems of the later revision's files by path."""

    old: Mapping[str, Item]
    new: Mapping[str, Item]
    problems: dict[str, str]
    old_broken: Mapping[str, int]
    old_label: str


def compare(old: Catalog, new: Catalog) -> GuideDiff:
    """Compare two catalogs. Snapshots from :func:`catalog_at` also give their broken files and findings."""
    diff = GuideDiff()
    problems = _file_problems(new)
    old_broken = old.broken if isinstance(old, Snapshot) else {}
    old_label = old.label if isinstance(old, Snapshot) else ""
    pathways = _Sides(old.pathway_by_id, new.pathway_by_id, problems, old_broken, old_label)
    (diff.pathways_added, diff.pathways_removed, diff.pathways_changed,
     diff.pathways_broken) = _compare_items(pathways, _pathway_changes, _pathway_summary)
    lessons = _Sides(old.lesson_by_id, new.lesson_by_id, problems, old_broken, old_label)
    (diff.lessons_added, diff.lessons_removed, diff.lessons_changed,
     diff.lessons_broken) = _compare_items(lessons, _lesson_changes, _lesson_summary)
    diff.findings = _remaining_findings(old, new, problems)
    return diff


def _pathway_summary(pathway: Pathway) -> str:
    return f"{len(pathway.all_steps())} steps"


def _lesson_summary(lesson: Lesson) -> str:
    return f"grades {lesson.grade_label}, {lesson.stage}"


def _compare_items(sides: _Sides[Item], changes: Callable[[Item, Item], list[str]], summary: Callable[[Item], str],
                   ) -> tuple[list[Change], list[Change], list[Change], list[Broken]]:
    added, removed, changed, broken = [], [], [], []
    for item_id in sorted(sides.new.keys() - sides.old.keys()):
        item = sides.new[item_id]
        details = [summary(item)]
        if item.source.path in sides.old_broken:
            details.append(f"its file did not load at {sides.old_label}")
        added.append(Change(item.title, item_id, details))
    for item_id in sorted(sides.old.keys() - sides.new.keys()):
        item = sides.old[item_id]
        # A file that is still there but unusable is not a removal: say what is wrong with it instead.
        reason = _problem_of(sides.problems, item.source.path)
        if reason is None:
            removed.append(Change(item.title, item_id))
        else:
            broken.append(Broken(item.title, item_id, item.source.path, reason))
    for item_id in sorted(sides.old.keys() & sides.new.keys()):
        details = changes(sides.old[item_id], sides.new[item_id])
        if details:
            changed.append(Change(sides.new[item_id].title, item_id, details))
    return added, removed, changed, broken


def _file_problems(catalog: Catalog) -> dict[str, str]:
    """Why each file of a snapshot that is there could not be used, by path."""
    if not isinstance(catalog, Snapshot):
        return {}
    problems = {finding.path: finding.problem for finding in catalog.findings}
    for path, count in catalog.broken.items():
        problems.setdefault(path, f"it does not load ({_problems(count)}; run `pathways check` to see them)")
    return problems


def _problem_of(problems: dict[str, str], path: str) -> str | None:
    """Why the file at ``path`` cannot be used (taken out of ``problems``), or why its folder cannot be."""
    if path in problems:
        return problems.pop(path)
    parents = [posixpath.dirname(path)]
    while parents[-1]:
        parents.append(posixpath.dirname(parents[-1]))
    return next((problems[p] for p in parents if p in problems), None)


def _problems(count: int) -> str:
    return "1 problem" if count == 1 else f"{count} problems"


def _remaining_findings(old: Catalog, new: Catalog, problems: Mapping[str, str]) -> list[Finding]:
    """The later revision's unusable files not already reported with their item, then the earlier one's."""
    if not isinstance(new, Snapshot):
        return []
    findings = [Finding(new.label, path, reason) for path, reason in sorted(problems.items())]
    if isinstance(old, Snapshot):
        # A file that was already unusable before the change, and is no longer there, may still matter.
        seen = set(problems) | {f.path for f in new.findings} | set(new.broken)
        findings += [f for f in sorted(old.findings, key=lambda f: f.path) if f.path not in seen]
    return findings


# -- Markdown --------------------------------------------------------------------------------------------------


def to_markdown(diff: GuideDiff, base: str, head: str) -> str:
    """The summary as Markdown, ready to paste into a review comment.

    Every title, revision name and file name is made inert first (see :func:`inline_text` and
    :func:`code_text`), so a pull request cannot put links, HTML, mentions or new lines into the comment.
    """
    lines = [f"## Changes to the guide ({inline_text(base)} → {inline_text(head)})", ""]
    if diff.empty:
        return "\n".join([*lines, "No pathway or lesson changed.", ""])
    lines += [_counts(diff), ""]
    lines += _section("Pathways", diff.pathways_added, diff.pathways_removed, diff.pathways_changed,
                      diff.pathways_broken, head)
    lines += _section("Lessons", diff.lessons_added, diff.lessons_removed, diff.lessons_changed,
                      diff.lessons_broken, head)
    if diff.findings:
        lines += ["### Files that could not be compared", ""]
        lines += [f"- {code_text(f.path)} (at {inline_text(f.revision)}): {f.problem}" for f in diff.findings]
        lines.append("")
    return "\n".join(lines)


def _counts(diff: GuideDiff) -> str:
    def line(added: list[Change], removed: list[Change], changed: list[Change], broken: list[Broken]) -> str:
        text = f"{len(added)} added, {len(removed)} removed, {len(changed)} changed"
        return text + (f", {len(broken)} broken" if broken else "")

    pathways = line(diff.pathways_added, diff.pathways_removed, diff.pathways_changed, diff.pathways_broken)
    lessons = line(diff.lessons_added, diff.lessons_removed, diff.lessons_changed, diff.lessons_broken)
    return f"**Pathways:** {pathways} · **Lessons:** {lessons}"


def _section(heading: str, added: list[Change], removed: list[Change], changed: list[Change],
             broken: list[Broken], head: str) -> list[str]:
    if not (added or removed or changed or broken):
        return []
    lines = [f"### {heading}", ""]
    for label, items in (("Added", added), ("Removed", removed)):
        for change in items:
            summary = f": {'; '.join(inline_text(d) for d in change.details)}" if change.details else ""
            lines.append(f"- {label}: {_name(change.title, change.id)}{summary}")
    for change in changed:
        lines.append(f"- Changed: {_name(change.title, change.id)}")
        lines += [f"  - {inline_text(detail)}" for detail in change.details]
    for item in broken:
        lines.append(f"- Broken: {_name(item.title, item.id)}: {code_text(item.path)} at {inline_text(head)}: "
                     f"{item.reason}")
    lines.append("")
    return lines


def _name(title: str, item_id: str) -> str:
    return f"**{inline_text(title)}** ({code_text(item_id)})"


def inline_text(text: str) -> str:
    """Text from content as inert Markdown for GitHub: one line, no markup, no mentions, no links.

    Control characters (newlines among them) become spaces, so a title cannot start a line of its own. Markup
    characters are escaped with a backslash, which GitHub shows as the character itself. ``@`` is followed by
    an invisible space, so ``@org/team`` notifies no one. ``://`` and ``www.`` are escaped so that an address
    is not turned into a link.
    """
    text = " ".join(CONTROL.sub(" ", _printable(text)).split())
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1] + "…"
    text = MARKUP.sub(r"\\\1", text)
    text = text.replace("@", "@" + MENTION_BREAK)
    text = re.sub(r"#(?=\d)", "#" + MENTION_BREAK, text)  # \#12 would still link issue 12
    text = text.replace("://", "\\://")
    return re.sub(r"(?i)\bwww\.", lambda m: m.group(0)[:-1] + "\\.", text)


def code_text(text: str) -> str:
    """A name (file path, id) as a Markdown code span: shown exactly, never read as markup or a mention.

    Control characters become U+FFFD, visibly, so that a name with a newline cannot break the line. The code
    span's fence is longer than any run of backticks in the name, so the name cannot close it early.
    """
    text = CONTROL.sub("\ufffd", _printable(text))
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _printable(text: str) -> str:
    """Text that can be written as UTF-8: a file name that is not valid UTF-8 gets U+FFFD for its bad bytes."""
    try:
        data = text.encode("utf-8", "surrogateescape")  # the bytes of the name, as the file system gave them
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    return data.decode("utf-8", "replace")
