"""``--explain``: a person's view of what was removed and why, rendered with ``rich``.

For one document: a summary (lines in / kept / dropped / trimmed, per pack),
then the page with removed lines marked ``-`` (struck through and coloured by
pack), trimmed lines marked ``~`` with the removed span highlighted, the rule id
beside each, a few kept lines dimmed around them, and the metadata the removed
lines carried. Without colour (not a terminal, ``--no-color``, ``NO_COLOR``)
the same layout is plain text that still reads well.

Scraped text is never parsed as console markup: pages are full of ``[사진=…]``
and ``[이데일리 …]``. Every piece of page text goes into a ``rich.text.Text``
as a plain string, and control characters are made visible first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import IO, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Finding
from . import Document, Report, display_text

PACK_STYLES = {
    "copyright": "magenta",
    "byline": "cyan",
    "dateline": "blue",
    "crypto-ticker": "yellow",
    "market-ticker": "bright_yellow",
    "caption": "green",
    "duplicate-headline": "bright_magenta",
    "site-chrome": "red",
}
_SPARE_STYLES = ("bright_cyan", "bright_green", "bright_blue", "bright_red", "orange3", "purple")
CONTEXT = 1


def pack_style(pack: str) -> str:
    """A stable colour per pack; user packs get one of the spare colours."""
    if pack in PACK_STYLES:
        return PACK_STYLES[pack]
    return _SPARE_STYLES[sum(map(ord, pack)) % len(_SPARE_STYLES)]


def make_console(file: IO[str], color: bool | None = None, width: int | None = None) -> Console:
    """A console on ``file``: ``color`` True forces styles, False gives plain text,
    None decides by whether ``file`` is a terminal and ``NO_COLOR``."""
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    common: dict[str, Any] = {
        "file": file,
        "width": width,
        "markup": False,
        "emoji": False,
        "highlight": False,
    }
    console = Console(
        force_terminal=True if color else None, color_system=None if color is False else "auto", **common
    )
    if color and console.color_system is None:  # --color on a dumb terminal: plain ANSI colours
        console = Console(force_terminal=True, color_system="standard", **common)
    return console


def _counts(counts: Iterable[tuple[str, int]]) -> Text:
    text = Text()
    for index, (pack, count) in enumerate(counts):
        if index:
            text.append("  ")
        text.append(pack, style=pack_style(pack))
        text.append(f"={count}")
    return text


def _shown_lines(lines: list[str], findings: dict[int, Finding], context: int) -> list[int]:
    """Indexes to show: every finding and up to ``context`` non-blank kept lines either side."""
    text_lines = [i for i, line in enumerate(lines) if line.strip() or i in findings]
    position = {index: n for n, index in enumerate(text_lines)}
    shown: set[int] = set()
    for index in findings:
        n = position[index]
        shown.update(text_lines[max(0, n - context) : n + context + 1])
    return sorted(shown)


def _styled(text: str, style: str, clip: bool = False) -> Text:
    """Page text as a styled span (styles stop where the text does, not at the cell's edge)."""
    out = Text(no_wrap=True, overflow="ellipsis") if clip else Text()
    out.append(display_text(text), style=style)
    return out


def _row(number: int, line: str, finding: Finding | None) -> tuple[Text, Text, Text, Text]:
    no = Text(str(number), style="dim")
    if finding is None:
        return no, Text(" "), _styled(line, "dim", clip=True), Text()
    style = pack_style(finding.pack)
    rule = Text(finding.rule, style=style)
    if finding.action == "drop":
        return no, Text("-", style=f"bold {style}"), _styled(line, f"strike {style}"), rule
    body = Text.assemble(
        display_text(line[: finding.start]),
        _styled(line[finding.start : finding.end], f"reverse {style}"),
        display_text(line[finding.end :]),
    )
    return no, Text("~", style=f"bold {style}"), body, rule


def page(doc: Document, context: int = CONTEXT) -> Table:
    """The page with every removal marked and a little kept context around each."""
    lines = (doc.source or "").split("\n")
    lines = [line.removesuffix("\r") for line in lines]
    findings = {f.line - 1: f for f in doc.result.findings}
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(no_wrap=True)
    previous = -1
    for index in _shown_lines(lines, findings, context):
        if any(lines[i].strip() for i in range(previous + 1, index)) and previous >= -1:
            hidden = sum(1 for i in range(previous + 1, index) if lines[i].strip())
            grid.add_row(
                Text("⋮", style="dim"), Text(" "), Text(f"{hidden} kept", style="dim italic"), Text()
            )
        grid.add_row(*_row(index + 1, lines[index], findings.get(index)))
        previous = index
    rest = sum(1 for line in lines[previous + 1 :] if line.strip())
    if rest and findings:
        grid.add_row(Text("⋮", style="dim"), Text(" "), Text(f"{rest} kept", style="dim italic"), Text())
    return grid


def metadata(doc: Document) -> Table | None:
    """The fields carried by removed lines (reporter, outlet, times), or None."""
    if not doc.result.metadata:
        return None
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, values in doc.result.metadata.items():
        grid.add_row(Text(key), Text(display_text(", ".join(values))))
    return grid


def summary(doc: Document) -> Text:
    """One line: lines in / kept / dropped / trimmed, then the packs that removed them."""
    stats = doc.result.stats()
    dropped, trimmed, lines_in = int(str(stats["dropped"])), int(str(stats["trimmed"])), doc.result.lines_in
    head = Text(display_text(doc.display), style="bold")
    if not doc.result.changed:
        head.append(f": {lines_in} lines, nothing to remove", style="")
        return head
    head.append(f": {lines_in} lines in, {dropped} dropped, {trimmed} trimmed")
    per_pack: dict[str, int] = {}
    for finding in doc.result.findings:
        per_pack[finding.pack] = per_pack.get(finding.pack, 0) + 1
    return Text.assemble(head, "\n  ", _counts(sorted(per_pack.items(), key=lambda kv: (-kv[1], kv[0]))))


def render(doc: Document, context: int = CONTEXT) -> RenderableType:
    """The whole ``--explain`` view of one document."""
    parts: list[RenderableType] = [summary(doc)]
    if doc.result.changed:
        parts += [Text(), page(doc, context)]
    meta = metadata(doc)
    if meta is not None:
        parts += [Text(), Text("metadata", style="bold underline"), meta]
    parts.append(Text())
    return Group(*parts)


def run_summary(report: Report, verb: str = "cleaned") -> RenderableType:
    """Counts across many documents: per pack and per rule, most frequent first."""
    table = Table(
        title=Text(report.summary_line(verb)),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("pack")
    table.add_column("rule")
    table.add_column("findings", justify="right")
    per_pack = sorted(report.per_pack.items(), key=lambda kv: (-kv[1], kv[0]))
    for pack, total in per_pack:
        style = pack_style(pack)
        table.add_row(Text(pack, style=f"bold {style}"), Text("(all)", style="dim"), Text(str(total)))
        rules = sorted(
            (r for r in report.per_rule if report.rule_pack[r] == pack),
            key=lambda r: (-report.per_rule[r], r),
        )
        for rule in rules:
            table.add_row(Text(), Text(rule, style=style), Text(str(report.per_rule[rule])))
    if per_pack:
        total = sum(report.per_pack.values())
        table.add_row(Text("total", style="bold"), Text(), Text(str(total), style="bold"), end_section=True)
    return table


_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def emit(console: Console, renderable: RenderableType) -> None:
    """Print ``renderable`` without the blanks rich pads table rows with."""
    with console.capture() as capture:
        console.print(renderable, crop=False)
    console.file.write(_TRAILING.sub(r"\1", capture.get()))
    console.file.flush()
