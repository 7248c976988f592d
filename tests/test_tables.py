"""The tables stage: tables 2, 3 and 4 read cell by cell from text, PDF, DOCX and HTML."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.ingest import read_document
from nlp.model import Document, Grid
from nlp.schema import (
    PROACTIVE_ROWS,
    REQUEST_COLUMNS,
    REQUEST_GROUPS,
    REQUEST_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    empty_proactive,
    empty_requests,
    empty_requests_by_row,
    empty_review_litigation,
    get_path,
    set_path,
)
from nlp.sections import find_sections
from nlp.tables import extract_tables
from nlp.tables.labels import normalize, proactive_row, request_column, request_row
from nlp.numbers import parse_value

# ---- expected values, written out as printed ---------------------------------------------------

BINGGU_PROACTIVE = {
    "rules": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
    "licensing": {"decisions": 0},
    "punishment": {"decisions": 0},
    "coercion": {"decisions": 0},
    "fees_collected": {"amount": 0},
}
# row -> natural_person, business, research, nonprofit, legal_service, other_org, total
BINGGU_REQUESTS = {
    "new": [0, 0, 0, 0, 0, 0, 0],
    "carried_over": [0, 0, 0, 0, 0, 0, 0],
    "granted": [0, 0, 0, 0, 0, 0, 0],
    "partial": [0, 0, 0, 0, 0, 0, 0],
    "denied.state_secret": [0, 0, 0, 0, 0, 0, 0],
    "denied.law_prohibited": [0, 0, 0, 0, 0, 0, 0],
    "denied.security_stability": [0, 0, 0, 0, 0, 0, 0],
    "denied.third_party": [0, 0, 0, 0, 0, 0, 0],
    "denied.internal_affairs": [0, 0, 0, 0, 0, 0, 0],
    "denied.process_info": [0, 0, 0, 0, 0, 0, 0],
    "denied.enforcement_file": [0, 0, 0, 0, 0, 0, 0],
    "denied.query_matter": [0, 0, 0, 0, 0, 0, 0],
    "unavailable.not_held": [0, 0, 0, 0, 0, 0, 0],
    "unavailable.needs_creation": [0, 0, 0, 0, 0, 0, 0],
    "unavailable.unclear": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.complaint": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.repeat": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.publication": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.excessive": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.confirmation": [0, 0, 0, 0, 0, 0, 0],
    "other.no_correction": [0, 0, 0, 0, 0, 0, 0],
    "other.unpaid_fee": [0, 0, 0, 0, 0, 0, 0],
    "other.other": [0, 0, 0, 0, 0, 0, 0],
    "handled_total": [0, 0, 0, 0, 0, 0, 0],
    "carried_forward": [0, 0, 0, 0, 0, 0, 0],
}
# group -> upheld, corrected, other, pending, total
BINGGU_REVIEW = {
    "review": [None, None, None, None, None],
    "litigation_direct": [0, 0, 0, 0, 0],
    "litigation_after_review": [0, 0, 0, 0, 0],
}

HUAIAN_PROACTIVE = {
    "rules": {"issued": 1, "repealed": 0, "in_force": 11},
    "normative_documents": {"issued": 8, "repealed": 26, "in_force": 66},
    "licensing": {"decisions": 447228},
    "punishment": {"decisions": 3985758},
    "coercion": {"decisions": 88283},
    "fees_collected": {"amount": 96171.6},
}
HUAIAN_REQUESTS = {
    "new": [3001, 53, 0, 0, 61, 4, 3119],
    "carried_over": [34, 0, 0, 0, 0, 0, 34],
    "granted": [1288, 21, 0, 0, 50, 3, 1362],
    "partial": [447, 7, 0, 0, 0, 0, 454],
    "denied.state_secret": [2, 0, 0, 0, 0, 0, 2],
    "denied.law_prohibited": [30, 1, 0, 0, 0, 0, 31],
    "denied.security_stability": [5, 0, 0, 0, 0, 0, 5],
    "denied.third_party": [6, 0, 0, 0, 0, 0, 6],
    "denied.internal_affairs": [7, 1, 0, 0, 0, 0, 8],
    "denied.process_info": [12, 0, 0, 0, 0, 0, 12],
    "denied.enforcement_file": [9, 0, 0, 0, 0, 0, 9],
    "denied.query_matter": [105, 0, 0, 0, 0, 0, 105],
    "unavailable.not_held": [746, 12, 0, 0, 10, 1, 769],
    "unavailable.needs_creation": [11, 0, 0, 0, 0, 0, 11],
    "unavailable.unclear": [1, 0, 0, 0, 0, 0, 1],
    "not_processed.complaint": [56, 6, 0, 0, 0, 0, 62],
    "not_processed.repeat": [25, 0, 0, 0, 0, 0, 25],
    "not_processed.publication": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.excessive": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.confirmation": [1, 0, 0, 0, 0, 0, 1],
    "other.no_correction": [67, 3, 0, 0, 1, 0, 71],
    "other.unpaid_fee": [6, 0, 0, 0, 0, 0, 6],
    "other.other": [108, 2, 0, 0, 0, 0, 110],
    "handled_total": [2932, 53, 0, 0, 61, 4, 3050],
    "carried_forward": [103, 0, 0, 0, 0, 0, 103],
}
HUAIAN_REVIEW = {
    "review": [72, 64, 178, 37, 351],
    "litigation_direct": [13, 4, 8, 1, 26],
    "litigation_after_review": [12, 1, 1, 6, 20],
}


def assert_cells(tables, proactive: dict, requests: dict, review: dict) -> None:
    """Every cell of tables 2, 3 and 4 equals the expected value (type included: 0 is not None)."""
    assert tables.proactive == proactive
    assert set(requests) == set(REQUEST_ROWS)
    for row, values in requests.items():
        for column, value in zip(REQUEST_COLUMNS, values, strict=True):
            found = get_path(tables.requests, f"{row}.{column}")
            assert found == value and type(found) is type(value), f"requests.{row}.{column}"
    assert tables.requests == _nest_requests(requests)
    assert tables.review_litigation == {
        g: dict(zip(REVIEW_COLUMNS, v, strict=True)) for g, v in review.items()
    }
    assert tables.missing_rows == {"proactive": [], "requests": [], "review_litigation": []}


def _nest_requests(rows: dict[str, list]) -> dict:
    table = empty_requests()
    for row, values in rows.items():
        for column, value in zip(REQUEST_COLUMNS, values):
            set_path(table, f"{row}.{column}", value)
    return table


# ---- cell values and labels ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("3,119", 3119),
        ("７２", 72),
        (" 12\u3000", 12),
        ("96171.6", 96171.6),
        ("12.0", 12),
        ("0", 0),
        ("", None),
        ("\u3000\u3000", None),
        (None, None),
        ("-", None),
        ("—", None),
        ("/", None),
        ("无", None),
        ("三", None),
    ],
)
def test_parse_value(cell, value):
    found = parse_value(cell)
    assert found == value and type(found) is type(value)


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("一、本年新收政府信息公开申请数量", "new"),
        ("（一）予以公开", "granted"),
        ("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "partial"),
        ("2．其他法律行政法规禁止公开", "denied.law_prohibited"),
        ("3、危及\u201c三安全一稳定\u201d", "denied.security_stability"),
        ("1.本机关不掌握相关政府信息", "unavailable.not_held"),
        ("1. 信访举报投诉类申请", "not_processed.complaint"),
        ("5.要求行政机关确认或重新出\n具已获取信息", "not_processed.confirmation"),
        ("1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请", "other.no_correction"),
        ("2、申请人逾期未按收费通知要\n求缴纳费用、行政机关不再处理", "other.unpaid_fee"),
        ("3.其他", "other.other"),
        ("5.属于三类内容事务信息", "denied.internal_affairs"),  # a misprint some pages carry
        ("（六）其他处理", "other.other"),
        ("(七) 总计", "handled_total"),
        ("四、结转下年度继续办理", "carried_forward"),
        ("三、\n本\n年\n度\n办\n理\n结\n果", None),
        ("法人或其他组织", None),
    ],
)
def test_request_row_labels(label, key):
    assert request_row(label) == key


def test_column_and_table2_labels():
    assert normalize("（一） 予以\u3000公开") == "一予以公开"
    assert [request_column(c) for c in ("自然人", "商业企\n业", "科研机\n构", "社会公益\n组织")] == [
        "natural_person", "business", "research", "nonprofit",
    ]  # fmt: skip
    assert [request_column(c) for c in ("法律服务\n机构", "其他", "总计", "法人或其他组织")] == [
        "legal_service", "other_org", "total", None,
    ]  # fmt: skip
    assert proactive_row("规范性文件") == proactive_row("行政规范性\n文件") == "normative_documents"
    assert proactive_row("规章") == "rules"
    assert proactive_row("行政事业性收费") == "fees_collected"


# ---- real reports -------------------------------------------------------------------------------


def test_binggu_text(binggu: Path):
    text = binggu.read_text(encoding="utf-8")
    doc = Document(text=text)
    tables = extract_tables(doc, find_sections(text))
    assert_cells(tables, BINGGU_PROACTIVE, BINGGU_REQUESTS, BINGGU_REVIEW)
    assert all(v is None for v in tables.review_litigation["review"].values())


def test_binggu_without_sections(binggu: Path):
    tables = extract_tables(Document(text=binggu.read_text(encoding="utf-8")), [])
    assert_cells(tables, BINGGU_PROACTIVE, BINGGU_REQUESTS, BINGGU_REVIEW)


def test_huaian_pdf(huaian: Path):
    doc = read_document(huaian)
    assert doc.grids
    tables = extract_tables(doc, find_sections(doc.text))
    assert_cells(tables, HUAIAN_PROACTIVE, HUAIAN_REQUESTS, HUAIAN_REVIEW)


def _pdfplumber_document(path: Path, grids: bool) -> Document:
    """The PDF read directly with pdfplumber: raw table fragments per page, or text only."""
    texts, found = [], []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            texts.append(page.extract_text() or "")
            found += [Grid(t, number) for t in page.extract_tables()] if grids else []
    return Document(text="\n".join(texts), grids=found, kind="pdf")


@pytest.mark.parametrize("grids", [True, False], ids=["fragments", "space-separated-text"])
def test_huaian_pdfplumber(huaian: Path, grids: bool):
    """Fragments split across pages (stray '法提供' cell, vertical group labels, cut header words),
    or the bare text: labels wrapped around the numbers, page numbers inside the table."""
    doc = _pdfplumber_document(huaian, grids)
    assert_cells(extract_tables(doc, []), HUAIAN_PROACTIVE, HUAIAN_REQUESTS, HUAIAN_REVIEW)


def test_huaian_text_only(huaian: Path):
    """The ingested text (tables as tab-separated lines) gives the same tables without grids."""
    text = read_document(huaian).text
    tables = extract_tables(Document(text=text), find_sections(text))
    assert_cells(tables, HUAIAN_PROACTIVE, HUAIAN_REQUESTS, HUAIAN_REVIEW)


def test_huaian_wrapped_labels(huaian: Path):
    """Rows whose labels wrap or are split by extraction map to their key in both PDF readings."""
    raw = _pdfplumber_document(huaian, grids=True)
    wrapped = [g for g in raw.grids for row in g.rows for c in row if c and "逾期不补\n正" in c]
    assert wrapped, "the PDF should wrap the 其他处理 row 1 label"
    for grids in (True, False):
        req = extract_tables(_pdfplumber_document(huaian, grids), []).requests
        assert req["other"]["no_correction"]["total"] == 71
        assert req["other"]["unpaid_fee"]["total"] == 6
        assert req["not_processed"]["confirmation"]["natural_person"] == 1
        assert req["partial"]["total"] == 454
        assert req["unavailable"]["needs_creation"]["total"] == 11


# ---- the blank 2021 template, filled -----------------------------------------------------------

# Template rows of table 2 -> key; table 3 data rows start at row 3; table 4 data is row 3.
TEMPLATE_T2_ROWS = {2: "rules", 3: "normative_documents", 6: "licensing", 9: "punishment",
                    10: "coercion", 13: "fees_collected"}  # fmt: skip
BLANK_T2 = {("coercion", "decisions")}
BLANK_T3 = {("new", "natural_person"), ("denied.query_matter", "research"),
            ("carried_forward", "total")}  # fmt: skip
BLANK_T4 = {("review", "upheld"), ("litigation_after_review", "total")}
DASH_T3 = {("other.other", "business")}
SPECIAL_T3 = {("new", "total"): 3119, ("granted", "natural_person"): 72}
PRINTED_AS = {3119: "3,119", 72: "７２"}  # a thousands separator and full-width digits


def _fill_template(path: Path, out: Path) -> tuple[dict, dict, dict]:
    """Write distinct numbers into every value cell (a few left blank or '-'); return the
    expected tables."""
    document = docx.Document(str(path))
    t2, t3, t4 = document.tables
    proactive, requests, review = empty_proactive(), empty_requests(), empty_review_litigation()
    for r, key in TEMPLATE_T2_ROWS.items():
        for c, column in enumerate(PROACTIVE_ROWS[key][1], 1):
            value = 96171.6 if key == "fees_collected" else 10 * r + c
            if (key, column) not in BLANK_T2:
                t2.rows[r].cells[c].text = str(value)
                proactive[key][column] = value
    for r, key in enumerate(REQUEST_ROWS, 3):
        for c, column in enumerate(REQUEST_COLUMNS, 3):
            value = SPECIAL_T3.get((key, column), 100 * r + c)
            if (key, column) in DASH_T3:
                t3.rows[r].cells[c].text = "-"
            elif (key, column) not in BLANK_T3:
                t3.rows[r].cells[c].text = PRINTED_AS.get(value, str(value))
                set_path(requests, f"{key}.{column}", value)
    slots = [(g, c) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    for i, (group, column) in enumerate(slots):
        if (group, column) not in BLANK_T4:
            t4.rows[3].cells[i].text = str(500 + i)
            review[group][column] = 500 + i
    document.save(str(out))
    return proactive, requests, review


@pytest.fixture
def filled(template_docx: Path, tmp_path: Path) -> tuple[Path, tuple[dict, dict, dict]]:
    out = tmp_path / "filled.docx"
    return out, _fill_template(template_docx, out)


def _layout(path: Path) -> list[list[list[tuple[str, int, int] | None]]]:
    """Each table of a .docx as rows of (text, rowspan, colspan) at a merged cell's top-left
    position, None at the positions it covers."""
    tables = []
    for table in docx.Document(str(path)).tables:
        cells = [[c._tc for c in row.cells] for row in table.rows]
        spans: dict = {}
        for r, row in enumerate(cells):
            for c, tc in enumerate(row):
                spans.setdefault(tc, []).append((r, c))
        text = {id(c._tc): c.text for row in table.rows for c in row.cells}
        grid = []
        for r, row in enumerate(cells):
            out = []
            for c, tc in enumerate(row):
                where = spans[tc]
                if where[0] != (r, c):
                    out.append(None)
                    continue
                rows = {p[0] for p in where}
                cols = {p[1] for p in where}
                out.append((text[id(tc)], len(rows), len(cols)))
            grid.append(out)
        tables.append(grid)
    return tables


TITLES = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")


def _html(layout) -> str:
    parts = ["<html><body><h1>2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>（文字描述）</p>"]
    for title, table in zip(TITLES, layout):
        parts.append(f"<p>{title}</p><table>")
        for row in table:
            tds = "".join(
                f'<td rowspan="{rs}" colspan="{cs}">{html.escape(t).replace(chr(10), "<br>")}</td>'
                for t, rs, cs in (c for c in row if c)
            )
            parts.append(f"<tr>{tds}</tr>")
        parts.append("</table>")
    parts.append("<p>五、存在的主要问题及改进情况</p><p>（文字描述）</p></body></html>")
    return "".join(parts)


def _tab_text(layout, skip_merged: bool) -> str:
    """Tables as tab-separated lines; merged positions blank, or left out entirely."""
    lines = ["2021年政府信息公开工作年度报告", "一、总体情况", "（文字描述）"]
    for title, table in zip(TITLES, layout):
        lines.append(title)
        for row in table:
            cells = [c[0].replace("\n", "") if c else "" for c in row if c or not skip_merged]
            lines.append("\t".join(cells))
    lines += ["五、存在的主要问题及改进情况", "（文字描述）"]
    return "\n".join(lines)


def _assert_filled(tables, expected: tuple[dict, dict, dict]) -> None:
    proactive, requests, review = expected
    assert tables.proactive == proactive
    assert tables.requests == requests
    assert tables.review_litigation == review
    for key, column in BLANK_T3 | DASH_T3:
        assert get_path(tables.requests, f"{key}.{column}") is None
    assert tables.proactive["coercion"]["decisions"] is None
    assert tables.review_litigation["review"]["upheld"] is None
    assert tables.missing_rows == {"proactive": [], "requests": [], "review_litigation": []}


def test_template_docx(filled):
    path, expected = filled
    doc = read_document(path)
    assert len(doc.grids) == 3
    _assert_filled(extract_tables(doc, find_sections(doc.text)), expected)


def test_template_html(filled, tmp_path: Path):
    path, expected = filled
    page = tmp_path / "filled.html"
    page.write_text(_html(_layout(path)), encoding="utf-8")
    doc = read_document(page)
    assert len(doc.grids) == 3
    _assert_filled(extract_tables(doc, find_sections(doc.text)), expected)


@pytest.mark.parametrize("skip_merged", [False, True], ids=["merged-blank", "merged-left-out"])
@pytest.mark.parametrize("with_sections", [True, False], ids=["sections", "no-sections"])
def test_template_tab_text(filled, skip_merged: bool, with_sections: bool):
    path, expected = filled
    text = _tab_text(_layout(path), skip_merged)
    sections = find_sections(text) if with_sections else []
    _assert_filled(extract_tables(Document(text=text), sections), expected)


# ---- crafted inputs -----------------------------------------------------------------------------

T3_HEAD = "\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"


def _t3_line(label: str, n: int) -> str:
    return label + "\t" + "\t".join(str(n * 10 + i) for i in range(7))


def test_label_split_over_lines_with_blank_between():
    """A row label broken over two lines, with a blank line between, still finds its row."""
    text = (
        "三、收到和处理政府信息公开申请情况\n" + T3_HEAD
        + _t3_line("\t（五）不予处理\t5. 要求行政机关确认或重新出具已获取信息", 1) + "\n"
        + "\t（六）其他处理\t1. 申请人无正当理由逾期不补正、行政机关\n\n"
        + _t3_line("\t不再处理其政府信息公开申请", 2) + "\n"
        + _t3_line("\t2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开", 3) + "\n\n"
        + "申请\n"
        + _t3_line("\t3. 其他", 4) + "\n"
    )  # fmt: skip
    req = extract_tables(Document(text=text), []).requests
    assert req["not_processed"]["confirmation"]["natural_person"] == 10
    assert req["other"]["no_correction"] == dict(zip(REQUEST_COLUMNS, range(20, 27)))
    assert req["other"]["unpaid_fee"]["total"] == 36
    assert req["other"]["other"]["natural_person"] == 40


def test_space_separated_label_around_numbers():
    """PDF text without grids: a label cut in two with its numbers in the middle."""
    text = (
        "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 总计\n"
        "（二）部分公开（区分处理的，只计这一情\n447 7 0 0 0 0 454\n形，不计其他情形）\n"
        "1.属于国家秘密 2 0 0 0 0 0 2\n- 4 -\n（七）总计 3,119 ７２ 0 0 — 4 3195\n"
    )
    req = extract_tables(Document(text=text), []).requests
    assert req["partial"] == dict(zip(REQUEST_COLUMNS, [447, 7, 0, 0, 0, 0, 454]))
    assert req["denied"]["state_secret"]["total"] == 2
    assert req["handled_total"] == dict(zip(REQUEST_COLUMNS, [3119, 72, 0, 0, None, 4, 3195]))


def test_format_2019():
    """2019-2020 format: table 2 keeps its own columns; one （六）其他处理 row -> other.other."""
    text = "\n".join([
        "二、主动公开政府信息情况",
        "第二十条第（一）项\t\t\t",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t1\t2\t3",
        "规范性文件\t4\t5\t6",
        "第二十条第（五）项\t\t\t",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t7\t-1\t8",
        "其他对外管理服务事项\t9\t0\t10",
        "第二十条第（八）项\t\t\t",
        "信息内容\t上一年项目数量\t本年增/减\t",
        "行政事业性收费\t11\t0\t",
        "三、收到和处理政府信息公开申请情况",
        T3_HEAD.rstrip("\n"),
        _t3_line("\t（五）不予处理\t5.要求行政机关确认或重新出具已获取信息", 1),
        _t3_line("\t（六）其他处理\t", 2),
        _t3_line("\t（七）总计\t", 3),
    ])  # fmt: skip
    tables = extract_tables(Document(text=text), [])
    assert tables.proactive["rules"] == {
        "issued": None, "repealed": None, "in_force": None,
        "new_made": 1, "new_published": 2, "total_published": 3,
    }  # fmt: skip
    assert tables.proactive["licensing"] == {"decisions": 8, "previous_items": 7, "change": -1}
    assert tables.proactive["other_services"] == {"decisions": 10, "previous_items": 9, "change": 0}
    assert tables.proactive["fees_collected"] == {"amount": None, "previous_items": 11, "change": 0}
    assert tables.missing_rows["proactive"] == ["punishment", "coercion"]
    assert tables.requests["other"]["other"]["natural_person"] == 20
    assert tables.requests["other"]["no_correction"]["total"] is None
    missing = tables.missing_rows["requests"]
    assert "other.no_correction" not in missing and "other.unpaid_fee" not in missing
    assert "new" in missing


def test_no_tables():
    text = "一、总体情况\n本年度主动公开信息 72 条。\n四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。"
    tables = extract_tables(Document(text=text), find_sections(text))
    assert (tables.proactive, tables.requests, tables.review_litigation) == (None, None, None)
    assert tables.missing_rows == {}


def test_review_one_line_and_grid_positions():
    """Table 4 as one line of 15 numbers; as a grid header without labels, by print order."""
    text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果 维持 结果纠正\n" + " ".join(map(str, range(15)))
    review = extract_tables(Document(text=text), []).review_litigation
    assert review["litigation_after_review"] == dict(zip(REVIEW_COLUMNS, range(10, 15)))
    grid = Grid([["行政复议"] + [None] * 4 + ["行政诉讼"] + [None] * 9, [str(i) for i in range(15)]])
    review = extract_tables(Document(text="", grids=[grid]), []).review_litigation
    assert review["review"] == dict(zip(REVIEW_COLUMNS, range(5)))


FIRST_IN_GROUP = {"denied.state_secret", "unavailable.not_held", "not_processed.complaint",
                  "other.no_correction"}  # fmt: skip
_CELL = st.one_of(st.none(), st.integers(0, 10**6), st.floats(0, 1e5).map(lambda x: round(x, 1)))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=7, max_size=7), min_size=25, max_size=25))
def test_requests_round_trip(values):
    """Any table 3 (blanks included) reads back the same from a grid and from tab-separated text."""
    header = [None, None, None, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    rows: list[list[str | None]] = [header]
    expected = empty_requests()
    for key, cells in zip(REQUEST_ROWS, values, strict=True):
        group = REQUEST_GROUPS[key.split(".")[0]] if key in FIRST_IN_GROUP else ""
        rows.append(["", group, REQUEST_ROWS[key]] + ["" if v is None else str(v) for v in cells])
        for column, value in zip(REQUEST_COLUMNS, cells):
            set_path(expected, f"{key}.{column}", value)
    from_grid = extract_tables(Document(text="", grids=[Grid(rows)]), []).requests
    text = "\n".join("\t".join(c or "" for c in row) for row in rows)
    from_text = extract_tables(Document(text=text), []).requests
    assert from_grid == expected
    assert from_text == expected


def test_fresh_table_3_is_the_empty_table_with_its_rows() -> None:
    table, rows = empty_requests_by_row()
    assert table == empty_requests() and list(table) == list(empty_requests())
    assert list(rows) == list(REQUEST_ROWS)
    for key, cells in rows.items():
        assert get_path(table, key) is cells


# ---- pages scraped one cell per line, without pipes ----------------------------------------------


def _one_cell_per_line(text: str, blank_lines: bool) -> str:
    """A report as ``get_text("\\n")`` of its page gives it: each non-empty table cell on a line
    of its own (empty cells lost), with or without a blank line after each."""
    lines = []
    for line in text.split("\n"):
        cells = [c for c in line.split("\t") if c.strip()] if "\t" in line else [line]
        for cell in cells:
            lines += [cell, ""] if blank_lines and "\t" in line else [cell]
    return "\n".join(lines)


@pytest.mark.parametrize("blank_lines", [False, True], ids=["packed", "blank-lines"])
@pytest.mark.parametrize("name", ["township-2023.txt", "county-dept-2022.txt", "errors-township-2023.txt"])
def test_tables_scraped_one_cell_per_line(name: str, blank_lines: bool) -> None:
    """Rows of tables 2 and 3 come back from a label line and the lines of one number each after
    it; so do table 4's fifteen numbers after its header, but only when none was blank (a blank
    cell is lost, and a row short of numbers is not guessed at); the checks on table 3 say the
    same as on the tab-separated text."""
    from conftest import SAMPLES

    from nlp.pipeline import parse_report

    text = (SAMPLES / name).read_text(encoding="utf-8")
    scraped = _one_cell_per_line(text, blank_lines)
    assert "\t" not in scraped
    tab, one = parse_report(text), parse_report(scraped)
    assert one.requests == tab.requests
    assert one.proactive == tab.proactive  # (no cell of table 2 is blank in these samples)
    review_complete = all(v is not None for group in tab.review_litigation.values() for v in group.values())
    assert one.review_litigation == (tab.review_litigation if review_complete else None)
    statuses = {(c.rule, tuple(c.cells)): c.status for c in tab.checks if c.rule.startswith("T3.")}
    assert statuses and {(c.rule, tuple(c.cells)): c.status for c in one.checks if c.rule.startswith("T3.")} == statuses


@pytest.mark.parametrize("junk", ["? ", "?", "？", "\ufffd"])
def test_a_question_mark_left_for_a_space_before_a_number_is_no_label(junk: str) -> None:
    """A page decoded wrongly prints a non-breaking space before a cell's number as a question
    mark (``? 0``): the cell still holds its number, in tab rows and one cell per line alike, and
    the row keeps its other cells."""
    from conftest import SAMPLES

    from nlp.pipeline import parse_report

    text = (SAMPLES / "county-dept-2022.txt").read_text(encoding="utf-8")
    junked = "\n".join("\t".join(f"{junk}{c}" if c.isdigit() and i % 2 else c for i, c in enumerate(line.split("\t")))
                       if "\t" in line else line for line in text.split("\n"))
    assert junked.count(junk) > 20
    tab = parse_report(text)
    for copy in (junked, _one_cell_per_line(junked, False)):
        got = parse_report(copy)
        assert (got.proactive, got.requests) == (tab.proactive, tab.requests)


def test_table_2_rows_that_lost_their_blank_cells_are_not_guessed() -> None:
    """Text that drops blank cells (PDF text, a page scraped one cell per line): a row of table 2
    with fewer numbers than columns (行政规范性文件 2 _ 9) cannot say which cell was blank, so none
    of its cells is read, rather than 9 read as repealed; a row's label alone (规章, all blank)
    is a row of blanks, not a missing row.  A tab-separated copy keeps every cell where it is."""
    from conftest import SAMPLES

    from nlp.pipeline import parse_report

    lines = (SAMPLES / "county-dept-2022.txt").read_text(encoding="utf-8").split("\n")
    blanked = {"规章": "规章\t\t\t", "行政规范性文件": "行政规范性文件\t2\t\t9", "行政强制": "行政强制\t"}
    text = "\n".join(blanked.get(line.split("\t")[0], line) if "\t" in line else line for line in lines)
    tab = parse_report(text)
    assert tab.proactive["normative_documents"] == {"issued": 2, "repealed": None, "in_force": 9}
    pdf_like = "\n".join(" ".join(c for c in line.split("\t") if c.strip()) if "\t" in line else line
                          for line in text.split("\n"))
    for lossy in (pdf_like, _one_cell_per_line(text, False)):
        report = parse_report(lossy)
        assert report.proactive["normative_documents"] == {"issued": None, "repealed": None, "in_force": None}
        assert report.proactive["rules"] == tab.proactive["rules"] and report.proactive["coercion"] == {"decisions": None}
        assert report.proactive["licensing"] == tab.proactive["licensing"]
        assert report.tables.missing_rows["proactive"] == []
        assert not [c for c in report.checks if c.status == "fail"]


def test_table_2_of_the_2019_format_scraped_one_cell_per_line() -> None:
    """The header cells, each on a line of its own after 信息内容, still name the columns (three
    for 行政许可 in the 2019-2020 format)."""
    tab = "\n".join([
        "二、主动公开政府信息情况", "第二十条第（一）项\t\t\t", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t1\t2\t3", "规范性文件\t4\t5\t6", "第二十条第（五）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t7\t-1\t8", "其他对外管理服务事项\t9\t0\t10",
    ])  # fmt: skip
    expected = extract_tables(Document(text=tab), []).proactive
    assert expected["licensing"] == {"decisions": 8, "previous_items": 7, "change": -1}
    scraped = _one_cell_per_line(tab, blank_lines=True)
    assert extract_tables(Document(text=scraped), []).proactive == expected


def test_a_wrapped_table_2_label_is_no_row_of_blanks() -> None:
    """PDF text wraps a long label (其他对外管理服务事 / 项 9 0 10): its first line names a row, yet
    it is the start of the label of the values below it, not a row of blanks."""
    text = "\n".join([
        "二、主动公开政府信息情况", "第二十条第（五）项", "信息内容 上一年项目数量 本年增/减 处理决定数量",
        "行政许可 7 -1 8", "其他对外管理服务事", "项 9 0 10", "三、收到和处理政府信息公开申请情况",
    ])  # fmt: skip
    table = extract_tables(Document(text=text), []).proactive
    assert table["other_services"] == {"previous_items": 9, "change": 0, "decisions": 10}


@pytest.mark.parametrize(
    "header",
    [["信息内容 本年制发件数 本年废止件数 现行有效件数"], ["信息内容", "本年制发件数 本年废止件数 现行有效件数"],
     ["信息内容", "本年制发", "件数 本年废止件数 现行有效件数"]],
    ids=["one-line", "cells-on-the-next-line", "cells-cut-mid-word"],
)  # fmt: skip
def test_table_2_header_of_pdf_text_in_pieces(header: list[str]) -> None:
    """Header cells on the line after 信息内容 still name the columns; a header cut mid-word (so
    fewer header cells than values) gives way to the format's columns, not to a short header."""
    text = "\n".join(["二、主动公开政府信息情况", "第二十条第（一）项", *header, "规章 1 2 3", "行政规范性文件 4 5 6",
                      "三、收到和处理政府信息公开申请情况"])  # fmt: skip
    table = extract_tables(Document(text=text), []).proactive
    assert table["normative_documents"] == {"issued": 4, "repealed": 5, "in_force": 6}


