"""Metadata of the real reports and of crafted titles, signatures and formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import meta as meta_module
from nlp.ingest import read_document
from nlp.meta import detect_format, extract_meta, level_of, places_in
from nlp.model import Document, Meta
from nlp.sections import find_sections


def meta_of(text: str, **doc: object) -> Meta:
    return extract_meta(Document(text=text, **doc), find_sections(text))  # type: ignore[arg-type]


def test_binggu(binggu: Path) -> None:
    meta = meta_of(binggu.read_text(encoding="utf-8"), encoding="utf-8")
    assert meta.agency == "米易县丙谷镇人民政府"  # the signature, not the title
    assert meta.year == 2023
    assert meta.published == date(2024, 1, 18)
    assert meta.format == "2021"
    assert meta.level == "township"
    assert meta.places == ["攀枝花市", "米易县", "丙谷镇"]
    assert meta.encoding == "utf-8"
    assert meta.converted_from_traditional is False


def test_huaian(huaian: Path) -> None:
    doc = read_document(huaian)
    meta = extract_meta(doc, find_sections(doc.text))
    assert meta.agency == "淮安市人民政府"  # no signature: from the two-line title
    assert meta.year == 2024
    assert meta.published == date(2025, 2, 25)  # no closing date: the PDF CreationDate
    assert meta.format == "2021"
    assert meta.level == "city"
    assert meta.places == ["淮安市"]


BODY_2021 = "\n正文。\n".join(
    ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
)  # fmt: skip


def test_chinese_numeral_date_and_signature_on_one_line() -> None:
    text = f"某县某镇2023年政府信息公开工作年度报告\n{BODY_2021}\n某县某镇人民政府  二〇二四年一月十八日\n"
    meta = meta_of(text, created=date(2024, 3, 1))
    assert meta.agency == "某县某镇人民政府"
    assert meta.published == date(2024, 1, 18)  # the printed date wins over file metadata


def test_year_after_agency_and_department_level() -> None:
    text = f"２０２２年某市交通运输局政府信息公开工作年度报告\n{BODY_2021}\n"
    meta = meta_of(text)
    assert meta.year == 2022
    assert meta.agency == "某市交通运输局"
    assert meta.level == "department"
    assert meta.places == ["某市"]
    assert meta.format == "2021"  # no table markers: by the year


def test_chinese_numeral_year_in_title() -> None:
    meta = meta_of(f"某区人民政府二〇二〇年政府信息公开工作年度报告\n{BODY_2021}")
    assert (meta.year, meta.level, meta.format) == (2020, "county", "2019")


def test_year_from_statistics_period() -> None:
    text = f"政府信息公开工作年度报告\n本报告统计期限自2021年1月1日至2021年12月31日。\n{BODY_2021}"
    assert meta_of(text).year == 2021


@pytest.mark.parametrize("comma", ["，", ","])
def test_a_preamble_naming_the_report_gives_the_body_without_its_verbs(comma: str) -> None:
    """Without a title line, the preamble that names the report (根据…规定，现公布某市人民政府
    2017年…年度报告) gives the body, not the words before it; 我局 names no one."""
    announced = meta_of(f"根据《条例》规定{comma}现公布某市人民政府2017年政府信息公开工作年度报告。\n{BODY_2021}")
    assert (announced.agency, announced.year, announced.level) == ("某市人民政府", 2017, "city")
    relative = meta_of(f"根据《条例》的要求{comma}特向社会公布2015年度我局政府信息公开工作年度报告。\n{BODY_2021}")
    assert (relative.agency, relative.year) == (None, 2015)


@pytest.mark.parametrize(
    ("line", "agency"),
    [("现特向社会公布2024年某水镇人民政府政府信息公开工作年度报告。", "某水镇人民政府"),
     ("根据要求，特编制某江市人民政府地方志办公室2023年政府信息公开工作年度报告。", "某江市人民政府地方志办公室"),
     ("本报告是由某京市信访办编制的2009年政府信息公开工作年度报告。", "某京市信访办"),
     ("某村镇政府编制2020年政府信息公开工作年度报告。", "某村镇政府"),
     ("现将我办2022年度政府信息公开工作年度报告如下。", None),
     ("根据《关于做好2022年度我市行政机关政府信息公开年度报告编制工作的通知》编制本报告。", None),
     ("本报告根据条例)以及2018年度某岛市各部门的信息公开工作年度报告编制。", None),
     ("名称 某迁市2017年政府信息公开年度报告", "某迁市"),  # a portal's label before the title
     ("Page 8 - 某海市某登区信访局2022年政府信息公开工作年度报告", "某海市某登区信访局"),  # page furniture
     ("现向社会公开《某南市人民政府办公室2022年政府信息公开工作年度报告》。", "某南市人民政府办公室"),
     ("某饶市人民政府根据全市2022年度政府信息公开工作开展情况,编制本报告。", "某饶市人民政府"),
     ("现公开区人民政府办公室2024年政府信息公开工作年度报告。", None),  # a place left out
     ("标 题 某藏自治区2014年政府信息公开工作年度报告", "某藏自治区"),  # a portal's label
     ("现就某勒县人民政府2020年政府信息公开工作情况报告如下。", "某勒县人民政府"),
     ("首页»某元市某州区人民政府嘉陵街道2022年政府信息公开工作年度报告", "某元市某州区人民政府嘉陵街道"),  # a breadcrumb
     ("根据条例规定，现编制某溪区2017年政府信息公开工作年度报告。", "某溪区")],
)  # fmt: skip
def test_a_preamble_gives_the_body_not_the_words_around_it(line: str, agency: str | None) -> None:
    """Verbs around the body's name in a preamble are dropped (现特向社会公布, 特编制, 由…编制的);
    现将我办 names no one; a title inside 《…》 is a notice's, not the report's; words that do
    not end as a body or a place does (）以及) are no name."""
    assert meta_of(f"{line}\n{BODY_2021}").agency == agency


def test_the_preamble_under_the_first_heading_names_the_body() -> None:
    """A report that opens with 一、总体情况 names itself in the first lines under it."""
    text = "一、总体情况\n根据条例的要求，某兴市某城区东湖街道特编制2023年政府信息公开年度报告。\n" + BODY_2021.split("\n", 1)[1]
    meta = meta_of(text)
    assert (meta.agency, meta.level, meta.year) == ("某兴市某城区东湖街道", "township", 2023)


def test_a_title_naming_no_place_gives_way_to_the_preamble_after_it() -> None:
    meta = meta_of(f"市人民政府办公室2021年政府信息公开工作年度报告\n"
                   f"根据条例要求，现公开某门市人民政府办公室2021年政府信息公开工作年度报告。\n{BODY_2021}")
    assert (meta.agency, meta.year) == ("某门市人民政府办公室", 2021)


def test_a_copy_cut_after_a_line_naming_a_website_has_no_signature() -> None:
    meta = meta_of(f"{BODY_2021}\n（四）公开平台\n依托区门户网站")
    assert meta.agency is None


def test_the_contact_in_the_preamble_names_the_body_and_a_page_header_its_date() -> None:
    """Without a title naming the body or a signature, the government a preamble asks readers to
    contact (its office cut off) is the body; a page's header line 时间：2019-01-18 is the date."""
    text = ("作者：本站原创 | 来源：本站原创 | 时间：2019-01-18 点击数：-\n"
            "本年报中所列数据的统计期限自2018年1月1日起至2018年12月31日止。如有疑问，请与白云乡人民政府党政办联系（电话：1）。\n"
            f"{BODY_2021}")
    meta = meta_of(text)
    assert (meta.agency, meta.level, meta.published) == ("白云乡人民政府", "township", date(2019, 1, 18))
    bureau = meta_of(f"如对本报告有任何疑问，请与某侯县水利局办公室联系。\n{BODY_2021}")
    assert (bureau.agency, bureau.level) == ("某侯县水利局", "department")


