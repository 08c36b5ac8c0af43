"""Deterministic news-like corpus for the benchmark: scraped pages with their chrome.

    python benchmarks/generate.py OUT_DIR --size-mb 20 [--seed 1]

Writes, for the same seed and size, the same bytes every time:

- ``OUT_DIR/pages/NNN/NNNNNN-<lang>.txt``: one scraped page per file (Korean-majority;
  English, Japanese and Chinese minority), with head chrome, ticker widgets, bylines,
  datelines, captions, copyright lines, related/most-read lists and footers around the
  article, and body sentences dense with index levels (the traps a cleaner must keep);
- ``OUT_DIR/corpus.txt``: all pages concatenated (the read-and-write-lines baseline);
- ``OUT_DIR/corpus.jsonl``: one record per page, the page under ``text``;
- ``OUT_DIR/manifest.json``: seed, page count, bytes and lines.

All text is invented from the templates below: outlets, people, companies and figures.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar, TypeVar

T = TypeVar("T")

LANGS = (("ko", 0.76), ("en", 0.12), ("ja", 0.07), ("zh", 0.05))

KO_OUTLETS = (
    ("마루경제", "maruecon"),
    ("은하일보", "eunhailbo"),
    ("새벽뉴스", "saebyeoknews"),
    ("단비경제신문", "danbi"),
    ("하늬타임즈", "hanuitimes"),
    ("동녘비즈", "dongnyeokbiz"),
    ("물결미디어", "mulgyeol"),
    ("푸른데일리", "pureundaily"),
)
EN_OUTLETS = (
    ("Harbor Ledger", "harborledger"),
    ("Northgate Wire", "northgate"),
    ("Kestrel Daily", "kestrel"),
)
JA_OUTLETS = (("みなと経済新報", "minatokeizai"), ("さくら通信", "sakuratsushin"))
ZH_OUTLETS = (("青川日报", "qingchuan"), ("东岭财经", "dongling"))

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = "서윤민준지현우하도연수아예은재태성호진유채다시경혜동"
COMPANIES = (
    "한결전자", "누리반도체", "다온바이오", "푸름화학", "세온모터스", "가온통신", "미르중공업",
    "라온에너지", "해솔제약", "온빛소재", "바람항공", "새론금융지주", "단아식품", "은솔건설",
    "하람게임즈", "여명디스플레이",
)  # fmt: skip
BROKERS = ("한별투자증권", "청람증권", "두리투자증권", "바른증권", "해오름투자증권", "새길증권")
SECTORS = (
    "전기·전자", "운송장비", "화학", "의약품", "금융업", "건설업", "철강·금속", "서비스업", "유통업",
    "통신업",
)  # fmt: skip
ROLES = ("연구원", "수석연구원", "리서치센터장", "투자전략팀장", "애널리스트")
WEEKDAYS_KO = "월화수목금토일"
CITIES = ("서울", "세종", "부산", "인천", "대전", "광주")


def comma(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}"


@dataclass
class Market:
    """One day's figures, shared by a page's widgets and its body sentences."""

    rng: random.Random
    levels: dict[str, float] = field(default_factory=dict)
    changes: dict[str, float] = field(default_factory=dict)

    BASES: ClassVar[dict[str, tuple[float, float, int]]] = {
        "코스피": (2400, 3300, 2), "코스닥": (650, 950, 2), "코스피200": (320, 440, 2),
        "원/달러": (1300, 1480, 2), "다우존스": (38000, 45000, 2), "나스닥": (16000, 20000, 2),
        "S&P500": (5000, 6100, 2), "니케이225": (36000, 42000, 2), "비트코인": (90e6, 160e6, 0),
        "이더리움": (2.5e6, 5.5e6, 0), "리플": (700, 4000, 0), "솔라나": (150e3, 350e3, 0),
        "도지코인": (150, 600, 0),
    }  # fmt: skip

    def __post_init__(self) -> None:
        for name, (low, high, _) in self.BASES.items():
            level = self.rng.uniform(low, high)
            self.levels[name] = level
            self.changes[name] = level * self.rng.uniform(-0.025, 0.025)

    def level(self, name: str) -> str:
        return comma(self.levels[name], self.BASES[name][2])

    def change(self, name: str) -> str:
        return comma(abs(self.changes[name]), self.BASES[name][2])

    def pct(self, name: str) -> str:
        return f"{abs(self.changes[name]) / self.levels[name] * 100:.2f}"

    def up(self, name: str) -> bool:
        return self.changes[name] >= 0

    def arrow_row(self, name: str) -> str:
        return f"{name} {self.level(name)} {'▲' if self.up(name) else '▼'}{self.change(name)}"

    def signed_row(self, label: str, name: str) -> str:
        sign = "+" if self.up(name) else "-"
        return f"{label} {self.level(name)} {sign}{self.pct(name)}%"


class Page:
    """Builds one page line by line from a seeded generator."""

    def __init__(self, rng: random.Random, number: int, lang: str) -> None:
        self.rng = rng
        self.number = number
        self.lang = lang
        self.market = Market(rng)
        self.day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        self.hour, self.minute = rng.randrange(6, 22), rng.randrange(60)
        self.lines: list[str] = []
        self.decks: dict[int, list[str]] = {}

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def deal(self, bank: Sequence[str]) -> str:
        """The next item of a per-page shuffled deck of ``bank`` (no repeats until it runs out)."""
        deck = self.decks.get(id(bank))
        if not deck:
            deck = self.decks[id(bank)] = list(bank)
            self.rng.shuffle(deck)
        return deck.pop()

    def person(self) -> str:
        return self.pick(SURNAMES) + self.pick(GIVEN) + self.pick(GIVEN)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def stamp(self, sep: str = ".") -> str:
        return f"{self.day:%Y}{sep}{self.day:%m}{sep}{self.day:%d} {self.hour:02d}:{self.minute:02d}"


# -- Korean -------------------------------------------------------------------------


def topic_particle(word: str) -> str:
    """은 after a closed syllable, 는 after an open one."""
    last = ord(word[-1]) - 0xAC00
    return "은" if 0 <= last < 11172 and last % 28 else "는"


def ko_updown(page: Page, name: str, up: str = "오른", down: str = "내린") -> str:
    return up if page.market.up(name) else down


def ko_trap_sentences(page: Page) -> list[str]:
    m, d = page.market, page.day.day
    first, second = page.rng.sample(COMPANIES, 2)
    sectors = page.rng.sample(SECTORS, 3)
    net = [page.rng.randrange(300, 9000) for _ in range(3)]
    return [
        f"코스피는 {d}일 전 거래일보다 {m.change('코스피')}포인트({m.pct('코스피')}%) "
        f"{ko_updown(page, '코스피')} {m.level('코스피')}에 거래를 마쳤다.",
        f"코스닥지수도 {m.change('코스닥')}포인트({m.pct('코스닥')}%) {ko_updown(page, '코스닥')} "
        f"{m.level('코스닥')}로 장을 끝냈다.",
        f"원/달러 환율은 전날보다 {m.change('원/달러')}원 {ko_updown(page, '원/달러')} "
        f"{m.level('원/달러')}원에 주간 거래를 마감했다.",
        f"유가증권시장에서 외국인은 {comma(net[0], 0)}억원어치를 순매수했고, 기관과 개인은 각각 "
        f"{comma(net[1], 0)}억원, {comma(net[2], 0)}억원어치를 순매도했다.",
        f"업종별로는 ▲{sectors[0]}({page.rng.uniform(0.3, 4):.2f}%) ▲{sectors[1]}"
        f"({page.rng.uniform(0.3, 3):.2f}%) ▲{sectors[2]}({page.rng.uniform(0.1, 2):.2f}%) 등이 올랐다.",
        f"시가총액 상위 종목 가운데 {first}는 {page.rng.uniform(0.2, 6):.2f}% 오른 "
        f"{comma(page.rng.randrange(20, 900) * 100, 0)}원에, {second}는 {page.rng.uniform(0.2, 4):.2f}% "
        f"내린 {comma(page.rng.randrange(20, 900) * 100, 0)}원에 각각 마감했다.",
        f"간밤 뉴욕증시에서 다우존스30 산업평균지수는 {m.pct('다우존스')}% {ko_updown(page, '다우존스')} "
        f"{m.level('다우존스')}, 나스닥종합지수는 {m.pct('나스닥')}% {ko_updown(page, '나스닥')} "
        f"{m.level('나스닥')}에 장을 마쳤다.",
        f"비트코인은 오후 {page.rng.randrange(1, 6)}시 기준 국내 거래소에서 {m.level('비트코인')}원에 "
        f"거래되며 하루 전보다 {m.pct('비트코인')}% {ko_updown(page, '비트코인', '올랐다.', '내렸다.')}",
        f"지수는 장중 한때 {comma(m.levels['코스피'] * page.rng.uniform(0.985, 0.995))}까지 밀렸다가 "
        f"{comma(m.levels['코스피'] * page.rng.uniform(1.002, 1.012))}까지 오르는 등 등락을 거듭했다.",
    ]


KO_QUOTES = (
    "단기 변동성은 커졌지만 실적 개선 흐름은 여전히 유효하다",
    "환율이 안정되기 전까지는 외국인 수급이 오락가락할 가능성이 크다",
    "하반기 금리 인하가 가시화되면 성장주 중심의 반등이 나타날 수 있다",
    "당분간 박스권 장세를 염두에 두고 업종별로 선별 접근하는 편이 낫다",
    "수출 지표가 예상보다 견조해 이익 전망치 하향은 제한적일 것으로 본다",
    "밸류에이션 부담이 크지 않아 추가 하락 폭은 제한적이라고 판단한다",
)
KO_GENERAL = (
    "{company}는 올해 {q}분기 연결 기준 영업이익이 {n}억원으로 지난해 같은 기간보다 {p}% 늘었다고 공시했다.",
    "회사 측은 신규 생산라인 가동이 본격화하면서 매출 구조가 한층 안정될 것이라고 설명했다.",
    "정부는 이날 관계부처 합동 회의를 열고 {topic} 대책의 후속 조치를 논의했다.",
    "업계에서는 원자재 가격 부담이 완화되는 {half}부터 수익성이 개선될 것으로 보고 있다.",
    "한국은행은 기준금리를 연 {rate}%로 동결하고 물가 흐름을 더 지켜보겠다는 입장을 밝혔다.",
    "{city} 지역 아파트 매매가격은 {weeks}주 연속 올랐지만 오름폭은 다소 줄었다.",
    "금융당국은 가계대출 증가세가 꺾이지 않을 경우 추가 관리 방안을 내놓겠다고 예고했다.",
    "시장 참가자들은 다음 주 발표될 미국 소비자물가지수(CPI)에 주목하고 있다.",
    '{company} 관계자는 "해외 고객사와의 공급 계약 논의가 막바지 단계"라고 전했다.',
    "전문가들은 대외 불확실성이 큰 만큼 현금 비중을 일정 수준 유지할 것을 권했다.",
    "이번 조치로 중소 협력업체의 자금 사정도 숨통이 트일 것이라는 기대가 나온다.",
    "다만 일부에서는 정책 효과가 나타나기까지 시간이 걸릴 수 있다는 신중론도 제기된다.",
)
KO_SCENES = (
    "{city}의 한 은행 딜링룸에서 직원들이 시세 전광판을 살펴보고 있다.",
    "{company} 본사 전경.",
    "{company}가 공개한 신규 생산라인 내부 모습.",
    "{city} 시내 아파트 단지 전경.",
)
KO_TOPICS = ("공급망 안정", "수출 지원", "가계부채", "청년 일자리", "반도체 경쟁력", "전력망 확충")
KO_HEADLINES = (
    "[마감시황] 코스피, {move} {kospi}…외국인 {days}거래일 만에 '{side}'",
    "{company}, {q}분기 영업익 {n}억원…시장 예상 {beat}",
    "원/달러 환율 {fx}원 마감…{reason}",
    "[기자수첩] {topic} 대책, 속도보다 방향이 중요하다",
    "{city} 아파트값 {weeks}주째 상승…거래량은 주춤",
    "비트코인 {btc}원대 {btcmove}…가상자산 시장 '{mood}'",
)


def ko_fill(page: Page, template: str) -> str:
    m, rng = page.market, page.rng
    return template.format(
        company=page.pick(COMPANIES), q=rng.randrange(1, 5), n=comma(rng.randrange(120, 48000), 0),
        p=f"{rng.uniform(1, 80):.1f}", topic=page.pick(KO_TOPICS),
        half=page.pick(("3분기", "하반기", "연말")),
        rate=page.pick(("2.50", "2.75", "3.00", "3.25")), city=page.pick(CITIES), weeks=rng.randrange(2, 30),
        move=f"{m.pct('코스피')}% {'상승' if m.up('코스피') else '하락'}", kospi=m.level("코스피"),
        days=rng.randrange(2, 9), side=page.pick(("사자", "팔자")), beat=page.pick(("웃돌아", "밑돌아")),
        fx=m.level("원/달러"), reason=page.pick(("달러 강세 진정", "위험회피 심리", "수출업체 네고 물량")),
        btc=f"{m.levels['비트코인'] / 1e8:.1f}억",
        btcmove=page.pick(("회복", "후퇴", "횡보")), mood=page.pick(("관망", "훈풍", "경계")),
    )  # fmt: skip


def ko_ticker(page: Page) -> None:
    page.add("주식시황", "항목 현재가 전일대비")
    names = ["코스피", "코스닥", "코스피200", "원/달러", "다우존스", "나스닥"]
    page.add(*(page.market.arrow_row(n) for n in names[: page.rng.randrange(3, 7)]))


def ko_crypto(page: Page) -> None:
    page.add("암호화폐시황", "암호화폐 현재가 기준대비")
    names = ["비트코인", "이더리움", "리플", "솔라나", "도지코인"]
    page.add(*(page.market.arrow_row(n) for n in names[: page.rng.randrange(3, 6)]))


def korean(page: Page) -> tuple[str, str]:
    outlet, slug = page.pick(KO_OUTLETS)
    reporter = page.person()
    market_story = page.chance(0.55)
    if page.chance(0.7):
        page.add("본문 바로가기")
    page.add(outlet, f"{page.day:%Y}년 {page.day:%m}월 {page.day:%d}일 ({WEEKDAYS_KO[page.day.weekday()]})")
    page.add(page.pick(("로그인 회원가입", "로그인 | 구독신청", "로그인")))
    page.add(page.pick(("전체메뉴 경제 증권 부동산 산업 금융 국제 오피니언", "뉴스 | 경제 | 정치 | 사회")))
    if page.chance(0.6):
        ko_ticker(page)
    section = f"{page.pick(('증권', '경제', '산업', '부동산'))} > {page.pick(('시황', '일반', '정책'))}"
    page.add("", f"뉴스홈 > {section}", "")
    headline = ko_fill(page, KO_HEADLINES[0] if market_story else page.pick(KO_HEADLINES[1:]))
    page.add(headline)
    if page.chance(0.75):
        page.add(f"{reporter} 기자")
    page.add(
        page.pick(
            (
                f"입력 {page.stamp()} 수정 {page.stamp()}",
                f"기사입력 : {page.stamp('-')}",
                f"승인 {page.stamp()}",
            )
        )
    )
    page.add("가 가", "공유 스크랩 인쇄", "")
    if page.chance(0.6):
        credit = f"사진={page.pick(('게티이미지뱅크', outlet + ' DB', '연합포토'))}"
        scene = ko_fill(page, page.pick(KO_SCENES))
        page.add(page.pick((f"{scene} {credit}", credit, f"[{credit}]")))
    traps = ko_trap_sentences(page)
    first_trap = traps.pop(0)
    page.rng.shuffle(traps)
    city = page.pick(CITIES)
    lead = first_trap if market_story else ko_fill(page, page.deal(KO_GENERAL))
    credit = page.pick((f"({city}={outlet}) {reporter} 기자 = ", f"[{outlet} {reporter} 기자] ", ""))
    page.add(credit + lead, "")
    for index in range(page.rng.randrange(4, 10)):
        sentences: list[str] = []
        for _ in range(page.rng.randrange(2, 4)):
            if traps and (market_story or page.chance(0.15)) and page.chance(0.55):
                sentences.append(traps.pop())
            else:
                sentences.append(ko_fill(page, page.deal(KO_GENERAL)))
        if page.chance(0.3):
            analyst = f"{page.person()} {page.pick(BROKERS)} {page.pick(ROLES)}"
            first, second = page.rng.sample(KO_QUOTES, 2)
            sentences.append(f'{analyst}{topic_particle(analyst)} "{first}"며 "{second}"고 말했다.')
        page.add(" ".join(sentences), "")
        if index == 2 and page.chance(0.4):
            page.add(f'■ "{page.pick(KO_QUOTES)}"', "")
    email = f"{page.pick(('news', 'desk', 'reporter'))}{page.rng.randrange(10, 99)}@{slug}.example"
    page.add(f"{reporter} 기자 {email}" if page.chance(0.7) else f"{reporter} 기자")
    page.add(
        page.pick(
            (
                f"<저작권자 © {outlet}, 무단전재 및 재배포 금지>",
                f"ⓒ {outlet} & {slug}.example, 무단 전재 및 재배포·AI학습 이용 금지",
                f"Copyright © {outlet}. 무단전재-재배포 금지",
            )
        ),
        "",
    )
    page.add("이 기사를 공유합니다", "관련기사")
    page.add(*(ko_fill(page, page.pick(KO_HEADLINES)) for _ in range(page.rng.randrange(2, 5))))
    page.add("많이 본 뉴스")
    page.add(*(f"{i} {ko_fill(page, page.pick(KO_HEADLINES))}" for i in range(1, page.rng.randrange(4, 7))))
    if page.chance(0.5):
        ko_crypto(page)
    page.add("회사소개 | 광고문의 | 개인정보처리방침 | 청소년보호정책 | 이메일무단수집거부")
    address = f"서울특별시 중구 세종대로 {page.rng.randrange(10, 200)}"
    page.add(f"{outlet} | {address} | 발행·편집인 {page.person()}")
    page.add(f"Copyright © {page.day:%Y} {outlet}. All rights reserved.")
    return outlet, slug


# -- English, Japanese, Chinese -------------------------------------------------------

EN_FIRST = ("Marcus", "Elena", "Priya", "Daniel", "Hannah", "Tomas", "Grace", "Oliver", "Naomi", "Victor")
EN_LAST = ("Ellery", "Okafor", "Lindqvist", "Moreau", "Castillo", "Reyes", "Whitcombe", "Nakamura", "Brandt")
EN_BODY = (
    "Investors pared bets on an early rate cut after a string of firmer wage figures.",
    "Analysts said the move reflected profit-taking rather than a change in the outlook.",
    "Trading volumes were about a fifth below their 30-day average, exchange data showed.",
    "The company said it expected margins to recover in the second half as input costs ease.",
    "Officials declined to comment on the timing of the next policy review.",
    "Shipping rates on the main Asia-Europe routes fell for a third straight week.",
    "Several fund managers said they had trimmed exposure to chipmakers ahead of earnings.",
    "Treasury yields edged lower as demand at the afternoon auction came in stronger than expected.",
    "Oil prices swung between small gains and losses as traders weighed supply forecasts.",
    "Retailers rallied after two large chains raised their full-year sales guidance.",
    "A strategist at a regional bank said positioning looked stretched after the recent run.",
    "The dollar held near a two-week high against a basket of major currencies.",
)
EN_TOPICS = ("jobs data", "tariff talks", "bank earnings", "a Fed speech", "oil supply")


def english(page: Page) -> tuple[str, str]:
    outlet, slug = page.pick(EN_OUTLETS)
    m = page.market
    verb = "climb" if m.up("S&P500") else "slip"
    headline = f"Stocks {verb} as traders weigh {page.pick(EN_TOPICS)}"
    author = f"{page.pick(EN_FIRST)} {page.pick(EN_LAST)}"
    page.add(f"{headline} | {outlet}", "Skip to main content", outlet, "Markets  Economy  Companies  Opinion")
    page.add("Log in  Subscribe")
    if page.chance(0.6):
        page.add(m.signed_row("Dow", "다우존스"), m.signed_row("Nasdaq", "나스닥"))
        page.add(m.signed_row("S&P 500", "S&P500"))
    when = f"{page.day:%B} {page.day.day}, {page.day:%Y} {page.hour}:{page.minute:02d} UTC"
    page.add("MARKETS", headline, f"By {author}", when, "Share  Post  Email  Copy link")
    spx, nas, dow = ("S&P500", "나스닥", "다우존스")
    traps = [
        f"The S&P 500 {'rose' if m.up(spx) else 'fell'} {m.pct(spx)}% to {m.level(spx)}, while the "
        f"Nasdaq Composite {'gained' if m.up(nas) else 'lost'} {m.pct(nas)}% to {m.level(nas)}.",
        f"The Dow Jones Industrial Average ended {m.change(dow)} points "
        f"{'higher' if m.up(dow) else 'lower'} at {m.level(dow)}.",
        f"In Seoul, the KOSPI closed at {m.level('코스피')}, "
        f"{'up' if m.up('코스피') else 'down'} {m.pct('코스피')}%.",
    ]
    page.add(f"NEW YORK ({outlet}) — " + traps.pop(0), "")
    for _ in range(page.rng.randrange(4, 8)):
        body = [page.deal(EN_BODY) for _ in range(page.rng.randrange(2, 4))]
        if traps and page.chance(0.5):
            body.insert(1, traps.pop())
        page.add(" ".join(body), "")
    if page.chance(0.5):
        page.add("Advertisement", "")
    page.add(f"Reporting by {author}; editing by {page.pick(EN_FIRST)} {page.pick(EN_LAST)}")
    page.add("Related", f"Read more: Stocks {verb} as traders weigh {page.pick(EN_TOPICS)}", "Most read")
    page.add(f"Copyright © {page.day:%Y} {outlet}. All rights reserved.")
    return outlet, slug


JA_BODY = (
    "市場では、来週の金融政策決定会合を前に様子見姿勢が強まったとの声が聞かれた。",
    "輸出関連株には買い戻しが入り、相場全体を下支えした。",
    "同社は今期の業績予想を据え置き、下期の回復を見込むと説明した。",
    "アナリストは「為替の動向次第で上値は限定的になる」と指摘した。",
    "東証プライム市場の売買代金は概算で4兆円を上回った。",
    "海運株が軒並み値を下げ、指数の重荷となった。",
    "個人投資家の間では高配当銘柄を買う動きが目立った。",
)
JA_TOPICS = ("半導体株に買い", "円高が重荷", "決算を好感", "海外勢が売り越し")


def japanese(page: Page) -> tuple[str, str]:
    outlet, slug = page.pick(JA_OUTLETS)
    m, nikkei = page.market, "니케이225"
    sign = "+" if m.up(nikkei) else "-"
    page.add(
        outlet, "トップ マーケット 経済 企業 国際", f"日経平均 {m.level(nikkei)} {sign}{m.change(nikkei)}"
    )
    headline = f"日経平均が{'反発' if m.up(nikkei) else '反落'}、{page.pick(JA_TOPICS)}"
    when = f"{page.day:%Y}年{page.day.month}月{page.day.day}日 {page.hour}:{page.minute:02d}"
    page.add("", headline, when, "")
    trap = (
        f"{page.day.day}日の東京株式市場で日経平均株価は前日比{m.change(nikkei)}円"
        f"{'高' if m.up(nikkei) else '安'}の{m.level(nikkei)}円で取引を終えた。"
    )
    page.add(f"【{outlet}】" + trap, "")
    for _ in range(page.rng.randrange(3, 7)):
        page.add("".join(page.deal(JA_BODY) for _ in range(page.rng.randrange(2, 4))), "")
    page.add("関連記事", "アクセスランキング", f"Copyright © {page.day:%Y} {outlet} All rights reserved.")
    return outlet, slug


ZH_BODY = (
    "分析人士认为，短期内市场仍将维持震荡格局。",
    "北向资金全天小幅净流入，成交额较上一交易日有所放大。",
    "公司表示，新产线投产后产能将进一步释放。",
    "业内人士指出，政策效果需要一段时间才能显现。",
    "板块方面，半导体、新能源车涨幅居前，房地产板块走弱。",
    "多家券商在最新报告中上调了对下半年盈利的预期。",
)
ZH_TOPICS = ("科技股走强", "成交额回升", "资金观望", "消费板块领涨")


def zh_person(page: Page) -> str:
    return page.pick("李王张刘陈杨") + page.pick("明华静伟芳")


def chinese(page: Page) -> tuple[str, str]:
    outlet, slug = page.pick(ZH_OUTLETS)
    level = page.market.levels["코스피"] * 1.12
    change = page.market.changes["코스피"] / page.market.levels["코스피"] * 100
    page.add(outlet, "首页 财经 股市 公司 国际", f"上证指数 {comma(level)} {change:+.2f}%", "")
    page.add(f"沪指{'收涨' if change >= 0 else '收跌'}{abs(change):.2f}% {page.pick(ZH_TOPICS)}")
    page.add(f"来源：{outlet} 作者：{zh_person(page)}", page.stamp("-"), "")
    move = "上涨" if change >= 0 else "下跌"
    page.add(f"{outlet}讯 上证指数{page.day.day}日报收{comma(level)}点，{move}{abs(change):.2f}%。", "")
    for _ in range(page.rng.randrange(3, 7)):
        page.add("".join(page.deal(ZH_BODY) for _ in range(page.rng.randrange(2, 4))), "")
    page.add(f"责任编辑：{zh_person(page)}", "相关新闻", f"版权所有 © {page.day:%Y} {outlet}")
    return outlet, slug


BUILDERS: dict[str, Callable[[Page], tuple[str, str]]] = {
    "ko": korean,
    "en": english,
    "ja": japanese,
    "zh": chinese,
}


def make_page(rng: random.Random, number: int) -> tuple[str, dict[str, object]]:
    """One page's text and its JSONL record (text last)."""
    lang = rng.choices([code for code, _ in LANGS], [weight for _, weight in LANGS])[0]
    page = Page(rng, number, lang)
    outlet, slug = BUILDERS[lang](page)
    newline = "\r\n" if rng.random() < 0.04 else "\n"
    text = newline.join(page.lines) + newline
    record: dict[str, object] = {
        "id": f"{lang}-{number:06d}",
        "url": f"https://{slug}.example/news/articleView.html?idxno={100000 + number}",
        "lang": lang,
        "meta": {"outlet": outlet, "crawled": f"{page.day}T{page.hour:02d}:{page.minute:02d}:00+09:00"},
        "text": text,
    }
    return text, record


