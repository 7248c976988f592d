"""The final outputs, assembled by streaming over the journaled part files, while the run goes.

The distinct contents are taken in the order of their primary path, :data:`WINDOW` at a time; as
soon as every content of the next window is journaled (:meth:`Assembler.advance`, called after
each commit of the run, so that most of the work is done before the last file is tagged), their
paths and parts are looked up (in the run's thread: the file index is used by that thread only)
and the part files holding them are read (:meth:`.journal.Journal.read`, in the order
of their first content in the window), filtered to the window, given their current path and
duplicates, put in order (path, then sentence position; the parts read usually hold their rows in
that order already, and the sort is then skipped) and appended to the outputs.  Memory holds one
window and the parts it touches, whatever the size of the corpus; a part touched by several
windows is read again by each.

Outputs (written to temporary names and renamed at the end): ``reports.parquet`` and
``sentences.parquet`` (or ``.jsonl`` with ``fmt="jsonl"``), and ``errors.jsonl``.  The outputs of
an earlier run in the other format are removed then, since they may no longer match (a run in
that format writes them again from the part files, tagging nothing).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..ingest.common import display_path
from .columns import ERROR_FIELDS, SENTENCE_COLUMNS, arrow_schema, report_columns
from .journal import Journal
from .walk import FileIndex

WINDOW = 1000  # distinct contents per assembly step
FORMATS = ("parquet", "jsonl")


@dataclass
class Written:
    """Row counts of the outputs."""

    reports: int = 0
    sentences: int = 0
    errors: int = 0


class Assembler:
    """Writes the outputs of every content of ``index`` window by window as the journal fills
    up, on a thread of its own (Arrow and Parquet work without the GIL, so the run's thread keeps
    taking the workers' results meanwhile); :meth:`finish` writes the rest and puts the files in
    place.  Used as a context manager: leaving it without :meth:`finish` (an interrupted run)
    removes the partial files.

    >>> with Assembler(out_dir, index, journal) as assembler:   # doctest: +SKIP
    ...     ...  # commit chunks to the journal, calling assembler.advance(their ids) after each
    ...     written = assembler.finish()
    """

    def __init__(self, out_dir: Path, index: FileIndex, journal: Journal, fmt: str = "parquet"):
        from concurrent.futures import ThreadPoolExecutor

        self.out_dir, self.index, self.journal, self.fmt = out_dir, index, journal, fmt
        self.written = Written()
        self.errors = [_error(rel, None, problem, "bad_input") for rel, problem in index.unreadable()]
        self._windows = _windows(index)
        self._window: list[str] | None = None  # the first window not handed over yet
        self._waiting: set[str] = set()  # its contents not journaled yet
        self._next_window()
        self.sinks = {
            "reports": _sink(out_dir / f"reports.{fmt}", arrow_schema(report_columns()), fmt),
            "sentences": _sink(out_dir / f"sentences.{fmt}", arrow_schema(SENTENCE_COLUMNS), fmt),
        }
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="assemble")
        self._jobs: list = []  # futures of the windows handed over, in order

    def advance(self, journaled: Iterable[str] = ()) -> None:
        """Hand over to the thread, in order, the windows whose contents are all journaled (the
        journal only grows, so what the thread reads of it stays true), with their paths and
        parts.  ``journaled``: the contents the journal took since the last call."""
        self._waiting.difference_update(journaled)
        while (window := self._window) is not None and not self._waiting:
            paths, parts = self.index.paths_of(window), self.journal.done.parts_of(window)
            self._jobs.append(self._thread.submit(self._write, window, paths, parts))
            self._next_window()

    def _next_window(self) -> None:
        """Take the next window, and ask the journal once which of its contents it lacks."""
        self._window = next(self._windows, None)
        if self._window is not None:
            done = self.journal.done.parts_of(self._window)
            self._waiting = {i for i in self._window if i not in done}

    def _write(self, ids: list[str], paths: dict[str, list[str]], parts: dict[str, str]) -> None:
        reports, sentences, failed = _read_window(ids, paths, parts, self.journal)
        self.sinks["reports"].write(reports)
        self.sinks["sentences"].write(sentences)
        self.written.reports += reports.num_rows
        self.written.sentences += sentences.num_rows
        self.errors += failed

    def finish(self) -> Written:
        """Write the remaining windows (every content must be journaled by now) and the error
        records, and put the outputs in place."""
        self.advance()
        if self._window is not None:
            raise RuntimeError("assembling before every content is journaled")
        for job in self._jobs:
            job.result()  # in order; raises what the thread raised
        self.errors.sort(key=lambda e: e["path"])
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.errors)
        _replace_with(self.out_dir / "errors.jsonl", text)
        for sink in self.sinks.values():
            sink.close()
        for other in FORMATS:  # outputs of an earlier run in the other format would be stale now
            if other != self.fmt:
                for name in self.sinks:
                    (self.out_dir / f"{name}.{other}").unlink(missing_ok=True)
        self.written.errors = len(self.errors)
        return self.written

    def __enter__(self) -> "Assembler":
        return self

    def __exit__(self, *exc: object) -> None:
        for job in self._jobs:
            job.cancel()
        self._thread.shutdown(wait=True)
        for sink in self.sinks.values():
            sink.discard()


def _windows(index: FileIndex) -> Iterator[list[str]]:
    """Content ids in the order of their primary path, :data:`WINDOW` at a time."""
    window: list[str] = []
    for _, _, digest in index.primaries():
        window.append(digest)
        if len(window) == WINDOW:
            yield window
            window = []
    if window:
        yield window


def _read_window(ids: list[str], paths: dict[str, list[str]], parts: dict[str, str], journal: Journal):
    """(reports table, sentences table, error records) of these contents, in order; ``paths``:
    the primary path then the duplicates of each, ``parts``: the part holding each."""
    id_array = pa.array(ids, pa.string())
    tables = journal.read(dict.fromkeys(parts[i] for i in ids))
    # one chunk per column: the lookups, the sort and the writers work much faster than on many
    tables = {kind: table.combine_chunks() for kind, table in tables.items()}
    primary = pa.array([display_path(paths[i][0]) for i in ids], pa.string())
    copies = pa.array([[display_path(c) for c in paths[i][1:]] for i in ids], pa.list_(pa.string()))
    reports = _in_order(tables["reports"], id_array, ["_order"])
    reports = reports.append_column("path", pc.take(primary, reports["_order"]))
    reports = reports.append_column("duplicates", pc.take(copies, reports["_order"]))
    reports = reports.set_column(
        reports.schema.get_field_index("published"), "published", reports["published"].cast(pa.date32())
    )
    sentences = _in_order(tables["sentences"], id_array, ["_order", "position"])
    sentences = sentences.append_column("path", pc.take(primary, sentences["_order"]))
    failed = [
        _error(rel, rec["report_id"], rec["problem"], rec["kind"])
        for rec in _in_order(tables["errors"], id_array, ["_order"]).to_pylist()
        for rel in paths[rec["report_id"]]
    ]
    return (
        reports.select([name for name, _ in report_columns()]),
        sentences.select([name for name, _ in SENTENCE_COLUMNS]),
        failed,
    )


def _in_order(table: pa.Table, ids: pa.Array, keys: list[str]) -> pa.Table:
    """The rows of these contents (``ids``), sorted by their content's place in the window
    (``_order``), then by ``keys[1:]``.  Parts hold their rows in that order already, so the
    sort is skipped when nothing is out of place."""
    order = pc.index_in(table["report_id"], value_set=ids)
    table = table.append_column("_order", order)
    if order.null_count:  # rows of other windows
        table = table.filter(pc.is_valid(order))
    if not _is_sorted(table, keys):
        table = table.take(pc.sort_indices(table, [(k, "ascending") for k in keys]))
    return table


def _is_sorted(table: pa.Table, keys: list[str]) -> bool:
    """Are the rows in ascending order of ``keys`` (no nulls in them)?"""
    if table.num_rows < 2:
        return True
    if any(table[k].null_count for k in keys):
        return False
    before = np.zeros(table.num_rows - 1, dtype=bool)  # row i < row i+1 on the keys seen so far
    after = np.zeros(table.num_rows - 1, dtype=bool)  # row i > row i+1 on the keys seen so far
    for key in keys:
        values = table[key].to_numpy()
        undecided = ~(before | after)
        before |= undecided & (values[:-1] < values[1:])
        after |= undecided & (values[:-1] > values[1:])
    return not after.any()


def _error(rel: str, report_id: str | None, problem: str, kind: str) -> dict[str, Any]:
    shown = display_path(rel)  # a file name that is not UTF-8, or holds a newline, escaped
    return dict(zip(ERROR_FIELDS, (shown, report_id, f"{shown}: {problem}", kind)))


def _replace_with(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class _Sink:
    """An output file written under a temporary name; :meth:`close` renames it into place."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")

    def write(self, table: pa.Table) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._finish()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        """Remove the temporary file if :meth:`close` was not reached."""
        self.tmp.unlink(missing_ok=True)


class _ParquetSink(_Sink):
    def __init__(self, path: Path, schema: pa.Schema):
        super().__init__(path)
        self.writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")

    def write(self, table: pa.Table) -> None:
        self.writer.write_table(table)

    def _finish(self) -> None:
        self.writer.close()


class _JsonlSink(_Sink):
    def __init__(self, path: Path):
        super().__init__(path)
        self.fh = self.tmp.open("w", encoding="utf-8")

    def write(self, table: pa.Table) -> None:
        for row in table.to_pylist():
            self.fh.write(json.dumps(row, ensure_ascii=False, default=_iso) + "\n")

    def _finish(self) -> None:
        self.fh.close()


def _sink(path: Path, schema: pa.Schema, fmt: str) -> _Sink:
    return _ParquetSink(path, schema) if fmt == "parquet" else _JsonlSink(path)


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
