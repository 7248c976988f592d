"""The scikit-learn backend: TF-IDF over segmenter tokens and character n-grams, linear models.

Role: multinomial logistic regression.  Topics: one logistic regression per topic, trained on the
problem and measure sentences, with a per-topic threshold tuned on dev.  Saved twice from the same
fit: ``tagger.skops`` (the scikit-learn objects, loaded with an explicit trusted-type list) and
``tagger.npz`` + ``tagger.json`` (the same numbers for NumPy-only inference, see :mod:`.linear`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..schema import ROLES, TOPICS
from .features import Prepared
from .linear import LinearModel, VectorizerSpec

SKOPS_FILE = "tagger.skops"
NPZ_FILE = "tagger.npz"
JSON_FILE = "tagger.json"

# Every type a tagger.skops may contain; anything else is refused (nothing is unpickled).
TRUSTED_TYPES = [
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.preprocessing._label.LabelBinarizer",
    "numpy.dtype",
    "numpy.ndarray",
    "numpy.float64",
    "numpy.int64",
    "builtins.dict",
    "builtins.list",
    "builtins.str",
    "builtins.tuple",
    "builtins.slice",
    "builtins.float",
    "builtins.int",
]

PARAMS = {
    "word_ngrams": (1, 2),
    "char_ngrams": (1, 3),
    "role_C": 8.0,
    "topic_C": 8.0,
}


def _views(items: list[Prepared]) -> tuple[list[str], list[str]]:
    return [p.tokens for p in items], [p.clean for p in items]


def fit(items: list[Prepared], roles: list[str], topics: list[tuple[str, ...]], seed: int = 0) -> dict:
    """Fit vectorizers and models; returns the objects that :func:`save` writes."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    words = TfidfVectorizer(
        token_pattern=r"\S+", lowercase=False, ngram_range=PARAMS["word_ngrams"], sublinear_tf=True
    )
    chars = TfidfVectorizer(
        analyzer="char", lowercase=False, ngram_range=PARAMS["char_ngrams"], sublinear_tf=True, min_df=2
    )
    tok, clean = _views(items)
    X = hstack([words.fit_transform(tok), chars.fit_transform(clean)]).tocsr()
    role = LogisticRegression(C=PARAMS["role_C"], max_iter=5000, class_weight="balanced", random_state=seed)
    role.fit(X, roles)
    topical = [i for i, r in enumerate(roles) if r != "other"]
    Y = np.array([[t in ts for t in TOPICS] for ts in topics], dtype=int)[topical]
    topic = OneVsRestClassifier(
        LogisticRegression(C=PARAMS["topic_C"], max_iter=5000, class_weight="balanced", random_state=seed)
    )
    topic.fit(X[topical], Y)
    return {"words": words, "chars": chars, "role": role, "topics": topic}


def to_linear(objects: dict) -> LinearModel:
    """The NumPy export of a fit (same numbers, no scikit-learn needed to use it)."""
    words, chars, role, topic = objects["words"], objects["chars"], objects["role"], objects["topics"]
    if chars.ngram_range[1] > 3:
        raise ValueError("the NumPy export keys character n-grams as int64: at most 3 characters")
    n_words = len(words.vocabulary_)
    specs = [
        VectorizerSpec("word", tuple(words.ngram_range), True,
                       {k: int(v) for k, v in words.vocabulary_.items()}, 0),
        VectorizerSpec("char", tuple(chars.ngram_range), True,
                       {k: int(v) for k, v in chars.vocabulary_.items()}, n_words),
    ]
    idf = np.concatenate([words.idf_, chars.idf_])
    order = [list(role.classes_).index(r) for r in ROLES]
    role_w = role.coef_[order].T
    role_b = role.intercept_[order]
    topic_w = np.stack([est.coef_[0] for est in topic.estimators_], axis=1)
    topic_b = np.array([est.intercept_[0] for est in topic.estimators_])
    return LinearModel(specs, idf, np.hstack([role_w, topic_w]), np.concatenate([role_b, topic_b]),
                       list(ROLES), list(TOPICS))


