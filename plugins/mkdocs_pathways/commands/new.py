"""``pathways new``: start a lesson, a pathway or a whole guide from a complete, commented template.

A new lesson or pathway passes ``pathways check`` at once, with a warning for each TODO left to replace. A new
guide passes ``pathways check --strict`` and ``mkdocs build --strict`` as written: its TODOs are YAML comments.
Nothing is ever overwritten: files are created exclusively, so even two writers at once cannot clobber one,
and a guide is only written into a folder that is new or empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

import jinja2

from mkdocs_pathways import __version__, vocab
from mkdocs_pathways.config import DEFAULT_STAGES, GuideConfig
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump

LESSON_TEMPLATE = "new/lesson.md.jinja"
PATHWAY_TEMPLATE = "new/pathway.yml.jinja"
GUIDE_TEMPLATE = "new/guide"
# Template files are packaged without a leading dot (dot-github/ becomes .github/), so that no tool that treats
# dot files specially (packaging, GitHub, editors) acts on the templates inside this package.
DOT_PREFIX = "dot-"
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
    # This repository's shipped schemas, or the schemas/ folder that `pathways new guide` writes into a guide.
    for schema in (root / "plugins" / "mkdocs_pathways" / "schemas" / f"{kind}.schema.json",
                   root / "schemas" / f"{kind}.schema.json"):
        if schema.is_file():
            return Path(*[".."] * len(target_dir.relative_to(root).parts), schema.relative_to(root)).as_posix()
    # Elsewhere, point at the schema shipped in the installed package.
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


def _guide_files(folder: Traversable, at: PurePosixPath | None = None) -> Iterator[tuple[PurePosixPath, Traversable]]:
    """Each file of the guide template: where it goes in the new guide, and the template file."""
    at = at or PurePosixPath()
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        name = "." + item.name.removeprefix(DOT_PREFIX) if item.name.startswith(DOT_PREFIX) else item.name
        if item.is_dir():
            if item.name != "__pycache__":
                yield from _guide_files(item, at / name)
        else:
            yield at / name.removesuffix(".jinja"), item


def _guide_texts() -> dict[PurePosixPath, str]:
    """The new guide's files and their texts: the template, rendered, and the editors' schemas."""
    environment = _environment(None)
    templates = resources.files("mkdocs_pathways").joinpath("templates", *GUIDE_TEMPLATE.split("/"))
    texts: dict[PurePosixPath, str] = {}
    for target, source in _guide_files(templates):
        text = source.read_text(encoding="utf-8")
        # Only .jinja files are templates: workflows hold ${{ ... }}, which is GitHub's syntax, not Jinja's.
        if source.name.endswith(".jinja"):
            text = environment.from_string(text).render(version=__version__)
        texts[target] = text
    for kind in ("pathway", "lesson", "translation"):
        texts[PurePosixPath("schemas", f"{kind}.schema.json")] = dump(SCHEMAS[kind](DEFAULT_STAGES))
    return texts


def new_guide(folder: Path) -> list[Path]:
    """Write a complete small guide into ``folder``, which must be new or empty. Returns the files written.

    Nothing is overwritten: a folder that holds anything is refused before a file is written, and each file is
    created exclusively, so a second run (or a file appearing meanwhile) changes nothing that exists.
    """
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder; nothing was changed. Choose a new folder name.")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder} already exists and is not empty; nothing was changed. Choose a new "
                            "folder name, or empty this one first.")
    written = []
    for target, text in _guide_texts().items():
        written.append(_create(folder.joinpath(*target.parts), text, folder))
    return written
