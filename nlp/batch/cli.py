"""The ``govreport tag`` command (register with ``app.command("tag")(tag)``).

Top-level imports stay light (typer, pathlib, typing) so that ``govreport --help`` starts fast;
the batch machinery is imported when the command runs.
"""

from __future__ import annotations

import os
import shlex
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class OutputFormat(str, Enum):
    parquet = "parquet"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def tag(
    corpus_dir: Annotated[
        Path,
        typer.Argument(help="Folder of reports, searched recursively (.txt .md .html .htm .pdf .docx).", show_default=False),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (created if needed).", show_default=False)
    ],
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: CPU count).")
    ] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format: parquet or jsonl.")
    ] = OutputFormat.parquet,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local (worker processes here) or dask (a Dask cluster).")
    ] = Engine.local,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (with --engine dask; default: a local cluster of --jobs workers)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Seconds allowed per file (0: no limit); a file over it is recorded as an error of kind timeout.")
    ] = 120,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="Files per journaled chunk (and per Dask task).")
    ] = 32,
    fresh: Annotated[
        bool, typer.Option("--fresh", metavar="",
                           help="Forget the results of earlier runs into --out and redo every file.")
    ] = False,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", metavar="", help="Redo the files of earlier runs that timed out or crashed "
                           "(with the other files of their chunks), e.g. with a larger --timeout.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", metavar="", help="No progress bar (the final table is still shown).")
    ] = False,
) -> None:
    """Read and tag every report of a folder; write one table of reports and one of sentences.

    Outputs in OUT: reports.parquet (one row per distinct report: path, report_id = sha256 of the
    file, duplicates, metadata, every table cell as a dotted column such as
    requests.denied.state_secret.total, figures, metrics, check counts and failed checks),
    sentences.parquet (one row per narrative sentence: report_id, path, section, position, heading,
    is_heading, text, role, topics, scores; a heading is context, not tagged: role other, every
    score null) and errors.jsonl (one record per file that could not be read: path,
    report_id, error, kind = bad_input / timeout / crash). With --format jsonl: reports.jsonl and
    sentences.jsonl instead.

    Files with the same bytes are read once; the other paths are listed as duplicates. The run is
    resumable: after Ctrl-C or a crash, run the same command again and finished files are skipped.

    Exit status: 0 when the run finishes (even if some files failed: see errors.jsonl), 2 when
    CORPUS_DIR does not exist, an option is wrong, no tagger is trained or OUT cannot be
    written (read-only, disk full: what is done is kept), 130 on Ctrl-C.

    Examples:

      govreport tag reports/ --out out/

      govreport tag reports/ --out out/ --jobs 8 --timeout 60

      govreport tag reports/ --out out/ --format jsonl

      govreport tag /shared/reports --out /shared/out --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from rich.console import Console

    console = Console(stderr=True)
    if scheduler and engine is not Engine.dask:
        _fail(console, "--scheduler needs --engine dask")
    if corpus_dir.is_file():
        _fail(console, f"{corpus_dir}: a file, not a folder (`govreport tag` reads a folder of reports; "
                       f"for one report use `summarize {shlex.quote(str(corpus_dir))}`)")
    if not corpus_dir.is_dir():
        _fail(console, f"{corpus_dir}: no such folder")
    try:
        summary = _run(console, corpus_dir, out, jobs, format.value, engine.value, scheduler, timeout, chunk_size,
                       fresh, retry_failed, quiet)
    except KeyboardInterrupt:  # while starting, before any file (later, _run says what is saved)
        console.print("Interrupted while starting: no file was processed.", markup=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None

    from .display import summary_table

    console.print(summary_table(summary))
    if summary.failed:
        console.print(f"[red]{summary.failed} file(s) failed[/red]: see {Path(summary.out_dir) / 'errors.jsonl'}", soft_wrap=True)
    else:
        console.print("No file failed.")


def _run(console, corpus_dir: Path, out: Path, jobs, fmt, engine, scheduler, timeout, chunk_size, fresh,
         retry_failed, quiet):
    """tag_corpus with its errors turned into messages and exit statuses."""
    from ..errors import ModelError
    from .journal import JournalBusy
    from .run import BatchInterrupted, tag_corpus
    from .worker import pyarrow_without_pandas

    pyarrow_without_pandas()  # this process is the batch's own: see the function
    try:
        return tag_corpus(
            corpus_dir, out, jobs=jobs, engine=engine, scheduler=scheduler, fmt=fmt,
            timeout=timeout, progress=not quiet, chunk_size=chunk_size, fresh=fresh, retry_failed=retry_failed,
        )
    except (ModelError, JournalBusy, FileNotFoundError, ValueError) as exc:
        _fail(console, str(exc))
    except OSError as exc:  # the outputs cannot be written: read-only, disk full, a folder in the way
        where = exc.filename2 or exc.filename or out  # (a rename's target first)
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        _fail(console, f"{where}: cannot write the outputs ({reason}); the files done so far are kept, "
                       "run the same command again once it can write")
    except KeyboardInterrupt as exc:
        saved = exc.summary.saved if isinstance(exc, BatchInterrupted) else 0
        console.print(
            f"Interrupted: {saved} file(s) of this run are saved in {out} (whole chunks only). "
            f"To resume, run the same command again: {_resume_command()}",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED)


def _resume_command() -> str:
    """The command line of this run as typed, less --fresh (which would start afresh again)."""
    args = [arg for arg in sys.argv[1:] if arg != "--fresh"]
    return shlex.join(["govreport", *([] if args[:1] == ["tag"] else ["tag"]), *args])


def _fail(console, message: str) -> None:
    console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_BAD_INPUT)
