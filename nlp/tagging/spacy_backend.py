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
from spacy.attrs import ORTH
from spacy.tokens import Doc

from ..errors import ModelError
from ..schema import ROLES, TOPICS
from .features import Prepared

META_FILE = "govreport.json"
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


def _is_marker(token) -> bool:
    return token.is_space or token.text.startswith("__")


def _extract_word_and_char_ngrams(ngram_size: int, char_ngram_size: int, normalize: bool = False):
    """Like spaCy's ``extract_ngrams`` over ORTH, plus the character n-grams (1 to
    ``char_ngram_size``) of the sentence itself (context markers and whitespace left out).
    Character keys are n-gram hashes of Unicode code points, so they live beside the word keys
    without touching the vocabulary."""
    from thinc.api import Model

    def forward(model, docs, is_train):
        ops = model.ops
        batch_keys, batch_vals = [], []
        for doc in docs:
            words = ops.asarray(doc.to_array([ORTH]))
            keys = [words] + [ops.ngrams(n, words) for n in range(2, min(ngram_size, len(words)) + 1)]
            text = "".join(t.text for t in doc if not _is_marker(t))
            if text:
                chars = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
                keys.append(chars)
                keys.extend(ops.ngrams(n, chars) for n in range(2, min(char_ngram_size, len(chars)) + 1))
            uniq, counts = np.unique(np.concatenate(keys), return_counts=True)
            counts = counts.astype("f")
            if normalize:
                counts /= np.sqrt((counts ** 2).sum())
            batch_keys.append(uniq)
            batch_vals.append(counts)
        lengths = ops.asarray([len(k) for k in batch_keys], dtype="int32")
        keys = ops.asarray(np.concatenate(batch_keys), dtype="uint64")
        vals = ops.asarray(np.concatenate(batch_vals), dtype="f")
        return (keys, vals, lengths), lambda dY: []

    return Model("extract_word_and_char_ngrams", forward)


def _cross_entropy_output(exclusive_classes: bool, positive_weight: float = 1.0):
    """Softmax or sigmoid whose backward pass hands the gradient ``scores - truths`` that spaCy's
    textcat computes straight to the logits: the gradient of cross-entropy, where spaCy's own
    output layers give that of the squared error (which vanishes on confidently wrong scores).
    ``positive_weight`` scales the negative components of that gradient, i.e. those of the labels
    that are true (score - 1 < 0): each positive counts that many times in the loss."""
    from thinc.api import Model

    def forward(model, X, is_train):
        Y = model.ops.softmax(X, inplace=False) if exclusive_classes else model.ops.sigmoid(X, inplace=False)

        def backprop(dY):
            if positive_weight == 1.0:
                return dY
            return dY * model.ops.xp.where(dY < 0, positive_weight, 1.0).astype(dY.dtype)

        return Y, backprop

    return Model("softmax_xent" if exclusive_classes else "sigmoid_xent", forward)


