"""Hostile content: `pathways check` must survive any file, within time and memory, and explain what it found.

Each folder under ``cases/hostile`` is a small content tree (``lessons/``, ``pathways/``, sometimes a
``mkdocs.yml``) and ``expected.txt``, the exact standard output of ``pathways check --root <case>``. The check
runs as a subprocess with a 20 second timeout and a 1 GiB address-space limit, and must exit with status 1
(0 for the few cases listed in ``VALID``), print no traceback, and print only ``path:line:col:
severity[CODE]: message`` lines, each followed by its ``  hint:`` line. Rewrite the expected files with
``pytest --update-goldens`` and review the difference.

A case may hold ``materialize.json`` (file path → text): files that cannot be committed portably, such as two
names that differ only in case, or a backslash in a name. They are written into a copy of the case at test
time, and the case is skipped where the file system cannot hold them. Every case runs on such a copy, so a
run never writes into the repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CASES, check_golden

try:
    import resource
except ImportError:  # pragma: no cover - Windows has no rlimits; the timeout still applies
    resource = None  # type: ignore[assignment]

HOSTILE = CASES / "hostile"
HOSTILE_CASES = sorted(p for p in HOSTILE.iterdir() if p.is_dir()) if HOSTILE.is_dir() else []
TIMEOUT = 20  # seconds, for the whole subprocess
MEMORY = 1024**3  # bytes of address space
HEAD = re.compile(r"^[^:]+:\d+:\d+: (error|warning)\[PW\d{3}\]: ")

# Cases whose content is really valid (or holds only warnings): the check exits 0.
VALID = {
    "bom-utf8-valid": "a UTF-8 byte order mark, as Windows editors write it, is harmless and ignored",
    "bom-crlf-valid": "a byte order mark and Windows line endings together",
    "cr-line-endings-valid": "old Mac line endings (CR only) are line endings for YAML too",
    "front-matter-closed-with-dots-valid": "'...' ends the front matter as well as '---' does",
}

# Known bugs: a crash, a hang, content accepted that should not be, or output that breaks the one-line format.
# They are strict xfails, so the suite passes today and fails (XPASS) once a fix lands, as a reminder to drop
# the entry and run --update-goldens. Their expected.txt holds today's (wrong) output and is not compared.
KNOWN_BUGS: dict[str, str] = {}  # all twelve found while writing this corpus are fixed; see the git history

# A broken mkdocs.yml is not content: `pathways check` says what is wrong with the settings, where, on stderr,
# and exits 2 (a usage error) instead of 1.
SETTINGS_ERRORS = {
    "mkdocs-yml-alias-bomb": "pathways: mkdocs.yml:2:9: the site settings cannot be read: YAML aliases",
    "mkdocs-yml-checks-not-a-mapping": "pathways: mkdocs.yml:4:7: pathways option 'checks': write one rule code",
    "mkdocs-yml-syntax-error": "pathways: mkdocs.yml:2:8: the site settings cannot be read:",
}

# Cases that are only safe to run with the memory limit in place.
NEEDS_MEMORY_LIMIT = {"mkdocs-yml-alias-bomb"}

# Cases whose output is well formed but misleading today. Each entry pins the exact lines that carry the problem
# (and, where the fix is plain, text that a helpful output would hold and today's does not), and
# test_hostile_case asserts them on the real output of the check. Once a fix changes those lines the entry
# fails: delete it (or pin the new text if the output is still misleading) and run --update-goldens. Entries for
# findings that have been fixed are deleted; their expected.txt keeps the fixed output.
@dataclass(frozen=True)
class Misleading:
    why: str  # what would mislead a teacher
    shows: tuple[str, ...]  # whole lines printed today that carry the problem
    lacks: tuple[str, ...] = ()  # text a helpful output would hold, absent today


CHOOSE_HINT = "  hint: use lowercase letters, digits and single hyphens, for example "
RENAME_HINT = "  hint: rename it to "
GRADES_5000 = "9" * 5000
MISLEADING: dict[str, Misleading] = {
    "wrong-type-lesson-nested-fields": Misleading(
        "a competency id of the wrong type (7) also gets PW110 \"unknown competency 'None'\": 'None' is nowhere in "
        "the file",
        ("lessons/alpha.md:18:17: error[PW110]: unknown competency 'None'",)),
    "wrong-type-lesson-required-fields": Misleading(
        "license: 4.0 gets PW104 and also PW202 'has no licence', as if the line were missing",
        ("lessons/alpha.md:2:1: warning[PW202]: lesson 'alpha' has no licence",
         "lessons/alpha.md:12:10: error[PW104]: 'license' should be an SPDX licence id, but it is a number (4.0)")),
    "wrong-type-pathway-nested-fields": Misleading(
        "a choose step whose only option is malformed (already PW104 at 33:17) also gets PW310 'offers 0 options', "
        "placed at 25:7 on step 2 rather than on the choose step at line 31; PW113 quotes the description of a "
        "number as if it were the value",
        ("pathways/demo.yml:25:7: error[PW310]: 'Pick again' asks students to choose 1 but offers 0 options",
         "pathways/demo.yml:40:19: error[PW113]: 'occupation' in step 7 of stage 'preparation' is 'a number "
         "(151232)', which is not an O*NET-SOC code like 29-1141.00")),
    "wrong-type-occupation-and-standard-fields": Misleading(
        "PW113 quotes the description of a number as if it were the value: \"'code' in occupation 2 is 'a number "
        "(29)'\"",
        ("pathways/demo.yml:8:11: error[PW113]: 'code' in occupation 2 is 'a number (29)', which is not an "
         "O*NET-SOC code like 29-1141.00",)),
    "huge-integer-5000-digits": Misleading(
        "a 5,000-digit number is called 'text' (Python will not convert it) where 4,000 digits is 'outside the "
        "allowed range' (case huge-integer-4000-digits); the PW112 message repeats all 5,000 digits",
        (f"lessons/alpha.md:5:9: error[PW112]: 'grades' cannot be read as grades: '{GRADES_5000}' is not a grade "
         "(K, 1-12 or PS)",
         "lessons/alpha.md:9:14: error[PW104]: 'minutes' in session 1 should be a whole number, but it is text "
         f"('{'9' * 39}…')"),
        ("outside the allowed range",)),
    "tab-indent-lesson-list-item": Misleading(
        "a tab before '- ' gets the generic 'found character that cannot start any token', not the tab message "
        "and hint that a tab before a field gets (case tab-indent-lesson-field)",
        ("lessons/alpha.md:16:1: error[PW004]: the YAML cannot be read: found character that cannot start any "
         "token",),
        ("a tab character is used",)),
    "latin1-after-utf8-on-same-line": Misleading(
        "PW001's column counts bytes, not characters: one column too far for each accented letter earlier on "
        "the line (2:16 where the byte is at 2:15)",
        ("pathways/demo.yml:2:16: error[PW001]: the file is not UTF-8 text (byte 0xe8 cannot be read)",)),
    "nul-byte-in-lesson-body": Misleading(
        "PW001 for a NUL byte always gives column 1 (the byte is at 23:5)",
        ("lessons/alpha.md:23:1: error[PW001]: the file contains NUL bytes, so it is not text",)),
    "utf16-pathway-without-bom": Misleading(
        "a UTF-16 text file is called 'a binary file'; the hint does not mention UTF-16",
        ("pathways/demo.yml:1:1: error[PW001]: the file contains NUL bytes, so it is not text",
         "  hint: this looks like a binary file; replace it with the text file it should be."),
        ("UTF-16",)),
    "line-separators-shift-lines": Misleading(
        "U+2028 and U+0085 are line breaks for YAML but not for editors: the error is reported two lines below "
        "the line that holds the character (4 and 3), on a line that is fine, as 'a line is missing its ':''",
        ("lessons/alpha.md:6:1: error[PW004]: a line is missing its ':' or is indented wrongly",
         "pathways/demo.yml:5:1: error[PW004]: a line is missing its ':' or is indented wrongly")),
    "truncated-pathway-in-flow-mapping": Misleading(
        "the error is placed on line 24 of a 23-line file, with the generic message, where a truncated quote gets "
        "'the file ends in the middle of a value' (case truncated-pathway-in-quoted-text)",
        ("pathways/demo.yml:24:1: error[PW004]: the YAML cannot be read: did not find expected ',' or '}'",),
        ("the file ends in the middle of a value",)),
    "multi-document-after-end-marker": Misleading(
        "text after '...' gives libyaml's 'did not find expected <document start>' rather than the "
        "more-than-one-document message (case multi-document-pathway)",
        ("pathways/demo.yml:12:1: error[PW004]: the YAML cannot be read: did not find expected <document start>",),
        ("more than one YAML document",)),
    "very-long-key": Misleading(
        "a key longer than 1,024 characters gives 'a line is missing its ':'' on a line that has one",
        ("pathways/demo.yml:11:2001: error[PW004]: a line is missing its ':' or is indented wrongly",)),
    "id-cyrillic-lookalike": Misleading(
        "the PW012 and PW106 hints drop the look-alike letter ('lpha.md', 'cme') without saying which character "
        "is wrong",
        (RENAME_HINT + "'lpha.md': lowercase letters, digits and hyphens only.", CHOOSE_HINT + "'cme'.")),
    "id-fullwidth-characters": Misleading(
        "the PW012 and PW106 hints suggest the name 'step', unrelated to the full-width 'ａｌｐｈａ'",
        (RENAME_HINT + "'step.md': lowercase letters, digits and hyphens only.", CHOOSE_HINT + "'step'.")),
    "case-only-duplicate-names": Misleading(
        "the hint says to rename Alpha.md to alpha.md, which already exists",
        ("lessons/Alpha.md:1:1: error[PW012]: the file name 'Alpha.md' cannot be an id",
         RENAME_HINT + "'alpha.md': lowercase letters, digits and hyphens only.")),
    "translation-hostile": Misleading(
        "PW205 (session count) points at line 2, not at the sessions line (line 4 of alpha.pt.md)",
        ("lessons/alpha.pt.md:2:1: warning[PW205]: the translation lists 2 session titles but lesson 'alpha' has "
         "1 session",)),
}


def assert_still_misleading(name: str, out: str) -> None:
    """The case still prints its pinned misleading lines, and still lacks the text a fix would bring."""
    entry = MISLEADING[name]
    lines = out.split("\n")
    gone = [line[:300] for line in entry.shows if line not in lines]
    arrived = [text for text in entry.lacks if text in out]
    assert not gone and not arrived, (
        f"{name}: the misleading output has changed ({entry.why}). If it is fixed, delete its MISLEADING entry and "
        f"run --update-goldens; if it still misleads, pin the new text. No longer printed: {gone}; now printed: "
        f"{arrived}")


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_check(root: Path, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[bytes]:
    """`pathways check --root ROOT` in a fresh interpreter, with a time and a memory limit."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check", "--root", str(root)],
                          capture_output=True, timeout=timeout, check=False, env=env, cwd=root,
                          preexec_fn=_limit_memory if resource is not None else None)


