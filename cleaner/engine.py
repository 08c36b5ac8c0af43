"""The cleaning pipeline: lines -> candidates -> zones -> blocks -> resolution -> output.

``Cleaner`` is built once from a list of rules and is then pure: ``clean_text``
returns a ``CleanResult`` whose findings, replayed on the input, give its text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import regex

from . import textio
from .detectors import DETECTORS, FALLBACK_DETECTORS, Page, browser_titles
from .model import CleanResult, Finding, Layout, Rule
from .rulepack import PACK_ORDER
from .zones import Signals, find_layout

Fields = tuple[tuple[str, str], ...]
NamedBy = dict[str, tuple[tuple[int, Rule], ...]]  # rule id -> (position, rule) naming it
Heads = tuple[str, tuple[int, ...], tuple[int, ...]]  # keyword, rules anywhere, trim rules
METADATA_KEYS = ("outlet", "reporter", "email", "published", "updated")
UNLIMITED = 1 << 30
# Site chrome repeats verbatim from page to page of a site: the plain-rule matches
# of short lines are remembered (candidates are never mutated, only filtered).
CACHE_LINE_LENGTH = 200
CACHE_ENTRIES = 100_000
TRIM_WINDOW = 60
# A tail-starting rule with one of these tags opens the tail at its first match after the
# lede (a copyright notice; the opening of a readers' comment section), see zones.find_tail.
STRONG_ANCHOR_TAGS = frozenset({"legal", "closing"})


@dataclass(slots=True)
class Candidate:
    """A rule that matched a line, before zones and blocks are checked."""

    rule: Rule
    rank: int
    start: int = 0
    end: int = 0
    fields: Fields = ()


def _fields(match: regex.Match[str]) -> Fields:
    """Named groups of a match; a group repeated in a loop gives its first capture."""
    fields = {}
    for key, values in match.capturesdict().items():
        value = next((v.strip() for v in values if v.strip()), None)
        if value:
            fields[key] = value
    return tuple(sorted(fields.items()))


def _by_named(rules: list[Rule], key: str) -> NamedBy:
    """For each rule id, the rules (numbered in list order) whose ``key`` list names it."""
    index: dict[str, dict[int, Rule]] = {}
    for position, rule in enumerate(rules):
        for name in getattr(rule, key):
            index.setdefault(name, {})[position] = rule
    return {name: tuple(entries.items()) for name, entries in index.items()}


class KeywordDispatch:
    """Which of a list of rules a line can match, judged by their keywords.

    A rule with keywords is only tried on a line (lower-cased) containing one of them; a
    trim rule acts at the start of a line, so its keywords must lie in the first
    ``TRIM_WINDOW`` characters. Keywords are grouped by first character, so a line is only
    searched for the keywords that start with one of its characters. Only a prefix of the
    rules applies to a line (the rules are sorted by the longest line they accept), and each
    prefix gets a table of its own keywords, built on first use.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        self.tables: dict[int, tuple[frozenset[int], dict[str, tuple[Heads, ...]]]] = {}

    def _table(self, limit: int) -> tuple[frozenset[int], dict[str, tuple[Heads, ...]]]:
        rules = self.rules[:limit]
        unkeyed = frozenset(i for i, rule in enumerate(rules) if not rule.keywords)
        anywhere: dict[str, list[int]] = {}
        at_start: dict[str, list[int]] = {}
        for position, rule in enumerate(rules):
            table = at_start if rule.action == "trim" else anywhere
            for keyword in rule.keywords:
                table.setdefault(keyword, []).append(position)
        heads: dict[str, list[Heads]] = {}
        for keyword in sorted(anywhere.keys() | at_start.keys()):
            entry = (keyword, tuple(anywhere.get(keyword, ())), tuple(at_start.get(keyword, ())))
            heads.setdefault(keyword[0], []).append(entry)
        return unkeyed, {char: tuple(entries) for char, entries in heads.items()}

    def positions(self, lowered: str, limit: int) -> list[int]:
        """Positions (ascending, below ``limit``) of the rules whose keywords ``lowered`` has."""
        table = self.tables.get(limit)
        if table is None:
            table = self.tables[limit] = self._table(limit)
        unkeyed, heads = table
        selected = set(unkeyed)
        for char in heads.keys() & set(lowered):
            for keyword, anywhere, at_start in heads[char]:
                if len(keyword) == 1:  # present: its character is the line's
                    selected.update(anywhere)
                    if at_start and lowered.find(keyword) < TRIM_WINDOW:
                        selected.update(at_start)
                    continue
                where = lowered.find(keyword)
                if where < 0:
                    continue
                selected.update(anywhere)
                if at_start and where + len(keyword) <= TRIM_WINDOW:
                    selected.update(at_start)
        return sorted(selected)


