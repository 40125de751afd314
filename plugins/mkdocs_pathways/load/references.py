"""Cross-references between content files: lessons, partners, competencies, clusters and stages by id.

Each reference that names nothing known becomes one diagnostic with a did-you-mean; a reference to a lesson
whose own file could not be read is not reported again.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load.yamlsource import Path_, SourceMap
from mkdocs_pathways.model_lessons import Lesson
from mkdocs_pathways.words import did_you_mean, short


class References:
    """The ids a guide knows, and the problems found while resolving references to them."""

    def __init__(self, stage_ids: tuple[str, ...], unreadable: set[str]) -> None:
        self.stage_ids = stage_ids
        self.competency_ids = {c.id for c in vocab.competencies()}
        self.cluster_ids = [c.id for c in vocab.clusters()]
        self.lessons: dict[str, Lesson] = {}
        self.unreadable = unreadable
        self.problems: list[Diagnostic] = []

    def known(self, value: Any, known: Collection[str], code: str, source: SourceMap, where: Path_,
              noun: str, hint: str, message: str = "") -> bool:
        """True if ``value`` is one of ``known``; otherwise report it at ``where`` and return False."""
        # Tested in place, not copied: ``known`` can be the guide's thousands of lessons, checked once per step.
        if isinstance(value, str) and value in known:
            return True
        if code == "PW103" and value in self.unreadable:
            return False  # the lesson's file has its own errors, already reported
        shown = short(value if isinstance(value, str) else str(value), 80)
        self.problems.append(Diagnostic(code, source.at(where), message or f"unknown {noun} '{shown}'",
                                        f"{did_you_mean(shown, known)}{hint}"))
        return False

    def lesson(self, value: Any, source: SourceMap, where: Path_, message: str) -> Lesson | None:
        """The lesson a reference names, or None (reported) if there is none."""
        if self.known(value, self.lessons, "PW103", source, where, "lesson",
                      "Lesson ids are the file names under lessons/.", message):
            return self.lessons[value]
        return None

    def stage(self, stage: str, source: SourceMap) -> None:
        """Report a lesson's stage that is not one of the guide's stages."""
        if stage and stage not in self.stage_ids:
            self.problems.append(Diagnostic("PW109", source.at(("stage",)), f"unknown stage '{stage}'",
                                            f"{did_you_mean(stage, self.stage_ids)}Stages: "
                                            f"{', '.join(self.stage_ids)}."))

    def cluster(self, value: Any, source: SourceMap, where: Path_) -> bool:
        """True if ``value`` is a career cluster id; otherwise report it."""
        return self.known(value, self.cluster_ids, "PW111", source, where, "career cluster",
                          f"Clusters: {', '.join(self.cluster_ids)}.")

    def builds_on(self, sources: dict[str, SourceMap]) -> None:
        """Report every ``builds_on`` entry that names no lesson."""
        for lesson in self.lessons.values():
            for index, other in enumerate(lesson.builds_on):
                self.lesson(other, sources[lesson.id], ("builds_on", index),
                            f"builds_on refers to unknown lesson '{short(other, 80)}'")