def test_a_table_printed_but_not_read_is_told_apart_from_one_not_found() -> None:
    """Table 4 of a copy that lost its blank cells (the review group is blank in this sample) is
    printed but cannot be read: F.tables says so and is not assessable, rather than failing with
    "not found"; a report without the table, or whose text only names a result or two of it,
    still fails F.tables."""
    from conftest import SAMPLES

    from nlp.pipeline import parse_report

    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    lossy = _one_cell_per_line(text, False)
    report = parse_report(lossy)
    assert report.review_litigation is None and report.tables.unread == ["review_litigation"]
    check = next(c for c in report.checks if c.rule == "F.tables" and c.cells == ["review_litigation"])
    assert (check.status, check.found) == ("not_assessable", "unread") and "printed" in check.message
    assert "printed but not read" in next(c.message for c in report.checks if c.rule == "T4.group_total")
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    without = text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n本年度行政复议结果维持1件，尚未审结0件。\n" + text[end:]
    report = parse_report(without)
    assert report.tables.unread == []
    check = next(c for c in report.checks if c.rule == "F.tables" and c.cells == ["review_litigation"])
    assert check.status == "fail" and "not found" in check.message


def test_table_3_header_with_blank_cells_after_its_total_is_no_row() -> None:
    """A page that draws the header's empty cells (``自然人 | 法人或其他组织 | 总计 | | | …``)
    gives a header line ending in 总计 and as many blanks as table 3 has columns: it is a header,
    not the row (七)总计 with every cell blank, so the real total row is read."""
    from conftest import SAMPLES

    from nlp.pipeline import parse_report

    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    head = "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"
    assert head in text
    drawn = text.replace(head, "自然人\t法人或其他组织\t总计" + "\t" * 8 + "\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他" + "\t" * 5)
    tab, report = parse_report(text), parse_report(drawn)
    assert tab.requests["handled_total"]["total"] is not None
    assert report.requests == tab.requests


