"""Part files and the resume journal in the output folder.

Layout::

    OUT_DIR/.parts/part-00000.reports.arrow     report rows of one finished chunk (Arrow IPC file)
    OUT_DIR/.parts/part-00000.sentences.arrow   its sentence rows
    OUT_DIR/.parts/part-00000.errors.arrow      its files that could not be read
    OUT_DIR/.state/done.jsonl                   one line per finished chunk: {"part", "ids"}
    OUT_DIR/.state/run.json                     fingerprint of the code and models that wrote them
    OUT_DIR/.state/lock                         held (flock) while a run writes here

A chunk's part files are written and fsynced first, then its journal line is appended and
fsynced: a content is done once its hash is in the journal, so a run killed at any moment resumes
without redoing finished chunks nor trusting half-written ones.  Part files are keyed by content
hash, not path, so a resumed run can reorder and rename freely.

The part files are Arrow IPC files with the fixed schemas of :mod:`.columns`, cut here from the
Arrow rows the workers built (:mod:`.rows`), so that :mod:`.assemble` reads them without parsing.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc

from .columns import part_schemas
from .rows import INDEX, ipc_bytes
from .worker import FileResult

PARTS = ".parts"
STATE = ".state"
KINDS = ("reports", "sentences", "errors")
PART_FORMAT = "arrow-ipc-1"  # how part files are written (part of the run fingerprint)
SUFFIX = ".arrow"


class JournalBusy(Exception):
    """Another run holds the output folder."""


class Journal:
    """The finished contents of an output folder; :meth:`commit` records one more chunk."""

    def __init__(self, out_dir: Path, fingerprint: str, fresh: bool = False):
        self.out_dir = out_dir
        self.parts = out_dir / PARTS
        self.state = out_dir / STATE
        self.done: dict[str, str] = {}  # report_id -> part name
        self.discarded = False  # True when earlier results were dropped for another fingerprint
        self.state.mkdir(parents=True, exist_ok=True)
        self._lock = (self.state / "lock").open("w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self._lock.close()
            raise JournalBusy(f"{out_dir}: another `govreport tag` run is writing here") from exc
        self._open(fingerprint, fresh)
        self._log: IO[str] = (self.state / "done.jsonl").open("a", encoding="utf-8")
        self._next = 1 + max((int(p[5:]) for p in set(self.done.values())), default=-1)

    def _open(self, fingerprint: str, fresh: bool) -> None:
        run_file = self.state / "run.json"
        previous = json.loads(run_file.read_text()) if run_file.exists() else None
        if fresh or (previous is not None and previous.get("fingerprint") != fingerprint):
            self.discarded = not fresh and previous is not None
            shutil.rmtree(self.parts, ignore_errors=True)
            (self.state / "done.jsonl").unlink(missing_ok=True)
        _write_synced(run_file, json.dumps({"fingerprint": fingerprint}))
        self.parts.mkdir(exist_ok=True)
        _trim_torn_tail(self.state / "done.jsonl")
        self.done = _read_log(self.state / "done.jsonl", self.parts)
        live = set(self.done.values())
        for orphan in self.parts.iterdir():  # written by a run killed before journaling them
            if orphan.name.split(".")[0] not in live:
                orphan.unlink()

    def part_path(self, part: str, kind: str) -> Path:
        return self.parts / f"{part}.{kind}{SUFFIX}"

    def commit(self, results: Iterable[FileResult]) -> str:
        """Write one finished chunk's part files, then journal its hashes; returns the part name."""
        results = sorted(results, key=lambda r: r.task.index)
        part = f"part-{self._next:05d}"
        self._next += 1
        for kind, table in chunk_tables(results).items():
            _write_synced(self.part_path(part, kind), ipc_bytes(table))
        ids = [r.task.report_id for r in results]
        self._log.write(json.dumps({"part": part, "ids": ids}) + "\n")
        self._log.flush()
        os.fsync(self._log.fileno())
        self.done.update((i, part) for i in ids)
        return part

    def close(self) -> None:
        self._log.close()
        self._lock.close()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def chunk_tables(results: list[FileResult]) -> dict[str, pa.Table]:
    """The report, sentence and error tables of a chunk's results (sorted by task index): the
    rows of its files, taken from the batches the workers sent them in (:class:`.rows.Rows`: a
    batch may hold files of other chunks too), in task order."""
    schemas = part_schemas()
    # each batch once: by value, since a batch's files may bring copies of it (Dask sends each
    # result on its own), and the rows of two batches never compare equal (their _index differ)
    batches = dict.fromkeys(r.rows for r in results if r.ok and r.rows is not None)
    indexes = pa.array([r.task.index for r in results if r.ok], pa.int64())
    read = [rows.tables() for rows in batches]
    failed = [(r.task.report_id, r.problem, r.kind) for r in results if not r.ok]
    return {
        "reports": _select([t[0] for t in read], indexes, schemas["reports"], [INDEX]),
        "sentences": _select([t[1] for t in read], indexes, schemas["sentences"], [INDEX, "position"]),
        "errors": pa.Table.from_arrays(
            [pa.array(list(c), f.type) for c, f in zip(zip(*failed) if failed else [()] * 3, schemas["errors"])],
            schema=schemas["errors"],
        ),
    }


def _select(tables: list[pa.Table], indexes: pa.Array, schema: pa.Schema, keys: list[str]) -> pa.Table:
    """The rows of these tables whose ``_index`` is one of ``indexes``, sorted by ``keys``, in
    ``schema`` (without ``_index``)."""
    if not tables:
        return schema.empty_table()
    table = pa.concat_tables(tables)
    table = table.filter(pc.is_in(table[INDEX], value_set=indexes))
    table = table.take(pc.sort_indices(table, [(k, "ascending") for k in keys]))
    table = table.drop_columns([INDEX])
    if not table.schema.equals(schema):
        raise ValueError("a worker sent rows with unexpected columns")
    return table


def _trim_torn_tail(log: Path) -> None:
    """Cut a last line left unfinished by a killed run, so that new lines start clean."""
    if not log.exists():
        return
    data = log.read_bytes()
    if data and not data.endswith(b"\n"):
        with log.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)
            os.fsync(fh.fileno())


def _read_log(log: Path, parts: Path) -> dict[str, str]:
    """report_id -> part of every journaled chunk whose part files exist."""
    done: dict[str, str] = {}
    if not log.exists():
        return done
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if all((parts / f"{entry['part']}.{k}{SUFFIX}").exists() for k in KINDS):
            done.update((i, entry["part"]) for i in entry["ids"])
    return done


def _write_synced(path: Path, data: str | bytes) -> None:
    """Write a file atomically (temporary file, fsync, rename)."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
