"""Read the guide's standards frameworks: CASE packages (JSON, as published) and our own YAML format.

A CASE package (1EdTech Competencies and Academic Standards Exchange, 1.0 and 1.1) is a CFDocument, its
CFItems, the CFAssociations that arrange them (``isChildOf`` with a ``sequenceNumber``) and CFDefinitions
(among them CFLicenses). It may be bare or wrapped in ``CFPackage``. The JSON is read with Python's parser,
after the size limit, and every problem becomes a located diagnostic: JSON errors at their line and column,
problems with an item or association at the place its identifier is written.

:func:`align` then resolves each lesson's standards entries that name a framework kept in the guide.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.load import spec
from mkdocs_pathways.load.sources import SourceFile, Sources, content_files
from mkdocs_pathways.load.textfile import read_text
from mkdocs_pathways.model import Framework, Lesson, Standard, StandardItem
from mkdocs_pathways.words import did_you_mean, short, slugify

SUFFIXES = (".json", ".yml", ".yaml")
# CASE packages of whole state frameworks are far larger than a lesson: they may be this many times the
# guide's size limit for content files (10 MB by default).
SIZE_FACTOR = 10
MAX_ITEMS = 50_000
# CEDS education levels (the values CASE uses) that are grades of the guide; the others (PK, IT, PR …) are not.
_LEVELS = {"KG": vocab.KINDERGARTEN, "K": vocab.KINDERGARTEN, "13": vocab.POSTSECONDARY, "PS": vocab.POSTSECONDARY,
           "AS": vocab.POSTSECONDARY, "BA": vocab.POSTSECONDARY, "PB": vocab.POSTSECONDARY,
           "MD": vocab.POSTSECONDARY, "AE": vocab.POSTSECONDARY, "HE": vocab.POSTSECONDARY}
_CC = re.compile(r"creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/([0-9.]+)", re.I)
_CC0 = re.compile(r"creativecommons\.org/publicdomain/(zero|mark)/", re.I)
_LONE_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                             r"|(?<![0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")
OPEN_HINT = ("the statements are shown only under an open licence such as CC-BY-4.0 or CC0-1.0; only the codes "
             "are published, with a link to the publisher.")


# -- licences ---------------------------------------------------------------------------------------------------

def license_id(*texts: str) -> str:
    """The SPDX id of an open licence named by a URI or title (``CC BY 4.0``, a creativecommons.org address),
    or an empty string."""
    for text in texts:
        if not text:
            continue
        match = _CC.search(text)
        if match:
            return f"CC-{match.group(1).upper()}-{match.group(2)}"
        if _CC0.search(text):
            return "CC0-1.0"
        candidate = re.sub(r"[\s_]+", "-", text.strip()).upper().replace("CC-0", "CC0")
        for known in vocab.KNOWN_LICENSES:
            if candidate == known.upper():
                return known
        if text.strip().lower() in ("public domain", "cc0"):
            return "CC0-1.0"
    return ""


def republishable(spdx: str, commercial_use: bool) -> bool:
    """Whether a guide may publish statements under this licence: CC BY (any), CC0, and not NC if commercial."""
    upper = spdx.upper()
    if not (upper.startswith("CC-BY") or upper.startswith("CC0")):
        return False
    return not (commercial_use and "-NC" in upper)


# -- shared: the hierarchy --------------------------------------------------------------------------------------

@dataclass
class _Node:
    id: str
    code: str
    statement: str
    location: Location
    grades: tuple[int, ...] = ()
    type: str = ""
    uri: str = ""
    index: int = 0


def _ordered(nodes: list[_Node], parents: Mapping[str, tuple[str, tuple[int, int, int]]],
             loop_at: Mapping[str, Location], shown: str) -> tuple[list[StandardItem], list[Diagnostic]]:
    """Items in hierarchy order (each followed by its children, by sequence), with their depth and parent.

    ``parents`` maps an item id to its parent's id (empty for the top) and a sort key. An item whose parents go
    round in a loop is reported (PW133) and placed at the top.
    """
    problems: list[Diagnostic] = []
    by_id = {node.id: node for node in nodes}
    parent_of: dict[str, str] = {}
    keys: dict[str, tuple[int, int, int]] = {}
    for node in nodes:
        parent, key = parents.get(node.id, ("", (1, 0, node.index)))
        parent_of[node.id], keys[node.id] = (parent if parent in by_id else ""), key
    # Loops: follow each item's parents; an item met twice on the way closes a loop.
    for node in nodes:
        seen: list[str] = []
        current = node.id
        while current and current not in seen:
            seen.append(current)
            current = parent_of.get(current, "")
        if current:
            cycle = seen[seen.index(current):]
            names = " → ".join(by_id[i].code or i for i in [*cycle, current])
            problems.append(Diagnostic("PW133", loop_at.get(current, by_id[current].location),
                                       f"the hierarchy goes round in a loop: {short(names, 200)}",
                                       "remove one of the isChildOf links in the loop; each item needs one "
                                       "parent that leads up to the framework."))
            parent_of[current] = ""
    children: dict[str, list[str]] = {}
    for node in nodes:
        children.setdefault(parent_of[node.id], []).append(node.id)
    for ids in children.values():
        ids.sort(key=lambda i: keys[i])
    out: list[StandardItem] = []
    anchors: set[str] = set()
    stack = [(i, 1) for i in reversed(children.get("", []))]
    while stack:
        item_id, depth = stack.pop()
        node = by_id[item_id]
        anchor = "item-" + slugify(node.code or node.id)
        while anchor in anchors:
            anchor += "-x"
        anchors.add(anchor)
        out.append(StandardItem(node.id, node.code, node.statement, node.location, parent_of[item_id], depth,
                                node.grades, node.type, node.uri, anchor))
        stack.extend((child, depth + 1) for child in reversed(children.get(item_id, [])))
    return out, problems


def _duplicates(nodes: Iterable[_Node]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    first: dict[str, Location] = {}
    for node in nodes:
        if not node.code:
            continue
        if node.code in first:
            problems.append(Diagnostic("PW134", node.location, f"the code '{short(node.code, 80)}' is also the code "
                                       f"of the item at line {first[node.code].line}",
                                       "give each item its own code; lessons name items by their codes."))
        else:
            first[node.code] = node.location
    return problems


# -- CASE packages ----------------------------------------------------------------------------------------------

class _Locator:
    """Where a value is written in the JSON text: the first place its quoted form appears after ``start``."""

    def __init__(self, text: str, shown: str) -> None:
        self.text, self.shown = text, shown
        self._lines = [0]
        self._lines += [m.end() for m in re.finditer("\n", text)]

    def offset(self, index: int) -> Location:
        import bisect

        line = bisect.bisect_right(self._lines, index)
        return Location(self.shown, line, index - self._lines[line - 1] + 1)

    def find(self, value: str, start: int = 0) -> Location:
        index = self.text.find(json.dumps(value), start)
        if index < 0:
            index = self.text.find(json.dumps(value, ensure_ascii=False), start)
        return self.offset(index) if index >= 0 else Location(self.shown)

    def key(self, name: str) -> int:
        index = self.text.find(f'"{name}"')
        return max(index, 0)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _grades(value: Any) -> tuple[int, ...]:
    """Grades from a CASE educationLevel: a list of CEDS codes ("06", "KG", "09-12") or a comma-separated text."""
    if isinstance(value, str):
        value = [part for part in re.split(r"[,\s]+", value) if part]
    if not isinstance(value, list):
        return ()
    found: set[int] = set()
    for raw in value:
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            continue
        token = str(raw).strip().upper()
        if token in _LEVELS:
            found.add(_LEVELS[token])
            continue
        parts = token.split("-")
        numbers = [_LEVELS.get(p, int(p) if p.isdigit() and 1 <= int(p) <= 12 else None) for p in parts]
        if len(numbers) == 1 and numbers[0] is not None:
            found.add(numbers[0])
        elif len(numbers) == 2 and None not in numbers:
            lo, hi = numbers
            assert lo is not None and hi is not None
            found.update(range(lo, hi + 1))
    return tuple(sorted(found))


def _node_id(value: Any) -> tuple[str, str]:
    """The identifier and URI of a CASE LinkURI ({title, identifier, uri}), or a bare identifier."""
    if isinstance(value, dict):
        return _text(value.get("identifier")), _text(value.get("uri"))
    return _text(value), ""


def _lone_surrogate(text: str, shown: str) -> Diagnostic:
    match = _LONE_SURROGATE.search(text)
    where = _Locator(text, shown).offset(match.start()) if match else Location(shown)
    return Diagnostic("PW130", where, "the JSON holds half of a character (a lone surrogate escape such as \\ud83d)",
                      "export the package again; a character outside the basic plane is written as two escapes "
                      "together, such as \\ud83d\\ude80.")


def parse_case(text: str, shown: str, framework_id: str,
               commercial_use: bool = False) -> tuple[Framework | None, list[Diagnostic]]:
    """A CASE package's framework, or None, and every problem found in it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [Diagnostic("PW130", Location(shown, exc.lineno, exc.colno),
                                 f"the JSON cannot be read: {exc.msg.lower()}",
                                 "check the commas, quotes and brackets just before this place.")]
    except RecursionError:
        return None, [Diagnostic("PW010", Location(shown), "the JSON is nested too deeply to read",
                                 "a CASE package is a few levels deep; export it again from the publisher.")]
    except ValueError as exc:  # for example a number with thousands of digits
        return None, [Diagnostic("PW130", Location(shown), f"the JSON cannot be read: {short(exc, 120)}",
                                 "export the package again from the publisher.")]
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return None, [_lone_surrogate(text, shown)]
    return _CaseReader(text, shown, framework_id, commercial_use).read(data)


