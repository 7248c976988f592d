"""Plain data passed between the stages of the pipeline.

ingest -> :class:`Document`; sections -> list of :class:`Section`; meta -> :class:`Meta`;
tables -> :class:`Tables`; figures -> dict of :class:`Figure`; checks -> list of :class:`Check`
and dict of :class:`Metric`; all gathered in a :class:`Report`, whose :meth:`Report.to_dict`
is the JSON record printed by ``summarize --format json``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Grid:
    """One table as extracted from a file, before any interpretation.

    ``rows`` is a list of rows, each a list of cells.  A cell is the text as printed (inner line
    breaks kept as ``\\n``), ``""`` for an empty cell, or ``None`` for a position covered by a merged
    cell (the merged text sits in the first, top-left, position only).
    """

    rows: list[list[str | None]]
    page: int | None = None  # 1-based page number for PDF, else None


@dataclass
class Document:
    """What ingest returns: the text of a file in reading order plus its tables as grids.

    ``text`` holds paragraphs separated by ``\\n``; tables appear in it, at their place, as
    tab-separated lines (one line per row), so that text-only stages can still see them.
    """

    text: str
    grids: list[Grid] = field(default_factory=list)
    source: str | None = None  # path as given
    kind: str = "txt"  # txt | html | pdf | docx
    encoding: str | None = None  # encoding used to decode a text file (None for pdf/docx)
    converted_from_traditional: bool = False
    created: date | None = None  # date from file metadata (PDF CreationDate), if any


@dataclass
class Section:
    key: str  # one of schema.OLD_SECTION_KEYS, or schema.EXTRA_SECTION
    title: str  # as printed
    start: int  # offset of the title in Document.text
    end: int  # offset where the section ends (start of the next one, or len(text))


@dataclass
class Meta:
    agency: str | None = None
    year: int | None = None
    published: date | None = None
    format: str | None = None  # 2021 | 2019 | pre-2019
    level: str | None = None  # province | city | county | township | department
    places: list[str] = field(default_factory=list)
    encoding: str | None = None
    converted_from_traditional: bool = False


@dataclass
class Tables:
    """Tables 2, 3 and 4 as nested dicts keyed as in ``schema`` (``None`` = blank or absent).

    A table that was not found at all is ``None``.  ``missing_rows`` lists the dotted row keys
    expected by the format but not found in a table that was found.  ``unread`` names the tables
    that are ``None`` although the text prints them (their header or row labels are there) but
    their cells could not be read: a copy that lost its blank cells, or a layout not understood.
    ``no_text`` names the tables not found whose section is there with no text under its title
    (a caption at most): the table was an image, or the copy lost it.
    """

    proactive: dict | None = None
    requests: dict | None = None
    review_litigation: dict | None = None
    missing_rows: dict[str, list[str]] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)
    no_text: list[str] = field(default_factory=list)


@dataclass
class Figure:
    value: int | float
    approximate: bool = False
    evidence: str = ""  # the text the figure came from
    unit: str | None = None
    parts: dict[str, int | float] | None = None  # breakdown (其中 a 条、b 条), label -> value
    source: str = "text"  # "text" (a sentence) or "statistics table" (a row of a pre-2019 统计表)
    statistics_value: int | float | None = None  # a text figure's count in that table too, if it has one


@dataclass
class Check:
    rule: str  # e.g. "T3.row_total"
    cells: list[str]  # dotted keys of the cells used, e.g. "requests.new.total"
    expected: Any
    found: Any
    status: str  # pass | fail | not_assessable
    message: str  # plain words


@dataclass
class Metric:
    value: float | None
    formula: str
    inputs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sentence:
    """One sentence of the narrative, with its place and (once tagged) its labels."""

    text: str
    section: str | None = None  # section key, e.g. "problems"
    position: int = 0  # index of the sentence in the report
    heading: str | None = None  # nearest heading above it, e.g. "（一）存在的主要问题"
    start: int = 0  # offsets in Document.text
    end: int = 0
    is_heading: bool = False
    role: str | None = None  # problem | measure | other (None until tagged)
    topics: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class Report:
    meta: Meta
    sections: list[Section]
    missing_sections: list[str]
    tables: Tables
    figures: dict[str, Figure]
    checks: list[Check]
    metrics: dict[str, Metric]
    text: str = ""  # Document.text; section offsets point into it (not serialized)
    source: str | None = None  # not serialized
    sentences: list[Sentence] | None = None  # narrative sentences once tagged, else None

    @property
    def proactive(self) -> dict | None:
        return self.tables.proactive

    @property
    def requests(self) -> dict | None:
        return self.tables.requests

    @property
    def review_litigation(self) -> dict | None:
        return self.tables.review_litigation

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if c.status == "fail"]

    def section_text(self, key: str) -> str:
        """Text of the section(s) with this key, in print order ("" if the report has none; a
        section of measures alone after the problems is a second ``problems`` section)."""
        return "".join(self.text[s.start : s.end] for s in self.sections if s.key == key)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: meta, sections, missing_sections, proactive, requests,
        review_litigation, figures, checks, metrics, sentences (None until tagged)."""
        return {
            "meta": _plain(self.meta),
            "sections": [_plain(s) for s in self.sections],
            "missing_sections": list(self.missing_sections),
            "proactive": self.tables.proactive,
            "requests": self.tables.requests,
            "review_litigation": self.tables.review_litigation,
            "figures": {k: _plain(v) for k, v in self.figures.items()},
            "checks": [_plain(c) for c in self.checks],
            "metrics": {k: _plain(v) for k, v in self.metrics.items()},
            "sentences": None if self.sentences is None else [_plain(s) for s in self.sentences],
        }


def _plain(obj: Any) -> Any:
    """Dataclass -> dict with dates as ISO strings."""
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj
