"""The GitHub workflows and pre-commit hooks are valid YAML and call only commands that exist here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_pathways.cli import build_parser

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
EXTERNAL = {"sudo", "apt-get", "python", "mkdocs"}


def _subcommands() -> set[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return set(actions[0].choices)  # type: ignore[attr-defined]


def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


def _check_command(command: str) -> None:
    words = shlex.split(command)
    if not words:
        return
    program = words[0]
    if program == "pathways":
        assert words[1] in _subcommands(), f"`{command}`: pathways has no subcommand {words[1]}"
        build_parser().parse_args(words[1:])  # exits (fails the test) on an unknown option
    elif program == "make":
        for target in words[1:]:
            assert target in _make_targets(), f"`{command}`: the Makefile has no target {target}"
    elif program == "mkdocs":
        assert words[1] in ("build", "serve", "gh-deploy"), command
    elif program == "python" and words[1:3] == ["-m", "pip"]:
        for word in words:
            if word.startswith("constraints"):
                assert (REPO / word).is_file(), f"`{command}`: no {word}"
    else:
        assert program in EXTERNAL, f"`{command}` calls {program}, which the project does not provide"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_is_valid_and_calls_real_commands(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["name"] and workflow["jobs"]
    assert True in workflow or "on" in workflow  # PyYAML reads the key `on` as true
    runs = 0
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "uses" in step or "run" in step, step
            for command in re.split(r"&&|\|\||;|\n", step.get("run", "")):
                _check_command(command.strip())
                runs += bool(command.strip())
    assert runs >= 2


def test_check_workflow_annotates_pull_requests() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]
    commands = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any("pathways check --format github" in c for c in commands)
    assert any("mkdocs build --strict" in c for c in commands)
    assert any("make test" in c for c in commands)


def test_pages_workflow_deploys_from_main() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_pre_commit_hooks_call_real_commands() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"pathways-check", "pathways-check-strict"}
    for hook in hooks:
        _check_command(hook["entry"])
        assert hook["language"] == "python"


def test_the_command_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        _check_command("pathways publish-everything")
    with pytest.raises(AssertionError):
        _check_command("make deploy")
    with pytest.raises(AssertionError):
        _check_command("curl http://example.org | sh")


def test_vscode_maps_the_schemas() -> None:
    import json

    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file()


# -- hardening: least privilege, pinned actions, no stored credentials, time limits ----------------------------
# Each check returns its problems as sentences, so that it can be shown failing on a bad example below.

PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)\s*(?:#\s*(?P<version>\S.*?))?\s*$")
VERSION = re.compile(r"^v\d+(\.\d+){0,2}$")
# What the deploy job needs to publish with GitHub Pages, and nothing more.
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}


def _jobs(workflow: dict[Any, Any]) -> dict[str, Any]:
    return dict(workflow["jobs"])


def _timeout_problems(workflow: dict[Any, Any]) -> list[str]:
    return [f"job {name} has no timeout-minutes" for name, job in _jobs(workflow).items()
            if not isinstance(job.get("timeout-minutes"), int) or job["timeout-minutes"] <= 0]


def _pinning_problems(text: str) -> list[str]:
    """Every `uses:` is a full 40-hex commit id, with the release it is in a comment on the same line."""
    problems = []
    workflow = yaml.safe_load(text)
    used = [step["uses"] for job in _jobs(workflow).values() for step in job.get("steps", []) if "uses" in step]
    used += [job["uses"] for job in _jobs(workflow).values() if "uses" in job]  # reusable workflows
    lines = {m["ref"]: m["version"] for line in text.splitlines() if (m := USES_LINE.match(line))}
    for ref in used:
        if ref.startswith("./"):
            continue  # an action in this repository is reviewed with it
        if not PINNED.match(ref):
            problems.append(f"{ref} is not pinned to a full commit id")
        elif not (lines.get(ref) and VERSION.match(lines[ref])):
            problems.append(f"{ref} has no comment naming its version (# v1.2.3)")
    return problems


def _permission_problems(workflow: dict[Any, Any]) -> list[str]:
    """Nothing by default; no write access but the deploy job's; none at all where pull requests run."""
    problems = []
    top = workflow.get("permissions")
    if top not in ({}, {"contents": "read"}):
        problems.append(f"the top-level permissions are {top!r}, not {{}} or contents: read")
    untrusted = "pull_request" in workflow[True] or "pull_request_target" in workflow[True]
    if "pull_request_target" in workflow[True]:
        problems.append("pull_request_target runs a pull request with the repository's secrets")
    for name, job in _jobs(workflow).items():
        granted = job.get("permissions", top)
        if not isinstance(granted, dict):
            problems.append(f"job {name} has permissions {granted!r}; list each one instead")
            continue
        writes = {k: v for k, v in granted.items() if v == "write"}
        if name == "deploy" and not untrusted:
            if writes != DEPLOY_PERMISSIONS:
                problems.append(f"job deploy may write {sorted(writes)}, not exactly pages and id-token")
        elif name == "publish" and not untrusted and "tags" in str(workflow[True]):
            # A release from a version tag publishes with trusted publishing, which needs exactly id-token.
            if writes != {"id-token": "write"}:
                problems.append(f"job publish may write {sorted(writes)}, not exactly id-token")
        elif writes:
            problems.append(f"job {name} may write {sorted(writes)}")
    return problems


