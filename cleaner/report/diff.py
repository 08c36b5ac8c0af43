"""``--diff``: a unified diff from input to output per changed document, like ``black --diff``.

Lines are split at ``\\n`` only (a ``\\r`` stays with its line), and a last line
without a newline gets git's ``\\ No newline at end of file`` marker, so the
diff applies with ``patch -p0`` / ``git apply``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from . import Document, display_text

NO_NEWLINE = "\\ No newline at end of file\n"
CONTEXT = 3


def _lines(text: str) -> list[str]:
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


def unified(path: str, before: str, after: str, context: int = CONTEXT) -> str:
    """The unified diff of one document ('' when nothing changed)."""
    out: list[str] = []
    for line in difflib.unified_diff(
        _lines(before), _lines(after), f"{path}\t(original)", f"{path}\t(cleaned)", n=context
    ):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return "".join(out)


def render(documents: Iterable[Document], context: int = CONTEXT) -> str:
    """Diffs of every changed document; each needs its ``source``."""
    parts = []
    for doc in documents:
        if doc.result.changed and doc.source is not None:
            parts.append(unified(doc.display, doc.source, doc.result.text, context))
    return "".join(parts)


_COLORS = (("+++", "\033[1m"), ("---", "\033[1m"), ("@@", "\033[36m"), ("+", "\033[32m"), ("-", "\033[31m"))


def colorize(diff: str) -> str:
    """A diff for a terminal: headers bold, hunks cyan, -/+ red/green, and the scraped text's
    own control characters made visible so that they cannot drive the terminal."""
    out = []
    for line in _lines(diff):
        raw = line.removesuffix("\n")
        end = line[len(raw.removesuffix("\r")) :]  # a CRLF ending is harmless on a terminal
        body = display_text(raw.removesuffix("\r"))
        for prefix, code in _COLORS:
            if body.startswith(prefix):
                body = f"{code}{body}\033[0m"
                break
        out.append(body + end)
    return "".join(out)