class _CaseReader:
    def __init__(self, text: str, shown: str, framework_id: str, commercial_use: bool) -> None:
        self.locate = _Locator(text, shown)
        self.shown, self.framework_id, self.commercial_use = shown, framework_id, commercial_use
        self.problems: list[Diagnostic] = []

    def problem(self, code: str, where: Location, message: str, hint: str) -> None:
        self.problems.append(Diagnostic(code, where, message, hint))

    def read(self, data: Any) -> tuple[Framework | None, list[Diagnostic]]:
        shape_hint = ("a CASE package has a CFDocument and a list of CFItems (optionally inside CFPackage); export "
                      "the whole framework from the publisher's CASE server.")
        package = data.get("CFPackage", data) if isinstance(data, dict) else data
        if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
            self.problem("PW131", Location(self.shown), "the file is not a CASE package: it has no CFDocument",
                         shape_hint)
            return None, self.problems
        document = package["CFDocument"]
        doc_id, title = _text(document.get("identifier")), _text(document.get("title"))
        doc_at = self.locate.offset(self.locate.key("CFDocument"))
        if not doc_id or not title:
            self.problem("PW131", doc_at, f"the CFDocument has no {'identifier' if not doc_id else 'title'}",
                         "every CASE document has an identifier and a title; export the package again.")
            return None, self.problems
        raw_items = package.get("CFItems", [])
        raw_links = package.get("CFAssociations", [])
        for name, value in (("CFItems", raw_items), ("CFAssociations", raw_links)):
            if not isinstance(value, list):
                self.problem("PW131", self.locate.offset(self.locate.key(name)), f"{name} is not a list", shape_hint)
                return None, self.problems
        if len(raw_items) > MAX_ITEMS:
            self.problem("PW131", self.locate.offset(self.locate.key("CFItems")),
                         f"the package has {len(raw_items):,} items; the limit is {MAX_ITEMS:,}",
                         "keep only the frameworks the guide aligns to.")
            return None, self.problems
        nodes = self._items(raw_items)
        parents, loop_at = self._associations(raw_links, doc_id, {n.id for n in nodes})
        self.problems += _duplicates(nodes)
        items, problems = _ordered(nodes, parents, loop_at, self.shown)
        self.problems += problems
        license_name, license_url, spdx = self._license(document, package.get("CFDefinitions"))
        allowed = republishable(spdx, self.commercial_use)
        if not allowed:
            why = (f"its licence is '{short(license_name, 80)}'" if license_name else "it states no licence")
            self.problem("PW138", self.locate.offset(self.locate.key("licenseURI") or self.locate.key("CFDocument")),
                         f"the statements of '{short(title, 80)}' are not republished: {why}", OPEN_HINT)
        version = _text(document.get("caseVersion")) or ("1.1" if "CFPackageURI" in document and
                                                         "frameworkType" in document else "1.0")
        return Framework(
            id=self.framework_id, title=title, source=Location(self.shown), items=tuple(items),
            creator=_text(document.get("creator")) or _text(document.get("publisher")),
            description=_text(document.get("description")),
            uri=_text(document.get("uri")) or _text(document.get("officialSourceURL")),
            version=_text(document.get("version")), license=spdx or license_name,
            license_url=vocab.KNOWN_LICENSES.get(spdx, "") or license_url, republish=allowed,
            format="case", case_version=version,
        ), self.problems

    def _items(self, raw_items: list[Any]) -> list[_Node]:
        start = self.locate.key("CFItems")
        nodes, seen = [], set()
        for index, raw in enumerate(raw_items):
            if not isinstance(raw, dict):
                self.problem("PW131", self.locate.offset(start), f"item {index + 1} of CFItems is not a set of fields",
                             "each CFItem is an object with an identifier and a fullStatement.")
                continue
            item_id = _text(raw.get("identifier"))
            where = self.locate.find(item_id, start) if item_id else self.locate.offset(start)
            statement = raw.get("fullStatement")
            if not item_id or not isinstance(statement, str) or not statement.strip():
                missing = "identifier" if not item_id else "fullStatement"
                self.problem("PW131", where, f"item {index + 1} of CFItems has no {missing}",
                             "every CFItem has an identifier and a fullStatement; export the package again.")
                continue
            if item_id in seen:
                self.problem("PW134", where, f"two CFItems have the identifier '{short(item_id, 80)}'",
                             "each item needs its own identifier; export the package again.")
                continue
            seen.add(item_id)
            level = raw.get("educationLevel", raw.get("educationalLevel"))
            nodes.append(_Node(item_id, _text(raw.get("humanCodingScheme")), statement.strip(), where,
                               _grades(level), _text(raw.get("CFItemType")), _text(raw.get("uri")), index))
        return nodes

    def _associations(self, raw_links: list[Any], doc_id: str, known: set[str],
                      ) -> tuple[dict[str, tuple[str, tuple[int, int, int]]], dict[str, Location]]:
        start = self.locate.key("CFAssociations")
        parents: dict[str, tuple[str, tuple[int, int, int]]] = {}
        loop_at: dict[str, Location] = {}
        for index, raw in enumerate(raw_links):
            if not isinstance(raw, dict):
                self.problem("PW131", self.locate.offset(start), f"association {index + 1} is not a set of fields",
                             "each CFAssociation is an object with an associationType, an originNodeURI and a "
                             "destinationNodeURI.")
                continue
            link_id = _text(raw.get("identifier"))
            where = self.locate.find(link_id, start) if link_id else self.locate.offset(start)
            kind = _text(raw.get("associationType"))
            origin, origin_uri = _node_id(raw.get("originNodeURI"))
            destination, destination_uri = _node_id(raw.get("destinationNodeURI"))
            child_of = kind == "isChildOf"
            for end, node, uri in (("origin", origin, origin_uri), ("destination", destination, destination_uri)):
                if node in known or (child_of and end == "destination" and node == doc_id):
                    continue
                if not child_of and uri.startswith(("http://", "https://")) and node != doc_id:
                    continue  # a link to an item of another framework, by its address
                self.problem("PW132", where, f"the {kind or 'association'} association {short(link_id, 60)} points "
                             f"to {'an unknown' if node else 'no'} {end} item{f' {short(node, 60)!r}' if node else ''}",
                             "every association must start and end at items of the package (or, except for "
                             "isChildOf, at an item of another framework given by its full address).")
                break
            else:
                if child_of and origin not in parents:
                    sequence = raw.get("sequenceNumber")
                    number = sequence if isinstance(sequence, int) and not isinstance(sequence, bool) else None
                    key = (0 if number is not None else 1, number or 0, index)
                    parents[origin] = ("" if destination == doc_id else destination, key)
                    loop_at[origin] = where
        return parents, loop_at

    def _license(self, document: dict[str, Any], definitions: Any) -> tuple[str, str, str]:
        """The licence's name, address and SPDX id (empty when it is not a known open licence)."""
        link = document.get("licenseURI")
        identifier, uri = _node_id(link)
        title = _text(link.get("title")) if isinstance(link, dict) else ""
        text = ""
        licenses = definitions.get("CFLicenses") if isinstance(definitions, dict) else None
        for entry in licenses if isinstance(licenses, list) else []:
            if isinstance(entry, dict) and identifier and _text(entry.get("identifier")) == identifier:
                title = title or _text(entry.get("title"))
                uri = uri or _text(entry.get("uri"))
                text = _text(entry.get("licenseText"))
        spdx = license_id(uri, title, text if len(text) < 200 else "")
        return title or spdx or uri, uri if uri.startswith(("http://", "https://")) else "", spdx


