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
from mkdocs_pathways.config import OPTIONS, ConfigError, GuideConfig
from mkdocs_pathways.diagnostics import REFERENCE_PATH, Severity, format_diagnostics
from mkdocs_pathways.load.safety import is_regular_file
from mkdocs_pathways.mkdocs_yml import SiteSettings, locate
from mkdocs_pathways.render.bundle import SCRIPT, STYLESHEET, bundle
from mkdocs_pathways.render.navigation import merge_nav, nav_pages
from mkdocs_pathways.render.pages import Renderer

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
LANGUAGE_TAG = re.compile(r"^[a-z]{2}(-[a-z]{2})?$")


def cached_page(folder: Path, src_uri: str, markdown: str) -> Path:
    """Write a generated page into the serve cache, leaving the file (and its time) alone if it is unchanged."""
    path = folder / src_uri
    if not path.is_file() or path.read_text(encoding="utf-8") != markdown:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    return path


class _Raw(c.Optional):  # type: ignore[type-arg]
    """Accepts any value: the core checks every option, so that the CLI gives the same messages."""

    def __init__(self) -> None:
        super().__init__(c.Type(object))


# The options, their defaults and documentation are declared once, in config.OPTIONS.
PathwaysConfig = type("PathwaysConfig", (base.Config,), {option.name: _Raw() for option in OPTIONS})


class PathwaysPlugin(BasePlugin[PathwaysConfig]):  # type: ignore[valid-type]
    """Generates the guide's pathway, lesson, catalog and competency pages from YAML and Markdown."""

    def __init__(self) -> None:
        self.serving = False
        self.guide: GuideConfig | None = None
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
        config_file = Path(config.config_file_path)
        try:
            self.guide = GuideConfig.from_options(config_file.parent, dict(self.config), config.docs_dir)
            checked = check_guide(self.guide)
        except ConfigError as exc:
            raise PluginError(str(exc.located(locate(config_file, exc.option)))) from None
        site = SiteSettings(config.site_name, config.site_url or "")
        reference = site.published_url + REFERENCE_PATH if site.published_url else ""
        for diagnostic in checked.diagnostics:
            if diagnostic.level is Severity.WARNING or self.serving:
                # While serving, errors are reported and the rest of the guide still builds, so the writer
                # can fix them without restarting the server.
                log_line = log.warning if diagnostic.level is Severity.WARNING else log.error
                log_line(diagnostic.format_text(reference))
        if checked.errors and not self.serving:
            problems = format_diagnostics(checked.errors, reference_base=reference)
            raise PluginError(f"{len(checked.errors)} problem(s) in the guide's content:\n{problems}")
        self.checked = checked
        if config.theme.name == "material":
            # Accessibility fixes to Material's own templates, after the site's custom_dir so a site still wins.
            fixes = str(resources.files("mkdocs_pathways").joinpath("theme"))
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, fixes)
        config.extra_css.insert(0, STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.checked is not None and self.guide is not None
        site = SiteSettings(config.site_name, config.site_url or "", config.theme.get("language"),
                            config.use_directory_urls, config.docs_dir)
        for file in list(files):
            # Links and special files in the docs folder are reported by the check (PW013); while serving,
            # when errors do not stop the build, they must still never be copied into the site.
            # Only the guide's own files: the theme's assets live outside the project and are not content.
            source = Path(file.abs_src_path) if file.abs_src_path else None
            if source is not None and source.is_relative_to(self.guide.docs_dir) \
                    and not is_regular_file(source, self.guide.root):
                files.remove(file)
        built = bundle(self.checked, self.guide, site)
        self.renderer = built.renderer
        if self.guide.nav == "merge":
            config.nav = merge_nav(config.nav, [f.src_uri for f in files.documentation_pages()], built.nav_sections)
        listed = nav_pages(config.nav or [])
        for page in built.pages:
            in_nav = page.in_nav if config.nav is None else page.src_uri in listed
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            if self.page_cache is None:
                files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
            else:
                cached = cached_page(self.page_cache, page.src_uri, page.markdown)
                files.append(File.generated(config, page.src_uri, abs_src_path=str(cached), inclusion=inclusion))
        for item in built.files:
            files.append(File.generated(config, item.path, content=item.content))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        renderer = self.renderer
        if renderer is None or page.file.generated_by:
            return markdown
        return renderer.author_page(markdown, page.file.src_uri)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        language = page.meta.get("pathways_language")
        if isinstance(language, str) and LANGUAGE_TAG.match(language):
            # A translated lesson: screen readers and hyphenation need to know its language.
            return f'<div lang="{language}">{html}</div>'
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.guide is not None:
            for folder in (self.guide.pathways_dir, self.guide.lessons_dir, self.guide.templates_dir):
                if folder is not None and folder.is_dir():
                    server.watch(str(folder))
            if self.guide.partners_file is not None and self.guide.partners_file.is_file():
                server.watch(str(self.guide.partners_file))
        return server
