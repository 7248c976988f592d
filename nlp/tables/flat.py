"""Tables 2, 3 and 4 from text lines, when no grid holds them.

Lines are tab-separated (tables copied from a web page or rendered by ingest: one field per
cell, blanks kept) or space-separated (PDF text: a label then its numbers, blanks lost).  A
page scraped one cell per line (a label, then each number on a line of its own, blanks lost)
is read as space-separated text (:func:`_values_joined`).  Where blanks are lost, a row short of
values is not guessed at (see :class:`.rows.Row`, ``blanks_lost``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Section
from ..numbers import is_number, is_value
from ..schema import REQUEST_COLUMNS, REVIEW_COLUMN_LABELS, REVIEW_GROUPS
from . import labels
from .build import REVIEW_SIZE
from .rows import Row

_PAGE_FURNITURE = re.compile(r"[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?")
_FURNITURE_FIRST = "-—–－第"  # the first character of every _PAGE_FURNITURE match
_REQUEST_SIZE = len(REQUEST_COLUMNS)
_JUNK = frozenset("?？\ufffd")


@dataclass(frozen=True)
class Line:
    """One text line split into label fields and the value fields after the last label.

    Immutable: :func:`split_line` hands the same Line to every report holding the line."""

    labels: tuple[str, ...]
    values: tuple[str, ...]
    fields: tuple[str, ...]  # every field (tab) or token (space), in order
    tabbed: bool
    text: str  # the labels joined
    numbered: bool  # a value field holds a number (not only blanks or dashes)


@lru_cache(maxsize=8192)  # table lines recur across reports: headers, labels, rows of zeros
def split_line(line: str) -> Line:
    """Tab line: fields after the last label field are values (blanks kept).
    Space line: the trailing run of numbers (or dashes) are values."""
    if "\t" in line:
        fields = tuple(map(str.strip, line.split("\t")))
        last = len(fields) - 1  # the last label field: not blank, not a value
        while last >= 0 and (not fields[last] or is_value(fields[last])):
            last -= 1
        labels, values = tuple(filter(None, fields[: last + 1])), fields[last + 1 :]
        return Line(labels, values, fields, True, "".join(labels), any(map(is_number, values)))
    tokens = tuple(line.split())
    if "?" in line or "？" in line or "\ufffd" in line:  # ? 0: a wrong decoding's mark for a space before a number
        tokens = tuple(t for i, t in enumerate(tokens) if not (t in _JUNK and i + 1 < len(tokens) and is_number(tokens[i + 1])))
    start = len(tokens)
    while start and is_value(tokens[start - 1]):
        start -= 1
    labels, values = tokens[:start], tokens[start:]
    return Line(labels, values, tokens, False, "".join(labels), any(map(is_number, values)))


def _lines(lines: list[str]) -> list[Line]:
    """Non-blank lines, split, without page numbers such as ``- 3 -`` (the regex is tried only
    on a line starting as one does)."""
    return [
        split_line(s.rstrip("\r"))
        for s in lines
        if (t := s.strip()) and not (t[0] in _FURNITURE_FIRST and _PAGE_FURNITURE.fullmatch(t))
    ]


# ---- where each table is -----------------------------------------------------------------------


def _proactive_anchor(norm: str) -> bool:
    return norm.startswith(("第二十条", "信息内容"))


def _requests_anchor(norm: str) -> bool:
    return "申请人情况" in norm or "自然人" in norm or "本年新收" in norm


_ANCHORS: dict[str, Callable[[str], bool]] = {
    "proactive": _proactive_anchor,
    "requests": _requests_anchor,
    "review_litigation": lambda norm: True,
}
_ENDS: dict[str, Callable[[str], bool]] = {"proactive": _requests_anchor}


# Words that show a table is printed, in the text without whitespace: table 2's block lines and
# header; table 3's header or its first and last row labels; table 4's result columns, printed
# once for each of its three groups (a sentence may name one or two), or each once with the
# litigation groups' titles (a header whose cells a copy printed once for all groups).
_REVIEW_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结")
_REVIEW_GROUP_HEADS = ("未经复议直接起诉", "复议后起诉")


def _review_printed(compact: str) -> bool:
    counts = [compact.count(word) for word in _REVIEW_HEADS]
    return sum(counts) >= 6 or (all(counts) and all(word in compact for word in _REVIEW_GROUP_HEADS))


_PRINTED: dict[str, Callable[[str], bool]] = {
    "proactive": lambda compact: "第二十条第" in compact and "信息内容" in compact,
    "requests": lambda compact: "申请人情况" in compact or ("本年新收" in compact and "结转下年度继续办理" in compact),
    "review_litigation": _review_printed,
}


def printed(compact: str, name: str) -> bool:
    """Whether the text (``compact``: without its whitespace) prints table ``name`` (its header or
    row labels), read or not."""
    return _PRINTED[name](compact)


def _find(lines: list[str], test: Callable[[str], bool], start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if test(labels.normalize(lines[i]))), None)


def regions(text: str, sections: list[Section], name: str) -> Iterator[list[str]]:
    """Candidate line ranges for a table: its section (from its first anchor line), then the
    whole text from the table's signature to the next table's.

    Lazy: the whole text is only searched when no section range holds the table."""
    for section in (s for s in sections if s.key == name):
        lines = text[section.start : section.end].split("\n")
        yield lines[_find(lines, _ANCHORS[name]) or 0 :]
    lines = text.split("\n")
    start = _find(lines, _ANCHORS[name])
    if start is not None:
        end = _find(lines, _ENDS[name], start + 1) if name in _ENDS else None
        yield lines[start:end]


# ---- table 2 -----------------------------------------------------------------------------------


_BLANK_ROW_MAX = 12  # a label line without values this short, naming a row of table 2: its cells are blank


def _wraps_onto(line: Line | None) -> bool:
    """Whether ``line`` may end a label wrapped from the line before (其他对外管理服务事 / 项 9 0 10):
    it has values and its own words name no row of table 2."""
    return line is not None and bool(line.values) and not labels.proactive_row(line.text)


def proactive_rows(lines: list[str]) -> list[Row]:
    """Rows of table 2: 第二十条 block lines, 信息内容 headers (cells = header fields) and data.

    On a page scraped one cell per line, a header's cells are the lines of their own after its
    信息内容 line, and a row's values the lines of one number each after its label (as for tables 3
    and 4, :func:`_values_joined`); rows of text that drops blank cells say so
    (``Row.blanks_lost``), and in such text a row's label alone on its line is a row of blanks."""
    rows: list[Row] = []
    pending: list[str] = []
    piece = ""  # the first part of a header cell cut over two lines (本年新 / 制作数量)
    joined = _values_joined(_lines(lines))
    for i, line in enumerate(joined):
        first = line.labels[0] if line.labels else ""
        last = rows[-1] if rows else None
        held, piece = piece, ""  # a piece is held for the next line only
        if labels.is_proactive_header(first):  # (a pipe between words of a line is no cell)
            rows.append(Row(first, cells=[f for f in line.fields[line.fields.index(first) + 1 :] if f not in _PIPES]))
        elif labels.is_proactive_block(line.text):
            rows.append(Row(line.text))
        elif (last is not None and labels.is_proactive_header(last.label) and not line.numbered
              and not pending and line.labels and (found := _header_cells(held, line.labels))):
            # header cells after their 信息内容 line (one a line, or several; a cell of its own may
            # be a tab line with blanks after it), or the pieces of one cut over two lines
            cells, piece = found
            if cells:  # (the blanks after 信息内容 on its own line are no cells then)
                last.cells[:] = [*filter(str.strip, last.cells), *cells]
            continue
        elif line.values and line.labels:
            own = line.labels[-1] if line.tabbed else line.text
            context = [*pending, *line.labels[:-1]] if line.tabbed else pending
            rows.append(Row(own, "".join(context), list(line.values), blanks_lost=not line.tabbed))
        elif (not line.tabbed and len(line.text) <= _BLANK_ROW_MAX and labels.proactive_row(line.text)
              and not _wraps_onto(joined[i + 1] if i + 1 < len(joined) else None)):
            rows.append(Row(line.text, "".join(pending), [""], blanks_lost=True))  # a row of blanks only
        else:
            pending.append(line.text)
            continue
        pending = []
    return rows


