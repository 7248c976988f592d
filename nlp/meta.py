"""Report metadata: issuing body, year, publication date, format, administrative level, places.

Sources, in order of trust: the signature block at the end (agency and date), the title (year,
agency, places; also from a preamble that names the report, 现公布某市人民政府2017年…年度报告,
above the first heading or in the first lines under it; not a title inside 《…》),
the fields a government portal prints above a page it publishes (发布机构 for the agency, 发布日期
or 发文日期 for the date; kept in a copy of the page), the contact or the overview's first sentence,
a table's caption (单位：某市某局), the statistics period, then the file metadata
(``Document.created``).

Level rules (the agency's own type): 镇/乡/街道/苏木 -> township; 县/区/旗 -> county (a zone
named as a place, 某经济技术开发区 or 某工业园区, is run by a committee: department);
州/地区/盟 -> city; 省/自治区/直辖市 -> province; 市 -> city unless it is a county-level city,
listed in ``nlp/data/county_level_cities.txt`` (桐城市) or with another 市/州/地区/盟 named before
it (苏州市昆山市); a body that is not a government (局/委员会/办公室/中心/… of any level) ->
department. With no body found at all, a report that calls itself 我镇, 我乡 or 本街道 is township.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from .model import Document, Meta, Section
from .numbers import chinese_to_int, fold_fullwidth

_CN = "〇○零一二两三四五六七八九十"
_DATE = (
    rf"(?P<y>\d{{4}}|[{_CN}]{{4}})[ \u3000]?年(?P<m>\d{{1,2}}|[{_CN}]{{1,2}}|元)月"
    rf"(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})日"
)
_YEAR = r"(?P<year>(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})年度?"
_TITLE_RE = re.compile(
    rf"(?P<pre>[^。，；：:,;《》]{{0,40}}?){_YEAR}(?P<mid>[^。，；：:,;《》]{{0,40}}?)"
    r"(?:政府信息公开|政务公开|信息公开)[^。，；]{0,12}?(?:年度报告|年报|报告)"
)
# What may precede the body's name in a title-like line of a preamble (…规定，现公布某市人民政府2017年…
# 年度报告; 特向社会公布2015年度我局…): dropped; a name such as 我局 or 本镇 names no one.
_ANNOUNCING_RE = re.compile(
    r"^(?:关于|名称|中文名|标题|(?:本(?:年度)?报告(?:是)?)?由|(?:现将|现就|现予|特此|兹|并|予以|现(?=特|向社会|公布|发布|印发|公开|编制)"
    r"|特(?=向社会|公布|发布|印发|编制|编写))*(?:向社会)?(?:公布|发布|印发|公开|编制|编写)?了?)"
)
# What may follow the body's name before the year (…街道特编制2023年…, 由某办编制的2009年…): dropped.
_MAKING_RE = re.compile(
    r"(?:现|特|负责)?(?:向社会)?(?:编制|编写|制作|发布|公开|公布)(?:了|的)?$|(?:根据|按照|依据|结合).*$"
)
_QUOTED_BEFORE = 30  # characters before a report's own 《title》 that may name its body (in its clause)
_CLAUSE_CUT_RE = re.compile("[，。；：,;:》）)、]")
# A name that names no one in particular: 区人民政府办公室, 市政府 (the place left out).
_GENERIC_NAME_RE = re.compile(r"^[省市州县区镇乡旗]?(?:人民)?政府")
# page furniture before it: Page 8 - …, a breadcrumb 首页»某区人民政府某街道
# (to the last » of a breadcrumb; a tag such as (图文) too)
_NOT_NAME_START_RE = re.compile(r"^(?:.*[»>＞])?[^\u4e00-\u9fff]*(?:[（(]?(?:图文|视频|图解|转载)[)）])?")
_RELATIVE_NAME_RE = re.compile(r"^(?:我|本(?!溪))")  # 我局, 本镇; not 本溪市
_MADE_IN_RE = re.compile(r"(?:编制|编写|形成|撰写)了?")
_REPORT_LEFT_RE = re.compile(r"^(?:工作)?(?:年度)?报告(?=[\u4e00-\u9fff]{2})")
# a note after a name: 海关总署（本级机关）, 某办公室（以下简称…）, a second name 某局（某委员会办公室） (not a
# place's other name: 高新区（新市区）)
_NOTE_END_RE = re.compile(
    r"[（(](?:本级|机关本级|本级机关|本部|机关|以下简称[^）)]{1,12}|[^（()）]{1,16}(?:办公室|委员会|管委会|中心|局|办|厅))[)）]$"
)  # a note after the name: 海关总署（本级机关）
_GOVERNMENT = r"(?:人民政府|政府|行政公署|公署)"
_ORG_SUFFIX = (
    r"(?:人民政府|政府|公署|办事处|委员会|管委会|海关关区|海关|局|委|办公室|办|厅|中心|院|所|署|部|处|站|队|会|"
    r"馆|室|公司|集团|镇|乡|街道|社)"
)
_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff（）()]{0,40}"  # not a numbered head such as （二）…
_SIGNATURE_RE = re.compile(rf"(?P<agency>{_NAME}{_ORG_SUFFIX})(?:{_DATE})?")
_DATE_LINE_RE = re.compile(rf"(?:{_NAME}{_ORG_SUFFIX})?{_DATE}")
_GOVERNMENT_END_RE = re.compile(rf"{_GOVERNMENT}$")
_OFFICE_END_RE = re.compile(r"(?:街道)?办事处$")
_ORG_END_RE = re.compile(rf"{_ORG_SUFFIX}$")
# A body named in a title ends as a body or a place does (not 做好, not ）以及).
_NAMED_END_RE = re.compile(rf"(?:{_ORG_SUFFIX}|街|省|市|州|盟|县|区|旗|地区|苏木)$")
_TOWNSHIP_END_RE = re.compile(rf"{_GOVERNMENT}[\u4e00-\u9fff]{{1,8}}?(?:(?:街道|镇|乡)(?:办事处|人民政府|政府)?|办事处)$")  # (某区人民政府某某办事处: a street)
_PERIOD_RE = re.compile(r"统计(?:数据)?(?:期限|时限|期间|时段)[^。\d]{0,6}(?P<year>(?:19|20)\d{2})年")
_ANY_YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})年")
# Fields of a portal's header block (索引号 | 发布机构：… | 发布日期：2016-04-08 …): a label, then
# a colon or the next cell (a tab once pipe-drawn rows are tab-separated), then the value.
_FIELD_SEP = r"[ \u3000]*(?:[:：】\]\t\n|]\s*)+"  # 发布日期：…, 【公布日期】…, [ 公开日期 ] | …, the label alone on its line
_PUBLISHER_RE = re.compile(
    rf"(?:发\s*布\s*(?:机\s*构|单\s*位)|制\s*定\s*机\s*关|信\s*息\s*来\s*源|(?<![\u4e00-\u9fff])单\s*位){_FIELD_SEP}(?P<agency>{_NAME}{_ORG_SUFFIX})(?![\u4e00-\u9fff])"
)
_POSTED_RE = re.compile(  # (时间: and 日期: alone too, as a page's header line prints them; 信息提供日期, 公文生成日期,
    # 成文日期, 发表日期; the date after a colon, 】, a line break or spaces)
    rf"(?:发\s*[布文表]\s*|提\s*供\s*|公\s*[开布]\s*|生\s*成\s*|成\s*文\s*|撰\s*写\s*|更\s*新\s*|上\s*载\s*|添\s*加\s*"
    rf"|(?<![\u4e00-\u9fff])|(?<=[局委办厅府室]))(?:日\s*期|时\s*间)(?:{_FIELD_SEP}|[ \u3000]+|(?=\d{{4}}))"
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"
)
_FURNITURE_RE = re.compile(r"[-－—–]?\d{1,3}[-－—–]?|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,3}/\d{1,3}")
# a portal's menu above a copy of the page: • 网站首页, • 政务服务, |, EN (not counted among the first lines)
_MENU_RE = re.compile(r"[•·▪◆●][^。，；：,;:\d]{0,10}|[^\u4e00-\u9fff\d]{1,4}")  # (no digit: • 2024-03-08 is a date)

# Place names: a run of name characters ending in an administrative suffix (longest suffix first).
_PLACE_RE = re.compile(
    # (和 first: 和平街道, not A市和B市; inside a name close before its suffix: 永和镇, 仁和区, 共和新路街道,
    # not 住房和城乡建设局)
    r"和?(?:[^\W\d_和与及的之人政局委办厅]|和(?!城乡|社会|改革|旅游|计划|信息|规划|体育|宗教|质量)(?=[^\W\d_和与及]{0,4}?[镇乡区县街]))"
    r"{1,12}?"
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省|市(?!街道)|州(?![市区县])|盟|县|区|旗|镇(?!街道|[市县区])"
    r"|乡(?!街道|村|[市县区])|苏木|(?<!大)街(?=$|办事处))"  # (甘州区, 安镇街道, 矿市街道, 县乡村振兴局, 湘乡市, 某湖街)
)
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_SUFFIX_CHARS = "镇乡县区市旗州省"  # one-character suffixes (of _PLACE_RE)
_LEVEL_CHARS = "省市州县区镇乡旗"  # a name opening with one of them alone names its level, not its place
_BARE_LEVELS = ("自治区", "自治州", "自治县", "自治旗", "地区", "街道")  # (自治区政府办公厅: no place named)
_GOVERNMENT_THEN_RE = re.compile(r"人民政府|政府")
# a national administration whose local bureau a name opens with: 国家税务总局广州市白云区税务局
_NATIONAL_RE = re.compile(r"国家[\u4e00-\u9fff]{1,8}?(?:总局|局)(?=[\u4e00-\u9fff]{1,12}?[省市州县区])")
_ZONE_ALONE_RE = re.compile(r"(?:经济技术|高新技术产业|经济|高新技术)?开发区|高新区")  # a zone's kind, no place
# development zones and parks (天津经济技术开发区, 淮安工业园区): not a district (浦东新区 is one)
_ZONE_ENDS = ("开发区", "高新区", "园区", "保税区", "试验区", "示范区", "合作区", "集聚区")
_NO_PLACE = ("城市", "区城市", "市城市", "县城市", "省市")  # (某区城市管理局, 区城市规划建设局: 城市 is no place; 省市场监管局)
# words a body's name may go on with that open with such a character: 某县市场监督管理局, 乡村振兴局
_NOT_A_SUFFIX = ("市场", "市政", "市容", "市民", "乡村", "乡镇", "镇村", "区域", "区划", "县域", "省级", "市级", "县级", "区级")
_PREFECTURE_SUFFIXES = ("市", "州", "地区", "盟")
COUNTY_LEVEL_CITIES = Path(__file__).parent / "data" / "county_level_cities.txt"

# Format markers.
_MARKERS_2021 = ("逾期未按收费通知要求缴纳费用", "本年制发件数")
# (not 其他处理: the 2021 table 3 has that row too)
_MARKERS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
_OLD_TITLES = ("依申请公开政府信息", "依申请公开信息")  # never used since the 2019 format


_HEAD_LINES = 12  # a title is within the first lines
_TITLE_WITHIN = 400  # characters of a line a title is within (after a preamble's long first clause)
_PREAMBLE_LINES = 2  # lines under the first heading that may name the report and its body
_PREAMBLE_CHARS = 400  # characters under the first heading that may name a body to contact
_TAIL_LINES = 4  # the signature block is within the last lines
_HEAD_CHARS = 2000  # a portal's header fields are within the first characters


def _lines(raw_lines: Iterable[str], limit: int) -> list[str]:
    """The first ``limit`` non-empty lines of ``raw_lines`` with all whitespace removed, page
    furniture dropped, full-width forms folded (only those are read, so the whole text is not
    cleaned)."""
    out = []
    for line in raw_lines:
        # Folding would not change the furniture test: it only makes digits (\d either way)
        # and ，． ASCII, and no furniture holds a comma or a point.
        line = "".join(line.split())
        if line and not _FURNITURE_RE.fullmatch(line) and not _MENU_RE.fullmatch(line):
            out.append(line)
            if len(out) == limit:
                break
    return fold_fullwidth("\n".join(out)).split("\n") if out else out  # one call for all lines


def _last_lines(text: str, limit: int) -> list[str]:
    """``_lines`` of the last lines of ``text``, in text order, read from the end of the text
    only (a suffix long enough to hold them; its first line, perhaps cut, is not used)."""
    size = 2048
    while True:
        whole = size >= len(text)
        lines = text.splitlines() if whole else text[-size:].splitlines()[1:]
        found = _lines(reversed(lines), limit)
        if len(found) == limit or whole:
            return found[::-1]
        size *= 4


def _to_int(part: str) -> int | None:
    if part == "元":  # 元月: the first month
        return 1
    return int(part) if part.isdigit() else chinese_to_int(part)


def _year(part: str) -> int | None:
    year = _to_int(part)
    return year if year is not None and 1990 <= year <= 2100 else None


def _date(m: re.Match[str]) -> date | None:
    y, mo, d = (_to_int(m.group(g)) for g in ("y", "m", "d"))
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


def _signature(tail: list[str]) -> tuple[str | None, date | None]:
    """Agency and date of the signature block: the last lines, after the last sentence."""
    agency = published = None
    lines = tail[-_TAIL_LINES:]
    if lines and "。" in lines[-1] and _DATE_LINE_RE.fullmatch(after := lines[-1].rsplit("。", 1)[1]):
        lines = [*lines[:-1], after]  # …做好工作。某街道办事处二○○九年三月二十日: signed on the last line of text
    for line in reversed(lines):
        if "。" in line or "，" in line:
            break
        dm = _DATE_LINE_RE.fullmatch(line)
        if dm and published is None:
            published = _date(dm)
        sm = _SIGNATURE_RE.fullmatch(line)
        if sm and agency is None and not sm.group("agency").endswith(_NOT_A_BODY):
            agency = sm.group("agency")
    return agency, published


_NOT_A_BODY = ("网站", "平台", "专栏")  # a copy cut after a line such as 依托区门户网站: no signature


def _title(head: list[str]) -> tuple[str | None, int | None]:
    """(agency or place named in the title, report year) from the first lines: the year of the
    first title-like line, the body of the first that names one (a title that names none, such as
    市人民政府办公室2021年…, may be followed by a preamble that does: 现公开天门市人民政府办公室…)."""
    year = None
    for i, line in enumerate(head[:_HEAD_LINES]):
        text = line[:_TITLE_WITHIN]  # a title is short; one-line texts start with it
        m = _own_title(text)
        if m is None and (wrapped := _wrapped_title(line, head[i + 1 : i + 2])):
            m, text = wrapped
        if m is None:
            if bare := _BARE_TITLE_RE.fullmatch(text):  # 某市某局 / 政府信息公开工作年度报告 (no year)
                if (name := _title_name(bare.group("pre"))) and places_in(name):  # (not 医院 alone)
                    return name, year
            continue
        year = year or _year(m.group("year"))
        mid = m.group("mid") + ("政府" if m.group("mid").endswith("人民") else "")  # 某镇人民|政府信息公开
        name = _title_name(m.group("pre")) or _title_name(mid)
        quote = text.rfind("《", 0, m.start()) if text.startswith("》", m.end()) else -1  # the report's own 《title》
        if not name and quote > 0:  # 某局现向社会公开《2023年…年度报告》: the body before it
            before = _CLAUSE_CUT_RE.split(text[max(0, quote - _QUOTED_BEFORE) : quote])[-1]
            name = _title_name(before) if places_in(before) else ""
        if not name and i > 0 and _SIGNATURE_RE.fullmatch(head[i - 1]):
            name = head[i - 1]
        if name:
            return name, year
    return None, year


_WRAPPED_MAX = 30  # characters of the first line of a title wrapped onto the next
_NOT_IN_WRAPPED_RE = re.compile("[。，；！？,;>»＞|｜]")  # (a sentence, or a breadcrumb: no title's first line)
_BARE_TITLE_RE = re.compile(r"(?P<pre>[^。，；：:,;《》]{2,40}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度报告|年报)")
_REPORT_WORDS_RE = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度报告|年报)")


def _wrapped_title(line: str, following: list[str]) -> tuple[re.Match[str] | None, str] | None:
    """(title match, text) of a title wrapped from ``line`` onto the next line (宿州市人民政府2016年 /
    政府信息公开工作年度报告; 某市某局 / 政府信息公开工作年度报告, a title without its year: no
    match, the text for _BARE_TITLE_RE), or None.  The first line is short and no sentence or
    breadcrumb; the next is no title of its own."""
    if not following or len(line) > _WRAPPED_MAX or _NOT_IN_WRAPPED_RE.search(line):
        return None
    nxt = following[0][:_TITLE_WITHIN]
    if _own_title(nxt) is not None:
        return None
    if m := _own_title(line + nxt):
        return m, line + nxt
    return (None, line + nxt) if _REPORT_WORDS_RE.fullmatch(nxt) else None

def _own_title(text: str) -> re.Match[str] | None:
    """The first title-like match in ``text`` that is not a title within 《…》 (关于做好2022年度…
    的通知) but may be the report's own title in 《…》."""
    pos = 0
    while m := _TITLE_RE.search(text, pos):
        if text.rfind("《", 0, m.start()) <= text.rfind("》", 0, m.start()) or text.startswith("》", m.end()):
            return m
        pos = text.find("》", m.start()) + 1 or len(text)  # on after the quoted title
    return None


