"""Refuse what a guide must never publish: symbolic links, special files and git metadata in its folders.

A pull request can add ``content/env.txt -> /proc/self/environ`` or ``lessons -> /``; the site engine would
copy what they point at into the site. Every folder the build reads (pathways, lessons, standards, pages,
templates) is walked without following links, and each link or special file is reported before anything is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Location

HINT = ("replace it with the real file (or folder), inside the project; the guide never publishes links or "
        "special files, whose content could come from anywhere on the machine that builds the site.")


def _what(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def unsafe_entries(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every link, special file or ``.git`` entry in ``folder`` (the folder itself included), without following
    links. Yields the path and what it is."""
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(mode):
        yield folder, _what(mode)
        return
    # Top-down and in name order, as os.walk(followlinks=False) with sorted names would go; the directory
    # listing tells a folder, a regular file and anything else apart without a stat() per entry on most systems.
    pending = [os.fspath(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # as os.walk does with a folder it cannot list
        folders = []
        for entry in entries:
            if entry.name == ".git":
                yield Path(entry.path), "git metadata"
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                yield Path(entry.path), _what(entry.stat(follow_symlinks=False).st_mode)
        pending.extend(reversed(folders))


def check_folders(config: GuideConfig) -> list[Diagnostic]:
    """PW013 for each link, special file or git entry in the guide's folders, and for a partners file that is
    not a regular file."""
    folders = [config.pathways_dir, config.lessons_dir, config.docs_dir]
    if config.standards_dir is not None:
        folders.append(config.standards_dir)
    if config.templates_dir is not None:
        folders.append(config.templates_dir)
    problems = []
    seen: set[Path] = set()
    partners = config.partners_file
    if partners is not None and (partners.is_symlink() or partners.exists()):
        mode = os.lstat(partners).st_mode
        if not is_regular_file(partners, config.root):
            seen.add(partners)
            problems.append(Diagnostic("PW013", Location(config.relative(partners)),
                                       f"'{config.relative(partners)}' is {_what(mode)}, which is not read or "
                                       "published", HINT))
    for folder in folders:
        for path, what in unsafe_entries(folder):
            if path in seen:
                continue
            seen.add(path)
            problems.append(Diagnostic("PW013", Location(config.relative(path)),
                                       f"'{config.relative(path)}' is {what}, which is not read or published", HINT))
    return problems


def is_regular_file(path: Path, root: Path) -> bool:
    """True if ``path`` is a regular file reached from ``root`` without a link or a ``.git`` folder."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return False
    current = root
    for part in relative.parts:
        current = current / part
        if part == ".git" or current.is_symlink():
            return False
    return stat.S_ISREG(os.lstat(path).st_mode)


def unsafe_in_folder(paths: Iterable[str], folder: Path) -> set[str]:
    """Those of ``paths`` inside ``folder`` that are links, special files or git metadata: never published."""
    return {p for p in paths if folder in Path(p).parents and not is_regular_file(Path(p), folder)}
