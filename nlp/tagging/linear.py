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
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

import numpy as np

_WHITE = re.compile(r"\s\s+")  # scikit-learn's char analyzer turns whitespace runs into one space
_MAX_PAIR_TABLE = 1 << 22  # entries of a direct table of pairs (16 MB): characters, not words
_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / golden ratio (odd): Fibonacci hashing


@dataclass
class KeyTable:
    """Columns of integer n-gram keys (> 0) by open addressing, for vectorised lookups.

    A key sits in its home slot (the top bits of ``key * _FIBONACCI``: Fibonacci hashing) or,
    when that is taken, in the first free slot after it (linear probing, without wrapping
    around: the table has spare slots at the end).  With four times as many home slots as keys
    or more, one gather answers most queries, which find their key or an empty slot at home;
    the few that meet another key probe on, a slot per round.  Keys are stored as int32 when
    they fit, to keep the table small (it is read at random).
    """

    keys: np.ndarray  # slot -> key, 0 where the slot is empty
    columns: np.ndarray  # slot -> column of its key, -1 where the slot is empty
    shift: np.uint64  # 64 - log2(number of home slots)

    @classmethod
    def build(cls, keys: np.ndarray, columns: np.ndarray) -> KeyTable:
        """The table of distinct positive int64 ``keys``.  Placed in order of home slot, key i
        goes to ``slot[i] = max(home[i], slot[i - 1] + 1)``, i.e. ``slot[i] - i`` is the running
        maximum of ``home[i] - i``: every slot from a key's home to its own is taken."""
        bits = len(keys).bit_length() + 2  # 2**bits home slots: more than four times len(keys)
        shift = np.uint64(64 - bits)
        home = cls._home(keys, shift)
        order = np.argsort(home, kind="stable")
        rank = np.arange(len(keys))
        slot = np.maximum.accumulate(home[order] - rank) + rank
        size = max(1 << bits, int(slot.max(initial=0)) + 1) + 1  # an empty slot after the last key
        dtype = np.int32 if int(keys.max(initial=0)) <= np.iinfo(np.int32).max else np.int64
        table = cls(np.zeros(size, dtype=dtype), np.full(size, -1, dtype=np.int32), shift)
        table.keys[slot] = keys[order]
        table.columns[slot] = columns[order]
        return table

    @staticmethod
    def _home(keys: np.ndarray, shift: np.uint64) -> np.ndarray:
        """Home slots (as int64, numpy's index type: below 2**63 after a shift of one bit or more)."""
        spread = np.ascontiguousarray(keys, dtype=np.int64).view(np.uint64) * _FIBONACCI
        return (spread >> shift).view(np.int64)

    def lookup(self, queries: np.ndarray) -> np.ndarray:
        """The column of each int64 query key, -1 for a key not in the table (any other int64:
        0, or a key with a zero digit, is no key)."""
        slot = self._home(queries, self.shift)
        found = self.keys[slot]
        columns = np.where(found == queries, self.columns[slot], -1)
        going = np.flatnonzero((found != queries) & (found != 0))  # home taken by another key
        slot = slot[going]
        while len(going):
            slot += 1
            found = self.keys[slot]
            hit = found == queries[going]
            columns[going[hit]] = self.columns[slot[hit]]
            more = ~hit & (found != 0)
            going, slot = going[more], slot[more]
        return columns


