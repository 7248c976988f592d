"""Find the sections of a report (一、总体情况 … 六、其他需要报告的事项, and older variants).

Headings are matched by their words on a copy of the text with whitespace and page-number
lines removed (so titles split across lines by PDF extraction still match), then kept only at a
line start or after a sentence end.  Among the candidates, the best chain in the canonical order
is chosen (dynamic programming over candidates scored by position, numbering and consistency),
which drops sub-heads such as （一）主动公开 and table rows such as 四、结转下年度继续办理.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .model import Section
from .numbers import chinese_to_int
from .schema import OLD_SECTION_KEYS, SECTION_KEYS

_TITLES: dict[str, str] = {
    "overview": r"(?:政府信息公开(?:工作)?)?(?:总体情况|总体概况|基本情况|工作概况|概述|概况)",
    "proactive": r"(?:政府信息)?主动公开(?:政府)?信息(?:的)?(?:工作)?情况",
    "requests": (
        r"收到和处理政府信息公开申请(?:的)?情况"
        r"|依申请公开(?:政府)?信息(?:的)?(?:工作)?情况(?:[和及与]不予公开(?:政府信息)?(?:的)?情况)?"
        r"|依申请公开(?:政府)?信息[和及与]不予公开(?:政府信息)?(?:的)?情况"
        r"|政府信息公开申请(?:的)?(?:受理|办理|处理)(?:[和及]答复)?(?:的)?情况"
    ),
    "review_litigation": (
        r"因?(?:政府信息公开(?:工作|申请)?(?:的)?)?(?:被申请|提起|引发)?"
        r"行政复议[、和及与]?(?:提起)?行政诉讼(?:[和及与]申诉)?(?:的)?(?:案件)?情况"
    ),
    "fees": r"(?:政府信息公开(?:的)?)?(?:收费|收取费用)[和及与]?(?:减免|免除)(?:的)?(?:情况)?",
    "problems": (
        r"(?:政府信息公开(?:工作)?)?(?:存在的?)?(?:主要)?(?:问题|不足)(?:[和及与]|以及)"
        r"(?:改进|整改)(?:情况|措施|计划|方向|举措)?"
    ),
    "other": r"其他需要?报告的?事项",
}
# The lookahead lists every possible first character of a title: it lets the regex engine skip
# ahead quickly (8x faster on a long report).  Keep it in step with _TITLES.
_TITLE_FIRST = "政总基工概主收依因被提引行存问不其"
_TITLE_RE = re.compile(
    f"(?=[{_TITLE_FIRST}])(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _TITLES.items()) + ")"
)

_CN_ORD = "一二三四五六七八九十"
_NUMBERING_RE = re.compile(
    rf"(?:[（(](?P<paren>[{_CN_ORD}]{{1,3}})[）)]"
    rf"|(?P<cn>[{_CN_ORD}]{{1,3}})[、.．，,]"
    r"|(?P<arabic>\d{1,2})[、.．)）]"
    rf"|第(?P<part>[{_CN_ORD}]{{1,3}})(?:部分|章|节)?[、.．，,:：]?)\Z"
)
# Page furniture that may sit before a heading on its line: "- 3 -", "第3页", "第3页共6页", "3/6".
_FURNITURE_TAIL_RE = re.compile(r"(?:[-－—–]\d{1,3}[-－—–]|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,3}/\d{1,3})\Z")
# Whitespace runs and whole page-number lines ("\n- 3 -"), removed before matching.  In a text
# without page-number lines (most texts) _SKIP_RE matches exactly what _SPACE_RE does, faster.
_PAGE_LINE = r"\n[ \t\u3000]*[-－—–][ \t\u3000]*\d{1,3}[ \t\u3000]*[-－—–][ \t\u3000]*(?=\n|\Z)"
_PAGE_LINE_RE = re.compile(_PAGE_LINE)
_SKIP_RE = re.compile(rf"(?:{_PAGE_LINE}|\s)+")
_SPACE_RE = re.compile(r"\s+")
_SENTENCE_END = "。；！？：;!?:"
_TITLE_END = "。：:；;.．（("

# Canonical order; fees sits next to review_litigation, before or after it (both are tried).
_RANKS: tuple[dict[str, float], ...] = tuple(
    {**{k: float(i) for i, k in enumerate(SECTION_KEYS)}, "fees": fees_rank} for fees_rank in (2.5, 3.5)
)
_OLD_REQUIRED: tuple[str, ...] = tuple(k for k in OLD_SECTION_KEYS if k != "other")


@dataclass
class _Compact:
    """Text with whitespace removed, and the way back to offsets in the original."""

    text: str
    comp_starts: list[int]  # start of each kept segment in ``text``
    orig_starts: list[int]  # start of the same segment in the original
    line_starts: set[int]  # positions in ``text`` that begin a line of the original
    spaced: set[int]  # positions in ``text`` that follow removed whitespace

    def orig(self, pos: int) -> int:
        k = bisect_right(self.comp_starts, pos) - 1
        return self.orig_starts[k] + pos - self.comp_starts[k]


@dataclass
class _Candidate:
    key: str
    head: int  # compact offset of the numbering (or of the title when unnumbered)
    end: int  # compact offset after the title
    style: str | None  # paren | cn | arabic | part | None
    ordinal: int | None
    score: float


def _compact(text: str) -> _Compact:
    """Remove whitespace and page-number lines, remembering segment offsets and line starts."""
    pieces: list[str] = []
    comp_starts: list[int] = []
    orig_starts: list[int] = []
    line_starts: set[int] = {0}
    spaced: set[int] = set()
    skip = _SKIP_RE if _PAGE_LINE_RE.search(text) else _SPACE_RE
    pos = size = 0
    for m in skip.finditer(text):
        start, end = m.span()
        if start > pos:
            comp_starts.append(size)
            orig_starts.append(pos)
            pieces.append(text[pos:start])
            size += start - pos
        spaced.add(size)
        if "\n" in m.group():
            line_starts.add(size)
        pos = end
    comp_starts.append(size)
    orig_starts.append(pos)
    pieces.append(text[pos:])
    return _Compact("".join(pieces), comp_starts, orig_starts, line_starts, spaced)


def _ordinal(digits: str) -> int | None:
    """一 -> 1, 十二 -> 12, 3 -> 3."""
    return int(digits) if digits.isdigit() else chinese_to_int(digits)


def _at_line_start(c: _Compact, pos: int) -> bool:
    """True at a line start, or after page furniture that starts the line."""
    if pos in c.line_starts:
        return True
    m = _FURNITURE_TAIL_RE.search(c.text, max(0, pos - 12), pos)
    return m is not None and m.start() in c.line_starts


def _candidate(c: _Compact, m: re.Match[str]) -> _Candidate | None:
    """Score one title match, or None when it cannot be a heading (mid-sentence mention)."""
    head, end = m.start(), m.end()
    num = _NUMBERING_RE.search(c.text, max(0, head - 6), head)
    style = ordinal = None
    if num is not None:
        style = num.lastgroup
        ordinal = _ordinal(num.group(style))
        head = num.start()
    line_start = _at_line_start(c, head)
    terminated = end == len(c.text) or end in c.line_starts or c.text[end] in _TITLE_END
    after_break = head in c.spaced or (head > 0 and c.text[head - 1] in _SENTENCE_END)
    if style is None and not (line_start and terminated):
        return None
    if style is not None and not (line_start or after_break):
        return None
    score = 2.0 + line_start + terminated + 0.5 * (style is not None)
    return _Candidate(m.lastgroup or "", head, end, style, ordinal, score)


def _link(prev: _Candidate, cur: _Candidate) -> float:
    """Bonus for consistent numbering between two consecutive headings of a chain."""
    bonus = 1.0 if prev.style is not None and prev.style == cur.style else 0.0
    if prev.ordinal is not None and cur.ordinal is not None:
        if cur.ordinal == prev.ordinal + 1:
            bonus += 1.0
        elif cur.ordinal <= prev.ordinal:
            bonus -= 1.5
    return bonus


def _best_chain(cands: list[_Candidate], rank: dict[str, float]) -> tuple[float, list[_Candidate]]:
    """Highest-scoring chain of candidates in increasing position and increasing rank.

    Ties go to later candidates, so a table of contents loses to the headings of the body.
    """
    best: list[float] = []
    back: list[int] = []
    for i, cur in enumerate(cands):
        score, prev = cur.score, -1
        for j in range(i):
            if rank[cands[j].key] < rank[cur.key]:
                s = best[j] + cur.score + _link(cands[j], cur)
                if s > cur.score and s >= score:
                    score, prev = s, j
        best.append(score)
        back.append(prev)
    if not best:
        return 0.0, []
    i = max(range(len(best)), key=lambda k: (best[k], k))
    total, chain = best[i], []
    while i >= 0:
        chain.append(cands[i])
        i = back[i]
    return total, chain[::-1]


def find_sections(text: str) -> list[Section]:
    """Sections of the report in print order, with offsets in ``text``.

    ``title`` is the heading as printed (numbering included) with whitespace and line breaks
    removed, e.g. ``五、存在的主要问题及改进情况`` for a heading split over two lines.
    """
    c = _compact(text)
    cands = [cand for m in _TITLE_RE.finditer(c.text) if (cand := _candidate(c, m))]
    chain = max((_best_chain(cands, rank) for rank in _RANKS), key=lambda r: r[0])[1]
    starts = [c.orig(cand.head) for cand in chain]
    ends = starts[1:] + [len(text)]
    return [
        Section(cand.key, c.text[cand.head : cand.end], start, end)
        for cand, start, end in zip(chain, starts, ends)
    ]


def missing_sections(sections: list[Section], fmt: str | None) -> list[str]:
    """Keys the format requires but ``sections`` lacks (pre-2019: fees expected, other optional)."""
    required = _OLD_REQUIRED if fmt == "pre-2019" else SECTION_KEYS
    found = {s.key for s in sections}
    return [k for k in required if k not in found]


def looks_like_report(text: str) -> bool:
    """Cheap test: mentions 政府信息公开 and 年度报告/工作报告/年报, or has two kinds of heading."""
    if "政府信息公开" in text and any(w in text for w in ("年度报告", "工作报告", "年报")):
        return True
    return len({m.lastgroup for m in _TITLE_RE.finditer(text)}) >= 2
