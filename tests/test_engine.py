"""Engine behaviour: blocks, neighbours, trims, resolution, blank lines, traps."""

from __future__ import annotations

import cleaner

HEAD = "한결경제\n코스피, 반도체 강세에 상승 마감…외국인 순매수\n윤가람 기자\n\n"
LEDE = "(서울=한결경제) 윤가람 기자 = 코스피가 외국인 매수에 힘입어 상승했다.\n\n"
BODY = "14일 코스피는 전 거래일보다 21.40포인트(0.80%) 오른 2,701.33에 마감했다.\n\n"
TAIL = "<저작권자 © 한결경제, 무단전재 및 재배포 금지>\n"


def rules_of(result: cleaner.CleanResult) -> dict[str, str]:
    return {f.text: f.rule for f in result.findings}


def test_a_widget_between_paragraphs_goes_as_a_block() -> None:
    widget = "주식시황\n코스피 2,701.33 ▲21.40\n코스닥 871.20 ▼3.10\n코스피200 361.02 ▲2.95\n\n"
    result = cleaner.clean(HEAD + LEDE + widget + BODY + TAIL)
    found = rules_of(result)
    assert found["코스피 2,701.33 ▲21.40"] == "market-ticker-row-arrowed"
    assert found["주식시황"] == "market-ticker-header"
    assert "2,701.33에 마감했다" in result.text


def test_a_single_row_shaped_line_in_the_body_is_kept() -> None:
    lone = "코스피 2,701.33 ▲21.40\n\n"
    result = cleaner.clean(HEAD + LEDE + lone + BODY + TAIL)
    assert "코스피 2,701.33 ▲21.40" in result.text.splitlines()


def test_number_dense_sentences_and_bullets_are_article() -> None:
    traps = (
        "업종별로는 전기·전자(▲2.11%), 운송장비(▲1.35%)가 강세를 보였고 통신(▼0.52%)은 약세였다.\n\n"
        "▲다우지수 44,458.61(+1.10%) ▲S&P500 6,445.76(+1.13%) ▲나스닥 21,681.90(+1.39%)\n\n"
        "- WTI(8월물): 배럴당 80.83달러(+1.13%)\n\n"
        "김하준 기자가 지난 6일 찾은 마을은 20여 가구가 사는 곳이다.\n\n"
    )
    result = cleaner.clean(HEAD + LEDE + traps + BODY + TAIL)
    for line in traps.split("\n\n"):
        if line.strip():
            assert line.strip() in result.text.splitlines(), line


def test_dateline_is_trimmed_and_reported_with_its_fields() -> None:
    result = cleaner.clean(HEAD + LEDE + BODY + TAIL)
    trim = next(f for f in result.findings if f.action == "trim")
    assert trim.rule == "dateline-ko-paren"
    assert trim.text == "(서울=한결경제) 윤가람 기자 = "
    assert dict(trim.fields) == {"place": "서울", "outlet": "한결경제", "reporter": "윤가람"}
    assert result.text.splitlines()[2] == "코스피가 외국인 매수에 힘입어 상승했다."


def test_the_headline_is_kept_and_its_repeat_removed() -> None:
    page = HEAD + LEDE + "코스피, 반도체 강세에 상승 마감…외국인 순매수\n\n" + BODY + TAIL
    result = cleaner.clean(page)
    assert result.text.count("코스피, 반도체 강세에 상승 마감…외국인 순매수") == 1
    assert rules_of(result)["코스피, 반도체 강세에 상승 마감…외국인 순매수"] == "duplicate-headline-repeat"


def test_blank_lines_left_by_removals_collapse_and_line_endings_survive() -> None:
    page = (HEAD + LEDE + "AD\n광고\n\n\n" + BODY + TAIL).replace("\n", "\r\n")
    result = cleaner.clean(page)
    assert "\r\n\r\n\r\n" not in result.text
    assert result.text.endswith("\r\n") and "\n" not in result.text.replace("\r\n", "")
    assert not result.text.startswith("\r\n")


def test_ignoring_a_pack_keeps_its_lines() -> None:
    result = cleaner.clean(HEAD + LEDE + BODY + TAIL, ignore=["dateline"])
    assert "(서울=한결경제) 윤가람 기자 = 코스피가" in result.text
    only = cleaner.clean(HEAD + LEDE + BODY + TAIL, select=["copyright"])
    assert {f.pack for f in only.findings} == {"copyright"}


def test_metadata_collects_reporter_outlet_and_times() -> None:
    page = HEAD.replace("윤가람 기자\n", "윤가람 기자\n입력 2025.03.14 15:48 수정 2025.03.14 16:02\n")
    result = cleaner.clean(page + LEDE + BODY + "윤가람 기자 garam@hangyeol.example\n" + TAIL)
    assert result.metadata["reporter"] == ["윤가람"]
    assert result.metadata["email"] == ["garam@hangyeol.example"]
    assert result.metadata["published"] == ["2025.03.14 15:48"]
    assert result.metadata["updated"] == ["2025.03.14 16:02"]
    assert "한결경제" in result.metadata["outlet"]


def test_repeated_chrome_lines_use_the_line_cache_without_changing_results() -> None:
    engine = cleaner.get_cleaner()
    page = HEAD + LEDE + BODY + TAIL
    first = engine.clean_text(page)
    second = engine.clean_text(page)
    assert first.findings == second.findings and first.text == second.text
