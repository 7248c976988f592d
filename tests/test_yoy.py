"""Year over year: repeated, reworded, dropped and new problems, copy index, promises kept, table checks."""

from __future__ import annotations

import re

import pytest

import nlp
from conftest import SAMPLES
from nlp.model import Sentence
from nlp.summary.bodies import body_name
from nlp.summary.yoy import compare, cross_year_checks, series, year_over_year

TOWNSHIP = SAMPLES / "township-2023.txt"
SERIES = SAMPLES / "series"

KEPT = "一是工作力量偏弱，党政综合办公室仅有1名兼职人员负责信息发布，身兼数职，对业务钻研不深。"
REWORDED = "二是栏目更新仍不够及时，少数站所报送信息拖延，“财政信息”栏目更新滞后。"
NEW = "三是信息发布前的保密审查把关不严，个别公示材料未对身份证号码做去标识化处理。"


def next_year(text: str, carried_over: str = "1\t0\t0\t0\t0\t0\t1") -> str:
    """The township sample turned into its 2024 report: one problem kept, one reworded, two dropped,
    one new; two of the four promises reported done in 总体情况."""
    for a, b in (("2024年1月22日", "2025年1月20日"), ("2024年继续办理", "2025年继续办理"), ("2023", "2024")):
        text = text.replace(a, b)
    text = text.replace("二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0",
                        f"二、上年结转政府信息公开申请数量\t\t\t{carried_over}")
    problems = text[text.index("一是工作力量偏弱"):text.index("（二）改进措施")]
    text = text.replace(problems, KEPT + REWORDED + NEW + "\n\n")
    measures = text[text.index("针对上述问题"):text.index("六、其他需要报告的事项")]
    text = text.replace(measures, "针对上述问题，我镇将重点抓好以下工作：一是继续开展业务培训，提高工作人员能力。"
                                  "二是严格落实三级审核制度，加强发布前保密审查。\n\n")
    return text.replace(
        "全年组织政务公开业务培训3次，参训干部累计96人次；",
        "在党政综合办公室增设1名信息公开专职岗位，全年组织业务学习4次。"
        "建立栏目更新责任清单，按月通报各站所报送信息情况。全年组织政务公开业务培训3次，参训干部累计96人次；",
    )


@pytest.fixture(scope="module")
def pair(tagger):
    text = TOWNSHIP.read_text(encoding="utf-8")
    last = nlp.parse_report(text, source="township-2023.txt", tag=True)
    this = nlp.parse_report(next_year(text), source="township-2024.txt", tag=True)
    return last, this


def test_bodies_link_by_normalised_agency_name():
    assert body_name("青禾县鹭汀镇人民政府") == body_name("鹭汀镇 人民政府") == "鹭汀镇政府"
    assert body_name("岚川县自然资源局") != body_name("岚川县栖沙镇人民政府")


def test_problems_repeated_reworded_dropped_new(pair):
    p = compare(*pair)
    assert (p.from_year, p.to_year, p.body) == (2023, 2024, "鹭汀镇政府")
    assert [(x.this_year, x.similarity) for x in p.repeated] == [(KEPT, 1.0)]
    assert [x.this_year for x in p.reworded] == [REWORDED]
    assert 0 < p.reworded[0].similarity < 0.6
    assert [s.text[:2] for s in p.dropped] == ["三是", "四是"]
    assert [s.text for s in p.new] == [NEW]


def test_copy_index_is_the_share_of_problem_characters_repeated(pair):
    p = compare(*pair)
    assert p.copy_index == round(len(KEPT) / len(KEPT + REWORDED + NEW), 3)


def test_promises_kept_and_promises_not_mentioned(pair):
    p = compare(*pair)
    assert [m.measure[:2] for m in p.measures_done] == ["一是", "二是"]
    assert p.measures_done[0].evidence.startswith("在党政综合办公室增设1名信息公开专职岗位")
    assert [m.measure[:2] for m in p.measures_not_mentioned] == ["三是", "四是"]


def test_carried_forward_must_equal_next_years_carried_over(tagger):
    text = TOWNSHIP.read_text(encoding="utf-8")
    last = nlp.parse_report(text)
    good = nlp.parse_report(next_year(text))
    bad = nlp.parse_report(next_year(text, carried_over="0\t0\t0\t0\t0\t0\t0"))
    assert {c.status for c in cross_year_checks(last, good) if c.rule == "Y.carried_over"} == {"pass"}
    failed = [c for c in cross_year_checks(last, bad) if c.status == "fail"]
    assert [c.cells[1] for c in failed] == ["2024:requests.carried_over.natural_person", "2024:requests.carried_over.total"]


def test_in_force_mismatch_is_a_warning_not_a_failure():
    dept = nlp.read_report(SAMPLES / "county-dept-2022.txt")  # normative documents: 2 issued, 1 repealed, 9 in force
    text = (SAMPLES / "county-dept-2022.txt").read_text(encoding="utf-8")
    later = nlp.parse_report(text.replace("2022", "2023").replace("2023年1月16日", "2024年1月16日"))
    found = {c.rule + ":" + c.cells[0].split(".")[1]: c.status for c in cross_year_checks(dept, later)
             if c.rule == "Y.in_force"}
    assert found["Y.in_force:normative_documents"] == "warning"  # 9 + 2 - 1 = 10, printed 9
    assert found["Y.in_force:rules"] in ("pass", "not_assessable")


