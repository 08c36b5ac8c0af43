"""Property tests of the output-format guarantees (cleaning policy, "Output format").

Inputs are random text and bytes, and page-like documents assembled from invented fragments
(headlines, body sentences with index levels, ticker rows, bylines, copyright lines, menus,
blank lines, CRLF, BOM, invalid UTF-8). Each test is bounded and derandomized, so CI sees the
same examples every run; fuzz/fuzz_clean.py explores the same properties without a bound.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import textio
from cleaner.encoding import decode_bytes

from . import pagegen

PROFILE = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Every character, lone surrogates included (they stand for undecodable bytes).
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=400)
LINE_TEXT = st.text(st.characters(exclude_characters="\n"), max_size=60)


@st.composite
def page_lines(draw: st.DrawFn) -> list[str]:
    def choose(items: object) -> str:
        return draw(st.sampled_from(list(items)))  # type: ignore[call-overload]

    lines = pagegen.page_lines(choose, lambda lo, hi: draw(st.integers(lo, hi)))
    if draw(st.booleans()):  # a random line somewhere
        lines.insert(draw(st.integers(0, len(lines))), draw(LINE_TEXT))
    return lines


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    lines = draw(page_lines())
    bad = draw(st.lists(st.tuples(st.integers(0, 50), st.sampled_from(pagegen.BAD_BYTES)), max_size=2))
    return pagegen.assemble(
        lines,
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        bom=draw(st.booleans()),
        final_newline=draw(st.booleans()),
        bad=bad,
    )


@st.composite
def page_text(draw: st.DrawFn) -> str:
    """A page as text with a mix of LF and CRLF endings, maybe a BOM and escaped bytes."""
    lines = draw(page_lines())
    text = pagegen.mixed_newlines(lines, lambda lo, hi: draw(st.integers(lo, hi)))
    if draw(st.booleans()):
        text = text.rstrip("\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    if draw(st.booleans()):
        text = text.replace("기자", "기\udcff자", 1)
    return text


@st.composite
def legacy_page(draw: st.DrawFn) -> bytes:
    """A Korean page in CP949 (lines that do not encode are left out)."""
    lines = [line for line in draw(page_lines()) if pagegen.encodable(line, "cp949")]
    return pagegen.assemble(lines, newline=draw(st.sampled_from(["\n", "\r\n"]))).decode().encode("cp949")


# -- the guarantees, idempotence apart (see below) ------------------------------------------------------


@PROFILE
@given(page_bytes())
def test_page_bytes(data: bytes) -> None:
    """Byte identity when nothing is removed, replay, order, findings account for every removal."""
    pagegen.check_bytes(data, idempotence=False)


@PROFILE
@given(page_text())
def test_page_text(text: str) -> None:
    pagegen.check_text(text, idempotence=False)


@PROFILE
@given(ANY_TEXT)
def test_any_unicode_never_raises(text: str) -> None:
    pagegen.check_text(text, idempotence=False)


@PROFILE
@given(st.binary(max_size=600))
def test_any_bytes_never_raise(data: bytes) -> None:
    pagegen.check_bytes(data, idempotence=False)


@PROFILE
@given(st.lists(st.sampled_from(pagegen.POOL_NAMES), max_size=20), st.randoms(use_true_random=False))
def test_fragment_soup(pools: list[str], rnd: object) -> None:
    """Fragments in any order, not just page order."""
    import random

    assert isinstance(rnd, random.Random)
    lines = [rnd.choice(pagegen.POOLS[name]) for name in pools]
    pagegen.check_bytes(pagegen.assemble(lines, newline=rnd.choice(["\n", "\r\n"])), idempotence=False)


@PROFILE
@given(legacy_page())
def test_legacy_korean_pages(data: bytes) -> None:
    """CP949 input: read losslessly, cleaned like its UTF-8 twin, written back in CP949."""
    pagegen.check_bytes(data, idempotence=False)
    out, _ = cleaner.clean_bytes(data)
    twin, _ = cleaner.clean_bytes(data.decode("cp949").encode("utf-8"))
    if decode_bytes(data).encoding == "cp949":  # detected (a page of ASCII only is UTF-8 anyway)
        assert out.decode("cp949") == twin.decode("utf-8")


@PROFILE
@given(page_bytes())
def test_no_findings_means_same_bytes(data: bytes) -> None:
    out, result = cleaner.clean_bytes(data)
    assert result.changed or out is data
    if result.changed:
        source = textio.decode(data)
        assert len(out) < len(data) + len(source.lines) + 4  # output only loses text (+ CRLF tidy)


def test_kept_in_order_helper() -> None:
    assert pagegen.kept_in_order(["a", "  (x=y 기자) b", "c"], ["a", "  b", "", "c"])
    assert not pagegen.kept_in_order(["a", "b"], ["b", "a"])
    assert not pagegen.kept_in_order(["abc"], ["abd"])


# -- idempotence -------------------------------------------------------------------------------------------

HEADLINE_KO = "한결경제, 반도체 수출 회복에 3분기 영업이익 두 자릿수 증가 전망"
HEADLINE_EN = "Regional lenders brace for slower loan growth as deposit costs climb"


@pytest.mark.parametrize(
    "lines",
    [
        # The first headline candidate recurs, so it wins; its repeat is dropped; the second pass
        # picks the real headline and drops the first line as head residue.
        ["항목 현재가 전일대비", "항목 현재가 전일대비", HEADLINE_KO, HEADLINE_KO],
        # The repeated headline at the end hides two short lines from the tail finder; once it is
        # dropped they become tail and the second pass drops one of them.
        [HEADLINE_EN, "abc", "abc", HEADLINE_EN],
    ],
    ids=["headline-recurrence", "tail-behind-duplicate"],
)
def test_idempotence_reproducers(lines: list[str]) -> None:
    pagegen.check_idempotent("\n".join(lines))


LEDE = "(서울=한결뉴스) 홍길동 기자 = 정부가 내년 예산안에서 연구개발 예산을 12% 늘리기로 했다."
BODY = "코스피는 전 거래일보다 24.15포인트(0.81%) 오른 3,021.47에 장을 마쳤다."


@pytest.mark.parametrize(
    "lines",
    [
        # Two arrowed rows, a byline, one more row: no run of 3 (min-run) in the first pass; once
        # the byline is dropped the three rows are a run and the second pass drops them.
        [
            HEADLINE_KO,
            LEDE,
            "코스피 2,601.20 ▼8.10",
            "코스닥 731.55 ▼2.04",
            "By Dana Kim",
            "원/달러 1,391.00 ▲3.50",
            BODY,
        ],
        # The same with a related-article link between the rows.
        [
            HEADLINE_KO,
            LEDE,
            "코스피 2,601.20 ▼8.10",
            "코스닥 731.55 ▼2.04",
            "▶관련기사:",
            "원/달러 1,391.00 ▲3.50",
            BODY,
        ],
        # The dateline makes line 3 the lede, so the sign-off before it is head and stays; once the
        # dateline is trimmed the lede moves up and the second pass drops the sign-off.
        [HEADLINE_KO, "한결TV 최지훈입니다.", "(서울=한결뉴스) 홍길동 기자 = 정부가 예산을 늘린다."],
    ],
    ids=["run-joined-by-removal", "run-joined-by-removed-link", "lede-moves-after-trim"],
)
def test_idempotence_evidence_removed(lines: list[str]) -> None:
    pagegen.check_idempotent("\n".join(lines))


# Found by the fuzzer against the fixed-point engine (cc27e4e): two passes of `clean` differed
# (the browser-title window counted blank lines, which the first pass collapses).
BROWSER_TITLE_CASE = b"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\xa1\n`\n\nz\n\n\xc6\n\n`\n\n`\n\n`\n\n\xff\n\xa1\n\n\n\n\nA\nz\n`\n\n\xa1\n\n`\n\xa1\n\n`\n`\n\n\xa1\n\xa1|\n\n\xc6\n\n\xc6\n\n`\n\n\xa1\n\xa1\n\n`\n\xa1\n\n]\n\nz\n\n\xa1\n\n`\n\xa1\n\n]\n\nz\n`\n\nz\n\n\xc6\n\n`\n\n`\n\n`\n\n\xa1\n\xa1\n\nz\n`\n\n\xa1\n\n`\n\xa1\n\n`\n`\n\n\xa1|\n\xa1|"


def test_idempotence_browser_title_after_blank_lines() -> None:
    pagegen.check_bytes(BROWSER_TITLE_CASE)


@PROFILE
@given(page_text())
def test_idempotence_on_pages(text: str) -> None:
    pagegen.check_idempotent(text)


@PROFILE
@given(ANY_TEXT)
def test_idempotence_on_random_text(text: str) -> None:
    pagegen.check_idempotent(text)


@PROFILE
@given(page_bytes())
def test_cli_filter_matches_api(data: bytes) -> None:
    """`newsclean` as a filter writes what clean_bytes returns (stdin to stdout, bytes intact)."""
    from click.testing import CliRunner

    from cleaner.cli import main

    result = CliRunner().invoke(main, ["-q"], input=data)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout_bytes == cleaner.clean_bytes(data)[0]


FUZZ_CASES = sorted((Path(__file__).parent / "data" / "fuzz").glob("*.bin"))


@pytest.mark.parametrize("path", FUZZ_CASES, ids=[p.stem for p in FUZZ_CASES])
def test_fuzz_found_inputs_keep_every_guarantee(path: Path) -> None:
    """Inputs the fuzzer once broke: CP949 ticker fragments whose column header became the
    headline only while the rows were apart; a U+FEFF starting a line that became the
    first output line (read as a byte order mark on the next run)."""
    pagegen.check_bytes(path.read_bytes())
