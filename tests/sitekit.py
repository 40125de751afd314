"""Helpers to write small real sites into a temporary folder, build them, and read the output."""

from __future__ import annotations

import html.parser
import json
import logging
import posixpath
import re
import textwrap
from collections.abc import Sequence
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
{theme}markdown_extensions:
  - admonition
  - attr_list
  - tables
{extensions}  - toc:
      permalink: true
plugins:
  - search
  - pathways{options}
{config_tail}"""


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


def replaced(text: str, old: str, new: str) -> str:
    """``text.replace(old, new)``, failing when ``old`` is not there: an edit that silently does nothing would
    leave a test checking the unedited text."""
    assert old in text, f"{old!r} is not in the text to edit"
    return text.replace(old, new)


def write_site(root: Path, *, lessons: dict[str, str], pathways: dict[str, str], options: str = "",
               pages: dict[str, str] | None = None, extra: dict[str, str] | None = None,
               templates_dir: str | None = None, theme_language: str | None = None,
               markdown_extensions: Sequence[str] = (), config_tail: str = "") -> Path:
    """Write a small guide: lessons and pathways as file texts, content pages, and mkdocs.yml.

    ``options`` is YAML for the pathways plugin; ``templates_dir`` is one more plugin option. ``theme_language``
    sets the theme's ``language``, ``markdown_extensions`` are added after the default ones (before ``toc``), and
    ``config_tail`` is YAML appended at the end of mkdocs.yml (top-level keys such as ``nav:``).
    """
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
    option_text = textwrap.dedent(options).strip()
    if templates_dir is not None:
        # A second templates_dir in `options` would be a duplicate key, of which YAML keeps only one.
        assert not re.search(r"^templates_dir:", option_text, re.M), "templates_dir given twice"
        option_text = f"templates_dir: {json.dumps(templates_dir)}\n{option_text}".strip()
    opts = (":\n" + textwrap.indent(option_text, "      ")) if option_text else ""
    theme = f"  language: {json.dumps(theme_language)}\n" if theme_language is not None else ""
    extensions = "".join(f"  - {name}\n" for name in markdown_extensions)
    tail = textwrap.dedent(config_tail).strip("\n")
    text = MKDOCS_YML.format(options=opts, theme=theme, extensions=extensions,
                             config_tail=tail + "\n" if tail else "")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
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
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
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
