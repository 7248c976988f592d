"""What many reports say together: recurring weaknesses, boilerplate clusters, vagueness, key figures.

:func:`summarize_corpus` turns a list of reports into a :class:`CorpusSummary`:

* **recurring** weaknesses: one :class:`Recurring` per problem topic that any report admits,
  ranked by the number of distinct *bodies* admitting it (bodies = normalised agency names,
  :mod:`.bodies`), then by the number of reports, then in taxonomy order; with the number of
  reports admitting it per year and per administrative level.  ``share`` = bodies admitting it /
  all bodies.
* **clusters** of near-identical problem sentences across bodies: boilerplate that travels
  between reports.  Sentences are normalised (:func:`~nlp.summary.similarity.normalise`:
  self-references such as 我镇/我局/本机关, the body's own names, enumeration, punctuation and
  numbers removed); two sentences are near-duplicates when their character-bigram Jaccard
  similarity is ≥ :data:`CLUSTER_MIN` (0.6); clusters are the connected groups of near-duplicates
  (single link), kept when they span at least two bodies.  Sentences shorter than
  :data:`CLUSTER_MIN_CHARS` normalised characters are left out (三是公开形式单一 is a heading more
  than a sentence).  The example is the member most similar to the others.
* **vague** problems: the share of problem sentences whose specificity is below
  :data:`~nlp.summary.specificity.VAGUE_BELOW`, by level and by year.
* **year_over_year**: :func:`~nlp.summary.yoy.year_over_year`.

:func:`corpus_frame` gives the key figures as a pandas DataFrame, one row per report.

>>> import nlp
>>> summary = nlp.summarize_corpus("corpus/samples")               # doctest: +SKIP
>>> [(r.topic, r.bodies) for r in summary.recurring][:3]           # doctest: +SKIP
[('staff', 7), ('platform', 6), ('content', 5)]
>>> nlp.corpus_frame(summary.reports)   # the same reports as a table, not read again  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Report
from ..schema import FIGURE_KEYS, TOPICS
from .bodies import body_of
from .narrative import names, one_line, problems
from .similarity import bigrams, jaccard, normalise
from .specificity import specificity
from .yoy import YearPair, year_over_year

if TYPE_CHECKING:
    import pandas as pd

CLUSTER_MIN = 0.6
CLUSTER_MIN_CHARS = 8
UNKNOWN = "unknown"


@dataclass
class Recurring:
    topic: str
    bodies: int  # distinct bodies admitting it
    reports: int  # reports admitting it
    sentences: int  # problem sentences with this topic
    share: float  # bodies / all bodies
    by_year: dict[str, int] = field(default_factory=dict)  # year -> reports admitting it
    by_level: dict[str, int] = field(default_factory=dict)  # level -> reports admitting it

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Cluster:
    size: int  # sentences
    bodies: int  # distinct bodies
    agencies: list[str]  # their normalised names
    example: str
    members: list[dict[str, Any]]  # {"body", "year", "text"}

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Vagueness:
    problems: int
    vague: int

    @property
    def share(self) -> float | None:
        return self.vague / self.problems if self.problems else None

    def to_dict(self) -> dict[str, Any]:
        return {"problems": self.problems, "vague": self.vague, "share": self.share}


@dataclass
class CorpusSummary:
    reports: list[Report]
    recurring: list[Recurring]
    clusters: list[Cluster]
    year_over_year: list[YearPair]
    vague_by_level: dict[str, Vagueness]
    vague_by_year: dict[str, Vagueness]
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def bodies(self) -> list[str]:
        return sorted({body_of(r) for r in self.reports})

    @property
    def repeated(self) -> list[dict[str, Any]]:
        """Bodies with more than one report for the same year (copies of one report in other
        encodings or formats, different bytes, so not taken once; or a report and its
        correction), as ``{"body", "year", "reports"}``: each counts in the figures of the corpus."""
        counts = Counter((body_of(r), r.meta.year) for r in self.reports if r.meta.agency and r.meta.year)
        return [{"body": b, "year": y, "reports": n} for (b, y), n in sorted(counts.items()) if n > 1]

    def recurring_frame(self) -> pd.DataFrame:
        """:attr:`recurring` as a DataFrame: one row per topic, ranked (topic, bodies, reports,
        sentences, share), ready to plot (``.plot.barh(x="topic", y="bodies")``)."""
        import pandas as pd

        columns = ["topic", "bodies", "reports", "sentences", "share"]
        return pd.DataFrame([[getattr(r, c) for c in columns] for r in self.recurring], columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """The ``summarize DIR --format json`` object."""
        from . import summary_record

        return {
            "totals": {
                "reports": len(self.reports),
                "bodies": len(self.bodies),
                "years": sorted({r.meta.year for r in self.reports if r.meta.year is not None}),
                "errors": len(self.errors),
                "without_agency": sum(1 for r in self.reports if not r.meta.agency),
                "repeated": self.repeated,
            },
            "reports": [summary_record(r) for r in self.reports],
            "recurring": [r.to_dict() for r in self.recurring],
            "clusters": [c.to_dict() for c in self.clusters],
            "year_over_year": [p.to_dict() for p in self.year_over_year],
            "vague_problems": {
                "by_level": {k: v.to_dict() for k, v in self.vague_by_level.items()},
                "by_year": {k: v.to_dict() for k, v in self.vague_by_year.items()},
            },
            "errors": list(self.errors),
        }


Source = Report | str | Path  # a report, or a file / folder / `govreport tag` output folder


def reports_of(source: Source | Iterable[Source], backend: str | None = None
               ) -> tuple[list[Report], list[dict[str, str]]]:
    """(reports, error records) of a source or a list of them: the reports given as they are, then
    those of the paths, read and tagged with ``backend`` in one :func:`.sources.load_reports` (a
    file that cannot be read is skipped with one line on stderr and an error record; files with the
    same bytes are read once).  A single path that does not exist raises FileNotFoundError."""
    import sys

    from .sources import load_reports

    if isinstance(source, (str, Path)) and not Path(source).exists():
        raise FileNotFoundError(f"{source}: no such file or folder")
    items = [source] if isinstance(source, (Report, str, Path)) else list(source)
    wrong = [type(x).__name__ for x in items if not isinstance(x, (Report, str, Path))]
    if wrong:
        raise TypeError(f"expected reports, file or folder paths, not {wrong[0]}")
    reports = [x for x in items if isinstance(x, Report)]
    paths = [x for x in items if not isinstance(x, Report)]
    if not paths:
        return reports, []
    loaded = load_reports(paths, backend=backend, warn=lambda line: sys.stderr.write(line + "\n"))
    return reports + loaded.reports, loaded.errors


def summarize_corpus(
    reports: Source | Iterable[Source], errors: list[dict[str, str]] | None = None, backend: str | None = None
) -> CorpusSummary:
    """The corpus summary of reports, or of report files and folders (read and tagged here with
    ``backend``: see :func:`reports_of`; the files skipped are in ``errors``).

    >>> s = summarize_corpus("corpus/samples")          # doctest: +SKIP
    >>> s.to_dict()["recurring"][0]["topic"]             # doctest: +SKIP
    'staff'
    >>> s.recurring_frame().head(3)                      # doctest: +SKIP
    """
    reports, skipped = reports_of(reports, backend)
    errors = list(errors or []) + skipped
    return CorpusSummary(
        reports=reports,
        recurring=recurring(reports),
        clusters=clusters(reports),
        year_over_year=year_over_year(reports),
        vague_by_level=vagueness(reports, lambda r: r.meta.level or UNKNOWN),
        vague_by_year=vagueness(reports, lambda r: str(r.meta.year) if r.meta.year else UNKNOWN),
        errors=errors,
    )


def recurring(reports: list[Report]) -> list[Recurring]:
    """Problem topics ranked by distinct bodies admitting them (see the module docstring)."""
    all_bodies = {body_of(r) for r in reports}
    bodies: dict[str, set[str]] = defaultdict(set)
    per_report: dict[str, list[Report]] = defaultdict(list)
    sentences: Counter[str] = Counter()
    for r in reports:
        topics = Counter(t for s in problems(r) for t in s.topics)
        sentences.update(topics)
        for t in topics:
            bodies[t].add(body_of(r))
            per_report[t].append(r)
    out = []
    for t in bodies:
        years = Counter(str(r.meta.year) if r.meta.year else UNKNOWN for r in per_report[t])
        levels = Counter(r.meta.level or UNKNOWN for r in per_report[t])
        out.append(Recurring(
            topic=t, bodies=len(bodies[t]), reports=len(per_report[t]), sentences=sentences[t],
            share=round(len(bodies[t]) / len(all_bodies), 4),
            by_year=dict(sorted(years.items())), by_level=dict(sorted(levels.items())),
        ))
    return sorted(out, key=lambda x: (-x.bodies, -x.reports, TOPICS.index(x.topic)))


def clusters(reports: list[Report]) -> list[Cluster]:
    """Clusters of near-identical problem sentences spanning two or more bodies, largest first."""
    items = []  # (body, year, text, grams)
    for r in reports:
        own = names(r)
        for s in problems(r):
            norm = normalise(s.text, own)
            if len(norm) >= CLUSTER_MIN_CHARS:
                items.append((body_of(r), r.meta.year, one_line(s.text), bigrams(norm)))
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in similar_pairs([it[3] for it in items], CLUSTER_MIN):
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[root(i)].append(i)
    out = []
    for members in groups.values():
        agencies = sorted({items[i][0] for i in members})
        if len(agencies) < 2:
            continue
        example = max(members, key=lambda i: sum(jaccard(items[i][3], items[k][3]) for k in members))
        out.append(Cluster(
            size=len(members), bodies=len(agencies), agencies=agencies, example=items[example][2],
            members=[{"body": items[i][0], "year": items[i][1], "text": items[i][2]} for i in members],
        ))
    return sorted(out, key=lambda c: (-c.bodies, -c.size, c.example))


def similar_pairs(sets: list[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) with Jaccard ≥ ``threshold``, found with prefix filtering.

    Grams are ordered rarest first; two sets with Jaccard ≥ t share a gram among the first
    ``|A| - ceil(t·|A|) + 1`` of each, so only those prefixes are indexed (exact, not sampled).
    """
    df = Counter(g for s in sets for g in s)
    index: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for j, s in enumerate(sets):
        ordered = sorted(s, key=lambda g: (df[g], g))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]
        candidates = {i for g in prefix for i in index[g]}
        pairs += [(i, j) for i in sorted(candidates) if jaccard(sets[i], s) >= threshold]
        for g in prefix:
            index[g].append(j)
    return pairs


