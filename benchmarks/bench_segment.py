"""Segmentation speed: bare jieba / rjieba against ``nlp.text.segment`` with each backend.

Run from the repository root: ``python benchmarks/bench_segment.py [--chars 1000000]``.
The text is the real reports (../shared/reports, if present) plus corpus/samples, repeated to about
``--chars`` characters.  Each figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.text import segment  # noqa: E402  (after the path set-up)
from nlp.text.segment import _jieba_cut, _rjieba_cut  # noqa: E402

REPORTS = ROOT.parent / "shared" / "reports"


def _report_texts() -> list[str]:
    from nlp.ingest import read_document

    paths = sorted(REPORTS.glob("*.txt")) + sorted(REPORTS.glob("*.pdf"))
    paths += [p for p in sorted((ROOT / "corpus" / "samples").rglob("*")) if p.is_file() and p.suffix != ".md"]
    return [read_document(p).text for p in paths]


def _corpus(chars: int) -> list[str]:
    """Lines of the reports and samples, repeated to about ``chars`` characters."""
    lines = [line for text in _report_texts() for line in text.splitlines() if line.strip()]
    size = sum(map(len, lines))
    return lines * max(1, round(chars / size))


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _load_times() -> dict[str, float]:
    """First-use cost of each backend: import + default dictionary + domain dictionary."""
    out = {}
    for name, loader in (("rjieba", _rjieba_cut), ("jieba", _jieba_cut)):
        t0 = time.perf_counter()
        loader()("政务公开")
        out[name] = time.perf_counter() - t0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    loads = _load_times()
    lines = _corpus(args.chars)
    total = sum(map(len, lines))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    import rjieba

    jieba.lcut("预热")  # load jieba's global dictionary outside the timing
    runs = {
        "bare jieba.lcut (global, no domain dict)": lambda: [jieba.lcut(x) for x in lines],
        "bare rjieba.cut (global, no domain dict)": lambda: [rjieba.cut(x) for x in lines],
        "segment(backend='jieba')": lambda: [segment(x, "jieba") for x in lines],
        "segment(backend='rjieba')": lambda: [segment(x, "rjieba") for x in lines],
    }
    print(f"text: {total:,} characters in {len(lines):,} lines (best of {args.repeat} runs)")
    print("dictionary load (import + default dict + domain dict, first call):")
    for name, seconds in loads.items():
        print(f"  {name:<8} {seconds:8.3f} s")
    print("throughput:")
    for label, fn in runs.items():
        seconds = _best(fn, args.repeat)
        print(f"  {label:<42} {total / seconds / 1000:10,.0f} K chars/s  ({seconds:.2f} s)")


if __name__ == "__main__":
    main()
