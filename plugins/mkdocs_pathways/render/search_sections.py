"""A page's search sections as Material for MkDocs makes them, made faster: page HTML in, sections out.

Material's search plugin divides each page into sections (the text before the first heading, then one per
heading with an id) with ``Parser``, an ``html.parser.HTMLParser`` subclass in
``material/plugins/search/plugin.py`` that costs a few microseconds of pure Python per tag: about a quarter of
a large guide's build. :func:`page_sections` reproduces that parser's sections, quirks included (see
:func:`_sections`), with one regular expression and counts of the open tags' names. It reads only the HTML it
can promise to read exactly as ``HTMLParser`` does in every Python version; for anything else (a ``<`` that
starts no tag, CDATA, an unclosed comment or tag, unusual attribute syntax, an ``&`` in an attribute value
that the versions unescape differently) it returns None, and the caller uses Material's own parser for the
page. tests/test_search_sections.py holds this module to Material's output: the same sections for tricky
HTML, and the same search index for real sites.

MkDocs-free: the adapter gives these sections to Material's ``SearchIndex.create_entry_for_section``, so the
entries themselves (titles, anchors, tags, boost, Chinese segmentation) stay Material's.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape, unescape
from html.entities import html5
from html.parser import HTMLParser
from typing import Any

# Material's lists. Inside an open element of a skipped name no text is indexed; kept tags are indexed as
# bare markup (``<p>``); void tags never open an element.
ALWAYS_SKIPPED = frozenset({"object", "script", "style"})
KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
EXCLUDE = "data-search-exclude"

# Elements whose content HTMLParser reads as raw text: script and style in every Python version; title and
# textarea (with character references converted) and the others only in some. Their content is read only
# where every version reads it alike.
_RAW = frozenset({"script", "style"})
_ESCAPABLE_RAW = frozenset({"title", "textarea"})
_LATER_RAW = frozenset({"xmp", "iframe", "noembed", "noframes", "noscript"})
# A raw-text element this module does not know (plaintext, or one a newer Python adds) is left to Material.
_UNKNOWN_RAW = (frozenset({"plaintext"}) | frozenset(getattr(HTMLParser, "CDATA_CONTENT_ELEMENTS", ()))
                | frozenset(getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()))) - _RAW - _ESCAPABLE_RAW - _LATER_RAW
_SPECIAL_START = VOID | _RAW | _ESCAPABLE_RAW | _LATER_RAW | _UNKNOWN_RAW  # start tags that open no element as usual
_NOTABLE = HEADINGS | {"a"}  # start tags that can do more than open an element, besides kept and excluded ones

# HTML's whitespace, not Python's \s: older HTMLParsers take \s (which also matches \v, \xa0 and other Unicode
# spaces) where newer ones take these five, so a tag is read here only when it uses these.
_WS = r"[\t\n\r\f ]"
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
# Whitespace, or nothing after a quoted value (`id="a"class="b"`, two attributes for every HTMLParser); then a
# name, and optionally = and a quoted or unquoted value. An unquoted value runs to whitespace or > as in
# HTMLParser (so `a=b/>` is a start tag, value "b/"); one holding a quote, = or < is not read here.
_BEFORE_ATTRIBUTE = rf"""(?:{_WS}+|(?<=["']))"""
_ATTRIBUTE_NAME = r"""[^\s"'<>/=]+"""
_BARE_VALUE = r"""[^\s"'=<>`]+"""
_ATTRIBUTE = rf"""{_BEFORE_ATTRIBUTE}{_ATTRIBUTE_NAME}(?:{_WS}*={_WS}*(?:"[^"]*"|'[^']*'|{_BARE_VALUE}))?"""
# The page as a list of tokens, each the text before it and one of: a script or style element (its content up
# to the first `</`, which must be its end tag, and without `<!`), a start tag, an end tag, a comment, a doctype
# or processing instruction, a `<` read as nothing else (which sends the page to Material's parser), or the
# end of the page. One findall is much faster than a match object per tag.
_TOKENS = re.compile(rf"""([^<]*)(?:<(?:
    (script|style)((?:{_ATTRIBUTE})*){_WS}*>[^<]*(?:<(?![/!])[^<]*)*</\2>
  | ({_NAME})((?:{_ATTRIBUTE})*){_WS}*(/?)>
  | /({_NAME}){_WS}*>
  | (!--.*?-->)
  | (![dD][oO][cC][tT][yY][pP][eE][^>]*>|\?[^>]*>)
  )|(<)|\Z)""", re.VERBOSE | re.DOTALL)
_ATTRIBUTES = re.compile(  # the same, with the name and each kind of value as a group
    rf"""{_BEFORE_ATTRIBUTE}({_ATTRIBUTE_NAME})(?:{_WS}*={_WS}*(?:"([^"]*)"|'([^']*)'|({_BARE_VALUE})))?""")
# A character reference every HTMLParser unescapes alike in an attribute value: older ones unescape a value
# as text is (`&amp` and `&copy=` too), newer ones only complete references.
_REFERENCE = re.compile(r"&(?:#[0-9]+;|#[xX][0-9a-fA-F]+;|([a-zA-Z][a-zA-Z0-9]*;))")

_OPENING = {tag: f"<{tag}>" for tag in KEPT}
_CLOSING = {tag: f"</{tag}>" for tag in KEPT}
_NO_ATTRIBUTES: dict[str, str | None] = {}
_INFINITE = float("inf")


@dataclass(slots=True)
class SearchSection:
    """One section of a page as Material's search parser leaves it.

    ``tag`` is its heading's tag name, or "hx" for the text before the first heading with an id; ``attrs``
    are the heading's attributes, ``depth`` how many elements were open at the heading (infinite once the
    element holding a nested heading has closed), ``id`` the heading's id (None for the first section).
    ``title`` and ``text`` are the parts Material joins: HTML-escaped text and bare kept tags.
    """

    tag: str
    attrs: dict[str, str | None]
    depth: float
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def excluded(self) -> bool:
        """Whether the heading is marked ``data-search-exclude``: Material leaves such a section out."""
        return EXCLUDE in self.attrs


class _Unsupported(Exception):
    """HTML this module cannot promise to read exactly as Material's parser does."""


def page_sections(html: str) -> list[SearchSection] | None:
    """The sections Material's search parser makes of ``html`` (a page's content), or None when the HTML has
    something this module does not read exactly as ``HTMLParser`` does, for the caller to use Material's."""
    try:
        return _sections(html)
    except _Unsupported:
        return None


@functools.lru_cache(maxsize=4096)  # pages repeat their attributes (class="...") many times
def _attributes(raw: str) -> dict[str, str | None]:
    """A start tag's attributes as HTMLParser gives them to Material: lowercase names, unescaped values, None
    for a name without a value, the last of a repeated name. Shared between tags: not to be changed."""
    attrs: dict[str, str | None] = {}
    for match in _ATTRIBUTES.finditer(raw):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        if value and "&" in value:
            value = _attribute_value(value)
        attrs[name.lower()] = value
    return attrs


def _attribute_value(value: str) -> str:
    start = value.find("&")
    while start >= 0:
        match = _REFERENCE.match(value, start)
        if match is None or (match.group(1) is not None and match.group(1) not in html5):
            raise _Unsupported
        start = value.find("&", match.end())
    return unescape(value)


def _sections(html: str) -> list[SearchSection]:
    """Material's sectioning, handler for handler. What looks odd is Material's and is kept on purpose:

    - its elements compare by tag name, so the skip set, "inside the heading" and "inside pre" are about
      names: an excluded ``<div data-search-exclude>`` stops the text of every open div, and the first div to
      close (any div) ends that;
    - outside ``pre``, text that is all whitespace becomes one space, other text has only its newlines made
      spaces, and a space is not added to the section text after another; in ``pre`` it is kept as it is;
    - a kept tag whose content is only whitespace is removed, judged from the first ``<tag>`` of the parts
      (not the one being closed); a kept tag closed without one having been opened fails in Material, and is
      left to it here, to fail the same way;
    - a heading nested in other elements ends its section when the element holding it closes; text goes
      back to the last section opened at that depth or shallower;
    - an end tag that does not close the innermost open element is ignored.
    """
    stack: list[str] = []  # the open elements' tag names, innermost last
    open_count: defaultdict[str, int] = defaultdict(int)  # how many elements of each name are open
    skipped = set(ALWAYS_SKIPPED)  # names whose open elements hide text (Material's skip set)
    hidden = 0  # how many open elements have a name in ``skipped``: text is indexed only at 0
    permalinks: list[int] = []  # the stack heights of open ``a.headerlink`` elements, left out of titles
    sections: list[SearchSection] = []
    # The current section, and its parts in locals: read for every token.
    section: SearchSection | None = None
    heading, limit, title, text = "", 0.0, [""], [""]
    raw_text = ""  # the title or textarea element whose text is being read: its end tag must come next
    for data, raw, raw_attrs, tag, attrs_text, slash, end, comment, ignored, bad in _TOKENS.findall(html):
        if raw_text and (tag or raw or comment or ignored or bad or end.lower() != raw_text
                         or (raw_text in _LATER_RAW and "&" in data)):
            raise _Unsupported  # read as text here, but as markup, or raw, by some HTMLParser versions
        raw_text = ""
        if data and not hidden:
            # Escaped now rather than when added (as Material does): the same text, as escaping changes no
            # whitespace and makes no character whitespace.
            if "&" in data:
                data = escape(unescape(data), quote=False)
            elif ">" in data:  # the only character to escape in text that has no reference (nor <)
                data = data.replace(">", "&gt;")
            space = data.isspace()
            in_pre = open_count["pre"]
            if not in_pre:
                data = " " if space else data.replace("\n", " ")
            if section is None:
                section = SearchSection("hx", {}, 0)
                sections.append(section)
                heading, limit, title, text = "hx", 0, section.title, section.text
            if open_count[heading]:
                if not permalinks:
                    title.append(data)
            elif not space or in_pre or not text or not text[-1].isspace():
                text.append(data)
        if raw:  # a script or style element: its content is never indexed, so it opens and closes here
            tag, attrs_text, slash = raw, raw_attrs, "/"
        if tag:
            tag = tag.lower()
            if tag in _SPECIAL_START and not raw:
                if tag in VOID:
                    continue  # and the end tag of a self-closing one closes nothing: no void element is open
                if tag in _RAW or tag in _UNKNOWN_RAW or slash:
                    raise _Unsupported  # `<script/>`, or content not read as every version reads it
                raw_text = tag
            attrs = _attributes(attrs_text) if attrs_text else _NO_ATTRIBUTES
            stack.append(tag)
            open_count[tag] += 1
            if tag in skipped:
                hidden += 1
            if tag in _NOTABLE:
                if tag == "a":
                    if attrs.get("class") == "headerlink":
                        permalinks.append(len(stack))
                elif "id" in attrs:  # a heading
                    height = len(stack)
                    if tag != "h1" and not sections:
                        sections.append(SearchSection("hx", {}, height))
                    section = SearchSection(tag, dict(attrs), height, attrs["id"] if sections else None)
                    sections.append(section)
                    heading, limit, title, text = tag, height, section.title, section.text
            if section is None:
                section = SearchSection("hx", {}, 0)
                sections.append(section)
                heading, limit, title, text = "hx", 0, section.title, section.text
            if attrs and (EXCLUDE in attrs or attrs.get("class") == "linenodiv"):  # linenodiv: line numbers
                if tag not in skipped:
                    skipped.add(tag)
                    hidden += open_count[tag]
            elif not hidden and tag in KEPT:
                (title if open_count[heading] else text).append(_OPENING[tag])
            if not slash:
                continue
            end = tag
        elif end:
            end = end.lower()
        elif bad or (comment and ("--" in comment[3:-3] or comment[3:].startswith((">", "->")))):
            # A comment ends at the same place for every HTMLParser when it holds no "--" (older ones also
            # end one at `-- >`, newer ones at `--!>` and make `<!-->` one).
            raise _Unsupported
        else:
            continue  # a comment, doctype or processing instruction, or the end of the page

        # An end tag, or the end of a self-closing or raw-text element: Material's handle_endtag.
        if not stack or stack[-1] != end:
            continue
        height = len(stack)
        if limit > height:
            for earlier in reversed(sections):
                if earlier.depth <= height:
                    assert section is not None
                    section.depth = _INFINITE  # never returned to
                    section = earlier
                    heading, limit, title, text = earlier.tag, earlier.depth, earlier.title, earlier.text
                    break
        stack.pop()
        open_count[end] -= 1
        if permalinks and permalinks[-1] == height:
            permalinks.pop()
        if end in skipped:
            hidden -= 1
            if end not in ALWAYS_SKIPPED:
                skipped.remove(end)
                hidden -= open_count[end]  # the elements of that name still open show their text again
            continue
        if not hidden and end in KEPT:
            parts = title if open_count[heading] else text
            try:
                first = parts.index(_OPENING[end])
            except ValueError:
                raise _Unsupported from None
            for i in range(first + 1, len(parts)):
                if not parts[i].isspace():
                    parts.append(_CLOSING[end])
                    break
            else:
                del parts[first:]
    if raw_text:
        raise _Unsupported
    return sections


# Pages for :func:`agrees_with`: one of each quirk :func:`_sections` reproduces, and the three ways a page can
# begin (text, an h1, another heading).
PROBES = ("""<p>Before &amp; <em>any</em>
heading</p><h2 id="first">First <a class="headerlink" href="#first">&para;</a></h2>
<div data-search-exclude><p>hidden</p><div>hidden too</div>shown</div>
<p>  </p><ul><li><code>a  b</code></li><li> </li></ul><pre><code>x
  y &lt; z</code></pre>
<div class="admonition"><h3 id="inner">Inner <sub>2</sub></h3><p>in</p></div><p>after</p>
<h1 id="top">Top</h1><script>if (a < b) {}</script><style>p {}</style><!-- note --><br/><img src="x">
<table><tr><th>H</th><td>d&#39;e</td></tr></table><div class="linenodiv"><pre>1</pre></div>
<h4 id="gone" data-search-exclude>Gone</h4><p>text</p><h2 id="last" title="a &amp; b">Last</h2><p/>end""",
          '<h1 id="a">A</h1><p>x</p><h2 id="b">B</h2>',
          '<h2 id="a">A</h2><div><h3 id="b">B</h3></div><p>x</p>')


def agrees_with(material_sections: Callable[[str], Sequence[Any]]) -> bool:
    """Whether Material's parser (``material_sections``: HTML in, its Section objects out) still makes the
    sections this module does of the :data:`PROBES`: a Material release that changed its parser would not."""
    for probe in PROBES:
        try:
            theirs = [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in material_sections(probe)]
        except Exception:  # a parser that changed enough to fail is one this module does not reproduce
            return False
        ours = page_sections(probe)
        if ours is None or theirs != [(s.tag, s.attrs, s.depth, s.id, s.title, s.text) for s in ours]:
            return False
    return True
