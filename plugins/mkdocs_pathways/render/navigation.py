"""Merge the guide's generated sections into the site navigation, without listing every lesson.

Every page embeds the whole navigation, so a navigation that grows with the catalog makes the site grow with
the square of it. Pathways are listed one by one; lessons are reached from the catalog page, not the nav.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

NavEntry = Any  # what MkDocs accepts in `nav:`: a path, {title: path}, or {title: [entries]}


def _target(entry: NavEntry) -> tuple[str | None, NavEntry]:
    """(title, value) of a nav entry."""
    if isinstance(entry, dict) and len(entry) == 1:
        title, value = next(iter(entry.items()))
        return title, value
    return None, entry


def _mentions(nav: Iterable[NavEntry], src: str) -> bool:
    for entry in nav:
        _title, value = _target(entry)
        if value == src or (isinstance(value, list) and _mentions(value, src)):
            return True
    return False


def _expand(nav: list[NavEntry], sections: dict[str, tuple[str, list[NavEntry]]]) -> list[NavEntry]:
    out = []
    for entry in nav:
        title, value = _target(entry)
        if isinstance(value, str) and value in sections:
            default_title, children = sections[value]
            out.append({title or default_title: [value, *children]} if children else
                       ({title: value} if title else value))
        elif isinstance(value, list):
            out.append({str(title): _expand(value, sections)})
        else:
            out.append(entry)
    return out


def default_nav(docs: Iterable[str]) -> list[NavEntry]:
    """A navigation for author pages when ``mkdocs.yml`` has none: home first, then pages, then folders."""
    pages = sorted(docs, key=lambda p: (p.count("/"), p != "index.md", p))
    out: list[NavEntry] = []
    folders: dict[str, list[NavEntry]] = {}
    for src in pages:
        folder = src.split("/", 1)[0] if "/" in src else ""
        if not folder:
            out.append(src)
        else:
            entries = folders.setdefault(folder, [])
            if posixpath.basename(src) == "index.md":
                entries.insert(0, src)
            else:
                entries.append(src)
    for folder, entries in folders.items():
        out.append({folder.replace("-", " ").replace("_", " ").capitalize(): entries})
    return out


def merge_nav(nav: list[NavEntry] | None, author_pages: Iterable[str],
              sections: list[tuple[str, str, list[NavEntry]]]) -> list[NavEntry]:
    """Put the generated sections into the navigation.

    ``sections`` are ``(title, index_src, children)``: an entry pointing at ``index_src`` becomes a section
    holding the index and its children (each pathway). Sections the navigation does not mention are added
    after the home page, so they become tabs.
    """
    nav = list(nav) if nav is not None else default_nav(author_pages)
    by_src = {src: (title, children) for title, src, children in sections}
    missing = [(title, src, children) for title, src, children in sections if not _mentions(nav, src)]
    merged = _expand(nav, by_src)
    insert_at = 1 if merged else 0
    for offset, (title, src, children) in enumerate(missing):
        merged.insert(insert_at + offset, {title: [src, *children]} if children else {title: src})
    return merged


def nav_pages(nav: Iterable[NavEntry]) -> set[str]:
    """Every page path a navigation lists."""
    out: set[str] = set()
    for entry in nav:
        _title, value = _target(entry)
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, list):
            out |= nav_pages(value)
    return out
