"""The spaCy backend: ``spacy.blank("zh")`` with the project's segmenter as tokenizer, ``textcat``
for the role and ``textcat_multilabel`` for the topics.

The tokenizer is registered in spaCy's registry as ``govreport.Segmenter.v1``, so a saved model
loads with the domain dictionary (spaCy's own jieba tokenizer would not save the user dictionary).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc

from ..errors import ModelError
from ..schema import ROLES, TOPICS
from .features import Prepared

META_FILE = "govreport.json"
EPOCHS = 12
TOPIC_PREFIX = "topic:"


class SegmenterTokenizer:
    """Whitespace-separated chunks; ``__marker`` chunks stay whole, the rest is segmented."""

    def __init__(self, vocab, segmenter: str = "rjieba"):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        from ..text import segment

        words: list[str] = []
        for chunk in text.split():
            words.extend([chunk] if chunk.startswith("__") else segment(chunk, self.segmenter))
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # Nothing to save: the dictionary ships with the package.
    def to_bytes(self, **_):
        return b""

    def from_bytes(self, _data, **_):
        return self

    def to_disk(self, _path, **_):
        return None

    def from_disk(self, _path, **_):
        return self


@spacy.registry.tokenizers("govreport.Segmenter.v1")
def create_segmenter(segmenter: str = "rjieba"):
    def make(nlp):
        return SegmenterTokenizer(nlp.vocab, segmenter)

    return make


def blank():
    """An empty Chinese pipeline with the project's tokenizer and the two text classifiers."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govreport.Segmenter.v1"}}})
    bow = {"@architectures": "spacy.TextCatBOW.v3", "ngram_size": 2, "no_output_layer": False, "length": 262144}
    role = nlp.add_pipe("textcat", config={"model": {**bow, "exclusive_classes": True}})
    for r in ROLES:
        role.add_label(r)
    topics = nlp.add_pipe("textcat_multilabel", config={"model": {**bow, "exclusive_classes": False}})
    for t in TOPICS:
        topics.add_label(TOPIC_PREFIX + t)
    return nlp


def _text(p: Prepared) -> str:
    return f"{p.clean} {p.context}".strip()


def fit(items: list[Prepared], roles: list[str], topics: list[tuple[str, ...]], seed: int = 0):
    """Train both classifiers; topic labels are given for problem and measure sentences only
    (missing, not negative, for the others)."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = blank()
    examples = []
    for p, role, ts in zip(items, roles, topics):
        cats = {r: float(r == role) for r in ROLES}
        if role != "other":
            cats.update({TOPIC_PREFIX + t: float(t in ts) for t in TOPICS})
        examples.append(Example.from_dict(nlp.make_doc(_text(p)), {"cats": cats}))
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def predict_proba(nlp, items: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
    roles = np.zeros((len(items), len(ROLES)))
    topics = np.zeros((len(items), len(TOPICS)))
    for i, doc in enumerate(nlp.pipe([_text(p) for p in items], batch_size=256)):
        roles[i] = [doc.cats[r] for r in ROLES]
        topics[i] = [doc.cats[TOPIC_PREFIX + t] for t in TOPICS]
    return roles, topics


def save(nlp, directory: Path, meta: dict) -> list[Path]:
    nlp.to_disk(directory)
    (directory / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True), "utf-8")
    return sorted(p for p in directory.rglob("*") if p.is_file())


def load(directory: Path):
    """The saved pipeline and its metadata (thresholds, corpus hash, versions)."""
    try:
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        return spacy.load(directory), meta
    except Exception as exc:
        raise ModelError(f"{directory}: cannot load the spaCy tagger ({type(exc).__name__}: {exc})") from exc