@spacy.registry.architectures("govreport.TextCatCharBOW.v1")
def build_char_bow(exclusive_classes: bool, ngram_size: int = 2, char_ngram_size: int = 3,
                   no_output_layer: bool = False, length: int = 262144, normalize: bool = False,
                   cross_entropy: bool = False, positive_weight: float = 1.0, nO: int | None = None):
    """spaCy's ``TextCatBOW.v3`` with character n-grams added to the word n-grams: the segmenter
    keeps its role, the characters give the classifier what real reports share with the corpus
    when their words differ (the sklearn backend's character TF-IDF view).

    Options (all off by default): ``normalize`` scales each sentence's feature counts to unit
    length; ``cross_entropy`` trains the output with the cross-entropy gradient instead of the
    squared error; ``positive_weight`` (with ``cross_entropy``) weighs the true labels more."""
    from functools import partial

    from spacy.ml.models.textcat import NEG_VALUE, resize_and_set_ref
    from thinc.api import (
        Logistic,
        SparseLinear_v2,
        chain,
        resizable,
        softmax_activation,
        with_cpu,
    )
    from thinc.layers.resizable import resize_linear_weighted

    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    fill_defaults = {"b": 0 if no_output_layer else NEG_VALUE, "W": 0}
    resizable_layer = resizable(sparse_linear,
                                resize_layer=partial(resize_linear_weighted, fill_defaults=fill_defaults))
    extract = _extract_word_and_char_ngrams(ngram_size, char_ngram_size, normalize)
    model = with_cpu(chain(extract, resizable_layer), sparse_linear.ops)
    if not no_output_layer:
        if cross_entropy:
            output = _cross_entropy_output(exclusive_classes, positive_weight)
        else:
            output = softmax_activation() if exclusive_classes else Logistic()
        model = chain(model, with_cpu(output, output.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model


# Chosen on dev (bare sentences, seed 0, corpus of 4946 sentences; role macro-F1 / topic micro-F1):
#   TextCatBOW.v3 words 1-2, 12 epochs (before)               0.933 / 0.844
#   TextCatBOW.v3 words 1-3, 12 epochs                        lower (0.925 / 0.824 on 4356 sentences)
#   words 1-2 + characters 1-3 (below), 8 epochs              0.940 / 0.873   <- chosen
#   same, 12 epochs                                           0.941 / 0.872   (a third slower)
#   same + cross_entropy (both) + normalize, positive_weight 3 (topics), weight_decay 0.5,
#   8 epochs                                                  0.934 / 0.866
# Characters give what the sklearn backend's character view gives: a sentence of a real report
# shares characters with the corpus when its words differ.  The last variant scores lower on dev
# but recalls more topics on real report sentences (held-out probe: topic micro-F1 0.74 against
# 0.72, role 0.92 against 0.89); it is a one-line change here if real text matters more than dev.
CHAR_BOW = {"@architectures": "govreport.TextCatCharBOW.v1", "ngram_size": 2, "char_ngram_size": 3,
            "no_output_layer": False, "length": 262144}
CONFIG = {
    "role_model": CHAR_BOW,
    "topic_model": CHAR_BOW,
    "epochs": 8,
    "batch_size": 32,
    "dropout": 0.1,  # BOW models have no dropout layer: kept for other architectures
    "learn_rate": 0.001,
    "weight_decay": 0.01,  # spaCy's default (AdamW-style L2)
}
EPOCHS = CONFIG["epochs"]


def blank(component: str | None = None):
    """An empty Chinese pipeline with the project's tokenizer (and one text classifier)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govreport.Segmenter.v1"}}})
    if component == "textcat":
        pipe = nlp.add_pipe("textcat", config={"model": {**CONFIG["role_model"], "exclusive_classes": True}})
        for r in ROLES:
            pipe.add_label(r)
    elif component == "textcat_multilabel":
        pipe = nlp.add_pipe("textcat_multilabel",
                            config={"model": {**CONFIG["topic_model"], "exclusive_classes": False}})
        for t in TOPICS:
            pipe.add_label(TOPIC_PREFIX + t)
    return nlp


_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates: spaCy stores text as UTF-8


def _text(p: Prepared) -> str:
    """What the pipeline reads of a sentence: its clean text and context markers, a lone
    surrogate (which UTF-8 cannot hold) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", f"{p.clean} {p.context}".strip())


def _train(nlp, docs_cats: list[tuple[str, dict[str, float]]], seed: int):
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    fix_random_seed(seed)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in docs_cats]
    nlp.initialize(lambda: examples)
    optimizer = Adam(learn_rate=CONFIG["learn_rate"], L2=CONFIG["weight_decay"], L2_is_weight_decay=True,
                     grad_clip=1.0)
    rng = random.Random(seed)
    for _ in range(CONFIG["epochs"]):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=CONFIG["batch_size"]):
            nlp.update(batch, sgd=optimizer, drop=CONFIG["dropout"])
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
    directory.mkdir(parents=True, exist_ok=True)
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


def spacy_pipeline(directory: str | Path | None = None):
    """The spaCy tagger plus a ``govreport_sentences`` component, for notebooks.

    ``doc.cats`` holds the classifiers' scores for the whole text, under their own label names
    (the roles, and ``topic:staff`` ... for the topics); ``doc.spans["sentences"]`` holds the
    sentences (split like the rest of the project), each with ``span._.role``, ``span._.topics``
    and ``span._.cats`` (the sentence's scores keyed by role and topic name, as
    ``Sentence.scores``; a heading is ``other`` with no topics and no scores, as in
    :func:`nlp.tag_sentences`); ``doc.sents`` follows the same boundaries.  ``directory``: a model
    folder (default: the shipped ``models/``).

    >>> import nlp
    >>> nlp_zh = nlp.spacy_pipeline()                                  # doctest: +SKIP
    >>> doc = nlp_zh("一是政策解读形式单一。下一步将丰富解读形式。")   # doctest: +SKIP
    >>> [(s.text, s._.role, s._.topics) for s in doc.spans["sentences"]]  # doctest: +SKIP
    """
    from spacy.language import Language
    from spacy.tokens import Span

    from . import load_tagger, models_dir

    root = Path(directory) if directory else models_dir()
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
        from .features import prepare_many

        pairs = []  # (sentence, its span)
        for s in split_sentences(doc.text):
            span = doc.char_span(s.start, s.end, alignment_mode="expand") if s.end > s.start else None
            if span is not None and (not pairs or span.start >= pairs[-1][1].end):
                pairs.append((s, span))
        spans = [span for _, span in pairs]
        if spans and self.tagger is not None:  # a heading is context: other, no topics, no scores
            body = [span for s, span in pairs if not s.is_heading]
            tags = iter(self.tagger.tag(prepare_many([span.text for span in body])))
            for s, span in pairs:
                span._.role, span._.topics, span._.cats = ("other", [], {}) if s.is_heading else next(tags)
        for token in doc:
            token.is_sent_start = token.i == 0
        for span in spans:
            doc[span.start].is_sent_start = True
        doc.spans[SENTENCES_KEY] = spans
        return doc
