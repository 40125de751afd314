"""Interface strings of the generated pages, in the guide's language.

Each language is a flat YAML mapping in ``data/i18n/<code>.yml`` from a dotted key (``lesson.where_this_fits``)
to its text, with ``{name}`` placeholders where values go. English is complete and is the fallback: a key
missing from a language, or a language with no strings at all, reads the English text.

Content (titles, summaries, lesson bodies) is never translated here; only the words the templates add.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml
from markupsafe import Markup, escape

DEFAULT_LANGUAGE = "en"
_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$")


def normalise(language: str) -> str:
    """A language tag in lower case with hyphens: ``es_MX`` and ``ES-mx`` both become ``es-mx``."""
    return str(language or "").strip().replace("_", "-").lower()


@cache
def _table(code: str) -> Mapping[str, str] | None:
    """The strings of one language file, or None when the package has no file for it."""
    path = resources.files("mkdocs_pathways").joinpath("data", "i18n", f"{code}.yml")
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}  # package data we wrote, not content
    if not isinstance(data, dict):
        raise ValueError(f"data/i18n/{code}.yml must be a mapping of keys to strings")
    return {str(key): str(value) for key, value in data.items()}


def available(language: str) -> str | None:
    """The code of the string table that serves ``language`` (``es-MX`` is served by ``es``), or None."""
    tag = normalise(language)
    if not _TAG.match(tag):
        return None
    parts = tag.split("-")
    for size in range(len(parts), 0, -1):
        code = "-".join(parts[:size])
        if _table(code) is not None:
            return code
    return None


def placeholders(text: str) -> set[str]:
    """The names of the ``{name}`` placeholders in a string."""
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


class Strings:
    """The interface strings of one language, with English behind every missing key."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        code = available(language) or DEFAULT_LANGUAGE
        english = _table(DEFAULT_LANGUAGE)
        if english is None:  # pragma: no cover - the package always ships English
            raise FileNotFoundError("mkdocs_pathways/data/i18n/en.yml is missing")
        #: The language the strings are in: the served table's code, ``en`` for an unknown language.
        self.language = code
        self._english = english
        self._own = _table(code) or english
        self._markup: dict[str, Markup] = {}

    def __repr__(self) -> str:
        return f"Strings({self.language!r})"

    def has(self, key: str) -> bool:
        """Whether the key exists, in this language or in English."""
        return key in self._own or key in self._english

    def raw(self, key: str) -> str:
        """The unformatted text of a key. Raises KeyError for a key that English does not have either."""
        if key in self._own:
            return self._own[key]
        if key in self._english:
            return self._english[key]
        raise KeyError(f"no interface string '{key}' in mkdocs_pathways/data/i18n/en.yml")

    def text(self, key: str, **values: Any) -> str:
        """The text of a key with its placeholders filled: plain text, for Python code and page titles."""
        return self.raw(key).format(**values) if values else self.raw(key)

    def term(self, group: str, value: str) -> str:
        """A label for a vocabulary value (``step_type.career-fair``), or the value with spaces for hyphens."""
        key = f"{group}.{value}"
        return self.text(key) if self.has(key) else value.replace("-", " ")

    def markup(self, key: str, **values: Any) -> Markup:
        """The text of a key as HTML, for templates: the text and every value escaped, Markup values kept.

        Apostrophes are left as they are, as they were when the words were written in the templates: every
        attribute in the templates is quoted with double quotes, so an apostrophe cannot end one.
        """
        template = self._markup.get(key)
        if template is None:  # escaped once per key: templates ask for the same words on every page
            template = Markup(str(escape(self.raw(key))).replace("&#39;", "'"))  # noqa: S704 - escaped here
            self._markup[key] = template
        return template.format(**values) if values else template

    def __call__(self, key: str, **values: Any) -> Markup:
        """The same as :meth:`markup`."""
        return self.markup(key, **values)


@cache
def strings(language: str = DEFAULT_LANGUAGE) -> Strings:
    """The (cached) strings of a language; English for an unknown one."""
    return Strings(language)


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """The plain text of one key in a language, placeholders filled."""
    return strings(language).text(key, **values)
