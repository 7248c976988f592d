"""The corpus summary: recurring weaknesses, boilerplate clusters, vagueness, key figures, outputs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nlp
from conftest import SAMPLES
from nlp.summary.corpus import CLUSTER_MIN, frame_columns, similar_pairs, summarize_corpus
from nlp.summary.corpus_views import corpus_markdown
from nlp.summary.html import corpus_html
from nlp.summary.similarity import jaccard
from nlp.summary.sources import load_reports

SERIES = SAMPLES / "series"
README = SERIES / "README.md"
PLANTED_DUPLICATES = (
    "一是政府信息公开工作人员多为兼职，业务能力与工作要求相比还有差距，我镇对工作人员的业务培训有待进一步加强。",
    "三是政府信息公开工作人员多为兼职，业务能力与工作要求相比还有差距，我局对工作人员的业务培训有待进一步加强。",
)


@pytest.fixture(scope="module")
def series_summary(tagger):
    loaded = load_reports([SERIES])
    assert len(loaded.reports) == 9 and not loaded.errors
    return summarize_corpus(loaded.reports)


@pytest.fixture(scope="module")
def samples_summary(tagger):
    loaded = load_reports([SAMPLES])
    return summarize_corpus(loaded.reports, loaded.errors)


def readme() -> str:
    if not README.exists():
        pytest.skip("corpus/samples/series/README.md is absent")
    return README.read_text(encoding="utf-8")


def expected_ranking() -> list[tuple[str, int]]:
    """(topic, bodies) from the README's 'Recurring weaknesses: expected ranking'."""
    block = readme().split("## Recurring weaknesses: expected ranking", 1)[1]
    return [(t, int(n)) for t, n in re.findall(r"^- (\w+): (\d+)", block, re.M)]


# ---- recurring weaknesses ----------------------------------------------------------------------------------
def test_series_recurring_weaknesses_as_planted(series_summary):
    expected = {t: n for t, n in expected_ranking() if n}
    found = {r.topic: r.bodies for r in series_summary.recurring}
    assert found == expected
    ranked = [r.topic for r in series_summary.recurring]
    assert ranked[0] == "staff"
    assert set(ranked[1:3]) == {"platform", "interpretation"}
    assert [r.bodies for r in series_summary.recurring] == sorted(found.values(), reverse=True)


def test_recurring_counts_by_year_and_level(series_summary):
    staff = next(r for r in series_summary.recurring if r.topic == "staff")
    assert (staff.bodies, staff.reports, staff.share) == (3, 8, 1.0)
    assert staff.by_year == {"2021": 2, "2022": 2, "2023": 3, "2024": 1}
    assert staff.by_level == {"county": 2, "department": 3, "township": 3}


def test_whole_samples_folder_ranks_the_planted_weakness_first(samples_summary):
    assert not samples_summary.errors  # README files are not reports
    assert len(samples_summary.reports) == 14
    ranked = samples_summary.recurring
    assert ranked[0].topic == "staff"
    assert [r.bodies for r in ranked] == sorted((r.bodies for r in ranked), reverse=True)
    position = {r.topic: k for k, r in enumerate(ranked)}
    assert position["staff"] < position["platform"] and position["staff"] < position["interpretation"]


# ---- clusters ------------------------------------------------------------------------------------------------
def test_the_planted_cross_body_duplicate_is_the_only_cluster(samples_summary):
    assert len(samples_summary.clusters) == 1
    cluster = samples_summary.clusters[0]
    assert (cluster.size, cluster.bodies) == (2, 2)
    assert cluster.agencies == ["松溪镇政府", "澜沧口区教育局"]
    assert {m["text"] for m in cluster.members} == set(PLANTED_DUPLICATES)
    assert cluster.example in PLANTED_DUPLICATES


