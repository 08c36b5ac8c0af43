"""Find the page's landmarks and zones: headline, lede (body start) and tail start.

The policy's zones: a head before the headline and lede, the body, and a tail
from the copyright line or the closing byline on. The finder reads the raw
candidates of the rules (which lines look like noise of which kind) and the
shapes of the other lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Layout
from .shapes import (
    CJK,
    HEADLINE_MARKS,
    LIST_BULLET,
    is_info_row,
    is_link_like,
    is_name_like,
    is_prose,
    is_title_like,
    window_end,
)

HEADLINE_WINDOW = 80  # the headline is looked for among the first lines only
LEDE_WINDOW = 40
LOOKAHEAD = 2
SHORT_TITLE = 20  # a slogan or section banner is shorter than most headlines
SHORT_TITLE_MIN = 4
LINK_BLOCK = 3
MIN_ARTICLE_AFTER = 3  # article paragraphs after a copyright line that can make it a false one


@dataclass(slots=True)
class Signals:
    """Per-line facts the finder needs, gathered from the raw rule candidates."""

    stripped: list[str]
    noise: list[bool] = field(default_factory=list)  # some drop rule matched
    meta: list[bool] = field(default_factory=list)  # a byline / timestamp matched
    chrome: list[bool] = field(default_factory=list)  # a site-chrome rule matched
    dateline: list[bool] = field(default_factory=list)  # a dateline prefix matched
    anchor: list[bool] = field(default_factory=list)  # may open the tail (byline, end mark …)
    strong_anchor: list[bool] = field(default_factory=list)  # opens the tail (copyright)
    label: list[bool] = field(default_factory=list)  # noise only to label rules (a short title?)
    chained: list[bool] = field(default_factory=list)  # noise only to follows / precedes rules

    @classmethod
    def empty(cls, stripped: list[str]) -> Signals:
        n = len(stripped)
        return cls(stripped, *([False] * n for _ in range(8)))


def _next_text(stripped: list[str], index: int) -> int | None:
    for j in range(index + 1, len(stripped)):
        if stripped[j]:
            return j
    return None


def _chained_above_byline(sig: Signals, index: int) -> bool:
    """A link-list chain ran into a line right above a byline or stamp: it may be the headline
    (a 'Trending' list printed above it)."""
    if not sig.chained[index]:
        return False
    nxt = _next_text(sig.stripped, index)
    return nxt is not None and sig.meta[nxt]


def find_headline(sig: Signals) -> int | None:
    """The first headline occurrence: a title-like line that is not noise (nor a list
    item, nor a match box's score or field row; a line that only a link-list chain took
    counts when a byline or stamp follows it).

    A page that opens with a title-like line has its headline there (every cleaned page
    does, so a second pass agrees with the first). Otherwise only lines above the first
    byline / timestamp count when there are any. The first
    one confirmed by what follows it (a byline, a deck, or its own repeat: alt text, a
    sticky header) is the headline; else the first long one or one not followed by more
    page chrome (a slogan or section banner is).
    """
    stripped = sig.stripped
    candidates = [
        i
        for i in range(window_end(stripped, 0, HEADLINE_WINDOW))
        if stripped[i]
        and (not sig.noise[i] or _chained_above_byline(sig, i))
        and is_title_like(stripped[i])
        and not LIST_BULLET.match(stripped[i])
        and not is_info_row(stripped[i])
    ]
    first_meta = next((i for i in range(window_end(stripped, 0, HEADLINE_WINDOW)) if sig.meta[i]), None)
    lede_first = bool(candidates) and is_prose(stripped[candidates[0]])
    if (lede_first or not candidates) and (first_meta is not None or candidates):
        # Nothing title-like above the byline or the lede: a short headline
        # ('金价高位回落') reads like a section label, but it is the line right above.
        anchor = (
            first_meta
            if first_meta is not None and (not candidates or first_meta < candidates[0])
            else candidates[0]
        )
        above = anchor - 1
        while above >= 0 and not stripped[above]:
            above -= 1
        if (
            above >= 0
            and sig.label[above]
            and len(stripped[above]) >= SHORT_TITLE_MIN
            and CJK.search(stripped[above])
        ):
            return above
    if not candidates:
        return None
    first_text = next(i for i, text in enumerate(stripped) if text)
    if candidates[0] == first_text and not is_prose(stripped[first_text]):
        return first_text  # a page that opens with a title: a cleaned page does
    first_prose = next((i for i in candidates if is_prose(stripped[i])), None)
    head = [i for i in candidates if first_prose is None or i <= first_prose]
    first_meta = next((i for i in range(head[0], len(stripped)) if sig.meta[i]), None)
    if first_meta is not None and head[0] < first_meta:
        head = [i for i in head if i < first_meta]
    later_texts: dict[str, int] = {}
    for i, text in enumerate(stripped):
        if text:
            later_texts[text] = i
    following = {i: _next_text(stripped, i) for i in head}
    for i in head:  # confirmed by what follows: a byline, a deck, or its own repeat
        nxt = following[i]
        deck = nxt in following and not sig.dateline[nxt]  # a dateline-led line is the lede
        if later_texts[stripped[i]] > i or nxt is None or sig.meta[nxt] or deck:
            return i
    for i in head:  # else the first long one, or one that no page chrome follows
        nxt = following[i]
        if (
            nxt is None
            or len(stripped[i]) >= SHORT_TITLE
            or not (sig.chrome[nxt] or is_name_like(stripped[nxt]))
        ):
            return i
    return head[0]


def find_lede(sig: Signals, headline: int | None) -> int:
    """The first body line: the dateline-led paragraph, or the first paragraph
    after the headline that no byline or timestamp follows closely."""
    stripped = sig.stripped
    start = 0 if headline is None else headline + 1
    end = window_end(stripped, start, LEDE_WINDOW)
    for i in range(start, end):
        text = stripped[i]
        if not text or sig.noise[i]:
            continue
        if sig.dateline[i]:
            return i
        if not is_prose(text):
            continue
        ahead, j = 0, i
        while ahead < LOOKAHEAD:
            nxt = _next_text(stripped, j)
            if nxt is None or sig.meta[nxt] or sig.dateline[nxt]:
                break
            ahead, j = ahead + 1, nxt
        else:
            return i
        if nxt is None:
            return i
    return start


def _article_line(sig: Signals, index: int) -> bool:
    return not sig.noise[index] and is_prose(sig.stripped[index])


def _closes_article(sig: Signals, lede: int, anchor: int) -> bool:
    """A copyright line closes the article unless more article follows it than precedes it
    (then it is a sentence quoting a rights notice, or a notice printed above the story)."""
    before = sum(len(sig.stripped[i]) for i in range(lede, anchor) if _article_line(sig, i))
    after = [i for i in range(anchor + 1, len(sig.stripped)) if _article_line(sig, i)]
    return len(after) < MIN_ARTICLE_AFTER or sum(len(sig.stripped[i]) for i in after) <= before


def find_tail(sig: Signals, lede: int) -> int:
    """Where the tail opens: a copyright line, or an earlier closing anchor
    (byline, end mark, editor credit …) after which no article paragraph follows."""
    stripped = sig.stripped
    n = len(stripped)
    strong = next(
        (i for i in range(lede + 1, n) if sig.strong_anchor[i] and _closes_article(sig, lede, i)), n
    )
    tail = strong
    for i in range(strong - 1, lede, -1):
        if sig.anchor[i]:
            tail = i
        elif _article_line(sig, i):
            break
    while lede + 1 < tail < n:
        prev = tail - 1
        while prev > lede and not stripped[prev]:
            prev -= 1
        if prev <= lede or not is_name_like(stripped[prev]):
            break
        tail = prev
    if lede + 1 < tail < n:
        tail = _link_block_above(stripped, lede, tail)
    return tail


def _link_block_above(stripped: list[str], lede: int, tail: int) -> int:
    """Start of an untitled list of other stories' headlines right above the tail:
    a paragraph of 3+ headline-shaped lines, one of them with headline punctuation."""
    end = tail - 1
    while end > lede and not stripped[end]:
        end -= 1
    start = end
    while start - 1 > lede and stripped[start - 1]:
        start -= 1
    block = stripped[start : end + 1]
    if start <= lede + 1 or len(block) < LINK_BLOCK:
        return tail
    if all(is_link_like(text) for text in block) and any(HEADLINE_MARKS.search(t) for t in block):
        return start
    return tail


def find_layout(sig: Signals) -> Layout:
    """Headline, lede and tail of a page."""
    headline = find_headline(sig)
    lede = find_lede(sig, headline)
    return Layout(headline=headline, lede=lede, tail=find_tail(sig, lede))