def test_portal_header_fields_name_the_agency_and_the_date() -> None:
    """A copy of a portal page keeps the fields printed above the report (索引号, 发布机构,
    发布日期, here as a pipe-drawn table and with spaced labels): without a title naming the
    agency and without a signature, they give the agency and the date."""
    from nlp.ingest import document_from_text

    header = (
        "索 引 号：QH-2016-0007 | 主题分类：政务公开/年度报告 | |\n"
        "发布机构：某县审计局 | 关 键 词：年报 | |\n"
        "成文日期：2016-03-25 | 发 布 日 期：2016-04-06 | |\n"
    )
    body = "本报告数据的统计时段为2015年1月至12月。\n一、主动公开政府信息情况\n全年通过门户网站发布各类信息41条。\n"
    doc = document_from_text(header + body)
    meta = extract_meta(doc, find_sections(doc.text))
    assert (meta.agency, meta.level, meta.places) == ("某县审计局", "department", ["某县"])
    assert (meta.year, meta.published) == (2015, date(2016, 4, 6))
    # the title and the signature are trusted first
    cells = document_from_text("发布机构 | 某县统计局 | 发文日期 | 2016-02-27 |\n" + body)  # label and value in cells
    meta = extract_meta(cells, find_sections(cells.text))
    assert (meta.agency, meta.published) == ("某县统计局", date(2016, 2, 27))
    # a page posted again years later does not date the report
    repost = document_from_text("发布机构 | 某县统计局 | 发文日期 | 2018-02-27 |\n" + body)
    assert extract_meta(repost, find_sections(repost.text)).published is None
    unit = document_from_text("发布单位 | 某省交通运输厅 | 公开日期 | 2011-03-31 |\n" + body)  # other labels
    meta = extract_meta(unit, find_sections(unit.text))
    assert (meta.agency, meta.published) == ("某省交通运输厅", date(2011, 3, 31))
    signed = meta_of(f"某县某镇2023年政府信息公开工作年度报告\n发布机构：某县审计局\n发布日期：2024-02-01\n"
                     f"{BODY_2021}\n某县某镇人民政府  二〇二四年一月十八日\n")
    assert (signed.agency, signed.published) == ("某县某镇人民政府", date(2024, 1, 18))


