"""The search index of the fast sectioning (render.search_sections) is Material's, byte for byte.

Three levels: real sites (the sample guide, and a small one full of tricky Markdown) built once with the fast
sectioning and once with Material's own indexing give the same search/search_index.json; tricky HTML gives the
same sections as Material's ``Parser``, by hand and at random; HTML the fast reading cannot promise to read as
``HTMLParser`` does is left to Material's parser, and the adapter makes the same entries either way.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser, SearchIndex, SearchPlugin  # type: ignore[import-untyped]
from mkdocs.commands.build import build
from mkdocs.config import load_config

import mkdocs_pathways.plugin as adapter
import mkdocs_pathways.render.pages as render_pages
from mkdocs_pathways.render.search_sections import PROBES, SearchSection, agrees_with, page_sections

from conftest import REPO
from sitekit import lesson_text, pathway_text, write_site

Row = tuple[str, dict[str, Any], float, Any, list[str], list[str]]


def material_parse(html: str) -> list[Any]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return list(parser.data)


def material_rows(html: str) -> list[Row]:
    """Material's sections of ``html``: heading tag, its attributes, depth, id, title parts, text parts."""
    return [(s.el.tag, dict(s.el.attrs), s.depth, s.id, list(s.title), list(s.text)) for s in material_parse(html)]


def fast_rows(sections: list[SearchSection]) -> list[Row]:
    return [(s.tag, dict(s.attrs), s.depth, s.id, list(s.title), list(s.text)) for s in sections]


# --- tricky HTML, section for section ---------------------------------------------------------------------

