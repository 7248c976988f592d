"""Text stage: segmentation with the domain dictionary, and sentence splitting."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLES
from nlp.model import Section
from nlp.sections import find_sections
from nlp.text import (
    narrative_sentences,
    remove_stopwords,
    segment,
    segmented,
    split_sentences,
)
from nlp.text.segment import DOMAIN_DICT, load_domain_terms
from nlp.text.sentences import unbreak, wrap_width

BACKENDS = ("rjieba", "jieba")
REQUIRED_WHOLE = ("政务公开", "依申请公开", "政府信息公开", "政务新媒体", "三安全一稳定", "信息处理费", "勾稽关系")
SPLIT_BY_PLAIN_JIEBA = ("政务公开", "依申请公开", "政务新媒体", "三安全一稳定", "信息处理费")


def _plain_jieba():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba

        return jieba.Tokenizer()


def _document_text(path: Path) -> str:
    """Text of a report: nlp.ingest when it is there, else the file (pdfplumber for a PDF)."""
    try:
        from nlp.ingest import read_document
    except ImportError:
        if path.suffix == ".pdf":
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)
        return path.read_text(encoding="utf-8")
    return read_document(path).text


def _section(text: str, title: str, next_title: str) -> tuple[int, int]:
    start = text.index(title)
    return start, text.index(next_title, start)


# ---- dictionary and segmentation ---------------------------------------------------------------


def test_dictionary_file_is_jieba_userdict_format():
    lines = DOMAIN_DICT.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 300
    for line in lines:
        word, freq, tag = line.split(" ")
        assert int(freq) > 0 and re.fullmatch("[a-z]+", tag)
    terms = load_domain_terms()
    assert len(terms) == len(set(terms)) == len(lines)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("word", REQUIRED_WHOLE)
def test_domain_words_come_out_whole(backend, word):
    assert word in segment(f"我镇进一步做好{word}相关工作。", backend)
    assert segment(word, backend) == [word]


@pytest.mark.parametrize("word", SPLIT_BY_PLAIN_JIEBA)
def test_plain_jieba_splits_domain_words(word):
    assert word not in _plain_jieba().lcut(f"我镇进一步做好{word}相关工作。")


def test_dictionary_keeps_ordinary_words():
    tokens = segment("本年度无依申请公开情况，工作人员业务能力有待提高。")
    assert ["本年度", "无", "依申请公开", "情况"] == tokens[:4]
    assert "工作人员" in tokens and "有待" in tokens


@pytest.mark.parametrize("backend", BACKENDS)
def test_numbers_and_dates_are_single_tokens(backend):
    text = (
        "主动公开信息７２条，受理3,119件，收费96171.6万元，合格率100%，公开5500余条，"
        "2023年，2023年度，2024年1月18日，2024 年 1 月 1 日，12月31日，2024-01-18，二〇二四年一月十八日，"
        "拨打12345热线"
    )
    tokens = segment(text, backend)
    for expected in (
        "７２", "3,119", "96171.6", "100%", "5500", "2023年", "2023年度", "2024年1月18日",
        "2024 年 1 月 1 日", "12月31日", "2024-01-18", "二〇二四年一月十八日", "12345热线",
    ):  # fmt: skip
        assert expected in tokens
    assert "余条" in tokens or "余" in tokens


def test_a_list_comma_is_not_a_thousands_separator():
    assert segment("1,2,3")[:2] == ["1", ","]
    assert "3" in segment("共3，100条")


def test_segmented_is_space_joined_without_inner_whitespace():
    assert segmented("2023 年，丙谷镇主动公开信息 72 条。") == "2023年 ， 丙谷 镇 主动公开 信息 72 条 。"
    assert segmented("  \n ") == ""


def test_remove_stopwords_keeps_role_words():
    tokens = segment("我镇将进一步加强政务公开的培训，但仍存在不足。")
    kept = remove_stopwords(tokens)
    assert "的" not in kept and "，" not in kept and "。" not in kept
    for word in ("将", "进一步", "加强", "政务公开", "不足", "仍"):
        assert word in kept


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="backend"):
        segment("政务公开", "thulac")


def test_importing_nlp_text_loads_no_segmenter():
    code = (
        "import sys, nlp.text\n"
        "assert 'jieba' not in sys.modules and 'rjieba' not in sys.modules\n"
        "nlp.text.segment('政务公开')\n"
        "assert 'rjieba' in sys.modules and 'jieba' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_jieba_backend_is_quiet():
    code = "import nlp.text as t; t.segment('政务公开', 'jieba')"
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus" / "sentences").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    for path in sorted(SAMPLES.glob("*")):
        if path.suffix in (".txt", ".html", ".md"):
            texts += path.read_text(encoding="utf-8").splitlines()
    return texts


def test_backends_agree_on_corpus():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("no corpus sentences or samples yet")
    differ = [t for t in texts if segment(t, "rjieba") != segment(t, "jieba")]
    assert differ == []


def test_backends_agree_on_real_reports(binggu, huaian):
    for path in (binggu, huaian):
        text = _document_text(path)
        pieces = text.splitlines() + [s.text for s in split_sentences(text)]
        assert [p for p in pieces if segment(p, "rjieba") != segment(p, "jieba")] == []


# ---- sentence splitting ------------------------------------------------------------------------


def _texts(sentences) -> list[str]:
    return [s.text for s in sentences]


def test_points_without_full_stops():
    text = "存在的主要问题：一是人员不足，二是培训不够；三是形式单一"
    assert _texts(split_sentences(text)) == [
        "存在的主要问题：",
        "一是人员不足，",
        "二是培训不够；",
        "三是形式单一",
    ]


def test_a_numbered_title_with_commas_on_a_line_of_its_own_is_a_heading():
    para = "进一步加强政务公开工作的领导，明确专人负责信息发布工作，规范公开流程，严把审核关口，确保公开内容准确及时。"
    text = f"（一）加强组织领导，健全制度体系\n{para}\n\n（二）坚持平台建设，公开体系进一步完善\n\n{para}\n"
    found = split_sentences(text)
    assert [(s.text, s.is_heading) for s in found] == [
        ("（一）加强组织领导，健全制度体系", True), (para, False), ("（二）坚持平台建设，公开体系进一步完善", True), (para, False)
    ]
    # a full line wrapped onto the next is no title
    wrapped = split_sentences(f"（一）加强组织领导，健全制度体系，进一步加强政务公开工作的领导，明确专人负\n责信息发布。\n{para}\n")
    assert not wrapped[0].is_heading


def test_a_title_numbered_di_yi_on_a_line_of_its_own_is_a_heading():
    """第一，主动公开 on its own line titles what follows, as （一） does; a 第一， point with its
    sentence is no heading."""
    text = ("第一，主动公开\n本年度我局通过门户网站发布信息120条，较上年有所增加。\n"
            "第二、依申请公开\n全年收到申请3件，均已按期答复。\n第三，加强学习，提高能力。\n")
    assert [(s.text, s.is_heading) for s in split_sentences(text)] == [
        ("第一，主动公开", True), ("本年度我局通过门户网站发布信息120条，较上年有所增加。", False),
        ("第二、依申请公开", True), ("全年收到申请3件，均已按期答复。", False), ("第三，加强学习，提高能力。", False),
    ]


def test_a_numbered_title_ending_in_a_full_stop_is_a_heading_when_it_names_a_part():
    """（一）主动公开方面。 and 1.主动公开政府信息情况。 on their own lines are titles; a short step
    with its full stop, （二）加强组织领导。, stays a sentence."""
    text = ("（一）主动公开方面。\n全年发布信息200条。\n1.主动公开政府信息情况。\n本年度发布文件12件。\n"
            "（二）加强组织领导。\n")
    assert [(s.text, s.is_heading) for s in split_sentences(text)] == [
        ("（一）主动公开方面。", True), ("全年发布信息200条。", False), ("1.主动公开政府信息情况。", True),
        ("本年度发布文件12件。", False), ("（二）加强组织领导。", False),
    ]


def test_a_numbered_title_with_a_space_before_its_mark_is_a_heading():
    """一 、概  述 (spaces as some pages print them) on its own line is a title, not glued onto the
    paragraph after the blank line."""
    text = "一 、概  述\n\n自2008年5月1日以来，本局认真贯彻条例。\n"
    assert [(s.text, s.is_heading) for s in split_sentences(text)] == [
        ("一 、概  述", True), ("自2008年5月1日以来，本局认真贯彻条例。", False)
    ]


def test_a_section_title_run_into_its_text_on_one_line_is_a_heading():
    """A page printed as one line: each section's title becomes a heading of its own, not the
    start of the section's first sentence; offsets still give the sentences as printed."""
    text = ("某县2019年政府信息公开工作年度报告 一、总体情况 2019年，某县认真贯彻条例，全年发布信息200条。"
            "二、主动公开政府信息情况 全年制发规章0件。五、存在的主要问题及改进情况 一是人员不足。")
    found = narrative_sentences(text, find_sections(text))
    assert [(s.section, s.text, s.is_heading) for s in found] == [
        ("overview", "一、总体情况", True), ("overview", "2019年，某县认真贯彻条例，全年发布信息200条。", False),
        ("proactive", "二、主动公开政府信息情况", True), ("proactive", "全年制发规章0件。", False),
        ("problems", "五、存在的主要问题及改进情况", True), ("problems", "一是人员不足。", False),
    ]
    assert all(text[s.start:s.end] == s.text for s in found)


