"""Section finding on the real reports and on crafted variants and traps."""

from __future__ import annotations

from pathlib import Path
from re import _constants, _parser  # the regex parser: to list every string a title matches

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TITLES_2021
from nlp import sections
from nlp.ingest import read_document
from nlp.schema import SECTION_KEYS
from nlp.sections import find_sections, looks_like_report, missing_sections
from nlp.text import narrative_sentences



def keys(text: str) -> list[str]:
    return [s.key for s in find_sections(text)]


def assert_well_formed(text: str) -> None:
    """Offsets point at the titles; each section ends where the next begins."""
    found = find_sections(text)
    for s, nxt in zip(found, found[1:] + [None]):
        assert "".join(text[s.start : s.end].split()).startswith(s.title)
        assert s.end == (nxt.start if nxt else len(text))


# ---- real reports ---------------------------------------------------------------------------


def test_binggu_six_sections_in_order(binggu: Path) -> None:
    text = binggu.read_text(encoding="utf-8")
    found = find_sections(text)
    assert [s.key for s in found] == list(SECTION_KEYS)
    assert [s.title for s in found] == TITLES_2021
    assert_well_formed(text)
    # The table-3 row 四、结转下年度继续办理 comes just before section 四 and is not taken for it.
    review = found[3]
    assert text.index("四、结转下年度继续办理") < review.start
    assert text[review.start :].startswith("四、政府信息公开行政复议")


def test_huaian_six_sections(huaian: Path) -> None:
    text = read_document(huaian).text
    found = find_sections(text)
    assert [s.title for s in found] == TITLES_2021
    assert_well_formed(text)
    assert missing_sections(found, "2021") == []


def test_huaian_raw_pdfplumber_text(huaian: Path) -> None:
    """Raw page text (page numbers, table rows wrapped onto several lines) still gives six."""
    import pdfplumber

    with pdfplumber.open(huaian) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert keys(text) == list(SECTION_KEYS)


# ---- crafted variants ------------------------------------------------------------------------

RUN_IN_AND_SPLIT = """某县某局2023年政府信息公开工作年度报告
一、总体情况
（一）主动公开
本局全年公开信息三十条。
（二）依申请公开情况
无。
二、主动公开政府信息情况
表格略
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t0\t0\t0
四、结转下年度继续办理\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
表格略
五、存在的主要问题及改
进情况。今年人员变动较大，一是培训不足，二是制度不全。
- 5 -
六、其他需要报告的事项
无。
"""


def test_run_in_split_and_table_row_traps() -> None:
    found = find_sections(RUN_IN_AND_SPLIT)
    assert [s.key for s in found] == list(SECTION_KEYS)
    assert found[4].title == "五、存在的主要问题及改进情况"
    assert RUN_IN_AND_SPLIT[found[3].start :].startswith("四、政府信息公开")
    assert_well_formed(RUN_IN_AND_SPLIT)


OLD_FORMAT = """某市某局2015年政府信息公开工作年度报告
一、概述 2015年，我局认真贯彻条例，信息公开工作有序推进。
二、主动公开政府信息情况
全年主动公开政府信息一百二十条。
三、依申请公开政府信息和不予公开政府信息的情况
全年受理申请5件。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请提起行政复议、行政诉讼的情况
本年度未发生因政府信息公开申请提起行政复议、行政诉讼的情况。
六、政府信息公开工作存在的主要问题及改进措施
人员不足。
"""


def test_old_format_titles() -> None:
    found = find_sections(OLD_FORMAT)
    assert [s.key for s in found] == [
        "overview", "proactive", "requests", "fees", "review_litigation", "problems",
    ]  # fmt: skip
    assert found[0].title == "一、概述"  # run into its paragraph
    assert found[3].title == "四、政府信息公开的收费及减免情况"
    assert missing_sections(found, "pre-2019") == []
    assert missing_sections(found, "2021") == ["other"]


