"""Standards in the content model: a lesson's alignment, and the frameworks a guide keeps (CASE documents).

Plain frozen dataclasses with no I/O, like :mod:`mkdocs_pathways.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from mkdocs_pathways.model_location import Location


@dataclass(frozen=True)
class Standard:
    """A standard the lesson aligns to, by framework and code (schema.org educationalAlignment)."""

    framework: str
    code: str
    url: str = ""
    # The identifier of the framework item it names, when ``framework`` is the id of a framework kept in the
    # guide's standards folder (empty for a free-text entry).
    item: str = ""


@dataclass(frozen=True)
class StandardItem:
    """One item of a standards framework (a CASE CFItem): a standard, or a group of them such as a strand.

    ``id`` is the CASE identifier (for a framework in our own YAML format, the framework id and code);
    ``parent`` is the id of the item it is a child of, empty at the top. ``grades`` come from the item's
    education level; ``statement`` is Markdown as published.
    """

    id: str
    code: str
    statement: str
    source: Location
    parent: str = ""
    depth: int = 1
    grades: tuple[int, ...] = ()
    type: str = ""
    uri: str = ""
    anchor: str = ""

    @property
    def label(self) -> str:
        """What names the item in a list: its code, or its identifier when it has none."""
        return self.code or self.id


@dataclass(frozen=True)
class Framework:
    """A standards framework kept in the guide (a CASE CFDocument with its items), in hierarchy order.

    ``items`` are in the order of the framework's hierarchy: each item is followed by its children, in
    sequence order. ``republish`` is False when the licence does not let the guide publish the statements:
    then only codes are shown.
    """

    id: str
    title: str
    source: Location
    items: tuple[StandardItem, ...] = ()
    creator: str = ""
    description: str = ""
    uri: str = ""
    version: str = ""
    license: str = ""
    license_url: str = ""
    republish: bool = True
    sample: bool = False
    format: str = "case"  # case or yaml
    case_version: str = ""

    @cached_property
    def item_by_id(self) -> dict[str, StandardItem]:
        return {item.id: item for item in self.items}

    @cached_property
    def item_by_code(self) -> dict[str, StandardItem]:
        return {item.code: item for item in self.items if item.code}

    @cached_property
    def children(self) -> dict[str, tuple[StandardItem, ...]]:
        """Item id (empty for the top) → its children, in order."""
        out: dict[str, list[StandardItem]] = {}
        for item in self.items:
            out.setdefault(item.parent, []).append(item)
        return {key: tuple(value) for key, value in out.items()}

    @property
    def depth(self) -> int:
        return max((item.depth for item in self.items), default=0)

    def find(self, code: str) -> StandardItem | None:
        """The item a lesson names by its code or by its CASE identifier."""
        return self.item_by_code.get(code) or self.item_by_id.get(code)
