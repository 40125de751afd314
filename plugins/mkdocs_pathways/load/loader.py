"""Load a guide's content into the model, collecting every problem on the way.

``load_catalog`` never raises for bad content: it returns the catalog of everything that could be read,
and the diagnostics for everything that could not. Callers decide whether to fail.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Location, sort_diagnostics
from mkdocs_pathways.load import placeholders, spec
from mkdocs_pathways.load.shape import ShapeChecker, did_you_mean, short, slugify
from mkdocs_pathways.load.textfile import read_text, split_front_matter
from mkdocs_pathways.load.yamlsource import Path_, SourceMap, parse_yaml
from mkdocs_pathways.model import (
    AdaptedFrom,
    Catalog,
    CompetencyLevel,
    Lesson,
    Occupation,
    Partner,
    Pathway,
    PathwayStage,
    Session,
    Standard,
    Step,
    Term,
    Translation,
    Wage,
)

PATHWAY_SUFFIXES = (".yml", ".yaml")
# lessons/<id>.<language>.md is a translation of lessons/<id>.md, for example strengths-inventory.es.md.
TRANSLATION_NAME = re.compile(r"^(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<language>[a-z]{2}(?:-[a-z]{2})?)\.md$")


def content_files(folder: Path, suffixes: Iterable[str]) -> list[Path]:
    """The content files of a folder, sorted. Names starting with '_' or '.' and README files are not content."""
    if not folder.is_dir():
        return []
    wanted = tuple(suffixes)
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.name.endswith(wanted) and not p.name.startswith(("_", "."))
        and p.stem.upper() != "README"
    )


class _Loader:
    def __init__(self, config: GuideConfig) -> None:
        self.config = config
        self.problems: list[Diagnostic] = []
        self.stage_ids = tuple(stage.id for stage in config.stages)
        self.competency_ids = {c.id for c in vocab.competencies()}
        self.cluster_ids = [c.id for c in vocab.clusters()]
        self.lessons: dict[str, Lesson] = {}
        self.lesson_sources: dict[str, SourceMap] = {}
        # Lessons whose file exists but could not be read: its own problems are reported, so references to it
        # are not reported again as "unknown lesson".
        self.unreadable: set[str] = set()

    # -- files ---------------------------------------------------------------------------------------------------

    def _file_id(self, path: Path, shown: str, seen: dict[str, str]) -> str | None:
        stem = path.name[: -len(path.suffix)]
        if not vocab.SLUG.fullmatch(stem):
            self.problems.append(Diagnostic(
                "PW012", Location(shown), f"the file name '{path.name}' cannot be an id",
                f"rename it to '{slugify(stem)}{path.suffix}': lowercase letters, digits and hyphens only."))
            return None
        if stem in seen:
            self.problems.append(Diagnostic(
                "PW108", Location(shown), f"'{stem}' is also the id of {seen[stem]}",
                "each id must be unique; rename or remove one of the two files."))
            return None
        seen[stem] = shown
        return stem

    def _read(self, path: Path, shown: str, text: str, line_offset: int, fmt: spec.Obj,
              file_id: str) -> tuple[dict[str, Any] | None, SourceMap]:
        value, source, problems = parse_yaml(text, shown, line_offset)
        self.problems.extend(problems)
        if problems:
            return None, source
        if not isinstance(value, dict):
            what = "empty" if value is None else "not a set of 'field: value' lines"
            self.problems.append(Diagnostic("PW009", source.at(()), f"the {fmt.name} is {what}",
                                            "write the fields as 'name: value' lines, starting with 'id:'."))
            return None, source
        checker = ShapeChecker(source, self.stage_ids)
        cleaned = checker.check_fields(value, fmt, (), f"the {fmt.name}")
        self.problems.extend(checker.problems)
        if placeholders.MARK in text:  # most files hold no placeholder; skip the walk
            self.problems.extend(placeholders.in_value(value, source))
        if "id" in cleaned and cleaned["id"] != file_id:
            self.problems.append(Diagnostic(
                "PW107", source.at(("id",)), f"the id '{cleaned['id']}' does not match the file name '{path.name}'",
                f"change the id to '{file_id}', or rename the file to '{cleaned['id']}{path.suffix}'."))
        cleaned["id"] = file_id
        return cleaned, source

    # -- lessons -------------------------------------------------------------------------------------------------

    def load_lessons(self) -> None:
        seen: dict[str, str] = {}
        translations: list[tuple[str, Translation]] = []
        for path in content_files(self.config.lessons_dir, (".md",)):
            shown = self.config.relative(path)
            if TRANSLATION_NAME.match(path.name):
                translation = self._translation(path, shown)
                if translation is not None:
                    translations.append(translation)
                continue
            file_id = self._file_id(path, shown, seen)
            text, problems = read_text(path, shown, self.config.max_file_bytes)
            self.problems.extend(problems)
            if text is None or file_id is None:
                self.unreadable.add(file_id or "")
                continue
            parts, problems = split_front_matter(text, shown)
            self.problems.extend(problems)
            if parts is None:
                self.unreadable.add(file_id)
                continue
            data, source = self._read(path, shown, parts.front_matter, parts.front_matter_line - 1, spec.LESSON,
                                      file_id)
            if data is None:
                self.unreadable.add(file_id)
                continue
            if placeholders.MARK in parts.body:
                self.problems.extend(placeholders.in_body(parts.body, shown, parts.body_line))
            self.lessons[file_id] = self._lesson(data, source, parts.body, parts.body_line)
            self.lesson_sources[file_id] = source
        self._attach_translations(translations)

    def _translation(self, path: Path, shown: str) -> tuple[str, Translation] | None:
        match = TRANSLATION_NAME.match(path.name)
        assert match is not None
        text, problems = read_text(path, shown, self.config.max_file_bytes)
        self.problems.extend(problems)
        if text is None:
            return None
        parts, problems = split_front_matter(text, shown)
        self.problems.extend(problems)
        if parts is None:
            return None
        value, source, problems = parse_yaml(parts.front_matter, shown, parts.front_matter_line - 1)
        self.problems.extend(problems)
        if problems or not isinstance(value, dict):
            if not problems:
                self.problems.append(Diagnostic("PW009", source.at(()), "the translation is not a set of "
                                                "'field: value' lines", "start with 'title:' and 'summary:'."))
            return None
        checker = ShapeChecker(source, self.stage_ids)
        d = checker.check_fields(value, spec.TRANSLATION, (), "the translation")
        self.problems.extend(checker.problems)
        self.problems.extend(placeholders.in_value(value, source))
        self.problems.extend(placeholders.in_body(parts.body, shown, parts.body_line))
        return match.group("id"), Translation(
            language=match.group("language"), title=d.get("title", ""), summary=d.get("summary", ""),
            source=source.at(()), objectives=tuple(d.get("objectives", ())),
            materials=tuple(d.get("materials", ())),
            vocabulary=tuple(Term(x["term"], x["meaning"]) for x in d.get("vocabulary", ())
                             if "term" in x and "meaning" in x),
            assessment=d.get("assessment", ""),
            session_titles=tuple(s["title"] for s in d.get("sessions", ()) if "title" in s),
            translators=tuple(d.get("translators", ())), license=d.get("license", ""), body=parts.body)

    def _attach_translations(self, translations: list[tuple[str, Translation]]) -> None:
        by_lesson: dict[str, list[Translation]] = {}
        for lesson_id, translation in translations:
            lesson = self.lessons.get(lesson_id)
            if lesson is None:
                self.problems.append(Diagnostic(
                    "PW103", translation.source, f"this is a translation of lesson '{lesson_id}', which does not exist",
                    f"{did_you_mean(lesson_id, self.lessons)}A translation is named after its lesson: "
                    f"lessons/<id>.{translation.language}.md beside lessons/<id>.md."))
                continue
            if translation.session_titles and len(translation.session_titles) != len(lesson.sessions):
                self.problems.append(Diagnostic(
                    "PW205", translation.source, f"the translation lists {len(translation.session_titles)} "
                    f"session titles but lesson '{lesson_id}' has {len(lesson.sessions)} "
                    f"session{'s' if len(lesson.sessions) != 1 else ''}",
                    "translate every session title, in the same order as the original."))
            by_lesson.setdefault(lesson_id, []).append(translation)
        for lesson_id, items in by_lesson.items():
            ordered = tuple(sorted(items, key=lambda item: item.language))
            self.lessons[lesson_id] = dataclasses.replace(self.lessons[lesson_id], translations=ordered)

    def _lesson(self, d: dict[str, Any], source: SourceMap, body: str, body_line: int) -> Lesson:
        stage = d.get("stage", "")
        if stage and stage not in self.stage_ids:
            self.problems.append(Diagnostic("PW109", source.at(("stage",)), f"unknown stage '{stage}'",
                                            f"{did_you_mean(stage, self.stage_ids)}Stages: "
                                            f"{', '.join(self.stage_ids)}."))
        competencies = []
        for index, item in enumerate(d.get("competencies", ())):
            where = ("competencies", index, "competency")
            if self._known(item.get("competency"), self.competency_ids, "PW110", source, where, "competency",
                           "The competencies are listed on the guide's Competencies page."):
                competencies.append(CompetencyLevel(item["competency"], item.get("level", "introduce"),
                                                    source.at((*where[:2],))))
        for index, cluster in enumerate(d.get("clusters", ())):
            self._known(cluster, self.cluster_ids, "PW111", source, ("clusters", index), "career cluster",
                        f"Clusters: {', '.join(self.cluster_ids)}.")
        return Lesson(
            id=d["id"],
            title=d.get("title", d["id"]),
            summary=d.get("summary", ""),
            grades=d.get("grades", ()),
            stage=stage,
            source=source.at(()),
            sessions=tuple(Session(s["title"], s["minutes"]) for s in d.get("sessions", ())
                           if "title" in s and "minutes" in s),
            objectives=tuple(d.get("objectives", ())),
            competencies=tuple(competencies),
            standards=tuple(Standard(x["framework"], x["code"], x.get("url", "")) for x in d.get("standards", ())
                            if "framework" in x and "code" in x),
            materials=tuple(d.get("materials", ())),
            vocabulary=tuple(Term(x["term"], x["meaning"]) for x in d.get("vocabulary", ())
                             if "term" in x and "meaning" in x),
            assessment=d.get("assessment", ""),
            builds_on=tuple(d.get("builds_on", ())),
            clusters=tuple(c for c in d.get("clusters", ()) if c in self.cluster_ids),
            authors=tuple(d.get("authors", ())),
            license=d.get("license", ""),
            sample=bool(d.get("sample", False)),
            body=body,
            body_line=body_line,
            adapted_from=_adapted_from(d.get("source")),
            locations=_locations(source, (), d),
        )

    def _known(self, value: Any, known: Iterable[str], code: str, source: SourceMap, where: Path_,
               noun: str, hint: str, message: str = "") -> bool:
        known = list(known)
        if isinstance(value, str) and value in known:
            return True
        if code == "PW103" and value in self.unreadable:
            return False  # the lesson's file has its own errors, already reported
        shown = short(value if isinstance(value, str) else str(value), 80)
        self.problems.append(Diagnostic(code, source.at(where), message or f"unknown {noun} '{shown}'",
                                        f"{did_you_mean(shown, known)}{hint}"))
        return False

    def check_builds_on(self) -> None:
        for lesson in self.lessons.values():
            source = self.lesson_sources[lesson.id]
            for index, other in enumerate(lesson.builds_on):
                self._known(other, self.lessons, "PW103", source, ("builds_on", index), "lesson",
                            "Lesson ids are the file names under lessons/.",
                            f"builds_on refers to unknown lesson '{short(other, 80)}'")

    # -- pathways ------------------------------------------------------------------------------------------------

    def load_pathways(self) -> list[Pathway]:
        seen: dict[str, str] = {}
        pathways = []
        for path in content_files(self.config.pathways_dir, PATHWAY_SUFFIXES):
            shown = self.config.relative(path)
            file_id = self._file_id(path, shown, seen)
            text, problems = read_text(path, shown, self.config.max_file_bytes)
            self.problems.extend(problems)
            if text is None or file_id is None:
                continue
            data, source = self._read(path, shown, text, 0, spec.PATHWAY, file_id)
            if data is not None:
                pathways.append(self._pathway(data, source))
        return pathways

    def _pathway(self, d: dict[str, Any], source: SourceMap) -> Pathway:
        if "cluster" in d:
            self._known(d["cluster"], self.cluster_ids, "PW111", source, ("cluster",), "career cluster",
                        f"Clusters: {', '.join(self.cluster_ids)}.")
        partners: list[Partner] = []
        for index, p in enumerate(d.get("partners", ())):
            if "id" not in p:
                continue
            if any(other.id == p["id"] for other in partners):
                self.problems.append(Diagnostic("PW108", source.at(("partners", index, "id")),
                                                f"two partners have the id '{p['id']}'",
                                                "give each partner its own id."))
                continue
            partners.append(Partner(p["id"], p.get("name", p["id"]), p.get("type", ""), p.get("role", ""),
                                    p.get("url", ""), source.at(("partners", index))))
        builder = _StepBuilder(self, source, {p.id for p in partners})
        stages = []
        for stage in self.stage_ids:  # journey order, whatever order the file lists them in
            if stage in d.get("stages", {}):
                steps = builder.steps(d["stages"][stage], stage, ("stages", stage), f"stage '{stage}'")
                stages.append(PathwayStage(stage, steps))
        return Pathway(
            id=d["id"],
            title=d.get("title", d["id"]),
            summary=d.get("summary", ""),
            cluster=d.get("cluster", ""),
            source=source.at(()),
            description=d.get("description", ""),
            sample=bool(d.get("sample", False)),
            occupations=tuple(Occupation(o["code"], o["title"], source.at(("occupations", i)), _wage(o.get("wage")))
                              for i, o in enumerate(d.get("occupations", ())) if "code" in o and "title" in o),
            partners=tuple(partners),
            stages=tuple(stages),
            authors=tuple(d.get("authors", ())),
            license=d.get("license", ""),
        )


class _StepBuilder:
    """Turns one pathway's cleaned steps into :class:`Step` objects, checking ids and references."""

    def __init__(self, loader: _Loader, source: SourceMap, partner_ids: set[str]) -> None:
        self.loader = loader
        self.source = source
        self.partner_ids = partner_ids
        self.step_ids: dict[str, int] = {}

    def steps(self, items: list[dict[str, Any]], stage: str, path: Path_, what: str) -> tuple[Step, ...]:
        out = []
        for index, item in enumerate(items):
            name = f"step {index + 1} of {what}" if what.startswith("stage") else f"option {index + 1} in {what}"
            step = self.step(item, stage, (*path, index), name)
            if step is not None:
                out.append(step)
        return tuple(out)

    def step(self, d: dict[str, Any], stage: str, path: Path_, what: str) -> Step | None:
        kind = d["_kind"]
        loader = self.loader
        lesson = None
        if kind == "lesson" and loader._known(d["lesson"], loader.lessons, "PW103", self.source,
                                              (*path, "lesson"), "lesson",
                                              "Lesson ids are the file names under lessons/.",
                                              f"{what} refers to unknown lesson '{short(d['lesson'], 80)}'"):
            lesson = loader.lessons[d["lesson"]]
        for index, partner in enumerate(d.get("partners", ())):
            loader._known(partner, self.partner_ids, "PW116", self.source, (*path, "partners", index), "partner",
                          "Partners are listed under the pathway's 'partners:'.",
                          f"{what} names unknown partner '{partner}'")
        title = lesson.title if lesson else str(d.get("title") or d.get(kind) or "")
        step_id = d.get("id") or (d["lesson"] if kind == "lesson" else slugify(title))
        where = self.source.at(path)
        if step_id in self.step_ids:
            loader.problems.append(Diagnostic(
                "PW115", where, f"{what} has the id '{step_id}', already used on line {self.step_ids[step_id]}",
                f"give this step its own id, for example 'id: {step_id}-2'."))
        else:
            self.step_ids[step_id] = where.line
        options: tuple[Step, ...] = ()
        if kind == "choose":
            options = self.steps(d.get("options", []), stage, (*path, "options"), what)
        grades = d.get("grades") or (lesson.grades if lesson else ()) or tuple(
            sorted({g for option in options for g in option.grades}))
        credit = d.get("credit", {})
        return Step(
            id=step_id, kind=kind, title=title, stage=stage, grades=tuple(grades), source=where,
            summary=d.get("summary", "") or (lesson.summary if lesson else ""),
            lesson=d.get("lesson", ""), type=d.get("type", ""), code=d.get("code", ""),
            credit_type=credit.get("type", ""), credit_hours=credit.get("hours"), hours=d.get("hours"),
            issuer=d.get("issuer", ""), occupation=d.get("occupation", ""),
            partners=tuple(p for p in d.get("partners", ()) if p in self.partner_ids),
            choose=d.get("choose", 0), options=options, locations=_locations(self.source, path, d),
        )