def generate(out_dir: Path, size_mb: float, seed: int = 1) -> dict[str, object]:
    """Write pages until their text reaches ``size_mb`` MB (10**6 bytes); return the manifest."""
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    pages_dir = out_dir / "pages"
    out_dir.mkdir(parents=True, exist_ok=True)
    total_bytes = total_lines = count = 0
    with open(out_dir / "corpus.txt", "wb") as corpus, open(out_dir / "corpus.jsonl", "wb") as jsonl:
        while total_bytes < target or count == 0:
            text, record = make_page(rng, count)
            data = text.encode("utf-8")
            shard = pages_dir / f"{count // 1000:03d}"
            shard.mkdir(parents=True, exist_ok=True)
            (shard / f"{count:06d}-{record['lang']}.txt").write_bytes(data)
            corpus.write(data)
            jsonl.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            total_bytes += len(data)
            total_lines += data.count(b"\n")
            count += 1
    manifest: dict[str, object] = {"seed": seed, "size_mb": size_mb, "pages": count, "bytes": total_bytes}
    manifest["lines"] = total_lines
    manifest["jsonl_bytes"] = (out_dir / "corpus.jsonl").stat().st_size
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size-mb", type=float, default=20.0, help="MB of page text (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    manifest = generate(args.out_dir, args.size_mb, args.seed)
    print(json.dumps(manifest))


if __name__ == "__main__":
    main()