def test_the_furniture_of_a_web_page_is_no_sentence():
    text = "五、存在的主要问题及改进情况\n人员力量不足。\n（责任编辑：某某）\n【打印本页】【关闭窗口】\n来源广泛的信息更新不及时。\n"
    got = [s.text for s in narrative_sentences(text, [Section("problems", "五、存在的主要问题及改进情况", 0, len(text))])]
    assert got == ["五、存在的主要问题及改进情况", "人员力量不足。", "来源广泛的信息更新不及时。"]


def test_rows_of_a_table_in_pdf_text_are_no_sentences():
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果 结果 其他 尚未 总\n维持 纠正 结果 审结 计\n"
        + " ".join(["0"] * 15) + "\n全 年 共 收 到 申 请 三 件 。\n"
    )
    got = [s.text for s in narrative_sentences(text, [Section("review_litigation", "四", 0, len(text))])]
    assert got == ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", "全 年 共 收 到 申 请 三 件 。"]


def test_a_numbering_alone_on_its_line_and_a_paragraph_after_a_blank_line():
    para = "全年主动公开政府信息120条，其中政策文件20条，工作动态100条，所占比例为83%"
    text = f"一、\n总体情况\n{para}\n\n2024年，我镇将进一步加强政务公开工作人员的业务培训。\n"
    got = split_sentences(text)
    assert [(s.text, s.is_heading) for s in got] == [
        ("一、总体情况", True), (para, False), ("2024年，我镇将进一步加强政务公开工作人员的业务培训。", False)]
    assert [text[s.start : s.end] for s in got][0] == "一、\n总体情况"  # offsets in the input hold


