"""The comparison as Markdown for a pull-request comment, with everything from the pull request made inert.

Titles can hold Markdown, HTML, ``@mentions`` or newlines, and file names from git can hold any bytes, so every
title, revision name and file name is escaped or put in a code span before it goes into the comment.
"""

from __future__ import annotations

import re

from mkdocs_pathways.commands.diff_compare import Broken, Change, GuideDiff

# A title longer than this is cut in the comment: a pull request must not be able to fill it with one line.
MAX_TITLE = 200
# Inserted after "@" so that GitHub does not notify a person or team named in a title (invisible when shown).
MENTION_BREAK = "\u200b"
# Line breaks, other control characters and the bidirectional overrides that can make text read differently.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that start Markdown or HTML markup in GitHub's dialect: emphasis, code, links, images, HTML, entities,
# tables, strikethrough and math. Each is shown as itself once escaped with a backslash.
MARKUP = re.compile(r"([\\`*_\[\]<>#|!~&$])")


def to_markdown(diff: GuideDiff, base: str, head: str) -> str:
    """The summary as Markdown, ready to paste into a review comment.

    Every title, revision name and file name is made inert first (see :func:`inline_text` and
    :func:`code_text`), so a pull request cannot put links, HTML, mentions or new lines into the comment.
    """
    lines = [f"## Changes to the guide ({inline_text(base)} → {inline_text(head)})", ""]
    if diff.empty:
        return "\n".join([*lines, "No pathway or lesson changed.", ""])
    lines += [_counts(diff), ""]
    lines += _section("Pathways", diff.pathways_added, diff.pathways_removed, diff.pathways_changed,
                      diff.pathways_broken, head)
    lines += _section("Lessons", diff.lessons_added, diff.lessons_removed, diff.lessons_changed,
                      diff.lessons_broken, head)
    if diff.findings:
        lines += ["### Files that could not be compared", ""]
        lines += [f"- {code_text(f.path)} (at {inline_text(f.revision)}): {f.problem}" for f in diff.findings]
        lines.append("")
    return "\n".join(lines)


def _counts(diff: GuideDiff) -> str:
    def line(added: list[Change], removed: list[Change], changed: list[Change], broken: list[Broken]) -> str:
        text = f"{len(added)} added, {len(removed)} removed, {len(changed)} changed"
        return text + (f", {len(broken)} broken" if broken else "")

    pathways = line(diff.pathways_added, diff.pathways_removed, diff.pathways_changed, diff.pathways_broken)
    lessons = line(diff.lessons_added, diff.lessons_removed, diff.lessons_changed, diff.lessons_broken)
    return f"**Pathways:** {pathways} · **Lessons:** {lessons}"


def _section(heading: str, added: list[Change], removed: list[Change], changed: list[Change],
             broken: list[Broken], head: str) -> list[str]:
    if not (added or removed or changed or broken):
        return []
    lines = [f"### {heading}", ""]
    for label, items in (("Added", added), ("Removed", removed)):
        for change in items:
            summary = f": {'; '.join(inline_text(d) for d in change.details)}" if change.details else ""
            lines.append(f"- {label}: {_name(change.title, change.id)}{summary}")
    for change in changed:
        lines.append(f"- Changed: {_name(change.title, change.id)}")
        lines += [f"  - {inline_text(detail)}" for detail in change.details]
    for item in broken:
        lines.append(f"- Broken: {_name(item.title, item.id)}: {code_text(item.path)} at {inline_text(head)}: "
                     f"{item.reason}")
    lines.append("")
    return lines


def _name(title: str, item_id: str) -> str:
    return f"**{inline_text(title)}** ({code_text(item_id)})"


def inline_text(text: str) -> str:
    """Text from content as inert Markdown for GitHub: one line, no markup, no mentions, no links.

    Control characters (newlines among them) become spaces, so a title cannot start a line of its own. Markup
    characters are escaped with a backslash, which GitHub shows as the character itself. ``@`` is followed by
    an invisible space, so ``@org/team`` notifies no one. ``://`` and ``www.`` are escaped so that an address
    is not turned into a link.
    """
    text = " ".join(CONTROL.sub(" ", _printable(text)).split())
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1] + "…"
    text = MARKUP.sub(r"\\\1", text)
    text = text.replace("@", "@" + MENTION_BREAK)
    text = re.sub(r"#(?=\d)", "#" + MENTION_BREAK, text)  # \#12 would still link issue 12
    text = text.replace("://", "\\://")
    return re.sub(r"(?i)\bwww\.", lambda m: m.group(0)[:-1] + "\\.", text)


def code_text(text: str) -> str:
    """A name (file path, id) as a Markdown code span: shown exactly, never read as markup or a mention.

    Control characters become U+FFFD, visibly, so that a name with a newline cannot break the line. The code
    span's fence is longer than any run of backticks in the name, so the name cannot close it early.
    """
    text = CONTROL.sub("\ufffd", _printable(text))
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _printable(text: str) -> str:
    """Text that can be written as UTF-8: a file name that is not valid UTF-8 gets U+FFFD for its bad bytes."""
    try:
        data = text.encode("utf-8", "surrogateescape")  # the bytes of the name, as the file system gave them
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    return data.decode("utf-8", "replace")
