"""Find placeholder text ("TODO") left in content, so a scaffold cannot be published by mistake."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.load.yamlsource import Path_, SourceMap

MARK = "TODO"
PLACEHOLDER = re.compile(r"\bTODO\b")
HINT = "replace the placeholder with the real text before publishing (`pathways new` writes TODO where text is needed)."


def in_value(value: Any, source: SourceMap, path: Path_ = ()) -> Iterator[Diagnostic]:
    """Each string of a parsed YAML value that still holds a placeholder."""
    stack: list[tuple[Path_, Any]] = [(path, value)]
    while stack:  # iterative: content can be nested deeply
        where, item = stack.pop()
        if isinstance(item, str) and PLACEHOLDER.search(item):
            field = next((str(p) for p in reversed(where) if isinstance(p, str)), "a field")
            yield Diagnostic("PW201", source.at(where), f"'{field}' still holds placeholder text: {_excerpt(item)}",
                             HINT)
        elif isinstance(item, dict):
            stack.extend(((*where, k), v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*where, i), v) for i, v in reversed(list(enumerate(item))))


def in_body(body: str, path: str, first_line: int) -> Iterator[Diagnostic]:
    """One diagnostic for the lesson's Markdown body if it still holds placeholders: where the first one is,
    and how many there are (one line each would bury every other message)."""
    hits = [(offset, match.start()) for offset, line in enumerate(body.splitlines())
            for match in [PLACEHOLDER.search(line)] if match]
    if hits:
        offset, column = hits[0]
        line = body.splitlines()[offset]
        more = f" ({len(hits)} lines hold one)" if len(hits) > 1 else ""
        yield Diagnostic("PW201", Location(path, first_line + offset, column + 1),
                         f"the lesson text still holds placeholder text{more}: {_excerpt(line)}", HINT)


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1]}…'"
