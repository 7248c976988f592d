"""Find the sections of a report (一、总体情况 … 六、其他需要报告的事项, and older variants).

Headings are matched by their words on a copy of the text with whitespace and page-number
lines removed (so titles split across lines by PDF extraction still match), then kept only at a
line start or after a sentence end.  Among the candidates, the best chain in the canonical order
is chosen (dynamic programming over candidates scored by position, numbering and consistency),
which drops sub-heads such as （一）主动公开 and table rows such as 四、结转下年度继续办理.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import add

from .model import Section
from .numbers import chinese_to_int
from .schema import (
    EXTRA_SECTION, IMPROVEMENT_NOUNS, IMPROVEMENT_WORDS, NEXT_STEP, OLD_SECTION_KEYS, PLAN_NOUNS, REQUEST_ROWS,
    SECTION_KEYS, WEAKNESS_WORDS,
)

_TITLES: dict[str, str] = {
    "overview": (  # 总体情况, 政府信息公开工作概况, 2023年政务公开总体情况, 主要工作概述
        r"(?:\d{4}年度?)?(?:(?:政府信息|政务信息|政务|信息)公开(?:工作)?(?:的)?)?"
        r"(?:总体(?:公开)?(?:工作)?情况(?:说明|概述)?|总体概况|基本(?:工作)?(?:情况|概况)|(?:主要)?工作(?:情况)?(?:概况|概述)"
        r"|(?:情况|总结)?(?:概述|概况)|综述|工作开展情况|工作总体情况|主要工作情况)"
        # Beijing 2016-2018: 一、年度重点工作情况 / 一、重点工作情况; provinces 2016-2018: 工作进展情况,
        # 整体工作情况, 年度政务公开重点工作完成情况, 落实政务公开工作要点情况; 综合概述
        r"|(?:年度)?(?:政务公开)?重点工作(?:完成)?情况|工作进展情况|整体(?:工作)?情况|综合概述"
        r"|落实(?:政务公开|政府信息公开)?工作要点(?:的)?情况"
        # 2017-2018 reports: 政府信息公开工作推进情况, 工作要点落实情况, 主要任务落实情况
        r"|(?:(?:政府信息|政务|信息)公开)?(?:\d{4}年度?)?(?:工作推进|工作要点落实|主要任务落实)情况"
    ),
    "proactive": (  # 行政机关主动公开政府信息情况 too (the format's own words for its table)
        r"(?:行政机关)?(?:政府信息)?主动公开(?:政府|政务)?信息(?:的)?(?:工作|统计)?情况"
        r"|(?:政府)?信息主动公开(?:的)?(?:工作)?情况"  # older reports: the words the other way round
        r"|主动公开(?:的)?(?:工作)?情况"  # and short: 主动公开情况 (a sub-head of the same words loses the chain)
        # and with more in one: 主动公开信息以及公开平台建设情况; 政务信息网上公开情况
        r"|主动公开(?:政府)?信息(?:以及|及|和)[\u4e00-\u9fff]{2,10}情况|(?:政府|政务)信息网上公开情况"
        r"|(?:政府)?信息公开(?:的)?情况"  # old reports: 二、政府信息公开情况 before 三、依申请公开…
    ),
    "requests": (
        r"(?:行政机关)?收到和处理政府信息公开申请(?:的)?情况"
        # older reports that report requests and reviews in one section: it counts as both
        r"|依申请公开(?:政府)?信息(?:[和及与]|以及)(?:申请)?(?:行政)?复议[、和及与]?(?:行政)?诉讼(?:[和及与]申诉)?(?:的)?情况"
        r"|依申请公开(?:政府)?信息(?:的)?(?:工作)?情况(?:[和及与]不予以?公开(?:政府)?(?:信息)?(?:的)?情况)?"
        r"|(?:行政机关)?(?:政府)?依申请公开(?:政府)?(?:信息)?[、和及与]不予以?公开(?:[、和及与]咨询)?(?:政府)?(?:信息)?(?:的)?情况"
        r"|政府信息公开申请(?:的)?(?:受理|办理|处理)(?:[和及]答复)?(?:的)?情况"
        r"|(?:政府信息)?依申请公开(?:政府)?(?:信息)?(?:的)?(?:办理|受理|答复|处理)(?:的)?情况"
        r"|政府信息依申请公开(?:[和及与]不予以?公开(?:政府)?(?:信息)?)?(?:的)?(?:工作)?情况"
        r"|依申请公开(?:的)?(?:政府信息)?(?:工作)?情况|依申请公开(?:政府信息)?等情况|依申请公开(?:政府)?信息[及和]咨询(?:[、和及与]举报)?(?:受理)?(?:的)?情况"
    ),
    "review_litigation": (
        r"[因依]?(?:(?:政府)?信息公开(?:工作|申请)?(?:的)?|依申请公开)?(?:(?:投诉)?举报[、和及与]|投诉[、和及与])?(?:被?申请|提起|引发|引起)?(?:的)?"
        r"(?:行政)?复议[、和及与]?(?:提起)?(?:行政)?诉讼(?:[和及与]申诉)?(?:的)?(?:案件)?情况"  # 复议、诉讼情况 too
        # older reports that had only reviews to report: 申请行政复议情况
        r"|因?(?:(?:政府)?信息公开(?:工作|申请)?(?:的)?)?(?:被|提起)?申请行政复议(?:的)?(?:案件)?情况"
        # and titles without 情况: 政府信息公开行政复议(、行政诉讼)
        r"|政府信息公开(?:的)?行政复议(?:[、和及与](?:提起)?(?:行政)?诉讼)?"
    ),
    "fees": (  # (依申请公开政府信息)收费及减免情况 too
        r"(?:(?:政府)?信息(?:公开)?(?:的)?|依申请公开(?:政府)?信息(?:公开)?(?:的)?)?(?:行政)?(?:收费|收取费用)[和及与]?(?:减免|免除)(?:的)?(?:情况)?"
        # 政府信息公开相关费用情况 (Guangdong)
        r"|(?:政府)?信息公开(?:的)?相关费用(?:的)?情况"
        # spending and fees: 政府信息公开支出与收费(情况)
        r"|(?:政府)?信息公开(?:工作)?(?:的)?支出[和及与、]收费(?:的)?(?:情况)?|政府支出[和及与、](?:收费|费用)(?:的)?(?:情况)?"
        # the fees alone, after words that say whose: 依申请信息公开收费情况
        r"|依申请(?:信息)?公开(?:政府)?(?:信息)?(?:的)?收费(?:的)?情况|(?:(?:政府)?信息公开(?:的)?)?收费(?:的)?情况"
    ),
    "problems": (
        rf"(?:(?:政府)?信息公开(?:工作)?)?(?:工作中?|方面)?(?:存在的?|面临的)?(?:主要)?(?:{WEAKNESS_WORDS})"
        rf"(?:(?:[和及与]|以及)(?:{IMPROVEMENT_WORDS})(?:{IMPROVEMENT_NOUNS}|意见)?"
        rf"|(?:[和及与]|以及)(?:{NEXT_STEP})(?:的)?(?:工作)?(?:{PLAN_NOUNS})|(?:[和及与]|以及)努力方向)"
        # without the improvements: 存在的问题, 存在的困难和问题, 问题与不足
        rf"|(?:(?:政府)?信息公开(?:工作)?)?(?:工作中?|方面)?存在的?(?:主要)?(?:{WEAKNESS_WORDS})(?:[和及与](?:{WEAKNESS_WORDS}))?"
        rf"|(?:{WEAKNESS_WORDS})[和及与](?:{WEAKNESS_WORDS})"
    ),
    "other": r"其他(?:需要?)?报告的?事项|(?:其他)?需要说明的?(?:其他)?事项|其他事项",
}
# The lookahead lists every possible first character of a title: it lets the regex engine skip
# ahead quickly (8x faster on a long report).  Keep it in step with _TITLES.
_TITLE_FIRST = "政信总基工概主收依因被提引行申复存问不其方面困需投举综年重整落0123456789"
_TITLE_RE = re.compile(
    f"(?=[{_TITLE_FIRST}])(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _TITLES.items()) + ")"
)
# Every title holds one of these words, and no title is longer than _TITLE_MAX characters: the
# regex need only be tried near the words (see _title_matches).  Keep both in step with _TITLES
# (a test checks them on every string the titles match).  No two words can overlap, so the
# regex finds every one of them.
_ANCHOR_RE = re.compile("况|概述|综述|免|改|事项|问题|不足|困难|复议|收费|费用")
_TITLE_MAX = 40
# Characters no title holds (a test checks it on every string the titles match), and the last of
# them before a position (searched up to it: the lookahead sees the end of the search).
_NOT_IN_TITLE = "，。；！？：,;!?:"
_LAST_BREAK_RE = re.compile(f"[{_NOT_IN_TITLE}](?=[^{_NOT_IN_TITLE}]*\\Z)")

_CN_ORD = "一二三四五六七八九十"
_NUMBERING_RE = re.compile(
    rf"(?:[（(](?P<paren>[{_CN_ORD}]{{1,3}})[）)]"
    rf"|(?P<cn>[{_CN_ORD}]{{1,3}})[、.．，,]{{1,2}}"  # (一,、总体情况: a stray comma too)
    r"|(?P<arabic>\d{1,2})[、.．)）]"
    rf"|第(?P<part>[{_CN_ORD}]{{1,3}})(?:部分|章|节)?[、.．，,:：]?"
    rf"|(?P<spaced>[{_CN_ORD}]{{1,3}})"  # 一 概述: a space for the 、 (see _candidate)
    r"|(?P<lost>、))(?:本年度)?\Z"  # 、概述: a copy lost the numeral (at a line start only)
)  # (本年度 between the numbering and a title: 一、本年度政府信息公开工作总体情况)
# Page furniture that may sit before a heading on its line: "- 3 -", "第3页", "第3页共6页", "3/6".
_FURNITURE_TAIL_RE = re.compile(r"(?:[-－—–]\d{1,3}[-－—–]|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,3}/\d{1,3})\Z")
# Whole page-number lines ("\n- 3 -"), removed before matching with all whitespace.
_PAGE_LINE_RE = re.compile(
    r"\n[ \t\u3000]*[-－—–][ \t\u3000]*\d{1,3}[ \t\u3000]*[-－—–][ \t\u3000]*(?=\n|\Z)"
)
_SENTENCE_END = "。；！？：;!?:"
_LEADER_RE = re.compile(r"[.．·…。]{3,}|…{2,}")  # dot leaders to a page number
_TITLE_END = "。：:；;.．（("

# Canonical order; fees sits next to review_litigation, before or after it (both are tried).
_RANKS: tuple[dict[str, float], ...] = tuple(
    {**{k: float(i) for i, k in enumerate(SECTION_KEYS)}, "fees": fees_rank} for fees_rank in (2.5, 3.5)
)
_OLD_REQUIRED: tuple[str, ...] = tuple(k for k in OLD_SECTION_KEYS if k != "other")


class _Compact:
    """Text with whitespace and page-number lines removed, and the way back to the original.

    Built line by line with calls that loop in C (a regex over the whole text tries every
    position, and a Python loop over the runs removed, one per line break and per tab of a table,
    costs several times more).  Where a position sits inside its line is worked out only for
    the lines asked about: those of the few heading candidates."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._lines = source.split("\n")
        ends = accumulate(map(len, self._lines[:-1]), initial=0)
        self.line_orig = list(map(add, ends, range(len(self._lines))))  # each line's start in source
        kept = list(map("".join, map(str.split, self._lines)))
        for m in _PAGE_LINE_RE.finditer(source):  # m starts at the line break before the line
            kept[bisect_left(self.line_orig, m.start() + 1)] = ""
        self.text = "".join(kept)
        self.size = len(self.text)  # len(text), asked for at every position looked up
        self.line_comp = list(accumulate(map(len, kept[:-1]), initial=0))  # each line's start in text
        self._maps: dict[int, tuple[list[int], list[int]]] = {}

    def _line_map(self, line: int) -> tuple[list[int], list[int]]:
        """(offset in the line's kept text, offset in the line) of each of its whitespace-free
        pieces."""
        if line not in self._maps:
            comp, cols, col = [], [], 0
            text = self._lines[line]
            size = 0
            for piece in text.split():
                col = text.find(piece, col)
                comp.append(size)
                cols.append(col)
                size += len(piece)
                col += len(piece)
            self._maps[line] = comp, cols
        return self._maps[line]

    def _piece(self, line: int, inside: int) -> tuple[int, list[int], list[int]]:
        """(k, comp, cols): the whitespace-free piece ``k`` of ``line`` holding its kept
        character ``inside``, with the line's map (see :meth:`_line_map`)."""
        comp, cols = self._line_map(line)
        return bisect_right(comp, inside) - 1, comp, cols

    def _line_of(self, pos: int) -> int:
        """The line holding the kept character ``pos`` (lines with nothing kept start where the
        next one does, and are passed over)."""
        return bisect_right(self.line_comp, pos) - 1

    def orig(self, pos: int) -> int:
        """Offset in the original of the character at ``pos`` (``len(text)``: the end)."""
        if pos >= self.size:
            return len(self.source)
        line = self._line_of(pos)
        inside = pos - self.line_comp[line]
        if inside == 0:  # the first kept character of its line: no need to map the line
            text = self._lines[line]
            return self.line_orig[line] + len(text) - len(text.lstrip())
        k, comp, cols = self._piece(line, inside)
        return self.line_orig[line] + cols[k] + inside - comp[k]

    def removed_before(self, pos: int) -> str:
        """The text removed right before ``pos``: whitespace (line breaks included) and page
        numbers, ``""`` when ``pos`` directly follows the character before it."""
        if pos == 0:
            return self.source[: self.orig(0)]
        if pos < self.size:
            line = self._line_of(pos)
            inside = pos - self.line_comp[line]
            if inside:  # the character before is on the same line
                k, comp, cols = self._piece(line, inside)
                if inside != comp[k]:
                    return ""
                start = self.line_orig[line] + cols[k - 1] + comp[k] - comp[k - 1]
                return self.source[start : self.line_orig[line] + cols[k]]
        # pos begins its line (or is the end): the character before ends the line holding it
        before = self._line_of(pos - 1)
        start = self.line_orig[before] + len(self._lines[before].rstrip())
        return self.source[start : self.orig(pos)]

    def line_start(self, pos: int) -> bool:
        """True when ``pos`` begins a line of the original."""
        return pos == 0 or "\n" in self.removed_before(pos)


