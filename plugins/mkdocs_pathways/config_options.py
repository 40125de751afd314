"""How each plugin option's value is read and checked, with the one error type of the guide's settings.

Each reader takes the option's name and its value from ``mkdocs.yml`` and returns the typed value, or raises
:class:`ConfigError` naming the option. Which options there are, with the reader and default of each, is
``OPTIONS`` in :mod:`mkdocs_pathways.config`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.model import Stage
from mkdocs_pathways.vocab import POSTSECONDARY
from mkdocs_pathways.words import describe, did_you_mean

DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage("awareness", "Awareness", tuple(range(0, 6)),
          "Learning that work exists in many forms, and that every student has a place in it."),
    Stage("exploration", "Exploration", (6, 7, 8),
          "Discovering interests, strengths and values, and exploring careers first-hand."),
    Stage("preparation", "Preparation", tuple(range(9, 13)),
          "Building skills through courses, dual enrollment, work-based learning and credentials."),
    Stage("launch", "Launch", (11, 12, POSTSECONDARY),
          "Moving on to postsecondary education, apprenticeship, the military or work."),
)

DEFAULT_MAX_FILE_BYTES = 1_000_000
# An address segment of the site: lowercase words, optionally in folders ("guide/pathways"). Never `..`,
# never absolute, so generated pages cannot be written outside the site folder.
URL_PATH = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$", re.ASCII)
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$", re.ASCII)


class ConfigError(Exception):
    """A setting of the guide is wrong: an option (named), or ``mkdocs.yml`` itself (``option`` empty).

    ``where`` is ``mkdocs.yml:line:col`` when it is known.
    """

    def __init__(self, option: str, message: str, where: str = "") -> None:
        self.option, self.message, self.where = option, message, where
        super().__init__(str(self))

    def located(self, where: str) -> ConfigError:
        """The same error, at ``where``."""
        return ConfigError(self.option, self.message, where)

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        option = f"pathways option '{self.option}': " if self.option else ""
        return f"{where}{option}{self.message}"


@dataclass(frozen=True)
class Option:
    """One plugin option: its name, default, what it means, and how its value is read."""

    name: str
    default: Any
    doc: str
    read: Callable[[str, Any], Any]


def read_text(name: str, value: Any) -> str:
    """Text, as written."""
    if not isinstance(value, str):
        raise ConfigError(name, f"write text here, not {describe(value)}")
    return value


def read_optional_text(name: str, value: Any) -> str | None:
    """Text, or None when the option is not given."""
    return None if value is None else read_text(name, value)


def read_folder(name: str, value: Any) -> str:
    """A folder inside the project, relative to ``mkdocs.yml``: never absolute, hidden or outside it."""
    text = read_text(name, value).strip().rstrip("/")
    parts = Path(text).parts
    if not text or Path(text).is_absolute() or ".." in parts or any(p.startswith(".") for p in parts if p != "."):
        raise ConfigError(name, f"'{text}' must be a folder inside the project, such as 'lessons'")
    return text


def read_file(name: str, value: Any) -> str:
    """A file inside the project, relative to ``mkdocs.yml``, under the same rules as a folder."""
    return read_folder(name, value)  # the same rules: a path inside the project, never hidden or outside


def read_optional_folder(name: str, value: Any) -> str | None:
    """A folder inside the project, or None when the option is not given."""
    return None if value is None else read_folder(name, value)


def read_url(name: str, value: Any) -> str:
    """An address in the site: lowercase words joined by hyphens, optionally in folders."""
    text = read_text(name, value).rstrip("/")
    if not URL_PATH.fullmatch(text):
        raise ConfigError(name, f"'{text}' must be a relative address of lowercase words joined by hyphens, "
                                "such as 'lessons' or 'guide/lessons'")
    return text


def one_of(*choices: str) -> Callable[[str, Any], str]:
    """A reader of one of ``choices``, written in any case; the value read is in lower case."""
    def read(name: str, value: Any) -> str:
        text = str(value).lower() if isinstance(value, str) else value
        if text not in choices:
            raise ConfigError(name, f"{_show(value)} is not one of: {', '.join(choices)}. "
                                    f"{did_you_mean(str(value), choices)}".strip())
        return str(text)
    return read


def read_bool(name: str, value: Any) -> bool:
    """True or false, and nothing else."""
    if not isinstance(value, bool):
        raise ConfigError(name, f"write true or false, not {describe(value)}")
    return value


def read_positive_int(name: str, value: Any) -> int:
    """A whole number above zero."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(name, f"write a whole number of bytes above zero, not {describe(value)}")
    return value


