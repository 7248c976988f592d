"""Split the narrative of a report into sentences, with headings kept as context.

Rules, in the order they apply:

* Lines holding a tab (other than leading indentation) are table rows: skipped, and a sentence never
  runs across them.  Page furniture lines (``- 3 -``, ``第 3 页``) are skipped but do not end a
  sentence.
* A heading is a line that is a numbered title (``五、存在的主要问题及改进情况``, ``（一）存在的主要问题``,
  ``第一，主动公开``, ``1、…`` when short, or ending in 情况) or a short line without punctuation (``改进措施：``, ``米易县丙谷镇人民政府``)
  that is neither wrapped onto the next line nor the end of the line before.  It becomes its own
  sentence with ``is_heading=True``; every later sentence gets ``heading`` = the nearest heading
  above it.  A run-in title at the start of a paragraph (``（一）主动公开情况。2024 年…``) is a
  heading as well, and so is a numbered label of the parts of the problems section, with or
  without a full stop (``1.存在的问题。``, ``2.改进措施。``), which a point (``1.加强培训。``) never is.
* A line that ends without sentence-final punctuation continues on the next line, across a single
  line break, a blank line or page furniture, unless either side is a heading, the next line starts
  an enumerated point, or (blank line only) the line ends with a colon.
* Within a paragraph, a sentence ends after ``。！？；!?;`` (closing quotes and brackets stay with
  it) and before an enumerated point that follows punctuation (maybe with a space between, as web
  copies put one after a colon): ``一是``, ``（一）``, ``(1)``, ``1)``, ``1.``, ``1、``, ``第一，``, and ``一、``
  after a full stop.
* Fragments without any letter (only punctuation, digits) are dropped.

Offsets: ``text[start:end]`` (minus ``start_offset``) is the sentence as printed; when it spans line
breaks, ``unbreak(text[start:end]) == sentence.text``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import add

from ..model import Section, Sentence
from ..numbers import ends_in_numbers
from ..schema import IMPROVEMENT_NOUNS, IMPROVEMENT_WORDS, NEXT_STEP, PLAN_NOUNS, WEAKNESS_WORDS

_CN = "一二三四五六七八九十"
_FINAL = "。！？；!?;"
_CLOSERS = "”’」』）)》〉】〕\"'"
_SENTENCE_END = re.compile(f"[{_FINAL}][{re.escape(_CLOSERS)}]*$")
_STOPS = "。！？；!?;：:"  # punctuation after which any enumerated point starts
_COMMAS = "，,"  # and after which all but 二、 do
_POINTS = "|".join(
    (
        f"[{_CN}]{{1,2}}是",  # 一是
        f"[（(][{_CN}]{{1,3}}[）)]",  # （一） (一)
        r"[（(]\d{1,2}[）)]",  # （1）
        r"\d{1,2}[）)](?![\d%％])",  # 1) (or a copy of (1) that lost its opening bracket)
        r"\d{1,2}[.．、](?![\d.．])",  # 1. 1、 1．
        f"第[{_CN}]{{1,2}}[，,、]",  # 第一，
    )
)
_STOP_POINT = f"[{_CN}]{{1,2}}、"  # 二、 after a full stop
_POINT_RE = re.compile(
    f"(?:^|(?<=[{_STOPS}{_COMMAS}]))(?:{_POINTS})|(?:^|(?<=[{_STOPS}]))(?:{_STOP_POINT})"
)
# Where a paragraph is cut into sentences: after a run of sentence-final punctuation (closing
# quotes and brackets with it), and before each point that _POINT_RE finds after punctuation
# (matched as that punctuation: no point holds such punctuation before its last character, so no
# point starts inside another).  An end run never takes the first character of a point, so where
# both cut, the cut is the same.  The regex opens with one class of every punctuation it can
# start with, then tells which one it met by a lookbehind: the engine skips ahead to such
# characters (a regex opening with alternatives is tried at every position, twice as slow).
# The group makes split() keep the cuts.
_CUT_RE = re.compile(
    f"([{''.join(dict.fromkeys(_FINAL + _STOPS + _COMMAS))}]"
    f"(?:(?<=[{_FINAL}])[{_FINAL}]*[{re.escape(_CLOSERS)}]*+(?![的之等、，,])"  # (not “…为例外。”的要求, 《…？》、)
    f"|(?<=[{_STOPS}])(?=[ \u3000]?(?:(?:{_POINTS})|{_STOP_POINT}))"
    f"|(?<=[{_COMMAS}])(?=[ \u3000]?(?:{_POINTS}))))"
)
_HEAD_CN = re.compile(f"(?:第[{_CN}]+(?:部分|章|节)|第[{_CN}]{{1,2}}[、，,]|[{_CN}]{{1,3}}[ \u3000]?[、.．]|[（(][{_CN}]{{1,3}}[）)])\\s*")
_HEAD_ARABIC = re.compile(r"(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)])\s*")
# a numbered title and the text after it on the same line: a point after a space (二、存在问题
# 一是宣传培训不足。), or a clause opening with a year, with or without a space (（一）加大公开力度
# 2022年，我局…; a copy that lost its line breaks; a space after the numbering too: (三) 政府信息管理情况 2022年,)
_TITLE_THEN_POINT = re.compile(
    f"(?P<title>(?:第[{_CN}]+(?:部分|章|节)|[{_CN}]{{1,3}}[、.．]|[（(][{_CN}]{{1,3}}[）)])[ \u3000]?[^\\s，。；：,;:]{{1,20}}?)"
    f"(?:[ \u3000]+(?=(?:{_POINTS}))|(?<=[^\\d\\s])[ \u3000]*(?=(?:19|20)\\d\\d年度?(?:以来)?[，,]))"
)
_LEAD_IN_RE = re.compile(r"[^：:。！？；]{0,40}?(?:以下|如下|下列)[^：:。！？；]{0,20}?[：:]")
_MIN_ITEM = 6  # characters an item after a lead-in holds at least
_NUMBERING_ONLY = re.compile(f"[{_CN}]{{1,3}}[、.．]|[（(][{_CN}]{{1,3}}[）)]")
# Every match of _HEAD_CN, _HEAD_ARABIC and _POINT_RE at the start of a text starts with one of
# these characters or a digit (\d: a decimal character).
_NUMBERING_FIRST = frozenset(f"第（({_CN}")
_NOT_IN_TITLE = re.compile(r"[。！？；!?;，,：:]")  # a title may hold 、 but no other punctuation
_NOT_IN_SHORT_LINE = re.compile(r"[。！？；!?;，,、：:]")
_NEW_PARAGRAPH = re.compile(r"(?:19|20)\d{2}年|下一步|下步|今后|明年")  # a paragraph opening after a blank line
_COMMA_RE = re.compile("[，,]")
_NOT_IN_COMMA_TITLE = re.compile(r"[。！？；!?;：:]")
_FURNITURE = re.compile(  # - 3 -, 第 3 页, 第3页共6页
    r"[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?"
)
_FURNITURE_FIRST = "-－—–第"  # the first character of every _FURNITURE match
_WORDY = re.compile(r"[^\W\d_]")  # a letter of any script, CJK included
# The furniture of a web page a copy keeps: （责任编辑：某某）, 来源：某局, 【打印本页】【关闭窗口】
_PAGE_FURNITURE_RE = re.compile(
    r"[\[【（(]?(?:责任编辑|来源|作者|浏览次数|点击数|打印本页|关闭窗口|分享到|字号)"
    r"(?:[：:][^。！？；\n]{0,20})?[\]】）)]?(?:\s*[\[【（(]?(?:打印本页|关闭窗口|打印|关闭)[\]】）)]?)*"
    r"|[^。！？；\n]{0,12}(?:扫描|扫一扫)[^。！？；\n]{0,12}二维码[^。！？；\n]{0,20}[。！!]?"  # 更多精彩内容欢迎扫描下方二维码关注…
)

# The words of a label that names a part of the problems section (1.存在的问题。 2.改进措施。): a
# numbered line or run-in of these alone is a heading even with a full stop, which a point such as
# 1.加强培训。 never is.  Built from the words that name the section (nlp/schema.py), as its title is.
_PART_LABEL = re.compile(
    rf"(?:存在的?|当前|目前)?(?:主要)?(?:{WEAKNESS_WORDS})(?:[和及与](?:{WEAKNESS_WORDS}))?"
    rf"|(?:{IMPROVEMENT_WORDS})(?:{IMPROVEMENT_NOUNS})|(?:{NEXT_STEP})(?:的)?(?:工作)?(?:{PLAN_NOUNS})"
    rf"|(?:今后|{NEXT_STEP})?工作(?:打算|计划|思路)"
)
MAX_TITLE = 28  # characters after the number of a numbered title
MAX_ARABIC_TITLE = 15
MAX_SHORT_LINE = 40  # characters of an unnumbered heading line
MAX_COLON_LINE = 12  # the same, ending with a colon (改进措施：, not 我镇工作还存在一些不足：)
MAX_RUN_IN = 20
WRAP_SHARE = 0.8  # a line this close to the usual line width is taken as wrapped, not a title

SINGLE, BLANK, HARD = 0, 1, 2  # kind of break before a line


@dataclass(slots=True)
class _Line:
    text: str  # stripped
    start: int  # offset of text[0] in the input
    gap: int  # SINGLE, BLANK or HARD (start of input or after a table row)
    heading: bool = False


def _nospace(s: str) -> str:
    return "".join(s.split())


# Characters that are all wide (East Asian Width W or F) and make most of a report: CJK unified
# ideographs, CJK punctuation (、。「」 and the ideographic space) and full-width forms (，：（）).
# They are counted in one go, and so are the others when they are ASCII (never wide); only
# other characters are looked up one by one.
_WIDE_RUN = re.compile("[\u4e00-\u9fff\u3000-\u303e\uff01-\uff60]+")


def _width(s: str) -> int:
    """Display width: 2 for wide (CJK) characters, 1 for the rest."""
    rest = _WIDE_RUN.sub("", s)
    wide = len(s) - len(rest)
    if rest.isascii():  # no ASCII character is wide
        return 2 * wide + len(rest)
    return 2 * wide + sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in rest)


def _is_furniture(line: str) -> bool:
    """A page number line (``line`` stripped); the regex is tried only on a line starting as
    one does."""
    return line[:1] in _FURNITURE_FIRST and _FURNITURE.fullmatch(line) is not None


_HEADER_WORD_RE = re.compile(r"[\u4e00-\u9fff]{1,4}")


def _pdf_table_row(line: str) -> bool:
    """A row of a table in PDF text: three or more numbers at its end after spaces (… 0 0 0), or
    four or more short words apart and nothing else, most of two characters or more (a header
    cut into pieces: 结果 结果 其他 尚未 总; not text spaced character by character)."""
    if ends_in_numbers(line):
        return True
    words = line.split()
    return (len(words) >= 4 and all(_HEADER_WORD_RE.fullmatch(w) for w in words)
            and sum(len(w) >= 2 for w in words) >= 0.75 * len(words))


def _lines(text: str, pos: int = 0, titles: frozenset[int] = frozenset()) -> list[_Line]:
    """Text lines with the kind of break before each; table rows, the cells of a table copied one
    cell a line and furniture left out.  ``pos``: the offset of ``text`` in the input; ``titles``:
    the offsets of the section titles found (never a table's cell)."""
    lines: list[_Line] = []
    gap = HARD
    for raw in text.split("\n"):
        body = raw.lstrip()  # stripped once: the row test, the text and its offset need it
        if "\t" in body or (" " in body and _pdf_table_row(body)):  # a table row (a tab other than
            gap = HARD                                                # leading indentation)
        elif not body:
            gap = max(gap, BLANK)
        elif not _is_furniture(stripped := body.rstrip()):
            lines.append(_Line(stripped, pos + len(raw) - len(body), gap))
            gap = SINGLE
        pos += len(raw) + 1
    return _without_cell_runs(lines, titles)


_NUMBER_CELL = re.compile(r"[\d.,%％\-—]+")
_CELL_WORDS = re.compile(r"[^。，,；;！？!?]{1,20}")
MIN_CELL_RUN, MIN_NUMBER_CELLS = 6, 3  # a table copied one cell a line: lines, of them numbers


def _without_cell_runs(lines: list[_Line], titles: frozenset[int]) -> list[_Line]:
    """``lines`` without the cells of a table copied one cell a line (信息内容 / 本年制发件数 / 规章 /
    0 / 0 …; its row labels numbered too: 一、本年新收政府信息公开申请数量): a run of at least
    MIN_CELL_RUN short lines without punctuation or numbers alone, at least MIN_NUMBER_CELLS of
    them numbers, which a section's title (one of ``titles``, offsets) ends.  The line after the
    run starts after a hard break, as after a table row."""
    def cell(line: _Line) -> int:  # 2: a number, 1: a short label, 0: no cell
        text = _nospace(line.text)
        if _NUMBER_CELL.fullmatch(text):
            return 2
        return int(_CELL_WORDS.fullmatch(text) is not None and line.start not in titles)

    kinds = [cell(line) for line in lines]
    if kinds.count(2) < MIN_NUMBER_CELLS:  # the common case: no such table
        return lines
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and kinds[j]:
            j += 1
        if j - i >= MIN_CELL_RUN and kinds[i:j].count(2) >= MIN_NUMBER_CELLS:
            if j < len(lines):
                lines[j] = _Line(lines[j].text, lines[j].start, HARD, lines[j].heading)
            i = j
            continue
        out.extend(lines[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


def wrap_width(text: str) -> float:
    """Usual display width of a text line (80th percentile): tells wrapped lines from titles."""
    return _usual_width(_lines(text))


def _usual_width(lines: list[_Line]) -> float:
    """:func:`wrap_width` of the text of ``lines``."""
    widths = sorted(_width(line.text) for line in lines)
    return float(widths[int(0.8 * (len(widths) - 1))]) if widths else 0.0


def _may_be_numbered(line: str) -> bool:
    """False when no numbering (of a title or a point) can start ``line``: a cheap test that
    spares the regexes most lines."""
    first = line[:1]
    return first in _NUMBERING_FIRST or first.isdecimal()


def _numbered_title(line: str) -> bool:
    """A numbered title: ``五、存在的主要问题及改进情况``, ``（一）存在的主要问题``, ``1、改进措施：``."""
    if not _may_be_numbered(line):
        return False
    m = _HEAD_CN.match(line)
    limit = MAX_TITLE
    if m is None:
        m, limit = _HEAD_ARABIC.match(line), MAX_ARABIC_TITLE
    if m is None:
        return False
    body = _nospace(line[m.end() :]).rstrip("：:")
    if body.endswith(("情况。", "方面。")):  # a title with a full stop: （一）主动公开方面。 1.主动公开情况。
        body = body[:-1]
    if body.endswith("情况"):  # a title, however numbered: 3.政府信息公开监督保障及教育培训情况
        limit = MAX_TITLE
    if 0 < len(body) <= limit and not _NOT_IN_TITLE.search(body):
        return True
    return _PART_LABEL.fullmatch(body.rstrip("。.")) is not None


def _title_with_commas(line: str) -> bool:
    """A title numbered （一） or 一、 whose words hold commas (（一）加强组织领导，健全制度体系):
    short, no other punctuation, not ending in a comma.  A heading only when the line is not a
    full line wrapped onto the next (see _mark_headings)."""
    if not _may_be_numbered(line) or (m := _HEAD_CN.match(line)) is None:
        return False
    body = _nospace(line[m.end() :])
    return (0 < len(body) <= MAX_TITLE and _COMMA_RE.search(body) is not None
            and not _NOT_IN_COMMA_TITLE.search(body) and not body.endswith(("，", ",")))


def _short_line(line: str) -> bool:
    """A short line without punctuation (a colon at the end allowed) that opens no point."""
    body = _nospace(line)
    limit = MAX_COLON_LINE if body.endswith(("：", ":")) else MAX_SHORT_LINE
    body = body.rstrip("：:")
    return (
        0 < len(body) <= limit
        and not _NOT_IN_SHORT_LINE.search(body)
        and not (_may_be_numbered(body) and _POINT_RE.match(body) is not None)
    )


def _starts_point(line: str) -> bool:
    return _may_be_numbered(line) and (
        _POINT_RE.match(line) is not None or _HEAD_CN.match(line) is not None
    )


def _wrapped(line: _Line, nxt: _Line | None, width: float) -> bool:
    """Whether ``line`` is a full line that a single break continues on ``nxt``, or a line that
    a single break cuts before a book title's 《 (2009年是 / 《条例》正式实施的第二年…)."""
    return (
        nxt is not None
        and nxt.gap == SINGLE
        and (_width(line.text) >= WRAP_SHARE * width or (nxt.text.startswith("《") and not line.text.endswith(("：", ":"))))
        and not _starts_point(nxt.text)
    )


def _unfinished(prev: _Line | None, line: _Line) -> bool:
    """Whether ``line`` follows, after a single break, a line that leaves its sentence open."""
    return (
        prev is not None
        and line.gap == SINGLE
        and not prev.heading
        and not _SENTENCE_END.search(prev.text)
    )


def _mark_headings(lines: list[_Line], width: float) -> None:
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        line.heading = _numbered_title(line.text) or (
            (_short_line(line.text) and not _unfinished(prev, line)) or _title_with_commas(line.text)
        ) and not _wrapped(line, nxt, width)
        if prev is not None and _numbering_only(prev, line) and _numbered_title(prev.text + line.text):
            prev.heading = line.heading = True  # 一、 / 总体情况: one title over two lines (see _continues)


def _continues(prev: _Line, line: _Line) -> bool:
    """Whether ``line`` carries on the sentence that ``prev`` leaves unfinished (or the title:
    a numbering alone on its line, then the words of its title)."""
    if prev.heading and line.heading and _numbering_only(prev, line):
        return True
    if prev.heading or line.heading or line.gap == HARD or _starts_point(line.text):
        return False
    if _SENTENCE_END.search(prev.text):
        return False
    if line.gap == BLANK and _NEW_PARAGRAPH.match(line.text):  # …所占比例75% / (blank) / 2011年，我们将…
        return False
    return line.gap == SINGLE or not prev.text.endswith(("：", ":"))


@dataclass
class _Paragraph:
    text: str
    heading: bool
    joins: list[int]  # where each line of the paragraph starts in text
    origins: list[int]  # and in the input

    def offset(self, i: int) -> int:
        """Input offset of ``text[i]``."""
        if len(self.joins) == 1:  # a paragraph of one line
            return self.origins[0] + i
        k = bisect_right(self.joins, i) - 1
        return self.origins[k] + i - self.joins[k]


def _paragraphs(lines: list[_Line]) -> list[_Paragraph]:
    paras: list[_Paragraph] = []
    for i, line in enumerate(lines):
        if i and _continues(lines[i - 1], line):
            para = paras[-1]
            para.joins.append(len(para.text))
            para.origins.append(line.start)
            para.text += line.text
        else:
            paras.append(_Paragraph(line.text, line.heading, [0], [line.start]))
    return paras


def _chunks(s: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the sentences of one paragraph, stripped, wordless fragments
    dropped."""
    pieces = _CUT_RE.split(s)  # text, cut, text, cut, ..., text
    pieces.append("")  # (no cut after the last text)
    spans = []
    start = 0
    chunks = list(map(add, pieces[::2], pieces[1::2]))  # each text with the cut after it
    for chunk in _outside_titles(chunks) if "《" in s else chunks:
        text = chunk.strip()
        if _WORDY.search(text):
            a = start + len(chunk) - len(chunk.lstrip())
            spans.append((a, a + len(text), text))
        start += len(chunk)
    return spans


MAX_BOOK_TITLE = 30  # characters on either side of a cut inside a book title


def _outside_titles(chunks: list[str]) -> list[str]:
    """``chunks`` with those a cut inside a book title made joined again (《春天何时来？秋天到了吗》):
    a chunk ending in a 《 left open, the next closing it, both within MAX_BOOK_TITLE characters
    of the cut (a 《 a copy never closed does not join a paragraph into one sentence)."""
    out: list[str] = []
    for chunk in chunks:
        if out and _cut_inside_title(out[-1], chunk):
            out[-1] += chunk
        else:
            out.append(chunk)
    return out


def _cut_inside_title(before: str, after: str) -> bool:
    opened, closed = before.rfind("《"), before.rfind("》")
    if opened <= closed or len(before) - opened > MAX_BOOK_TITLE:
        return False
    end = after.find("》")
    return 0 <= end <= MAX_BOOK_TITLE and "《" not in after[:end]


def _run_in_title(chunk: str) -> bool:
    """``（一）主动公开情况。`` or ``改进措施：`` opening a paragraph."""
    m = _HEAD_CN.match(chunk)
    if m is not None:
        body = _nospace(chunk[m.end() :]).rstrip("。：:")
        return 0 < len(body) <= MAX_RUN_IN and not _NOT_IN_SHORT_LINE.search(body)
    if (m := _HEAD_ARABIC.match(chunk)) is not None:  # 2.改进措施。一是… (a point is no label)
        return _PART_LABEL.fullmatch(_nospace(chunk[m.end() :]).rstrip("。.：:")) is not None
    return chunk.endswith(("：", ":")) and _short_line(chunk)


def unbreak(span: str) -> str:
    """A printed span as one sentence: line breaks, blank lines and page furniture removed."""
    lines = [line.strip() for line in span.split("\n")]
    middle = [line for line in lines[1:-1] if line and not _is_furniture(line)]
    return "".join(lines[:1] + middle + lines[1:][-1:])


def split_sentences(
    text: str,
    section: str | None = None,
    start_offset: int = 0,
    position_start: int = 0,
    *,
    width: float | None = None,
) -> list[Sentence]:
    """Sentences and headings of ``text``; ``width`` is the usual line width (default: measured)."""
    lines = _lines(text, start_offset)
    return _split(lines, section, position_start, _usual_width(lines) if width is None else width)


def _numbering_only(prev: _Line, line: _Line) -> bool:
    """Whether ``prev`` holds only a numbering (一、, （一）) and ``line`` follows it after a single
    break: a copy that broke the line after the numbering of a title."""
    return line.gap == SINGLE and _may_be_numbered(prev.text) and _NUMBERING_ONLY.fullmatch(prev.text) is not None


def _lead_in_apart(span: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """A sentence that announces a list (以下, 如下) and runs on after its colon into the first
    item (针对以上问题，我局采取以下措施积极改进：我局将加强…): the lead-in and the item apart."""
    a, b, chunk = span
    m = _LEAD_IN_RE.match(chunk) if "：" in chunk or ":" in chunk else None  # (most sentences hold no colon)
    if m is None or len(chunk) - m.end() < _MIN_ITEM:
        return [span]
    rest = chunk[m.end() :]
    skip = len(rest) - len(rest.lstrip())
    return [(a, a + m.end(), chunk[: m.end()]), (a + m.end() + skip, b, rest.lstrip())]


def _split(lines: list[_Line], section: str | None, position_start: int, width: float) -> list[Sentence]:
    """Sentences and headings of the text made of ``lines`` (lines of a web page's furniture
    passed over: （责任编辑：某某） is no sentence of the report)."""
    lines = [line for line in lines if not _PAGE_FURNITURE_RE.fullmatch(line.text.strip())]
    _mark_headings(lines, width)
    out: list[Sentence] = []
    heading: str | None = None
    for para in _paragraphs(lines):
        if para.heading:
            spans = [(0, len(para.text), para.text)] if _WORDY.search(para.text) else []
        else:
            spans = _chunks(para.text)
            if spans and (cut := _TITLE_THEN_POINT.match(spans[0][2])):  # 二、存在问题 一是…: the title apart
                a, b, chunk = spans[0]
                spans[:1] = [(a, a + cut.end("title"), chunk[: cut.end("title")]), (a + cut.end(), b, chunk[cut.end() :])]
            spans = [piece for span in spans for piece in _lead_in_apart(span)]
        for k, (a, b, chunk) in enumerate(spans):
            is_heading = para.heading or (k == 0 and len(spans) > 1 and _run_in_title(chunk))
            out.append(
                Sentence(
                    text=chunk,
                    section=section,
                    position=position_start + len(out),
                    heading=heading,
                    start=para.offset(a),
                    end=para.offset(b - 1) + 1,
                    is_heading=is_heading,
                )
            )
            if is_heading:
                heading = chunk
    return out


def narrative_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    """Sentences of every section (``section`` = its key), positions running on across sections.

    The text is cut into lines once: those of a section are the lines of the text between its
    bounds when it starts and ends at line breaks, as sections do."""
    titles = frozenset(sec.start for sec in sections)
    lines = _lines(text, 0, titles)
    width = _usual_width(lines)
    if not sections:
        return _split(lines, None, 0, width)
    starts = [line.start for line in lines]
    out: list[Sentence] = []
    for sec in sorted(sections, key=lambda s: s.start):
        sec_lines = _title_apart(_section_lines(text, lines, starts, sec.start, sec.end, titles), sec)
        out += _split(sec_lines, sec.key, len(out), width)
    return out


def _title_apart(lines: list[_Line], sec: Section) -> list[_Line]:
    """A section's title run into the text after it on one line (a page printed as one line: …
    一、总体情况 2019年，…) set on a line of its own, so that it is a heading, not the start of
    the section's first sentence. Only where a space parts them: a title that is merely the
    start of a longer line is left as it is."""
    first = lines[0] if lines else None
    if first is None or first.start != sec.start or len(first.text) <= len(sec.title) or not first.text.startswith(sec.title):
        return lines
    rest = first.text[len(sec.title):]
    body = rest.lstrip()
    if not body or not rest[0].isspace():
        return lines
    return [_Line(sec.title, first.start, first.gap), _Line(body, first.start + len(rest) - len(body) + len(sec.title), HARD),
            *lines[1:]]


def _section_lines(text: str, lines: list[_Line], starts: list[int], start: int, end: int,
                   titles: frozenset[int]) -> list[_Line]:
    """``_lines(text[start:end], start)``, from ``lines`` (those of ``text``, which start at
    ``starts``) when no line crosses a bound: the same lines, the first one after a hard break."""
    starts_a_line = start == 0 or text[start - 1] == "\n"
    ends_a_line = end >= len(text) or "\n" in text[end - 1 : end + 1]  # before or after a break
    if not (starts_a_line and ends_a_line):
        return _lines(text[start:end], start, titles)
    picked = lines[bisect_left(starts, start) : bisect_left(starts, end)]
    if picked and picked[0].gap != HARD:
        picked[0] = _Line(picked[0].text, picked[0].start, HARD)
    return picked
