"""Consistency checks (勾稽关系) and derived metrics.

``run_checks`` turns every relation of REPORT_FORMAT.md into :class:`~nlp.model.Check` records, one
per rule instance (a row, a column, a group, a figure...).  A relation that uses a blank cell is
``not_assessable``, never ``pass``.  ``derive_metrics`` computes a few rates from the tables, falling
back on narrative figures for reports without tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from .model import Check, Figure, Meta, Metric, Section, Tables
from .numbers import nfkc
from .schema import (
    APPLICANT_COLUMNS,
    HANDLED_PARTS,
    OLD_SECTION_KEYS,
    REQUEST_COLUMN_LABELS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SECTION_KEYS,
)

Number = int | float
PASS, FAIL, NA = "pass", "fail", "not_assessable"

# Rows of the 2021 table 3 that the 2019-2020 format did not have (it had one （六）其他处理 row).
ROWS_NOT_IN_2019: tuple[str, ...] = ("other.no_correction", "other.unpaid_fee")
TABLE_NAMES: dict[str, str] = {
    "proactive": "Table 2",
    "requests": "Table 3",
    "review_litigation": "Table 4",
}
PERIOD_RE = re.compile(
    r"统计(?:期限|时限|时间|区间|周期)[^0-9]{0,6}?(\d{4})年(\d{1,2})月(\d{1,2})日"
    r"(?:起)?(?:至|到|—+|-|－|~|～)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
)
FEE_WORDS: tuple[str, ...] = ("信息处理费", "收费", "收取费用")


# ---- small helpers ---------------------------------------------------------------------------


def _close(a: Number, b: Number) -> bool:
    """Equality with a small tolerance for fractional values."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


_EXACT = 2**53  # ints of smaller magnitude convert to float exactly