@dataclass
class NgramTable:
    """The vocabulary of one vectorizer as integers.

    Every unit (a token for ``word``, a character for ``char``) of every vocabulary term gets an
    id ``0 .. n_units - 1``, and its digit is the id plus one; digit 0 stands for a unit of no
    term, and for the boundary between two texts of a batch.  An n-gram's key is its n digits
    read as a number in base ``n_units + 1``: distinct n-grams of one length get distinct keys,
    and a key with a zero digit is no term's.  Single units are looked up directly
    (``unigram_columns``), and so are pairs when a table of every possible pair is small
    (``pair_columns``, e.g. characters); longer n-grams in a hash table per length (``hashed``).
    """

    n_units: int
    unigram_columns: np.ndarray  # digit -> column, -1 where the unit alone is no term (and for 0)
    pair_columns: np.ndarray | None  # key of a pair -> column, -1 where the pair is no term
    hashed: dict[int, KeyTable]  # n -> the terms of n units not in a direct table
    longest: int  # units of the longest term; no longer n-gram is looked up

    @classmethod
    def build(cls, units: np.ndarray, lengths: np.ndarray, columns: np.ndarray, n_units: int) -> NgramTable:
        """Term i has ``lengths[i]`` units, the next ones of ``units`` (ids), and column
        ``columns[i]``."""
        base = n_units + 1
        longest = int(lengths.max(initial=1))
        if (base**longest - 1).bit_length() > 62:
            raise ValueError(f"{longest}-grams over {n_units} units do not fit int64 keys")
        starts = np.cumsum(lengths) - lengths
        keys = np.zeros(len(lengths), dtype=np.int64)
        for j in range(longest):  # Horner's rule, one unit position at a time
            more = lengths > j
            keys[more] = keys[more] * base + units[starts[more] + j] + 1
        unigram_columns = np.full(base, -1, dtype=np.int32)
        single = lengths == 1
        unigram_columns[keys[single]] = columns[single]
        hashed_lengths = set(lengths[lengths > 1].tolist())
        pair_columns = None
        if base * base <= _MAX_PAIR_TABLE:
            pair_columns = np.full(base * base, -1, dtype=np.int32)
            pair = lengths == 2
            pair_columns[keys[pair]] = columns[pair]
            hashed_lengths.discard(2)
        hashed = {n: KeyTable.build(keys[lengths == n], columns[lengths == n]) for n in sorted(hashed_lengths)}
        return cls(n_units, unigram_columns, pair_columns, hashed, longest)

    def occurrences(self, digits: np.ndarray, rows: np.ndarray, row_bits: int, ngram_range: tuple[int, int]
                    ) -> np.ndarray:
        """``column << row_bits | rows[i]`` for every vocabulary n-gram starting at each position
        i of a unit sequence, in no particular order.

        ``digits``: int64 digit at each position, 0 for a unit of no term and at every boundary
        between two texts; ``rows``: the text of each position, below ``2**row_bits``, of an
        integer type that holds the results.  The n-grams without a zero digit are the n-grams
        of scikit-learn's list within one text made of known units, and only those can be terms.
        """
        lo, hi = ngram_range
        base = self.n_units + 1
        found = []
        key = digits
        for n in range(1, min(hi, self.longest) + 1):
            m = len(digits) - n + 1
            if m <= 0:
                break
            if n > 1:
                key = key[:m] * base + digits[n - 1 :]
            if n < lo:
                continue
            if n == 1:
                columns = self.unigram_columns[digits]
            elif n == 2 and self.pair_columns is not None:
                columns = self.pair_columns[key]
            elif n in self.hashed:
                columns = self.hashed[n].lookup(key)
            else:  # no term has n units
                continue
            packed = columns.astype(rows.dtype, copy=False) << row_bits
            packed |= rows[:m]
            found.append(packed[columns >= 0])
        return np.concatenate(found) if found else np.empty(0, dtype=rows.dtype)


_SEP = "\x00"  # between the texts of a batch of word views (when no text holds one)