@pytest.mark.parametrize(
    ("title", "key"),
    [("存在的不足及下一步打算", "problems"), ("工作中存在的问题和改进措施", "problems"),
     ("存在问题及下一步工作计划", "problems"), ("存在的困难和问题", "problems"), ("问题与不足", "problems"),
     ("存在的主要问题", "problems"), ("需要说明的事项", "other"), ("政府信息依申请公开办理情况", "requests"),
     ("存在的主要问题和下步工作措施", "problems"), ("政府信息主动公开情况", "proactive"),
     ("政府信息依申请公开和不予公开情况", "requests"), ("政府信息依申请公开情况", "requests"),
     ("申请行政复议情况", "review_litigation"), ("因政府信息公开申请行政复议、诉讼的情况", "review_litigation"),
     ("政府信息公开行政复议", "review_litigation"), ("政府信息公开行政复议、行政诉讼", "review_litigation"),
     ("2015年政务公开总体情况", "overview"), ("政府信息公开工作概况", "overview"), ("其他报告事项", "other"),
     ("主要工作概述", "overview"), ("工作情况概况", "overview"), ("主动公开情况", "proactive"),
     ("依申请公开情况", "requests"), ("其他事项", "other"), ("复议、诉讼情况", "review_litigation"),
     ("复议、诉讼和申诉情况", "review_litigation"), ("依申请公开政府信息及申请行政复议、诉讼和申诉情况", "requests"),
     ("工作存在的主要问题及改进情况", "problems"), ("申请行政复议、提起行政诉讼情况", "review_litigation"),
     ("行政机关主动公开政府信息情况", "proactive"), ("行政机关收到和处理政府信息公开申请情况", "requests"),
     ("信息公开工作概述", "overview"), ("信息主动公开情况", "proactive"), ("依申请公开和不予公开政府信息情况", "requests"),
     ("政府依申请公开政府信息和不予公开信息情况", "requests"), ("投诉举报、行政复议、行政诉讼情况", "review_litigation"),
     ("依申请公开政府信息办理情况", "requests"), ("依申请公开信息办理情况", "requests"), ("政府信息公开情况", "proactive"), ("信息公开情况", "proactive"),
     ("行政机关依申请公开政府信息和不予公开政府信息的情况", "requests"), ("政府信息公开情况概述", "overview"),
     ("政务信息公开情况概述", "overview"), ("政府信息公开工作的基本概况", "overview"), ("依申请公开等情况", "requests"),
     ("主动公开信息以及公开平台建设情况", "proactive"), ("政务信息网上公开情况", "proactive"), ("综述", "overview"),
     ("总体公开情况说明", "overview"), ("主动公开政务信息情况", "proactive"),
     ("依申请公开、不予公开及咨询政府信息情况", "requests"), ("主动公开政府信息统计情况", "proactive"),
     ("依申请公开政府信息及咨询情况", "requests"), ("政府信息公开收费情况", "fees"), ("政府支出与收费", "fees"), ("工作开展情况", "overview"),
     ("总体工作情况", "overview"), ("总体公开工作情况概述", "overview"), ("年度重点工作情况", "overview"),
     ("重点工作情况", "overview"), ("主要工作情况", "overview"), ("工作总体情况", "overview"), ("总结概述", "overview"),
     ("收费情况", "fees"), ("政府支出与费用", "fees"), ("依申请公开政府信息和不予以公开政府信息的情况", "requests"),
     ("存在问题及努力方向", "problems"), ("综合概述", "overview"), ("工作进展情况", "overview"), ("整体工作情况", "overview"),
     ("年度政务公开重点工作完成情况", "overview"), ("落实政务公开工作要点情况", "overview"),
     ("政府信息公开2017年工作要点落实情况", "overview"), ("因依申请公开引起行政复议及行政诉讼情况", "review_litigation"),
     ("因信息公开引起的行政复议和行政诉讼情况", "review_litigation"),
     ("依申请公开政府信息及咨询、举报受理情况", "requests"), ("政府信息公开存在的问题与改进思路", "problems"),
     ("政府信息公开相关费用情况", "fees"), ("政府信息收费及减免情况", "fees"), ("依申请公开政府信息公开的收费及减免情况", "fees"),
     ("依申请行政复议、提起行政诉讼的情况", "review_litigation"), ("依申请公开的政府信息情况", "requests")],
)  # fmt: skip
def test_more_old_format_titles(title: str, key: str) -> None:
    """Titles older reports use for the problems, the closing remarks, the requests, the
    proactive disclosure, the reviews and the overview (下步 for 下一步, the words in another order,
    reviews alone, a year before the overview's title, 其他报告事项)."""
    text = {
        "problems": OLD_FORMAT.replace("六、政府信息公开工作存在的主要问题及改进措施", f"六、{title}"),
        "requests": OLD_FORMAT.replace("三、依申请公开政府信息和不予公开政府信息的情况", f"三、{title}"),
        "proactive": OLD_FORMAT.replace("二、主动公开政府信息情况", f"二、{title}"),
        "review_litigation": OLD_FORMAT.replace("五、因政府信息公开申请提起行政复议、行政诉讼的情况", f"五、{title}"),
        "overview": OLD_FORMAT.replace("一、概述 2015年", f"一、{title}\n2015年"),
        "other": OLD_FORMAT + f"七、{title}\n无。\n",
        "fees": OLD_FORMAT.replace("四、政府信息公开的收费及减免情况", f"四、{title}"),
    }[key]
    found = {s.key: s.title for s in find_sections(text)}
    assert found[key].endswith(title), found
    assert len(found) == 6 + (key == "other")