@dataclass
class _Candidate:
    key: str
    head: int  # compact offset of the numbering (or of the title when unnumbered)
    end: int  # compact offset after the title
    style: str | None  # paren | cn | arabic | part | None
    ordinal: int | None
    score: float


def _ordinal(digits: str) -> int | None:
    """一 -> 1, 十二 -> 12, 3 -> 3."""
    return int(digits) if digits.isdigit() else chinese_to_int(digits)


def _furniture_line_start(c: _Compact, pos: int) -> bool:
    """True when page furniture that starts a line sits right before ``pos``."""
    m = _FURNITURE_TAIL_RE.search(c.text, max(0, pos - 12), pos)
    return m is not None and c.line_start(m.start())


def _spaced_numbering(c: _Compact, start: int, title: int) -> bool:
    """Whether a Chinese numeral without its 、 numbers a title: it starts its line and a space
    (no line break) stands between it and the title (一 概述, 二  主动公开政府信息情况)."""
    between = c.removed_before(title)
    return between != "" and "\n" not in between and c.line_start(start)


# Titles too plain to be a heading without a numbering: on a line of their own they are as often
# a table's label (收费情况 over a table's fee columns) or a line of a list.
_NUMBERED_ONLY = frozenset({"收费情况", "收费的情况", "重点工作情况", "年度重点工作情况", "主要工作情况", "工作总体情况"})
_OVERVIEW_PROPER_RE = re.compile("概述|概况|总体|基本|综述|总结")  # (not 工作开展情况, 重点工作情况, 工作进展情况)


