"""The printable booklet of a pathway (the "printable guide" readers see): its paged-media rules."""

from __future__ import annotations

import re

from markupsafe import Markup

from mkdocs_pathways.render.filters import css_string

PAGE_SIZES = {"letter": "Letter", "a4": "A4", "legal": "Legal"}


def css_counters(text: str) -> str:
    """A CSS ``content`` value from text with ``{page}`` and ``{pages}``: 'Page {page} of {pages}'."""
    parts = re.split(r"\{(page|pages)\}", text)
    out = [f"counter({part})" if i % 2 else css_string(part) for i, part in enumerate(parts) if i % 2 or part]
    return " ".join(out) or '""'


def booklet_css(title: str, page_size: str, page_number: str = "Page {page} of {pages}") -> Markup:
    """The paged-media rules of one printed booklet: paper size, margins, running title and page numbers.

    ``page_number`` is the footer's text, with ``{page}`` and ``{pages}`` where the numbers go.
    """
    size = PAGE_SIZES.get(page_size.lower(), "Letter")
    css = (
        f"@page {{ size: {size}; margin: 18mm 16mm 20mm;"
        f" @top-center {{ content: {css_string(title)}; font: 9pt sans-serif; color: #444; }}"
        f" @bottom-center {{ content: {css_counters(page_number)}; font: 9pt sans-serif; }}"
        " }"
        " @page :first { @top-center { content: none; } @bottom-center { content: none; } }"
        # The continuity map runs top to bottom: it gets a (portrait) page of its own, its heading with it.
        " @media print { .md-typeset #map { break-before: page; break-inside: avoid; }"
        " .md-typeset #map h2 { break-after: avoid; } }"
    )
    return Markup(css)  # noqa: S704 - built from css_string, which escapes every special character
