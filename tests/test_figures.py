"""Numbers as printed, and narrative figures of the real reports and of crafted sentences."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.figures import extract_figures
from nlp.ingest import read_document
from nlp.model import Figure
from nlp.numbers import chinese_to_int, nfkc, parse_number
from nlp.schema import FIGURE_KEYS
from nlp.sections import find_sections

# ---- parse_number -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("72", (72, False)),
        ("７２条", (72, False)),
        ("3,119件", (3119, False)),
        ("3，119件", (3119, False)),
        ("96171.6", (96171.6, False)),
        ("1.2万条", (12000, False)),
        ("5500余条", (5500, True)),
        ("50余次", (50, True)),
        ("10余个", (10, True)),
        ("近百次", (100, True)),
        ("约300", (300, True)),
        ("300多", (300, True)),
        ("300左右", (300, True)),
        ("七十二条", (72, False)),
        ("两次", (2, False)),
        ("一百零五", (105, False)),
        ("二〇二四", (2024, False)),
        ("十余篇", (10, True)),
        ("一万二千", (12000, False)),
        ("共计 0 件", (0, False)),
    ],
)
def test_parse_number(text: str, expected: tuple[int | float, bool]) -> None:
    value, approximate = parse_number(text)  # type: ignore[misc]
    assert (value, approximate) == expected
    assert type(value) is type(expected[0])


def test_parse_number_none_and_separators() -> None:
    assert parse_number("") is None
    assert parse_number("没有数字") is None
    assert parse_number("3,11件") == (3, False)  # not a thousands group


def test_chinese_to_int() -> None:
    assert chinese_to_int("十二") == 12
    assert chinese_to_int("二十") == 20
    assert chinese_to_int("万") == 10_000
    assert chinese_to_int("十二a") is None


NUMBER_CHARS = "0123456789０１,，.．万亿余多约近左右零〇一二两十百千年件"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(NUMBER_CHARS)) | st.characters()))
def test_parse_number_never_raises(text: str) -> None:
    result = parse_number(text)
    assert result is None or isinstance(result[0], (int, float))


NFKC_CHARS = "，：；（）！？％\u3000…ａ１中e\u0301\u0308\u0327\uff76\uff9e\u1100\u1161\ufb01\u2460\uf900"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(NFKC_CHARS)) | st.characters()))
def test_nfkc_is_unicode_nfkc(text: str) -> None:
    """The fast path (common full-width forms replaced first) gives NFKC itself, combining
    marks after a replaced character included."""
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


# ---- real reports ----------------------------------------------------------------------------------


def figures_of(text: str) -> dict[str, Figure]:
    return extract_figures(text, find_sections(text))


def test_binggu(binggu: Path) -> None:
    figs = figures_of(binggu.read_text(encoding="utf-8"))
    assert set(figs) == {"proactive_total", "requests_received", "info_fee_yuan", "trainings", "inspections"}
    proactive = figs["proactive_total"]
    assert (proactive.value, proactive.unit, proactive.approximate) == (72, "条", False)
    assert proactive.parts == {"工作动态": 61, "通知公告": 11}
    assert figs["requests_received"].value == 0
    assert "无依申请公开" in figs["requests_received"].evidence
    assert (figs["info_fee_yuan"].value, figs["info_fee_yuan"].unit) == (0, "元")
    assert (figs["trainings"].value, figs["trainings"].unit) == (4, "次")
    inspections = figs["inspections"]
    assert (inspections.value, inspections.approximate) == (50, True)
    assert "巡查" in inspections.evidence


def test_huaian(huaian: Path) -> None:
    figs = figures_of(read_document(huaian).text)
    expected = {
        "proactive_total": (5500, True, "条"),
        "requests_received": (3119, False, "件"),
        "requests_answered": (3050, False, "件"),
        "review_total": (351, False, "件"),
        "litigation_total": (46, False, "件"),
        "info_fee_yuan": (3940, False, "元"),
        "policy_interpretations": (21, False, "个"),
        "press_conferences": (12, False, "场"),
    }
    for key, (value, approximate, unit) in expected.items():
        assert (figs[key].value, figs[key].approximate, figs[key].unit) == (value, approximate, unit), key
    assert figs["review_total"].parts == {"结果维持": 72, "结果纠正": 64, "其他结果": 178, "尚未审结": 37}
    assert figs["litigation_total"].parts == {"结果维持": 25, "结果纠正": 5, "其他结果": 9, "尚未审结": 7}
    assert figs["proactive_total"].parts is None
    assert "\n" not in figs["review_total"].evidence
    assert set(figs) <= set(FIGURE_KEYS)


def test_huaian_raw_pdf_lines(huaian: Path) -> None:
    """Raw pdfplumber text: sentences split across lines and page numbers inside sentences."""
    import pdfplumber

    with pdfplumber.open(huaian) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    figs = figures_of(text)
    assert figs["press_conferences"].value == 12  # its sentence crosses "- 1 -"
    assert figs["review_total"].value == 351
    assert figs["litigation_total"].parts == {"结果维持": 25, "结果纠正": 5, "其他结果": 9, "尚未审结": 7}
    assert "- 1 -" not in figs["press_conferences"].evidence


# ---- crafted sentences --------------------------------------------------------------------------------


def one(text: str, key: str) -> Figure:
    return figures_of(text)[key]


def test_numbers_in_all_spellings() -> None:
    text = "2022年，本局主动公开信息７２条。组织业务培训两次。召开新闻发布会三场。全年共收到政府信息公开申请3，119件。"
    figs = figures_of(text)
    assert figs["proactive_total"].value == 72
    assert (figs["trainings"].value, figs["trainings"].unit) == (2, "次")
    assert figs["press_conferences"].value == 3
    assert figs["requests_received"].value == 3119


def test_approximations_and_units() -> None:
    figs = figures_of("2021年，开展网站巡查近百次，发布政策解读十余篇，举办3场新闻发布会。")
    assert (figs["inspections"].value, figs["inspections"].approximate) == (100, True)
    pi = figs["policy_interpretations"]
    assert (pi.value, pi.approximate, pi.unit) == (10, True, "篇")
    assert figs["press_conferences"].value == 3


def test_zero_in_words() -> None:
    figs = figures_of("本年度未收到政府信息公开申请。未收取信息处理费。")
    assert figs["requests_received"].value == 0
    assert figs["requests_received"].evidence == "本年度未收到政府信息公开申请。"
    assert figs["info_fee_yuan"].value == 0
    named = figures_of("本年度未接到自然人、企业或社会组织提出的政府信息公开申请。")  # who may apply, named
    assert named["requests_received"].value == 0


def test_old_format_review_and_litigation_zero() -> None:
    figs = figures_of("本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。")
    assert figs["review_total"].value == 0
    assert figs["litigation_total"].value == 0
    assert "requests_received" not in figs  # 未发生…申请提起 is not about requests


def test_rules_and_normative_documents_disclosed_are_not_the_total() -> None:
    """主动公开规章13件 and 主动公开行政规范性文件42件 count rows of table 2, not all the year's
    disclosures; 主动公开政府文件120件 is still a total."""
    assert "proactive_total" not in figures_of("主动公开市政府规章13件（含新制定5件），主动公开行政规范性文件42件。")
    assert one("全年主动公开规范性文件8件，主动公开各类政府信息320条。", "proactive_total").value == 320
    assert one("全年主动公开政府文件120件。", "proactive_total").value == 120


def test_applications_for_review_are_not_requests() -> None:
    """收到行政复议申请 and 无…复议、诉讼案件 (复议 and 诉讼 without 行政) speak of reviews and
    lawsuits, not of requests for information."""
    figs = figures_of("本年度收到行政复议申请2件，均维持原决定。")
    assert figs["review_total"].value == 2
    assert "requests_received" not in figs
    zero = figures_of("全年无政府信息公开方面的复议、诉讼案件。")
    assert (zero["review_total"].value, zero["litigation_total"].value) == (0, 0)
    assert "requests_received" not in zero
    both = figures_of("本年度未收到政府信息公开申请，也未收到行政复议申请。")
    assert (both["requests_received"].value, both["review_total"].value) == (0, 0)
    assert "requests_received" not in figures_of("本年度未收到行政复议申请。")
    counted_first = figures_of("全年收到2件行政复议申请，被提起1起行政诉讼。")
    assert (counted_first["review_total"].value, counted_first["litigation_total"].value) == (2, 1)
    assert "requests_received" not in counted_first


def test_table_4_header_words_state_no_zero() -> None:
    """尚未审结 (pending) and 未经复议直接起诉 (sued without a review first), words of table 4's
    header, are no 未 before 复议: header lines joined to the sentence after them state no zero."""
    figs = figures_of("结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 全年因政府信息公开被申请行政复议1件。")
    assert figs["review_total"].value == 1
    assert "review_total" not in figures_of("本年度未经复议直接起诉的案件2件。")


@pytest.mark.parametrize(
    ("text", "value"),
    [("本年度我局共收到8件信息依申请公开，均已答复。", 8), ("全年共受理3件政府信息公开申请。", 3),
     ("今年收到政府信息公开申请一件，已办理完毕。", 1), ("本年度没有依申请公开信息的情况。", 0),
     ("我镇本年度无申请。", 0), ("截至年底，我镇未接受政府信息公开申请。", 0)],
)  # fmt: skip
def test_requests_counted_before_their_noun_or_none(text: str, value: int) -> None:
    assert one(text, "requests_received").value == value


def test_fees_in_wan_yuan() -> None:
    fee = one("全年收取信息处理费0.5万元。", "info_fee_yuan")
    assert (fee.value, fee.unit) == (5000, "元")
    assert one("我们不断改进工作，全年收取信息处理费120元。", "info_fee_yuan").value == 120
    assert one("全年共收取检索、复制、邮寄等费用0元。", "info_fee_yuan").value == 0  # a list of fees


def test_review_and_litigation_in_one_sentence() -> None:
    figs = figures_of("因政府信息公开被申请行政复议2件、提起行政诉讼1件。")
    assert (figs["review_total"].value, figs["litigation_total"].value) == (2, 1)


def test_time_limits_are_not_counts() -> None:
    figs = figures_of("收到申请后在15个工作日内答复。全年受理申请6件，答复6件。")
    assert (figs["requests_received"].value, figs["requests_answered"].value) == (6, 6)


def test_trainings_not_person_times() -> None:
    trainings = one("全年共举办3期业务培训，培训人员200余人次。", "trainings")
    assert (trainings.value, trainings.unit) == (3, "期")


def test_tables_are_not_read() -> None:
    text = (
        "一、总体情况\n本年受理政府信息公开申请3件。\n二、主动公开政府信息情况\n"
        "主动公开信息\t999条\t0\n三、收到和处理政府信息公开申请情况\n新收申请\t88件\t0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t7件\n"
        "五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n"
    )
    figs = figures_of(text)
    assert figs["requests_received"].value == 3
    assert "proactive_total" not in figs
    assert "review_total" not in figs


def test_paragraphs_indented_by_a_tab_are_prose() -> None:
    text = (
        "一、总体情况\n\t（一）主动公开情况。本局全年累计公开政府信息120条。\n"
        "\t（二）依申请公开情况。全年共收到政府信息公开申请4件。\n\t本年\t上年\n公开\t77条\t60条\n"
    )
    figs = figures_of(text)
    assert (figs["proactive_total"].value, figs["requests_received"].value) == (120, 4)
    assert all("77" not in fig.evidence for fig in figs.values())  # a line of cells is still a table row


def test_prose_around_a_table_is_a_fallback() -> None:
    text = (
        "一、总体情况\n本年主动公开信息20条。\n四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t行政诉讼\n1\t0\n本年被申请行政复议1件，维持原答复。\n"
        "五、存在的主要问题及改进情况\n正文。\n"
    )
    review = one(text, "review_total")
    assert (review.value, review.evidence) == (1, "本年被申请行政复议1件，维持原答复。")


def test_frequency_is_not_a_total() -> None:
    fig = one("由专人每周对网站巡查一次，全年巡查52次。", "inspections")
    assert fig.value == 52


def test_breakdown_may_mix_units_of_the_same_kind() -> None:
    fig = one("全年主动公开政府信息300条，其中规范性文件20件、政策解读30篇、工作动态250条。", "proactive_total")
    assert fig.parts == {"规范性文件": 20, "政策解读": 30, "工作动态": 250}


def test_a_part_may_open_with_a_year() -> None:
    """A kind named with its year (last year's annual report, published this year) is a part like
    the others: the breakdown is kept and adds up."""
    fig = one("全年主动公开政府信息20条，包括工作动态类12条、规划计划类7条、2022年政府信息公开工作年度报告1条。",
              "proactive_total")
    assert (fig.value, fig.parts) == (20, {"工作动态类": 12, "规划计划类": 7, "2022年政府信息公开工作年度报告": 1})


def test_a_line_without_a_full_stop_does_not_run_into_the_numbered_title_below() -> None:
    """The count's line ends without 。 and the next line opens with a run-in title (（三）…。): the
    evidence is the count's sentence alone."""
    text = ("（二）依申请公开情况。本年度共收到政府信息公开申请4件，均已按时答复\n"
            "(三)政府信息管理情况。严格执行信息发布审核制度。\n")
    fig = one(text, "requests_received")
    assert (fig.value, fig.evidence) == (4, "本年度共收到政府信息公开申请4件，均已按时答复")


def test_requests_counted_as_matters_before_their_channels() -> None:
    """受理依申请…公开事项 N 例 is the total; the counts by channel after 其中 are its parts."""
    fig = one("本年度共受理依申请政府信息公开事项12例，其中通过网络收到申请9件，通过信函收到申请3件，均按时答复。",
              "requests_received")
    assert (fig.value, fig.unit) == (12, "例")
    assert fig.parts == {"通过网络收到申请": 9, "通过信函收到申请": 3}


def test_press_conferences_whose_information_was_published() -> None:
    assert one("本年度在门户网站发布12场新闻发布会信息。", "press_conferences").value == 12


@pytest.mark.parametrize("line", ["依申请公开收费情况：无", "依申请公开收费情况无", "政府信息公开收费情况 无"])
def test_fees_stated_as_none_with_or_without_a_colon(line: str) -> None:
    assert one(f"六、其他需要报告的事项\n{line}\n", "info_fee_yuan").value == 0


def test_a_count_of_all_the_years_so_far_is_not_the_year_total() -> None:
    """历年累计 N 条 counts every year since the regulation: the year's figure is the other one."""
    fig = one("截至2016年底，本局历年累计主动公开政府信息300条，当年主动公开各类信息25条。", "proactive_total")
    assert fig.value == 25
    assert one("本局主动公开政府信息历年累计300条，其中本年主动公开25条。", "proactive_total").value == 25


@pytest.mark.parametrize(
    ("text", "value"),
    [("截至年底我区累计主动公开政府信息4800条，其中本年度新增主动公开政府信息1500条。", 1500),
     ("自条例实施以来累计主动公开信息3000条，本年度主动公开信息260条。", 260),
     ("条例施行至今共主动公开信息900条，今年主动公开信息70条。", 70),
     ("今年以来，我局主动公开信息120条。", 120), ("2023年以来，全局主动公开信息88条。", 88),
     ("截至12月31日，全年主动公开信息98条。", 98), ("2012年，全局累计主动公开政府信息12条。", 12)],
)  # fmt: skip
def test_counts_since_the_regulation_are_not_the_year_total(text: str, value: int) -> None:
    """自…以来, 至今 and 截至年底…累计 count all the years so far; 今年以来, 2023年以来, 截至12月31日
    with 全年, and 全局累计 alone are the year's."""
    assert one(text, "proactive_total").value == value


def test_a_part_whose_label_lists_words_with_a_pause_mark() -> None:
    """、 separates parts (a 5 条、b 6 条) but also the words of one label (规划、计划类信息)."""
    fig = one("全年主动公开信息20条，其中通知公告5条，规划、计划类信息6条，工作动态9条。", "proactive_total")
    assert fig.parts == {"通知公告": 5, "规划、计划类信息": 6, "工作动态": 9}


def test_a_breakdown_of_breakdowns_is_no_breakdown() -> None:
    """Parts broken down in turn (内有, 其中 after a part) are not one flat list to add up."""
    text = ("全年主动公开信息50条，其中机构类信息20条，内有领导分工10条、机构设置10条；"
            "工作类信息30条，其中工作动态12条、通知公告18条。")
    fig = one(text, "proactive_total")
    assert (fig.value, fig.parts) == (50, None)


def test_the_share_of_a_part_is_passed_over_and_a_breakdown_cut_by_a_semicolon_is_read_on() -> None:
    """当面申请1宗，占10%，网上申请9宗: the share sits between two parts.  The figures read a
    sentence up to its ；, so a breakdown that goes on after one (…占10%；网上申请9宗…) is read on
    into the sentences after it; one whose sentence goes on about something else is dropped."""
    fig = one("全年共受理信息公开申请10件，其中当面申请1宗，占10%，网上申请9宗，占90%。", "requests_received")
    assert fig.parts == {"当面申请": 1, "网上申请": 9}
    cut = one("全年共受理信息公开申请10件，其中当面申请1宗，占10%；网上申请9宗，占90%。", "requests_received")
    assert (cut.value, cut.parts) == (10, {"当面申请": 1, "网上申请": 9})
    listed = one("全年主动公开政府信息53条；其中机构设置类45条；财政收支类1条；其他类7条。", "proactive_total")
    assert listed.parts == {"机构设置类": 45, "财政收支类": 1, "其他类": 7}
    after = one("全年主动公开信息46条。其中工作动态类36条；计划总结类7条；其他类3条。", "proactive_total")
    assert after.parts == {"工作动态类": 36, "计划总结类": 7, "其他类": 3}
    other = one("某镇主动公开政府信息21条，其中，规章文件4条，其他文件4条；按照依申请公开的程序，累计办理依申请公开信息0条。",
                "proactive_total")
    assert other.parts is None
    whole = one("全年主动公开政府信息186条，其中工作动态97条、通知公告89条；另有解读6篇。", "proactive_total")
    assert whole.parts == {"工作动态": 97, "通知公告": 89}  # complete before its ；: kept


def test_a_breakdown_that_cannot_be_read_to_its_end_is_dropped() -> None:
    """Parts that fall short of the total while the sentence goes on with what may be another
    part (here one whose label holds a digit) are no breakdown: a short one would fail N.parts
    for nothing.  Parts that add up stay, whatever follows."""
    short = one("全年主动公开信息30条，其中政策文件10条，第3季度专项信息20条。", "proactive_total")
    assert (short.value, short.parts) == (30, None)
    whole = one("全年主动公开信息300条，其中政策文件20条、工作动态280条，较上年增加50条。", "proactive_total")
    assert whole.parts == {"政策文件": 20, "工作动态": 280}


def test_disclosures_of_the_year_without_the_word_proactive() -> None:
    """全年共公开政府信息 N 条 states the year's disclosures when the sentence names no 主动公开
    figure; answers to requests (依申请公开, 同意公开, 不予公开 … N 条) are not that figure."""
    assert one("全年共公开政府信息1234条。", "proactive_total").value == 1234
    assert one("本年累计公开各类政府信息3,456条，其中政策文件20条。", "proactive_total").value == 3456
    assert one("共公开政府信息1234条，其中主动公开1200条、依申请公开34条。", "proactive_total").value == 1200
    for answer in ("依申请公开政府信息5条。", "同意公开政府信息6条。", "不予公开政府信息2条。", "部分公开政府信息1条。",
                   "不予公开信息12条。", "依申请公开信息4条。"):
        assert "proactive_total" not in figures_of(answer), answer
    assert one("全年通过区政府网站共公开信息314条。", "proactive_total").value == 314  # 信息 without 政府
    mixed = one("全年共计公开各类信息236条，其中网站发布27条，公众号发布198条，回复诉求11件。", "proactive_total")
    assert (mixed.value, sum(mixed.parts.values())) == (236, 236)


# An invented pre-2019 report whose narrative states no count, with the statistics table of those
# years (统计指标, 单位, 统计数) as a web copy gives it: tab-separated, some counts left blank.
OLD_WITH_STATISTICS = (
    "某县某局2016年政府信息公开工作年度报告\n一、概述\n本局认真做好政府信息公开工作。\n"
    "二、主动公开政府信息情况\n通过门户网站公开各类信息。\n三、依申请公开政府信息情况\n依法办理申请。\n"
    "四、政府信息公开的收费及减免情况\n见附表。\n"
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n见附表。\n六、存在的主要问题及改进措施\n人员不足。\n"
    "附表\n政府信息公开情况统计表\n统计指标\t单位\t统计数\n一、主动公开情况\t\t\n"
    "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）\t条\t1234\n"
    "其中：主动公开规范性文件数\t条\t12\n二、回应解读情况\t\t\n1.参加或举办新闻发布会总次数\t次\t\n"
    "3.政策解读稿件发布数\t篇\t9\n三、依申请公开情况\t\t\n（一）收到申请数\t件\t15\n1.当面申请数\t件\t5\n"
    "四、行政复议数量\t件\t1\n五、行政诉讼数量\t件\t0\n七、依申请公开信息收取的费用\t万元\t0.02\n"
    "九、政府信息公开会议和培训情况\t\t\n（二）举办各类培训班数\t次\t4\n"
)


def test_statistics_table_of_a_pre_2019_report_gives_what_the_text_does_not() -> None:
    figs = figures_of(OLD_WITH_STATISTICS)
    got = {k: (f.value, f.unit, f.source) for k, f in figs.items()}
    assert got == {
        "proactive_total": (1234, "条", "statistics table"),
        "requests_received": (15, "件", "statistics table"),
        "review_total": (1, "件", "statistics table"),
        "litigation_total": (0, "件", "statistics table"),
        "info_fee_yuan": (200, "元", "statistics table"),  # 0.02 万元
        "policy_interpretations": (9, "篇", "statistics table"),
        "trainings": (4, "次", "statistics table"),
    }  # the press conferences' count is blank: not a zero
    assert figs["proactive_total"].evidence.startswith("（一）主动公开政府信息数") and "1234" in figs["proactive_total"].evidence
    # the same row as PDF text (spaces), and a sentence of the narrative, which wins
    pdf = OLD_WITH_STATISTICS.replace("\t", "  ").replace("本局认真做好政府信息公开工作。", "全年主动公开政府信息1200条。")
    figs = figures_of(pdf)
    assert (figs["proactive_total"].value, figs["proactive_total"].source) == (1200, "text")
    assert figs["proactive_total"].statistics_value == 1234  # for the checks to compare
    assert (figs["requests_received"].value, figs["requests_received"].source) == (15, "statistics table")
    # a row of another table: several numbers after the words (a code, this period, the year)
    assert figures_of("收到申请数  件  10  5  8\n行政复议数量\t件\t03\t1\t2") == {}


@pytest.mark.parametrize(
    "text,value",
    [("本年度无收费和减免情况。", 0), ("没有发生收费及减免情况。", 0), ("全年无收费。", 0),
     ("本年度收取复制费20元，无减免情况。", 20), ("收取检索费、复制费共计35元。", 35)],
)  # fmt: skip
def test_fees_of_the_pre_2019_section_on_fees_and_waivers(text: str, value: int) -> None:
    assert one(text, "info_fee_yuan").value == value


def test_fees_that_are_not_information_processing_fees() -> None:
    for text in ("全年收取行政事业性收费120万元。", "无收费标准调整。"):
        assert "info_fee_yuan" not in figures_of(text), text


def test_fee_amount_in_words_and_interpretation_labels() -> None:
    assert one("办理申请时未收取检索、复制、邮寄等任何费用，收费金额为零元。", "info_fee_yuan").value == 0
    text = "全年公开信息80条，其中文件及解读12条。发布政策解读5篇。"
    assert one(text, "policy_interpretations").value == 5  # 文件及解读12条 is a label, not a count


def test_pre_2019_sections_are_narrative() -> None:
    text = (
        "一、概述\n2016年工作平稳。\n二、主动公开政府信息情况\n2016年主动公开政府信息1,200条。\n"
        "三、依申请公开政府信息情况\n全年受理政府信息公开申请12件，答复12件。\n"
        "四、政府信息公开的收费及减免情况\n未收取任何费用。\n"
        "五、因政府信息公开申请提起行政复议、行政诉讼的情况\n被申请行政复议1件。\n"
    )
    figs = figures_of(text)
    assert figs["proactive_total"].value == 1200
    assert (figs["requests_received"].value, figs["requests_answered"].value) == (12, 12)
    assert figs["info_fee_yuan"].value == 0
    assert figs["review_total"].value == 1


def test_prefers_the_sentence_of_the_report_year() -> None:
    text = "某县2023年政府信息公开工作年度报告\n去年主动公开信息50条。2023年主动公开信息80条。"
    assert one(text, "proactive_total").value == 80


def test_line_breaks_removed_from_evidence() -> None:
    fig = one("本年主动公开\n信息 45\n\n条，其中，通知 40 条、公告 5 条。", "proactive_total")
    assert fig.evidence == "本年主动公开信息 45条，其中，通知 40 条、公告 5 条。"
    assert fig.parts == {"通知": 40, "公告": 5}


FIGURE_CHARS = "主动公开信息受理申请行政复议诉讼培训巡查费元件条次场余近万0123456789，。；\n\t"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(FIGURE_CHARS)) | st.characters()))
def test_extract_figures_never_raises(text: str) -> None:
    figs = extract_figures(text, find_sections(text))
    assert set(figs) <= set(FIGURE_KEYS)


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("截止到2021年12月，本街道主动公开涉及安全生产、社会救助、养老服务、公共文化服务、公共法律服务、保障性住房等方面信息318条。",
      "proactive_total", 318),
     ("全年受理公民、法人和其他组织向县政府及县政府办公室提出的政府信息公开申请6件，均在法定时限内予以答复。",
      "requests_received", 6),
     ("全年我镇政府网站公开上传信息57条，其中工作动态50条、政策文件7条。", "proactive_total", 57),
     ("2024年累计公开信息达190条，主动公开内容涵盖多个类别。", "proactive_total", 190),
     ("全年共举办120场市政府新闻发布活动，其中疫情防控专题新闻发布会80场。", "press_conferences", 120),
     ("街道未发生有关政府信息公开工作的举报、投诉、行政复议或提起行政诉讼等情况。", "litigation_total", 0),
     ("本年度受理政府信息公开申请4件；按期答复4件，按期答复率100%；按照规定于下年度答复的有0件。",
      "requests_answered", 4)],
)  # fmt: skip
def test_counts_after_long_lists_and_other_wordings(text: str, key: str, value: int) -> None:
    """A long list of fields or of who asked between the word and its count; 公开上传信息; a
    sentence naming 主动公开 without a count; a count before 新闻发布活动; the year's answers
    before those left to 下年度 (another year, so no rank above them)."""
    assert one(text, key).value == value