def _num(x: Number) -> str:
    """Print 3119 as ``3119`` and 1.5 as ``1.5``."""
    if type(x) is int and -_EXACT < x < _EXACT:  # the common case, without a float
        return str(x)
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _number(value: object) -> Number | None:
    """``value`` when it is a number (an int or a float, not a bool), else ``None`` (blank)."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _cell(table: dict | None, dotted: str) -> Number | None:
    """Value of a cell, ``None`` when blank, absent or the table is missing."""
    value = table
    try:  # get_path(table, dotted), inline
        for part in dotted.split("."):
            value = value[part]
    except (KeyError, TypeError):  # TypeError: table None, or a path through a value
        return None
    return _number(value)


Values = dict[str, list[Number | None]]  # row key -> the row's values by column

# Types whose values _number returns unchanged, or maps None to None: the common case, tested
# without a call.
_PLAIN = frozenset({int, float, type(None)})


def _row_values(table: dict, rows: Iterable[str], columns: tuple[str, ...]) -> Values:
    """``{row: [value of each column]}``, each value as :func:`_cell` reads it.

    The relations read some 400 cells per report: each row's dict is looked up once, not once
    per cell."""
    out: Values = {}
    for row in rows:
        node = table
        try:
            for part in row.split("."):
                node = node[part]
        except (KeyError, TypeError):
            out[row] = [None] * len(columns)
            continue
        if type(node) is dict:
            values = list(map(node.get, columns))
            plain = _PLAIN.issuperset(map(type, values))
            out[row] = values if plain else [v if type(v) in _PLAIN else _number(v) for v in values]
        else:  # a value or some other mapping where the row's dict should be
            out[row] = [_cell(node, c) for c in columns]
    return out


def _equation(
    rule: str,
    head: str,
    cells: Sequence[str],
    left: list[Number | None],
    right: list[Number | None],
    names: tuple[str, str],
) -> Check:
    """Check ``sum(left) == sum(right)``; ``cells`` names the values of ``left`` then ``right``
    (``table.row.column``), ``head`` the table and row/column, ``names`` the two sides."""
    values = left + right
    if None in values:
        blank = ", ".join(c for c, v in zip(cells, values) if v is None)
        return Check(rule, list(cells), None, None, NA,
                     f"{head}: {names[0]} = {names[1]} not assessable, blank: {blank}")
    expected, found = sum(right), sum(left)  # type: ignore[arg-type]
    if expected == found or _close(expected, found):
        return Check(rule, list(cells), expected, found, PASS, f"{head}: {names[0]} = {names[1]} = {_num(found)}")
    return Check(rule, list(cells), expected, found, FAIL,
                 f"{head}: {names[0]} {_num(found)} ≠ {names[1]} {_num(expected)}")


# ---- table 3 and 4 relations ------------------------------------------------------------------

# Cell names of each row, by column in the order of REQUEST_COLUMNS / REVIEW_COLUMNS.
_REQUEST_CELLS: dict[str, tuple[str, ...]] = {
    row: tuple(f"requests.{row}.{c}" for c in REQUEST_COLUMNS) for row in REQUEST_ROWS
}
_REVIEW_CELLS: dict[str, tuple[str, ...]] = {
    group: tuple(f"review_litigation.{group}.{c}" for c in REVIEW_COLUMNS) for group in REVIEW_GROUPS
}


def _row_label(row: str) -> str:
    """A row of table 3 as printed, short: its group's label with it (（四）无法提供·1.本机关不掌握
    相关政府信息), notes in brackets and words past 20 characters left out."""
    label = re.sub(r"（[^（）]*）$", "", REQUEST_ROWS[row])  # (（区分处理的，只计这一情形，不计其他情形）)
    label = label if len(label) <= 20 else label[:20] + "…"
    group = row.partition(".")[0]
    return f"{REQUEST_GROUPS[group]}·{label}" if "." in row else label


# Message heads: the table and the row, column or group of each check, by key and as printed.
_ROW_HEADS = {row: f"{TABLE_NAMES['requests']}, row {row} ({_row_label(row)})" for row in REQUEST_ROWS}
_COLUMN_HEADS = {col: f"{TABLE_NAMES['requests']}, column {col} "
                      f"({'' if col in ('natural_person', 'total') else '法人或其他组织·'}{REQUEST_COLUMN_LABELS[col]})"
                 for col in REQUEST_COLUMNS}
_GROUP_HEADS = {group: f"{TABLE_NAMES['review_litigation']}, group {group} ({REVIEW_GROUPS[group]})"
                for group in REVIEW_GROUPS}
_TOTAL = len(APPLICANT_COLUMNS)  # position of total in REQUEST_COLUMNS, after the applicants
assert REQUEST_COLUMNS == (*APPLICANT_COLUMNS, "total")
# T3.balance reads, in each column, new and carried_over, then handled_total and carried_forward.
_BALANCE_ROWS = ("new", "carried_over", "handled_total", "carried_forward")
_BALANCE_CELLS = tuple(tuple(_REQUEST_CELLS[r][i] for r in _BALANCE_ROWS) for i in range(len(REQUEST_COLUMNS)))
# T4.group_total reads each group's total, then the other columns.
_GROUP_TOTAL_CELLS = {group: (names[-1], *names[:-1]) for group, names in _REVIEW_CELLS.items()}
# T3.row_total of each row reads total, then the applicant columns.
_ROW_TOTAL_CELLS: dict[str, tuple[str, ...]] = {
    row: (names[_TOTAL], *names[:_TOTAL]) for row, names in _REQUEST_CELLS.items()
}


@cache
def _request_rows(fmt: str | None) -> tuple[str, ...]:
    """Row keys of table 3 expected for this format."""
    return tuple(r for r in REQUEST_ROWS if not (fmt == "2019" and r in ROWS_NOT_IN_2019))


def _handled_parts(values: Values, fmt: str | None, col: int) -> tuple[str, ...]:
    """Rows summing to handled_total in column ``col``; the 2019 format may lack the two split
    其他处理 rows."""
    if fmt != "2019":
        return HANDLED_PARTS
    return tuple(r for r in HANDLED_PARTS if not (r in ROWS_NOT_IN_2019 and values[r][col] is None))


@cache
def _handled_cells(parts: tuple[str, ...], col: int) -> tuple[str, ...]:
    """Cell names read by T3.handled_sum in column ``col``: handled_total, then ``parts``."""
    return tuple(_REQUEST_CELLS[r][col] for r in ("handled_total", *parts))


def _absent(rule: str, table: str, tables: Tables) -> Check:
    """The one not_assessable check for a relation on a table that was not found (or not read)."""
    return Check(rule, [], None, None, NA, f"{TABLE_NAMES[table]} {_not_there(table, tables)}: {rule} not assessable")


def _missing(table: str, tables: Tables) -> str:
    """How a table that is ``None`` is missing: "unread" (printed but not read), "no_text" (its
    section has no text) or "absent"."""
    if table in tables.unread:
        return "unread"
    return "no_text" if table in tables.no_text else "absent"


# How each kind of missing table is told: in a relation's check, and in a figure's.
_NOT_THERE = {"unread": "printed but not read", "no_text": "not in the text (its section has none: an image?)",
              "absent": "not found"}
_FIGURE_TABLE = {"unread": "was printed but not read", "no_text": "is not in the text (its section has none)",
                 "absent": "is absent"}


def _not_there(table: str, tables: Tables) -> str:
    """How a table that is ``None`` is missing, as a relation's check says it."""
    return _NOT_THERE[_missing(table, tables)]