def _title_name(part: str) -> str:
    """The body named in a part of a title ("" if none): without 关于 around it, without an
    announcing verb before it (现特向社会公布, 现将, 由) or a verb of making after it (特编制,
    编制的), not a relative name such as 我局, and ending as a body or a place does."""
    issuer, about, rest = part.partition("关于")  # 某市人民政府关于报送某市…: the issuer of a covering letter
    covering = about and issuer and rest.startswith(("报送", "印发", "公布", "发布")) and _NAMED_END_RE.search(issuer)
    part = issuer if covering else part.removesuffix("关于")
    made = _MADE_IN_RE.split(part)  # …办公室编制了某区人民政府 / 精心编制我局 / 并形成: what follows
    if len(made) > 1 and made[-1] and not made[-1].startswith(("的", "而", "完", "发布")):  # (not 某局编制的, 编制而成)
        # (某部编制了本级行政机关2019年…: the maker, when what it made is named relatively)
        part = made[0] if _RELATIVE_NAME_RE.match(made[-1]) and made[0] else made[-1]
    part = _REPORT_LEFT_RE.sub("", part)  # 工作年度报告某县民政局: what a cut title left before the name
    name = _NOT_NAME_START_RE.sub("", _NOTE_END_RE.sub("", part))
    name = _MAKING_RE.sub("", _NOT_NAME_START_RE.sub("", _ANNOUNCING_RE.sub("", name).strip()))
    if len(name) < 2 or not _NAMED_END_RE.search(name) or _names_no_one(name):
        return ""  # (镇 alone, 我局, 区人民政府, 县教育局: no one in particular)
    return name


