"""Plain data types shared by every layer: rules, lines, findings, results (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import regex
from regex import Pattern

Zone = Literal["head", "body", "tail"]
Action = Literal["drop", "trim"]
ZONES: tuple[Zone, ...] = ("head", "body", "tail")


@dataclass(frozen=True, slots=True)
class Example:
    """One executable example of a rule: a line it must remove, or one it must keep."""

    text: str
    remove: bool
    fields: tuple[tuple[str, str], ...] = ()


def compile_pattern(pattern: str) -> Pattern[str]:
    """Compile a pack regex; a pattern spanning several lines is verbose."""
    if "\n" in pattern:
        return regex.compile(pattern.strip(), regex.VERBOSE)
    return regex.compile(pattern)


@dataclass(frozen=True, slots=True)
class Rule:
    """A declarative cleaning rule loaded from a rule pack.

    A rule either has a ``pattern`` (a regex source) matched against each line, or
    names a ``detector`` (a structural check written in code, see ``detectors.py``).
    The pattern is compiled on first use (``regex``); the built-in packs are kept compiled
    on disk between runs (``packcache``).
    """

    id: str
    pack: str
    description: str
    zones: frozenset[Zone]
    action: Action = "drop"
    pattern: str | None = None
    detector: str | None = None
    keywords: tuple[str, ...] = ()
    max_length: int | None = None  # longer lines (stripped) are never matched
    min_run: int = 1
    follows: tuple[str, ...] = ()
    precedes: tuple[str, ...] = ()
    starts_zone: Zone | None = None
    allowlists: tuple[Pattern[str], ...] = ()
    examples: tuple[Example, ...] = ()
    tags: tuple[str, ...] = ()
    source: str = ""
    budget: float | None = None  # seconds per match; user rules get one, built-in rules are vetted
    _compiled: Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def regex(self) -> Pattern[str] | None:
        """The compiled ``pattern`` (None for a detector rule)."""
        compiled = self._compiled
        if compiled is None and self.pattern is not None:
            compiled = compile_pattern(self.pattern)
            object.__setattr__(self, "_compiled", compiled)
        return compiled

    def allowed(self, text: str) -> bool:
        """True unless an allowlist pattern vetoes ``text``."""
        return not any(pattern.search(text) for pattern in self.allowlists)


@dataclass(frozen=True, slots=True)
class RulePack:
    """One TOML file of rules for one noise category of the cleaning policy."""

    id: str
    description: str
    path: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One removal: a dropped line, or a trimmed span at the start of a kept line."""

    line: int  # 1-based
    pack: str
    rule: str
    action: Action
    text: str
    start: int = 0
    end: int = 0
    fields: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The finding as JSON-ready data (``start``/``end`` only for trims)."""
        data: dict[str, object] = {
            "line": self.line,
            "pack": self.pack,
            "rule": self.rule,
            "action": self.action,
            "text": self.text,
        }
        if self.action == "trim":
            data["start"] = self.start
            data["end"] = self.end
        data["fields"] = dict(self.fields)
        return data


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the page's zones and landmarks are (0-based line indexes)."""

    headline: int | None
    lede: int
    tail: int  # == number of lines when the page has no tail

    def zone(self, index: int) -> Zone:
        """The zone of line ``index``."""
        if index >= self.tail:
            return "tail"
        if index < self.lede:
            return "head"
        return "body"


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned text with every removal that produced it."""

    text: str
    findings: tuple[Finding, ...]
    layout: Layout
    lines_in: int
    metadata: dict[str, list[str]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # e.g. a user rule that ran out of time on a line

    @property
    def changed(self) -> bool:
        """True when anything was removed."""
        return bool(self.findings)

    def stats(self) -> dict[str, object]:
        """Counts of kept / dropped / trimmed lines, per pack and per rule."""
        per_pack: dict[str, int] = {}
        per_rule: dict[str, int] = {}
        for finding in self.findings:
            per_pack[finding.pack] = per_pack.get(finding.pack, 0) + 1
            per_rule[finding.rule] = per_rule.get(finding.rule, 0) + 1
        dropped = sum(1 for f in self.findings if f.action == "drop")
        return {
            "lines_in": self.lines_in,
            "dropped": dropped,
            "trimmed": len(self.findings) - dropped,
            "per_pack": per_pack,
            "per_rule": per_rule,
        }
