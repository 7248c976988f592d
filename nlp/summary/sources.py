"""Many reports in: files, folders (searched recursively) and batch-tagging output folders.

* A file is read (and tagged) with :func:`nlp.read_report`.
* A folder is searched recursively for report files (:func:`nlp.ingest.is_report_name`:
  ``.txt .md .html .htm .pdf .docx``; files named ``README*`` and hidden files and folders are
  passed over), as ``govreport tag`` does.
* A folder holding ``reports.parquet`` and ``sentences.parquet`` (or, written with
  ``--format jsonl``, ``reports.jsonl`` and ``sentences.jsonl``) is the output of ``govreport
  tag``: its reports are rebuilt from those rows (meta, tables, figures, metrics, failed checks,
  tagged sentences; the text itself is not in the rows, so the overview summary of such a report
  is empty; of the checks that passed or could not be assessed only the numbers are kept, so they
  come back as checks of rule :data:`UNRECORDED`), nothing is read again.

A file that cannot be read is not fatal: it goes to :attr:`Loaded.errors` and ``warn`` gets one
line naming it.  A report with the same bytes as one read before (a file, or a row of a batch
output folder, whose report id is that sha256) is taken once, as ``govreport tag`` does: it goes
to :attr:`Loaded.duplicates`, with a line to ``warn``.

>>> loaded = load_reports(["corpus/samples"], tag=True)      # doctest: +SKIP
>>> len(loaded.reports), loaded.errors                        # doctest: +SKIP
(14, [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Check, Figure, Meta, Metric, Report, Sentence, Tables

BATCH_SUFFIXES = (".parquet", ".jsonl")
UNRECORDED = "(not recorded in the batch output)"  # rule of a passed / not assessable check read back


@dataclass
class Loaded:
    reports: list[Report] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)  # {"path", "error"}
    duplicates: list[dict[str, str]] = field(default_factory=list)  # {"path", "same_as"}: not read again


def batch_suffix(path: Path) -> str | None:
    """``.parquet`` or ``.jsonl`` for a folder written by ``govreport tag``, else ``None``."""
    for suffix in BATCH_SUFFIXES:
        if path.is_dir() and all((path / f"{name}{suffix}").is_file() for name in ("reports", "sentences")):
            return suffix
    return None


def report_files(folder: Path) -> list[Path]:
    """Report files under ``folder``, recursively, sorted (:func:`nlp.ingest.is_report_name`;
    nothing inside a hidden folder)."""
    from ..ingest import is_report_name

    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel[:-1]) or not is_report_name(path.name):
            continue
        if not path.is_dir():  # a broken link or a pipe too: reading it says what is wrong
            found.append(path)
    return found


def expand(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(report files, batch output folders) named by ``inputs``; a path that does not exist is
    kept as a file so that reading it reports the problem."""
    files: list[Path] = []
    batches: list[Path] = []
    for item in map(Path, inputs):
        if batch_suffix(item):
            batches.append(item)
        elif item.is_dir():
            files += report_files(item)
        else:
            files.append(item)
    return files, batches