_DATED_LINE_RE = re.compile(
    # (after the page's title, a body or a site: 某区…年度报告 2025-01-22, 某省人民政府办公厅 2016-04-15,
    # 某市人民政府门户网站 www.….gov.cn 2023-01-28)
    # (the lines come without their whitespace: 2026-01-2217:49:17)
    rf"(?:\S{{0,60}}?(?:报告|网站|{_ORG_SUFFIX})(?:www\.\S+)?)?"
    rf"[•·\-]?(?:[（(]?{_DATE}[)）]?|(?P<iy>\d{{4}})[-/](?P<im>\d{{1,2}})[-/](?P<id>\d{{1,2}})"
    r"|(?P<ed>\d{2})\.(?P<em>\d{2})\.(?P<ey>\d{4}))"  # (23.03.2017 10:37: day first)
    r"(?:\d{1,2}:\d{2}(?::\d{2})?)?"  # a time after it: 2026-01-22 17:49:17
    rf"(?:{_NAME}{_ORG_SUFFIX}|来源[:：].*|[（(]点击[:：]?[^（()）]*[)）][|｜]*)?"  # (2019-03-28 来源：某部网站; (点击: ))
)


_BARE_DATED_LINE_RE = re.compile(
    rf"[•·]?(?:[（(]?{_DATE}[)）]?|[（(]?(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})[)）]?)(?:{_NAME}{_ORG_SUFFIX})?"
)


