"""Every example of every built-in rule is a test case, named after its rule."""

from __future__ import annotations

import pytest

from cleaner import get_cleaner
from cleaner.ruletest import ExampleCheck, check_examples

CHECKS = list(check_examples(get_cleaner().rules, get_cleaner()))


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_rule_example(check: ExampleCheck) -> None:
    assert check.ok, f"{check.rule.source}: {check.id}: {check.problem}\n  example: {check.example.text!r}"


def test_every_regex_rule_has_examples_of_both_kinds() -> None:
    for rule in get_cleaner().regex_rules:
        kinds = {example.remove for example in rule.examples}
        assert kinds == {True, False}, rule.id