_PIPES = ("|", "｜")  # a pipe left between the words of a line (ingest turns rows of pipes into tabs)
_HEADER_PIECE_MAX = 6  # the first line of a header cell cut in two (本年新) is no longer


def _header_cells(piece: str, words: tuple[str, ...]) -> tuple[list[str], str] | None:
    """(the header cells a line after 信息内容 adds, each naming a column; the first part of a
    cell it leaves for the next line) or None for a line of no header.  ``piece``, the first part
    of a cell from the line before, goes in front (本年新 / 制作数量); a line that is such a part
    itself (本年新, naming no column or row) adds no cell.  A piece this line does not complete
    was a cell cut short (本年新 / 本年新 / 对外公开总数量): a cell of its own, naming no column."""
    if piece and labels.proactive_column(words[0]):  # (本年新 / 对外公开总数量: the piece stood alone)
        rest = _header_cells("", words)
        return ([piece, *rest[0]], rest[1]) if rest else ([piece, words[0]], "")
    cells = [piece + words[0], *words[1:]] if piece else list(words)
    if all(map(labels.proactive_column, cells)):
        return cells, ""
    text = "".join(cells)  # one cell with a space in it (本年新 制作数量)
    if labels.proactive_column(text):
        return [text], ""
    if piece and (alone := _header_cells("", words)) is not None:
        return [piece, *alone[0]], alone[1]
    if len(text) <= _HEADER_PIECE_MAX and not labels.proactive_row(text):
        return [], text
    return None


# ---- table 3 -----------------------------------------------------------------------------------


def _fit(values: Sequence[str], size: int) -> list[str]:
    """Exactly ``size`` value fields: drop padding blanks (left first, then right), pad right."""
    values = list(values)
    if len(values) == size:
        return values
    while len(values) > size and values[0] == "":
        values.pop(0)
    while len(values) > size and values[-1] == "":
        values.pop()
    return values[-size:] + [""] * (size - len(values))