def test_a_title_then_a_point_on_one_line():
    got = split_sentences("二、存在问题 一是宣传教育培训不足。二是人员不足。\n")
    assert [(s.text, s.is_heading) for s in got] == [
        ("二、存在问题", True), ("一是宣传教育培训不足。", False), ("二是人员不足。", False)]


@pytest.mark.parametrize("text, expected", [
    ("（一）加大公开力度2022年，我局共发布信息300条。",  # a copy that lost its line breaks
     [("（一）加大公开力度", True), ("2022年，我局共发布信息300条。", False)]),
    ("（二）强化平台建设 2022年以来，我局优化了网站栏目。",
     [("（二）强化平台建设", True), ("2022年以来，我局优化了网站栏目。", False)]),
    ("（一）2022年，我局共发布信息300条。", [("（一）2022年，我局共发布信息300条。", False)]),  # no title: a point
    ("（三）落实2022年工作要点，发布信息。", [("（三）落实2022年工作要点，发布信息。", False)]),  # the year inside
    ("(三) 政府信息管理情况 2022年,我局制定规范性文件2件。",  # a space after the numbering
     [("(三) 政府信息管理情况", True), ("2022年,我局制定规范性文件2件。", False)]),
])
def test_a_title_run_into_a_clause_opening_with_a_year(text: str, expected: list) -> None:
    got = split_sentences(text + "\n")
    assert [(s.text, s.is_heading) for s in got] == expected
    assert all(text[s.start : s.end] == s.text for s in got)


