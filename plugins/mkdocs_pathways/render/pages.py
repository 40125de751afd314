"""Render the guide's pages from the model: Markdown with escaped HTML blocks, fed back to the site engine.

Templates are Jinja files in ``templates/``; a site folder can override any of them. Every value from content
is escaped (autoescape is on for every template), and ``StrictUndefined`` turns a misspelt variable into an
error that names the template and line. The words the templates add (headings, labels, sentences) come from
the string tables of the guide's language through ``t()`` (see :mod:`mkdocs_pathways.render.i18n`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from mkdocs_pathways import vocab
from mkdocs_pathways.analysis.continuity import Analysis, Finding, analyse
from mkdocs_pathways.analysis.licensing import license_url
from mkdocs_pathways.analysis.relations import Relations
from mkdocs_pathways.interop import exports
from mkdocs_pathways.model import Catalog, Lesson, Pathway, Step, Translation
from mkdocs_pathways.render import continuity_map, i18n
from mkdocs_pathways.render.addresses import SiteLayout
from mkdocs_pathways.render.i18n import Strings
from mkdocs_pathways.render.sanitize import strip_raw_html
from mkdocs_pathways.rules import RULES

STEP_KINDS = ("lesson", "course", "experience", "credential", "organization", "milestone", "destination", "choose")
ENGLISH = i18n.strings("en")


def kind_labels(strings: Strings = ENGLISH) -> dict[str, str]:
    """The label of each step kind ("Work-based learning"), in the strings' language."""
    return {kind: strings.text(f"kind.{kind}") for kind in STEP_KINDS}


def map_kind_labels(strings: Strings = ENGLISH) -> dict[str, str]:
    """Step kind labels short enough to fit the continuity map's narrowest box ("Work-based")."""
    return {kind: strings.text(f"map_kind.{kind}") for kind in STEP_KINDS}


def level_labels(strings: Strings = ENGLISH) -> dict[str, str]:
    """The label of each competency level ("Introduce")."""
    return {level: strings.text(f"level.{level}") for level in vocab.LEVELS}


# The English labels, for code that reads them directly; templates get the guide's language.
KIND_LABELS = kind_labels()
MAP_KIND_LABELS = map_kind_labels()
LEVEL_LABELS = level_labels()
# Each language's own name for itself: the same in every interface language.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "vi": "Tiếng Việt", "zh": "中文",
                  "ar": "العربية", "ht": "Kreyòl ayisyen", "pt": "Português", "so": "Soomaali", "ko": "한국어"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


@dataclass(frozen=True)
class GeneratedPage:
    """One page to add to the site: where it goes, its Markdown, and how it is listed."""

    src_uri: str
    title: str
    markdown: str
    kind: str
    in_nav: bool = False


