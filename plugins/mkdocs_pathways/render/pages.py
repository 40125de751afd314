"""Render the guide's pages from the model: Markdown with escaped HTML blocks, fed back to the site engine.

Templates are Jinja files in ``templates/``; a site folder can override any of them. Every value from content
is escaped (autoescape is on for every template), and ``StrictUndefined`` turns a misspelt variable into an
error that names the template and line. The words the templates add come from the string tables of the
guide's language through ``t()`` (see :mod:`mkdocs_pathways.render.i18n`). What each page shows is computed in
:mod:`mkdocs_pathways.render.views`. Each family of pages is a module of its own (:mod:`.pages_pathways`,
:mod:`.pages_lessons`, :mod:`.pages_index`, :mod:`.pages_system`, :mod:`.pages_standards`, on the helpers of
:mod:`.pages_base`); this module combines them into the :class:`Renderer`, with the data files, the navigation,
and what is done to each page once the engine has converted it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cached_property, partial
from typing import Any

from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.interop import catalog_json, continuity_json
from mkdocs_pathways.interop.terms import data_file
from mkdocs_pathways.render import holding, parallel, views
from mkdocs_pathways.render.blocks import fill_blocks
from mkdocs_pathways.render.filters import meta_title
from mkdocs_pathways.render.fragments import headings, unique_ids
from mkdocs_pathways.render.incremental import Reuse
from mkdocs_pathways.render.links import rebase
from mkdocs_pathways.render.pages_base import GeneratedPage
from mkdocs_pathways.render.pages_index import IndexPages
from mkdocs_pathways.render.pages_lessons import LessonPages
from mkdocs_pathways.render.pages_pathways import PathwayPages
from mkdocs_pathways.render.pages_standards import StandardsPages
from mkdocs_pathways.render.pages_system import SystemPages
from mkdocs_pathways.render.preview import error_banner
from mkdocs_pathways.render.sanitize import clean_html
from mkdocs_pathways.render.search_sections import page_sections

# Makes one page (or, for the standards pages, a list of them).
Make = Callable[[], "GeneratedPage | list[GeneratedPage]"]
LANGUAGE_TAG = re.compile(r"^[a-z]{2}(-[a-z]{2})?$")


def _kept_or_made(before: Mapping[str, GeneratedPage], src: str, render: Make) -> GeneratedPage | list[GeneratedPage]:
    """The page at ``src`` from the last build, or made again if it had none."""
    return before.get(src) or render()


class Renderer(PathwayPages, LessonPages, IndexPages, SystemPages, StandardsPages):
    """Renders every generated page of a guide. One instance per build; indexes are computed once."""

    def pages(self, previous: Mapping[str, GeneratedPage] | None = None,
              keep: Reuse | None = None, finish: bool = False, sections: bool = False) -> list[GeneratedPage]:
        """Every generated page, in a stable order.

        While serving, the pages of the lessons and pathways in ``keep`` are taken from ``previous`` (the last
        build's pages by source path) instead of being rendered again; see :mod:`.incremental`. With ``finish``
        (and ``sections``) each page is :meth:`finished` as it is made.
        """
        before = previous or {}
        keep = keep or Reuse()

        def kept(src: str, render: Make) -> Make:
            return partial(_kept_or_made, before, src, render)

        def whole(src: str, render: Make) -> Make:
            return kept(src, render) if keep.indexes else render

        # The bodies of the lessons whose pages are made, converted together first (on several cores when the
        # guide is large enough); the pages below then find their HTML converted.
        made = [lesson for lesson in self.catalog.lessons if lesson.id not in keep.lessons]
        if parallel.jobs(len(made)) > 1:
            texts = [(lesson.body, lesson.source.path) for lesson in made]
            texts += [(t.body, t.source.path) for lesson in made for t in lesson.translations]
            self.fragments.convert_ahead(self._canonical_of(body, path) for body, path in texts if body.strip())
        layout = self.layout
        work: list[Make] = [
            whole(layout.pathways_index(), self.pathways_index), whole(layout.lessons_index(), self.lessons_index),
            whole(layout.competencies_index(), self.competencies_index), self.continuity_page, self.checks_page,
            whole(layout.journey_index(), self.journey_page)]
        if self.catalog.partners:
            work.append(whole(layout.partners_index(), self.partners_index))
            work += [whole(layout.partner(p.id), partial(self.partner_page, p)) for p in self.catalog.partners]
        for pathway in self.catalog.pathways:
            listed, printed = pathway.id in keep.pathways, pathway.id in keep.booklets
            page, plan = partial(self.pathway_page, pathway), partial(self.plan_page, pathway)
            booklet = partial(self.booklet_page, pathway)
            work += [kept(layout.pathway(pathway.id), page) if listed else page,
                     kept(layout.booklet(pathway.id), booklet) if printed else booklet,
                     kept(layout.plan(pathway.id), plan) if listed else plan]
        for lesson in self.catalog.lessons:
            render = partial(self.lesson_page, lesson)
            work.append(kept(self.layout.lesson(lesson.id), render) if lesson.id in keep.lessons else render)
        for lesson in self.catalog.lessons:
            for translation in lesson.translations:
                src = self.layout.translation(lesson.id, translation.language)
                render = partial(self.translation_page, lesson, translation)
                work.append(kept(src, render) if lesson.id in keep.lessons else render)
        if keep.indexes and self.catalog.frameworks:
            work.append(kept(layout.standards_index(), self.standards_index))
            work += [kept(layout.framework(f.id), partial(self.framework_page, f)) for f in self.catalog.frameworks]
        else:
            work.append(self.standards_pages)
        work.append(whole(layout.credits(), self.credits_page))
        # Each page is made from the model alone, so pages can be made in forked copies (see :mod:`.parallel`).
        def make(i: int) -> list[GeneratedPage]:
            made = work[i]()
            return [self.finished(p, sections) if finish else p for p in (made if isinstance(made, list) else [made])]

        made_pages = parallel.map_forked(make, range(len(work)))
        return [page for pages in made_pages or map(make, range(len(work))) for page in pages]

    def finished(self, page: GeneratedPage, sections: bool = False) -> GeneratedPage:
        """``page`` as :meth:`finish` leaves it, made beforehand (with the pages, on several cores): its fragments
        and blocks in its HTML, the table of contents of that, and with ``sections`` (and when it is searched) the
        sections a search index takes from it. For the site engine only: a finished page has no fragments left
        for :meth:`GeneratedPage.inline`. A page the engine converts is returned as it is."""
        if page.html is None:
            return page
        html, toc = self.finish(page.src_uri, page.html, page)
        found = page_sections(html) if sections and page.searched else None
        return replace(page, fragments=(), held=(), html=html, toc=toc,
                       sections=tuple(found) if found is not None else None)

    # -- machine-readable files ----------------------------------------------------------------------------------

    def catalog_json(self) -> str:
        """``catalog.json``: every pathway, step and lesson, with addresses relative to the site's root."""
        urls = {f"pathway:{p.id}": self.absolute("index.md", self.layout.pathway(p.id)) for p in self.catalog.pathways}
        urls |= {f"lesson:{x.id}": self.absolute("index.md", self.layout.lesson(x.id)) for x in self.catalog.lessons}
        urls |= {f"partner:{x.id}": self.absolute("index.md", self.layout.partner(x.id)) for x in self.catalog.partners}
        data = catalog_json.catalog_json(self.catalog, urls, self.settings.edition)
        return data_file(data)

    def continuity_json(self) -> str:
        """The continuity findings and progressions as JSON, for dashboards and other tools."""
        data = continuity_json.continuity_data(self.catalog, self.analysis)
        return data_file(data)

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

        A generated page converted beforehand (``generated.html``, see :mod:`.prerender`) takes that HTML, not
        ``html``. A translated lesson (``language`` from its page's metadata) is marked with its language, for
        screen readers and hyphenation. Also returns the headings of a page with fragments or converted
        beforehand, for its table of contents (None for other pages: the engine's own stands).
        """
        toc = None
        if generated is not None and generated.html is not None:
            html = generated.html
            toc = generated.toc
        if generated is not None and generated.fragments:
            html = unique_ids(generated.fill(html))
            toc = headings(html)
        elif generated is not None:
            html = generated.fill(html)
        else:
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
        return holding.strip(self.env.get_template(template).render(
            self._context(src, cards=views.pathway_cards(self.catalog), strands=views.strands(self.catalog),
                          grades=views.catalog_grades(self.catalog))))
