"""Property tests: whatever bytes or text arrive, the reader raises ReportError or returns a Report,
and the CLI answers with one line and exit 2 — never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPORTS, SAMPLES
from nlp import parse_report, read_report
from nlp.cli import app
from nlp.errors import ReportError
from nlp.model import Report

SUFFIXES = [".txt", ".md", ".html", ".pdf", ".docx"]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read_or_error(path: Path) -> None:
    try:
        assert isinstance(read_report(path), Report)
    except ReportError as exc:
        assert "\n" not in str(exc)
        assert path.name in str(exc)


@PROPERTY
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_crash_the_reader(tmp_path: Path, data: bytes, suffix: str):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    _read_or_error(path)


@PROPERTY
@given(text=st.text(max_size=3000))
def test_random_unicode_never_crashes_the_parser(text: str):
    try:
        parse_report(text)
    except ReportError as exc:
        assert "\n" not in str(exc)


def _documents() -> list[Path]:
    files = sorted(p for p in SAMPLES.glob("*") if p.suffix in SUFFIXES or p.suffix == ".htm")
    if REPORTS.exists():
        files += sorted(p for p in REPORTS.glob("*") if p.suffix in SUFFIXES)
    return files


@pytest.mark.parametrize("source", _documents(), ids=lambda p: p.name)
def test_truncated_documents_never_crash_the_reader(tmp_path: Path, source: Path):
    data = source.read_bytes()
    for fraction in (0.0, 0.01, 0.1, 0.33, 0.5, 0.77, 0.95):
        path = tmp_path / f"cut-{int(fraction * 100)}{source.suffix}"
        path.write_bytes(data[: int(len(data) * fraction)])
        _read_or_error(path)


@PROPERTY
@given(data=st.binary(min_size=1, max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_cli_answers_bad_bytes_with_one_line_and_exit_2(tmp_path: Path, data: bytes, suffix: str):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["summarize", str(path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 2)
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert path.name in lines[0]