@pytest.mark.parametrize("title", ["收费情况", "重点工作情况", "主要工作情况", "工作总体情况"])
def test_a_plain_title_is_a_heading_only_when_numbered(title: str) -> None:
    """A title as plain as 收费情况 on a line of its own, unnumbered, is as often a table's label
    (over the fee columns of a table copied one cell a line) as a heading: numbered, it heads a
    section; bare, it does not."""
    bare = OLD_FORMAT.replace("四、政府信息公开的收费及减免情况", f"四、政府信息公开的收费及减免情况\n{title}")
    assert [s.title for s in find_sections(bare)] == [s.title for s in find_sections(OLD_FORMAT)]
    numbered = OLD_FORMAT + f"七、{title}\n无。\n"
    assert find_sections(numbered)[-1].title == f"七、{title}"


def test_one_section_for_requests_and_reviews_counts_as_both() -> None:
    """依申请公开政府信息及申请行政复议、诉讼情况: the requests section, and no review section missing."""
    text = OLD_FORMAT.replace("三、依申请公开政府信息和不予公开政府信息的情况", "三、依申请公开政府信息及申请行政复议、诉讼情况")
    text = text.replace("五、因政府信息公开申请提起行政复议、行政诉讼的情况\n", "")
    found = find_sections(text)
    assert "review_litigation" not in keys(text)
    assert missing_sections(found, "pre-2019") == []


# An older report with sections of its own: 四 (consultations) between two listed sections, 六
# (staff and spending) in the place of fees, and 九 (the annex) after the last listed section.
EXTRAS = """某县水务局2013年政府信息公开工作年度报告
一、概述
本局调整了信息公开领导小组。
二、主动公开政府信息情况
全年主动公开政府信息85条。
三、依申请公开政府信息情况
全年收到政府信息公开申请6件。
四、咨询和投诉情况
全年接待群众咨询120人次，未收到投诉。
五、行政复议和行政诉讼情况
本年度未发生行政复议和行政诉讼。
六、工作人员和费用支出情况
信息公开工作由兼职人员2名负责。
七、存在的主要问题及改进措施
栏目更新不够及时。
八、其他事项
无。
九、附表
"""


def test_sections_outside_the_list_are_kept_apart() -> None:
    found = find_sections(EXTRAS)
    assert [(s.key, s.title) for s in found] == [
        ("overview", "一、概述"), ("proactive", "二、主动公开政府信息情况"), ("requests", "三、依申请公开政府信息情况"),
        ("extra", "四、咨询和投诉情况"), ("review_litigation", "五、行政复议和行政诉讼情况"),
        ("extra", "六、工作人员和费用支出情况"), ("problems", "七、存在的主要问题及改进措施"),
        ("other", "八、其他事项"), ("extra", "九、附表"),
    ]  # fmt: skip
    assert_well_formed(EXTRAS)
    requests = next(s for s in found if s.key == "requests")
    assert "咨询" not in EXTRAS[requests.start : requests.end]  # no longer the end of the requests
    assert missing_sections(found, "pre-2019") == ["fees"]
    by_text = {s.text: s.section for s in narrative_sentences(EXTRAS, found)}
    assert by_text["全年接待群众咨询120人次，未收到投诉。"] == "extra"
    assert by_text["全年收到政府信息公开申请6件。"] == "requests"


@pytest.mark.parametrize("title", ["下一步工作打算", "今后改进方向", "改进措施", "2024年工作计划", "下步工作思路"])
def test_a_section_of_measures_alone_is_more_of_the_problems(title: str) -> None:
    """五、存在的问题 then 六、下一步工作打算: the measures are the problems section's second half
    (a second ``problems`` section), whether another section follows or not."""
    head = "".join(f"{t}\n正文。\n" for t in TITLES_2021[:4]) + "五、存在的问题\n人员不足。\n"
    for text in (head + f"六、{title}\n加强培训。\n七、其他需要报告的事项\n无。\n", head + f"六、{title}\n加强培训。\n"):
        found = find_sections(text)
        assert [(s.key, s.title) for s in found][4:6] == [("problems", "五、存在的问题"), ("problems", f"六、{title}")]
        assert {s.text: s.section for s in narrative_sentences(text, found)}["加强培训。"] == "problems"


