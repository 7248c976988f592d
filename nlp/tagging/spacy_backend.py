"""The spaCy backend: ``spacy.blank("zh")`` with the project's segmenter as tokenizer, ``textcat``
for the role and ``textcat_multilabel`` for the topics.

The tokenizer is registered in spaCy's registry as ``govreport.Segmenter.v1``, so a saved model
loads with the domain dictionary (spaCy's own jieba tokenizer would not save the user dictionary).
"""

from __future__ import annotations

import json
import random
import re
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


_WHITESPACE = re.compile(r"(\s+)")


class SegmenterTokenizer:
    """The project's segmenter as a spaCy tokenizer.  Whitespace runs become tokens of their own
    and ``__marker`` chunks stay whole, so ``doc.text`` is exactly the input text."""

    def __init__(self, vocab, segmenter: str = "rjieba"):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        from ..text import segment

        words: list[str] = []
        for chunk in _WHITESPACE.split(text):
            if not chunk:
                continue
            if chunk.isspace() or chunk.startswith("__"):
                words.append(chunk)
                continue
            pieces = segment(chunk, self.segmenter)
            words.extend(pieces if "".join(pieces) == chunk else [chunk])
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


BOW = {"@architectures": "spacy.TextCatBOW.v3", "ngram_size": 2, "no_output_layer": False, "length": 262144}


def blank(component: str | None = None):
    """An empty Chinese pipeline with the project's tokenizer (and one text classifier)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govreport.Segmenter.v1"}}})
    if component == "textcat":
        pipe = nlp.add_pipe("textcat", config={"model": {**BOW, "exclusive_classes": True}})
        for r in ROLES:
            pipe.add_label(r)
    elif component == "textcat_multilabel":
        pipe = nlp.add_pipe("textcat_multilabel", config={"model": {**BOW, "exclusive_classes": False}})
        for t in TOPICS:
            pipe.add_label(TOPIC_PREFIX + t)
    return nlp


def _text(p: Prepared) -> str:
    return f"{p.clean} {p.context}".strip()


def _train(nlp, docs_cats: list[tuple[str, dict[str, float]]], seed: int):
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in docs_cats]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def fit(items: list[Prepared], roles: list[str], topics: list[tuple[str, ...]], seed: int = 0):
    """Train ``textcat`` on the roles and ``textcat_multilabel`` on the topics of the problem and
    measure sentences (each in a pipeline of its own, since spaCy validates an exclusive textcat
    against every label of an example), then join them in one pipeline."""
    role_nlp = _train(blank("textcat"), [(_text(p), {r: float(r == role) for r in ROLES})
                                         for p, role in zip(items, roles)], seed)
    topic_data = [(_text(p), {TOPIC_PREFIX + t: float(t in ts) for t in TOPICS})
                  for p, role, ts in zip(items, roles, topics) if role != "other"]
    topic_nlp = _train(blank("textcat_multilabel"), topic_data, seed)
    role_nlp.add_pipe("textcat_multilabel", source=topic_nlp)
    return role_nlp


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


SENTENCES_KEY = "sentences"


def sentence_pipeline(directory: Path | None = None):
    """The spaCy tagger plus a ``govreport_sentences`` component, for notebooks.

    ``doc.cats`` holds the classifiers' scores for the whole text; ``doc.spans["sentences"]`` holds
    the sentences (split like the rest of the project), each with ``span._.role``,
    ``span._.topics`` and ``span._.cats``; ``doc.sents`` follows the same boundaries.
    """
    from spacy.language import Language
    from spacy.tokens import Span

    from . import load_tagger, models_dir

    root = directory or models_dir()
    tagger = load_tagger("spacy", str(root))  # verifies the files against the manifest
    nlp, meta = load(root / "spacy")
    for name in ("role", "topics", "cats"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)

    if "govreport_sentences" not in Language.factories:

        @Language.factory("govreport_sentences")
        def _make(nlp, name):  # noqa: ARG001 - spaCy's factory signature
            return _SentenceTagger()

    component = nlp.add_pipe("govreport_sentences", last=True)
    component.tagger = tagger
    return nlp


class _SentenceTagger:
    """Splits a doc into sentences and tags each with the loaded tagger."""

    tagger = None

    def __call__(self, doc):
        from ..text import split_sentences
        from .features import prepare

        sentences = [s for s in split_sentences(doc.text) if s.end > s.start]
        spans = []
        for s in sentences:
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is not None and (not spans or span.start >= spans[-1].end):
                spans.append(span)
        if spans and self.tagger is not None:
            items = [prepare(span.text) for span in spans]
            for span, (role, topics, scores) in zip(spans, self.tagger.tag(items)):
                span._.role, span._.topics, span._.cats = role, topics, scores
        for token in doc:
            token.is_sent_start = token.i == 0
        for span in spans:
            doc[span.start].is_sent_start = True
        doc.spans[SENTENCES_KEY] = spans
        return doc