def check_request_rows(values: Values, fmt: str | None) -> list[Check]:
    """T3.row_total: each row's total equals the sum of its six applicant columns."""
    out = []
    for row in _request_rows(fmt):
        row_values = values[row]
        out.append(_equation("T3.row_total", _ROW_HEADS[row], _ROW_TOTAL_CELLS[row],
                             [row_values[_TOTAL]], row_values[:_TOTAL],
                             ("total", "sum of applicant columns (自然人 … 其他)")))
    return out


def check_request_balance(values: Values) -> list[Check]:
    """T3.balance: per column, new + carried_over = handled_total + carried_forward."""
    out = []
    new, carried_over, handled, carried_forward = (values[r] for r in _BALANCE_ROWS)
    for i, col in enumerate(REQUEST_COLUMNS):
        out.append(_equation("T3.balance", _COLUMN_HEADS[col], _BALANCE_CELLS[i],
                             [new[i], carried_over[i]], [handled[i], carried_forward[i]],
                             ("new + carried_over (新收 + 上年结转)",
                              "handled_total + carried_forward (办理结果总计 + 结转下年度)")))
    return out


def check_request_handled(values: Values, fmt: str | None) -> list[Check]:
    """T3.handled_sum: per column, handled_total equals the sum of all result rows."""
    out = []
    by_column = list(zip(*(values[r] for r in HANDLED_PARTS)))  # the result rows' values
    for i, col in enumerate(REQUEST_COLUMNS):
        parts = _handled_parts(values, fmt, i)
        right = list(by_column[i]) if parts is HANDLED_PARTS else [values[r][i] for r in parts]
        out.append(_equation("T3.handled_sum", _COLUMN_HEADS[col], _handled_cells(parts, i),
                             [values["handled_total"][i]], right,
                             ("handled_total", "sum of result rows (予以公开 … 其他处理)")))
    return out


def check_review_groups(values: Values) -> list[Check]:
    """T4.group_total: per group, total = upheld + corrected + other + pending."""
    out = []
    for group in REVIEW_GROUPS:
        row_values = values[group]
        out.append(_equation("T4.group_total", _GROUP_HEADS[group], _GROUP_TOTAL_CELLS[group],
                             [row_values[-1]], row_values[:-1],
                             ("total", "upheld + corrected + other + pending")))
    return out


def table_checks(meta: Meta, tables: Tables) -> list[Check]:
    """Relations 1-4 of REPORT_FORMAT.md."""
    out: list[Check] = []
    req, rev = tables.requests, tables.review_litigation
    if req is None:
        out += [_absent(r, "requests", tables) for r in ("T3.row_total", "T3.balance", "T3.handled_sum")]
    else:
        values = _row_values(req, REQUEST_ROWS, REQUEST_COLUMNS)
        out += check_request_rows(values, meta.format)
        out += check_request_balance(values)
        out += check_request_handled(values, meta.format)
    if rev is None:
        out.append(_absent("T4.group_total", "review_litigation", tables))
    else:
        out += check_review_groups(_row_values(rev, REVIEW_GROUPS, REVIEW_COLUMNS))
    return out


