"""Part files and the resume journal in the output folder.

Layout::

    OUT_DIR/.parts/part-00000.arrow   the rows of one finished chunk: Arrow IPC files back to back
    OUT_DIR/.state/done.jsonl         one line per finished chunk: {"part", "ids", "blobs", "crc32"}
    OUT_DIR/.state/run.json           fingerprint of the code and models that wrote them
    OUT_DIR/.state/done.sqlite        the journal as an index (content -> part), made anew by each run
    OUT_DIR/.state/lock               held (flock) while a run writes here

A part file holds Arrow IPC files ("blobs") one after the other: report rows and sentence rows
(the part schemas of :mod:`.columns` led by ``_index``, as the workers sent them, see
:mod:`.rows`) and, when some of the chunk's files could not be read, one blob of error records.
Its journal line lists the chunk's content hashes (``ids``), the kind and size of each blob in
order, and the CRC-32 of the whole file.  Part files are keyed by content hash, not path, so a
resumed run can reorder and rename freely.

Committing a chunk writes its part file, then appends its journal line (flushed to the system
at once); neither is fsynced, so that the run never waits for the disk.  A content is
done once its hash is in a journal line whose part file has the recorded size and CRC-32; a run
checks this for every line when it opens the folder, drops the lines that fail it (rewriting the
journal atomically), and deletes part files that no line vouches for.  So:

* a run killed at any moment (Ctrl-C, kill -9, a crash) loses no chunk it journaled: what it
  wrote is in the system's page cache even though the process is gone; a part file written before
  the kill but not yet journaled is deleted and its chunk done again;
* after a power cut or a system crash, chunks whose data had not reached the disk yet (a lost or
  torn journal line, a part file short or with other bytes) are done again; none is trusted.

A torn last journal line is cut off when the folder is opened.  ``run.json`` is replaced
atomically (written, fsynced, renamed).  The journal is read a line at a time, and what it says
is kept in ``done.sqlite`` rather than in memory, so that a run's memory does not grow with the
corpus; ``done.jsonl`` stays the record, and the index is made from it again by every run.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc

from .columns import part_schemas
from .rows import INDEX, Rows, ipc_bytes
from .scratch import open_scratch, select_in
from .worker import FileResult

PARTS = ".parts"
STATE = ".state"
KINDS = ("reports", "sentences", "errors")  # kinds of blobs
RETRYABLE = ("timeout", "crash")  # kinds of error another try may not meet (bad_input would again)
PART_FORMAT = "arrow-ipc-2"  # how part files are written (part of the run fingerprint)
SUFFIX = ".arrow"

ROW_INDEX = pa.field(INDEX, pa.int64())  # leads the schema of a blob of rows
Blobs = list[tuple[str, int]]  # (kind, size in bytes) of the blobs of a part file, in order


class JournalBusy(Exception):
    """Another run holds the output folder."""


class Journal:
    """The finished contents of an output folder; :meth:`commit` records one more chunk,
    :meth:`read` gives the rows of parts."""

    def __init__(self, out_dir: Path, fingerprint: str, fresh: bool = False, retry_failed: bool = False):
        self.out_dir = out_dir
        self.parts = out_dir / PARTS
        self.state = out_dir / STATE
        self.discarded = False  # True when earlier results were dropped for another fingerprint
        self.retried = 0  # files of the parts dropped to be done again (retry_failed)
        self.state.mkdir(parents=True, exist_ok=True)
        self._lock = (self.state / "lock").open("w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self._lock.close()
            raise JournalBusy(f"{out_dir}: another `govreport tag` run is writing here") from exc
        self.done = DoneIndex(self.state / "done.sqlite")
        self._next = self._open(fingerprint, fresh, retry_failed)
        self._log: IO[str] = (self.state / "done.jsonl").open("a", encoding="utf-8")

    def _open(self, fingerprint: str, fresh: bool, retry_failed: bool) -> int:
        """Read the journal (see the module doc) into :attr:`done`; returns the number of the
        next part.  With ``retry_failed``, the parts holding a file that timed out or crashed are
        dropped too, so that their chunks are done again."""
        run_file, log = self.state / "run.json", self.state / "done.jsonl"
        previous = json.loads(run_file.read_text()) if run_file.exists() else None
        if fresh or (previous is not None and previous.get("fingerprint") != fingerprint):
            self.discarded = not fresh and previous is not None
            shutil.rmtree(self.parts, ignore_errors=True)
            log.unlink(missing_ok=True)
        _write_synced(run_file, json.dumps({"fingerprint": fingerprint}))
        self.parts.mkdir(exist_ok=True)
        _trim_torn_tail(log)
        dropped: set[int] = set()  # numbers of the lines to leave out of the journal
        last = -1
        for line_no, entry in _read_log(log):
            if entry is None:  # did not parse
                dropped.add(line_no)
                continue
            last = max(last, entry["number"])
            if not _verified(self.part_path(entry["part"]), entry["blobs"], entry["crc32"]):
                dropped.add(line_no)
                continue
            if retry_failed and self._retryable(entry["part"], entry["blobs"]):
                self.retried += len(entry["ids"])
                dropped.add(line_no)
                continue
            self.done.add(entry["part"], entry["ids"], entry["blobs"])
        for orphan in self.parts.iterdir():  # no journal line vouches for it (see the module doc)
            if not self.done.has_part(orphan.name.removesuffix(SUFFIX)):
                orphan.unlink()
        if dropped:  # lines that failed their check or did not parse: keep the rest only
            _write_synced(log, (line for line_no, line in enumerate(_lines(log)) if line_no not in dropped))
        return last + 1

    def _retryable(self, part: str, blobs: Blobs) -> bool:
        """Does the part hold an error record of a :data:`RETRYABLE` kind?"""
        if not any(kind == "errors" for kind, _ in blobs):
            return False
        errors = self._read_parts([(part, blobs)])["errors"]
        return any(k in RETRYABLE for k in errors["kind"].to_pylist())

    def part_path(self, part: str) -> Path:
        return self.parts / f"{part}{SUFFIX}"

    def commit(self, results: Iterable[FileResult]) -> str:
        """Write one finished chunk's part file, then journal its hashes; returns the part name."""
        results = list(results)
        part = f"part-{self._next:05d}"
        self._next += 1
        blobs = chunk_blobs(results)
        crc = 0
        with self.part_path(part).open("wb") as fh:
            for _, data in blobs:
                fh.write(data)
                crc = zlib.crc32(data, crc)
        ids = [r.task.report_id for r in results]
        sizes = [(kind, len(data)) for kind, data in blobs]
        self._log.write(_line(part, ids, sizes, crc))
        self._log.flush()
        self.done.add(part, ids, sizes)
        return part

    def read(self, parts: Iterable[str]) -> dict[str, pa.Table]:
        """The report, sentence and error rows of these parts, in the order written (parts in
        the order given, then by task index, usually), in the part schemas of :mod:`.columns`."""
        return self._read_parts((part, self.done.blobs(part)) for part in parts)

    def _read_parts(self, parts: Iterable[tuple[str, Blobs]]) -> dict[str, pa.Table]:
        """:meth:`read` of parts given with their blobs."""
        batches: dict[str, list[pa.RecordBatch]] = {kind: [] for kind in KINDS}
        for part, blobs in parts:
            data = pa.memory_map(str(self.part_path(part))).read_buffer()
            offset = 0
            for kind, size in blobs:
                blob = pa.ipc.open_file(data.slice(offset, size))
                batches[kind] += [blob.get_batch(i) for i in range(blob.num_record_batches)]
                offset += size
        tables = {}
        for kind, schema in part_schemas().items():
            led = kind != "errors"  # rows are led by _index
            try:
                table = pa.Table.from_batches(batches[kind], schema.insert(0, ROW_INDEX) if led else schema)
            except pa.ArrowInvalid as exc:
                raise ValueError(f"{self.parts}: unexpected columns in a part file ({exc})") from None
            tables[kind] = table.drop_columns([INDEX]) if led else table
        return tables

    def close(self) -> None:
        self._log.close()
        self.done.close()
        self._lock.close()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DoneIndex:
    """The contents done and the part file of each, with each part's blobs: the journal's lines
    as a SQLite index, so that memory does not grow with the corpus.  Made anew (empty) when
    opened, and written in one transaction, committed when closed: the index is rebuilt from the
    journal by every run, so nothing in it needs to reach the disk.  Safe to use from two threads
    (the run's, and the assembler's, which reads parts).

    ``report_id in done`` asks for one content; :meth:`parts_of` for many at a time."""

    def __init__(self, path: Path):
        self._db = open_scratch(path, (
            "CREATE TABLE done (id TEXT PRIMARY KEY, part TEXT NOT NULL) WITHOUT ROWID;"
            "CREATE TABLE parts (part TEXT PRIMARY KEY, blobs TEXT NOT NULL) WITHOUT ROWID;"
            "BEGIN;"
        ), threads=True)
        self._mutex = threading.Lock()

    def add(self, part: str, ids: list[str], blobs: Blobs) -> None:
        """A part and its contents (a content already done elsewhere is now this part's)."""
        with self._mutex:
            self._db.execute("INSERT OR REPLACE INTO parts VALUES (?, ?)", (part, json.dumps(blobs)))
            self._db.executemany("INSERT OR REPLACE INTO done VALUES (?, ?)", ((i, part) for i in ids))

    def __contains__(self, report_id: object) -> bool:
        with self._mutex:
            return self._db.execute("SELECT 1 FROM done WHERE id = ?", (report_id,)).fetchone() is not None

    def has_part(self, part: str) -> bool:
        with self._mutex:
            return self._db.execute("SELECT 1 FROM parts WHERE part = ?", (part,)).fetchone() is not None

    def blobs(self, part: str) -> Blobs:
        """The blobs of a part (KeyError if it is not in the journal)."""
        with self._mutex:
            row = self._db.execute("SELECT blobs FROM parts WHERE part = ?", (part,)).fetchone()
        if row is None:
            raise KeyError(part)
        return [(kind, size) for kind, size in json.loads(row[0])]

    def parts_of(self, ids: Iterable[str]) -> dict[str, str]:
        """``{report_id: part}`` of those of ``ids`` that are done, in the order of ``ids``."""
        ids = list(ids)
        with self._mutex:
            rows = dict(select_in(self._db, "SELECT id, part FROM done WHERE id IN ({})", ids))
        return {i: rows[i] for i in ids if i in rows}

    def close(self) -> None:
        with self._mutex:
            self._db.execute("COMMIT")
            self._db.close()


