"""Benchmark the guide against what a user would publish instead, and write bench/RESULTS.md.

    python bench/run.py                     # 1,000 and 5,000 lessons (about 40 minutes)
    python bench/run.py --sizes 1000 --repeat 1   # quicker, noisier

Two baselines, each built by MkDocs + Material with no plugin:

- plain: the same lesson files as ordinary pages of a MkDocs site, not in the navigation (what a user would
  publish without this tool: ``bench/generate.py --plain``);
- export: the guide's own generated pages, written out by ``pathways export`` (the same pages and Markdown as
  the guide, so the ratio is the cost of the plugin itself).

Guides have 50 pathways per 1,000 lessons, each holding about 36 lessons. Each measurement runs in its own
process and is repeated; the tables show medians, and peak RSS is the largest of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
# Compiled modules are kept as on a user's machine (a sandbox may turn that off), so that the guide's package,
# installed editable, is not compiled again in every run while the baseline's packages come compiled.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in MB of one command, run as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    # ru_maxrss of children is the largest of any child so far; /usr/bin/time reports this child alone.
    timed = ["/usr/bin/time", "-f", "%M", *command] if Path("/usr/bin/time").exists() else command
    result = subprocess.run(timed, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{result.stderr[-3000:]}")
    if timed is not command:
        peak_kb = int(result.stderr.strip().splitlines()[-1])
    else:
        peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, peak_kb // 1024


def page_sizes(site: Path) -> dict[str, float]:
    sizes = [p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": len(sizes), "median_kb": statistics.median(sizes) / 1024, "max_kb": max(sizes) / 1024,
            "total_mb": total / 1024 / 1024}


def rebuild_after_edit(guide: Path, edits: int, dirty: bool = True) -> float:
    """Median seconds from saving a lesson's new title to the served page showing it, over ``edits`` edits to
    one server: `mkdocs serve --dirty` as `make serve` runs it (a plain `mkdocs serve`, which rebuilds every
    page, when not ``dirty``). Each wait ends when the page shows the title and the build has ended."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    flags = ["--dirty"] if dirty else []
    log_path = guide / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", *flags, "-a", f"127.0.0.1:{port}"],
                                  cwd=guide, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    lessons = sorted((guide / "lessons").glob("*.md"))
    lesson = lessons[len(lessons) // 2]
    url = f"http://127.0.0.1:{port}/lessons/{lesson.stem}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode())
        except OSError:
            return ""

    def builds() -> int:
        return log_path.read_text(errors="replace").count("Reloading browsers")

    text = lesson.read_text()
    times = []
    try:
        deadline = time.time() + 1200
        while "Where this fits" not in page():
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit(f"mkdocs serve did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        for _ in range(edits):
            time.sleep(3)
            marker, done = f"Edited {time.time_ns()}", builds()
            start = time.perf_counter()
            lesson.write_text(text.replace('"title": "', f'"title": "{marker} ', 1))
            while marker not in page() or builds() <= done:
                if time.perf_counter() - start > 600:
                    raise SystemExit("the edit never showed up")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        lesson.write_text(text)
        server.terminate()
        server.wait(timeout=30)


def measure(lessons: int, repeat: int, work: Path) -> dict[str, object]:
    guide, plain, export = (work / f"{kind}-{lessons}" for kind in ("guide", "plain", "export"))
    pathways = max(1, lessons * 50 // 1000)
    generate = [sys.executable, str(HERE / "generate.py"), "--lessons", str(lessons)]
    subprocess.run([*generate, "--pathways", str(pathways), "--out", str(guide)], check=True)
    subprocess.run([*generate, "--plain", "--out", str(plain)], check=True)
    if export.exists():
        shutil.rmtree(export)
    subprocess.run([str(BIN / "pathways"), "export", "--out", str(export)], cwd=guide, check=True, env=ENV,
                   capture_output=True)
    check = [run([str(BIN / "pathways"), "check"], guide)[0] for _ in range(repeat)]
    runs: dict[str, list[tuple[float, int]]] = {"guide": [], "plain": [], "export": []}
    for _ in range(repeat):  # paired, so that a slow moment of the machine hits all three
        for kind, folder in (("guide", guide), ("plain", plain), ("export", export)):
            runs[kind].append(run([str(BIN / "mkdocs"), "build", "-q"], folder))
    result: dict[str, object] = {"lessons": lessons, "pathways": pathways, "check_s": statistics.median(check)}
    for kind, timings in runs.items():
        result[f"{kind}_s"] = statistics.median(t for t, _ in timings)
        result[f"{kind}_rss_mb"] = max(m for _, m in timings)
    result["guide_pages"] = page_sizes(guide / "site")
    result["plain_pages"] = page_sizes(plain / "site")
    result["ratio_plain"] = float(result["guide_s"]) / float(result["plain_s"])  # type: ignore[arg-type]
    result["ratio_export"] = float(result["guide_s"]) / float(result["export_s"])  # type: ignore[arg-type]
    result["per_lesson_ms"] = float(result["guide_s"]) / lessons * 1000  # type: ignore[arg-type]
    result["serve_rebuild_s"] = rebuild_after_edit(guide, repeat)
    return result


def report(results: list[dict[str, object]], full_rebuild: float | None, repeat: int) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    header = "| measure | " + " | ".join(f"{r['lessons']:,} lessons, {r['pathways']} pathways" for r in results)
    lines = [
        "# Benchmark results", "",
        f"Measured {time.strftime('%Y-%m-%d')} by `python bench/run.py --repeat {repeat}` (medians of {repeat} "
        "runs; peak RSS is the largest of the runs).", "",
        f"Machine: {os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}.", "",
        "Baselines, each built by MkDocs + Material with no plugin: **plain** is the same lesson files as ordinary "
        "pages, not in the navigation (what a user would publish without this tool); **export** is the guide's "
        "own pages written out by `pathways export` (so that ratio is the plugin's own cost).", "",
        header + " | target |", "|---" * (len(results) + 2) + "|",
    ]

    def row(label: str, cells: list[str], target: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    row("`pathways check`", [f"{r['check_s']:.2f} s" for r in results], "under 1 s at 1,000; under 4 s at 5,000")
    row("full build of the guide (`mkdocs build`)", [f"{r['guide_s']:.1f} s" for r in results])
    row("plain baseline: the same lessons as plain pages", [f"{r['plain_s']:.1f} s" for r in results])
    row("export baseline: the guide's pages, no plugin", [f"{r['export_s']:.1f} s" for r in results])
    row("build ÷ plain", [f"{r['ratio_plain']:.2f}×" for r in results], "at most 1.5× at 1,000 (moonshot 1.2×)")
    row("build ÷ export", [f"{r['ratio_export']:.2f}×" for r in results])
    first = float(results[0]["per_lesson_ms"])  # type: ignore[arg-type]
    row("build time per lesson", [f"{r['per_lesson_ms']:.1f} ms ({float(r['per_lesson_ms']) / first:.2f}×)"  # type: ignore[arg-type]
                                  for r in results], "at 5,000 within 1.2× of 1,000")
    row("peak RSS, guide build", [f"{r['guide_rss_mb']} MB" for r in results], "under 1.5 GB at 5,000")
    row("peak RSS, plain baseline", [f"{r['plain_rss_mb']} MB" for r in results])
    for label, key, unit in (("pages", "pages", ""), ("median page HTML", "median_kb", " KB"),
                             ("largest page HTML", "max_kb", " KB"), ("total site size", "total_mb", " MB")):
        cells = [(f"{r['guide_pages'][key]:.0f}" if key == "pages" else f"{r['guide_pages'][key]:.1f}") + unit  # type: ignore[index]
                 for r in results]
        row(label, cells, "flat" if key == "median_kb" else "")
    row("`make serve`: rebuild after editing one lesson's title, until the page shows it",
        [f"{r['serve_rebuild_s']:.1f} s" for r in results], "at most 5 s at 1,000 (moonshot 2 s)")
    if full_rebuild is not None:
        row("the same under a plain `mkdocs serve` (every page rebuilt)", [f"{full_rebuild:.1f} s"] +
            ["" for _ in results[1:]])
    lines += ["", "Raw figures:", "", "```json", json.dumps(results, indent=1), "```", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        results.append(measure(size, args.repeat, args.work))
        print(json.dumps(results[-1]), flush=True)
    full_rebuild = rebuild_after_edit(args.work / f"guide-{args.sizes[0]}", 1, dirty=False)
    # The notes at the end (from "## Notes" on) are written by hand: they stay when the figures are measured again.
    old = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
    notes = old[old.index("\n## Notes"):] if "\n## Notes" in old else ""
    args.results.write_text(report(results, full_rebuild, args.repeat) + notes, encoding="utf-8")
    print(args.results.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
