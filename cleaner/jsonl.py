"""Corpus mode: clean one field of every record of a JSON Lines file, streaming.

One JSON object per line in, the same objects out in the same order. Only the cleaned
field's value is rewritten (spliced into the original line), so every other key, its
spelling, spacing and number formatting stay byte-for-byte as they were, and a record
whose field did not change is written back as the very same bytes.

Bad records (invalid JSON or UTF-8, not an object, missing or non-string field) are
reported on stderr with their line number and then, by ``on_error``, kept unchanged
(``keep``, the default), dropped (``skip``) or turned into a ``JsonlError`` (``fail``).
Blank lines are not records: they pass through.

Memory stays bounded whatever the input size: lines are read, cleaned and written in
batches; with ``jobs > 1`` worker processes clean batches (byte ranges of an uncompressed
file, else batches of lines) and the results are written in input order, with a bounded
number of batches in flight.
"""

from __future__ import annotations

import importlib
import io
import json
import re
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, cast

if TYPE_CHECKING:
    from .engine import Cleaner
    from .model import CleanResult

__all__ = ["ON_ERROR", "JsonlError", "JsonlStats", "open_input", "open_output", "process_jsonl"]

ON_ERROR = ("keep", "skip", "fail")
SUFFIXES = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".lzma": "xz", ".zst": "zstd", ".zstd": "zstd"}
MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd"))
SERIAL_BATCH = 256 * 1024
STREAM_CHUNK = 1024 * 1024
MIN_RANGE, MAX_RANGE = 64 * 1024, 1024 * 1024

_WS = re.compile(r"[ \t\n\r]*")
_skip = cast(Callable[[str, int], "re.Match[str]"], _WS.match)
_SPACE = " \t\n\r"
_scan_once = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]
_encode = json.encoder.encode_basestring
_encode_ascii = json.encoder.encode_basestring_ascii
BOM = "\ufeff"


class JsonlError(ValueError):
    """A bad record under ``on_error="fail"``, or an input or output that cannot be used."""


@dataclass(slots=True)
class JsonlStats:
    """What a run did: records read (bad ones included), records changed, bad records."""

    records: int = 0
    changed: int = 0
    errors: int = 0


class BadRecord(Exception):
    """One line that is not a usable record (message without the line number)."""


# -- files ----------------------------------------------------------------------------


def _zstandard() -> Any:
    try:
        return importlib.import_module("zstandard")
    except ImportError:
        raise JsonlError(
            "reading or writing .zst needs the zstandard package: pip install 'newsclean[zstd]'"
        ) from None


def compression_of(path: str | Path) -> str | None:
    """The compression named by a file name's extension (``gzip``, ``bz2``, ``xz``, ``zstd``)."""
    return SUFFIXES.get(Path(path).suffix.lower())


def _sniff(stream: io.BufferedReader) -> str | None:
    head = stream.peek(8)[:8]
    return next((kind for magic, kind in MAGIC if head.startswith(magic)), None)


def _decompress(kind: str, raw: BinaryIO) -> BinaryIO:
    if kind == "gzip":
        import gzip

        return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb"))
    if kind == "bz2":
        import bz2

        return cast(BinaryIO, bz2.BZ2File(raw, "rb"))
    if kind == "xz":
        import lzma

        return cast(BinaryIO, lzma.LZMAFile(raw, "rb"))
    reader = _zstandard().ZstdDecompressor().stream_reader(raw, closefd=False)
    return cast(BinaryIO, io.BufferedReader(reader, STREAM_CHUNK))


def _open_source(source: str | Path, stack: ExitStack) -> tuple[BinaryIO, str | None]:
    raw: io.BufferedReader
    try:
        if str(source) == "-":
            raw = cast(io.BufferedReader, sys.stdin.buffer)
        else:
            raw = stack.enter_context(open(source, "rb"))  # noqa: SIM115
    except OSError as exc:
        raise JsonlError(f"{source}: cannot read: {exc.strerror or exc}") from None
    kind = compression_of(source) if str(source) != "-" else None
    if kind is None and hasattr(raw, "peek"):
        kind = _sniff(raw)
    if kind is None:
        return cast(BinaryIO, raw), None
    stream: BinaryIO = stack.enter_context(_decompress(kind, cast(BinaryIO, raw)))
    return stream, kind


def open_input(source: str | Path, stack: ExitStack) -> BinaryIO:
    """Open ``source`` (``-`` for stdin) for reading lines, decompressing by extension
    (or, for stdin and unknown extensions, by the stream's magic bytes)."""
    return _open_source(source, stack)[0]


