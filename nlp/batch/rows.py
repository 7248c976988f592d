"""Tagged :class:`~nlp.model.Report` objects as Arrow rows: report rows and sentence rows.

The values and their order are those of :mod:`.columns` (``part_report_columns``,
``PART_SENTENCE_COLUMNS``; a ``date`` is an ISO string); rows hold no path, so a content's rows
are the same whatever file name it was found under.  A worker turns the reports of a batch into
two Arrow tables at once (:func:`batch_rows`, one column at a time), each row led by the task
index of its file (``_index``), and sends them as Arrow IPC files: the parent writes them as
they are (:mod:`.journal`; it cuts out rows only of a batch that spans two chunks), so that its
work stays small however many workers feed it.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
import pyarrow as pa

from ..model import Report
from ..schema import FIGURE_KEYS
from .columns import (
    META_COLUMNS,
    SCORE_KEYS,
    metric_keys,
    part_report_columns,
    part_schemas,
    table_cells,
)

INDEX = "_index"  # leading column of a batch's rows: the task index of the row's file


@dataclass(frozen=True)
class Rows:
    """The rows of a batch of reports: two Arrow IPC files with the part schemas of
    :func:`.columns.part_schemas` led by an ``_index`` column (int64), and the task indexes of
    the batch's reports in the order of their rows (so that the parent sees which files a batch
    holds without reading it)."""

    reports: bytes
    sentences: bytes
    indexes: tuple[int, ...]

    @classmethod
    def of(cls, reports: pa.Table, sentences: pa.Table) -> "Rows":
        """The rows of these tables (led by ``_index``)."""
        return cls(ipc_bytes(reports), ipc_bytes(sentences), tuple(reports[INDEX].to_pylist()))

    def tables(self) -> tuple[pa.Table, pa.Table]:
        """(reports, sentences) as Arrow tables (zero-copy views of the bytes)."""
        return _read_ipc(self.reports), _read_ipc(self.sentences)


def batch_rows(items: list[tuple[int, Report, str]]) -> Rows:
    """The rows of tagged reports given as (task index, report, report id)."""
    values = [_values(report, report_id) for _, report, report_id in items]
    schemas = part_schemas()
    reports = _report_table(values, schemas["reports"])
    sentences = _sentence_table(values, schemas["sentences"])
    indexes = np.array([index for index, _, _ in items], dtype=np.int64)
    counts = np.array([len(v[2][0]) for v in values], dtype=np.int64)
    reports = reports.add_column(0, INDEX, pa.array(indexes))
    sentences = sentences.add_column(0, INDEX, pa.array(np.repeat(indexes, counts)))
    return Rows.of(reports, sentences)


META_INDEX = {name: i for i, (name, _) in enumerate(META_COLUMNS)}


@lru_cache(maxsize=1)
def _cell_rows() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """The cells of ``table_cells()`` by row, in order: (table attribute, keys down its tree to
    the row, keys of the row's cells), consecutive cells of a row together."""
    out: list[tuple[str, tuple[str, ...], list[str]]] = []
    for dotted in table_cells():
        table, *keys, leaf = dotted.split(".")
        if out and out[-1][:2] == (table, tuple(keys)):
            out[-1][2].append(leaf)
        else:
            out.append((table, tuple(keys), [leaf]))
    return tuple((table, keys, tuple(leaves)) for table, keys, leaves in out)


def _cells(report: Report) -> list[Any]:
    """The value of every table cell in ``table_cells()`` order (``None`` where absent).

    Each row's dict is looked up once, not once per cell."""
    values: list[Any] = []
    tables = report.tables
    for table, keys, leaves in _cell_rows():
        node: Any = getattr(tables, table)
        try:
            for key in keys:
                node = node[key]
        except (KeyError, TypeError):  # no such table (None) or row
            values += [None] * len(leaves)
            continue
        if type(node) is dict:
            values += map(node.get, leaves)
        else:  # a value or some other mapping where the row's dict should be
            values += [_item(node, leaf) for leaf in leaves]
    return values


def _item(node: Any, key: str) -> Any:
    """``node[key]``, ``None`` when absent or ``node`` holds no items."""
    try:
        return node[key]
    except (KeyError, TypeError):
        return None


NAN = float("nan")  # a null number in a packed block (a NaN value is null too)
SENTENCE_ATTRS: tuple[str, ...] = ("section", "position", "heading", "is_heading", "text", "role", "topics")
_SENTENCE_GETTERS = tuple(map(attrgetter, SENTENCE_ATTRS[:-1]))
_TOPICS = attrgetter("topics")


def _values(report: Report, report_id: str) -> tuple[tuple, bytes, list[list], bytes]:
    """The rows of a tagged report, packed:

    * the report's non-``float`` values, in the order of ``part_report_columns()``;
    * its ``float`` values (table cells, figure values, metrics), in that order, as packed
      doubles (``NAN`` = null: blank cells, text, NaN and infinities alike);
    * the sentence rows as columns (lists) in the order of ``PART_SENTENCE_COLUMNS`` up to
      ``topics``;
    * their ``scores`` as packed doubles, sentence by sentence in the order of ``SCORE_KEYS``.

    Packed doubles cost no Python object per number (:func:`_doubles` hands them to Arrow as
    they are).
    """
    meta, figures, metrics = report.meta, report.figures, report.metrics
    sentences = report.sentences or []
    others: list[Any] = [report_id]
    others += [getattr(meta, name) for name, _ in META_COLUMNS]
    if meta.published is not None:
        others[1 + META_INDEX["published"]] = meta.published.isoformat()
    others[1 + META_INDEX["places"]] = list(meta.places)
    others += [list(report.missing_sections), len(report.text), len(sentences)]
    floats = _cells(report)
    found = [figures.get(key) for key in FIGURE_KEYS]
    floats += [None if f is None else f.value for f in found]
    for f in found:  # a figure's non-float columns side by side: approximate, source
        others += [None, None] if f is None else [f.approximate, f.source]
    floats += [None if m is None else m.value for m in map(metrics.get, metric_keys())]
    statuses = [c.status for c in report.checks]
    others += [statuses.count("pass"), statuses.count("fail"), statuses.count("not_assessable"),
               [{"rule": c.rule, "message": c.message} for c in report.failed_checks]]
    columns = [[report_id] * len(sentences)]
    columns += [list(map(get, sentences)) for get in _SENTENCE_GETTERS]
    columns.append(list(map(list, map(_TOPICS, sentences))))
    return tuple(others), _packed(floats), columns, _packed_scores(sentences)


_PLAIN = frozenset({int, float, type(None)})  # types of the numbers of the common case


def _packed(numbers: list[Any]) -> bytes:
    """Doubles of the numbers; ``NAN`` for anything not a finite int or float (bools too).

    In the common case, only ints, floats and ``None``, NumPy converts them all at once."""
    if _PLAIN.issuperset(map(type, numbers)):
        block = np.array(numbers, dtype=np.float64)  # None -> NaN
        block[~np.isfinite(block)] = NAN  # infinities, and every NaN the same NAN
        return block.tobytes()
    return array("d", [
        v if isinstance(v, (int, float)) and v.__class__ is not bool and math.isfinite(v) else NAN for v in numbers
    ]).tobytes()


_SCORE_KEY_LIST = list(SCORE_KEYS)
_NO_SCORES = [NAN] * len(SCORE_KEYS)  # the scores of a sentence the tagger gives none (a heading)


def _packed_scores(sentences: list) -> bytes:
    """The sentences' scores in ``SCORE_KEYS`` order as doubles (``NAN`` where missing).  The
    tagger gives every sentence all scores in that order, as finite floats, but a heading none:
    those are copied as they are (a heading's as a row of ``NAN``); anything else takes the
    checking path of :func:`_packed`."""
    scores = [s.scores for s in sentences]
    if all(not d or list(d) == _SCORE_KEY_LIST for d in scores):
        values: list[Any] = []
        for d in scores:  # (an array is made faster from a list than from an iterator)
            values += d.values() if d else _NO_SCORES
        try:
            block = array("d", values)
        except TypeError:  # a value that is no number
            pass
        else:
            if not np.isinf(np.frombuffer(block, dtype=np.float64)).any():  # (a NaN is null already)
                return block.tobytes()
    return _packed([s.scores.get(k) for s in sentences for k in SCORE_KEYS])


@lru_cache(maxsize=1)
def column_split() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Indexes of the ``float`` columns of ``part_report_columns()``, and of the others."""
    kinds = [kind for _, kind in part_report_columns()]
    return (
        tuple(i for i, k in enumerate(kinds) if k == "float"),
        tuple(i for i, k in enumerate(kinds) if k != "float"),
    )


def _report_table(payloads: list, schema: pa.Schema) -> pa.Table:
    """The report rows of packed values (:func:`_values`), a column at a time."""
    float_indexes, other_indexes = column_split()
    floats = iter(_doubles(b"".join(p[1] for p in payloads), len(payloads), len(float_indexes)))
    # The other values in one conversion, as a struct of those columns (one call per column
    # costs more); should a value not convert, a column at a time, so that the error raised is
    # that of the first column at fault.
    rows = [p[0] for p in payloads]
    struct = pa.struct([schema.field(i) for i in other_indexes])
    try:
        others = iter(pa.array(rows, struct).flatten())
    except Exception:
        others = iter([pa.array(list(column), field.type) for column, field in zip(zip(*rows), struct)])
    is_float = set(float_indexes)
    arrays = [next(floats) if i in is_float else next(others) for i in range(len(schema))]
    return pa.Table.from_arrays(arrays, schema=schema)


def _sentence_table(payloads: list, schema: pa.Schema) -> pa.Table:
    """The sentence rows of packed values (:func:`_values`), a column at a time."""
    *plain, scores = schema
    assert [f.name for f in plain] == ["report_id", *SENTENCE_ATTRS] and scores.name == "scores"
    assert [f.name for f in scores.type] == list(SCORE_KEYS)
    arrays = [pa.array(list(chain.from_iterable(p[2][i] for p in payloads)), f.type) for i, f in enumerate(plain)]
    keys = _doubles(b"".join(p[3] for p in payloads), len(arrays[0]), len(SCORE_KEYS))
    arrays.append(pa.StructArray.from_arrays(keys, fields=list(scores.type)))
    return pa.Table.from_arrays(arrays, schema=schema)


def _doubles(packed: bytes, rows: int, width: int) -> list[pa.Array]:
    """Packed doubles (``rows`` rows of ``width``) as one array per column; NaN stands for null."""
    block = np.frombuffer(packed, dtype=np.float64).reshape(rows, width)
    values = np.ascontiguousarray(block.T).ravel()  # column after column
    nulls = np.isnan(values)
    null_count = int(nulls.sum())
    validity = pa.py_buffer(np.packbits(~nulls, bitorder="little")) if null_count else None
    flat = pa.Array.from_buffers(pa.float64(), len(values), [validity, pa.py_buffer(values)], null_count)
    return [flat.slice(k * rows, rows) for k in range(width)]


def ipc_bytes(table: pa.Table) -> bytes:
    """A table as the bytes of an Arrow IPC file: how workers send rows and parts are stored."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _read_ipc(data: bytes) -> pa.Table:
    return pa.ipc.open_file(pa.py_buffer(data)).read_all()