def test_only_consecutive_years_are_paired():
    def report(year: int):
        r = nlp.read_report(TOWNSHIP)
        r.meta.year = year
        r.sentences = [Sentence("工作人员业务能力有待提高。", section="problems", role="problem", topics=["staff"])]
        return r

    reports = [report(2021), report(2023), report(2024)]
    assert [len(v) for v in series(reports).values()] == [3]
    assert [(p.from_year, p.to_year) for p in year_over_year(reports)] == [(2023, 2024)]


def test_series_samples_are_linked(tagger):
    from nlp.summary.sources import load_reports

    pairs = year_over_year(load_reports([SERIES]).reports)
    assert len(pairs) == 6
    assert all(p.to_year == p.from_year + 1 for p in pairs)
    assert len({p.body for p in pairs}) == 3


# ---- the multi-year series: every fact listed in corpus/samples/series/README.md --------------------
QUOTED = re.compile(r"`([^`]+)`")
KINDS = {
    "Repeated problems": "repeated",
    "Reworded problems": "reworded",
    "Dropped problems": "dropped",
    "New problems": "new",
    "Measures done": "measures_done",
    "Measures not mentioned": "measures_not_mentioned",
}


def series_facts() -> tuple[dict, dict]:
    """From the series README: ``{(agency, from, to): {kind: [quoted sentences or pairs]}}`` and
    ``{(agency, year): [problem sentences]}``."""
    path = SERIES / "README.md"
    if not path.exists():
        pytest.skip("corpus/samples/series/README.md is absent")
    pairs: dict = {}
    problems: dict = {}
    agency = key = kind = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"## (\S+人民政府|\S+局) \(", line):
            agency, key, kind = m.group(1), None, None
        elif m := re.match(r"### (\d{4}) → (\d{4})$", line):
            key = (agency, int(m.group(1)), int(m.group(2)))
            pairs[key] = {k: [] for k in KINDS.values()}
            kind = None
        elif m := re.match(r"### (\d{4}): problems", line):
            key, kind = (agency, int(m.group(1))), "problems"
            problems[key] = []
        elif re.match(r"### |## ", line):
            key = kind = None
        elif key and (m := re.match(r"(\w[\w ]+?) \(|(\w[\w ]+?) in \d{4}:|(\w[\w ]+?):$", line)):
            head = next(g for g in m.groups() if g)
            kind = next((v for k, v in KINDS.items() if head.startswith(k)), kind)
        elif key and kind and line.startswith("- `"):
            quoted = QUOTED.findall(line)
            target = problems[key] if kind == "problems" else pairs[key][kind]
            target.append(quoted[0] if len(quoted) == 1 or kind == "problems" else tuple(quoted[:2]))
    return pairs, problems


@pytest.fixture(scope="module")
def series_pairs(tagger):
    from nlp.summary.sources import load_reports

    loaded = load_reports([SERIES])
    assert not loaded.errors
    return {(p.agency, p.from_year, p.to_year): p for p in year_over_year(loaded.reports)}


def test_series_readme_is_understood():
    pairs, problems = series_facts()
    assert len(pairs) == 6 and len(problems) == 9
    assert all(facts["repeated"] and facts["measures_done"] for facts in pairs.values())


def test_series_repeated_reworded_dropped_new_as_planted(series_pairs):
    pairs, _ = series_facts()
    assert set(series_pairs) == set(pairs)
    for key, facts in pairs.items():
        p = series_pairs[key]
        assert [x.this_year for x in p.repeated] == facts["repeated"], key
        assert all(x.similarity == 1.0 for x in p.repeated)
        assert [(x.last_year, x.this_year) for x in p.reworded] == facts["reworded"], key
        assert all(x.similarity < 0.6 for x in p.reworded)
        assert [s.text for s in p.dropped] == facts["dropped"], key
        assert [s.text for s in p.new] == facts["new"], key


def test_series_copy_index(series_pairs):
    pairs, problems = series_facts()
    for (agency, last, this), facts in pairs.items():
        now = problems[(agency, this)]
        expected = sum(map(len, facts["repeated"])) / sum(map(len, now))
        assert series_pairs[(agency, last, this)].copy_index == round(expected, 3), (agency, this)


def test_series_measures_done_and_not_mentioned(series_pairs):
    pairs, _ = series_facts()
    for key, facts in pairs.items():
        p = series_pairs[key]
        assert [(m.measure, m.evidence) for m in p.measures_done] == facts["measures_done"], key
        assert [m.measure for m in p.measures_not_mentioned] == facts["measures_not_mentioned"], key


def test_series_cross_year_checks(series_pairs):
    for key, p in series_pairs.items():
        carried = [c for c in p.checks if c.rule == "Y.carried_over"]
        assert len(carried) == 7 and {c.status for c in carried} == {"pass"}, key
    warnings = [(key, c) for key, p in series_pairs.items() for c in p.checks if c.status not in ("pass",)]
    assert len(warnings) == 1
    (agency, last, this), check = warnings[0]
    assert (agency, last, this) == ("白鹭湾县人民政府", 2022, 2023)
    assert (check.rule, check.status, check.expected, check.found) == ("Y.in_force", "warning", 95, 62)
    assert check.cells[-1] == "2023:proactive.normative_documents.in_force"