def _candidate(c: _Compact, m: re.Match[str]) -> _Candidate | None:
    """Score one title match, or None when it cannot be a heading (mid-sentence mention)."""
    head, end = m.start(), m.end()
    num = _NUMBERING_RE.search(c.text, max(0, head - 9), head)
    if num is not None and num.lastgroup == "spaced" and not _spaced_numbering(c, num.start(), head):
        num = None
    if num is not None and num.lastgroup == "lost" and not c.line_start(num.start()):
        num = None
    style = ordinal = None
    if num is not None:
        style = num.lastgroup
        ordinal = None if style == "lost" else _ordinal(num.group(style))
        style = "cn" if style in ("spaced", "lost") else style
        head = num.start()
    if style is None and m.group() in _NUMBERED_ONLY:
        return None
    removed = c.removed_before(head)
    # At a line start, or after page furniture that starts the line.
    line_start = head == 0 or "\n" in removed or _furniture_line_start(c, head)
    if style is None and not line_start:  # (decided before the other tests, which cost more)
        return None
    after_break = (head > 0 and c.text[head - 1] in _SENTENCE_END) or removed != ""
    if style is not None and not (line_start or after_break):
        return None
    terminated = end == len(c.text) or c.text[end] in _TITLE_END or c.line_start(end)
    if style is None and not terminated:
        return None
    if _LEADER_RE.match(c.text, end):  # a line of a table of contents: 二、主动公开政府信息情况……10
        return None
    # (a heading numbered 一、 or 第一部分 outranks a sub-head （一） of the same words: 一、总体情况, then （一）概述)
    score = 2.0 + line_start + terminated + 0.5 * (style is not None) + 0.25 * (style in ("cn", "part"))
    if m.lastgroup == "overview" and not _OVERVIEW_PROPER_RE.search(m.group()):
        score -= 1.5  # 工作开展情况 and the like: an overview only where no 概述 or 总体情况 is one
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


