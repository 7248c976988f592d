"""The labelled sentences in ``corpus/sentences/*.jsonl`` and their train/dev split.

Each line: ``{"id", "text", "role", "topics", "family", "section", "heading", "style"}`` and,
optionally, ``"split": "train"``.  The split is by ``family`` (a sentence and its near-duplicate
variants), hashed, so near-duplicates never straddle train and dev and the split does not change
when sentences are added elsewhere.  Sentences marked ``"split": "train"`` are composed from a
shared pool of clauses (``g.jsonl``): two of them can share a clause whatever their families, so
they are used for training only and never scored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..schema import ROLES, TOPICS

DEV_SHARE = 5  # one family in five goes to dev


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    role: str
    topics: tuple[str, ...] = ()
    family: str = ""
    section: str | None = None
    heading: str | None = None
    style: str | None = None
    train_only: bool = False  # composed from shared clauses: never in dev


@dataclass
class Split:
    train: list[Example] = field(default_factory=list)
    dev: list[Example] = field(default_factory=list)


def default_corpus_dir() -> Path:
    """``corpus/sentences`` of the source checkout."""
    return Path(__file__).resolve().parents[2] / "corpus" / "sentences"


def corpus_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl"))


def load_corpus(directory: Path | None = None) -> list[Example]:
    """All labelled sentences, validated (unknown roles or topics raise ValueError)."""
    directory = directory or default_corpus_dir()
    files = corpus_files(directory)
    if not files:
        raise FileNotFoundError(f"no *.jsonl training files in {directory}")
    out: list[Example] = []
    seen: set[str] = set()
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            where = f"{path.name}:{n}"
            if rec["role"] not in ROLES:
                raise ValueError(f"{where}: unknown role {rec['role']!r}")
            bad = [t for t in rec.get("topics", []) if t not in TOPICS]
            if bad:
                raise ValueError(f"{where}: unknown topics {bad}")
            if rec.get("split", "auto") not in ("auto", "train"):
                raise ValueError(f"{where}: split must be 'train' when given, not {rec['split']!r}")
            if rec["id"] in seen:
                raise ValueError(f"{where}: duplicate id {rec['id']}")
            seen.add(rec["id"])
            out.append(
                Example(
                    id=rec["id"],
                    text=rec["text"],
                    role=rec["role"],
                    topics=tuple(t for t in TOPICS if t in rec.get("topics", [])),
                    family=rec.get("family") or rec["id"],
                    section=rec.get("section"),
                    heading=rec.get("heading"),
                    style=rec.get("style"),
                    train_only=rec.get("split") == "train",
                )
            )
    return out


def is_dev(family: str) -> bool:
    digest = hashlib.sha256(family.encode("utf-8")).digest()
    return digest[0] % DEV_SHARE == 0


def split(examples: list[Example]) -> Split:
    """Train/dev by family hash; ``train_only`` sentences always in train."""
    out = Split()
    for ex in examples:
        (out.dev if is_dev(ex.family) and not ex.train_only else out.train).append(ex)
    return out


def corpus_hash(directory: Path | None = None) -> str:
    """sha256 over the training files' names and bytes, in name order."""
    directory = directory or default_corpus_dir()
    h = hashlib.sha256()
    for path in corpus_files(directory):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def stats(examples: list[Example]) -> dict:
    """Label counts: roles, topic × role, styles, families, and the train/dev split."""
    parts = split(examples)
    topic_role = {t: {r: 0 for r in ROLES if r != "other"} for t in TOPICS}
    for ex in examples:
        for t in ex.topics:
            if ex.role in ("problem", "measure"):
                topic_role[t][ex.role] += 1
    count = lambda key: {k: sum(1 for ex in examples if key(ex) == k) for k in sorted({key(e) for e in examples})}  # noqa: E731
    return {
        "sentences": len(examples),
        "families": len({ex.family for ex in examples}),
        "train": len(parts.train),
        "dev": len(parts.dev),
        "roles": {r: sum(1 for ex in examples if ex.role == r) for r in ROLES},
        "topic_role": topic_role,
        "multi_topic": sum(1 for ex in examples if len(ex.topics) > 1),
        "styles": count(lambda ex: ex.style or "plain"),
        "files": count(lambda ex: ex.id.split("-")[0]),
    }


if __name__ == "__main__":  # python -m nlp.tagging.corpus: the data card's figures
    import sys

    figures = stats(load_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
    for key in ("sentences", "families", "train", "dev", "multi_topic"):
        print(f"{key:12} {figures[key]}")
    print("roles       ", figures["roles"])
    print("styles      ", figures["styles"])
    print("files       ", figures["files"])
    print(f"{'topic':16}{'problem':>8}{'measure':>8}")
    for topic, row in figures["topic_role"].items():
        print(f"{topic:16}{row['problem']:8}{row['measure']:8}")
