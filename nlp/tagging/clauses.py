"""Topics of long sentences from their clauses as well as from the whole.

A sentence of real section 五 often strings several steps together (加强培训，完善制度，及时更新
栏目…).  Scored as a whole, each step's words are a small part of the sentence's features, and the
second and third topics fall under their thresholds.  So a problem or measure sentence of two or
more clauses is also scored clause by clause, and a topic's probability is the larger of the
sentence's and ``factor`` times its best clause's, provided the whole sentence gives the topic at
least ``floor``: a clause sharpens a topic the sentence already hints at, it never adds one from
nothing (a short clause alone can look like anything).  Factor and floor are part of a trained
model (its ``clause_factor`` and ``clause_floor``; thresholds are tuned with them on dev); a model
without them scores whole sentences only.

Clauses are cut at the sentence's own punctuation tokens (，；：。！？ and their half-width forms),
so nothing is segmented twice; a clause shorter than ``MIN_CHARS`` characters is no clause.

>>> from nlp.tagging.features import Prepared
>>> [c.clean for c in split(Prepared("加强业务培训，完善审核制度", "加强 业务培训 ， 完善 审核 制度 __x", "__x"))]
['加强业务培训', '完善审核制度']
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .features import Prepared

# (factor, floor) that `govreport train` records in a new model of each backend: chosen on the
# team's private probe of real sentences, keeping the dev figures at their targets (spaCy's topic
# probabilities run lower, so its floor is lower).
SETTINGS = {"sklearn": (0.6, 0.2), "spacy": (0.5, 0.04)}
MIN_CHARS = 4
_CUTS = frozenset("，,；;：:。！？!?")


def split(item: Prepared) -> list[Prepared]:
    """The clauses of a prepared sentence (each with the sentence's context markers), or ``[]``
    when it has fewer than two."""
    words = item.tokens[: len(item.tokens) - len(item.context)].split() if item.context else item.tokens.split()
    clauses, current = [], []
    for word in words + ["。"]:
        if word in _CUTS:
            text = "".join(current)
            if len(text) >= MIN_CHARS:
                clauses.append(Prepared(text, " ".join(current + [item.context]) if item.context else " ".join(current),
                                        item.context))
            current = []
        else:
            current.append(word)
    return clauses if len(clauses) > 1 else []


def with_clauses(predict: Callable[[list[Prepared]], tuple[np.ndarray, np.ndarray]], items: list[Prepared],
                 role_p: np.ndarray, topic_p: np.ndarray, factor: float, floor: float, other: int,
                 limits: np.ndarray | None = None) -> np.ndarray:
    """``topic_p`` raised to ``factor`` times the best clause's probability where it is at least
    ``floor``, for the rows whose most probable role is not ``other`` (the column index of
    ``other`` in ``role_p``).

    With ``limits`` (the topics' thresholds) only what a decision can turn on is raised: a
    topic under its threshold, of a row with such a topic; a topic over its threshold is taken
    whatever its clauses, and keeps the sentence's probability.  The topics decided are the same
    as without, for fewer clauses scored."""
    if not factor or not len(items):
        return topic_p
    open_ = topic_p >= floor
    if limits is not None:
        open_ &= topic_p < limits
    rows = np.flatnonzero((role_p.argmax(axis=1) != other) & open_.any(axis=1))
    clauses, owners = [], []
    for i in rows.tolist():
        parts = split(items[i])
        clauses += parts
        owners += [i] * len(parts)
    if not clauses:
        return topic_p
    _, clause_p = predict(clauses)
    best = np.zeros_like(topic_p)
    np.maximum.at(best, np.array(owners), clause_p)
    return np.where(open_, np.maximum(topic_p, factor * best), topic_p)