MAX_PER_KEY = 24  # candidates of one section kept for the chain search (a report has a few each)


def _fewest(cands: list[_Candidate]) -> list[_Candidate]:
    """At most :data:`MAX_PER_KEY` candidates of each section (the best-scoring, later ones first
    on ties, as :func:`_best_chain` prefers), in position order.  The chain search takes time in
    the square of the candidates: a text repeating a section title thousands of times (no report
    does) would otherwise take minutes."""
    counts: dict[str, int] = {}
    for cand in cands:
        counts[cand.key] = counts.get(cand.key, 0) + 1
    if max(counts.values(), default=0) <= MAX_PER_KEY:
        return cands
    kept = set()
    for key in counts:
        mine = [i for i, cand in enumerate(cands) if cand.key == key]
        kept.update(sorted(mine, key=lambda i: (cands[i].score, i))[-MAX_PER_KEY:])
    return [cand for i, cand in enumerate(cands) if i in kept]


def _best_chain(cands: list[_Candidate], rank: dict[str, float]) -> tuple[float, list[_Candidate]]:
    """Highest-scoring chain of candidates in increasing position and increasing rank.

    Ties go to later candidates, so a table of contents loses to the headings of the body.
    """
    best: list[float] = []
    back: list[int] = []
    ranks = [rank[cand.key] for cand in cands]
    for i, cur in enumerate(cands):
        score, prev = cur.score, -1
        for j in range(i):
            if ranks[j] < ranks[i]:
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