# ---- narrative against tables --------------------------------------------------------------------

# figure key -> (table, cells whose sum the figure states)
NARRATIVE_LINKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "requests_received": ("requests", ("new.total",)),
    "requests_answered": ("requests", ("handled_total.total",)),
    "review_total": ("review_litigation", ("review.total",)),
    "litigation_total": ("review_litigation", ("litigation_direct.total", "litigation_after_review.total")),
}


def _text_says(key: str, fig: Figure) -> str:
    """How a check names a figure of the text: its value and the start of its sentence."""
    quote = fig.evidence.strip()
    quote = quote[:40] + "…" if len(quote) > 40 else quote
    return f"text says {_num(fig.value)} ({quote or key})"


def _narrative_check(key: str, fig: Figure, tables: Tables) -> Check:
    """N.<key>: a count stated in the text against the table cell(s) it summarises."""
    table_key, dotted = NARRATIVE_LINKS[key]
    rule = f"N.{key}"
    table = getattr(tables, table_key)
    cells = [f"figures.{key}"] + [f"{table_key}.{d}" for d in dotted]
    values = [_cell(table, d) for d in dotted]
    said = _text_says(key, fig)
    if fig.approximate:
        return Check(rule, cells, None, fig.value, NA, f"{said}, an approximate figure: not compared")
    if table is None:
        return Check(rule, cells, None, fig.value, NA,
                     f"{said}, but {TABLE_NAMES[table_key]} {_FIGURE_TABLE[_missing(table_key, tables)]}: "
                     "nothing to compare with")
    names = " + ".join(f"{table_key}.{d}" for d in dotted)
    if any(v is None for v in values):
        return Check(rule, cells, None, fig.value, NA, f"{said}, but {names} has a blank cell")
    expected = sum(values)  # type: ignore[arg-type]
    if _close(expected, fig.value):
        return Check(rule, cells, expected, fig.value, PASS, f"{said}, agrees with {names} = {_num(expected)}")
    if key == "requests_received":
        return _received_with_carried_over(rule, cells, fig, tables, expected, said)
    return Check(rule, cells, expected, fig.value, FAIL, f"{said} ≠ {names} = {_num(expected)}")


def _received_with_carried_over(
    rule: str, cells: list[str], fig: Figure, tables: Tables, new_total: Number, said: str
) -> Check:
    """Some reports count requests received including those carried over from last year."""
    carried = _cell(tables.requests, "carried_over.total")
    if carried and _close(new_total + carried, fig.value):
        return Check(rule, cells + ["requests.carried_over.total"], new_total + carried, fig.value, PASS,
                     f"{said}, agrees with requests.new.total + requests.carried_over.total = "
                     f"{_num(new_total + carried)} (count includes requests carried over)")
    return Check(rule, cells, new_total, fig.value, FAIL,
                 f"{said} ≠ requests.new.total = {_num(new_total)}")


def _parts_check(key: str, fig: Figure) -> Check:
    """N.parts: a breakdown (其中 a 条、b 条) sums to its total; parts that exceed it fail, and so do
    parts that cover nine tenths of it or more but not all (a list meant whole: 464 of 465); parts
    further short of it are not assessable (其中 may list some parts only)."""
    parts = fig.parts or {}
    cells = [f"figures.{key}"] + [f"figures.{key}.parts.{label}" for label in parts]
    total = sum(parts.values())
    listing = " + ".join(f"{label} {_num(v)}" for label, v in parts.items())
    head = f"figure {key} = {_num(fig.value)}, parts {listing} = {_num(total)}"
    if fig.approximate:
        return Check("N.parts", cells, fig.value, total, NA, f"{head}: approximate total, not compared")
    if _close(total, fig.value):
        return Check("N.parts", cells, fig.value, total, PASS, f"{head}: parts add up")
    if total < fig.value and (len(parts) == 1 or total < _COMPLETE_SHARE * fig.value):
        # 其中 often names some parts only: far short of the total is no contradiction
        return Check("N.parts", cells, fig.value, total, NA,
                     f"{head}: short of the total by {_num(fig.value - total)}, a list of some parts only or one that "
                     "does not add up: not assessable")
    if total < fig.value:
        return Check("N.parts", cells, fig.value, total, FAIL,
                     f"{head}: {_num(fig.value - total)} short of the total, a list meant whole that does not add up")
    return Check("N.parts", cells, fig.value, total, FAIL, f"{head}: the parts exceed the total")