def vagueness(reports: list[Report], key) -> dict[str, Vagueness]:
    """Problems and vague problems per ``key(report)`` (a level, a year)."""
    out: dict[str, Vagueness] = {}
    for r in reports:
        found = problems(r)
        v = out.setdefault(key(r), Vagueness(0, 0))
        v.problems += len(found)
        v.vague += sum(specificity(s.text).vague for s in found)
    return dict(sorted(out.items()))


# ---- key figures as a table ------------------------------------------------------------------------
FRAME_CELLS: dict[str, tuple[str, str]] = {
    "requests_new": ("requests", "new.total"),
    "requests_carried_over": ("requests", "carried_over.total"),
    "requests_handled": ("requests", "handled_total.total"),
    "requests_granted": ("requests", "granted.total"),
    "requests_partial": ("requests", "partial.total"),
    "requests_not_held": ("requests", "unavailable.not_held.total"),
    "requests_carried_forward": ("requests", "carried_forward.total"),
    "reviews": ("review_litigation", "review.total"),
    "lawsuits_direct": ("review_litigation", "litigation_direct.total"),
    "lawsuits_after_review": ("review_litigation", "litigation_after_review.total"),
    "normative_documents_in_force": ("proactive", "normative_documents.in_force"),
}


META_FRAME_COLUMNS = ("source", "agency", "body", "year", "level", "format", "published", "places",
                      "encoding", "converted_from_traditional")