def test_a_lead_in_apart_from_the_item_after_its_colon_and_a_qr_code_line_is_no_sentence():
    got = split_sentences("针对以上问题，我局采取以下措施积极改进：我局将加强专职人员培训工作。\n更多精彩内容欢迎扫描下方二维码关注我们！\n")
    assert [s.text for s in got] == ["针对以上问题，我局采取以下措施积极改进：", "我局将加强专职人员培训工作。"]


def test_bracketed_and_numbered_points():
    text = "改进措施如下：（一）加强培训，（二）完善机制。1.提升质量；2、拓宽渠道 (3)加强监督"
    assert _texts(split_sentences(text)) == [
        "改进措施如下：",
        "（一）加强培训，",
        "（二）完善机制。",
        "1.提升质量；",
        "2、拓宽渠道 (3)加强监督",  # (3) after a space is not a point
    ]


def test_ordinal_points_and_false_markers():
    assert _texts(split_sentences("第一，统一是前提；第二，按照第二十条第（一）项公开1.5万条。")) == [
        "第一，统一是前提；",
        "第二，按照第二十条第（一）项公开1.5万条。",
    ]


def test_closing_quotes_stay_and_punctuation_fragments_go():
    text = "坚持“先审查、后公开。”下一步将加强审核！？\n。。；\n……"
    assert _texts(split_sentences(text)) == ["坚持“先审查、后公开。”", "下一步将加强审核！？"]


def test_headings_are_kept_and_give_context():
    text = (
        "五、存在的主要问题及改进情况\n\n（一）存在的主要问题\n\n人员不足。形式单一。\n\n"
        "改进措施：\n\n一是加强培训。\n"
    )
    got = split_sentences(text, section="problems")
    assert [(s.text, s.is_heading, s.heading) for s in got] == [
        ("五、存在的主要问题及改进情况", True, None),
        ("（一）存在的主要问题", True, "五、存在的主要问题及改进情况"),
        ("人员不足。", False, "（一）存在的主要问题"),
        ("形式单一。", False, "（一）存在的主要问题"),
        ("改进措施：", True, "（一）存在的主要问题"),
        ("一是加强培训。", False, "改进措施："),
    ]
    assert {s.section for s in got} == {"problems"}


def test_run_in_title_is_a_heading():
    got = split_sentences("（一）主动公开情况。2024 年，主动公开信息 5500 余条。")
    assert [(s.text, s.is_heading) for s in got] == [
        ("（一）主动公开情况。", True),
        ("2024 年，主动公开信息 5500 余条。", False),
    ]
    assert got[1].heading == "（一）主动公开情况。"


@pytest.mark.parametrize("after", ["", "\n"])  # run in, or a line of its own
def test_numbered_labels_of_the_problems_section_are_headings(after):
    """1.存在的问题。 and 2.改进措施。 label the parts of the section (a full stop is no matter);
    a point such as 1.加强培训。 stays a sentence."""
    text = f"六、存在的问题和改进措施\n1.存在的问题。{after}一是更新不及时。\n2.改进措施。{after}1.加强培训。2.完善制度。"
    got = split_sentences(text)
    assert [(s.text, s.is_heading, s.heading) for s in got[1:]] == [
        ("1.存在的问题。", True, "六、存在的问题和改进措施"),
        ("一是更新不及时。", False, "1.存在的问题。"),
        ("2.改进措施。", True, "1.存在的问题。"),
        ("1.加强培训。", False, "2.改进措施。"),
        ("2.完善制度。", False, "2.改进措施。"),
    ]


def test_older_wording_of_the_plans_labels_its_part():
    """下步 for 下一步 (下步工作措施。), as some older reports write it: a label with a full stop."""
    text = "六、存在的问题和下步工作措施\n1.存在的问题。一是更新不及时。\n2.下步工作措施。1.加强培训。"
    got = split_sentences(text)
    assert [(s.text, s.is_heading) for s in got[1:]] == [
        ("1.存在的问题。", True), ("一是更新不及时。", False), ("2.下步工作措施。", True), ("1.加强培训。", False),
    ]  # fmt: skip


