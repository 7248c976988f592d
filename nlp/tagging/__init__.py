"""Sentence tagging: a role (problem / measure / other) and topics for each narrative sentence.

>>> from nlp import tag_sentences
>>> [s.role for s in tag_sentences(["政务公开工作人员业务能力有待提高。", "下一步将加强业务培训。"])]  # doctest: +SKIP
['problem', 'measure']

Two backends behind one interface: ``sklearn`` (TF-IDF + linear models; NumPy-only at run time)
and ``spacy`` (textcat + textcat_multilabel).  Models live in ``models/`` and are verified against
``models/MANIFEST.json`` before use; nothing is unpickled.
"""

from __future__ import annotations

import json
import os
from collections.abc import Container, Iterable, Sequence
from functools import cache, lru_cache, partial
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..hashing import sha256_file
from ..model import Sentence
from ..schema import ROLES, TOPICS
from .clauses import with_clauses
from .features import Prepared, prepare_many

BACKENDS = ("sklearn", "spacy")
MANIFEST = "MANIFEST.json"


def models_dir() -> Path:
    """``$GOVREPORT_MODELS`` if set, else the ``models/`` folder shipped beside the package."""
    env = os.environ.get("GOVREPORT_MODELS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[2] / "models"
    if here.exists():
        return here
    import sys

    return Path(sys.prefix) / "share" / "govreport" / "models"


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: no trained models here; run `govreport train`") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable manifest ({exc})") from exc


def verify(directory: Path, backend: str) -> dict:
    """Check every file of a backend against the manifest; returns the manifest."""
    manifest = read_manifest(directory)
    files = {k: v for k, v in manifest.get("files", {}).items() if k.startswith(f"{backend}/")}
    if not files:
        raise ModelError(f"{directory}: the manifest lists no {backend} model; run `govreport train`")
    for rel, digest in files.items():
        path = directory / rel
        if not path.is_file():
            raise ModelError(f"{path}: model file missing")
        if sha256_file(path) != digest:
            raise ModelError(f"{path}: does not match the hash recorded when it was trained (tampered or foreign file)")
    return manifest


