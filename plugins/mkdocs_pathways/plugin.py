"""The MkDocs adapter: wires MkDocs events to the MkDocs-free core, and does nothing else."""

from __future__ import annotations

import contextlib
import gc
import inspect
import logging
import os
import re
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from mkdocs_pathways.analysis.check import CheckedGuide, check_guide
from mkdocs_pathways.config import OPTIONS, ConfigError, GuideConfig
from mkdocs_pathways.diagnostics import REFERENCE_PATH, format_diagnostics, log_levels
from mkdocs_pathways.load.safety import unsafe_in_folder
from mkdocs_pathways.mkdocs_yml import SiteSettings, locate
from mkdocs_pathways.render.bundle import SCRIPT, STYLESHEET, Bundle, bundle
from mkdocs_pathways.render.environment import COMPILED
from mkdocs_pathways.render.fragments import Fragment, element_ids
from mkdocs_pathways.render.navigation import merge_nav, nav_pages
from mkdocs_pathways.render.preview import FolderWatch, PageCache, Preview, file_stats, signature, title_source
from mkdocs_pathways.render.search_sections import agrees_with, page_sections

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
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
        self.dirty = False  # `mkdocs serve --dirty` (`make serve`): only changed pages are rebuilt
        self.preview = Preview()
        self.started = 0.0
        self.rebuilt: set[str] = set()
        self.files: Files | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        self.page_cache = PageCache() if self.serving else None

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

    def on_shutdown(self) -> None:
        gc.unfreeze()
        self.watch.stop()
        # MkDocs keeps this plugin object for the next build in the same process, which must start afresh.
        self.serving = self.dirty = False
        self.built, self.preview = None, Preview()
        if self.page_cache is not None:
            self.page_cache.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.started = time.time()
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
        _freeze()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.checked is not None and self.guide is not None
        # Links and special files are reported (PW013); while serving they must still never reach the site.
        unsafe = unsafe_in_folder((f.abs_src_path for f in files if f.abs_src_path), self.guide.docs_dir)
        for file in [f for f in files if f.abs_src_path in unsafe]:
            files.remove(file)
        previous, started = (self.built, self.started) if self.serving else (None, None)
        # A build (not a preview, whose pages are kept between rebuilds) gets its pages finished as they are made,
        # with the sections Material's search index takes from them.
        searched = any(hasattr(plugin, "search_index") for plugin in config.plugins.values())
        built = self.built = bundle(self.checked, self.guide, _site(config), self.fragment_cache, previous, started,
                                    finish=not self.serving, sections=searched)
        if self.guide.nav == "merge":
            config.nav = merge_nav(config.nav, [f.src_uri for f in files.documentation_pages()], built.nav_sections)
        listed = nav_pages(config.nav or [])
        for page in built.pages:
            in_nav = page.in_nav if config.nav is None else page.src_uri in listed
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            cache = self.page_cache
            source = {"abs_src_path": str(cache.write(page.src_uri, page.markdown, page.fingerprint))} if cache \
                else {"content": page.markdown}
            files.append(File.generated(config, page.src_uri, inclusion=inclusion, **source))
        for item in built.files:
            files.append(File.generated(config, item.path, content=item.content))
        self.files = files
        _freeze()
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.dirty or self.built is None or self.checked is None:
            return nav
        generated = {page.src_uri: page.title for page in self.built.pages}
        pages = files.documentation_pages()
        shown = [(f.src_uri, generated[f.src_uri] if f.src_uri in generated else title_source(f.content_string))
                 for f in (page.file for page in nav.pages)]
        theme = file_stats(Path(config.theme.custom_dir)) if config.theme.custom_dir else []
        everything = self.preview.everything_changed(signature(
            _nav_items(nav.items), shown, [str(d) for d in self.checked.errors], sorted(f.src_uri for f in files),
            Path(config.config_file_path).read_bytes() if config.config_file_path else b"", theme))
        for file in pages:  # the guide's own pages always, as their blocks show generated content
            if (everything or file.src_uri not in generated) and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))  # older than any source: rebuilt
        for page in nav.pages:  # pages not read again keep their titles in the navigation of those rebuilt
            if not page.file.is_modified() and page.file.src_uri in self.preview.titles:
                page.title = self.preview.titles[page.file.src_uri]
        return nav

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.rebuilt = set()
        if self.dirty:  # Material merges a dirty build's index for one page only; this plugin merges it
            for plugin in config.plugins.values():
                if hasattr(plugin, "search_index_prev"):
                    plugin.search_index_prev = None
        _index_search_faster(config, self._sections_made)

    def _sections_made(self, page: Page) -> list[Any] | None:
        """The search sections of a page finished with the others, while its HTML is still what was finished."""
        generated = self.built.page(page.file.src_uri) if self.built is not None else None
        if generated is None or generated.sections is None or page.content != generated.html:
            return None
        return list(generated.sections)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self.preview.titles[page.file.src_uri] = page.title
        self.rebuilt.add(page.url)
        return context

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.serving and env.bytecode_cache is None:  # the theme's templates, compiled once per serve
            env.bytecode_cache = COMPILED
        return env

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        if not self.dirty or self.files is None:
            return
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            pages = {f.url for f in self.files.documentation_pages()}
            index.write_text(self.preview.search_index(index.read_text("utf-8"), self.rebuilt, pages), "utf-8")
        for path in self.preview.stale(f.dest_uri for f in self.files):
            with contextlib.suppress(OSError):
                (Path(config.site_dir) / path).unlink()

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.built is None:
            return markdown
        if page.file.generated_by:
            generated = self.built.page(page.file.src_uri)
            # Converted beforehand (render.prerender): the engine converts nothing, and on_page_content fills it in.
            return "" if generated is not None and generated.html is not None else markdown
        return self.built.renderer.author_page(markdown, page.file.src_uri)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.built is None:
            return html
        errors = self.checked.errors if self.serving and self.checked is not None else []
        html, toc = self.built.renderer.finish(page.file.src_uri, html, self.built.page(page.file.src_uri), errors,
                                               page.meta.get("pathways_language"))
        if toc is not None:  # the headings of a page converted here or holding a lesson: beside it, and for anchors
            page.toc = get_toc(toc)  # type: ignore[arg-type]
            if page.present_anchor_ids is not None:
                page.present_anchor_ids.update(element_ids(html))
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        self.watch.watch, self.watch.unwatch = server.watch, server.unwatch
        if self.guide is not None:
            self.watch.sync(self.guide.content_folders)
            self.watch.poll(self.guide.content_folders)
        return server