@pytest.mark.parametrize("text", ["全年未收到行政许可申请。", "本年度未收到依申请公开信息的咨询。"])
def test_no_licence_application_or_inquiry_is_no_zero_requests(text: str) -> None:
    assert "requests_received" not in figures_of(text)


def test_complaints_answered_are_no_requests_answered() -> None:
    """办结 in a sentence on complaints or inquiries that names no request is not the requests'."""
    figs = figures_of("本年度受理政府信息公开投诉0件，已办结0件，办结率100%。本年度受理政府信息公开申请9件；按期答复9件。")
    assert figs["requests_answered"].value == 9
    assert "requests_answered" not in figures_of("全年受理咨询30件，均已答复。")
    assert "requests_answered" not in figures_of("本年度受理政府信息公开行政复议0件，已办结0件。")
    assert one("收到申请5件，答复5件，无投诉。", "requests_answered").value == 5


def test_one_part_short_of_its_total_is_a_subset_not_a_breakdown() -> None:
    """其中 one part short of the total names a subset (no N.parts to fail); two parts short of it
    are a breakdown that does not add up."""
    assert one("全年共举办120场新闻发布活动，其中专题新闻发布会80场。", "press_conferences").parts is None
    assert one("全年主动公开信息120条，其中工作动态80条、通知公告30条。", "proactive_total").parts == {"工作动态": 80, "通知公告": 30}