def _dated_line(head: list[str]) -> date | None:
    """The date of a line that holds nothing else (in brackets or not): （2025年1月22日） under a title;
    else of a line that dates the page (after its title, a body or a site; with a time, or 来源)."""
    return _line_date(head, _BARE_DATED_LINE_RE) or _line_date(head, _DATED_LINE_RE)


_NUMERIC_DATES = (("iy", "im", "id"), ("ey", "em", "ed"))  # (year, month, day) groups: ISO, day first


def _line_date(head: list[str], pattern: re.Pattern[str]) -> date | None:
    for line in head:
        if m := pattern.fullmatch(line):
            found = m.groupdict()
            if numeric := next((g for g in _NUMERIC_DATES if found.get(g[0])), None):
                try:
                    return date(*(int(found[g]) for g in numeric))
                except ValueError:
                    continue
            if d := _date(m):
                return d
    return None


def _not_a_repost(posted: date | None, year: int | None) -> date | None:
    """A portal's date, unless it falls after the year following the report's: a page posted
    again years later (a report on 2009 posted in 2015) does not date the report."""
    return None if posted and year and posted.year > year + 1 else posted


def _portal_fields(head_text: str) -> tuple[str | None, date | None]:
    """(agency, date) from the fields a government portal prints above a page (发布机构, 单位;
    发布日期, 发布时间 or 发文日期, else the first of the other dates: 公开日期, 公布日期, 公文生成日期,
    时间, …), when a copy of the page kept them above the report."""
    agency = next((m for m in _PUBLISHER_RE.finditer(head_text) if not _names_no_one(m.group("agency"))), None)
    dates = list(_POSTED_RE.finditer(head_text))
    posted = next((m for m in dates if m.group().startswith("发")), dates[0] if dates else None)
    return agency and agency.group("agency"), posted and _date(posted)