def _title_matches(text: str) -> list[re.Match[str]]:
    """``list(_TITLE_RE.finditer(text))``, found by trying the regex only around anchor words.

    The regex costs some 25 ns a character even where it finds nothing; the anchor words are
    found far faster.  A match that starts at or before an anchor inside it ends within
    ``_TITLE_MAX`` characters, so a search cut off there finds it unchanged (the regex reads
    nothing beyond a match); from the end of the last match, the first match starting at or
    before the next anchor is the next match of finditer.  No title holds a comma or a sentence
    end (:data:`_NOT_IN_TITLE`), so the search starts after the last one before the anchor (a
    match that ends before it holds an earlier anchor, and was found from there).
    """
    matches: list[re.Match[str]] = []
    end = 0
    for anchor in _ANCHOR_RE.finditer(text):
        at = anchor.start()
        if at < end:
            continue
        start = max(end, at - _TITLE_MAX)
        if last_break := _LAST_BREAK_RE.search(text, start, at):
            start = last_break.end()
        m = _TITLE_RE.search(text, start, at + _TITLE_MAX)
        if m is not None and m.start() <= at:
            matches.append(m)
            end = m.end()
    return matches


def find_sections(text: str) -> list[Section]:
    """Sections of the report in print order, with offsets in ``text``.

    ``title`` is the heading as printed (numbering included) with whitespace and line breaks
    removed, e.g. ``五、存在的主要问题及改进情况`` for a heading split over two lines.
    """
    c = _Compact(text)
    cands = _fewest(_not_listed(c, [cand for m in _title_matches(c.text) if (cand := _candidate(c, m))]))
    # The ranks differ only for fees: without a fees heading, one chain is enough.
    ranks = _RANKS if any(cand.key == "fees" for cand in cands) else _RANKS[:1]
    chain = max((_best_chain(cands, rank) for rank in ranks), key=lambda r: r[0])[1]
    if nested := _nested_subheads(chain, cands) + _overview_subheads(text, c, chain):  # the chain again, without them
        cands = [cand for cand in cands if cand not in nested]
        chain = max((_best_chain(cands, rank) for rank in ranks), key=lambda r: r[0])[1]
    heads = [(c.orig(cand.head), cand.key, c.text[cand.head : cand.end]) for cand in chain]
    style = _style(chain)
    if style is not None:
        subheads = {start for (start, _, _), cand in zip(heads, chain) if cand.style != style}
        heads = _merged(text, sorted(heads + _extra_heads(text, c, chain, style)), subheads)
    ends = [start for start, _, _ in heads[1:]] + [len(text)]
    return [Section(key, title, start, end) for (start, key, title), end in zip(heads, ends)]


