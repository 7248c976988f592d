"""The SQLite scratch files of a run (the file index, the journal's index), in ``OUT_DIR/.state``.

A run makes them anew and can always make them again (from the corpus, from the journal), so
they are written without a rollback journal and without syncs; they exist so that the run's memory
does not grow with the corpus, and are read a page of rows at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

PAGE = 512  # rows per query when paging through a table, and values per IN (...) list


def open_scratch(path: Path, schema: str, threads: bool = False) -> sqlite3.Connection:
    """A new database at ``path`` (an old one is removed) with ``schema``, in autocommit mode
    (``BEGIN``/``COMMIT`` are the caller's); ``threads``: usable from more than one thread (the
    caller then serialises its calls)."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=not threads)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;" + schema)
    return db


def select_in(db: sqlite3.Connection, sql: str, values: Iterable) -> Iterator[tuple]:
    """Rows of ``sql``, which holds one ``IN ({})``, for all the ``values``, :data:`PAGE` of them
    per query (SQLite bounds the number of parameters)."""
    it = iter(values)
    while part := list(islice(it, PAGE)):
        yield from db.execute(sql.format(",".join("?" * len(part))), part)