def materialize(case: Path, tmp_path: Path) -> Path:
    """A copy of the case to run on, with the files of its materialize.json written in."""
    root = tmp_path / case.name
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected.txt", "materialize.json"))
    manifest = case / "materialize.json"
    if manifest.exists():
        before = {p.name for folder in ("lessons", "pathways") if (root / folder).is_dir()
                  for p in (root / folder).iterdir()}
        for rel, text in json.loads(manifest.read_text(encoding="utf-8")).items():
            target = root.joinpath(*rel.split("/"))
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("x", encoding="utf-8", newline="") as handle:
                    handle.write(text)
            except OSError as exc:
                pytest.skip(f"this file system cannot hold {rel!r}: {exc}")
            if target.name not in os.listdir(target.parent):
                pytest.skip(f"this file system cannot hold {rel!r} beside the other files")
            before.add(target.name)
        after = {p.name for folder in ("lessons", "pathways") if (root / folder).is_dir()
                 for p in (root / folder).iterdir()}
        if after != before:
            pytest.skip("this file system merged two of the case's file names")
    return root


def decode(data: bytes) -> str:
    return data.decode("utf-8")


def assert_well_formed(out: str) -> None:
    lines = out.split("\n")
    assert lines[-1] == "", "the output must end with a newline"
    expect_hint = False
    for line in lines[:-1]:
        if line.startswith("  hint: "):
            assert expect_hint, f"a hint without a diagnostic: {line!r}"
            expect_hint = False
            continue
        assert HEAD.match(line), f"not a diagnostic line: {line[:300]!r}"
        expect_hint = True