_TABLE_2_OF_2019 = [
    ["二、主动公开政府信息情况"], ["第二十条第（一）项", "", "", ""],
    ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "0", "1", "2"], ["规范性文件", "4", "3", "5"],
    ["第二十条第（五）项", "", "", ""], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政许可", "6", "减4", "2"], ["其他对外管理服务事项", "9", "增1", "10"],
    ["第二十条第（九）项", "", ""], ["信息内容", "采购项目数量", "采购总金额"], ["政府集中采购", "3", "41.5"],
    ["三、收到和处理政府信息公开申请情况"],
]  # fmt: skip
_EXPECTED_2019 = {
    "rules": {"new_made": 0, "new_published": 1, "total_published": 2},
    "normative_documents": {"new_made": 4, "new_published": 3, "total_published": 5},
    "licensing": {"previous_items": 6, "change": -4, "decisions": 2},
    "other_services": {"previous_items": 9, "change": 1, "decisions": 10},
    "procurement": {"procurement_items": 3, "procurement_amount": 41.5},
}


def _cut_header(cell: str) -> list[str]:
    """A header cell of a narrow column, wrapped after its first three characters."""
    return [cell[:3], cell[3:]] if cell.startswith("本年新") else [cell]


def _layouts_of_2019() -> dict[str, str]:
    rows = _TABLE_2_OF_2019
    header = {cell for row in rows if row[0] == "信息内容" for cell in row[1:]}
    cells = [c for row in rows for c in row if c]
    return {
        # each cell followed by a pipe on its line
        "cell-pipe": "\n".join(c + " |" if len(row) > 1 else c for row in rows for c in row if c),
        # each cell on its line, a pipe alone after it
        "pipe-lines": "\n".join(line for row in rows for c in row if c
                                for line in ([c, "|"] if len(row) > 1 else [c])),
        # no pipes, a blank line after each cell, the 本年新… header cells wrapped in two
        "wrapped-header": "\n\n".join(piece for c in cells for piece in (_cut_header(c) if c in header else [c])),
        # header rows drawn as one cell and the others each on a line opened by a pipe
        "header-pipes": "\n".join(
            "\n| ".join([f"{row[0]} | {row[1]}", *row[2:]]) if row[0] == "信息内容"
            else " | ".join(row) + (" |" if len(row) > 1 else "") for row in rows
        ),
    }