_LIST_GAP = 2  # characters between two titles of a list of contents (1.总体情况；2.主动公开…)


def _not_listed(c: _Compact, cands: list[_Candidate]) -> list[_Candidate]:
    """The candidates without those of a list of contents in a sentence (本报告包括：1.总体情况；
    2.主动公开政府信息情况；…): titles within a line, each right after the one before (only a
    separator between), are no headings; unless the run opens after a full stop (…。 二、主动公开
    政府信息情况 三、收到和处理…: a copy on one line whose tables were left out)."""
    listed = set()
    in_run = after_stop = False  # (a run of titles after a full stop: headings of empty sections)
    for a, b in zip(cands, cands[1:]):
        adjacent = b.head - a.end <= _LIST_GAP and not c.line_start(b.head)
        if adjacent and not in_run:
            after_stop = a.head > 0 and c.text[a.head - 1] in _FULL_STOPS
        if adjacent and not after_stop:
            listed.update((id(a), id(b)))
        in_run = adjacent
    if not listed:
        return cands
    return [cand for cand in cands if id(cand) not in listed or c.line_start(cand.head)]


_FULL_STOPS = "。！？!?"


def _nested_subheads(chain: list[_Candidate], cands: list[_Candidate]) -> list[_Candidate]:
    """Sub-heads the chain took for sections though a heading numbered like the chain's first
    names the same section further on: (一)主动公开政府信息情况 under 一、总体情况, before
    二、主动公开政府信息情况 (a chain of sub-heads can outnumber the sections in a copy cut short)."""
    style = chain[0].style if chain else None
    if style is None:
        return []
    taken = set(map(id, chain))
    return [
        cand for cand in chain
        if cand.style not in (style, None)
        and any(other.key == cand.key and other.style == style and other.head > cand.head and id(other) not in taken
                for other in cands)
    ]


