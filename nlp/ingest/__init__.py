"""Ingest: read a report file into a :class:`~nlp.model.Document` (text in reading order + grids).

Formats: ``.txt`` (:mod:`.textfile`), ``.md`` (:mod:`.textfile`, then :mod:`.markdown`),
``.html``/``.htm`` (:mod:`.html`), ``.pdf`` (:mod:`.pdf`), ``.docx`` (:mod:`.docx`).  In every
kind, table rows drawn with pipes become tab-separated rows (:mod:`.markdown`).  Every problem
with the input is raised as a one-line :class:`~nlp.errors.ReportError`.  The readers of HTML, PDF and Word files, and OpenCC, are
imported only when needed, so reading a .txt stays cheap.

>>> doc = read_document("report.pdf")          # doctest: +SKIP
>>> doc.kind, len(doc.grids)                   # doctest: +SKIP
('pdf', 5)
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

from ..errors import ReportError
from ..model import Document, Grid
from .chinese import simplifier
from .common import MAX_BYTES, MAX_CHARS, display_path, normalize_text, read_bytes, short_reason, stat_regular
from .markdown import pipe_rows_to_tabs
from .textfile import decode_bytes

__all__ = ["MAX_BYTES", "MAX_CHARS", "REPORT_SUFFIXES", "decode_bytes", "display_path", "document_from_text",
           "file_kind", "is_report_name", "read_document"]

# extension -> (module, reader function, what the file is called in messages)
_READERS = {
    ".txt": ("textfile", "read_text", "text"),
    ".md": ("textfile", "read_markdown", "text"),
    ".html": ("html", "read_html", "HTML"),
    ".htm": ("html", "read_html", "HTML"),
    ".pdf": ("pdf", "read_pdf", "PDF"),
    ".docx": ("docx", "read_docx", "Word"),
}

REPORT_SUFFIXES: tuple[str, ...] = (*_READERS, ".doc")  # .doc: read_document says to convert it


def is_report_name(name: str) -> bool:
    """Whether a file of this name, found in a folder, is taken for a report: a suffix of
    :data:`REPORT_SUFFIXES` (any case; an old ``.doc`` too, so that it is reported as one to
    convert rather than passed over), not hidden (``.name``) and not a ``README*`` (a corpus's
    own notes).

    >>> [is_report_name(n) for n in ("a.PDF", "README.md", ".x.txt", "b.doc", "c.csv")]
    [True, False, False, True, False]
    """
    return (not name.startswith(".") and not name.upper().startswith("README")
            and Path(name).suffix.lower() in REPORT_SUFFIXES)


def file_kind(name: str | Path) -> str:
    """What a file of this name is read as: "text", "HTML", "PDF", "Word", "old Word" or "unknown".
    Two files with the same bytes but of different kinds are not the same report (a text file
    named .docx is no Word file)."""
    suffix = Path(name).suffix.lower()
    return _READERS[suffix][2] if suffix in _READERS else "old Word" if suffix == ".doc" else "unknown"


def read_document(path: str | Path) -> Document:
    """Read a .txt, .md, .html, .htm, .pdf or .docx report; ReportError for anything wrong."""
    source = display_path(path)  # names the file in the Document and in every message
    file = path if isinstance(path, Path) else Path(path)
    suffix = file.suffix.lower()
    if suffix == ".doc":
        raise ReportError(
            source, "the old Word format (.doc) is not supported; convert it to .docx first"
        )
    if suffix not in _READERS:
        stat_regular(file, source)  # a folder or a missing file: say so rather than "unsupported type"
        known = ", ".join(_READERS)
        kind = suffix or "(no extension)"
        raise ReportError(source, f"unsupported file type {kind!r}; use one of {known}")
    module_name, function_name, label = _READERS[suffix]
    data = read_bytes(file, source)
    try:
        reader = getattr(importlib.import_module(f".{module_name}", __name__), function_name)
        return _finish(reader(data, source))
    except ReportError:
        raise
    except Exception as exc:  # a library failed in a way the reader did not foresee
        raise ReportError(
            source, f"could not read the {label} file: {type(exc).__name__}: {short_reason(exc)}"
        ) from exc


def document_from_text(text: str, source: str | None = None) -> Document:
    """A Document from already decoded text (normalised, converted to simplified if needed)."""
    return _finish(Document(text=text, source=source, kind="txt"))


def _finish(doc: Document) -> Document:
    """Normalise the text (pipe-delimited table rows tab-separated), convert traditional
    characters, refuse a document without text or with more than :data:`MAX_CHARS` characters
    (no report is that long, and every later stage takes time and memory by the character)."""
    text = pipe_rows_to_tabs(normalize_text(doc.text))
    if not text.strip():
        if doc.kind != "txt":
            raise ReportError(doc.source, f"no text found in the {doc.kind.upper()} file")
        raise ReportError(doc.source, "empty file" if doc.source else "empty text")
    if len(text) > MAX_CHARS:
        raise ReportError(doc.source, f"too long for an annual report: {len(text):,} characters of text, "
                                      f"limit {MAX_CHARS:,}")
    convert = simplifier(text)
    if convert is None:
        return replace(doc, text=text)
    grids = [
        Grid([[cell and convert(cell) for cell in row] for row in grid.rows], grid.page)
        for grid in doc.grids
    ]
    return replace(doc, text=convert(text), grids=grids, converted_from_traditional=True)
