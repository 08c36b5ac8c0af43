"""Text too large to be one page: cleaned as consecutive documents, in bounded memory.

The engine reads a page whole (its head, body and tail) and keeps per-line bookkeeping of
some 10 to 20 times the page's size. No news page comes near ``DOCUMENT_LIMIT``: a text
larger than that is many pages (a dump), so it is cleaned as consecutive documents of at
most that size, cut after a blank line (else after a line end), each written out before
the next one is read. A part with nothing to remove is written as its own bytes, so a
file with nothing to remove comes out byte for byte; where a cut fell on a blank line,
the cleaned parts stay apart by one blank line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from . import clean_bytes
from .encoding import decode_bytes

DOCUMENT_LIMIT = 16 * 2**20  # bytes; a page is a few kB, the largest seen some 2 MB
BLANK_LINE_CUTS = (b"\n\n", b"\n\r\n")


@dataclass(slots=True)
class StreamTotals:
    """What cleaning a stream in parts did."""

    parts: int = 0
    changed: bool = False
    removals: int = 0
    bytes_in: int = 0
    warnings: list[str] = field(default_factory=list)


class BinaryInputError(ValueError):
    """A NUL byte turned up in a stream that must be text."""


def split_parts(stream: BinaryIO, limit: int = DOCUMENT_LIMIT, head: bytes = b"") -> Iterator[bytes]:
    """``head`` and then ``stream`` in consecutive pieces that join back to the whole input.

    Each piece ends after a blank line, else after a line end, within ``limit`` bytes; a
    single line longer than ``limit`` is a piece of its own.
    """
    buffer = bytearray(head)
    eof = False
    while True:
        while len(buffer) <= limit and not eof:
            eof = not _read_into(stream, buffer, limit)
        if len(buffer) <= limit:
            if buffer:
                yield bytes(buffer)
            return
        cut = _cut(buffer, limit)
        while cut is None:  # one line longer than the limit: it ends at its newline
            end = buffer.find(b"\n", limit)
            if end >= 0 or eof:
                cut = len(buffer) if end < 0 else end + 1
            else:
                eof = not _read_into(stream, buffer, limit)
        yield bytes(buffer[:cut])
        del buffer[:cut]


def _read_into(stream: BinaryIO, buffer: bytearray, size: int) -> bool:
    block = stream.read(size)
    buffer += block
    return bool(block)


def _cut(buffer: bytearray, limit: int) -> int | None:
    """Where to end a piece of ``buffer``: after a blank line, else after a line end."""
    blank = max(buffer.rfind(mark, 0, limit) + len(mark) for mark in BLANK_LINE_CUTS)
    if blank > max(len(mark) for mark in BLANK_LINE_CUTS):
        return blank
    end = buffer.rfind(b"\n", 0, limit)
    return end + 1 if end >= 0 else None


def clean_stream(
    parts: Iterator[bytes],
    write: Callable[[bytes], object] | None,
    *,
    encoding: str | None = None,
    reject_nul: bool = False,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    extra_packs: tuple[str, ...] = (),
) -> StreamTotals:
    """Clean each part as a document and ``write`` its output (``None``: only count).

    The encoding is detected on the first part (unless given) and used for the rest.
    ``reject_nul`` raises ``BinaryInputError`` at the first NUL byte.
    """
    totals = StreamTotals()
    tail = b""  # the last bytes written: is a blank line already there?
    apart = False  # the previous part ended with a blank line
    for data in parts:
        if reject_nul and b"\0" in data:
            raise BinaryInputError("binary file (NUL bytes)")
        if totals.parts == 0 and encoding is None:
            detected = decode_bytes(data).encoding
            encoding = None if detected == "utf-8" else detected
        totals.parts += 1
        totals.bytes_in += len(data)
        output, result = clean_bytes(
            data,
            encoding=encoding,
            warn=lambda message: _note(totals.warnings, message),
            select=select,
            ignore=ignore,
            extra_packs=extra_packs,
        )
        if result.changed:
            totals.changed = True
            totals.removals += len(result.findings)
        if apart and output and tail and not _ends_blank(tail):  # a cleaned part lost its blank line
            output = (b"\r\n" if tail.endswith(b"\r\n") else b"\n") + output
        if write is not None and output:
            write(output)
        if output:
            tail = (tail + output)[-4:]
        apart = _ends_blank(data)
    return totals


def _ends_blank(data: bytes) -> bool:
    return any(data.endswith(mark) for mark in BLANK_LINE_CUTS)


def _note(warnings: list[str], message: str) -> None:
    if message not in warnings:
        warnings.append(message)
