"""Replace a file all at once: a crash or an error never leaves it half written."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: str | Path, data: bytes, mode_from: str | Path | None = None) -> None:
    """Replace ``path`` with ``data`` all at once, keeping its permission bits.

    The bytes go to a temporary file in the same directory, are flushed and fsynced,
    and the temporary file is renamed over ``path``. If anything fails, ``path`` is left
    as it was and the temporary file is removed. A symlink is followed: its target is
    replaced, the link stays.
    """
    with atomic_writer(path, mode_from) as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_writer(path: str | Path, mode_from: str | Path | None = None) -> Iterator[BinaryIO]:
    """A stream whose bytes replace ``path`` when the block ends (see ``atomic_write``).

    ``Abandon`` raised in the block leaves ``path`` as it was, and is not passed on.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(mode_from if mode_from is not None else target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(exc, Abandon):
            raise


class Abandon(Exception):
    """Raised inside ``atomic_writer`` to keep the original file."""


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