def test_invalid_closing_date_falls_back_to_created() -> None:
    text = f"某乡2023年政府信息公开工作年度报告\n{BODY_2021}\n某乡人民政府\n2024年2月30日\n"
    assert meta_of(text, created=date(2024, 2, 2)).published == date(2024, 2, 2)


@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("淮安市人民政府", "city"),
        ("某县某镇人民政府", "township"),
        ("某市某区某某街道办事处", "township"),
        ("某县人民政府", "county"),
        ("某某自治县人民政府", "county"),
        ("某某自治州人民政府", "city"),
        ("某某自治区人民政府", "province"),
        ("江苏省人民政府", "province"),
        ("上海市人民政府", "province"),
        ("淮安市人民政府办公室", "department"),
        ("某县住房和城乡建设局", "department"),
        ("某省发展和改革委员会", "department"),
        ("某市政务服务中心", "department"),
        ("和平街道", "township"),  # 和 may start a place name
        ("荔北里街", "township"),  # a 街 is a 街道
        ("壶镇镇人民政府", "township"),  # a 镇 whose name ends in 镇
        ("拖市镇", "township"),  # a 镇 whose name holds 市
        ("某元市某州区人民政府河西街道办事处", "township"),  # a 街道 under its district's name
        ("某山市某河区永和镇", "township"),  # 和 inside a name, before its suffix
        ("某花市仁和区某坝乡", "township"),
        ("某海关关区", "department"),
    ],
)
def test_levels(agency: str, level: str) -> None:
    assert level_of(agency, places_in(agency)) == level


def test_county_level_city_needs_a_prefecture_before_it() -> None:
    places = places_in("江苏省苏州市昆山市")
    assert places == ["江苏省", "苏州市", "昆山市"]
    assert level_of("昆山市人民政府", places) == "county"
    assert level_of("苏州市人民政府", ["江苏省", "苏州市"]) == "city"


@pytest.mark.parametrize("agency", ["桐城市人民政府", "兴仁市人民政府", "义乌市政府"])
def test_a_listed_county_level_city_is_a_county_without_its_prefecture(agency: str) -> None:
    assert level_of(agency, places_in(agency)) == "county"


def test_a_prefecture_level_city_alone_stays_a_city() -> None:
    assert level_of("安庆市人民政府", ["安庆市"]) == "city"


def test_places_stop_at_the_body_name() -> None:
    assert places_in("杭州市西湖区某某街道") == ["杭州市", "西湖区", "某某街道"]
    assert places_in("某县住房和城乡建设局") == ["某县"]
    assert places_in("某某朝鲜族自治州") == ["某某朝鲜族自治州"]
    assert places_in(None) == []


def test_format_markers() -> None:
    assert detect_format("（六）其他处理\t2.申请人逾期未按收费通知要求缴纳费用", [], 2020) == "2021"
    assert detect_format("信息内容\t本年新制作数量\t本年新公开数量", [], 2022) == "2019"
    overview = find_sections("一、总体情况\n正文。\n")
    assert detect_format("", overview, 2017) == "pre-2019"
    assert detect_format("", [], 2017) is None  # no section, no table: a page about a report, say
    assert detect_format("", [], None) is None
    old = "一、概述\n正文。\n二、依申请公开政府信息情况\n正文。\n"
    assert detect_format(old, find_sections(old), None) == "pre-2019"
    fees = "一、总体情况\n正文。\n四、政府信息公开的收费及减免情况\n正文。\n"
    assert detect_format(fees, find_sections(fees), 2019) == "pre-2019"


def test_traditional_flag_is_copied() -> None:
    meta = meta_of(f"某镇2023年政府信息公开工作年度报告\n{BODY_2021}", converted_from_traditional=True)
    assert meta.converted_from_traditional is True


LINE_PIECES = ["甲", "x" * 900, "\n", "\r\n", "\u2028", " ", "- 3 -", "第3页", "，", "\n" * 700]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=40), st.sampled_from([1, 4]))
def test_last_lines_read_from_the_end_are_the_last_lines(pieces: list[str], limit: int) -> None:
    text = "".join(pieces)
    read = meta_module._lines(reversed(text.splitlines()), limit)[::-1]
    assert meta_module._last_lines(text, limit) == read


