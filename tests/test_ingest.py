"""The ingest stage on real reports and on generated files of every supported kind."""

from __future__ import annotations

import codecs
import random
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, TITLES_2021
from nlp.errors import ReportError
from nlp.ingest import common, decode_bytes, document_from_text, read_document, textfile

ROOT = Path(__file__).resolve().parent.parent

# An invented report fragment (real reports are read from ../shared only).
REPORT_TEXT = (
    "某某县人民政府2023年政府信息公开工作年度报告\n"
    "\n"
    "一、总体情况\n"
    "2023年，本县主动公开政府信息1520条，其中政策文件36件、“三安全一稳定”相关说明２件。\n"
    "（一）主动公开\n"
    "全年召开新闻发布会8场，回应社会关切。\n"
    "\n"
    "二、主动公开政府信息情况\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t3\n"
    "六、其他需要报告的事项\n"
    "本年度未收取信息处理费。"
)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _cid_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


# --- text files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (REPORT_TEXT.encode("utf-8"), "utf-8"),
        (REPORT_TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (REPORT_TEXT.encode("gb18030"), "gb18030"),
        (REPORT_TEXT.encode("utf-16"), "utf-16-le"),  # Python writes a little-endian BOM
        (codecs.BOM_UTF16_BE + REPORT_TEXT.encode("utf-16-be"), "utf-16-be"),
        (REPORT_TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by the NUL bytes
        (REPORT_TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_text_encodings_round_trip(tmp_path: Path, data: bytes, encoding: str) -> None:
    doc = read_document(_write(tmp_path / "report.txt", data))
    assert doc.text == REPORT_TEXT
    assert doc.encoding == encoding
    assert doc.kind == "txt" and doc.grids == [] and not doc.converted_from_traditional


_GB2312_HANZI = st.integers(0xB0, 0xD6).flatmap(
    lambda row: st.integers(0xA1, 0xFE).map(lambda col: bytes([row, col]).decode("gb2312"))
)
_REPORT_CHARS = st.one_of(_GB2312_HANZI, st.sampled_from("0123456789，。、；：（）“”\n 年月日条件"))


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(_REPORT_CHARS, min_size=40, max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-be"]),
)
def test_decode_bytes_round_trip(text: str, encoding: str) -> None:
    text += "\n"  # UTF-16 without BOM is told by the NUL bytes of ASCII characters
    expected = {"utf-16": "utf-16-le"}.get(encoding, encoding)
    decoded, name = decode_bytes(text.encode(encoding), "x.txt")
    assert (decoded, name) == (text, expected)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_cut_last_character_is_tolerated(encoding: str) -> None:
    data = (REPORT_TEXT * 3).encode(encoding)[:-1]  # a file cut inside its last character
    text, name = decode_bytes(data, "cut.txt")
    assert name == encoding
    assert text.endswith("\ufffd") and text.startswith(REPORT_TEXT)


def test_big5_is_detected() -> None:
    traditional = "本縣積極推進政府資訊公開工作，全年主動公開政府資訊一千五百條，並對網站進行檢查。"
    text, encoding = decode_bytes(traditional.encode("big5"), "x.txt")
    assert (text, encoding) == (traditional, "big5")


def test_real_text_report(binggu: Path) -> None:
    doc = read_document(binggu)
    assert doc.encoding == "utf-8"
    assert "一、总体情况" in doc.text.splitlines()
    assert "\r" not in doc.text and "\n\n\n" not in doc.text


def test_a_page_drawn_mostly_with_rule_lines_is_still_text() -> None:
    rule = "|" + "-" * 300 + "|\n"
    text = rule * 4 + REPORT_TEXT[:300] + "\n" + rule * 3
    assert decode_bytes(text.encode("utf-8"), "x.txt") == (text, "utf-8")


def test_text_normalisation_keeps_what_is_printed() -> None:
    doc = document_from_text("\ufeff第一行  \r\n全角７２，“引号”\x00\r\r\r\r\n末行\t\t\n")
    assert doc.text == "第一行\n全角７２，“引号”\n\n末行\t\t"
    assert doc.kind == "txt" and doc.encoding is None


def test_pinyin_printed_after_characters_is_dropped() -> None:
    text = "某某鎮(zhèn)政府信息公開年度報(bào)告(huì )\n一、概述（gài）\n附件(a)，表(b)，ABC(ā)\n"
    doc = document_from_text(text)
    assert doc.text.splitlines()[0] == "某某镇政府信息公开年度报告"  # (huì ): a space inside too
    # only a toned syllable after a Chinese character goes: (a), (b) and ABC(ā) stay
    assert doc.text.splitlines()[1:] == ["一、概述", "附件(a)，表(b)，ABC(ā)"]


def test_traditional_text_is_converted(tmp_path: Path) -> None:
    import opencc

    traditional = opencc.OpenCC("s2t").convert(REPORT_TEXT)
    assert traditional != REPORT_TEXT
    doc = read_document(_write(tmp_path / "trad.txt", traditional.encode("utf-8")))
    assert doc.converted_from_traditional
    assert doc.text == REPORT_TEXT


def test_simplified_text_is_left_alone() -> None:
    doc = document_from_text(REPORT_TEXT)
    assert not doc.converted_from_traditional and doc.text == REPORT_TEXT


def test_txt_does_not_import_heavy_libraries(tmp_path: Path) -> None:
    path = _write(tmp_path / "report.txt", REPORT_TEXT.encode("utf-8"))
    code = (
        "import sys; from nlp.ingest import read_document; read_document(sys.argv[1]); "
        "heavy = {'pdfplumber', 'pdfminer', 'docx', 'lxml', 'opencc', 'charset_normalizer'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


# --- HTML -----------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>页面标题</title>
<style>p {{ color: red }}</style><script>var hidden = "脚本文字";</script></head>
<body><!-- 注释文字 --><div style="display: none">隐藏文字</div>
<h1>某某县{year}年政府信息公开工作年度报告</h1>
<p>&nbsp;&nbsp;一、总体情况<br>本县主动公开<span>政府信息</span>1520条。</p>
<noscript>请启用脚本</noscript>
<table border="1">
  <tr><th rowspan="2">信息内容</th><th colspan="2">数量</th></tr>
  <tr><td>本年</td><td>累计</td></tr>
  <tr><td>规章</td><td>1</td><td></td></tr>
  <tr><td>规范性<br>文件</td><td><table><tr><td>内</td><td>表</td></tr></table></td><td>&#12288;</td></tr>
</table>
<p>二、主动公开政府信息情况</p>
</body></html>
"""


def test_html_text_and_table_spans(tmp_path: Path) -> None:
    page = HTML_PAGE.format(year=2023).encode("gb18030")
    doc = read_document(_write(tmp_path / "report.html", page))
    assert doc.kind == "html" and doc.encoding == "gb18030"
    assert [g.rows for g in doc.grids] == [
        [
            ["信息内容", "数量", None],
            [None, "本年", "累计"],
            ["规章", "1", ""],
            ["规范性\n文件", "内 表", ""],
        ]
    ]
    assert doc.text.splitlines() == [
        "某某县2023年政府信息公开工作年度报告",
        "一、总体情况",
        "本县主动公开政府信息1520条。",
        "信息内容\t数量\t",
        "\t本年\t累计",
        "规章\t1\t",
        "规范性文件\t内 表\t",
        "二、主动公开政府信息情况",
    ]
    for invisible in ("页面标题", "脚本文字", "注释文字", "隐藏文字", "请启用脚本", "color"):
        assert invisible not in doc.text


def test_html_layout_table_is_read_as_text(tmp_path: Path) -> None:
    page = (
        "<html><body><table><tr><td><p>一、总体情况</p>"
        "<table><tr><td>规章</td><td>1</td></tr></table></td></tr></table></body></html>"
    )
    doc = read_document(_write(tmp_path / "layout.htm", page.encode("utf-8")))
    assert doc.encoding == "utf-8"
    assert [g.rows for g in doc.grids] == [[["规章", "1"]]]
    assert doc.text == "一、总体情况\n规章\t1"


def test_html_traditional_grid_is_converted(tmp_path: Path) -> None:
    page = (
        "<html><body><p>本縣積極推進政府資訊公開工作，並對網站進行檢查，這個國家機關認真辦理。</p>"
        "<table><tr><td>資訊內容</td><td>數量</td></tr></table></body></html>"
    )
    doc = read_document(_write(tmp_path / "trad.html", page.encode("utf-8")))
    assert doc.converted_from_traditional
    assert doc.grids[0].rows == [["资讯内容", "数量"]]
    assert "本县积极推进政府资讯公开工作" in doc.text


# --- Markdown and tables drawn with pipes ---------------------------------------------------


def _as_markdown(text: str) -> str:
    """A report's text as a Markdown export of its page would give it: section titles as
    headings, the titles of the points in bold, each table row between pipes, and a rule row
    under the first row of each table."""
    lines, in_table = [], False
    for line in text.split("\n"):
        if "\t" in line:
            lines.append("| " + " | ".join(line.split("\t")) + " |")
            if not in_table:
                lines.append("|" + "---|" * line.count("\t") + "---|")
            in_table = True
            continue
        in_table = False
        if re.match(r"[一二三四五六七八九十]+、", line):
            line = "## " + line
        elif re.match(r"[（(][一二三四五六七八九十]+[）)]", line) and len(line) < 20:
            line = f"**{line}**"
        lines.append(line)
    return "\n".join(lines)


def _markdown_sources() -> list[Path]:
    real = ROOT.parent / "shared" / "reports" / "binggu-town-2023.txt"
    return sorted(SAMPLES.glob("*.txt")) + ([real] if real.exists() else [])


@pytest.mark.parametrize("source", _markdown_sources(), ids=lambda p: p.name)
def test_markdown_export_reads_as_the_text_report(tmp_path: Path, source: Path) -> None:
    """The same report as .txt (tables tab-separated) and as .md (headings, bold, pipe tables
    with rule rows) gives the same report: text, tables, figures, checks and sentences."""
    from nlp.pipeline import read_report

    text = source.read_text(encoding="utf-8")
    markdown = _as_markdown(text)
    assert "| --- |" not in markdown and ("|---|" in markdown) == ("\t" in text)
    md = _write(tmp_path / "report.md", markdown.encode("utf-8"))
    assert read_document(md).text == read_document(source).text
    assert read_report(md).to_dict() == read_report(source).to_dict()


def test_pipe_rows_of_a_web_copy_are_table_rows(tmp_path: Path) -> None:
    """A text copy whose tables come out as cells between pipes, without a pipe in front, and a
    blank cell kept blank; a narrative line with a pipe inside is left alone."""
    from nlp.pipeline import parse_report

    text = (SAMPLES / "county-dept-2022.txt").read_text(encoding="utf-8")
    piped = "\n".join(" | ".join(line.split("\t")) + " |" if "\t" in line else line for line in text.split("\n"))
    assert piped.count("|") > 100 and "\t" not in piped
    expected = parse_report(text).to_dict()
    assert parse_report(piped).to_dict() == expected
    wide = piped.replace(" | ", "｜")  # full-width pipes
    assert parse_report(wide).to_dict() == expected
    doc = document_from_text(REPORT_TEXT + "\n咨询电话：0000-1234567 | 邮箱：gk@example.org\n行政许可 | 0 |  |")
    assert doc.text.endswith("\n咨询电话：0000-1234567 | 邮箱：gk@example.org\n行政许可\t0\t")


def test_a_pipe_table_cut_off_within_its_last_row_keeps_its_border() -> None:
    """Rows drawn with a border pipe at both ends, the page cut off inside the last row (no
    closing pipe there): the closing pipes are still borders, so a row whose first cells are
    blank keeps its 总计 in the last column instead of sliding one column left."""
    from nlp.pipeline import parse_report

    header = "自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
    rows = ["一、本年新收政府信息公开申请数量 | 2 | | | | | | 2 |",
            "二、上年结转政府信息公开申请数量 | | | | | | | 0 |",
            "三、本年度办理结果 | （一）予以公开 | 1 | | | | | | 1 |",
            "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | | | | | | 0 |",
            "| （三）不予公开 | 1.属于国家秘密 | | | | | | | 0 |",
            "| | 2.其他法律"]
    doc = document_from_text(REPORT_TEXT + "\n" + "\n".join([header, *rows]))
    assert "二、上年结转政府信息公开申请数量\t\t\t\t\t\t\t0\n" in doc.text
    assert doc.text.endswith("\t\t2.其他法律")
    requests = parse_report(doc.text).to_dict()["requests"]
    assert requests["carried_over"]["total"] == 0 and requests["carried_over"]["other_org"] is None
    assert requests["partial"]["total"] == 0 and requests["partial"]["other_org"] is None
    assert requests["new"]["natural_person"] == 2 and requests["new"]["total"] == 2


SCRAPED_LAYOUTS = ("row-marks", "no-row-marks", "row-end-pipes", "pipe-lines", "pipe-lines-blank")


def _scraped(text: str, layout: str) -> str:
    """A report as a scraper that writes each table cell on its own line gives it: the cell
    then a pipe, an empty cell as a pipe alone, and (``row-marks``) a pipe alone before each row;
    or (``row-end-pipes``) a line of pipes alone after each row (``||``: the columns its last
    cell spans, or padding cells); or (``pipe-lines``) each cell then a pipe on the next line, an
    empty cell as a pipe alone (``pipe-lines-blank``: as a blank line then a pipe)."""
    lines = []
    for line in text.split("\n"):
        if "\t" not in line:
            lines.append(line)
            continue
        if layout.startswith("pipe-lines"):
            empty = ["", "|"] if layout == "pipe-lines-blank" else ["|"]
            lines += [part for cell in line.split("\t") for part in ([cell.strip(), "|"] if cell.strip() else empty)]
            continue
        lines += ["|"] if layout == "row-marks" else []
        lines += [f"{cell} |" if cell.strip() else "|" for cell in line.split("\t")]
        lines += ["||"] if layout == "row-end-pipes" else []
    return "\n".join(lines)


def _facts(text: str) -> dict:
    """What a report says, apart from where in its text: tables, figures, checks, metrics,
    sections found, and the narrative sentences with their headings."""
    from nlp.pipeline import parse_report
    from nlp.text import narrative_sentences

    report = parse_report(text)
    facts = report.to_dict()
    facts["sections"] = [s.key for s in report.sections]
    facts["sentences"] = [(s.section, s.heading, s.text) for s in narrative_sentences(report.text, report.sections)]
    return facts


@pytest.mark.parametrize("layout", SCRAPED_LAYOUTS)
@pytest.mark.parametrize("source", _markdown_sources(), ids=lambda p: p.name)
def test_tables_scraped_one_cell_per_line_read_as_the_text_report(source: Path, layout: str) -> None:
    """Tables scraped one cell per line (each followed by a pipe, on its line or the next; empty
    cells as a pipe alone, or a blank line and a pipe; with or without a pipe alone opening each
    row) give the same tables, figures, checks and sentences as the tab-separated text: rows are
    rebuilt, blank cells stay blank, and header cells are not read as narrative."""
    text = source.read_text(encoding="utf-8")
    scraped = _scraped(text, layout)
    pipes = scraped.count("\n|\n") if layout.startswith("pipe-lines") else scraped.count(" |\n")
    assert "\t" not in scraped and (pipes > 20) == ("\t" in text)
    assert _facts(scraped) == _facts(text)


def test_a_scraped_table_keeps_blank_cells_and_drops_padding() -> None:
    """One cell per line: a cell of words opens a row, the values after it are its cells; the
    pipes a cell spanning columns carries are not cells; a header cell stays a table row."""
    scraped = "\n".join([
        "|", "第二十条第（一）项 | |||", "|", "信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 |",
        "|", "规章 |", "2 |", "|", "5 |", "|", "行政规范性文件 |", "— |", "0 | ||",
    ])
    doc = document_from_text(REPORT_TEXT + "\n" + scraped + "\n下一段正文。")
    rows = doc.text.split(REPORT_TEXT + "\n")[1].split("\n")
    assert rows == [
        "第二十条第（一）项\t", "信息内容\t", "本年制发件数\t", "本年废止件数\t", "现行有效件数\t",
        "规章\t2\t\t5\t", "行政规范性文件\t—\t0", "下一段正文。",
    ]
    # Cells of prose (a page laid out in table cells) stay text, within a table or without one.
    prose = "本年度主动公开政府信息12条，均在规定时限内公开。"
    doc = document_from_text(REPORT_TEXT + f"\n{prose} |\n行政许可 |\n12 |\n{prose} |\n{prose} |")
    assert doc.text.endswith(f"\n{prose}\n行政许可\t12\n{prose}\n{prose}")


def test_a_table_with_each_pipe_on_the_line_after_its_cell() -> None:
    """Cells each followed by a pipe on the next line, a cell wrapped onto two short lines, an
    empty cell as a second pipe: rows rebuilt as for a pipe after the cell on its own line; a
    sentence before the table stays text."""
    cells = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
             "规章", "0", "", "2", "行政规范性文件", "1", "0", "7"]  # fmt: skip
    scraped = "本节的数字见下表：\n" + "".join(f"{c}\n|\n" if c else "|\n" for c in cells)
    scraped += "申请人情况\n|\n商业\n企业\n|\n科研\n机构\n|\n"
    doc = document_from_text(REPORT_TEXT + "\n" + scraped + "下一段正文。")
    rows = doc.text.split(REPORT_TEXT + "\n")[1].split("\n")
    assert rows == [
        "本节的数字见下表：", "第二十条第（一）项\t", "信息内容\t", "本年制发件数\t", "本年废止件数\t",
        "现行有效件数\t", "规章\t0\t\t2", "行政规范性文件\t1\t0\t7", "申请人情况\t", "商业企业\t", "科研机构\t",
        "下一段正文。",
    ]  # fmt: skip


def test_a_table_of_one_cell_a_line_with_blank_lines_between_the_cells() -> None:
    """A copy that starts each row with a pipe alone and prints each cell with its pipe, a blank
    line between cells: the same rows as without the blank lines."""
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"], ["行政规范性文件", "2", "0", "5"]]
    scraped = "".join("| \n" + "".join(f"   {cell}  | \n      \n" for cell in row) for row in rows)
    tight = "".join("|\n" + "".join(f"{cell} |\n" for cell in row) for row in rows)
    assert document_from_text(REPORT_TEXT + "\n" + scraped).text == document_from_text(REPORT_TEXT + "\n" + tight).text
    assert "规章\t0\t0\t0" in document_from_text(REPORT_TEXT + "\n" + scraped).text


# --- Word -----------------------------------------------------------------------------------


def test_blank_template_docx(template_docx: Path) -> None:
    doc = read_document(template_docx)
    assert doc.kind == "docx" and doc.encoding is None
    shapes = [(len(g.rows), {len(row) for row in g.rows}) for g in doc.grids]
    assert shapes == [(14, {4}), (28, {10}), (4, {15})]
    table2, table3, table4 = (g.rows for g in doc.grids)
    assert table2[0] == ["第二十条第（一）项", None, None, None]
    assert table2[2] == ["规章", "", "", ""]  # full-width spaces only -> ""
    assert table3[2][:5] == [None, None, None, None, "商业\n企业"]  # vertical merges
    assert table3[5][0] == "三、本年度办理结果" and table3[6][0] is None
    assert table4[0][:6] == ["行政复议", None, None, None, None, "行政诉讼"]
    assert table4[3] == [""] * 15
    lines = doc.text.splitlines()
    for title in TITLES_2021:
        assert title in lines
    assert "\t".join(["", "", "", "", "", "结果维持", "结果纠正"]) in doc.text
    assert lines.index("二、主动公开政府信息情况") < lines.index("规章\t\t\t")


def test_docx_body_order_and_merges(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "第二十条"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "规章"
    table.cell(1, 1).text, table.cell(1, 2).text = "1", "2"
    table.cell(2, 1).text = "3"
    document.add_paragraph("二、主动公开政府信息情况")
    path = tmp_path / "filled.docx"
    document.save(path)
    doc = read_document(path)
    assert doc.grids[0].rows == [["第二十条", None, None], ["规章", "1", "2"], [None, "3", ""]]
    assert doc.text == "一、总体情况\n第二十条\t\t\n规章\t1\t2\n\t3\t\n二、主动公开政府信息情况"


# --- PDF ------------------------------------------------------------------------------------


def test_huaian_pdf(huaian: Path) -> None:
    doc = read_document(huaian)
    lines = doc.text.splitlines()
    assert doc.kind == "pdf" and doc.created == date(2025, 2, 25)
    assert not [line for line in lines if re.fullmatch(r"\s*[-—]\s*\d+\s*[-—]\s*|\s*\d+\s*", line)]
    assert "- 3 -" not in doc.text
    assert [line for line in lines if line in TITLES_2021] == TITLES_2021
    # sentences wrapped over lines, and the one crossing from page 1 to page 2, come back whole
    assert any(
        "认真学习宣传贯彻党的二十大和二十届二中、三中全会精神，按照党中央国务院" in line
        and line.endswith("圆满完成了各项任务。")
        for line in lines
    )
    assert any(
        "“建设‘四最’一流营商环境高质量推进产业发展”" in line
        and "等新闻发布会 12 场，努力传递政府声音" in line
        for line in lines
    )
    # the one-column "tables" (text boxes around narrative, pages 1 and 3) stay text
    starts = (
        "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第 711 号）",
        "（五）政府信息公开监督保障情况。根据省政务公开年度和季度监测指标，全年组织 4 次",
    )
    assert all(any(line.startswith(start) for line in lines) for start in starts)
    pages = [(g.page, len(g.rows[0])) for g in doc.grids]
    assert pages[:2] == [(3, 4), (4, 2)]  # table 2 in fragments
    assert (4, 10) in pages and (5, 10) in pages  # table 3 in two fragments
    table4 = doc.grids[-1]
    assert (table4.page, len(table4.rows), len(table4.rows[0])) == (5, 4, 15)
    numbers = "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split()
    assert table4.rows[-1] == numbers
    assert "\t".join(numbers) in lines
    assert "3.危及“三安全一稳定”" in [cell for g in doc.grids for row in g.rows for cell in row]
    assert lines.index("三、收到和处理政府信息公开申请情况") < lines.index("\t".join(numbers))


def test_generated_cid_font_pdf(tmp_path: Path) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _cid_font()
    body = ParagraphStyle(
        "body", fontName=font, fontSize=12, leading=18, wordWrap="CJK", firstLineIndent=24
    )
    head = ParagraphStyle("head", parent=body, firstLineIndent=0)
    paragraph = (
        "2023年，本县坚持以公开为常态、不公开为例外，全年主动公开政府信息1520条，其中政策文件36件，"
        "召开新闻发布会8场，回应社会关切，持续提升政务公开质量和实效，推动政府信息公开工作再上新台阶。"
    )
    rows = [["信息内容", "本年制发件数", "现行有效件数"], ["规章", "1", "11"], ["行政规范性文件", "8", "66"]]
    table = Table(rows)
    table.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
        )
    )
    path = tmp_path / "generated.pdf"
    SimpleDocTemplate(str(path)).build(
        [Paragraph("一、总体情况", head), Paragraph(paragraph, body), Spacer(1, 12), table,
         Paragraph("二、主动公开政府信息情况", head)]
    )
    doc = read_document(path)
    assert [g.rows for g in doc.grids] == [rows]
    assert doc.grids[0].page == 1
    assert doc.text.splitlines() == [
        "一、总体情况",
        paragraph,
        *("\t".join(row) for row in rows),
        "二、主动公开政府信息情况",
    ]


def test_pdf_page_furniture_and_page_crossing_paragraph(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    font = _cid_font()
    phrase = "政府信息公开工作持续推进并取得实效，年度报告编制完成"  # 25 characters
    body = (phrase * 22)[: 15 * 36]  # 15 full lines of 36 characters, all different
    path = tmp_path / "furniture.pdf"
    pdf = canvas.Canvas(str(path))
    for page in range(1, 4):
        pdf.setFont(font, 10)
        pdf.drawString(72, 800, "某某县人民政府办公室文件")
        pdf.drawString(280, 40, f"第 {page} 页 共 3 页")
        pdf.setFont(font, 12)
        for row in range(5):
            start = ((page - 1) * 5 + row) * 36
            pdf.drawString(72, 700 - 20 * row, body[start : start + 36])
        if page == 3:
            pdf.drawString(72, 580, "完。")
        pdf.showPage()
    pdf.save()
    doc = read_document(path)
    assert doc.text == body + "完。"  # one paragraph across both page breaks
    assert doc.created is not None


# --- files that are refused -----------------------------------------------------------------


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.setFont(_cid_font(), 12)
    pdf.drawString(72, 700, "政府信息公开工作年度报告")
    pdf.save()


def _blank_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 200, 200)
    pdf.showPage()
    pdf.save()


def _truncated_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    full = path.with_name("full.pdf")
    pdf = canvas.Canvas(str(full))
    pdf.setFont(_cid_font(), 12)
    for row in range(30):
        pdf.drawString(72, 780 - 20 * row, f"政府信息公开工作年度报告第{row}行")
    pdf.save()
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _old_doc_renamed(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def _corrupt_docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types>not really")


def _bytes(data: bytes):
    return lambda path: path.write_bytes(data)


BAD_FILES = [
    ("secret.pdf", _encrypted_pdf, "encrypted PDF"),
    ("blank.pdf", _blank_pdf, "no text layer"),
    ("truncated.pdf", _truncated_pdf, "damaged or truncated PDF"),
    ("random.pdf", _bytes(random.Random(1).randbytes(4096)), "not a PDF"),
    ("empty.txt", _bytes(b""), "empty file"),
    ("spaces.txt", _bytes(b" \n\t \r\n  "), "empty file"),
    ("spaces16.txt", _bytes(" \n \n".encode("utf-16")), "empty file"),
    ("random.txt", _bytes(random.Random(2).randbytes(4096)), "not text in a known encoding"),
    ("controls.txt", _bytes(bytes(range(1, 32)) * 50), "not text in a known encoding"),
    ("report.xyz", _bytes(REPORT_TEXT.encode()), "unsupported file type"),
    ("report.doc", _bytes(b"\xd0\xcf\x11\xe0" + bytes(100)), "convert it to .docx"),
    ("renamed.docx", _old_doc_renamed, "old Word"),
    ("corrupt.docx", _corrupt_docx, "damaged or invalid .docx"),
    ("text.docx", _bytes(REPORT_TEXT.encode()), "not a valid .docx"),
    ("empty.html", _bytes(b"<html><body><script>x</script></body></html>"), "no text"),
]


@pytest.mark.parametrize(("name", "make", "problem"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_raise_one_line_report_error(tmp_path: Path, name, make, problem) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(ReportError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message
    assert name in message
    assert problem in message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="file not found"):
        read_document(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ReportError, match="not a regular file"):
        read_document(folder)
    # without a report suffix: what the path is, rather than "unsupported file type"
    with pytest.raises(ReportError, match=r"not a regular file \(a folder: .*summarize FOLDER.*corpus_frame"):
        read_document(tmp_path)
    with pytest.raises(ReportError, match="file not found"):
        read_document(tmp_path / "no-such-thing")


def test_parse_report_wants_text_and_a_backend_means_tagging(tagger) -> None:
    import nlp

    with pytest.raises(TypeError, match="read_report"):
        nlp.parse_report(SAMPLES / "township-2023.txt")
    assert nlp.read_report(SAMPLES / "township-2023.txt").sentences is None
    assert nlp.read_report(SAMPLES / "township-2023.txt", backend="sklearn").sentences


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp.ingest.common

    monkeypatch.setattr(nlp.ingest.common, "MAX_BYTES", 1024 * 1024)
    path = _write(tmp_path / "big.txt", "政".encode() * (1024 * 1024))
    with pytest.raises(ReportError, match=r"file too large: 3 MB, limit 1 MB"):
        read_document(path)


def test_empty_text_is_refused() -> None:
    with pytest.raises(ReportError, match="empty text"):
        document_from_text(" \r\n\u3000")


# ---- the fast paths agree with the plain computations ---------------------------------------------

TEXT_CHARS = "a9Z中\u3400\u9fff\uf900\ufaff\ufb00\u33ff，。 \t\n\r\x0b\u3000\xa0\x85\u2028\U00020000\U0001f600\ud800\ue000"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(TEXT_CHARS)) | st.characters()))
def test_word_count_is_the_regex_count(text: str) -> None:
    assert textfile._word_count(text) == sum(map(len, textfile._WORD_RUN.findall(text)))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(TEXT_CHARS)), max_size=12))
def test_trailing_space_test_agrees_with_the_regex(text: str) -> None:
    assert common._has_trailing_space(text) == (common._TRAILING_SPACE.search(text) is not None)


def test_a_line_of_several_pipes_after_a_row_pads_it() -> None:
    """One cell per line, a line of several pipes after a row's last value (``||``) or after a
    header cell that spans columns (``||||||||``) adds no cell: leading blank cells stay where
    they are, so a row of six blanks and its total keeps the total last."""
    scraped = "\n".join([
        "申请人情况 |", "||||||||", "一、本年新收政府信息公开申请数量 |", *["|"] * 6, "0 |", "| ||",
        "二、上年结转政府信息公开申请数量 |", "4 |", *["|"] * 5, "4 |", "||",
    ])  # fmt: skip
    doc = document_from_text(REPORT_TEXT + "\n" + scraped + "\n下一段正文。")
    rows = doc.text.split(REPORT_TEXT + "\n")[1].split("\n")
    assert rows == [
        "申请人情况\t", "一、本年新收政府信息公开申请数量\t\t\t\t\t\t\t0", "二、上年结转政府信息公开申请数量\t4\t\t\t\t\t\t4",
        "下一段正文。",
    ]


def test_file_names_of_images_at_a_line_start_are_dropped() -> None:
    """A copy that printed the file names of its images (a table shown as an image, a picture
    before a paragraph) loses them; a name inside a line (an address) stays."""
    doc = document_from_text("一、概述\n截图2.PNG\n截图3.PNG截图4.png\n春天来了.jpg2023年，我局公开信息12条。\n详见 www.example.gov.cn/a.png 页面\n")
    assert doc.text == "一、概述\n\n2023年，我局公开信息12条。\n详见 www.example.gov.cn/a.png 页面"
