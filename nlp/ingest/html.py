"""HTML pages: the visible text, one line per block, and every data table as a :class:`Grid`.

Encoding: byte-order mark, then ``<meta charset>``, then the detection of :mod:`.textfile`.
Scripts, styles, ``<head>``, ``<noscript>``, comments and hidden elements are dropped.  A table of
one column is page layout: its cells are read as ordinary blocks.  Any other table becomes a grid
(rowspan/colspan resolved: text in the top-left position, ``None`` in the covered ones) and, in
the text, tab-separated lines at its place; a table nested in a cell is part of the cell's text.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterator
from typing import Any

from ..errors import ReportError
from ..model import Document, Grid
from .common import MAX_MARKUP_BYTES, Cells, grid_lines, short_reason
from .textfile import decode_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\n\r\f]+")
_SPACE_RUN = re.compile(" {2,}")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UNTRUSTED_CHARSETS = frozenset({"ascii", "iso8859-1", "cp1252"})  # decode anything
_GB_CHARSETS = frozenset({"gb2312", "gbk"})  # decoded as their superset GB18030
_DROPPED = ("head", "script", "style", "noscript", "template", "svg")
_BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main "
    "menu nav ol p pre section summary table tbody tfoot thead tr ul".split()
)
_CELLS = frozenset({"td", "th"})
_MAX_SPAN = 1000


def read_html(data: bytes, source: str | None) -> Document:
    """An .html/.htm file as a Document."""
    if len(data) > MAX_MARKUP_BYTES:  # parsing takes time and memory by the tag
        raise ReportError(source, f"HTML file too large for a report page: {math.ceil(len(data) / 2**20)} MB, "
                                  f"limit {MAX_MARKUP_BYTES // 2**20} MB")
    text, encoding = decode_html(data, source)
    root = _parse(text, source)
    renderer = _Renderer(make_grids=True)
    renderer.walk(root)
    renderer.newline()
    return Document(
        text="\n".join(renderer.lines),
        grids=renderer.grids,
        source=source,
        kind="html",
        encoding=encoding,
    )


def decode_html(data: bytes, source: str | None) -> tuple[str, str]:
    """Decode an HTML page: BOM, then ``<meta charset>``, then content detection."""
    if not data.startswith(_BOMS):
        match = _META_CHARSET.search(data[:8192])
        encoding = _charset_name(match.group(1)) if match else None
        if encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass  # the declaration is wrong: detect instead
    return decode_bytes(data, source)


def _charset_name(label: bytes) -> str | None:
    """Python's name for a declared charset worth trusting, or None."""
    try:
        name = codecs.lookup(label.decode("ascii")).name
    except LookupError:
        return None
    if name in _UNTRUSTED_CHARSETS or name.startswith(("utf-16", "utf-32")):
        return None  # a page whose <meta> is readable as ASCII is not UTF-16/32
    return "gb18030" if name in _GB_CHARSETS else name


def _parse(text: str, source: str | None) -> Any:
    """The page's element tree with invisible parts removed."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.LxmlError, ValueError) as exc:
        raise ReportError(source, f"cannot parse the HTML: {short_reason(exc)}") from exc
    invisible = [
        el
        for el in root.iter(etree.Comment, etree.ProcessingInstruction, *_DROPPED)
        if el is not root
    ]
    invisible += [el for el in root.iter() if isinstance(el.tag, str) and _hidden(el)]
    for el in invisible:
        el.drop_tree()  # keeps the text that follows the element
    return root


def _hidden(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style


class _Renderer:
    """Walks elements, collecting lines of text (and grids when ``make_grids``)."""

    def __init__(self, make_grids: bool):
        self.make_grids = make_grids
        self.lines: list[str] = []
        self.grids: list[Grid] = []
        self._buffer: list[str] = []
        self._pre = 0  # depth inside <pre>

    def add(self, text: str | None) -> None:
        """Inline text: whitespace collapsed, except inside <pre> where lines are kept."""
        if not text:
            return
        if not self._pre:
            self._buffer.append(_SPACES.sub(" ", text))
            return
        for i, part in enumerate(text.split("\n")):
            if i:
                self.newline()
            self._buffer.append(part)

    def newline(self) -> None:
        """End the current line (empty lines are not kept)."""
        line = _SPACE_RUN.sub(" ", "".join(self._buffer)).strip()
        self._buffer = []
        if line:
            self.lines.append(line)

    def walk(self, el: Any) -> None:
        tag = el.tag
        if tag == "br":
            self.newline()
            return
        if tag == "table" and self.make_grids:
            self._table(el)
            return
        block = tag in _BLOCKS
        if block:
            self.newline()
        elif tag in _CELLS:  # a cell of a nested table, read as text
            self.add(" ")
        self._pre += tag == "pre"
        self.walk_children(el)
        self._pre -= tag == "pre"
        if block:
            self.newline()

    def walk_children(self, el: Any) -> None:
        self.add(el.text)
        for child in el:
            self.walk(child)
            self.add(child.tail)

    def _table(self, table: Any) -> None:
        rows = [[cell for cell in tr if cell.tag in _CELLS] for tr in _table_rows(table)]
        self.newline()
        for caption in table.iterchildren("caption"):
            self.walk(caption)
        if max((len(cells) for cells in rows), default=0) <= 1:  # layout, not data
            for cell in (cell for cells in rows for cell in cells):
                self.walk_children(cell)
                self.newline()
            return
        spec = [
            [(_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan")) for cell in cells]
            for cells in rows
        ]
        grid = span_grid(spec)
        self.grids.append(Grid(grid))
        self.lines.extend(grid_lines(grid))


def _table_rows(table: Any) -> Iterator[Any]:
    """The <tr> of this table (not of nested ones), in document order."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _cell_text(cell: Any) -> str:
    """A cell's text: its blocks as lines joined by ``\\n``; nested tables read as text."""
    renderer = _Renderer(make_grids=False)
    renderer.walk_children(cell)
    renderer.newline()
    return "\n".join(renderer.lines)


def _span(cell: Any, name: str) -> int:
    """rowspan/colspan as an int (0 = to the end of the table for rowspan, else at least 1)."""
    match = re.match(r"\s*(\d+)", cell.get(name) or "")
    value = int(match.group(1)) if match else 1
    if value == 0 and name == "rowspan":
        return 0
    return min(max(value, 1), _MAX_SPAN)


def span_grid(rows: list[list[tuple[str, int, int]]]) -> Cells:
    """Place (text, rowspan, colspan) cells on a grid: text top-left, ``None`` where covered.

    Positions no cell reaches (short rows) are empty strings.
    """
    placed: dict[tuple[int, int], str | None] = {}
    height = len(rows)
    for r, cells in enumerate(rows):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in placed:
                c += 1
            rowspan = height - r if rowspan == 0 else min(rowspan, height - r)
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = None
            placed[(r, c)] = text
            c += colspan
    width = max((c for _, c in placed), default=-1) + 1
    return [[placed.get((r, c), "") for c in range(width)] for r in range(height)]
