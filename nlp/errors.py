"""The one error type the reader raises for bad input.

``ReportError(path, problem)`` prints as ``path: problem`` on one line; the CLI shows exactly that
and exits 2, and the batch stage writes it as an error record.
"""

from __future__ import annotations


class ReportError(Exception):
    """A file could not be read as an annual report."""

    def __init__(self, path: str | None, problem: str):
        self.path = path
        self.problem = " ".join(str(problem).split())  # always one line
        super().__init__(f"{path or '<text>'}: {self.problem}")


class ModelError(Exception):
    """A model file is missing, foreign or tampered with."""
