"""What a batch run shows on stderr: a Rich progress bar while it works, a table of counts after.

The bar is refreshed by the caller (no refresh thread: worker processes are forked while it is
shown, and a fork must not copy a lock held by another thread).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

if TYPE_CHECKING:
    from .run import BatchSummary

REFRESH = 0.1  # seconds between redraws


class Display:
    """A progress bar (files done / failed, rate, time left), or nothing when ``enabled`` is
    False.  Use as a context manager; :meth:`phase` starts a new bar, :meth:`advance` moves it."""

    def __init__(self, enabled: bool = True, console: Console | None = None):
        self.enabled = enabled
        self.console = console or Console(stderr=True)
        self._progress: Progress | None = None
        self._task = None
        self._started = 0.0
        self._drawn = 0.0
        self.done = 0
        self.failed = 0

    def __enter__(self) -> "Display":
        if self.enabled:
            self._progress = Progress(
                TextColumn("{task.description:<8}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files · [red]{task.fields[failed]} failed[/red] · {task.fields[rate]} files/s"),
                TimeRemainingColumn(),
                console=self.console,
                auto_refresh=False,
            )
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._draw()
            self._progress.stop()

    def phase(self, description: str, total: int) -> None:
        """Start a bar for a new phase (hashing, tagging)."""
        self._draw()
        self.done = self.failed = 0
        self._started = time.monotonic()
        if self._progress is not None:
            self._task = self._progress.add_task(description, total=total, failed=0, rate="-")
            self._progress.refresh()

    def advance(self, done: int = 0, failed: int = 0) -> None:
        """Count finished and failed files; redraw at most every :data:`REFRESH` seconds."""
        self.done += done
        self.failed += failed
        self.tick()

    def tick(self) -> None:
        """Redraw if due (also called while waiting, so time left stays current)."""
        if time.monotonic() - self._drawn >= REFRESH:
            self._draw()

    def _draw(self) -> None:
        if self._progress is None or self._task is None:
            return
        now = time.monotonic()
        elapsed = max(now - self._started, 1e-9)
        rate = f"{self.done / elapsed:.1f}"
        self._progress.update(self._task, completed=self.done, failed=self.failed, rate=rate)
        self._progress.refresh()
        self._drawn = now

    def note(self, message: str) -> None:
        self.console.print(message)


def summary_table(summary: "BatchSummary") -> Table:
    """The final table of counts."""
    table = Table(title=f"govreport tag → {summary.out_dir}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("files found", summary.found),
        ("processed now", summary.processed),
        ("skipped (done by an earlier run)", summary.skipped),
        ("duplicates (same content)", summary.duplicates),
        ("failed, this run and earlier (errors.jsonl)", summary.failed),
        ("reports written", summary.reports),
        ("sentences", summary.sentences),
        ("elapsed", f"{summary.elapsed:.1f} s"),
    ]
    for what, count in rows:
        style = "red" if what.startswith("failed") and summary.failed else None
        table.add_row(what, str(count), style=style)
    return table
