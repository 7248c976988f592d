"""One report's analyst summary: overview in brief, problem → measure coverage, specificity, outputs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import nlp
from conftest import SAMPLES
from nlp.model import Sentence
from nlp.summary import summary_dict, summary_record, to_markdown
from nlp.summary.overview import score_sentence
from nlp.summary.coverage import coverage
from nlp.summary.overview import MAX_SENTENCES, MIN_SENTENCES, overview_summary
from nlp.summary.similarity import normalise, similarity
from nlp.summary.specificity import VAGUE_BELOW, specificity

TOWNSHIP = SAMPLES / "township-2023.txt"


def _report_with(problems: list[tuple[str, list[str]]], measures: list[tuple[str, list[str]]]):
    report = nlp.read_report(TOWNSHIP)
    rows = [(t, "problem", tp) for t, tp in problems] + [(t, "measure", tp) for t, tp in measures]
    report.sentences = [Sentence(t, section="problems", position=i, role=role, topics=tp) for i, (t, role, tp) in enumerate(rows)]
    return report


# ---- similarity and specificity -------------------------------------------------------------------
def test_normalise_drops_self_references_enumeration_numbers_and_punctuation():
    assert normalise("一是我镇仅有1名兼职人员。") == normalise("（二）本机关仅有2名兼职人员")
    assert similarity("三是我局栏目更新不及时。", "我区栏目更新不及时") == 1.0
    assert similarity("栏目更新不及时", "工作人员能力不足") == 0.0


@pytest.mark.parametrize(
    "text, vague",
    [
        ("政务公开工作有待进一步加强。", True),
        ("二是政策解读工作还需进一步提高。", True),
        ("二是部分栏目更新滞后，“财政信息”栏目在第三季度有一个多月没有更新。", False),
        ("党政综合办公室仅有1名兼职人员负责信息发布。", False),
        ("征地补偿信息公开不够及时，批后公告只公开结果、未公开审批依据。", False),
    ],
)
def test_specificity_separates_vague_from_concrete_problems(text, vague):
    s = specificity(text)
    assert 0.0 <= s.score <= 1.0
    assert s.vague is vague, s
    assert (s.score < VAGUE_BELOW) is vague


def test_specificity_of_boilerplate_is_zero():
    assert specificity("信息公开工作有待进一步加强。").score == 0.0


# ---- overview in brief ------------------------------------------------------------------------------
def test_overview_summary_picks_the_sentences_with_the_years_figures():
    report = nlp.read_report(TOWNSHIP)
    brief = overview_summary(report)
    assert MIN_SENTENCES <= len(brief) <= MAX_SENTENCES
    texts = [b.text for b in brief]
    assert any("186条" in t for t in texts)
    assert any("申请7件" in t for t in texts)
    assert all(b.figures > 0 for b in brief)
    assert [b.position for b in brief] == sorted(b.position for b in brief)
    overview = report.section_text("overview")
    assert all(t.replace(" ", "") in overview.replace("\n", "") for t in texts)


def test_overview_summary_passes_over_political_preamble(huaian):
    brief = overview_summary(nlp.read_report(huaian))
    assert MIN_SENTENCES <= len(brief) <= MAX_SENTENCES
    assert not any("习近平" in b.text for b in brief)
    assert any("3119" in b.text for b in brief)


# ---- coverage -----------------------------------------------------------------------------------------
def test_coverage_pairs_each_problem_with_the_measure_of_its_topic_and_wording():
    report = _report_with(
        problems=[
            ("一是工作力量偏弱，仅有1名兼职人员负责信息发布。", ["staff"]),
            ("二是部分栏目更新滞后。", ["timeliness"]),
            ("三是依申请公开答复书说理不够充分。", ["application"]),
        ],
        measures=[
            ("一是栏目更新实行按月通报，杜绝栏目长期不更新。", ["timeliness"]),
            ("二是充实工作力量，增设1名专职人员负责信息发布。", ["staff"]),
            ("三是加强栏目更新的工作人员培训。", ["staff"]),
        ],
    )
    result = coverage(report)
    assert [a.measure for a in result.answered] == [
        "二是充实工作力量，增设1名专职人员负责信息发布。",
        "一是栏目更新实行按月通报，杜绝栏目长期不更新。",
    ]
    assert [a.problem for a in result.unanswered] == ["三是依申请公开答复书说理不够充分。"]
    assert result.to_dict()["share_answered"] == pytest.approx(2 / 3)


def test_a_measure_before_the_problem_does_not_answer_it():
    """A step of the overview, before the problems, is work done, not the answer to one."""
    report = _report_with(problems=[], measures=[])
    report.sentences = [
        Sentence("成立了以主任为组长的政务公开工作领导小组，充实工作力量。", section="overview", position=0, role="measure", topics=["staff"]),
        Sentence("一是工作人员的专业能力不够强，工作力量不足。", section="problems", position=1, role="problem", topics=["staff"]),
    ]
    assert [a.measure for a in coverage(report).answers] == [None]


def test_coverage_pairs_numbered_points_by_their_number_when_the_wording_differs():
    """Problems and measures numbered alike (一是 … 三是 on each side): a problem no measure's
    wording answers takes the measure of its number when they share a topic ("order"); one whose
    measure of that number shares no topic stays unanswered."""
    report = _report_with(
        problems=[("一是政务公开工作力量薄弱。", ["staff"]), ("二是部分栏目更新滞后。", ["timeliness"]),
                  ("三是依申请公开答复书说理不够充分。", ["application"])],
        measures=[("一是选调两名专职人员充实队伍。", ["staff"]), ("二是实行栏目按月巡检。", ["timeliness"]),
                  ("三是加强业务培训。", ["staff"])],
    )  # fmt: skip
    answers = coverage(report).answers
    assert [(a.measure, a.matched_by) for a in answers] == [
        ("一是选调两名专职人员充实队伍。", "order"), ("二是实行栏目按月巡检。", "wording"), (None, None),
    ]


def test_coverage_needs_a_shared_topic():
    report = _report_with([("栏目更新滞后。", ["timeliness"])], [("栏目更新滞后的问题将由专人负责。", ["staff"])])
    assert coverage(report).answered == []


def test_coverage_of_the_township_sample(tagger):
    result = coverage(nlp.read_report(TOWNSHIP, tag=True))
    assert len(result.answers) == 4
    assert len(result.answered) == 4  # the sample answers each problem point by point


# ---- outputs ---------------------------------------------------------------------------------------------
def test_summary_record_adds_one_key(tagger):
    report = nlp.read_report(TOWNSHIP, tag=True)
    record = summary_record(report)
    assert list(record) == [*report.to_dict(), "summary"]
    assert sorted(record["summary"]) == ["coverage", "overview", "specificity"]
    assert len(record["summary"]["specificity"]) == record["summary"]["coverage"]["problems"] == 4
    json.dumps(record, ensure_ascii=False)


def test_summary_of_an_untagged_report_has_an_overview_and_unknown_problems():
    parts = summary_dict(nlp.read_report(TOWNSHIP))
    assert parts["overview"]
    assert parts["coverage"] is None and parts["specificity"] is None  # unknown without tagging, not zero


@pytest.mark.parametrize(("text", "figures"), [
    ("本单位不适用《条例》第二十七条的规定。", 0), ("依据第27条办理。", 0),  # an article's number is no figure
    ("许可决定共18.5万宗，收费总额3.2亿元。", 2), ("全年发布信息200条，举办培训三次。", 2),
])
def test_overview_figures_are_counts_not_article_numbers(text: str, figures: int) -> None:
    assert score_sentence(text)[1] == figures


def test_markdown_carries_the_overview_and_coverage(tagger):
    report = nlp.read_report(TOWNSHIP, tag=True)
    md = to_markdown(report)
    assert "## Overview (总体情况) in brief" in md and "## Problem → measure coverage" in md
    for o in summary_dict(report)["overview"]:
        assert o["text"] in md
    assert "data:image/png" not in md
    assert "data:image/png;base64," in to_markdown(report, charts=True)


def test_the_sentences_by_topic_say_which_section_they_stand_in(tagger):
    """A step the overview tells of is listed with its section, so it is not read as the answer to
    a problem of section 五."""
    report = nlp.read_report(TOWNSHIP, tag=True)
    md = to_markdown(report).split("## Problems and measures by topic", 1)[1].split("## Sections", 1)[0]
    listed = [s for s in report.sentences if s.role in ("problem", "measure") and s.topics]
    assert listed and {s.section for s in listed} >= {"problems"}
    for s in listed:
        assert f"- {s.role} ({s.section}): {' '.join(s.text.split())}" in md


def run(*args: str) -> subprocess.CompletedProcess:
    code = "import sys\nfrom nlp.cli import main\nsys.argv = ['govreport', *sys.argv[1:]]\nmain()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def test_cli_json_has_the_summary_key(tagger):
    out = run("summarize", str(TOWNSHIP), "--format", "json")
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert list(record)[-1] == "summary"
    assert record["summary"]["coverage"]["answered"] == 4


def test_single_report_path_imports_neither_pandas_nor_matplotlib():
    code = (
        "import sys\nfrom nlp.cli import summarize_main\n"
        f"sys.argv = ['summarize', {str(TOWNSHIP)!r}, '--format', 'markdown', '--no-tag']\n"
        "try:\n    summarize_main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'sklearn') if m in sys.modules]\n"
        "sys.stderr.write('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "HEAVY=" in out.stderr and out.stderr.strip().endswith("HEAVY="), out.stderr


def test_cli_rich_shows_the_new_parts(tagger):
    out = run("summarize", str(TOWNSHIP))
    assert out.returncode == 0, out.stderr
    assert "Overview (总体情况) in brief" in out.stdout
    assert "Problem → measure coverage (4 of 4 answered)" in out.stdout