# (a township named after its district's government: 某区人民政府某街道办事处; a zone's 管委会)
# (a government's office of its own name is a body: 某市人民政府外事办公室; not its 办公室, 党政办公室,
# 信息公开办公室, 政务公开办公室 or 综合办公室, which speak for the government)
_BODY_END = (rf"(?:{_GOVERNMENT}(?!(?!党政|综合|信息公开|政务|政府信息|督|行政)[\u4e00-\u9fff]{{2,6}}办公室)(?:[\u4e00-\u9fff]{{1,8}}?(?:街道办事处|办事处|街道|镇|乡)(?:人民政府)?)?"
             r"|(?<!总)局|委员会|管委会|厅|委(?!员)|办事处|中心|联合会|合作社|联社|人防办|(?:高新区|开发区)(?:管委会|管理委员会)?|(?:街道|镇|乡)(?=办公室|党政|综合)"
             r"|(?<=政府[\u4e00-\u9fff]{2})办公室|(?<=政府[\u4e00-\u9fff]{3})办公室|(?<=政府[\u4e00-\u9fff]{4})办公室)")
_CONTACT_RE = re.compile(
    rf"(?:[请可或](?:直接)?与(?P<agency>[\u4e00-\u9fff]{{1,30}}?{_BODY_END})(?:[（(][^（()）]{{0,60}}[）)])?[^。，,；;（(]{{0,16}}?联系"
    rf"|[请可]联系[:：]?(?P<named>[\u4e00-\u9fff]{{1,30}}?{_BODY_END}))"
)
# 本报告由某县人民政府办公室编制: the body that made the report, its office cut off
_MADE_BY_RE = re.compile(
    rf"由(?P<agency>[\u4e00-\u9fff]{{1,30}}?{_BODY_END})(?:[（(]以下简称[^）)]{{1,12}}[）)])?[^。，,；;]{{0,100}}?(?:负责)?(?:编制|编写|撰写|制作)"
)  # (本报告由某县民政局根据《…》规定编制; 由某县人民政府办公室（以下简称县政府办公室）编制)