@pytest.mark.parametrize(
    ("head", "agency", "year"),
    [("某某市人民政府2016年\n政府信息公开工作年度报告", "某某市人民政府", 2016),  # a title wrapped onto two lines
     ("某某市工业和信息化局\n政府信息公开工作年度报告", "某某市工业和信息化局", None),  # and without its year
     ("某某总署（本级机关）2020年政府信息公开工作年度报告", "某某总署", 2020),  # a note after the name
     ("根据《关于做好2020年度政府信息公开工作年度报告的通知》，现公布某某市人民政府办公室2020年政府信息公开工作年度报告。",
      "某某市人民政府办公室", 2020)],  # a quoted notice first, the report's own title after it
)  # fmt: skip
def test_titles_over_two_lines_without_a_year_or_after_a_quoted_notice(head: str, agency: str, year: int | None) -> None:
    meta = meta_of(f"{head}\n{BODY_2021}")
    assert (meta.agency, meta.year) == (agency, year)


def test_a_breadcrumb_or_a_sentence_above_a_title_is_not_its_first_line() -> None:
    assert meta_of(f"信息公开>年度报告\n某某县人民政府2021年政府信息公开工作年度报告\n{BODY_2021}").agency == "某某县人民政府"
    assert meta_of(f"某某医院政府信息公开工作年度报告\n{BODY_2021}").agency is None  # names no place


@pytest.mark.parametrize(
    ("preamble", "agency"),
    [("如对本报告有疑问，请与某某市政府信息公开办公室联系。", "某某市政府"),
     ("如有疑问，或直接与某某市人民政府办公室联系。", "某某市人民政府"),
     ("如有疑问，请联系：某某县人民政府办公室，电话1。", "某某县人民政府"),
     ("如有疑问，请联系某某县教体局。", "某某县教体局"),
     ("请联系：某某市某某区人民政府某某街道办事处；联系电话：1。", "某某市某某区人民政府某某街道办事处"),
     ("请与某某市高新区管委会党政办公室联系。", "某某市高新区管委会"),
     ("本年度报告由某某县人民政府办公室编制。", "某某县人民政府"),
     ("本报告由某某市公安局编制而成。", "某某市公安局"),
     ("请与市政府办公室联系。", None)],  # a name without its place names no one
)  # fmt: skip
def test_the_body_to_contact_or_that_made_the_report(preamble: str, agency: str | None) -> None:
    assert meta_of(f"{preamble}\n{BODY_2021}").agency == agency
    # under the first heading too
    assert meta_of(BODY_2021.replace("一、总体情况\n", f"一、总体情况\n{preamble}\n", 1)).agency == agency


@pytest.mark.parametrize(
    ("fields", "agency", "published"),
    [("单位：某某市自然资源局\n", "某某市自然资源局", None),
     ("【公布日期】2021.03.03\n", None, date(2021, 3, 3)),
     ("• 发布日期\n2023-01-19\n", None, date(2023, 1, 19)),
     ("公文生成日期：2014-03-05\n", None, date(2014, 3, 5)),
     ("公文生成日期：2012-03-31\n发布日期：2012-01-19\n", None, date(2012, 1, 19))],  # 发布 first
)  # fmt: skip
def test_more_portal_fields(fields: str, agency: str | None, published: date | None) -> None:
    meta = meta_of(f"{fields}2022年政府信息公开工作年度报告\n{BODY_2021}")
    assert (meta.agency, meta.published) == (agency, published)


def test_a_word_after_the_place_is_no_suffix_of_it() -> None:
    assert places_in("某某县市场监督管理局") == ["某某县"]
    assert places_in("某某县乡村振兴局") == ["某某县"]
    assert places_in("县乡村振兴局") == []  # (not 县乡: the county's rural revitalisation bureau)
    assert places_in("拖市镇人民政府") == ["拖市镇"]  # a suffix's character inside the name still counts


def test_a_date_alone_in_brackets_under_the_title_and_其他处理_in_the_narrative() -> None:
    meta = meta_of(f"某某县某某局2024年政府信息公开工作年度报告\n（2025年1月22日）\n{BODY_2021}\n其他处理3件。")
    assert meta.published == date(2025, 1, 22)
    assert meta.format == "2021"  # 其他处理 is a row of the 2021 table 3 too: no sign of the 2019 format


def test_places_after_a_government_a_national_administration_or_a_zone() -> None:
    assert places_in("某某区人民政府某某街道办事处") == ["某某区", "某某街道"]
    assert places_in("国家税务总局某某市某某区税务局") == ["某某市", "某某区"]
    assert places_in("经济技术开发区经济发展局") == []  # a zone's kind alone names no place
    assert places_in("某某市高新区") == ["某某市", "高新区"]


def test_the_issuer_of_a_covering_letter_and_a_制定机关_field() -> None:
    meta = meta_of(f"某某市人民政府关于报送某某市2020年度政府信息公开工作年度报告的函\n{BODY_2021}")
    assert (meta.agency, meta.level) == ("某某市人民政府", "city")
    assert meta_of(f"【制定机关】某某市统计局\n2020年政府信息公开工作年度报告\n{BODY_2021}").agency == "某某市统计局"


