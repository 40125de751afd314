"""The guide's settings: every plugin option declared once, validated once, with one error type.

``OPTIONS`` is the single list of the ``pathways`` plugin's options, their defaults and their documentation.
The MkDocs adapter builds its config class from it and the command line reads the same options from
``mkdocs.yml``, so ``pathways check`` and ``mkdocs build`` always agree, and a bad option gives the same
located message in both. :class:`mkdocs_pathways.mkdocs_yml.SiteSettings` carries the few other
``mkdocs.yml`` values the core needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs_pathways.config_options import (
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_STAGES,
    ConfigError,
    Option,
    one_of,
    read_bool,
    read_checks,
    read_file,
    read_folder,
    read_language,
    read_optional_folder,
    read_optional_text,
    read_positive_int,
    read_slugs,
    read_stages,
    read_text,
    read_url,
)
from mkdocs_pathways.model import Stage
from mkdocs_pathways.words import did_you_mean

# ConfigError and DEFAULT_STAGES are defined with the readers, which need them; callers import them from here,
# with the options and GuideConfig, as the settings' names.
__all__ = ["DEFAULT_STAGES", "OPTIONS", "OPTION_NAMES", "ConfigError", "GuideConfig"]


OPTIONS: tuple[Option, ...] = (
    Option("pathways_dir", "pathways", "Folder of pathway maps, relative to mkdocs.yml.", read_folder),
    Option("lessons_dir", "lessons", "Folder of lesson units, relative to mkdocs.yml.", read_folder),
    Option("standards_dir", "standards", "Folder of standards frameworks (CASE packages as JSON, or YAML), "
                                         "relative to mkdocs.yml.", read_folder),
    Option("partners_file", "partners.yml", "The guide's partners, declared once for every pathway, relative to "
                                            "mkdocs.yml (optional: a guide without the file has none).", read_file),
    Option("stages", None, "The ordered stages (id, title, grades, description); defaults to awareness … launch.",
           read_stages),
    Option("templates_dir", None, "A folder whose templates override the package's, relative to mkdocs.yml.",
           read_optional_folder),
    Option("pathways_url", "pathways", "Address of the pathway pages in the site.", read_url),
    Option("lessons_url", "lessons", "Address of the lesson pages in the site.", read_url),
    Option("competencies_url", "competencies", "Address of the competencies page in the site.", read_url),
    Option("nav", "merge", "merge: add the Pathways, Lessons and Competencies sections to the navigation; "
                           "off: leave the navigation alone.", one_of("merge", "off")),
    Option("max_file_bytes", DEFAULT_MAX_FILE_BYTES, "Largest content file read, in bytes.", read_positive_int),
    Option("checks", None, "Severity per rule code for continuity findings and warnings: error, warning, "
                           "info (shown, never fails a build) or off.",
           lambda name, value: read_checks(name, value or {})),
    Option("organization", None, "Shown on printable guides as the publisher; defaults to the site name.",
           read_optional_text),
    Option("edition", "", "Shown on printable guides, for example '2026–27 sample edition'.", read_text),
    Option("page_size", "letter", "Paper size of printed guides.", one_of("letter", "a4", "legal")),
    Option("hide_pathways", None, "Ids of pathways not to publish (for forks that do not use some upstream "
                                  "pathways).", lambda name, value: read_slugs(name, value or [])),
    Option("commercial_use", False, "True if the guide is used commercially (for example, printed guides are "
                                    "sold): NC and ND works warn.", read_bool),
    Option("raw_html", "allow", "strip: remove raw HTML and script links from lesson bodies and pages (for "
                                "guides that take outside contributions).", one_of("allow", "strip")),
    Option("language", None, "The interface language of the generated pages; defaults to the theme's language.",
           read_language),
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
        # Content paths come from listing folders under the (already resolved) root, so resolve() (a system call
        # per part of the path) runs only for a path that is not written under it.
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
