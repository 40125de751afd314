"""Statements of standards frameworks, safe to print: CASE statements are Markdown from outside the guide.

A state's or publisher's package is not the guide's own content, so its Markdown is rendered here with
Python-Markdown and then cleaned with nh3 to a small set of tags (no images, scripts, styles or event
attributes, links only to web and mail addresses): never raw HTML from the package.
"""

from __future__ import annotations

import html

import markdown
import nh3
from markupsafe import Markup

_TAGS = {"p", "em", "strong", "b", "i", "code", "ul", "ol", "li", "a", "br", "sub", "sup", "blockquote", "span"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}


def statement_html(text: str) -> Markup:
    """A statement's Markdown as clean HTML on one line (an HTML block of a page ends at a blank line)."""
    rendered = markdown.markdown(text, output_format="html")
    clean = nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                      link_rel="noopener noreferrer nofollow", strip_comments=True)
    return Markup(" ".join(clean.split()))  # noqa: S704 - cleaned by nh3 on the line above


def statement_text(text: str, limit: int = 0) -> str:
    """A statement as plain text (Markdown and any HTML removed), cut to ``limit`` characters if given."""
    rendered = markdown.markdown(text, output_format="html")
    plain = " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())
    return plain if not limit or len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