class Cleaner:
    """A compiled rule set that cleans documents."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        order = {pack: i for i, pack in enumerate(PACK_ORDER)}

        def rank(item: tuple[int, Rule]) -> tuple[int, int, int]:
            index, rule = item
            fallback = rule.detector in FALLBACK_DETECTORS
            return (fallback, order.get(rule.pack, len(order)), index)

        ranked = sorted(enumerate(self.rules), key=rank)
        self.rank = {rule.id: position for position, (_, rule) in enumerate(ranked)}
        self.regex_rules = [r for r in self.rules if r.pattern is not None]
        self.detector_rules = [r for r in self.rules if r.detector is not None]
        # Dispatch: rules sorted by how long a line they accept, so a line only meets
        # the prefix of rules that can match a line of its length.
        # Rules that only count next to other noise (follows / precedes) are matched
        # afterwards, and only on lines whose neighbour matched a rule they name.
        plain = [r for r in self.regex_rules if not (r.follows or r.precedes)]
        self.following = _by_named([r for r in self.regex_rules if r.follows], "follows")
        self.preceding = _by_named([r for r in self.regex_rules if r.precedes and not r.follows], "precedes")
        self.line_cache: dict[str, tuple[Candidate, ...]] = {}
        self.timed_out: list[tuple[str, str]] = []  # (rule id, line) that ran out of time
        self.neighbour_cache: dict[tuple[str, str], Candidate | None] = {}
        self.by_length = sorted(plain, key=lambda r: -(r.max_length or UNLIMITED))
        self.length_keys = [-(r.max_length or UNLIMITED) for r in self.by_length]
        self.dispatch = KeywordDispatch(self.by_length)

    # -- matching -----------------------------------------------------------------

    def match_line(self, rule: Rule, line: str, lowered: str) -> Candidate | None:
        """Match one regex rule against one line (length, keywords, pattern, allowlist)."""
        if rule.max_length is not None and len(line.strip()) > rule.max_length:
            return None
        if rule.keywords and not any(k in lowered for k in rule.keywords):
            return None
        return self._match(rule, line)

    def _match(self, rule: Rule, line: str) -> Candidate | None:
        pattern = rule.regex
        assert pattern is not None
        # A user rule runs under a time budget; a timeout argument (even None) doubles
        # the cost of a call, so built-in rules pass none.
        budget = rule.budget
        try:
            if rule.action == "trim":
                begin = len(line) - len(line.lstrip())
                if budget is None:
                    match = pattern.match(line, begin)
                else:
                    match = pattern.match(line, begin, timeout=budget)
                if match is None or match.end() == match.start() or match.end() >= len(line.rstrip()):
                    return None
            else:
                match = pattern.search(line) if budget is None else pattern.search(line, timeout=budget)
                if match is None:
                    return None
        except TimeoutError:
            self.timed_out.append((rule.id, line))
            return None
        return self._candidate(rule, line, match)

    def _candidate(self, rule: Rule, line: str, match: regex.Match[str]) -> Candidate | None:
        if not rule.allowed(line):
            return None
        return Candidate(rule, self.rank[rule.id], match.start(), match.end(), _fields(match))

    def candidates(
        self,
        lines: list[str],
        stripped: list[str],
        text_lines: list[int],
        memo: dict[str, tuple[Candidate, ...]],
    ) -> list[list[Candidate]]:
        """Every regex rule's matches, line by line, before zones are known.

        ``memo`` remembers the lines of one document, long ones included, across passes.
        """
        found: list[list[Candidate]] = [[] for _ in lines]
        cache = self.line_cache
        for index in text_lines:
            line = lines[index]
            known = cache.get(line)
            if known is None:
                known = memo.get(line)
            if known is None:
                timeouts = len(self.timed_out)
                known = memo[line] = self._line_candidates(line, stripped[index])
                if len(line) <= CACHE_LINE_LENGTH and len(self.timed_out) == timeouts:
                    if len(cache) >= CACHE_ENTRIES:
                        cache.clear()
                    cache[line] = known
            if known:
                found[index].extend(known)
        self._neighbour_pass(lines, found, text_lines, self.following)
        self._neighbour_pass(lines, found, text_lines[::-1], self.preceding)
        return found

    def _line_candidates(self, line: str, text: str) -> tuple[Candidate, ...]:
        """The plain (not neighbour-dependent) rules that match one line."""
        found: list[Candidate] = []
        by_length = self.by_length
        for position in self.dispatch.positions(line.lower(), bisect_right(self.length_keys, -len(text))):
            candidate = self._match(by_length[position], line)
            if candidate is not None:
                found.append(candidate)
        return tuple(found)

    def _neighbour_pass(
        self, lines: list[str], found: list[list[Candidate]], order: list[int], named_by: NamedBy
    ) -> None:
        """Match rules on lines (in ``order``) whose previous entry in ``order`` matched a
        rule they name (``named_by``: rule id -> rules naming it); chains propagate along
        ``order``."""
        if not named_by:
            return
        cache = self.neighbour_cache
        last = len(order) - 1
        todo = [k for k in range(last) if found[order[k]]]
        position = 0
        while position < len(todo):
            k = todo[position]
            position += 1
            rules = {n: rule for c in found[order[k]] for n, rule in named_by.get(c.rule.id, ())}
            if not rules:
                continue
            index = order[k + 1]
            line = lines[index]
            lowered: str | None = None  # only when a match is not cached
            matched = False
            for _, rule in sorted(rules.items()):
                cache_key = (rule.id, line)
                if cache_key in cache:
                    candidate = cache[cache_key]
                else:
                    if lowered is None:
                        lowered = line.lower()
                    candidate = self.match_line(rule, line, lowered)
                    if len(line) <= CACHE_LINE_LENGTH:
                        if len(cache) >= CACHE_ENTRIES:
                            cache.clear()
                        cache[cache_key] = candidate
                if candidate is not None:
                    found[index].append(candidate)
                    matched = True
            if matched and k + 1 < last and (position >= len(todo) or todo[position] != k + 1):
                todo.insert(position, k + 1)

    # -- structure ----------------------------------------------------------------

    def signals(
        self, stripped: list[str], found: list[list[Candidate]], titles: set[int], text_lines: list[int]
    ) -> Signals:
        """Summarise the raw candidates for the layout finder (block neighbours checked,
        zones and runs not yet known)."""
        sig = Signals.empty(stripped)
        found = [list(cands) for cands in found]
        self.apply_adjacency(found, text_lines)
        for index in [i for i, cands in enumerate(found) if cands]:
            cands = found[index]
            drops = [c.rule for c in cands if c.rule.action == "drop"]
            sig.label[index] = bool(drops) and all("label" in rule.tags for rule in drops)
            sig.chained[index] = bool(drops) and all(rule.follows or rule.precedes for rule in drops)
            for cand in cands:
                rule = cand.rule
                if rule.action == "trim":
                    sig.dateline[index] = True
                    continue
                sig.noise[index] = True
                if rule.pack == "byline":
                    sig.meta[index] = True
                if rule.pack == "site-chrome":
                    sig.chrome[index] = True
                if rule.starts_zone == "tail":
                    if not STRONG_ANCHOR_TAGS.isdisjoint(rule.tags):
                        sig.strong_anchor[index] = True
                    else:
                        sig.anchor[index] = True
        if any(r.detector == "browser-title" for r in self.detector_rules):
            for index in titles:
                sig.noise[index] = sig.chrome[index] = True
        return sig

    def in_zone(self, found: list[list[Candidate]], layout: Layout) -> list[list[Candidate]]:
        """Keep candidates whose rule may act in the line's zone; add detector claims."""
        zone = layout.zone
        kept = [
            [c for c in cands if zone(i) in c.rule.zones] if cands else [] for i, cands in enumerate(found)
        ]
        if layout.headline is not None:
            kept[layout.headline] = []
        return kept

    def add_detectors(self, kept: list[list[Candidate]], page: Page) -> None:
        for rule in self.detector_rules:
            assert rule.detector is not None
            for index in DETECTORS[rule.detector](page):
                if page.layout.zone(index) in rule.zones and index != page.layout.headline:
                    kept[index].append(Candidate(rule, self.rank[rule.id]))

    @staticmethod
    def apply_runs(kept: list[list[Candidate]], text_lines: list[int]) -> None:
        """Drop candidates of ``min-run`` rules outside a run of that many lines (blank lines
        do not break a run; ``text_lines`` are the indexes of the non-blank lines)."""
        min_runs = {c.rule.id: c.rule.min_run for cands in kept if cands for c in cands if c.rule.min_run > 1}
        if not min_runs:
            return
        rank = {index: k for k, index in enumerate(text_lines)}
        short: set[tuple[str, int]] = set()
        for rule_id, min_run in min_runs.items():
            having = [i for i, cands in enumerate(kept) if cands and any(c.rule.id == rule_id for c in cands)]
            run = having[:1]
            for before, index in pairwise(having):
                if rank[index] != rank[before] + 1:
                    if len(run) < min_run:
                        short.update((rule_id, i) for i in run)
                    run = []
                run.append(index)
            if len(run) < min_run:
                short.update((rule_id, i) for i in run)
        for rule_id, index in short:
            kept[index][:] = [c for c in kept[index] if c.rule.id != rule_id]

    @staticmethod
    def apply_adjacency(kept: list[list[Candidate]], text_lines: list[int]) -> None:
        """Keep ``follows`` / ``precedes`` candidates only next to lines their rules name
        (the neighbours are the previous and next non-blank lines, ``text_lines``)."""
        pending = [
            (i, c)
            for i, cands in enumerate(kept)
            if cands
            for c in cands
            if c.rule.follows or c.rule.precedes
        ]
        if not pending:
            return
        accepted: dict[int, set[str]] = {}

        def accepted_at(index: int) -> set[str]:
            ids = accepted.get(index)
            if ids is None:
                ids = accepted[index] = {
                    c.rule.id for c in kept[index] if not (c.rule.follows or c.rule.precedes)
                }
            return ids

        last = len(text_lines) - 1
        changed = True
        while changed and pending:
            changed = False
            waiting = []
            for index, cand in pending:
                k = bisect_left(text_lines, index)
                if (k > 0 and not accepted_at(text_lines[k - 1]).isdisjoint(cand.rule.follows)) or (
                    k < last and not accepted_at(text_lines[k + 1]).isdisjoint(cand.rule.precedes)
                ):
                    accepted_at(index).add(cand.rule.id)
                    changed = True
                else:
                    waiting.append((index, cand))
            pending = waiting
        rejected = {(index, id(cand)) for index, cand in pending}
        for index in {index for index, _ in pending}:
            kept[index][:] = [c for c in kept[index] if (index, id(c)) not in rejected]

    # -- output -------------------------------------------------------------------

    def resolve(self, lines: list[str], view: list[str], kept: list[list[Candidate]]) -> list[Finding]:
        """One owner per line: the best-ranked drop, else the best trim (candidates' spans are
        on the ``view`` of each line, findings' on the line itself)."""
        findings: list[Finding] = []
        for index, cands in enumerate(kept):
            if not cands:
                continue
            drops = [c for c in cands if c.rule.action == "drop"]
            if drops:
                best = min(drops, key=lambda c: c.rank)
                findings.append(
                    Finding(index + 1, best.rule.pack, best.rule.id, "drop", lines[index], fields=best.fields)
                )
                continue
            best = max(cands, key=lambda c: (c.end, -c.rank))  # the longest prefix
            shift = len(lines[index]) - len(view[index])
            start, end = best.start + shift, best.end + shift
            findings.append(
                Finding(
                    index + 1,
                    best.rule.pack,
                    best.rule.id,
                    "trim",
                    lines[index][start:end],
                    start,
                    end,
                    best.fields,
                )
            )
        return findings

    def clean_lines(self, lines: list[str]) -> tuple[list[str], list[Finding], Layout]:
        """Clean a list of lines; return the output lines, findings and layout.

        A pass decides on the whole page, including lines it removes; without them
        the page can read differently (a widget run that a byline interrupted, a lede
        that a dateline hid). So the output is cleaned again until nothing more goes,
        and the later passes' findings are mapped back onto the input lines.
        """
        memo: dict[str, tuple[Candidate, ...]] = {}
        out, findings, layout = self._one_pass(lines, memo)
        for _ in range(len(lines)):  # each pass removes something, so this ends
            if not findings:
                break
            more_out, more, _ = self._one_pass(out, memo)
            if not more:
                break
            findings = _merge_findings(lines, findings, out, more)
            out = apply_findings(lines, findings)
            if out != more_out:  # a second trim on a trimmed line cannot be merged
                break
        return out, findings, layout

    def _one_pass(
        self, lines: list[str], memo: dict[str, tuple[Candidate, ...]]
    ) -> tuple[list[str], list[Finding], Layout]:
        """One pass over the page (``memo``: the page's line candidates, see ``candidates``).

        Rules read each line's ``textio.visible`` part: a U+FEFF that starts a line reads
        as a byte order mark once the line starts a file, so it never counts.
        """
        view = [textio.visible(line) for line in lines]
        stripped = [line.strip() for line in view]
        text_lines = [i for i, text in enumerate(stripped) if text]
        found = self.candidates(view, stripped, text_lines, memo)
        titles = set(browser_titles(stripped))
        layout = find_layout(self.signals(stripped, found, titles, text_lines))
        kept = self.in_zone(found, layout)
        self.add_detectors(kept, Page(stripped, layout, titles))
        self.apply_runs(kept, text_lines)
        self.apply_adjacency(kept, text_lines)
        findings = self.resolve(lines, view, kept)
        return apply_findings(lines, findings), findings, layout

    def clean_text(self, text: str) -> CleanResult:
        """Clean a whole document given as text (see ``textio`` for bytes)."""
        source = textio.decode_text(text)
        self.timed_out.clear()
        out_lines, findings, layout = self.clean_lines(source.lines)
        warnings = tuple(
            f"rule '{rule_id}' ran out of time on line {source.lines.index(line) + 1} and was skipped there"
            for rule_id, line in dict.fromkeys(self.timed_out)
            if line in source.lines
        )
        output = textio.render_text(source, out_lines) if findings else text
        return CleanResult(
            text=output,
            findings=tuple(findings),
            layout=layout,
            lines_in=len(source.lines),
            metadata=collect_metadata(findings),
            warnings=warnings,
        )


