"""``newsclean rules show``: one rule as a person reads it, with its examples judged."""

from __future__ import annotations

import os

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..engine import Cleaner
from ..model import Rule
from ..ruletest import check_rule
from . import display_text
from .terminal import pack_style


def _short(path: str) -> str:
    """``path`` relative to the current directory when it is below it."""
    relative = os.path.relpath(path) if path else path
    return path if not path or relative.startswith("..") else relative


def _pattern(source: str) -> Text:
    """A pattern exactly as written: indented, never wrapped or cut (it is meant to be copied)."""
    lines = "\n".join("    " + line for line in source.strip("\n").split("\n"))
    return Text(lines, style="bold", no_wrap=True, overflow="ignore")


def render_rule(rule: Rule, judge: Cleaner) -> RenderableType:
    """Id, pack, description, settings, pattern, allowlists and examples (✓ pass, ✗ fail)."""
    title = Text.assemble(
        (rule.id, "bold"), "  (pack ", (rule.pack, pack_style(rule.pack)), f", {_short(rule.source)})"
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(overflow="fold")
    zones = ", ".join(z for z in ("head", "body", "tail") if z in rule.zones)
    rows = [("zones", zones), ("action", rule.action)]
    if rule.keywords:
        rows.append(("keywords", ", ".join(rule.keywords)))
    if rule.min_run > 1:
        rows.append(("min-run", str(rule.min_run)))
    if rule.starts_zone:
        rows.append(("starts-zone", rule.starts_zone))
    for key, refs in (("follows", rule.follows), ("precedes", rule.precedes)):
        if refs:
            rows.append((key, ", ".join(refs)))
    if rule.tags:
        rows.append(("tags", ", ".join(rule.tags)))
    if rule.detector:
        rows.append(("detector", rule.detector))
    for key, value in rows:
        facts.add_row(Text(key), Text(value))
    parts: list[RenderableType] = [title, Text(rule.description), facts]
    if rule.regex is not None:
        parts += [Text("pattern", style="dim"), _pattern(rule.regex.pattern)]
    for allow in rule.allowlists:
        parts += [Text("allowlist (a match keeps the line)", style="dim"), _pattern(allow.pattern)]
    if rule.examples:
        parts.append(Text("examples", style="dim"))
        examples = Table.grid(padding=(0, 1))
        examples.add_column(no_wrap=True)
        examples.add_column(no_wrap=True)
        examples.add_column(overflow="fold")
        for check in check_rule(judge, rule):
            mark = Text("✓", style="green") if check.ok else Text("✗", style="bold red")
            body = Text(display_text(check.example.text))
            if check.example.fields:
                body.append("  " + ", ".join(f"{k}={v!r}" for k, v in check.example.fields), style="dim")
            if check.problem:
                body.append(f"\n{check.problem}", style="red")
            examples.add_row(mark, Text(check.label), body)
        parts.append(examples)
    parts.append(Text())
    return Group(*parts)