def assert_counts_match(out: str, err: str) -> None:
    """The summary on stderr counts as many problems as stdout shows: no message or hint spans two lines."""
    counted = re.search(r"(\d+) error\(s\) and (\d+) warning\(s\)", err)
    assert counted, err
    shown = [line for line in out.split("\n")[:-1] if not line.startswith("  hint: ")]
    assert len(shown) == int(counted[1]) + int(counted[2]), f"{len(shown)} lines look like diagnostics: {err}"


def _marks(name: str) -> list[pytest.MarkDecorator]:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name])] if name in KNOWN_BUGS else []
    if name in NEEDS_MEMORY_LIMIT and resource is None:
        marks.append(pytest.mark.skip(reason="needs resource.setrlimit to cap memory"))
    return marks


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=_marks(c.name)) for c in HOSTILE_CASES])
def test_hostile_case(case: Path, tmp_path: Path, update_goldens: bool) -> None:
    root = materialize(case, tmp_path)
    result = run_check(root)
    out, err = decode(result.stdout), decode(result.stderr)
    if update_goldens:
        check_golden(case / "expected.txt", out, True)
    assert "Traceback" not in out + err, err
    if case.name in SETTINGS_ERRORS:
        assert (result.returncode, out) == (2, ""), err
        assert err.startswith(SETTINGS_ERRORS[case.name]), err
        return
    assert result.returncode == (0 if case.name in VALID else 1), err
    if out:
        assert_well_formed(out)
        assert_counts_match(out, err)
    if case.name in MISLEADING:
        assert_still_misleading(case.name, out)
    if case.name not in KNOWN_BUGS:  # their expected output is today's wrong one: a fix must XPASS, not fail here
        check_golden(case / "expected.txt", out, update_goldens)


