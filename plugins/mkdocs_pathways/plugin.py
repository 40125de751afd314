"""The MkDocs adapter: wires MkDocs events to the MkDocs-free core, and does nothing else."""

from __future__ import annotations

import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_pathways.analysis.check import CheckedGuide, check_guide
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import REFERENCE_PATH, Severity, format_diagnostics
from mkdocs_pathways.interop.exports import catalog_schema
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump
from mkdocs_pathways.model import Catalog
from mkdocs_pathways.render.addresses import SiteLayout
from mkdocs_pathways.render.navigation import merge_nav, nav_pages
from mkdocs_pathways.render.pages import Renderer, make_environment, render_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
ASSETS = ("pathways.css", "pathways.js")
ASSET_DIR = "assets/pathways"
LANGUAGE_TAG = re.compile(r"^[a-z]{2}(-[a-z]{2})?$")
MARKER = re.compile(r"<!--\s*pathways:(list|find-lesson)\s*-->")


def cached_page(folder: Path, src_uri: str, markdown: str) -> Path:
    """Write a generated page into the serve cache, leaving the file (and its time) alone if it is unchanged."""
    path = folder / src_uri
    if not path.is_file() or path.read_text(encoding="utf-8") != markdown:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    return path


class PathwaysConfig(base.Config):
    """Options of the ``pathways`` plugin in ``mkdocs.yml``."""

    pathways_dir = c.Type(str, default="pathways")
    """Folder of pathway maps, relative to mkdocs.yml."""
    lessons_dir = c.Type(str, default="lessons")
    """Folder of lesson units, relative to mkdocs.yml."""
    stages = c.Optional(c.ListOfItems(c.Type(dict)))
    """The ordered stages (id, title, grades, description); defaults to awareness … launch."""
    templates_dir = c.Optional(c.Type(str))
    """A folder whose templates override the package's, relative to mkdocs.yml."""
    pathways_url = c.Type(str, default="pathways")
    lessons_url = c.Type(str, default="lessons")
    competencies_url = c.Type(str, default="competencies")
    nav = c.Choice(("merge", "off"), default="merge")
    """merge: add the Pathways, Lessons and Competencies sections to the navigation; off: leave it alone."""
    max_file_bytes = c.Type(int, default=1_000_000)
    checks = c.Type(dict, default={})
    """Severity per rule code for continuity findings and warnings: error, warning or off."""
    organization = c.Optional(c.Type(str))
    """Shown on printable guides as the publisher; defaults to the site name."""
    edition = c.Optional(c.Type(str))
    """Shown on printable guides, for example '2026–27 sample edition'."""
    page_size = c.Choice(("letter", "a4", "legal"), default="letter")
    """Paper size of printed guides."""
    hide_pathways = c.Type(list, default=[])
    """Ids of pathways not to publish (for forks that do not use some upstream pathways)."""
    commercial_use = c.Type(bool, default=False)
    """True if the guide is used commercially (for example, printed guides are sold): NC and ND works warn."""
    raw_html = c.Choice(("allow", "strip"), default="allow")
    """strip: remove raw HTML and script links from lesson bodies and descriptions (for outside contributions)."""
    language = c.Optional(c.Type(str))
    """The interface language of the generated pages; defaults to the theme's language."""