def test_old_titles_that_say_信息公开_without_政府() -> None:
    """信息公开的收费及减免情况, 因信息公开申请行政复议…, 不予公开信息的情况; 五、 存在问题 (a
    space after the numbering) then 六、 改进措施."""
    text = (
        "一、主动公开政府信息的情况：\n本年度主动公开信息9条。\n"
        "二、依申请公开信息的情况和不予公开信息的情况\n本年度没有收到申请。\n"
        "三、信息公开的收费及减免情况\n未收费。\n四、因信息公开申请行政复议、提起行政诉讼的情况\n无。\n"
        "五、 存在问题\n人员偏少。\n六、 改进措施\n充实人员。\n"
    )
    assert [(s.key, s.title) for s in find_sections(text)] == [
        ("proactive", "一、主动公开政府信息的情况"), ("requests", "二、依申请公开信息的情况和不予公开信息的情况"),
        ("fees", "三、信息公开的收费及减免情况"), ("review_litigation", "四、因信息公开申请行政复议、提起行政诉讼的情况"),
        ("problems", "五、存在问题"), ("problems", "六、改进措施"),
    ]  # fmt: skip


def test_an_overview_under_a_title_of_its_own() -> None:
    """一、加强组织领导 before 二、主动公开政府信息情况, in a report without an overview heading, is
    the overview; not so a numbered line of the preamble in another style, nor when the overview
    heading is there."""
    body = "".join(f"{t}\n正文。\n" for t in TITLES_2021[1:])
    text = "某局2015年政府信息公开工作年度报告\n1、统计期限：全年。\n一、健全组织、强化领导\n成立领导小组。\n" + body
    found = find_sections(text)
    assert [(s.key, s.title) for s in found][:2] == [("overview", "一、健全组织、强化领导"), ("proactive", TITLES_2021[1])]
    assert keys(text.replace("一、健全组织、强化领导", "一、总体情况\n（一）健全组织")) == list(SECTION_KEYS)


def test_a_numeral_with_a_space_for_its_comma_numbers_a_heading() -> None:
    spaced = OLD_FORMAT.replace("一、概述", "一 概 述").replace("二、主动", "二  主动")
    assert keys(spaced) == keys(OLD_FORMAT)
    # not a numeral inside a line
    assert "proactive" not in keys("某局2015年政府信息公开工作年度报告\n全年统一 主动公开情况良好。\n")


@pytest.mark.parametrize(
    "title", ["本年度政府信息公开工作总体情况", "政府信息公开工作推进情况", "政府信息公开工作要点落实情况", "主要任务落实情况"]
)
def test_overview_titles_of_2017_and_2018_alone(title: str) -> None:
    text = f"某市2018年政府信息公开工作年度报告\n一、{title}\n全年主动公开政府信息88条。\n"
    assert [(s.key, s.title) for s in find_sections(text)] == [("overview", f"一、{title}")]


def test_a_heading_outranks_a_sub_head_of_the_same_section_under_it() -> None:
    text = "某市2019年政府信息公开工作年度报告\n一、总体情况\n（一）概述\n全年主动公开政府信息88条。\n（二）主动公开\n正文。\n"
    assert [(s.key, s.title) for s in find_sections(text)] == [("overview", "一、总体情况")]


def test_fees_named_after_the_requests_and_a_basic_overview() -> None:
    text = (
        "一、基本工作情况\n正文。\n二、主动公开政府信息情况\n正文。\n三、依申请公开政府信息和不予公开政府信息情况\n正文。\n"
        "四、依申请公开政府信息收费及减免情况\n无。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n"
    )
    assert keys(text) == ["overview", "proactive", "requests", "fees", "review_litigation"]


@pytest.mark.parametrize("title", ["政府信息公开行政收费和减免情况", "依申请信息公开收费情况", "政府信息公开支出与收费"])
def test_more_titles_of_the_fees_section(title: str) -> None:
    text = (
        "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、依申请公开政府信息情况\n正文。\n"
        f"四、{title}\n无。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n"
    )
    assert keys(text) == ["overview", "proactive", "requests", "fees", "review_litigation"]


