"""Page-like test inputs built from invented fragments (shared by the property tests and the fuzzer).

Every fragment here is written for these tests: outlets, people, figures and sentences are made up.
A page is a list of lines; ``assemble`` turns it into bytes with a chosen line ending, BOM, final
newline and optional invalid UTF-8 bytes, the way scrapers deliver them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

HEADLINES = [
    "한결경제, 반도체 수출 회복에 3분기 영업이익 두 자릿수 증가 전망",
    "[마감시황] 코스피 외국인 매수에 0.8% 올라 3,020선 회복",
    "서울 아파트 전셋값 17주 연속 상승…학군지 중심 오름폭 확대",
    "Regional lenders brace for slower loan growth as deposit costs climb",
    "Copper prices hit a three-month high on supply worries in Chile",
    "円相場、一時1ドル=151円台に下落　日米金利差を意識",
    "新能源车企三季度交付量同比增长两成 出口成为新引擎",
]

BODY = [
    "코스피는 전 거래일보다 24.15포인트(0.81%) 오른 3,021.47에 장을 마쳤다.",
    "코스닥지수는 3.02포인트(0.37%) 내린 812.40으로 거래를 끝냈다.",
    "서울 외환시장에서 원/달러 환율은 전날보다 4.3원 오른 1,384.6원에 마감했다.",
    '회사 측은 "하반기에도 고부가 제품 비중을 늘려 수익성을 지키겠다"고 밝혔다.',
    "업계에서는 금리 인하 시점이 늦어질 경우 내수 회복도 더뎌질 수 있다고 본다.",
    "△ 수출 물량 회복 △ 원가 절감 △ 환율 효과가 실적 개선을 이끈 것으로 분석된다.",
    "▲ 1분기 매출 4조2천억원 ▲ 영업이익 3,150억원으로 시장 예상치를 웃돌았다.",
    "The benchmark index closed 0.4% higher at 5,412.30, led by chipmakers.",
    '"We expect margins to stabilise by the second half," the finance chief said on Tuesday.',
    "Analysts at the bank cut their year-end target to 1,350 won per dollar.",
    "日経平均株価は前日比312円高の3万9870円で取引を終えた。",
    "该公司表示，将继续加大研发投入，力争明年实现盈亏平衡。",
    "※ 이 기사는 한결경제 데이터팀이 공시 자료를 바탕으로 작성했습니다.",
]

DATELINE_LEDES = [
    "(서울=한결뉴스) 홍길동 기자 = 정부가 내년 예산안에서 연구개발 예산을 12% 늘리기로 했다.",
    "[한결경제 김민수 기자] 국내 주요 배터리 업체들이 북미 공장 가동률을 낮추고 있다.",
    "(한결경제=박서연 기자) 반도체 장비주가 실적 기대감에 일제히 올랐다.",
    "SEOUL, June 3 (Hangyeol) - South Korea's exports rose for a ninth straight month in May.",
]

TICKER = [
    "주식시황",
    "항목 현재가 전일대비",
    "코스피 3,151.56 ▼25.72",
    "코스닥 812.40 ▲3.05",
    "코스피200 421.09 ▼3.88",
    "원/달러 1,384.50 ▲2.10",
    "국고채 3년 2.951 ▼0.001",
    "Dow 41,220.18 -0.4%",
    "Nasdaq 17,840.02 +112.50 (+0.63%)",
    "2,578.43",
    "▲ 8.22",
    "+0.32%",
]

CRYPTO = [
    "암호화폐시황",
    "암호화폐 현재가 기준대비",
    "비트코인 142,300,000 ▼1,200,000",
    "이더리움 5,120,000 ▲45,000",
    "BTC $91,004 +1.8%",
]

BYLINES = [
    "홍길동 기자 hong@example.kr",
    "김한결 기자",
    "lee.minji@example.co.kr",
    "입력 2025.03.02 09:14 수정 2025.03.02 10:01",
    "기사입력 : 2025-01-15 08:30",
    "By Daniel Okafor",
    "한결TV 최지훈입니다.",
]

COPYRIGHT = [
    "<저작권자 © 한결경제, 무단전재 및 재배포 금지>",
    "ⓒ 한결경제 & example.kr, 무단 전재 및 재배포 금지",
    "Copyright © 2025 Hangyeol Media. All rights reserved.",
    "本記事の無断転載を禁じます。",
]

CHROME = [
    "메뉴",
    "본문 바로가기",
    "뉴스홈 > 금융/증권",
    "많이 본 뉴스",
    "관련기사",
    "로그인 회원가입",
    "공유 스크랩 인쇄",
    "가 가",
    "한결경제",
    "이전 기사",
    "#반도체 #수출 #실적",
    "광고",
    "사진=한결경제 DB",
    "[사진=게티이미지뱅크]",
    "(END)",
    "▶ 관련기사 : 수출 회복세 이어질까",
]

ODD = [
    "",
    " ",
    "\t",
    "  코스피 3,151.56 ▼25.72  ",
    "\x00",
    "\x0b\x0c",
    "\u2028",
    "\u00a0\u3000",
    "코스피 " + "1," * 40 + "0",
    "▲" * 30,
    "9" * 80,
    "\ufeff한결경제",
    "\r",
    "а" * 3 + "a",  # Cyrillic look-alikes
]

POOLS: dict[str, list[str]] = {
    "headline": HEADLINES,
    "body": BODY,
    "dateline": DATELINE_LEDES,
    "ticker": TICKER,
    "crypto": CRYPTO,
    "byline": BYLINES,
    "copyright": COPYRIGHT,
    "chrome": CHROME,
    "odd": ODD,
}
POOL_NAMES = sorted(POOLS)

# Byte sequences that are not valid UTF-8: a lone continuation byte, a truncated sequence, an
# overlong form, a surrogate encoded in UTF-8, an EUC-KR "가" and a Latin-1 "é".
BAD_BYTES = [b"\x80", b"\xe2\x82", b"\xc0\xaf", b"\xed\xa0\x80", b"\xb0\xa1", b"\xe9", b"\xff\xfe"]

Chooser = Callable[[Sequence[str]], str]


def page_lines(choose: Chooser, count: Callable[[int, int], int]) -> list[str]:
    """A page: head chrome and tickers, headline, dateline lede, body, byline, copyright, tail.

    ``choose`` picks an item of a sequence and ``count(lo, hi)`` an int in [lo, hi], so hypothesis,
    atheris and ``random`` can all drive it.
    """
    lines: list[str] = []
    for _ in range(count(0, 6)):
        lines.append(choose(CHROME + TICKER + CRYPTO))
    headline = choose(HEADLINES)
    lines.append(headline)
    for _ in range(count(0, 2)):
        lines.append(choose(BYLINES))
    if count(0, 1):
        lines.append("")
    lines.append(choose(DATELINE_LEDES + BODY))
    for _ in range(count(1, 10)):
        pool = POOLS[choose(["body", "body", "body", "ticker", "odd", "chrome", "headline", "crypto"])]
        lines.append(choose(pool))
        if count(0, 2) == 0:
            lines.append("")
    if count(0, 3) == 0:
        lines.append(headline)
    for _ in range(count(0, 2)):
        lines.append(choose(BYLINES))
    for _ in range(count(0, 2)):
        lines.append(choose(COPYRIGHT))
    for _ in range(count(0, 5)):
        lines.append(choose(CHROME + TICKER + BYLINES))
    return lines


def assemble(
    lines: Sequence[str],
    *,
    newline: str = "\n",
    bom: bool = False,
    final_newline: bool = True,
    bad: Sequence[tuple[int, bytes]] = (),
) -> bytes:
    """Join ``lines`` as UTF-8 bytes; ``bad`` inserts (line index, raw bytes) at line ends."""
    inserts: dict[int, bytes] = {}
    for index, raw in bad:
        if lines:
            key = index % len(lines)
            inserts[key] = inserts.get(key, b"") + raw
    encoded = [line.encode("utf-8", "surrogatepass") + inserts.get(i, b"") for i, line in enumerate(lines)]
    data = newline.encode().join(encoded)
    if final_newline and lines:
        data += newline.encode()
    return (b"\xef\xbb\xbf" if bom else b"") + data


def encodable(line: str, codec: str) -> bool:
    """True when ``line`` has a representation in ``codec``."""
    try:
        line.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def mixed_newlines(lines: Sequence[str], pick: Callable[[int, int], int]) -> str:
    """Lines joined with a mix of LF and CRLF endings (chosen per line)."""
    return "".join(line + ("\r\n" if pick(0, 1) else "\n") for line in lines)


# -- invariants (the output-format guarantees of the cleaning policy) --------------------------------


class PropertyFailure(AssertionError):
    """A broken guarantee; ``kind`` names which one (stable, for de-duplicating fuzz findings)."""

    def __init__(self, kind: str, detail: str = "", tag: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.key = f"{kind}:{tag}" if tag else kind


def _lead(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def kept_in_order(inputs: Sequence[str], outputs: Sequence[str]) -> bool:
    """Each output line is an input line, or one with a span cut after its leading white space
    (a trimmed dateline), or a blank left by tidying; in input order."""
    j = 0
    for out in outputs:
        if not out:
            continue  # a collapsed blank line
        while j < len(inputs):
            line = inputs[j]
            j += 1
            lead = _lead(line)
            if out == line or (out.startswith(lead) and line.endswith(out[len(lead) :])):
                break
        else:
            return False
    return True


def check_text(text: str, *, idempotence: bool = True) -> object:
    """Check the text-level guarantees of ``cleaner.clean`` on ``text``; return the result."""
    import cleaner
    from cleaner import textio

    result = cleaner.clean(text)
    source = textio.decode_text(text)
    if not result.changed:
        if result.text != text:
            raise PropertyFailure("identity", "no findings but the text changed")
    else:
        replay = cleaner.apply_findings(source.lines, result.findings)
        if textio.render_text(source, replay) != result.text:
            raise PropertyFailure("replay", "findings replayed on the input do not give the output")
        if not kept_in_order(source.lines, replay):
            raise PropertyFailure("order", "an output line is not an input line (or its trimmed form)")
    for finding in result.findings:
        if not 1 <= finding.line <= len(source.lines):
            raise PropertyFailure("finding-line", f"line {finding.line} of {len(source.lines)}")
        line = source.lines[finding.line - 1]
        expected = line if finding.action == "drop" else line[finding.start : finding.end]
        if finding.text != expected:
            raise PropertyFailure("finding-text", f"line {finding.line}: {finding.text!r} != {expected!r}")
        if finding.action == "trim" and (
            finding.end <= finding.start or line[: finding.start].strip() or not line[finding.end :].strip()
        ):
            raise PropertyFailure("trim-span", f"line {finding.line}: {finding.start}..{finding.end}")
    if idempotence:
        check_idempotent(text, result)
    return result


def check_idempotent(text: str, first: Any = None) -> None:
    """Cleaning the output of ``clean`` again changes nothing."""
    import cleaner

    first = first if first is not None else cleaner.clean(text)
    again = cleaner.clean(first.text)
    if again.text != first.text:
        rules = sorted({f.rule for f in again.findings})
        detail = f"second pass removed more ({', '.join(rules)})"
        raise PropertyFailure("idempotence", detail, ",".join(rules))


def check_bytes(data: bytes, encoding: str | None = None, *, idempotence: bool = True) -> None:
    """Check the byte-level guarantees of ``cleaner.clean_bytes`` on ``data`` (and the text ones)."""
    import cleaner
    from cleaner.encoding import decode_bytes, encode_text

    decoded = decode_bytes(data, encoding)
    if encode_text(decoded.text, decoded.encoding) != data:
        raise PropertyFailure("decode-roundtrip", f"{decoded.encoding} does not give the input bytes back")
    out, result = cleaner.clean_bytes(data, encoding=encoding)
    if not result.changed and out != data:
        raise PropertyFailure("byte-identity", "no findings but the bytes changed")
    if result.changed and out != encode_text(result.text, decoded.encoding):
        raise PropertyFailure("byte-encoding", f"output is not the cleaned text in {decoded.encoding}")
    check_text(decoded.text, idempotence=idempotence)
    if result.changed and idempotence:
        again, second = cleaner.clean_bytes(out, encoding=decoded.encoding)
        if second.changed or again != out:
            raise PropertyFailure("byte-idempotence", "cleaning the output bytes again changed them")