def open_output(path: str | Path, stack: ExitStack) -> BinaryIO:
    """Open ``path`` (``-`` for stdout) for writing, compressing by extension."""
    if str(path) == "-":
        return sys.stdout.buffer
    kind = compression_of(path)
    try:
        raw = stack.enter_context(open(path, "wb"))  # noqa: SIM115
    except OSError as exc:
        raise JsonlError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if kind == "gzip":
        import gzip

        return stack.enter_context(cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6)))
    if kind == "bz2":
        import bz2

        return stack.enter_context(cast(BinaryIO, bz2.BZ2File(raw, "wb")))
    if kind == "xz":
        import lzma

        return stack.enter_context(cast(BinaryIO, lzma.LZMAFile(raw, "wb")))
    if kind == "zstd":
        writer = _zstandard().ZstdCompressor(level=3).stream_writer(raw, closefd=False)
        return stack.enter_context(cast(BinaryIO, writer))
    return raw


# -- one record -----------------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", bool: "a boolean"}.get(type(value), "a number")


class _Unusual(Exception):
    """The fast scan met something it leaves to ``json.loads`` (an error, a missing field)."""


Member = tuple[int, int, Any]  # start and end of a member's value in the line, and the value


def _members(text: str, index: int, wanted: tuple[str, ...]) -> tuple[int, dict[str, Member]]:
    """Parse the JSON object at ``text[index]`` in one pass; return the index after it and,
    for each ``wanted`` key present, its last occurrence (as ``json.loads`` keeps the last).

    Whitespace is skipped with the regex only where there is some (as ``json`` does): this
    loop is the JSONL layer's main cost after the engine.
    """
    if text[index] != "{":
        raise _Unusual
    found: dict[str, Member] = {}
    index += 1
    if text[index] in _SPACE:
        index = _skip(text, index).end()
    if text[index] == "}":
        return index + 1, found
    while True:
        if text[index] != '"':
            raise _Unusual
        key, index = _scanstring(text, index + 1)
        if text[index] in _SPACE:
            index = _skip(text, index).end()
        if text[index] != ":":
            raise _Unusual
        index += 1
        if text[index] in _SPACE:
            index = _skip(text, index).end()
        value, end = _scan_once(text, index)
        if key in wanted:
            found[key] = (index, end, value)
        index = end
        if text[index] in _SPACE:
            index = _skip(text, index).end()
        if text[index] == "}":
            return index + 1, found
        if text[index] != ",":
            raise _Unusual
        index += 1
        if text[index] in _SPACE:
            index = _skip(text, index).end()


def report_for(result: CleanResult) -> dict[str, object]:
    """The per-record findings summary written under ``report_field``."""
    report = result.stats()
    report["findings"] = [{"line": f.line, "rule": f.rule, "action": f.action} for f in result.findings]
    report["metadata"] = result.metadata
    return report