# -- our YAML format --------------------------------------------------------------------------------------------

def framework_from_yaml(item: SourceFile, commercial_use: bool) -> tuple[Framework, list[Diagnostic]]:
    """A framework written in the guide's own YAML format (``spec.FRAMEWORK``), already shape-checked."""
    d, source = item.data, item.source
    problems: list[Diagnostic] = []
    nodes: list[_Node] = []
    parent_codes: dict[str, tuple[str, Location]] = {}
    for index, raw in enumerate(d.get("items", ())):
        if "code" not in raw or "statement" not in raw:
            continue
        where = source.at(("items", index, "code"))
        node = _Node(f"{item.id}:{raw['code']}", raw["code"], raw["statement"], where, tuple(raw.get("grades", ())),
                     raw.get("type", ""), raw.get("url", ""), index)
        nodes.append(node)
        if raw.get("parent"):
            parent_codes[node.id] = (raw["parent"], source.at(("items", index, "parent")))
    problems += _duplicates(nodes)
    codes = {node.code: node.id for node in nodes}
    parents: dict[str, tuple[str, tuple[int, int, int]]] = {}
    loop_at: dict[str, Location] = {}
    for node in nodes:
        if node.id not in parent_codes:
            continue
        code, where = parent_codes[node.id]
        if code not in codes:
            problems.append(Diagnostic("PW132", where, f"the parent '{short(code, 80)}' is not a code of this "
                                       "framework", f"{did_you_mean(code, codes)}Write the code of an item of the "
                                       "same file, or remove the line."))
            continue
        parents[node.id] = (codes[code], (0, 0, node.index))
        loop_at[node.id] = where
    items, more = _ordered(nodes, parents, loop_at, item.shown)
    problems += more
    spdx = d.get("license", "")
    allowed = republishable(spdx, commercial_use)
    title = d.get("title", item.id)
    if not allowed:
        why = f"its licence is {spdx}" if spdx else "it states no licence"
        problems.append(Diagnostic("PW138", source.at(("license",)) if spdx else source.at(()),
                                   f"the statements of '{short(title, 80)}' are not republished: {why}", OPEN_HINT))
    return Framework(
        id=item.id, title=title, source=source.at(()), items=tuple(items), creator=d.get("creator", ""),
        description=d.get("description", ""), uri=d.get("url", ""), version=d.get("version", ""), license=spdx,
        license_url=vocab.KNOWN_LICENSES.get(spdx, "") if spdx else "", republish=allowed,
        sample=bool(d.get("sample", False)), format="yaml",
    ), problems


