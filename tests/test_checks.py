"""Tests for nlp.checks: table relations, narrative/year/format checks, mutation property, metrics."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.checks import derive_metrics, find_period, run_checks
from nlp.model import Check, Figure, Meta, Section, Tables
from nlp.schema import (
    APPLICANT_COLUMNS,
    HANDLED_PARTS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SECTION_KEYS,
    empty_proactive,
    empty_requests,
    empty_review_litigation,
    get_path,
    set_path,
)

# A small consistent table 3: row -> six applicant columns (total is computed).
SMALL_ROWS: dict[str, tuple[int, ...]] = {
    "new": (12, 3, 0, 1, 2, 0),
    "carried_over": (2, 1, 0, 0, 0, 0),
    "granted": (5, 2, 0, 1, 1, 0),
    "partial": (2, 0, 0, 0, 0, 0),
    "denied.third_party": (1, 0, 0, 0, 0, 0),
    "unavailable.not_held": (3, 1, 0, 0, 1, 0),
    "not_processed.repeat": (1, 0, 0, 0, 0, 0),
    "other.no_correction": (1, 0, 0, 0, 0, 0),
    "handled_total": (13, 3, 0, 1, 2, 0),
    "carried_forward": (1, 1, 0, 0, 0, 0),
}

# Huaian 2024 (淮安市人民政府), table 3 as printed: row -> six applicant columns, total.
HUAIAN_ROWS: dict[str, tuple[int, ...]] = {
    "new": (3001, 53, 0, 0, 61, 4, 3119),
    "carried_over": (34, 0, 0, 0, 0, 0, 34),
    "granted": (1288, 21, 0, 0, 50, 3, 1362),
    "partial": (447, 7, 0, 0, 0, 0, 454),
    "denied.state_secret": (2, 0, 0, 0, 0, 0, 2),
    "denied.law_prohibited": (30, 1, 0, 0, 0, 0, 31),
    "denied.security_stability": (5, 0, 0, 0, 0, 0, 5),
    "denied.third_party": (6, 0, 0, 0, 0, 0, 6),
    "denied.internal_affairs": (7, 1, 0, 0, 0, 0, 8),
    "denied.process_info": (12, 0, 0, 0, 0, 0, 12),
    "denied.enforcement_file": (9, 0, 0, 0, 0, 0, 9),
    "denied.query_matter": (105, 0, 0, 0, 0, 0, 105),
    "unavailable.not_held": (746, 12, 0, 0, 10, 1, 769),
    "unavailable.needs_creation": (11, 0, 0, 0, 0, 0, 11),
    "unavailable.unclear": (1, 0, 0, 0, 0, 0, 1),
    "not_processed.complaint": (56, 6, 0, 0, 0, 0, 62),
    "not_processed.repeat": (25, 0, 0, 0, 0, 0, 25),
    "not_processed.publication": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.excessive": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.confirmation": (1, 0, 0, 0, 0, 0, 1),
    "other.no_correction": (67, 3, 0, 0, 1, 0, 71),
    "other.unpaid_fee": (6, 0, 0, 0, 0, 0, 6),
    "other.other": (108, 2, 0, 0, 0, 0, 110),
    "handled_total": (2932, 53, 0, 0, 61, 4, 3050),
    "carried_forward": (103, 0, 0, 0, 0, 0, 103),
}
HUAIAN_REVIEW = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)


def fill_requests(rows: dict[str, tuple[int, ...]]) -> dict:
    """Table 3 with every listed row filled (total computed when absent), other rows all 0."""
    table = empty_requests()
    for row in REQUEST_ROWS:
        values = rows.get(row, (0,) * 6)
        if len(values) == 6:
            values = (*values, sum(values))
        for col, v in zip((*APPLICANT_COLUMNS, "total"), values):
            set_path(table, f"{row}.{col}", v)
    return table


def fill_review(numbers: tuple[int | None, ...]) -> dict:
    """Table 4 from its 15 numbers in print order (None = blank)."""
    table = empty_review_litigation()
    keys = [f"{g}.{c}" for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    for key, v in zip(keys, numbers):
        set_path(table, key, v)
    return table


def sections_for(keys: tuple[str, ...]) -> list[Section]:
    """Sections laid out one after another, 10 characters each."""
    return [Section(k, k, i * 10, i * 10 + 10) for i, k in enumerate(keys)]


def consistent_tables() -> Tables:
    proactive = empty_proactive()
    proactive["rules"]["in_force"] = 3
    return Tables(
        proactive=proactive,
        requests=fill_requests(SMALL_ROWS),
        review_litigation=fill_review((1, 1, 0, 1, 3, 2, 0, 1, 0, 3, 0, 1, 0, 0, 1)),
    )


def table_checks_only(tables: Tables, fmt: str = "2021") -> list[Check]:
    meta = Meta(year=2023, published=date(2024, 1, 20), format=fmt)
    return [c for c in run_checks(meta, [], tables, {}, "") if c.rule.startswith("T")]


def by_rule(checks: list[Check], rule: str) -> list[Check]:
    return [c for c in checks if c.rule == rule]


# ---- table relations ---------------------------------------------------------------------


def test_consistent_tables_pass_every_relation():
    checks = table_checks_only(consistent_tables())
    assert len(by_rule(checks, "T3.row_total")) == 25
    assert len(by_rule(checks, "T3.balance")) == 7
    assert len(by_rule(checks, "T3.handled_sum")) == 7
    assert len(by_rule(checks, "T4.group_total")) == 3
    assert {c.status for c in checks} == {"pass"}


def test_row_total_failure_names_row_and_cells():
    tables = consistent_tables()
    set_path(tables.requests, "new.total", 19)
    (bad,) = [c for c in table_checks_only(tables) if c.rule == "T3.row_total" and c.status == "fail"]
    assert bad.message == ("Table 3, row new (一、本年新收政府信息公开申请数量): total 19 ≠ "
                           "sum of applicant columns (自然人 … 其他) 18")  # the key for programs, the label as printed
    assert "requests.new.total" in bad.cells and "requests.new.business" in bad.cells
    assert (bad.expected, bad.found) == (18, 19)


def test_blank_cell_is_not_assessable_never_pass():
    tables = consistent_tables()
    set_path(tables.requests, "partial.research", None)
    checks = table_checks_only(tables)
    touched = [c for c in checks if "requests.partial.research" in c.cells]
    assert {c.rule for c in touched} == {"T3.row_total", "T3.handled_sum"}
    assert all(c.status == "not_assessable" for c in touched)
    assert "requests.partial.research" in touched[0].message


def test_missing_tables_give_not_assessable():
    checks = table_checks_only(Tables())
    assert {c.rule for c in checks} == {"T3.row_total", "T3.balance", "T3.handled_sum", "T4.group_total"}
    assert all(c.status == "not_assessable" for c in checks)


def test_fractional_values_compared_with_tolerance():
    tables = consistent_tables()
    set_path(tables.requests, "new.natural_person", 12.1 + 0.2)
    set_path(tables.requests, "new.total", 18.3)
    (row,) = [c for c in table_checks_only(tables) if c.rule == "T3.row_total" and "requests.new.total" in c.cells]
    assert row.status == "pass"


def test_2019_format_without_split_other_rows():
    tables = consistent_tables()
    for row in ("other.no_correction", "other.unpaid_fee"):
        for col in (*APPLICANT_COLUMNS, "total"):
            set_path(tables.requests, f"{row}.{col}", None)
    for col, v in zip((*APPLICANT_COLUMNS, "total"), (1, 0, 0, 0, 0, 0, 1)):
        set_path(tables.requests, f"other.other.{col}", v)
    checks = table_checks_only(tables, fmt="2019")
    assert len(by_rule(checks, "T3.row_total")) == 23
    assert {c.status for c in checks} == {"pass"}


# ---- mutation property -------------------------------------------------------------------


def all_cells() -> list[str]:
    req = [f"requests.{r}.{c}" for r in REQUEST_ROWS for c in (*APPLICANT_COLUMNS, "total")]
    rev = [f"review_litigation.{g}.{c}" for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    return req + rev


@pytest.mark.parametrize("source", ["small", "huaian"])
def test_mutating_any_cell_breaks_a_check_naming_it(source):
    base = consistent_tables() if source == "small" else Tables(
        requests=fill_requests(HUAIAN_ROWS), review_litigation=fill_review(HUAIAN_REVIEW))
    assert {c.status for c in table_checks_only(base)} == {"pass"}
    for cell in all_cells():
        tables = copy.deepcopy(base)
        table, dotted = cell.split(".", 1)
        tree = getattr(tables, table)
        *row, col = dotted.split(".")
        set_path(tree, dotted, get_path(tree, dotted) + 1)
        failed = [c for c in table_checks_only(tables) if c.status == "fail"]
        assert failed, cell
        for check in failed:
            assert cell in check.cells, (cell, check)
            assert f"row {'.'.join(row)} (" in check.message or f"column {col} (" in check.message \
                or f"group {'.'.join(row)} (" in check.message, (cell, check.message)


@st.composite
def random_consistent_requests(draw) -> dict:
    """A random table 3 satisfying relations 1-3."""
    small = st.integers(0, 40)
    rows: dict[str, list[int]] = {r: [draw(small) for _ in APPLICANT_COLUMNS] for r in HANDLED_PARTS}
    rows["handled_total"] = [sum(rows[r][i] for r in HANDLED_PARTS) for i in range(6)]
    rows["carried_forward"] = [draw(small) for _ in APPLICANT_COLUMNS]
    owed = [h + f for h, f in zip(rows["handled_total"], rows["carried_forward"])]
    rows["carried_over"] = [draw(st.integers(0, n)) for n in owed]
    rows["new"] = [n - c for n, c in zip(owed, rows["carried_over"])]
    return fill_requests({r: tuple(v) for r, v in rows.items()})


@given(random_consistent_requests(), st.sampled_from(sorted(REQUEST_ROWS)),
       st.sampled_from((*APPLICANT_COLUMNS, "total")), st.integers(-5, 5).filter(bool))
def test_random_single_change_is_caught(requests, row, col, delta):
    tables = Tables(requests=requests, review_litigation=fill_review((0,) * 15))
    assert {c.status for c in table_checks_only(tables)} == {"pass"}
    set_path(requests, f"{row}.{col}", get_path(requests, f"{row}.{col}") + delta)
    failed = [c for c in table_checks_only(tables) if c.status == "fail"]
    assert failed and all(f"requests.{row}.{col}" in c.cells for c in failed)


# ---- narrative against tables ------------------------------------------------------------


def huaian_tables() -> Tables:
    return Tables(requests=fill_requests(HUAIAN_ROWS), review_litigation=fill_review(HUAIAN_REVIEW))


def narrative(tables: Tables, figures: dict[str, Figure]) -> dict[str, Check]:
    checks = run_checks(Meta(year=2024, format="2021"), [], tables, figures, "")
    return {c.rule: c for c in checks if c.rule.startswith("N.")}


def test_huaian_narrative_agrees_with_tables():
    figures = {
        "requests_received": Figure(3119, evidence="共受理政府信息公开申请 3119 件"),
        "requests_answered": Figure(3050, evidence="答复 3050 件（含上年度结转申请 34 件"),
        "review_total": Figure(351, evidence="政府信息公开行政复议 351 件"),
        "litigation_total": Figure(46, evidence="政府信息公开行政诉讼 46 件"),
    }
    checks = narrative(huaian_tables(), figures)
    assert {k: c.status for k, c in checks.items()} == {
        "N.requests_received": "pass",
        "N.requests_answered": "pass",
        "N.review_total": "pass",
        "N.litigation_total": "pass",
    }
    assert checks["N.litigation_total"].cells == [
        "figures.litigation_total",
        "review_litigation.litigation_direct.total",
        "review_litigation.litigation_after_review.total",
    ]


def test_narrative_disagreement_fails():
    check = narrative(huaian_tables(), {"requests_received": Figure(3100)})["N.requests_received"]
    assert check.status == "fail"
    assert (check.expected, check.found) == (3119, 3100)
    assert "requests.new.total" in check.message


def test_received_including_carried_over_passes():
    check = narrative(huaian_tables(), {"requests_received": Figure(3153)})["N.requests_received"]
    assert check.status == "pass"
    assert "requests.carried_over.total" in check.cells


@pytest.mark.parametrize(
    "tables,figure",
    [
        (huaian_tables(), Figure(351, approximate=True)),  # approximate
        (Tables(), Figure(351)),  # no table
        (Tables(review_litigation=fill_review((None,) * 5 + (0,) * 10)), Figure(0)),  # blank cell
    ],
)
def test_narrative_not_assessable(tables, figure):
    assert narrative(tables, {"review_total": figure})["N.review_total"].status == "not_assessable"


@pytest.mark.parametrize(
    "figure,status",
    [
        (Figure(72, parts={"工作动态": 61, "通知公告": 11}), "pass"),
        (Figure(72, parts={"工作动态": 62, "通知公告": 11}), "fail"),  # parts exceed the total
        (Figure(72, parts={"工作动态": 60, "通知公告": 11}), "fail"),  # 71 of 72: a whole list, one short
        (Figure(143, parts={"文件": 9, "人事": 9, "其他": 13}), "not_assessable"),  # 31 of 143: some parts only?
        (Figure(5500, approximate=True, parts={"a": 3000, "b": 2000}), "not_assessable"),
        (Figure(72, parts={"工作动态": 61}), "not_assessable"),
    ],
)
def test_parts(figure, status):
    check = narrative(Tables(), {"proactive_total": figure})["N.parts"]
    assert check.status == status
    assert check.cells[0] == "figures.proactive_total"


@pytest.mark.parametrize(
    "figure,status",
    [
        (Figure(1234, statistics_value=1234), "pass"),
        (Figure(1200, evidence="全年主动公开政府信息1200条。", statistics_value=1234), "fail"),
        (Figure(1200, approximate=True, statistics_value=1234), "not_assessable"),
    ],
)
def test_text_against_the_statistics_table_of_a_pre_2019_report(figure, status):
    check = narrative(Tables(), {"proactive_total": figure})["N.statistics"]
    assert check.status == status
    assert check.cells == ["figures.proactive_total", "statistics.proactive_total"]
    assert (check.expected, check.found) == (1234, figure.value)
    if status == "fail":
        assert check.message == "text says 1200 (全年主动公开政府信息1200条。) ≠ the statistics table says 1234"


def test_no_statistics_check_without_the_table():
    assert "N.statistics" not in narrative(Tables(), {"proactive_total": Figure(1234)})


# ---- year ------------------------------------------------------------------------------


def year_checks(meta: Meta, text: str = "") -> list[Check]:
    return by_rule(run_checks(meta, [], Tables(), {}, text), "Y.year")


def test_find_period_variants():
    assert find_period("报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。") == (
        date(2024, 1, 1), date(2024, 12, 31))
    assert find_period("本报告所列数据的统计期限自２０２２年１月１日起至２０２２年１２月３１日止") == (
        date(2022, 1, 1), date(2022, 12, 31))
    assert find_period("数据统计期限为2023年1月1日至12月31日") == (date(2023, 1, 1), date(2023, 12, 31))
    assert find_period("没有期限") is None


@pytest.mark.parametrize(
    "published,status",
    [
        (date(2024, 1, 18), "pass"),
        (date(2024, 6, 1), "pass"),
        (date(2023, 12, 20), "fail"),
        (date(2023, 12, 31), "pass"),  # signed on the year's last day
        (date(2025, 2, 1), "fail"),
        (None, "not_assessable"),
    ],
)
def test_published_date(published, status):
    (check,) = year_checks(Meta(year=2023, published=published))
    assert check.status == status
    assert check.cells == ["meta.year", "meta.published"]


def test_period_against_year():
    text = "本报告所列数据的统计期限自2023年1月1日至2023年12月31日。"
    period, published = year_checks(Meta(year=2023, published=date(2024, 1, 18)), text)
    assert (period.status, published.status) == ("pass", "pass")
    (bad, _) = year_checks(Meta(year=2024, published=date(2025, 1, 18)), text)
    assert bad.status == "fail" and "2024" in bad.message
    assert year_checks(Meta(), text)[0].status == "not_assessable"
    slip = year_checks(Meta(year=2019), "本报告所列数据的统计期限自2019年1月1日至2019年12月30日。")[0]
    assert slip.status == "pass" and "within report year 2019" in slip.message


# ---- format --------------------------------------------------------------------------------


def format_checks(meta: Meta, sections: list[Section], tables: Tables, text: str = "") -> dict[str, list[Check]]:
    out: dict[str, list[Check]] = {}
    for c in run_checks(meta, sections, tables, {}, text):
        if c.rule.startswith("F."):
            out.setdefault(c.rule, []).append(c)
    return out


FEE_TEXT = "x" * 50 + "本年度未收取信息处理费。"


def test_format_2021_complete():
    sections = sections_for(SECTION_KEYS)
    sections[-1].end = len(FEE_TEXT)
    checks = format_checks(Meta(year=2023, format="2021"), sections, consistent_tables(), FEE_TEXT)
    assert {r: [c.status for c in cs] for r, cs in checks.items()} == {
        "F.sections": ["pass"],
        "F.order": ["pass"],
        "F.tables": ["pass", "pass", "pass"],
        "F.fee_statement": ["pass"],
    }


@pytest.mark.parametrize(("text", "status", "found"), [
    ("x" * 50 + "（文字描述，收取信息处理费情况在此处报告。）", "fail", "placeholder"),  # the template, unfilled
    ("x" * 50 + "（文字描述，收取信息处理费情况在此处报告。）本年度未收取信息处理费。", "pass", "stated"),
])
def test_a_template_placeholder_is_no_fee_statement(text: str, status: str, found: str):
    sections = sections_for(SECTION_KEYS)
    sections[-1].end = len(text)
    check = format_checks(Meta(year=2023, format="2021"), sections, consistent_tables(), text)["F.fee_statement"][0]
    assert (check.status, check.found) == (status, found)


def test_format_2021_defects():
    keys = ("overview", "requests", "proactive", "review_litigation", "problems")
    tables = Tables(requests=fill_requests(SMALL_ROWS), missing_rows={"requests": ["other.unpaid_fee"]})
    checks = format_checks(Meta(year=2023, format="2021"), sections_for(keys), tables, FEE_TEXT)
    assert checks["F.sections"][0].status == "fail" and "other" in checks["F.sections"][0].message
    assert checks["F.order"][0].status == "fail"
    assert [c.status for c in checks["F.tables"]] == ["fail", "fail", "fail"]
    assert "other.unpaid_fee" in checks["F.tables"][1].message
    assert checks["F.fee_statement"][0].status == "fail"


def test_a_table_with_all_its_rows_and_no_number_is_not_assessable():
    """All rows found, every cell blank (or cells run together that could not be read): nothing was
    checked, so no pass."""
    tables = consistent_tables()
    tables.proactive = empty_proactive()
    checks = format_checks(Meta(year=2023, format="2021"), sections_for(SECTION_KEYS), tables, FEE_TEXT)
    assert [c.status for c in checks["F.tables"]] == ["not_assessable", "pass", "pass"]
    assert "no cell holds a number" in checks["F.tables"][0].message


def test_fee_statement_missing_words():
    sections = sections_for(SECTION_KEYS)
    text = "y" * 60
    checks = format_checks(Meta(format="2021"), sections, consistent_tables(), text)
    assert checks["F.fee_statement"][0].status == "fail"


@pytest.mark.parametrize("fees_first", [True, False])
def test_pre_2019_format_requirements_do_not_apply(fees_first):
    middle = ("fees", "review_litigation") if fees_first else ("review_litigation", "fees")
    keys = ("overview", "proactive", "requests", *middle, "problems", "other")
    checks = format_checks(Meta(year=2016, format="pre-2019"), sections_for(keys), Tables(), FEE_TEXT)
    assert checks["F.sections"][0].status == "not_assessable"
    assert "2021" in checks["F.sections"][0].message
    assert checks["F.order"][0].status == "pass"
    assert {c.status for c in checks["F.tables"]} == {"not_assessable"}
    assert checks["F.fee_statement"][0].status == "not_assessable"


def test_binggu_review_blank_litigation_pass():
    numbers = (None,) * 5 + (0,) * 10
    groups = by_rule(table_checks_only(Tables(requests=fill_requests({}), review_litigation=fill_review(numbers))),
                     "T4.group_total")
    assert [c.status for c in groups] == ["not_assessable", "pass", "pass"]


# ---- metrics ---------------------------------------------------------------------------------


def test_metrics_huaian():
    metrics = derive_metrics(huaian_tables(), {})
    assert metrics["disclosure_rate"].value == round((1362 + 454) / 3050, 4)
    assert metrics["not_held_rate"].value == round(769 / 3050, 4)
    assert metrics["review_correction_rate"].value == round(64 / (72 + 64 + 178), 4)
    assert metrics["litigation_correction_rate"].value == round(5 / (13 + 4 + 8 + 12 + 1 + 1), 4)
    assert metrics["dispute_rate"].value == round((351 + 26 + 20) / 3119, 4)
    assert metrics["disclosure_rate"].inputs == {
        "requests.granted.total": 1362, "requests.partial.total": 454, "requests.handled_total.total": 3050}
    assert "handled_total.total" in metrics["disclosure_rate"].formula


def test_metrics_blank_or_zero_denominator():
    tables = Tables(requests=fill_requests({}), review_litigation=fill_review((None,) * 5 + (0,) * 10))
    metrics = derive_metrics(tables, {})
    assert all(m.value is None for m in metrics.values())


def test_metrics_pre_2019_fall_back_on_figures():
    figures = {"requests_received": Figure(23), "review_total": Figure(1), "litigation_total": Figure(1)}
    metrics = derive_metrics(Tables(), figures)
    assert metrics["dispute_rate"].value == round(2 / 23, 4)
    assert "narrative" in metrics["dispute_rate"].formula
    assert metrics["disclosure_rate"].value is None


# ---- the project's sample reports, through the whole pipeline ----------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"


def read_or_skip(path: Path):
    """A report read by the whole pipeline, or skip while a stage is still missing."""
    try:
        from nlp.pipeline import read_report
    except ImportError as exc:
        pytest.skip(f"pipeline incomplete: {exc}")
    return read_report(path)


def sample(name: str):
    """A report of corpus/samples read by the whole pipeline."""
    return read_or_skip(SAMPLES / name)


@pytest.mark.parametrize("name", ["township-2023.txt", "county-dept-2022.txt", "city-2024.html",
                                  "county-2016-pre2019.txt"])
def test_consistent_samples_have_no_failing_check(name):
    report = sample(name)
    assert [c.message for c in report.failed_checks] == []


def test_township_sample_review_blank():
    report = sample("township-2023.txt")
    groups = by_rule(report.checks, "T4.group_total")
    assert [c.status for c in groups] == ["not_assessable", "pass", "pass"]


def test_errors_sample_fails_exactly_the_planted_relations():
    failed = sample("errors-township-2023.txt").failed_checks
    assert sorted(c.message.split(":")[0] for c in failed if c.rule.startswith("T")) == [
        "Table 3, column business (法人或其他组织·商业企业)",
        "Table 3, column total (总计)",
        "Table 3, column total (总计)",
        "Table 3, row unavailable.not_held (（四）无法提供·1.本机关不掌握相关政府信息)",
    ]
    (narrative_fail,) = [c for c in failed if c.rule.startswith("N.")]
    assert (narrative_fail.rule, narrative_fail.expected, narrative_fail.found) == ("N.requests_received", 12, 15)


def test_city_sample_metrics():
    metrics = sample("city-2024.html").metrics
    assert {k: m.value for k, m in metrics.items()} == {
        "disclosure_rate": 0.5722,
        "not_held_rate": 0.253,
        "review_correction_rate": 0.128,
        "litigation_correction_rate": 0.1026,
        "dispute_rate": 0.0863,
    }


def test_binggu_real_report(binggu):
    report = read_or_skip(binggu)
    assert report.failed_checks == []
    assert [c.status for c in by_rule(report.checks, "T4.group_total")] == ["not_assessable", "pass", "pass"]


def test_huaian_real_report(huaian):
    report = read_or_skip(huaian)
    assert report.failed_checks == []
    assert report.metrics["dispute_rate"].value == round((351 + 26 + 20) / 3119, 4)