def apply_findings(lines: list[str], findings: Iterable[Finding]) -> list[str]:
    """Replay findings on input lines: drop, trim, then tidy the blank lines.

    Blank runs collapse to one empty line and no blank line is left at either end;
    with no findings the lines come back unchanged.
    """
    findings = list(findings)
    if not findings:
        return list(lines)
    return [text for text, _ in _replay(lines, findings)]


def _origins(lines: list[str], findings: list[Finding]) -> list[int]:
    """For each output line of ``apply_findings``, the input line it came from."""
    return [origin for _, origin in _replay(lines, findings)]


def _replay(lines: list[str], findings: list[Finding]) -> list[tuple[str, int]]:
    """The output lines of ``apply_findings``, each with the index of its input line."""
    by_line = {f.line - 1: f for f in findings}
    out: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        finding = by_line.get(index)
        if finding is not None:
            if finding.action == "drop":
                continue
            line = line[: finding.start] + line[finding.end :]
        if not textio.visible(line).strip():
            if out and out[-1][0] != "":
                out.append(("", index))
            continue
        out.append((line, index))
    while out and out[-1][0] == "":
        out.pop()
    return out


def _merge_findings(
    lines: list[str], findings: list[Finding], out: list[str], more: list[Finding]
) -> list[Finding]:
    """Findings of a pass over ``out`` expressed on the input ``lines`` and merged."""
    origin = _origins(lines, findings)
    merged = {f.line: f for f in findings}
    for finding in more:
        number = origin[finding.line - 1] + 1
        earlier = merged.get(number)
        line = lines[number - 1]
        if finding.action == "drop":
            merged[number] = Finding(number, finding.pack, finding.rule, "drop", line, fields=finding.fields)
        elif earlier is None:
            merged[number] = Finding(
                number,
                finding.pack,
                finding.rule,
                "trim",
                finding.text,
                finding.start,
                finding.end,
                finding.fields,
            )
        elif earlier.action == "trim" and finding.start == earlier.start:
            end = earlier.end + finding.end - finding.start
            merged[number] = Finding(
                number,
                earlier.pack,
                earlier.rule,
                "trim",
                line[earlier.start : end],
                earlier.start,
                end,
                earlier.fields,
            )
    return [merged[key] for key in sorted(merged)]


def collect_metadata(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """Named fields carried by removed text, de-duplicated in page order."""
    metadata: dict[str, list[str]] = {}
    for finding in findings:
        for key, value in finding.fields:
            if key not in METADATA_KEYS:
                continue
            values = metadata.setdefault(key, [])
            if value not in values:
                values.append(value)
    return {k: metadata[k] for k in METADATA_KEYS if k in metadata}