def test_weaknesses_under_a_title_of_their_own() -> None:
    """五、当前需要解决的突出问题 where the problems section should be: its words name weaknesses."""
    text = "".join(f"{t}\n正文。\n" for t in TITLES_2021[:4]) + "五、当前需要解决的突出问题\n人员不足。\n" + f"{TITLES_2021[5]}\n无。\n"
    assert [(s.key, s.title) for s in find_sections(text)][4] == ("problems", "五、当前需要解决的突出问题")


def test_rows_of_table_3_on_lines_of_their_own_are_no_sections() -> None:
    """A page scraped one cell per line puts 三、本年度办理结果 alone on its line, after a free-titled
    三 (三、依申请公开工作稳步推进): the heading is the extra section, not the table row."""
    text = (
        "".join(f"{t}\n正文。\n" for t in TITLES_2021[:2]) + "三、依申请公开工作稳步推进\n正文。\n"
        "一、本年新收政府信息公开申请数量\n6\n三、本年度办理结果\n（一）予以公开\n3\n四、结转下年度继续办理\n1\n"
        + "".join(f"{t}\n正文。\n" for t in TITLES_2021[3:])
    )
    assert [(s.key, s.title) for s in find_sections(text)][2] == ("extra", "三、依申请公开工作稳步推进")


def test_a_free_title_over_a_sub_head_that_names_the_section() -> None:
    """二、加大主动公开力度 then （一）主动公开情况: the chain takes the sub-head for the proactive
    section; the free title right above it is where that section starts (the sub-head stays
    inside).  An extra heading with a body of its own keeps its key."""
    body = "".join(f"{t}\n正文。\n" for t in TITLES_2021[2:])
    text = "一、总体情况\n正文。\n二、加大主动公开力度\n（一）主动公开情况\n全年公开100条。\n（二）公开平台\n正文。\n" + body
    found = find_sections(text)
    assert [(s.key, s.title) for s in found][:3] == [
        ("overview", "一、总体情况"), ("proactive", "二、加大主动公开力度"), ("requests", TITLES_2021[2]),
    ]  # fmt: skip
    assert_well_formed(text)
    with_body = text.replace("二、加大主动公开力度\n", "二、加大主动公开力度\n本年加大公开力度。\n")
    assert [s.key for s in find_sections(with_body)][:3] == ["overview", "extra", "proactive"]


def test_extra_sections_only_where_the_numbering_leaves_room() -> None:
    """Numbered lines that are not sections stay inside theirs: a sub-list in the chain's style
    whose numbers the chain does not skip, a line with a digit or a comma (a table row, a
    sentence), a table row carrying the number of the unrecognised heading after it (the later
    line wins), and a list in another style."""
    body = "".join(f"{t}\n正文。\n" for t in TITLES_2021)
    inner = body.replace("正文。\n", "正文。\n二、核对数据\n三、整理台账\n", 1)  # 一 … 二: no room
    assert keys(inner) == list(SECTION_KEYS)
    free = body.replace(TITLES_2021[3], "四、复核与应诉")  # a listed section under a title of its own
    table_row = free.replace(f"{TITLES_2021[2]}\n正文。\n", f"{TITLES_2021[2]}\n四、结转下年度继续办理\n0\n", 1)
    found = find_sections(table_row)
    assert [(s.key, s.title) for s in found][3] == ("extra", "四、复核与应诉")
    assert "结转" in table_row[found[2].start : found[2].end]
    for line in ("四、结转下年度继续办理\t3", "四、本年共办理，其余转下年", "（四）复核与应诉", "4、复核与应诉"):
        text = body.replace(TITLES_2021[3], line)
        assert "extra" not in keys(text), line


def test_a_sub_head_naming_the_problems_stays_inside_its_section() -> None:
    """（一）存在的问题 under 五、存在的主要问题及改进情况 is a sub-head, not a section."""
    text = "".join(f"{t}\n正文。\n" for t in TITLES_2021[:4]) + (
        f"{TITLES_2021[4]}\n（一）存在的问题\n人员不足。\n（二）改进措施\n加强培训。\n{TITLES_2021[5]}\n无。\n"
    )
    assert [s.title for s in find_sections(text)] == TITLES_2021


