"""Read a guide's content files: list the folders, check file names, parse YAML and check each file's shape.

Every problem is collected. What comes out is a :class:`SourceFile` per readable file, holding the cleaned
fields and where each came from; turning them into model objects is :mod:`mkdocs_pathways.load.build`'s job.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.load import placeholders, spec
from mkdocs_pathways.load.safety import is_regular_file
from mkdocs_pathways.load.shape import ShapeChecker
from mkdocs_pathways.load.textfile import read_text, split_front_matter
from mkdocs_pathways.load.yamlsource import SourceMap, parse_yaml
from mkdocs_pathways.words import slugify

PATHWAY_SUFFIXES = (".yml", ".yaml")
MAX_ID_LENGTH = 100
# lessons/<id>.<language>.md is a translation of lessons/<id>.md, for example strengths-inventory.es.md.
TRANSLATION_NAME = re.compile(r"^(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<language>[a-z]{2}(?:-[a-z]{2})?)\.md$")


def content_files(folder: Path, suffixes: Iterable[str]) -> list[Path]:
    """The content files of a folder, sorted. Names starting with '_' or '.' and README files are not content."""
    # Links (to the folder or its files) are never followed: load.safety reports them.
    if folder.is_symlink() or not folder.is_dir():
        return []
    wanted = tuple(suffixes)
    # is_file(follow_symlinks=False) is "a regular file, not a link", which the directory listing already tells
    # on most systems: thousands of lessons cost no stat() each.
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries if entry.name.endswith(wanted)
                       and not entry.name.startswith(("_", ".")) and entry.is_file(follow_symlinks=False))
    # Sorted by name first, so that sorting the paths (in their own order) takes one pass.
    return sorted(p for p in (folder / name for name in names) if p.stem.upper() != "README")


def misplaced_files(config: GuideConfig) -> Iterator[Diagnostic]:
    """PW012 for files that look like lessons or pathways but are not read: a name ending in ``.MD`` or
    ``.YML``, or a file in a subfolder (lessons and pathways sit directly in their folders)."""
    for folder, suffixes, what in ((config.lessons_dir, (".md",), "lesson"),
                                   (config.pathways_dir, PATHWAY_SUFFIXES, "pathway")):
        if folder.is_symlink() or not folder.is_dir():
            continue
        # A file directly in the folder with the right suffix is read, never misplaced: the name alone settles
        # nearly every file, before any stat() or sort.
        depth = len(folder.parts) + 1
        others = [p for p in folder.rglob("*") if not (p.suffix in suffixes and len(p.parts) == depth)]
        for path in sorted(others):
            rel = path.relative_to(folder).as_posix()
            if path.suffix.lower() not in suffixes or path.is_symlink() or not path.is_file() \
                    or any(part.startswith((".", "_")) for part in rel.split("/")):
                continue
            if "/" in rel:
                yield Diagnostic("PW012", Location(config.relative(path)), f"'{rel}' is in a subfolder, so it is not "
                                 f"read as a {what}", f"move it to {config.relative(folder)}/ itself; subfolders hold "
                                 "only files that lessons link to (figures, handouts).")
            elif path.suffix not in suffixes:
                yield Diagnostic("PW012", Location(config.relative(path)), f"'{rel}' is not read as a {what}: "
                                 f"its name must end in {suffixes[0]} in lowercase",
                                 f"rename it to '{path.stem}{suffixes[0]}'.")


@dataclass(frozen=True)
class SourceFile:
    """One content file that could be read: its id, cleaned fields and their locations, and its Markdown body."""

    id: str
    path: Path
    shown: str
    data: dict[str, Any]
    source: SourceMap
    body: str = ""
    body_line: int = 0
    language: str = ""


class Sources:
    """Reads the files of one guide, collecting problems in ``problems``."""

    def __init__(self, config: GuideConfig) -> None:
        self.config = config
        self.problems: list[Diagnostic] = []
        self.stage_ids = tuple(stage.id for stage in config.stages)
        # Lessons whose file exists but could not be read: its own problems are reported, so references to it
        # are not reported again as "unknown lesson".
        self.unreadable: set[str] = set()

    def _file_id(self, path: Path, shown: str, seen: dict[str, str]) -> str | None:
        stem = path.name[: -len(path.suffix)]
        if not vocab.SLUG.fullmatch(stem):
            self.problems.append(Diagnostic(
                "PW012", Location(shown), f"the file name '{path.name}' cannot be an id",
                f"rename it to '{slugify(stem)}{path.suffix}': lowercase letters, digits and hyphens only."))
            return None
        if len(stem) > MAX_ID_LENGTH:
            # Ids become folder and file names in the site (with .html added), which systems limit to 255 bytes.
            self.problems.append(Diagnostic(
                "PW012", Location(shown), f"the file name is {len(stem)} characters long; an id can have at most "
                f"{MAX_ID_LENGTH}", f"rename it to a shorter id, such as '{stem[:40].rstrip('-')}{path.suffix}'."))
            return None
        if stem in seen:
            self.problems.append(Diagnostic(
                "PW108", Location(shown), f"'{stem}' is also the id of {seen[stem]}",
                "each id must be unique; rename or remove one of the two files."))
            return None
        seen[stem] = shown
        return stem

    def _read(self, path: Path, shown: str, text: str, line_offset: int, fmt: spec.Obj,
              file_id: str | None) -> tuple[dict[str, Any] | None, SourceMap]:
        value, source, problems = parse_yaml(text, shown, line_offset)
        self.problems.extend(problems)
        if problems:
            return None, source
        if not isinstance(value, dict):
            what = "empty" if value is None and file_id else "not a set of 'field: value' lines"
            hint = ("write the fields as 'name: value' lines, starting with 'id:'." if file_id
                    else "start with 'partners:' and a list of partners." if fmt is spec.PARTNERS
                    else "start with 'title:' and 'summary:'.")
            self.problems.append(Diagnostic("PW009", source.at(()), f"the {fmt.name} is {what}", hint))
            return None, source
        checker = ShapeChecker(source, self.stage_ids)
        cleaned = checker.check_fields(value, fmt, (), f"the {fmt.name}")
        self.problems.extend(checker.problems)
        if placeholders.MARK in text:  # most files hold no placeholder; skip the walk
            self.problems.extend(placeholders.in_value(value, source))
        if file_id is None:
            return cleaned, source
        if "id" in cleaned and cleaned["id"] != file_id:
            self.problems.append(Diagnostic(
                "PW107", source.at(("id",)), f"the id '{cleaned['id']}' does not match the file name '{path.name}'",
                f"change the id to '{file_id}', or rename the file to '{cleaned['id']}{path.suffix}'."))
        cleaned["id"] = file_id
        return cleaned, source

    def file_id(self, path: Path, shown: str, seen: dict[str, str]) -> str | None:
        """The id a file's name gives it, or None (reported) if the name cannot be an id or is taken."""
        return self._file_id(path, shown, seen)

    def read_yaml(self, path: Path, shown: str, text: str, fmt: spec.Obj) -> tuple[dict[str, Any] | None, SourceMap]:
        """A YAML file whose id is its name but is not written in it (a standards framework), shape-checked."""
        return self._read(path, shown, text, 0, fmt, None)

    def lessons(self) -> tuple[list[SourceFile], list[SourceFile]]:
        """The readable lessons and translations."""
        seen: dict[str, str] = {}
        lessons: list[SourceFile] = []
        translations: list[SourceFile] = []
        for path in content_files(self.config.lessons_dir, (".md",)):
            shown = self.config.relative(path)
            match = TRANSLATION_NAME.match(path.name)
            file_id = match.group("id") if match else self._file_id(path, shown, seen)
            text, problems = read_text(path, shown, self.config.max_file_bytes)
            self.problems.extend(problems)
            if text is None or file_id is None:
                if not match:
                    self.unreadable.add(file_id or "")
                continue
            parts, problems = split_front_matter(text, shown)
            self.problems.extend(problems)
            if parts is None:
                if not match:
                    self.unreadable.add(file_id)
                continue
            fmt = spec.TRANSLATION if match else spec.LESSON
            data, source = self._read(path, shown, parts.front_matter, parts.front_matter_line - 1, fmt,
                                      None if match else file_id)
            if data is None:
                if not match:
                    self.unreadable.add(file_id)
                continue
            if placeholders.MARK in parts.body:
                self.problems.extend(placeholders.in_body(parts.body, shown, parts.body_line))
            item = SourceFile(file_id, path, shown, data, source, parts.body, parts.body_line,
                              match.group("language") if match else "")
            (translations if match else lessons).append(item)
        return lessons, translations

    def pathways(self) -> list[SourceFile]:
        """The readable pathway maps."""
        seen: dict[str, str] = {}
        out = []
        for path in content_files(self.config.pathways_dir, PATHWAY_SUFFIXES):
            shown = self.config.relative(path)
            file_id = self._file_id(path, shown, seen)
            text, problems = read_text(path, shown, self.config.max_file_bytes)
            self.problems.extend(problems)
            if text is None or file_id is None:
                continue
            data, source = self._read(path, shown, text, 0, spec.PATHWAY, file_id)
            if data is not None:
                out.append(SourceFile(file_id, path, shown, data, source))
        return out

    def partners(self) -> SourceFile | None:
        """The guide's partners file, if it has one and it can be read."""
        path = self.config.partners_file
        # A link in its place is reported by load.safety (PW013) and never read.
        if path is None or not (path.is_symlink() or path.exists()) or not is_regular_file(path, self.config.root):
            return None
        shown = self.config.relative(path)
        text, problems = read_text(path, shown, self.config.max_file_bytes)
        self.problems.extend(problems)
        if text is None:
            return None
        data, source = self._read(path, shown, text, 0, spec.PARTNERS, None)
        return None if data is None else SourceFile(path.stem, path, shown, data, source)