@pytest.mark.parametrize("layout", list(_layouts_of_2019()))
def test_table_2_of_the_2019_format_in_page_layouts(layout: str, tmp_path: Path) -> None:
    """The 2019-2020 format's table 2 as web pages lay it out: its header cells name the columns
    (本年新制作数量, not the 2021 format's 本年制发件数), even when a cell is cut over two lines
    or a pipe sits between the words of the header's line; a change written 减4 is -4."""
    page = tmp_path / "page.txt"
    page.write_text(_layouts_of_2019()[layout], encoding="utf-8")
    table = extract_tables(read_document(page), []).proactive
    for key, cells in _EXPECTED_2019.items():
        assert {c: table[key].get(c) for c in cells} == cells, key


def test_a_2019_format_block_without_its_header_takes_that_format_s_columns() -> None:
    """A block whose header cannot be read takes the columns of the table's format: those of
    2019-2020 when another block's header or a row only that format has shows it."""
    rows = [r for r in _TABLE_2_OF_2019 if r[0] != "信息内容" or r[1] != "本年新制作数量"]
    text = "\n".join("\t".join(r) for r in rows)
    table = extract_tables(Document(text=text), []).proactive
    assert table["normative_documents"]["new_made"] == 4 and table["normative_documents"]["issued"] is None


