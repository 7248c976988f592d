"""PDF files (pdfplumber): text lines re-joined into paragraphs, real tables as grids.

Per page: ``find_tables`` gives candidate tables; a real one has content in at least two
columns (one-column "tables" are text boxes around narrative and stay text).  Characters inside a
real table's box are left out of the page's lines and the table takes their place, as
tab-separated rows.  Page numbers and running headers/footers are removed.  Lines are then
re-joined across line and page breaks, using the geometry of the lines (right edge short of the
usual margin, first-line indent, font size) and headings, not punctuation.
"""

from __future__ import annotations

import io
import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import ReportError
from ..model import Document, Grid
from .common import Cells, grid_lines, join_wrapped, short_reason

_HEADING = re.compile(
    r"\s*(?:第[一二三四五六七八九十百零〇\d]+[章节条部分]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[、.．](?!\d))"
)
_SENTENCE_PUNCTUATION = re.compile(r"[，。；：,;]")
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－‐]+\s*\d+\s*[-—–－‐]+"
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页"
    r"|\d+\s*/\s*\d+"
    r"|[Pp]age\s*\d+(?:\s*of\s*\d+)?)\s*"
)
_BARE_NUMBER = re.compile(r"\s*\d{1,4}\s*")
_SHORT_LINE = 1.5  # a line ending this many character widths before the margin ends a paragraph
_INDENT = 1.0  # a line starting this many character widths after the margin starts one
_SIZE_CHANGE = 0.2  # relative font-size change that separates paragraphs
_HEADING_MAX_CHARS = 16  # a heading-like line at most this long ends its paragraph


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    size: float  # font size (median over the line's characters)
    page: int  # 1-based
    width: int  # page width, rounded: pages of one width share margins


@dataclass
class _Table:
    rows: Cells
    page: int


_Item = _Line | _Table


def read_pdf(data: bytes, source: str | None) -> Document:
    """A .pdf file as a Document."""
    if b"%PDF-" not in data[:1024]:
        raise ReportError(source, "not a PDF file (no %PDF- header)")
    pages, created = _extract(data, source)
    pages = _remove_furniture(pages)
    text, grids = _assemble(pages)
    return Document(text=text, grids=grids, source=source, kind="pdf", created=created)