def chunk_blobs(results: list[FileResult]) -> list[tuple[str, bytes]]:
    """The blobs of a chunk's part file: the rows of its files, taken from the batches the
    workers sent them in (:class:`.rows.Rows`), and its error records.

    A batch whose files all belong to this chunk (the common case: a local worker's bundle lies
    within a chunk, a Dask task is one) is written as it came; of a batch that also holds files
    of other chunks, the rows of this chunk's files are cut out.  Batches go in the order of
    their first file."""
    ok = {r.task.index for r in results if r.ok}
    # each batch once, known by its files (no two batches hold a file)
    batches = sorted({r.rows.indexes: r.rows for r in results if r.ok and r.rows is not None}.values(), key=_first)
    blobs: list[tuple[str, bytes]] = []
    for rows in batches:
        if ok.issuperset(rows.indexes):
            blobs += [("reports", rows.reports), ("sentences", rows.sentences)]
        else:
            mine = pa.array(sorted(ok.intersection(rows.indexes)), pa.int64())
            for kind, table in zip(("reports", "sentences"), rows.tables()):
                blobs.append((kind, ipc_bytes(table.filter(pc.is_in(table[INDEX], value_set=mine)))))
    failed = sorted((r.task.index, r.task.report_id, r.problem, r.kind) for r in results if not r.ok)
    if failed:
        schema = part_schemas()["errors"]
        columns = list(zip(*failed))[1:]
        blobs.append(("errors", ipc_bytes(pa.Table.from_arrays(
            [pa.array(c, f.type) for c, f in zip(columns, schema)], schema=schema
        ))))
    return blobs


