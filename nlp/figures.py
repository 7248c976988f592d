"""Narrative figures: counts stated in sentences (主动公开信息 N 条, 受理申请 N 件, …).

Table lines (tab-separated, or ending in three or more numbers) are never read.  Sentences
(split at 。！？；, PDF line breaks removed) are read first from the narrative: the preamble and
the overview, fees, problems and other sections, plus every section of a pre-2019 report and any
section without table lines; then, as a fallback, from the prose around the tables of the other
sections.  For each key the first matching sentence wins, preferring one that names the report
year or 全年/本年.  A count in a clause about frequency (每月巡查一次) is not a total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Figure, Section
from .numbers import NUMBER_PATTERN, fold_fullwidth, parse_number
from .schema import FIGURE_KEYS

_NUM = rf"(?P<num>{NUMBER_PATTERN})"
_GAP = r"[^，。；：,;:\d]{0,%d}?"  # words between a keyword and its number (no clause break)
_NOT_TIME = r"(?!工作日|自然日|日|天|月|小时)"  # 5个工作日 is a time limit, not a count
_NARRATIVE_KEYS = ("overview", "fees", "problems", "other")

# key -> (units, the first one for a zero stated in words; patterns giving a number; patterns
# meaning zero).  A breakdown (其中 a 件、b 件) may use any of the key's units.
_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "proactive_total": (
        ("条", "项", "件", "篇"),
        (rf"主动公开{_GAP % 15}{_NUM}(?P<unit>条|项|件|篇)",),
        (),
    ),
    "requests_received": (
        ("件", "条", "个", "宗", "份"),
        (
            rf"(?:受理|收到|新收|接收|接到){_GAP % 20}申请{_GAP % 6}{_NUM}(?P<unit>件|条|个|宗|份){_NOT_TIME}",
        ),
        (
            r"无(?:政府信息公开|依申请公开|信息公开申请|公开申请)",
            r"(?:未|没有)(?:收到|受理|接到|发生)[^，。；：,;:\d因]{0,12}?申请(?!提起|引发)",
        ),
    ),
    "requests_answered": (
        ("件", "条", "个", "宗", "份"),
        (rf"(?:答复|办结|办理完毕){_GAP % 10}{_NUM}(?P<unit>件|条|个|宗|份){_NOT_TIME}",),
        (),
    ),
    "review_total": (
        ("件", "起", "宗", "个"),
        (
            rf"行政复议{_GAP % 8}{_NUM}(?P<unit>件|起|宗|个)",
            rf"行政复议[、和及与]?(?:提起)?行政诉讼{_GAP % 6}(?:均为|均|各)?{_NUM}(?P<unit>件|起|宗|个)",
        ),
        (rf"(?:未|没有|无){_GAP % 20}行政复议",),
    ),
    "litigation_total": (
        ("件", "起", "宗", "个"),
        (rf"行政诉讼{_GAP % 8}{_NUM}(?P<unit>件|起|宗|个)",),
        (rf"(?:未|没有|无){_GAP % 25}行政诉讼",),
    ),
    "info_fee_yuan": (
        ("元", "万元"),
        (
            rf"(?:信息处理费|收取费用|收取[^，。；\d]{{0,8}}?费用){_GAP % 8}{_NUM}(?P<unit>万元|元)",
            rf"(?<!事业性)收费金额(?:为|是|共计|合计)?{_NUM}(?P<unit>万元|元)",
        ),
        (
            rf"(?:无|未|没有){_GAP % 30}收取?{_GAP % 15}(?:信息处理费|费用)",
            r"(?:不予?|免予?|免除)收取?(?:任何)?(?:信息处理费|费用)",
        ),
    ),
    "policy_interpretations": (
        ("篇", "件", "个", "条", "期", "次"),
        (
            rf"政策解读{_GAP % 10}{_NUM}(?P<unit>篇|件|个|条|期|次)",
            rf"解读(?:材料|文件|稿件|文章|产品){_GAP % 4}{_NUM}(?P<unit>篇|件|个|条|期)",
        ),
        (),
    ),
    "press_conferences": (
        ("场", "次", "期"),
        (
            rf"新闻发布会{_GAP % 10}{_NUM}(?P<unit>场|次|期)",
            rf"(?:召开|举办|举行|组织){_NUM}(?P<unit>场|次|期)?新闻发布会",
        ),
        (),
    ),
    "trainings": (
        ("次", "场", "期", "轮"),
        (
            rf"培训{_GAP % 10}{_NUM}(?P<unit>次|场|期|轮)",
            rf"(?:开展|组织|举办|参加){_GAP % 6}{_NUM}(?P<unit>次|场|期|轮){_GAP % 8}培训",
        ),
        (),
    ),
    "inspections": (
        ("次", "轮"),
        (
            rf"(?:巡查|检查|巡检){_GAP % 10}{_NUM}(?P<unit>次|轮)",
            rf"(?:开展|组织|进行){_GAP % 6}{_NUM}(?P<unit>次|轮){_GAP % 15}(?:巡查|检查|巡检)",
        ),
        (),
    ),
}
# key -> words one of which every pattern of the key needs (number and zero patterns alike): a
# sentence holding none of them cannot state the figure and is not matched at all.  Keep in step
# with _RULES.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "proactive_total": ("主动公开",),
    "requests_received": ("申请", "无政府信息公开"),
    "requests_answered": ("答复", "办结", "办理完毕"),
    "review_total": ("行政复议",),
    "litigation_total": ("行政诉讼",),
    "info_fee_yuan": ("费",),
    "policy_interpretations": ("解读",),
    "press_conferences": ("新闻发布会",),
    "trainings": ("培训",),
    "inspections": ("巡查", "检查", "巡检"),
}
assert set(_KEYWORDS) == set(_RULES)
_KEYWORD_RES: dict[str, re.Pattern[str]] = {
    key: re.compile("|".join(map(re.escape, words))) for key, words in _KEYWORDS.items()
}
_COMPILED: dict[str, tuple[list[re.Pattern[str]], list[re.Pattern[str]]]] = {
    key: ([re.compile(p) for p in nums], [re.compile(p) for p in zeros])
    for key, (_, nums, zeros) in _RULES.items()
}
_PARTS_HEAD_RE = re.compile(r"[，,]?(?:其中|包括|分别为)[，,：:]?")
_PART_RE = re.compile(
    rf"(?P<label>[^，、。；：,;:\d]{{1,20}}?){_NUM}(?P<unit>[^\W\d_]{{1,2}}?)(?:[、，,；;。]|$)"
)
_CLAUSE_BREAK_RE = re.compile(r"[，,；;：:]")

_TABLE_LINE_RE = re.compile(r"^[^\n]*(?:\t|(?:[ \u3000]+-?[\d.]+){3,}[ \u3000]*$)[^\n]*$", re.M)
_FURNITURE_LINE_RE = re.compile(
    r"^[ \t\u3000]*(?:[-－—–][ \t]*\d{1,3}[ \t]*[-－—–]|第\s*\d{1,3}\s*页)[ \t\u3000]*$", re.M
)
# Lines kept apart from their neighbours: short numbered heads, and the title (…年度报告).
_HEADING_LINE_RE = re.compile(
    r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．])"
    r"[^。！？\n]{0,30}$"
    r"|^[^。！？\n]{0,60}(?:报告|年报)[ \t\u3000]*$"
)
_SENTENCE_RE = re.compile(r"[^。！？；;!?]+[。！？；;!?]?")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_THIS_YEAR_WORDS = ("全年", "本年", "今年", "年度")


@dataclass
class _Sentence:
    text: str  # line breaks removed
    compact: str  # all whitespace removed, full-width digits made ASCII
    rank: tuple[int, int]  # (0 narrative / 1 around a table, 0 names the year / 1 not)


def _regions(text: str, sections: list[Section]) -> list[tuple[int, int, bool]]:
    """Spans of text in order, each flagged True when it is narrative (see the module doc)."""
    if not sections:
        return [(0, len(text), True)]
    pre_2019 = any(s.key == "fees" for s in sections)
    spans = [(0, sections[0].start, True)]
    for s in sections:
        narrative = s.key in _NARRATIVE_KEYS or pre_2019
        spans.append((s.start, s.end, narrative or not _TABLE_LINE_RE.search(text, s.start, s.end)))
    return spans


def _units(chunk: str) -> list[str]:
    """Paragraph text of a span: table and page-number lines dropped, wrapped lines joined,
    heading and title lines kept apart."""
    chunk = _FURNITURE_LINE_RE.sub("", _TABLE_LINE_RE.sub("", chunk))
    units, buf = [], []
    for line in chunk.splitlines():
        if _HEADING_LINE_RE.match(line):
            units.append("".join(buf))
            units.append(line.strip())
            buf = []
        else:
            buf.append(line.strip())
    units.append("".join(buf))
    return [u for u in units if u]


def _sentences(text: str, sections: list[Section], year: str | None) -> list[_Sentence]:
    year_words = (*_THIS_YEAR_WORDS, f"{year}年") if year else _THIS_YEAR_WORDS
    names_year = re.compile("|".join(map(re.escape, year_words)))
    out = []
    for start, end, narrative in _regions(text, sections):
        for unit in _units(text[start:end]):
            folded = fold_fullwidth(unit)  # character for character: the spans below carry over
            for m in _SENTENCE_RE.finditer(unit):
                sentence = m.group().strip()
                compact = "".join(folded[m.start() : m.end()].split())
                this_year = names_year.search(compact) is not None
                out.append(_Sentence(sentence, compact, (int(not narrative), int(not this_year))))
    return out


def _parts(rest: str, units: tuple[str, ...]) -> dict[str, int | float] | None:
    """Breakdown printed right after a total: 其中，a 61 条、b 11 条 -> {a: 61, b: 11}."""
    head = _PARTS_HEAD_RE.match(rest)
    if head is None:
        return None
    parts: dict[str, int | float] = {}
    pos = head.end()
    while (m := _PART_RE.match(rest, pos)) and m.group("unit") in units:
        parsed = parse_number(m.group("num"))
        if parsed is None:
            break
        parts[m.group("label")] = parsed[0]
        pos = m.end()
    return parts or None


def _is_frequency(compact: str, m: re.Match[str]) -> bool:
    """True when the clause of the match states a frequency (每月巡查一次), not a total."""
    clause_start = max((b.end() for b in _CLAUSE_BREAK_RE.finditer(compact, 0, m.start())), default=0)
    return "每" in compact[clause_start : m.end()]


def _first(pattern: re.Pattern[str], compact: str) -> re.Match[str] | None:
    return next((m for m in pattern.finditer(compact) if not _is_frequency(compact, m)), None)


def _match(key: str, s: _Sentence) -> Figure | None:
    """The figure for ``key`` stated in one sentence, if any (earliest match in the sentence)."""
    units = _RULES[key][0]
    nums, zeros = _COMPILED[key]
    found = [(m.start(), m, True) for p in nums if (m := _first(p, s.compact))]
    found += [(m.start(), m, False) for p in zeros if (m := p.search(s.compact))]
    if not found:
        return None
    _, m, has_number = min(found, key=lambda f: f[0])
    if not has_number:
        return Figure(0, evidence=s.text, unit=units[0])
    parsed = parse_number(m.group("num"))
    if parsed is None:
        return None
    value, approximate = parsed
    unit = m.group("unit") or units[0]
    if unit == "万元":
        value, unit = _scaled(value), "元"
    return Figure(value, approximate, s.text, unit, _parts(s.compact[m.end() :], units))


def _scaled(value: int | float) -> int | float:
    """万元 -> 元, kept an int when whole."""
    yuan = round(value * 10_000, 2)
    return int(yuan) if yuan == int(yuan) else yuan


def extract_figures(text: str, sections: list[Section]) -> dict[str, Figure]:
    """Figures stated in the narrative, keyed as ``schema.FIGURE_KEYS`` (absent keys omitted)."""
    head = text[: sections[0].start] if sections else text[:300]
    year = m.group() if (m := _YEAR_RE.search(head)) else None
    # Best rank first, print order within a rank (the sort is stable): the first sentence that
    # states a figure wins.
    sentences = sorted(_sentences(text, sections, year), key=lambda s: s.rank)
    figures: dict[str, Figure] = {}
    for key in FIGURE_KEYS:
        keyword = _KEYWORD_RES[key]
        for s in sentences:
            if keyword.search(s.compact) and (figure := _match(key, s)):
                figures[key] = figure
                break
    return figures
