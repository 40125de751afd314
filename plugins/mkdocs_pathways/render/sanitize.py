"""The ``raw_html: strip`` policy: Markdown from outside contributors, without raw HTML or script links.

Lesson bodies and pathway descriptions are Markdown, which may hold raw HTML. A guide that publishes work
from strangers can strip it: tags and comments are removed (with the content of script and style elements),
and Markdown links or images to ``javascript:``, ``data:`` or ``vbscript:`` addresses are disabled. Code
spans and fenced code blocks are left exactly as written, so lessons can still show HTML as an example.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```|~~~)")
_SCRIPT = re.compile(r"<(script|style|iframe|object|embed|template)\b.*?(</\1\s*>|\Z)", re.I | re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>|<!--.*?(?:-->|\Z)|<![A-Za-z][^>]*>|<\?.*?\?>",
                  re.S)
_UNSAFE_LINK = re.compile(r"(\]\(\s*<?)\s*(?:javascript|data|vbscript)\s*:[^)\s>]*", re.I)
_UNSAFE_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)\s*(?:javascript|data|vbscript)\s*:\S*", re.I | re.M)


def _clean(text: str) -> str:
    parts = re.split(r"(`+[^`]*`+)", text)  # keep inline code spans as they are
    for index in range(0, len(parts), 2):
        part = _SCRIPT.sub("", parts[index])
        part = _TAG.sub("", part)
        part = _UNSAFE_LINK.sub(r"\1#unsafe-link-removed", part)
        parts[index] = _UNSAFE_REFERENCE.sub(r"\1#unsafe-link-removed", part)
    return "".join(parts)


def strip_raw_html(markdown: str) -> str:
    """The Markdown with raw HTML and script links removed, outside code."""
    out: list[str] = []
    prose: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            if not fenced:
                out.append(_clean("".join(prose)))
                prose = []
            fenced = not fenced
            out.append(line)
        elif fenced:
            out.append(line)
        else:
            prose.append(line)
    out.append(_clean("".join(prose)))
    return "".join(out)