def test_old_format_fees_after_review_and_unnumbered() -> None:
    text = (
        "概述\n本单位概况。\n主动公开政府信息情况\n正文。\n依申请公开政府信息情况\n正文。\n"
        "因政府信息公开申请提起行政复议、行政诉讼的情况\n无。\n收费及减免情况\n无。\n"
        "政府信息公开工作存在的主要问题及改进措施\n正文。\n其他需要报告的事项\n无。\n"
    )
    assert keys(text) == [
        "overview", "proactive", "requests", "review_litigation", "fees", "problems", "other",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "numbering",
    [["一、", "二、", "三、", "四、", "五、", "六、"], ["一.", "二.", "三.", "四.", "五.", "六."],
     ["一．", "二．", "三．", "四．", "五．", "六．"], ["1、", "2、", "3、", "4、", "5、", "6、"],
     ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"], ["", "", "", "", "", ""]],
)  # fmt: skip
def test_numbering_styles(numbering: list[str]) -> None:
    words = [t[2:] for t in TITLES_2021]
    text = "".join(f"{n}{w}\n正文一段。\n" for n, w in zip(numbering, words))
    found = find_sections(text)
    assert [s.title for s in found] == [n + w for n, w in zip(numbering, words)]


def test_variant_titles() -> None:
    text = (
        "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文。\n"
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n正文。\n"
        "五、政府信息公开工作存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。"
    )
    assert keys(text) == list(SECTION_KEYS)


def test_page_furniture_and_one_line_html() -> None:
    furniture = (
        "一. 总体情况\n正文。\n- 2 - 二. 主动公开政府信息情况\n正文。\n"
        "第3页 三．收到和处理政府信息公开申请情况\n正文。\n"
    )
    assert keys(furniture) == ["overview", "proactive", "requests"]
    one_line = "。".join(f"{t} 正文" for t in TITLES_2021)
    assert keys(one_line) == list(SECTION_KEYS)


def test_sub_heads_and_narrative_mentions_are_not_sections() -> None:
    text = (
        "一、总体情况\n（一）主动公开政府信息情况\n本年做好主动公开政府信息情况的统计。\n"
        "（二）依申请公开政府信息情况\n一是依申请公开政府信息情况良好，二是存在的主要问题及改进情况已说明。\n"
        "（三）政府信息公开行政复议、行政诉讼情况\n无。\n"
        + "\n正文。\n".join(TITLES_2021[1:])
    )
    found = find_sections(text)
    assert [s.title for s in found] == TITLES_2021
    assert_well_formed(text)


def test_short_sub_heads_of_the_overview_lose_to_the_sections() -> None:
    """（一）主动公开情况 and （二）依申请公开情况 under 一、 are the words of short section
    titles too (主动公开情况 in older reports): the numbered sections win the chain."""
    text = "一、总体情况\n（一）主动公开情况。本年公开信息。\n（二）依申请公开情况。本年收到申请。\n" + "".join(
        f"{t}\n正文。\n" for t in TITLES_2021[1:]
    )
    assert [s.title for s in find_sections(text)] == TITLES_2021
    old = "一、概述\n（一）主动公开情况\n正文。\n二、主动公开政府信息情况\n正文。\n三、依申请公开政府信息情况\n正文。\n"
    assert [s.title for s in find_sections(old)] == ["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况"]


def test_table_of_contents_loses_to_the_body() -> None:
    toc = "目录\n" + "\n".join(TITLES_2021) + "\n"
    body = "".join(f"{t}\n正文一段。\n" for t in TITLES_2021)
    found = find_sections(toc + body)
    assert [s.title for s in found] == TITLES_2021
    assert found[0].start == len(toc)


def test_no_sections() -> None:
    assert find_sections("三二十、总体情况")[0].key == "overview"  # odd numeral: no crash
    assert find_sections("") == []
    assert find_sections("今天天气很好。我们讨论了主动公开政府信息情况的写法。") == []


# ---- missing_sections and looks_like_report ----------------------------------------------------


def test_missing_sections() -> None:
    text = "一、总体情况\n正文。\n五、存在的主要问题及改进情况\n正文。"
    found = find_sections(text)
    assert missing_sections(found, "2021") == ["proactive", "requests", "review_litigation", "other"]
    assert missing_sections(found, None) == missing_sections(found, "2019")
    assert missing_sections(found, "pre-2019") == ["proactive", "requests", "review_litigation", "fees"]


def test_looks_like_report(binggu: Path) -> None:
    assert looks_like_report(binggu.read_text(encoding="utf-8"))
    assert looks_like_report("某区2022年政府信息公开工作年度报告")
    assert looks_like_report("主动公开政府信息情况……其他需要报告的事项")
    assert not looks_like_report("会议纪要：讨论了预算执行情况。")


# ---- speed and robustness ------------------------------------------------------------------------


def test_a_long_report_of_repeated_titles_keeps_one_chain(binggu: Path) -> None:
    """A report eight times over (20,000 characters, every title several times): the search
    returns one chain of the report's sections, in order, as on the report itself. (Its speed on
    this text is printed by ``benchmarks/bench_summarize.py``, not timed here.)"""
    once = binggu.read_text(encoding="utf-8")
    text = (once * 8)[:20_000]
    found = find_sections(text)
    assert [s.key for s in found] == [s.key for s in find_sections(once)]
    assert [s.start for s in found] == sorted(s.start for s in found)
    assert all(0 <= s.start < s.end <= len(text) for s in found)


HEADING_CHARS = "一二三四五六、.（）()\n\t -0123456789总体情况主动公开政府信息其他需要报告的事项"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(HEADING_CHARS)) | st.characters()))
def test_find_sections_never_raises(text: str) -> None:
    found = find_sections(text)
    assert all(0 <= s.start < s.end <= len(text) for s in found)
    assert [s.start for s in found] == sorted(s.start for s in found)


