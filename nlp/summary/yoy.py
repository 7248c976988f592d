"""Year over year: one body's reports of consecutive years, compared.

Reports are linked by :func:`~nlp.summary.bodies.body_of` (normalised agency name) and year; each
pair of reports of years ``y`` and ``y + 1`` gives one :class:`YearPair`.  (A body with two
reports for the same year keeps the first one read.)

Problems (those of section 五, see :mod:`.narrative`) of last year and this year are paired
one-to-one, most similar pair first, by :func:`~nlp.summary.similarity.similarity`:

* **repeated**: similarity ≥ :data:`REPEAT_MIN` (near-verbatim: the same sentence with at most a
  few words changed), whatever the topics;
* **reworded**: below :data:`REPEAT_MIN`, the same weakness in other words: the two problems have
  the same *main* topic (of a sentence's topics, the one the tagger scores highest), or they share
  any topic and their similarity is ≥ :data:`REWORD_MIN`.  At the taxonomy's grain a weakness of
  the same main topic admitted again the next year is the same weakness, however it is worded
  (政策解读的质量和水平还需进一步提升 → 政策解读质量不高，对惠农政策的解读多是照搬文件原文…);
* **dropped**: last year's problems left unpaired; **new**: this year's problems left unpaired.

``copy_index`` = (characters of this year's problem sentences that have a near-verbatim match,
similarity ≥ :data:`REPEAT_MIN`, among last year's problem sentences) / (characters of all this
year's problem sentences); whitespace is not counted.  0.0: nothing carried over; 1.0: every
problem copied from last year; ``None`` when this year admits no problem.

Last year's measures (the promises of its section 五) are looked for in this year's whole
narrative except this year's own promises and admitted problems (a promise made again is not a
promise kept, a weakness admitted is not a measure done).  A measure
is **done** when one sentence holds at least :data:`DONE_KEYWORDS` of its key content words
(:func:`~nlp.summary.similarity.key_words`, at least two of them) or is similar to it
(≥ :data:`DONE_SIMILARITY`); otherwise it is **not mentioned**.

Checks across the two years' tables:

* ``Y.carried_over``, one per column of table 3: last year's ``carried_forward`` = this year's
  ``carried_over``; ``fail`` when they differ;
* ``Y.in_force``, for ``rules`` and ``normative_documents`` of table 2: last year's ``in_force`` +
  this year's ``issued`` − ``repealed`` = this year's ``in_force``; ``warning`` when it does not
  hold, since a clean-up of old documents legitimately breaks it.

Either is ``not_assessable`` when a cell is blank or a table is missing.

>>> pairs = year_over_year(reports)                       # doctest: +SKIP
>>> [(p.agency, p.from_year, p.to_year, p.copy_index) for p in pairs]  # doctest: +SKIP
[('青禾县鹭汀镇人民政府', 2022, 2023, 0.41), ...]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..model import Check, Report, Sentence
from ..schema import REQUEST_COLUMNS
from .bodies import body_of
from .narrative import measures, names, one_line, problems, sentences
from .similarity import bigrams, jaccard, key_words, normalise

REPEAT_MIN = 0.6
REWORD_MIN = 0.2
DONE_KEYWORDS = 0.5
DONE_SIMILARITY = 0.35


@dataclass
class ProblemLink:
    last_year: str
    this_year: str
    similarity: float
    topics: list[str]  # this year's topics

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.last_year, "to": self.this_year, "similarity": self.similarity,
                "topics": self.topics}


@dataclass
class MeasureFollowUp:
    measure: str  # last year's promise
    key_words: list[str]
    evidence: str | None = None  # this year's sentence that reports it done
    found_words: list[str] = field(default_factory=list)
    similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "key_words": self.key_words, "evidence": self.evidence,
                "found_words": self.found_words, "similarity": self.similarity}


@dataclass
class YearPair:
    agency: str  # as printed in this year's report
    body: str  # normalised name
    from_year: int
    to_year: int
    repeated: list[ProblemLink]
    reworded: list[ProblemLink]
    dropped: list[Sentence]
    new: list[Sentence]
    copy_index: float | None
    measures_done: list[MeasureFollowUp]
    measures_not_mentioned: list[MeasureFollowUp]
    checks: list[Check]

    def to_dict(self) -> dict[str, Any]:
        problem = lambda s: {"text": one_line(s.text), "topics": s.topics}  # noqa: E731
        return {
            "agency": self.agency, "body": self.body, "from_year": self.from_year, "to_year": self.to_year,
            "repeated": [x.to_dict() for x in self.repeated],
            "reworded": [x.to_dict() for x in self.reworded],
            "dropped": [problem(s) for s in self.dropped],
            "new": [problem(s) for s in self.new],
            "copy_index": self.copy_index,
            "measures_done": [m.to_dict() for m in self.measures_done],
            "measures_not_mentioned": [m.to_dict() for m in self.measures_not_mentioned],
            "checks": [asdict(c) for c in self.checks],
        }


def series(reports: list[Report]) -> dict[str, list[Report]]:
    """Reports with a year grouped by body, each list sorted by year, one report per year."""
    out: dict[str, dict[int, Report]] = {}
    for r in reports:
        if r.meta.year is not None:
            out.setdefault(body_of(r), {}).setdefault(r.meta.year, r)
    return {b: [years[y] for y in sorted(years)] for b, years in sorted(out.items())}


def year_over_year(reports: list[Report]) -> list[YearPair]:
    """One :class:`YearPair` per body and pair of consecutive years, by body then year."""
    pairs = []
    for runs in series(reports).values():
        for last, this in zip(runs, runs[1:]):
            if this.meta.year == last.meta.year + 1:  # type: ignore[operator]
                pairs.append(compare(last, this))
    return pairs


def compare(last: Report, this: Report) -> YearPair:
    """Compare a body's report with its report of the year before (see the module docstring)."""
    own = sorted(set(names(last) + names(this)))
    before, now = problems(last), problems(this)
    grams_before = [bigrams(normalise(s.text, own)) for s in before]
    grams_now = [bigrams(normalise(s.text, own)) for s in now]
    sims = [[jaccard(a, b) for b in grams_now] for a in grams_before]

    candidates = sorted(
        ((sims[i][j], i, j) for i in range(len(before)) for j in range(len(now))
         if _same_weakness(before[i], now[j], sims[i][j])),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    repeated, reworded = [], []
    for sim, i, j in candidates:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        link = ProblemLink(one_line(before[i].text), one_line(now[j].text), round(sim, 3), now[j].topics)
        (repeated if sim >= REPEAT_MIN else reworded).append(link)

    done, not_mentioned = follow_up(measures(last), this, own)
    return YearPair(
        agency=this.meta.agency or body_of(this),
        body=body_of(this),
        from_year=last.meta.year,  # type: ignore[arg-type]
        to_year=this.meta.year,  # type: ignore[arg-type]
        repeated=_in_order(repeated, now),
        reworded=_in_order(reworded, now),
        dropped=[s for i, s in enumerate(before) if i not in used_i],
        new=[s for j, s in enumerate(now) if j not in used_j],
        copy_index=copy_index(now, sims),
        measures_done=done,
        measures_not_mentioned=not_mentioned,
        checks=cross_year_checks(last, this),
    )


def main_topic(s: Sentence) -> str | None:
    """The sentence's topic with the highest tagger score (``None`` without topics)."""
    return max(s.topics, key=lambda t: s.scores.get(t, 0.0)) if s.topics else None


def _same_weakness(last: Sentence, this: Sentence, sim: float) -> bool:
    """Whether two problems of consecutive years can be paired (module docstring)."""
    if sim >= REPEAT_MIN or (main_topic(last) is not None and main_topic(last) == main_topic(this)):
        return True
    return sim >= REWORD_MIN and bool(set(last.topics) & set(this.topics))


def _in_order(links: list[ProblemLink], now: list[Sentence]) -> list[ProblemLink]:
    order = {one_line(s.text): k for k, s in enumerate(now)}
    return sorted(links, key=lambda x: order.get(x.this_year, 0))


def _chars(text: str) -> int:
    return len("".join(text.split()))


def copy_index(now: list[Sentence], sims: list[list[float]]) -> float | None:
    """Share of this year's problem characters with a near-verbatim match last year."""
    total = sum(_chars(s.text) for s in now)
    if not total:
        return None
    copied = sum(_chars(s.text) for j, s in enumerate(now) if any(row[j] >= REPEAT_MIN for row in sims))
    return round(copied / total, 3)


def follow_up(promised: list[Sentence], this: Report, own: list[str]) -> tuple[list[MeasureFollowUp], list[MeasureFollowUp]]:
    """(done, not mentioned) for last year's promised measures, searched in this year's report."""
    promises_now = {id(s) for s in measures(this)}
    pool = [s for s in sentences(this)
            if not s.is_heading and s.role != "problem" and id(s) not in promises_now]
    pool_text = [normalise(s.text, own) for s in pool]
    pool_grams = [bigrams(t) for t in pool_text]
    done, missing = [], []
    for m in promised:
        words = key_words(m.text)
        grams = bigrams(normalise(m.text, own))
        best = MeasureFollowUp(one_line(m.text), words)
        best_rank = (0.0, 0.0)
        for s, text, g in zip(pool, pool_text, pool_grams):
            found = [w for w in words if w in text]
            sim = jaccard(grams, g)
            share = len(found) / len(words) if words else 0.0
            if (share >= DONE_KEYWORDS and len(found) >= 2) or sim >= DONE_SIMILARITY:
                if (share, sim) > best_rank:
                    best_rank = (share, sim)
                    best = MeasureFollowUp(one_line(m.text), words, one_line(s.text), found, round(sim, 3))
        (done if best.evidence else missing).append(best)
    return done, missing


# ---- checks across years -------------------------------------------------------------------------
def _cell(table: dict | None, row: str, col: str) -> int | float | None:
    if table is None:
        return None
    node: Any = table
    for part in (*row.split("."), col):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def cross_year_checks(last: Report, this: Report) -> list[Check]:
    """``Y.carried_over`` per table-3 column and ``Y.in_force`` per table-2 row (module docstring)."""
    checks = []
    for col in REQUEST_COLUMNS:
        before = _cell(last.requests, "carried_forward", col)
        now = _cell(this.requests, "carried_over", col)
        cells = [f"{last.meta.year}:requests.carried_forward.{col}", f"{this.meta.year}:requests.carried_over.{col}"]
        if before is None or now is None:
            checks.append(Check("Y.carried_over", cells, before, now, "not_assessable",
                                f"column {col}: a cell is blank or table 3 is missing, cannot compare"))
        else:
            ok = abs(before - now) < 1e-9
            checks.append(Check(
                "Y.carried_over", cells, before, now, "pass" if ok else "fail",
                f"column {col}: carried forward from {last.meta.year} = {before}, carried over into "
                f"{this.meta.year} = {now}" + ("" if ok else " (they differ)"),
            ))
    for row in ("rules", "normative_documents"):
        values = {
            "in_force_before": _cell(last.proactive, row, "in_force"),
            "issued": _cell(this.proactive, row, "issued"),
            "repealed": _cell(this.proactive, row, "repealed"),
            "in_force": _cell(this.proactive, row, "in_force"),
        }
        cells = [f"{last.meta.year}:proactive.{row}.in_force"] + [
            f"{this.meta.year}:proactive.{row}.{c}" for c in ("issued", "repealed", "in_force")]
        if any(v is None for v in values.values()):
            checks.append(Check("Y.in_force", cells, None, values["in_force"], "not_assessable",
                                f"{row}: a cell is blank or table 2 is missing, cannot compare"))
            continue
        expected = values["in_force_before"] + values["issued"] - values["repealed"]  # type: ignore[operator]
        ok = abs(expected - values["in_force"]) < 1e-9  # type: ignore[operator]
        checks.append(Check(
            "Y.in_force", cells, expected, values["in_force"], "pass" if ok else "warning",
            f"{row}: in force {last.meta.year} {values['in_force_before']} + issued {values['issued']} − "
            f"repealed {values['repealed']} = {expected}, printed {values['in_force']}"
            + ("" if ok else " (a clean-up can explain it)"),
        ))
    return checks
