"""Scores of a tagger on labelled sentences: per-label precision, recall and F1, role confusion.

Role macro-F1 averages the three roles; topic micro-F1 pools every (sentence, topic) decision over
all sentences (an ``other`` sentence predicted with no topic and labelled with none adds nothing).
"""

from __future__ import annotations

from pathlib import Path

from ..schema import ROLES, TOPICS


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def score(gold_roles: list[str], gold_topics: list[tuple[str, ...]],
          pred_roles: list[str], pred_topics: list[list[str]]) -> dict:
    """All figures of one run as a plain dict (JSON-ready)."""
    roles = {}
    for r in ROLES:
        tp = sum(g == r and p == r for g, p in zip(gold_roles, pred_roles))
        fp = sum(g != r and p == r for g, p in zip(gold_roles, pred_roles))
        fn = sum(g == r and p != r for g, p in zip(gold_roles, pred_roles))
        roles[r] = prf(tp, fp, fn)
    confusion = {g: {p: 0 for p in ROLES} for g in ROLES}
    for g, p in zip(gold_roles, pred_roles):
        confusion[g][p] += 1
    topics, TP, FP, FN = {}, 0, 0, 0
    for t in TOPICS:
        tp = sum(t in g and t in p for g, p in zip(gold_topics, pred_topics))
        fp = sum(t not in g and t in p for g, p in zip(gold_topics, pred_topics))
        fn = sum(t in g and t not in p for g, p in zip(gold_topics, pred_topics))
        topics[t] = prf(tp, fp, fn)
        TP, FP, FN = TP + tp, FP + fp, FN + fn
    return {
        "n": len(gold_roles),
        "role_macro_f1": round(sum(v["f1"] for v in roles.values()) / len(ROLES), 4),
        "role_accuracy": round(sum(g == p for g, p in zip(gold_roles, pred_roles)) / max(len(gold_roles), 1), 4),
        "topic_micro_f1": prf(TP, FP, FN)["f1"],
        "roles": roles,
        "role_confusion": confusion,
        "topics": topics,
    }


def tune_thresholds(gold_topics: list[tuple[str, ...]], topic_p, mask: list[bool],
                    cues: list[set[str]] | None = None) -> dict[str, float]:
    """Per-topic threshold that maximises F1 on the sentences where ``mask`` is true, with the
    cue-word rule of :mod:`.lexicon` applied (a cue halves the threshold)."""
    import numpy as np

    from .lexicon import CUE_FACTOR

    grid = [i / 20 for i in range(2, 19)]
    rows = [i for i, m in enumerate(mask) if m]
    cues = cues or [set()] * len(mask)
    out = {}
    for j, t in enumerate(TOPICS):
        gold = np.array([t in gold_topics[i] for i in rows])
        p = topic_p[rows, j]
        factor = np.array([CUE_FACTOR if t in cues[i] else 1.0 for i in rows])
        best, best_f = 0.5, -1.0
        for thr in grid:
            hit = p >= thr * factor
            f = prf(int((hit & gold).sum()), int((hit & ~gold).sum()), int((~hit & gold).sum()))["f1"]
            if f > best_f + 1e-9:
                best, best_f = thr, f
        out[t] = best
    return out


def dev_views(dev) -> dict:
    """The dev sentences prepared bare (text only) and with their context (section, heading)."""
    from .features import prepare_many

    texts = [ex.text for ex in dev]
    return {
        "bare": prepare_many(texts),
        "context": prepare_many(texts, [ex.section for ex in dev], [ex.heading for ex in dev]),
    }


def score_tagger(tagger, dev, views: dict | None = None) -> tuple[dict, tuple[list, list]]:
    """``({"bare": scores, "context": scores}, bare_predictions)`` of a tagger on labelled dev
    sentences; the bare predictions (roles, topics) are what :func:`choose_default` compares."""
    views = views or dev_views(dev)
    gold_r = [ex.role for ex in dev]
    gold_t = [ex.topics for ex in dev]
    out: dict = {}
    bare: tuple[list, list] = ([], [])
    for name, items in views.items():
        decided = tagger.tag(items)
        predicted = ([d[0] for d in decided], [d[1] for d in decided])
        out[name] = score(gold_r, gold_t, *predicted)
        if name == "bare":
            bare = predicted
    return out, bare


