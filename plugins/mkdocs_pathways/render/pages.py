"""Render the guide's pages from the model: Markdown with escaped HTML blocks, fed back to the site engine.

Templates are Jinja files in ``templates/``; a site folder can override any of them. Every value from content
is escaped (autoescape is on for every template), and ``StrictUndefined`` turns a misspelt variable into an
error that names the template and line. The words the templates add come from the string tables of the
guide's language through ``t()`` (see :mod:`mkdocs_pathways.render.i18n`). What each page shows is computed in
:mod:`mkdocs_pathways.render.views`; this module only assembles pages.
"""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

import jinja2
from markupsafe import Markup

from mkdocs_pathways.analysis import system
from mkdocs_pathways.analysis.continuity import Analysis
from mkdocs_pathways.analysis.licensing import license_url
from mkdocs_pathways.analysis.relations import Relations
from mkdocs_pathways.analysis.standards import coverage, pathway_standards
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.interop import catalog_json, continuity_json, crosswalk, ctdl, schema_org
from mkdocs_pathways.load.body_links import Resolver
from mkdocs_pathways.mkdocs_yml import SiteSettings
from mkdocs_pathways.model import Catalog, Framework, Lesson, Partner, Pathway, Standard, Step, StepKind, Translation
from mkdocs_pathways.render import continuity_map, i18n, views
from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.blocks import fill_blocks
from mkdocs_pathways.render.booklet import booklet_css
from mkdocs_pathways.render.environment import Environments
from mkdocs_pathways.render.filters import LANGUAGE_NAMES, meta_title, script_markup
from mkdocs_pathways.render.fragments import FragmentRenderer, headings, place
from mkdocs_pathways.render.links import canonical, published_file, rebase
from mkdocs_pathways.render.preview import error_banner
from mkdocs_pathways.render.sanitize import clean_html
from mkdocs_pathways.render.statements import statement_html, statement_text
from mkdocs_pathways.rules import RULES

FRAGMENT = re.compile(r"<!-- pathways:fragment (\d+) -->")
LANGUAGE_TAG = re.compile(r"^[a-z]{2}(-[a-z]{2})?$")


@dataclass(frozen=True)
class GeneratedPage:
    """One page to add to the site: where it goes, its Markdown, and how it is listed.

    ``fragments`` hold the HTML of author Markdown (lesson bodies, descriptions), converted once; the Markdown
    has a ``<!-- pathways:fragment N -->`` line where each goes, filled in after the engine renders the page.
    """

    src_uri: str
    title: str
    markdown: str
    kind: str
    in_nav: bool = False
    fragments: tuple[str, ...] = ()

    def fill(self, html: str) -> str:
        """``html`` (the rendered page, or its Markdown) with every fragment in its place, in one pass."""
        if not self.fragments:
            return html
        return FRAGMENT.sub(lambda m: self.fragments[int(m.group(1))] if int(m.group(1)) < len(self.fragments)
                            else "", html)

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