@pytest.mark.parametrize(("body", "no_text"), [("", True), ("该部分以表格形式报告。表格如下：", True),
                                               ("无。", False), ("本年度收到申请3件。", False)])
def test_a_table_section_without_text_is_no_missing_table(body: str, no_text: bool) -> None:
    """Section 三 with no text under its title, or a caption alone (a web copy of a page whose
    table was an image): F.tables and the relations on table 3 are not assessable ("not in the
    text"); a section that says there is nothing, or gives a count instead, still fails F.tables."""
    from conftest import SAMPLES

    from nlp.pipeline import parse_report

    text = (SAMPLES / "township-2023.txt").read_text(encoding="utf-8")
    start, end = text.index("三、收到和处理政府信息公开申请情况"), text.index("四、政府信息公开行政复议")
    report = parse_report(text[:start] + "三、收到和处理政府信息公开申请情况\n" + (body + "\n" if body else "") + text[end:])
    assert report.requests is None and report.tables.no_text == (["requests"] if no_text else [])
    check = next(c for c in report.checks if c.rule == "F.tables" and c.cells == ["requests"])
    assert check.status == ("not_assessable" if no_text else "fail")
    balance = next(c for c in report.checks if c.rule == "T3.balance")
    assert ("not in the text" in balance.message) == no_text