class Records:
    """Cleans records (one JSON line each) with one cleaner and one set of options."""

    def __init__(self, cleaner: Cleaner, field: str, report_field: str | None, on_error: str) -> None:
        if on_error not in ON_ERROR:
            raise JsonlError(f"on_error must be one of {', '.join(ON_ERROR)}, not {on_error!r}")
        if not field:
            raise JsonlError("the field to clean has an empty name")
        if report_field is not None and report_field in (field, field.split(".")[0]):
            raise JsonlError(f"report field {report_field!r} would overwrite the cleaned field {field!r}")
        self.cleaner = cleaner
        self.field = field
        self.report_field = report_field
        self.on_error = on_error

    def _locate(self, text: str, start: int) -> tuple[Member, Member | None]:
        """The field's member (a string) and the report field's member, if any, in one scan
        of the line; ``_Unusual`` (or a JSON error) when anything is off."""
        path = self.field.split(".")
        end, found = _members(text, start, (self.field, path[0], self.report_field or self.field))
        if text[_skip(text, end).end() :]:
            raise _Unusual
        member = found.get(self.field)  # a literal key with dots in it wins over the path
        if member is None:
            member = found[path[0]]
            for key in path[1:]:
                member = _members(text, member[0], (key,))[1][key]
        if not isinstance(member[2], str):
            raise _Unusual
        return member, found.get(self.report_field) if self.report_field else None

    def _diagnose(self, text: str) -> None:
        """Raise ``BadRecord`` saying what is wrong with a line the fast scan refused."""
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadRecord(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
        except RecursionError:
            raise BadRecord("invalid JSON: nested too deeply") from None
        if not isinstance(record, dict):
            raise BadRecord(f"not a JSON object but {_kind(record)}")
        value: Any = record.get(self.field, record)
        if value is record:
            path = self.field.split(".")
            for depth, key in enumerate(path):
                if not isinstance(value, dict):
                    parent = ".".join(path[:depth])
                    raise BadRecord(f"field {self.field!r} is missing ({parent!r} is {_kind(value)})")
                if key not in value:
                    raise BadRecord(f"field {self.field!r} is missing")
                value = value[key]
        if not isinstance(value, str):
            raise BadRecord(f"field {self.field!r} is {_kind(value)}, not a string")

    def clean(self, line: bytes) -> tuple[bytes, bool]:
        """The output line for one input line (ending kept) and whether its field changed.

        Raises ``BadRecord`` for a line that is not a usable record.
        """
        body_end = len(line) - (line.endswith(b"\n") + line.endswith(b"\r\n"))
        try:
            text = line[:body_end].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRecord(f"not valid UTF-8 (byte {exc.start + 1})") from None
        start = 1 if text.startswith(BOM) else 0
        try:
            field, report = self._locate(text, _skip(text, start).end())
        except (_Unusual, ValueError, StopIteration, IndexError, KeyError, RecursionError):
            self._diagnose(text[start:])
            raise BadRecord(f"field {self.field!r} could not be located") from None  # pragma: no cover
        result = self.cleaner.clean_text(field[2])
        if not result.changed and self.report_field is None:
            return line, False
        edits: list[tuple[int, int, object]] = []
        if result.changed:
            edits.append((field[0], field[1], result.text))
        if self.report_field is not None:
            if report is None:  # a new last member, before the closing brace
                close = len(text.rstrip(" \t\r\n")) - 1
                edits.append((close, close, (self.report_field, report_for(result))))
            else:
                edits.append((report[0], report[1], report_for(result)))
        return self._splice(text, edits) + line[body_end:], result.changed

    @staticmethod
    def _splice(text: str, edits: list[tuple[int, int, object]]) -> bytes:
        try:
            return _splice(text, edits, ascii_only=False).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (from \ud800 escapes): keep them escaped
            return _splice(text, edits, ascii_only=True).encode("utf-8")


def _dump(value: object, ascii_only: bool) -> str:
    if isinstance(value, str):
        return _encode_ascii(value) if ascii_only else _encode(value)
    return json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":"))


def _splice(text: str, edits: list[tuple[int, int, object]], ascii_only: bool) -> str:
    """``text`` with each span replaced by its new value (an empty span adds a member)."""
    pieces: list[str] = []
    last = len(text)
    for begin, end, value in sorted(edits, key=lambda e: e[0], reverse=True):
        if begin == end:
            key, member = cast(tuple[str, object], value)
            new = f",{_dump(key, ascii_only)}:{_dump(member, ascii_only)}"
        else:
            new = _dump(value, ascii_only)
        pieces += [text[end:last], new]
        last = begin
    pieces.append(text[:last])
    return "".join(reversed(pieces))


# -- batches --------------------------------------------------------------------------


@dataclass(slots=True)
class Chunk:
    """The result of cleaning one batch of lines."""

    data: bytes
    lines: int  # input lines consumed
    records: int = 0
    changed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (0-based line in batch, message)
    failed: bool = False


def clean_lines(records: Records, lines: Iterable[bytes]) -> Chunk:
    """Clean a batch of lines; under ``fail`` stop at the first bad record."""
    out: list[bytes] = []
    chunk = Chunk(b"", 0)
    for offset, line in enumerate(lines):
        chunk.lines = offset + 1
        if not line.strip():
            out.append(line)
            continue
        chunk.records += 1
        try:
            new, changed = records.clean(line)
        except BadRecord as exc:
            chunk.errors.append((offset, str(exc)))
            if records.on_error == "fail":
                chunk.failed = True
                break
            if records.on_error == "keep":
                out.append(line)
            continue
        chunk.changed += changed
        out.append(new)
    chunk.data = b"".join(out)
    return chunk


def _blocks(stream: BinaryIO, size: int) -> Iterator[bytes]:
    """The stream in blocks of about ``size`` bytes that end just after a newline (the last
    one may end without)."""
    carry = b""
    while block := stream.read(size):
        block = carry + block if carry else block
        cut = block.rfind(b"\n") + 1
        if cut == 0:  # no line break yet: a long line, keep reading
            carry = block
            continue
        carry = block[cut:]
        yield block[:cut]
    if carry:
        yield carry