# ---- the fast paths agree with the plain computations ---------------------------------------------


def _strings(items) -> list[str]:
    """Every string a parsed regex (literals, classes, alternatives, bounded repeats) matches; a
    class other than a list of characters (``\\d``) stands for one of its characters, "0" (the
    lengths and the anchor words of the titles do not depend on which)."""
    out = [""]
    for op, av in items:
        if op is _constants.LITERAL:
            options = [chr(av)]
        elif op is _constants.IN:
            literal = all(kind is _constants.LITERAL for kind, _ in av)
            options = [chr(code) for _, code in av] if literal else ["0"]
        elif op is _constants.BRANCH:
            options = [s for branch in av[1] for s in _strings(branch)]
        elif op is _constants.SUBPATTERN:
            options = _strings(av[3])
        elif op is _constants.MAX_REPEAT:
            low, high, body = av
            one = _strings(body)
            options, level = [], [""]
            for count in range(high + 1):
                if count >= low:
                    options += level
                level = [a + b for a in level for b in one]
        else:
            raise AssertionError(f"regex construct not handled here: {op}")
        out = [a + b for a in out for b in options]
    return out


def test_every_title_holds_an_anchor_and_is_short() -> None:
    """_title_matches relies on both (see its docstring)."""
    for key, pattern in sections._TITLES.items():
        titles = _strings(_parser.parse(pattern))
        assert titles, key
        for title in titles:
            assert len(title) <= sections._TITLE_MAX, (key, title)
            assert sections._ANCHOR_RE.search(title), (key, title)
            assert not set(title) & set(sections._NOT_IN_TITLE), (key, title)


TITLE_PIECES = [
    "政府信息公开", "工作", "总体情况", "概述", "概况", "主动公开", "信息", "情况", "收到和处理", "申请",
    "依申请公开", "不予公开", "行政复议", "、", "行政诉讼", "的", "收费", "减免", "免除", "问题", "及",
    "改进", "整改", "措施", "其他需要报告的事项", "事项", "况", "改", "免", "中", "。", "因", "被申请",
    "政府信息主动公开", "诉讼", "申请行政复议", "下步", "下一步", "和", "复议", "，", "：", ";",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TITLE_PIECES), max_size=30))
def test_title_matches_are_those_of_finditer(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [(m.span(), m.lastgroup) for m in sections._TITLE_RE.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in sections._title_matches(text)] == expected


COMPACT_PIECES = ["a", "中", "一、", " ", "\t", "\n", "\u3000", "\xa0", "\x0b", "\u2028", "\n- 3 -", "\n－12－\n", "。"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(COMPACT_PIECES), max_size=25))
def test_compact_maps_back_like_a_character_walk(pieces: list[str]) -> None:
    """_Compact against a walk over the characters: what is kept, where each kept character
    comes from, what was removed before it."""
    text = "".join(pieces)
    removed = [False] * len(text)
    for m in sections._PAGE_LINE_RE.finditer(text):
        removed[m.start() : m.end()] = [True] * (m.end() - m.start())
    kept = [i for i, ch in enumerate(text) if not (removed[i] or ch.isspace())]
    c = sections._Compact(text)
    assert c.text == "".join(text[i] for i in kept)
    for pos, origin in enumerate([*kept, len(text)]):
        assert c.orig(pos) == origin
        before = text[kept[pos - 1] + 1 if pos else 0 : origin]
        assert c.removed_before(pos) == before
        assert c.line_start(pos) == (pos == 0 or "\n" in before)


