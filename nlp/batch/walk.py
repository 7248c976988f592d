"""Find the report files of a corpus and identify each by the sha256 of its bytes.

The file list lives in a SQLite database in the output folder (:class:`FileIndex`), not in memory,
so that a run's memory does not grow with the corpus.  It is sorted by relative path (POSIX form,
by the bytes of the name: code point order for names in UTF-8), and every later stage follows that
order, so that the outputs do not depend on the order the file system lists files in nor on how
many workers ran.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ReportError
from ..hashing import file_content_id
from ..ingest import file_kind, is_report_name
from ..ingest.common import stat_regular
from .scratch import PAGE, open_scratch, select_in

_SCHEMA = """
CREATE TABLE files (idx INTEGER PRIMARY KEY, rel BLOB NOT NULL, content TEXT, problem TEXT,
                    is_primary INTEGER NOT NULL DEFAULT 0);
CREATE TABLE contents (id TEXT PRIMARY KEY, first INTEGER NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE found (rel BLOB NOT NULL);
"""


class FileIndex:
    """Every report file found under a corpus, in sorted order (``idx`` from 0), with its content
    id, or the problem that kept it from being read.

    The first file (in sorted order) holding a content is its *primary*: the one whose rows are
    written; the other files with the same content are its *duplicates*.  A content is the bytes
    of a file read as one kind of file (:func:`nlp.ingest.file_kind`): the same bytes named
    ``.txt`` and ``.docx`` are two contents (the second is likely no Word file at all, and should
    say so): ids are :func:`nlp.hashing.content_id`.

    Held in the SQLite file ``db`` (a scratch file: :mod:`.scratch`); names are stored as bytes (:func:`os.fsencode`), so that any name the file system
    gives comes back the same.  Used by one thread.

    >>> index = FileIndex.create(Path("corpus/samples"), Path("/tmp/files.sqlite"))  # doctest: +SKIP
    >>> index.hash_all(); [rel for _, rel, _ in index.primaries()][:1]                 # doctest: +SKIP
    ['city-2024.html']
    """

    def __init__(self, corpus: Path, db: sqlite3.Connection):
        self.corpus = corpus
        self._db = db
        self.count = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]

    @classmethod
    def create(cls, corpus: Path, db_path: Path, skip: Path | None = None) -> FileIndex:
        """Find the report files under ``corpus``: recursive; the files
        :func:`nlp.ingest.is_report_name` takes (a report suffix, not hidden, not ``README*``),
        outside hidden folders and the folder ``skip`` (the output folder, when it lies inside
        the corpus).  Not hashed yet: see :meth:`hash_all`."""
        db = open_scratch(db_path, _SCHEMA)
        db.execute("BEGIN")
        root = str(corpus)
        skipped = str(skip.resolve()) if skip is not None else None
        for folder, dirs, files in os.walk(root):  # (strings, not Paths: a corpus has many files)
            dirs[:] = [d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) != skipped]
            here = os.path.relpath(folder, root)
            prefix = "" if here == "." else here + "/"
            db.executemany("INSERT INTO found VALUES (?)",
                           ((os.fsencode(prefix + name),) for name in files if is_report_name(name)))
        db.execute("INSERT INTO files (idx, rel) SELECT row_number() OVER (ORDER BY rel) - 1, rel FROM found")
        db.execute("DROP TABLE found")
        db.execute("CREATE INDEX files_by_content ON files (content)")
        db.execute("COMMIT")
        return cls(corpus, db)

    def hash_all(self, on_file: Callable[[], None] = lambda: None) -> None:
        """Hash every file (calling ``on_file`` after each) and find the contents' primaries."""
        db = self._db
        db.execute("BEGIN")
        last = -1
        while page := db.execute("SELECT idx, rel FROM files WHERE idx > ? ORDER BY idx LIMIT ?",
                                 (last, PAGE)).fetchall():
            last = page[-1][0]
            ids = []  # (idx, content id or None, problem or None)
            for idx, name in page:
                ids.append((idx, *self._content(os.fsdecode(name))))
                on_file()
            db.executemany("INSERT OR IGNORE INTO contents VALUES (?, ?)",
                           ((cid, idx) for idx, cid, _ in ids if cid is not None))  # the first file stays
            db.executemany("UPDATE files SET content = ?, problem = ? WHERE idx = ?",
                           ((cid, problem, idx) for idx, cid, problem in ids))
        db.execute("UPDATE files SET is_primary = 1 WHERE idx IN (SELECT first FROM contents)")
        db.execute("COMMIT")

    def _content(self, rel: str) -> tuple[str | None, str | None]:
        """(content id, None) of a file, or (None, why it cannot be read)."""
        path = os.path.join(self.corpus, rel)
        try:
            stat_regular(path, rel)  # a pipe or a device is never opened: it could block or never end
            return file_content_id(path, file_kind(rel)), None
        except ReportError as exc:
            return None, exc.problem
        except OSError as exc:
            return None, f"cannot read the file ({exc.strerror or exc})"

    @property
    def n_contents(self) -> int:
        """Distinct contents (the primaries)."""
        return self._db.execute("SELECT COUNT(*) FROM contents").fetchone()[0]

    @property
    def n_duplicates(self) -> int:
        """Files whose content is already held by an earlier file."""
        hashed = self._db.execute("SELECT COUNT(*) FROM files WHERE content IS NOT NULL").fetchone()[0]
        return hashed - self.n_contents

    def unreadable(self) -> Iterator[tuple[str, str]]:
        """(path, problem) of the files that could not be hashed, in path order."""
        for name, problem in self._db.execute("SELECT rel, problem FROM files WHERE content IS NULL ORDER BY idx"):
            yield os.fsdecode(name), problem

    def primaries(self) -> Iterator[tuple[int, str, str]]:
        """(index, path, content id) of each distinct content's primary file, in path order (a
        page of rows at a time: other queries may run between two rows)."""
        last = -1
        while page := self._db.execute(
            "SELECT idx, rel, content FROM files WHERE idx > ? AND is_primary ORDER BY idx LIMIT ?", (last, PAGE)
        ).fetchall():
            last = page[-1][0]
            for idx, name, content in page:
                yield idx, os.fsdecode(name), content

    def paths_of(self, ids: list[str]) -> dict[str, list[str]]:
        """The paths of each content: primary, then duplicates, in path order."""
        out: dict[str, list[str]] = {i: [] for i in ids}
        for content, name in select_in(self._db, "SELECT content, rel FROM files WHERE content IN ({}) ORDER BY idx", ids):
            out[content].append(os.fsdecode(name))
        return out

    def close(self) -> None:
        self._db.close()

