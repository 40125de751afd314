"""What a standards framework is made of, whatever format it is written in.

Both readers (CASE packages in ``standards_case``, our YAML format in ``standards_yaml``) turn their items into
:class:`Node` values; :func:`ordered_items` arranges them into the framework's hierarchy and
:func:`duplicate_codes` checks their codes. The licence rules say whether the statements may be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mkdocs_pathways import vocab
from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.model_standards import StandardItem
from mkdocs_pathways.words import short, slugify

_CC = re.compile(r"creativecommons\.org/licenses/(by(?:-nc)?(?:-sa|-nd)?)/([0-9.]+)", re.I)
_CC0 = re.compile(r"creativecommons\.org/publicdomain/(zero|mark)/", re.I)
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
class Node:
    """One item of a framework as read from its file, before it is placed in the hierarchy."""

    id: str
    code: str
    statement: str
    location: Location
    grades: tuple[int, ...] = ()
    type: str = ""
    uri: str = ""
    index: int = 0


def ordered_items(nodes: list[Node], parents: Mapping[str, tuple[str, tuple[int, int, int]]],
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


def duplicate_codes(nodes: Iterable[Node]) -> list[Diagnostic]:
    """An error (PW134) at each item whose code is also the code of an earlier item."""
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