class Tagger:
    """Tags prepared sentences with one backend.  Get one with :func:`load_tagger`."""

    def __init__(self, backend: str, predict, thresholds: dict[str, float], meta: dict):
        self.backend = backend
        self._predict = predict  # list[Prepared] -> (role probs, topic probs)
        self.thresholds = thresholds
        self.meta = meta
        # a model trained before clauses were scored has none: whole sentences only (see .clauses)
        self.clause_factor = float(meta.get("clause_factor", 0.0))
        self.clause_floor = float(meta.get("clause_floor", 0.0))

    def proba(self, items: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
        """Role and topic probabilities; a topic's is raised by the sentence's clauses (see
        :mod:`.clauses`) when the model has a ``clause_factor``."""
        return self._proba(items, None)

    def _proba(self, items: list[Prepared], limits: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        if not items:
            return np.zeros((0, len(ROLES))), np.zeros((0, len(TOPICS)))
        roles, topics = self._predict(items)
        return roles, with_clauses(self._predict, items, roles, topics, self.clause_factor, self.clause_floor,
                                   ROLES.index("other"), limits)

    def tag(self, items: list[Prepared]) -> list[tuple[str, list[str], dict[str, float]]]:
        """(role, topics, scores) per item."""
        return list(zip(*self.tag_columns(items)))

    def tag_columns(self, items: list[Prepared]) -> tuple[list[str], list[list[str]], list[dict[str, float]]]:
        """:meth:`tag` as three lists: roles, topics and scores (a topic over its threshold keeps
        the whole sentence's probability: its clauses are not scored, see :mod:`.clauses`)."""
        roles, topics = self._proba(items, _limits(self.thresholds))
        return _decide(roles, topics, self.thresholds, _CueLookup([p.clean for p in items]))


class _TextCues:
    """``topic in _TextCues(text)`` is ``topic in cue_topics(text)``: one regex search."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __contains__(self, topic: object) -> bool:
        from .lexicon import cues

        pattern = cues().get(topic)  # type: ignore[call-overload]
        return pattern is not None and pattern.search(self.text) is not None


class _CueLookup(Sequence):
    """Stands for ``[cue_topics(t) for t in texts]`` in :func:`decide_many`, which asks whether a
    cue of a topic occurs only for a topic between ``CUE_FACTOR`` times its threshold and its
    threshold: searching then, for that topic alone, gives the same answers with few searches."""

    def __init__(self, texts: list[str]):
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):  # type: ignore[override]  # an index, never a slice here
        return _TextCues(self.texts[i])


def decide_many(role_p: np.ndarray, topic_p: np.ndarray, thresholds: dict[str, float],
                cues: Sequence[Container[str]] | None = None) -> list[tuple[str, list[str], dict[str, float]]]:
    """Per row: role = most probable; topics = those over their threshold, or over ``CUE_FACTOR``
    times it when the sentence holds a cue word of the topic (``topic in cues[i]``, asked only
    for such a topic); at least one topic for problem and measure sentences, none for other.
    Returns (role, topics, scores) per row; scores rounded to 4 decimals."""
    return list(zip(*_decide(role_p, topic_p, thresholds, cues)))


def _limits(thresholds: dict[str, float]) -> np.ndarray:
    """The topics' thresholds as an array in ``TOPICS`` order (0.5 for one not tuned)."""
    return np.array([thresholds.get(t, 0.5) for t in TOPICS])


@cache  # at most 2 ** len(TOPICS) entries; a batch holds few distinct sets
def _topic_set(code: int) -> tuple[str, ...]:
    """The topics whose bits are set in ``code`` (bit j: ``TOPICS[j]``), in ``TOPICS`` order."""
    return tuple(t for j, t in enumerate(TOPICS) if code >> j & 1)


def _decide(role_p: np.ndarray, topic_p: np.ndarray, thresholds: dict[str, float],
            cues: Sequence[Container[str]] | None) -> tuple[list[str], list[list[str]], list[dict[str, float]]]:
    """:func:`decide_many` as three columns (roles, topics, scores), decided on whole arrays:
    only the rows' topic lists and score dicts are made one by one."""
    from .lexicon import CUE_FACTOR

    limits = _limits(thresholds)
    role_idx = role_p.argmax(axis=1)
    topical = role_idx != ROLES.index("other")
    picked = (topic_p >= limits) & topical[:, None]
    if cues:  # a cue can decide a topic between CUE_FACTOR times its threshold and its threshold
        ask = (topic_p >= limits * CUE_FACTOR) & ~picked & topical[:, None]
        rows, columns = np.nonzero(ask)
        picked[rows, columns] = [TOPICS[j] in cues[i] for i, j in zip(rows.tolist(), columns.tolist())]
    bare = np.flatnonzero(topical & ~picked.any(axis=1))
    picked[bare, topic_p[bare].argmax(axis=1)] = True  # the most probable topic, at least
    topics = [list(_topic_set(c)) for c in (picked @ (1 << np.arange(len(TOPICS)))).tolist()]
    # Scores from one flat list: each dict takes the next len(keys) numbers (zip stops at the end
    # of ``keys`` before drawing from ``flat``), so no list is made per row.
    keys = ROLES + TOPICS
    flat = iter(np.round(np.hstack([role_p, topic_p]), 4).ravel().tolist())
    scores = [dict(zip(keys, flat)) for _ in range(len(role_p))]
    return [ROLES[r] for r in role_idx.tolist()], topics, scores


def resolve_backend(backend: str | None = None, directory: str | None = None) -> tuple[Path, str]:
    """(model folder, backend name): ``backend`` or the manifest's ``default_backend``, checked
    against the manifest and the hashes of its files (raises :class:`ModelError`)."""
    root = Path(directory) if directory else models_dir()
    manifest = read_manifest(root)
    backend = backend or manifest.get("default_backend", "sklearn")
    if backend not in BACKENDS:
        raise ModelError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    verify(root, backend)
    return root, backend


def load_tagger(backend: str | None = None, directory: str | None = None) -> Tagger:
    """The tagger of a backend (default: the manifest's ``default_backend``), verified; loaded
    once per process (``load_tagger.cache_clear()`` forgets it)."""
    return _load_tagger(backend or None, str(directory) if directory else None)


@lru_cache(maxsize=4)
def _load_tagger(backend: str | None, directory: str | None) -> Tagger:
    root, backend = resolve_backend(backend, directory)
    if backend == "sklearn":
        from . import sklearn_backend

        model, spec = sklearn_backend.load_linear(root / "sklearn")
        meta = spec["meta"]
        return Tagger("sklearn", partial(sklearn_backend.predict_proba_linear, model), meta["thresholds"], meta)
    from . import spacy_backend

    pipeline, meta = spacy_backend.load(root / "spacy")
    return Tagger("spacy", lambda items: spacy_backend.predict_proba(pipeline, items), meta["thresholds"], meta)


load_tagger.cache_clear = _load_tagger.cache_clear  # type: ignore[attr-defined]


def tag_sentences(
    sentences: Iterable[str] | Iterable[Sentence],
    backend: str | None = None,
    segmenter: str = "rjieba",
) -> list[Sentence]:
    """Tag sentences given as strings (no context) or as :class:`Sentence` objects (their section
    and heading are used as context).  Returns one :class:`Sentence` per item, in order, with
    role, topics and scores.  A heading (``is_heading``) is context, not a statement: it is not
    run through the model and comes back ``other``, with no topics and no scores.

    ``backend``: ``"sklearn"`` or ``"spacy"`` (default: the one ``models/MANIFEST.json`` names);
    ``segmenter``: ``"rjieba"`` or ``"jieba"`` (same tokens; rjieba is faster).  A single string
    is refused (it would be tagged character by character): pass ``[text]``.
    """
    if isinstance(sentences, str):
        raise TypeError("tag_sentences takes a list of sentences, not one string: pass [text]")
    sentences = list(sentences)  # a generator is read once
    tagger = load_tagger(backend)
    if not any(isinstance(s, Sentence) for s in sentences):  # plain strings: one Sentence each
        columns = tagger.tag_columns(prepare_many(list(sentences), None, None, segmenter))  # type: ignore[arg-type]
        return [Sentence(text=text, position=i, role=role, topics=topics, scores=scores)
                for i, (text, role, topics, scores) in enumerate(zip(sentences, *columns))]
    items = [s if isinstance(s, Sentence) else Sentence(text=s, position=i) for i, s in enumerate(sentences)]
    body = [s for s in items if not s.is_heading]
    prepared = prepare_many(
        [s.text for s in body], [s.section for s in body], [s.heading for s in body], segmenter
    )
    tags = zip(*tagger.tag_columns(prepared))
    out = []
    for s in items:
        role, topics, scores = ("other", [], {}) if s.is_heading else next(tags)
        out.append(Sentence(**{**s.__dict__, "role": role, "topics": topics, "scores": scores}))
    return out
