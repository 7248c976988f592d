"""Tagging speed on one core: both backends against bare jieba and bare rjieba over the same text.

Run:  python benchmarks/bench_tagging.py [--sentences 3000] [--runs 5]

Prints sentences and characters per second for each backend (preparation, segmentation and
model), the model load time once its libraries are imported, bare `jieba.lcut` and bare
`rjieba.cut` over the same sentences, and the cold start of `summarize` with tagging (median).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "samples" / "township-2023.txt"


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def sentences(n: int) -> list[str]:
    from nlp.tagging.corpus import load_corpus

    texts = [ex.text for ex in load_corpus()]
    return (texts * (n // len(texts) + 1))[:n]


def rate(label: str, texts: list[str], fn, runs: int) -> None:
    chars = sum(len(t) for t in texts)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(texts)
        times.append(time.perf_counter() - t0)
    best = statistics.median(times)
    print(f"{label:34} {len(texts) / best:12,.0f} sentences/s {chars / best:14,.0f} chars/s")


def load_time(backend: str) -> float:
    code = (
        "import time, sys\n"
        "from nlp.tagging import load_tagger\n"
        + ("import numpy\n" if backend == "sklearn" else "import spacy, numpy\nimport nlp.tagging.spacy_backend\n")
        + f"t0 = time.perf_counter(); load_tagger({backend!r}); print(time.perf_counter() - t0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def cold_summarize(runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(["summarize", str(SAMPLE), "--format", "json"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    one_core()
    texts = sentences(args.sentences)
    print(f"{len(texts)} corpus sentences, {sum(map(len, texts)):,} characters, one core")

    import jieba
    import rjieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    rate("bare jieba.lcut", texts, lambda ts: [jieba.lcut(t) for t in ts], args.runs)
    rate("bare rjieba.cut", texts, lambda ts: [rjieba.cut(t) for t in ts], args.runs)

    from nlp.tagging import load_tagger, tag_sentences

    for backend in ("sklearn", "spacy"):
        load_tagger(backend)
        tag_sentences(texts[:10], backend)
        rate(f"tag_sentences, backend={backend}", texts, lambda ts, b=backend: tag_sentences(ts, b), args.runs)
    for backend in ("sklearn", "spacy"):
        print(f"model load ({backend}, libraries imported): {load_time(backend):.3f} s")
    print(f"summarize {SAMPLE.name} with tagging, cold process (median of {args.runs}): "
          f"{cold_summarize(args.runs):.2f} s")


if __name__ == "__main__":
    main()