def test_table_4_with_its_result_columns_printed_one_character_to_a_line() -> None:
    """PDF text of a table 4 whose narrow result columns print their titles upright, one
    character to a line (结/果/维/持 …): the line of its groups (行政复议 行政诉讼) is its header,
    and the fifteen numbers after it are its cells in print order."""
    column = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    upright = [" ".join(title[i] for title in column) for i in range(4)]
    values = list(range(1, 16))
    text = "\n".join([
        "四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", *upright,
        " ".join(map(str, values)), "五、存在的主要问题及改进情况",
    ])  # fmt: skip
    table = extract_tables(Document(text=text), find_sections(text)).review_litigation
    assert table is not None
    assert [table[g][c] for g in REVIEW_GROUPS for c in REVIEW_COLUMNS] == values


def test_table_4_header_printed_once_for_all_groups_is_printed() -> None:
    """A copy that printed table 4's header cells once for all its groups (行政复议, 行政诉讼,
    结果维持 … 尚未审结, 未经复议直接起诉, 复议后起诉, one to a line) and lost its numbers: the
    table is printed but not read, not missing."""
    heads = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"]
    text = "\n".join(["四、政府信息公开行政复议、行政诉讼情况", *heads, "五、存在的主要问题及改进情况", "无。"])
    tables = extract_tables(Document(text=text), find_sections(text))
    assert tables.review_litigation is None and tables.unread == ["review_litigation"]
    sentence = "本年度未发生行政复议，行政诉讼结果维持1件，结果纠正0件，其他结果0件，尚未审结0件。"
    text = "\n".join(["四、政府信息公开行政复议、行政诉讼情况", sentence, "五、存在的主要问题及改进情况", "无。"])
    assert extract_tables(Document(text=text), find_sections(text)).unread == []


