"""Problem → measure coverage: for each admitted problem, the measure that answers it.

A measure answers a problem when it comes after it (a step of the overview or of an earlier
section is work done before, not the answer: 成立了…领导小组 in 一、 does not answer a problem of
五、), shares at least one topic with it and their wording is similar: :func:`~nlp.summary.similarity.similarity` (character-bigram Jaccard after normalising)
of at least :data:`ANSWER_MIN`.  The bar is low on purpose: a measure restates the problem's
subject in other words (工作力量偏弱 → 充实工作力量), so one shared phrase is the signal; the
shared topic does the rest.  Among the measures that qualify the most similar wins; a measure may
answer several problems.  Where none qualifies, a report that numbers its problems and its
measures alike (一是 … 三是, then 一是 … 三是: each number once on each side) answers a numbered
problem with the measure of its number if they share a topic, however unlike their wording
(``matched_by`` "order", not "wording").  A problem with no measure either way is *unanswered*.

>>> import nlp
>>> r = nlp.read_report("corpus/samples/township-2023.txt", tag=True)   # doctest: +SKIP
>>> c = coverage(r); len(c.answered), len(c.unanswered)                 # doctest: +SKIP
(4, 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Report, Sentence
from .narrative import measures, names, one_line, problems
from .similarity import bigrams, jaccard, normalise

ANSWER_MIN = 0.05


@dataclass
class Answer:
    problem: str
    topics: list[str]
    measure: str | None  # None: no measure answers it
    similarity: float  # of the chosen measure (0.0 when none)
    shared_topics: list[str] = field(default_factory=list)
    matched_by: str | None = None  # "wording" (topic and similarity), "order" (the same number), None

    def to_dict(self) -> dict:
        return {
            "problem": self.problem,
            "topics": self.topics,
            "measure": self.measure,
            "similarity": self.similarity,
            "shared_topics": self.shared_topics,
            "matched_by": self.matched_by,
        }


@dataclass
class Coverage:
    answers: list[Answer]  # one per admitted problem, in reading order

    @property
    def answered(self) -> list[Answer]:
        return [a for a in self.answers if a.measure is not None]

    @property
    def unanswered(self) -> list[Answer]:
        return [a for a in self.answers if a.measure is None]

    @property
    def share_answered(self) -> float | None:
        return len(self.answered) / len(self.answers) if self.answers else None

    def to_dict(self) -> dict:
        return {
            "problems": len(self.answers),
            "answered": len(self.answered),
            "share_answered": self.share_answered,
            "pairs": [a.to_dict() for a in self.answered],
            "unanswered": [a.to_dict() for a in self.unanswered],
        }


def answer(problem: Sentence, candidates: list[Sentence], own_names: list[str]) -> Answer:
    """The measure among ``candidates`` that answers ``problem`` (see the module docstring)."""
    grams = bigrams(normalise(problem.text, own_names))
    best: tuple[float, Sentence | None] = (0.0, None)
    for m in candidates:
        if m.position <= problem.position or not set(m.topics) & set(problem.topics):
            continue
        sim = jaccard(grams, bigrams(normalise(m.text, own_names)))
        if sim >= ANSWER_MIN and sim > best[0]:
            best = (sim, m)
    sim, chosen = best
    return _answer(problem, chosen, sim, "wording")


def _answer(problem: Sentence, chosen: Sentence | None, sim: float, how: str) -> Answer:
    return Answer(
        problem=one_line(problem.text),
        topics=list(problem.topics),
        measure=one_line(chosen.text) if chosen else None,
        similarity=round(sim, 3),
        shared_topics=[t for t in problem.topics if chosen and t in chosen.topics],
        matched_by=how if chosen else None,
    )


_NUMBERED = re.compile(r"^\s*(?:(?P<shi>[一二三四五六七八九十]{1,2})是|[（(](?P<paren>[一二三四五六七八九十]{1,2})[）)])")


def _number(text: str) -> str | None:
    """The number a point opens with (一是 -> 一, （二） -> 二), else None."""
    m = _NUMBERED.match(text)
    return (m.group("shi") or m.group("paren")) if m else None


def _by_number(sentences: list[Sentence]) -> dict[str, Sentence] | None:
    """The numbered points by their number, when each number opens one point only."""
    numbered = [(n, s) for s in sentences if (n := _number(s.text))]
    points = dict(numbered)
    return points if len(points) == len(numbered) else None


def coverage(report: Report) -> Coverage:
    """Answers for every problem the report admits (empty when the report was not tagged)."""
    own, candidates, admitted = names(report), measures(report), problems(report)
    answers = [answer(p, candidates, own) for p in admitted]
    numbered_problems, numbered_measures = _by_number(admitted), _by_number(candidates)
    if numbered_problems and numbered_measures and numbered_problems.keys() == numbered_measures.keys():
        for i, p in enumerate(admitted):
            if answers[i].measure is None and (n := _number(p.text)):
                m = numbered_measures[n]
                if m.position <= p.position or not set(m.topics) & set(p.topics):
                    continue
                sim = jaccard(bigrams(normalise(p.text, own)), bigrams(normalise(m.text, own)))
                answers[i] = _answer(p, m, sim, "order")
    return Coverage(answers)
