"""Everything one build publishes, listed once: generated pages, styles and script, data files and schemas.

The MkDocs plugin and ``pathways export`` both loop over a :class:`Bundle`, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

from mkdocs_pathways.analysis.check import CheckedGuide
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.interop.catalog_json import catalog_schema
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump
from mkdocs_pathways.mkdocs_yml import SiteSettings
from mkdocs_pathways.render import incremental
from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.environment import make_environment
from mkdocs_pathways.render.fragments import Fragment, FragmentRenderer, markdown_converter
from mkdocs_pathways.render.incremental import Inputs
from mkdocs_pathways.render.links import lesson_files, published_file
from mkdocs_pathways.render.pages import Renderer
from mkdocs_pathways.render.pages_base import GeneratedPage, RenderSettings
from mkdocs_pathways.render.prerender import Prerenderer

ASSET_DIR = "assets/pathways"
ASSETS = ("pathways.css", "pathways.js")
STYLESHEET = f"{ASSET_DIR}/pathways.css"
SCRIPT = f"{ASSET_DIR}/pathways.js"


@dataclass(frozen=True)
class PublishedFile:
    """A file that is not a page: its path in the site and its bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class Bundle:
    """The pages and files of one build, the generated navigation sections, and the renderer that made them."""

    renderer: Renderer
    pages: list[GeneratedPage]
    files: list[PublishedFile]
    nav_sections: list[tuple[str, str, list[Any]]]
    inputs: Inputs | None = None  # while serving: what the pages were made from, for the next build

    @cached_property
    def _by_src(self) -> dict[str, GeneratedPage]:
        return {page.src_uri: page for page in self.pages}

    def page(self, src_uri: str) -> GeneratedPage | None:
        """The generated page at ``src_uri``, or None for an author's page."""
        return self._by_src.get(src_uri)


def package_file(*parts: str) -> bytes:
    """The bytes of a file shipped in the package, such as ``("assets", "pathways.css")``."""
    return resources.files("mkdocs_pathways").joinpath(*parts).read_bytes()


def make_renderer(checked: CheckedGuide, config: GuideConfig, site: SiteSettings,
                  cache: dict[str, Fragment] | None = None) -> Renderer:
    """The renderer of one build, with the guide's override templates and settings.

    ``cache`` keeps converted author Markdown across builds (while serving).
    """
    convert = markdown_converter(site.markdown_extensions, site.markdown_configs)
    fragments = FragmentRenderer(convert, strip=config.raw_html == "strip", cache=cache)
    return Renderer(checked.catalog, checked.analysis, checked.relations, checked.links, Addresses.of(config, site),
                    make_environment(config.templates_dir), RenderSettings.of(config, site), fragments,
                    Prerenderer(site.markdown_extensions, site.markdown_configs))


def bundle(checked: CheckedGuide, config: GuideConfig, site: SiteSettings,
           cache: dict[str, Fragment] | None = None, previous: Bundle | None = None,
           started: float | None = None, finish: bool = False, sections: bool = False) -> Bundle:
    """Render everything a build of the checked guide publishes.

    While serving (``started``: when this build began loading the guide, as ``time.time()``), the pages that
    cannot have changed since the ``previous`` build are taken from it. With ``finish`` the pages converted
    beforehand come finished, for a site engine (``Renderer.finished``), with their search ``sections``.
    """
    renderer = make_renderer(checked, config, site, cache)
    made = incremental.inputs(checked, config, site, started) if started is not None else None
    keep = incremental.reuse(previous.inputs if previous else None, made) if made else incremental.Reuse()
    pages = renderer.pages({page.src_uri: page for page in previous.pages} if previous else None, keep,
                           finish, sections)
    files = [PublishedFile(f"{ASSET_DIR}/{name}", package_file("assets", name)) for name in ASSETS]
    files += [
        PublishedFile("continuity.json", renderer.continuity_json().encode()),
        PublishedFile("catalog.json", renderer.catalog_json().encode()),
        PublishedFile("schemas/catalog.schema.json", dump(catalog_schema()).encode()),
    ]
    # Figures, handouts and other files kept beside the lessons, published where the lessons' links point.
    bodies = [(lesson.source.path, lesson.body) for lesson in checked.catalog.lessons]
    bodies += [(t.source.path, t.body) for lesson in checked.catalog.lessons for t in lesson.translations]
    for path in lesson_files(checked.links, bodies):
        files.append(PublishedFile(published_file(renderer.layout, path), (config.lessons_dir / path).read_bytes()))
    for pathway in checked.catalog.pathways:
        path, text = renderer.pathway_ctdl(pathway)
        files.append(PublishedFile(path, text.encode()))
    # Each framework's crosswalk, for a district's alignment report: CSV for spreadsheets, and JSON.
    for framework in checked.catalog.frameworks:
        files += [PublishedFile(path, text.encode()) for path, text in renderer.crosswalk_files(framework)]
    # Published, so that editors anywhere can use them.
    files += [PublishedFile(f"schemas/{kind}.schema.json", dump(make(config.stages)).encode())
              for kind, make in SCHEMAS.items()]
    return Bundle(renderer, pages, files, renderer.nav_sections(), made)
