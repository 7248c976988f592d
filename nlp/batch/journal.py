"""Part files and the resume journal in the output folder.

Layout::

    OUT_DIR/.parts/part-00000.reports.jsonl     report rows of one finished chunk
    OUT_DIR/.parts/part-00000.sentences.jsonl   its sentence rows
    OUT_DIR/.parts/part-00000.errors.jsonl      its files that could not be read
    OUT_DIR/.state/done.jsonl                   one line per finished chunk: {"part", "ids"}
    OUT_DIR/.state/run.json                     fingerprint of the code and models that wrote them
    OUT_DIR/.state/lock                         held (flock) while a run writes here

A chunk's part files are written and fsynced first, then its journal line is appended and
fsynced: a content is done once its hash is in the journal, so a run killed at any moment resumes
without redoing finished chunks nor trusting half-written ones.  Part files are keyed by content
hash, not path, so a resumed run can reorder and rename freely.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .worker import FileResult

PARTS = ".parts"
STATE = ".state"
KINDS = ("reports", "sentences", "errors")


class JournalBusy(Exception):
    """Another run holds the output folder."""


class Journal:
    """The finished contents of an output folder; :meth:`commit` records one more chunk."""

    def __init__(self, out_dir: Path, fingerprint: str, fresh: bool = False):
        self.out_dir = out_dir
        self.parts = out_dir / PARTS
        self.state = out_dir / STATE
        self.done: dict[str, str] = {}  # report_id -> part name
        self.discarded = False  # True when earlier state was dropped (fresh or other fingerprint)
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
            self.discarded = previous is not None
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
        return self.parts / f"{part}.{kind}.jsonl"

    def commit(self, results: Iterable[FileResult]) -> str:
        """Write one finished chunk's part files, then journal its hashes; returns the part name."""
        results = sorted(results, key=lambda r: r.task.index)
        part = f"part-{self._next:05d}"
        self._next += 1
        texts = {
            "reports": "".join(r.report_line for r in results if r.ok),
            "sentences": "".join(r.sentence_lines for r in results if r.ok),
            "errors": "".join(_error_line(r) for r in results if not r.ok),
        }
        for kind, text in texts.items():
            _write_synced(self.part_path(part, kind), text)
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


def _error_line(result: FileResult) -> str:
    record = {"report_id": result.task.report_id, "problem": result.problem, "kind": result.kind}
    return json.dumps(record, ensure_ascii=False) + "\n"


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
        if all((parts / f"{entry['part']}.{k}.jsonl").exists() for k in KINDS):
            done.update((i, entry["part"]) for i in entry["ids"])
    return done


def _write_synced(path: Path, text: str) -> None:
    """Write a file atomically (temporary file, fsync, rename)."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
