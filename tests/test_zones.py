"""Where the layout finder puts the headline, the lede and the tail on small pages."""

from __future__ import annotations

import cleaner
from cleaner import textio


def layout_of(page: str) -> tuple[str | None, str, str | None]:
    """(headline, lede, first tail line) of a page, as text."""
    engine = cleaner.get_cleaner()
    lines = textio.decode_text(page).lines
    _, _, layout = engine.clean_lines(lines)
    headline = lines[layout.headline] if layout.headline is not None else None
    tail = lines[layout.tail] if layout.tail < len(lines) else None
    return headline, lines[layout.lede], tail


def cleaned_with_layout(page: str, headline: str, lede_start: str) -> str:
    """The cleaned page, after checking its headline and lede; it opens with the headline."""
    found_headline, lede, _ = layout_of(page)
    assert found_headline == headline
    assert lede.startswith(lede_start)
    text = cleaner.clean(page).text
    assert text.startswith(headline + "\n")
    return text


PAGE = """한결경제
2025.03.14 (금)
전체기사 정치 경제 사회 국제 오피니언
홈 > 증권 > 시황
코스피, 외국인 매수에 2,700선 회복…반도체 강세
입력 2025.03.14 15:48 수정 2025.03.14 16:02
윤가람 기자
반도체 대형주 동반 상승…외국인 3거래일 만에 순매수
(서울=한결경제) 윤가람 기자 = 코스피가 외국인 매수에 힘입어 2,700선을 회복했다.
14일 코스피는 전 거래일보다 21.40포인트(0.80%) 오른 2,701.33에 마감했다.
증권가는 당분간 반도체 업종이 지수를 이끌 것으로 내다봤다.
윤가람 기자 garam@hangyeol.example
<저작권자 © 한결경제, 무단전재 및 재배포 금지>
많이 본 뉴스
"""


def test_headline_lede_and_tail_on_a_korean_page() -> None:
    headline, lede, tail = layout_of(PAGE)
    assert headline == "코스피, 외국인 매수에 2,700선 회복…반도체 강세"
    assert lede.startswith("(서울=한결경제)")
    assert tail == "윤가람 기자 garam@hangyeol.example"  # the closing byline opens the tail


def test_closing_byline_does_not_open_the_tail_when_article_follows() -> None:
    page = PAGE.replace("증권가는 당분간", "윤가람 기자 garam@hangyeol.example\n증권가는 당분간", 1)
    _, _, tail = layout_of(page)
    assert tail == "윤가람 기자 garam@hangyeol.example"
    result = cleaner.clean(page)
    assert "증권가는 당분간 반도체 업종이 지수를 이끌 것으로 내다봤다." in result.text


def test_a_deck_followed_by_a_byline_is_not_the_lede() -> None:
    page = (
        "Harbor Daily\n"
        "Regional lenders brace for slower loan growth as deposit costs climb\n"
        "Banks say margins will narrow through the rest of the year.\n"
        "By Dana Whitford\n"
        "June 11, 2025\n"
        "Regional banks expect loan growth to slow sharply this year, executives said on Tuesday.\n"
        "Deposit costs have risen for six straight quarters, squeezing margins across the sector.\n"
        "Analysts expect more consolidation among smaller lenders in the coming months.\n"
    )
    headline = "Regional lenders brace for slower loan growth as deposit costs climb"
    text = cleaned_with_layout(page, headline, "Regional banks expect")
    assert "Banks say margins will narrow" in text  # the deck is kept


def test_short_headline_right_above_the_stamp() -> None:
    page = (
        "金兰网\n首页 | 黄金 | 外汇 | 期货\n金价高位回落\n2025-08-08 15:12　来源：金兰网\n\n"
        "　　金兰网8月8日讯，周五亚洲交易时段，国际金价自历史高位附近回落。\n"
    )
    headline, _, _ = layout_of(page)
    assert headline == "金价高位回落"
    assert cleaner.clean(page).text.splitlines()[-1] == "　　周五亚洲交易时段，国际金价自历史高位附近回落。"