@pytest.mark.parametrize(
    ("fields", "published"),
    [("发布日期 2021-02-20\n", date(2021, 2, 20)), ("成文日期：2013-01-29\n", date(2013, 1, 29)),
     ("发表日期:2020-01-16\n", date(2020, 1, 16))],
)  # fmt: skip
def test_dates_after_spaces_and_other_labels(fields: str, published: date) -> None:
    assert meta_of(f"{fields}2022年政府信息公开工作年度报告\n{BODY_2021}").published == published


@pytest.mark.parametrize(
    ("head", "agency"),
    [("根据条例，某某区政务公开工作领导小组办公室编制了某某区人民政府2021年政府信息公开工作年度报告。", "某某区人民政府"),
     ("根据条例，精心编制我局2016年度政府信息公开年度报告。", None),  # 我局 names no one
     ("根据条例要求，某某旗人民政府办公室编制了2017年政府信息公开工作报告。", "某某旗人民政府办公室")],
)  # fmt: skip
def test_a_verb_of_making_inside_the_words_before_the_year(head: str, agency: str | None) -> None:
    assert meta_of(f"{head}\n{BODY_2021}").agency == agency


def test_a_prefecture_ending_in_州_before_a_district_and_the_信息来源_field() -> None:
    assert places_in("甘州区北街街道办事处") == ["甘州区", "北街街道"]
    assert meta_of(f"信息来源：某某区人力资源和社会保障局\n2013年政府信息公开工作年度报告\n{BODY_2021}").agency == "某某区人力资源和社会保障局"


def test_a_portal_field_naming_no_place_names_no_one() -> None:
    assert meta_of(f"信息来源：市政府办公室\n2022年政府信息公开工作年度报告\n{BODY_2021}").agency is None


@pytest.mark.parametrize(
    ("preamble", "agency"),
    [("本报告由某某县民政局根据《中华人民共和国政府信息公开条例》规定编制。", "某某县民政局"),
     ("本报告由某某县人民政府办公室（以下简称县政府办公室）编制。", "某某县人民政府"),
     ("如有疑问，请联系：某某区企业服务中心党政办公室。", "某某区企业服务中心"),
     ("现向社会公开2016年度镇政府信息公开年度报告。", None)],  # 镇 alone names no one
)  # fmt: skip
def test_makers_contacts_and_names_of_one_character(preamble: str, agency: str | None) -> None:
    assert meta_of(f"{preamble}\n{BODY_2021}").agency == agency


def test_a_bare_date_under_the_title_and_城市_is_no_place() -> None:
    meta = meta_of(f"某某市人力资源和社会保障局2021年政府信息公开工作年度报告\n2022年01月17日\n{BODY_2021}")
    assert meta.published == date(2022, 1, 17)
    assert places_in("某某区城市管理局") == ["某某区"] and places_in("区城市规划建设局") == []


def test_a_signature_on_the_line_of_the_last_sentence_and_words_a_cut_title_left() -> None:
    meta = meta_of(f"{BODY_2021}\n全年工作有序推进。 某某区某某街道办事处 二○○九年三月二十日")
    assert (meta.agency, meta.published) == ("某某区某某街道办事处", date(2009, 3, 20))
    assert meta_of(f"工作年度报告某某县民政局2017年政府信息公开工作年度报告\n{BODY_2021}").agency == "某某县民政局"


@pytest.mark.parametrize(
    ("head", "agency", "level"),
    [("网站首页 > 政府信息公开年度工作报告 > 某某乡人民政府2024年政府信息公开工作年度报告", "某某乡人民政府", "township"),
     ("现公布某某旗民族事务委员会（以下简称旗民委）2024年政府信息公开工作年度报告。", "某某旗民族事务委员会", "department"),
     ("某某区安镇街道2025年政府信息公开工作年度报告", "某某区安镇街道", "township"),
     ("由某某区人民政府办公室编制。如有疑问，请与某某区信息化工作中心办公室联系。", "某某区人民政府", "county"),
     ("如有疑问，请与某某县某某乡办公室联系。", "某某县某某乡", "township"),
     ("发布机构：政府办公室\n2021年政府信息公开工作年度报告", None, None),
     ("由市民政局编制。如有疑问，请与某某市民政局联系。", "某某市民政局", "department")],
)  # fmt: skip
def test_breadcrumbs_notes_streets_makers_and_names_without_a_place(head: str, agency: str | None, level: str | None) -> None:
    meta = meta_of(f"{head}\n{BODY_2021}")
    assert (meta.agency, meta.level) == (agency, level)


@pytest.mark.parametrize(
    ("line", "published"),
    [("• 2024-03-08", date(2024, 3, 8)), ("2024-01-26   某某县人民政府办公室", date(2024, 1, 26)),
     ("撰写时间\n2024年01月12日", date(2024, 1, 12))],
)  # fmt: skip
def test_more_dates_under_the_title(line: str, published: date) -> None:
    assert meta_of(f"某某县2023年政府信息公开工作年度报告\n{line}\n{BODY_2021}").published == published


