"""Helpers to write small real sites into a temporary folder, build them, and read the output."""

from __future__ import annotations

import html.parser
import logging
import posixpath
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config

LESSON = """---
id: {id}
title: {title}
summary: {summary}
grades: {grades}
stage: {stage}
sessions:
  - title: Only session
    minutes: 45
objectives:
  - Do one thing well.
competencies:
  - competency: {competency}
    level: {level}
materials:
  - Paper
assessment: A short exit ticket.
builds_on: {builds_on}
license: CC-BY-4.0
---

## Overview

{body}
"""

MKDOCS_YML = """site_name: Test guide
docs_dir: content
theme:
  name: material
  font: false
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
plugins:
  - search
  - pathways{options}
"""


PATHWAY_HEAD = """
    id: demo
    title: Demo pathway
    summary: A small pathway.
    cluster: digital-technology
    stages:
"""


def pathway_text(stages: str) -> str:
    """The small test pathway 'demo' with these stages (YAML indented as under ``stages:``)."""
    return PATHWAY_HEAD + textwrap.indent(textwrap.dedent(stages).strip("\n"), "      ") + "\n"


def lesson_text(lesson_id: str, **fields: str) -> str:
    values = {"id": lesson_id, "title": f"Lesson {lesson_id}", "summary": "A test lesson.", "grades": "7",
              "stage": "exploration", "competency": "strengths", "level": "introduce", "builds_on": "[]",
              "body": "Body text."}
    values.update(fields)
    return LESSON.format(**values)


def write_site(root: Path, *, lessons: dict[str, str], pathways: dict[str, str], options: str = "",
               pages: dict[str, str] | None = None, extra: dict[str, str] | None = None) -> Path:
    """Write a small guide: lessons and pathways as file texts, content pages, and mkdocs.yml."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    for name, text in (pages or {"index.md": "# Home\n\n<!-- pathways:list -->\n"}).items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "lessons").mkdir(exist_ok=True)
    for lesson_id, text in lessons.items():
        (root / "lessons" / f"{lesson_id}.md").write_text(text, encoding="utf-8")
    (root / "pathways").mkdir(exist_ok=True)
    for pathway_id, text in pathways.items():
        (root / "pathways" / f"{pathway_id}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    for name, text in (extra or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    opts = (":\n" + textwrap.indent(textwrap.dedent(options).strip(), "      ")) if options.strip() else ""
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(options=opts), encoding="utf-8")
    return root


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_site(root: Path, strict: bool = True) -> tuple[Path, list[str]]:
    """Build with MkDocs in this process. Returns the site folder and the warning messages logged."""
    counter = _Counter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=strict)
        build(config)
    finally:
        logger.removeHandler(counter)
    return root / "site", [r.getMessage() for r in counter.records]


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("name"):
            self.ids.add(str(found["name"]))
        for key in ("href", "src"):
            value = found.get(key)
            if value and tag in ("a", "img", "script", "link", "iframe", "source"):
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in the built site that does not resolve, as 'page -> link'."""
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = parser
        return parsed[path]

    problems = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).as_posix() == "404.html":
            continue  # served at any missing address, so its links are absolute by design
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "data:")):
                continue
            rel_page = page.relative_to(site).as_posix()
            if parts.path:
                target_rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel_page), unquote(parts.path)))
                target = site / target_rel
                if link.startswith("/") or target_rel.startswith(".."):
                    problems.append(f"{rel_page} -> {link} (leaves the site)")
                    continue
            else:
                target = page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{rel_page} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{rel_page} -> {link} (no such anchor)")
    return problems
