"""Benchmark the guide against a plain MkDocs build of the same pages, and write bench/RESULTS.md.

    python bench/run.py                # 100 and 1,000 lessons, 50 pathways, 3 repeats (about 10 minutes)
    python bench/run.py --repeat 1     # quicker, noisier

Each measurement runs in its own process and is repeated; the table shows medians. The baseline is the same
guide exported with `pathways export` (the very same pages and Markdown) and built by MkDocs + Material with
no plugin and a small navigation, so the ratio is the cost of the plugin itself.
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
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


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


def rebuild_after_edit(guide: Path, dirty: bool = False) -> float:
    """Seconds from saving a lesson to the served page showing the change, under `mkdocs serve` (with
    `--dirty`, as `make serve-fast` runs it, when ``dirty``)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    flags = ["--dirty", "--no-strict"] if dirty else []
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", *flags, "-a", f"127.0.0.1:{port}"],
                              cwd=guide, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lesson = sorted((guide / "lessons").glob("*.md"))[len(list((guide / "lessons").glob("*.md"))) // 2]
    url = f"http://127.0.0.1:{port}/lessons/{lesson.stem}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode())
        except OSError:
            return ""

    try:
        deadline = time.time() + 600
        while "Where this fits" not in page() and "Dónde encaja" not in page():
            if time.time() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.5)
        time.sleep(2)
        text = lesson.read_text()
        marker = f"Edited {time.time_ns()}"
        start = time.perf_counter()
        lesson.write_text(text.replace('"title": "', f'"title": "{marker} ', 1))
        while marker not in page():
            if time.perf_counter() - start > 300:
                raise SystemExit("the edit never showed up")
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
        lesson.write_text(text)
        return elapsed
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(lessons: int, pathways: int, repeat: int, work: Path) -> dict[str, object]:
    guide = work / f"guide-{lessons}"
    baseline = work / f"baseline-{lessons}"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--lessons", str(lessons), "--pathways",
                    str(pathways), "--out", str(guide)], check=True)
    if baseline.exists():
        shutil.rmtree(baseline)
    subprocess.run([str(BIN / "pathways"), "export", "--out", str(baseline)], cwd=guide, check=True, env=ENV,
                   capture_output=True)
    check = [run([str(BIN / "pathways"), "check"], guide)[0] for _ in range(repeat)]
    guide_runs = [run([str(BIN / "mkdocs"), "build", "-q"], guide) for _ in range(repeat)]
    base_runs = [run([str(BIN / "mkdocs"), "build", "-q"], baseline) for _ in range(repeat)]
    result: dict[str, object] = {
        "lessons": lessons, "pathways": pathways,
        "check_s": statistics.median(check),
        "build_s": statistics.median(t for t, _ in guide_runs), "build_rss_mb": max(m for _, m in guide_runs),
        "baseline_s": statistics.median(t for t, _ in base_runs), "baseline_rss_mb": max(m for _, m in base_runs),
        "guide_pages": page_sizes(guide / "site"), "baseline_pages": page_sizes(baseline / "site"),
    }
    result["ratio"] = float(result["build_s"]) / float(result["baseline_s"])  # type: ignore[arg-type]
    return result


def report(results: list[dict[str, object]], rebuild: float, rebuild_dirty: float, repeat: int) -> str:
    small, large = results[0], results[-1]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    lines = [
        "# Benchmark results", "",
        f"Measured {time.strftime('%Y-%m-%d')} by `python bench/run.py --repeat {repeat}` (medians of {repeat} runs; "
        "peak RSS is the largest of the runs).", "",
        f"Machine: {os.cpu_count()} cores ({cpu}), {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}.", "",
        "Baseline: the same guide exported with `pathways export` and built by MkDocs + Material with no plugin "
        "(same pages, same Markdown, small navigation).", "",
        "| measure | 100 lessons | 1,000 lessons | target (1,000) |", "|---|---|---|---|",
        f"| `pathways check` | {small['check_s']:.2f} s | {large['check_s']:.2f} s | under 1 s |",
        f"| full build of the guide | {small['build_s']:.1f} s | {large['build_s']:.1f} s | |",
        f"| plain MkDocs baseline, same pages | {small['baseline_s']:.1f} s | {large['baseline_s']:.1f} s | |",
        f"| build ÷ baseline | {small['ratio']:.2f}× | {large['ratio']:.2f}× | at most 1.15× |",
        f"| peak RSS, guide build | {small['build_rss_mb']} MB | {large['build_rss_mb']} MB | under 1.5 GB |",
        f"| peak RSS, baseline build | {small['baseline_rss_mb']} MB | {large['baseline_rss_mb']} MB | |",
    ]
    for label, key in (("pages", "pages"), ("median page HTML", "median_kb"), ("largest page HTML", "max_kb"),
                       ("total site size", "total_mb")):
        unit = {"pages": "", "median_kb": " KB", "max_kb": " KB", "total_mb": " MB"}[key]
        fmt = "{:.0f}" if key == "pages" else "{:.1f}"
        values = [fmt.format(r["guide_pages"][key]) + unit for r in (small, large)]  # type: ignore[index]
        target = ""
        if key == "median_kb":
            growth = large["guide_pages"]["median_kb"] / small["guide_pages"]["median_kb"] - 1  # type: ignore[index]
            target = f"at most +10% (measured {growth:+.1%})"
        lines.append(f"| {label} | {values[0]} | {values[1]} | {target} |")
    lines += [f"| rebuild after editing one lesson, `mkdocs serve` (`make serve`) | | {rebuild:.1f} s | |",
              f"| the same with `mkdocs serve --dirty` (`make serve-fast`) | | {rebuild_dirty:.1f} s | under 5 s |", "",
              "Raw figures:", "", "```json", json.dumps(results, indent=1), "```", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--pathways", type=int, default=50)
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = [measure(n, args.pathways, args.repeat, args.work) for n in args.sizes]
    for result in results:
        print(json.dumps(result))
    largest = args.work / f"guide-{args.sizes[-1]}"
    rebuild = statistics.median(rebuild_after_edit(largest) for _ in range(args.repeat))
    rebuild_dirty = statistics.median(rebuild_after_edit(largest, dirty=True) for _ in range(args.repeat))
    args.results.write_text(report(results, rebuild, rebuild_dirty, args.repeat), encoding="utf-8")
    print(args.results.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
