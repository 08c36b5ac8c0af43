"""The machine-readable report: ``{"version": 1, ...}``, described by ``schema.json``.

Filter mode (one input read to stdout) gives one *document* object; a batch run
gives a *run* object with a ``summary`` and its ``documents``. Replaying a
document's ``findings`` on the input (``cleaner.apply_findings``) gives ``text``.

Undecodable input bytes travel as lone surrogates (``surrogateescape``); they are
written as ``\\udcXX`` escapes, which keeps the output valid UTF-8 and lets
``json.loads`` give back exactly the string the cleaner saw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from . import Document, Report

VERSION = 1
SCHEMA_FILE = "schema.json"


def document(doc: Document, include_text: bool = True) -> dict[str, Any]:
    """One document's report: path, changed, text, findings, metadata, stats."""
    result = doc.result
    data: dict[str, Any] = {"version": VERSION, "path": doc.path, "changed": result.changed}
    if include_text:
        data["text"] = result.text
    data["findings"] = [finding.as_dict() for finding in result.findings]
    data["metadata"] = result.metadata
    data["stats"] = result.stats()
    return data


def run(
    documents: Iterable[Document], report: Report, mode: str, include_text: bool = False
) -> dict[str, Any]:
    """A batch run: the summary, every cleaned document and every skipped input."""
    return {
        "version": VERSION,
        "mode": mode,
        "summary": report.as_dict(),
        "documents": [document(doc, include_text) for doc in documents],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
    }


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text that is always valid UTF-8 (lone surrogates become ``\\uXXXX`` escapes)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return text.encode("utf-8", "backslashreplace").decode("utf-8") + "\n"


def render(
    documents: list[Document],
    report: Report | None = None,
    *,
    mode: str = "filter",
    include_text: bool = True,
) -> str:
    """A document object in filter mode, a run object otherwise."""
    if mode == "filter":
        (doc,) = documents
        return dumps(document(doc, include_text))
    assert report is not None
    return dumps(run(documents, report, mode, include_text))


def schema() -> dict[str, Any]:
    """The JSON Schema of the report (shipped as ``cleaner/report/schema.json``)."""
    loaded: dict[str, Any] = json.loads((resources.files("cleaner.report") / SCHEMA_FILE).read_text("utf-8"))
    return loaded