def test_single_line_break_inside_a_sentence_is_joined():
    text = "一、总体情况\n本年度我镇政务公开工作稳步推进，主动公开政府\n信息 72 条。\n下一句。"
    got = split_sentences(text)
    assert _texts(got) == ["一、总体情况", "本年度我镇政务公开工作稳步推进，主动公开政府信息 72 条。", "下一句。"]
    assert got[1].heading == "一、总体情况"
    assert text[got[1].start : got[1].end] == "本年度我镇政务公开工作稳步推进，主动公开政府\n信息 72 条。"


def test_wrapped_pdf_lines_and_page_numbers():
    text = (
        "淮安市人民政府\n2024 年政府信息公开工作年度报告\n"
        "本报告由市人民政府办公室根据《中华人民共和国政府信息公\n"
        "开条例》规定编制。对照上级新要求和公众新期待，还有一些\n"
        "需要加强和改进的\n- 5 -\n地方。"
    )
    got = split_sentences(text)
    assert [(s.text, s.is_heading) for s in got] == [
        ("淮安市人民政府", True),
        ("2024 年政府信息公开工作年度报告", True),
        ("本报告由市人民政府办公室根据《中华人民共和国政府信息公开条例》规定编制。", False),
        ("对照上级新要求和公众新期待，还有一些需要加强和改进的地方。", False),
    ]


def test_blank_line_inside_a_sentence_is_joined():
    text = "二是及时回应公众关\n\n切，着力推动公开。2023 年制定规范性文件 0\n\n条、更新 0 条。"
    assert _texts(split_sentences(text)) == [
        "二是及时回应公众关切，着力推动公开。",
        "2023 年制定规范性文件 0条、更新 0 条。",
    ]


def test_blank_line_is_a_boundary_after_titles_and_before_points():
    text = "年度报告标题\n\n按照条例编制。\n\n主要问题如下：\n\n工作人员不足。\n\n我镇将加强培训，完善\n\n（二）改进措施"
    assert [(s.text, s.is_heading) for s in split_sentences(text)] == [
        ("年度报告标题", True),
        ("按照条例编制。", False),
        ("主要问题如下：", True),
        ("工作人员不足。", False),
        ("我镇将加强培训，完善", False),
        ("（二）改进措施", True),
    ]


def test_table_lines_are_skipped_and_end_a_sentence():
    text = "二、主动公开政府信息情况\n信息内容\t本年制发件数\n规章\t1\n\t\t\n说明如下\n行政许可\t0\n后续文字。"
    got = split_sentences(text)
    assert _texts(got) == ["二、主动公开政府信息情况", "说明如下", "后续文字。"]
    assert all("\t" not in s.text for s in got)


def test_a_point_after_a_colon_and_a_space_starts_a_sentence():
    """A web copy puts a space between the colon and the first point (以下问题有: 一是…)."""
    text = "但仍存在以下问题: 一是载体有待拓宽；二是人员业务水平不高。"
    got = split_sentences(text)
    assert [s.text for s in got] == ["但仍存在以下问题:", "一是载体有待拓宽；", "二是人员业务水平不高。"]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_offsets_and_positions_with_a_base():
    text = "甲乙丙。\n\n丁戊，庚\n\n己。"
    got = split_sentences(text, section="overview", start_offset=100, position_start=7)
    assert [s.position for s in got] == [7, 8]
    assert (got[0].start, got[0].end) == (100, 104)
    assert (got[1].start, got[1].end) == (106, 114)
    assert got[1].text == "丁戊，庚己。" == unbreak(text[got[1].start - 100 : got[1].end - 100])


def test_narrative_sentences_runs_over_sections():
    text = "前言。\n一、总体情况\n甲事。乙事。\n五、存在的主要问题及改进情况\n一是人员不足；二是形式单一。"
    overview = text.index("一、总体情况")
    problems = text.index("五、")
    sections = [
        Section("problems", "五、存在的主要问题及改进情况", problems, len(text)),
        Section("overview", "一、总体情况", overview, problems),
    ]
    got = narrative_sentences(text, sections)
    assert [(s.text, s.section, s.position) for s in got] == [
        ("一、总体情况", "overview", 0),
        ("甲事。", "overview", 1),
        ("乙事。", "overview", 2),
        ("五、存在的主要问题及改进情况", "problems", 3),
        ("一是人员不足；", "problems", 4),
        ("二是形式单一。", "problems", 5),
    ]
    assert all(text[s.start : s.end] == s.text for s in got)
    assert _texts(narrative_sentences(text, []))[0] == "前言。"
    assert {s.section for s in narrative_sentences(text, [])} == {None}


