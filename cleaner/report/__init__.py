"""Reports over cleaned documents: small pure renderers chosen by name, and a tally.

A renderer receives ``Document`` values (a source name, the ``CleanResult`` and,
when it needs them, the input text) and returns what to print. Renderers are
imported only when asked for, so the plain filter never pays for ``json``,
``difflib`` or ``rich``.

============  =====================================================  ==========
name          what                                                   where
============  =====================================================  ==========
``json``      versioned machine report (``report/schema.json``)      stdout
``concise``   ``path:line:col: pack/rule action: text`` per finding  stdout
``diff``      unified diff from input to output                      stdout
``terminal``  ``--explain``: the page with every removal marked      stderr
============  =====================================================  ==========
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import CleanResult

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Document:
    """One cleaned input: where it came from, the result and (optionally) the input text."""

    path: str
    result: CleanResult
    source: str | None = None  # the decoded input, needed by diff and terminal

    @property
    def display(self) -> str:
        """The name shown to people: ``<stdin>`` for standard input."""
        return "<stdin>" if self.path == STDIN else self.path


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be cleaned, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class Report:
    """The tally of a run: files per outcome, findings per pack and rule, and the exit code."""

    check: bool = False
    changed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed: bool = False  # an error outside any one file (e.g. a report that cannot be written)
    per_pack: Counter[str] = field(default_factory=Counter)
    per_rule: Counter[str] = field(default_factory=Counter)
    rule_pack: dict[str, str] = field(default_factory=dict)
    dropped: int = 0
    trimmed: int = 0
    lines_in: int = 0

    def count(self, changed: bool) -> None:
        """Count one cleaned document whose findings are not needed."""
        if changed:
            self.changed += 1
        else:
            self.unchanged += 1

    def add(self, result: CleanResult) -> None:
        """Count one cleaned document and tally its findings."""
        self.count(result.changed)
        self.lines_in += result.lines_in
        for finding in result.findings:
            self.per_pack[finding.pack] += 1
            self.per_rule[finding.rule] += 1
            self.rule_pack[finding.rule] = finding.pack
            if finding.action == "drop":
                self.dropped += 1
            else:
                self.trimmed += 1

    def skip(self, path: str, reason: str) -> None:
        """Count one input that was reported and left alone."""
        self.skipped.append(Skipped(path, reason))

    @property
    def files(self) -> int:
        return self.changed + self.unchanged + len(self.skipped)

    @property
    def exit_code(self) -> int:
        """2 when anything went wrong, 1 when ``--check`` found changes, else 0."""
        if self.skipped or self.failed:
            return 2
        if self.check and self.changed:
            return 1
        return 0

    def summary_line(self, verb: str = "cleaned") -> str:
        """E.g. ``3 files cleaned, 41 unchanged, 1 skipped``."""
        changed = f"{self.changed} file{'' if self.changed == 1 else 's'} {verb}"
        parts = [changed, f"{self.unchanged} unchanged"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """The multi-document summary as JSON-ready data."""
        return {
            "files": self.files,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "lines_in": self.lines_in,
            "dropped": self.dropped,
            "trimmed": self.trimmed,
            "per_pack": dict(sorted(self.per_pack.items(), key=lambda kv: (-kv[1], kv[0]))),
            "per_rule": dict(sorted(self.per_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


def display_text(text: str) -> str:
    """Text safe to show on a terminal: control characters made visible, bad bytes as U+FFFD."""
    return text.translate(_DISPLAY)


_DISPLAY: dict[int, str] = {code: chr(0x2400 + code) for code in range(32) if code != 9}
_DISPLAY[0x7F] = "\u2421"
_DISPLAY.update({code: "\ufffd" for code in range(0xDC80, 0xDD00)})  # surrogateescape'd bytes

# name -> "module:function"; resolved lazily by ``renderer``.
FORMATS: dict[str, str] = {
    "json": "cleaner.report.json:render",
    "concise": "cleaner.report.concise:render",
    "diff": "cleaner.report.diff:render",
    "terminal": "cleaner.report.terminal:render",
}


def renderer(name: str) -> Callable[..., Any]:
    """The render function registered as ``name`` (imported on first use)."""
    module, _, function = FORMATS[name].partition(":")
    render: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return render


def findings_count(documents: Iterable[Document]) -> int:
    """How many findings the documents carry."""
    return sum(len(doc.result.findings) for doc in documents)
