"""The guide's settings: every plugin option declared once, validated once, with one error type.

``OPTIONS`` is the single list of the ``pathways`` plugin's options, their defaults and their documentation.
The MkDocs adapter builds its config class from it and the command line reads the same options from
``mkdocs.yml``, so ``pathways check`` and ``mkdocs build`` always agree, and a bad option gives the same
located message in both. :class:`mkdocs_pathways.mkdocs_yml.SiteSettings` carries the few other
``mkdocs.yml`` values the core needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.model import Stage
from mkdocs_pathways.vocab import POSTSECONDARY
from mkdocs_pathways.words import did_you_mean

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


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(name, f"write text here, not {_kind(value)}")
    return value


def _optional_text(name: str, value: Any) -> str | None:
    return None if value is None else _text(name, value)


def _folder(name: str, value: Any) -> str:
    text = _text(name, value).strip().rstrip("/")
    parts = Path(text).parts
    if not text or Path(text).is_absolute() or ".." in parts or any(p.startswith(".") for p in parts if p != "."):
        raise ConfigError(name, f"'{text}' must be a folder inside the project, such as 'lessons'")
    return text


def _file(name: str, value: Any) -> str:
    return _folder(name, value)  # the same rules: a path inside the project, never hidden or outside


def _optional_folder(name: str, value: Any) -> str | None:
    return None if value is None else _folder(name, value)


def _url(name: str, value: Any) -> str:
    text = _text(name, value).rstrip("/")
    if not URL_PATH.fullmatch(text):
        raise ConfigError(name, f"'{text}' must be a relative address of lowercase words joined by hyphens, "
                                "such as 'lessons' or 'guide/lessons'")
    return text


def _choice(*choices: str) -> Callable[[str, Any], str]:
    def read(name: str, value: Any) -> str:
        text = str(value).lower() if isinstance(value, str) else value
        if text not in choices:
            raise ConfigError(name, f"{_show(value)} is not one of: {', '.join(choices)}. "
                                    f"{did_you_mean(str(value), choices)}".strip())
        return str(text)
    return read


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(name, f"write true or false, not {_kind(value)}")
    return value


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(name, f"write a whole number of bytes above zero, not {_kind(value)}")
    return value


def _language(name: str, value: Any) -> str | None:
    if value is None:
        return None
    text = _text(name, value).lower()
    if not LANGUAGE_TAG.fullmatch(text):
        raise ConfigError(name, f"{_show(value)} is not a language code; write one such as 'en' or 'es'")
    return text


def _slugs(name: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ConfigError(name, f"write a list of pathway ids, such as [health-science], not {_kind(value)}")
    bad = [item for item in value if not isinstance(item, str) or not vocab.SLUG.fullmatch(item)]
    if bad:
        raise ConfigError(name, f"{_show(bad[0])} is not a pathway id (lowercase words joined by hyphens)")
    return tuple(value)


def _checks(name: str, value: Any) -> dict[str, str]:
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


def _stages(name: str, value: Any) -> tuple[Stage, ...]:
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


OPTIONS: tuple[Option, ...] = (
    Option("pathways_dir", "pathways", "Folder of pathway maps, relative to mkdocs.yml.", _folder),
    Option("lessons_dir", "lessons", "Folder of lesson units, relative to mkdocs.yml.", _folder),
    Option("standards_dir", "standards", "Folder of standards frameworks (CASE packages as JSON, or YAML), "
                                         "relative to mkdocs.yml.", _folder),
    Option("partners_file", "partners.yml", "The guide's partners, declared once for every pathway, relative to "
                                            "mkdocs.yml (optional: a guide without the file has none).", _file),
    Option("stages", None, "The ordered stages (id, title, grades, description); defaults to awareness … launch.",
           _stages),
    Option("templates_dir", None, "A folder whose templates override the package's, relative to mkdocs.yml.",
           _optional_folder),
    Option("pathways_url", "pathways", "Address of the pathway pages in the site.", _url),
    Option("lessons_url", "lessons", "Address of the lesson pages in the site.", _url),
    Option("competencies_url", "competencies", "Address of the competencies page in the site.", _url),
    Option("nav", "merge", "merge: add the Pathways, Lessons and Competencies sections to the navigation; "
                           "off: leave the navigation alone.", _choice("merge", "off")),
    Option("max_file_bytes", DEFAULT_MAX_FILE_BYTES, "Largest content file read, in bytes.", _positive_int),
    Option("checks", None, "Severity per rule code for continuity findings and warnings: error, warning, "
                           "info (shown, never fails a build) or off.",
           lambda name, value: _checks(name, value or {})),
    Option("organization", None, "Shown on printable guides as the publisher; defaults to the site name.",
           _optional_text),
    Option("edition", "", "Shown on printable guides, for example '2026–27 sample edition'.", _text),
    Option("page_size", "letter", "Paper size of printed guides.", _choice("letter", "a4", "legal")),
    Option("hide_pathways", None, "Ids of pathways not to publish (for forks that do not use some upstream "
                                  "pathways).", lambda name, value: _slugs(name, value or [])),
    Option("commercial_use", False, "True if the guide is used commercially (for example, printed guides are "
                                    "sold): NC and ND works warn.", _bool),
    Option("raw_html", "allow", "strip: remove raw HTML and script links from lesson bodies and pages (for "
                                "guides that take outside contributions).", _choice("allow", "strip")),
    Option("language", None, "The interface language of the generated pages; defaults to the theme's language.",
           _language),
)
OPTION_NAMES = tuple(option.name for option in OPTIONS)


@dataclass(frozen=True)
class GuideConfig:
    """Every setting of one guide, typed. Paths are absolute; ``root`` is the project folder."""

    root: Path
    pathways_dir: Path
    lessons_dir: Path
    docs_dir: Path
    partners_file: Path | None = None
    stages: tuple[Stage, ...] = DEFAULT_STAGES
    # None: the guide keeps no standards frameworks (a GuideConfig made in code, without options).
    standards_dir: Path | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    checks: dict[str, str] = field(default_factory=dict, compare=False)
    hide_pathways: tuple[str, ...] = ()
    commercial_use: bool = False
    language: str | None = None
    templates_dir: Path | None = None
    pathways_url: str = "pathways"
    lessons_url: str = "lessons"
    competencies_url: str = "competencies"
    nav: str = "merge"
    organization: str | None = None
    edition: str = ""
    page_size: str = "letter"
    raw_html: str = "allow"

    @classmethod
    def from_options(cls, root: Path, options: Mapping[str, Any] | None = None,
                     docs_dir: str | Path = "docs") -> GuideConfig:
        """Read and check the plugin's options (the ``pathways:`` entry of ``mkdocs.yml``).

        ``docs_dir`` is the site's folder of pages (``docs_dir`` in ``mkdocs.yml``), relative to ``root``.
        A missing option, or one given as null, takes its default. Raises :class:`ConfigError` for the first
        bad option, naming it.
        """
        given = {k: v for k, v in (options or {}).items() if v is not None}
        unknown = sorted(set(given) - set(OPTION_NAMES))
        if unknown:
            raise ConfigError(unknown[0], f"there is no such option. {did_you_mean(unknown[0], OPTION_NAMES)}"
                                          f"The options are: {', '.join(OPTION_NAMES)}")
        values = {o.name: o.read(o.name, given.get(o.name, o.default)) for o in OPTIONS}
        root = root.resolve()
        urls = [values["pathways_url"], values["lessons_url"], values["competencies_url"]]
        if len(set(urls)) < len(urls):
            raise ConfigError("lessons_url", "pathways_url, lessons_url and competencies_url must differ")
        templates = values.pop("templates_dir")
        if templates is not None and not (root / templates).is_dir():
            raise ConfigError("templates_dir", f"there is no folder '{templates}' beside mkdocs.yml")
        return cls(
            root=root,
            pathways_dir=root / values.pop("pathways_dir"),
            lessons_dir=root / values.pop("lessons_dir"),
            standards_dir=root / values.pop("standards_dir"),
            partners_file=root / values.pop("partners_file"),
            docs_dir=root / docs_dir,
            templates_dir=root / templates if templates is not None else None,
            **values,
        )

    @property
    def content_folders(self) -> tuple[Path, ...]:
        """The folders of content the guide reads, which a preview watches for edits."""
        folders = (self.pathways_dir, self.lessons_dir, self.standards_dir, self.templates_dir)
        return tuple(folder for folder in folders if folder is not None)

    def relative(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the project folder, with forward slashes."""
        # Content paths come from listing folders under the (already resolved) root, so no resolve() per file.
        for candidate in (path, path.resolve()):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return path.as_posix()


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "an empty value" if value is None else "a value"


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else _kind(value)
