"""Read CASE packages: the JSON a publisher's CASE server exports, read as published.

A CASE package (1EdTech Competencies and Academic Standards Exchange, 1.0 and 1.1) is a CFDocument, its
CFItems, the CFAssociations that arrange them (``isChildOf`` with a ``sequenceNumber``) and CFDefinitions
(among them CFLicenses). It may be bare or wrapped in ``CFPackage``. The JSON is read with Python's parser,
after the size limit, and every problem becomes a located diagnostic: JSON errors at their line and column,
problems with an item or association at the place its identifier is written.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.load.standards_json import Locator, read_json
from mkdocs_pathways.load.standards_model import (
    OPEN_HINT,
    Node,
    duplicate_codes,
    license_id,
    ordered_items,
    republishable,
)
from mkdocs_pathways.model_standards import Framework
from mkdocs_pathways.words import short

MAX_ITEMS = 50_000
# CEDS education levels (the values CASE uses) that are grades of the guide; the others (PK, IT, PR …) are not.
_LEVELS = {"KG": vocab.KINDERGARTEN, "K": vocab.KINDERGARTEN, "13": vocab.POSTSECONDARY, "PS": vocab.POSTSECONDARY,
           "AS": vocab.POSTSECONDARY, "BA": vocab.POSTSECONDARY, "PB": vocab.POSTSECONDARY,
           "MD": vocab.POSTSECONDARY, "AE": vocab.POSTSECONDARY, "HE": vocab.POSTSECONDARY}


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


def parse_case(text: str, shown: str, framework_id: str,
               commercial_use: bool = False) -> tuple[Framework | None, list[Diagnostic]]:
    """A CASE package's framework, or None, and every problem found in it."""
    data, problems = read_json(text, shown)
    if problems:
        return None, problems
    return _CaseReader(text, shown, framework_id, commercial_use).read(data)


class _CaseReader:
    def __init__(self, text: str, shown: str, framework_id: str, commercial_use: bool) -> None:
        self.locate = Locator(text, shown)
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
        self.problems += duplicate_codes(nodes)
        items, problems = ordered_items(nodes, parents, loop_at, self.shown)
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

    def _items(self, raw_items: list[Any]) -> list[Node]:
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
            nodes.append(Node(item_id, _text(raw.get("humanCodingScheme")), statement.strip(), where,
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
