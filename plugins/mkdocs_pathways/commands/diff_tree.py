"""Copying the guide's files at one revision, or in the working tree, safely into a temporary folder.

The revision usually comes from a stranger's pull request, so nothing in it is trusted: file names from git can
hold any bytes, and a file may be a symbolic link, a submodule or a special file. Only ordinary files inside the
guide's folders are copied, never outside the temporary folder and never through a link; everything else
becomes a :class:`Finding` that says why it was not read.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REGULAR_MODES = {"100644", "100755"}
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
COPY_CHUNK = 1 << 16
SYMLINK = "it is a symbolic link; links are not followed, so it was not read"


class DiffError(Exception):
    """The revisions cannot be compared; the message says why."""


@dataclass(frozen=True)
class Finding:
    """A file in the guide's folders that the comparison could not use as it is.

    ``problem`` is written here, never copied from content; ``path`` comes from the repository and
    is shown as code.
    """

    revision: str
    path: str
    problem: str


def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)  # noqa: S603, S607
    except FileNotFoundError as exc:
        raise DiffError("git is not installed") from exc
    if result.returncode != 0:
        raise DiffError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def unsafe_name(path: str) -> str | None:
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


def copy_revision(root: Path, revision: str, folders: Sequence[str], tree: Path, label: str) -> list[Finding]:
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
    unsafe = unsafe_name(entry.path)
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


def copy_working_tree(root: Path, folders: Sequence[str], tree: Path, label: str) -> list[Finding]:
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
                    yield relative, unsafe_name(relative)


def _copy_file(source: Path, out: IO[bytes]) -> None:
    with source.open("rb") as stream:
        shutil.copyfileobj(stream, out, COPY_CHUNK)