def _contact(text: str) -> str | None:
    """The body a preamble says made the report (由某县人民政府办公室编制), else the one it asks
    readers to contact (请与白云乡人民政府党政办联系, 请与某县水利局办公室联系, 请联系某县教体局): its
    office cut off, the government or bureau named is the report's body (not one naming no place:
    市政府)."""
    compact = "".join(text.split())
    for m in (*_MADE_BY_RE.finditer(compact), *_CONTACT_RE.finditer(compact)):
        name = m.group("agency") or m.groupdict()["named"]
        if not _names_no_one(name):
            return name
    return None


# The body as the subject of the overview's first sentence: 2024年，某市人民政府办公厅坚持…
_SUBJECT_RE = re.compile(
    rf"(?:(?:(?:19|20)\d{{2}}年度?|一年来|今年以来)[，,]?)?(?:[^，。；\n]{{0,6}}?[，,]|在[^，。；\n]{{0,20}}?下[，,])?"
    rf"(?P<agency>{_NAME}?(?:{_ORG_SUFFIX}|(?<!大)街(?!道)|县|区|旗))(?:(?:政务公开|政府信息公开|信息公开)(?:工作)?)?"  # (白云街: a street named short)
    r"(?:坚持|认真|深入|全面|严格|按照|围绕|紧紧|始终|持续|进一步|高度|积极|紧扣|聚焦|不断|扎实|以|在|通过|是|根据|依据|结合|成立|及时)"
)


