"""Fuzz newsclean's guarantees: never raise, byte identity, replay, order, idempotence, round trips.

Run with atheris (coverage-guided libFuzzer) when it is installed, else with hypothesis:

    .venv/bin/python fuzz/fuzz_clean.py -max_total_time=1800           # atheris, 30 minutes
    .venv/bin/python fuzz/fuzz_clean.py --engine hypothesis --minutes 30
    .venv/bin/python fuzz/fuzz_clean.py --minimize fuzz/out/failures/<id>.bin

Failures do not stop the run: each distinct one (by broken guarantee and exception) is written to
``fuzz/out/failures/`` with its input, and ``fuzz/out/stats.json`` counts the inputs tried.
See fuzz/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
OUT = Path(os.environ.get("NEWSCLEAN_FUZZ_OUT", ROOT / "fuzz" / "out"))

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the machine
    atheris = None

if atheris is not None and "--engine" not in sys.argv and "--minimize" not in sys.argv:
    with atheris.instrument_imports(include=["cleaner"]):
        import cleaner  # noqa: F401
import pagegen  # noqa: E402

STATS = {"inputs": 0, "failures": 0, "distinct": 0, "started": time.time(), "engine": ""}
SEEN: set[str] = set()


# -- inputs ---------------------------------------------------------------------------------------


class Draw:
    """Decisions for building an input, from any source of ints (atheris, hypothesis, random)."""

    def __init__(self, int_in_range: Callable[[int, int], int], raw: Callable[[int], bytes]) -> None:
        self.int = int_in_range
        self.raw = raw

    def choose(self, items: Sequence[str]) -> str:
        return items[self.int(0, len(items) - 1)]


def korean_legacy(draw: Draw) -> bytes:
    """A page in CP949/EUC-KR (only the lines that encode), maybe with a stray byte."""
    lines = [line for line in pagegen.page_lines(draw.choose, draw.int) if pagegen.encodable(line, "cp949")]
    data = pagegen.assemble(lines, newline=draw.choose(["\n", "\r\n"])).decode("utf-8").encode("cp949")
    if draw.int(0, 3) == 0:
        cut = draw.int(0, len(data))
        data = data[:cut] + draw.raw(draw.int(1, 3)) + data[cut:]
    return data


def build_input(draw: Draw) -> tuple[bytes, str | None]:
    """An input document and the encoding to ask for (None: detect)."""
    mode = draw.int(0, 5)
    if mode == 0:
        return draw.raw(draw.int(0, 4096)), None
    if mode == 1:
        text = draw.raw(draw.int(0, 2048)).decode("utf-8", "replace")
        return text.encode("utf-8"), None
    if mode == 2:
        return korean_legacy(draw), draw.choose(["", "", "cp949", "euc-kr"]) or None
    lines = pagegen.page_lines(draw.choose, draw.int)
    bad = [
        (draw.int(0, 50), pagegen.BAD_BYTES[draw.int(0, len(pagegen.BAD_BYTES) - 1)])
        for _ in range(draw.int(0, 2))
    ]
    data = pagegen.assemble(
        lines,
        newline=draw.choose(["\n", "\n", "\r\n"]),
        bom=draw.int(0, 4) == 0,
        final_newline=draw.int(0, 3) != 0,
        bad=bad,
    )
    if mode == 5 and data:  # splice raw bytes somewhere
        cut = draw.int(0, len(data))
        data = data[:cut] + draw.raw(draw.int(0, 16)) + data[cut + draw.int(0, 8) :]
    return data, None


def run_one(data: bytes, encoding: str | None) -> None:
    """Check every guarantee on one input; record a failure instead of stopping."""
    STATS["inputs"] += 1
    try:
        pagegen.check_bytes(data, encoding)
    except Exception as exc:
        record(data, encoding, exc)
    if STATS["inputs"] % 2000 == 0:
        write_stats()


def failure_key(exc: BaseException) -> str:
    key = getattr(exc, "key", None)
    if isinstance(key, str):
        return key
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__}@{where}"


def record(data: bytes, encoding: str | None, exc: BaseException) -> None:
    STATS["failures"] += 1
    key = failure_key(exc)
    if key in SEEN:
        return
    SEEN.add(key)
    STATS["distinct"] += 1
    digest = hashlib.sha1(data).hexdigest()[:12]
    folder = OUT / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{digest}.bin").write_bytes(data)
    detail = {
        "key": key,
        "encoding": encoding,
        "error": repr(exc),
        "traceback": traceback.format_exception(exc),
    }
    (folder / f"{digest}.json").write_text(json.dumps(detail, indent=1, ensure_ascii=False))
    print(f"\nFAILURE {key} -> {folder / digest}.bin", file=sys.stderr, flush=True)
    write_stats()


def write_stats() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    stats = dict(STATS, seconds=round(time.time() - float(STATS["started"]), 1), keys=sorted(SEEN))
    (OUT / "stats.json").write_text(json.dumps(stats, indent=1))


# -- engines --------------------------------------------------------------------------------------


def atheris_main(argv: list[str]) -> None:
    assert atheris is not None
    STATS["engine"] = "atheris"

    def test_one_input(buffer: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(buffer)

        def int_in_range(lo: int, hi: int) -> int:
            return int(fdp.ConsumeIntInRange(lo, hi))

        def raw(n: int) -> bytes:
            return bytes(fdp.ConsumeBytes(n))

        data, encoding = build_input(Draw(int_in_range, raw))
        run_one(data, encoding)

    import atexit

    atexit.register(write_stats)
    args = argv[1:]
    if not any(a.startswith("-max_len") for a in args):
        args.append("-max_len=8192")
    atheris.Setup([argv[0], *args], test_one_input)
    atheris.Fuzz()


def hypothesis_main(minutes: float, seed: int | None) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    STATS["engine"] = "hypothesis"

    @st.composite
    def inputs(draw_fn: st.DrawFn) -> tuple[bytes, str | None]:
        return build_input(
            Draw(
                lambda lo, hi: draw_fn(st.integers(lo, hi)),
                lambda n: draw_fn(st.binary(max_size=n)),
            )
        )

    @settings(
        max_examples=2000,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs())
    def body(case: tuple[bytes, str | None]) -> None:
        run_one(*case)

    end = time.time() + minutes * 60
    rounds = 0
    while time.time() < end:
        test = hseed(seed + rounds)(body) if seed is not None else body
        test()
        rounds += 1
        write_stats()
    print(json.dumps({k: STATS[k] for k in ("inputs", "failures", "distinct")}))


# -- minimising -----------------------------------------------------------------------------------


def same_failure(key: str, data: bytes, encoding: str | None) -> bool:
    try:
        pagegen.check_bytes(data, encoding)
    except Exception as exc:
        return failure_key(exc) == key
    return False


def ddmin(units: list[bytes], keep: Callable[[list[bytes]], bool]) -> list[bytes]:
    """Classic delta debugging over ``units`` (lines or bytes)."""
    n = 2
    while len(units) >= 2:
        chunk = max(1, len(units) // n)
        for start in range(0, len(units), chunk):
            rest = units[:start] + units[start + chunk :]
            if rest and keep(rest):
                units, n = rest, max(n - 1, 2)
                break
        else:
            if chunk == 1:
                break
            n = min(len(units), n * 2)
    return units


def minimize(path: Path) -> None:
    data = path.read_bytes()
    meta_path = path.with_suffix(".json")
    encoding = json.loads(meta_path.read_text())["encoding"] if meta_path.exists() else None
    try:
        pagegen.check_bytes(data, encoding)
    except Exception as exc:
        key = failure_key(exc)
    else:
        print("does not fail (any more)")
        return
    lines = ddmin(data.splitlines(keepends=True), lambda u: same_failure(key, b"".join(u), encoding))
    small = b"".join(lines)
    chars = ddmin([bytes([b]) for b in small], lambda u: same_failure(key, b"".join(u), encoding))
    small = b"".join(chars)
    out = path.with_suffix(".min.bin")
    out.write_bytes(small)
    print(f"{key}\n{len(data)} -> {len(small)} bytes: {small!r}\n-> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--engine", choices=["atheris", "hypothesis"])
    parser.add_argument("--minutes", type=float, default=5.0, help="hypothesis engine: how long")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis engine: fixed seed")
    parser.add_argument("--minimize", type=Path, help="shrink a saved failing input")
    args, rest = parser.parse_known_args()
    if args.minimize:
        minimize(args.minimize)
    elif args.engine == "hypothesis" or (args.engine is None and atheris is None):
        hypothesis_main(args.minutes, args.seed)
    else:
        if atheris is None:
            sys.exit("atheris is not installed: pip install atheris, or use --engine hypothesis")
        atheris_main([sys.argv[0], *rest])


if __name__ == "__main__":
    main()
