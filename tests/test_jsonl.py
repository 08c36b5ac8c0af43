"""Corpus mode: JSONL records in, the same records out with one field cleaned."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.jsonl import JsonlError, JsonlStats, process_jsonl

PAGE_KO = """본문 바로가기
한울경제
로그인 회원가입
주식시황
항목 현재가 전일대비
코스피 2,874.15 ▲12.40
코스닥 802.33 ▼3.05
원/달러 1,392.60 ▲4.10

[마감시황] 코스피 2,870선 회복…반도체 강세에 이틀째 상승
고은채 기자
입력 2025.08.21 15:48 수정 2025.08.21 16:05

(서울=한울경제) 고은채 기자 = 코스피가 반도체 대형주 강세에 힘입어 이틀 연속 올랐다.

코스피는 21일 전 거래일보다 12.40포인트(0.43%) 오른 2,874.15로 마감했다. \
외국인은 2,310억원어치를 사들였고 개인은 1,870억원어치를 팔았다.

코스닥지수는 3.05포인트(0.38%) 내린 802.33에 장을 마쳤다. 원/달러 환율은 4.1원 오른 1,392.6원에 거래를 끝냈다.

고은채 기자 eunchae@hanul.example
<저작권자 © 한울경제, 무단전재 및 재배포 금지>
관련기사
코스피, 외국인 매수에 2,860선 강보합
"""

PAGE_EN = """Skip to main content
Tidewater Post
Log in  Subscribe
Dow 40,118.22 +0.4%
Nasdaq 17,902.10 -0.2%
Port strike ends after nine days as dockworkers back new contract
By Ruth Calloway
June 3, 2025 7:12 PM UTC
SAVANNAH (Tidewater Post) — Dockworkers at the state's two largest ports voted on Tuesday to accept \
a six-year contract, ending a nine-day strike that had stranded dozens of container ships offshore.

The agreement raises base pay by 31% over the life of the deal, union officials said.

Copyright © 2025 Tidewater Post. All rights reserved.
"""

ARTICLE_KO = """코스피가 반도체 대형주 강세에 힘입어 이틀 연속 올랐다.

