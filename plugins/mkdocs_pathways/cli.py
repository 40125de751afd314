"""The ``pathways`` command line: check content, print schemas. It uses the core directly, never MkDocs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs_pathways import __version__
from mkdocs_pathways.config import GuideConfig, plugin_options_from_mkdocs_yml
from mkdocs_pathways.diagnostics import Severity, format_diagnostics
from mkdocs_pathways.guide import check_guide
from mkdocs_pathways.schema import SCHEMAS, dump


def _guide_config(args: argparse.Namespace) -> GuideConfig:
    root = Path(args.root).resolve()
    config_file = Path(args.config) if args.config else root / "mkdocs.yml"
    options = plugin_options_from_mkdocs_yml(config_file) if config_file.is_file() else None
    return GuideConfig.from_options(root, options)


def cmd_check(args: argparse.Namespace) -> int:
    config = _guide_config(args)
    diagnostics = check_guide(config).diagnostics
    if diagnostics:
        print(format_diagnostics(diagnostics, args.format))
        errors = sum(d.level is Severity.ERROR for d in diagnostics)
        warnings = len(diagnostics) - errors
        files = len({d.location.path for d in diagnostics})
        print(f"{errors} error(s) and {warnings} warning(s) in {files} file(s)", file=sys.stderr)
        if errors or (args.strict and warnings):
            return 1
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    text = dump(SCHEMAS[args.kind]())
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pathways", description="Check and publish career pathway guides.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check every pathway and lesson, and report all problems")
    check.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    check.add_argument("--config", help="the mkdocs.yml to read plugin options from (default: ROOT/mkdocs.yml)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text (default), GitHub annotations, or JSON")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(func=cmd_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of a pathway file or a lesson")
    schema.add_argument("kind", choices=sorted(SCHEMAS), help="which schema")
    schema.add_argument("--out", help="write to this file instead of printing")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError) as exc:
        print(f"pathways: {exc}", file=sys.stderr)
        return 2
