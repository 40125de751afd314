"""The pages of the system as a whole: every partner, one sheet per partner, and the journey grade by grade."""

from __future__ import annotations

from mkdocs_pathways.model import Partner
from mkdocs_pathways.render import views
from mkdocs_pathways.render.pages_base import NOT_SEARCHED, GeneratedPage, RendererCore


class SystemPages(RendererCore):
    """The partners index, each partner's sheet and the journey page."""

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
                          "index", in_nav=True, front={"hide": ["toc"], **NOT_SEARCHED},
                          rows=views.journey_rows(self.catalog))
