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
from itertools import chain, repeat
from pathlib import Path

import numpy as np

_WHITE = re.compile(r"\s\s+")  # scikit-learn's char analyzer turns whitespace runs into one space
_MAX_PAIR_TABLE = 1 << 22  # entries of a direct table of pairs (16 MB): characters, not words


@dataclass
class NgramTable:
    """The vocabulary of one vectorizer as integers.

    Every unit (a token for ``word``, a character for ``char``) of every vocabulary term gets an
    id ``0 .. n_units - 1``.  An n-gram's key is its unit ids plus one, read as the digits of a
    number in base ``n_units + 1``: distinct n-grams get distinct keys, whatever their length.
    Single units are looked up directly (``unigram_columns``), and so are pairs when a table of
    every possible pair is small (``pair_columns``, e.g. characters); other n-grams by binary
    search in ``keys`` (sorted, with their ``columns``).
    """

    n_units: int
    unigram_columns: np.ndarray  # unit id -> column, -1 where the unit alone is no term
    pair_columns: np.ndarray | None  # key of a pair -> column, -1 where the pair is no term
    keys: np.ndarray  # sorted keys of the other terms
    columns: np.ndarray  # their columns
    longest: int  # units of the longest term; no longer n-gram is looked up
    key_bits: int  # bits of the largest key of such an n-gram

    @classmethod
    def build(cls, units: np.ndarray, lengths: np.ndarray, columns: np.ndarray, n_units: int) -> NgramTable:
        """Term i has ``lengths[i]`` units, the next ones of ``units`` (ids), and column
        ``columns[i]``."""
        base = n_units + 1
        longest = int(lengths.max(initial=1))
        key_bits = (base**longest - 1).bit_length()
        if key_bits > 62:
            raise ValueError(f"{longest}-grams over {n_units} units do not fit int64 keys")
        starts = np.cumsum(lengths) - lengths
        keys = np.zeros(len(lengths), dtype=np.int64)
        for j in range(longest):  # Horner's rule, one unit position at a time
            more = lengths > j
            keys[more] = keys[more] * base + units[starts[more] + j] + 1
        unigram_columns = np.full(n_units, -1, dtype=np.int64)
        single = lengths == 1
        unigram_columns[units[starts[single]]] = columns[single]
        searched = lengths > 1
        pair_columns = None
        if base * base <= _MAX_PAIR_TABLE:
            pair_columns = np.full(base * base, -1, dtype=np.int32)
            pair = lengths == 2
            pair_columns[keys[pair]] = columns[pair]
            searched &= ~pair
        order = np.argsort(keys[searched])
        return cls(n_units, unigram_columns, pair_columns, keys[searched][order], columns[searched][order],
                   longest, key_bits)

    def occurrences(self, ids: np.ndarray, owner: np.ndarray, ngram_range: tuple[int, int]
                    ) -> tuple[np.ndarray, np.ndarray]:
        """(owner, column) of every vocabulary n-gram in a unit sequence, in no particular order.

        ``ids``: unit id at each position, -1 for a unit of no term; ``owner``: the text of each
        position (non-decreasing).  An n-gram starting at position i counts when its n units are
        known and belong to one text: that is scikit-learn's list of each text's n-grams,
        restricted to the vocabulary (an n-gram with a unit of no term is no term).
        """
        lo, hi = ngram_range
        base = self.n_units + 1
        known = ids >= 0
        key = np.where(known, ids + 1, 0)
        valid = known
        owners, columns, queries, query_owners = [], [], [], []
        for n in range(1, min(hi, self.longest) + 1):
            m = len(ids) - n + 1
            if m <= 0:
                break
            if n > 1:
                key = key[:m] * base + (ids[n - 1 :] + 1)
                valid = valid[:m] & known[n - 1 :] & (owner[:m] == owner[n - 1 :])
            if n < lo:
                continue
            if n == 1 or (n == 2 and self.pair_columns is not None):
                found = np.where(valid, self.unigram_columns[ids] if n == 1 else self.pair_columns[key], -1)
                owners.append(owner[:m][found >= 0])
                columns.append(found[found >= 0])
            else:
                queries.append(key[valid])
                query_owners.append(owner[:m][valid])
        if queries and len(self.keys):
            query, owner_of = self._sorted(np.concatenate(queries), np.concatenate(query_owners))
            idx = np.minimum(np.searchsorted(self.keys, query), len(self.keys) - 1)
            hit = self.keys[idx] == query
            owners.append(owner_of[hit])
            columns.append(self.columns[idx[hit]])
        if not owners:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(owners), np.concatenate(columns)

    def _sorted(self, query: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The queries in increasing order with their owners: a binary search of sorted queries
        is several times faster (the search path stays in cache).  Sorting ``key << bits | owner``
        costs a third of an argsort; the argsort is for keys too wide for that."""
        bits = int(owner.max(initial=0)).bit_length()
        if self.key_bits + bits <= 63:
            packed = np.sort((query << bits) | owner)
            return packed >> bits, packed & ((1 << bits) - 1)
        order = np.argsort(query)
        return query[order], owner[order]


_SEP = "\x00"  # between the texts of a batch of word views (when no text holds one)


@dataclass
class VectorizerSpec:
    """What a fitted ``TfidfVectorizer`` needs to transform text."""

    analyzer: str  # "word" (tokens split on spaces) or "char"
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    vocabulary: dict[str, int]  # term -> column within this vectorizer
    offset: int  # first column of this vectorizer in the stacked features

    def term_ids(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(text index, column) of every known n-gram occurrence in a batch of texts, in no
        particular order.  The n-grams are scikit-learn's: for ``word``, those of the tokens
        ``text.split()`` (its ``token_pattern`` ``\\S+``, no lowercasing) joined by one space;
        for ``char``, those of the characters once whitespace runs are one space."""
        table, unit_ids = self._table()
        if self.analyzer == "char":
            joined = "".join(texts)
            if joined.split(maxsplit=1) != [joined]:  # some whitespace (str.split finds it fast)
                texts = [_WHITE.sub(" ", t) for t in texts]
                joined = "".join(texts)
            lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
            codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            ids = unit_ids[codes]
            owner = np.repeat(np.arange(len(texts)), lengths)
        else:
            ids, owner = self._token_ids(texts, unit_ids)
        owners, columns = table.occurrences(ids, owner, self.ngram_range)
        return owners, columns + self.offset

    @staticmethod
    def _token_ids(texts: list[str], unit_ids: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """(unit id, text index) of every token of a batch.  One split of the texts joined by a
        separator token is faster than a split per text; the separators mark where texts end."""
        joined = f" {_SEP} ".join(texts)
        if unit_ids.get(_SEP) != -2 or joined.count(_SEP) != max(len(texts) - 1, 0):  # not a separator
            pieces = [t.split() for t in texts]
            tokens = list(chain.from_iterable(pieces))
            ids = np.fromiter(map(unit_ids.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
            return ids, np.repeat(np.arange(len(texts)), [len(p) for p in pieces])
        tokens = joined.split()
        ids = np.fromiter(map(unit_ids.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        sep = ids == -2
        owner = np.cumsum(sep)
        keep = ~sep
        return ids[keep], owner[keep]

    def _table(self) -> tuple[NgramTable, np.ndarray | dict[str, int]]:
        """The integer vocabulary and the unit -> id map (built on first use): for ``char`` an
        array indexed by code point, for ``word`` a dict in which the separator has id -2.
        Units are numbered in sorted order."""
        cached = getattr(self, "_tables", None)
        if cached is None:
            terms = list(self.vocabulary)
            columns = np.fromiter(self.vocabulary.values(), dtype=np.int64, count=len(terms))
            if self.analyzer == "char":
                units = sorted(set("".join(terms)))
                unit_ids = np.full(0x110000, -1, dtype=np.int64)  # -1: a character of no term
                unit_ids[[ord(u) for u in units]] = np.arange(len(units))
                lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
                codes = np.frombuffer("".join(terms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
                flat = unit_ids[codes]
            else:
                split = [term.split(" ") for term in terms]  # scikit-learn joins n-gram tokens by " "
                units = sorted(set(chain.from_iterable(split)))
                ids = {u: i for i, u in enumerate(units)}
                lengths = np.fromiter(map(len, split), dtype=np.int64, count=len(terms))
                flat = np.fromiter(map(ids.__getitem__, chain.from_iterable(split)), dtype=np.int64,
                                   count=int(lengths.sum()))
                unit_ids = {**ids, _SEP: -2} if _SEP not in ids else ids
            table = NgramTable.build(flat, lengths, columns, len(units))
            cached = self._tables = (table, unit_ids)
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
        """Raw linear scores, one row per (tokens, clean) pair: tf-idf features times the weights,
        plus the bias, as scikit-learn computes them.

        Per vectorizer, as ``TfidfVectorizer``: the count of each (row, column) pair, ``1 +
        log(count)`` with ``sublinear_tf``, times the column's idf, divided by the row's l2 norm
        (each vectorizer is normalized alone, then they are stacked).  Pairs are counted by
        sorting ``row << bits | column``: the order of (row, column), scikit-learn's order.
        """
        from scipy.sparse import csr_matrix

        n = len(views)
        n_features = len(self.idf)
        bits = n_features.bit_length()
        out = np.tile(self.bias, (n, 1))
        for k, spec in enumerate(self.vectorizers):
            owners, cols = spec.term_ids([v[k] for v in views])
            if not len(cols):
                continue
            pairs = np.sort((owners << bits) | cols)
            first = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
            tf = np.diff(np.append(first, len(pairs)))  # occurrences of each distinct pair
            distinct = pairs[first]
            rows, cols = distinct >> bits, distinct & ((1 << bits) - 1)
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
