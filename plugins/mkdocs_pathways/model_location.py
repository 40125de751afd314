"""Where something is written in the content: the file, line and column that every model object and every
diagnostic points at. A module of its own, so that the model's modules and the diagnostics share it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file: a path relative to the project root, and 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"
