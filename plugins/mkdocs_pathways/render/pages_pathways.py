"""The pages of each pathway: its map page, its printable guide (booklet) and plan, and its CTDL file."""

from __future__ import annotations

from mkdocs_pathways.analysis.standards import pathway_standards
from mkdocs_pathways.interop import ctdl, schema_org
from mkdocs_pathways.interop.terms import data_file
from mkdocs_pathways.model import Pathway, StepKind
from mkdocs_pathways.render import views
from mkdocs_pathways.render.booklet import booklet_css
from mkdocs_pathways.render.filters import script_markup
from mkdocs_pathways.render.links import published_file
from mkdocs_pathways.render.pages_base import GeneratedPage, RendererCore


class PathwayPages(RendererCore):
    """The pages and the CTDL file of each pathway."""

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
        handouts = {lesson.id: [self._handout(src, path)
                                for path in self._handout_paths(lesson.body, lesson.source.path)]
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
        return path, data_file(data)
