"""``pathways export``: write the guide as a plain Markdown site that any engine can build.

The output holds the author's pages (with the ``<!-- pathways:… -->`` blocks filled in), every generated page,
the styles, script and data files, a ``nav.yml`` and a ``mkdocs.yml`` with no ``pathways`` plugin. It is the
escape hatch to another static site engine, or to MkDocs without this plugin.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.safety import is_regular_file
from mkdocs_pathways.mkdocs_yml import SiteSettings
from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.bundle import SCRIPT, STYLESHEET, bundle, package_file
from mkdocs_pathways.render.navigation import merge_nav

STAMP = ".pathways-export"
KEPT_SETTINGS = ("site_name", "site_description", "site_url", "copyright", "theme", "markdown_extensions",
                 "extra", "validation", "use_directory_urls")


class ExportError(Exception):
    """The export cannot be written; the message says why."""


def _prepare(out: Path) -> None:
    # Never write over someone's work: only an empty folder, or an earlier export, may be used.
    if out.exists() and any(out.iterdir()):
        if not (out / STAMP).is_file():
            raise ExportError(f"{out} is not empty and is not an earlier export; choose an empty folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP).write_text("Written by `pathways export`; the next export replaces this folder.\n")


def export_guide(config: GuideConfig, site: dict[str, Any], out: Path) -> list[str]:
    """Export the guide described by ``config`` and the ``mkdocs.yml`` settings ``site`` into ``out``.

    Returns the source paths of the pages written. Raises ExportError if the content has errors.
    """
    checked = check_guide(config)
    if checked.errors:
        raise ExportError(f"the guide has {len(checked.errors)} error(s); run `pathways check` and fix them first")
    if config.raw_html == "strip":
        # The export is Markdown for other engines, which would publish the pages' raw HTML uncleaned.
        raise ExportError("a guide with raw_html: strip cannot be exported as Markdown; build it with the plugin")
    settings = SiteSettings.from_mkdocs_yml(site)
    built = bundle(checked, config, settings)
    renderer = built.renderer
    _prepare(out)
    docs = out / "docs"
    source_docs = config.root / settings.docs_dir
    written = []
    author_pages = []
    for path in sorted(source_docs.rglob("*")) if source_docs.is_dir() else []:
        if not is_regular_file(path, config.root):
            continue  # links and special files are never copied (the check reports them)
        rel = path.relative_to(source_docs).as_posix()
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = renderer.author_page(path.read_text(encoding="utf-8"), rel)
            target.write_text(text, encoding="utf-8")
            author_pages.append(rel)
            written.append(rel)
        else:
            shutil.copy2(path, target)
    for page in built.pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.inline(), encoding="utf-8")
        written.append(page.src_uri)
    for item in built.files:
        (docs / item.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / item.path).write_bytes(item.content)
    # The accessibility fix to Material's search dialog, as a theme override.
    overrides = out / "overrides"
    custom = _theme(site).get("custom_dir")
    if custom and (config.root / custom).is_dir():
        shutil.copytree(config.root / custom, overrides, ignore=_links)
    search_partial = overrides / "partials" / "search.html"
    if not search_partial.exists():
        search_partial.parent.mkdir(parents=True, exist_ok=True)
        search_partial.write_bytes(package_file("theme", "partials", "search.html"))
    nav = merge_nav(site.get("nav"), author_pages, built.nav_sections)
    (out / "nav.yml").write_text(yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "mkdocs.yml").write_text(_mkdocs_yml(site, nav, built.pages, renderer.layout), encoding="utf-8")
    return written


def _links(folder: str, names: list[str]) -> list[str]:
    """The entries of ``folder`` that are links or special files, which copytree must leave out."""
    return [n for n in names if not (Path(folder, n).is_dir() and not Path(folder, n).is_symlink())
            and not is_regular_file(Path(folder, n), Path(folder))]


def _theme(site: dict[str, Any]) -> dict[str, Any]:
    theme = site.get("theme")
    return theme if isinstance(theme, dict) else {"name": str(theme or "material")}


def _mkdocs_yml(site: dict[str, Any], nav: list[Any], pages: list[Any], layout: Addresses) -> str:
    config: dict[str, Any] = {k: site[k] for k in KEPT_SETTINGS if k in site}
    theme = dict(_theme(site))
    theme["custom_dir"] = "overrides"
    config["theme"] = theme
    config["docs_dir"] = "docs"
    config["extra_css"] = [STYLESHEET, *list(site.get("extra_css") or [])]
    config["extra_javascript"] = [*list(site.get("extra_javascript") or []), SCRIPT]
    config["plugins"] = ["search"]
    config["nav"] = nav
    listed = {p.src_uri for p in pages if p.in_nav}
    unlisted = sorted({"/" + p.src_uri for p in pages if p.src_uri not in listed} - {"/" + layout.continuity_index()})
    config["not_in_nav"] = "\n".join([*unlisted, "/" + layout.continuity_index(), "/" + layout.checks_reference(),
                                      "/" + layout.credits()]) + "\n"
    header = ("# Written by `pathways export`: the guide as a plain MkDocs site, with no pathways plugin.\n"
              "# Build it with `mkdocs build -f mkdocs.yml`; nav.yml holds the same navigation for other engines.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
