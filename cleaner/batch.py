"""Many files: find them, clean them in worker processes, write them back safely.

``discover`` turns command-line paths into ``Task``s (directories are walked;
hidden and VCS directories skipped; ``include`` / ``exclude`` globs). ``run``
cleans the tasks in order, in worker processes when there are many, and yields
one ``Outcome`` per task. Files are written only when their content changes,
through ``atomic_write``: a temporary file in the same directory, flushed and
fsynced, then renamed over the original, so a crash never leaves a truncated file.
"""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import partial
from typing import BinaryIO

from . import clean_bytes
from . import stream as streaming
from .atomic import Abandon, atomic_write, atomic_writer
from .encoding import EncodingError, decode_bytes
from .model import CleanResult

DEFAULT_INCLUDE = ("*.txt",)
SKIP_DIRS = frozenset({"CVS", "__pycache__", "node_modules"})  # plus every hidden (dot) directory
MIN_PARALLEL = 16  # fewer files than this are cleaned in-process: starting workers costs more


class Mode(enum.Enum):
    """What happens to each cleaned file."""

    PRINT = "print"  # cleaned text to stdout
    CHECK = "check"  # write nothing; exit 1 if anything would change
    IN_PLACE = "in-place"  # rewrite files that change
    OUTPUT_DIR = "output-dir"  # write cleaned copies into a mirror tree


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a worker needs; small and picklable."""

    mode: Mode = Mode.PRINT
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extra_packs: tuple[str, ...] = ()
    keep_source: bool = False  # return the decoded input (for --diff / --explain)
    keep_output: bool = False  # return the output bytes (print mode)
    keep_result: bool = True  # return the ``CleanResult`` (reports); else only the counts
    keep_text: bool = False  # keep ``result.text`` (reports that include the text)
    encoding: str | None = None  # None: detect (see ``cleaner.encoding``)


@dataclass(frozen=True, slots=True)
class Task:
    """One file to clean: its path as shown, and where a cleaned copy goes (``-o``)."""

    path: str
    target: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file."""

    path: str
    result: CleanResult | None = None  # None when skipped, or when the run needs only counts
    error: str | None = None  # why the file was skipped
    changed: bool = False
    removals: int = 0
    source: str | None = None
    output: bytes | None = None
    written: bool = False
    target: str | None = None  # where -o wrote the copy
    warnings: tuple[str, ...] = ()  # about the input (undecodable bytes, mojibake)
    output_file: str | None = None  # print mode, large input: the output waits in this temporary file


class DiscoveryError(ValueError):
    """Paths that cannot be turned into a list of files (missing, colliding outputs)."""


# -- finding files --------------------------------------------------------------------


def _pattern_matches(path: str, name: str, patterns: Iterable[str]) -> bool:
    """A pattern without '/' matches the file or directory name; one with '/' matches the
    path, or any tail of it (so ``archive/*`` matches ``corpus/archive/a.txt``)."""
    for pattern in patterns:
        bare = pattern.rstrip("/")
        if "/" not in bare:
            if fnmatchcase(name, bare):
                return True
        elif fnmatchcase(path, bare) or fnmatchcase(path, "*/" + bare.lstrip("/")):
            return True
    return False


def _excluded(path: str, exclude: Sequence[str]) -> bool:
    """Whether a file named on the command line, or a directory above it (up to the current
    directory), is excluded."""
    relative = _norm(os.path.relpath(path))
    parts = relative.split("/") if not relative.startswith("../") else [os.path.basename(path)]
    return any(
        _pattern_matches("/".join(parts[: n + 1]), part, exclude) for n, part in enumerate(parts) if part
    )


