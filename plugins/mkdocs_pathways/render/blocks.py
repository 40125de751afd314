"""Markers that authors put in their own pages, such as ``<!-- pathways:list -->``, filled with generated blocks."""

from __future__ import annotations

import re
from collections.abc import Callable

MARKER = re.compile(r"<!--\s*pathways:(list|find-lesson)\s*-->")


def fill_blocks(text: str, block: Callable[[str], str]) -> str:
    """``text`` with each marker replaced by ``block(name)``; text without markers is returned as it is."""
    if "pathways:" not in text:
        return text
    return MARKER.sub(lambda match: block(match.group(1)), text)