def _subject(text: str) -> str | None:
    """The body the overview's first sentence opens with, naming its place (2023年，某镇人民政府认真
    贯彻…; not 我局, not 市政府): the last resort for a copy that prints no title, signature,
    field or contact."""
    lines = text.split("\n", 3)[1:3]  # the lines under the heading
    m = _SUBJECT_RE.match("".join("".join(line.split()) for line in lines))
    if m is None:
        return None
    name = m.group("agency")
    places = places_in(name)
    if not places or places[0] in _BARE_LEVELS or _names_no_one(name) or name.startswith(("全", "各", "该")) or len(name) <= 2:
        return None
    return name


# A table's caption naming its body: 单位：某市某局 (填报单位, 编制单位); not a unit of measure (单位：件).
_CAPTION_RE = re.compile(rf"(?:填报|编制|报送)?单位[：:][ \t\u3000]*(?P<agency>{_NAME}{_ORG_SUFFIX})(?![\u4e00-\u9fff])")
# The body naming itself as a township (我镇, 本街道; not 我乡村振兴局, 本乡镇): its level when no name is found.
_SELF_TOWNSHIP_RE = re.compile(r"[我本](?:镇|街道|乡(?![村镇]))")


def _caption(text: str) -> str | None:
    """The body a table's caption names (单位：某市自然资源和规划局 2023年度), if it names its place."""
    for m in _CAPTION_RE.finditer(text):
        name = m.group("agency")
        if places_in(name) and not _names_no_one(name):
            return name
    return None


def _names_no_one(name: str) -> bool:
    """A name that names no body in particular: 我局, 本镇 (relative), 市政府 (a government
    without its place), 市民政局, 县教育局 (a level without its place)."""
    return bool(_RELATIVE_NAME_RE.match(name) or _GENERIC_NAME_RE.match(name)) or _placeless(name)


def _placeless(name: str) -> bool:
    """A body named by its level, not its place: 市民政局, 县教育局 (not 乡宁县民政局)."""
    return name[:1] in _LEVEL_CHARS and not places_in(name)


def _fallback_year(text: str) -> int | None:
    compact = "".join(text.split())
    m = _PERIOD_RE.search(compact) or _ANY_YEAR_RE.search(compact)
    return int(m.group("year")) if m else None


def places_in(name: str | None) -> list[str]:
    """Place names at the start of ``name``, in order: 攀枝花市米易县丙谷镇 -> 3 places; a place
    whose name holds a suffix's character keeps its own suffix (壶镇镇, 拖市镇: not 壶镇 or 拖市 and
    a stray 镇)."""
    places: list[str] = []
    pos = (m.end() if name and (m := _NATIONAL_RE.match(name)) else 0)
    while name and (m := _PLACE_RE.match(name, pos)):
        if (not places and _ZONE_ALONE_RE.fullmatch(m.group())) or m.group() in _NO_PLACE or "海关" in m.group():
            break  # 经济技术开发区经济发展局: a zone's kind names no place; 广州海关关区: a customs district
        places.append(m.group())
        pos = m.end()
        if (pos < len(name) and name[pos] in _SUFFIX_CHARS and not _PLACE_RE.match(name, pos)
                and not name.startswith(_NOT_A_SUFFIX, pos)):
            places[-1] += name[pos]
            pos += 1
        if (gov := _GOVERNMENT_THEN_RE.match(name, pos)) and _PLACE_RE.match(name, gov.end()):
            pos = gov.end()  # 丰泽区人民政府城东街道办事处: the street after its district's government
    return places


