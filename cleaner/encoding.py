"""Which encoding a document is in, and how to write the cleaned text back in that same encoding.

With no encoding asked for, bytes that are valid UTF-8 are UTF-8. Bytes that are not are tried as
CP949 (the superset of EUC-KR that Korean sites still serve): CP949 is used when the whole input
decodes cleanly and reads as Korean text. Anything else is read as UTF-8 with surrogate escapes,
so undecodable bytes pass through intact (``textio``'s behaviour). Output is always encoded with
the encoding the input was read with: never a silent change of encoding.

Mojibake that is already in the text (Korean bytes once decoded as Latin-1, say) cannot be
repaired without changing the article's bytes; it is reported as a warning and left as it is.
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass

import regex

from . import textio

UTF8 = "utf-8"
CP949 = "cp949"
AUTO = "auto"
# Codecs whose decoding is one-to-one, so decode-then-encode gives the same bytes back
# (checked exhaustively over every byte pair in tests/test_textio.py).
ROUND_TRIP_SAFE = frozenset({"utf-8", "cp949"})
# EUC-KR is read as CP949, its superset: same bytes, but one-to-one (Python's euc_kr codec also
# composes 8-byte jamo sequences, so it would not always give the input bytes back).
READ_AS = {"euc_kr": CP949}
SAMPLE = 1 << 18  # characters of decoded text that the Korean and mojibake checks read
CHUNK = 1 << 16  # bytes decoded at a time when undecodable bytes must be counted

HANGUL = regex.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
SYLLABLE = regex.compile(r"[\uac00-\ud7a3]")
OTHER_LETTER = regex.compile(r"[^\x00-\x7f\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# A run of two or more characters that Latin-1 / Windows-1252 gives for bytes 0x80-0xFF.
CP1252_EXTRA = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
CP1252_EXTRA += "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
HIGH_RUN = regex.compile(f"[\u0080-\u00ff{CP1252_EXTRA}]{{2,}}")
MIN_HANGUL_SHARE = 0.6  # Hangul among non-ASCII letters
MIN_COMMON_SHARE = 0.9  # syllables in the KS X 1001 set (EUC-KR's) among all Hangul syllables
MIN_MOJIBAKE_RUNS = 3
MAX_ESCAPED_SHARE = 0.01  # CP949 is still used when at most 1% of the bytes are not valid CP949
ESCAPED = regex.compile(r"[\udc80-\udcff]")


class EncodingError(ValueError):
    """An encoding that cannot be used for this input (unknown name, or not lossless)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded input: the text, the codec to write the output with, and warnings for the user."""

    text: str
    encoding: str  # a ``codecs`` name: "utf-8", "cp949", "euc_kr", ...
    detected: bool = False  # chosen by detection rather than asked for
    warnings: tuple[str, ...] = ()


def normalize(encoding: str | None) -> str | None:
    """The ``codecs`` name of ``encoding``; None for automatic detection (None, "" or "auto")."""
    if encoding is None or encoding.strip().lower() in ("", AUTO):
        return None
    try:
        name = codecs.lookup(encoding.strip()).name
    except LookupError:
        raise EncodingError(f"unknown encoding: {encoding!r}") from None
    # textio keeps a BOM as text, so UTF-8 with a signature is plain UTF-8 here.
    return UTF8 if name == "utf-8-sig" else name


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` losslessly: ``encode_text(decoded.text, decoded.encoding) == data``.

    ``encoding`` None (or "auto") detects: UTF-8, else CP949 when the bytes are Korean in CP949
    or EUC-KR, else UTF-8 with undecodable bytes kept as surrogate escapes. A named encoding is
    used as asked, with undecodable bytes kept the same way; ``EncodingError`` if that loses bytes.
    """
    name = normalize(encoding)
    if name is None:
        return _detect(data)
    name = READ_AS.get(name, name)
    try:
        text = data.decode(name, textio.ERRORS)
    except UnicodeDecodeError as exc:  # an error span with ASCII bytes cannot be escaped
        raise EncodingError(f"input cannot be read as {name} without loss: {exc.reason}") from None
    if name not in ROUND_TRIP_SAFE and _encode_or_none(text, name) != data:
        raise EncodingError(f"input cannot be read as {name} without loss")
    return Decoded(text, name, False, tuple(_warnings(text, name)))


def encode_text(text: str, encoding: str) -> bytes:
    """Encode cleaned text in the encoding its input was read with (escaped bytes come back)."""
    return text.encode(encoding, textio.ERRORS)


def looks_korean(text: str) -> bool:
    """Mostly Hangul among the non-ASCII letters, and mostly the common (EUC-KR) syllables."""
    sample = text[:SAMPLE]
    hangul = _count(HANGUL, sample)
    if hangul == 0:
        return False
    other = sum(1 for c in OTHER_LETTER.findall(sample) if c.isalpha())
    if hangul < MIN_HANGUL_SHARE * (hangul + other):
        return False
    syllables = _count(SYLLABLE, sample)
    return _count(_common_syllable(), sample) >= MIN_COMMON_SHARE * syllables


