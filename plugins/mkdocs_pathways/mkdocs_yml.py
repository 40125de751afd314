"""Read a guide's ``mkdocs.yml`` as data, without MkDocs: the site settings and the ``pathways`` options.

The command line uses this to see the same settings as the plugin, and every reader uses :func:`locate` to
point a bad option's message at its line in ``mkdocs.yml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mkdocs_pathways.config import ConfigError, GuideConfig


@dataclass(frozen=True)
class SiteSettings:
    """The ``mkdocs.yml`` values the core needs (not plugin options)."""

    site_name: str = ""
    site_url: str = ""
    theme_language: str | None = None
    use_directory_urls: bool = True
    docs_dir: str = "docs"
    # The site's Markdown extensions and their settings, used to convert lesson bodies as pages are converted.
    markdown_extensions: tuple[Any, ...] = ("toc", "tables", "fenced_code")
    markdown_configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_mkdocs_yml(cls, data: Mapping[str, Any]) -> SiteSettings:
        """The settings from the top level of a ``mkdocs.yml`` read as data."""
        theme = data.get("theme")
        language = theme.get("language") if isinstance(theme, dict) else None
        extensions, configs = extensions_from_mkdocs_yml(data.get("markdown_extensions"))
        return cls(site_name=str(data.get("site_name") or ""), site_url=str(data.get("site_url") or ""),
                   theme_language=str(language) if language else None,
                   use_directory_urls=bool(data.get("use_directory_urls", True)),
                   docs_dir=str(data.get("docs_dir") or "docs"),
                   markdown_extensions=tuple(extensions), markdown_configs=configs)

    @property
    def published_url(self) -> str:
        """The site's address with a trailing slash, or an empty string when it has no http(s) address."""
        return self.site_url.rstrip("/") + "/" if self.site_url.startswith(("http://", "https://")) else ""


def extensions_from_mkdocs_yml(value: Any) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The extension names and settings of a ``markdown_extensions`` list read as plain YAML.

    Settings that were YAML tags (``!!python/name:…``, which plain YAML cannot load) are left out, so the
    extension uses its default for them.
    """
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in value or ():
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, settings in entry.items():
                names.append(str(name))
                if isinstance(settings, dict):
                    configs[str(name)] = {k: v for k, v in settings.items() if v is not None}
    for default in ("toc", "tables", "fenced_code"):  # what MkDocs always adds
        if default not in names:
            names.append(default)
    return names, configs


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


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("", f"the site settings cannot be read: {exc}", path.name) from None


def read_site_options(path: Path) -> dict[str, Any]:
    """The top-level settings of a ``mkdocs.yml`` (empty if there is none)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.load(_text(path), Loader=_TolerantLoader)  # noqa: S506 - tolerant *safe* loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path.name}:{mark.line + 1}:{mark.column + 1}" if mark else path.name
        raise ConfigError("", f"the site settings cannot be read: {exc.problem or exc.context}", where) from None
    except yaml.YAMLError as exc:
        raise ConfigError("", f"the site settings cannot be read: {exc}", path.name) from None
    return data if isinstance(data, dict) else {}


def plugin_options(data: dict[str, Any]) -> dict[str, Any] | None:
    """The options of the ``pathways`` plugin in ``mkdocs.yml`` data, or None if the site does not use it."""
    plugins = data.get("plugins") or ()
    if isinstance(plugins, dict):
        return dict(plugins["pathways"] or {}) if "pathways" in plugins else None
    for entry in plugins:
        if entry == "pathways":
            return {}
        if isinstance(entry, dict) and "pathways" in entry:
            return dict(entry["pathways"] or {})
    return None


def locate(path: Path, option: str) -> str:
    """``mkdocs.yml:line:col`` of the ``pathways`` option ``option`` (or of the plugin entry), or the file name."""
    try:
        node = yaml.compose(_text(path), Loader=_TolerantLoader)
    except (ConfigError, yaml.YAMLError):
        return path.name
    best = node
    for key in ("plugins", "pathways", option):
        found = _child(best, key)
        if found is None:
            break
        best = found
    if best is None:
        return path.name
    mark = best.start_mark
    return f"{path.name}:{mark.line + 1}:{mark.column + 1}"


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node if key not in ("plugins", "pathways") else value
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == key:
                return item
            found = _child(item, key)
            if found is not None:
                return found
    return None


def load_settings(root: Path, config_file: Path | None = None) -> tuple[GuideConfig, SiteSettings]:
    """The guide's configuration and site settings from ``config_file`` (default ``root/mkdocs.yml``).

    Without a ``mkdocs.yml``, or one that does not use the plugin, the defaults apply. Raises a located
    :class:`ConfigError` for a bad option or an unreadable file.
    """
    path = config_file or root / "mkdocs.yml"
    data = read_site_options(path)
    try:
        site = SiteSettings.from_mkdocs_yml(data)
        return GuideConfig.from_options(root, plugin_options(data), site.docs_dir), site
    except ConfigError as exc:
        raise exc.located(locate(path, exc.option)) from None
