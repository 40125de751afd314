"""Formatting for templates: escaping for Markdown, HTML and CSS, page titles, grades, durations and labels.

Pure functions of their arguments; the environment binds the language-dependent ones to the guide's strings.
:class:`HtmlBlocks` lets templates write the HTML of a Markdown page on indented lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jinja2 import TemplateSyntaxError
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from mkdocs_pathways import vocab
from mkdocs_pathways.interop.terms import script_json
from mkdocs_pathways.model import STEP_KINDS
from mkdocs_pathways.render import holding, i18n
from mkdocs_pathways.render.i18n import Strings

ENGLISH = i18n.strings("en")
# Each language's own name for itself: the same in every interface language.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "vi": "Tiếng Việt", "zh": "中文",
                  "ar": "العربية", "ht": "Kreyòl ayisyen", "pt": "Português", "so": "Soomaali", "ko": "한국어"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")



def kind_labels(strings: Strings = ENGLISH) -> dict[str, str]:
    """The label of each step kind ("Work-based learning"), in the strings' language."""
    return {kind: strings.text(f"kind.{kind}") for kind in STEP_KINDS}


def map_kind_labels(strings: Strings = ENGLISH) -> dict[str, str]:
    """Step kind labels short enough to fit the continuity map's narrowest box ("Work-based")."""
    return {kind: strings.text(f"map_kind.{kind}") for kind in STEP_KINDS}


def level_labels(strings: Strings = ENGLISH) -> dict[str, str]:
    """The label of each competency level ("Introduce")."""
    return {level: strings.text(f"level.{level}") for level in vocab.LEVELS}


def md_text(value: object) -> Markup:
    """Text from content made safe for a Markdown line: HTML-escaped, then Markdown punctuation escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(str(value)))))  # noqa: S704 - escaped on this line


def meta_title(value: str) -> str:
    """A page title for the engine's ``<title>``, navigation and search.

    Themes print page titles without escaping, and Material unescapes them again with ``striptags`` inside
    ``<title>``. So the title is escaped here, and angle brackets, the only characters that could end the
    ``<title>`` element, become look-alike quotation marks. The exact title is shown, escaped, in the page.
    """
    return str(escape(value.replace("<", "‹").replace(">", "›")))


def grade_long(grade: int, strings: Strings = ENGLISH) -> str:
    """'Kindergarten', 'Grade 7' or 'Postsecondary'."""
    if grade == vocab.KINDERGARTEN:
        return strings.text("grade.kindergarten")
    if grade == vocab.POSTSECONDARY:
        return strings.text("grade.postsecondary")
    return strings.text("grade.one", grade=grade)


def grades_phrase(grades: tuple[int, ...], strings: Strings = ENGLISH) -> str:
    """'Grade 7', 'Grades 6–8', 'Postsecondary' or 'Grades 12–PS'."""
    if not grades:
        return strings.text("grade.any")
    if len(grades) == 1:
        return grade_long(grades[0], strings)
    return strings.text("grade.many", span=vocab.grade_span_label(grades))


def css_string(value: str) -> str:
    """A CSS string literal, with every character that could end the string or the ``<style>`` escaped."""
    out = []
    for char in value:
        if char.isalnum() or char in " .,:;!?()-–—'’&/+*#@%":
            out.append(char if char not in "&" else "\\26 ")
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def minutes_label(minutes: int, strings: Strings = ENGLISH) -> str:
    """'45 min', '1 h 30 min' or '2 h'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return strings.text("time.minutes", minutes=rest)
    if rest:
        return strings.text("time.hours_minutes", hours=hours, minutes=rest)
    return strings.text("time.hours", hours=hours)


def inline_code(text: str) -> Markup:
    """Rule text with `backticks` shown as code; everything else escaped."""
    parts = str(text).split("`")
    out = [str(escape(p)) if i % 2 == 0 else f"<code>{escape(p)}</code>" for i, p in enumerate(parts)]
    return Markup("".join(out))  # noqa: S704 - every part is escaped above


def script_markup(data: object) -> Markup:
    """JSON-LD for a ``<script type="application/ld+json">`` element, escaped so it cannot end the element."""
    return Markup(script_json(data))  # noqa: S704 - script_json escapes <, > and &


class HtmlBlocks(Extension):
    """``{% html_block %}`` … ``{% endhtml_block %}``: markup written on indented lines, rendered as one line.

    A Markdown page's raw HTML block must not hold blank or indented lines, which Python-Markdown would read as
    paragraphs or code. Between the two tags, each line break of the template's own text is removed with the
    indentation after it; a line break just before the closing tag stays (``{%- endhtml_block %}`` removes it).
    This happens when the template is compiled, to its text only: values are printed as they are, line breaks
    and all, and error messages keep the template's line numbers. (A filter on the rendered block could not
    tell the template's line breaks from those of a value, such as a rule's example in ``<pre>``.) A space
    that separates two elements or attributes goes on the line where it is needed, or as ``{{ " " }}`` at the
    start of the next line. The rendered block is framed by the marks of :mod:`mkdocs_pathways.render.holding`.
    """

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        return _one_line_blocks(list(stream), stream.name, stream.filename)


_LINE_BREAK = re.compile(r"\n[ \t]*")


def _block_tag(tokens: list[Token], i: int) -> str:
    """'html_block' or 'endhtml_block' when ``tokens[i:i + 3]`` is that tag, else ''."""
    if (i + 2 < len(tokens) and tokens[i].type == "block_begin" and tokens[i + 1].type == "name"
            and tokens[i + 1].value in ("html_block", "endhtml_block") and tokens[i + 2].type == "block_end"):
        return str(tokens[i + 1].value)
    return ""


def _one_line_blocks(tokens: list[Token], name: str | None, filename: str | None) -> Iterator[Token]:
    opened = 0  # the line of the open html_block tag; 0 outside one
    line_start = True  # the next token starts a line of the template
    i = 0
    while i < len(tokens):
        token, tag = tokens[i], _block_tag(tokens, i)
        if tag:
            if (tag == "html_block") == bool(opened):
                raise TemplateSyntaxError(f"unexpected '{tag}'", token.lineno, name, filename)
            opened = token.lineno if tag == "html_block" else 0
            # Marks for render.holding, which sets the block aside while the engine converts the page.
            yield Token(token.lineno, "data", holding.OPEN if opened else holding.CLOSE)
            line_start = str(tokens[i + 2].value).endswith("\n")
            i += 3
            continue
        if opened and token.type == "data":
            text = token.value.lstrip(" \t") if line_start else token.value
            last = "\n" if text.endswith("\n") and _block_tag(tokens, i + 1) == "endhtml_block" else ""
            text = _LINE_BREAK.sub("", text) + last
            if text:
                yield Token(token.lineno, "data", text)
        else:
            yield token
        line_start = str(token.value).endswith("\n")
        i += 1
    if opened:
        raise TemplateSyntaxError("'html_block' is not closed", opened, name, filename)