def md_text(value: object) -> Markup:
    """Text from content made safe for a Markdown line: HTML-escaped, then Markdown punctuation escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(str(value)))))  # noqa: S704 - escaped on this line


def author_markdown(text: str) -> Markup:
    """An author's Markdown (a lesson body, a pathway description), passed through to the Markdown engine.

    It is not HTML-escaped because it is Markdown, which the engine renders; what raw HTML it may contain is
    governed by the site's Markdown settings, as for any page the authors write in ``content/``.
    """
    return Markup(text)  # noqa: S704 - see the docstring


def meta_title(value: str) -> str:
    """A page title for the engine's ``<title>``, navigation and search.

    Themes print page titles without escaping, and Material unescapes them again with ``striptags`` inside
    ``<title>``. So the title is escaped here, and angle brackets, the only characters that could end the
    ``<title>`` element, become look-alike quotation marks. The exact title is shown, escaped, in the page.
    """
    return str(escape(value.replace("<", "‹").replace(">", "›")))


def grade_long(grade: int, strings: Strings = ENGLISH) -> str:
    """'Kindergarten', 'Grade 7' or 'Postsecondary'."""
    if grade == vocab.KINDERGARTEN:
        return strings.text("grade.kindergarten")
    if grade == vocab.POSTSECONDARY:
        return strings.text("grade.postsecondary")
    return strings.text("grade.one", grade=grade)


def grades_phrase(grades: tuple[int, ...], strings: Strings = ENGLISH) -> str:
    """'Grade 7', 'Grades 6–8', 'Postsecondary' or 'Grades 12–PS'."""
    if not grades:
        return strings.text("grade.any")
    if len(grades) == 1:
        return grade_long(grades[0], strings)
    return strings.text("grade.many", span=vocab.grade_span_label(grades))


def css_string(value: str) -> str:
    """A CSS string literal, with every character that could end the string or the ``<style>`` escaped."""
    out = []
    for char in value:
        if char.isalnum() or char in " .,:;!?()-–—'’&/+*#@%":
            out.append(char if char not in "&" else "\\26 ")
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


PAGE_SIZES = {"letter": "Letter", "a4": "A4", "legal": "Legal"}


def css_counters(text: str) -> str:
    """A CSS ``content`` value from text with ``{page}`` and ``{pages}``: 'Page {page} of {pages}'."""
    parts = re.split(r"\{(page|pages)\}", text)
    out = [f"counter({part})" if i % 2 else css_string(part) for i, part in enumerate(parts) if i % 2 or part]
    return " ".join(out) or '""'


def guide_page_css(title: str, page_size: str, page_number: str = "Page {page} of {pages}") -> Markup:
    """The paged-media rules of one printed guide: paper size, margins, running title and page numbers.

    ``page_number`` is the footer's text, with ``{page}`` and ``{pages}`` where the numbers go.
    """
    size = PAGE_SIZES.get(page_size.lower(), "Letter")
    css = (
        f"@page {{ size: {size}; margin: 18mm 16mm 20mm;"
        f" @top-center {{ content: {css_string(title)}; font: 9pt sans-serif; color: #444; }}"
        f" @bottom-center {{ content: {css_counters(page_number)}; font: 9pt sans-serif; }}"
        " }"
        " @page :first { @top-center { content: none; } @bottom-center { content: none; } }"
        # The continuity map is wide: it gets a landscape page of its own.
        f" @page pw-landscape {{ size: {size} landscape; }}"
        " @media print { .md-typeset #map { page: pw-landscape; } }"
    )
    return Markup(css)  # noqa: S704 - built from css_string, which escapes every special character


def minutes_label(minutes: int, strings: Strings = ENGLISH) -> str:
    """'45 min', '1 h 30 min' or '2 h'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return strings.text("time.minutes", minutes=rest)
    if rest:
        return strings.text("time.hours_minutes", hours=hours, minutes=rest)
    return strings.text("time.hours", hours=hours)


def shift_headings(markdown: str, levels: int = 1) -> str:
    """Demote ATX headings (outside code fences) so a lesson's sections nest under its title in a guide."""
    out, fenced = [], False
    for line in markdown.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and re.match(r"#{1,5} ", line):
            line = "#" * levels + line
        out.append(line)
    return "".join(out)


def inline_code(text: str) -> Markup:
    """Rule text with `backticks` shown as code; everything else escaped."""
    parts = str(text).split("`")
    out = [str(escape(p)) if i % 2 == 0 else f"<code>{escape(p)}</code>" for i, p in enumerate(parts)]
    return Markup("".join(out))  # noqa: S704 - every part is escaped above


def script_markup(data: object) -> Markup:
    """JSON-LD for a ``<script type="application/ld+json">`` element, escaped so it cannot end the element."""
    return Markup(exports.script_json(data))  # noqa: S704 - script_json escapes <, > and &


def make_environment(override_dir: Path | None = None, language: str = i18n.DEFAULT_LANGUAGE) -> jinja2.Environment:
    """The template environment: the site's override folder first, then the package's templates.

    Its interface strings are in ``language``; :class:`Renderer` switches them to its guide's language.
    """
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.PackageLoader("mkdocs_pathways", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, grade=vocab.grade_label, grades=vocab.grade_span_label)
    env.filters["code"] = inline_code
    env.filters["money"] = lambda v: f"{v:,.2f}" if v < 1000 else f"{v:,.0f}"
    env.filters["number"] = lambda v: f"{v:g}" if isinstance(v, (int, float)) else str(v)
    use_language(env, language)
    return env


def use_language(env: jinja2.Environment, language: str) -> Strings:
    """Bind the environment's interface strings, labels and wording filters to a language.

    Templates get ``t(key, **values)``, the string of ``key`` in that language with its placeholders filled
    (escaped, like any other value), and ``term_label(group, value)`` for vocabulary values such as step types.
    Returns the strings, English for a language the package has no strings for.
    """
    strings = i18n.strings(language)
    env.filters.update(
        grades_phrase=lambda grades: grades_phrase(grades, strings),
        minutes=lambda minutes: minutes_label(minutes, strings),
        grade_long=lambda grade: grade_long(grade, strings),
    )
    env.globals.update(t=strings.markup, term_label=strings.term, interface_language=strings.language,
                       KIND_LABELS=kind_labels(strings), MAP_KIND_LABELS=map_kind_labels(strings),
                       LEVEL_LABELS=level_labels(strings))
    return strings