_COMPLETE_SHARE = 0.9  # parts that cover this share of their total or more are meant to be all of it


def narrative_checks(tables: Tables, figures: dict[str, Figure]) -> list[Check]:
    """Relation 5: narrative counts against the tables and against their own parts."""
    out = [_narrative_check(k, figures[k], tables) for k in NARRATIVE_LINKS if k in figures]
    out += [_parts_check(k, f) for k, f in figures.items() if f.parts]
    out += [_statistics_check(k, f) for k, f in figures.items() if f.statistics_value is not None]
    return out


def _statistics_check(key: str, fig: Figure) -> Check:
    """N.statistics: a count stated in the text against the same count in the statistics table
    of a pre-2019 report."""
    cells = [f"figures.{key}", f"statistics.{key}"]
    said = _text_says(key, fig)
    table = f"the statistics table says {_num(fig.statistics_value)}"
    if fig.approximate:
        return Check("N.statistics", cells, fig.statistics_value, fig.value, NA,
                     f"{said}, an approximate figure; {table}: not compared")
    status, sign = (PASS, "agrees:") if _close(fig.statistics_value, fig.value) else (FAIL, "≠")
    return Check("N.statistics", cells, fig.statistics_value, fig.value, status, f"{said} {sign} {table}")


# ---- year and dates ------------------------------------------------------------------------------


# find_period normalises (NFKC) only a short window of the text after each 统, not the whole
# text (NFKC costs ~75 ns a character, more than the rest of the checks).  The first window that
# matches gives the same match as searching the whole normalised text, because:
# * NFKC maps no other character to 统 (PERIOD_RE starts with 统计);
# * NFKC leaves CJK ideographs unchanged and normalises the text before and after one
#   independently, so a window ending just before an ideograph normalises to a piece of the
#   normalised whole;
# * PERIOD_RE reads at most 35 characters past its start other than a run of —, so a window
#   holding _PERIOD_READS of them decides the match.
_IDEOGRAPH_RE = re.compile("[\u4e00-\u9fff]")
_PERIOD_READS = 40


def _flat_window(text: str, start: int) -> str:
    """NFKC of ``text[start:]`` without whitespace, cut (before an ideograph) once it holds
    ``_PERIOD_READS`` characters other than —, or to the end of the text."""
    end = start
    while True:
        cut = _IDEOGRAPH_RE.search(text, end + _PERIOD_READS)
        end = cut.start() if cut else len(text)
        flat = "".join(nfkc(text[start:end]).split())
        if end == len(text) or len(flat) - flat.count("—") >= _PERIOD_READS:
            return flat


def find_period(text: str) -> tuple[date, date] | None:
    """The statistics period (统计期限自…至…) stated in the text, if any.

    Read on the text NFKC-normalised, whitespace removed (see ``_flat_window``)."""
    start = text.find("统")
    while start >= 0 and not (m := PERIOD_RE.match(_flat_window(text, start))):
        start = text.find("统", start + 1)
    if start < 0:
        return None
    y1, m1, d1, y2, m2, d2 = m.groups()
    try:
        return date(int(y1), int(m1), int(d1)), date(int(y2 or y1), int(m2), int(d2))
    except ValueError:
        return None


