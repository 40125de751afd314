"""Generate a synthetic guide of N lessons and M pathways, deterministically, for the benchmark.

    python bench/generate.py --lessons 1000 --pathways 50 --out bench/out/guide-1000
    python bench/generate.py --lessons 1000 --plain --out bench/out/plain-1000

The text is filler built from a fixed word list, with the field volume and body length of the sample lessons
(about 1,000 words each), so that build times and page sizes are realistic. Each pathway holds about 36
lessons, so at 1,000 lessons and 50 pathways most lessons sit in two pathways, as in a real guide.

``--plain`` writes what a user would publish without this tool: the same lesson files as ordinary pages of a
MkDocs + Material site (same theme, Markdown extensions and search), not in the navigation, no plugin.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

WORDS = ["students", "career", "skill", "plan", "team", "workplace", "interview", "college", "apprenticeship", "credential", "mentor", "project", "evidence", "strength", "value", "interest", "goal", "practice", "feedback", "reflect", "partner", "employer", "community", "safety", "quality", "measure", "design", "build", "explain", "compare", "choose", "decide", "research", "present", "write", "listen", "ask", "share", "portfolio", "resume", "schedule", "wage", "benefit", "training", "program", "course", "lab", "shadow", "tour", "fair", "speaker"]
STAGES = (("exploration", (6, 8)), ("preparation", (9, 12)), ("launch", (11, 12)))
COMPETENCIES = ["interests", "strengths", "values", "career-identity", "confidence", "goal-setting", "persistence", "help-seeking", "career-self-development", "communication", "critical-thinking", "equity-inclusion", "leadership", "professionalism", "teamwork", "technology"]
CLUSTERS = ("advanced-manufacturing", "construction", "healthcare-human-services", "digital-technology",
            "agriculture", "education", "financial-services", "public-service-safety")


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def lesson(rng: random.Random, index: int, stage: str, grades: tuple[int, int], builds_on: list[str]) -> str:
    level = {"exploration": "introduce", "preparation": "develop", "launch": "apply"}[stage]
    competencies = rng.sample(COMPETENCIES, 3)
    sessions = rng.randint(2, 3)
    front = {
        "id": f"lesson-{index:04d}", "title": sentence(rng, 5)[:-1], "summary": sentence(rng, 22),
        "sample": True, "grades": f"{grades[0]}-{grades[1]}" if grades[0] != grades[1] else grades[0],
        "stage": stage,
        "sessions": [{"title": sentence(rng, 4)[:-1], "minutes": 45} for _ in range(sessions)],
        "objectives": [sentence(rng, 14) for _ in range(4)],
        "competencies": [{"competency": c, "level": "introduce" if stage == "exploration" else level}
                         for c in competencies],
        "standards": [{"framework": "ASCA Mindsets & Behaviors (2021)", "code": f"M {rng.randint(1, 6)}"}],
        "materials": [sentence(rng, 8) for _ in range(5)],
        "vocabulary": [{"term": rng.choice(WORDS), "meaning": sentence(rng, 12)} for _ in range(4)],
        "assessment": paragraph(rng, 2), "builds_on": builds_on, "clusters": [],
        "authors": ["Benchmark generator"], "license": "CC-BY-4.0",
    }
    body = ["## Overview", "", paragraph(rng, 5), "", "## Before you teach", ""]
    body += [f"- [ ] {sentence(rng, 10)}" for _ in range(4)]
    for number, session in enumerate(front["sessions"], 1):
        body += ["", f"## Session {number}: {session['title']}", ""]
        body += [f"{step}. **{sentence(rng, 3)[:-1]} (10 min).** {paragraph(rng, 3)}" for step in range(1, 6)]
    body += ["", "## Assessment", "", paragraph(rng, 2), "", "| Criterion | Beginning | Developing | Secure |",
             "|---|---|---|---|"]
    body += [f"| {rng.choice(WORDS)} | {sentence(rng, 6)} | {sentence(rng, 6)} | {sentence(rng, 6)} |"
             for _ in range(4)]
    body += ["", "## Supports and extensions", "", f"- {paragraph(rng, 2)}", f"- {paragraph(rng, 2)}",
             "", "## Family connection", "", paragraph(rng, 2), ""]
    return "---\n" + json.dumps(front, indent=1) + "\n---\n\n" + "\n".join(body)


MARKDOWN = "markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]\n"
THEME = "theme:\n  name: material\n  font: false\n  features: [navigation.tabs, navigation.prune]\n"


def generate(out: Path, lessons: int, pathways: int, seed: int = 2026, per_pathway: int = 36) -> None:
    """Write ``out/lessons``, ``out/pathways``, ``out/content`` and ``out/mkdocs.yml``."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("lessons", "pathways", "content"):
        (out / folder).mkdir(parents=True)
    by_stage: dict[str, list[tuple[str, int]]] = {stage: [] for stage, _ in STAGES}
    for index in range(lessons):
        stage, (low, high) = STAGES[0] if index % 10 < 4 else STAGES[1] if index % 10 < 8 else STAGES[2]
        start = rng.randint(low, high)
        grades = (start, min(high, start + rng.randint(0, 1)))
        earlier = [lid for lid, g in by_stage["exploration"][-30:]] if stage != "exploration" else []
        builds_on = rng.sample(earlier, min(len(earlier), rng.randint(0, 2)))
        lesson_id = f"lesson-{index:04d}"
        (out / "lessons" / f"{lesson_id}.md").write_text(lesson(rng, index, stage, grades, builds_on))
        by_stage[stage].append((lesson_id, grades[0]))
    for number in range(pathways):
        steps: dict[str, list[str]] = {}
        for stage, _ in STAGES:
            pool = by_stage[stage]
            # Each stage gets its share of the pathway's lessons; consecutive pathways overlap, as real ones do.
            share = max(1, min(len(pool), round(per_pathway * len(pool) / lessons)))
            start = number * len(pool) // pathways
            chosen = sorted((pool * 2)[start:start + share], key=lambda x: x[1])
            steps[stage] = [f"    - lesson: {lid}" for lid, _grade in chosen]
        steps["preparation"] += ["    - course: Technical course", "      grades: 9-12",
                                 "      credit: {type: dual, hours: 3}",
                                 "    - credential: Industry certification", "      type: industry-certification",
                                 "      grades: 12"]
        steps["launch"] += ["    - destination: First job", "      occupation: \"15-1232.00\"", "      grades: PS"]
        text = [f"id: pathway-{number:02d}", f"title: Pathway {number}", f"summary: {sentence(rng, 20)}",
                f"description: {json.dumps(paragraph(rng, 4))}", "sample: true",
                f"cluster: {CLUSTERS[number % len(CLUSTERS)]}",
                "occupations:", "  - code: \"15-1232.00\"", "    title: Computer User Support Specialists",
                "license: CC-BY-4.0", "stages:"]
        for stage, _ in STAGES:
            text += [f"  {stage}:", *steps[stage]]
        (out / "pathways" / f"pathway-{number:02d}.yml").write_text("\n".join(text) + "\n")
    (out / "content" / "index.md").write_text("# Benchmark guide\n\n<!-- pathways:list -->\n")
    (out / "mkdocs.yml").write_text(
        "site_name: Benchmark guide\ndocs_dir: content\n" + THEME + "plugins:\n  - search\n  - pathways:\n"
        "      checks: {PW301: 'off', PW303: 'off', PW304: 'off', PW306: 'off', PW307: 'off'}\n" + MARKDOWN)


def plain(out: Path, lessons: int, seed: int = 2026) -> None:
    """The same lessons (same seed, same text) as plain pages of a MkDocs + Material site with no plugin."""
    generate(out, lessons, 1, seed)
    shutil.rmtree(out / "pathways")
    (out / "lessons").rename(out / "content" / "lessons")
    (out / "content" / "index.md").write_text("# Benchmark guide\n\nThe lessons are in `lessons/`.\n")
    (out / "mkdocs.yml").write_text("site_name: Benchmark guide\ndocs_dir: content\n" + THEME +
                                    "plugins:\n  - search\nnav:\n  - index.md\n" + MARKDOWN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--pathways", type=int, default=50)
    parser.add_argument("--per-pathway", type=int, default=36, help="lessons in each pathway (about)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--plain", action="store_true", help="the same lessons as a plain MkDocs site")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.plain:
        plain(args.out, args.lessons, args.seed)
    else:
        generate(args.out, args.lessons, args.pathways, args.seed, args.per_pathway)


if __name__ == "__main__":
    main()
