"""``pathways export``: write the guide as a plain Markdown site that any engine can build.

The output holds the author's pages (with the ``<!-- pathways:… -->`` blocks filled in), every generated page,
the styles, script and data files, a ``nav.yml`` and a ``mkdocs.yml`` with no ``pathways`` plugin. It is the
escape hatch to another static site engine, or to MkDocs without this plugin.
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.interop.exports import catalog_schema
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump
from mkdocs_pathways.render.addresses import SiteLayout
from mkdocs_pathways.render.navigation import merge_nav
from mkdocs_pathways.render.pages import Renderer, make_environment, render_settings

MARKER = re.compile(r"<!--\s*pathways:(list|find-lesson)\s*-->")
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
    options = config.options
    layout = SiteLayout(str(options.get("pathways_url", "pathways")), str(options.get("lessons_url", "lessons")),
                        str(options.get("competencies_url", "competencies")),
                        use_directory_urls=bool(site.get("use_directory_urls", True)))
    templates = options.get("templates_dir")
    renderer = Renderer(checked.catalog, layout, make_environment(config.root / str(templates) if templates else None),
                        render_settings(str(site.get("site_name", "")), str(site.get("site_url") or ""),
                                        _theme(site).get("language"), options),
                        checked.analysis)
    _prepare(out)
    docs = out / "docs"
    source_docs = config.root / str(site.get("docs_dir", "docs"))
    written = []
    author_pages = []
    for path in sorted(source_docs.rglob("*")) if source_docs.is_dir() else []:
        if not path.is_file():
            continue
        rel = path.relative_to(source_docs).as_posix()
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = _fill_blocks(renderer, rel, path.read_text(encoding="utf-8"))
            target.write_text(text, encoding="utf-8")
            author_pages.append(rel)
            written.append(rel)
        else:
            shutil.copy2(path, target)
    pages = renderer.pages()
    for page in pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        written.append(page.src_uri)
    package = resources.files("mkdocs_pathways")
    files = {f"assets/pathways/{name}": package.joinpath("assets", name).read_bytes()
             for name in ("pathways.css", "pathways.js")}
    files["catalog.json"] = renderer.catalog_json().encode()
    files["continuity.json"] = renderer.continuity_json().encode()
    files["schemas/catalog.schema.json"] = dump(catalog_schema()).encode()
    files |= {f"schemas/{kind}.schema.json": dump(make()).encode() for kind, make in SCHEMAS.items()}
    for pathway in checked.catalog.pathways:
        ctdl_path, text = renderer.pathway_ctdl(pathway)
        files[ctdl_path] = text.encode()
    for rel, data in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_bytes(data)
    # The accessibility fix to Material's search dialog, as a theme override.
    overrides = out / "overrides"
    custom = _theme(site).get("custom_dir")
    if custom and (config.root / custom).is_dir():
        shutil.copytree(config.root / custom, overrides)
    partial = overrides / "partials" / "search.html"
    if not partial.exists():
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(package.joinpath("theme", "partials", "search.html").read_bytes())
    nav = merge_nav(site.get("nav"), author_pages, renderer.nav_sections())
    (out / "nav.yml").write_text(yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "mkdocs.yml").write_text(_mkdocs_yml(site, nav, pages, layout), encoding="utf-8")
    return written


def _theme(site: dict[str, Any]) -> dict[str, Any]:
    theme = site.get("theme")
    return theme if isinstance(theme, dict) else {"name": str(theme or "material")}


def _fill_blocks(renderer: Renderer, src: str, text: str) -> str:
    return MARKER.sub(lambda match: renderer.block(match.group(1), src), text)


def _mkdocs_yml(site: dict[str, Any], nav: list[Any], pages: list[Any], layout: SiteLayout) -> str:
    config: dict[str, Any] = {k: site[k] for k in KEPT_SETTINGS if k in site}
    theme = dict(_theme(site))
    theme["custom_dir"] = "overrides"
    config["theme"] = theme
    config["docs_dir"] = "docs"
    config["extra_css"] = ["assets/pathways/pathways.css", *list(site.get("extra_css") or [])]
    config["extra_javascript"] = [*list(site.get("extra_javascript") or []), "assets/pathways/pathways.js"]
    config["plugins"] = ["search"]
    config["nav"] = nav
    listed = {p.src_uri for p in pages if p.in_nav}
    unlisted = sorted({"/" + p.src_uri for p in pages if p.src_uri not in listed} - {"/" + layout.continuity_index()})
    config["not_in_nav"] = "\n".join([*unlisted, "/" + layout.continuity_index(), "/" + layout.checks_reference(),
                                      "/" + layout.credits()]) + "\n"
    header = ("# Written by `pathways export`: the guide as a plain MkDocs site, with no pathways plugin.\n"
              "# Build it with `mkdocs build -f mkdocs.yml`; nav.yml holds the same navigation for other engines.\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
