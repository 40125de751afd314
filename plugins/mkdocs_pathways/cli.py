"""The ``pathways`` command line: check, new, diff, export, pdf, standards and schema. It never uses MkDocs."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs_pathways import __version__
from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.config import ConfigError, GuideConfig
from mkdocs_pathways.diagnostics import REFERENCE_PATH, Severity, format_diagnostics
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump
from mkdocs_pathways.mkdocs_yml import SiteSettings, load_settings, locate, read_site_options


def _config_file(args: argparse.Namespace) -> Path:
    return Path(args.config) if args.config else Path(args.root).resolve() / "mkdocs.yml"


def _settings(args: argparse.Namespace) -> tuple[GuideConfig, SiteSettings]:
    """The guide's configuration and site settings, read as the plugin reads them (raises ConfigError)."""
    return load_settings(Path(args.root).resolve(), _config_file(args))


def _guide_config(args: argparse.Namespace) -> GuideConfig:
    return _settings(args)[0]


def cmd_check(args: argparse.Namespace) -> int:
    config, site = _settings(args)
    # check_guide turns the collector back on while the catalog it returns is alive, and the collector's first
    # passes would then walk the whole catalog (a tenth of a 1,000-lesson check) to find no garbage. Only the
    # diagnostics are kept here: once they are taken, the catalog is freed and the collector has little to see.
    enabled = gc.isenabled()
    gc.disable()
    try:
        diagnostics = check_guide(config).diagnostics
    finally:
        if enabled:
            gc.enable()
    if diagnostics:
        reference = site.published_url + REFERENCE_PATH if site.published_url else ""
        print(format_diagnostics(diagnostics, args.format, reference))
        errors = sum(d.level is Severity.ERROR for d in diagnostics)
        warnings = sum(d.level is Severity.WARNING for d in diagnostics)
        notes = len(diagnostics) - errors - warnings
        files = len({d.location.path for d in diagnostics})
        also = f" and {notes} note(s)" if notes else ""
        print(f"{errors} error(s) and {warnings} warning(s){also} in {files} file(s)", file=sys.stderr)
        if errors or (args.strict and warnings):
            return 1
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    import tempfile  # here, like the other commands' modules: `pathways check` starts without them

    from mkdocs_pathways.commands.pdf import PdfError, print_guides
    from mkdocs_pathways.render.addresses import Addresses

    config, site = _settings(args)
    checked = check_guide(config)
    if checked.errors:
        print(format_diagnostics(checked.errors), file=sys.stderr)
        print("pathways pdf: fix these problems first", file=sys.stderr)
        return 1
    known = [p.id for p in checked.catalog.pathways]
    wanted = args.pathway or known
    unknown = [p for p in wanted if p not in known]
    if unknown:
        print(f"pathways pdf: unknown pathway {', '.join(unknown)}; the pathways are: {', '.join(known)}",
              file=sys.stderr)
        return 2
    layout = Addresses.of(config, site)
    page = layout.plan if args.plan else layout.booklet
    guides = {p: layout.url(page(p)) for p in wanted}
    file_name = "{}-plan.pdf" if args.plan else "{}.pdf"
    out = Path(args.out)
    try:
        if args.site:
            results = print_guides(Path(args.site), guides, out, args.browser, site_url=site.published_url,
                                   file_name=file_name)
        else:
            with tempfile.TemporaryDirectory(prefix="pathways-site-") as folder:
                _build_site(args, Path(folder))
                results = print_guides(Path(folder), guides, out, args.browser, site_url=site.published_url,
                                       file_name=file_name)
    except PdfError as exc:
        print(f"pathways pdf: {exc}", file=sys.stderr)
        return 1
    for result in results:
        for url in result.blocked:
            print(f"pathways pdf: warning: the printable guide of '{result.pathway}' asked for {url}, which is not "
                  "part of the site; it was left out (printing never uses the network)", file=sys.stderr)
        print(f"{result.path} ({result.pages} pages)")
    return 0


def _build_site(args: argparse.Namespace, folder: Path) -> None:
    # The site engine runs as its own process: the command line never imports it.
    import subprocess

    config_file = _config_file(args)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d",  # noqa: S603
                             str(folder)], capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        from mkdocs_pathways.commands.pdf import PdfError

        raise PdfError(f"the site did not build:\n{result.stderr.strip()}")


