"""Inference for the scikit-learn tagger with NumPy alone.

Training (``sklearn_backend``) fits TF-IDF features and linear models with scikit-learn and saves
them with skops.  Importing scikit-learn and skops costs about 2 s here, too much for a
``summarize`` that must start in under 3 s, so training also exports the fitted numbers — each
vectorizer's vocabulary and idf, and one weight matrix for all outputs — to a ``.npz`` (loaded with
``allow_pickle=False``) and a JSON file.  :class:`LinearModel` recomputes exactly what
``TfidfVectorizer`` and the linear models compute (a test checks it against scikit-learn).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_WHITE = re.compile(r"\s\s+")


@dataclass
class VectorizerSpec:
    """What a fitted ``TfidfVectorizer`` needs to transform text."""

    analyzer: str  # "word" (tokens split on spaces) or "char"
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    vocabulary: dict[str, int]  # term -> column within this vectorizer
    offset: int  # first column of this vectorizer in the stacked features

    def terms(self, text: str) -> list[str]:
        lo, hi = self.ngram_range
        if self.analyzer == "char":
            text = _WHITE.sub(" ", text)
            units: list[str] = list(text)
            return [text[i : i + n] for n in range(lo, hi + 1) for i in range(len(units) - n + 1)]
        tokens = text.split()
        return [" ".join(tokens[i : i + n]) for n in range(lo, hi + 1) for i in range(len(tokens) - n + 1)]

    def features(self, text: str, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Column indices (stacked) and l2-normalised tf-idf values of one text."""
        counts: dict[int, int] = {}
        vocab = self.vocabulary
        for term in self.terms(text):
            j = vocab.get(term)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0)
        cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear_tf:
            tf = 1.0 + np.log(tf)
        values = tf * idf[cols + self.offset]
        norm = math.sqrt(float(values @ values))
        return cols + self.offset, values / norm if norm else values


class LinearModel:
    """Scores for every output (roles softmax, topics sigmoid) from two text views of a sentence."""

    def __init__(self, vectorizers: list[VectorizerSpec], idf: np.ndarray, weights: np.ndarray,
                 bias: np.ndarray, roles: list[str], topics: list[str]):
        self.vectorizers = vectorizers  # applied to (tokens, clean) in this order
        self.idf = idf
        self.weights = weights  # (n_features, n_roles + n_topics)
        self.bias = bias
        self.roles = roles
        self.topics = topics

    def decision(self, views: list[tuple[str, str]]) -> np.ndarray:
        """Raw linear scores, one row per (tokens, clean) pair."""
        out = np.tile(self.bias, (len(views), 1))
        for row, texts in enumerate(views):
            for spec, text in zip(self.vectorizers, texts):
                cols, values = spec.features(text, self.idf)
                if len(cols):
                    out[row] += values @ self.weights[cols]
        return out

    def predict_proba(self, views: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        """(role probabilities, topic probabilities)."""
        z = self.decision(views)
        nr = len(self.roles)
        roles = z[:, :nr] - z[:, :nr].max(axis=1, keepdims=True)
        roles = np.exp(roles)
        roles /= roles.sum(axis=1, keepdims=True)
        topics = 1.0 / (1.0 + np.exp(-z[:, nr:]))
        return roles, topics

    # ---- files ---------------------------------------------------------------------------
    def save(self, npz_path: Path, json_path: Path, extra: dict) -> None:
        np.savez_compressed(npz_path, idf=self.idf, weights=self.weights, bias=self.bias)
        spec = {
            "roles": self.roles,
            "topics": self.topics,
            "vectorizers": [
                {"analyzer": v.analyzer, "ngram_range": list(v.ngram_range), "sublinear_tf": v.sublinear_tf,
                 "offset": v.offset, "vocabulary": v.vocabulary}
                for v in self.vectorizers
            ],
            **extra,
        }
        json_path.write_text(json.dumps(spec, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, npz_path: Path, json_path: Path) -> tuple["LinearModel", dict]:
        spec = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as arrays:
            idf, weights, bias = arrays["idf"], arrays["weights"], arrays["bias"]
        vectorizers = [
            VectorizerSpec(v["analyzer"], tuple(v["ngram_range"]), v["sublinear_tf"], v["vocabulary"], v["offset"])
            for v in spec.pop("vectorizers")
        ]
        model = cls(vectorizers, idf, weights, bias, spec.pop("roles"), spec.pop("topics"))
        return model, spec