@pytest.mark.parametrize(
    ("first", "agency"),
    [("2024年，某某市人民政府办公厅坚持以公开为常态，全面推进政务公开。", "某某市人民政府办公厅"),
     ("2023年，某某镇人民政府认真贯彻落实条例。", "某某镇人民政府"),
     ("2023年，我镇认真贯彻落实条例。", None), ("2020年，自治区政府办公厅认真贯彻落实条例。", None)],
)  # fmt: skip
def test_the_body_the_overview_opens_with_when_nothing_else_names_it(first: str, agency: str | None) -> None:
    assert meta_of(BODY_2021.replace("一、总体情况\n", f"一、总体情况\n{first}\n", 1)).agency == agency
    assert places_in("某某区矿市街道") == ["某某区", "矿市街道"]


def test_a_title_naming_a_level_without_its_place_names_no_one() -> None:
    assert meta_of(f"县教育局2023年政府信息公开工作年度报告\n{BODY_2021}").agency is None
    assert meta_of(f"乡宁县民政局2023年政府信息公开工作年度报告\n{BODY_2021}").agency == "乡宁县民政局"


@pytest.mark.parametrize(
    ("head", "agency"),
    [("某某区供销合作社2018年政府信息公开工作年度报告", "某某区供销合作社"),
     ("本报告由某某市供销联社结合工作实际编制。", "某某市供销联社"),
     ("本报告由某某省人防办编制。", "某某省人防办"),
     ("如有疑问，请与某某市残疾人联合会联系。", "某某市残疾人联合会"),
     ("现发布某某市民族事务委员会（宗教事务局）2024年政府信息公开工作年度报告。", "某某市民族事务委员会")],
)  # fmt: skip
def test_cooperatives_federations_civil_defence_offices_and_second_names(head: str, agency: str) -> None:
    assert meta_of(f"{head}\n{BODY_2021}").agency == agency


def test_a_portal_menu_above_the_title_does_not_push_it_out_of_the_first_lines() -> None:
    menu = "|\nEN\n|\n" + "".join(f"  • {item}\n" for item in ["网站首页", "政府信息公开", "政务服务", "政民互动", "数据开放",
                                                            "东盟之窗", "美丽风光", "新媒体矩阵", "微信", "微博"])
    meta = meta_of(f"{menu}当前位置：首页 > 公告公示\n某某自治区人民政府办公厅2020年政府信息公开工作年度报告\n{BODY_2021}")
    assert meta.agency == "某某自治区人民政府办公厅"


@pytest.mark.parametrize(
    ("preamble", "agency"),
    [("根据条例要求，某某县教育体育局现向社会公开《2023年政府信息公开工作年度报告》。", "某某县教育体育局"),
     ("某某县住房和城乡建设局特向社会公布2024年度本机关信息公开工作报告。", "某某县住房和城乡建设局"),
     ("根据条例的规定和某某市人民政府办公室《关于做好2010年政府信息公开年度报告编制工作的通知》的要求，"
      "现将我办2010年度政府信息公开情况报告如下。", None)],  # (the notice's sender is not the body)
)  # fmt: skip
def test_the_body_before_the_reports_own_quoted_title(preamble: str, agency: str | None) -> None:
    assert meta_of(f"{preamble}\n{BODY_2021}").agency == agency


def test_a_中文名_cell_and_a_subject_opening_with_在() -> None:
    assert meta_of(f"中文名 | 某某省2011年政府信息公开工作年度报告 |\n{BODY_2021}").agency == "某某省"
    first = "2010年，某某县统计局在县委、县政府的领导下，认真贯彻条例。"
    assert meta_of(BODY_2021.replace("一、总体情况\n", f"一、总体情况\n{first}\n", 1)).agency == "某某县统计局"


@pytest.mark.parametrize(
    ("line", "published"),
    [("2024-01-22 17:49:17", date(2024, 1, 22)), ("  • 2024-02-10 15:59", date(2024, 2, 10)),
     ("2024-03-28   来源：某某县人民政府", date(2024, 3, 28)), ("2024年01月18日来源:1", date(2024, 1, 18)),
     ("2024/3/1", date(2024, 3, 1)), ("某某县人民政府办公室 2024-04-15", date(2024, 4, 15)),
     ("某某县人民政府门户网站 www.example.gov.cn 2024-01-28", date(2024, 1, 28)),
     ("更新时间：2024-04-07", date(2024, 4, 7)), ("上载日期: 2024-03-23", date(2024, 3, 23)),
     ("添加时间:2024-01-25", date(2024, 1, 25)), ("[ 公开日期 ] | 2024-03-25", date(2024, 3, 25))],
)  # fmt: skip
def test_dates_a_page_prints_with_a_time_a_source_a_site_or_a_label(line: str, published: date) -> None:
    assert meta_of(f"某某县2023年政府信息公开工作年度报告\n{line}\n{BODY_2021}").published == published


