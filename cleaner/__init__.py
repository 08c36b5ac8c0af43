"""newsclean: turn a scraped news page into the article, explaining every removal.

    >>> import cleaner
    >>> result = cleaner.clean(page_text)
    >>> result.text, result.findings, result.metadata
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from . import textio
from .engine import Cleaner, apply_findings
from .model import CleanResult, Finding, Rule, RulePack
from .rulepack import RulePackError, load_packs, select_rules

__version__ = "0.1.0"
__all__ = [
    "CleanResult",
    "Cleaner",
    "Finding",
    "Rule",
    "RulePack",
    "RulePackError",
    "__version__",
    "apply_findings",
    "clean",
    "clean_bytes",
    "get_cleaner",
    "load_packs",
]


@lru_cache(maxsize=16)
def _cached_cleaner(select: frozenset[str], ignore: frozenset[str], extra: tuple[str, ...]) -> Cleaner:
    packs = load_packs(Path(p) for p in extra)
    return Cleaner(select_rules(packs, select, ignore))


def get_cleaner(
    select: Iterable[str] = (), ignore: Iterable[str] = (), extra_packs: Iterable[str | Path] = ()
) -> Cleaner:
    """A cleaner for the built-in packs plus ``extra_packs``, narrowed by pack/rule ids."""
    return _cached_cleaner(frozenset(select), frozenset(ignore), tuple(str(p) for p in extra_packs))


def clean(
    text: str,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extra_packs: Iterable[str | Path] = (),
) -> CleanResult:
    """Clean one page of text; ``select`` / ``ignore`` take pack or rule ids."""
    return get_cleaner(select, ignore, extra_packs).clean_text(text)


def clean_bytes(
    data: bytes,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extra_packs: Iterable[str | Path] = (),
) -> tuple[bytes, CleanResult]:
    """Clean raw bytes; unchanged input comes back as the very same bytes."""
    text = data.decode(textio.ENCODING, textio.ERRORS)
    result = clean(text, select=select, ignore=ignore, extra_packs=extra_packs)
    return (textio.encode(result.text) if result.changed else data), result