def test_corpus_has_at_least_40_cases() -> None:
    assert len(HOSTILE_CASES) >= 40, [c.name for c in HOSTILE_CASES]


def test_the_case_lists_name_real_cases() -> None:
    names = {c.name for c in HOSTILE_CASES}
    for table in (VALID, KNOWN_BUGS, MISLEADING, NEEDS_MEMORY_LIMIT, SETTINGS_ERRORS):
        assert set(table) <= names, set(table) - names
    assert not set(VALID) & set(KNOWN_BUGS)


def test_a_changed_misleading_output_fails_its_entry() -> None:
    # The pinned lines are compared whole, so a fixed column or message no longer matches ...
    with pytest.raises(AssertionError, match="delete its MISLEADING entry"):
        assert_still_misleading("nul-byte-in-lesson-body",
                                "lessons/alpha.md:23:5: error[PW001]: the file contains NUL bytes, so it is not text\n")
    # ... and the text a fix would bring fails the entry even while the old lines are still printed.
    shown = "\n".join(MISLEADING["utf16-pathway-without-bom"].shows) + "\n"
    assert_still_misleading("utf16-pathway-without-bom", shown)
    with pytest.raises(AssertionError, match="now printed: \\['UTF-16'\\]"):
        assert_still_misleading("utf16-pathway-without-bom", shown.replace("binary file", "UTF-16 file"))


def _lines(case: str, rel: str) -> list[str]:
    """The lines of a case file as an editor numbers them: only LF ends a line."""
    return (HOSTILE / case / rel).read_bytes().decode("utf-8", errors="replace").split("\n")