def _period_check(year: int | None, text: str) -> Check | None:
    """Y.year against the statistics period; ``None`` when the text states no period."""
    period = find_period(text)
    if period is None:
        return None
    cells = ["meta.year", "text.period"]
    start, end = period
    shown = f"{start.isoformat()} to {end.isoformat()}"
    if year is None:
        return Check("Y.year", cells, None, shown, NA, f"statistics period {shown}, but report year unknown")
    expected = f"{year}-01-01 to {year}-12-31"
    if start == date(year, 1, 1) and end == date(year, 12, 31):
        return Check("Y.year", cells, expected, shown, PASS, f"statistics period {shown} matches report year {year}")
    if start.year == end.year == year:  # 2019-01-01 to 2019-12-30: a slip of the day, the year agrees
        return Check("Y.year", cells, expected, shown, PASS,
                     f"statistics period {shown} lies within report year {year} (not the whole year as printed)")
    return Check("Y.year", cells, expected, shown, FAIL, f"statistics period {shown} does not match report year {year}")


def _published_check(year: int | None, published: date | None) -> Check:
    """Y.year against the publication date: normally January-March of the following year."""
    cells = ["meta.year", "meta.published"]
    if year is None or published is None:
        missing = "report year" if year is None else "publication date"
        return Check("Y.year", cells, None, published and published.isoformat(), NA,
                     f"{missing} unknown: publication date not compared with the year")
    expected = f"{year + 1}-01..{year + 1}-03"
    found = published.isoformat()
    if published == date(year, 12, 31):  # signed on the year's last day: not before its end
        return Check("Y.year", cells, expected, found, PASS, f"dated {found}, the last day of report year {year}")
    if published.year <= year:
        return Check("Y.year", cells, expected, found, FAIL,
                     f"published {found}, before the end of report year {year}")
    if published.year > year + 1:
        return Check("Y.year", cells, expected, found, FAIL,
                     f"published {found}, more than a year after report year {year}")
    late = "" if published.month <= 3 else " (later than the usual January-March)"
    return Check("Y.year", cells, expected, found, PASS, f"published {found}, in the year after {year}{late}")


def year_checks(meta: Meta, text: str) -> list[Check]:
    """Relation 6: report year, statistics period and publication date agree."""
    period = _period_check(meta.year, text)
    return ([period] if period else []) + [_published_check(meta.year, meta.published)]


# ---- format checks --------------------------------------------------------------------------------


def _new_format(meta: Meta) -> bool:
    return meta.format in ("2021", "2019")


def _sections_check(meta: Meta, sections: list[Section]) -> Check:
    """F.sections: the six sections of the 2021 format are all present."""
    cells = [f"sections.{k}" for k in SECTION_KEYS]
    found = sorted({s.key for s in sections if s.key in OLD_SECTION_KEYS}, key=OLD_SECTION_KEYS.index)
    if not _new_format(meta):
        return Check("F.sections", cells, list(SECTION_KEYS), found, NA,
                     f"format {meta.format or 'unknown'}: the 2021 format's six-section requirement does not apply")
    missing = [k for k in SECTION_KEYS if k not in found]
    if missing:
        return Check("F.sections", cells, list(SECTION_KEYS), found, FAIL,
                     f"sections missing: {', '.join(missing)}")
    return Check("F.sections", cells, list(SECTION_KEYS), found, PASS, "all six sections present")


def _print_rank(key: str) -> int:
    """Place of a section in print order; old reports put ``fees`` before or after review."""
    return SECTION_KEYS.index("review_litigation" if key == "fees" else key)


def _order_check(sections: list[Section]) -> Check:
    """F.order: sections appear in the order of the format."""
    seq = [s.key for s in sorted(sections, key=lambda s: s.start) if s.key in OLD_SECTION_KEYS]
    cells = [f"sections.{k}" for k in seq]
    expected = sorted(seq, key=_print_rank)
    if len(seq) < 2:
        return Check("F.order", cells, expected, seq, NA, "fewer than two sections found: order not assessable")
    if seq == expected:
        return Check("F.order", cells, expected, seq, PASS, "sections in print order")
    return Check("F.order", cells, expected, seq, FAIL,
                 f"sections out of order: {' > '.join(seq)} (expected {' > '.join(expected)})")