COUNT_COLUMNS = ("checks_failed", "checks_not_assessable", "problems", "problems_answered", "problems_vague")


def frame_columns() -> list[str]:
    """The columns of :func:`corpus_frame`, in order (see its docstring)."""
    from ..checks import derive_metrics
    from ..model import Tables

    return [*META_FRAME_COLUMNS, *FRAME_CELLS, *FIGURE_KEYS, *derive_metrics(Tables(), {}), *COUNT_COLUMNS]


def frame_row(report: Report) -> dict[str, Any]:
    """One row of :func:`corpus_frame` (its columns, see there).  The problem counts are ``None``
    for a report that was not tagged (``report.sentences is None``): unknown, not zero."""
    from .coverage import coverage

    m = report.meta
    row: dict[str, Any] = {
        "source": report.source, "agency": m.agency, "body": body_of(report), "year": m.year,
        "level": m.level, "format": m.format, "published": m.published, "places": list(m.places),
        "encoding": m.encoding, "converted_from_traditional": m.converted_from_traditional,
    }
    for name, (table, dotted) in FRAME_CELLS.items():
        node: Any = getattr(report.tables, table)
        for part in dotted.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        row[name] = node
    for key in FIGURE_KEYS:
        row[key] = report.figures[key].value if key in report.figures else None
    for key, metric in report.metrics.items():
        row[key] = metric.value
    row["checks_failed"] = len(report.failed_checks)
    row["checks_not_assessable"] = sum(c.status == "not_assessable" for c in report.checks)
    if report.sentences is None:  # not tagged: the narrative counts are unknown
        row.update(problems=None, problems_answered=None, problems_vague=None)
        return row
    found = problems(report)
    row["problems"] = len(found)
    row["problems_answered"] = len(coverage(report).answered)
    row["problems_vague"] = sum(specificity(s.text).vague for s in found)
    return row


