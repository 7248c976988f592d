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

The part files are Arrow IPC files with the fixed schemas of :mod:`.columns`, built here from the
workers' packed rows (:func:`.rows.to_payload`) one column at a time, so that :mod:`.assemble`
reads them without parsing.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import IO

import numpy as np
import pyarrow as pa

from .columns import (
    PART_ERROR_COLUMNS,
    PART_SENTENCE_COLUMNS,
    SCORE_KEYS,
    arrow_schema,
    part_report_columns,
)
from .rows import SENTENCE_ATTRS, column_split, from_payload
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
            _write_synced(self.part_path(part, kind), _ipc_bytes(table))
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


@lru_cache(maxsize=1)
def part_schemas() -> dict[str, pa.Schema]:
    """Arrow schemas of the three part files (dates as ISO text, as the workers give them)."""
    return {
        "reports": arrow_schema(part_report_columns(), dates_as_text=True),
        "sentences": arrow_schema(PART_SENTENCE_COLUMNS),
        "errors": arrow_schema(PART_ERROR_COLUMNS),
    }


def chunk_tables(results: list[FileResult]) -> dict[str, pa.Table]:
    """The report, sentence and error tables of a chunk's results (in the order given), built a
    column at a time from the workers' packed rows (:func:`.rows.to_payload`)."""
    schemas = part_schemas()
    payloads = [from_payload(r.rows) for r in results if r.ok]
    failed = [(r.task.report_id, r.problem, r.kind) for r in results if not r.ok]
    return {
        "reports": _report_table(payloads, schemas["reports"]),
        "sentences": _sentence_table(payloads, schemas["sentences"]),
        "errors": pa.Table.from_arrays(
            [pa.array(list(c), f.type) for c, f in zip(_columns(failed, 3), schemas["errors"])],
            schema=schemas["errors"],
        ),
    }


def _report_table(payloads: list, schema: pa.Schema) -> pa.Table:
    float_indexes, other_indexes = column_split()
    floats = iter(_doubles(b"".join(p[1] for p in payloads), len(payloads), len(float_indexes)))
    others = iter(_columns([p[0] for p in payloads], len(other_indexes)))
    is_float = set(float_indexes)
    arrays = [next(floats) if i in is_float else pa.array(list(next(others)), f.type) for i, f in enumerate(schema)]
    return pa.Table.from_arrays(arrays, schema=schema)


def _sentence_table(payloads: list, schema: pa.Schema) -> pa.Table:
    *plain, scores = schema
    assert [f.name for f in plain] == ["report_id", *SENTENCE_ATTRS] and scores.name == "scores"
    assert [f.name for f in scores.type] == list(SCORE_KEYS)
    arrays = [pa.array(list(chain.from_iterable(p[2][i] for p in payloads)), f.type) for i, f in enumerate(plain)]
    keys = _doubles(b"".join(p[3] for p in payloads), len(arrays[0]), len(SCORE_KEYS))
    arrays.append(pa.StructArray.from_arrays(keys, fields=list(scores.type)))
    return pa.Table.from_arrays(arrays, schema=schema)


def _doubles(packed: bytes, rows: int, width: int) -> list[pa.Array]:
    """Packed doubles (``rows`` rows of ``width``) as one array per column; NaN stands for null."""
    block = np.frombuffer(packed, dtype=np.float64).reshape(rows, width)
    values = np.ascontiguousarray(block.T).ravel()  # column after column
    nulls = np.isnan(values)
    null_count = int(nulls.sum())
    validity = pa.py_buffer(np.packbits(~nulls, bitorder="little")) if null_count else None
    flat = pa.Array.from_buffers(pa.float64(), len(values), [validity, pa.py_buffer(values)], null_count)
    return [flat.slice(k * rows, rows) for k in range(width)]


def _columns(rows: list[tuple], width: int) -> list[tuple]:
    return list(zip(*rows)) if rows else [()] * width


def _ipc_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


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
