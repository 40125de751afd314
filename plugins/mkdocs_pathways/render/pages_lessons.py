"""The page of each lesson, and of each of its translations."""

from __future__ import annotations

import dataclasses

from mkdocs_pathways.interop import schema_org
from mkdocs_pathways.model_lessons import Lesson, Translation
from mkdocs_pathways.model_standards import Standard
from mkdocs_pathways.render.filters import LANGUAGE_NAMES, script_markup
from mkdocs_pathways.render.pages_base import GeneratedPage, RendererCore


class LessonPages(RendererCore):
    """The lesson pages and their translations."""

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