def _extract(data: bytes, source: str | None) -> tuple[list[list[_Item]], date | None]:
    """Items of every page in reading order, and the creation date."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            created = creation_date(pdf.metadata)
            pages = []
            for number, page in enumerate(pdf.pages, 1):
                pages.append(_read_page(page, number))
                page.close()  # frees the page's parsed objects
    except Exception as exc:  # pdfminer's many exception types, and broken streams
        if _is_encryption_error(exc):
            raise ReportError(source, "encrypted PDF: a password is needed to open it") from exc
        raise ReportError(source, f"damaged or truncated PDF: {short_reason(exc)}") from exc
    if not any(pages):
        raise ReportError(source, "PDF has no text layer (scanned image?); run OCR first")
    return pages, created


def _is_encryption_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    related = (exc, exc.__cause__, exc.__context__, *exc.args)
    return any(isinstance(e, (PDFEncryptionError, PDFPasswordIncorrect)) for e in related)


def creation_date(metadata: dict[str, Any]) -> date | None:
    """The date of a PDF's CreationDate ("D:20250225100250+08'00'"), or None."""
    raw = metadata.get("CreationDate")
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1")
    match = re.match(r"\s*(?:D:)?(\d{4})(\d{2})(\d{2})", raw) if isinstance(raw, str) else None
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _read_page(page: Any, number: int) -> list[_Item]:
    """The page's text lines and real tables, top to bottom."""
    found = [(table.bbox, table.extract()) for table in page.find_tables()]
    tables = [(bbox, rows) for bbox, rows in found if _is_real(rows)]
    boxes = [bbox for bbox, _ in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    width = round(page.width)
    placed: list[tuple[float, _Item]] = [
        (line["top"], _Line(line["text"], line["x0"], line["x1"], _size(line), number, width))
        for line in text_page.extract_text_lines(return_chars=True)
        if line["text"].strip()
    ]
    placed += [(bbox[1], _Table(rows, number)) for bbox, rows in tables]
    placed.sort(key=lambda entry: entry[0])
    return [item for _, item in placed]


def _size(line: dict[str, Any]) -> float:
    return statistics.median(char["size"] for char in line["chars"])


def _is_real(rows: Cells) -> bool:
    """At least two columns have content (else it is a text box, not a table)."""
    filled = sum(1 for column in zip(*rows) if any(cell and cell.strip() for cell in column))
    return filled >= 2


def _remove_furniture(pages: list[list[_Item]]) -> list[list[_Item]]:
    """Drop page numbers, then running headers/footers (when there are more than two pages)."""
    pages = [[item for item in items if not _is_page_number(item, items)] for items in pages]
    if len(pages) > 2:
        for position in (0, -1):
            pages = _drop_running_line(pages, position)
    return pages


def _is_page_number(item: _Item, items: list[_Item]) -> bool:
    """A page-number line near the top or bottom of its page (a bare number: last line only)."""
    if not isinstance(item, _Line):
        return False
    lines = [other for other in items if isinstance(other, _Line)]
    near_edge = any(item is other for other in lines[:2] + lines[-2:])
    bare = item is items[-1] and _BARE_NUMBER.fullmatch(item.text) is not None
    return bare or (near_edge and _PAGE_NUMBER.fullmatch(item.text) is not None)


def _drop_running_line(pages: list[list[_Item]], position: int) -> list[list[_Item]]:
    """Drop the first (0) or last (-1) line of each page when it repeats on half the pages."""

    def key(items: list[_Item]) -> str | None:
        if not items or not isinstance(items[position], _Line):
            return None
        return re.sub(r"\d+", "#", "".join(items[position].text.split()))

    counts = Counter(k for k in map(key, pages) if k)
    needed = max(2, math.ceil(len(pages) / 2))
    repeated = {k for k, n in counts.items() if n >= needed}
    return [
        [item for item in items if item is not items[position]] if key(items) in repeated else items
        for items in pages
    ]


def _margins(pages: list[list[_Item]]) -> dict[int, tuple[float, float]]:
    """Usual left and right text edges for each page width (modes weighted by line length)."""
    lefts: dict[int, Counter[int]] = defaultdict(Counter)
    rights: dict[int, Counter[int]] = defaultdict(Counter)
    for line in (item for items in pages for item in items if isinstance(item, _Line)):
        lefts[line.width][round(line.x0)] += len(line.text)
        rights[line.width][round(line.x1)] += len(line.text)
    return {w: (lefts[w].most_common(1)[0][0], rights[w].most_common(1)[0][0]) for w in lefts}


def _ends_paragraph(line: _Line, following: _Line, margins: dict[int, tuple[float, float]]) -> bool:
    """Whether ``line`` is the last line of its paragraph, given the line that follows it."""
    right = margins[line.width][1]
    left = margins[following.width][0]
    heading_like = (
        _HEADING.match(line.text) is not None
        and len(line.text) <= _HEADING_MAX_CHARS
        and not _SENTENCE_PUNCTUATION.search(line.text)
    )
    return (
        heading_like
        or _HEADING.match(following.text) is not None
        or line.x1 < right - _SHORT_LINE * line.size
        or following.x0 > left + _INDENT * following.size
        or abs(line.size - following.size) > _SIZE_CHANGE * max(line.size, following.size)
    )


def _assemble(pages: list[list[_Item]]) -> tuple[str, list[Grid]]:
    """Paragraphs and tab-separated table rows in reading order, and the grids."""
    margins = _margins(pages)
    out: list[str] = []
    grids: list[Grid] = []
    previous: _Line | None = None  # the line the next one may continue
    for item in (item for items in pages for item in items):
        if isinstance(item, _Table):
            grids.append(Grid(item.rows, page=item.page))
            out.extend(grid_lines(item.rows))
            previous = None
        elif previous is not None and not _ends_paragraph(previous, item, margins):
            out[-1] = join_wrapped(out[-1], item.text)
            previous = item
        else:
            out.append(item.text)
            previous = item
    return "\n".join(out), grids