def test_a_breakdown_in_the_sentence_after_its_total() -> None:
    """共81条。其中，… : the next sentence, opening with 其中, breaks the total down; one that
    does not follow the total directly does not."""
    fig = one("通过网站主动公开政府信息共81条。其中，工作动态50条，通知公告9条，政策文件22条。", "proactive_total")
    assert (fig.value, fig.parts) == (81, {"工作动态": 50, "通知公告": 9, "政策文件": 22})
    assert one("全年主动公开政府信息30条。下一句。其中工作动态10条、通知公告20条。", "proactive_total").parts is None


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("我局收到12起政府信息依申请公开，均已答复。", "requests_received", 12),
     ("全年收政府信息公开申请464件，本年度办结441件。", "requests_received", 464),
     ("2017年累计主动上传信息260条，审核公开260条。", "proactive_total", 260),
     ("政府信息累计公开3500余条。", "proactive_total", 3500),
     ("全年共办理依申请公开55件。", "requests_answered", 55),
     ("共收到信息公开申请22起，答复22起。", "requests_answered", 22)],
)  # fmt: skip
def test_more_wordings_of_requests_and_disclosures(text: str, key: str, value: int) -> None:
    assert one(text, key).value == value


@pytest.mark.parametrize(
    ("text", "key"),
    [("2009年未发生有关政府信息公开申请的行政复议、行政诉讼情况。", "requests_received"),
     ("全年答复网民留言1424条。", "requests_answered"), ("网上答复解决群众诉求180余件。", "requests_answered"),
     ("主动公开市政府及市政府办公室政策文件79件、会议信息23条、政策解读61件。", "proactive_total"),
     ("发布政策文件、政策解读、政府公报信息75条。", "policy_interpretations")],
)  # fmt: skip
def test_what_states_no_such_figure(text: str, key: str) -> None:
    """Reviews over requests are no zero requests; replies to messages and petitions are no
    answers to requests; one category of a list without its total is no total; a count of
    several kinds together is none of theirs."""
    assert key not in figures_of(text)