def test_the_misleading_entries_describe_their_fixtures() -> None:
    """What the MISLEADING entries say about their files, checked here rather than taken on trust."""
    # The undecodable byte is the 15th character of line 2; PW001 says column 16.
    assert _lines("latin1-after-utf8-on-same-line", "pathways/demo.yml")[1].index("\ufffd") + 1 == 15
    assert _lines("nul-byte-in-lesson-body", "lessons/alpha.md")[22].index("\0") + 1 == 5
    assert len((HOSTILE / "truncated-pathway-in-flow-mapping" / "pathways" / "demo.yml").read_text(
        encoding="utf-8").splitlines()) == 23
    assert _lines("translation-hostile", "lessons/alpha.pt.md")[3].startswith("sessions:")
    assert "\u2028" in _lines("line-separators-shift-lines", "lessons/alpha.md")[3]
    assert "\u0085" in _lines("line-separators-shift-lines", "pathways/demo.yml")[2]
    key, colon, _ = _lines("very-long-key", "pathways/demo.yml")[10].partition(": ")
    assert colon and len(key) > 1024
    assert _lines("wrong-type-pathway-nested-fields", "pathways/demo.yml")[30] == "    - choose: 1"
    assert _lines("wrong-type-lesson-nested-fields", "lessons/alpha.md")[17] == "  - competency: 7"
    assert (HOSTILE / "case-only-duplicate-names" / "lessons" / "alpha.md").is_file()
    for rel in ("lessons/beta.MD", "lessons/extra/gamma.md", "pathways/other.YML"):
        assert (HOSTILE / "uppercase-extension-and-subfolder-ignored" / rel).is_file(), rel
    # The sibling cases whose better output the entries point to really print it.
    for case, better in (("huge-integer-4000-digits", "outside the allowed range"),
                         ("tab-indent-lesson-field", "a tab character is used"),
                         ("truncated-pathway-in-quoted-text", "the file ends in the middle of a value"),
                         ("multi-document-pathway", "more than one YAML document")):
        assert better in (HOSTILE / case / "expected.txt").read_text(encoding="utf-8"), case


def test_valid_cases_print_nothing() -> None:
    for name in VALID:
        assert (HOSTILE / name / "expected.txt").read_text(encoding="utf-8") == "", name


def test_no_fixture_is_larger_than_200_kb() -> None:
    big = [str(p.relative_to(HOSTILE)) for p in HOSTILE.rglob("*") if p.is_file() and p.stat().st_size > 200_000]
    assert not big, big


MINIMAL_PATHWAY = """id: demo
title: Test pathway
summary: A pathway used by the tests.
cluster: digital-technology
stages:
  exploration:
    - milestone: Career plan
      grades: 7
"""


def test_a_20_mb_lesson_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "pathways").mkdir()
    (tmp_path / "pathways" / "demo.yml").write_text(MINIMAL_PATHWAY, encoding="utf-8")
    size = 20 * 1024 * 1024
    with (tmp_path / "lessons" / "alpha.md").open("wb") as handle:
        handle.write(b"---\nid: alpha\ntitle: Alpha\n---\n")
        chunk = b"A pasted image, as text. " * 4096
        while handle.tell() < size:
            handle.write(chunk[: size - handle.tell()])
    started = time.monotonic()
    result = run_check(tmp_path)
    elapsed = time.monotonic() - started
    out, err = decode(result.stdout), decode(result.stderr)
    assert result.returncode == 1, err
    assert out == (f"lessons/alpha.md:1:1: error[PW003]: the file is {size:,} bytes; the limit is 1,000,000\n"
                   "  hint: move images and large handouts into separate files and link to them.\n")
    assert elapsed < 5, f"took {elapsed:.1f} s"


DEEP = 10_000
NESTINGS = {  # the nested text, and the line it starts on
    "flow-sequence": ("description: " + "[" * DEEP + "]" * DEEP + "\n", 9),
    "flow-mapping": ("description: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n", 9),
    "block-sequence": ("description:\n" + "- " * DEEP + "deep\n", 10),
}


@pytest.mark.parametrize("style", [
    "flow-sequence",
    "flow-mapping",
    "block-sequence",
])
def test_10000_levels_of_nesting_are_refused_quickly(tmp_path: Path, style: str) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "pathways").mkdir()
    (tmp_path / "pathways" / "demo.yml").write_text(MINIMAL_PATHWAY + NESTINGS[style][0], encoding="utf-8")
    started = time.monotonic()
    result = run_check(tmp_path)
    elapsed = time.monotonic() - started
    out, err = decode(result.stdout), decode(result.stderr)
    assert "Traceback" not in out + err, err
    assert result.returncode == 1, err
    assert_well_formed(out)
    heads = [line for line in out.splitlines() if not line.startswith("  hint: ")]
    assert len(heads) == 1, out
    line = NESTINGS[style][1]
    assert re.match(rf"pathways/demo\.yml:{line}:\d+: error\[PW010\]: the content is nested ", heads[0]), heads[0]
    assert elapsed < 5, f"took {elapsed:.1f} s"
