"""Assembling the nested dicts of ``schema`` from printed rows, and listing the rows not found."""

from __future__ import annotations

from functools import lru_cache, partial

from ..numbers import parse_value
from ..schema import (
    PROACTIVE_COLUMNS_2019,
    PROACTIVE_ROWS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    empty_proactive,
    empty_requests_by_row,
    empty_review_litigation,
)
from . import labels
from .rows import Row

Built = tuple[dict, list[str]]  # (table, missing dotted row keys)
_REQUEST_ORDER: list[str] = list(REQUEST_ROWS)
_POSITIONAL_REVIEW: list[tuple[str, str]] = [(g, c) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
REVIEW_SIZE = len(_POSITIONAL_REVIEW)  # 15 cells in table 4


def _match(row: Row, matcher) -> str | None:
    """Key for a row: by its own label first, then with the label text around it."""
    return matcher(row.label) or (matcher(row.context + row.label) if row.context else None)


def _default_columns(key: str, old: bool = False) -> tuple[str, ...]:
    """Columns of a table-2 row of the 2021 format (``old``: of the 2019-2020 format), for a
    block printed without a header that could be read."""
    if old:
        return PROACTIVE_COLUMNS_2019.get(key, ())
    return PROACTIVE_ROWS[key][1] if key in PROACTIVE_ROWS else ()


_COLUMNS_2019 = frozenset(c for columns in PROACTIVE_COLUMNS_2019.values() for c in columns) - {"decisions"}
_ROWS_2019 = frozenset(PROACTIVE_COLUMNS_2019) - set(PROACTIVE_ROWS)


def _format_2019(rows: list[Row]) -> bool:
    """Whether a table 2 is of the 2019-2020 format: a header cell or a row only it has
    (本年新制作数量, 上一年项目数量 …; 其他对外管理服务事项, 政府集中采购)."""
    for row in rows:
        if labels.is_proactive_header(row.label):
            if any(labels.proactive_column(c) in _COLUMNS_2019 for c in row.cells):
                return True
        elif labels.proactive_row(row.label) in _ROWS_2019:
            return True
    return False


def _agrees(header: list[str | None] | tuple[str, ...], columns: tuple[str, ...]) -> bool:
    """Whether a header, some of whose cells name no column, has the format's columns where it
    names them, and as many cells."""
    return len(header) == len(columns) and all(h is None or h == c for h, c in zip(header, columns))


def _once(columns: list[str | None]) -> list[str | None]:
    """A header's columns with a column printed again (本年新制作数量 twice, a misprint for the
    next one) unknown the second time: the format's columns may then stand in (see _agrees)."""
    seen: set[str] = set()
    out: list[str | None] = []
    for column in columns:
        out.append(None if column in seen else column)
        if column:
            seen.add(column)
    return out


def _without_blank_tail(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def build_proactive(rows: list[Row]) -> Built | None:
    """Table 2 from its rows in print order (block lines, 信息内容 headers, data rows).  A block
    whose header could not be read takes the columns of its format (2021, or 2019-2020 when the
    table shows that format's header cells or rows elsewhere)."""
    table = empty_proactive()
    seen: list[str] = []
    header: list[str | None] | None = None
    old = _format_2019(rows)
    _default = partial(_default_columns, old=old)
    for row in rows:
        if labels.is_proactive_block(row.label):
            header = None
        elif labels.is_proactive_header(row.label):  # (blank cells drawn after the last one are none)
            header = _once([labels.proactive_column(c) for c in _without_blank_tail(row.cells)])
        elif row.cells and (key := _match(row, labels.proactive_row)) and key not in seen:
            columns = header if header and any(header) else _default(key)
            if not all(columns) and _agrees(columns, _default(key)):
                columns = _default(key)  # header cells cut short (本年新 | 本年新 | 对外公开总数量)
            if row.blanks_lost and sum(map(bool, columns)) < len(row.cells):
                columns = _default(key)  # more values than header cells: a header not read whole
            if any(columns):
                printed = row.cells
                if row.blanks_lost and len(printed) < sum(map(bool, columns)):
                    printed = [""] * len(columns)  # which cells were blank is lost: none is guessed
                cells = zip(columns, printed)
                table.setdefault(key, {}).update({c: parse_value(v) for c, v in cells if c})
                seen.append(key)
    if not seen:
        return None
    return table, [k for k in PROACTIVE_ROWS if k not in seen]


def _next_key(seen: list[str]) -> str | None:
    """The row key printed after the last one found (for a row whose label went missing)."""
    last = max((_REQUEST_ORDER.index(k) for k in seen), default=-1)
    return _REQUEST_ORDER[last + 1] if last + 1 < len(_REQUEST_ORDER) else None


@lru_cache(maxsize=4096)  # rows of table 3 recur across reports (rows of zeros above all)
def _parsed(cells: tuple[str, ...]) -> tuple[int | float | None, ...]:
    """``parse_value`` of each cell of a row."""
    return tuple(map(parse_value, cells))


def build_requests(rows: list[Row]) -> Built | None:
    """Table 3 from its data rows in print order; stops after 结转下年度继续办理."""
    table, row_cells = empty_requests_by_row()
    seen: list[str] = []
    single_other = False
    for row in rows:
        key = _match(row, labels.request_row)
        if key is None and not (row.label or row.context):
            key = _next_key(seen)
        if key is None or key in seen:
            continue
        columns = row.columns or REQUEST_COLUMNS
        values = zip(columns, _parsed(tuple(row.cells)))
        # Cells under a column without a key (None) are skipped.
        row_cells[key].update(values if all(columns) else ((c, v) for c, v in values if c))
        seen.append(key)
        single_other = single_other or (key == "other.other" and labels.is_group_other(row.label))
        if key == "carried_forward":
            break
    if not seen:
        return None
    not_printed = {"other.no_correction", "other.unpaid_fee"} if single_other else set()
    return table, [k for k in REQUEST_ROWS if k not in seen and k not in not_printed]


def build_review(cells: list[str], slots: list[tuple[str, str] | None] | None = None) -> Built:
    """Table 4 from its value cells; ``slots`` names (group, column) per cell, else print order."""
    table = empty_review_litigation()
    found: set[str] = set()
    for slot, raw in zip(slots or _POSITIONAL_REVIEW, cells):
        if slot:
            table[slot[0]][slot[1]] = parse_value(raw)
            found.add(slot[0])
    return table, [g for g in REVIEW_GROUPS if g not in found]
