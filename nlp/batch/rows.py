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
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..model import Report
from ..schema import FIGURE_KEYS, get_path
from .columns import (
    META_COLUMNS,
    SCORE_KEYS,
    metric_keys,
    part_report_columns,
    table_cells,
)


def _number(value: Any) -> float | int | None:
    """A finite number, else ``None`` (blank cells, NaN, text)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


def _cell(report: Report, dotted: str) -> float | int | None:
    table, rest = dotted.split(".", 1)
    tree = getattr(report.tables, table)
    if tree is None:
        return None
    try:
        return _number(get_path(tree, rest))
    except (KeyError, TypeError):
        return None


def report_row(report: Report, report_id: str) -> dict[str, Any]:
    """The report's row (``report_id``, meta, tables, figures, metrics, checks)."""
    meta = report.meta
    row: dict[str, Any] = {"report_id": report_id}
    for name, _ in META_COLUMNS:
        value = getattr(meta, name)
        row[name] = value.isoformat() if name == "published" and value is not None else value
    row["places"] = list(meta.places)
    row["missing_sections"] = list(report.missing_sections)
    row["n_chars"] = len(report.text)
    row["n_sentences"] = len(report.sentences or [])
    for dotted in table_cells():
        row[dotted] = _cell(report, dotted)
    for key in FIGURE_KEYS:
        figure = report.figures.get(key)
        row[f"figures.{key}.value"] = None if figure is None else _number(figure.value)
        row[f"figures.{key}.approximate"] = None if figure is None else figure.approximate
    for key in metric_keys():
        metric = report.metrics.get(key)
        row[f"metrics.{key}"] = None if metric is None else _number(metric.value)
    statuses = [c.status for c in report.checks]
    row["n_pass"] = statuses.count("pass")
    row["n_fail"] = statuses.count("fail")
    row["n_not_assessable"] = statuses.count("not_assessable")
    row["failed_checks"] = [{"rule": c.rule, "message": c.message} for c in report.failed_checks]
    return row


NAN = float("nan")  # a null number in a packed block (rows hold no NaN: _number drops them)
SENTENCE_ATTRS: tuple[str, ...] = ("section", "position", "heading", "is_heading", "text", "role", "topics")


def to_payload(report: Report, report_id: str) -> bytes:
    """The rows of a tagged report, packed for the trip to the parent (one pickled tuple):

    * the report's non-``float`` values, in the order of ``part_report_columns()``;
    * its ``float`` values, in that order, as packed doubles (``NAN`` = null);
    * the sentence rows as columns (lists) in the order of ``PART_SENTENCE_COLUMNS`` up to
      ``topics``;
    * their ``scores`` as packed doubles, sentence by sentence in the order of ``SCORE_KEYS``.

    Packed doubles cost the parent no Python object per number (:mod:`.journal` hands them to
    Arrow as they are).
    """
    values = list(report_row(report, report_id).values())
    floats, others = column_split()
    sentences = report.sentences or []
    columns = [[report_id] * len(sentences)]
    columns += [[getattr(s, attr) for s in sentences] for attr in SENTENCE_ATTRS[:-1]]
    columns.append([list(s.topics) for s in sentences])
    payload = (
        tuple(values[i] for i in others),
        _packed(values[i] for i in floats),
        columns,
        _packed(_number(s.scores.get(k)) for s in sentences for k in SCORE_KEYS),
    )
    return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)


def from_payload(payload: bytes) -> tuple[tuple, bytes, list[list], bytes]:
    """The inverse of :func:`to_payload`."""
    return pickle.loads(payload)


def _packed(numbers: Iterable[float | int | None]) -> bytes:
    return array("d", [NAN if v is None else v for v in numbers]).tobytes()


@lru_cache(maxsize=1)
def column_split() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Indexes of the ``float`` columns of ``part_report_columns()``, and of the others."""
    kinds = [kind for _, kind in part_report_columns()]
    return (
        tuple(i for i, k in enumerate(kinds) if k == "float"),
        tuple(i for i, k in enumerate(kinds) if k != "float"),
    )