# -- the folder -------------------------------------------------------------------------------------------------

def standards_files(folder: Path | None) -> list[Path]:
    """The framework files of the standards folder, sorted."""
    return content_files(folder, SUFFIXES) if folder is not None else []


def load_frameworks(config: GuideConfig, sources: Sources) -> list[Framework]:
    """Every framework of the guide's standards folder that can be read; problems go to ``sources.problems``."""
    seen: dict[str, str] = {}
    out = []
    for path in standards_files(config.standards_dir):
        shown = config.relative(path)
        # <id>.json and <id>.yml would be the same framework: ids are unique across the suffixes.
        file_id = sources.file_id(path, shown, seen)
        text, problems = read_text(path, shown, config.max_file_bytes * SIZE_FACTOR)
        sources.problems.extend(problems)
        if text is None or file_id is None:
            continue
        if path.suffix == ".json":
            framework, problems = parse_case(text, shown, file_id, config.commercial_use)
        else:
            data, source = sources.read_yaml(path, shown, text, spec.FRAMEWORK)
            if data is None:
                continue
            framework, problems = framework_from_yaml(SourceFile(file_id, path, shown, data, source),
                                                      config.commercial_use)
        sources.problems.extend(problems)
        if framework is not None:
            out.append(framework)
    return sorted(out, key=lambda f: f.id)