def _norm(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def _walk(
    root: str, include: Sequence[str], exclude: Sequence[str], prune: set[str]
) -> Iterator[tuple[str, str]]:
    """(display path, path relative to root) of the files under ``root``."""
    for directory, dirnames, filenames in os.walk(root):
        keep = []
        for name in sorted(dirnames):
            full = os.path.join(directory, name)
            if name.startswith(".") or name in SKIP_DIRS or os.path.realpath(full) in prune:
                continue
            if _pattern_matches(_norm(full), name, exclude):
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            full = os.path.join(directory, name)
            if name.startswith(".") or os.path.islink(full):
                continue
            normalized = _norm(full)
            if _pattern_matches(normalized, name, include) and not _pattern_matches(
                normalized, name, exclude
            ):
                yield full, os.path.relpath(full, root)


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    output_dir: str | None = None,
) -> list[Task]:
    """The files named by ``paths`` (directories walked), each once, in a stable order.

    Files named explicitly are cleaned whatever their name (like black), but ``exclude``
    still applies to them, so a configured exclude holds under pre-commit too.
    """
    tasks: list[Task] = []
    seen: set[str] = set()
    targets: dict[str, str] = {}
    prune = {os.path.realpath(output_dir)} if output_dir else set()
    for path in paths:
        if os.path.isdir(path):
            found = sorted(_walk(path, include, exclude, prune), key=lambda item: item[1].split(os.sep))
        elif os.path.lexists(path):
            if _excluded(path, exclude):
                continue
            found = [(path, os.path.basename(path))]
        else:
            raise DiscoveryError(f"{path}: no such file or directory")
        for display, relative in found:
            real = os.path.realpath(display)
            if real in seen:
                continue
            seen.add(real)
            target = None
            if output_dir is not None:
                target = os.path.join(output_dir, relative)
                real_target = os.path.realpath(target)
                if real_target == real:
                    raise DiscoveryError(
                        f"{display}: --output-dir would overwrite the input (use --in-place)"
                    )
                if real_target in targets:
                    raise DiscoveryError(
                        f"{display}: --output-dir would write {target} twice (also from {targets[real_target]})"
                    )
                targets[real_target] = display
            tasks.append(Task(display, target))
    return tasks


# -- cleaning ---------------------------------------------------------------------------


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def process(settings: Settings, task: Task) -> Outcome:
    """Clean one file and write it as the mode says; problems become a skipped outcome."""
    try:
        with open(task.path, "rb") as stream:
            if in_parts(settings) and os.fstat(stream.fileno()).st_size > streaming.DOCUMENT_LIMIT:
                return process_large(settings, task, stream, reject_nul=True)
            data = stream.read()
    except IsADirectoryError:
        return Outcome(task.path, error="is a directory")
    except OSError as exc:
        return Outcome(task.path, error=f"cannot read: {_reason(exc)}")
    if b"\0" in data:
        return Outcome(task.path, error="binary file (NUL bytes)")
    return process_bytes(settings, task, data)


def process_bytes(settings: Settings, task: Task, data: bytes) -> Outcome:
    """Clean ``data`` read from ``task.path`` (or standard input) and write as the mode says."""
    warnings: list[str] = []
    try:
        output, result = clean_bytes(
            data,
            encoding=settings.encoding,
            warn=warnings.append,
            select=settings.select,
            ignore=settings.ignore,
            extra_packs=settings.extra_packs,
        )
    except EncodingError as exc:
        return Outcome(task.path, error=f"cannot decode: {exc}")
    written = False
    try:
        if settings.mode is Mode.IN_PLACE and result.changed:
            atomic_write(task.path, output)
            written = True
        elif settings.mode is Mode.OUTPUT_DIR and task.target is not None:
            written = _write_copy(task.target, output, task.path)
    except OSError as exc:
        return Outcome(task.path, error=f"cannot write: {_reason(exc)}")
    return Outcome(
        task.path,
        result=_slim(result, settings),
        changed=result.changed,
        removals=len(result.findings),
        source=decode_bytes(data, settings.encoding).text if settings.keep_source else None,
        output=output if settings.keep_output else None,
        written=written,
        target=task.target,
        warnings=tuple(warnings),
    )