def test_binggu_problems_are_separate_sentences(binggu):
    text = _document_text(binggu)
    start, end = _section(text, "五、存在的主要问题及改进情况", "六、")
    got = split_sentences(text[start:end], "problems", start_offset=start)
    heading = "五、存在的主要问题及改进情况"
    assert got[0].is_heading and got[0].text == heading
    points = [s for s in got if re.match("[一二三]是", s.text)]
    assert [p.text[:2] for p in points] == ["一是", "二是", "三是"] * 2
    assert points[0].text == "一是工作人员专业能力有待提高，缺少专业技能培训，对政务网站的应用和引导管理需要进一步探索。"
    assert points[1].text == "二是政府网站监管手段单一。"
    assert points[2].text == "三是公开形式单一。"
    assert "及时回应公众关切，" in points[4].text  # broken by a blank line in the file
    assert all(s.heading == heading for s in got[1:])
    assert all(unbreak(text[s.start : s.end]) == s.text for s in got)


def test_huaian_problems_are_separate_sentences(huaian):
    text = _document_text(huaian)
    start, end = _section(text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    got = split_sentences(text[start:end], "problems", start_offset=start)
    texts = _texts(got)
    assert texts[0] == "五、存在的主要问题及改进情况" and got[0].is_heading
    assert "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。" in texts
    assert any(t.startswith("一是政策解读质量仍需提升") and t.endswith("形式单一；") for t in texts)
    assert any(t.startswith("二是政务公开队伍建设还需进一步加强") for t in texts)
    assert all(unbreak(text[s.start : s.end]) == s.text for s in got)


# ---- properties --------------------------------------------------------------------------------

_REPORT_CHARS = list(
    "政务公开信息工作人员一二三四五六七八九十是第（）()、，。；：！？;:!?“”《》 \u3000\t\n\n\n-—0123456789.．%"
) + ["一是", "（一）", "1.", "五、存在的主要问题", "改进措施：", "- 3 -", "\n\n", "\r\n"]
_report_text = st.lists(
    st.sampled_from(_REPORT_CHARS) | st.text(max_size=3), max_size=60
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_report_text | st.text(), offset=st.integers(0, 50), first=st.integers(0, 5))
def test_split_sentences_contract(text, offset, first):
    got = split_sentences(text, None, offset, first)
    assert [s.position for s in got] == list(range(first, first + len(got)))
    previous_end = offset
    for s in got:
        assert s.text and s.text == s.text.strip() and "\n" not in s.text and "\t" not in s.text
        assert previous_end <= s.start < s.end <= offset + len(text)
        span = text[s.start - offset : s.end - offset]
        assert unbreak(span) == s.text
        if "\n" not in span:
            assert span == s.text
        previous_end = s.end


@settings(max_examples=300, deadline=None)
@given(text=_report_text, data=st.data())
def test_narrative_sentences_are_those_of_each_section(text, data):
    """narrative_sentences cuts the text into lines once and takes each section's lines from
    them; its sentences are those of split_sentences on each section, whether the bounds of the
    sections fall on line breaks or not, and whatever their order."""
    line_starts = [0, len(text)] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    anywhere = st.integers(0, len(text))
    bounds = data.draw(st.lists(st.sampled_from(line_starts) | anywhere, max_size=8).map(sorted))
    sections = [Section(f"s{i}", "", a, b) for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]
    sections = data.draw(st.permutations(sections))
    width = wrap_width(text)
    want = [] if sections else split_sentences(text, width=width)
    for sec in sorted(sections, key=lambda s: s.start):
        want += split_sentences(text[sec.start : sec.end], sec.key, sec.start, len(want), width=width)
    assert narrative_sentences(text, sections) == want


@settings(max_examples=300, deadline=None)
@given(text=_report_text | st.text())
def test_segment_contract(text):
    tokens = segment(text)
    assert all(t and not t.isspace() for t in tokens)
    assert re.sub(r"\s", "", "".join(tokens)) == re.sub(r"\s", "", text)
    assert segmented(text).split(" ") == ["".join(t.split()) for t in tokens] or not tokens


def test_a_table_copied_one_cell_a_line_gives_no_sentences() -> None:
    """The cells of a table copied one cell a line (labels, numbered row labels and numbers, each
    on its line) are no headings nor sentences; the prose around it and the section titles are."""
    cells = "\n\n".join(["申请人情况", "自然人", "法人或其他组织", "总计", "一、本年新收政府信息公开申请数量",
                         "3", "0", "3", "二、上年结转政府信息公开申请数量", "0", "0", "0"])
    text = (f"一、总体情况\n本年度工作稳步推进。\n\n三、收到和处理政府信息公开申请情况\n\n{cells}\n\n"
            "五、存在的主要问题及改进情况\n部分栏目更新不够及时。\n")
    sentences = narrative_sentences(text, find_sections(text))
    assert [s.text for s in sentences] == [
        "一、总体情况", "本年度工作稳步推进。", "三、收到和处理政府信息公开申请情况",
        "五、存在的主要问题及改进情况", "部分栏目更新不够及时。"]


def test_a_line_cut_before_a_book_title_is_no_heading() -> None:
    """A short line that a single break cuts before 《 (a copy broke the line there) runs on into
    the next line instead of standing as a heading."""
    text = "一、总体情况\n2022年是\n《条例》施行的又一年，我镇认真抓好落实。\n按照\n《条例》要求，成立了领导小组。\n"
    got = [s.text for s in narrative_sentences(text, [Section("overview", "一、总体情况", 0, len(text))])]
    assert got == ["一、总体情况", "2022年是《条例》施行的又一年，我镇认真抓好落实。", "按照《条例》要求，成立了领导小组。"]


def test_an_arabic_numbered_title_ending_in_情况_may_be_long() -> None:
    text = "一、总体情况\n3.政府信息公开监督保障及教育培训情况\n本年度组织培训两次。\n"
    got = narrative_sentences(text, [Section("overview", "一、总体情况", 0, len(text))])
    assert [(s.text, s.is_heading) for s in got] == [
        ("一、总体情况", True), ("3.政府信息公开监督保障及教育培训情况", True), ("本年度组织培训两次。", False)]


@pytest.mark.parametrize(
    ("text", "want"),
    [("坚持“公开为常态。”的原则，做好工作。", ["坚持“公开为常态。”的原则，做好工作。"]),  # a quote's 。 inside a sentence
     ("发布《春天何时来？》、《秋天到了吗？》等文章。下一步将加强培训。", ["发布《春天何时来？》、《秋天到了吗？》等文章。", "下一步将加强培训。"]),
     ("发布《春天何时来？秋天到了吗》等文章。", ["发布《春天何时来？秋天到了吗》等文章。"]),  # a ？ inside a book title
     ("按照《条例、《规定》的要求。制定了办法。", ["按照《条例、《规定》的要求。", "制定了办法。"])],  # a 《 never closed
)  # fmt: skip
def test_no_cut_inside_quotes_and_book_titles(text: str, want: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == want


def test_a_point_numbered_1_with_a_closing_bracket_alone_starts_a_sentence() -> None:
    """1) (a numbering of its own, or a copy of (1) that lost its opening bracket) opens a point,
    on a line of its own after a title without a full stop, and after punctuation in a paragraph;
    a bracket closing a note (见附表1) does not."""
    got = split_sentences("1.围绕法治政府建设推进政务公开工作\n1)重大决策事项全部公开。\n"
                          "我局做了两件事：1)完善制度，2)强化培训。全年公开信息（见附表1）共20条。\n")
    assert [s.text for s in got] == ["1.围绕法治政府建设推进政务公开工作", "1)重大决策事项全部公开。", "我局做了两件事：",
                                     "1)完善制度，", "2)强化培训。", "全年公开信息（见附表1）共20条。"]
