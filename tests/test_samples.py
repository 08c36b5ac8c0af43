"""Golden files and the engine's invariants over every sample, dev page and seed.

samples/NAME.raw.txt -> samples/NAME.clean.txt must match exactly (after turning
CRLF into LF and ending with one newline, as the expected files are written).
Over the shared dev set and seed (when ../shared is present) the comparison is
the scorer's: blank lines dropped, line-edge white space ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner import textio

from .conftest import DEV_SET, SAMPLES, SEEDS

SAMPLE_PAIRS = sorted(SAMPLES.glob("*.raw.txt"))
KNOWN_FAILURES = sorted((SAMPLES / "known-failures").glob("*.raw.txt"))
SHARED_PAIRS = sorted(DEV_SET.glob("*.raw.txt")) + sorted(SEEDS.glob("*.raw.txt"))
ALL_RAW = SAMPLE_PAIRS + KNOWN_FAILURES + SHARED_PAIRS


def expected_path(raw: Path) -> Path:
    return raw.with_name(raw.name.removesuffix(".raw.txt") + ".clean.txt")


def as_lf(data: bytes) -> str:
    text = data.decode("utf-8", "surrogateescape").removeprefix("\ufeff").replace("\r\n", "\n")
    return text.rstrip("\n") + "\n" if text.strip() else ""


def scorer_lines(text: str) -> list[str]:
    return [line.strip() for line in text.removeprefix("\ufeff").splitlines() if line.strip()]


def ids(paths: list[Path]) -> list[str]:
    return [p.name.removesuffix(".raw.txt") for p in paths]


@pytest.mark.parametrize("raw", SAMPLE_PAIRS, ids=ids(SAMPLE_PAIRS))
def test_sample_golden(raw: Path) -> None:
    output, _ = cleaner.clean_bytes(raw.read_bytes())
    assert as_lf(output) == as_lf(expected_path(raw).read_bytes())


@pytest.mark.xfail(strict=True, reason="samples/known-failures/README.md says what is wrong")
@pytest.mark.parametrize("raw", KNOWN_FAILURES, ids=ids(KNOWN_FAILURES))
def test_known_failure(raw: Path) -> None:
    output, _ = cleaner.clean_bytes(raw.read_bytes())
    assert as_lf(output) == as_lf(expected_path(raw).read_bytes())


@pytest.mark.skipif(not SHARED_PAIRS, reason="../shared is not beside this checkout")
@pytest.mark.parametrize("raw", SHARED_PAIRS, ids=ids(SHARED_PAIRS))
def test_shared_page_matches_expected(raw: Path) -> None:
    output, _ = cleaner.clean_bytes(raw.read_bytes())
    expected = expected_path(raw).read_text(encoding="utf-8")
    assert scorer_lines(output.decode("utf-8", "replace")) == scorer_lines(expected)


@pytest.mark.parametrize("raw", ALL_RAW, ids=ids(ALL_RAW))
def test_invariants(raw: Path) -> None:
    data = raw.read_bytes()
    output, result = cleaner.clean_bytes(data)
    # byte identity: nothing found, nothing changed
    if not result.findings:
        assert output == data
    # replay: the findings alone turn the input into the output
    source = textio.decode(data)
    replayed = textio.render_text(source, cleaner.apply_findings(source.lines, result.findings))
    assert textio.encode(replayed) == output
    # idempotence: the output is clean
    again, second = cleaner.clean_bytes(output)
    assert second.findings == () and again == output
    # the line-ending style survives
    if b"\r\n" in data:
        assert b"\r\n" in output and b"\n" not in output.replace(b"\r\n", b"")


def test_no_noise_sample_is_byte_identical() -> None:
    clean_pages = [p for p in SAMPLE_PAIRS if p.read_bytes() == expected_path(p).read_bytes()]
    assert clean_pages, "keep at least one sample with nothing to remove"
    for raw in clean_pages:
        assert cleaner.clean_bytes(raw.read_bytes())[0] == raw.read_bytes()