def in_parts(settings: Settings) -> bool:
    """Whether an input larger than ``stream.DOCUMENT_LIMIT`` is cleaned in parts:
    yes unless a report needs the document whole (its result or its source)."""
    return not (settings.keep_result or settings.keep_source)


def process_large(
    settings: Settings,
    task: Task,
    stream: BinaryIO,
    head: bytes = b"",
    *,
    reject_nul: bool = False,
    stdout: BinaryIO | None = None,
) -> Outcome:
    """Clean ``head`` + ``stream`` in parts, in bounded memory, and write as the mode says.

    In print mode the output goes to ``stdout`` when given, else to a temporary file that the
    reader of the outcome streams out (a worker process cannot write to standard output).
    """
    clean = partial(
        streaming.clean_stream,
        streaming.split_parts(stream, streaming.DOCUMENT_LIMIT, head),
        encoding=settings.encoding,
        reject_nul=reject_nul,
        select=settings.select,
        ignore=settings.ignore,
        extra_packs=settings.extra_packs,
    )
    output_file = None
    written = False
    try:
        if settings.mode is Mode.PRINT and stdout is not None:
            totals = clean(stdout.write)
        elif settings.mode is Mode.PRINT:
            handle, output_file = tempfile.mkstemp(prefix="newsclean-", suffix=".txt")
            with os.fdopen(handle, "wb") as sink:
                totals = clean(sink.write)
        elif settings.mode is Mode.IN_PLACE or (settings.mode is Mode.OUTPUT_DIR and task.target):
            target = task.target if settings.mode is Mode.OUTPUT_DIR else task.path
            assert target is not None
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            with atomic_writer(target, mode_from=task.path) as sink:
                totals = clean(sink.write)
                if settings.mode is Mode.IN_PLACE and not totals.changed:
                    raise Abandon
            written = settings.mode is Mode.OUTPUT_DIR or totals.changed
        else:
            totals = clean(None)
    except BrokenPipeError:
        raise
    except (streaming.BinaryInputError, EncodingError, OSError) as exc:
        if output_file is not None:
            with contextlib.suppress(OSError):
                os.unlink(output_file)
        if isinstance(exc, OSError):
            return Outcome(task.path, error=f"cannot clean: {_reason(exc)}")
        return Outcome(
            task.path,
            error=str(exc) if isinstance(exc, streaming.BinaryInputError) else f"cannot decode: {exc}",
        )
    note = (
        f"{totals.bytes_in / 2**20:.0f} MiB is more than one page can be "
        f"({streaming.DOCUMENT_LIMIT / 2**20:g} MiB): "
        f"cleaned as {totals.parts} consecutive documents cut at blank lines"
    )
    return Outcome(
        task.path,
        changed=totals.changed,
        removals=totals.removals,
        written=written,
        target=task.target,
        warnings=(note, *totals.warnings),
        output_file=output_file,
    )


def _slim(result: CleanResult, settings: Settings) -> CleanResult | None:
    """Only what the parent process needs: results cross a process boundary, pickled."""
    if not settings.keep_result:
        return None
    return result if settings.keep_text else replace(result, text="")


def _write_copy(target: str, data: bytes, source: str) -> bool:
    """Write a cleaned copy unless an identical one is already there."""
    try:
        with open(target, "rb") as stream:
            if stream.read() == data:
                return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    atomic_write(target, data, mode_from=source)
    return True


def run(tasks: Sequence[Task], settings: Settings, jobs: int = 1) -> Iterator[Outcome]:
    """Clean ``tasks`` and yield their outcomes in the tasks' order.

    With ``jobs`` > 1 and enough files, ``jobs`` worker processes share the work in
    chunks; the cleaner (rule packs compiled once) is cached in each worker.
    """
    work = partial(process, settings)
    if jobs <= 1 or len(tasks) < MIN_PARALLEL:
        yield from map(work, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(tasks))
    chunksize = max(1, min(64, len(tasks) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(work, tasks, chunksize=chunksize)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
