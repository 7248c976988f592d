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


# ---- inputs found in the wild: odd file names, special files, bombs, pathological text -----------
def _odd_folder(root: Path) -> Path:
    """A good report under a name that is not UTF-8, one with a newline in its name, a copy of
    the first, an empty file, a pipe, a link to /dev/zero and a dangling link."""
    import os
    import shutil

    folder = root / "odd"
    folder.mkdir()
    shutil.copy(SAMPLES / "township-2023.txt", os.fsdecode(bytes(folder) + b"/bad-\xff-name.txt"))
    shutil.copy(SAMPLES / "county-dept-2022.txt", folder / "new\nline.txt")
    shutil.copy(SAMPLES / "township-2023.txt", folder / "same-bytes.txt")
    (folder / "empty.txt").write_bytes(b"")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "no-such-file.txt")
    return folder


def test_batch_escapes_odd_names_and_never_opens_pipes_or_devices(tmp_path: Path):
    import json

    import pandas as pd

    from nlp.batch import tag_corpus

    summary = tag_corpus(_odd_folder(tmp_path), tmp_path / "out", jobs=1, timeout=30, progress=False)
    reports = pd.read_parquet(tmp_path / "out" / "reports.parquet")
    assert sorted(reports.path) == ["bad-\\xff-name.txt", "new\\x0aline.txt"]  # readable, one line each
    assert list(reports.set_index("path").loc["bad-\\xff-name.txt", "duplicates"]) == ["same-bytes.txt"]
    errors = {e["path"]: e["error"] for e in map(json.loads, (tmp_path / "out" / "errors.jsonl").open())}
    assert errors == {
        "empty.txt": "empty.txt: empty file",
        "gone.txt": "gone.txt: file not found",
        "pipe.txt": "pipe.txt: not a regular file (a pipe, socket or device)",
        "zero.txt": "zero.txt: not a regular file (a pipe, socket or device)",
    }
    assert summary.failed == 4 and summary.reports == 2


def test_summarize_folder_reads_same_bytes_once_and_names_every_skipped_file(tmp_path: Path, capsys):
    from nlp.summary.sources import load_reports

    lines: list[str] = []
    loaded = load_reports([_odd_folder(tmp_path)], tag=False, warn=lines.append)
    assert sorted(r.meta.agency for r in loaded.reports) == ["岚川县自然资源局", "青禾县鹭汀镇人民政府"]
    assert [d["same_as"] for d in loaded.duplicates] == [str(tmp_path / "odd" / "bad-\\xff-name.txt")]
    assert sorted(Path(e["path"]).name for e in loaded.errors) == ["empty.txt", "gone.txt", "pipe.txt", "zero.txt"]
    assert len(lines) == 5 and all("\n" not in line for line in lines)


def test_a_docx_that_unpacks_to_gigabytes_is_refused_unread(tmp_path: Path):
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<w:document>" + b" " * (80 * 2**20) + b"</w:document>")
    assert bomb.stat().st_size < 2**20
    with pytest.raises(ReportError, match=r"bomb.docx: the .docx unpacks to 81 MB, over the 64 MB limit"):
        read_report(bomb)


def test_a_title_repeated_thousands_of_times_keeps_few_candidates():
    from nlp import sections

    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    flooded = text + "\n一、总体情况" * 20000
    c = sections._Compact(flooded)
    cands = [cand for m in sections._title_matches(c.text) if (cand := sections._candidate(c, m))]
    kept = sections._fewest(cands)
    assert len(cands) > 20000 and sum(k.key == "overview" for k in kept) == sections.MAX_PER_KEY
    assert sections.find_sections(flooded)  # found from at most MAX_PER_KEY candidates a section


def test_a_page_that_only_names_a_report_is_not_one():
    for page in ("<p>点击下载：政府信息公开工作年度报告</p>",
                 "青禾县人民政府2023年政府信息公开工作年度报告\n鹭汀镇人民政府2023年政府信息公开工作年度报告"):
        with pytest.raises(ReportError, match="no section of the format, and no 政府信息公开 title with a figure"):
            parse_report(page, source="links.html")
    # a report this short, without headings, is still read: it names its year and a figure
    tiny = parse_report("某乡2017年政府信息公开工作年度报告\n2017年，我乡主动公开政府信息120条，未收到政府信息公开申请。",
                        source="tiny.txt")
    assert tiny.meta.year == 2017 and tiny.figures["proactive_total"].value == 120


def test_texts_too_long_for_a_report_are_refused_before_the_stages(tmp_path: Path):
    from nlp.ingest.common import MAX_CHARS

    long = tmp_path / "long.txt"
    long.write_text("政府信息公开工作年度报告\n" + "主动公开信息12条。" * (MAX_CHARS // 9 + 1), encoding="utf-8")
    with pytest.raises(ReportError, match=r"long.txt: too long for an annual report: [\d,]+ characters of text, limit 2,000,000"):
        read_report(long)
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body>" + b"<td>1</td>" * (17 * 2**20 // 10) + b"</body></html>")
    with pytest.raises(ReportError, match=r"page.html: HTML file too large for a report page: \d+ MB, limit 16 MB"):
        read_report(page)


def test_batch_output_folder_problems_are_one_line_errors(tmp_path: Path):
    import os

    from nlp.batch import tag_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((SAMPLES / "township-2023.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for out, message in ((corpus, "cannot be the corpus folder itself"),
                         (corpus / "a.txt" / "sub", "cannot create the output folder"),
                         (Path(os.fsdecode(bytes(tmp_path) + b"/o-\xff")), "name must be printable UTF-8")):
        with pytest.raises(ValueError, match=message):
            tag_corpus(corpus, out, jobs=1, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]  # nothing half made


def test_summary_of_a_tag_output_folder_lists_the_files_the_run_could_not_read(tmp_path: Path):
    from nlp.batch import tag_corpus
    from nlp.summary.sources import load_reports

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((SAMPLES / "township-2023.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False)
    loaded = load_reports([tmp_path / "out"])
    assert len(loaded.reports) == 1 and loaded.errors == [{"path": "empty.txt", "error": "empty.txt: empty file"}]
    # the same report from a second output folder, or from its file, is taken once
    tag_corpus(corpus, tmp_path / "again", jobs=1, progress=False)
    twice = load_reports([tmp_path / "out", tmp_path / "again", corpus / "a.txt"], tag=False)
    assert len(twice.reports) == 1
    assert [d["same_as"] for d in twice.duplicates] == [f"a.txt (in govreport tag output {tmp_path / 'out'})"] * 2
    assert [d["path"] for d in twice.duplicates] == [f"a.txt (in govreport tag output {tmp_path / 'again'})",
                                                      str(corpus / "a.txt")]


def test_the_same_bytes_under_another_kind_of_name_are_read_as_that_kind(tmp_path: Path):
    import json

    from nlp.batch import tag_corpus
    from nlp.summary.sources import load_reports

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (SAMPLES / "township-2023.txt").read_bytes()
    for name in ("a.txt", "b.docx", "c.md"):  # a text saved as .docx is no Word file: say so
        (corpus / name).write_bytes(text)
    summary = tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False)
    assert summary.reports == 1 and summary.duplicates == 1 and summary.failed == 1
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").open()]
    assert [(e["path"], e["error"]) for e in errors] == [("b.docx", "b.docx: not a valid .docx file (not a zip package)")]
    loaded = load_reports([corpus], tag=False)
    assert len(loaded.reports) == 1 and [Path(d["path"]).name for d in loaded.duplicates] == ["c.md"]
    assert [Path(e["path"]).name for e in loaded.errors] == ["b.docx"]