def read_language(name: str, value: Any) -> str | None:
    """A language code such as ``en`` or ``es-mx``, in lower case; None when not given."""
    if value is None:
        return None
    text = read_text(name, value).lower()
    if not LANGUAGE_TAG.fullmatch(text):
        raise ConfigError(name, f"{_show(value)} is not a language code; write one such as 'en' or 'es'")
    return text


def read_slugs(name: str, value: Any) -> tuple[str, ...]:
    """A list of pathway ids."""
    if not isinstance(value, list):
        raise ConfigError(name, f"write a list of pathway ids, such as [health-science], not {describe(value)}")
    bad = [item for item in value if not isinstance(item, str) or not vocab.SLUG.fullmatch(item)]
    if bad:
        raise ConfigError(name, f"{_show(bad[0])} is not a pathway id (lowercase words joined by hyphens)")
    return tuple(value)


def read_checks(name: str, value: Any) -> dict[str, str]:
    """The per-rule severity policy: ``{PW307: off, PW303: error}``."""
    from mkdocs_pathways.rules import RULES  # the rule table is large; only this option needs it

    if not isinstance(value, dict):
        raise ConfigError(name, "write one rule code per line with its severity, such as `PW307: off`")
    out = {}
    for code, level_value in value.items():
        # YAML 1.1 reads a bare `off` as false, which is what a writer means by it.
        code, level = str(code).upper(), "off" if level_value is False else str(level_value).lower()
        if code not in RULES:
            raise ConfigError(name, f"there is no rule {code}; {did_you_mean(code, RULES)}the rules are listed "
                                    "on the guide's check reference")
        if not RULES[code].configurable:
            raise ConfigError(name, f"{code} ({RULES[code].name}) is always an error and cannot be changed")
        if level not in ("error", "warning", "info", "off"):
            raise ConfigError(name, f"{code} must be error, warning, info or off, not {level!r}")
        out[code] = level
    return out


def read_stages(name: str, value: Any) -> tuple[Stage, ...]:
    """The guide's stages, in order; the default stages when none are given."""
    if value is None or value == []:
        return DEFAULT_STAGES
    if not isinstance(value, list) or not all(isinstance(raw, dict) for raw in value):
        raise ConfigError(name, "write a list of stages, each with an id, a title and grades")
    stages, seen = [], set()
    for raw in value:
        stage_id = raw.get("id")
        if not isinstance(stage_id, str) or not vocab.SLUG.fullmatch(stage_id):
            raise ConfigError(name, f"a stage id must be lowercase words joined by hyphens, not {_show(stage_id)}")
        if stage_id in seen:
            raise ConfigError(name, f"the stage '{stage_id}' is listed twice")
        seen.add(stage_id)
        unknown = sorted(set(raw) - {"id", "title", "grades", "description"})
        if unknown:
            raise ConfigError(name, f"stage '{stage_id}' has an unknown field '{unknown[0]}'; "
                                    "a stage has id, title, grades and description")
        grades, message = vocab.parse_grades(raw.get("grades", []))
        if grades is None:
            raise ConfigError(name, f"stage '{stage_id}': {message}")
        title, description = raw.get("title", stage_id), raw.get("description", "")
        if not isinstance(title, str) or not isinstance(description, str):
            raise ConfigError(name, f"stage '{stage_id}': its title and description must be text")
        stages.append(Stage(stage_id, title, grades, description))
    return tuple(stages)


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else describe(value)
