"""The editor and `pathways check` agree: the VS Code task, the schemas, and the real YAML language server.

Writers see problems twice: as wavy underlines from the YAML language server (VS Code's YAML extension), which
reads the JSON Schemas, and from `pathways check`, in the terminal, in pull requests and, through
`.vscode/tasks.json`, in VS Code's Problems panel. These tests keep the two verdicts the same.

The language server tests install `yaml-language-server` from npm into a cache folder outside the repository
(``$PATHWAYS_TOOLS_CACHE`` or ``~/.cache/mkdocs-pathways``) the first time, and start one server for all files.
Without Node they are skipped, except in CI, where that is a failure.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.cli import main
from mkdocs_pathways.config import ConfigError, GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Severity
from mkdocs_pathways.interop.json_schema import SCHEMAS
from mkdocs_pathways.mkdocs_yml import load_settings

from conftest import CASES, REPO

SCHEMA_DIR = REPO / "plugins" / "mkdocs_pathways" / "schemas"
YAML_LANGUAGE_SERVER = "1.25.0"  # the newest release for Node 14+, such as Debian 12's Node 18 (2.x needs Node 22)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Rules whose findings no JSON Schema can express, so the editor is not expected to underline them. Each needs
# another file, the file's name, or a comparison between two values. Documented in CONTRIBUTING ("Editor support").
NOT_IN_THE_SCHEMA = {
    "PW001": "the file is not UTF-8 text: an editor shows it garbled or refuses to open it",
    "PW002": "an empty file: the language server does not validate an empty document",
    "PW003": "the size limit is a setting of the guide",
    "PW005": "anchors and aliases are valid YAML; only the check refuses them",
    "PW010": "nesting depth is not a schema rule (the language server may still underline the wrong types)",
    "PW011": "tags such as !!python/name are valid YAML; only the check refuses them",
    "PW012": "the file name",
    "PW103": "whether a lesson exists depends on the lessons folder",
    "PW107": "the id must equal the file name",
    "PW108": "unique ids across files, or across the items of a list",
    "PW115": "unique step ids across the steps of a pathway",
    "PW116": "whether a partner id is one of the pathway's partners",
    "PW140": "a partner declared with another name or type in the partners file or another pathway",
    "PW141": "whether the partners file declares a partner the pathway names by id alone",
    "PW305": "a loop of builds_on across lessons",
    "PW310": "the number to choose compared with the number of options",
}


# --------------------------------------------------------------------------------------------- the VS Code task


def _tasks() -> list[dict[str, Any]]:
    # tasks.json is kept as plain JSON (no comments, no trailing commas) so that it can be read here.
    return list(json.loads((REPO / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"])


def _js_regexp(source: str) -> re.Pattern[str]:
    """A problem matcher's JavaScript regexp as a Python one.

    The matcher keeps to the syntax both languages share (groups, classes, \\d, \\[, counted repeats); this
    refuses what would differ, such as named groups or lookbehind, rather than translating it.
    """
    assert "(?<" not in source and "(?P" not in source, "keep the problem matcher to plain numbered groups"
    return re.compile(source)


def _broken_guide(root: Path) -> Path:
    (root / "lessons").mkdir(parents=True)
    (root / "pathways").mkdir()
    (root / "lessons" / "broken.md").write_text(
        "---\nid: broken\ntitle: Broken lesson\nsummary: A lesson with mistakes.\ngrades: 7\nstage: exploraton\n"
        "sessions:\n  - title: One\n    minutes: 45\nobjectives: [Do it.]\ncompetencies:\n"
        "  - {competency: strengths, level: introduce}\nmaterials: [Paper]\nassessment: TODO later.\n"
        "license: CC-BY-4.0\n---\n\nBody.\n", encoding="utf-8")
    return root


def test_vscode_task_runs_the_check_and_its_matcher_reads_every_diagnostic(tmp_path: Path) -> None:
    task = next(t for t in _tasks() if t["args"] == ["check"])
    assert task["command"].endswith("/.venv/bin/pathways") and task["group"]["isDefault"] is True
    matcher = task["problemMatcher"]
    assert matcher["fileLocation"] == ["relative", "${workspaceFolder}"]
    pattern = matcher["pattern"]
    regexp = _js_regexp(pattern["regexp"])

    root = _broken_guide(tmp_path / "guide")
    result = subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check"], cwd=root, capture_output=True,
                            text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    found = [m for m in map(regexp.match, lines) if m]
    heads = [line for line in lines if not line.startswith("  hint: ")]
    assert len(found) == len(heads) >= 2, lines  # every diagnostic line, and no hint line, is a problem

    def group(match: re.Match[str], name: str) -> str:
        return match.group(pattern[name])

    by_code = {group(m, "code"): m for m in found}
    stage = by_code["PW109"]
    assert (group(stage, "file"), group(stage, "line"), group(stage, "column")) == ("lessons/broken.md", "6", "8")
    assert group(stage, "severity") == "error"
    assert group(stage, "message") == "unknown stage 'exploraton'"
    todo = by_code["PW201"]
    assert group(todo, "severity") == "warning" and group(todo, "file") == "lessons/broken.md"


def test_strict_task_fails_on_warnings_like_pull_requests() -> None:
    strict = next(t for t in _tasks() if t["args"] == ["check", "--strict"])
    default = next(t for t in _tasks() if t["args"] == ["check"])
    assert strict["problemMatcher"] == default["problemMatcher"]


def test_pre_commit_hooks_run_the_check() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["pathways-check"]["entry"] == "pathways check"
    assert hooks["pathways-check-strict"]["entry"] == "pathways check --strict"
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in hooks.values())


def test_vscode_settings_map_the_shipped_schemas_and_no_unused_tags() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert "yaml.customTags" not in settings  # mkdocs.yml here uses no !!python/name tag
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file(), schema
    assert "!!python" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------------- the schemas


def _guide_with_stages(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text("site_name: T\nplugins:\n  - pathways:\n      stages:\n"
                      "        - {id: discover, title: Discover, grades: 6-8}\n"
                      "        - {id: build, title: Build, grades: 9-12, description: Courses and credentials.}\n",
                      encoding="utf-8")
    return config


def test_stage_keys_and_a_lessons_stage_are_the_guides_stages() -> None:
    stage_map = SCHEMAS["pathway"]()["properties"]["stages"]
    assert list(stage_map["properties"]) == ["awareness", "exploration", "preparation", "launch"]
    assert stage_map["additionalProperties"] is False
    assert SCHEMAS["lesson"]()["properties"]["stage"]["enum"] == list(stage_map["properties"])


def test_schema_command_writes_the_schemas_for_a_guides_own_stages(tmp_path: Path) -> None:
    config = _guide_with_stages(tmp_path / "guide")
    out = tmp_path / "pathway.schema.json"
    assert main(["schema", "pathway", "--config", str(config), "--out", str(out)]) == 0
    stages = json.loads(out.read_text(encoding="utf-8"))["properties"]["stages"]["properties"]
    assert list(stages) == ["discover", "build"]
    assert stages["build"]["description"] == "Courses and credentials."
    assert stages["discover"]["description"] == "Discover"  # the title, when a stage has no description
    assert main(["schema", "lesson", "--config", str(config), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["properties"]["stage"]["enum"] == ["discover", "build"]


def test_a_fields_examples_add_to_its_types() -> None:
    lesson = SCHEMAS["lesson"]()["properties"]
    assert lesson["license"]["examples"][0] == "CC-BY-4.0"  # the field's own example first
    assert {"CC-BY-SA-4.0", "CC0-1.0"} <= set(lesson["license"]["examples"])
    assert len(lesson["license"]["examples"]) == len(set(lesson["license"]["examples"]))
    assert set(lesson["stage"]["enum"]) == {"awareness", "exploration", "preparation", "launch"}


@pytest.mark.parametrize(("grades", "valid"), [("6-8", True), ("11-PS", True), ("k-2", True), ("7-7", True),
                                               ("8-6", False), ("PS-11", False), ("0", False), ("13", False)])
def test_grade_ranges_run_low_to_high_in_the_schema_as_in_the_check(grades: str, valid: bool) -> None:
    import jsonschema

    from mkdocs_pathways.vocab import parse_grades

    schema = SCHEMAS["lesson"]()["properties"]["grades"]
    assert jsonschema.Draft202012Validator(schema).is_valid(grades) is valid
    assert (parse_grades(grades)[0] is not None) is valid


# ------------------------------------------------------------------------------------- the YAML language server


def _tools_cache() -> Path:
    return Path(os.environ.get("PATHWAYS_TOOLS_CACHE") or Path.home() / ".cache" / "mkdocs-pathways")


def _unavailable(message: str) -> None:
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _server_script() -> Path:
    """The installed language server, installed first if needed (a pinned version, from npm)."""
    if shutil.which("node") is None:
        _unavailable("Node.js is not installed (apt-get install nodejs npm); the editor tests need it")
    prefix = _tools_cache() / f"yaml-language-server-{YAML_LANGUAGE_SERVER}"
    script = prefix / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is not installed (apt-get install npm); it installs yaml-language-server")
        assert npm is not None
        result = subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                                 "--loglevel=error", f"yaml-language-server@{YAML_LANGUAGE_SERVER}"],
                                capture_output=True, text=True, timeout=300, check=False)
        if result.returncode != 0 or not script.is_file():
            _unavailable(f"npm could not install yaml-language-server: {result.stderr.strip()[-500:]}")
    return script


class LanguageServer:
    """A minimal LSP client over stdio: enough to configure schemas, open documents and read diagnostics."""

    def __init__(self, script: Path, root: Path, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(["node", str(script), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        reply = self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "workspaceFolders": None,
            "capabilities": {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}}})
        assert "capabilities" in reply
        self.notify("initialized", {})
        # The server ignores the settings sent with this notice and asks for them (workspace/configuration).
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()).strip():
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                self.messages.put(None)  # the server has gone
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._next(deadline - time.monotonic())
            if message is not None and message.get("id") == wanted and "method" not in message:
                assert "error" not in message, message
                return message.get("result")
        raise TimeoutError(f"no answer to {method}")

    def _next(self, timeout: float) -> dict[str, Any] | None:
        """Handle the next message from the server; returns it, or None after ``timeout`` seconds of quiet."""
        try:
            message = self.messages.get(timeout=max(timeout, 0.01))
        except queue.Empty:
            return None
        if message is None:
            raise RuntimeError("the YAML language server stopped")
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif message.get("method") == "workspace/configuration":
            sections = [item.get("section") for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": [self.settings.get(s or "") for s in sections]})
        elif "method" in message and "id" in message:  # registrations and the like: accepted, not needed here
            self._send({"id": message["id"], "result": None})
        return message

    def open_all(self, paths: list[Path], timeout: float = 120, quiet: float = 1.5) -> dict[Path, list[str]]:
        """Open every file and wait until each has diagnostics and the server has been quiet for a moment."""
        uris = {path.as_uri(): path for path in paths}
        for uri, path in uris.items():
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "yaml", "version": 1,
                "text": path.read_text(encoding="utf-8-sig")}})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._next(quiet)
            if message is None and set(uris) <= set(self.diagnostics):
                break
        missing = set(uris) - set(self.diagnostics)
        assert not missing, f"no diagnostics for {sorted(missing)[:5]}"
        return {path: [d["message"] for d in self.diagnostics[uri]] for uri, path in uris.items()}

    def schemas_for(self, path: Path) -> list[str]:
        """The schemas the server applies to a file (a request of yaml-language-server's own)."""
        return [item["uri"] for item in self.request("yaml/get/jsonSchema", path.as_uri()) or ()]

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except (TimeoutError, RuntimeError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


# The files the editor is compared with the check on: the samples and every pathway file of the golden cases.
CASE_FOLDERS = [p for group in ("diagnostics", "continuity", "hostile") for p in sorted((CASES / group).iterdir())
                if p.is_dir()]


def _pathway_files(root: Path) -> list[Path]:
    folder = root / "pathways"
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")) if folder.is_dir() else []


def _readable(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return False  # PW001: not text an editor could open as YAML
    return True


def _check(case: Path) -> dict[str, list[Diagnostic]] | None:
    """The check's diagnostics of a case, by file; None when its mkdocs.yml cannot be read (not content)."""
    try:
        config, _site = load_settings(case)
    except ConfigError:
        return None
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in check_guide(config).diagnostics:
        by_path.setdefault(diagnostic.location.path, []).append(diagnostic)
    return by_path


class Editor:
    """One language server run over every file; what it says of each, and what the check says."""

    def __init__(self, script: Path, scratch: Path) -> None:
        self.scratch = scratch
        self.files: list[Path] = []
        self.check: dict[Path, list[Diagnostic]] = {}
        schemas: dict[str, list[str]] = {}
        for case in [REPO, *CASE_FOLDERS]:
            by_path = {} if case == REPO else _check(case)
            if by_path is None:
                continue
            files = [p for p in _pathway_files(case) if _readable(p)]
            self.files += files
            for path in files:
                self.check[path] = by_path.get(path.relative_to(case).as_posix(), [])
            schema = self._schema_for(case)
            # Absolute paths, which the server matches as glob patterns ("**/" is put before each).
            schemas.setdefault(schema, []).extend(path.as_posix() for path in files)
        self.broken = self._broken_copies()
        schemas.setdefault((SCHEMA_DIR / "pathway.schema.json").as_uri(), []).extend(
            p.as_posix() for p in self.broken.values())
        settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}, "schemas": schemas,
                             "customTags": []}}
        self.server = LanguageServer(script, REPO, settings)
        self.said = self.server.open_all([*self.files, *self.broken.values()])

    def _schema_for(self, case: Path) -> str:
        """The shipped schema, or for a guide with stages of its own, the one `pathways schema --config` writes."""
        config = case / "mkdocs.yml"
        if not config.exists() or "stages:" not in config.read_text(encoding="utf-8", errors="replace"):
            return (SCHEMA_DIR / "pathway.schema.json").as_uri()
        out = self.scratch / "schemas" / f"{case.name}.pathway.schema.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        assert main(["schema", "pathway", "--config", str(config), "--out", str(out)]) == 0
        return out.as_uri()

    def _broken_copies(self) -> dict[str, Path]:
        """A sample pathway with one mistake each, outside the repository (without the sample's modeline)."""
        sample = (REPO / "pathways" / "health-science.yml").read_text(encoding="utf-8")
        body = "\n".join(line for line in sample.splitlines() if "yaml-language-server:" not in line) + "\n"
        assert "\n  exploration:\n" in body and "\nsample: true\n" in body
        mistakes = {"misspelled-stage": body.replace("\n  exploration:\n", "\n  exploraton:\n"),
                    "sample-yes": body.replace("\nsample: true\n", "\nsample: yes\n")}
        out = {}
        for name, text in mistakes.items():
            path = self.scratch / name / "pathways" / "health-science.yml"
            path.parent.mkdir(parents=True)
            path.write_text(text, encoding="utf-8")
            out[name] = path
        return out


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    run = Editor(_server_script(), tmp_path_factory.mktemp("editor"))
    yield run
    run.server.close()


SAMPLES = sorted((REPO / "pathways").glob("*.y*ml"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_editor_finds_nothing_wrong_in_the_samples(editor: Editor, path: Path) -> None:
    # Through the file's own first line (the modeline), as any editor with the language server would read it.
    assert editor.server.schemas_for(path) == [(SCHEMA_DIR / "pathway.schema.json").as_uri()]
    assert editor.said[path] == []


def test_editor_underlines_a_misspelled_stage(editor: Editor) -> None:
    said = editor.said[editor.broken["misspelled-stage"]]
    assert said == ["Property exploraton is not allowed."]


def test_sample_yes_is_flagged_by_the_editor_and_by_the_check(editor: Editor, tmp_path: Path) -> None:
    assert any("boolean" in message for message in editor.said[editor.broken["sample-yes"]])
    guide = tmp_path / "guide"
    shutil.copytree(editor.broken["sample-yes"].parent, guide / "pathways")
    codes = {d.code for d in check_guide(GuideConfig.from_options(guide)).diagnostics}
    assert "PW121" in codes


def _expressible(diagnostics: list[Diagnostic]) -> tuple[set[str], set[str]]:
    """The check's verdicts a schema can give (errors, and PW121), and the errors it cannot."""
    errors = {d.code for d in diagnostics if d.level is Severity.ERROR or d.code == "PW121"}
    return errors - set(NOT_IN_THE_SCHEMA), errors & set(NOT_IN_THE_SCHEMA)


COMPARED = [(case, path) for case in CASE_FOLDERS for path in _pathway_files(case)]

# Where the language server itself falls short. Strict xfails: a server that no longer does this makes the test
# fail, as a reminder to drop the entry.
EDITOR_GAPS = {
    "hostile/unknown-special-keys/demo.yml": f"yaml-language-server {YAML_LANGUAGE_SERVER} gives up validating a "
    "file with a null key ('~:' or 'null:'), with an internal error, and underlines nothing in it",
}


@pytest.mark.parametrize(("case", "path"), COMPARED,
                         ids=[f"{c.parent.name}/{c.name}/{p.name}" for c, p in COMPARED])
def test_editor_flags_a_file_exactly_when_the_check_finds_an_error_a_schema_can_express(
        editor: Editor, case: Path, path: Path, request: pytest.FixtureRequest) -> None:
    gap = EDITOR_GAPS.get(f"{case.parent.name}/{case.name}/{path.name}")
    if gap:
        request.applymarker(pytest.mark.xfail(reason=gap, strict=True))
    if path not in editor.said:
        pytest.skip("not compared: the file is not UTF-8 text, or the case's mkdocs.yml cannot be read")
    expressible, beyond = _expressible(editor.check[path])
    said = editor.said[path]
    if expressible:
        assert said, f"the check reports {sorted(expressible)} but the editor underlines nothing"
    elif not beyond:
        assert not said, f"the editor underlines {said[:3]} but the check finds no error"
    # Otherwise the check's only errors are ones a schema cannot express: the editor may or may not see them.


def test_contributing_lists_what_only_the_check_sees() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("#### What the editor cannot see", 1)[1].split("\n#", 1)[0]
    listed = set(re.findall(r"PW\d{3}", section.split("Warnings other than", 1)[0]))
    assert listed == set(NOT_IN_THE_SCHEMA)