def test_more_table_2_and_3_layouts_of_real_pages() -> None:
    """其他对外管理服务事项 explained with the other rows' words (指行政许可以外…、行政处罚…) is its
    own row; a header whose cells were cut short (本年新 | 本年新 | 对外公开总数量) still has the
    format's columns where it agrees with them; a table-3 tab row that lost its empty cells (3 | 3)
    is read as blanks, not as its first two columns."""
    text = "\n".join([
        "二、主动公开政府信息情况", "第二十条第（一）项\t\t\t", "信息内容\t本年新\t本年新\t对外公开总数量",
        "规章\t0\t1\t2", "规范性文件\t3\t4\t5", "第二十条第（五）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        "行政许可\t1\t2\t3", "其他对外管理服务事项（指行政许可以外的事项，含行政处罚、行政强制）\t117\t0\t165",
        "三、收到和处理政府信息公开申请情况", T3_HEAD.strip("\n"), "一、本年新收政府信息公开申请数量\t3\t3",
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
    ])  # fmt: skip
    tables = extract_tables(Document(text=text), find_sections(text))
    assert tables.proactive["rules"] == {**tables.proactive["rules"], "new_made": 0, "new_published": 1, "total_published": 2}
    assert tables.proactive["licensing"] == {"decisions": 3, "previous_items": 1, "change": 2}
    assert tables.proactive["other_services"] == {"previous_items": 117, "change": 0, "decisions": 165}
    assert set(tables.requests["new"].values()) == {None} and tables.requests["carried_over"]["total"] == 0