코스피는 21일 전 거래일보다 12.40포인트(0.43%) 오른 2,874.15로 마감했다. 외국인은 2,310억원어치를 사들였다.
"""

ENGINE = cleaner.get_cleaner()


def clean(text: str) -> str:
    return ENGINE.clean_text(text).text


def line(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def run(
    tmp_path: Path, data: bytes, name: str = "in.jsonl", **options: object
) -> tuple[bytes, JsonlStats, str]:
    source = tmp_path / name
    source.write_bytes(data)
    out, err = io.BytesIO(), io.StringIO()
    stats = process_jsonl(source, out, cleaner=ENGINE, err=err, **options)  # type: ignore[arg-type]
    return out.getvalue(), stats, err.getvalue()


def corpus(count: int) -> bytes:
    pages = (PAGE_KO, PAGE_EN, ARTICLE_KO)
    return b"".join(
        line({"id": i, "lang": ("ko", "en", "ko")[i % 3], "text": pages[i % 3]}) for i in range(count)
    )


def test_cleans_the_text_field_and_counts() -> None:
    assert ENGINE.clean_text(PAGE_KO).changed and ENGINE.clean_text(PAGE_EN).changed
    assert not ENGINE.clean_text(ARTICLE_KO).changed


def test_field_is_cleaned_and_everything_else_kept(tmp_path: Path) -> None:
    data = corpus(6)
    out, stats, err = run(tmp_path, data)
    assert stats == JsonlStats(records=6, changed=4, errors=0)
    assert err == ""
    records = [json.loads(x) for x in out.splitlines()]
    originals = [json.loads(x) for x in data.splitlines()]
    for got, original in zip(records, originals, strict=True):
        assert list(got) == list(original)
        assert got["id"] == original["id"] and got["lang"] == original["lang"]
        assert got["text"] == clean(original["text"])


def test_nested_dotted_field(tmp_path: Path) -> None:
    record = {"id": "ko-1", "doc": {"title": "코스피 2,870선 회복", "body": PAGE_KO}, "text": PAGE_EN}
    out, stats, _ = run(tmp_path, line(record), field="doc.body")
    got = json.loads(out)
    assert stats.changed == 1
    assert got["doc"]["body"] == clean(PAGE_KO)
    assert got["doc"]["title"] == "코스피 2,870선 회복"
    assert got["text"] == PAGE_EN  # only the named field is touched


def test_a_literal_key_with_dots_wins(tmp_path: Path) -> None:
    record = {"doc.body": PAGE_EN, "doc": {"body": PAGE_KO}}
    out, _, _ = run(tmp_path, line(record), field="doc.body")
    got = json.loads(out)
    assert got["doc.body"] == clean(PAGE_EN) and got["doc"]["body"] == PAGE_KO


def test_other_bytes_and_key_order_are_untouched(tmp_path: Path) -> None:
    text = json.dumps(PAGE_KO, ensure_ascii=False)
    prefix = '{"score": 1.50, "tags" : ["시황", "증권"],\t"text": '
    suffix = ', "big": 12345678901234567890, "z": null}'
    out, _, _ = run(tmp_path, f"{prefix}{text}{suffix}\r\n".encode())
    decoded = out.decode("utf-8")
    assert decoded.startswith(prefix) and decoded.endswith(suffix + "\r\n")
    assert json.loads(decoded)["text"] == clean(PAGE_KO)
    assert list(json.loads(decoded)) == ["score", "tags", "text", "big", "z"]


def test_unchanged_records_are_byte_identical(tmp_path: Path) -> None:
    escaped = json.dumps({"text": ARTICLE_KO, "id": 7})  # \uXXXX escapes, ", " separators
    lines = [
        escaped.encode() + b"\n",
        b'{ "id" : 8 , "text" : "\\ucf54\\uc2a4\\ud53c\\uac00 \\uc62c\\ub790\\ub2e4." }\r\n',
        b"\n",
        escaped.encode(),  # last line without a newline
    ]
    data = b"".join(lines)
    out, stats, _ = run(tmp_path, data)
    assert out == data
    assert stats == JsonlStats(records=3, changed=0, errors=0)


def test_duplicate_keys_clean_the_last_one_like_json_loads(tmp_path: Path) -> None:
    data = f'{{"text": "first", "text": {json.dumps(PAGE_EN)}}}\n'.encode()
    out, _, _ = run(tmp_path, data)
    assert out.startswith(b'{"text": "first", "text": ')
    assert json.loads(out)["text"] == clean(PAGE_EN)


def test_lone_surrogate_escapes_survive(tmp_path: Path) -> None:
    page = PAGE_EN.replace("Dockworkers at", "Dockworkers \ud800at", 1)  # inside a kept line
    data = b'{"text": ' + json.dumps(page).encode() + b"}\n"
    out, stats, _ = run(tmp_path, data)
    assert stats.changed == 1
    assert json.loads(out)["text"] == clean(json.loads(data)["text"])
    assert b"\\ud800" in out


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
def test_compressed_round_trip(tmp_path: Path, suffix: str) -> None:
    if suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        compress = zstandard.ZstdCompressor().compress

        def decompress(blob: bytes) -> bytes:
            return bytes(zstandard.ZstdDecompressor().decompressobj().decompress(blob))
    else:
        module = {".gz": gzip, ".bz2": bz2, ".xz": lzma}[suffix]
        compress, decompress = module.compress, module.decompress
    data = corpus(9)
    plain, _, _ = run(tmp_path, data)
    source, target = tmp_path / f"in.jsonl{suffix}", tmp_path / f"out.jsonl{suffix}"
    source.write_bytes(compress(data))
    stats = process_jsonl(source, target, cleaner=ENGINE)
    assert stats.records == 9
    assert decompress(target.read_bytes()) == plain


def test_compressed_stdin_is_recognised_by_its_magic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = corpus(3)
    plain, _, _ = run(tmp_path, data)
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(gzip.compress(data))))
    monkeypatch.setattr(sys, "stdin", stdin)
    out = io.BytesIO()
    process_jsonl("-", out, cleaner=ENGINE)
    assert out.getvalue() == plain


BAD = [
    line({"id": 1, "text": PAGE_EN}),
    b'{"id": 2, "text": "unterminated\n',
    b"[1, 2, 3]\n",
    line({"id": 4, "body": PAGE_KO}),
    line({"id": 5, "text": None}),
    b'{"id": 6, "text": "\xff\xfe"}\n',
    line({"id": 7, "doc": "not an object"}),
    line({"id": 8, "text": PAGE_KO}),
]
BAD_NUMBERS = [2, 3, 4, 5, 6, 7]


def test_bad_records_kept_and_reported(tmp_path: Path) -> None:
    out, stats, err = run(tmp_path, b"".join(BAD), on_error="keep")
    lines = out.splitlines(keepends=True)
    assert len(lines) == len(BAD)
    assert [lines[n - 1] for n in BAD_NUMBERS] == [BAD[n - 1] for n in BAD_NUMBERS]
    assert json.loads(lines[-1])["text"] == clean(PAGE_KO)
    assert stats == JsonlStats(records=8, changed=2, errors=6)
    reported = [msg for msg in err.splitlines() if msg]
    assert len(reported) == 6
    for number, message in zip(BAD_NUMBERS, reported, strict=True):
        assert f"in.jsonl:{number}: " in message and message.endswith("(kept unchanged)")
    assert "invalid JSON" in reported[0] and "not a JSON object" in reported[1]
    assert "'text' is missing" in reported[2] and "null" in reported[3] and "UTF-8" in reported[4]


def test_bad_records_skipped_and_reported(tmp_path: Path) -> None:
    out, stats, err = run(tmp_path, b"".join(BAD), on_error="skip")
    assert [json.loads(x)["id"] for x in out.splitlines()] == [1, 8]
    assert stats.errors == 6
    assert [m.split(": ")[1] for m in err.splitlines()] == [
        f"{tmp_path / 'in.jsonl'}:{n}" for n in BAD_NUMBERS
    ]
    assert all(m.endswith("(dropped)") for m in err.splitlines())


def test_a_nested_field_under_a_non_object_is_missing(tmp_path: Path) -> None:
    _, _, err = run(tmp_path, BAD[6], field="doc.text")
    assert "'doc.text' is missing ('doc' is" in err


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_record_fails(tmp_path: Path, jobs: int) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(BAD))
    out = io.BytesIO()
    with pytest.raises(JsonlError, match=r"in\.jsonl:2: invalid JSON"):
        process_jsonl(source, out, cleaner=ENGINE, on_error="fail", jobs=jobs, chunk_bytes=64)
    first, _, _ = run(tmp_path, BAD[0], "first.jsonl")
    assert out.getvalue() == first  # everything before the bad record, nothing after


def test_report_field(tmp_path: Path) -> None:
    data = line({"id": 1, "text": PAGE_KO}) + line({"id": 2, "text": ARTICLE_KO})
    out, stats, _ = run(tmp_path, data, report_field="cleaning")
    first, second = (json.loads(x) for x in out.splitlines())
    result = ENGINE.clean_text(PAGE_KO)
    report = first["cleaning"]
    assert list(first) == ["id", "text", "cleaning"]
    assert (
        report["per_pack"] == result.stats()["per_pack"] and report["per_rule"] == result.stats()["per_rule"]
    )
    assert report["dropped"] + report["trimmed"] == len(result.findings)
    assert report["findings"] == [
        {"line": f.line, "rule": f.rule, "action": f.action} for f in result.findings
    ]
    assert report["per_pack"]["market-ticker"] == 5
    assert report["metadata"] == result.metadata
    assert second["cleaning"]["findings"] == [] and second["text"] == ARTICLE_KO
    assert stats.changed == 1


def test_report_field_replaces_an_existing_one_in_place(tmp_path: Path) -> None:
    data = line({"cleaning": {"old": True}, "text": PAGE_EN, "id": 3})
    out, _, _ = run(tmp_path, data, report_field="cleaning")
    got = json.loads(out)
    assert list(got) == ["cleaning", "text", "id"] and "old" not in got["cleaning"]


def test_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(JsonlError, match="overwrite"):
        run(tmp_path, b"", report_field="text")
    with pytest.raises(JsonlError, match="on_error"):
        run(tmp_path, b"", on_error="ignore")
    with pytest.raises(JsonlError, match="cannot read"):
        process_jsonl(tmp_path / "missing.jsonl", io.BytesIO(), cleaner=ENGINE)


@pytest.mark.parametrize("compressed", [False, True])
def test_two_jobs_give_the_same_output_as_one(tmp_path: Path, compressed: bool) -> None:
    data = corpus(40) + b"".join(BAD) + corpus(20)
    name = "in.jsonl.gz" if compressed else "in.jsonl"
    payload = gzip.compress(data) if compressed else data
    serial, serial_stats, serial_err = run(tmp_path, payload, name)
    parallel, parallel_stats, parallel_err = run(tmp_path, payload, name, jobs=2, chunk_bytes=2000)
    assert parallel == serial
    assert parallel_stats == serial_stats == JsonlStats(records=68, changed=43, errors=6)
    assert parallel_err == serial_err
    assert f"in.jsonl{'.gz' if compressed else ''}:{40 + 2}: invalid JSON" in parallel_err


TRICKY = [
    '{"text":' + json.dumps(PAGE_EN) + "}",
    ' \t{ "text"\t:  ' + json.dumps(PAGE_EN) + ' , "n" : [1, {"text": "}"}] }  ',
    '{"k\\"ey": "a\\"b}", "te\\u0078t": ' + json.dumps(PAGE_KO, ensure_ascii=True) + ', "x": NaN}',
    '{"a": {"text": "nested"}, "text": ' + json.dumps(PAGE_EN) + ', "b": "\\"text\\": 1"}',
    "\ufeff" + '{"text": ' + json.dumps(PAGE_EN) + "}",
]
INVALID = [
    '{"text": "a"} x',
    '{"text": "a",}',
    '{"text" "a"}',
    '{"text": "a"',
    "{'text': 'a'}",
    '{"text": "\t"}',
]


def test_fast_scan_agrees_with_json_loads(tmp_path: Path) -> None:
    data = "".join(x + "\n" for x in TRICKY + INVALID).encode()
    out, stats, err = run(tmp_path, data)
    lines = out.decode().splitlines()
    for got, original in zip(lines, TRICKY, strict=False):
        assert json.loads(got.lstrip("\ufeff"))["text"] == clean(
            json.loads(original.lstrip("\ufeff"))["text"]
        )
    assert lines[len(TRICKY) :] == INVALID
    assert stats == JsonlStats(records=11, changed=5, errors=6)
    assert err.count("invalid JSON") == 6
