"""One benchmark run: throughput of newsclean against a read-and-write-lines baseline.

    python benchmarks/run.py [--size-mb 10] [--seed 1] [--corpus DIR] [--json]

Generates (or reuses, with ``--corpus``) the deterministic corpus of ``generate.py``, then
measures, each in a fresh subprocess:

- baseline: ``for line in f: out.write(line)`` over the concatenated pages (best of 5);
- engine: ``Cleaner.clean_text`` over every page, in-process (pages read beforehand);
- CLI: ``python -m cleaner PAGE...`` over the page files (start-up included);
- JSONL ``-j 1`` and ``-j 2`` over ``corpus.jsonl`` (through the CLI when it has
  ``--jsonl``, else through ``cleaner.jsonl.process_jsonl``);
- start-up: ``python -m cleaner --version`` and cleaning one small page.

MB are 10**6 bytes of input (page text; the JSONL file for the JSONL rows); lines/s
count the pages' text lines. Peak memory is the largest single process (``wait4``) and
the whole process tree (sampled from /proc, Linux only); "cpu s" is the user + system time of
the subprocess and its workers (for self-timed rows it includes start-up and reading the
corpus). Run it on an idle machine: the load average around the run is printed. No figure
is asserted here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

CLI_BATCH = 400  # page paths per CLI invocation


# -- measuring a subprocess -----------------------------------------------------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, now (0 where /proc is missing)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss_kb(current)
        todo += _children(current)
    return total


class Run:
    """Wall time, exit status and peak memory of subprocesses run one after another."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.max_rss_mb = 0.0
        self.tree_mb = 0.0

    def __call__(self, cmd: list[str], stdout: Path | None = None) -> None:
        out = open(stdout, "ab") if stdout else subprocess.DEVNULL  # noqa: SIM115
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
            peak = [0]
            done = threading.Event()

            def sample() -> None:
                while not done.wait(0.02):
                    peak[0] = max(peak[0], tree_rss_kb(proc.pid))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            assert proc.stderr is not None
            errors = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            done.set()
            sampler.join()
        finally:
            if stdout:
                out.close()  # type: ignore[union-attr]
        self.seconds += time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(
                f"benchmark step failed ({proc.returncode}): {' '.join(cmd[:6])}\n{errors.decode()}"
            )
        self.cpu_seconds += usage.ru_utime + usage.ru_stime  # the process and its workers
        self.max_rss_mb = max(self.max_rss_mb, usage.ru_maxrss / 1024)
        self.tree_mb = max(self.tree_mb, peak[0] / 1024)


# -- the steps run inside a subprocess (--task) -----------------------------------------