def _wage(d: dict[str, Any] | None) -> Wage | None:
    if not d or not all(k in d for k in ("amount", "period", "area", "source", "year")):
        return None
    return Wage(d["amount"], d["period"], d["area"], d["source"], d["year"], d.get("url", ""))


def _adapted_from(d: dict[str, Any] | None) -> AdaptedFrom | None:
    if not d or not all(k in d for k in ("title", "author", "license", "changes")):
        return None
    return AdaptedFrom(d["title"], d["author"], d["license"], d["changes"], d.get("url", ""))


class _FieldLocations(Mapping[str, Location]):
    """Where each field of one object is written ('grades', 'builds_on.0'), looked up only when asked for:
    most are never needed, and a catalog has thousands of objects."""

    def __init__(self, source: SourceMap, path: Path_, data: dict[str, Any]) -> None:
        self._source, self._path, self._data = source, path, data

    def _key(self, name: str) -> Path_ | None:
        field, _, index = name.partition(".")
        if field not in self._data or field.startswith("_"):
            return None
        return (*self._path, field, int(index)) if index.isdigit() else (*self._path, field)

    def __getitem__(self, name: str) -> Location:
        key = self._key(name)
        if key is None:
            raise KeyError(name)
        return self._source.at(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._data if not k.startswith("_"))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _locations(source: SourceMap, path: Path_, data: dict[str, Any]) -> Mapping[str, Location]:
    return _FieldLocations(source, path, data)


def load_catalog(config: GuideConfig) -> tuple[Catalog, list[Diagnostic]]:
    """Read every pathway and lesson of a guide. Returns the catalog and all diagnostics, sorted."""
    loader = _Loader(config)
    loader.load_lessons()
    loader.check_builds_on()
    pathways = loader.load_pathways()
    catalog = Catalog(
        stages=config.stages,
        competencies=vocab.competencies(),
        clusters=vocab.clusters(),
        pathways=tuple(sorted(pathways, key=lambda p: p.id)),
        lessons=tuple(sorted(loader.lessons.values(), key=lambda lesson: lesson.id)),
    )
    return catalog, sort_diagnostics(loader.problems)
