"""``--format concise``: one line per finding, ``path:line:col: pack/rule action: text``.

Made for ``grep``, editors' quickfix lists and CI annotations (yamllint's
"parsable" format). Columns are 1-based; a dropped line starts at column 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import Document


def render(documents: Iterable[Document], *_: Any, **__: Any) -> str:
    """Every finding of every document, in input order."""
    out = []
    for doc in documents:
        for f in doc.result.findings:
            text = f.text.replace("\r", "\\r").replace("\t", " ")
            out.append(f"{doc.path}:{f.line}:{f.start + 1}: {f.pack}/{f.rule} {f.action}: {text}\n")
    return "".join(out)
