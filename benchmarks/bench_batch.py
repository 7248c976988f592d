"""Throughput and memory of `govreport tag` (batch tagging of a corpus).

    python benchmarks/bench_batch.py [--reports 5000] [--pdfs 50] [--repeat 3] [--keep DIR]

Builds a synthetic corpus from the text samples in a temporary folder: each variant renames the
places (consistently, so agencies change), shifts the years (report year and dates together) and
multiplies every count by the same factor, 1 to 50 (table cells and the narrative figures alike, so
the sums still hold).  Then it runs the real command (`python -m nlp.batch`, the same as
`govreport tag`) with 1 and 2 jobs on it and on its first 1,000 reports, ``--repeat`` times each
in turn (this machine's speed drifts from minute to minute), and prints: the medians of reports/s
and characters/s; the *marginal* rates, (full count - 1,000) reports over the difference of the
median times, which leave out what a run spends once whatever its size (starting Python and the
workers, loading the models, writing the last window), that is the rate of a long run; peak
memory (parent + workers RSS, polled with psutil: shared pages are counted once per process, so
it is an upper bound) at 1,000 and at the full count, and of the parent alone (which holds the
run's bookkeeping: the workers' memory does not depend on the corpus size); the throughput of bare `jieba.lcut` and
`rjieba.cut` over the same texts in one process (median of ``--repeat`` passes); the disk taken
by the outputs and by the part files a run keeps for resuming; and the throughput on PDFs
rendered with reportlab's STSong-Light.

Goals on a 2-core machine (text reports): one job >= 3x bare jieba's characters/s and >= 100
reports/s; two jobs >= 1.7x one job; peak memory < 1 GB and not growing with the corpus.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
TEXT_SAMPLES = ("township-2023.txt", "county-dept-2022.txt", "errors-township-2023.txt", "county-2016-pre2019.txt")
PLACES = {"青禾县": "县", "鹭汀镇": "镇", "岚川县": "县", "栖沙镇": "镇", "柘源县": "县", "澄江口市": "市"}
SYLLABLES = "松桐石泉安平清河云山阳明华宁兴和丰庆新永长乐东西南北金玉梅竹兰溪川江湖岭"
COUNT_UNITS = "件|条|次|篇|人次|个|项|场|期"
_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
_COUNT = re.compile(rf"(?<![\d.,年月])(\d{{1,3}}(?:,\d{{3}})+|\d+)(?=(?:{COUNT_UNITS}))")  # 1846 or 1,846
_CELL = re.compile(r"^\d+$")


# ---- the synthetic corpus ------------------------------------------------------------------


def variant(text: str, rng: random.Random) -> str:
    """The text with new place names, years shifted by 0-2 and every count times 1-50 (so that rows of
    counts rarely recur across reports, as in a real corpus, where labels and rows of zeros recur)."""
    for place, suffix in PLACES.items():
        text = text.replace(place, "".join(rng.sample(SYLLABLES, 2)) + suffix)
    shift, factor = rng.randint(0, 2), rng.randint(1, 50)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    lines = []
    for line in text.split("\n"):
        if "\t" in line:
            line = "\t".join(str(int(f) * factor) if _CELL.match(f) else f for f in line.split("\t"))
        else:
            line = _COUNT.sub(lambda m: _times(m.group(1), factor), line)
        lines.append(line)
    return "\n".join(lines)


def _times(count: str, factor: int) -> str:
    """A count written like ``count`` (with or without thousands separators), times ``factor``."""
    value = int(count.replace(",", "")) * factor
    return f"{value:,}" if "," in count else str(value)


def build_corpus(folder: Path, n: int, seed: int = 1) -> list[str]:
    """``n`` synthetic text reports in ``folder`` (100 per subfolder); returns their texts."""
    rng = random.Random(seed)
    samples = [(SAMPLES / name).read_text(encoding="utf-8") for name in TEXT_SAMPLES]
    texts = []
    for i in range(n):
        text = variant(samples[i % len(samples)], rng) + f"\n本报告编号：GR{i:05d}。\n"  # all distinct
        path = folder / f"d{i // 100:03d}" / f"report-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def build_pdfs(folder: Path, texts: list[str]) -> None:
    """One PDF per text, rendered with the STSong-Light CID font (wrapped at 38 characters)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        pdf = canvas.Canvas(str(folder / f"report-{i:03d}.pdf"), pagesize=A4)
        y = 800
        for para in text.split("\n"):
            para = para.replace("\t", "  ")
            for start in range(0, max(len(para), 1), 38):
                if y < 60:
                    pdf.showPage()
                    y = 800
                pdf.setFont("STSong-Light", 12)
                pdf.drawString(50, y, para[start : start + 38])
                y -= 18
        pdf.save()