def test_a_header_with_blank_cells_drawn_after_it_and_an_amount_with_its_unit() -> None:
    """本年新 | 本年新 | 对外公开总数量 | | : the blank cells after the header are none of its own,
    so the cut-short header still takes the format's columns; an amount printed with its unit
    (160.5964万元) in a column of 万元 is the number."""
    text = "\n".join([
        "二、主动公开政府信息情况", "第二十条第（一）项\t\t\t", "信息内容\t本年新\t本年新\t对外公开总数量\t\t",
        "规章\t0\t1\t2\t\t", "规范性文件\t3\t4\t5\t\t", "第二十条第（九）项\t\t\t", "信息内容\t采购项目数量\t采购总金额",
        "政府集中采购\t8\t160.5964万元",
    ])  # fmt: skip
    in_yuan = extract_tables(Document(text=text.replace("160.5964万元", "152790元")), find_sections(text))
    assert in_yuan.proactive["procurement"] == {"procurement_items": 8, "procurement_amount": 15.279}  # in 万元
    tables = extract_tables(Document(text=text), find_sections(text))
    assert tables.proactive["rules"] == {**tables.proactive["rules"], "new_made": 0, "new_published": 1, "total_published": 2}
    assert tables.proactive["procurement"] == {"procurement_items": 8, "procurement_amount": 160.5964}


@pytest.mark.parametrize(
    "header",
    [["本年新", "本年新", "对外公开总数量"], ["本年新制作数量", "本年新制作数量", "对外公开总数量"]],
)
def test_a_header_cut_short_or_printed_twice_one_cell_a_line(header: list[str]) -> None:
    """Header cells one a line, two of them cut short (本年新 / 本年新) or the first printed twice:
    the cells it names where it agrees with the format, the format's columns elsewhere."""
    text = "\n".join(["二、主动公开政府信息情况", "第二十条第（一）项\t", "信息内容\t", *[f"{c}\t" for c in header],
                      "规章\t0\t1\t2", "规范性文件\t3\t4\t5"])  # fmt: skip
    tables = extract_tables(Document(text=text), find_sections(text))
    assert tables.proactive["normative_documents"] == {
        **tables.proactive["normative_documents"], "new_made": 3, "new_published": 4, "total_published": 5}