def _freeze() -> None:
    """Leave what exists now (the checked guide, then its rendered pages) out of the collector's passes until the
    build ends: they live as long as the build, and a large guide otherwise has them walked on every full pass
    (about 0.4 s of a 1,000-lesson build). Forked copies (``render.parallel``) also copy fewer pages."""
    gc.freeze()


def _site(config: MkDocsConfig) -> SiteSettings:
    return SiteSettings(config.site_name, config.site_url or "", config.theme.get("language"),
                        config.use_directory_urls, config.docs_dir, tuple(config.markdown_extensions),
                        config.mdx_configs)


def _nav_items(items: list[Any]) -> list[Any]:
    """The navigation as data: each item's kind, title, address and children."""
    return [(type(item).__name__, item.title, getattr(item, "url", ""), _nav_items(getattr(item, "children", None)
                                                                                  or [])) for item in items]


def _nothing_made(page: Page) -> None:
    return None


def _index_search_faster(config: MkDocsConfig, made: Callable[[Page], list[Any] | None] = _nothing_made) -> None:
    """Material's search divides each page into sections with a pure-Python HTML parser, a quarter of a large
    guide's build: its index gets the same sections from render.search_sections instead, made into entries by
    Material as before. Only for Material's own index, and only while its parser still agrees. ``made`` gives the
    sections found when a page was made, if any."""
    try:
        from material.plugins.search.plugin import Parser, SearchIndex  # type: ignore[import-untyped]
    except ImportError:
        return

    def material_sections(html: str) -> list[Any]:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return list(parser.data)

    for plugin in config.plugins.values():
        index: Any = getattr(plugin, "search_index", None)
        if type(index) is not SearchIndex or "add_entry_from_context" in vars(index) \
                or not hasattr(index, "create_entry_for_section") or not agrees_with(material_sections):
            continue

        def add_entry_from_context(page: Page, index: Any = index, material: Any = index.add_entry_from_context) \
                -> None:
            if (page.meta.get("search") or {}).get("exclude"):  # as Material decides
                return
            sections = made(page)  # the sections found when the page was made, if its HTML is still that
            if sections is None:
                sections = None if page.content is None else page_sections(page.content)
            if sections is None:  # HTML the fast reading does not promise to read as Material does
                material(page)
                return
            for section in sections:
                if not section.excluded:
                    index.create_entry_for_section(section, page.toc, page.url, page)

        index.add_entry_from_context = add_entry_from_context
        _strip_search_attributes_only_where_present(config, plugin)


