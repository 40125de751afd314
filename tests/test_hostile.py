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

# Cases whose output is well formed but misleading today. Their expected output records what is printed now;
# each entry says what would mislead a teacher, so the corpus documents its own findings.
MISLEADING = {
    "dup-key-top-level": "a lesson with any file or YAML problem is dropped, so each pathway step using it also "
                         "gets PW103 'unknown lesson' although lessons/alpha.md exists (so do most lesson cases)",
    "other-yaml-tags": "beta.md is dropped for its tag, so the pathway says lesson 'beta' is unknown and suggests "
                       "'did you mean 'delta'?'",
    "wrong-type-lesson-nested-fields": "a competency id of the wrong type also gets PW110 \"unknown competency "
                                       "'None'\"",
    "wrong-type-lesson-required-fields": "license: 4.0 gets PW104 and also PW202 'has no licence'",
    "wrong-type-pathway-nested-fields": "a choose step whose only option is malformed also gets PW310 'offers 0 "
                                        "options'",
    "wrong-type-occupation-and-standard-fields": "PW113 quotes the description of a number as if it were the "
                                                 "value: \"'code' in occupation 2 is 'a number (29)'\"",
    "huge-integer-5000-digits": "a 5,000-digit number is called 'text' (Python will not convert it) where 4,000 "
                                "digits is 'outside the allowed range'; the PW112 message repeats all 5,000 digits",
    "very-long-lines": "PW103 repeats the whole 20,000-character lesson id in its message",
    "deep-flow-sequence-10000": "libyaml's own 1,000-level limit fires first: PW004 'the YAML cannot be read' "
                                "with a hint about quotes and colons, not PW010",
    "tab-indent-lesson-list-item": "a tab before '- ' gets the generic 'found character that cannot start any "
                                   "token', not the tab message and hint",
    "latin1-after-utf8-on-same-line": "PW001's column counts bytes, not characters: one column too far for each "
                                      "accented letter earlier on the line (2:16 where the byte is at 2:15)",
    "nul-byte-in-lesson-body": "PW001 for a NUL byte always gives column 1",
    "utf16-pathway-without-bom": "a UTF-16 text file is called 'a binary file'; the hint does not mention UTF-16",
    "line-separators-shift-lines": "U+2028 and U+0085 are line breaks for YAML but not for editors: the error is "
                                   "reported two lines below the line that holds the character, on a line that is "
                                   "fine, as 'a line is missing its ':''",
    "truncated-pathway-in-flow-mapping": "the error is placed on line 24 of a 23-line file, with the generic "
                                         "message, where a truncated quote gets 'the file ends in the middle of a "
                                         "value'",
    "multi-document-after-end-marker": "text after '...' gives libyaml's 'did not find expected <document start>' "
                                       "rather than the more-than-one-document message",
    "very-long-key": "a key longer than 1,024 characters gives 'a line is missing its ':'' on a line that has one",
    "yaml11-octal-and-sexagesimal": "minutes: 045 is silently read as 37 (YAML 1.1 octal), hours: 1:30 as 90, "
                                    "hours: 0x10 as 16; grades: 6:8 is reported as '368 is not a grade'",
    "id-cyrillic-lookalike": "the PW012 and PW106 hints drop the look-alike letter ('lpha.md') without saying "
                             "which character is wrong",
    "id-fullwidth-characters": "the PW012 and PW106 hints suggest the name 'step'",
    "id-zero-width-space": "the message shows the name with an invisible character, so it looks correct",
    "case-only-duplicate-names": "the hint says to rename Alpha.md to alpha.md, which already exists",
    "uppercase-extension-and-subfolder-ignored": "lessons/beta.MD, lessons/extra/gamma.md and pathways/other.YML "
                                                 "are silently ignored; the pathway reports 'unknown lesson'",
    "translation-hostile": "PW205 (session count) points at line 2, not at the sessions line",
    "terminal-escape-in-message": "YAML escapes put raw terminal control sequences (clear screen, colours) into "
                                  "the message",
    "bidi-override-in-id": "a right-to-left override is printed raw, so the id reads backwards",
}


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
    if case.name not in KNOWN_BUGS:  # their expected output is today's wrong one: a fix must XPASS, not fail here
        check_golden(case / "expected.txt", out, update_goldens)


def test_corpus_has_at_least_40_cases() -> None:
    assert len(HOSTILE_CASES) >= 40, [c.name for c in HOSTILE_CASES]


def test_the_case_lists_name_real_cases() -> None:
    names = {c.name for c in HOSTILE_CASES}
    for table in (VALID, KNOWN_BUGS, MISLEADING, NEEDS_MEMORY_LIMIT, SETTINGS_ERRORS):
        assert set(table) <= names, set(table) - names
    assert not set(VALID) & set(KNOWN_BUGS)


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
