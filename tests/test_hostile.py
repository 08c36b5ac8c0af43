r"""Hostile input: control characters, NUL bytes, lone surrogates, huge runs of digits, arrows and
white space, very long lines. Nothing raises, nothing is lost, and no default rule backtracks
catastrophically.

The timing checks only compare times measured in the same run, each the best of several repeats:
- against a plain line: a rule on an adversarial line of 2,000 characters takes at most 50x the
  larger of (the rule on a plain line of that length, one regex pass over the adversarial line);
  linear rules stay within ~3x of that on every unit but white space;
- growth: on runs of white space, which even a linear ``^\s*...`` rule walks slowly (up to a few
  thousand times one regex pass), a line 16x longer must cost at most 80x more (linear: 16-30x on a
  busy machine, quadratic backtracking: 200x and more).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import regex

import cleaner
from cleaner.model import Rule

from . import pagegen

LENGTH = 2000  # long enough to separate linear from quadratic, short enough for the default suite
SHORT = LENGTH // 16
BOUND = 50.0  # against a plain line
GROWTH = 80.0  # against the same line 16x shorter (linear: 16-30x here, quadratic: 200x and more)
WHITE = ("spaces", "tabs", "no-break spaces", "ideographic spaces")
SCAN = regex.compile(r"[^\n]*$")  # one pass over the line
PLAIN = "코스피는 전 거래일보다 24.15포인트 올라 장을 마쳤다. 외국인은 닷새 만에 순매수로 돌아섰다. "

# Units repeated to the line length: white space first (the known trouble), then the rest.
UNITS = {
    "spaces": " ",
    "tabs": "\t",
    "no-break spaces": "\u00a0",
    "ideographic spaces": "\u3000",
    "digits": "1",
    "digit groups": "1,",
    "decimals": "1.",
    "arrows": "▲",
    "arrowed numbers": "▼1,234.5 ",
    "signed": "+-1",
    "percents": "1%",
    "ticker rows": "코스피 3,151.56 ▼25.72 ",
    "pipes": "코스피 | ",
    "NUL": "\x00",
    "controls": "\x01\x1b\x7f\x85",
    "lone surrogates": "\udcff",
    "hangul": "가",
    "latin": "a",
    "brackets": "[(<【",
    "e-mail": "a.b@c.d ",
    "hashtags": "#a ",
    "breadcrumbs": "a > ",
    "equals": "= ",
    "dots": ". ",
    "capitals": "Ab ",
    "copyright": "© ",
    "colons": "a: ",
}


# Rules that backtrack quadratically on a long run of white space at the start of a line or after
# their keyword: `^\s*[…]?\s*…` lets two \s* split the run every way before failing (measured:
# 4,000 spaces cost 9-15x what 1,000 do, 40-350 ms a line; 100,000 spaces take minutes per line).
# Each is fixed by making its \s* possessive (\s*+), which changes no match on the samples, the dev
# set or the rule examples. Strict: when a rule is fixed, its entry here must go.
def _best(function: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _fill(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _adversarial_lines(rule: Rule, length: int) -> list[tuple[str, str, str]]:
    """(unit name, shape, line): each unit as a leading run and as a run after the rule's first
    keyword; every line carries the keywords, so the keyword filter lets the regex run."""
    keywords = " ".join(rule.keywords)
    first = rule.keywords[0] if rule.keywords else "광고"
    lines = []
    for name, unit in UNITS.items():
        run = _fill(unit, length)
        lines.append((name, "run", f"{run} {keywords}"))
        lines.append((name, "after keyword", f"{first}{run}x {keywords}"))
    return lines


def _match_time(engine: cleaner.Cleaner, rule: Rule, line: str, repeats: int) -> float:
    lowered = line.lower()
    return _best(lambda: engine.match_line(rule, line, lowered), repeats)


def _plain_ratio(engine: cleaner.Cleaner, rule: Rule, line: str, plain: str, repeats: int) -> float:
    base = max(_match_time(engine, rule, plain, repeats), _best(lambda: SCAN.search(line), repeats))
    return _match_time(engine, rule, line, repeats) / base


def _growth(engine: cleaner.Cleaner, rule: Rule, short: str, line: str, repeats: int) -> float:
    return _match_time(engine, rule, line, repeats) / _match_time(engine, rule, short, repeats * 2)


def _rule_params() -> list[object]:
    params = []
    for rule in cleaner.get_cleaner().regex_rules:
        params.append(pytest.param(rule.id, id=rule.id))
    return params


@pytest.mark.parametrize("rule_id", _rule_params())
def test_no_rule_backtracks_catastrophically(rule_id: str) -> None:
    engine = cleaner.get_cleaner()
    rule = next(r for r in engine.regex_rules if r.id == rule_id)
    plain = f"{_fill(PLAIN, LENGTH)} {' '.join(rule.keywords)}"
    shorts = _adversarial_lines(rule, SHORT)
    for (name, shape, line), (_, _, short) in zip(_adversarial_lines(rule, LENGTH), shorts, strict=True):
        where = f"{rule_id} on a {name} {shape} of {LENGTH} characters"
        if name in WHITE:
            growth = _growth(engine, rule, short, line, 3)
            if growth > GROWTH:  # measure again before blaming the rule: the machine may be busy
                growth = min(growth, _growth(engine, rule, short, line, 7))
            assert growth <= GROWTH, f"{where}: {growth:.0f}x the time for a line 16x shorter"
        else:
            ratio = _plain_ratio(engine, rule, line, plain, 3)
            if ratio > BOUND:
                ratio = min(ratio, _plain_ratio(engine, rule, line, plain, 7))
            assert ratio <= BOUND, f"{where}: {ratio:.0f}x a plain line"


# -- whole pages and huge lines ----------------------------------------------------------------------

HUGE = {
    "100k digits": "1" * 100_000,
    "50k arrows": "▲" * 50_000,
    "digit groups": "1," * 50_000,
    "arrowed numbers": "▼1,234.5 " * 10_000,
    "ticker row run": "코스피 3,151.56 ▼25.72 " * 5_000,
    "100k NUL": "\x00" * 100_000,
    "controls": "\x01\x02\x1b\x7f\x85\u2028\u200b" * 10_000,
    "lone surrogates": "\udcff\ud800" * 20_000,
    "1 MB of prose": _fill(PLAIN, 1 << 20),
}


@pytest.mark.parametrize("name", sorted(HUGE))
def test_huge_lines_are_linear(name: str) -> None:
    """The whole engine on one huge line stays within the bound of a plain line that long."""
    line = HUGE[name]
    plain = _fill(PLAIN, len(line))
    spent = _best(lambda: cleaner.clean(line), 2)
    base = _best(lambda: cleaner.clean(plain), 2)
    assert spent <= BOUND * base, f"{name}: {spent / base:.0f}x a plain line"


@pytest.mark.parametrize("name", sorted(HUGE))
def test_huge_lines_in_a_page(name: str) -> None:
    lines = [
        pagegen.HEADLINES[0],
        pagegen.DATELINE_LEDES[0],
        HUGE[name],
        pagegen.BODY[0],
        pagegen.COPYRIGHT[0],
    ]
    text = "\n".join(lines) + "\n"
    pagegen.check_text(text)
    if "\ud800" not in text:
        data = text.encode("utf-8", "surrogateescape")
        pagegen.check_bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 1000,
        b"\x00\n\x00\r\n\x00",
        b"line with a NUL \x00 inside\n" * 20,
        "".join(chr(c) for c in range(32)).encode() + b"\n",
        b"\x1b[31mcolour codes\x1b[0m\n",
        b"\r" * 500,
        b"\r\n" * 500,
        b"\n" * 500,
        b"\xef\xbb\xbf" * 50,
        b"\xff" * 1000,
        b"\xed\xa0\x80\xed\xb0\x80\n",  # a UTF-8-encoded surrogate pair: invalid
        "\u2028\u2029\u0085\u000b\u000c".encode() * 50,
        "코스피 3,151.56 ▼25.72\x00\n".encode() * 30,
    ],
)
def test_hostile_bytes(data: bytes) -> None:
    pagegen.check_bytes(data)


def test_lone_surrogates_in_text() -> None:
    """Surrogates that no bytes stand for (say, from JSON \\ud800 escapes) do not break clean()."""
    text = "\ud800 코스피 3,151.56 ▼25.72\n코스닥 812.40 ▲3.05\n\udfff본문 문장입니다.\n"
    result = pagegen.check_text(text)
    assert "\udfff" in result.text  # type: ignore[attr-defined]


def test_nul_bytes_through_the_cli() -> None:
    """stdin with NUL bytes comes out as clean_bytes would write it."""
    from click.testing import CliRunner

    from cleaner.cli import main

    data = b"\x00abc\x00\n" + pagegen.assemble([*pagegen.TICKER[:4], pagegen.HEADLINES[0], pagegen.BODY[0]])
    result = CliRunner().invoke(main, ["-q"], input=data)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout_bytes == cleaner.clean_bytes(data)[0]


def test_lone_surrogates_and_nul_in_json_lines() -> None:
    """JSON escapes for lone surrogates and NUL survive a --jsonl run (kept lines byte-identical)."""
    import json

    from click.testing import CliRunner

    from cleaner.cli import main

    kept = "본문 \\udfff 문장입니다. 한결경제, 반도체 수출 회복에 3분기 영업이익 증가 전망"
    records = [
        '{"text": "\\ud800 코스피 3,151.56 ▼25.72\\n코스닥 812.40 ▲3.05\\n' + kept + '\\n"}',
        '{"text": "a\\u0000b\\n<저작권자 ⓒ 한결경제, 무단전재 및 재배포 금지>\\n"}',
    ]
    result = CliRunner().invoke(main, ["--jsonl", "-j", "1", "-q"], input="\n".join(records) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line)["text"] for line in result.stdout_bytes.decode().splitlines()]
    assert out[0] == json.loads('"' + kept + '\\n"')
    assert out[1] == "a\x00b\n"