def test_breakdowns_in_brackets_of_zeros_and_with_an_approximate_part() -> None:
    fig = one("全年主动公开信息共455条（规范性文件84条，计划规划20条，业务公开296条，其他政府信息55条）。", "proactive_total")
    assert fig.parts == {"规范性文件": 84, "计划规划": 20, "业务公开": 296, "其他政府信息": 55}
    zero = one("全年收到政府信息公开申请0件，其中书面申请0件、邮件申请0件、平台申请0件，较上年减少5件。", "requests_received")
    assert zero.parts == {"书面申请": 0, "邮件申请": 0, "平台申请": 0}
    assert one("全年主动公开信息13921条，其中门户网站12766条、新媒体1100余条。", "proactive_total").parts is None


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("主动向社会各界公开有关信息71条。", "proactive_total", 71), ("全年发布各类解读429件。", "policy_interpretations", 429),
     ("转载、发布解读信息0条。", "policy_interpretations", 0), ("本年度未发生行政复议和起诉案件。", "litigation_total", 0),
     ("到2010年底累计主动公开政府信息5736条，本年度主动公开信息1200条。", "proactive_total", 1200),
     ("我镇到目前累计主动公开政府信息300条，本年主动公开信息45条。", "proactive_total", 45)],
)  # fmt: skip
def test_yet_more_wordings(text: str, key: str, value: int) -> None:
    assert one(text, key).value == value