class Renderer:
    """Renders every generated page of a guide. One instance per build; indexes are computed once."""

    def __init__(self, catalog: Catalog, analysis: Analysis, relations: Relations, links: Resolver,
                 layout: Addresses, env: jinja2.Environment, settings: RenderSettings,
                 fragments: FragmentRenderer) -> None:
        self.catalog = catalog
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
        if source_file in self.links.too_complex:
            # Reported as PW014; while serving (when errors do not stop the build) the page says so instead.
            markdown = self.strings.text("body.too_complex", path=source_file)
        fragment = self.fragments.fragment(canonical(markdown, source_file, self.links, self.layout))
        fragments.append(place(fragment, page_src, self.layout, booklet, id_prefix, demote))
        return Markup(f"<!-- pathways:fragment {len(fragments) - 1} -->")  # noqa: S704 - a fixed comment

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

    def _lesson_of(self, step: Step) -> Lesson | None:
        return self.catalog.lesson_by_id.get(step.lesson) if step.kind == StepKind.LESSON else None

    def _page(self, template: str, src: str, title: str, kind: str, in_nav: bool = False,
              front: dict[str, Any] | None = None, language: str = "", fragments: Collection[str] = (),
              **values: Any) -> GeneratedPage:
        header = {"title": meta_title(title), **(front or {})}
        env = self.environments.get(language)
        body = env.get_template(template).render(self._context(src, title=title, **values))
        markdown = "---\n" + json.dumps(header, ensure_ascii=False) + "\n---\n\n" + body
        return GeneratedPage(src, title, markdown, kind, in_nav, tuple(fragments))

    @property
    def _publisher(self) -> str:
        return self.settings.organization or self.settings.site_name

    # -- pages ---------------------------------------------------------------------------------------------------

    def pathway_page(self, pathway: Pathway) -> GeneratedPage:
        steps = pathway.all_steps()
        src = self.layout.pathway(pathway.id)
        lesson_urls = {s.lesson: self.absolute(src, self.layout.lesson(s.lesson)) for s in pathway.lesson_steps()}
        partner_urls = {p.id: self.absolute(src, self.layout.partner(p.id)) for p in pathway.partners}
        jsonld = schema_org.pathway_jsonld(pathway, self.catalog, self.absolute(src, src), lesson_urls, self._publisher,
                                           partner_urls)
        fragments: list[str] = []
        description = self._author(pathway.description, pathway.source.path, src, fragments)
        return self._page(
            "pathway.md.jinja", src, pathway.title, "pathway", in_nav=True, jsonld=script_markup(jsonld),
            fragments=fragments,
            pathway=pathway, map=self._map(pathway), phone_map=self._map(pathway, phone=True),
            credentials=[s for s in steps if s.kind == StepKind.CREDENTIAL],
            experiences=[s for s in steps if s.kind == StepKind.EXPERIENCE],
            partners_by_id={p.id: p for p in pathway.partners},
            description=description,
            progression=views.progression_table(self.catalog, self.analysis, pathway),
            findings=self.analysis.for_pathway(pathway.id),
            access=views.access_summary(self.analysis, pathway),
            standards_covered=pathway_standards(self.catalog, pathway),
        )

    def booklet_page(self, pathway: Pathway) -> GeneratedPage:
        """The printable guide of a pathway: cover, contents, map, steps and every lesson in full."""
        lessons = views.booklet_lessons(self.catalog, pathway)
        src = self.layout.booklet(pathway.id)
        printed = {lesson.id for _step, lesson in lessons}
        fragments: list[str] = []
        description = self._author(pathway.description, pathway.source.path, src, fragments)
        bodies = {lesson.id: self._author(lesson.body, lesson.source.path, src, fragments, printed,
                                          id_prefix=f"lesson-{lesson.id}-", demote=True)
                  for _step, lesson in lessons}
        handouts = {lesson.id: [self._handout(src, path) for path in self.links.handouts(lesson.body,
                                                                                         lesson.source.path)]
                    for _step, lesson in lessons}
        return self._page(
            "booklet.md.jinja", src, self.strings.text("page.guide", title=pathway.title),
            "booklet",
            front={"search": {"exclude": True}, "hide": ["navigation", "toc"]},
            page_css=booklet_css(pathway.title, self.settings.page_size, self.strings.text("guide.page_number")),
            pathway=pathway, map=self._map(pathway), lessons=lessons, bodies=bodies,
            partners_by_id={p.id: p for p in pathway.partners}, description=description, fragments=fragments,
            handouts=handouts,
        )

    def _handout(self, page_src: str, path: str) -> dict[str, str]:
        """A file a lesson links to, for the list printed after the lesson: its name, link and address on paper
        (the published address when the site's URL is known, else its place in the site)."""
        published = published_file(self.layout, path)
        site_url = self.settings.site_url
        address = f"{site_url.rstrip('/')}/{published}" if site_url.startswith("http") else published
        return {"name": path.rsplit("/", 1)[-1], "href": self.layout.file_href(page_src, published),
                "address": address}

    def plan_page(self, pathway: Pathway) -> GeneratedPage:
        """The plan for a student and their family: one or two printed pages in the interface language."""
        src = self.layout.plan(pathway.id)
        translated = pathway.translated(self.strings.language)
        title = translated.title if translated else pathway.title
        return self._page(
            "plan.md.jinja", src, self.strings.text("page.plan", title=title), "booklet",
            front={"search": {"exclude": True}, "hide": ["navigation", "toc"]},
            page_css=booklet_css(title, self.settings.page_size, self.strings.text("guide.page_number")),
            pathway=pathway, summary=translated.summary if translated else pathway.summary,
            grades=views.plan_grades(self.catalog, pathway), money=views.plan_money(pathway),
            partners_by_id={p.id: p for p in pathway.partners},
            contacts=[p for p in pathway.partners if p.contact],
        )

    def lesson_page(self, lesson: Lesson) -> GeneratedPage:
        src = self.layout.lesson(lesson.id)
        jsonld = schema_org.lesson_jsonld(lesson, self.catalog, self.absolute(src, src))
        fragments: list[str] = []
        body = self._author(lesson.body, lesson.source.path, src, fragments)
        return self._page(
            "lesson.md.jinja", src, lesson.title, "lesson", jsonld=script_markup(jsonld), fragments=fragments,
            lesson=self._aligned_for_page(lesson, src), body=body,
            placements=self.relations.placements.get(lesson.id, []),
            builds_on=self.relations.builds_on(lesson),
            leads_to=self.relations.leads_to.get(lesson.id, []),
        )

    def _aligned_for_page(self, lesson: Lesson, src: str) -> Lesson:
        """The lesson as its page lists it: a standard of a framework kept in the guide links to its item on the
        framework's page and is shown with the framework's title; free-text standards stay as written."""
        if not any(s.item for s in lesson.standards):
            return lesson
        shown = []
        for standard in lesson.standards:
            framework = self.catalog.framework_by_id.get(standard.framework) if standard.item else None
            item = framework.item_by_id.get(standard.item) if framework else None
            if framework is None or item is None:
                shown.append(standard)
                continue
            href = self.layout.href(src, self.layout.framework(framework.id), item.anchor)
            shown.append(Standard(framework.title, item.label, href, item.id))
        return dataclasses.replace(lesson, standards=tuple(shown))

    def translation_page(self, lesson: Lesson, translation: Translation) -> GeneratedPage:
        sessions = [(translation.session_titles[i] if i < len(translation.session_titles) else s.title, s.minutes)
                    for i, s in enumerate(lesson.sessions)]
        src = self.layout.translation(lesson.id, translation.language)
        fragments: list[str] = []
        body = self._author(translation.body, translation.source.path, src, fragments)
        return self._page(
            "translation.md.jinja", src, translation.title,
            "translation", front={"pathways_language": translation.language}, language=translation.language,
            lesson=lesson, translation=translation, sessions=sessions, body=body, fragments=fragments,
            language_name=LANGUAGE_NAMES.get(translation.language, translation.language))

    def partners_index(self) -> GeneratedPage:
        """Every partner of the guide, grouped by type, with the pathways, stages and grades it serves."""
        return self._page("partners_index.md.jinja", self.layout.partners_index(), self.strings.text("page.partners"),
                          "index", in_nav=True, front={"hide": ["toc"]},
                          groups=views.partner_groups(self.catalog, self.commitments))

    def partner_page(self, partner: Partner) -> GeneratedPage:
        """One partner's sheet: everything it does across every pathway, in grade order; prints on one page."""
        src = self.layout.partner(partner.id)
        return self._page("partner.md.jinja", src, partner.name, "partner", partner=partner,
                          sheet=views.partner_sheet(self.catalog, partner, self.commitments))

    def journey_page(self) -> GeneratedPage:
        """The journey grade by grade: what every student gets, and what each pathway adds."""
        return self._page("journey.md.jinja", self.layout.journey_index(), self.strings.text("page.journey"),
                          "index", in_nav=True, front={"hide": ["toc"]}, rows=views.journey_rows(self.catalog))

    def credits_page(self) -> GeneratedPage:
        return self._page("credits.md.jinja", self.layout.credits(), self.strings.text("page.credits"), "index",
                          lessons=sorted(self.catalog.lessons, key=lambda item: item.title.lower()),
                          pathways=self.catalog.pathways)

    def pathways_index(self) -> GeneratedPage:
        return self._page("pathways_index.md.jinja", self.layout.pathways_index(), self.strings.text("page.pathways"),
                          "index", in_nav=True, front={"hide": ["toc"]}, cards=views.pathway_cards(self.catalog),
                          all_map=views.all_pathways_map(self.catalog))

    def lessons_index(self) -> GeneratedPage:
        used = {c for lesson in self.catalog.lessons for c in lesson.clusters}
        return self._page("lessons_index.md.jinja", self.layout.lessons_index(), self.strings.text("page.lessons"),
                          "index", in_nav=True, front={"hide": ["toc"]},
                          groups=views.lesson_groups(self.catalog, self.relations),
                          strands=views.strands(self.catalog),
                          grades=[g for g, _ in views.catalog_grades(self.catalog)],
                          clusters=[c for c in self.catalog.clusters if c.id in used])

    def competencies_index(self) -> GeneratedPage:
        return self._page("competencies.md.jinja", self.layout.competencies_index(),
                          self.strings.text("page.competencies"), "index",
                          in_nav=True, strands=views.strands(self.catalog),
                          stages=views.stages_with_lessons(self.catalog),
                          by_competency=self.relations.lessons_by_competency)

    def continuity_page(self) -> GeneratedPage:
        return self._page("continuity.md.jinja", self.layout.continuity_index(),
                          self.strings.text("page.continuity"), "index",
                          rows=views.continuity_rows(self.catalog, self.analysis),
                          barriers={p.id: self.analysis.barriers(p.id) for p in self.catalog.pathways},
                          general=[f for f in self.analysis.findings if not f.pathway and not f.is_system],
                          system_findings=[f for f in self.analysis.findings if f.is_system])

    def checks_page(self) -> GeneratedPage:
        groups = [("files", "PW0"), ("fields", "PW1"), ("authoring", "PW2"), ("continuity", "PW3")]
        sections = [{"title": self.strings.text(f"checks.{group}.title"),
                     "intro": self.strings.text(f"checks.{group}.intro"),
                     "rules": [RULES[c] for c in sorted(RULES) if c.startswith(prefix)]}
                    for group, prefix in groups]
        return self._page("checks.md.jinja", self.layout.checks_reference(), self.strings.text("page.checks"), "index",
                          sections=sections)

    def standards_index(self) -> GeneratedPage:
        return self._page("standards_index.md.jinja", self.layout.standards_index(),
                          self.strings.text("page.standards"), "index", in_nav=True, front={"hide": ["toc"]},
                          frameworks=views.framework_rows(self.catalog))

    def framework_page(self, framework: Framework) -> GeneratedPage:
        """A framework's crosswalk: its items in hierarchy order, the coverage heatmap and the uncovered items."""
        cov = coverage(self.catalog, framework)
        pathways_of: dict[str, list[Pathway]] = {}
        for row in cov.rows:
            for lesson in row.direct:
                pathways_of[lesson.id] = [p.pathway for p in self.relations.placements.get(lesson.id, [])]
        src = self.layout.framework(framework.id)
        return self._page(
            "framework.md.jinja", src, framework.title, "framework", framework=framework, coverage=cov,
            covered=sum(1 for row in cov.standards if row.covered), tree=views.framework_tree(cov),
            description=statement_html(framework.description) if framework.description and framework.republish
            else "", statement=statement_html,
            short_statement=lambda text, limit=90: statement_text(text, limit),
            pathways_of=lambda lesson_id: list({p.id: p for p in pathways_of.get(lesson_id, [])}.values()),
            csv_path=self.layout.framework_file(framework.id, "crosswalk.csv"),
            json_path=self.layout.framework_file(framework.id, "crosswalk.json"))

    def standards_pages(self) -> list[GeneratedPage]:
        """The standards index and one page per framework, when the guide keeps any framework."""
        if not self.catalog.frameworks:
            return []
        return [self.standards_index(), *(self.framework_page(f) for f in self.catalog.frameworks)]

    def crosswalk_files(self, framework: Framework) -> list[tuple[str, str]]:
        """A framework's crosswalk as ``crosswalk.csv`` and ``crosswalk.json`` beside its page."""
        cov = coverage(self.catalog, framework)
        src = self.layout.framework(framework.id)
        urls = {x.id: self.absolute(src, self.layout.lesson(x.id)) for row in cov.rows for x in row.lessons}
        data = crosswalk.crosswalk_json(cov, urls, self.absolute(src, src))
        return [(self.layout.framework_file(framework.id, "crosswalk.csv"), crosswalk.crosswalk_csv(cov)),
                (self.layout.framework_file(framework.id, "crosswalk.json"),
                 json.dumps(data, indent=1, ensure_ascii=False) + "\n")]

    def pages(self) -> list[GeneratedPage]:
        """Every generated page, in a stable order."""
        out = [self.pathways_index(), self.lessons_index(), self.competencies_index(), self.continuity_page(),
               self.checks_page(), self.journey_page()]
        if self.catalog.partners:
            out.append(self.partners_index())
            out += [self.partner_page(partner) for partner in self.catalog.partners]
        for pathway in self.catalog.pathways:
            out += [self.pathway_page(pathway), self.booklet_page(pathway), self.plan_page(pathway)]
        out += [self.lesson_page(lesson) for lesson in self.catalog.lessons]
        out += [self.translation_page(lesson, translation) for lesson in self.catalog.lessons
                for translation in lesson.translations]
        out += self.standards_pages()
        out.append(self.credits_page())
        return out

    # -- machine-readable files ----------------------------------------------------------------------------------

    def pathway_ctdl(self, pathway: Pathway) -> tuple[str, str]:
        """The CTDL file of a pathway: its path in the site, and its JSON-LD text."""
        src = self.layout.pathway(pathway.id)
        folder = self.layout.url(src).rstrip("/") if self.layout.use_directory_urls else src.rsplit("/", 1)[0]
        path = f"{folder}/pathway.ctdl.jsonld"
        site_url = self.settings.site_url
        file_url = f"{site_url.rstrip('/')}/{path}" if site_url.startswith("http") else "pathway.ctdl.jsonld"
        page_url = self.absolute(path.replace("pathway.ctdl.jsonld", "index.md"), src)
        partner_ids = {p.id: self.absolute(path.replace("pathway.ctdl.jsonld", "index.md"), self.layout.partner(p.id))
                       for p in pathway.partners}
        data = ctdl.pathway_ctdl(pathway, self.catalog, file_url, page_url, self._publisher, partner_ids)
        return path, json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def catalog_json(self) -> str:
        """``catalog.json``: every pathway, step and lesson, with addresses relative to the site's root."""
        urls = {f"pathway:{p.id}": self.absolute("index.md", self.layout.pathway(p.id)) for p in self.catalog.pathways}
        urls |= {f"lesson:{x.id}": self.absolute("index.md", self.layout.lesson(x.id)) for x in self.catalog.lessons}
        urls |= {f"partner:{x.id}": self.absolute("index.md", self.layout.partner(x.id)) for x in self.catalog.partners}
        data = catalog_json.catalog_json(self.catalog, urls, self.settings.edition)
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def continuity_json(self) -> str:
        """The continuity findings and progressions as JSON, for dashboards and other tools."""
        data = continuity_json.continuity_data(self.catalog, self.analysis)
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"

    # -- navigation and blocks for author-written pages ----------------------------------------------------------

    def nav_sections(self) -> list[tuple[str, str, list[Any]]]:
        """The generated sections for ``navigation.merge_nav``: each pathway is listed, lessons are not."""
        label = self.strings.text
        pathways = [{meta_title(p.title): self.layout.pathway(p.id)} for p in self.catalog.pathways]
        sections = [(label("page.pathways"), self.layout.pathways_index(), pathways),
                    (label("nav.journey"), self.layout.journey_index(), []),
                    (label("page.lessons"), self.layout.lessons_index(), []),
                    (label("page.competencies"), self.layout.competencies_index(), [])]
        if self.catalog.partners:
            sections.insert(2, (label("page.partners"), self.layout.partners_index(), []))
        if self.catalog.frameworks:  # one entry: the frameworks' pages are reached from the standards index
            sections.append((label("page.standards"), self.layout.standards_index(), []))
        return sections

    def finish(self, src: str, html: str, generated: GeneratedPage | None, errors: Sequence[Diagnostic] = (),
               language: object = None) -> tuple[str, list[dict[str, Any]] | None]:
        """A page's HTML once the engine has converted it: the fragments of a generated page in place, an author's
        page cleaned under ``raw_html: strip``, and the banner of ``errors`` (given while serving) on top.

        A translated lesson (``language`` from its page's metadata) is marked with its language, for screen
        readers and hyphenation. Also returns the headings of a page with fragments, for its table of contents
        (None for other pages).
        """
        toc = None
        if generated is not None and generated.fragments:
            html = generated.fill(html)
            toc = headings(html)
        elif generated is None:
            html = self.author_html(html, src)
        banner = error_banner(errors, self.strings.text("serve.errors", count=len(errors)),
                              self.strings.text("serve.more"))
        if isinstance(language, str) and LANGUAGE_TAG.fullmatch(language):
            html = f'<div lang="{language}">{html}</div>'
        return banner + html, toc

    def author_page(self, markdown: str, src: str) -> str:
        """An author's page at ``src``: links to lessons (``../lessons/x.md``), pathways and lesson files rebased,
        markers such as ``<!-- pathways:list -->`` filled (under ``raw_html: strip``, marked for
        :meth:`author_html`, which fills them after cleaning)."""
        markdown = rebase(markdown, self.links.docs_file(src), src, self.links, self.layout)
        if self.fragments.strip:
            return fill_blocks(markdown, lambda name: f"\n\n{self._block_token}{name}\n\n")
        return fill_blocks(markdown, partial(self.block, src=src))

    def author_html(self, html: str, src: str) -> str:
        """An author's page as HTML: cleaned under ``raw_html: strip``, with the generated blocks put back."""
        if not self.fragments.strip:
            return html
        html = clean_html(html)
        token = re.escape(self._block_token)
        return re.sub(rf"<p>{token}(list|find-lesson)</p>", lambda m: self.block(m.group(1), src), html)

    @cached_property
    def _block_token(self) -> str:
        # Random per build, so a page cannot forge one; plain text, so it survives cleaning.
        return f"pathways-block-{secrets.token_hex(8)}-"

    def block(self, name: str, src: str) -> str:
        """A block for a marker such as ``<!-- pathways:list -->`` in an author-written page at ``src``."""
        template = {"list": "_pathway_cards.html.jinja", "find-lesson": "_find_lesson.html.jinja"}[name]
        return self.env.get_template(template).render(
            self._context(src, cards=views.pathway_cards(self.catalog), strands=views.strands(self.catalog),
                          grades=views.catalog_grades(self.catalog)))
