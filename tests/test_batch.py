"""Batch tagging of a corpus (`govreport tag`): outputs, duplicates, errors, determinism across
jobs and engines, resuming after kill -9, the per-file timeout, and the README's queries."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest
import typer
from typer.testing import CliRunner

from conftest import REPORTS, ROOT, SAMPLES
from nlp.batch import engines, tag_corpus
from nlp.batch.cli import tag
from nlp.batch.worker import STALL_ENV
from nlp.errors import ModelError
from nlp.tagging import load_tagger, models_dir


def _tagger_or_skip() -> None:
    try:
        load_tagger()
    except ModelError as exc:
        pytest.skip(f"no trained tagger in {models_dir()}: {exc}")


@pytest.fixture(scope="module", autouse=True)
def tagger() -> None:
    _tagger_or_skip()


def cli(*args: str):
    app = typer.Typer()
    app.command()(tag)
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def run_module(*args: str, **kwargs) -> subprocess.Popen:
    """`python -m nlp.batch ARGS` in a subprocess (the same command as `govreport tag`)."""
    return subprocess.Popen(
        [sys.executable, "-m", "nlp.batch", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )


def outputs(out: Path, fmt: str = "parquet") -> dict:
    """reports, sentences (DataFrames) and errors (list of records) of an output folder."""
    if fmt == "parquet":
        reports, sentences = (pd.read_parquet(out / f"{n}.parquet") for n in ("reports", "sentences"))
    else:
        reports, sentences = (pd.read_json(out / f"{n}.jsonl", lines=True) for n in ("reports", "sentences"))
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    return {"reports": reports, "sentences": sentences, "errors": errors}


def assert_same_outputs(a: Path, b: Path) -> None:
    x, y = outputs(a), outputs(b)
    pd.testing.assert_frame_equal(x["reports"], y["reports"])
    pd.testing.assert_frame_equal(x["sentences"], y["sentences"])
    assert x["errors"] == y["errors"]


# ---- the mixed corpus ----------------------------------------------------------------------

GOOD_EXTRA = ("binggu-town-2023.txt", "huaian-city-2024.pdf", "format-2021-blank-template.docx")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """Samples, real reports when present, a renamed duplicate in a subfolder, an empty file,
    random bytes named .pdf, a GB18030 text, and files the walk must skip."""
    corpus = tmp_path_factory.mktemp("mixed") / "corpus"
    shutil.copytree(SAMPLES, corpus)
    for name in GOOD_EXTRA:
        if (REPORTS / name).exists():
            shutil.copy(REPORTS / name, corpus / name)
    (corpus / "sub").mkdir()
    (corpus / "z-copies" / "deeper").mkdir(parents=True)
    shutil.copy(SAMPLES / "township-2023.txt", corpus / "z-copies" / "deeper" / "copy-of-township.TXT")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "random.pdf").write_bytes(random.Random(7).randbytes(4096))
    (corpus / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE header
    text = (SAMPLES / "county-dept-2022.txt").read_text(encoding="utf-8")
    (corpus / "sub" / "gbk-county-dept.txt").write_bytes(text.encode("gb18030"))
    (corpus / ".hidden.txt").write_text(text, encoding="utf-8")
    (corpus / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def mixed_run(mixed: Path) -> tuple[Path, str]:
    """The CLI with --jobs 2 into a folder inside the corpus (it must skip it): (out, stderr)."""
    out = mixed / "out"
    result = cli(str(mixed), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_every_good_file_has_rows_and_every_bad_one_an_error(mixed: Path, mixed_run):
    out, text = mixed_run
    got = outputs(out)
    bad = {"empty.txt", "random.pdf", "old.doc"}
    duplicate = "z-copies/deeper/copy-of-township.TXT"
    found = sorted(
        p.relative_to(mixed).as_posix() for p in mixed.rglob("*")
        if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".pdf", ".docx", ".doc")
        and not p.name.startswith(".") and not p.name.startswith("README") and "out" not in p.relative_to(mixed).parts
    )
    good = [p for p in found if p not in bad and p != duplicate]
    reports = got["reports"]
    assert list(reports.path) == good  # one row per distinct content, sorted by path
    assert (mixed / "README.md").is_file() and (mixed / "series" / "README.md").is_file()  # notes, not reports
    assert set(got["sentences"].path) == set(good)  # every report has sentence rows
    assert (reports.n_sentences > 0).all()
    counts = got["sentences"].groupby("path").size()
    assert counts.loc[reports.path].tolist() == reports.n_sentences.tolist()
    assert [e["path"] for e in got["errors"]] == sorted(bad)
    for e in got["errors"]:
        assert e["kind"] == "bad_input" and e["error"].startswith(f"{e['path']}: ")
        assert len(e["report_id"]) == 64
    assert "3 file(s) failed" in text
    assert re.search(r"duplicates \(same content\)\s*│\s*1\b", text)


def test_duplicates_are_listed_once_and_encodings_are_recorded(mixed_run):
    reports = outputs(mixed_run[0])["reports"].set_index("path")
    assert list(reports.loc["township-2023.txt", "duplicates"]) == ["z-copies/deeper/copy-of-township.TXT"]
    assert sum(len(d) for d in reports.duplicates) == 1
    gbk, utf8 = reports.loc["sub/gbk-county-dept.txt"], reports.loc["county-dept-2022.txt"]
    assert gbk.encoding.lower() in ("gb18030", "gbk", "gb2312") and utf8.encoding == "utf-8"
    assert gbk.agency == utf8.agency == "岚川县自然资源局"
    assert gbk["requests.new.total"] == utf8["requests.new.total"]
    row = reports.loc["township-2023.txt"]
    assert row.level == "township" and row.year == 2023 and str(row.published) == "2024-01-22"
    assert row["requests.new.total"] == 7
    assert row["figures.requests_received.value"] == 7


def test_columns_are_fixed_and_blank_cells_are_null(mixed_run):
    got = outputs(mixed_run[0])
    columns = list(got["reports"].columns)
    assert columns[:3] == ["path", "report_id", "duplicates"]
    for name in ("requests.denied.state_secret.total", "proactive.rules.issued",
                 "review_litigation.review.total", "figures.proactive_total.value",
                 "figures.proactive_total.approximate", "figures.proactive_total.source", "metrics.disclosure_rate",
                 "n_pass", "n_fail", "n_not_assessable", "failed_checks", "missing_sections"):
        assert name in columns
    pre2019 = got["reports"].set_index("path").loc["county-2016-pre2019.txt"]
    assert pd.isna(pre2019["requests.new.total"])  # no standard table: null, not 0
    assert pre2019["figures.proactive_total.source"] == "text"
    errors = got["reports"].set_index("path").loc["errors-township-2023.txt"]
    assert errors.n_fail > 0 and len(errors.failed_checks) == errors.n_fail
    assert {"rule", "message"} <= set(errors.failed_checks[0])
    assert list(got["sentences"].columns) == [
        "report_id", "path", "section", "position", "heading", "is_heading", "text", "role", "topics", "scores",
    ]
    s = got["sentences"].iloc[0]
    assert {"problem", "measure", "other"} <= set(s.scores)


def test_jobs_1_and_2_give_identical_outputs(mixed: Path, mixed_run, tmp_path: Path):
    summary = tag_corpus(mixed, tmp_path / "one", jobs=1, progress=False)
    assert summary.failed == 3 and summary.duplicates == 1
    assert_same_outputs(mixed_run[0], tmp_path / "one")


def test_jsonl_format_has_the_same_rows(mixed: Path, mixed_run, tmp_path: Path):
    tag_corpus(mixed, tmp_path / "j", jobs=2, fmt="jsonl", progress=False)
    parquet, jsonl = outputs(mixed_run[0]), outputs(tmp_path / "j", "jsonl")
    assert list(jsonl["reports"].columns) == list(parquet["reports"].columns)
    assert jsonl["reports"].path.tolist() == parquet["reports"].path.tolist()
    assert jsonl["sentences"].text.tolist() == parquet["sentences"].text.tolist()
    assert jsonl["sentences"].topics.tolist() == [list(t) for t in parquet["sentences"].topics]
    assert jsonl["errors"] == parquet["errors"]


def test_switching_format_in_one_folder_leaves_no_stale_outputs(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLES / "township-2023.txt", corpus)
    tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False)
    shutil.copy(SAMPLES / "county-dept-2022.txt", corpus)
    summary = tag_corpus(corpus, tmp_path / "out", jobs=1, fmt="jsonl", progress=False)
    assert summary.skipped == 1 and summary.processed == 1  # the first file is not tagged again
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "errors.jsonl", "reports.jsonl", "sentences.jsonl"]
    assert len(outputs(tmp_path / "out", "jsonl")["reports"]) == 2


def test_headings_are_context_with_role_other_and_no_scores(mixed_run):
    """Headings are kept as rows (the context of what follows) but not tagged: role other, no
    topics, null scores; every other sentence has all its scores."""
    sentences = outputs(mixed_run[0])["sentences"]
    headings, body = sentences[sentences.is_heading], sentences[~sentences.is_heading]
    assert len(headings) > 10 and len(body) > 100
    assert set(headings.role) == {"other"} and not headings.topics.map(len).any()
    assert all(all(v is None for v in s.values()) for s in headings.scores)
    assert all(all(v is not None for v in s.values()) for s in body.scores)


def test_parts_made_by_other_code_are_not_reused(tmp_path: Path, monkeypatch):
    """A run into a folder whose parts another version of the code wrote (an edited checkout of
    the same version, say) starts afresh, and says so."""
    from nlp.batch import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLES / "township-2023.txt", corpus)
    assert tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False).processed == 1
    assert tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False).skipped == 1
    read_bytes = Path.read_bytes

    def edited(path: Path) -> bytes:  # as if checks.py had been changed
        return read_bytes(path) + (b"# edited\n" if path.name == "checks.py" else b"")

    before = run._fingerprint()
    monkeypatch.setattr(Path, "read_bytes", edited)
    assert run._fingerprint() != before
    result = cli(str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "starting afresh" in " ".join(result.output.split()) and re.search(r"processed now\W+1\b", result.output)


def test_dask_local_cluster_gives_the_same_outputs(mixed: Path, mixed_run, tmp_path: Path):
    pytest.importorskip("distributed")
    tag_corpus(mixed, tmp_path / "dask", jobs=2, engine="dask", progress=False)
    assert_same_outputs(mixed_run[0], tmp_path / "dask")


# ---- resuming ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> Path:
    """40 variants of each sample, each with a distinct last line (so hashes differ)."""
    corpus = tmp_path_factory.mktemp("copies") / "corpus"
    for n in range(40):
        folder = corpus / f"batch{n:02d}"
        folder.mkdir(parents=True)
        for sample in sorted(SAMPLES.glob("*")):
            if sample.suffix not in (".txt", ".html"):
                continue
            text = sample.read_text(encoding="utf-8")
            extra = f"<!-- copy {n} -->" if sample.suffix == ".html" else f"本报告副本编号{n}。"
            (folder / sample.name).write_text(f"{text}\n{extra}\n", encoding="utf-8")
    return corpus


LAST = "zz-last.txt"  # sorts after every file of `copies`


@pytest.fixture
def copies_and_a_slow_last_file(copies: Path, tmp_path: Path) -> Path:
    """`copies` (200 files) and, last in path order, one more report, which a run started with
    ``slow_env()`` reads until its per-file timeout: such a run cannot end before the test has
    interrupted it, however fast the machine."""
    corpus = tmp_path / "corpus"
    shutil.copytree(copies, corpus)
    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    (corpus / LAST).write_text(f"{text}\n本报告副本编号last。\n", encoding="utf-8")
    return corpus


def slow_env() -> dict[str, str]:
    return {**os.environ, STALL_ENV: LAST}


def test_killed_run_resumes_and_matches_an_uninterrupted_run(copies_and_a_slow_last_file: Path, tmp_path: Path):
    copies = copies_and_a_slow_last_file
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    journal = killed / ".state" / "done.jsonl"
    proc = run_module(str(copies), "--out", str(killed), "--jobs", "2", "--chunk-size", "2", "--timeout", "10", "-q",
                      env=slow_env())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and len(journal.read_text().splitlines()) >= 5:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be killed"
    workers = psutil.Process(proc.pid).children()
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    for worker in workers:  # (a worker left on the slow file would spin until its timeout)
        try:
            worker.kill()
        except psutil.NoSuchProcess:
            pass
    done_before = len(journal.read_text().splitlines())
    assert not (killed / "reports.parquet").exists()

    summary = tag_corpus(copies, killed, jobs=2, chunk_size=2, progress=False)
    assert summary.skipped >= 2 * done_before - 2 and summary.processed + summary.skipped == 201
    tag_corpus(copies, clean, jobs=2, progress=False)
    assert_same_outputs(killed, clean)
    assert len(outputs(clean)["reports"]) == 201

    again = tag_corpus(copies, clean, jobs=2, progress=False)  # nothing left to do
    assert again.processed == 0 and again.skipped == 201
    assert_same_outputs(killed, clean)


def test_part_files_that_do_not_match_their_journal_lines_are_redone(copies: Path, tmp_path: Path):
    """Part files are not fsynced, so after a system crash one may be short or hold other bytes:
    a resumed run checks each against the size and CRC-32 of its journal line, redoes the chunks
    that fail (the journal drops their lines), deletes part files that no line vouches for and
    cuts a torn last line."""
    out, before = tmp_path / "out", tmp_path / "before"
    tag_corpus(copies, out, jobs=2, chunk_size=8, progress=False)
    shutil.copytree(out, before)
    log, parts = out / ".state" / "done.jsonl", out / ".parts"
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    short, changed = (parts / f"{lines[k]['part']}.arrow" for k in (0, 3))
    short.write_bytes(short.read_bytes()[:-1])
    data = bytearray(changed.read_bytes())
    data[len(data) // 2] ^= 1
    changed.write_bytes(bytes(data))
    (parts / "part-99999.arrow").write_bytes(b"no journal line")
    with log.open("a") as fh:
        fh.write('{"part": "part-')

    again = tag_corpus(copies, out, jobs=2, chunk_size=8, progress=False)
    assert again.processed == len(lines[0]["ids"]) + len(lines[3]["ids"]) == 16
    assert not short.exists() and not changed.exists() and not (parts / "part-99999.arrow").exists()
    journaled = [json.loads(line)["part"] for line in log.read_text().splitlines()]
    assert sorted(journaled) == sorted(p.stem for p in parts.iterdir())  # one line per part, no stale line
    assert_same_outputs(before, out)
    assert tag_corpus(copies, out, jobs=2, chunk_size=8, progress=False).processed == 0


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(copies_and_a_slow_last_file: Path, tmp_path: Path):
    copies = copies_and_a_slow_last_file
    out = tmp_path / "out"
    journal = out / ".state" / "done.jsonl"
    proc = run_module(str(copies), "--out", str(out), "--jobs", "2", "--chunk-size", "2", "-q", env=slow_env())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (journal.exists() and journal.read_text()):
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "resume" in err and "Traceback" not in err


def test_missing_corpus_exits_2(tmp_path: Path):
    result = cli(str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "no such folder" in result.output


def test_a_file_for_a_folder_and_a_wrong_option_say_what_is_wrong(tmp_path: Path):
    report = tmp_path / "report.txt"
    report.write_text("一、总体情况\n略。\n", encoding="utf-8")
    result = cli(str(report), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "a file, not a folder" in result.output and "summarize" in result.output
    result = cli(str(tmp_path), "--out", str(tmp_path / "out"), "--format", "csv")
    assert result.exit_code == 2 and "--format" in result.output and "--engine" not in result.output


def test_outputs_that_cannot_be_written_give_one_line_and_exit_2(tmp_path: Path):
    """A folder where an output file goes (as a read-only or full disk would, the write fails):
    one line naming the file and the reason, exit 2, no traceback; the work done is kept."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLES / "township-2023.txt", corpus)
    out = tmp_path / "out"
    (out / "reports.parquet").mkdir(parents=True)
    result = cli(str(corpus), "--out", str(out), "-q")
    assert result.exit_code == 2, result.output
    assert "reports.parquet: cannot write the outputs" in result.output and "Traceback" not in result.output
    (out / "reports.parquet").rmdir()
    assert cli(str(corpus), "--out", str(out), "-q").exit_code == 0
    assert (out / "reports.parquet").is_file()