class PathwaysPlugin(BasePlugin[PathwaysConfig]):
    """Generates the guide's pathway, lesson, catalog and competency pages from YAML and Markdown."""

    def __init__(self) -> None:
        self.serving = False
        self.guide: GuideConfig | None = None
        self.catalog: Catalog | None = None
        self.checked: CheckedGuide | None = None
        self.page_cache: Path | None = None
        self.renderer: Renderer | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving and dirty:
            # `mkdocs serve --dirty` rebuilds only files newer than their output. Generated pages are kept in
            # a temporary folder and rewritten only when their Markdown changes, so that an edit to one lesson
            # rebuilds the few pages it appears on instead of the whole guide.
            self.page_cache = Path(tempfile.mkdtemp(prefix="mkdocs-pathways-"))

    def on_shutdown(self) -> None:
        if self.page_cache is not None:
            shutil.rmtree(self.page_cache, ignore_errors=True)
            self.page_cache = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        options = {k: v for k, v in self.config.items() if v is not None}
        try:
            self.guide = GuideConfig.from_options(root, options)
        except ValueError as exc:
            raise PluginError(f"pathways: {exc}") from exc
        checked = check_guide(self.guide)
        errors = checked.errors
        site_url = config.site_url or ""
        reference = f"{site_url.rstrip('/')}/{REFERENCE_PATH}" if site_url.startswith("http") else ""
        for diagnostic in checked.diagnostics:
            if diagnostic.level is Severity.WARNING or self.serving:
                # While serving, errors are reported and the rest of the guide still builds, so the writer
                # can fix them without restarting the server.
                log_line = log.warning if diagnostic.level is Severity.WARNING else log.error
                log_line(diagnostic.format_text(reference))
        if errors and not self.serving:
            problems = format_diagnostics(errors, reference_base=reference)
            raise PluginError(f"{len(errors)} problem(s) in the guide's content:\n{problems}")
        self.checked = checked
        self.catalog = checked.catalog
        if config.theme.name == "material":
            # Accessibility fixes to Material's own templates, after the site's custom_dir so a site still wins.
            fixes = str(resources.files("mkdocs_pathways").joinpath("theme"))
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, fixes)
        config.extra_css.insert(0, f"{ASSET_DIR}/pathways.css")
        config.extra_javascript.append(f"{ASSET_DIR}/pathways.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None and self.guide is not None
        layout = SiteLayout(self.config.pathways_url, self.config.lessons_url, self.config.competencies_url,
                            use_directory_urls=config.use_directory_urls)
        templates = self.config.templates_dir
        env = make_environment(self.guide.root / templates if templates else None)
        settings = render_settings(config.site_name, config.site_url or "", config.theme.get("language"),
                                   dict(self.config))
        self.renderer = Renderer(self.catalog, layout, env, settings,
                                 self.checked.analysis if self.checked else None)
        author_pages = [f.src_uri for f in files.documentation_pages()]
        if self.config.nav == "merge":
            config.nav = merge_nav(config.nav, author_pages, self.renderer.nav_sections())
        listed = nav_pages(config.nav or [])
        for page in self.renderer.pages():
            in_nav = page.in_nav if config.nav is None else page.src_uri in listed
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            if self.page_cache is None:
                files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
            else:
                cached = cached_page(self.page_cache, page.src_uri, page.markdown)
                files.append(File.generated(config, page.src_uri, abs_src_path=str(cached), inclusion=inclusion))
        for name in ASSETS:
            content = resources.files("mkdocs_pathways").joinpath("assets", name).read_bytes()
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=content))
        files.append(File.generated(config, "continuity.json", content=self.renderer.continuity_json()))
        files.append(File.generated(config, "catalog.json", content=self.renderer.catalog_json()))
        files.append(File.generated(config, "schemas/catalog.schema.json", content=dump(catalog_schema())))
        for pathway in self.catalog.pathways:
            ctdl_path, text = self.renderer.pathway_ctdl(pathway)
            files.append(File.generated(config, ctdl_path, content=text))
        for kind, make in SCHEMAS.items():  # published, so that editors anywhere can use them
            files.append(File.generated(config, f"schemas/{kind}.schema.json", content=dump(make())))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.renderer is None or "pathways:" not in markdown or page.file.generated_by:
            return markdown
        renderer = self.renderer
        return MARKER.sub(lambda m: renderer.block(m.group(1), page.file.src_uri), markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        language = page.meta.get("pathways_language")
        if isinstance(language, str) and LANGUAGE_TAG.match(language):
            # A translated lesson: screen readers and hyphenation need to know its language.
            return f'<div lang="{language}">{html}</div>'
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.guide is not None:
            for folder in (self.guide.pathways_dir, self.guide.lessons_dir):
                if folder.is_dir():
                    server.watch(str(folder))
            if self.config.templates_dir:
                server.watch(str(self.guide.root / self.config.templates_dir))
        return server