@dataclass
class VectorizerSpec:
    """What a fitted ``TfidfVectorizer`` needs to transform text."""

    analyzer: str  # "word" (tokens split on spaces) or "char"
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    vocabulary: dict[str, int]  # term -> column within this vectorizer
    offset: int  # first column of this vectorizer in the stacked features

    def term_ids(self, texts: Sequence[str]) -> np.ndarray:
        """``column << row_bits | text index`` of every known n-gram occurrence in a batch of
        texts, with ``row_bits = len(texts).bit_length()`` and the column within this
        vectorizer, in no particular order.  The n-grams are scikit-learn's: for ``word``, those
        of the tokens ``text.split()`` (its ``token_pattern`` ``\\S+``, no lowercasing) joined by
        one space; for ``char``, those of the characters once whitespace runs are one space."""
        table, unit_digits, n_columns = self._table()
        row_bits = len(texts).bit_length()
        # int32 when the numbers fit: sorting them, and every pass over them, is twice as fast
        dtype = np.int32 if row_bits + n_columns.bit_length() <= 31 else np.int64
        if self.analyzer == "char":
            digits, rows = self._char_digits(texts, unit_digits, dtype)
        else:
            digits, rows = self._token_digits(texts, unit_digits, dtype)
        return table.occurrences(digits, rows, row_bits, self.ngram_range)

    @property
    def n_columns(self) -> int:
        """Columns of this vectorizer: its block of the stacked features."""
        return self._table()[2]

    @staticmethod
    def _char_digits(texts: Sequence[str], unit_digits: np.ndarray, dtype: type) -> tuple[np.ndarray, np.ndarray]:
        """(digit, text index as ``dtype``) of every character of a batch, and digit 0 between
        two texts."""
        joined = "".join(texts)
        if joined.split(maxsplit=1) != [joined]:  # some whitespace (str.split finds it fast)
            texts = [_WHITE.sub(" ", t) for t in texts]
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1  # with a boundary
        joined = _SEP.join(texts)  # whatever the separator's digit, the boundaries get 0 below
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        digits = unit_digits[codes]
        digits[np.cumsum(lengths[:-1]) - 1] = 0
        return digits, np.repeat(np.arange(len(texts), dtype=dtype), lengths)

    @staticmethod
    def _token_digits(texts: Sequence[str], unit_digits: dict[str, int], dtype: type
                      ) -> tuple[np.ndarray, np.ndarray]:
        """(digit, text index as ``dtype``) of every token of a batch, and digit 0 between two
        texts.  One split of the texts joined by a separator token is faster than a split per
        text; the separator has digit -1 in ``unit_digits`` (when it is no unit), which tells
        where texts end."""
        joined = f" {_SEP} ".join(texts)
        if unit_digits.get(_SEP) != -1 or joined.count(_SEP) != max(len(texts) - 1, 0):  # not a separator
            pieces = [[*t.split(), None] for t in texts]  # None: no unit, ends each text
            tokens = list(chain.from_iterable(pieces))
            digits = np.fromiter(map(unit_digits.get, tokens, repeat(0)), dtype=np.int64, count=len(tokens))
            rows = np.repeat(np.arange(len(texts), dtype=dtype), [len(p) for p in pieces])
            return np.maximum(digits, 0, out=digits), rows  # a separator token in a text: no unit
        tokens = joined.split()
        digits = np.fromiter(map(unit_digits.get, tokens, repeat(0)), dtype=np.int64, count=len(tokens))
        boundary = digits < 0
        rows = np.cumsum(boundary, dtype=dtype)
        digits[boundary] = 0
        return digits, rows

    def _table(self) -> tuple[NgramTable, np.ndarray | dict[str, int], int]:
        """The integer vocabulary, the unit -> digit map and the number of columns (built on
        first use): for ``char`` an array indexed by code point, for ``word`` a dict (a token of
        no term is missing from it) in which the separator has digit -1.  Units are numbered in
        sorted order."""
        cached = getattr(self, "_tables", None)
        if cached is None:
            terms = list(self.vocabulary)
            columns = np.fromiter(self.vocabulary.values(), dtype=np.int64, count=len(terms))
            if self.analyzer == "char":
                units = sorted(set("".join(terms)))
                unit_digits = np.zeros(0x110000, dtype=np.int64)  # 0: a character of no term
                unit_digits[[ord(u) for u in units]] = np.arange(1, len(units) + 1)
                lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
                codes = np.frombuffer("".join(terms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
                flat = unit_digits[codes] - 1
            else:
                split = [term.split(" ") for term in terms]  # scikit-learn joins n-gram tokens by " "
                units = sorted(set(chain.from_iterable(split)))
                ids = {u: i for i, u in enumerate(units)}
                lengths = np.fromiter(map(len, split), dtype=np.int64, count=len(terms))
                flat = np.fromiter(map(ids.__getitem__, chain.from_iterable(split)), dtype=np.int64,
                                   count=int(lengths.sum()))
                unit_digits = {u: i + 1 for u, i in ids.items()}
                unit_digits.setdefault(_SEP, -1)
            table = NgramTable.build(flat, lengths, columns, len(units))
            cached = self._tables = (table, unit_digits, int(columns.max(initial=-1)) + 1)
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

    def decision(self, columns: Sequence[Sequence[str]]) -> np.ndarray:
        """Raw linear scores of a batch given as one column of texts per vectorizer (tokens,
        clean), a row per text: tf-idf features times the weights, plus the bias, as
        scikit-learn computes them.

        Per vectorizer, as ``TfidfVectorizer``: the count of each (row, column) pair, ``1 +
        log(count)`` with ``sublinear_tf``, times the column's idf, divided by the row's l2 norm
        (each vectorizer is normalized alone, then they are stacked).  Pairs are counted by
        sorting them as one number each, either ``column << bits | row`` or ``row << bits |
        column``: both give the pairs of each row in scikit-learn's order (by column), hence the
        same sums for the norms and, in the sparse matrix of the same order (CSC or CSR), for
        the products.  CSC reads the rows of the weights (larger than the CPU's cache) in order
        rather than at random, which pays for its index of an entry per column (a cumulative
        sum over every column) once the pairs are about twice as many as the columns (measured:
        some 1,500 report sentences with the shipped model); CSR, whose index has an entry per
        row, is for smaller batches.
        """
        from scipy.sparse import csc_matrix, csr_matrix

        n = len(columns[0])
        out = np.tile(self.bias, (n, 1))
        row_bits = n.bit_length()
        for spec, texts in zip(self.vectorizers, columns):
            pairs = spec.term_ids(texts)  # column << row_bits | row
            if not len(pairs):
                continue
            by_column = len(pairs) >= 2 * spec.n_columns
            if by_column:
                minor_bits, n_major = row_bits, spec.n_columns
            else:
                minor_bits, n_major = spec.n_columns.bit_length(), n
                pairs = ((pairs & ((1 << row_bits) - 1)) << minor_bits) | (pairs >> row_bits)
            pairs.sort()
            new = np.empty(len(pairs), dtype=bool)  # where a distinct pair starts
            new[0] = True
            np.not_equal(pairs[1:], pairs[:-1], out=new[1:])
            distinct = pairs[new].astype(np.intp, copy=False)  # numpy indexes fastest with intp
            major, minor = distinct >> minor_bits, distinct & ((1 << minor_bits) - 1)
            cols, rows = (major, minor) if by_column else (minor, major)
            block = slice(spec.offset, spec.offset + spec.n_columns)
            values = self.idf[block][cols]  # (1 + log 1) * idf = idf: the rest is for repeats
            if len(distinct) < len(pairs):  # some n-gram occurs more than once in a text
                again = np.flatnonzero(~new)  # the k-th repeat is one of distinct pair again[k] - k - 1
                which, repeats = np.unique(again - np.arange(1, len(again) + 1), return_counts=True)
                tf = repeats + 1
                values[which] *= 1.0 + np.log(tf) if spec.sublinear_tf else tf
            values /= np.sqrt(np.bincount(rows, weights=values * values, minlength=n))[rows]
            indptr = np.zeros(n_major + 1, dtype=np.int32)
            np.cumsum(np.bincount(major, minlength=n_major), out=indptr[1:])
            matrix = (csc_matrix if by_column else csr_matrix)(
                (values, minor.astype(np.int32, copy=False), indptr), shape=(n, spec.n_columns)
            )
            out += matrix @ self.weights[block]
        return out

    def predict_proba(self, columns: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(role probabilities, topic probabilities) of a batch given as columns (tokens, clean)."""
        return self._probabilities(self.decision(columns))

    def _probabilities(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Softmax of the role scores, sigmoid of the topic scores."""
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
