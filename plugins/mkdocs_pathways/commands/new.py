"""``pathways new``: start a lesson or a pathway from a complete, commented template.

The new file passes ``pathways check`` at once, with a warning for each TODO left to replace. An existing
file is never overwritten: the file is created exclusively, so even two writers at once cannot clobber it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2

from mkdocs_pathways import vocab
from mkdocs_pathways.config import GuideConfig

LESSON_TEMPLATE = "new/lesson.md.jinja"
PATHWAY_TEMPLATE = "new/pathway.yml.jinja"
STARTER_COMPETENCY = {"awareness": "interests", "exploration": "strengths", "preparation": "communication",
                      "launch": "goal-setting"}


class ScaffoldError(Exception):
    """The file cannot be created; the message says why."""


def _environment(override_dir: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.PackageLoader("mkdocs_pathways", "templates"))
    # YAML and Markdown, not HTML: every value put in is checked to be a plain id, stage or grade first.
    return jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                              autoescape=False, keep_trailing_newline=True)  # noqa: S701


def _check_id(kind: str, item_id: str) -> None:
    if not vocab.SLUG.fullmatch(item_id):
        raise ScaffoldError(f"'{item_id}' cannot be a {kind} id: use lowercase letters, digits and single "
                            "hyphens, such as 'career-fair-prep'")


def _create(path: Path, text: str, root: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        raise ScaffoldError(f"{shown} already exists; nothing was changed. Edit it, or choose another id.") from None
    return path


def _schema_path(target_dir: Path, root: Path, kind: str) -> str:
    schema = root / "plugins" / "mkdocs_pathways" / "schemas" / f"{kind}.schema.json"
    if schema.is_file():
        return Path(*[".."] * len(target_dir.relative_to(root).parts), schema.relative_to(root)).as_posix()
    # Outside this repository, point at the schema shipped in the installed package.
    return Path(str(resources.files("mkdocs_pathways").joinpath("schemas", f"{kind}.schema.json"))).as_uri()


def new_lesson(config: GuideConfig, lesson_id: str, stage: str = "exploration", grades: str | None = None,
               templates: Path | None = None) -> Path:
    """Create ``lessons/<id>.md`` from the template. Returns its path."""
    _check_id("lesson", lesson_id)
    stages = {s.id: s for s in config.stages}
    if stage not in stages:
        raise ScaffoldError(f"unknown stage '{stage}'; the stages are {', '.join(stages)}")
    band = stages[stage].grades
    text_grades = grades or vocab.grade_span_label(band).replace("–", "-")
    parsed, message = vocab.parse_grades(text_grades)
    if parsed is None:
        raise ScaffoldError(f"--grades {text_grades}: {message}")
    text = _environment(templates).get_template(LESSON_TEMPLATE).render(
        id=lesson_id, stage=stage, grades=text_grades, stages=" | ".join(stages),
        schema_path=_schema_path(config.lessons_dir, config.root, "lesson"),
        competency=STARTER_COMPETENCY.get(stage, "strengths"),
        competencies=", ".join(c.id for c in vocab.competencies()))
    return _create(config.lessons_dir / f"{lesson_id}.md", text, config.root)


def new_pathway(config: GuideConfig, pathway_id: str, cluster: str = "education",
                templates: Path | None = None) -> Path:
    """Create ``pathways/<id>.yml`` from the template. Returns its path."""
    _check_id("pathway", pathway_id)
    clusters = [c.id for c in vocab.clusters()]
    if cluster not in clusters:
        raise ScaffoldError(f"unknown cluster '{cluster}'; the clusters are {', '.join(clusters)}")
    text = _environment(templates).get_template(PATHWAY_TEMPLATE).render(
        id=pathway_id, cluster=cluster, clusters=", ".join(clusters),
        stages=" | ".join(s.id for s in config.stages), occupation_code="25-2031.00",
        schema_path=_schema_path(config.pathways_dir, config.root, "pathway"))
    return _create(config.pathways_dir / f"{pathway_id}.yml", text, config.root)
