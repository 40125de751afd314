"""Load a guide's content into the model, collecting every problem on the way.

``load_catalog`` never raises for bad content: it returns the catalog of everything that could be read,
and the diagnostics for everything that could not. Callers decide whether to fail. The work is done in three
steps, each in its own module: read the files (:mod:`.sources`), build the model (:mod:`.build`) and resolve
the references between files (:mod:`.references`).
"""

from __future__ import annotations

from mkdocs_pathways import vocab
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, sort_diagnostics
from mkdocs_pathways.load.build import Builder
from mkdocs_pathways.load.references import References
from mkdocs_pathways.load.sources import Sources
from mkdocs_pathways.load.standards import align, load_frameworks
from mkdocs_pathways.model import Catalog


def load_catalog(config: GuideConfig) -> tuple[Catalog, list[Diagnostic]]:
    """Read every pathway and lesson of a guide. Returns the catalog and all diagnostics, sorted."""
    sources = Sources(config)
    lesson_files, translation_files = sources.lessons()
    refs = References(sources.stage_ids, sources.unreadable)
    builder = Builder(refs)
    partners_file = sources.partners()
    guide_partners = builder.partners_file(partners_file) if partners_file else ()
    for item in lesson_files:
        refs.lessons[item.id] = builder.lesson(item)
    builder.attach_translations(translation_files)
    refs.builds_on({item.id: item.source for item in lesson_files})
    pathways = [builder.pathway(item) for item in sources.pathways()]
    frameworks = load_frameworks(config, sources)
    refs.problems += align(refs.lessons, lesson_files, frameworks)
    catalog = Catalog(
        stages=config.stages,
        competencies=vocab.competencies(),
        clusters=vocab.clusters(),
        pathways=tuple(sorted(pathways, key=lambda p: p.id)),
        lessons=tuple(sorted(refs.lessons.values(), key=lambda lesson: lesson.id)),
        frameworks=tuple(frameworks),
        guide_partners=guide_partners,
    )
    return catalog, sort_diagnostics(sources.problems + refs.problems)
