"""Shape predicates on single lines, shared by the layout finder and the detectors."""

from __future__ import annotations

from functools import lru_cache

import regex

SENTENCE_END = regex.compile(r"[.!?。！？][\"'”’」』)）\]]*$")
HAS_DIGIT = regex.compile(r"\d")
LETTER = regex.compile(r"\p{L}")
CJK = regex.compile(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]")
LATIN_WORD = regex.compile(r"[A-Za-z][\w'’.-]*")
BULLET_START = regex.compile(r"^[\-–—•·▲△▶▷◆◇■□○●※*#\[(<【《「]")
LIST_BULLET = regex.compile(r"^[\-–—•·▲△▶▷◆◇■□○●※*#]")
SHAPE_CACHE = 1 << 16  # the shape of a line is asked for again on every pass and page
MIN_PROSE = 25
MIN_TITLE = 10
MIN_TITLE_CJK = 6
TITLE_SAMPLE = 120  # the share of letters is judged on a line's start


def window_end(stripped: list[str], start: int, text_lines: int) -> int:
    """The index after the first ``text_lines`` non-blank lines from ``start``: windows
    count text, not blank lines, so collapsing blank runs does not move them."""
    seen = 0
    for index in range(start, len(stripped)):
        if stripped[index]:
            seen += 1
            if seen > text_lines:
                return index
    return len(stripped)


@lru_cache(maxsize=SHAPE_CACHE)
def is_prose(text: str) -> bool:
    """A sentence-like line: long enough and ending with sentence punctuation."""
    return len(text) >= MIN_PROSE and SENTENCE_END.search(text) is not None


@lru_cache(maxsize=SHAPE_CACHE)
def is_title_like(text: str) -> bool:
    """Long enough to be a headline: 4+ Latin words in 10+ characters, or 6+ characters
    with CJK/Hangul, and mostly letters (a label with a big number is a quote)."""
    if len(text) < MIN_TITLE_CJK or (len(text) < MIN_TITLE and not CJK.search(text)):
        return False
    sample = text[:TITLE_SAMPLE]
    letters = len(LETTER.findall(sample))
    if letters < 5 or letters < 0.35 * len(sample.replace(" ", "")):
        return False
    if CJK.search(text):
        return True
    return len(LATIN_WORD.findall(sample)) >= 4


HEADLINE_MARKS = regex.compile(r"[…\"“”'‘’]|^\[[^\]]{1,8}\]")
SCORE_LINE = regex.compile(r"^[^\d:]{2,30}\s\d{1,3}\s:\s\d{1,3}\s[^\d:]{2,30}$")
FIELD_SEPARATOR = regex.compile(r"\s[|｜]\s")


@lru_cache(maxsize=SHAPE_CACHE)
def is_info_row(text: str) -> bool:
    """A match box's row, never a headline: a score ('Team A 84 : 79 Team B') or fields
    joined by bars ('League | date | venue')."""
    return SCORE_LINE.match(text) is not None or len(FIELD_SEPARATOR.findall(text)) >= 2


@lru_cache(maxsize=SHAPE_CACHE)
def is_link_like(text: str) -> bool:
    """Shaped like another story's headline in a link list: no sentence end, no bullet, no tab."""
    return (
        12 <= len(text) <= 80
        and "\t" not in text
        and not SENTENCE_END.search(text)
        and not LIST_BULLET.match(text)
    )


@lru_cache(maxsize=SHAPE_CACHE)
def is_name_like(text: str) -> bool:
    """A very short label with no digits or punctuation, e.g. a reporter's name or title."""
    return (
        0 < len(text) <= 10
        and not HAS_DIGIT.search(text)
        and not SENTENCE_END.search(text)
        and not BULLET_START.match(text)
    )