@pytest.mark.parametrize(
    ("text", "key"),
    [("市长信箱全年收到留言64227条，已答复63029条。", "requests_answered"), ("“建议提案答复”384件。", "requests_answered"),
     ("人大代表建议和答复0件。", "requests_answered"), ("主动公开人大政协建议提案22件。", "proactive_total"),
     ("全年县长热线办理群众来电事项12件，办结12件。", "requests_answered"),
     ("本年度未经复议直接起诉的案件2件。", "litigation_total")],
)  # fmt: skip
def test_answers_to_messages_and_proposals_are_not_requests_answered(text: str, key: str) -> None:
    """Messages to a mailbox and deputies' proposals are answered too, but are no information
    requests; proposals made public are no disclosures of the year's information; 未经复议直接起诉
    (lawsuits without a review first, table 4's header) states no zero."""
    assert key not in figures_of(text)


def test_service_items_a_year_before_and_a_year_s_postings() -> None:
    """新增项目事项88项 (service items) is no disclosure count; 2020年共发布信息42条 is; a sentence
    on another year than the report's (2019年… in a report on 2020) is read last."""
    figs = figures_of("主动公开政府信息中新增项目事项88项。2020年共发布信息42条，其中：机构信息4条，通知公告38条。")
    assert (figs["proactive_total"].value, figs["proactive_total"].parts) == (42, {"机构信息": 4, "通知公告": 38})
    report = "某镇2020年政府信息公开工作年度报告\n一、总体情况\n2019年，我镇通过县政府网站公开信息94条。本镇主动公开信息120条。\n"
    assert extract_figures(report, find_sections(report))["proactive_total"].value == 120


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("本年度未发生因政府信息公开工作引发举报、投诉、申请行政复议或提起行政诉讼的情况。", "review_total", 0),
     ("行政复议：共受理8件，结果维持5件。", "review_total", 8), ("主动公开政务文件11份。", "proactive_total", 11),
     ("全年发布政策性文件解读29篇。", "policy_interpretations", 29)],
)  # fmt: skip
def test_reviews_after_a_colon_or_a_long_list_documents_in_fen(text: str, key: str, value: int) -> None:
    assert one(text, key).value == value


def test_a_procurement_category_is_no_total_and_a_part_may_carry_brackets() -> None:
    assert "proactive_total" not in figures_of("主动公开政府集中采购信息20条。")
    fig = one("全年主动公开信息21条，其中，规章文件4条，政务(工作)动态信息17条。", "proactive_total")
    assert fig.parts == {"规章文件": 4, "政务(工作)动态信息": 17}


@pytest.mark.parametrize(
    ("text", "value"),
    [("本局通过区政府门户网站发布信息共86条。", 86), ("全年编发各类信息912条，发布各类解读信息40条。", 912),
     ("向社会公布各类政府信息57条。", 57), ("全年累计公开政府信息1200项。", 1200), ("局网站更新发布信息315条。", 315),
     ("本年度在门户网站共更新各类信息48条。", 48)],
)  # fmt: skip
def test_the_years_publishing_in_other_words_when_no_sentence_says_主动公开(text: str, value: int) -> None:
    assert one(text, "proactive_total").value == value


@pytest.mark.parametrize(
    "text",
    ["政务微博发布信息300条。", "在主流媒体发布相关信息60余条次。", "发布市政府新闻发布会信息16条。",
     "发布工作动态信息43条，通知公告8条。", "发布政务类信息34条，概况类信息15条。", "对外发布意见征集信息18条。",
     "在专栏发布信息51条，总计270条。"],
)  # fmt: skip
def test_publishing_of_one_channel_kind_or_part_is_no_total(text: str) -> None:
    assert "proactive_total" not in figures_of(text)


def test_requests_counted_before_who_filed_them_and_no_review_of_a_request() -> None:
    assert one("全年共收到2份法人单位递交的政府信息公开申请。", "requests_received").value == 2
    assert "requests_received" not in figures_of("本年度无政府信息公开申请行政复议的情况。")


def test_breakdowns_after_a_rate_under_other_words_and_over_many_semicolons() -> None:
    fig = one("全年主动公开信息60条，较上年增长20%，其中工作动态40条，通知公告20条。", "proactive_total")
    assert fig.parts == {"工作动态": 40, "通知公告": 20}
    fig = one("全年主动公开信息30条，全文电子化率100%。在主动公开的信息中，社区情况(社区社情民情信息)10条，其他20条。", "proactive_total")
    assert fig.parts == {"社区情况(社区社情民情信息)": 10, "其他": 20}
    kinds = [f"{name}类信息{k}条" for k, name in enumerate("甲乙丙丁戊己庚辛壬癸", start=1)]  # ten parts, each after a ；
    fig = one(f"全年主动公开信息55条。其中，{'；'.join(kinds)}。", "proactive_total")
    assert fig.parts is not None and len(fig.parts) == 10


