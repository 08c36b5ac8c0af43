"""A user rule that backtracks catastrophically cannot hang a run: it is given up, reported,
and the line is kept."""

from __future__ import annotations

import time
from pathlib import Path

import cleaner

RUNAWAY = Path(__file__).parent / "data" / "packs" / "runaway" / "runaway.toml"
PAGE = (
    "시립도서관, 밤 10시까지 문 연다\n\n"
    "시립도서관이 다음 달부터 평일 운영 시간을 밤 10시까지 늘린다.\n\n" + "a" * 40 + "b\n\n"
    "도서관 측은 직장인 이용자가 크게 늘었다고 설명했다.\n"
)


def test_catastrophic_user_pattern_finishes_keeps_the_line_and_reports_the_rule() -> None:
    started = time.monotonic()
    result = cleaner.clean(PAGE, extra_packs=[RUNAWAY])
    elapsed = time.monotonic() - started
    assert "a" * 40 + "b" in result.text.splitlines()
    assert result.warnings == ("rule 'runaway-as' ran out of time on line 5 and was skipped there",)
    assert elapsed < 30  # without the budget, ~fib(40) steps: minutes or more


def test_the_user_rule_still_matches_where_it_can() -> None:
    result = cleaner.clean(PAGE.replace("a" * 40 + "b", "aaaa"), extra_packs=[RUNAWAY])
    assert [f.rule for f in result.findings] == ["runaway-as"]
    assert result.warnings == ()


def test_built_in_rules_run_without_a_budget() -> None:
    engine = cleaner.get_cleaner(extra_packs=[RUNAWAY])
    assert all(rule.budget is None for rule in engine.rules if rule.pack != "runaway")
    assert all(rule.budget for rule in engine.rules if rule.pack == "runaway")


def test_clean_bytes_passes_the_warning_on() -> None:
    messages: list[str] = []
    cleaner.clean_bytes(PAGE.encode(), extra_packs=[RUNAWAY], warn=messages.append)
    assert messages == ["rule 'runaway-as' ran out of time on line 5 and was skipped there"]
