"""What every family of generated pages shares: the page type, the settings, and the renderer's core.

:class:`RendererCore` holds one build's catalog, analysis and addresses, and the helpers that turn a template
into a page: the values every template can call, author Markdown converted once into fragments, and the front
matter. Each family of pages (:mod:`.pages_pathways`, :mod:`.pages_lessons`, :mod:`.pages_index`,
:mod:`.pages_system`, :mod:`.pages_standards`) extends it, and :class:`mkdocs_pathways.render.pages.Renderer`
combines them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import jinja2
from markupsafe import Markup

from mkdocs_pathways.analysis import system
from mkdocs_pathways.analysis.findings import Analysis
from mkdocs_pathways.analysis.licensing import license_url
from mkdocs_pathways.analysis.relations import Relations
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.body_links import Resolver
from mkdocs_pathways.mkdocs_yml import SiteSettings
from mkdocs_pathways.model import Catalog, Pathway, Step, StepKind
from mkdocs_pathways.model_lessons import Lesson
from mkdocs_pathways.render import continuity_map, holding, i18n, views
from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.environment import Environments
from mkdocs_pathways.render.filters import LANGUAGE_NAMES, meta_title
from mkdocs_pathways.render.fragments import FragmentRenderer, place
from mkdocs_pathways.render.links import canonical
from mkdocs_pathways.render.prerender import Prerenderer

FRAGMENT = re.compile(r"<!-- pathways:fragment (\d+) -->")
# Pages that list what the lesson and pathway pages say, left out of search so that a search finds each lesson
# or pathway once, on its own page (and so that indexing them does not grow each build with the catalog).
NOT_SEARCHED = {"search": {"exclude": True}}
PLACED = re.compile(r"<!-- pathways:(fragment|html) (\d+) -->")


@dataclass(frozen=True)
class GeneratedPage:
    """One page to add to the site: where it goes, its Markdown, and how it is listed.

    ``fragments`` hold the HTML of author Markdown (lesson bodies, descriptions), converted once; the Markdown
    has a ``<!-- pathways:fragment N -->`` line where each goes, filled in after the engine renders the page.
    ``held`` are the template's HTML blocks, set aside in the same way (``<!-- pathways:html N -->``, see
    :mod:`mkdocs_pathways.render.holding`). ``html`` is the Markdown already converted, with its placeholders,
    and ``toc`` its table of contents, when :mod:`mkdocs_pathways.render.prerender` could convert it (else None:
    the site engine converts the page). ``searched`` is False for a page left out of search. A page finished
    beforehand (``Renderer.finished``) has its fragments and blocks in ``html`` already, and ``sections`` holds
    what the search index takes from that HTML.
    """

    src_uri: str
    title: str
    markdown: str
    kind: str
    in_nav: bool = False
    fragments: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    html: str | None = None
    toc: list[dict[str, Any]] | None = field(default=None, compare=False, hash=False, repr=False)
    searched: bool = True
    sections: tuple[Any, ...] | None = field(default=None, compare=False, hash=False, repr=False)

    def fill(self, html: str) -> str:
        """``html`` (the rendered page, or its Markdown) with every fragment and block in its place, in one pass."""
        if not self.fragments and not self.held:
            return html

        def placed(match: re.Match[str]) -> str:
            pieces = self.fragments if match.group(1) == "fragment" else self.held
            number = int(match.group(2))
            return pieces[number] if number < len(pieces) else ""

        return PLACED.sub(placed, html)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of everything the page shows, for telling whether it changed since the last build (kept with
        the page, which a later build may take as it is)."""
        digest = hashlib.sha256(self.markdown.encode())
        for piece in (*self.fragments, "\0", *self.held):
            digest.update(b"\0" + piece.encode())
        return digest.hexdigest()

    def inline(self) -> str:
        """The page's Markdown with the fragments in it, for engines without the plugin (``pathways export``)."""
        return self.fill(self.markdown)


@dataclass(frozen=True)
class RenderSettings:
    """What the pages need from the guide's and the site's settings."""

    site_name: str = ""
    site_url: str = ""
    organization: str = ""
    edition: str = ""
    page_size: str = "letter"
    raw_html: str = "allow"
    language: str = i18n.DEFAULT_LANGUAGE

    @classmethod
    def of(cls, config: GuideConfig, site: SiteSettings) -> RenderSettings:
        """The settings of one build: the plugin's options, with the site's name and language as defaults."""
        return cls(site_name=site.site_name, site_url=site.site_url,
                   organization=config.organization or site.site_name, edition=config.edition,
                   page_size=config.page_size, raw_html=config.raw_html,
                   language=config.language or site.theme_language or i18n.DEFAULT_LANGUAGE)