@pytest.mark.parametrize(
    ("text", "value"),
    [("全年门户网站发布各类信息3659条，其中主动公开政策文件352条，新闻类信息854条。", 3659),  # a kind after 其中
     ("本年度共公开政府信息3030条，公开主动公开政府文件1624份。", 3030),
     ("通过县政府网站公开各类信息7191条。微博、微信公众号全年分别累计发布信息337条。", 7191),  # each channel
     ("2012年我镇主动公开政府信息数21条，其中机构职能类信息3条，政策法规类信息18条。", 21),
     ("通过门户网站、微信公众号等平台主动公开政府信息300条。", 300),  # several channels together
     ("全年在两个网站的信息公开栏目分别主动公开政府信息148条。", 148)],  # 分别 without a channel
)  # fmt: skip
def test_the_items_disclosed_of_all_kinds_and_channels_first(text: str, value: int) -> None:
    assert one(text, "proactive_total").value == value


@pytest.mark.parametrize(
    "text",
    ["通过政务新媒体账号公开信息5994条。", "主动发布市政府文件9条，市政府办公室文件14条。", "充分利用某某APP主动公开信息102条。"],
)
def test_one_channel_or_one_kind_of_a_list_is_no_total(text: str) -> None:
    assert "proactive_total" not in figures_of(text)


def test_one_kind_alone_is_the_total_when_nothing_else_is_said() -> None:
    assert one("主动公开政务文件11份，开展政策解读活动15次。", "proactive_total").value == 11


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("全年共上传信息385条。", "proactive_total", 385), ("通过公示栏、网站等形式公示政务信息36条。", "proactive_total", 36),
     ("全年通过网站累计公开186条信息。", "proactive_total", 186),
     ("发布重大决策、财政预决算、重大事项等涉及民生领域的政府信息2095条。", "proactive_total", 2095),
     ("主动向社会公开政府工作报告、公开指南、工作动态、财政预决算等有关政务新闻和公告等信息9756条。", "proactive_total", 9756),
     ("2019年依申请公开共受理2件。", "requests_received", 2),
     ("全区累计处理依申请公开92件，其中，本年度新接收91件。", "requests_received", 91),
     ("本年度没有单位或个人向我局提出申请信息公开事项。", "requests_received", 0),
     ("行政规范性文件解读类信息18条。", "policy_interpretations", 18), ("解读政策文件21件。", "policy_interpretations", 21)],
)  # fmt: skip
def test_wordings_of_web_copies_of_many_years(text: str, key: str, value: int) -> None:
    assert one(text, key).value == value


@pytest.mark.parametrize(
    ("text", "key"),
    [("网上来访信件34件，办结34件。", "requests_answered"), ("本单位没有依申请公开及不予公开的信息类型。", "requests_received"),
     ("未接到公众关注热点或重大舆情回应的申请。", "requests_received"), ("公开政府文件和解读信息38条。", "policy_interpretations")],
)
def test_letters_and_kinds_of_information_are_no_requests(text: str, key: str) -> None:
    assert key not in figures_of(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("全年共收到网上申请105件，快递17件，合计122件，上年结转11件。", 122),
     ("全年共受理依申请公开事项59件，结转上年后新收到依申请公开事项47件。", 47),
     ("全年共受理依申请公开62件（其中上年结转3件）。", 59),
     ("全年收到政府信息公开申请5件，已答复共计4件。", 5), ("全年新收政府信息公开申请6件，上年结转6件，总计12件。", 6)],
)  # fmt: skip
def test_the_requests_of_the_year_from_the_rest_of_the_sentence(text: str, value: int) -> None:
    assert one(text, "requests_received").value == value


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("主动公开2022年印发的规范性文件及解读、人事信息、工作动态等政府信息共104条。", "proactive_total", 104),
     ("累计公开信息7976条（2022年新增435条）。", "proactive_total", 435),
     ("本年收到政府信息公开申请36件（含2021年结转2件）。", "requests_received", 34),
     ("已在政府网站公开政策解读20余项。", "policy_interpretations", 20),
     ("2018年，我局未涉及到要求政府信息公开的申请。", "requests_received", 0),
     ("通过局门户网站、新闻媒体发布信息3300余条。", "proactive_total", 3300),
     ("全年在区政府门户网站公开信息77条，收到1份政府信息公开申请。", "proactive_total", 77)],
)  # fmt: skip
def test_more_figures_of_district_and_county_pages(text: str, key: str, value: int) -> None:
    assert one(text, key).value == value


@pytest.mark.parametrize(
    ("text", "key"),
    [("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分组成。", "requests_received"),
     ("公益事业栏目社会保障公开信息2条、就业信息280条。", "proactive_total"),
     ("通过官方微博发布信息121条、微信公众号发布信息352条。", "proactive_total"),
     ("“某县人民政府网”微信平台发布信息56条。", "proactive_total")],
)  # fmt: skip
def test_parts_of_a_report_an_item_of_a_list_and_channels_are_no_figures(text: str, key: str) -> None:
    assert key not in figures_of(text)


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("全州主动公开各类政府信息55236条。其中，法定主动公开25201条，信息公开工作年度报告813条，其他信息29222条。",
      "proactive_total", 55236),  # (年度报告 does not name the year: the breakdown does not outrank its total)
     ("共收到申请30件（其中1件为上年度结转）。", "requests_received", 29),
     ("共收到申请1261件（含上年度结转申请74件）。", "requests_received", 1187),
     ("全年共办理完成198件。", "requests_answered", 198), ("解读政策信息64条。", "policy_interpretations", 64),
     ("2023年接受依申请公开0件。", "requests_received", 0),
     ("主动公开规划信息、统计信息、公益事业建设事项等共计80余条。", "proactive_total", 80),
     ("省政府门户网站和微信公众号共发布信息31000余条。", "proactive_total", 31000)],
)  # fmt: skip
def test_figures_of_provinces_prefectures_and_townships(text: str, key: str, value: int) -> None:
    assert one(text, key).value == value


def test_another_channels_count_in_other_units_is_no_part() -> None:
    text = "全年累计主动公开政府信息162条。其中，乡镇文件公开41条，通过微信公众号发布信息293篇。"
    assert one(text, "proactive_total").parts is None
    whole = one("全年主动公开政府信息500条，其中门户网站300条，微信公众号200条。", "proactive_total")
    assert whole.parts == {"门户网站": 300, "微信公众号": 200}


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("解读信息发布7条，其中解读材料数量1条，解读产品数量6条。", "policy_interpretations", 7),
     ("依申请办理事项为零。", "requests_received", 0), ("收费和减免为零。", "info_fee_yuan", 0),
     ("2009年共整理、录入、发布14条主动公开政府信息。", "proactive_total", 14)],
)  # fmt: skip
def test_zeros_written_为零_and_counts_before_their_noun(text: str, key: str, value: int) -> None:
    assert one(text, key).value == value


def test_the_last_sweeps_wordings() -> None:
    """20余万条 is about 200,000 (the 万 after 余 counts); 政府信息公开共530条 is the year's; a count
    of one kind whose list goes on after a comma with items named X公开 is no total."""
    big = one("主动公开政府信息20余万条，其中，市政府门户网站发布信息16642条。", "proactive_total")
    assert (big.value, big.approximate) == (200000, True)
    assert one("本年度政府信息公开共530条，包括党政信息类137条。", "proactive_total").value == 530
    assert "proactive_total" not in figures_of("主动公开工作信息33条，决算公开1条，预算公开7条。")


