"""The ``raw_html: strip`` policy: HTML from outside contributors, cleaned by an allow-list sanitizer.

A guide that publishes work from strangers sets ``raw_html: strip``. Lesson bodies, pathway descriptions and
the site's own pages are then rendered to HTML first and cleaned afterwards with ammonia (through ``nh3``), an
HTML5 parser with an allow-list: every tag, attribute and address scheme not listed below is removed, entities
are decoded before schemes are checked, and the work is linear in the size of the text. Cleaning the rendered
HTML, not the Markdown, also covers what Markdown extensions add (``attr_list`` attributes, for example).
"""

from __future__ import annotations

import nh3

# What lesson Markdown produces with the guide's extensions: admonitions, details, tabs, tables, footnotes,
# definition and task lists, figures, highlighted code.
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input",
    "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name"},  # task lists and content tabs
    "label": {"for"},
    "details": {"open"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
}
SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str, extra_schemes: frozenset[str] = frozenset()) -> str:
    """``html`` with everything outside the allow-list removed (scripts and styles with their content).

    ``extra_schemes`` admits the guide's own placeholder addresses, which are rewritten after cleaning.
    """
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES | extra_schemes,
                     link_rel=None, strip_comments=True, clean_content_tags={"script", "style"})
