"""Judge a rule's ``[[rules.examples]]``: the one place that decides pass or fail.

``newsclean rules test`` and ``tests/test_rule_examples.py`` both call
``check_examples``: a ``remove`` example must produce a candidate of its rule
(and carry at least the example's ``fields``), a ``keep`` example must not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .engine import Cleaner
from .model import Example, Rule


@dataclass(frozen=True, slots=True)
class ExampleCheck:
    """The verdict on one example of one rule."""

    rule: Rule
    example: Example
    label: str  # "remove-0", "keep-1": per kind, in file order
    problem: str | None  # None when the example passes

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def id(self) -> str:
        """A stable test id, e.g. ``copyright-notice[keep-0]``."""
        return f"{self.rule.id}[{self.label}]"


def _format_fields(fields: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in fields) or "none"


def judge_example(cleaner: Cleaner, rule: Rule, example: Example) -> str | None:
    """Why ``example`` fails for ``rule``, or None when it passes.

    Detector rules work on whole pages, not single lines, so their examples are
    not judged here.
    """
    if rule.regex is None:
        return None
    candidate = cleaner.match_line(rule, example.text, example.text.lower())
    if not example.remove:
        if candidate is None:
            return None
        return f"should be kept, but the rule matches {example.text[candidate.start : candidate.end]!r}"
    if candidate is None:
        return "should be removed, but the rule does not match"
    missing = sorted(set(example.fields) - set(candidate.fields))
    if missing:
        return f"fields: expected {_format_fields(missing)}, captured {_format_fields(candidate.fields)}"
    return None


def check_rule(cleaner: Cleaner, rule: Rule) -> Iterator[ExampleCheck]:
    """Every example of ``rule`` with its verdict."""
    counts = {True: 0, False: 0}
    for example in rule.examples:
        kind = "remove" if example.remove else "keep"
        label = f"{kind}-{counts[example.remove]}"
        counts[example.remove] += 1
        yield ExampleCheck(rule, example, label, judge_example(cleaner, rule, example))


def check_examples(rules: Iterable[Rule], cleaner: Cleaner | None = None) -> Iterator[ExampleCheck]:
    """Judge every example of ``rules``; ``cleaner`` must know all of them (default: built from them)."""
    rules = list(rules)
    judge = cleaner if cleaner is not None else Cleaner(rules)
    for rule in rules:
        yield from check_rule(judge, rule)