def test_reviews_and_lawsuits_counted_together_are_neither() -> None:
    assert figures_of("涉行政复议、行政诉讼案件743件。") == {}
    each = figures_of("行政复议、行政诉讼各1件。")
    assert (each["review_total"].value, each["litigation_total"].value) == (1, 1)
    none = figures_of("本年度行政复议、行政诉讼均为0件。")
    assert (none["review_total"].value, none["litigation_total"].value) == (0, 0)


def test_no_case_lost_is_not_no_case() -> None:
    assert figures_of("本年度未出现行政复议和行政诉讼被撤销或败诉等情况。") == {}
    figs = figures_of("本年度未发生行政复议、行政诉讼案件。")
    assert (figs["review_total"].value, figs["litigation_total"].value) == (0, 0)


def test_the_words_of_主动公开_decide_over_other_wordings() -> None:
    text = "全年在网站发布信息500条。全年主动公开政府信息320条。"
    assert one(text, "proactive_total").value == 320
    # a count of one kind before a list goes on is no total, whatever its length
    assert "proactive_total" not in figures_of("主动公开预算决算3条、政策文件28条、部门文件31条。")
    assert one("主动公开行政事业性收费1项，法定主动公开信息16条。", "proactive_total").value == 16


def test_a_total_after_counts_of_kinds_and_a_share_without_a_comma() -> None:
    """发布主动公开信息28大项、79小项，共计6657条: the total after the counts of kinds; a share right
    after its part (365条占24.3%, or 占 with no share printed) is passed over; the report's year
    given by the metadata ranks its sentences first, not the first year of the preamble."""
    assert one("发布主动公开信息28大项、79小项，共计6657条。", "proactive_total").value == 6657
    assert "proactive_total" not in figures_of("主动公开政府信息中新增项目事项88项，其中许可事项新增21项，总计21项。")
    fig = one("全年主动公开信息1500条，其中工作动态信息365条占24.3%，通知公告1135条占75.7%。", "proactive_total")
    assert fig.parts == {"工作动态信息": 365, "通知公告": 1135}
    fig = one("全年主动公开信息145条，其中决策信息0条占;工作信息126条占86.9%;其他信息19条占13.1%。", "proactive_total")
    assert fig.parts == {"决策信息": 0, "工作信息": 126, "其他信息": 19}
    text = ("全文包括2016年工作重点。统计期限为2015年1月1日至12月31日。\n一、概述\n截至2015年12月，本区公开信息总计2648条。"
            "通过报社等媒体公开信息570条。\n")
    assert extract_figures(text, find_sections(text), 2015)["proactive_total"].value == 2648


@pytest.mark.parametrize(
    ("sentence", "key", "value", "parts"),
    [("每月向县政务公开办报送材料，公开政府信息计31条；", "proactive_total", 31, None),  # 每: another clause's
     ("本镇本年主动公开机构职能信息6条，政策文件9条，财政信息4条，其他信息0条，合计19条。", "proactive_total", 19, None),
     ("全年我办主动公开通知公告12份，依申请公开3件。", "proactive_total", 12, None),
     ("某局本年度在门户网站完成信息发布48条，其中工作动态30条，通知公告18条。", "proactive_total", 48,
      {"工作动态": 30, "通知公告": 18}),
     ("本年度通过局网站共发布信息（含工作动态、政策文件、通知公告等栏目）156条，其中工作动态100条，政策文件56条。",
      "proactive_total", 156, {"工作动态": 100, "政策文件": 56}),
     ("主动公开年度预算、重大项目、惠企政策等300余条信息。", "proactive_total", 300, None),
     ("全年在区信息公开平台主动公开人事信息、财政信息、行政许可、政府采购、招标投标等共计70余条。", "proactive_total", 70, None),
     ("本年度在门户网站更新发布信息25条，其中政策文件5条，工作动态20条。", "proactive_total", 25, {"政策文件": 5, "工作动态": 20}),
     ("2023年以来，累计主动公开信息56条。", "proactive_total", 56, None),
     ("本单位未发生相关收费和减免情况。", "info_fee_yuan", 0, None),
     ("年内未涉及政府信息公开的收费事项。", "info_fee_yuan", 0, None),
     ("收费及减免情况：无。", "info_fee_yuan", 0, None),
     ("依申请办理信息公开申请：无。", "requests_received", 0, None),
     ("本年度无收到政府信息公开申请情况。", "requests_received", 0, None),
     ("依申请公开政府信息0件。", "requests_received", 0, None),
     ("我乡依申请公开政府信息共6件，其中予以公开4件，不予公开2件。", "requests_received", 6, {"予以公开": 4, "不予公开": 2}),
     ("全年未有依申请公开政务信息。", "requests_received", 0, None),
     ("受理政府信息公开申请0次。", "requests_received", 0, None),
     ("办理依申请公开2项。", "requests_answered", 2, None),
     ("全年受理政府信息公开申请9件，其中行政复议1件、行政诉讼1件。", "requests_received", 9, None)],  # no part of it
)  # fmt: skip
def test_more_wordings_of_the_year_s_figures(sentence: str, key: str, value: int, parts: dict | None) -> None:
    figure = figures_of(f"一、总体情况\n{sentence}\n")[key]
    assert (figure.value, figure.parts) == (value, parts)


@pytest.mark.parametrize(
    ("sentence", "key"),
    [("建立健全主动公开、依申请公开、保密审查等8项政府信息公开工作制度。", "proactive_total"),  # rules, not items
     ("自条例施行以来，累计主动公开信息880条。", "proactive_total"),  # all the years so far
     ("本年度共制作政府信息150条，其中主动公开120条，依申请公开5条，不予公开25条。", "requests_received"),  # items by kind
     ("全年共办理政府信息依申请公开13件，均按时答复。", "requests_received")],  # handled, not received
)  # fmt: skip
def test_counts_that_are_not_the_figure(sentence: str, key: str) -> None:
    assert key not in figures_of(f"一、总体情况\n{sentence}\n")


@pytest.mark.parametrize(
    ("text", "value", "parts"),
    [("全年共主动公开政府信息60条，均在信息形成之日起20个工作日内公开。其中政策文件10条，工作动态50条。", 60,
      {"政策文件": 10, "工作动态": 50}),  # the rest of the sentence counts nothing: the breakdown follows
     ("本年度主动公开政府信息30条，公开及时率100%。本年度主动公开的信息主要包括：机构信息5条；政策文件10条；工作动态15条。", 30,
      {"机构信息": 5, "政策文件": 10, "工作动态": 15}),
     ("全年累计主动公开政府信息20条。其中包括：通知公告8条，工作动态12条。", 20, {"通知公告": 8, "工作动态": 12}),
     ("全年主动公开政府信息总数40条：领域信息25条，工作动态15条。", 40, {"领域信息": 25, "工作动态": 15}),
     ("本年度主动公开信息50条，较2022年提升25%，其中公示公告20条，工作动态30条。", 50, {"公示公告": 20, "工作动态": 30}),
     ("全年公开各类信息12条。其中，行政许可类信息2条，其它类信息10条\n（二）依申请公开情况\n本年度未收到申请。", 12,
      {"行政许可类信息": 2, "其它类信息": 10}),  # the list ends at the next heading
     ("本镇主动公开政府信息10条，其中，机构职能类信息3条，社会救助、教育、医疗卫生、社会保障、促进就业类信息7条。", 10,
      {"机构职能类信息": 3, "社会救助、教育、医疗卫生、社会保障、促进就业类信息": 7})],  # a long label
)  # fmt: skip
def test_breakdowns_after_a_clause_in_the_next_sentence_after_a_colon_or_before_a_heading(
        text: str, value: int, parts: dict) -> None:
    figure = figures_of(f"一、总体情况\n{text}\n")["proactive_total"]
    assert (figure.value, figure.parts) == (value, parts)