def _missing_rows(meta: Meta, tables: Tables, key: str) -> list[str]:
    """Rows reported missing, ignoring rows the 2019 format never had."""
    rows = tables.missing_rows.get(key, [])
    return [r for r in rows if not (meta.format == "2019" and r in ROWS_NOT_IN_2019)]


def _table_presence_check(meta: Meta, tables: Tables, key: str) -> Check:
    """F.tables: one table is present with all its rows."""
    name = TABLE_NAMES[key]
    cells = [key]
    if not _new_format(meta):
        return Check("F.tables", cells, "present", None, NA,
                     f"{name}: format {meta.format or 'unknown'}, the standard tables are not required")
    missing = _missing(key, tables) if getattr(tables, key) is None else None
    if missing == "unread":
        return Check("F.tables", cells, "present", "unread", NA,
                     f"{name} ({key}) is printed, but its cells could not be read (a copy that lost its "
                     "blank cells, or a layout not understood): not assessable")
    if missing == "no_text":
        return Check("F.tables", cells, "present", "no text", NA,
                     f"{name} ({key}) not in the text: its section has no text under its title (the table "
                     "an image, or lost from this copy): not assessable")
    if missing:
        return Check("F.tables", cells, "present", "absent", FAIL, f"{name} ({key}) not found")
    missing = _missing_rows(meta, tables, key)
    if missing:
        return Check("F.tables", cells + [f"{key}.{r}" for r in missing], "all rows", missing, FAIL,
                     f"{name} ({key}) lacks rows: {', '.join(missing)}")
    if not _holds_a_number(getattr(tables, key)):
        return Check("F.tables", cells, "all rows", "no number", NA,
                     f"{name} ({key}) has all its rows but no cell holds a number (all blank, or cells run "
                     "together that could not be told apart): not assessable")
    return Check("F.tables", cells, "all rows", "all rows", PASS, f"{name} ({key}) present with all rows")


def _holds_a_number(table: dict) -> bool:
    """Whether any cell of a table (nested dicts of cells) holds a number."""
    return any(_holds_a_number(v) if isinstance(v, dict) else v is not None for v in table.values())


def _fee_check(meta: Meta, sections: list[Section], text: str) -> Check:
    """F.fee_statement: section 六 says whether information-processing fees were collected."""
    cells = ["sections.other"]
    if meta.format != "2021":
        return Check("F.fee_statement", cells, "fee statement", None, NA,
                     f"format {meta.format or 'unknown'}: the 2021 fee statement does not apply")
    body = "".join(text[s.start:s.end] for s in sections if s.key == "other")
    if not body:
        return Check("F.fee_statement", cells, "fee statement", None, FAIL,
                     "section 六 (other) not found, so no statement on information-processing fees")
    stated = _PLACEHOLDER_RE.sub("", body)
    if any(w in stated for w in FEE_WORDS):
        return Check("F.fee_statement", cells, "fee statement", "stated", PASS,
                     "section 六 (other) states whether information-processing fees were collected")
    if stated != body:
        return Check("F.fee_statement", cells, "fee statement", "placeholder", FAIL,
                     "section 六 (other) holds the template's placeholder (文字描述…在此处报告), not a statement "
                     "on information-processing fees (信息处理费)")
    return Check("F.fee_statement", cells, "fee statement", "absent", FAIL,
                 "section 六 (other) says nothing about information-processing fees (信息处理费)")


# The template's instruction in brackets where the text goes: （文字描述，收取信息处理费情况在此处报告。）
_PLACEHOLDER_RE = re.compile(r"[（(][^（()）]{0,40}?(?:文字描述|在此处|此处填写|请填写|请在此)[^（()）]{0,40}[）)]")


def format_checks(meta: Meta, sections: list[Section], tables: Tables, text: str) -> list[Check]:
    """Presence and order of sections and tables, and the fee statement."""
    return [
        _sections_check(meta, sections),
        _order_check(sections),
        *(_table_presence_check(meta, tables, k) for k in TABLE_NAMES),
        _fee_check(meta, sections, text),
    ]