def save(objects: dict, directory: Path, meta: dict) -> list[Path]:
    """Write tagger.skops, tagger.npz and tagger.json; returns the paths."""
    import zipfile

    import skops.io as sio

    directory.mkdir(parents=True, exist_ok=True)
    skops_path = directory / SKOPS_FILE
    for vectorizer in (objects["words"], objects["chars"]):
        # id() of the stop-word list at fit time, a memory address: differs from run to run
        # (scikit-learn only uses it to skip a check, and redoes the check without it)
        vectorizer.__dict__.pop("_stop_words_id", None)
    sio.dump({**objects, "meta": meta}, skops_path, compression=zipfile.ZIP_DEFLATED)
    _make_reproducible(skops_path)
    npz_path, json_path = directory / NPZ_FILE, directory / JSON_FILE
    to_linear(objects).save(npz_path, json_path, {"meta": meta})
    return [skops_path, npz_path, json_path]


def _make_reproducible(path: Path) -> None:
    """Rewrite a skops file so that the same fit gives the same bytes in any process.

    skops names each object by its ``id()`` (a memory address: ``__id__`` in ``schema.json``,
    and the ``<id>.npy`` file of an array) and stamps each zip member with the current time.
    The ids are renumbered 1, 2, ... in the order the schema first mentions them (the same
    mapping everywhere, so shared objects stay shared), the members are written in name order
    with a fixed time."""
    import json
    import zipfile

    numbers: dict[int, int] = {}

    def renumber(node: object) -> object:
        if isinstance(node, list):
            return [renumber(v) for v in node]
        if not isinstance(node, dict):
            return node
        out = {k: renumber(v) for k, v in node.items()}
        if isinstance(node.get("__loader__"), str):  # a node of skops' schema, not a dict's content
            if isinstance(node.get("__id__"), int):
                out["__id__"] = numbers.setdefault(node["__id__"], len(numbers) + 1)
            if isinstance(node.get("file"), str) and node["file"].endswith(".npy"):
                out["file"] = f"{numbers.setdefault(int(node['file'][:-4]), len(numbers) + 1)}.npy"
        return out

    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    schema = renumber(json.loads(members.pop("schema.json")))
    renamed = {}
    for name, data in members.items():
        stem = name.removesuffix(".npy")
        known = name.endswith(".npy") and stem.isdigit() and int(stem) in numbers
        renamed[f"{numbers[int(stem)]}.npy" if known else name] = data
    renamed["schema.json"] = json.dumps(schema, indent=2).encode("utf-8")
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as target:
        for name in sorted(renamed):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, renamed[name])
    tmp.replace(path)


def load_skops(directory: Path) -> dict:
    """The scikit-learn objects, loaded only if every type in the file is on the trusted list."""
    import skops.io as sio

    path = directory / SKOPS_FILE
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:
        raise ModelError(f"{path}: not a skops model file ({type(exc).__name__}: {exc})") from exc
    foreign = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if foreign:
        raise ModelError(f"{path}: refuses to load types not on the trusted list: {', '.join(foreign)}")
    try:
        return sio.load(path, trusted=sorted(set(untrusted)))
    except Exception as exc:
        raise ModelError(f"{path}: cannot load ({type(exc).__name__}: {exc})") from exc


def load_linear(directory: Path) -> tuple[LinearModel, dict]:
    """The NumPy export and its metadata."""
    try:
        return LinearModel.load(directory / NPZ_FILE, directory / JSON_FILE)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{directory}: cannot load the scikit-learn tagger ({type(exc).__name__}: {exc})") from exc


def predict_proba_linear(model: LinearModel, items: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
    """Role and topic probabilities of the NumPy export (what the shipped tagger runs)."""
    return model.predict_proba(_views(items))


def predict_proba_skops(objects: dict, items: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
    """Role and topic probabilities computed by scikit-learn itself (for tests and research)."""
    from scipy.sparse import hstack

    tok, clean = _views(items)
    X = hstack([objects["words"].transform(tok), objects["chars"].transform(clean)]).tocsr()
    role = objects["role"]
    order = [list(role.classes_).index(r) for r in ROLES]
    return role.predict_proba(X)[:, order], objects["topics"].predict_proba(X)
