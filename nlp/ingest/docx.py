"""Word (.docx) files: paragraphs and tables in body order.

The body's XML children are read in order, so tables sit where they are printed.  Merged cells
are read from the XML (``gridSpan``, ``vMerge``) rather than from python-docx's cell lists, which
repeat a merged cell in every position it spans: the first position gets the text, the others
``None``.  A table nested in a cell is part of the cell's text.
"""

from __future__ import annotations

import io
import math
from typing import Any

from ..errors import ReportError
from ..model import Document, Grid
from .common import MAX_BYTES, MAX_MARKUP_BYTES, Cells, grid_lines, pad_rows, short_reason

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc container
_ZIP_MAGIC = b"PK\x03\x04"


def read_docx(data: bytes, source: str | None) -> Document:
    """A .docx file as a Document."""
    if data.startswith(_OLE_MAGIC):
        raise ReportError(
            source, "this is an old Word (.doc) file renamed .docx; convert it to .docx first"
        )
    if not data.startswith(_ZIP_MAGIC):
        raise ReportError(source, "not a valid .docx file (not a zip package)")
    _check_unpacked_size(data, source)
    import docx
    from docx.oxml.ns import qn

    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # zipfile, lxml and python-docx errors alike
        raise ReportError(source, f"damaged or invalid .docx file: {short_reason(exc)}") from exc
    lines: list[str] = []
    grids: list[Grid] = []
    for block in _body_blocks(body, qn):
        if block.tag == qn("w:p"):
            lines.append(_paragraph_text(block))
        else:
            rows = _table_rows(block, qn)
            grids.append(Grid(rows))
            lines.extend(grid_lines(rows))
    return Document(text="\n".join(lines), grids=grids, source=source, kind="docx")


def _check_unpacked_size(data: bytes, source: str | None) -> None:
    """Refuse a package whose parts would unpack to more than ``MAX_BYTES``, or whose XML would
    to more than ``MAX_MARKUP_BYTES`` (a zip bomb: a small file that takes gigabytes of memory to
    parse), as sizes the zip directory declares."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReportError(source, f"damaged or invalid .docx file: {short_reason(exc)}") from exc
    for total, limit, what in (
        (sum(p.file_size for p in parts), MAX_BYTES, "unpacks to"),
        (sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels"))), MAX_MARKUP_BYTES, "holds XML of"),
    ):
        if total > limit:
            raise ReportError(source, f"the .docx {what} {math.ceil(total / 2**20)} MB, over the "
                                      f"{limit // 2**20} MB limit")


def _body_blocks(parent: Any, qn: Any) -> Any:
    """Paragraphs and tables of the body in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _body_blocks(content, qn)


def _paragraph_text(p: Any) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


def _cell_text(tc: Any, qn: Any) -> str:
    """All paragraphs of a cell (nested tables included), stripped; spaces only -> ""."""
    return "\n".join(_paragraph_text(p) for p in tc.iter(qn("w:p"))).strip()


def _table_rows(tbl: Any, qn: Any) -> Cells:
    """The table as a grid: merged areas collapsed to their first position."""
    rows: Cells = []
    for tr in tbl.iterchildren(qn("w:tr")):
        row: list[str | None] = [""] * tr.grid_before
        for tc in tr.iterchildren(qn("w:tc")):
            span = tc.grid_span
            if tc.vMerge == "continue":  # below the first row of a vertical merge
                row.extend([None] * span)
            else:
                row.append(_cell_text(tc, qn))
                row.extend([None] * (span - 1))
        rows.append(row)
    return pad_rows(rows)