# ---- the per-file timeout ------------------------------------------------------------------


def test_a_slow_file_times_out_and_the_rest_finish(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("township-2023.txt", "county-dept-2022.txt"):
        shutil.copy(SAMPLES / name, corpus / name)
    text = (SAMPLES / "county-2016-pre2019.txt").read_text(encoding="utf-8")
    (corpus / "slow.txt").write_text(text, encoding="utf-8")  # spins in Python: SIGALRM stops it
    (corpus / "stuck.txt").write_text(text + "\n。", encoding="utf-8")  # ignores SIGALRM: killed
    monkeypatch.setenv(STALL_ENV, "slow.txt,!stuck.txt")
    monkeypatch.setattr(engines, "KILL_GRACE", 1.0)
    started = time.monotonic()
    summary = tag_corpus(corpus, tmp_path / "out", jobs=2, timeout=1, progress=False)
    assert time.monotonic() - started < 30
    got = outputs(tmp_path / "out")
    assert {(e["path"], e["kind"]) for e in got["errors"]} == {("slow.txt", "timeout"), ("stuck.txt", "timeout")}
    assert "timeout" in got["errors"][0]["error"]
    assert got["reports"].path.tolist() == ["county-dept-2022.txt", "township-2023.txt"]
    assert summary.failed == 2


def test_files_that_timed_out_are_done_again_with_retry_failed(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("township-2023.txt", "county-dept-2022.txt", "city-2024.html"):
        shutil.copy(SAMPLES / name, corpus / name)
    (corpus / "empty.txt").write_bytes(b"")
    text = (SAMPLES / "county-2016-pre2019.txt").read_text(encoding="utf-8")
    (corpus / "slow.txt").write_text(text, encoding="utf-8")
    monkeypatch.setenv(STALL_ENV, "slow.txt")  # this run: slow.txt takes longer than the timeout
    first = tag_corpus(corpus, tmp_path / "out", jobs=1, timeout=1, chunk_size=2, progress=False)
    assert first.failed == 2 and {(e["path"], e["kind"]) for e in outputs(tmp_path / "out")["errors"]} == {
        ("slow.txt", "timeout"), ("empty.txt", "bad_input")}
    monkeypatch.delenv(STALL_ENV)
    again = tag_corpus(corpus, tmp_path / "out", jobs=1, timeout=1, chunk_size=2, progress=False)
    assert again.processed == 0 and again.failed == 2  # a plain resume keeps the timeout
    retried = tag_corpus(corpus, tmp_path / "out", jobs=1, chunk_size=2, progress=False, retry_failed=True)
    # the chunk of slow.txt is done again: it and empty.txt (chunks of 2 in path order), nothing else
    assert retried.processed == 2 and retried.skipped == 3 and retried.failed == 1
    tag_corpus(corpus, tmp_path / "fresh", jobs=1, chunk_size=2, progress=False)
    assert_same_outputs(tmp_path / "out", tmp_path / "fresh")


def test_a_stuck_worker_is_killed_after_one_timeout_not_one_per_file_of_its_bundle(tmp_path: Path, monkeypatch):
    """Fifteen quick files and one that ignores SIGALRM, in one bundle of 16: the worker is
    killed about a timeout (plus grace) after its last sign of progress, not after 16 timeouts."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    for i in range(15):
        (corpus / f"a{i:02d}.txt").write_text(f"{text}\n本报告编号：{i}。\n", encoding="utf-8")
    (corpus / "z-stuck.txt").write_text(text + "\n。", encoding="utf-8")  # last in the bundle
    monkeypatch.setenv(STALL_ENV, "!z-stuck.txt")
    monkeypatch.setattr(engines, "KILL_GRACE", 1.0)
    monkeypatch.setattr(engines, "PREFETCH", 1)  # one bundle of all 16 (no smaller tail bundles)
    started = time.monotonic()
    summary = tag_corpus(corpus, tmp_path / "out", jobs=1, timeout=3, chunk_size=16, progress=False)
    elapsed = time.monotonic() - started
    # killed once in the bundle and once alone: 2 x (3 + 1 + 1) s and two new workers; the old
    # rule (silence of 16 timeouts plus grace) would have taken over 49 s
    assert elapsed < 25, elapsed
    assert summary.failed == 1 and summary.reports == 15
    assert [(e["path"], e["kind"]) for e in outputs(tmp_path / "out")["errors"]] == [("z-stuck.txt", "timeout")]


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path, monkeypatch):
    """The worker dies on one file of its bundle: the bundle's files are retried one by one, the
    file that kills the worker again gets a crash record, the others their rows."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = ("county-2016-pre2019.txt", "county-dept-2022.txt", "township-2023.txt")
    for name in names:
        shutil.copy(SAMPLES / name, corpus / name)
    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    (corpus / "b-dies.txt").write_text(text + "\n。", encoding="utf-8")
    monkeypatch.setenv(STALL_ENV, "+b-dies.txt")
    summary = tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False)
    got = outputs(tmp_path / "out")
    assert [(e["path"], e["kind"]) for e in got["errors"]] == [("b-dies.txt", "crash")]
    assert "worker process died" in got["errors"][0]["error"]
    assert got["reports"].path.tolist() == sorted(names)
    assert summary.failed == 1


# ---- the README's queries ------------------------------------------------------------------

README = ROOT / "README.md"


def _blocks(language: str) -> list[str]:
    """Code blocks of the README's "Querying the outputs" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Querying the outputs", 1)[1].split("\n### ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, re.S)


def test_readme_queries_run_and_agree(mixed_run, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(mixed_run[0].parent)  # the queries read out/*.parquet
    top_sql, failing = (duckdb.sql(q).df() for q in _blocks("sql"))
    assert list(top_sql.columns) == ["level", "topic", "reports"] and len(top_sql) > 0
    assert (top_sql.groupby("level", dropna=False).size() <= 10).all()
    assert "errors-township-2023.txt" in failing.path.tolist()
    scope: dict = {}
    exec(_blocks("python")[-1], scope)
    top_pandas = scope["top"]
    as_rows = lambda df, topic: {  # noqa: E731
        (None if pd.isna(r.level) else r.level, r[topic], int(r.reports)) for _, r in df.iterrows()
    }
    assert as_rows(top_sql, "topic") == as_rows(top_pandas, "topics")


_WARM_WORKER = """
import gc, sys
import pyarrow as pa
from nlp.batch.worker import Task, _warm_up, process_batch
_warm_up()
tasks = [Task(i, 0, p, p, str(i)) for i, p in enumerate(sys.argv[1:])]
results = process_batch(tasks, 0)
print([r.kind for r in results], "pandas" in sys.modules, gc.get_threshold()[0])
table = pa.table({"a": [1, 2]}).to_pandas()  # pandas is still there for whoever asks for it
import pandas as pd
print(type(table).__name__, pa.array(pd.Series(["x", None], dtype="category")).type)
"""


def test_a_warmed_up_worker_tags_without_pandas_and_pyarrow_can_still_use_it():
    """A local worker keeps pyarrow from importing pandas for its list check (a large library)
    and collects garbage less often; its rows are those of any process, and pandas still works
    with pyarrow afterwards (for a user's own code in such a process)."""
    files = [str(SAMPLES / "township-2023.txt"), str(SAMPLES / "county-2016-pre2019.txt")]
    done = subprocess.run([sys.executable, "-c", _WARM_WORKER, *files], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    kinds, pandas_after_tagging = done.stdout.splitlines()[0], done.stdout.splitlines()[1]
    assert kinds == "['ok', 'ok'] False 20000"
    assert pandas_after_tagging.startswith("DataFrame dictionary<")  # a pandas Categorical is seen as one


def test_the_file_index_and_the_journal_index_page_through_a_large_corpus(tmp_path: Path):
    """The file list and the journal live in SQLite, read a page at a time: results must not
    depend on where the pages break.  1,300 small files: 300 are copies of earlier ones, one has
    the bytes of a .txt under a .docx name (another content), one is not UTF-8, one a pipe."""
    import hashlib

    from nlp.batch.journal import DoneIndex
    from nlp.batch.scratch import PAGE
    from nlp.batch.walk import FileIndex

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for i in range(1300):
        (corpus / ("sub" if i % 2 else "") / f"r{i:04d}.txt").write_bytes(f"report {i % 1000}".encode())
    (corpus / "r0005.docx").write_bytes(b"report 5")
    (corpus / "z-odd-\udcff.txt").write_bytes(b"report 7")
    os.mkfifo(corpus / "pipe.txt")
    index = FileIndex.create(corpus, tmp_path / "files.sqlite")
    index.hash_all()
    assert index.count == 1303 > 2 * PAGE
    names = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if not p.is_dir())
    primaries = list(index.primaries())
    digest = lambda i: hashlib.sha256(f"report {i}".encode()).hexdigest()  # noqa: E731
    firsts = {f"{'sub/' if i % 2 else ''}r{i:04d}.txt": digest(i) for i in range(1000)}
    # r0005.docx comes first in path order, but its bytes are text, no Word package: the plain
    # sha256 stays with the .txt files, the .docx is another content
    word = hashlib.sha256(f"{digest(5)}:Word".encode()).hexdigest()
    assert [(rel, h) for _, rel, h in primaries] == sorted([*firsts.items(), ("r0005.docx", word)])
    assert [i for i, _, _ in primaries] == [names.index(rel) for _, rel, _ in primaries]  # indexes in path order
    assert index.n_contents == 1001 and index.n_duplicates == 301
    assert list(index.unreadable()) == [("pipe.txt", "not a regular file (a pipe, socket or device)")]
    paths = index.paths_of([digest(7), digest(999), digest(5), word])
    assert paths == {digest(7): ["sub/r0007.txt", "sub/r1007.txt", "z-odd-\udcff.txt"],
                     digest(999): ["sub/r0999.txt"], digest(5): ["sub/r0005.txt", "sub/r1005.txt"], word: ["r0005.docx"]}
    index.close()

    done = DoneIndex(tmp_path / "done.sqlite")
    ids = [h for _, _, h in primaries]
    for k in range(0, 960, 32):
        done.add(f"part-{k // 32:05d}", ids[k:k + 32], [("reports", k)])
    assert ids[0] in done and ids[959] in done and ids[960] not in done
    assert list(done.parts_of(reversed(ids))) == list(reversed(ids[:960]))
    assert done.parts_of(ids)[ids[959]] == "part-00029" and done.blobs("part-00029") == [("reports", 928)]
    assert done.has_part("part-00029") and not done.has_part("part-00030")
    done.close()


@pytest.mark.parametrize("argv", [["govreport", "tag"], ["nlp/batch/__main__.py"]])
def test_the_resume_hint_is_the_command_as_typed_without_fresh(argv, monkeypatch):
    from nlp.batch.cli import _resume_command

    monkeypatch.setattr("sys.argv", [*argv, "my corpus", "--out", "out", "--jobs", "2", "--fresh", "--format", "jsonl"])
    assert _resume_command() == "govreport tag 'my corpus' --out out --jobs 2 --format jsonl"
