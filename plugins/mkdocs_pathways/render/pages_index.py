"""The guide-wide pages: the pathways, lessons and competencies indexes, the continuity report, the check
reference and the credits."""

from __future__ import annotations

from mkdocs_pathways.render import views
from mkdocs_pathways.render.pages_base import NOT_SEARCHED, GeneratedPage, RendererCore
from mkdocs_pathways.rules import RULES


class IndexPages(RendererCore):
    """The index pages and reports of the whole guide."""

    def credits_page(self) -> GeneratedPage:
        return self._page("credits.md.jinja", self.layout.credits(), self.strings.text("page.credits"), "index",
                          front=NOT_SEARCHED, lessons=sorted(self.catalog.lessons, key=lambda item: item.title.lower()),
                          pathways=self.catalog.pathways)

    def pathways_index(self) -> GeneratedPage:
        return self._page("pathways_index.md.jinja", self.layout.pathways_index(), self.strings.text("page.pathways"),
                          "index", in_nav=True, front={"hide": ["toc"], **NOT_SEARCHED},
                          cards=views.pathway_cards(self.catalog),
                          all_map=views.all_pathways_map(self.catalog))

    def lessons_index(self) -> GeneratedPage:
        used = {c for lesson in self.catalog.lessons for c in lesson.clusters}
        return self._page("lessons_index.md.jinja", self.layout.lessons_index(), self.strings.text("page.lessons"),
                          "index", in_nav=True, front={"hide": ["toc"], **NOT_SEARCHED},
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