def _overview_subheads(text: str, c: _Compact, chain: list[_Candidate]) -> list[_Candidate]:
    """Sub-heads of the overview the chain took for sections: headings numbered otherwise than
    the overview's (一、总体情况, then （一）主动公开情况, （二）依申请公开情况, as the 2021 format's
    overview has them) with no heading line numbered like it between (a copy cut short before
    二、 leaves them the longest chain).  Under a heading of its own (二、加大主动公开力度) a
    sub-head still names a section."""
    first = chain[0] if chain else None
    if first is None or first.key != "overview" or first.style is None:
        return []
    out = []
    for cand in chain[1:]:
        if cand.style is None or cand.style == first.style:
            break
        between = text[c.orig(first.end) : c.orig(cand.head)]
        if any(m.group(first.style) for m in _HEAD_LINE_RE.finditer(between)):
            break
        out.append(cand)
    return out


# A heading line of its own: numbering, then a title of 2 to _TITLE_MAX characters without a
# digit (but for a year, 2014年) or a comma, maybe ended by 。 or ：, and nothing else on the line.
_HEAD_LINE_RE = re.compile(
    rf"^[ \t\u3000]*(?:(?P<cn>[{_CN_ORD}]{{1,3}})[、.．]|[（(](?P<paren>[{_CN_ORD}]{{1,3}})[）)]"
    rf"|(?P<arabic>\d{{1,2}})[、.．](?!\d)|第(?P<part>[{_CN_ORD}]{{1,3}})(?:部分|章|节)[、.．，,:：]?)"
    rf"[ \t\u3000]*(?P<title>(?:\d{{4}}年|[^\n\d，,。；;：:]){{2,{_TITLE_MAX}}}?)[ \t\u3000]*[。：:]?[ \t\u3000]*$",
    re.M,
)


# Rows of table 3 numbered like sections (一、本年新收政府信息公开申请数量 … 四、结转下年度继续办理), each
# alone on its line in a page scraped one cell per line: never the heading of an extra section.
_TABLE_ROW_TITLES = frozenset(
    {label.split("、", 1)[1] for label in REQUEST_ROWS.values() if label[0] in _CN_ORD} | {"本年度办理结果"}
)


def _style(chain: list[_Candidate]) -> str | None:
    """The numbering style of most of the chain's numbered headings: the sections' own (a sub-head
    the chain took for a section has another); None when none is numbered."""
    styles = [cand.style for cand in chain if cand.ordinal is not None]
    return max(styles, key=styles.count) if styles else None


def _extra_heads(text: str, c: _Compact, chain: list[_Candidate], style: str) -> list[tuple[int, str, str]]:
    """Headings of the sections outside the format's list, as (start, key, title).

    Older reports add sections of their own (四、咨询和投诉情况, 六、工作人员和费用支出情况, 九、附表),
    and some give a listed section a title of their own.  Left out, such a section would read as
    the end of the section before it.  Only a heading line of its own, numbered in the sections'
    ``style`` (:func:`_style`), whose number the chain skips (三 … 五: 四) or that follows the
    chain's last number (六, 七 … after 五) counts; of two lines with the same number, the later
    one (a table row may carry the number of a heading that follows it), and never a row of table
    3.  No title holds a digit (but for a year) or a comma.  A heading of measures alone (六、下一步工作打算 after 五、存在的主要问题) is no extra
    section but the rest of the problems section: its key is ``problems``.  Before the chain's
    first number, a report without an overview heading has its overview under a title of its own
    (一、加强组织领导 before 二、主动公开政府信息情况): its key is ``overview``."""
    numbered = [cand for cand in chain if cand.style == style and cand.ordinal is not None]  # (not 、概述: lost)
    if not numbered:
        return []
    ordinals: list[int] = [cand.ordinal for cand in numbered]  # type: ignore[misc]
    heads = [c.orig(cand.head) for cand in numbered]
    # (number before, where to look, the number after): before the first, between two, after the last
    gaps = [(0, 0, heads[0], ordinals[0])]
    gaps += [(o, c.orig(cand.end), h, nxt) for o, cand, h, nxt in zip(ordinals, numbered, heads[1:], ordinals[1:])]
    gaps.append((ordinals[-1], c.orig(numbered[-1].end), len(text), None))
    found: list[tuple[int, str, str]] = []
    for before, start, end, limit in gaps:
        if limit is not None and limit <= before + 1:
            continue
        picked: list[tuple[int, re.Match[str]]] = []  # (ordinal, heading line)
        for m in _HEAD_LINE_RE.finditer(text, start, end):
            ordinal = _ordinal(m.group(style)) if m.group(style) is not None else None
            if ordinal is None or (limit is not None and ordinal >= limit):
                continue
            if "".join(m.group("title").split()) in _TABLE_ROW_TITLES:
                continue
            last = picked[-1][0] if picked else before
            if ordinal == last and picked:
                picked[-1] = (ordinal, m)
            elif ordinal == last + 1:
                picked.append((ordinal, m))
        found += [(m.end() - len(m.group(0).lstrip()), _extra_key(m.group("title")),
                   "".join(m.group(0).split()).rstrip("。：:")) for _, m in picked]
    if found and found[0][0] < heads[0] and all(cand.key != "overview" for cand in chain):
        found[0] = (found[0][0], "overview", found[0][2])  # 一、加强组织领导 before 二、主动公开…: the overview
    return found