def mojibake_warning(text: str) -> str | None:
    """A warning when the text carries Korean (or UTF-8) bytes that were decoded as Latin-1 or
    Windows-1252 before they reached us, e.g. '°¡°Ý' for '가격'; None when it looks fine."""
    sample = text[:SAMPLE]
    runs = HIGH_RUN.findall(sample)
    if len(runs) < MIN_MOJIBAKE_RUNS:
        return None
    hits: dict[str, list[tuple[str, str]]] = {"EUC-KR/CP949": [], "UTF-8": []}
    for run in runs:
        raw = _encode_or_none(run, "latin-1") or _encode_or_none(run, "cp1252")
        if raw is None:
            continue
        for label, codec in (("UTF-8", UTF8), ("EUC-KR/CP949", CP949)):
            repaired = raw.decode(codec, "replace")  # a run may cut a character at either end
            if repaired.count("\ufffd") * 3 <= len(repaired) and HANGUL.search(repaired):
                hits[label].append((run, repaired.strip("\ufffd")))
                break
    label, found = max(hits.items(), key=lambda item: len(item[1]))
    if len(found) < MIN_MOJIBAKE_RUNS or len(found) * 2 < len(runs):
        return None
    example, meant = found[0]
    return (
        f"text looks like mojibake: {len(found)} runs of Latin-1 characters are {label} bytes that were "
        f"decoded with the wrong encoding before newsclean read them (e.g. {example!r} for {meant!r}); "
        "newsclean cannot repair this and leaves those characters as they are"
    )


# -- internals --------------------------------------------------------------------------------


@functools.cache
def _common_syllable() -> regex.Pattern[str]:
    """The 2,350 syllables of KS X 1001 (EUC-KR); CP949 encodes the other 8,822 below 0xA1."""
    common = []
    for code in range(0xAC00, 0xD7A4):
        raw = chr(code).encode(CP949)
        if raw[0] >= 0xB0 and raw[1] >= 0xA1:
            common.append(chr(code))
    return regex.compile(f"[{''.join(common)}]")


def _count(pattern: regex.Pattern[str], text: str) -> int:
    return int(pattern.subn("", text)[1])


def _encode_or_none(text: str, codec: str) -> bytes | None:
    try:
        return text.encode(codec, textio.ERRORS)
    except UnicodeEncodeError:
        return None


def _detect(data: bytes) -> Decoded:
    try:
        text = data.decode(UTF8)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        return Decoded(text, UTF8, True, tuple(_warnings(text, UTF8)))
    limit = int(MAX_ESCAPED_SHARE * len(data))
    legacy = _decode_cp949(data, limit)
    if legacy is not None and looks_korean(legacy):
        warnings = _warnings(legacy, CP949)
        escaped = _escaped(legacy, limit)
        if escaped:
            warnings.insert(0, f"{_bytes(escaped)} not valid CP949: passed through unchanged")
        return Decoded(legacy, CP949, True, tuple(warnings))
    text = data.decode(UTF8, textio.ERRORS)
    escaped = _escaped(text, 9999)
    count = f"{_bytes(escaped)} undecodable" if escaped <= 9999 else "over 9999 bytes undecodable"
    why = "does not read as CP949/EUC-KR Korean either"
    warning = (
        f"input is not valid UTF-8 ({count}, the first at byte {first_bad}) and {why}: read as UTF-8, "
        "the undecodable bytes are passed through unchanged (use --encoding to name the encoding)"
    )
    return Decoded(text, UTF8, True, (warning, *_warnings(text, UTF8)))


def _decode_cp949(data: bytes, limit: int) -> str | None:
    """``data`` as CP949 with at most ``limit`` undecodable bytes (kept as escapes), else None.

    Each undecodable byte costs a call of the error handler, so this gives up early (by chunks)
    instead of decoding, say, megabytes of UTF-8 one error at a time.
    """
    try:
        return data.decode(CP949)
    except UnicodeDecodeError:
        pass
    decoder = codecs.getincrementaldecoder(CP949)(textio.ERRORS)
    parts: list[str] = []
    escaped = 0
    for start in range(0, len(data), CHUNK):
        part = decoder.decode(data[start : start + CHUNK], final=start + CHUNK >= len(data))
        escaped += _escaped(part, limit - escaped)
        if escaped > limit or escaped > 5 * MAX_ESCAPED_SHARE * (start + CHUNK) + 1024:
            return None  # over the limit, or far over the share allowed so far
        parts.append(part)
    return "".join(parts)


def _bytes(count: int) -> str:
    return f"{count} byte" if count == 1 else f"{count} bytes"


def _escaped(text: str, limit: int) -> int:
    """How many bytes ``surrogateescape`` kept (lone surrogates U+DC80-U+DCFF), counting up to
    ``limit`` + 1."""
    count = 0
    for _ in ESCAPED.finditer(text):
        count += 1
        if count > limit:
            break
    return count


def _warnings(text: str, encoding: str) -> list[str]:
    found: list[str] = []
    replacement = text.count("\ufffd", 0, SAMPLE)
    if replacement:
        found.append(
            f"{replacement} U+FFFD replacement characters in the {encoding} text: some bytes were "
            "already lost before newsclean read them"
        )
    warning = mojibake_warning(text)
    if warning:
        found.append(warning)
    return found