def test_sub_heads_under_the_overview_give_way_to_the_sections_after_them() -> None:
    """(一)…(四) under 一、总体情况 name the sections to come; in a copy cut short after 三 they
    outnumber the sections found, yet 二 and 三, numbered like 一, are the sections."""
    text = "\n".join([
        "一、总体情况", "（一）主动公开政府信息情况", "全年公开信息。", "（二）政府信息依申请公开情况", "全年收到申请。",
        "（三）政府信息公开的收费情况", "未收费。", "（四）因政府信息公开申请的行政复议、行政诉讼情况", "无。",
        "二、主动公开政府信息情况", "表格。", "三、收到和处理政府信息公开申请情况", "表格。",
    ])  # fmt: skip
    assert [(s.key, s.title) for s in find_sections(text)] == [
        ("overview", "一、总体情况"), ("proactive", "二、主动公开政府信息情况"), ("requests", "三、收到和处理政府信息公开申请情况"),
    ]


def test_sub_heads_of_the_overview_in_a_copy_cut_before_the_second_section() -> None:
    """The 2021 format's overview has sub-heads of its own ((一)主动公开情况, (二)依申请公开情况 …):
    in a copy cut short before 二、 they are still the overview's, not the sections; under a
    heading numbered like 一 (二、加大主动公开力度) a sub-head still names a section."""
    text = "一、总体情况\n（一）主动公开情况\n全年公开信息。\n（二）依申请公开情况\n全年收到申请。\n（三）政府信息管理情况\n制度。\n"
    assert [(s.key, s.title) for s in find_sections(text)] == [("overview", "一、总体情况")]
    under = "一、总体情况\n正文。\n二、加大主动公开力度\n（一）主动公开情况\n全年公开信息。\n"
    assert "proactive" in [s.key for s in find_sections(under)]


def test_a_list_of_contents_in_the_preamble_is_no_headings() -> None:
    """本报告主要内容包括：1.总体情况；2.主动公开政府信息情况；…: numbered titles one right after
    another within a line are a list of contents, not the sections (even where the copy is cut
    short after the second real heading)."""
    contents = "；".join(f"{i}.{t.split('、', 1)[1]}" for i, t in enumerate(TITLES_2021, 1))
    text = f"本报告主要内容包括：{contents}。\n一、总体情况\n全年发布信息90条。\n二、主动公开政府信息情况\n表格。\n"
    assert [(s.key, s.title) for s in find_sections(text)] == [
        ("overview", "一、总体情况"), ("proactive", "二、主动公开政府信息情况"),
    ]


def test_headings_of_empty_sections_one_after_another_on_one_line_after_a_full_stop() -> None:
    """A copy on one line whose tables were left out: 二、 三、 四、 one right after another, the
    run opening after a full stop, are headings of sections with no text, not a list of contents."""
    text = "一、总体情况 全年发布信息90条。 " + " ".join(TITLES_2021[1:4]) + f" {TITLES_2021[4]} 人员不足。 {TITLES_2021[5]} 无。"
    assert [s.key for s in find_sections(text)] == list(SECTION_KEYS)


def test_a_table_of_contents_with_dot_leaders_is_no_sections() -> None:
    text = "目录\n一、总体情况..........1\n二、主动公开政府信息情况……2\n三、收到和处理政府信息公开申请情况 ...... 3\n"
    assert find_sections(text) == []


def test_a_heading_whose_numeral_was_lost_still_heads_its_section() -> None:
    """、概  述 at a line start (a copy dropped the 一): the overview; a 、 inside a line is no numbering."""
    text = OLD_FORMAT.replace("一、概述 2015年", "、概  述\n2015年")
    assert find_sections(text)[0].key == "overview"


def test_a_generic_overview_title_gives_way_to_a_proper_one() -> None:
    """一、概述 then 二、工作开展情况: the overview is 概述; the other is a section of its own."""
    text = ("某州2017年政府信息公开工作年度报告\n一、概述\n本年度工作有序推进。\n二、工作开展情况\n（一）加强领导。\n"
            "三、主动公开政府信息情况\n全年公开信息100条。\n四、依申请公开政府信息情况\n无。\n五、存在的主要问题及改进措施\n人员不足。\n")
    assert [(s.key, s.title) for s in find_sections(text)][:2] == [("overview", "一、概述"), ("extra", "二、工作开展情况")]