def _is_request_data(line: Line) -> bool:
    """A row of table 3: as many values as columns (blanks count), or a tab line with a number.
    A header line with blank cells after its last column name (``自然人 | 法人或其他组织 | 总计
    | | |``, a page that drew the header's empty cells) is no row, though it ends in 总计."""
    if line.tabbed and line.numbered:
        return True
    return len(line.values) >= _REQUEST_SIZE and not _is_request_header(line)


def _is_request_header(line: Line) -> bool:
    """Labels without numbering, one or more naming a table-3 column (自然人, 商业企业, 其他,
    总计 …; the group label 法人或其他组织 names none): a header line, or a header cell on a line
    of its own with the blanks of the columns it spans (总计 | | |), never the row （七）总计."""
    return (any(map(labels.request_column, line.labels))
            and all(labels.normalize(label) == labels.core(label) for label in line.labels))


def _column_order(lines: list[Line]) -> list[str]:
    """Column keys in print order from tab header lines (field positions), else the format's."""
    position: dict[str, int] = {}
    for line in lines:
        if _is_request_data(line):
            break
        if line.tabbed:
            for i, field in enumerate(line.fields):
                if (key := labels.request_column(field)) and key not in position:
                    position[key] = i
    if set(position) == set(REQUEST_COLUMNS) and len(set(position.values())) == len(position):
        return sorted(position, key=position.get)
    return list(REQUEST_COLUMNS)


def _values_joined(lines: list[Line]) -> list[Line]:
    """Space-separated lines with the lines of one value each after them joined on: a row of a
    page scraped one cell per line (``一、本年新收政府信息公开申请数量``, then ``6``, ``1``, …
    each on a line of its own; blank cells are lost, so a row short of values is not read, as
    in PDF text).  A line of several values (PDF text) is left as it is."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if (last is not None and last.labels and not last.tabbed and not line.tabbed and not line.labels
                and len(line.values) == 1):
            out[-1] = replace(last, values=last.values + line.values, fields=last.fields + line.values,
                              numbered=last.numbered or line.numbered)
        else:
            out.append(line)
    return out


def request_rows(lines: list[str]) -> list[Row]:
    """Data rows of table 3; lines without numbers become context for the next data row.  A tab
    row with fewer cells than the table has columns (3 | 3, its empty cells dropped by the copy)
    cannot say which cells its numbers are in: all its cells are blank."""
    split = _values_joined(_lines(lines))
    columns = _column_order(split)
    rows: list[Row] = []
    pending: list[str] = []
    for line in split:
        if not _is_request_data(line):
            if line.labels:
                pending.append(line.text)
            continue
        own = line.labels[-1] if line.tabbed and line.labels else line.text
        context = [*pending, *line.labels[:-1]] if line.tabbed else pending
        values = _fit(line.values, len(columns))
        if line.tabbed and len(line.values) < len(columns):
            values = [""] * len(columns)  # a copy that dropped the row's empty cells: none is guessed
        rows.append(Row(own, "".join(context), values, columns))
        pending = []
    return rows


# ---- table 4 -----------------------------------------------------------------------------------


def _is_review_header(line: Line) -> bool:
    """A header line of table 4: one naming its result columns (维持, 纠正, 审结), or its groups
    alone (行政复议 行政诉讼, above result columns printed one character to a line, 结/果/维/持)."""
    text = labels.normalize(line.text)
    if "维持" in text or "纠正" in text or "审结" in text:
        return True
    return "行政复议" in text and _REVIEW_HEADER_WORDS.fullmatch(text) is not None


# The words of table 4's header cells.  A table scraped one cell per line (rebuilt by ingest,
# :mod:`nlp.ingest.markdown`, or joined by _values_joined) has its numbers on the line of its
# last header cell (总计).
_REVIEW_HEADER_WORDS = re.compile("(?:" + "|".join(sorted(
    {part for label in REVIEW_GROUPS.values() for part in label.split("·")} | set(REVIEW_COLUMN_LABELS.values())
)) + ")+")


def _values_after(lines: list[Line]) -> list[str] | None:
    """The fifteen values on the number-only lines after a header (header lines skipped), or
    on a line whose words are header words only."""
    values: list[str] = []
    for line in lines:
        if line.labels and not (line.numbered and _REVIEW_HEADER_WORDS.fullmatch(labels.normalize(line.text))):
            if values:
                break
            continue
        values.extend(line.values)
        if len(values) >= REVIEW_SIZE:
            break
    if len(values) > REVIEW_SIZE:  # padding after the last cell first (no label column here)
        values = _fit(values[::-1], REVIEW_SIZE)[::-1]
    return values if len(values) == REVIEW_SIZE else None


def review_cells(lines: list[str]) -> list[str] | None:
    """Table 4's fifteen value cells in print order: the first header line (结果维持 ...)
    followed, within a few lines, by a line (or lines) of numbers only."""
    split = _values_joined(_lines(lines))
    for i, line in enumerate(split):
        if _is_review_header(line) and (values := _values_after(split[i : i + 12])):
            return values
    return None