# ---- measuring -----------------------------------------------------------------------------


def tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """(RSS of a process and all its descendants, RSS of the process alone), in bytes."""
    total = own = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            rss = p.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        if p is proc:
            own = rss
    return total, own


def run_tag(corpus: Path, out: Path, jobs: int) -> tuple[float, float, int, int]:
    """Run the command; (wall seconds, CPU seconds of the command and its workers, peak RSS of
    the process tree, peak RSS of the command's own process: the parent)."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [sys.executable, "-m", "nlp.batch", str(corpus), "--out", str(out), "--jobs", str(jobs), "-q"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = parent = 0
    watched = psutil.Process(proc.pid)
    while proc.poll() is None:
        tree, own = tree_rss(watched)
        peak, parent = max(peak, tree), max(parent, own)
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"govreport tag failed ({proc.returncode}): {proc.stderr.read()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, cpu, peak, parent


def chars_of(out: Path) -> tuple[int, int]:
    """(reports written, characters of their texts) from reports.parquet."""
    import pyarrow.parquet as pq

    table = pq.read_table(out / "reports.parquet", columns=["n_chars"])
    return table.num_rows, sum(table.column("n_chars").to_pylist())


def disk_use(out: Path) -> tuple[int, int]:
    """(bytes of the output files, bytes of the part files kept in OUT_DIR/.parts)."""
    outputs = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
    parts = sum(f.stat().st_size for f in (out / ".parts").iterdir())
    return outputs, parts


def bare_rate(cut, texts: list[str], repeat: int) -> float:
    """Characters per second of a segmenter over the texts, in one process (median of passes)."""
    cut(texts[0])  # load the dictionary outside the timing
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            cut(text)
        seconds.append(time.perf_counter() - started)
    return sum(map(len, texts)) / statistics.median(seconds)


def line(label: str, value: str) -> None:
    print(f"  {label:<54} {value}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--pdfs", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each job count (medians are printed)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        bench(work, args.reports, args.pdfs, args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def bench(work: Path, n: int, n_pdfs: int, repeat: int) -> None:
    small = min(1000, n)
    print(f"Building {n} synthetic text reports in {work} ...", flush=True)
    texts = build_corpus(work / "corpus", n)
    build_corpus(work / "corpus-small", small)
    print(f"  {n} reports, {sum(map(len, texts)):,} characters ({sum(map(len, texts)) / n:,.0f} per report)")

    import jieba
    import rjieba

    jieba.setLogLevel(60)
    sample = texts[:1000]
    jieba_rate, rjieba_rate = bare_rate(jieba.lcut, sample, repeat), bare_rate(rjieba.cut, sample, repeat)
    print("Baselines (one process, same texts):")
    line("bare jieba.lcut", f"{jieba_rate:>12,.0f} chars/s")
    line("bare rjieba.cut", f"{rjieba_rate:>12,.0f} chars/s")

    rates = {}
    line("load average before the runs", f"{os.getloadavg()[0]:>12.2f}")
    print(f"govreport tag, {n} and {small} text reports (end to end: start, hash, tag, write), "
          f"{repeat} runs each, 1 and 2 jobs in turn; medians:")
    runs: dict[int, list[tuple[float, float, int, int]]] = {1: [], 2: []}
    small_runs: dict[int, list[tuple[float, float, int, int]]] = {1: [], 2: []}
    for _ in range(repeat):  # in turn, so that a slow spell of the machine hits both alike
        for jobs in runs:
            runs[jobs].append(run_tag(work / "corpus", work / f"out-{jobs}", jobs))
            small_runs[jobs].append(run_tag(work / "corpus-small", work / f"out-small-{jobs}", jobs))
    marginal = {}
    for jobs, measured in runs.items():
        seconds = statistics.median(m[0] for m in measured)
        cpu = statistics.median(m[1] for m in measured)
        peak = max(m[2] for m in measured)
        reports, chars = chars_of(work / f"out-{jobs}")
        rates[jobs] = reports / seconds
        line(f"--jobs {jobs}: times of the runs", "  ".join(f"{m[0]:.1f}" for m in measured) + " s")
        line(f"--jobs {jobs}: time", f"{seconds:>12.1f} s")
        line(f"--jobs {jobs}: CPU time per report (all processes)", f"{cpu / reports * 1000:>12.1f} ms")
        line(f"--jobs {jobs}: reports per second", f"{reports / seconds:>12.1f}")
        line(f"--jobs {jobs}: characters per second", f"{chars / seconds:>12,.0f}  ({chars / seconds / jieba_rate:.2f}x bare jieba)")
        line(f"--jobs {jobs}: peak memory (parent + workers RSS, all runs)", f"{peak / 2**20:>12.0f} MiB")
        line(f"--jobs {jobs}: peak memory of the parent alone", f"{max(m[3] for m in measured) / 2**20:>12.0f} MiB")
        if n > small:  # the extra reports over the extra time: the rate once started (no start-up, no last write)
            small_reports, small_chars = chars_of(work / f"out-small-{jobs}")
            extra = seconds - statistics.median(m[0] for m in small_runs[jobs])
            marginal[jobs] = (reports - small_reports) / extra
            line(f"--jobs {jobs}: marginal reports per second ({n} - {small})", f"{marginal[jobs]:>12.1f}")
            line(f"--jobs {jobs}: marginal characters per second",
                 f"{(chars - small_chars) / extra:>12,.0f}  ({(chars - small_chars) / extra / jieba_rate:.2f}x bare jieba)")
    line("speed-up, 2 jobs over 1 (medians)", f"{rates[2] / rates[1]:>12.2f}x")
    if marginal:
        line("speed-up, 2 jobs over 1 (marginal rates)", f"{marginal[2] / marginal[1]:>12.2f}x")
    outputs, parts = disk_use(work / "out-2")
    line("disk: outputs / part files kept for resuming", f"{outputs / 2**20:>12.1f} MiB / {parts / 2**20:.1f} MiB "
         f"({parts / n / 1024:.1f} KiB per report)")
    seconds = statistics.median(m[0] for m in small_runs[2])
    peak, parent = max(m[2] for m in small_runs[2]), max(m[3] for m in small_runs[2])
    line(f"peak memory at {small} reports (--jobs 2)", f"{peak / 2**20:>12.0f} MiB  ({small / seconds:.1f} reports/s)")
    line(f"peak memory of the parent at {small} reports (--jobs 2)", f"{parent / 2**20:>12.0f} MiB")

    if n_pdfs:
        build_pdfs(work / "pdfs", texts[:n_pdfs])
        seconds, _, peak, _ = run_tag(work / "pdfs", work / "out-pdfs", 2)
        reports, chars = chars_of(work / "out-pdfs")
        print(f"govreport tag, {n_pdfs} PDFs (reportlab, STSong-Light), --jobs 2:")
        line("reports read / time", f"{reports}/{n_pdfs} in {seconds:.1f} s")
        line("reports per second", f"{reports / seconds:>12.1f}")
        line("peak memory (parent + workers RSS)", f"{peak / 2**20:>12.0f} MiB")


if __name__ == "__main__":
    main()
