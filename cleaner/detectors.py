"""The few structural rules that a per-line regex cannot express.

A pack rule names one of these with ``detector = "<name>"``; the rule's zones,
id and pack still come from the pack, so a user selects or ignores it like any
other rule. Each detector maps a ``Page`` to the 0-based line indexes it claims.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .model import Layout
from .shapes import SHAPE_CACHE, window_end


@dataclass(frozen=True, slots=True)
class Page:
    """What a detector may look at: the stripped lines and the page layout."""

    stripped: list[str]
    layout: Layout
    browser_titles: set[int]  # lines 'Headline | Outlet' (found once per page)


TITLE_SEPARATORS = ("|", "｜", "::", " - ", " – ", " — ")
TITLE_WINDOW = 80  # a browser-title line is printed at the top of the page


@lru_cache(maxsize=SHAPE_CACHE)
def _title_part(text: str) -> str | None:
    """'Headline' of 'Headline | Outlet' (the outlet part at most 40 characters)."""
    for separator in TITLE_SEPARATORS:
        cut = text.rfind(separator)
        if cut > 0 and len(text) - cut - len(separator) <= 40:
            return text[:cut].strip()
    return None


def browser_titles(stripped: list[str]) -> Iterator[int]:
    """Lines 'Headline | Outlet' whose headline part stands again as its own line later."""
    later = set(stripped)
    for index, text in enumerate(stripped[: window_end(stripped, 0, TITLE_WINDOW)]):
        if len(text) > 300:
            continue
        title = _title_part(text)
        if title and title in later:
            yield index


LEADING_TAG = regex.compile(r"^\s*(?:\[[^\[\]]{1,12}\]|【[^【】]{1,12}】|<[^<>]{1,12}>)\s*")


def _untagged(text: str) -> str:
    return LEADING_TAG.sub("", text, count=1)


def _duplicate_headline(page: Page) -> Iterator[int]:
    headline = page.layout.headline
    if headline is None:
        return
    title = page.stripped[headline]
    bare = _untagged(title)
    for index in range(headline + 1, len(page.stripped)):
        text = page.stripped[index]
        if text == title or (len(bare) >= 8 and text.endswith(bare) and _untagged(text) == bare):
            yield index


def _browser_title(page: Page) -> Iterator[int]:
    yield from sorted(page.browser_titles)


DIGIT = regex.compile(r"\d")
CREDIT_PAREN = regex.compile(
    r"[(（]\s*(?:(?:photo|image|사진|写真)\s*[:：=]\s*)?([^()（）]{2,30}?)\s*[)）]$", regex.I
)
CREDIT_SLASH = regex.compile(r"[/=＝]\s*([^/=＝]{2,30}?)(?:\s*제공)?$")


def site_names(page: Page) -> set[str]:
    """Short lines above the headline: the site's name (and logo text) as the page prints it."""
    end = page.layout.headline or 0
    return {t.casefold() for t in page.stripped[:end] if 2 <= len(t) <= 30 and not DIGIT.search(t)}


def _site_credit_caption(page: Page) -> Iterator[int]:
    names = site_names(page)
    if not names:
        return
    start = (page.layout.headline or 0) + 1
    for index in range(start, page.layout.tail):
        text = page.stripped[index]
        if not text or len(text) > 300:
            continue
        folded = text.casefold()
        if folded in names or not any(name in folded for name in names):
            continue
        for pattern in (CREDIT_PAREN, CREDIT_SLASH):
            match = pattern.search(text)
            if match and match[1].strip().casefold() in names:
                yield index
                break


def _head_residue(page: Page) -> Iterator[int]:
    end = page.layout.headline if page.layout.headline is not None else 0
    yield from (i for i in range(end) if page.stripped[i])


def _tail_residue(page: Page) -> Iterator[int]:
    yield from (i for i in range(page.layout.tail, len(page.stripped)) if page.stripped[i])


DETECTORS: dict[str, Callable[[Page], Iterator[int]]] = {
    "duplicate-headline": _duplicate_headline,
    "browser-title": _browser_title,
    "site-credit-caption": _site_credit_caption,
    "head-residue": _head_residue,
    "tail-residue": _tail_residue,
}
# Detectors that only claim what no other rule claimed (lowest precedence).
FALLBACK_DETECTORS = frozenset({"head-residue", "tail-residue"})