def load_reports(
    inputs: Iterable[str | Path] | str | Path,
    tag: bool = True,
    backend: str | None = None,
    progress: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Loaded:
    """Read every report named by ``inputs`` (files, folders, batch output folders).

    ``progress``: a Rich progress bar on stderr while reading files.  ``warn``: called with one line
    per file skipped.  A tagger that cannot load (:class:`~nlp.errors.ModelError`) is raised, since
    every file would fail the same way.
    """
    from ..errors import ModelError
    from ..hashing import file_content_id
    from ..ingest import file_kind
    from ..ingest.common import display_path
    from ..pipeline import read_report

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    files, batches = expand(inputs)
    loaded = Loaded()
    seen: dict[str, str] = {}  # content id (report_id, as govreport tag computes it) -> where it came from, shown

    def again(shown: str, content: str) -> bool:
        """Is this content taken already?  Then it is listed as a duplicate (and ``warn`` told)."""
        if content not in seen:
            return False
        loaded.duplicates.append({"path": shown, "same_as": seen[content]})
        if warn:
            warn(f"warning: {shown}: same bytes as {seen[content]}; read once")
        return True

    for folder in batches:
        for report_id, report in from_batch_output(folder).items():
            shown = f"{report.source} (in govreport tag output {display_path(folder)})"  # (its path in the tag's corpus)
            if not again(shown, report_id):
                seen[report_id] = shown
                loaded.reports.append(report)
        loaded.errors += batch_errors(folder)
    for path, outcome in _each(files, progress):
        shown = display_path(path)  # as read_report names it in its messages
        try:
            content = file_content_id(path, file_kind(path)) if path.is_file() else None  # else reading it says why not
            if content and again(shown, content):
                outcome()
                continue
            loaded.reports.append(read_report(path, tag=tag, backend=backend))
            if content:
                seen[content] = shown
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bad file is skipped, whatever the cause
            message = str(exc) if str(exc).startswith(f"{shown}: ") else f"{shown}: {exc}"
            loaded.errors.append({"path": shown, "error": message})
            if warn:
                warn(f"warning: {message}; skipped")
        outcome()
    return loaded


def _each(files: Sequence[Path], progress: bool):
    """Yield (path, advance) pairs, with a transient Rich progress bar on stderr if asked."""
    if not progress or len(files) < 2:
        for path in files:
            yield path, lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..ingest.common import display_path

    with Progress(
        TextColumn("reading reports"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("", total=len(files))
        for path in files:
            bar.update(task, description=display_path(path.name))
            yield path, lambda: bar.advance(task)


# ---- batch output ------------------------------------------------------------------------------
def from_batch_output(folder: Path) -> dict[str, Report]:
    """Reports rebuilt from ``reports.*`` and ``sentences.*`` (see the module docstring), by
    report id (the sha256 of the file's bytes)."""
    import pandas as pd

    def read(name: str) -> pd.DataFrame:
        path = folder / f"{name}{batch_suffix(folder)}"
        if path.suffix == ".parquet":
            return pd.read_parquet(path)
        return pd.read_json(path, lines=True, dtype=False, precise_float=True)  # (0.3333, not 0.33330000000000004)

    rows, sentences = read("reports"), read("sentences")
    by_report: dict[str, list[Sentence]] = {}
    for s in sentences.sort_values(["report_id", "position"]).to_dict("records"):
        by_report.setdefault(s["report_id"], []).append(_sentence(_clean(s)))
    return {row["report_id"]: _report(_clean(row), by_report.get(row["report_id"], []))
            for row in rows.to_dict("records")}


def batch_errors(folder: Path) -> list[dict[str, str]]:
    """The files ``govreport tag`` could not read (its ``errors.jsonl``), as ``{"path", "error"}``."""
    import json

    path = folder / "errors.jsonl"
    if not path.is_file():
        return []
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"path": r["path"], "error": r["error"]} for r in records]


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """Row values as plain Python: NaN/NA -> None, arrays -> lists."""
    import pandas as pd

    out = {}
    for key, value in row.items():
        if hasattr(value, "tolist") and not isinstance(value, (int, float)):
            value = value.tolist()
        elif not isinstance(value, (list, dict)) and pd.isna(value):
            value = None
        out[key] = value
    return out


def _sentence(s: dict[str, Any]) -> Sentence:
    topics = s.get("topics")
    scores = s.get("scores") or {}
    return Sentence(
        text=s["text"], section=s.get("section"), position=int(s.get("position") or 0),
        heading=s.get("heading"), is_heading=bool(s.get("is_heading")), role=s.get("role"),
        topics=list(topics) if topics is not None else [],
        scores={k: float(v) for k, v in scores.items() if v is not None},
    )


def _tree(row: dict[str, Any], table: str) -> dict | None:
    """Nested table from ``table.row.col`` columns; ``None`` when every cell is blank."""
    prefix = f"{table}."
    cells = {k[len(prefix):]: v for k, v in row.items() if k.startswith(prefix)}
    if all(v is None for v in cells.values()):
        return None
    tree: dict = {}
    for dotted, value in cells.items():
        *parts, leaf = dotted.split(".")
        node = tree
        for part in parts:
            node = node.setdefault(part, {})
        node[leaf] = int(value) if isinstance(value, float) and value.is_integer() else value
    return tree


def _report(row: dict[str, Any], sentences: list[Sentence]) -> Report:
    published = row.get("published")
    if isinstance(published, str):
        published = date.fromisoformat(published)
    meta = Meta(
        agency=row.get("agency"), year=None if row.get("year") is None else int(row["year"]),
        published=published, format=row.get("format"), level=row.get("level"),
        places=list(row.get("places") or []), encoding=row.get("encoding"),
        converted_from_traditional=bool(row.get("converted_from_traditional")),
    )
    figures = {}
    for key, value in row.items():
        if key.startswith("figures.") and key.endswith(".value") and value is not None:
            name = key[len("figures."):-len(".value")]
            value = int(value) if isinstance(value, float) and value.is_integer() else value  # a count
            figures[name] = Figure(value, bool(row.get(f"figures.{name}.approximate")),
                                   source=row.get(f"figures.{name}.source") or "text")
    metrics = {k[len("metrics."):]: Metric(v, "") for k, v in row.items() if k.startswith("metrics.")}
    checks = [Check(c["rule"], [], None, None, "fail", c["message"]) for c in row.get("failed_checks") or []]
    # The rows keep only how many checks passed or could not be assessed, not which: stand-ins,
    # so that counts of checks by status are right.
    for status in ("pass", "not_assessable"):
        checks += [Check(UNRECORDED, [], None, None, status, "")] * int(row.get(f"n_{status}") or 0)
    return Report(
        meta=meta, sections=[], missing_sections=list(row.get("missing_sections") or []),
        tables=Tables(_tree(row, "proactive"), _tree(row, "requests"), _tree(row, "review_litigation")),
        figures=figures, checks=checks, metrics=metrics, text="", source=row.get("path"),
        sentences=sentences,
    )