def test_page_without_chrome_keeps_its_first_line_as_headline() -> None:
    page = (
        "시립도서관, 밤 10시까지 문 연다\n\n시립도서관이 다음 달부터 평일 운영 시간을 밤 10시까지 늘린다.\n"
    )
    headline, _, tail = layout_of(page)
    assert headline == "시립도서관, 밤 10시까지 문 연다" and tail is None
    assert cleaner.clean(page).findings == ()


SPORTS_PAGE = """누리스포츠
야구 축구 농구 배구 골프
농구 > 프로농구
경기결과
한빛 소닉스 84 : 79 가온 세이버스
종료
프로농구 3라운드 | 11.16(일) 14:00 | 한빛체육관
'트리플더블' 도하람 펄펄…한빛, 가온 꺾고 4연승
2025.11.16. 오후 6:52
한빛 소닉스가 가온 세이버스를 꺾고 4연승을 달렸다.
도하람은 22득점 11리바운드 10어시스트로 시즌 첫 트리플더블을 기록했다.
한빛은 4쿼터 막판 석 점 차까지 쫓겼지만 자유투로 승리를 지켰다.
"""


def test_a_match_box_above_the_headline_is_not_the_headline() -> None:
    headline, lede, _ = layout_of(SPORTS_PAGE)
    assert headline == "'트리플더블' 도하람 펄펄…한빛, 가온 꺾고 4연승"
    assert lede == "한빛 소닉스가 가온 세이버스를 꺾고 4연승을 달렸다."
    text = cleaner.clean(SPORTS_PAGE).text
    assert "84 : 79" not in text and "한빛체육관" not in text


def test_a_score_in_a_headline_keeps_it_a_headline() -> None:
    page = SPORTS_PAGE.replace(
        "'트리플더블' 도하람 펄펄…한빛, 가온 꺾고 4연승", "한빛, 가온에 84:79 승리…4연승 질주"
    )
    headline, _, _ = layout_of(page)
    assert headline == "한빛, 가온에 84:79 승리…4연승 질주"


def test_a_caption_right_above_a_dateline_lede_is_not_the_headline() -> None:
    page = (
        "누리와이어\n"
        "홈 > 보도자료 > 유통\n"
        "2025-12-26 09:00\n"
        "출처: 누리푸드\n"
        "누리푸드, 설 선물세트 사전 예약 판매…최대 35% 할인\n"
        "- 선물세트 126종 선보여\n"
        "인쇄\n"
        "누리푸드가 설 선물세트 사전 예약 판매를 시작한다\n"
        "\n"
        "서울--(누리와이어) 2025년 12월 26일 -- 식품기업 누리푸드가 설 선물세트 예약 판매를 시작한다.\n"
        "\n"
        "사전 예약은 내년 1월 9일까지 누리푸드 공식 온라인몰에서 받는다.\n"
        "\n"
        "올해 선물세트는 5만원 이하 실속형 상품을 늘렸다.\n"
    )
    cleaned_with_layout(page, "누리푸드, 설 선물세트 사전 예약 판매…최대 35% 할인", "서울--(누리와이어)")


def test_a_headline_under_a_trending_list_stays_the_headline() -> None:
    page = (
        "The Harbour Chronicle\n"
        "City\n"
        "TRENDING\n"
        "Kite Festival Injuries\n"
        "Civic Polls 2026\n"
        "Harbour metro fares to go up by as much as 18% from February 1\n"
        "HNS | Updated: Jan 18, 2026, 04:12 IST\n"
        "Share\n"
        "HARBOUR CITY: The metro corporation on Saturday announced its first fare revision since 2019.\n"
        "\n"
        "The new fares take effect on February 1 and apply to all three lines.\n"
        "\n"
        "Officials said the increase would help cover rising power costs.\n"
    )
    headline = "Harbour metro fares to go up by as much as 18% from February 1"
    text = cleaned_with_layout(page, headline, "HARBOUR CITY: ")
    assert "The metro corporation on Saturday" in text and "Kite Festival" not in text
