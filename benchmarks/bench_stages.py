"""Where a batch worker's time goes: milliseconds per report in each stage, in one process.

    python benchmarks/bench_stages.py [--reports 600]

Builds synthetic text reports from the samples as `bench_batch.py` does, loads the tagger as a
batch worker does, and times each stage of `nlp.pipeline` over them (ingest, sections, meta,
figures, tables, checks, metrics, sentence splitting), then the tagging of all their sentences in
a dozen calls (as a worker tags a bundle at a time), and the batch rows.  Prints ms per report
for each and in all, and the characters per report.  Use it to see which stage to make faster
when `bench_batch.py` falls short of its goals.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench_batch import build_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=600)
    args = parser.parse_args()

    from nlp import checks, figures, meta, sections, tables
    from nlp.batch.rows import batch_rows
    from nlp.batch.worker import _warm_up
    from nlp.ingest import read_document
    from nlp.model import Report
    from nlp.tagging import tag_sentences
    from nlp.text import narrative_sentences

    _warm_up()
    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(Path(tmp), args.reports)
        paths = sorted(Path(tmp).rglob("*.txt"))
        spent: Counter[str] = Counter()

        def timed(stage: str, fn, *a):
            started = time.perf_counter()
            out = fn(*a)
            spent[stage] += time.perf_counter() - started
            return out

        for _ in range(2):  # the first pass warms the caches; the second is the one printed
            spent.clear()
            reports, split, chars = [], [], 0
            for path in paths:
                doc = timed("ingest", read_document, path)
                found = timed("sections", sections.find_sections, doc.text)
                info = timed("meta", meta.extract_meta, doc, found)
                figs = timed("figures", figures.extract_figures, doc.text, found, info.year)
                tabs = timed("tables", tables.extract_tables, doc, found)
                results = timed("checks", checks.run_checks, info, found, tabs, figs, doc.text)
                metrics = timed("metrics", checks.derive_metrics, tabs, figs)
                split.append(timed("sentences", narrative_sentences, doc.text, found))
                missing = sections.missing_sections(found, info.format)
                reports.append(Report(meta=info, sections=found, missing_sections=missing, tables=tabs, figures=figs,
                                      checks=results, metrics=metrics, text=doc.text, source=doc.source))
                chars += len(doc.text)
            step = -(-len(paths) // 12)
            for start in range(0, len(paths), step):
                group = [s for g in split[start : start + step] for s in g]
                tagged = timed("tagging", tag_sentences, group)
                k = 0
                for report, own in zip(reports[start : start + step], split[start : start + step]):
                    report.sentences = tagged[k : k + len(own)]
                    k += len(own)
            for start in range(0, len(paths), step):
                bundle = [(i, r, f"{i:064d}") for i, r in enumerate(reports[start : start + step], start)]
                timed("rows", batch_rows, bundle)
    n = len(paths)
    print(f"{n} synthetic reports, {chars / n:,.0f} characters per report; ms per report, one process:")
    for stage, seconds in spent.most_common():
        print(f"  {stage:<10} {seconds / n * 1000:>7.2f}")
    print(f"  {'all':<10} {sum(spent.values()) / n * 1000:>7.2f}")


if __name__ == "__main__":
    main()