# The title of a section of measures alone, after the weaknesses: 下一步工作打算, 今后改进方向,
# 改进措施, 2014年工作计划.  Such a section is the second half of the problems section.
_PLAN_TITLE_RE = re.compile(
    rf"(?:(?:{NEXT_STEP}|今后|下一?年度?|明年|\d{{4}}年)(?:的)?(?:工作)?(?:{IMPROVEMENT_WORDS})?"
    rf"(?:{PLAN_NOUNS}|重点|方向|设想)|(?:今后)?(?:{IMPROVEMENT_WORDS})(?:的)?(?:{IMPROVEMENT_NOUNS}|方向|意见))"
)
_WEAKNESS_RE = re.compile(WEAKNESS_WORDS)


def _extra_key(title: str) -> str:
    """``problems`` for the title (numbering aside) of a section of measures alone (see
    _PLAN_TITLE_RE) or of one naming weaknesses in words of its own (当前需要解决的突出问题), else
    EXTRA_SECTION."""
    title = "".join(title.split())
    return "problems" if _PLAN_TITLE_RE.fullmatch(title) or _WEAKNESS_RE.search(title) else EXTRA_SECTION


def _merged(text: str, heads: list[tuple[int, str, str]], subheads: set[int]) -> list[tuple[int, str, str]]:
    """``heads`` with each extra heading followed by nothing but a sub-head the chain took for a
    section (二、加大主动公开力度, then （一）主动公开情况; ``subheads``: where they start) given that
    section's key, and the sub-head left inside it."""
    out: list[tuple[int, str, str]] = []
    for head in heads:
        if out and out[-1][1] == EXTRA_SECTION and head[0] in subheads:
            start, _, title = out[-1]
            if "".join(text[start : head[0]].split()).rstrip("。：:") == title:
                out[-1] = (start, head[1], title)
                continue
        out.append(head)
    return out


def missing_sections(sections: list[Section], fmt: str | None) -> list[str]:
    """Keys the format requires but ``sections`` lacks (pre-2019: fees expected, other optional)."""
    required = _OLD_REQUIRED if fmt == "pre-2019" else SECTION_KEYS
    found = {s.key for s in sections}
    if any(s.key == "requests" and "复议" in s.title for s in sections):  # one section for both
        found.add("review_litigation")
    return [k for k in required if k not in found]


def looks_like_report(text: str) -> bool:
    """Cheap test: mentions 政府信息公开 and 年度报告/工作报告/年报, or has two kinds of heading."""
    if "政府信息公开" in text and any(w in text for w in ("年度报告", "工作报告", "年报")):
        return True
    return len({m.lastgroup for m in _TITLE_RE.finditer(text)}) >= 2