@settings(max_examples=60, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdefgh"), max_size=6), max_size=12))
def test_prefix_filtering_finds_exactly_the_pairs_over_the_threshold(sets):
    brute = [(i, j) for i, j in combinations(range(len(sets)), 2) if jaccard(sets[i], sets[j]) >= CLUSTER_MIN]
    assert sorted(similar_pairs(sets, CLUSTER_MIN)) == brute


# ---- vagueness ------------------------------------------------------------------------------------------------
def test_share_of_vague_problems_by_level_and_year_as_in_the_readme(series_summary):
    text = readme()
    levels = dict(re.findall(r"^\| `[^`]+` \| (\S+) \| (\w+) \|", text, re.M))
    expected_level: dict[str, list[int]] = {}
    expected_year: dict[str, list[int]] = {}
    agency = None
    for line in text.splitlines():
        if m := re.match(r"## (\S+) \(`", line):
            agency = m.group(1)
        elif m := re.match(r"### (\d{4}): problems", line):
            year = m.group(1)
        elif agency in levels and (m := re.match(r"- `[^`]+` — \w+, (vague|specific)$", line)):
            for bucket, key in ((expected_level, levels[agency]), (expected_year, year)):
                counts = bucket.setdefault(key, [0, 0])
                counts[0] += 1
                counts[1] += m.group(1) == "vague"
    found_level = {k: [v.problems, v.vague] for k, v in series_summary.vague_by_level.items()}
    found_year = {k: [v.problems, v.vague] for k, v in series_summary.vague_by_year.items()}
    assert found_level == expected_level
    assert found_year == expected_year


# ---- key figures as a DataFrame ---------------------------------------------------------------------------------
def test_corpus_frame_has_one_row_per_report_with_metrics_and_failed_checks(tagger):
    frame = nlp.corpus_frame(SAMPLES)
    assert len(frame) == 14
    for column in ("agency", "body", "year", "level", "requests_new", "disclosure_rate", "checks_failed",
                   "problems", "problems_vague"):
        assert column in frame.columns
    errors = frame[frame["source"].str.endswith("errors-township-2023.txt")].iloc[0]
    assert errors["checks_failed"] == 5
    bailuwan = frame[frame["agency"] == "白鹭湾县人民政府"].sort_values("year")
    assert bailuwan["year"].tolist() == [2021, 2022, 2023]
    assert bailuwan["requests_new"].tolist() == [109, 121, 124]
    assert bailuwan["proactive_total"].tolist() == [2846, 3085, 3235]


def test_corpus_frame_accepts_reports():
    reports = [nlp.read_report(SAMPLES / "township-2023.txt"), nlp.read_report(SAMPLES / "city-2024.html")]
    frame = nlp.corpus_frame(reports)
    assert frame["requests_new"].tolist() == [2571, 7]  # sorted by body: 澄江口市政府, 鹭汀镇政府
    # read without tagging: the problem counts are unknown, not zero
    assert frame["problems"].isna().all() and frame["problems_vague"].isna().all()
    assert frame["checks_failed"].notna().all()


def test_corpus_frame_columns_and_types_do_not_depend_on_the_data(tagger, tmp_path: Path):
    empty = nlp.corpus_frame([])
    assert list(empty.columns) == frame_columns() and empty.empty
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    mixed = nlp.corpus_frame([nlp.read_report(SAMPLES / "county-2016-pre2019.txt", tag=True),
                              SAMPLES / "township-2023.txt", bad])  # a report, a path, a bad file
    assert list(mixed.columns) == frame_columns()
    assert len(mixed) == 2 and [e["path"] for e in mixed.attrs["errors"]] == [str(bad)]
    assert str(mixed["year"].dtype) == "Int64" and str(mixed["problems"].dtype) == "Int64"
    assert str(mixed["published"].dtype).startswith("datetime64")
    assert mixed["requests_new"].dtype == "float64" and mixed["disclosure_rate"].dtype == "float64"
    with pytest.raises(FileNotFoundError, match="no/such/folder"):
        nlp.corpus_frame("no/such/folder")
    summary = nlp.summarize_corpus([SAMPLES / "township-2023.txt", str(SAMPLES / "city-2024.html")])
    assert len(summary.reports) == 2
    ranked = summary.recurring_frame()
    assert list(ranked.columns) == ["topic", "bodies", "reports", "sentences", "share"]
    assert ranked["topic"].tolist() == [r.topic for r in summary.recurring]


# ---- outputs and the command line ----------------------------------------------------------------------------------
def test_markdown_and_html_carry_the_same_facts(series_summary):
    md = corpus_markdown(series_summary)
    page = corpus_html(series_summary)
    for r in series_summary.recurring:
        assert f"| {r.bodies} | {r.reports} | {r.sentences} |" in md
        assert f"<td class=\"num\">{r.bodies}</td><td class=\"num\">{r.reports}</td>" in page
    example = series_summary.clusters[0].example
    assert example in md and example in page
    for p in series_summary.year_over_year:
        assert f"{p.agency}: {p.from_year} → {p.to_year}" in md and f"{p.from_year} → {p.to_year}" in page
    assert "<script" not in page and "data:image/png;base64," in page
    assert "data:image/png;base64," in corpus_markdown(series_summary, charts=True)


def run(*args: str) -> subprocess.CompletedProcess:
    code = "import sys\nfrom nlp.cli import main\nsys.argv = ['govreport', *sys.argv[1:]]\nmain()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600)


def test_cli_corpus_json_skips_a_bad_file_with_one_warning(tagger, tmp_path: Path):
    folder = tmp_path / "corpus"
    shutil.copytree(SERIES, folder / "series")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = run("summarize", str(folder), "--format", "json")
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "broken.pdf" in warnings[0]
    data = json.loads(out.stdout)
    assert {"reports", "recurring", "clusters", "year_over_year", "errors"} <= set(data)
    assert len(data["reports"]) == 9 and [e["path"] for e in data["errors"]] == [str(folder / "broken.pdf")]
    assert all(list(r)[-1] == "summary" for r in data["reports"])
    assert set(data["recurring"][0]) >= {"topic", "bodies", "reports", "share", "by_year", "by_level"}
    assert set(data["clusters"][0]) >= {"size", "bodies", "example"}
    assert len(data["year_over_year"]) == 6
    assert set(data["year_over_year"][0]) >= {
        "agency", "from_year", "to_year", "repeated", "reworded", "dropped", "new", "copy_index",
        "measures_done", "measures_not_mentioned", "checks"}


@pytest.mark.parametrize("fmt, marker", [("markdown", "# Corpus summary"), ("html", "<!DOCTYPE html>"),
                                         ("rich", "Recurring weaknesses")])
def test_cli_corpus_formats(tagger, fmt, marker):
    out = run("summarize", str(SERIES / "songxi-town-2021.txt"), str(SERIES / "songxi-town-2022.txt"),
              "--format", fmt)
    assert out.returncode == 0, out.stderr
    assert marker in out.stdout


def test_empty_folder_is_bad_input(tmp_path: Path):
    out = run("summarize", str(tmp_path), "--format", "json")
    assert out.returncode == 2 and "no readable report" in out.stderr


def test_batch_tagging_output_gives_the_same_summary(series_summary, tmp_path: Path):
    try:
        from nlp.batch import tag_corpus
    except ImportError:
        pytest.skip("nlp.batch is not available")
    corpus = tmp_path / "series"
    corpus.mkdir()
    for path in SERIES.glob("*.txt"):
        shutil.copy(path, corpus)
    tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False)
    loaded = load_reports([tmp_path / "out"])
    from_batch = summarize_corpus(loaded.reports)
    assert [(r.topic, r.bodies, r.reports) for r in from_batch.recurring] == \
        [(r.topic, r.bodies, r.reports) for r in series_summary.recurring]
    assert [p.to_dict() for p in from_batch.year_over_year] == [p.to_dict() for p in series_summary.year_over_year]
    assert [c.example for c in from_batch.clusters] == [c.example for c in series_summary.clusters]