# -- lessons' alignments ----------------------------------------------------------------------------------------

def align(lessons: dict[str, Lesson], lesson_files: Iterable[SourceFile],
          frameworks: Iterable[Framework]) -> list[Diagnostic]:
    """Resolve each lesson's standards entries that name a framework of the guide, in place in ``lessons``.

    An entry whose framework is written as a name (not a lowercase id) is free text, kept as it is. An id that
    names no framework, a code that is not in its framework (PW135, PW136), and an item whose grades share none
    with the lesson's (PW137) are reported at the entry.
    """
    by_id = {f.id: f for f in frameworks}
    problems: list[Diagnostic] = []
    for item in lesson_files:
        lesson = lessons.get(item.id)
        if lesson is None or not item.data.get("standards"):
            continue
        resolved: list[Standard] = []
        for index, raw in enumerate(item.data["standards"]):
            if "framework" not in raw or "code" not in raw:
                continue
            name, code, url = raw["framework"], raw["code"], raw.get("url", "")
            framework = by_id.get(name)
            if framework is None:
                if by_id and vocab.SLUG.fullmatch(name):
                    problems.append(Diagnostic(
                        "PW135", item.source.at(("standards", index, "framework")),
                        f"there is no framework '{short(name, 80)}' in the standards folder",
                        f"{did_you_mean(name, by_id)}The frameworks are: {', '.join(by_id)}; write the full name "
                        "of any other framework."))
                resolved.append(Standard(name, code, url))
                continue
            found = framework.find(code)
            if found is None:
                problems.append(Diagnostic(
                    "PW136", item.source.at(("standards", index, "code")),
                    f"'{short(code, 80)}' is not a code of the framework '{framework.id}'",
                    f"{did_you_mean(code, framework.item_by_code)}The framework's page lists every code."))
                resolved.append(Standard(name, code, url))
                continue
            if found.grades and lesson.grades and not set(found.grades) & set(lesson.grades):
                problems.append(Diagnostic(
                    "PW137", item.source.at(("standards", index, "code")),
                    f"'{found.label}' is written for grades {vocab.grade_span_label(found.grades)}, but the lesson "
                    f"is for grades {vocab.grade_span_label(lesson.grades)}",
                    "align the lesson to the item for its own grade band, or check the lesson's grades."))
            resolved.append(Standard(name, found.code or code, url or found.uri, found.id))
        lessons[item.id] = replace(lesson, standards=tuple(resolved))
    return problems