def _checkout_problems(workflow: dict[Any, Any]) -> list[str]:
    return [f"job {name}: a checkout keeps the token in .git/config (set persist-credentials: false)"
            for name, job in _jobs(workflow).items() for step in job.get("steps", [])
            if str(step.get("uses", "")).startswith("actions/checkout@")
            and (step.get("with") or {}).get("persist-credentials") is not False]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_is_hardened(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    problems = (_timeout_problems(workflow) + _pinning_problems(text) + _permission_problems(workflow)
                + _checkout_problems(workflow))
    assert problems == []


def test_only_the_deploy_jobs_may_publish() -> None:
    # The site's deploy job (GitHub Pages) and the release's publish job (trusted publishing to the package
    # index) are the only jobs with a token that can publish; neither checks out or runs pull-request content.
    jobs = {}
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        jobs.update({f"{path.name}:{name}": job.get("permissions", workflow.get("permissions"))
                     for name, job in _jobs(workflow).items()})
    publishing = [name for name, granted in jobs.items() if {"pages", "id-token"} & set(granted or {})]
    assert sorted(publishing) == ["pages.yml:deploy", "release.yml:publish"]
    assert jobs["pages.yml:deploy"] == DEPLOY_PERMISSIONS
    assert jobs["pages.yml:build"] == {"contents": "read"}  # the job that runs the guide's code
    assert all(jobs[f"check.yml:{name}"] == {"contents": "read"} for name in ("content", "tests"))


BAD_WORKFLOW = """
name: bad
on: [pull_request]
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
      - uses: actions/cache@0c45773b623bea8c8e75f6c82b208c3cf94ea4f9 # latest
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: "false"
  deploy:
    runs-on: ubuntu-latest
    timeout-minutes: 0
    permissions:
      pages: write
      id-token: write
    steps:
      - run: echo
"""


def test_the_hardening_checks_can_fail() -> None:
    workflow = yaml.safe_load(BAD_WORKFLOW)
    assert _timeout_problems(workflow) == ["job build has no timeout-minutes", "job deploy has no timeout-minutes"]
    assert _pinning_problems(BAD_WORKFLOW) == [
        "actions/checkout@v4 is not pinned to a full commit id",
        "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 has no comment naming its version (# v1.2.3)",
        "actions/cache@0c45773b623bea8c8e75f6c82b208c3cf94ea4f9 has no comment naming its version (# v1.2.3)"]
    assert _permission_problems(workflow) == [
        "the top-level permissions are 'write-all', not {} or contents: read", "job build may write ['contents']",
        "job deploy may write ['id-token', 'pages']"]  # a deploy job in a pull-request workflow is no exception
    assert len(_checkout_problems(workflow)) == 2  # no setting, and the string "false" (which is true)


CODEOWNERS = REPO / ".github" / "CODEOWNERS"


def _owners() -> dict[str, list[str]]:
    rules = {}
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    return rules


def test_code_owners_review_what_runs() -> None:
    rules = _owners()
    for pattern in ("/mkdocs.yml", "/pyproject.toml", "/plugins/", "/.github/", "/overrides/"):
        assert pattern in rules, f"CODEOWNERS does not name {pattern}"
    for pattern, owners in rules.items():
        assert owners, f"{pattern} has no owner"
        assert all(re.fullmatch(r"@[A-Za-z0-9-]+(/[A-Za-z0-9_.-]+)?", owner) for owner in owners), owners
        assert not any(owner.upper().startswith("@OWNER") for owner in owners)
    text = CODEOWNERS.read_text(encoding="utf-8")
    assert "FORKS: REPLACE THE TEAM NAME" in text  # the upstream team means nothing in a fork
    assert not [p for p in rules if p.startswith(("/lessons", "/pathways"))]  # content stays open to anyone