SNIPPETS = {
    "an excluded div hides every div, and the first to close ends that":
        '<p>a</p><div data-search-exclude><div>in</div>after inner<p>p</p></div><div>next</div>tail',
    "an excluded div inside an excluded div":
        '<div data-search-exclude><div data-search-exclude>x</div>y</div>z<div>w</div>',
    "an excluded span hides the text of other spans":
        '<p><span data-search-exclude="">a</span> <span>b</span></p><span><span data-search-exclude>c</span>d</span>e',
    "an excluded heading": '<h2 id="a" data-search-exclude>A <em>a</em></h2><p>x</p><h2 id="b">B</h2><p>y</p>',
    "a heading in an admonition": '<div class="admonition note"><p class="admonition-title">Note</p>'
                                  '<h3 id="in">In</h3><p>x</p></div><p>after</p>',
    "a heading in details": '<details class="note"><summary>S</summary><h4 id="d">D</h4><p>t</p></details>'
                            '<p>out</p><h2 id="n">N</h2><p>n</p>',
    "headings nested at several depths": '<div><div><h2 id="a">A</h2><p>1</p></div><h3 id="b">B</h3>'
                                         '<p>2</p></div><p>3</p><section><h2 id="c">C</h2></section>4',
    "code and pre keep their whitespace": '<pre><code>a  b\n\n  c\n</code></pre><p>x   y\n z</p>'
                                          '<p>  \n </p><code> </code><p><code>a\n b</code></p>',
    "whitespace-only text in pre": '<pre><span>a</span> <span>b</span>\n\n<span>c</span>  </pre> \n <p>d</p>',
    "permalinks are left out of titles": '<h1 id="t">Title<a class="headerlink" href="#t" title="Permanent link">'
                                         '&para;</a></h1><h2 id="s">Sub <a class="headerlink" href="#s">¶</a> '
                                         'tail</h2><p>x</p>',
    "a permalink class must be exactly headerlink": '<h2 id="s">S<a class="headerlink x" href="#s">¶</a></h2>',
    "entities in text": '<p>a &amp; b &lt;c&gt; &#39;d&#39; &quot;e&quot; &nbsp;f &copy g &#1; h &#x27;</p>'
                        '<p>&amp;lt; &#38;#60;</p>',
    "entities in attributes": '<h2 id="a&amp;b" title="&lt;&#39;&quot;&#x41;">X</h2><p>y</p>',
    "script and style are raw text": '<p>a</p><script type="x">if (a < b && c > d) { x = "<p>"; }</script>'
                                     '<style>p > a {}</style><scripts>s</scripts><Style-x>t</Style-x><p>b</p>',
    "object is skipped": '<object data="x"><p>inside</p></object><p>out</p>',
    "comments split text": '<p>a<!-- c -->b</p><!-- multi\nline --><p><!---->c</p>',
    "doctype and processing instructions": '<!DOCTYPE html><?xml version="1.0"?><p>t</p>',
    "void and self-closing tags": '<p>a<br>b<br/>c<img src="x" alt="y"/><hr>d</p><div/>e<span/>f<p/>g'
                                  '</br><input type=checkbox checked>',
    "empty kept tags are removed": '<p></p><p> </p><ul><li></li><li> </li></ul><p><code></code></p>'
                                   '<sub></sub><sup>1</sup><ol>\n</ol>',
    "emptiness is judged from the first opening tag": '<p>x</p><p></p><p> </p>',
    "text before the first heading": 'Loose text\n<p>para</p><h1 id="h">H</h1><p>after</p>',
    "an h2 before any h1": '<h2 id="a">A</h2><p>x</p><h1 id="b">B</h1><p>y</p>',
    "an h1 first has no id": '<h1 id="a">A</h1><p>x</p><h2 id="b">B</h2>',
    "headings without an id": '<h2 id="a">A</h2><h3>no id</h3><p>x</p><h2>also <code>no</code> id</h2><p>y</p>',
    "headings with an empty or no id value": '<p>x</p><h2 id="">E</h2><p>1</p><h3 id>N</h3><p>2</p>',
    "tables": '<table><thead><tr><th>H1</th><th>H2</th></tr></thead><tbody><tr><td>a</td><td><code>b</code>'
              '</td></tr></tbody></table>',
    "line numbers (linenodiv)": '<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv">'
                                '<pre>1\n2</pre></div></td><td class="code"><pre><code>a\nb</code></pre></td></tr>'
                                '</table><div>after</div>',
    "end tags that close no innermost element are ignored": '<p>a<span>b</p>c</span>d</p><li>e</ul>f</li>',
    "uppercase tags and attribute names": '<P CLASS="x">a</P><H2 ID="Up">Up</H2><DIV DATA-SEARCH-EXCLUDE>x</DIV>y',
    "attribute syntax": '<p a b=c d = "e" f=\'g\' h="" i=j/>x</p><a href=x/>y</a><p class="a"id="b">z</p>'
                        '<h2 id="q"id="r" \n class="k">dup</h2>',
    "attributes right after a quoted value": '<p a="b"c=\'d\'e>y</p><p a b="c"d>z</p><h2 id=\'i\'class=j>J</h2>',
    "title and textarea": '<svg><title>T &amp; t</title></svg><textarea>t</textarea><p>x</p>',
    "an element named hx": '<p>before</p><hx>in hx</hx><p>x</p>',
    "carriage returns and tabs": '<p>a\r\nb\tc</p>\n\n\n<p>d</p>\r\n',
    "non-ASCII text": '<p>Grades 6–7 · ü ✓</p><h2 id="ü">Ü</h2><p>\u00a0</p>',
    "text ending in a reference": '<p>x</p>tail &amp',
    "nothing": "",
    "only text": "just text",
    **{f"probe page {number}": probe for number, probe in enumerate(PROBES, 1)},
}