def task_baseline(corpus: Path, out: Path, repeat: int = 5) -> float:
    """The best of ``repeat`` passes (one pass over a small corpus is too short to time)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        with open(corpus / "corpus.txt", "rb") as source, open(out, "wb") as sink:
            for line in source:
                sink.write(line)
        best = min(best, time.perf_counter() - started)
    return best


def task_engine(corpus: Path, out: Path) -> float:
    import cleaner

    pages = [p.read_bytes().decode("utf-8") for p in sorted((corpus / "pages").rglob("*.txt"))]
    engine = cleaner.get_cleaner()
    started = time.perf_counter()
    changed = sum(engine.clean_text(page).changed for page in pages)
    seconds = time.perf_counter() - started
    out.write_text(f"{changed} of {len(pages)} pages changed\n", encoding="utf-8")
    return seconds


def task_jsonl(corpus: Path, out: Path, jobs: int) -> float:
    import cleaner
    from cleaner.jsonl import process_jsonl

    started = time.perf_counter()
    with open(out, "wb") as sink:
        process_jsonl(corpus / "corpus.jsonl", sink, cleaner=cleaner.get_cleaner(), jobs=jobs)
    return time.perf_counter() - started


def run_task(name: str, corpus: Path, out: Path, result: Path) -> None:
    if name == "baseline":
        seconds = task_baseline(corpus, out)
    elif name == "engine":
        seconds = task_engine(corpus, out)
    else:
        seconds = task_jsonl(corpus, out, int(name.removeprefix("jsonl-j")))
    result.write_text(json.dumps({"seconds": seconds}), encoding="utf-8")


# -- the driver -----------------------------------------------------------------------


def cli_help() -> str:
    done = subprocess.run([sys.executable, "-m", "cleaner", "--help"], capture_output=True, text=True)
    return done.stdout


def measure(work: Path, corpus: Path, manifest: dict[str, Any]) -> dict[str, dict[str, float | str]]:
    results: dict[str, dict[str, float | str]] = {}
    text_mb = manifest["bytes"] / 1e6
    jsonl_mb = manifest["jsonl_bytes"] / 1e6
    lines = manifest["lines"]

    def record(name: str, how: str, run: Run, seconds: float, megabytes: float) -> None:
        results[name] = {
            "how": how,
            "seconds": round(seconds, 3),
            "cpu_seconds": round(run.cpu_seconds, 3),
            "mb_per_s": round(megabytes / seconds, 3),
            "lines_per_s": round(lines / seconds),
            "peak_rss_mb": round(run.max_rss_mb, 1),
            "peak_tree_mb": round(run.tree_mb, 1),
        }

    def self_timed(name: str, how: str, megabytes: float) -> None:
        run, result = Run(), work / f"{name}.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--task", name, "--corpus", str(corpus)]
        run([*cmd, "--out", str(work / f"{name}.out"), "--result", str(result)])
        record(name, how, run, json.loads(result.read_text())["seconds"], megabytes)

    self_timed("baseline", "for line in f: out.write(line) over corpus.txt, best of 5", text_mb)
    self_timed("engine", "Cleaner.clean_text over every page, in-process", text_mb)

    helptext = cli_help()
    run = Run()
    pages = [str(p) for p in sorted((corpus / "pages").rglob("*.txt"))]
    one_job = ["-j", "1"] if "--jobs" in helptext else []
    for start in range(0, len(pages), CLI_BATCH):
        run([sys.executable, "-m", "cleaner", *one_job, *pages[start : start + CLI_BATCH]], work / "cli.out")
    how = " ".join(["python -m cleaner", *one_job, f"PAGE... ({CLI_BATCH} pages per call)"])
    record("cli", how, run, run.seconds, text_mb)

    via_cli = "--jsonl" in helptext and ("--jobs" in helptext or "-j" in helptext)
    for jobs in (1, 2):
        name = f"jsonl-j{jobs}"
        if via_cli:
            run = Run()
            cmd = [sys.executable, "-m", "cleaner", "--jsonl", "-j", str(jobs), str(corpus / "corpus.jsonl")]
            run(cmd, work / f"{name}.out")
            record(name, f"python -m cleaner --jsonl -j {jobs} corpus.jsonl", run, run.seconds, jsonl_mb)
        else:
            self_timed(name, f"process_jsonl(jobs={jobs}) (the CLI has no --jsonl yet)", jsonl_mb)

    startup: dict[str, float | str] = {}
    small = min(pages, key=lambda p: Path(p).stat().st_size)
    for label, cmd in (("version", ["--version"]), ("one_page", [small])):
        times = []
        for _ in range(3):
            run = Run()
            run([sys.executable, "-m", "cleaner", *cmd])
            times.append(run.seconds)
        startup[f"{label}_s"] = round(min(times), 3)
    results["startup"] = startup
    return results


def machine(load_before: float) -> dict[str, str]:
    """What the figures were measured on; a load average well above 0 means a busy machine."""
    return {
        "cores": str(os.cpu_count()),
        "load": f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after (1-min load average)",
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "date": date.today().isoformat(),
    }


def table(manifest: dict[str, Any], results: dict[str, dict[str, float | str]], info: dict[str, str]) -> str:
    base = float(results["baseline"]["mb_per_s"])
    rows = [
        f"corpus: {manifest['bytes'] / 1e6:.1f} MB of page text, {manifest['pages']:,} pages, "
        f"{manifest['lines']:,} lines; corpus.jsonl {manifest['jsonl_bytes'] / 1e6:.1f} MB; seed {manifest['seed']}",
        f"machine: {info['cores']} cores, Python {info['python']}, {info['system']}, {info['date']}",
        f"load: {info['load']}",
        "",
        f"{'':16} {'MB/s':>9} {'lines/s':>10} {'x baseline':>11} {'peak MB':>8} {'tree MB':>8} {'s':>8} {'cpu s':>8}",
    ]
    for name, row in results.items():
        if name == "startup":
            continue
        rows.append(
            f"{name:16} {row['mb_per_s']:>9.2f} {row['lines_per_s']:>10,} "
            f"{float(row['mb_per_s']) / base:>11.4f} {row['peak_rss_mb']:>8.0f} {row['peak_tree_mb']:>8.0f} "
            f"{row['seconds']:>8.2f} {row['cpu_seconds']:>8.2f}"
        )
    j1, j2 = results["jsonl-j1"], results["jsonl-j2"]
    rows.append("")
    rows.append(
        f"JSONL -j 2 / -j 1: {float(j2['mb_per_s']) / float(j1['mb_per_s']):.2f}x "
        f"(CPU seconds -j 2 / -j 1: {float(j2['cpu_seconds']) / float(j1['cpu_seconds']):.2f})"
    )
    rows.append(
        f"start-up: --version {results['startup']['version_s']:.2f} s, "
        f"one small page {results['startup']['one_page_s']:.2f} s"
    )
    rows += [f"{name}: {row['how']}" for name, row in results.items() if name != "startup"]
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=float, default=10.0, help="MB of page text (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="generate into / reuse this folder (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON on stdout")
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.task:
        run_task(args.task, args.corpus, args.out, args.result)
        return

    work = Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    try:
        corpus = args.corpus or work / "corpus"
        manifest_path = corpus / "manifest.json"
        manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else None
        if manifest is None or (manifest["size_mb"], manifest["seed"]) != (args.size_mb, args.seed):
            if manifest is not None:
                shutil.rmtree(corpus)
            print(f"generating {args.size_mb} MB corpus in {corpus} ...", file=sys.stderr)
            manifest = generate(corpus, args.size_mb, args.seed)
        load_before = os.getloadavg()[0]
        results = measure(work, corpus, manifest)
        info = machine(load_before)
        report = table(manifest, results, info)
        if args.json:
            print(report, file=sys.stderr)
            print(json.dumps({"machine": info, "corpus": manifest, "results": results}, indent=2))
        else:
            print(report)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
