"""Reading a CASE package's JSON text: Python's parser, with every problem as a located diagnostic.

JSON errors are reported at their line and column; :class:`Locator` finds where a value is written, so that a
problem with an item or association can be reported at the place its identifier is written.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mkdocs_pathways.diagnostics import Diagnostic, Location
from mkdocs_pathways.words import short

_LONE_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                             r"|(?<![0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


class Locator:
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


def _lone_surrogate(text: str, shown: str) -> Diagnostic:
    match = _LONE_SURROGATE.search(text)
    where = Locator(text, shown).offset(match.start()) if match else Location(shown)
    return Diagnostic("PW130", where, "the JSON holds half of a character (a lone surrogate escape such as \\ud83d)",
                      "export the package again; a character outside the basic plane is written as two escapes "
                      "together, such as \\ud83d\\ude80.")


def read_json(text: str, shown: str) -> tuple[Any, list[Diagnostic]]:
    """The data of a JSON text and no problems, or None and the one problem that stops it being read."""
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
    return data, []