def cmd_new(args: argparse.Namespace) -> int:
    from mkdocs_pathways.commands.new import ScaffoldError, new_guide, new_lesson, new_pathway

    if args.kind == "guide":
        try:
            written = new_guide(Path(args.id))
        except ScaffoldError as exc:
            print(f"pathways new: {exc}", file=sys.stderr)
            return 1
        print(f"Created a guide of {len(written)} files in {args.id}. Start with its README.md.")
        return 0
    config = _guide_config(args)
    override = config.templates_dir
    try:
        if args.kind == "lesson":
            path = new_lesson(config, args.id, args.stage, args.grades, override)
        else:
            path = new_pathway(config, args.id, args.cluster, override)
    except ScaffoldError as exc:
        print(f"pathways new: {exc}", file=sys.stderr)
        return 1
    print(f"Created {config.relative(path)}. Replace each TODO, then run `pathways check`.")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from mkdocs_pathways.commands.diff import catalog_at
    from mkdocs_pathways.commands.diff_compare import compare
    from mkdocs_pathways.commands.diff_markdown import to_markdown
    from mkdocs_pathways.commands.diff_tree import DiffError

    config = _guide_config(args)
    try:
        old = catalog_at(config, args.base)
        new = catalog_at(config, args.head)
    except DiffError as exc:
        print(f"pathways diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(to_markdown(compare(old, new), args.base, args.head or "working tree"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from mkdocs_pathways.commands.export import ExportError, export_guide

    config = _guide_config(args)
    site = read_site_options(_config_file(args))
    try:
        written = export_guide(config, site, Path(args.out))
    except ExportError as exc:
        print(f"pathways export: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} pages, nav.yml and mkdocs.yml to {args.out}")
    return 0


def cmd_standards(args: argparse.Namespace) -> int:
    from mkdocs_pathways.commands.standards import StandardsError, import_package, summary

    config = _guide_config(args)
    try:
        result = import_package(config, args.file, args.id)
    except StandardsError as exc:
        print(f"pathways standards import: {exc}", file=sys.stderr)
        return 1
    if result.warnings:
        print(format_diagnostics(result.warnings), file=sys.stderr)
    print(summary(config, result))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    # With --config, the guide's own stages, read as `check` reads them; without, the shipped schemas' defaults.
    make = SCHEMAS[args.kind]
    text = dump(make(_guide_config(args).stages) if args.config else make())
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

    new = commands.add_parser("new", help="start a lesson, pathway or guide from a template (never overwrites)")
    new.add_argument("kind", choices=("lesson", "pathway", "guide"), help="what to create")
    new.add_argument("id", help="its id, which is also its file name: lowercase words joined by hyphens "
                     "(for a guide: the new folder)")
    new.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    new.add_argument("--config", help="the mkdocs.yml of the guide (default: ROOT/mkdocs.yml)")
    new.add_argument("--stage", default="exploration", help="lesson: its stage (default: exploration)")
    new.add_argument("--grades", help="lesson: its grades, such as 6-8 (default: the stage's grades)")
    new.add_argument("--cluster", default="education", help="pathway: its career cluster id")
    new.set_defaults(func=cmd_new)

    diff = commands.add_parser("diff", help="summarise what changed in the guide between two git revisions")
    diff.add_argument("base", help="the earlier revision, such as main or origin/main")
    diff.add_argument("head", nargs="?", help="the later revision (default: the working tree)")
    diff.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    diff.add_argument("--config", help="the mkdocs.yml of the guide (default: ROOT/mkdocs.yml)")
    diff.set_defaults(func=cmd_diff)

    export = commands.add_parser("export", help="write the guide as plain Markdown pages with a nav, for any engine")
    export.add_argument("--out", required=True, help="an empty folder (or an earlier export) to write into")
    export.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    export.add_argument("--config", help="the mkdocs.yml of the guide (default: ROOT/mkdocs.yml)")
    export.set_defaults(func=cmd_export)

    pdf = commands.add_parser("pdf", help="print pathway guides to PDF with headless Chromium")
    pdf.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    pdf.add_argument("--config", help="the mkdocs.yml of the guide (default: ROOT/mkdocs.yml)")
    pdf.add_argument("--pathway", action="append", metavar="ID", help="only this pathway (repeatable)")
    pdf.add_argument("--out", default="pdf", help="folder for the PDFs (default: pdf)")
    pdf.add_argument("--site", help="an already built site folder (default: build one in a temporary folder)")
    pdf.add_argument("--browser", help="path of the Chromium executable (default: found on PATH)")
    pdf.add_argument("--plan", action="store_true",
                     help="print each pathway's plan for students and families (<id>-plan.pdf) instead of its guide")
    pdf.set_defaults(func=cmd_pdf)

    standards = commands.add_parser("standards", help="bring a standards framework (a CASE package) into the guide")
    actions = standards.add_subparsers(dest="action", required=True, metavar="ACTION")
    importer = actions.add_parser("import", help="check a CASE package saved on this computer and copy it into the "
                                  "standards folder (never overwrites, never downloads)")
    importer.add_argument("file", help="the CASE package (CFPackage JSON) saved from the publisher's CASE server")
    importer.add_argument("--id", help="the framework's id, which is its file name (default: from its title)")
    importer.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    importer.add_argument("--config", help="the mkdocs.yml of the guide (default: ROOT/mkdocs.yml)")
    importer.set_defaults(func=cmd_standards)

    schema = commands.add_parser("schema", help="print the JSON Schema of a pathway file or a lesson")
    schema.add_argument("kind", choices=sorted(SCHEMAS), help="which schema")
    schema.add_argument("--out", help="write to this file instead of printing")
    schema.add_argument("--config", help="the mkdocs.yml whose stages the schema allows (default: the built-in ones)")
    schema.set_defaults(func=cmd_schema, root=".")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except ConfigError as exc:
        if not exc.where and hasattr(args, "root"):  # raised after reading, such as by hide_pathways
            exc = exc.located(locate(_config_file(args), exc.option))
        print(f"pathways: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"pathways: {exc}", file=sys.stderr)
        return 2