def _first(rows: Rows) -> int:
    return min(rows.indexes)


def _verified(path: Path, blobs: Blobs, crc32: int) -> bool:
    """Does the part file hold the bytes its journal line describes?"""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return len(data) == sum(size for _, size in blobs) and zlib.crc32(data) == crc32


def _line(part: str, ids: list[str], blobs: Blobs, crc32: int) -> str:
    """The journal line of a part."""
    return json.dumps({"part": part, "ids": ids, "blobs": blobs, "crc32": crc32}) + "\n"


def _trim_torn_tail(log: Path) -> None:
    """Cut a last line left unfinished by a killed run, so that new lines start clean."""
    if not log.exists():
        return
    data = log.read_bytes()
    if data and not data.endswith(b"\n"):
        with log.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)


def _lines(log: Path) -> Iterator[str]:
    """The journal's lines (with their newline), one at a time."""
    if not log.exists():
        return
    with log.open(encoding="utf-8", errors="replace", newline="\n") as fh:
        yield from fh


def _read_log(log: Path) -> Iterator[tuple[int, dict | None]]:
    """(line number, entry) of each journal line, the entry with its part number, or ``None``
    for a line that does not parse (garbled by a system crash)."""
    for line_no, line in enumerate(_lines(log)):
        try:
            entry = json.loads(line)
            blobs = [(str(kind), int(size)) for kind, size in entry["blobs"]]
            number = int(entry["part"].removeprefix("part-"))
            if not all(kind in KINDS for kind, _ in blobs) or entry["part"] != f"part-{number:05d}":
                raise ValueError("not a journal line")
            yield line_no, {"part": entry["part"], "number": number, "ids": list(entry["ids"]),
                            "blobs": blobs, "crc32": int(entry["crc32"])}
        except (ValueError, TypeError, KeyError, AttributeError):
            yield line_no, None


def _write_synced(path: Path, data: str | Iterable[str]) -> None:
    """Write a file atomically (temporary file, fsync, rename); ``data`` whole or in pieces."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        for piece in [data] if isinstance(data, str) else data:
            fh.write(piece.encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
