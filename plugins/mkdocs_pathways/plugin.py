"""The MkDocs adapter: wires MkDocs events to the MkDocs-free core, and does nothing else."""

from __future__ import annotations

import logging
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from mkdocs_pathways.analysis.check import CheckedGuide, check_guide
from mkdocs_pathways.config import OPTIONS, ConfigError, GuideConfig
from mkdocs_pathways.diagnostics import REFERENCE_PATH, format_diagnostics, log_levels
from mkdocs_pathways.load.safety import unsafe_in_folder
from mkdocs_pathways.mkdocs_yml import SiteSettings, locate
from mkdocs_pathways.render.bundle import SCRIPT, STYLESHEET, Bundle, bundle
from mkdocs_pathways.render.fragments import Fragment
from mkdocs_pathways.render.navigation import merge_nav, nav_pages
from mkdocs_pathways.render.preview import FolderWatch, PageCache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


# Options are declared once (config.OPTIONS) and checked by the core, so the CLI gives the same messages.
PathwaysConfig = type("PathwaysConfig", (base.Config,),
                      {option.name: c.Optional(c.Type(object)) for option in OPTIONS})


class PathwaysPlugin(BasePlugin[PathwaysConfig]):  # type: ignore[valid-type]
    """Generates the guide's pathway, lesson, catalog and competency pages from YAML and Markdown."""

    def __init__(self) -> None:
        self.serving = False
        self.guide: GuideConfig | None = None
        self.checked: CheckedGuide | None = None
        self.page_cache: PageCache | None = None
        self.built: Bundle | None = None
        # Converted author Markdown, kept across rebuilds while serving (the plugin outlives a rebuild).
        self.fragment_cache: dict[str, Fragment] = {}
        self.watch = FolderWatch()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.page_cache = PageCache() if self.serving and dirty else None

    def on_shutdown(self) -> None:
        self.watch.stop()
        self.serving = False  # MkDocs keeps this plugin object for the next build in the same process
        if self.page_cache is not None:  # `mkdocs serve --dirty`
            self.page_cache.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path)
        try:
            self.guide = GuideConfig.from_options(config_file.parent, dict(self.config), config.docs_dir)
            checked = check_guide(self.guide)
        except ConfigError as exc:
            raise PluginError(str(exc.located(locate(config_file, exc.option)))) from None
        published = _site(config).published_url
        reference = published + REFERENCE_PATH if published else ""
        if self.serving:  # before anything is logged, which strict mode would count
            _serve_leniently(config)
            self.watch.sync(self.guide.content_folders)
        for level, diagnostic in log_levels(checked.diagnostics, self.serving):
            getattr(log, level)(diagnostic.format_text(reference))
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
        # Links and special files are reported (PW013); while serving they must still never reach the site.
        unsafe = unsafe_in_folder((f.abs_src_path for f in files if f.abs_src_path), self.guide.docs_dir)
        for file in [f for f in files if f.abs_src_path in unsafe]:
            files.remove(file)
        built = self.built = bundle(self.checked, self.guide, _site(config), self.fragment_cache)
        if self.guide.nav == "merge":
            config.nav = merge_nav(config.nav, [f.src_uri for f in files.documentation_pages()], built.nav_sections)
        listed = nav_pages(config.nav or [])
        for page in built.pages:
            in_nav = page.in_nav if config.nav is None else page.src_uri in listed
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            cache = self.page_cache
            source = {"abs_src_path": str(cache.write(page.src_uri, page.markdown))} if cache else \
                {"content": page.markdown}
            files.append(File.generated(config, page.src_uri, inclusion=inclusion, **source))
        for item in built.files:
            files.append(File.generated(config, item.path, content=item.content))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.built is None or page.file.generated_by:
            return markdown
        return self.built.renderer.author_page(markdown, page.file.src_uri)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.built is None:
            return html
        errors = self.checked.errors if self.serving and self.checked is not None else []
        html, toc = self.built.renderer.finish(page.file.src_uri, html, self.built.page(page.file.src_uri), errors,
                                               page.meta.get("pathways_language"))
        if toc is not None:  # a lesson's own headings come from its fragment: beside the page, and for anchors
            page.toc = get_toc(toc)  # type: ignore[arg-type]
            if page.present_anchor_ids is not None:
                page.present_anchor_ids.update(re.findall(r'\sid="([^"]+)"', html))
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        self.watch.watch, self.watch.unwatch = server.watch, server.unwatch
        if self.guide is not None:
            self.watch.sync(self.guide.content_folders)
            self.watch.poll(self.guide.content_folders)
        return server


def _site(config: MkDocsConfig) -> SiteSettings:
    return SiteSettings(config.site_name, config.site_url or "", config.theme.get("language"),
                        config.use_directory_urls, config.docs_dir, tuple(config.markdown_extensions),
                        config.mdx_configs)


def _serve_leniently(config: MkDocsConfig) -> None:
    """While serving, errors are shown (terminal, page banner) and the rest still builds, whatever ``strict``
    says: a failed strict rebuild leaves the server answering nothing until every error is fixed."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, CountHandler):
            logger.removeHandler(handler)
