"""Read a framework written in the guide's own YAML format (``spec.FRAMEWORK``).

The file has already been read and its shape checked against the spec; here its items become the framework's
hierarchy, with each ``parent`` resolved to the item of that code in the same file.
"""

from __future__ import annotations

from mkdocs_pathways import vocab
from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.load.sources import SourceFile
from mkdocs_pathways.load.standards_model import OPEN_HINT, Node, duplicate_codes, ordered_items, republishable
from mkdocs_pathways.model_standards import Framework
from mkdocs_pathways.words import did_you_mean, short


def framework_from_yaml(item: SourceFile, commercial_use: bool) -> tuple[Framework, list[Diagnostic]]:
    """A framework written in the guide's own YAML format (``spec.FRAMEWORK``), already shape-checked."""
    d, source = item.data, item.source
    problems: list[Diagnostic] = []
    nodes: list[Node] = []
    parent_codes: dict[str, tuple[str, Location]] = {}
    for index, raw in enumerate(d.get("items", ())):
        if "code" not in raw or "statement" not in raw:
            continue
        where = source.at(("items", index, "code"))
        node = Node(f"{item.id}:{raw['code']}", raw["code"], raw["statement"], where, tuple(raw.get("grades", ())),
                    raw.get("type", ""), raw.get("url", ""), index)
        nodes.append(node)
        if raw.get("parent"):
            parent_codes[node.id] = (raw["parent"], source.at(("items", index, "parent")))
    problems += duplicate_codes(nodes)
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
    items, more = ordered_items(nodes, parents, loop_at, item.shown)
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