FASTEST = "sklearn"  # several times faster at tagging (benchmarks/bench_tagging.py)
CONFIDENCE = 0.95  # share of bootstrap resamples a slower backend must win to be the default
RESAMPLES = 1000


def quality(scores: dict) -> float:
    """What "better" means on dev: role macro-F1 plus topic micro-F1 (bare sentences)."""
    return scores["role_macro_f1"] + scores["topic_micro_f1"]


def bootstrap_wins(gold_roles: list[str], gold_topics: list[tuple[str, ...]], first: tuple[list, list],
                   second: tuple[list, list], resamples: int = RESAMPLES, seed: int = 0) -> float:
    """Share of paired bootstrap resamples of the sentences in which the predictions ``second``
    (roles, topics) have a higher :func:`quality` than ``first``: how sure a difference is."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n, wins = len(gold_roles), 0
    for _ in range(resamples):
        idx = rng.integers(0, n, n).tolist()
        gold = ([gold_roles[i] for i in idx], [gold_topics[i] for i in idx])
        a = score(*gold, [first[0][i] for i in idx], [first[1][i] for i in idx])
        b = score(*gold, [second[0][i] for i in idx], [second[1][i] for i in idx])
        wins += quality(b) > quality(a)
    return wins / resamples


def choose_default(dev, results: dict[str, dict], predictions: dict[str, tuple[list, list]]) -> tuple[str, dict]:
    """The default backend and why: the one of higher :func:`quality` on dev, unless it is slower
    than :data:`FASTEST` and wins fewer than :data:`CONFIDENCE` of the paired bootstrap resamples
    of dev against it (a difference the dev set cannot tell from chance).  ``results`` and
    ``predictions``: backend -> the two parts of :func:`score_tagger`'s output."""
    best = max(results, key=lambda b: quality(results[b]["bare"]))
    if len(results) == 1:
        return best, {"rule": "the only backend trained"}
    if best == FASTEST or FASTEST not in results:
        return best, {"rule": "higher dev quality"}
    share = bootstrap_wins([ex.role for ex in dev], [ex.topics for ex in dev],
                           predictions[FASTEST], predictions[best])
    why = {f"{best}_wins_share": round(share, 3), "resamples": RESAMPLES}
    if share >= CONFIDENCE:
        return best, {"rule": f"higher dev quality, in >= {CONFIDENCE:.0%} of bootstrap resamples", **why}
    return FASTEST, {"rule": f"dev difference not sure (< {CONFIDENCE:.0%} of bootstrap resamples): the faster", **why}


def evaluate_models(backends: tuple[str, ...] | None = None, directory=None, corpus_dir=None,
                    labelled: Path | None = None) -> dict:
    """Score the saved taggers on the dev split, on bare sentences and with their context.

    Returns ``{backend: {"bare": scores, "context": scores}, "n_dev": n, "corpus_sha256": ...}``
    and, when several backends are scored, the ``"default"`` :func:`choose_default` picks and its
    ``"default_reason"``.  With ``labelled`` (a JSON-lines file, see
    :func:`~nlp.tagging.corpus.load_labelled`), every sentence of that file is scored instead:
    ``{backend: ..., "set": path, "n": n, "sha256": ...}``, without a default (that is the dev
    split's business).
    """
    from ..hashing import sha256_file
    from . import BACKENDS, load_tagger
    from .corpus import corpus_hash, load_corpus, load_labelled, split

    if labelled is None:
        examples = split(load_corpus(corpus_dir)).dev
        out: dict = {"n_dev": len(examples), "corpus_sha256": corpus_hash(corpus_dir)}
    else:
        examples = load_labelled(Path(labelled))
        out = {"set": str(labelled), "n": len(examples), "sha256": sha256_file(labelled)}
    views = dev_views(examples)
    results, predictions = {}, {}
    for backend in backends or BACKENDS:
        tagger = load_tagger(backend, str(directory) if directory else None)
        results[backend], predictions[backend] = score_tagger(tagger, examples, views)
    if len(results) > 1 and labelled is None:
        out["default"], out["default_reason"] = choose_default(examples, results, predictions)
    return {**out, **results}
