"""The fixed columns of the batch outputs, in order, derived from :mod:`nlp.schema`.

Columns are named by dotted key (``requests.denied.state_secret.total``).  Each has a *kind* that
maps to one Arrow type; numbers from tables, figures and metrics are doubles (a cell may hold
``96171.6``), blank cells are null.  Worker rows (``PART_*``) leave out the columns that depend on
where a content sits in the corpus (``path``, ``duplicates``); :mod:`.assemble` adds them.
"""

from __future__ import annotations

from functools import lru_cache

from ..schema import (
    FIGURE_KEYS,
    PROACTIVE_ROWS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    ROLES,
    TOPICS,
)

# kind -> meaning: str, int, float, bool, date (ISO string in JSON), strs (list of strings),
# scores (struct of doubles: ROLES + TOPICS), failed (list of {rule, message})
Column = tuple[str, str]

META_COLUMNS: tuple[Column, ...] = (
    ("agency", "str"),
    ("year", "int"),
    ("published", "date"),
    ("format", "str"),
    ("level", "str"),
    ("places", "strs"),
    ("encoding", "str"),
    ("converted_from_traditional", "bool"),
)
CHECK_COLUMNS: tuple[Column, ...] = (
    ("n_pass", "int"),
    ("n_fail", "int"),
    ("n_not_assessable", "int"),
    ("failed_checks", "failed"),
)
SCORE_KEYS: tuple[str, ...] = ROLES + TOPICS


def table_cells() -> list[str]:
    """Dotted keys of every cell of tables 2, 3 and 4, in print order."""
    cells = [f"proactive.{row}.{col}" for row, (_, cols) in PROACTIVE_ROWS.items() for col in cols]
    cells += [f"requests.{row}.{col}" for row in REQUEST_ROWS for col in REQUEST_COLUMNS]
    cells += [f"review_litigation.{g}.{col}" for g in REVIEW_GROUPS for col in REVIEW_COLUMNS]
    return cells


@lru_cache(maxsize=1)
def metric_keys() -> tuple[str, ...]:
    """Names of the derived metrics, as :func:`nlp.checks.derive_metrics` returns them."""
    from ..checks import derive_metrics
    from ..model import Tables

    return tuple(derive_metrics(Tables(), {}))


@lru_cache(maxsize=1)
def part_report_columns() -> tuple[Column, ...]:
    """Columns of a report row as a worker writes it (no ``path``, no ``duplicates``)."""
    cols: list[Column] = [("report_id", "str"), *META_COLUMNS]
    cols += [("missing_sections", "strs"), ("n_chars", "int"), ("n_sentences", "int")]
    cols += [(cell, "float") for cell in table_cells()]
    for key in FIGURE_KEYS:
        cols += [(f"figures.{key}.value", "float"), (f"figures.{key}.approximate", "bool"),
                 (f"figures.{key}.source", "str")]
    cols += [(f"metrics.{key}", "float") for key in metric_keys()]
    cols += list(CHECK_COLUMNS)
    return tuple(cols)


def report_columns() -> tuple[Column, ...]:
    """Columns of ``reports.parquet`` in order."""
    part = part_report_columns()
    return (("path", "str"), part[0], ("duplicates", "strs"), *part[1:])


PART_SENTENCE_COLUMNS: tuple[Column, ...] = (
    ("report_id", "str"),
    ("section", "str"),
    ("position", "int"),
    ("heading", "str"),
    ("is_heading", "bool"),
    ("text", "str"),
    ("role", "str"),
    ("topics", "strs"),
    ("scores", "scores"),
)
SENTENCE_COLUMNS: tuple[Column, ...] = (
    PART_SENTENCE_COLUMNS[0],
    ("path", "str"),
    *PART_SENTENCE_COLUMNS[1:],
)
PART_ERROR_COLUMNS: tuple[Column, ...] = (("report_id", "str"), ("problem", "str"), ("kind", "str"))
ERROR_FIELDS: tuple[str, ...] = ("path", "report_id", "error", "kind")


@lru_cache(maxsize=1)
def part_schemas() -> dict:
    """Arrow schemas of the three part files (dates as ISO text, as the workers give them)."""
    return {
        "reports": arrow_schema(part_report_columns(), dates_as_text=True),
        "sentences": arrow_schema(PART_SENTENCE_COLUMNS),
        "errors": arrow_schema(PART_ERROR_COLUMNS),
    }


def arrow_schema(columns: tuple[Column, ...], dates_as_text: bool = False):
    """The Arrow schema of these columns (``dates_as_text``: ISO strings, as in the JSON parts)."""
    import pyarrow as pa

    kinds = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.string() if dates_as_text else pa.date32(),
        "strs": pa.list_(pa.string()),
        "scores": pa.struct([(k, pa.float64()) for k in SCORE_KEYS]),
        "failed": pa.list_(pa.struct([("rule", pa.string()), ("message", pa.string())])),
    }
    return pa.schema([(name, kinds[kind]) for name, kind in columns])
