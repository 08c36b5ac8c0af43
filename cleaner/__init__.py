"""newsclean: turn a scraped news page into the article, explaining every removal.

>>> import cleaner
>>> result = cleaner.clean(page_text)
>>> result.text, result.findings, result.metadata
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from . import encoding as _encoding
from . import textio  # noqa: F401 - public submodule (cleaner.textio)
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
    encoding: str | None = None,
    warn: Callable[[str], None] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extra_packs: Iterable[str | Path] = (),
) -> tuple[bytes, CleanResult]:
    """Clean raw bytes; unchanged input comes back as the very same bytes.

    ``encoding`` None detects (UTF-8, else CP949/EUC-KR Korean, else UTF-8 keeping bad bytes);
    the output is written in the encoding the input was read with. ``warn`` is called with each
    warning about the input (mojibake, undecodable bytes); see ``cleaner.encoding``.
    """
    decoded = _encoding.decode_bytes(data, encoding)
    if warn is not None:
        for message in decoded.warnings:
            warn(message)
    result = clean(decoded.text, select=select, ignore=ignore, extra_packs=extra_packs)
    if warn is not None:
        for message in result.warnings:
            warn(message)
    return (_encoding.encode_text(result.text, decoded.encoding) if result.changed else data), result
