"""The benchmark corpus is deterministic and the benchmark script runs (no timings asserted)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "benchmarks" / "generate.py"
RUN = ROOT / "benchmarks" / "run.py"


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def generate(out: Path, size_mb: str, seed: str = "7") -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(GENERATE), str(out), "--size-mb", size_mb, "--seed", seed],
        capture_output=True,
        text=True,
        check=True,
    )
    manifest: dict[str, object] = json.loads(done.stdout)
    return manifest


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", "0.05")
    second = generate(tmp_path / "b", "0.05")
    assert first == second
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert generate(tmp_path / "c", "0.05", seed="8") != first


def test_generated_corpus_is_consistent(tmp_path: Path) -> None:
    manifest = generate(tmp_path, "0.05")
    pages = sorted((tmp_path / "pages").rglob("*.txt"))
    records = [json.loads(line) for line in (tmp_path / "corpus.jsonl").read_bytes().splitlines()]
    assert len(pages) == len(records) == manifest["pages"]
    assert [r["text"].encode() for r in records] == [p.read_bytes() for p in pages]
    assert b"".join(p.read_bytes() for p in pages) == (tmp_path / "corpus.txt").read_bytes()
    assert manifest["bytes"] == (tmp_path / "corpus.txt").stat().st_size >= 50_000
    assert any(r["lang"] == "ko" for r in records)


def test_benchmark_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--size-mb", "0.2", "--corpus", str(tmp_path / "corpus"), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report["results"]) >= {"baseline", "engine", "cli", "jsonl-j1", "jsonl-j2", "startup"}
    assert "x baseline" in done.stderr
