"""The work on a batch of files: read each, tag them together, return compact rows or errors.

:func:`process_batch` is the unit (a bundle of a local worker, a chunk on Dask); :func:`serve`
is the loop of a local worker process.  Each file is read within the per-file timeout; the
sentences of all the files read are then tagged in one call to the tagger, which costs less per
report than a call each (the tags are the same: every sentence is tagged on its own).  The tagger
is loaded once per process (:func:`nlp.tagging.load_tagger` is cached): a local worker loads it
as it starts.

Test hook: ``GOVREPORT_BATCH_TEST_STALL`` = comma-separated file names (not paths).  A worker
given a file of that name spins in a Python loop until its deadline stops it; a name written
``!name`` blocks ``SIGALRM`` and sleeps, so that only the engine's hard kill can stop it; a name
written ``+name`` makes the worker process exit at once (a crash).  It is read only by
:func:`process_batch`, for the tests of the per-file timeout and of crashes.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyarrow as pa

from ..errors import ReportError
from ..model import Report
from .deadline import Timeout, deadline
from .rows import Rows, batch_rows

STALL_ENV = "GOVREPORT_BATCH_TEST_STALL"
ALIVE = "alive"  # what a local worker sends between results to say it is moving on (see serve)
ALIVE_EVERY = 1.0  # seconds: a worker says ALIVE after a step if it has been silent this long
GC_THRESHOLDS = (20_000, 10, 10)  # a local worker's gc.set_threshold (Python's default: 700, 10, 10)


@dataclass(frozen=True, slots=True)
class Task:
    """One distinct content to process: its index in the sorted file list, chunk, path, hash."""

    index: int
    chunk: int
    path: str  # absolute path (workers on other machines need the same path)
    rel: str  # path relative to the corpus
    report_id: str  # sha256 of the bytes


@dataclass
class FileResult:
    """What a worker returns for a task: the rows of its batch (:class:`.rows.Rows`, the same
    object for every file of the batch, so it travels once), or an error problem and kind."""

    task: Task
    kind: str  # ok | bad_input | timeout | crash
    rows: Rows | None = None
    n_sentences: int = 0
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def failure(task: Task, kind: str, problem: str) -> FileResult:
    return FileResult(task=task, kind=kind, problem=" ".join(problem.split()))


def timeout_problem(seconds: float) -> str:
    return f"took longer than {seconds:g} s to read and tag (per-file timeout); skipped"


def process_batch(tasks: list[Task], timeout: float, step: Callable[[], None] = lambda: None) -> list[FileResult]:
    """Read and tag each file and turn the reports into rows; results in the order of ``tasks``.

    Reading a file is limited to ``timeout`` seconds (0 = no limit), and so is tagging the files
    read; if tagging them together fails or runs out of time, each is tagged alone (within the
    timeout), so that one file's trouble is recorded against that file only.  ``step`` is called
    after each file read and after each tagging call."""
    from ..pipeline import read_report

    results: dict[int, FileResult] = {}
    read: dict[int, Report] = {}
    for i, task in enumerate(tasks):
        try:
            with deadline(timeout):
                _stall_if_asked(task.path)
                read[i] = read_report(task.path)
        except (Timeout, Exception) as exc:
            results[i] = _failure(task, exc, timeout)
        step()
    _tag(read, tasks, timeout, results, step)
    try:
        rows = batch_rows([(tasks[i].index, report, tasks[i].report_id) for i, report in read.items()])
    except Exception as exc:
        results.update((i, _failure(tasks[i], exc, timeout)) for i in read)
    else:
        results.update((i, FileResult(tasks[i], "ok", rows, len(report.sentences or []))) for i, report in read.items())
    return [results[i] for i in range(len(tasks))]


def _tag(read: dict[int, Report], tasks: list[Task], timeout: float, results: dict[int, FileResult],
         step: Callable[[], None]) -> None:
    """Tag the reports read, all in one call, else one by one; a report that cannot be tagged
    leaves ``read`` for ``results`` (as its failure).  ``step`` after each call."""
    from ..pipeline import tag_report, tag_reports

    try:
        with deadline(timeout):
            tag_reports(list(read.values()))
        return
    except (Timeout, Exception):
        pass
    finally:
        step()
    for i in list(read):
        try:
            with deadline(timeout):
                tag_report(read[i])
        except (Timeout, Exception) as exc:
            results[i] = _failure(tasks[i], exc, timeout)
            del read[i]
        step()


def _failure(task: Task, exc: BaseException, timeout: float) -> FileResult:
    """The error record of a file: a timeout, bad input, or a crash (a bug in a stage)."""
    if isinstance(exc, Timeout):
        return failure(task, "timeout", timeout_problem(timeout))
    if isinstance(exc, ReportError):
        return failure(task, "bad_input", exc.problem)
    return failure(task, "crash", f"unexpected error ({type(exc).__name__}: {exc})")


def serve(conn: Connection, inherited: list[Connection], timeout: float) -> None:
    """Loop of a local worker process: receive a list of Tasks, send the list of their
    FileResults; stop on ``None`` or when the parent is gone.  After a step of a bundle (a file
    read, the tagging) that ends :data:`ALIVE_EVERY` seconds or more after the worker last sent
    anything, it sends :data:`ALIVE`, so that the parent can tell a slow bundle from a stuck
    worker without a message per file; it says ALIVE once it is ready too (loading the tagger takes
    a second or more on a busy machine, which is no file's fault).  Ctrl-C is the parent's
    business: workers ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in inherited:  # ends of the other workers' pipes, copied by fork
        other.close()
    _warm_up()
    try:  # ready: the parent's clock for a stuck worker starts now, not while it was loading
        conn.send(ALIVE)
    except OSError:
        return
    last_sent = time.monotonic()

    def step() -> None:
        nonlocal last_sent
        if time.monotonic() - last_sent >= ALIVE_EVERY:
            conn.send(ALIVE)
            last_sent = time.monotonic()

    while True:
        try:
            tasks = conn.recv()
            if tasks is None:
                return
            results = process_batch(tasks, timeout, step)
            conn.send(results)
            last_sent = time.monotonic()
        except (EOFError, OSError):
            return


def _warm_up() -> None:
    """Make a local worker ready before its first file (while the parent hashes files), then
    set its garbage collector for a long batch run.

    * Load the tagger and the segmenter, and import the stages a file goes through.
    * Tell pyarrow there is no pandas (:func:`pyarrow_without_pandas`).
    * Move what is loaded out of the collector's reach (``gc.freeze``): the tens of thousands
      of objects of the modules and models live as long as the worker, and tracing them again
      at every full collection is wasted work.
    * Collect less often (:data:`GC_THRESHOLDS`): a bundle's reports, sentences and rows are
      freed by reference counting when it is done, yet while it is being made they set off a
      young collection every 700 objects and a full one every 70,000 or so, for nothing."""
    import gc

    from .. import pipeline  # noqa: F401  (imported here, not while the first bundle waits)
    from ..tagging import tag_sentences

    tag_sentences(["政府信息公开工作。"])
    pyarrow_without_pandas()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def pyarrow_without_pandas() -> None:
    """The first time pyarrow converts a Python list it imports pandas (a large library: time,
    memory, and objects for the collector), only to ask whether the list is a pandas object.  The
    batch never gives it one: let that first question find no pandas.  For the processes of the
    batch alone (a local worker, and the parent when run as ``govreport tag``), never a user's
    own process: there pyarrow would no longer know a pandas object given to ``pa.array`` until
    something asks for pandas (``Table.to_pandas`` does; pyarrow then imports it as usual).  A
    process that has pandas already is left as it is."""
    import sys

    if "pandas" in sys.modules:
        return

    class _NoPandas:
        @staticmethod
        def find_spec(name: str, path: object = None, target: object = None) -> None:
            if name == "pandas":
                raise ImportError("pandas is not for pyarrow's list check in a batch worker")

    hide = _NoPandas()
    sys.meta_path.insert(0, hide)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(hide)


def _stall_if_asked(path: str) -> None:
    """The test hook described in the module docstring."""
    names = os.environ.get(STALL_ENV, "").split(",")
    name = Path(path).name
    if name in names:
        while True:
            time.sleep(0)
    if f"!{name}" in names:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    if f"+{name}" in names:
        os._exit(3)