# Material's SearchPlugin.on_page_context, whitespace and comments aside: index the page, then strip the
# data-search-* attributes from its HTML. Replaced (below) only while it is exactly this.
_MATERIAL_PAGE_CONTEXT = ('defon_page_context(self,context,*,page,config,nav):ifnotself.config.enabled:return'
                          'self.search_index.add_entry_from_context(page)page.content=re.sub(r"\\s?data-search-'
                          '\\w+=\\"[^\\"]+\\"","",page.content)')
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def _strip_search_attributes_only_where_present(config: MkDocsConfig, plugin: Any) -> None:
    """Material strips ``data-search-*`` attributes from every page with a pattern that starts with ``\\s?``, so
    it is tried at every character: about a second of a large guide's build, on pages that have none. The same
    step, skipped where the page holds no such attribute, takes its place in the page_context event."""
    method = getattr(type(plugin), "on_page_context", None)
    try:
        source = inspect.getsource(method) if method is not None else ""
    except (OSError, TypeError):
        return
    code = "".join(line.split("#", 1)[0] if line.lstrip().startswith("#") else line
                   for line in source.splitlines())
    if "".join(code.split()) != _MATERIAL_PAGE_CONTEXT:
        return  # another Material: its own step stands
    events = config.plugins.events["page_context"]
    for position, handler in enumerate(events):
        if getattr(handler, "__self__", None) is plugin and getattr(handler, "__func__", None) is method:

            def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation,
                                search: Any = plugin) -> None:
                if not search.config.enabled:
                    return
                search.search_index.add_entry_from_context(page)
                content: Any = page.content  # a str by now, as Material takes it
                if "data-search-" in content:
                    page.content = _SEARCH_ATTRIBUTE.sub("", content)

            events[position] = on_page_context
            origins = getattr(config.plugins, "_event_origins", None)  # the plugin's name, for MkDocs' messages
            if isinstance(origins, dict) and handler in origins:
                origins[on_page_context] = origins[handler]
            return


def _complete_dirty_builds(record: logging.LogRecord) -> bool:
    # This plugin keeps a dirty build's navigation, search and files complete (see render.preview).
    return "A 'dirty' build is being performed" not in record.getMessage()


def _serve_leniently(config: MkDocsConfig) -> None:
    """While serving, errors are shown (terminal, page banner) and the rest still builds, whatever ``strict``
    says: a failed strict rebuild leaves the server answering nothing until every error is fixed."""
    logging.getLogger("mkdocs.commands.build").addFilter(_complete_dirty_builds)
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, CountHandler):
            logger.removeHandler(handler)
