"""Where the work runs: local worker processes, or a Dask distributed cluster.

Both engines take chunks of :class:`~.worker.Task` (consecutive in the sorted file list) and yield
:class:`~.worker.FileResult` in completion order, plus ``None`` about every
:data:`HEARTBEAT` seconds while waiting (so the caller can refresh its progress display).

* :class:`LocalEngine`: ``jobs`` forked processes, each fed bundles of up to :data:`BUNDLE` files
  over a pipe (a worker tags a bundle's sentences in one call; bundles get smaller as the queue
  runs out, so that the workers finish together).  A worker enforces the per-file
  timeout itself (``SIGALRM``); a worker that sends nothing for the timeout plus
  :data:`~.worker.ALIVE_EVERY` and :data:`KILL_GRACE` seconds (stuck in C code: it says
  :data:`~.worker.ALIVE` after any step that ends a second or more after its last message) is
  killed and a new worker started; before its first message (it says ALIVE once loaded) a worker
  has :data:`STARTUP_LIMIT` seconds, since loading is slow on a busy machine and no file's fault.
  A worker that dies is replaced too.  The files of a bundle that killed or lost its worker are
  sent again one per bundle, so that the file to blame is found: a lone file that does it again
  is recorded as a timeout (killed) or a crash (died).
* :class:`DaskEngine`: one task per chunk on a Dask cluster (a ``LocalCluster`` when no scheduler
  address is given); each task returns its chunk's rows (:class:`~.rows.Rows`) apart from its
  results.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait

from .rows import Rows
from .worker import ALIVE, ALIVE_EVERY, FileResult, Task, failure, process_batch, serve, timeout_problem

HEARTBEAT = 0.2  # seconds between yields of None while waiting
KILL_GRACE = 5.0  # seconds past the per-file timeout (and ALIVE_EVERY) before a silent worker is killed
STARTUP_LIMIT = 120.0  # seconds a new worker may take to load (imports, the tagger) before it is killed
BUNDLE = 16  # files a local worker reads and tags at a time (fewer cost more per file; 2 fill a chunk)
PREFETCH = 2  # bundles a worker holds (the one it is on and the one queued behind it)

Chunks = Iterable[list[Task]]


@dataclass
class _Slot:
    """One worker process and the bundles sent to it (the first is the one it is working on)."""

    process: mp.process.BaseProcess
    conn: Connection
    bundles: deque[list[Task]] = field(default_factory=deque)
    since: float = 0.0  # when it last sent something (or got work while idle)
    ready: bool = False  # it has said it is ready (loaded: see worker.serve)


class LocalEngine:
    """Forked worker processes on this machine, each holding :data:`PREFETCH` bundles (refilled
    as soon as it answers) so that it never waits for the parent, even while the parent writes a
    chunk."""

    def __init__(self, jobs: int, timeout: float):
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self._ctx = mp.get_context("fork")
        self._slots: list[_Slot] = []
        self._queue: deque[Task] = deque()
        self._suspects: set[int] = set()  # indexes of tasks to send alone (see the module doc)
        self._chunks: Iterator[list[Task]] = iter(())
        self._last_queued = False  # the last chunk of the run is in the queue

    def __enter__(self) -> "LocalEngine":
        self._slots = [self._spawn() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: object) -> None:
        for slot in self._slots:
            self._stop(slot, kill=bool(slot.bundles))
        self._slots = []

    def run(self, chunks: Chunks) -> Iterator[FileResult | None]:
        self._chunks = iter(chunks)
        self._last_queued = False
        while True:
            for slot in self._slots:
                self._feed(slot)
            busy = [s for s in self._slots if s.bundles]
            if not busy:
                return
            yield from self._collect(busy)
            yield None

    def _feed(self, slot: _Slot) -> None:
        """Send bundles until the worker has :data:`PREFETCH` in hand.  A bundle takes
        :data:`BUNDLE` files (so bundles lie within chunks) until the last chunk is queued; then
        fewer as the queue runs out (at the end of a run, or of a small one), so that the workers
        finish together."""
        in_hand = PREFETCH * self.jobs
        while len(self._queue) < in_hand * BUNDLE and not self._last_queued:
            chunk = next(self._chunks, None)
            self._last_queued = chunk is None
            self._queue.extend(chunk or ())
        while len(slot.bundles) < PREFETCH and self._queue:
            if not slot.bundles:
                slot.since = time.monotonic()
            size = min(BUNDLE, -(-len(self._queue) // in_hand)) if self._last_queued else BUNDLE
            bundle = [self._queue.popleft()]
            if bundle[0].index not in self._suspects:
                while len(bundle) < size and self._queue and self._queue[0].index not in self._suspects:
                    bundle.append(self._queue.popleft())
            slot.conn.send(bundle)
            slot.bundles.append(bundle)

    def _collect(self, busy: list[_Slot]) -> Iterator[FileResult]:
        ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy], HEARTBEAT))
        for slot in busy:
            if slot.conn in ready:
                try:
                    results = slot.conn.recv()
                except (EOFError, OSError):
                    yield from self._replace(slot, "crash", "the worker process died")
                    continue
                slot.since = time.monotonic()
                slot.ready = True
                if results == ALIVE:  # ready, or still on its bundle
                    continue
                slot.bundles.popleft()
                self._feed(slot)  # before the caller handles the results (it may write a chunk)
                yield from results
            elif slot.process.sentinel in ready:
                yield from self._replace(slot, "crash", f"the worker process died ({slot.process.exitcode})")
            elif self.timeout > 0 and time.monotonic() - slot.since > (
                    self.timeout + ALIVE_EVERY + KILL_GRACE if slot.ready else max(self.timeout, STARTUP_LIMIT)):
                yield from self._replace(slot, "timeout", timeout_problem(self.timeout))

    def _replace(self, slot: _Slot, kind: str, problem: str) -> list[FileResult]:
        """Kill a worker and start another in its slot.  A lone file it was on gets the error;
        the files of a larger bundle go back to the front of the queue as suspects, to be sent
        alone; the bundles sent ahead go back too."""
        bundle = slot.bundles.popleft()
        self._queue.extendleft(reversed([task for later in slot.bundles for task in later]))
        self._stop(slot, kill=True)
        fresh = self._spawn()
        slot.process, slot.conn, slot.bundles = fresh.process, fresh.conn, deque()
        if len(bundle) == 1:
            return [failure(bundle[0], kind, problem)]
        self._suspects.update(task.index for task in bundle)
        self._queue.extendleft(reversed(bundle))
        return []

    def _spawn(self) -> _Slot:
        parent_end, child_end = self._ctx.Pipe()
        inherited = [s.conn for s in self._slots] + [parent_end]
        process = self._ctx.Process(
            target=serve, args=(child_end, inherited, self.timeout), daemon=True
        )
        process.start()
        child_end.close()
        return _Slot(process, parent_end)

    @staticmethod
    def _stop(slot: _Slot, kill: bool) -> None:
        if kill:
            slot.process.kill()
        else:
            try:
                slot.conn.send(None)
            except OSError:
                pass
        slot.process.join(timeout=5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()


class DaskEngine:
    """Chunks as tasks on a Dask distributed cluster."""

    def __init__(self, jobs: int, timeout: float, scheduler: str | None):
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.scheduler = scheduler
        self._client = None
        self._cluster = None

    def __enter__(self) -> "DaskEngine":
        from distributed import Client, LocalCluster

        if self.scheduler:
            self._client = Client(self.scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=self.jobs,
                processes=True,
                threads_per_worker=1,
                dashboard_address=None,
                silence_logs=True,
            )
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def run(self, chunks: Chunks) -> Iterator[FileResult | None]:
        from distributed import wait as dask_wait

        client = self._client
        assert client is not None
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 2
        chunk_iter = iter(chunks)
        running: dict = {}  # future -> tasks
        while True:
            while len(running) < limit and (tasks := next(chunk_iter, None)) is not None:
                future = client.submit(_dask_task, tasks, self.timeout, pure=False)
                running[future] = tasks
            if not running:
                return
            try:
                done, _ = dask_wait(list(running), timeout=HEARTBEAT, return_when="FIRST_COMPLETED")
            except TimeoutError:
                done = set()
            for future in done:
                yield from _batch_results(future, running.pop(future))
            yield None


def _dask_task(tasks: list[Task], timeout: float) -> tuple[list[FileResult], Rows | None]:
    """:func:`~.worker.process_batch` on a Dask worker, with the batch's rows apart from the
    results (Dask sends a list item by item, which would copy the shared rows into each)."""
    results = process_batch(tasks, timeout)
    rows = next((r.rows for r in results if r.rows is not None), None)
    return [replace(r, rows=None) for r in results], rows


def _batch_results(future, tasks: list[Task]) -> list[FileResult]:
    """A finished Dask task's results (the batch's rows put back on each file read), or a crash
    record for each of its files."""
    try:
        results, rows = future.result()
        return [replace(r, rows=rows) if r.ok else r for r in results]
    except Exception as exc:  # a worker died (KilledWorker) or the task failed
        return [failure(t, "crash", f"dask task failed ({type(exc).__name__}: {exc})") for t in tasks]
