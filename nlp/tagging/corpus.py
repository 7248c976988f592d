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
        out += _read_labelled(path, seen, ids_required=True)
    return out


def load_labelled(path: Path) -> list[Example]:
    """The sentences of one labelled JSON-lines file, validated like the corpus: ``text``,
    ``role`` and ``topics`` on each line; ``id``, ``section`` and ``heading`` optional.  For
    scoring the taggers on sentences labelled elsewhere (``govreport evaluate --on FILE``), e.g.
    real report sentences, which the project does not ship.

    >>> load_labelled(Path("my-sentences.jsonl"))[0].role   # doctest: +SKIP
    'problem'
    """
    if not path.is_file():
        raise FileNotFoundError(f"{path}: {'not a file' if path.exists() else 'no such file'}")
    out = _read_labelled(path, set(), ids_required=False)
    if not out:
        raise ValueError(f"{path}: no labelled sentences")
    return out


def _read_labelled(path: Path, seen: set[str], ids_required: bool) -> list[Example]:
    """The examples of one JSON-lines file; ``seen`` collects ids (a repeated id is an error).
    Without ``ids_required``, a line without ``id`` is named ``<file name>:<line>``.  Every bad
    line is found before raising, so that one run names them all (the first five in the message)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text") from None
    out: list[Example] = []
    problems: list[str] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            out.append(_example(line, where, seen, ids_required))
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        head = f"{len(problems)} bad lines: " if len(problems) > 1 else ""
        raise ValueError(head + "; ".join(problems[:5]) + more)
    return out


def _example(line: str, where: str, seen: set[str], ids_required: bool) -> Example:
    """One labelled line as an :class:`Example`; ValueError naming ``where`` and the problem."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: not a JSON object ({exc.msg})") from None
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or "role" not in rec:
        raise ValueError(f"{where}: each line needs a \"text\" string and a \"role\"")
    if rec["role"] not in ROLES:
        raise ValueError(f"{where}: unknown role {rec['role']!r}")
    topics = rec.get("topics", [])
    if not isinstance(topics, list):
        raise ValueError(f"{where}: topics must be a list")
    bad = [t for t in topics if t not in TOPICS]
    if bad:
        raise ValueError(f"{where}: unknown topics {bad}")
    if rec.get("split", "auto") not in ("auto", "train"):
        raise ValueError(f"{where}: split must be 'train' when given, not {rec['split']!r}")
    if ids_required and "id" not in rec:
        raise ValueError(f"{where}: no id")
    ident = str(rec.get("id", where))
    if ident in seen:
        raise ValueError(f"{where}: duplicate id {ident}")
    seen.add(ident)
    return Example(
        id=ident,
        text=rec["text"],
        role=rec["role"],
        topics=tuple(t for t in TOPICS if t in topics),
        family=rec.get("family") or ident,
        section=rec.get("section"),
        heading=rec.get("heading"),
        style=rec.get("style"),
        train_only=rec.get("split") == "train",
    )


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