@pytest.mark.parametrize("html", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_tricky_html_gets_materials_sections(html: str) -> None:
    sections = page_sections(html)
    assert sections is not None, "expected the fast reading to take this HTML"
    assert fast_rows(sections) == material_rows(html)


FALLBACKS = {
    "a < that starts no tag": '<p>a < b</p>',
    "a < at the very end": '<p>a</p><',
    "CDATA": '<p><![CDATA[x]]></p>',
    "an unterminated comment": '<p>a</p><!-- never closed',
    "a comment holding --": '<!-- a -- b -->',
    "an abrupt comment": '<!-->x',
    "an unterminated tag": '<p class="x',
    "a doubled =": '<p a==b>x</p>',
    "a quote in an unquoted value": '<p a=b"c>x</p>',
    "an attribute name starting with =": '<p a="b"=c>x</p>',
    "space after <": '< p>x</p>',
    "an end tag with attributes": '<p>x</p foo>',
    "a Unicode space in a tag": '<p\xa0class="x">y</p>',
    "a vertical tab in a tag": '<p\x0bclass="x">y</p>',
    "a bare & in an attribute value": '<a href="?a=1&b=2">x</a>',
    "an unknown reference in an attribute value": '<a title="&notit;">x</a>',
    "a reference without ; in an attribute value": '<a title="&copy 2026">x</a>',
    "a self-closing script": '<script/><p>x</p>',
    "a script holding </": '<script>a = "</p>";</script>',
    "a script holding <!--": '<script><!-- x --></script>',
    "an unclosed script": '<p>a</p><script>x',
    "a script closed in uppercase": '<script>x</SCRIPT>',
    "markup in a title": '<title>a<b>c</b></title>',
    "a reference in an iframe": '<iframe>a &amp; b</iframe>',
    "plaintext": '<plaintext>x',
    "a bogus comment": '<!x>',
    "a tag name with other characters": '<a_b>x</a_b>',
}


@pytest.mark.parametrize("html", FALLBACKS.values(), ids=FALLBACKS.keys())
def test_html_it_cannot_promise_is_left_to_material(html: str) -> None:
    assert page_sections(html) is None
    material_rows(html)  # which reads it


def test_a_kept_tag_closed_without_its_opening_fails_in_material_and_is_left_to_it() -> None:
    html = '<div data-search-exclude><p><div></div>x</p></div>'
    with pytest.raises(ValueError):
        material_rows(html)
    assert page_sections(html) is None


# --- random HTML --------------------------------------------------------------------------------------------

SCALE = max(1, int(os.environ.get("FUZZ_EXAMPLES", "1")))
_NAMES = ["p", "div", "span", "a", "h1", "h2", "h3", "pre", "code", "li", "ul", "sub", "sup", "td", "object", "em",
          "hx", "P", "H2", "details"]
_ATTRIBUTES = ["", "", "", ' id="x"', ' id="y"', " id=z", " id", ' class="headerlink"', " class=headerlink",
               ' class="linenodiv"', " data-search-exclude", ' title="a &amp; b"', ' ID="Q"', ' id="x"class="q"',
               ' a = "b"', " a=b/", " \n"]
_TEXTS = ["", " ", "  ", "\n", " \n ", "text", "a b", "a\nb", "&amp;", "&lt;x&gt;", "&#39;", "&#1;", "&nbsp;",
          "x > y", "&", "\t", "\xa0", "ü"]
_OTHERS = ["<br>", "<br/>", "<img src=x>", "<!-- c -->", "<script>a<b</script>", "<style>p{}</style>",
           "<title>t</title>", "<!DOCTYPE html>", "a < b", "<![CDATA[x]]>"]
_FRAGMENT = st.one_of(
    st.builds(lambda name, attrs, slash: f"<{name}{attrs}{slash}>", st.sampled_from(_NAMES),
              st.sampled_from(_ATTRIBUTES), st.sampled_from(["", "", "/", " /"])),
    st.sampled_from(_NAMES).map(lambda name: f"</{name}>"),
    st.sampled_from(_TEXTS),
    st.sampled_from(_OTHERS),
)


@given(st.lists(_FRAGMENT, max_size=40).map("".join))
@settings(max_examples=400 * SCALE, database=None, deadline=None)
def test_random_html_gets_materials_sections_or_is_left_to_it(html: str) -> None:
    sections = page_sections(html)
    if sections is not None:
        assert fast_rows(sections) == material_rows(html)


# --- the adapter: Material's entries, from either reading ---------------------------------------------------

TOC = [SimpleNamespace(id="first", url="#first", children=[SimpleNamespace(id="inner", url="#inner", children=[])])]
METAS: list[dict[str, Any]] = [{}, {"search": {"exclude": True}}, {"title": "From front matter"},
                               {"tags": ["a", 1, None, ["x"]], "search": {"boost": 2}}]


def _page(html: str, meta: dict[str, Any]) -> SimpleNamespace:
    return SimpleNamespace(content=html, meta=meta, toc=TOC, url="page/", title="Page title")


def _config(**plugins: Any) -> Any:
    """What the adapter reads of MkDocs' configuration: the plugins."""
    return SimpleNamespace(plugins=plugins)


def _fast_index() -> Any:
    index = SearchIndex()
    adapter._index_search_faster(_config(search=SimpleNamespace(search_index=index)))
    return index


@pytest.mark.parametrize("html", [*SNIPPETS.values(), *FALLBACKS.values()], ids=[*SNIPPETS, *FALLBACKS])
def test_the_adapter_makes_materials_entries(html: str) -> None:
    fast, material = _fast_index(), SearchIndex()
    assert "add_entry_from_context" in vars(fast), "the fast reading was not wired"
    for meta in METAS:
        fast.add_entry_from_context(_page(html, meta))
        material.add_entry_from_context(_page(html, meta))
    assert fast.entries == material.entries


def test_the_adapter_fails_as_material_does() -> None:
    html = '<div data-search-exclude><p><div></div>x</p></div>'
    with pytest.raises(ValueError):
        _fast_index().add_entry_from_context(_page(html, {}))


def test_the_adapter_wires_only_materials_own_index_once() -> None:
    class OtherIndex(SearchIndex):  # type: ignore[misc]
        pass

    other, index, not_an_index = OtherIndex(), SearchIndex(), SimpleNamespace(search_index=object())
    config = _config(a=SimpleNamespace(search_index=other), b=not_an_index, c=SimpleNamespace(search_index=index),
                     d=object())
    adapter._index_search_faster(config)
    assert "add_entry_from_context" not in vars(other)
    wired = vars(index)["add_entry_from_context"]
    adapter._index_search_faster(config)
    assert vars(index)["add_entry_from_context"] is wired


def test_the_adapter_leaves_a_changed_material_parser_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Material release whose parser sections differently (here: one that no longer keeps <code>).
    original = Parser.__init__

    def changed(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.keep.discard("code")

    monkeypatch.setattr(Parser, "__init__", changed)
    assert not agrees_with(material_parse)
    assert "add_entry_from_context" not in vars(_fast_index())
    monkeypatch.undo()
    assert agrees_with(material_parse)
    assert not agrees_with(lambda html: 1 / 0)  # type: ignore[arg-type,return-value]


# --- real sites ---------------------------------------------------------------------------------------------

def _build(config_file: Path, site_dir: Path, monkeypatch: pytest.MonkeyPatch, *,
           fast: bool) -> tuple[bytes, Counter[str]]:
    """One build's search index, with the fast sectioning or with Material's own indexing, and how many pages
    each reading took."""
    counts: Counter[str] = Counter()
    with monkeypatch.context() as patch:
        if fast:
            def counted(html: str) -> list[SearchSection] | None:
                sections = page_sections(html)
                counts["fast" if sections is not None else "left to Material"] += 1
                return sections
            patch.setattr(adapter, "page_sections", counted)
            patch.setattr(render_pages, "page_sections", counted)  # the sections found as the pages are made
        else:
            patch.setattr(adapter, "_index_search_faster", lambda config, made=None: None)
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        handlers = [getattr(h, "__func__", None) for h in config.plugins.events["page_context"]]
        # With the fast path, Material's own page_context step is replaced by the one that strips data-search-*
        # attributes only from pages that have them.
        assert (SearchPlugin.on_page_context not in handlers) is fast
    pages = {str(path.relative_to(site_dir)): path.read_bytes() for path in sorted(site_dir.rglob("*.html"))}
    assert pages, "the build wrote no pages"
    _BUILT_PAGES[str(site_dir)] = pages
    return (site_dir / "search" / "search_index.json").read_bytes(), counts


# Every page of each build above, by site folder: the fast path must not change a page either.
_BUILT_PAGES: dict[str, dict[str, bytes]] = {}


def _same_pages(fast: Path, material: Path) -> bool:
    return _BUILT_PAGES[str(fast)] == _BUILT_PAGES[str(material)]


def test_the_sample_guide_has_materials_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, counts = _build(REPO / "mkdocs.yml", tmp_path / "fast", monkeypatch, fast=True)
    material, _ = _build(REPO / "mkdocs.yml", tmp_path / "material", monkeypatch, fast=False)
    assert fast == material
    assert _same_pages(tmp_path / "fast", tmp_path / "material")
    assert counts["fast"] > 50 and counts["left to Material"] == 0, \
        f"{counts}: a sample page the fast reading leaves to Material makes every build slower"


TRICKY = """---
tags: [alpha, 7, beta]
search:
  boost: 2
---
Text before any heading, with &amp; and <b>bold</b> &amp; a &lt; b.

## Second level first

!!! note "An admonition"
    Inside with `code  spaced` and a [link](#second-level-first).

    ### Heading in an admonition

    Nested text.

??? question "Details"
    Hidden in details.

    #### Deep heading

    More.

After the details.

    indented code
      with  spaces

```python
def f():
    return "<tag>"  # comment
```

```python linenums="1"
a = 1
b = 2
```

| a | b |
|---|---|
| 1 | &lt;2&gt; |

<p data-search-exclude="yes">Out of search, and its attribute stripped from the page.</p>

<div data-search-exclude markdown>
Excluded *text*.

<div>nested div</div>

after the nested div
</div>

Shown again.

Term
:   Definition

Footnote[^1].

[^1]: The note.

- item one
- `item two`

1. first
2. second

<p></p>

<sup>1</sup> <sub></sub>

# A late h1

Final &copy; text<br>with a break.
"""

PLAIN = """# Plain page

Just text, ending the document here
"""

LEFT_TO_MATERIAL = """# Raw HTML

<div>x < y, which the fast reading leaves to Material</div>

## After it

More.
"""

EXCLUDED = """---
search:
  exclude: true
---
# Not in search

Secret words.
"""

NO_HEADING = """<p class="first">Only a paragraph, <code>no heading</code>.</p>"""


def test_a_tricky_site_has_materials_search_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = textwrap.dedent("""\
        Some **body** text with `code`.

        ### Steps

        1. One
        2. Two

        !!! tip "Tip"
            A tip.
        """)
    root = write_site(
        tmp_path / "guide", lessons={"alpha": lesson_text("alpha", body=body)},
        pathways={"demo": pathway_text("exploration:\n  - lesson: alpha\n")},
        pages={"index.md": "# Home\n\n<!-- pathways:list -->\n", "tricky.md": TRICKY, "plain.md": PLAIN,
               "raw.md": LEFT_TO_MATERIAL, "excluded.md": EXCLUDED, "no-heading.md": NO_HEADING},
        markdown_extensions=["def_list", "footnotes", "md_in_html", "pymdownx.details", "pymdownx.superfences",
                             "pymdownx.highlight:\n      linenums_style: table"])
    fast, counts = _build(root / "mkdocs.yml", root / "fast", monkeypatch, fast=True)
    material, _ = _build(root / "mkdocs.yml", root / "material", monkeypatch, fast=False)
    assert fast == material
    assert _same_pages(root / "fast", root / "material")  # data-search-exclude stripped from the pages alike
    tricky = (root / "fast" / "tricky" / "index.html").read_text("utf-8")
    assert "Out of search" in tricky and 'data-search-exclude="yes"' not in tricky
    assert counts["fast"] > 5 and counts["left to Material"] == 1, counts
    docs = json.loads(fast)["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert "excluded/" not in locations and {"tricky/", "raw/", "no-heading/", "lessons/alpha/"} <= locations
    assert any("linenodiv" in page.read_text("utf-8") or "linenos" in page.read_text("utf-8")
               for page in (root / "fast" / "tricky").glob("*.html")), "the site no longer has line numbers"



def test_a_dirty_rebuild_has_materials_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `make serve` (`mkdocs serve --dirty`): only the edited page is indexed again, and the plugin merges its
    # entries into the last index; the result holds what a clean build with Material's indexing holds.
    root = write_site(tmp_path / "guide", lessons={"alpha": lesson_text("alpha")},
                      pathways={"demo": pathway_text("exploration:\n  - lesson: alpha\n")},
                      pages={"index.md": "# Home\n\n<!-- pathways:list -->\n", "tricky.md": TRICKY, "plain.md": PLAIN,
                             "raw.md": LEFT_TO_MATERIAL},
                      markdown_extensions=["def_list", "footnotes", "md_in_html", "pymdownx.details",
                                           "pymdownx.superfences"])
    edited = root / "content" / "plain.md"
    indexed: list[str] = []

    def counted(html: str) -> list[SearchSection] | None:
        indexed.append(html)
        return page_sections(html)

    monkeypatch.setattr(adapter, "page_sections", counted)

    def serve_build() -> int:
        indexed.clear()
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return len(indexed)

    startup = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    startup.plugins.on_startup(command="serve", dirty=True)  # the plugins are kept for every rebuild
    try:
        everything = serve_build()
        edited.write_text(PLAIN.replace("Just text", "Edited <em>text</em> &amp; more"), encoding="utf-8")
        later = edited.stat().st_mtime + 5  # newer than its page, whatever the clock's resolution
        os.utime(edited, (later, later))
        assert 0 < serve_build() < everything  # a dirty build: not every page was indexed again
        assert any("Edited <em>text</em>" in html for html in indexed)
    finally:
        startup.plugins.on_shutdown()
    monkeypatch.undo()
    served = json.loads((root / "site" / "search" / "search_index.json").read_bytes())
    material = json.loads(_build(root / "mkdocs.yml", root / "material", monkeypatch, fast=False)[0])
    assert served["config"] == material["config"]
    assert sorted(served["docs"], key=json.dumps) == sorted(material["docs"], key=json.dumps)
    assert any("Edited text &amp; more" in doc["text"] for doc in served["docs"])