def _ranges(path: Path, size: int) -> Iterator[tuple[int, int]]:
    """Byte ranges of about ``size`` bytes that end just after a newline (or at EOF)."""
    with open(path, "rb") as handle:
        total = path.stat().st_size
        start = 0
        while start < total:
            handle.seek(start + size)
            handle.readline()
            end = min(handle.tell(), total)
            yield start, end
            start = end


_WORKER: Records | None = None


def _init_worker(cleaner: Cleaner, field: str, report_field: str | None, on_error: str) -> None:
    global _WORKER
    _WORKER = Records(cleaner, field, report_field, on_error)


def _work(task: tuple[str, bytes] | tuple[str, str, int, int]) -> Chunk:
    assert _WORKER is not None
    if task[0] == "range":
        _, path, start, end = cast(tuple[str, str, int, int], task)
        with open(path, "rb") as handle:
            handle.seek(start)
            data = handle.read(end - start)
    else:
        data = cast(tuple[str, bytes], task)[1]
    return clean_lines(_WORKER, io.BytesIO(data))


def _parallel(tasks: Iterator[Any], jobs: int, records: Records) -> Generator[Chunk, None, None]:
    """Results of ``tasks`` run on ``jobs`` worker processes, in order, at most
    ``2 * jobs`` batches in flight."""
    import multiprocessing

    initargs = (records.cleaner, records.field, records.report_field, records.on_error)
    with multiprocessing.get_context().Pool(jobs, _init_worker, initargs) as pool:
        pending: deque[Any] = deque()
        for task in tasks:
            pending.append(pool.apply_async(_work, (task,)))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


# -- the run --------------------------------------------------------------------------


def process_jsonl(
    source: str | Path,
    out: BinaryIO | str | Path,
    *,
    cleaner: Cleaner,
    field: str = "text",
    report_field: str | None = None,
    on_error: str = "keep",
    jobs: int = 1,
    err: TextIO | None = None,
    chunk_bytes: int | None = None,
) -> JsonlStats:
    """Clean ``field`` of every record of the JSONL ``source`` (a path or ``-`` for stdin)
    and write the records to ``out`` (a binary stream, or a path compressed by extension).

    ``report_field`` adds a findings summary to each good record; ``on_error`` is ``keep``,
    ``skip`` or ``fail`` (raise ``JsonlError``); ``jobs`` > 1 uses worker processes, each
    with its own copy of ``cleaner``. Bad records are reported on ``err`` (stderr).
    """
    records = Records(cleaner, field, report_field, on_error)
    if jobs < 1:
        raise JsonlError(f"jobs must be at least 1, not {jobs}")
    err = err if err is not None else sys.stderr
    name = "<stdin>" if str(source) == "-" else str(source)
    with ExitStack() as stack:
        stream, compression = _open_source(source, stack)
        sink = open_output(out, stack) if isinstance(out, str | Path) else out
        chunks: Generator[Chunk, None, None]
        if jobs == 1:
            size = chunk_bytes or SERIAL_BATCH
            chunks = (clean_lines(records, io.BytesIO(block)) for block in _blocks(stream, size))
        elif str(source) != "-" and compression is None and Path(source).is_file():
            path = Path(source)
            size = chunk_bytes or max(MIN_RANGE, min(MAX_RANGE, path.stat().st_size // (jobs * 8)))
            tasks: Iterator[Any] = (("range", str(path), a, b) for a, b in _ranges(path, size))
            chunks = _parallel(tasks, jobs, records)
        else:
            size = chunk_bytes or STREAM_CHUNK
            tasks = (("lines", block) for block in _blocks(stream, size))
            chunks = _parallel(tasks, jobs, records)
        with closing(chunks):
            return _write(chunks, sink, name, on_error, err)
    raise AssertionError("unreachable")  # pragma: no cover


def _write(chunks: Iterable[Chunk], out: BinaryIO, name: str, on_error: str, err: TextIO) -> JsonlStats:
    stats = JsonlStats()
    first_line = 1
    outcome = "dropped" if on_error == "skip" else "kept unchanged"
    for chunk in chunks:
        out.write(chunk.data)
        stats.records += chunk.records
        stats.changed += chunk.changed
        stats.errors += len(chunk.errors)
        for number, (offset, message) in enumerate(chunk.errors, 1):
            where = f"{name}:{first_line + offset}"
            if chunk.failed and number == len(chunk.errors):
                out.flush()
                raise JsonlError(f"{where}: {message}")
            print(f"newsclean: {where}: {message} ({outcome})", file=err)
        first_line += chunk.lines
    out.flush()
    return stats
