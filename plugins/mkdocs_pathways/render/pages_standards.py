"""The standards pages: the index of the frameworks a guide keeps, each framework's crosswalk page, and the
crosswalk's CSV and JSON files."""

from __future__ import annotations

from mkdocs_pathways.analysis.standards import coverage
from mkdocs_pathways.interop import crosswalk
from mkdocs_pathways.interop.terms import data_file
from mkdocs_pathways.model import Pathway
from mkdocs_pathways.model_standards import Framework
from mkdocs_pathways.render import views
from mkdocs_pathways.render.pages_base import GeneratedPage, RendererCore
from mkdocs_pathways.render.statements import statement_html, statement_text


class StandardsPages(RendererCore):
    """The standards index, the framework pages and their crosswalk files."""

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
                 data_file(data))]
