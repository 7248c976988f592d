"""What two processes gain over one on this machine, for work that shares nothing.

Run from the repository root: ``python benchmarks/bench_cores.py [--seconds 3] [--repeat 3]``.

The batch's goal of 2 jobs at 1.7 times 1 job (``benchmarks/bench_batch.py``) assumes the two
cores each run a process as fast as one core alone.  On a virtual machine they may not (two
virtual cores can be two threads of one physical core, or share it with other machines).  This
script measures the ceiling: the same amount of work done by one process, then split over two
forked processes, for two kinds of work that share no data between processes:

* a pure-Python loop (integer arithmetic, no memory traffic to speak of);
* ``jieba.lcut`` over the texts of ``corpus/samples`` (Python code over strings and dicts, the
  kind of work the batch's workers do).

It prints, for each, the time of one process, the time of two, and the speed-up (medians of
``--repeat`` runs).  A speed-up well below 2 here caps what any batch engine can reach.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _loop(units: int) -> None:
    total = 0
    for _ in range(units):
        for i in range(10_000):
            total += i * i % 7


_TEXTS: list[str] = []


def _jieba(units: int) -> None:
    import jieba

    for i in range(units):
        jieba.lcut(_TEXTS[i % len(_TEXTS)])


def _timed(work: Callable[[int], None], units: int, processes: int) -> float:
    """Wall time of ``units`` of ``work`` split over ``processes`` forked processes."""
    ctx = mp.get_context("fork")
    shares = [units // processes + (i < units % processes) for i in range(processes)]
    started = time.perf_counter()
    if processes == 1:
        work(units)
    else:
        procs = [ctx.Process(target=work, args=(share,)) for share in shares]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
    return time.perf_counter() - started


def _calibrate(work: Callable[[int], None], seconds: float) -> int:
    """Units of ``work`` that take about ``seconds`` in one process."""
    units = 1
    while True:
        took = _timed(work, units, 1)
        if took > 0.2:
            return max(2, round(units * seconds / took))
        units *= 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="length of the one-process run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # loaded before forking: both processes start with it
    _TEXTS.extend(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "samples").rglob("*.txt")))
    print(f"cores seen by the OS: {mp.cpu_count()}; one-process runs of about {args.seconds:g} s, "
          f"{args.repeat} runs each, medians:")
    for name, work in (("pure-Python loop", _loop), ("jieba.lcut over the samples", _jieba)):
        units = _calibrate(work, args.seconds)
        one, two = [], []
        for _ in range(args.repeat):
            one.append(_timed(work, units, 1))
            two.append(_timed(work, units, 2))
        t1, t2 = statistics.median(one), statistics.median(two)
        print(f"  {name:<30} 1 process {t1:6.2f} s   2 processes {t2:6.2f} s   speed-up {t1 / t2:.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
