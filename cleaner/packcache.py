"""The built-in rule packs, read and compiled, kept on disk between runs (as ``.pyc`` files are).

Reading the packs (TOML parsing and validation) and compiling their patterns (the ``regex``
parser is written in Python) costs about 0.6 s; loading them ready from a pickle about 20 ms.
That is most of the start-up of a run on one small page, and of every ``-j`` worker. The first
run builds the packs, compiles every pattern and writes ``packs-<key>.pickle`` (atomically)
into the cache folder; later runs load that file. The key hashes the pack files (paths and
bytes) and the ``regex``, Python and newsclean versions, so an edited or moved pack or an upgrade
writes a new file (a rule names the file it came from).

The folder is ``$NEWSCLEAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsclean``, else
``~/.cache/newsclean``. A file is only read if the current user owns it; a folder that
cannot be written just means building the packs on each run. A loaded pack is the built
pack: patterns are pickled by ``regex`` itself, compiled code included.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import regex

from .atomic import atomic_write
from .model import RulePack

FORMAT = 1  # bump when the pickled types change shape
CACHE_ENV = "NEWSCLEAN_CACHE_DIR"


def cache_dir() -> Path | None:
    """The folder for cached packs (see the module docstring); None with no home folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no password entry
            return None
    return Path(base) / "newsclean"


def cache_key(files: Sequence[Path]) -> str:
    """A digest of the pack files and of everything that shapes what they load into."""
    from . import __version__  # the package imports this module: read the version late

    digest = hashlib.sha256()
    for part in (str(FORMAT), __version__, regex.__version__, sys.version):
        digest.update(part.encode() + b"\0")
    for path in files:
        digest.update(
            str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes() + b"\0"
        )
    return digest.hexdigest()[:24]


def load_cached(files: Sequence[Path], build: Callable[[], list[RulePack]]) -> list[RulePack]:
    """The packs ``build`` makes from ``files``, from the cache when it has them."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"packs-{cache_key(files)}.pickle"
    packs = _read(path)
    if packs is None:
        packs = build()
        for pack in packs:
            for rule in pack.rules:
                _ = rule.regex  # compiled now, so that the cache holds the compiled patterns
        with contextlib.suppress(OSError):  # no cache folder: build again next run
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, pickle.dumps(packs, protocol=pickle.HIGHEST_PROTOCOL))
    return packs


def _read(path: Path) -> list[RulePack] | None:
    try:
        with path.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # only unpickle what this user wrote
            loaded = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(loaded, list) or not all(isinstance(pack, RulePack) for pack in loaded):
        return None
    return loaded
