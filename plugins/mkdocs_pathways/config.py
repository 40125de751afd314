"""Where the content lives and how the guide is set up, shared by the CLI and the MkDocs plugin.

The plugin fills a :class:`GuideConfig` from its ``mkdocs.yml`` options. The CLI reads the same options from
``mkdocs.yml`` when there is one, so that ``pathways check`` and ``mkdocs build`` always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mkdocs_pathways.model import Stage
from mkdocs_pathways.vocab import POSTSECONDARY

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


@dataclass(frozen=True)
class GuideConfig:
    """The folders and settings of one guide. Paths are absolute; ``root`` is the project folder."""

    root: Path
    pathways_dir: Path
    lessons_dir: Path
    stages: tuple[Stage, ...] = DEFAULT_STAGES
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    checks: dict[str, str] = field(default_factory=dict, compare=False)
    hide_pathways: tuple[str, ...] = ()
    commercial_use: bool = False
    language: str = "en"
    options: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_options(cls, root: Path, options: dict[str, Any] | None = None) -> GuideConfig:
        """Build the configuration from the plugin's options (the ``pathways:`` entry of ``mkdocs.yml``)."""
        options = dict(options or {})
        root = root.resolve()
        stages = tuple(_stage(raw) for raw in options.get("stages") or ()) or DEFAULT_STAGES
        return cls(
            root=root,
            pathways_dir=(root / str(options.get("pathways_dir", "pathways"))).resolve(),
            lessons_dir=(root / str(options.get("lessons_dir", "lessons"))).resolve(),
            stages=stages,
            max_file_bytes=int(options.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)),
            checks=_checks(options.get("checks") or {}),
            hide_pathways=tuple(str(p) for p in options.get("hide_pathways") or ()),
            commercial_use=bool(options.get("commercial_use", False)),
            language=str(options.get("language") or "en"),
            options=options,
        )

    def relative(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the project folder, with forward slashes."""
        # Content paths come from listing folders under the (already resolved) root, so no resolve() per file.
        for candidate in (path, path.resolve()):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return path.as_posix()


def _checks(raw: dict[str, Any]) -> dict[str, str]:
    """Validate the per-rule severity policy: ``{PW307: off, PW303: error}``."""
    from mkdocs_pathways.rules import RULES

    if not isinstance(raw, dict):
        raise ValueError("checks: write one rule code per line with its severity, such as `PW307: off`")
    out = {}
    for code, value in raw.items():
        # YAML 1.1 reads a bare `off` as false, which is what a writer means by it.
        code, level = str(code).upper(), "off" if value is False else str(value).lower()
        if code not in RULES:
            raise ValueError(f"checks: there is no rule {code}; the rules are listed on the guide's check reference")
        if not RULES[code].configurable:
            raise ValueError(f"checks: {code} ({RULES[code].name}) is always an error and cannot be changed")
        if level not in ("error", "warning", "off"):
            raise ValueError(f"checks: {code} must be error, warning or off, not {level!r}")
        out[code] = level
    return out


def _stage(raw: dict[str, Any]) -> Stage:
    from mkdocs_pathways.vocab import parse_grades

    grades, message = parse_grades(raw.get("grades", []))
    if grades is None:
        raise ValueError(f"stage {raw.get('id')!r}: {message}")
    return Stage(str(raw["id"]), str(raw.get("title", raw["id"])), grades, str(raw.get("description", "")))


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose Material settings use ``!!python/name`` tags that we only need to skip.

    Aliases are refused: a few lines of them can expand to gigabytes, and the guide's settings need none.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, "YAML aliases ('*name') are not read here",
                                              event.start_mark)
        return super().compose_node(parent, index)


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def read_site_options(path: Path) -> dict[str, Any]:
    """The top-level settings of a ``mkdocs.yml`` (empty if there is none)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - tolerant *safe* loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path.name}:{mark.line + 1}:{mark.column + 1}" if mark else path.name
        raise ValueError(f"{where}: the site settings cannot be read: {exc.problem or exc.context}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path.name}: the site settings cannot be read: {exc}") from None
    return data if isinstance(data, dict) else {}


def plugin_options_from_mkdocs_yml(path: Path) -> dict[str, Any] | None:
    """The options of the ``pathways`` plugin in a ``mkdocs.yml``, or None if it does not use the plugin."""
    data = read_site_options(path)
    if not data:
        return None
    for entry in data.get("plugins") or ():
        if entry == "pathways":
            return {}
        if isinstance(entry, dict) and "pathways" in entry:
            return dict(entry["pathways"] or {})
    if isinstance(data.get("plugins"), dict) and "pathways" in data["plugins"]:
        return dict(data["plugins"]["pathways"] or {})
    return None