def render_settings(site_name: str, site_url: str, theme_language: str | None,
                    options: dict[str, Any]) -> dict[str, Any]:
    """The renderer's settings from the site's and the plugin's options (one place for the plugin and export)."""
    return {
        "site_name": site_name, "site_url": site_url or "",
        "organization": options.get("organization") or site_name,
        "edition": options.get("edition") or "", "page_size": options.get("page_size") or "letter",
        "raw_html": options.get("raw_html") or "allow",
        "language": options.get("language") or theme_language or i18n.DEFAULT_LANGUAGE,
    }


class Renderer:
    """Renders every generated page of a guide. One instance per build; indexes are computed once."""

    def __init__(self, catalog: Catalog, layout: SiteLayout, env: jinja2.Environment,
                 settings: dict[str, Any] | None = None, analysis: Analysis | None = None) -> None:
        self.catalog = catalog
        self.layout = layout
        self.env = env
        self.relations = Relations(catalog)
        self.settings = settings or {}
        self.analysis = analysis if analysis is not None else analyse(catalog)
        # The guide's language, else the one the environment was made with. The environment is the renderer's own.
        language = self.settings.get("language") or env.globals.get("interface_language") or i18n.DEFAULT_LANGUAGE
        self.strings = use_language(env, str(language))
        self._environments: dict[str, jinja2.Environment] = {}

    # -- helpers the templates call ------------------------------------------------------------------------------

    def _context(self, src: str, **values: Any) -> dict[str, Any]:
        layout = self.layout

        def link(to_src: str, anchor: str = "", query: str = "") -> str:
            return layout.href(src, to_src, anchor, query)

        def file_link(path: str) -> str:
            return layout.file_href(src, path)

        return {
            "page_src": src, "link": link, "file_link": file_link, "layout": layout, "catalog": self.catalog,
            "settings": self.settings,
            "stage_title": self._stage_title, "competency": self.catalog.competency_by_id.get,
            "cluster_title": self._cluster_title, "lesson_of": self._lesson_of, "partner_names": _partner_names,
            "home": "index.md", "license_url": license_url, "LANGUAGE_NAMES": LANGUAGE_NAMES, **values,
        }

    def _author(self, markdown: str) -> Markup:
        """An author's Markdown under the guide's ``raw_html`` policy (``allow``, or ``strip`` for guides that
        publish outside contributions)."""
        if self.settings.get("raw_html") == "strip":
            markdown = strip_raw_html(markdown)
        return author_markdown(markdown)

    def absolute(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """An address for machine-readable data: absolute when the site's URL is known, else relative."""
        site_url = str(self.settings.get("site_url") or "")
        if site_url.startswith("http"):
            return f"{site_url.rstrip('/')}/{self.layout.url(to_src)}" + (f"#{anchor}" if anchor else "")
        return self.layout.href(from_src, to_src, anchor)

    def _stage_title(self, stage_id: str) -> str:
        stage = self.catalog.stage_by_id.get(stage_id)
        return stage.title if stage else stage_id

    def _cluster_title(self, cluster_id: str) -> str:
        cluster = self.catalog.cluster_by_id.get(cluster_id)
        return cluster.title if cluster else cluster_id

    def _map(self, pathway: Pathway) -> continuity_map.MapLayout:
        """The continuity map's layout, with the label of each choice box in the guide's language."""
        layout = continuity_map.layout(pathway, self.catalog)
        for box in layout.boxes:
            if box.step.kind == "choose":
                english = ENGLISH.text("step.choose", count=box.step.choose, title=box.step.title)
                text = self.strings.text("step.choose", count=box.step.choose, title=box.step.title)
                if text != english:  # rewrapped in no more lines than before, so the box keeps its size
                    box.lines = continuity_map._wrap(text, box.width - 16, len(box.lines))
        return layout

    def _lesson_of(self, step: Step) -> Lesson | None:
        return self.catalog.lesson_by_id.get(step.lesson) if step.kind == "lesson" else None

    def _environment_for(self, language: str) -> jinja2.Environment:
        """The template environment with interface strings in ``language`` (a translated lesson's own)."""
        if i18n.strings(language).language == self.strings.language:
            return self.env
        if language not in self._environments:
            overlay = self.env.overlay()
            # An overlay shares its parent's dictionaries; these must be its own to hold other strings.
            overlay.globals = dict(self.env.globals)
            overlay.filters = dict(self.env.filters)
            use_language(overlay, language)
            self._environments[language] = overlay
        return self._environments[language]

    def _page(self, template: str, src: str, title: str, kind: str, in_nav: bool = False,
              front: dict[str, Any] | None = None, language: str = "", **values: Any) -> GeneratedPage:
        header = {"title": meta_title(title), **(front or {})}
        env = self._environment_for(language) if language else self.env
        body = env.get_template(template).render(self._context(src, title=title, **values))
        markdown = "---\n" + json.dumps(header, ensure_ascii=False) + "\n---\n\n" + body
        return GeneratedPage(src, title, markdown, kind, in_nav)

    # -- pages ---------------------------------------------------------------------------------------------------

    def pathway_page(self, pathway: Pathway) -> GeneratedPage:
        steps = pathway.all_steps()
        src = self.layout.pathway(pathway.id)
        lesson_urls = {s.lesson: self.absolute(src, self.layout.lesson(s.lesson)) for s in steps if s.kind == "lesson"}
        jsonld = exports.pathway_jsonld(pathway, self.catalog, self.absolute(src, src), lesson_urls,
                                        str(self.settings.get("organization") or self.settings.get("site_name", "")))
        return self._page(
            "pathway.md.jinja", src, pathway.title, "pathway", in_nav=True, jsonld=script_markup(jsonld),
            pathway=pathway, map=self._map(pathway),
            credentials=[s for s in steps if s.kind == "credential"],
            experiences=[s for s in steps if s.kind == "experience"],
            partners_by_id={p.id: p for p in pathway.partners},
            description=self._author(pathway.description),
            progression=self._progression(pathway), findings=self.analysis.for_pathway(pathway.id),
        )

    def guide_page(self, pathway: Pathway) -> GeneratedPage:
        lessons = [(step, self.catalog.lesson_by_id[step.lesson]) for step in pathway.all_steps()
                   if step.kind == "lesson" and step.lesson in self.catalog.lesson_by_id]
        bodies = {lesson.id: self._author(shift_headings(lesson.body, 1)) for _step, lesson in lessons}
        return self._page(
            "guide.md.jinja", self.layout.guide(pathway.id), self.strings.text("page.guide", title=pathway.title),
            "guide",
            front={"search": {"exclude": True}, "hide": ["navigation", "toc"]},
            page_css=guide_page_css(pathway.title, str(self.settings.get("page_size", "letter")),
                                    self.strings.text("guide.page_number")),
            pathway=pathway, map=self._map(pathway), lessons=lessons, bodies=bodies,
            partners_by_id={p.id: p for p in pathway.partners}, description=self._author(pathway.description),
        )

    def lesson_page(self, lesson: Lesson) -> GeneratedPage:
        src = self.layout.lesson(lesson.id)
        jsonld = exports.lesson_jsonld(lesson, self.catalog, self.absolute(src, src))
        return self._page(
            "lesson.md.jinja", src, lesson.title, "lesson", jsonld=script_markup(jsonld),
            lesson=lesson, body=self._author(lesson.body),
            placements=self.relations.placements.get(lesson.id, []),
            builds_on=self.relations.builds_on(lesson),
            leads_to=self.relations.leads_to.get(lesson.id, []),
        )

    def translation_page(self, lesson: Lesson, translation: Translation) -> GeneratedPage:
        sessions = [(translation.session_titles[i] if i < len(translation.session_titles) else s.title, s.minutes)
                    for i, s in enumerate(lesson.sessions)]
        return self._page(
            "translation.md.jinja", self.layout.translation(lesson.id, translation.language), translation.title,
            "translation", front={"pathways_language": translation.language}, language=translation.language,
            lesson=lesson, translation=translation, sessions=sessions, body=self._author(translation.body),
            language_name=LANGUAGE_NAMES.get(translation.language, translation.language))

    def credits_page(self) -> GeneratedPage:
        return self._page("credits.md.jinja", self.layout.credits(), self.strings.text("page.credits"), "index",
                          lessons=sorted(self.catalog.lessons, key=lambda item: item.title.lower()),
                          pathways=self.catalog.pathways)

    def pathways_index(self) -> GeneratedPage:
        return self._page("pathways_index.md.jinja", self.layout.pathways_index(), self.strings.text("page.pathways"),
                          "index", in_nav=True, front={"hide": ["toc"]}, cards=self.pathway_cards())

    def lessons_index(self) -> GeneratedPage:
        used = {c for lesson in self.catalog.lessons for c in lesson.clusters}
        return self._page("lessons_index.md.jinja", self.layout.lessons_index(), self.strings.text("page.lessons"),
                          "index", in_nav=True, front={"hide": ["toc"]}, groups=self._lesson_groups(),
                          strands=self._strands(), grades=[g for g, _ in self._catalog_grades()],
                          clusters=[c for c in self.catalog.clusters if c.id in used])

    def competencies_index(self) -> GeneratedPage:
        return self._page("competencies.md.jinja", self.layout.competencies_index(),
                          self.strings.text("page.competencies"), "index",
                          in_nav=True, strands=self._strands(), stages=self._stages_with_lessons(),
                          by_competency=self.relations.lessons_by_competency)

    def continuity_page(self) -> GeneratedPage:
        rows = []
        for pathway in self.catalog.pathways:
            progression = self.analysis.progressions.get(pathway.id)
            levels = {level: sum(1 for entries in (progression.competencies.values() if progression else ())
                                 if any(e.level == level for e in entries)) for level in vocab.LEVELS}
            rows.append({"pathway": pathway, "levels": levels,
                         "lessons": sum(1 for s in pathway.all_steps() if s.kind == "lesson"),
                         "findings": self.analysis.for_pathway(pathway.id)})
        return self._page("continuity.md.jinja", self.layout.continuity_index(),
                          self.strings.text("page.continuity"), "index",
                          rows=rows, general=[f for f in self.analysis.findings if not f.pathway])

    def pathway_ctdl(self, pathway: Pathway) -> tuple[str, str]:
        """The CTDL file of a pathway: its path in the site, and its JSON-LD text."""
        src = self.layout.pathway(pathway.id)
        folder = self.layout.url(src).rstrip("/") if self.layout.use_directory_urls else src.rsplit("/", 1)[0]
        path = f"{folder}/pathway.ctdl.jsonld"
        site_url = str(self.settings.get("site_url") or "")
        file_url = f"{site_url.rstrip('/')}/{path}" if site_url.startswith("http") else "pathway.ctdl.jsonld"
        page_url = self.absolute(path.replace("pathway.ctdl.jsonld", "index.md"), src)
        data = exports.pathway_ctdl(pathway, self.catalog, file_url, page_url,
                                    str(self.settings.get("organization") or self.settings.get("site_name", "")))
        return path, json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def catalog_json(self) -> str:
        """``catalog.json``: every pathway, step and lesson, with addresses relative to the site's root."""
        urls = {f"pathway:{p.id}": self.absolute("index.md", self.layout.pathway(p.id)) for p in self.catalog.pathways}
        urls |= {f"lesson:{x.id}": self.absolute("index.md", self.layout.lesson(x.id)) for x in self.catalog.lessons}
        data = exports.catalog_json(self.catalog, urls, str(self.settings.get("edition") or ""))
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def checks_page(self) -> GeneratedPage:
        groups = [("files", "PW0"), ("fields", "PW1"), ("authoring", "PW2"), ("continuity", "PW3")]
        sections = [{"title": self.strings.text(f"checks.{group}.title"),
                     "intro": self.strings.text(f"checks.{group}.intro"),
                     "rules": [RULES[c] for c in sorted(RULES) if c.startswith(prefix)]}
                    for group, prefix in groups]
        return self._page("checks.md.jinja", self.layout.checks_reference(), self.strings.text("page.checks"), "index",
                          sections=sections)

    def continuity_json(self) -> str:
        """The continuity findings and progressions as JSON, for dashboards and other tools."""
        def finding(f: Finding) -> dict[str, Any]:
            return {**f.diagnostic.as_dict(), "pathway": f.pathway or None, "lessons": list(f.lessons),
                    "steps": list(f.steps)}

        data = {
            "format": "mkdocs-pathways/continuity", "version": 1,
            "pathways": [{
                "id": p.id, "title": p.title,
                "progression": {c: [{"lesson": e.lesson, "level": e.level, "grades": [vocab.grade_label(g)
                                     for g in e.grades], "stage": e.stage} for e in entries]
                                for c, entries in self.analysis.progressions[p.id].competencies.items()},
                "findings": [finding(f) for f in self.analysis.for_pathway(p.id)],
            } for p in self.catalog.pathways],
            "findings": [finding(f) for f in self.analysis.findings if not f.pathway],
        }
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"

    def _progression(self, pathway: Pathway) -> dict[str, Any]:
        """Rows (competencies, in framework order) by columns (the grades of the pathway's lessons)."""
        progression = self.analysis.progressions.get(pathway.id)
        if progression is None or not progression.competencies:
            return {"grades": [], "rows": []}
        grades = sorted({min(e.grades) for entries in progression.competencies.values() for e in entries
                         if e.grades})
        rows = []
        for competency in self.catalog.competencies:
            entries = progression.competencies.get(competency.id)
            if entries:
                cells = {g: [e for e in entries if e.grades and min(e.grades) == g] for g in grades}
                rows.append({"competency": competency, "cells": cells})
        return {"grades": grades, "rows": rows}

    def nav_sections(self) -> list[tuple[str, str, list[Any]]]:
        """The generated sections for ``navigation.merge_nav``: each pathway is listed, lessons are not."""
        label = self.strings.text
        pathways = [{meta_title(p.title): self.layout.pathway(p.id)} for p in self.catalog.pathways]
        return [(label("page.pathways"), self.layout.pathways_index(), pathways),
                (label("page.lessons"), self.layout.lessons_index(), []),
                (label("page.competencies"), self.layout.competencies_index(), [])]

    def pages(self) -> list[GeneratedPage]:
        """Every generated page, in a stable order."""
        out = [self.pathways_index(), self.lessons_index(), self.competencies_index(), self.continuity_page(),
               self.checks_page()]
        for pathway in self.catalog.pathways:
            out += [self.pathway_page(pathway), self.guide_page(pathway)]
        out += [self.lesson_page(lesson) for lesson in self.catalog.lessons]
        out += [self.translation_page(lesson, translation) for lesson in self.catalog.lessons
                for translation in lesson.translations]
        out.append(self.credits_page())
        return out

    # -- blocks for author-written pages -------------------------------------------------------------------------

    def block(self, name: str, src: str) -> str:
        """A block for a marker such as ``<!-- pathways:list -->`` in an author-written page at ``src``."""
        template = {"list": "_pathway_cards.html.jinja", "find-lesson": "_find_lesson.html.jinja"}[name]
        return self.env.get_template(template).render(
            self._context(src, cards=self.pathway_cards(), strands=self._strands(),
                          grades=self._catalog_grades()))

    # -- view data -----------------------------------------------------------------------------------------------

    def pathway_cards(self) -> list[dict[str, Any]]:
        cards = []
        for pathway in self.catalog.pathways:
            steps = pathway.all_steps()
            cards.append({
                "pathway": pathway,
                "stages": [self._stage_title(s.stage) for s in pathway.stages],
                "credentials": [s.title for s in steps if s.kind == "credential"],
                "lessons": sum(1 for s in steps if s.kind == "lesson"),
            })
        return cards

    def _strands(self) -> list[dict[str, Any]]:
        strands = []
        for item in self.catalog.competencies:
            if item.strand is None:
                strands.append({"strand": item, "competencies": [c for c in self.catalog.competencies
                                                                 if c.strand == item.id]})
        return strands

    def _stages_with_lessons(self) -> list[str]:
        used = {lesson.stage for lesson in self.catalog.lessons}
        return [stage.id for stage in self.catalog.stages if stage.id in used]

    def _catalog_grades(self) -> list[tuple[int, str]]:
        """Grades that have lessons, each with the stage whose catalog group to jump to without script."""
        grades = sorted({g for lesson in self.catalog.lessons for g in lesson.grades})
        out = []
        for grade in grades:
            stage = next((s.id for s in self.catalog.stages if grade in s.grades), "")
            out.append((grade, stage))
        return out

    def _lesson_groups(self) -> list[dict[str, Any]]:
        groups = []
        for stage in self.catalog.stages:
            lessons = sorted((lesson for lesson in self.catalog.lessons if lesson.stage == stage.id),
                             key=lambda item: (item.grades[:1], item.grades[-1:], item.title.lower()))
            if lessons:
                groups.append({"stage": stage, "lessons": [
                    {"lesson": lesson, "strands": self.relations.strands_of(lesson),
                     "competency_ids": sorted({a.competency for a in lesson.competencies}
                                              | set(self.relations.strands_of(lesson)))}
                    for lesson in lessons]})
        return groups


def _partner_names(pathway: Pathway, step: Step) -> list[str]:
    names = {p.id: p.name for p in pathway.partners}
    return [names[p] for p in step.partners if p in names]
