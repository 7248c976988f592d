"""The batch run: :func:`tag_corpus` (the Python API behind ``govreport tag``).

Steps: find the files (sorted) and hash them; skip contents already journaled in ``OUT_DIR``;
process the rest in chunks (consecutive in sorted order) on an engine, committing each finished
chunk to the journal and writing the outputs from the journaled parts as soon as a window of them
is complete (:class:`.assemble.Assembler`); then the rest.  The file list and the journal are
kept in SQLite files in ``OUT_DIR/.state`` (:class:`.walk.FileIndex`,
:class:`.journal.DoneIndex`), so memory holds the chunks in flight, one assembly window and the
error records, whatever the corpus size.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..ingest.common import display_path
from .assemble import FORMATS, Assembler
from .display import Display
from .engines import DaskEngine, LocalEngine
from .journal import PART_FORMAT, Journal
from .scratch import PAGE
from .walk import FileIndex
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
                index = FileIndex.create(corpus, journal.state / "files.sqlite", skip=out)
                try:
                    display.phase("hashing", index.count)
                    index.hash_all(lambda: display.advance(1))
                    summary.found, summary.duplicates = index.count, index.n_duplicates
                    todo = sum(len(page) for page in _todo(index, journal))
                    summary.skipped = index.n_contents - todo
                    display.phase("tagging", todo)
                    sizes: dict[int, int] = {}
                    with Assembler(out, index, journal, fmt) as assembler:
                        chunks = _chunks(corpus, index, journal, chunk_size, sizes)
                        _process(runner.run(chunks), sizes, journal, assembler, display, summary)
                        written = assembler.finish()
                finally:
                    index.close()
        except KeyboardInterrupt:
            summary.elapsed = time.monotonic() - started
            raise BatchInterrupted(summary) from None
    summary.reports, summary.sentences, summary.failed = written.reports, written.sentences, written.errors
    summary.elapsed = time.monotonic() - started
    return summary


def _todo(index: FileIndex, journal: Journal) -> Iterator[list[tuple[int, str, str]]]:
    """The distinct contents not yet journaled, (index, path, id) in path order, a page at a time."""
    primaries = index.primaries()
    while page := list(islice(primaries, PAGE)):
        done = journal.done.parts_of([h for _, _, h in page])
        yield [(i, rel, h) for i, rel, h in page if h not in done]


def _chunks(corpus: Path, index: FileIndex, journal: Journal, chunk_size: int,
            sizes: dict[int, int]) -> Iterator[list[Task]]:
    """The tasks of the contents not yet journaled, in path order, ``chunk_size`` to a chunk;
    each chunk's size goes into ``sizes`` as it is made."""
    chunk: list[Task] = []
    number = 0
    for page in _todo(index, journal):
        for i, rel, h in page:
            chunk.append(Task(index=i, chunk=number, path=os.path.join(corpus, rel), rel=rel, report_id=h))
            if len(chunk) == chunk_size:
                sizes[number] = len(chunk)
                yield chunk
                chunk, number = [], number + 1
    if chunk:
        sizes[number] = len(chunk)
        yield chunk


def _process(
    results: Iterator[FileResult | None],
    sizes: dict[int, int],
    journal: Journal,
    assembler: Assembler,
    display: Display,
    summary: BatchSummary,
) -> None:
    """Gather results by chunk; journal each chunk as soon as all its files are done (``sizes``:
    files per chunk, of the chunks handed to the engine), and let the assembler write what is
    complete."""
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
            del sizes[result.task.chunk]
            journal.commit(pending.pop(result.task.chunk))
            summary.saved += len(bucket)
            assembler.advance(r.task.report_id for r in bucket)


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