def corpus_frame(source: Source | Iterable[Source], backend: str | None = None) -> pd.DataFrame:
    """Key figures across a corpus: one row per report, sorted by body then year.

    ``source``: reports, or report files, folders and ``govreport tag`` output folders, or a list
    mixing them (files are read and tagged here, with ``backend``, default the shipped default; a
    file that cannot be read is skipped with one line on stderr, and its error record is in
    ``frame.attrs["errors"]``).

    Columns (always all of them, in this order, even for no report):

    * ``source`` (path), ``agency``, ``body`` (normalised agency name), ``year`` (Int64),
      ``level``, ``format``, ``published`` (datetime64), ``places``, ``encoding``,
      ``converted_from_traditional``;
    * table cells (float64; NaN = blank): ``requests_new``, ``requests_carried_over``,
      ``requests_handled``, ``requests_granted``, ``requests_partial``, ``requests_not_held``,
      ``requests_carried_forward`` (table 3 totals), ``reviews``, ``lawsuits_direct``,
      ``lawsuits_after_review`` (table 4 totals), ``normative_documents_in_force`` (table 2);
    * the narrative figures (``nlp.schema.FIGURE_KEYS``, e.g. ``proactive_total``) and the
      derived metrics (``disclosure_rate`` ...), float64;
    * counts (Int64): ``checks_failed``, ``checks_not_assessable``, and ``problems``,
      ``problems_answered``, ``problems_vague`` (NA for a report that was not tagged).

    >>> import nlp
    >>> df = nlp.corpus_frame("corpus/samples")                        # doctest: +SKIP
    >>> df[["agency", "year", "disclosure_rate", "checks_failed"]]      # doctest: +SKIP
    >>> df.pivot_table(index="year", columns="level", values="requests_new").plot()  # doctest: +SKIP
    """
    import pandas as pd

    reports, errors = reports_of(source, backend)
    frame = pd.DataFrame([frame_row(r) for r in reports], columns=frame_columns())
    numeric = [c for c in frame.columns if c not in META_FRAME_COLUMNS and c not in COUNT_COLUMNS]
    frame[numeric] = frame[numeric].astype("float64")
    for column in ("year", *COUNT_COLUMNS):
        frame[column] = frame[column].astype("Int64")
    frame["published"] = pd.to_datetime(frame["published"])
    frame["converted_from_traditional"] = frame["converted_from_traditional"].astype("boolean")
    frame = frame.sort_values(["body", "year"], kind="stable", na_position="last").reset_index(drop=True)
    frame.attrs["errors"] = errors
    return frame
