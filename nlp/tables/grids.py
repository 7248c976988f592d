"""Tables 2, 3 and 4 from grids (PDF, HTML, DOCX), including tables split into page fragments.

A grid cell is the printed text, ``""`` when empty, or ``None`` where a merged cell covers it.
"""

from __future__ import annotations

from collections import Counter

from ..model import Grid
from ..numbers import is_blank, is_value
from ..schema import REQUEST_COLUMNS
from . import labels
from .build import REVIEW_SIZE
from .rows import Row

Cells = list[str | None]
Fragment = list[Cells]
Slot = tuple[str, str]
Columns = dict[int, str]  # column index -> column key


def _width(rows: Fragment) -> int:
    return max((len(r) for r in rows), default=0)


def _classify(rows: Fragment) -> str | None:
    """The table whose labels dominate the grid, or None."""
    votes = Counter(labels.table_of(c) for r in rows for c in r if c)
    votes.pop(None, None)
    return votes.most_common(1)[0][0] if votes else None


def split_grids(grids: list[Grid]) -> dict[str, list[Fragment]]:
    """Fragments of each table in document order; an unlabelled grid as wide as the
    fragment before it continues that fragment's table (a table split across pages)."""
    found: dict[str, list[Fragment]] = {}
    previous: tuple[str, int] | None = None
    for grid in grids:
        width = _width(grid.rows)
        if width < 2:
            continue
        name = _classify(grid.rows)
        if name is None and previous and previous[1] == width:
            name = previous[0]
        previous = (name, width) if name else None
        if name:
            found.setdefault(name, []).append(grid.rows)
    return found


def _text(cell: str | None) -> str:
    return cell.strip() if cell else ""


# ---- table 2 -----------------------------------------------------------------------------------


def proactive_rows(fragments: list[Fragment]) -> list[Row]:
    """Rows of table 2: label is the first text cell, cells are the non-merged cells after it."""
    rows = []
    for row in (r for f in fragments for r in f):
        present = [c for c in row if c is not None]
        start = next((i for i, c in enumerate(present) if _text(c) and not is_value(c)), None)
        if start is not None:
            cells = [_text(c) for c in present[start + 1 :]]
            rows.append(Row(label=_text(present[start]), cells=cells))
    return rows


# ---- table 3 -----------------------------------------------------------------------------------


def _header_columns(rows: Fragment) -> Columns:
    """Column index -> column key from the header rows (those above the first row label)."""
    columns: Columns = {}
    for row in rows:
        if any(labels.request_row(c, generic=False) for c in row if c):
            break
        for i, cell in enumerate(row):
            if key := labels.request_column(cell):
                columns[i] = key
    return columns


def _fragment_columns(rows: Fragment, previous: tuple[Columns, int] | None) -> Columns:
    """Value columns of one fragment: its header, else the previous fragment's if as wide,
    else the last seven columns in print order."""
    width = _width(rows)
    columns = _header_columns(rows)
    if set(columns.values()) == set(REQUEST_COLUMNS):
        return columns
    if previous and previous[1] == width:
        return previous[0]
    return {width - len(REQUEST_COLUMNS) + i: k for i, k in enumerate(REQUEST_COLUMNS)}


def _fragment_request_rows(rows: Fragment, columns: Columns) -> list[Row]:
    """Data rows of one fragment; label-only rows become context for the next data row."""
    index = sorted(columns)
    out: list[Row] = []
    pending: list[str] = []
    for row in rows:
        values = [row[i] if i < len(row) else None for i in index]
        if any(v is not None and not is_value(v) for v in values):
            continue  # header row
        names = [_text(c) for c in row[: index[0]] if _text(c)]
        own = names[-1] if names else ""
        unlabelled_blank = all(is_blank(v) for v in values) and not labels.request_row(own)
        if all(v is None for v in values) or unlabelled_blank:
            pending.extend(names)
            continue
        context = "".join(pending + names[:-1])
        out.append(Row(own, context, [_text(v) for v in values], [columns[i] for i in index]))
        pending = []
    return out


def request_rows(fragments: list[Fragment]) -> list[Row]:
    """Data rows of table 3 across its fragments, cells keyed by column."""
    out: list[Row] = []
    previous: tuple[Columns, int] | None = None
    for rows in fragments:
        columns = _fragment_columns(rows, previous)
        previous = (columns, _width(rows))
        out.extend(_fragment_request_rows(rows, columns))
    return out


# ---- table 4 -----------------------------------------------------------------------------------


def _is_data(row: Cells) -> bool:
    present = [c for c in row if c is not None]
    return bool(present) and all(is_value(c) for c in present)


def _slots(header: list[Cells], width: int) -> list[Slot | None]:
    """(group, column) per column index from the header rows; merged cells span to the right."""
    groups: list[str | None] = [None] * width
    columns: list[str | None] = [None] * width
    for row in header:
        starts = [i for i, c in enumerate(row) if c is not None] + [width]
        for start, end in zip(starts, starts[1:]):
            if group := labels.review_group(row[start]):
                groups[start:end] = [group] * (end - start)
            elif column := labels.review_column(row[start]):
                columns[start] = column
    return [(g, c) if g and c else None for g, c in zip(groups, columns)]


def review_cells(fragments: list[Fragment]) -> tuple[list[str], list[Slot | None] | None] | None:
    """Value cells of table 4 and their (group, column) slots; slots None means print order."""
    rows = [r for f in fragments for r in f]
    first = next((i for i, r in enumerate(rows) if _is_data(r)), None)
    if first is None:
        return None
    data = rows[first]
    slots = _slots(rows[:first], len(data))
    if len({s for s in slots if s}) == REVIEW_SIZE:
        return [_text(c) for c in data], slots
    present = [_text(c) for c in data if c is not None]
    return (present, None) if len(present) == REVIEW_SIZE else None
