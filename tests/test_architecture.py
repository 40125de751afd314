"""The package's import directions, read from the source with ``ast`` (nothing is imported): only the MkDocs
adapter touches MkDocs, and each layer imports only from itself and the layers before it, so the kernel, the
loader and the checks stay usable without MkDocs and the pipeline reads in one direction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_pathways"
KERNEL = {"config", "config_options", "mkdocs_yml", "model", "model_access", "model_lessons", "model_location",
          "model_standards", "diagnostics", "rules", "vocab", "words", "__init__"}
# Layers in pipeline order; a module may import from its own layer and the ones before it.
LAYERS = ["kernel", "load", "analysis", "interop", "render", "commands", "adapters"]
ADAPTERS = {"plugin", "cli", "__main__"}  # the entry points
MKDOCS_ADAPTER = "plugin.py"  # the one module allowed to import mkdocs or material
# Known violations of the current tree, as the checker reports them, each with who should remove it. The test
# fails when one of them is gone, so the entry is removed with the fix.
ALLOWED: dict[str, str] = {}


def layer_of(name: str) -> str | None:
    """The layer of ``mkdocs_pathways.<name>…`` by its first component, or None for a module in no layer."""
    if name in KERNEL:
        return "kernel"
    if name in ADAPTERS:
        return "adapters"
    return name if name in LAYERS[1:-1] else None  # the folder layers


def imported_modules(tree: ast.AST, package: tuple[str, ...]) -> list[str]:
    """Every module an import statement names, anywhere in the file (function-local and TYPE_CHECKING ones too),
    with relative imports made absolute from ``package``, the dotted package the file is in."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = [*base, *(node.module.split(".") if node.module else [])]
            if node.module is None or len(module) == 1:
                # `from . import spec`, `from mkdocs_pathways import vocab`: the names may be modules, and the
                # first of them may be what says the layer.
                found += [".".join([*module, alias.name]) for alias in node.names]
            else:
                found.append(".".join(module))
    return found


def import_violations(root: Path) -> list[str]:
    """The import-direction violations in the package folder ``root``, one message each."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        own = layer_of(rel.parts[0] if len(rel.parts) > 1 else path.stem)
        if own is None:
            problems.append(f"{rel.as_posix()}: in no layer; add it to the layers in tests/test_architecture.py")
            continue
        package = (root.name, *rel.parts[:-1])
        for module in imported_modules(ast.parse(path.read_bytes(), str(path)), package):
            parts = module.split(".")
            if parts[0] in ("mkdocs", "material") and rel.as_posix() != MKDOCS_ADAPTER:
                problems.append(f"{rel.as_posix()}: imports {module}, which only {MKDOCS_ADAPTER} may")
            elif parts[0] == root.name and len(parts) > 1:
                target = layer_of(parts[1]) or "kernel"  # a name defined in the package's __init__
                if LAYERS.index(target) > LAYERS.index(own):
                    problems.append(f"{rel.as_posix()}: {own} imports {module} ({target})")
    return problems


def test_the_package_imports_in_layer_order() -> None:
    problems = import_violations(PACKAGE)
    assert [p for p in problems if p not in ALLOWED] == []
    assert [p for p in ALLOWED if p not in problems] == [], "fixed: delete these entries from ALLOWED"


def test_the_checker_sees_the_package() -> None:
    # A wrong PACKAGE path would find no files and report nothing.
    assert (PACKAGE / "plugin.py").is_file() and len(list(PACKAGE.rglob("*.py"))) >= 20


FAKE = {  # a small package that breaks each rule once, beside imports that are allowed
    "__init__.py": "__version__ = '1'\n",
    "model.py": "from mkdocs_pathways.vocab import X\nfrom mkdocs_pathways import __version__\n",
    "vocab.py": "def late():\n    import mkdocs.config\n",
    "config.py": "from mkdocs_pathways.load import loader\n",
    "plugin.py": "import mkdocs\nfrom material.plugins import x\nfrom mkdocs_pathways.commands import new\n",
    "cli.py": "from mkdocs_pathways import commands\n",
    "helpers.py": "X = 1\n",
    "load/__init__.py": "",
    "load/loader.py": "from .. import vocab\nfrom . import spec\nfrom ..analysis import check\n",
    "analysis/check.py": "from mkdocs_pathways.load.loader import load\nfrom ..render.pages import R\n",
    "render/pages.py": "from material import extensions\nfrom mkdocs_pathways.interop import exports\n",
    "commands/new.py": "from mkdocs_pathways.cli import main\n",
}


def test_the_checker_reports_each_kind_of_violation(tmp_path: Path) -> None:
    root = tmp_path / "mkdocs_pathways"
    for rel, text in FAKE.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    assert sorted(import_violations(root)) == sorted([
        "vocab.py: imports mkdocs.config, which only plugin.py may",
        "config.py: kernel imports mkdocs_pathways.load (load)",
        "helpers.py: in no layer; add it to the layers in tests/test_architecture.py",
        "load/loader.py: load imports mkdocs_pathways.analysis (analysis)",
        "analysis/check.py: analysis imports mkdocs_pathways.render.pages (render)",
        "render/pages.py: imports material.extensions, which only plugin.py may",
        "commands/new.py: commands imports mkdocs_pathways.cli (adapters)",
    ])


@pytest.mark.parametrize(("source", "package", "expected"), [
    ("from . import spec", ("mkdocs_pathways", "load"), ["mkdocs_pathways.load.spec"]),
    ("from ..model import Catalog", ("mkdocs_pathways", "render"), ["mkdocs_pathways.model"]),
    ("from .model import Catalog", ("mkdocs_pathways",), ["mkdocs_pathways.model"]),
    ("from mkdocs_pathways import vocab, __version__", ("mkdocs_pathways",),
     ["mkdocs_pathways.vocab", "mkdocs_pathways.__version__"]),
    ("if True:\n    import mkdocs_pathways.render.pages as p", ("mkdocs_pathways",), ["mkdocs_pathways.render.pages"]),
])
def test_imports_are_resolved(source: str, package: tuple[str, ...], expected: list[str]) -> None:
    assert imported_modules(ast.parse(source), package) == expected
