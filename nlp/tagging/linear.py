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
import re
from dataclasses import dataclass
from itertools import repeat
from operator import add
from pathlib import Path

import numpy as np

_WHITE = re.compile(r"\s\s+")
_SEP = "\x00"  # between texts of a batch; never part of a vocabulary term
_BITS = 21  # bits per Unicode code point; three of them fit in an int64


@dataclass
class VectorizerSpec:
    """What a fitted ``TfidfVectorizer`` needs to transform text."""

    analyzer: str  # "word" (tokens split on spaces) or "char"
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    vocabulary: dict[str, int]  # term -> column within this vectorizer
    offset: int  # first column of this vectorizer in the stacked features

    def term_ids(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(text index, column) of every known n-gram occurrence in a batch of texts."""
        if self.analyzer == "char":
            return self._char_ids([_WHITE.sub(" ", t) for t in texts])
        return self._word_ids([t.split() for t in texts])

    def _word_ids(self, pieces: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        # One sequence of tokens with a separator between texts: an n-gram across a separator
        # is in no vocabulary, so it drops out.
        units: list[str] = []
        for piece in pieces:
            units.extend(piece)
            units.append(_SEP)
        owner = np.repeat(np.arange(len(pieces)), [len(p) + 1 for p in pieces])
        lo, hi = self.ngram_range
        owners, columns = [], []
        level = units
        for n in range(1, hi + 1):
            if n > 1:
                level = list(map(add, map(add, level[:-1], repeat(" ", len(level) - 1)), units[n - 1 :]))
            if n < lo:
                continue
            ids = np.fromiter(map(self.vocabulary.get, level, repeat(-1)), dtype=np.int64, count=len(level))
            keep = ids >= 0
            owners.append(owner[: len(level)][keep])
            columns.append(ids[keep] + self.offset)
        return np.concatenate(owners), np.concatenate(columns)

    def _char_ids(self, pieces: list[str]) -> tuple[np.ndarray, np.ndarray]:
        # Character n-grams as integers (21 bits per code point), looked up by binary search in
        # the vocabulary's own integer keys: no Python loop over characters.
        joined = _SEP.join(pieces) + _SEP
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        owner = np.repeat(np.arange(len(pieces)), [len(p) + 1 for p in pieces])
        tables = self._char_tables()
        owners, columns = [], []
        for n in range(self.ngram_range[0], self.ngram_range[1] + 1):
            m = len(codes) - n + 1
            if m <= 0 or (n not in tables and n != 1):
                continue
            key = codes[:m].copy()
            for j in range(1, n):
                key = (key << _BITS) | codes[j : j + m]
            if n == 1:  # a direct table: code point -> column (-1 where absent)
                found = tables[1][key]
                hit = found >= 0
                owners.append(owner[:m][hit])
                columns.append(found[hit] + self.offset)
                continue
            keys, cols = tables[n]
            idx = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
            hit = keys[idx] == key
            owners.append(owner[:m][hit])
            columns.append(cols[idx[hit]] + self.offset)
        if not columns:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(owners), np.concatenate(columns)

    def _char_tables(self) -> dict:
        """n -> (sorted integer keys of the n-character terms, their columns), and for n = 1 an
        array indexed by code point; built once."""
        cached = getattr(self, "_tables", None)
        if cached is None:
            grouped: dict[int, list[tuple[int, int]]] = {}
            for term, col in self.vocabulary.items():
                key = 0
                for ch in term:
                    key = (key << _BITS) | ord(ch)
                grouped.setdefault(len(term), []).append((key, col))
            cached = {}
            for n, pairs in grouped.items():
                pairs.sort()
                cached[n] = (np.array([k for k, _ in pairs], dtype=np.int64), np.array([c for _, c in pairs]))
            direct = np.full(0x110000, -1, dtype=np.int64)
            if 1 in cached:
                direct[cached[1][0]] = cached[1][1]
            cached[1] = direct
            self._tables = cached
        return cached


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
        """Raw linear scores, one row per (tokens, clean) pair: tf-idf (sublinear tf, l2 norm per
        vectorizer, as scikit-learn computes it) times the weights, plus the bias."""
        from scipy.sparse import csr_matrix

        n = len(views)
        out = np.tile(self.bias, (n, 1))
        n_features = len(self.idf)
        for k, spec in enumerate(self.vectorizers):
            owners, cols = spec.term_ids([v[k] for v in views])
            if not len(cols):
                continue
            keys, tf = np.unique(owners * n_features + cols, return_counts=True)
            rows, cols = keys // n_features, keys % n_features
            values = (1.0 + np.log(tf) if spec.sublinear_tf else tf.astype(float)) * self.idf[cols]
            values /= np.sqrt(np.bincount(rows, weights=values * values, minlength=n))[rows]
            indptr = np.searchsorted(rows, np.arange(n + 1))
            out += csr_matrix((values, cols, indptr), shape=(n, n_features)) @ self.weights
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
