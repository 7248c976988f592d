"""The work on one file: read, tag, and return compact rows (pickled tuples) or an error.

:func:`process_file` is the unit; :func:`process_batch` runs it over a batch (a Dask task);
:func:`serve` is the loop of a local worker process.  The tagger is loaded once per process
(:func:`nlp.tagging.load_tagger` is cached; forked workers inherit the parent's).

Test hook: ``GOVREPORT_BATCH_TEST_STALL`` = comma-separated file names (not paths).  A worker
given a file of that name spins in a Python loop until its deadline stops it; a name written
``!name`` blocks ``SIGALRM`` and sleeps, so that only the engine's hard kill can stop it.  It is
read only by :func:`process_file`, for the tests of the per-file timeout.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import ReportError
from .deadline import Timeout, deadline

STALL_ENV = "GOVREPORT_BATCH_TEST_STALL"


@dataclass(frozen=True)
class Task:
    """One distinct content to process: its index in the sorted file list, chunk, path, hash."""

    index: int
    chunk: int
    path: str  # absolute path (workers on other machines need the same path)
    rel: str  # path relative to the corpus
    report_id: str  # sha256 of the bytes


@dataclass
class FileResult:
    """What a worker returns for a task: its rows (:func:`.rows.to_payload`: one byte string,
    cheap to send), or an error problem and kind."""

    task: Task
    kind: str  # ok | bad_input | timeout | crash
    rows: bytes = b""
    n_sentences: int = 0
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def failure(task: Task, kind: str, problem: str) -> FileResult:
    return FileResult(task=task, kind=kind, problem=" ".join(problem.split()))


def timeout_problem(seconds: float) -> str:
    return f"took longer than {seconds:g} s to read and tag (per-file timeout); skipped"


def process_file(task: Task, timeout: float) -> FileResult:
    """Read and tag one file within ``timeout`` seconds (0 = no limit)."""
    from ..pipeline import read_report
    from .rows import to_payload

    try:
        with deadline(timeout):
            _stall_if_asked(task.path)
            report = read_report(task.path, tag=True)
            rows = to_payload(report, task.report_id)
    except Timeout:
        return failure(task, "timeout", timeout_problem(timeout))
    except ReportError as exc:
        return failure(task, "bad_input", exc.problem)
    except Exception as exc:  # a bug in a stage, not bad input: record it and go on
        return failure(task, "crash", f"unexpected error ({type(exc).__name__}: {exc})")
    return FileResult(task, "ok", rows, len(report.sentences or []))


def process_batch(tasks: list[Task], timeout: float) -> list[FileResult]:
    """Process a batch of files (one Dask task); results in the order of ``tasks``."""
    return [process_file(task, timeout) for task in tasks]


def serve(conn: Connection, inherited: list[Connection], timeout: float) -> None:
    """Loop of a local worker process: receive a Task, send its FileResult; stop on ``None``
    or when the parent is gone.  Ctrl-C is the parent's business: workers ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in inherited:  # ends of the other workers' pipes, copied by fork
        other.close()
    while True:
        try:
            task = conn.recv()
            if task is None:
                return
            conn.send(process_file(task, timeout))
        except (EOFError, OSError):
            return


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
