"""Batch tagging of a corpus: ``govreport tag CORPUS_DIR --out OUT_DIR``.

Walks a folder of reports, reads and tags each distinct file once (files are identified by the
sha256 of their bytes), in worker processes (or on a Dask cluster), and writes ``reports.parquet``
(one row per report), ``sentences.parquet`` (one row per tagged sentence) and ``errors.jsonl`` (one
record per file that could not be read).  Runs are resumable: finished files are journaled in
``OUT_DIR/.state``.

Modules, one concern each: :mod:`.walk` (find and hash files), :mod:`.columns` (fixed output
columns), :mod:`.rows` (a Report as compact rows), :mod:`.deadline` (per-file time limit),
:mod:`.worker` (one file or a batch of files -> rows), :mod:`.journal` (part files and the resume
journal), :mod:`.engines` (local processes, Dask), :mod:`.assemble` (final outputs from the parts),
:mod:`.display` (Rich progress and summary), :mod:`.run` (:func:`tag_corpus`), :mod:`.cli` (the
Typer command).

Importing this package is cheap: :func:`tag_corpus` and :class:`BatchSummary` load on first use.
"""

from __future__ import annotations

__all__ = ["tag_corpus", "BatchSummary", "BatchInterrupted"]


def __getattr__(name: str):
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module 'nlp.batch' has no attribute {name!r}")
