"""The batch run: :func:`tag_corpus` (the Python API behind ``govreport tag``).

Steps: find the files (sorted) and hash them; skip contents already journaled in ``OUT_DIR``;
process the rest in chunks (consecutive in sorted order) on an engine, committing each finished
chunk to the journal and writing the outputs from the journaled parts as soon as a window of them
is complete (:class:`.assemble.Assembler`); then the rest.  Memory holds the file list, the chunks
in flight and one assembly window, whatever the corpus size.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..ingest.common import display_path
from .assemble import FORMATS, Assembler
from .display import Display
from .engines import DaskEngine, LocalEngine
from .journal import PART_FORMAT, Journal
from .walk import Manifest, find_files
from .worker import FileResult, Task

ENGINES = ("local", "dask")
CHUNK_SIZE = 32  # files per journaled chunk (and per Dask task)
CODE_SUFFIXES = (".py", ".txt", ".tsv")  # the package's code and data files (dictionaries, cues): see _fingerprint
MAX_TIMEOUT = 86400.0  # seconds per file (a day); a larger alarm overflows the clock (0: no limit)


@dataclass
class BatchSummary:
    """Counts of a batch run (files unless said otherwise)."""

    out_dir: str
    fmt: str = "parquet"
    found: int = 0  # report files found under the corpus folder
    processed: int = 0  # distinct contents read and tagged by this run (failures included)
    saved: int = 0  # of those, the ones journaled (whole chunks): kept if the run is interrupted
    duplicates: int = 0  # files whose content an earlier file (in path order) already has
    failed: int = 0  # files that could not be read (records in errors.jsonl)
    skipped: int = 0  # distinct contents already done by an earlier run
    reports: int = 0  # rows of reports.parquet
    sentences: int = 0  # rows of sentences.parquet
    elapsed: float = 0.0  # seconds


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run; finished chunks are journaled and the run can be resumed."""

    def __init__(self, summary: BatchSummary):
        super().__init__("interrupted")
        self.summary = summary


def tag_corpus(
    corpus_dir: str | Path,
    out_dir: str | Path,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    fmt: str = "parquet",
    timeout: float = 120,
    progress: bool = True,
    chunk_size: int = CHUNK_SIZE,
    fresh: bool = False,
    retry_failed: bool = False,
) -> BatchSummary:
    """Read and tag every report file under ``corpus_dir``; write the outputs to ``out_dir``.

    ``jobs``: worker processes (default ``os.cpu_count()``); ``engine``: ``"local"`` or
    ``"dask"`` (``scheduler``: address of a Dask scheduler, else a LocalCluster of ``jobs``
    workers); ``fmt``: ``"parquet"`` or ``"jsonl"``; ``timeout``: seconds per file (0 = none);
    ``progress``: show a progress bar on stderr; ``chunk_size``: files per journaled chunk;
    ``fresh``: forget what earlier runs into ``out_dir`` did; ``retry_failed``: do again the
    chunks of earlier runs that hold a file that timed out or crashed (e.g. with a larger
    ``timeout``; the other files of those chunks are done again too).

    Raises FileNotFoundError if ``corpus_dir`` is not a folder, ValueError for a bad option,
    :class:`~nlp.errors.ModelError` if no tagger can be loaded, :class:`BatchInterrupted` on
    Ctrl-C (rerun the same call to resume).

    >>> summary = tag_corpus("corpus/samples", "out/samples", jobs=2)   # doctest: +SKIP
    >>> summary.reports, summary.failed                                  # doctest: +SKIP
    (6, 0)
    """
    started = time.monotonic()
    corpus = Path(corpus_dir).resolve()
    if not corpus.is_dir():
        raise FileNotFoundError(f"{corpus_dir}: no such folder")
    if engine not in ENGINES or fmt not in FORMATS:
        raise ValueError(f"engine must be one of {ENGINES} and fmt one of {FORMATS}")
    if not 0 <= timeout <= MAX_TIMEOUT:  # NaN fails too
        raise ValueError(f"timeout {timeout}: give seconds up to {MAX_TIMEOUT:.0f}, or 0 for no limit")
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out_dir}: exists and is not a folder; the output needs a folder")
    if out == corpus:
        raise ValueError(f"{out_dir}: the output folder cannot be the corpus folder itself (a folder inside it can)")
    if display_path(out) != str(out):
        raise ValueError(f"{display_path(out_dir)}: the output folder's name must be printable UTF-8 text")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"{out_dir}: cannot create the output folder ({exc.strerror or exc})") from None
    jobs = jobs or os.cpu_count() or 1
    summary = BatchSummary(out_dir=str(out), fmt=fmt)
    with Journal(out, _fingerprint(), fresh, retry_failed) as journal, Display(progress) as display:
        if journal.discarded:
            display.note("Earlier results in the output folder were made by other code or models: starting afresh.")
        if journal.retried:
            display.note(f"Doing again {journal.retried} file(s) of chunks with a timeout or a crash.")
        runner = LocalEngine(jobs, timeout) if engine == "local" else DaskEngine(jobs, timeout, scheduler)
        try:
            with runner:  # the workers load the tagger while the files are hashed
                paths = find_files(corpus, skip=out)
                display.phase("hashing", len(paths))
                manifest = Manifest.build(corpus, paths, lambda: display.advance(1))
                summary.found, summary.duplicates = len(paths), manifest.n_duplicates
                todo = _tasks(corpus, manifest, journal, chunk_size)
                summary.skipped = len(manifest.primary) - len(todo)
                display.phase("tagging", len(todo))
                with Assembler(out, manifest, journal, fmt) as assembler:
                    _process(runner.run(_chunks(todo)), todo, journal, assembler, display, summary)
                    written = assembler.finish()
        except KeyboardInterrupt:
            summary.elapsed = time.monotonic() - started
            raise BatchInterrupted(summary) from None
    summary.reports, summary.sentences, summary.failed = written.reports, written.sentences, written.errors
    summary.elapsed = time.monotonic() - started
    return summary


