"""Where each field of a built model object is written, for diagnostics that point at one field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from mkdocs_pathways.diagnostics import Location
from mkdocs_pathways.load.yamlsource import Path_, SourceMap


class _FieldLocations(Mapping[str, Location]):
    """Where each field of one object is written ('grades', 'builds_on.0'), looked up only when asked for:
    most are never needed, and a catalog has thousands of objects."""

    def __init__(self, source: SourceMap, path: Path_, data: dict[str, Any]) -> None:
        self._source, self._path, self._data = source, path, data

    def _key(self, name: str) -> Path_ | None:
        field, _, index = name.partition(".")
        if field not in self._data or field.startswith("_"):
            return None
        return (*self._path, field, int(index)) if index.isdigit() else (*self._path, field)

    def __getitem__(self, name: str) -> Location:
        key = self._key(name)
        if key is None:
            raise KeyError(name)
        return self._source.at(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._data if not k.startswith("_"))

    def __len__(self) -> int:
        return sum(1 for _ in self)



def field_locations(source: SourceMap, path: Path_, data: dict[str, Any]) -> Mapping[str, Location]:
    """Where each field of the object at ``path`` in ``source`` is written, found only when asked for."""
    return _FieldLocations(source, path, data)