def run_checks(
    meta: Meta, sections: list[Section], tables: Tables, figures: dict[str, Figure], text: str
) -> list[Check]:
    """Every check, in the order: tables, narrative, year, format."""
    return [
        *table_checks(meta, tables),
        *narrative_checks(tables, figures),
        *year_checks(meta, text),
        *format_checks(meta, sections, tables, text),
    ]


# ---- metrics ----------------------------------------------------------------------------------------


def _ratio(formula: str, num: dict[str, Number | None], den: dict[str, Number | None]) -> Metric:
    """sum(num) / sum(den), ``None`` when a cell is blank or the denominator is 0."""
    inputs = {**num, **den}
    if None in inputs.values():
        return Metric(None, formula, inputs)
    bottom = sum(den.values())  # type: ignore[arg-type]
    value = round(sum(num.values()) / bottom, 4) if bottom else None  # type: ignore[arg-type]
    return Metric(value, formula, inputs)


def _cells(table: dict | None, prefix: str, dotted: tuple[str, ...]) -> dict[str, Number | None]:
    """The values of cells ``dotted`` of ``table``, keyed ``prefix.cell``."""
    return {name: _cell(table, d) for name, d in _named(prefix, dotted)}


@cache
def _named(prefix: str, dotted: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(``prefix.cell``, cell) for each cell: the names are made once, not for every report."""
    return tuple((f"{prefix}.{d}", d) for d in dotted)


def _fig(figures: dict[str, Figure], key: str) -> Number | None:
    return figures[key].value if key in figures else None


def _dispute_rate(tables: Tables, figures: dict[str, Figure]) -> Metric:
    """Review and litigation cases per new request; narrative fallback when no tables."""
    rev = _cells(tables.review_litigation, "review_litigation",
                 ("review.total", "litigation_direct.total", "litigation_after_review.total"))
    new = _cells(tables.requests, "requests", ("new.total",))
    if tables.requests is None and tables.review_litigation is None:
        num = {f"figures.{k}": _fig(figures, k) for k in ("review_total", "litigation_total")}
        den = {"figures.requests_received": _fig(figures, "requests_received")}
        return _ratio("(review_total + litigation_total) / requests_received "
                      "(figures of the narrative or statistics table: no table 3 or 4 was read)", num, den)
    return _ratio("(review.total + litigation_direct.total + litigation_after_review.total) / new.total",
                  rev, new)


_DECIDED = ("upheld", "corrected", "other")
_LITIGATION = ("litigation_direct", "litigation_after_review")
_REVIEW_DECIDED = tuple(f"review.{c}" for c in _DECIDED)
_LITIGATION_CORRECTED = tuple(f"{g}.corrected" for g in _LITIGATION)
_LITIGATION_DECIDED = tuple(f"{g}.{c}" for g in _LITIGATION for c in _DECIDED)


def derive_metrics(tables: Tables, figures: dict[str, Figure]) -> dict[str, Metric]:
    """Rates derived from tables 3 and 4 (see the ``formula`` of each metric)."""
    req, rev = tables.requests, tables.review_litigation
    return {
        "disclosure_rate": _ratio(
            "(granted.total + partial.total) / handled_total.total",
            _cells(req, "requests", ("granted.total", "partial.total")),
            _cells(req, "requests", ("handled_total.total",)),
        ),
        "not_held_rate": _ratio(
            "unavailable.not_held.total / handled_total.total",
            _cells(req, "requests", ("unavailable.not_held.total",)),
            _cells(req, "requests", ("handled_total.total",)),
        ),
        "review_correction_rate": _ratio(
            "review.corrected / (review.upheld + review.corrected + review.other)",
            _cells(rev, "review_litigation", ("review.corrected",)),
            _cells(rev, "review_litigation", _REVIEW_DECIDED),
        ),
        "litigation_correction_rate": _ratio(
            "(litigation_direct.corrected + litigation_after_review.corrected) / "
            "(upheld + corrected + other of both litigation groups)",
            _cells(rev, "review_litigation", _LITIGATION_CORRECTED),
            _cells(rev, "review_litigation", _LITIGATION_DECIDED),
        ),
        "dispute_rate": _dispute_rate(tables, figures),
    }