def test_a_date_after_the_title_on_its_line_and_the_report_s_own_date_before_a_post_stamp() -> None:
    assert meta_of(f"某某区某某街道2024年政府信息公开工作年度报告 2025-01-22\n{BODY_2021}").published == date(2025, 1, 22)
    head = "2017年度某某县卫生局政务信息公开工作报告\n2018-03-19 10:40 来源:县卫生局\n2018年3月12日"
    assert meta_of(f"{head}\n{BODY_2021}").published == date(2018, 3, 12)  # the report's own date first
    repost = "某某市住房和城乡建设局2020年政府信息公开工作年报\n发布时间\n2023年10月07日 09:37:09"
    assert meta_of(f"{repost}\n{BODY_2021}").published is None  # posted again three years on


def test_a_place_opening_with_本_and_zones_named_as_places() -> None:
    meta = meta_of(f"本溪高新技术产业开发区管理委员会2023年政府信息公开工作年度报告\n{BODY_2021}")
    assert (meta.agency, meta.level) == ("本溪高新技术产业开发区管理委员会", "department")
    assert meta_of(f"本溪市某某局2023年政府信息公开工作年度报告\n{BODY_2021}").agency == "本溪市某某局"
    assert meta_of(f"本局2023年政府信息公开工作年度报告\n{BODY_2021}").agency is None
    for zone in ("某某经济技术开发区", "某某工业园区", "某某市高新区"):
        assert level_of(zone, places_in(zone)) == "department", zone
    assert level_of("上海市浦东新区", places_in("上海市浦东新区")) == "county"  # a district, not a zone
    meta = meta_of(f"[ 发布机构 ] | 某某县某某经济开发区管委会 |\n2023年政府信息公开工作年度报告\n{BODY_2021}")
    assert meta.agency == "某某县某某经济开发区管委会"


@pytest.mark.parametrize(
    ("head", "agency", "level"),
    [("某某海关2021年政府信息公开工作年度报告", "某某海关", "department"),
     ("某某海关关区2021年政府信息公开工作年度报告", "某某海关关区", "department"),
     ("如有疑问，请联系某某市人民政府外事办公室综合处。", "某某市人民政府外事办公室", "department"),
     ("如有疑问，请与某某市政府信息公开办公室联系。", "某某市政府", "city"),  # the government's own office
     ("如有疑问，可联系某某县人民政府办公室。", "某某县人民政府", "county"),
     ("如有疑问，请与某某市公安局（地址：某某路1号；电话：0000-1234567）联系。", "某某市公安局", "department"),
     ("本报告由某某市生态环境局制作。", "某某市生态环境局", "department"),
     ("本报告由某某区管理委员会根据《中华人民共和国政府信息公开条例》《某某市政务公开工作要点》和《关于做好年度报告工作的通知》要求编制。",
      "某某区管理委员会", "department"),
     ("某某部编制了本级行政机关2019年政府信息公开工作年度报告。", "某某部", "department"),
     ("发布单位：市人力社保局\n2023年政府信息公开工作年度报告", None, None)],  # no place: no one
)  # fmt: skip
def test_customs_named_offices_contacts_and_makers(head: str, agency: str | None, level: str | None) -> None:
    meta = meta_of(f"{head}\n{BODY_2021}")
    assert (meta.agency, meta.level) == (agency, level)


@pytest.mark.parametrize(
    ("first", "agency"),
    [("某某市卫生健康委是主管全市卫生健康工作的部门。", "某某市卫生健康委"),
     ("2022年，在区委区政府的正确领导下，某某经济开发区管理委员会认真贯彻条例。", "某某经济开发区管理委员会"),
     ("2019年，某某市高新区管委会办公室政务公开工作按照上级要求推进。", "某某市高新区管委会办公室"),
     ("某某镇通过政务门户网站公开政府信息。", "某某镇")],
)  # fmt: skip
def test_more_openings_of_the_overview_name_the_body(first: str, agency: str) -> None:
    assert meta_of(BODY_2021.replace("一、总体情况\n", f"一、总体情况\n{first}\n", 1)).agency == agency


def test_places_with_和_a_乡_before_市_and_a_街() -> None:
    assert places_in("某山市某河区永和镇") == ["某山市", "某河区", "永和镇"]
    assert places_in("湘乡市金石镇") == ["湘乡市", "金石镇"]  # 乡 before 市 is part of the name
    assert places_in("上海市某区共和新路街道") == ["上海市", "某区", "共和新路街道"]
    assert places_in("某市某区某湖街") == ["某市", "某区", "某湖街"]  # a 街 is a 街道
    assert places_in("某县住房和城乡建设局") == ["某县"]  # not a place 住房和城乡


