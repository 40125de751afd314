"""One diagnostic type, formatted in one place.

Every problem found in content is a :class:`Diagnostic` with a location, a rule code, a message written for a
teacher and a hint. Checks collect every diagnostic; callers fail once, after all of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mkdocs_pathways.model_location import Location
from mkdocs_pathways.rules import RULES

__all__ = ["REFERENCE_PATH", "Diagnostic", "Location", "Severity", "format_diagnostics", "sort_diagnostics"]

REFERENCE_PATH = "reference/checks/"


class Severity(StrEnum):
    """How serious a diagnostic is. Errors stop a build; warnings stop it only in strict mode."""

    ERROR = "error"
    WARNING = "warning"
    #: A finding a guide keeps visible on its pages and in the check's output without failing any build
    #: (``checks: {PW314: info}``), such as a known barrier the guide is working on.
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    """A problem in the content, tied to a rule code from :data:`mkdocs_pathways.rules.RULES`."""

    code: str
    location: Location
    message: str
    hint: str = ""
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.code not in RULES:
            raise ValueError(f"unknown rule code {self.code!r}")
        # Messages quote content. A newline or other control character from a file must not start a line of
        # its own in the output, where it could pass for a diagnostic of its choosing.
        object.__setattr__(self, "message", _visible(self.message))
        object.__setattr__(self, "hint", _visible(self.hint))
        if _visible(self.location.path) != self.location.path:
            location = Location(_visible(self.location.path), self.location.line, self.location.column)
            object.__setattr__(self, "location", location)
        object.__setattr__(self, "severity", Severity(self.severity or RULES[self.code].severity))

    @property
    def level(self) -> Severity:
        """The effective severity (never None once constructed)."""
        assert self.severity is not None
        return self.severity

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.location.path, self.location.line, self.location.column, self.code, self.message)

    def reference(self, base: str = "") -> str:
        """Where the rule is explained: its entry on the guide's check reference page."""
        return f"{base or REFERENCE_PATH}#{self.code.lower()}"

    def _hint(self, base: str) -> str:
        return f"{self.hint} See {self.reference(base)}" if base else self.hint

    def format_text(self, reference_base: str = "") -> str:
        """``path:line:col: severity[CODE]: message`` and, on the next line, the hint."""
        head = f"{self.location}: {self.level.value}[{self.code}]: {self.message}"
        hint = self._hint(reference_base)
        return f"{head}\n  hint: {hint}" if hint else head

    def format_github(self, reference_base: str = "") -> str:
        """A GitHub Actions workflow command, shown as an annotation on the file and line."""
        kind = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(self.level, "notice")
        hint = self._hint(reference_base)
        text = f"{self.message} (hint: {hint})" if hint else self.message
        loc = self.location
        return (
            f"::{kind} file={_gh_property(loc.path)},line={loc.line},col={loc.column},"
            f"title={self.code}::{_gh_data(text)}"
        )

    def as_dict(self, reference_base: str = "") -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.level.value,
            "code": self.code,
            "rule": RULES[self.code].name,
            "message": self.message,
            "hint": self.hint,
            "reference": self.reference(reference_base),
        }


_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t", 127: "\\x7f"}
# Characters that are invisible or reorder text on a terminal: shown as escapes so they cannot disguise a message.
_INVISIBLE = {c: f"\\u{c:04x}" for c in (0x85, 0xAD, 0x061C, 0x180E, 0xFEFF, *range(0x200B, 0x2010),
                                          *range(0x2028, 0x202F), *range(0x2060, 0x2070))}
_ESCAPES = _CONTROL | _INVISIBLE


def _visible(text: str) -> str:
    if text.isprintable() and text.isascii():
        return text
    # backslashreplace: file names that are not UTF-8 arrive as lone surrogates, which no terminal can print.
    return text.translate(_ESCAPES).encode("utf-8", "backslashreplace").decode("utf-8")


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by file, line and column, dropping exact duplicates."""
    unique = {(d.sort_key(), d.hint, d.level): d for d in diagnostics}
    return [unique[k] for k in sorted(unique, key=lambda k: (k[0], k[1], k[2].value))]


def format_diagnostics(diagnostics: Iterable[Diagnostic], fmt: str = "text", reference_base: str = "") -> str:
    """Render diagnostics as ``text`` (one per problem), ``github`` annotations or a ``json`` list.

    ``reference_base`` is the address of the published check reference page; when it is known, each hint
    links to the rule's entry there.
    """
    items = sort_diagnostics(diagnostics)
    if fmt == "json":
        return json.dumps([d.as_dict(reference_base) for d in items], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.format_github(reference_base) for d in items)
    return "\n".join(d.format_text(reference_base) for d in items)


def log_levels(diagnostics: Iterable[Diagnostic], serving: bool) -> Iterable[tuple[str, Diagnostic]]:
    """How a site build logs each diagnostic: ``("info" | "warning" | "error", diagnostic)``.

    Notes are logged as information (they never fail a build) and warnings as warnings (``--strict`` fails on
    them). Errors are logged only while serving: then the rest of the guide still builds, so the writer can fix
    them without restarting the server; a build instead fails once, listing them all.
    """
    for diagnostic in diagnostics:
        if diagnostic.level is Severity.INFO:
            yield "info", diagnostic
        elif diagnostic.level is Severity.WARNING:
            yield "warning", diagnostic
        elif serving:
            yield "error", diagnostic