def _tasks(corpus: Path, manifest: Manifest, journal: Journal, chunk_size: int) -> list[Task]:
    """The distinct contents not yet journaled, in path order, numbered into chunks."""
    todo = [(i, rel, h) for i, rel, h in manifest.primaries() if h not in journal.done]
    return [
        Task(index=i, chunk=n // chunk_size, path=os.path.join(corpus, rel), rel=rel, report_id=h)
        for n, (i, rel, h) in enumerate(todo)
    ]


def _chunks(tasks: list[Task]) -> Iterator[list[Task]]:
    """Consecutive tasks of the same chunk."""
    chunk: list[Task] = []
    for task in tasks:
        if chunk and task.chunk != chunk[0].chunk:
            yield chunk
            chunk = []
        chunk.append(task)
    if chunk:
        yield chunk


def _process(
    results: Iterator[FileResult | None],
    tasks: list[Task],
    journal: Journal,
    assembler: Assembler,
    display: Display,
    summary: BatchSummary,
) -> None:
    """Gather results by chunk; journal each chunk as soon as all its files are done, and let
    the assembler write what is complete."""
    sizes = Counter(t.chunk for t in tasks)
    pending: dict[int, list[FileResult]] = {}
    for result in results:
        if result is None:
            display.tick()
            continue
        bucket = pending.setdefault(result.task.chunk, [])
        bucket.append(result)
        summary.processed += 1
        display.advance(1, 0 if result.ok else 1)
        if len(bucket) == sizes[result.task.chunk]:
            journal.commit(pending.pop(result.task.chunk))
            summary.saved += len(bucket)
            assembler.advance()


def _fingerprint() -> str:
    """Identity of what makes the rows: package version, output columns, part file format, the
    package's code and data files (so that parts written by other code, e.g. an edited checkout
    of the same version, are not mixed with new ones), tagger and its models.  Checks the models
    against their manifest (raises ModelError when there is no usable tagger); the workers load
    them."""
    from .. import __version__
    from ..tagging import MANIFEST, resolve_backend
    from .columns import report_columns

    root, backend = resolve_backend()
    digest = hashlib.sha256(f"{__version__}|{backend}|{report_columns()}|{PART_FORMAT}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(f"|{path.relative_to(package).as_posix()}|".encode())
            digest.update(path.read_bytes())
    digest.update((root / MANIFEST).read_bytes())
    return digest.hexdigest()
