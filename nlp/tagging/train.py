"""``govreport train``: rebuild the shipped taggers from ``corpus/sentences`` reproducibly.

Both backends are fitted on the train split (each sentence once with its context markers and once
without, so the models work on bare sentences too), topic thresholds are tuned on dev, the dev
figures are computed, and ``models/MANIFEST.json`` records every file's sha256, the corpus hash,
the library versions, the figures and the default backend with the reason for it (the better one on
dev, see :func:`.evaluate.choose_default`).
"""

from __future__ import annotations

import json
import platform
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Callable

from ..schema import ROLES, TOPICS
from ..hashing import sha256_file
from . import MANIFEST, Tagger, clauses
from .corpus import Example, corpus_hash, default_corpus_dir, load_corpus, split
from .evaluate import choose_default, dev_views, score_tagger, tune_thresholds
from .features import prepare_many
from .lexicon import cue_topics

SEED = 0
LIBRARIES = ("numpy", "scikit-learn", "skops", "spacy", "jieba", "rjieba")


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "absent"
    return out


def training_items(examples: list[Example]):
    """Each sentence with its context, and (when it has context) once more without."""
    texts, sections, headings, roles, topics = [], [], [], [], []
    for ex in examples:
        contexts = [(ex.section, ex.heading)] + ([(None, None)] if ex.section or ex.heading else [])
        for section, heading in contexts:
            texts.append(ex.text)
            sections.append(section)
            headings.append(heading)
            roles.append(ex.role)
            topics.append(ex.topics)
    return prepare_many(texts, sections, headings), roles, topics


def clause_settings(backend: str) -> dict[str, float]:
    """What a new model of ``backend`` records of :mod:`.clauses`."""
    factor, floor = clauses.SETTINGS[backend]
    return {"clause_factor": factor, "clause_floor": floor}


def evaluate_backend(name: str, proba, dev: list[Example]):
    """Tune topic thresholds on bare dev sentences (topics scored with their clauses, see
    :mod:`.clauses`), then score bare and in-context: (thresholds, scores, bare predictions)."""
    views = dev_views(dev)
    tagger = Tagger(name, proba, {}, clause_settings(name))
    _, topic_p = tagger.proba(views["bare"])
    tagger.thresholds = tune_thresholds([ex.topics for ex in dev], topic_p, [ex.role != "other" for ex in dev],
                                        [cue_topics(p.clean) for p in views["bare"]])
    return (tagger.thresholds, *score_tagger(tagger, dev, views))


def train(
    corpus_dir: Path | None = None,
    out_dir: Path | None = None,
    backends: tuple[str, ...] = ("sklearn", "spacy"),
    seed: int = SEED,
    log: Callable[[str], None] = print,
) -> dict:
    """Train, evaluate on dev, save and write the manifest; returns the evaluation."""
    from . import models_dir

    corpus_dir = corpus_dir or default_corpus_dir()
    out_dir = out_dir or models_dir()
    examples = load_corpus(corpus_dir)
    parts = split(examples)
    log(f"corpus: {len(examples)} sentences, train {len(parts.train)}, dev {len(parts.dev)}")
    items, roles, topics = training_items(parts.train)
    base = {
        "corpus_sha256": corpus_hash(corpus_dir),
        "versions": versions(),
        "seed": seed,
        "n_train": len(parts.train),
        "n_dev": len(parts.dev),
        "roles": list(ROLES),
        "topics": list(TOPICS),
    }
    files: dict[str, str] = {}
    evaluation: dict[str, dict] = {}
    predictions: dict[str, tuple[list, list]] = {}
    for backend in backends:
        log(f"training {backend} ...")
        directory = out_dir / backend
        if backend == "sklearn":
            from . import sklearn_backend as sk

            objects = sk.fit(items, roles, topics, seed)
            thresholds, result, predictions[backend] = evaluate_backend(backend, partial(sk.predict_proba_linear, sk.to_linear(objects)), parts.dev)
            written = sk.save(objects, directory, {**base, "backend": backend, "params": sk.PARAMS,
                                                   "thresholds": thresholds, **clause_settings(backend)})
        else:
            from . import spacy_backend as sb

            nlp = sb.fit(items, roles, topics, seed)
            thresholds, result, predictions[backend] = evaluate_backend(backend, partial(sb.predict_proba, nlp), parts.dev)
            written = sb.save(nlp, directory, {**base, "backend": backend, "epochs": sb.EPOCHS,
                                               "thresholds": thresholds, **clause_settings(backend)})
        for path in written:
            files[path.relative_to(out_dir).as_posix()] = sha256_file(path)
        evaluation[backend] = result
        log(f"{backend}: role macro-F1 {result['bare']['role_macro_f1']:.3f}, "
            f"topic micro-F1 {result['bare']['topic_micro_f1']:.3f} (dev, bare sentences)")
    default, reason = choose_default(parts.dev, evaluation, predictions)
    manifest = {**base, "default_backend": default, "default_reason": reason, "files": dict(sorted(files.items())),
                "dev": {b: {k: v["bare"][k] for k in ("role_macro_f1", "topic_micro_f1")}
                        for b, v in evaluation.items()}}
    previous = out_dir / MANIFEST
    if previous.exists():  # keep entries of backends not retrained now
        old = json.loads(previous.read_text(encoding="utf-8"))
        kept = {k: v for k, v in old.get("files", {}).items() if k.split("/")[0] not in backends}
        manifest["files"] = dict(sorted({**kept, **files}.items()))
    previous.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out_dir / "evaluation.json").write_text(json.dumps(evaluation, ensure_ascii=False, indent=2) + "\n", "utf-8")
    log(f"default backend: {default} ({reason['rule']}); models written to {out_dir}")
    return evaluation