def _place_level(place: str, before: list[str]) -> str:
    """Level of a government named by its place; ``before`` = the places named before it."""
    if place.endswith(("镇", "乡", "街道", "苏木")):
        return "township"
    if place.endswith(("自治区", "特别行政区", "省")) or place in _MUNICIPALITIES:
        return "province"
    if place.endswith("地区"):  # 阿克苏地区 (行政公署): a prefecture
        return "city"
    if place.endswith(_ZONE_ENDS):  # a zone is run by a committee of a city or county: no government of its own
        return "department"
    if place.endswith(("县", "区", "旗")):
        return "county"
    if place.endswith("市") and (
        place in _county_level_cities() or any(p.endswith(_PREFECTURE_SUFFIXES) for p in before)
    ):
        return "county"
    return "city"


@cache
def _county_level_cities() -> frozenset[str]:
    """The names of ``nlp/data/county_level_cities.txt`` (桐城市, 义乌市, …)."""
    lines = COUNTY_LEVEL_CITIES.read_text(encoding="utf-8").splitlines()
    return frozenset(name for line in lines for name in line.split("#")[0].split())


def level_of(agency: str | None, title_places: list[str]) -> str | None:
    """Administrative level of the issuing body (see the module docstring)."""
    if not agency:
        return None
    if _TOWNSHIP_END_RE.search(agency):  # 某区人民政府某街道: a township under its district's name
        return "township"
    body = _GOVERNMENT_END_RE.sub("", agency)
    body = _OFFICE_END_RE.sub("街道", body)
    body = body + "道" if body.endswith("街") and not body.endswith("大街") else body  # 佳荣里街: a 街道
    own = places_in(body)
    if own and "".join(own) == body:
        before = title_places[: max(0, len(title_places) - len(own))] + own[:-1]
        return _place_level(own[-1], before)
    if _ORG_END_RE.search(agency):
        return "department"
    return None


def detect_format(text: str, sections: list[Section], year: int | None) -> str | None:
    """2021 | 2019 | pre-2019 from table markers, then old titles, then the year (when some
    section of the format was found: a text with none, such as a news item about a report, has
    no format to tell).

    概述 is also a 2021 variant of 一、总体情况, so it only decides when the year is unknown.
    """
    if any(m in text for m in _MARKERS_2021):  # found in the text, so in the compact text
        return "2021"
    compact = "".join(text.split())
    if any(m in compact for m in _MARKERS_2021):
        return "2021"
    if any(m in compact for m in _MARKERS_2019):
        return "2019"
    titles = "".join(s.title for s in sections)
    if any(s.key == "fees" for s in sections) or any(w in titles for w in _OLD_TITLES):
        return "pre-2019"
    if year is not None and sections:  # (no section of the format, no table: not told by the year alone)
        return "2021" if year >= 2021 else "2019" if year >= 2019 else "pre-2019"
    if "概述" in titles:
        return "pre-2019"
    return "2021" if sections else None


def extract_meta(doc: Document, sections: list[Section]) -> Meta:
    """Metadata of one report (agency, year, published, format, level, places)."""
    head_text = doc.text[: sections[0].start] if sections else doc.text
    head = _lines(head_text.splitlines(), _HEAD_LINES)
    tail = _last_lines(doc.text, _TAIL_LINES)
    title_name, year = _title(head)
    if title_name is None and sections:  # the preamble under the first heading: 某街道特编制2023年…年度报告
        first = _lines(doc.text[sections[0].start : sections[0].end].splitlines()[1:], _PREAMBLE_LINES)
        title_name, first_year = _title(first)
        year = year or first_year
    signed, published = _signature(tail)
    publisher, posted = _portal_fields(head_text[:_HEAD_CHARS])
    # the preamble may stand under the first heading (一、总体情况 / 如对本报告有疑问，请与…联系)
    under = doc.text[sections[0].start : sections[0].start + _PREAMBLE_CHARS] if sections else ""
    agency = (signed or title_name or publisher or _contact(head_text[:_HEAD_CHARS] + "\n" + under)
              or _subject(under) or _caption(doc.text))
    places = places_in(title_name) or places_in(agency)
    year = year or _fallback_year(doc.text)
    return Meta(
        agency=agency,
        year=year,
        published=published or _not_a_repost(_dated_line(head), year) or _not_a_repost(posted, year) or doc.created,
        format=detect_format(doc.text, sections, year),
        level=level_of(agency, places) or ("township" if not agency and _SELF_TOWNSHIP_RE.search(doc.text) else None),
        places=places,
        encoding=doc.encoding,
        converted_from_traditional=doc.converted_from_traditional,
    )
