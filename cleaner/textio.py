"""Bytes <-> lines without losing anything: BOM, line endings, final newline, bad bytes.

Invalid UTF-8 survives as lone surrogates (``surrogateescape``) and is written back
as the same bytes, so a page with a few undecodable bytes passes through intact.
"""

from __future__ import annotations

from dataclasses import dataclass

BOM = "\ufeff"
ENCODING = "utf-8"
ERRORS = "surrogateescape"


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded document: its lines (without endings) and how to write them back."""

    lines: list[str]
    bom: bool
    newline: str  # the dominant line ending: "\n" or "\r\n"
    final_newline: bool


def decode_text(text: str) -> Source:
    """Split ``text`` into lines at ``\\n`` (a ``\\r`` before it belongs to the ending)."""
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    final_newline = text.endswith("\n")
    body = text[:-1] if final_newline else text
    lines = body.split("\n") if text else []
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    return Source(lines=lines, bom=bom, newline=newline, final_newline=final_newline)


def visible(line: str) -> str:
    """``line`` without the U+FEFF characters that start it: one that starts a file is its
    byte order mark, so a line that may come to start a file reads as if it had none."""
    return line.lstrip(BOM)


def decode(data: bytes) -> Source:
    """Decode UTF-8 bytes; undecodable bytes are kept as surrogate escapes."""
    return decode_text(data.decode(ENCODING, ERRORS))


def render_text(source: Source, lines: list[str]) -> str:
    """Join ``lines`` in the style of ``source`` (BOM, line ending, final newline)."""
    text = source.newline.join(lines)
    if lines and source.final_newline:
        text += source.newline
    return (BOM if source.bom else "") + text


def encode(text: str) -> bytes:
    """Encode text produced by this module back to the original bytes."""
    return text.encode(ENCODING, ERRORS)
