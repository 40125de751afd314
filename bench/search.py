"""Time the search indexing of a guide's pages, Material's own and the plugin's (render/search_sections.py), and
check that both write the same search index.

    python bench/generate.py --lessons 1000 --pathways 50 --out /tmp/g1000
    python bench/search.py /tmp/g1000 --repeat 3

Each build is `mkdocs build -q` in its own process, the two kinds in turn (so that a slow moment of the machine
hits both). The indexing time is the wall time of the search index's ``add_entry_from_context`` summed over the
pages: what Material's search plugin calls for each page, Material's method or the plugin's. ``on_page_context``
adds the rest of Material's search work per page (removing ``data-search-*`` attributes from the page).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

KINDS = ("material", "fast")


def child(kind: str, index_copy: Path) -> None:
    """One build in this process, timed; prints the figures as JSON."""
    from material.plugins.search import plugin as search  # type: ignore[import-untyped]
    from mkdocs.__main__ import cli

    import mkdocs_pathways.plugin as adapter

    if kind == "material":
        adapter._index_search_faster = lambda config: None
    totals = {"indexing_s": 0.0, "on_page_context_s": 0.0}
    on_page_context = search.SearchPlugin.on_page_context

    def timed_on_page_context(self: Any, context: Any, **kwargs: Any) -> Any:
        index = self.search_index
        own = "add_entry_from_context" in vars(index)
        add = index.add_entry_from_context

        def timed_add(page: Any) -> None:
            start = time.perf_counter()
            try:
                add(page)
            finally:
                totals["indexing_s"] += time.perf_counter() - start

        index.add_entry_from_context = timed_add
        start = time.perf_counter()
        try:
            return on_page_context(self, context, **kwargs)
        finally:
            totals["on_page_context_s"] += time.perf_counter() - start
            if own:
                index.add_entry_from_context = add
            else:
                del index.add_entry_from_context

    search.SearchPlugin.on_page_context = timed_on_page_context
    start = time.perf_counter()
    cli(["build", "-q"], standalone_mode=False)
    totals["build_s"] = time.perf_counter() - start
    shutil.copy("site/search/search_index.json", index_copy)
    print(json.dumps(totals))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("guide", type=Path, help="a guide folder (with mkdocs.yml), e.g. from bench/generate.py")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--index-copy", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.index_copy)
        return
    guide = args.guide.resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
    indexes: dict[str, set[bytes]] = {kind: set() for kind in KINDS}
    for _ in range(args.repeat):
        for kind in KINDS:
            copy = guide / f"search_index.{kind}.json"
            result = subprocess.run([sys.executable, __file__, str(guide), "--child", kind, "--index-copy", str(copy)],
                                    cwd=guide, env=env, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise SystemExit(f"the {kind} build failed:\n{result.stderr[-3000:]}")
            runs[kind].append(json.loads(result.stdout.strip().splitlines()[-1]))
            indexes[kind].add(copy.read_bytes())
            copy.unlink()
    for kind in KINDS:
        figures = {key: statistics.median(run[key] for run in runs[kind]) for key in runs[kind][0]}
        each = ", ".join(f"{run['indexing_s']:.2f}" for run in runs[kind])
        print(f"{kind:>8}: " + ", ".join(f"{key} {value:.2f}" for key, value in figures.items())
              + f"  (indexing in each run: {each})")
    material, fast = (statistics.median(run["indexing_s"] for run in runs[kind]) for kind in KINDS)
    same = len(indexes["material"]) == 1 and indexes["material"] == indexes["fast"]
    print(f"indexing {material / fast:.1f}x faster; search_index.json byte-identical in every build: {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