@pytest.mark.parametrize(
    ("head", "agency", "level"),
    [("本报告由某某省教育厅编制。", "某某省教育厅", "department"),
     ("本报告由某某省卫生计生委根据《中华人民共和国政府信息公开条例》编制。", "某某省卫生计生委", "department"),
     ("如有疑问，请与某某省交通运输厅政府信息公开领导小组办公室联系。", "某某省交通运输厅", "department"),
     ("某某地区行政公署2015年政府信息公开工作年度报告", "某某地区行政公署", "city"),
     ("某某区人民政府某某办事处2021年政府信息公开工作年度报告", "某某区人民政府某某办事处", "township"),
     ("某某新区某某发展局（某某片区管委会）2022年政府信息公开工作年度报告", "某某新区某某发展局", "department")],
)  # fmt: skip
def test_provincial_departments_prefectures_and_streets(head: str, agency: str, level: str) -> None:
    meta = meta_of(f"{head}\n{BODY_2021}")
    assert (meta.agency, meta.level) == (agency, level)


def test_a_street_named_short_and_a_date_after_the_source() -> None:
    assert meta_of(BODY_2021.replace("一、总体情况\n", "一、总体情况\n2022年，某某街以条例为遵循推进公开。\n", 1)).level == "township"
    head = "某某州某某局2021年政府信息公开工作年度报告\n来源:州某某局时间:2022年01月26日"
    assert meta_of(f"{head}\n{BODY_2021}").published == date(2022, 1, 26)


@pytest.mark.parametrize(("line", "published"), [("（2024-01-06）", date(2024, 1, 6)), ("2024 年元月5日", date(2024, 1, 5))])
def test_a_bracketed_iso_date_and_元月(line: str, published: date) -> None:
    assert meta_of(f"某某县2023年政府信息公开工作年度报告\n{line}\n{BODY_2021}").published == published


def test_a_day_first_date_with_a_time_under_the_title() -> None:
    assert meta_of(f"某某省某某厅2016年政府信息公开工作年度报告\n23.03.2017  10:37\n{BODY_2021}").published == date(2017, 3, 23)


@pytest.mark.parametrize(
    ("head", "agency"),
    [("首页 > (图文)某某市人民政府2023年度政府信息公开工作年度报告", "某某市人民政府"),
     ("某某省人民政府研究室（发展研究中心）2011年政府信息公开工作年度报告", "某某省人民政府研究室")],
)  # fmt: skip
def test_a_tag_before_the_title_and_a_centre_as_a_second_name(head: str, agency: str) -> None:
    assert meta_of(f"{head}\n{BODY_2021}").agency == agency


def test_a_label_right_before_its_date_and_an_overview_opening_without_a_comma() -> None:
    assert meta_of(f"某某县2024年政府信息公开工作年度报告\n- 发布日期2025-01-16\n{BODY_2021}").published == date(2025, 1, 16)
    first = "2015年某某镇成立了政府信息公开工作领导小组。"
    assert meta_of(BODY_2021.replace("一、总体情况\n", f"一、总体情况\n{first}\n", 1)).agency == "某某镇"


@pytest.mark.parametrize(
    ("first", "agency"),
    [("2020年，某英县认真贯彻落实条例。", "某英县"), ("2021年，全县认真贯彻落实条例。", None),
     ("2021年，园区认真贯彻落实条例。", None)],  # a place as the subject; not 全县 nor a bare 园区
)  # fmt: skip
def test_a_place_opening_the_overview_names_the_body(first: str, agency: str | None) -> None:
    assert meta_of(BODY_2021.replace("一、总体情况\n", f"一、总体情况\n{first}\n", 1)).agency == agency


@pytest.mark.parametrize(("line", "published"), [("- 2024-02-15 19:38", date(2024, 2, 15)),
                                                   ("2024年01月25日 (点击: ) | ||", date(2024, 1, 25))])
def test_a_dashed_date_line_and_a_click_counter(line: str, published: date) -> None:
    assert meta_of(f"某某县2023年政府信息公开工作年度报告\n{line}\n{BODY_2021}").published == published


def test_a_tables_caption_names_the_body_when_nothing_else_does() -> None:
    """单位：某市某局 above a table names the body (and so its place and level); 单位：件 does not."""
    body = BODY_2021.replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n单位：件\n单位：青禾市自然资源和规划局 2023年度\n", 1)
    meta = meta_of(body)
    assert (meta.agency, meta.level, meta.places) == ("青禾市自然资源和规划局", "department", ["青禾市"])
    assert meta_of(BODY_2021.replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n单位：件\n", 1)).agency is None


@pytest.mark.parametrize(("said", "level"), [("我街道", "township"), ("本镇", "township"), ("我乡", "township"),
                                             ("我乡村振兴局", None), ("我局", None)])
def test_a_nameless_report_that_calls_itself_a_township_is_township_level(said: str, level: str | None) -> None:
    meta = meta_of(BODY_2021.replace("一、总体情况\n正文。", f"一、总体情况\n2023年{said}未收到政府信息公开申请。", 1))
    assert (meta.agency, meta.level) == (None, level)


def test_a_province_bureau_named_by_its_level_names_no_place() -> None:
    """省市场监管局: 省 names the level and 市场 opens the bureau's name; no place 省市."""
    assert places_in("省市场监管局") == []
    assert level_of("省市场监管局", []) == "department"
