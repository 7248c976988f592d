"""A tagged :class:`~nlp.model.Report` as compact rows: one JSON line per report and per sentence.

The keys and their order are those of :mod:`.columns` (``part_report_columns``,
``PART_SENTENCE_COLUMNS``); rows hold no path, so a content's rows are the same whatever file
name it was found under.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..model import Report, Sentence
from ..schema import FIGURE_KEYS, get_path
from .columns import META_COLUMNS, SCORE_KEYS, metric_keys, table_cells


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


def sentence_row(sentence: Sentence, report_id: str) -> dict[str, Any]:
    """One tagged sentence's row; ``scores`` keeps the keys of :data:`~.columns.SCORE_KEYS`."""
    return {
        "report_id": report_id,
        "section": sentence.section,
        "position": sentence.position,
        "heading": sentence.heading,
        "is_heading": sentence.is_heading,
        "text": sentence.text,
        "role": sentence.role,
        "topics": list(sentence.topics),
        "scores": {k: _number(sentence.scores.get(k)) for k in SCORE_KEYS},
    }


def to_lines(report: Report, report_id: str) -> tuple[str, str]:
    """(report JSON line, sentence JSON lines joined) for a tagged report; each line ends in \\n."""
    dump = lambda row: json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n"  # noqa: E731
    sentences = "".join(dump(sentence_row(s, report_id)) for s in report.sentences or [])
    return dump(report_row(report, report_id)), sentences
