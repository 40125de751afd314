"""Small helpers for messages written for teachers: close matches, slugs and short descriptions of values."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from typing import Any


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """``"did you mean 'x'? "`` for the closest choice, or an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'? " if match else ""


def slugify(text: str) -> str:
    """A slug made from a title: 'Job Shadow: Clinic' becomes 'job-shadow-clinic'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "step"


def describe(value: Any) -> str:
    """What a value is, in words a teacher would use."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"a yes/no value ({'true' if value else 'false'})"
    if isinstance(value, (int, float)):
        return f"a number ({short(value)})"
    if isinstance(value, str):
        return f"text ('{short(value)}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "a value"


def short(value: Any, limit: int = 40) -> str:
    """A value as text, cut to ``limit`` characters for a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
