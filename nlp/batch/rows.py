"""A tagged :class:`~nlp.model.Report` as compact rows: its report row and its sentence rows.

The values and their order are those of :mod:`.columns` (``part_report_columns``,
``PART_SENTENCE_COLUMNS``; a ``date`` is an ISO string); rows hold no path, so a content's rows
are the same whatever file name it was found under.  A worker sends them packed
(:func:`to_payload`: cheap to make, to send and to unpack); the parent turns a chunk of them into
Arrow tables (:mod:`.journal`).
"""

from __future__ import annotations

import math
import pickle
from array import array
from functools import lru_cache
from itertools import chain
from typing import Any

from ..model import Report
from ..schema import FIGURE_KEYS
from .columns import (
    META_COLUMNS,
    SCORE_KEYS,
    metric_keys,
    part_report_columns,
    table_cells,
)


META_INDEX = {name: i for i, (name, _) in enumerate(META_COLUMNS)}


@lru_cache(maxsize=1)
def _cell_paths() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(table attribute, keys down its tree) of every cell of ``table_cells()``, in order."""
    out = []
    for dotted in table_cells():
        table, rest = dotted.split(".", 1)
        out.append((table, tuple(rest.split("."))))
    return tuple(out)


def _cells(report: Report) -> list[Any]:
    """The value of every table cell in ``table_cells()`` order (``None`` where absent)."""
    values: list[Any] = []
    append = values.append
    tables = report.tables
    for table, keys in _cell_paths():
        node: Any = getattr(tables, table)
        try:
            for key in keys:
                node = node[key]
        except (KeyError, TypeError):  # no such table (None) or cell
            node = None
        append(node)
    return values


NAN = float("nan")  # a null number in a packed block (rows hold no NaN: _number drops them)
SENTENCE_ATTRS: tuple[str, ...] = ("section", "position", "heading", "is_heading", "text", "role", "topics")


def to_payload(report: Report, report_id: str) -> bytes:
    """The rows of a tagged report, packed for the trip to the parent (one pickled tuple):

    * the report's non-``float`` values, in the order of ``part_report_columns()``;
    * its ``float`` values (table cells, figure values, metrics), in that order, as packed
      doubles (``NAN`` = null: blank cells, text, NaN and infinities alike);
    * the sentence rows as columns (lists) in the order of ``PART_SENTENCE_COLUMNS`` up to
      ``topics``;
    * their ``scores`` as packed doubles, sentence by sentence in the order of ``SCORE_KEYS``.

    Packed doubles cost the parent no Python object per number (:mod:`.journal` hands them to
    Arrow as they are).
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
    others += [None if f is None else f.approximate for f in found]
    floats += [None if m is None else m.value for m in map(metrics.get, metric_keys())]
    statuses = [c.status for c in report.checks]
    others += [statuses.count("pass"), statuses.count("fail"), statuses.count("not_assessable"),
               [{"rule": c.rule, "message": c.message} for c in report.failed_checks]]
    columns = [[report_id] * len(sentences)]
    columns += [[getattr(s, attr) for s in sentences] for attr in SENTENCE_ATTRS[:-1]]
    columns.append([list(s.topics) for s in sentences])
    payload = (tuple(others), _packed(floats), columns, _packed_scores(sentences))
    return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)


def from_payload(payload: bytes) -> tuple[tuple, bytes, list[list], bytes]:
    """The inverse of :func:`to_payload`."""
    return pickle.loads(payload)


def _packed(numbers: list[Any]) -> bytes:
    """Doubles of the numbers; ``NAN`` for anything not a finite int or float (bools too)."""
    return array("d", [
        v if isinstance(v, (int, float)) and v.__class__ is not bool and math.isfinite(v) else NAN for v in numbers
    ]).tobytes()


def _packed_scores(sentences: list) -> bytes:
    """The sentences' scores in ``SCORE_KEYS`` order as doubles (``NAN`` where missing).  The
    tagger gives every sentence all scores in that order, as finite floats: those are copied as
    they are; anything else takes the checking path of :func:`_packed`."""
    if all(tuple(s.scores) == SCORE_KEYS for s in sentences):
        try:
            block = array("d", chain.from_iterable(s.scores.values() for s in sentences))
        except TypeError:  # a value that is no number
            pass
        else:
            if math.isfinite(sum(block)):  # no NaN nor infinity to turn into nulls
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
