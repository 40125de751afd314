"""Author Markdown rendered to HTML once, then placed on every page that shows it.

A lesson body appears on its own page, in every booklet that contains it, and in the PDF. Converting its
Markdown once per build (and not again while serving, unless it changed) keeps a large guide fast; each page
then gets the same HTML with its links turned into addresses from that page. Generated pages hold a
placeholder where a fragment goes; the site engine's adapter (or ``pathways export``) puts the HTML there.

Links are resolved before conversion (:mod:`mkdocs_pathways.render.links`) into placeholder addresses of the
form ``pathways:/<path in the site>#anchor``, which this module turns into relative addresses per page.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import markdown as markdown_lib

from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.parallel import map_forked
from mkdocs_pathways.render.sanitize import clean_html

# Markdown to HTML with the site's own extensions.
Converter = Callable[[str], str]
SCHEME = "pathways"
# The address after ``pathways:/``; what must come before it (a space, then ``href="`` or ``src="``) is checked
# by hand, as a pattern that starts with a literal is found by a fast scan and one that starts with ``\s`` is not.
PLACEHOLDER_ADDRESS = re.compile(r'pathways:/([^"#]*)(#[^"]*)?"')
ADDRESS_ATTRIBUTES = ('href="', 'src="')
HEADING_OPEN = re.compile(r"<(/?)h([1-5])\b")
# Patterns that start with a literal (found by a fast scan); the space before the attribute is checked by hand.
ID_ATTR = re.compile(r'id="([^"]+)"')
SELF_LINK = re.compile(r'href="#([^"]+)"')


def placeholder_address(site_path: str, anchor: str = "") -> str:
    """The address a reference gets before conversion: the target's path in the site, and its anchor."""
    return f"{SCHEME}:/{site_path}" + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Fragment:
    """One piece of author Markdown converted to HTML, with its placeholder addresses still in it."""

    html: str
    # Its HTML with ids prefixed and headings demoted, by (prefix, demote): the same in every booklet.
    prepared: dict[tuple[str, bool], str] = field(default_factory=dict, compare=False, repr=False)

    def for_booklet(self, id_prefix: str, demote: bool) -> str:
        """The HTML with each id prefixed by ``id_prefix`` (and links to them), and headings one level down when
        ``demote``; computed once per fragment and prefix."""
        key = (id_prefix, demote)
        if key not in self.prepared:
            html = self.html
            if id_prefix:
                html = _after_space(ID_ATTR, html, lambda m: f'id="{id_prefix}{m.group(1)}"')
                html = _after_space(SELF_LINK, html, lambda m: f'href="#{id_prefix}{m.group(1)}"')
            if demote:
                html = HEADING_OPEN.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
            self.prepared[key] = html
        return self.prepared[key]


def _follows_space(html: str, index: int) -> bool:
    """Whether ``html[index]`` starts an attribute: a space (any whitespace) comes just before it."""
    return index > 0 and html[index - 1].isspace()


def _after_space(pattern: re.Pattern[str], html: str, replace: Callable[[re.Match[str]], str]) -> str:
    """``html`` with each match of ``pattern`` that follows a space (an attribute) replaced."""
    def each(match: re.Match[str]) -> str:
        return replace(match) if _follows_space(html, match.start()) else match.group(0)

    return pattern.sub(each, html)


class FragmentRenderer:
    """Converts author Markdown to HTML, each distinct text once, cleaning it under ``raw_html: strip``."""

    def __init__(self, convert: Converter, strip: bool, cache: dict[str, Fragment] | None = None) -> None:
        self.convert = convert
        self.strip = strip
        # Kept by the caller across rebuilds while serving, so an edit reconverts only the text that changed.
        self.cache = cache if cache is not None else {}

    def fragment(self, markdown: str) -> Fragment:
        """The HTML of ``markdown`` (from the cache when the same text was converted before)."""
        key = self._key(markdown)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = Fragment(self._html(markdown))
        return found

    def convert_ahead(self, texts: Iterable[str]) -> None:
        """Convert the ``texts`` not in the cache yet, shared among forked copies of this process where that is
        safe and worth it (:mod:`.parallel`), so that :meth:`fragment` finds them; otherwise nothing is done
        here and :meth:`fragment` converts each when it is first asked for."""
        todo = {self._key(text): text for text in texts}
        todo = {key: text for key, text in todo.items() if key not in self.cache}
        converted = map_forked(self._html, list(todo.values()))
        for key, html in zip(todo, converted or (), strict=False):
            self.cache[key] = Fragment(html)

    def _key(self, markdown: str) -> str:
        return hashlib.sha256(f"{self.strip}\0{markdown}".encode()).hexdigest()

    def _html(self, markdown: str) -> str:
        html = self.convert(markdown)
        return clean_html(html, frozenset({SCHEME})) if self.strip else html