@pytest.mark.parametrize(
    ("text", "value"),
    [("依申请公开3条，免于公开信息0条。全年街道公开政府信息58条，其中主动公开通知公告4条，主动公开率100%。", 58),
     ("在区政府网站上共发表210篇政务信息，广播电视公开信息35条。", 210)],  # broadcasting: one channel
)  # fmt: skip
def test_a_kind_after_其中_broadcasting_and_免于公开_are_not_the_total(text: str, value: int) -> None:
    assert figures_of(f"一、总体情况\n{text}\n")["proactive_total"].value == value


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("截至2014年12月31日，在镇政府网站累计公开政府信息500条，其中本年度新增公开120条。", "proactive_total", 120),
     ("全年共接受依申请公开5次，其中3件予以公开。", "requests_received", 5),
     ("本年度收到依申请公开2次，均予以公开。", "requests_received", 2),
     ("本年度未收到公民、法人或其他组织通过信息公开平台、传真、信函等形式提出的政府信息公开申请。", "requests_received", 0),
     ("发布各类信息3000条，其中，发布政府信息公开信息共150条。", "proactive_total", 3000),  # a kind after 其中
     ("本街道通过网站、公众号等平台发布信息，其中，通过网站专栏发布信息120条，通过公众号发布信息300条。",
      "proactive_total", 120)],  # no total before 其中: the website's count
)  # fmt: skip
def test_the_year_s_new_ones_requests_in_次_and_parts_after_其中(text: str, key: str, value: int) -> None:
    assert figures_of(f"一、总体情况\n{text}\n")[key].value == value


@pytest.mark.parametrize(
    ("text", "key", "value", "parts"),
    [("累计主动公开政府信息1500条，2021年新增主动公开政府信息260条。", "proactive_total", 260, None),
     ("本年度共发送18条信息。", "proactive_total", 18, None),
     ("街道全年完成信息公开75条。", "proactive_total", 75, None),
     ("本年度发生行政复议1项。", "review_total", 1, None),
     ("全年没有行政相对人向我单位提出政府信息公开申请。", "requests_received", 0, None),
     ("共公开信息90条，其中门户网站公开30条（含规范性文件2份），微博公开40条，微信公开20条。", "proactive_total", 90,
      {"门户网站公开": 30, "微博公开": 40, "微信公开": 20}),  # a note after a part
     ("全年发布信息40条，其中招聘公告10条，招标公告5条，通过某某公众号发布信息300条。", "proactive_total", 40, None)],
)  # fmt: skip
def test_new_ones_other_verbs_units_notes_and_a_channel_after_kinds(text: str, key: str, value: int, parts: dict | None) -> None:
    figure = figures_of(f"一、总体情况\n{text}\n")[key]
    assert (figure.value, figure.parts) == (value, parts)


def test_no_request_in_a_sentence_on_reviews_about_requests() -> None:
    assert "requests_received" not in figures_of("一、总体情况\n本年度未发生依申请公开政府信息方面的行政复议和行政诉讼。\n")


def test_lawsuits_counted_in_条() -> None:
    assert figures_of("一、总体情况\n本年度发生行政诉讼1条。\n")["litigation_total"].value == 1


@pytest.mark.parametrize(
    ("text", "key", "value", "parts"),
    [("全年收到公开申请300件（上年度结转10件，结转下年度5件），均已办结。", "requests_received", 290, None),
     ("依托政府门户网站及新媒体主动公开各类信息2100条。", "proactive_total", 2100, None),  # several channels
     ("本年度主动公开了机构职能、规划计划、环保工作等方面53条。", "proactive_total", 53, None)],
)  # fmt: skip
def test_carried_over_in_brackets_several_channels_with_及_and_等方面(text: str, key: str, value: int, parts) -> None:
    figure = figures_of(f"一、总体情况\n{text}\n")[key]
    assert (figure.value, figure.parts) == (value, parts)


def test_costs_of_a_lawsuit_in_the_fees_section_are_no_count_of_lawsuits() -> None:
    """A pre-2019 report puts its fees before its reviews and lawsuits: a fees sentence saying no
    costs of lawsuits arose is read as no fee, and the lawsuits are counted where they are."""
    figures = figures_of("2016年度政府信息公开工作年度报告\n一、概述\n略。\n四、政府信息公开的收费及减免情况\n"
                         "本年度没有向申请人收费的情况，也未发生与信息公开诉讼有关的费用支出。\n"
                         "五、申请行政复议和提起行政诉讼情况\n本年度被申请行政复议2件，被提起行政诉讼1件。\n")
    assert (figures["info_fee_yuan"].value, figures["review_total"].value, figures["litigation_total"].value) == (0, 2, 1)


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("全年信息公开行政复议、行政诉讼均为0条。", "review_total", 0),
     ("全年信息公开行政复议、行政诉讼均为0条。", "litigation_total", 0),
     ("依申请公开收取的费用（复制费、邮寄费等）共计0元。", "info_fee_yuan", 0),
     ("本年度没有关于信息公开的收费和减免情况。", "info_fee_yuan", 0),
     ("本年度没有公民和法人的信息公开收费及减免的情况。", "info_fee_yuan", 0),
     ("本年度未向任何申请人收费的情况发生。", "info_fee_yuan", 0),
     ("在区政府网站发布信息1200条，在市政府网站发布信息300条，总计1500条。", "proactive_total", 1500)],
)  # fmt: skip
def test_zeros_in_old_wordings_and_a_total_after_channels(text: str, key: str, value: int) -> None:
    assert figures_of(f"一、总体情况\n{text}\n")[key].value == value


@pytest.mark.parametrize(
    "text",
    ["政务微博公开信息500条，政府公报公开信息3条。",
     "本镇快手短视频账号（1个）发布信息60条。"],
)
def test_one_channel_of_a_list_of_channels_is_no_total(text: str) -> None:
    assert "proactive_total" not in figures_of(f"一、总体情况\n{text}\n")


def test_policy_interpretations_counted_as_one_item_of_a_list_of_counts() -> None:
    """政策解读64篇 as a part of the year's disclosures (文件286件、政策解读64篇、…) is the count of
    interpretations; 政策文件、政策解读信息75条 (one count for a list of names) is read as before."""
    text = "一、总体情况\n全年主动公开信息5500余条，其中市政府文件286件、政策解读64篇、工作动态3870条。\n全年推出解读产品41个。\n"
    assert figures_of(text)["policy_interpretations"].value == 64
    from conftest import SAMPLES

    from nlp.pipeline import read_report

    assert read_report(SAMPLES / "city-2024.html").figures["policy_interpretations"].value == 64  # as samples/README.md says
