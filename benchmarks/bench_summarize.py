"""Parse time per report in process, and the cold start of the `summarize` process.

Run:  python benchmarks/bench_summarize.py [--runs 7]

Prints, for every sample in corpus/samples and the real reports in ../shared/reports (when present):
the median in-process parse time (read_report, without tagging) and the median wall time of a fresh
`summarize FILE --format json` process (which tags the sentences), and whether spaCy or
scikit-learn were imported on that path. Then the section search alone on a long report (the first
real report repeated to 20,000 characters, its titles eight times over): best of five, in ms; the
goal is under 10 ms (it was about 2.5 ms on the machine the search was written on).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
REAL = ROOT.parent / "shared" / "reports"


def inputs() -> list[Path]:
    from nlp.ingest import is_report_name

    files = sorted(p for p in SAMPLES.glob("*") if is_report_name(p.name))
    if REAL.exists():
        files += sorted(p for p in REAL.glob("*") if p.suffix in {".txt", ".pdf"})
    return files


def parse_time(path: Path, runs: int) -> float:
    from nlp import read_report

    read_report(path)  # warm: lazy imports and caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        read_report(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cold_start(path: Path, runs: int) -> float:
    code = (
        "import sys; from nlp.cli import summarize_main; sys.argv=['summarize', sys.argv[1], '--format', 'json'];"
        "\ntry:\n    summarize_main()\nexcept SystemExit:\n    pass"
    )
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def heavy_imports(path: Path) -> list[str]:
    code = (
        "import sys; from nlp import read_report; from nlp import summary; "
        "summary.to_json(read_report(sys.argv[1])); "
        "print(','.join(m for m in ('spacy', 'sklearn', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True)
    return [m for m in out.stdout.strip().split(",") if m]


def long_report_sections() -> float | None:
    """Best of five times of ``find_sections`` on a real report repeated to 20,000 characters."""
    from nlp.sections import find_sections

    first = sorted(REAL.glob("*.txt"))[:1] if REAL.exists() else []
    if not first:
        return None
    text = (first[0].read_text(encoding="utf-8") * 8)[:20_000]
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        find_sections(text)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'report':45} {'parse ms':>9} {'cold start s':>13}  heavy imports")
    for path in inputs():
        parse_ms = parse_time(path, args.runs) * 1000
        cold = cold_start(path, args.runs)
        heavy = heavy_imports(path)
        print(f"{path.name:45} {parse_ms:9.1f} {cold:13.3f}  {', '.join(heavy) or 'none'}")
    best = long_report_sections()
    if best is None:
        print("section search on a long report: skipped (../shared/reports is absent)")
    else:
        print(f"section search on a 20,000-character report (best of 5): {best * 1000:.1f} ms (goal < 10 ms)")


if __name__ == "__main__":
    main()
