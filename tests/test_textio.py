"""Bytes in, bytes out: line endings, BOM, bad bytes, legacy Korean encodings and mojibake warnings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import textio
from cleaner.encoding import (
    ROUND_TRIP_SAFE,
    EncodingError,
    decode_bytes,
    encode_text,
    looks_korean,
    mojibake_warning,
    normalize,
)

BOUNDED = settings(max_examples=150, deadline=None, derandomize=True, database=None)

HEADLINE = "한결경제, 반도체 수출 회복에 3분기 영업이익 두 자릿수 증가 전망"
ARTICLE = [
    "(서울=한결뉴스) 홍길동 기자 = 정부가 내년 예산안에서 연구개발 예산을 12% 늘리기로 했다.",
    "",
    "코스피는 전 거래일보다 24.15포인트(0.81%) 오른 3,021.47에 장을 마쳤다.",
    "업계에서는 금리 인하 시점이 늦어질 경우 내수 회복도 더뎌질 수 있다고 본다.",
]
HEAD = ["본문 바로가기", "코스피 3,151.56 ▼25.72", "코스닥 812.40 ▲3.05"]
TAIL = ["홍길동 기자 hong@example.kr", "<저작권자 ⓒ 한결경제, 무단전재 및 재배포 금지>", "많이 본 뉴스", ""]
NOISY_PAGE = "\n".join([*HEAD, HEADLINE, *ARTICLE, *TAIL])
CLEAN_PAGE = "\n".join([HEADLINE, ARTICLE[2], ARTICLE[3], ""])


# -- textio: the line model ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "\n", "a", "a\n", "a\r\nb\r\n", "\ufeffa\nb", "a\r\nb\nc", "a\rb\n", "\n\n\n", "x\r\r\n"],
)
def test_decode_render_round_trip(text: str) -> None:
    source = textio.decode_text(text)
    assert textio.render_text(source, source.lines) == text or "\r\n" in text


def test_decode_keeps_style() -> None:
    source = textio.decode(b"\xef\xbb\xbfone\r\ntwo\r\nthree")
    assert source.lines == ["one", "two", "three"]
    assert source.bom and source.newline == "\r\n" and not source.final_newline
    assert textio.encode(textio.render_text(source, ["one", "three"])) == b"\xef\xbb\xbfone\r\nthree"


def test_bad_utf8_bytes_survive() -> None:
    data = b"ok \xff\xfe \xed\xa0\x80 \xc0\xaf end\n"
    source = textio.decode(data)
    assert textio.encode(textio.render_text(source, source.lines)) == data


# -- decoding: lossless for every input ---------------------------------------------------------------


@BOUNDED
@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "cp949", "euc-kr", "latin-1", "auto"]))
def test_decode_encode_round_trip(data: bytes, encoding: str | None) -> None:
    decoded = decode_bytes(data, encoding)
    assert encode_text(decoded.text, decoded.encoding) == data


@BOUNDED
@given(st.text(max_size=200))
def test_valid_utf8_is_utf8(text: str) -> None:
    decoded = decode_bytes(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (text, "utf-8")


@pytest.mark.parametrize("codec", sorted(ROUND_TRIP_SAFE - {"utf-8"}))
def test_legacy_codecs_are_one_to_one(codec: str) -> None:
    """Every byte pair that decodes encodes back to itself, so no round-trip check is needed."""
    for lead in range(0x81, 0xFF):
        for trail in range(0x41, 0xFF):
            pair = bytes([lead, trail])
            try:
                text = pair.decode(codec)
            except UnicodeDecodeError:
                continue
            assert text.encode(codec) == pair, pair


# -- detection ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["cp949", "euc-kr"])
def test_korean_legacy_page_is_detected(codec: str) -> None:
    data = NOISY_PAGE.encode(codec)
    decoded = decode_bytes(data)
    assert decoded.encoding == "cp949" and decoded.detected
    assert decoded.text == NOISY_PAGE and decoded.warnings == ()


def test_cp949_only_syllables_are_detected() -> None:
    text = "똠방각하 똠양꿍을 먹었다. 쀍 소리가 났다. " + ARTICLE[2]  # 똠, 쀍: not in EUC-KR
    assert decode_bytes(text.encode("cp949")).encoding == "cp949"


def test_legacy_output_is_written_in_the_same_encoding() -> None:
    for codec in ("cp949", "euc-kr"):
        out, result = cleaner.clean_bytes(NOISY_PAGE.encode(codec))
        assert result.changed
        assert out == result.text.encode("cp949")
        utf8_out, _ = cleaner.clean_bytes(NOISY_PAGE.encode("utf-8"))
        assert out.decode("cp949") == utf8_out.decode("utf-8")


def test_unchanged_legacy_input_is_byte_identical() -> None:
    data = CLEAN_PAGE.encode("cp949")
    out, result = cleaner.clean_bytes(data)
    assert not result.changed and out is data


def test_explicit_encodings() -> None:
    data = NOISY_PAGE.encode("euc-kr")
    assert decode_bytes(data, "EUC-KR").encoding == "cp949"  # its superset, same bytes
    out, _ = cleaner.clean_bytes(data, encoding="euc-kr")
    assert out.decode("euc-kr") == cleaner.clean(NOISY_PAGE).text
    # Asking for UTF-8 turns detection off: the Korean bytes are kept as they are.
    raw = decode_bytes(data, "utf-8")
    assert raw.encoding == "utf-8" and encode_text(raw.text, "utf-8") == data


def test_a_few_stray_bytes_in_a_cp949_page() -> None:
    line = ARTICLE[3].encode("cp949")
    data = NOISY_PAGE.encode("cp949").replace(line, line[:10] + b"\xff" + line[10:])
    decoded = decode_bytes(data)
    assert decoded.encoding == "cp949"
    assert decoded.warnings and "not valid CP949" in decoded.warnings[0]
    out, result = cleaner.clean_bytes(data)
    assert result.changed and line[:10] + b"\xff" + line[10:] in out  # nothing lost


@pytest.mark.parametrize(
    "data",
    [
        "café au lait, déjà vu".encode("latin-1"),
        b"\x00\x01\x02\xff\xfe\xfd" * 10,
        "日本語の記事です。円相場が下落した。".encode("shift_jis"),
        "中文新闻，股市上涨。".encode("gbk"),
    ],
)
def test_other_invalid_utf8_stays_utf8_with_a_warning(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.warnings and "not valid UTF-8" in decoded.warnings[0]
    assert encode_text(decoded.text, "utf-8") == data


def test_looks_korean() -> None:
    assert looks_korean(NOISY_PAGE)
    assert not looks_korean("円相場、一時1ドル=151円台に下落")
    assert not looks_korean("plain ASCII only")
    assert not looks_korean("갻갼갽갾갿걁걂걃걄걅걆걇걈걉걊걋")  # only rare syllables: noise


def test_normalize() -> None:
    assert normalize(None) is None and normalize("auto") is None and normalize("") is None
    assert normalize("UTF8") == "utf-8" and normalize("utf-8-sig") == "utf-8"
    assert normalize("ks_c_5601-1987") in ("cp949", "euc_kr")
    with pytest.raises(EncodingError, match="unknown encoding"):
        normalize("no-such-codec")


def test_euc_kr_jamo_sequences_survive() -> None:
    # EUC-KR's 8-byte composition of a syllable; Python's euc_kr codec would re-encode it as 2 bytes.
    data = "값: ".encode("cp949") + b"\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xd4" + "원".encode("cp949")
    for encoding in (None, "euc-kr", "cp949"):
        decoded = decode_bytes(data, encoding)
        assert encode_text(decoded.text, decoded.encoding) == data


def test_lossy_explicit_encoding_is_refused() -> None:
    with pytest.raises(EncodingError):
        decode_bytes(b"abc", "utf-16")  # an odd byte count cannot be read back


# -- warnings -----------------------------------------------------------------------------------------


def test_mojibake_euc_kr_read_as_latin1() -> None:
    garbled = NOISY_PAGE.encode("cp949").decode("latin-1")
    warning = mojibake_warning(garbled)
    assert warning is not None and "EUC-KR/CP949" in warning and "cannot repair" in warning
    decoded = decode_bytes(garbled.encode("utf-8"))
    assert decoded.encoding == "utf-8" and any("mojibake" in w for w in decoded.warnings)
    # Not repaired: the bytes stay as they were.
    out, result = cleaner.clean_bytes(garbled.encode("utf-8"))
    assert not result.changed or out.decode("utf-8") in garbled or result.text == out.decode("utf-8")


def test_mojibake_utf8_read_as_cp1252() -> None:
    garbled = NOISY_PAGE.encode("utf-8").decode("cp1252", "replace")
    warning = mojibake_warning(garbled)
    assert warning is not None and "UTF-8 bytes" in warning


@pytest.mark.parametrize(
    "text",
    [
        NOISY_PAGE,
        "naïve café über Ärger déjà vu — “quoted” ½ ¼ ©® «ça» Œuvre",
        "Prix : 12,50 € – remise 10 % · TVA incluse. Ça coûte cher à Noël.",
        "",
    ],
)
def test_no_mojibake_false_alarm(text: str) -> None:
    assert mojibake_warning(text) is None


def test_replacement_characters_are_reported() -> None:
    decoded = decode_bytes("손실된 글자 \ufffd\ufffd 가 있다".encode())
    assert any("U+FFFD" in w for w in decoded.warnings)


def test_clean_bytes_passes_warnings_to_the_callback() -> None:
    seen: list[str] = []
    data = b"abc\xff\n"
    out, _ = cleaner.clean_bytes(data, warn=seen.append)
    assert out == data and len(seen) == 1 and "not valid UTF-8" in seen[0]
    seen.clear()
    cleaner.clean_bytes(NOISY_PAGE.encode("utf-8"), warn=seen.append)
    assert seen == []


def test_a_line_starting_with_u_feff_cleans_as_if_it_started_the_file() -> None:
    """A U+FEFF opening a line inside a page reads as a BOM once that line opens the output:
    the cleaner reads it as invisible, so the second run agrees with the first."""
    page = (
        "로그인 | 회원가입 | 구독신청\n"
        "정부, 내년 연구개발 예산 12% 증액…첨단 분야 집중\n"
        "\ufeff(서울=한결뉴스) 홍길동 기자 = 정부가 내년 예산안에서 연구개발 예산을 12% 늘리기로 했다.\n"
        '회사 측은 "하반기에도 고부가 제품 비중을 늘려 수익성을 지키겠다"고 밝혔다.\n'
    )
    first = cleaner.clean(page)
    assert "\n\ufeff정부가 내년" in first.text
    trim = next(f for f in first.findings if f.action == "trim")
    assert trim.start == 1 and trim.text.startswith("(서울=한결뉴스)")
    assert cleaner.clean(first.text).text == first.text
    assert cleaner.clean(page.replace("\ufeff", "")).text == first.text.replace("\ufeff", "")