def test_corpus_frame_reads_the_same_from_batch_output_as_from_files(tagger, tmp_path: Path):
    """Check counts by status included, though the rows keep only the failed checks themselves."""
    from nlp.batch import tag_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("county-2016-pre2019.txt", "errors-township-2023.txt", "city-2024.html"):
        shutil.copy(SAMPLES / name, corpus)
    tag_corpus(corpus, tmp_path / "out", jobs=1, progress=False)
    columns = ["agency", "year", "level", "requests_new", "disclosure_rate", "checks_failed",
               "checks_not_assessable", "problems", "problems_answered", "problems_vague"]
    direct = nlp.corpus_frame(corpus)[columns]
    assert direct["checks_not_assessable"].tolist() != [0, 0, 0] and direct["checks_failed"].sum() > 0
    pd.testing.assert_frame_equal(nlp.corpus_frame(tmp_path / "out")[columns], direct)
    # the corpus JSON of the batch output is valid JSON (a blank heading is null, not NaN)
    record = summarize_corpus(tmp_path / "out").to_dict()
    json.dumps(record, allow_nan=False)
    assert {type(s["heading"]) for r in record["reports"] for s in r["sentences"]} <= {str, type(None)}
    # written as JSON lines, the same records come back, floats as written (0.3333, no parsing noise)
    tag_corpus(corpus, tmp_path / "jsonl", jobs=1, progress=False, fmt="jsonl")
    assert summarize_corpus(tmp_path / "jsonl").to_dict()["reports"] == record["reports"]


def test_one_body_year_read_twice_and_reports_without_a_body_are_noted(tmp_path: Path):
    """A report and its GB18030 copy (other bytes, so both read): the totals list the body and
    year twice and the views say so; a report whose body is unknown is counted and noted."""
    from nlp.summary.corpus_views import corpus_markdown

    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    result = summarize_corpus(load_reports([tmp_path], tag=False).reports)
    totals = result.to_dict()["totals"]
    assert totals["repeated"] == [{"body": "鹭汀镇政府", "year": 2023, "reports": 2}] and totals["without_agency"] == 0
    assert "鹭汀镇政府 2023 ×2" in corpus_markdown(result)