class RendererCore:
    """The state of one build's rendering and the helpers every page family uses. One instance per build."""

    def __init__(self, catalog: Catalog, analysis: Analysis, relations: Relations, links: Resolver,
                 layout: Addresses, env: jinja2.Environment, settings: RenderSettings,
                 fragments: FragmentRenderer, prerender: Prerenderer | None = None) -> None:
        self.catalog = catalog
        self.prerender = prerender
        self.analysis = analysis
        self.relations = relations
        self.links = links
        self.fragments = fragments
        self.layout = layout
        self.settings = settings
        self.environments = Environments(env, settings.language)
        self.env = env
        self.strings = self.environments.strings
        self.commitments = system.commitments(catalog)
        # A lesson printed in several booklets is prepared once: its links resolved, its handouts listed.
        self._canonical: dict[tuple[str, str], str] = {}
        self._handouts: dict[tuple[str, str], list[str]] = {}

    # -- helpers the templates call ------------------------------------------------------------------------------

    def _context(self, src: str, **values: Any) -> dict[str, Any]:
        layout, catalog = self.layout, self.catalog

        def link(to_src: str, anchor: str = "", query: str = "") -> str:
            return layout.href(src, to_src, anchor, query)

        def file_link(path: str) -> str:
            return layout.file_href(src, path)

        def step_link(pathway: Pathway, step: Step) -> str:
            """A lesson step links to its lesson, any other step to its place on the pathway's page."""
            if step.kind == StepKind.LESSON and step.lesson in catalog.lesson_by_id:
                return layout.href(src, layout.lesson(step.lesson))
            return layout.href(src, layout.pathway(pathway.id), f"step-{step.id}")

        def partner_names(pathway: Pathway, step: Step) -> list[Markup]:
            """The partners a step names, each a link to its partner page."""
            known = {p.id: p for p in pathway.partners}
            return [Markup('<a href="{}">{}</a>').format(layout.href(src, layout.partner(p)), known[p].name)
                    for p in step.partners if p in known]

        return {
            "page_src": src, "link": link, "file_link": file_link, "layout": layout, "catalog": catalog,
            "settings": self.settings, "stage_title": partial(views.stage_title, catalog),
            "competency": catalog.competency_by_id.get, "cluster_title": partial(views.cluster_title, catalog),
            "lesson_of": self._lesson_of, "partner_names": partner_names, "step_link": step_link,
            "home": "index.md", "license_url": license_url, "LANGUAGE_NAMES": LANGUAGE_NAMES, **values,
        }

    def _author(self, markdown: str, source_file: str, page_src: str, fragments: list[str],
                booklet: Collection[str] = (), id_prefix: str = "", demote: bool = False) -> Markup:
        """Author Markdown written in ``source_file``, for the page at ``page_src``: converted to HTML once (and
        cleaned under ``raw_html: strip``), its links turned into addresses from that page.

        Returns the placeholder line for the page's Markdown; the HTML is appended to ``fragments``.
        """
        if not markdown.strip():
            return Markup("")
        fragment = self.fragments.fragment(self._canonical_of(markdown, source_file))
        fragments.append(place(fragment, page_src, self.layout, booklet, id_prefix, demote))
        return Markup(f"<!-- pathways:fragment {len(fragments) - 1} -->")  # noqa: S704 - a fixed comment

    def _canonical_of(self, markdown: str, source_file: str) -> str:
        """Author Markdown as it is converted: its references as placeholder addresses (once per text)."""
        if source_file in self.links.too_complex:
            # Reported as PW014; while serving (when errors do not stop the build) the page says so instead.
            markdown = self.strings.text("body.too_complex", path=source_file)
        key = (source_file, markdown)
        if key not in self._canonical:
            self._canonical[key] = canonical(markdown, source_file, self.links, self.layout)
        return self._canonical[key]

    def absolute(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """An address for machine-readable data: absolute when the site's URL is known, else relative."""
        site_url = self.settings.site_url
        if site_url.startswith("http"):
            return f"{site_url.rstrip('/')}/{self.layout.url(to_src)}" + (f"#{anchor}" if anchor else "")
        return self.layout.href(from_src, to_src, anchor)

    def _map(self, pathway: Pathway, phone: bool = False) -> continuity_map.MapLayout:
        """The continuity map's layout (as wide as the page, or for phones), with the label of each choice box
        in the guide's language."""
        def label(step: Step) -> str:
            return self.strings.text("step.choose", count=step.choose, title=step.title)

        if phone:
            return continuity_map.layout(pathway, self.catalog, label, continuity_map.PHONE, "phone")
        return continuity_map.layout(pathway, self.catalog, label)

    def _handout_paths(self, body: str, source_file: str) -> list[str]:
        """The files a lesson body links to, as :meth:`Resolver.handouts` lists them (once per build)."""
        key = (source_file, body)
        if key not in self._handouts:
            self._handouts[key] = self.links.handouts(body, source_file)
        return self._handouts[key]

    def _lesson_of(self, step: Step) -> Lesson | None:
        return self.catalog.lesson_by_id.get(step.lesson) if step.kind == StepKind.LESSON else None

    def _page(self, template: str, src: str, title: str, kind: str, in_nav: bool = False,
              front: dict[str, Any] | None = None, language: str = "", fragments: Collection[str] = (),
              **values: Any) -> GeneratedPage:
        header = {"title": meta_title(title), **(front or {})}
        env = self.environments.get(language)
        body = env.get_template(template).render(self._context(src, title=title, **values))
        placed = tuple(fragments)
        held: list[str] = []
        # Fragments inside a block go in with it: the page is filled in one pass.
        body = holding.hold(body, held, lambda html: FRAGMENT.sub(lambda m: placed[int(m.group(1))], html))
        markdown = "---\n" + json.dumps(header, ensure_ascii=False) + "\n---\n\n" + body
        converted = self.prerender.page(body) if self.prerender is not None else None
        searched = not (front or {}).get("search", {}).get("exclude", False)
        html, toc = converted if converted is not None else (None, None)
        return GeneratedPage(src, title, markdown, kind, in_nav, placed, tuple(held), html, toc, searched)

    @property
    def _publisher(self) -> str:
        return self.settings.organization or self.settings.site_name