def place(fragment: Fragment, page_src: str, addresses: Addresses, booklet: Collection[str] = (),
          id_prefix: str = "", demote: bool = False) -> str:
    """The fragment's HTML on the page at ``page_src``.

    Placeholder addresses become relative addresses; a lesson printed in the same booklet (``booklet``) is
    linked by its place in the page. In a booklet each lesson's ids get ``id_prefix`` so that two lessons'
    "Session 1" headings stay distinct, and ``demote`` nests its headings under the lesson's title.
    """
    def address(match: re.Match[str]) -> str:
        start = match.start()
        attribute = next((a for a in ADDRESS_ATTRIBUTES if html.endswith(a, 0, start)), "")
        if not attribute or not _follows_space(html, start - len(attribute)):
            return match.group(0)
        path, anchor = unquote(html_lib.unescape(match.group(1))), (match.group(2) or "")[1:]
        lesson = _lesson_of(path, addresses)
        if lesson and lesson in booklet:  # ids of a lesson in a booklet are prefixed with "lesson-<id>-"
            inside = f"-{anchor}" if anchor else ""
            return f'#lesson-{html_lib.escape(lesson + inside)}"'
        if path.endswith(".md"):
            target = addresses.href(page_src, path, anchor)
        else:
            target = addresses.file_href(page_src, path) + (f"#{anchor}" if anchor else "")
        return f'{html_lib.escape(target)}"'

    # Ids are prefixed before addresses are placed, so that links to other lessons keep their anchors.
    html = fragment.for_booklet(id_prefix, demote) if id_prefix or demote else fragment.html
    return PLACEHOLDER_ADDRESS.sub(address, html) if f"{SCHEME}:/" in html else html


def _lesson_of(path: str, addresses: Addresses) -> str:
    """The lesson id of a lesson page's source path (``lessons/alpha.md``), or an empty string."""
    prefix = f"{addresses.lessons}/"
    if path.startswith(prefix) and path.endswith(".md") and "/" not in path[len(prefix):]:
        return path[len(prefix):-3]
    return ""


def markdown_converter(extensions: Sequence[Any], configs: Mapping[str, Mapping[str, Any]]) -> Converter:
    """A converter with the site's Markdown extensions and their settings (``markdown_extensions``)."""
    md = markdown_lib.Markdown(extensions=list(extensions), extension_configs={k: dict(v) for k, v in configs.items()})

    def convert(text: str) -> str:
        md.reset()
        return str(md.convert(text))

    return convert


HEADING_ID = re.compile(r'(<h[1-6]\b[^>]*\sid=")([^"]+)"')
HEADING = re.compile(r'<h([2-6])\b[^>]*\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")


def headings(html: str) -> list[dict[str, Any]]:
    """The table of contents of a page's HTML: its headings (levels 2–6 with ids), nested by level.

    The tokens have the shape Python-Markdown's ``toc`` extension gives (``level``, ``id``, ``name``,
    ``children``), so the site engine can show them beside the page.
    """
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for match in HEADING.finditer(html):
        text = html_lib.unescape(TAG.sub("", re.sub(r'<a class="headerlink".*?</a>', "", match.group(3)))).strip()
        token = {"level": int(match.group(1)), "id": html_lib.unescape(match.group(2)), "name": text,
                 "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


ID_VALUE = re.compile(r'id="([^"]+)"')


def element_ids(html: str) -> list[str]:
    """Every ``id`` attribute's value in ``html``, in order (for the engine's check of links to anchors).

    The same as matching ``\\sid="..."``, but a pattern that starts with a literal is found by a fast scan; one
    that starts with ``\\s`` is tried at every space of a booklet's half a megabyte.
    """
    return [m.group(1) for m in ID_VALUE.finditer(html) if _follows_space(html, m.start())]


def unique_ids(html: str) -> str:
    """``html`` with each repeated heading id numbered (``materials``, ``materials_1``), as the page's own table
    of contents numbers them: a lesson's "Materials" heading must not share the id of the page's own."""
    seen: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        value = match.group(2)
        count = seen.get(value, 0)
        seen[value] = count + 1
        return match.group(0) if not count else f'{match.group(1)}{value}_{count}"'

    return HEADING_ID.sub(number, html)
