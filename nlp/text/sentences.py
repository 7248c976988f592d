"""Split the narrative of a report into sentences, with headings kept as context.

Rules, in the order they apply:

* Lines holding a tab (other than leading indentation) are table rows: skipped, and a sentence never
  runs across them.  Page furniture lines (``- 3 -``, ``第 3 页``) are skipped but do not end a
  sentence.
* A heading is a line that is a numbered title (``五、存在的主要问题及改进情况``, ``（一）存在的主要问题``,
  ``1、…`` when short) or a short line without punctuation (``改进措施：``, ``米易县丙谷镇人民政府``)
  that is neither wrapped onto the next line nor the end of the line before.  It becomes its own
  sentence with ``is_heading=True``; every later sentence gets ``heading`` = the nearest heading
  above it.  A run-in title at the start of a paragraph (``（一）主动公开情况。2024 年…``) is a
  heading as well.
* A line that ends without sentence-final punctuation continues on the next line, across a single
  line break, a blank line or page furniture, unless either side is a heading, the next line starts
  an enumerated point, or (blank line only) the line ends with a colon.
* Within a paragraph, a sentence ends after ``。！？；!?;`` (closing quotes and brackets stay with
  it) and before an enumerated point that follows punctuation: ``一是``, ``（一）``, ``(1)``, ``1.``,
  ``1、``, ``第一，``, and ``一、`` after a full stop.
* Fragments without any letter (only punctuation, digits) are dropped.

Offsets: ``text[start:end]`` (minus ``start_offset``) is the sentence as printed; when it spans line
breaks, ``unbreak(text[start:end]) == sentence.text``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Section, Sentence

_CN = "一二三四五六七八九十"
_FINAL = "。！？；!?;"
_CLOSERS = "”’」』）)》〉】〕\"'"
_END_RE = re.compile(f"[{_FINAL}]+[{re.escape(_CLOSERS)}]*")
_SENTENCE_END = re.compile(f"[{_FINAL}][{re.escape(_CLOSERS)}]*$")
_AFTER_PUNCT = r"(?:^|(?<=[。！？；!?;：:，,]))"
_AFTER_STOP = r"(?:^|(?<=[。！？；!?;：:]))"
_POINT_RE = re.compile(
    _AFTER_PUNCT
    + "(?:"
    + "|".join(
        (
            f"[{_CN}]{{1,2}}是",  # 一是
            f"[（(][{_CN}]{{1,3}}[）)]",  # （一） (一)
            r"[（(]\d{1,2}[）)]",  # （1）
            r"\d{1,2}[.．、](?![\d.．])",  # 1. 1、 1．
            f"第[{_CN}]{{1,2}}[，,、]",  # 第一，
        )
    )
    + ")"
    + f"|{_AFTER_STOP}[{_CN}]{{1,2}}、"  # 二、 after a full stop
)
_HEAD_CN = re.compile(f"(?:第[{_CN}]+(?:部分|章|节)|[{_CN}]{{1,3}}[、.．]|[（(][{_CN}]{{1,3}}[）)])\\s*")
_HEAD_ARABIC = re.compile(r"(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)])\s*")
_NOT_IN_TITLE = re.compile(r"[。！？；!?;，,：:]")  # a title may hold 、 but no other punctuation
_NOT_IN_SHORT_LINE = re.compile(r"[。！？；!?;，,、：:]")
_FURNITURE = re.compile(  # - 3 -, 第 3 页, 第3页共6页
    r"[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?"
)
_WORDY = re.compile(r"[^\W\d_]")  # a letter of any script, CJK included

MAX_TITLE = 28  # characters after the number of a numbered title
MAX_ARABIC_TITLE = 15
MAX_SHORT_LINE = 40  # characters of an unnumbered heading line
MAX_COLON_LINE = 12  # the same, ending with a colon (改进措施：, not 我镇工作还存在一些不足：)
MAX_RUN_IN = 20
WRAP_SHARE = 0.8  # a line this close to the usual line width is taken as wrapped, not a title

SINGLE, BLANK, HARD = 0, 1, 2  # kind of break before a line


@dataclass
class _Line:
    text: str  # stripped
    start: int  # offset of text[0] in the input
    gap: int  # SINGLE, BLANK or HARD (start of input or after a table row)
    heading: bool = False


def _nospace(s: str) -> str:
    return "".join(s.split())


# Characters that are all wide (East Asian Width W or F) and make most of a report: CJK unified
# ideographs, CJK punctuation (、。「」 and the ideographic space) and full-width forms (，：（）).
# They are counted in one go; only the others are looked up one by one.
_WIDE_RUN = re.compile("[\u4e00-\u9fff\u3000-\u303e\uff01-\uff60]+")


def _width(s: str) -> int:
    """Display width: 2 for wide (CJK) characters, 1 for the rest."""
    rest = _WIDE_RUN.sub("", s)
    return 2 * (len(s) - len(rest)) + sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in rest
    )


def _is_table_row(line: str) -> bool:
    """A line holding a tab other than leading indentation (``line`` already left-stripped)."""
    return "\t" in line


def _is_furniture(line: str) -> bool:
    return _FURNITURE.fullmatch(line) is not None


def _lines(text: str, pos: int = 0) -> list[_Line]:
    """Text lines with the kind of break before each; table rows and furniture left out.  ``pos``:
    the offset of ``text`` in the input."""
    lines: list[_Line] = []
    gap = HARD
    for raw in text.split("\n"):
        body = raw.lstrip()  # stripped once: the row test, the text and its offset need it
        if _is_table_row(body):
            gap = HARD
        elif not body:
            gap = max(gap, BLANK)
        elif not _is_furniture(stripped := body.rstrip()):
            lines.append(_Line(stripped, pos + len(raw) - len(body), gap))
            gap = SINGLE
        pos += len(raw) + 1
    return lines


def wrap_width(text: str) -> float:
    """Usual display width of a text line (80th percentile): tells wrapped lines from titles."""
    return _usual_width(_lines(text))


def _usual_width(lines: list[_Line]) -> float:
    """:func:`wrap_width` of the text of ``lines``."""
    widths = sorted(_width(line.text) for line in lines)
    return float(widths[int(0.8 * (len(widths) - 1))]) if widths else 0.0


def _numbered_title(line: str) -> bool:
    """A numbered title: ``五、存在的主要问题及改进情况``, ``（一）存在的主要问题``, ``1、改进措施：``."""
    m = _HEAD_CN.match(line)
    limit = MAX_TITLE
    if m is None:
        m, limit = _HEAD_ARABIC.match(line), MAX_ARABIC_TITLE
    if m is None:
        return False
    body = _nospace(line[m.end() :]).rstrip("：:")
    return 0 < len(body) <= limit and not _NOT_IN_TITLE.search(body)


def _short_line(line: str) -> bool:
    """A short line without punctuation (a colon at the end allowed) that opens no point."""
    body = _nospace(line)
    limit = MAX_COLON_LINE if body.endswith(("：", ":")) else MAX_SHORT_LINE
    body = body.rstrip("：:")
    return (
        0 < len(body) <= limit
        and not _NOT_IN_SHORT_LINE.search(body)
        and _POINT_RE.match(body) is None
    )


def _starts_point(line: str) -> bool:
    return _POINT_RE.match(line) is not None or _HEAD_CN.match(line) is not None


def _wrapped(line: _Line, nxt: _Line | None, width: float) -> bool:
    """Whether ``line`` is a full line that a single break continues on ``nxt``."""
    return (
        nxt is not None
        and nxt.gap == SINGLE
        and _width(line.text) >= WRAP_SHARE * width
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
            _short_line(line.text)
            and not _wrapped(line, nxt, width)
            and not _unfinished(prev, line)
        )


def _continues(prev: _Line, line: _Line) -> bool:
    """Whether ``line`` carries on the sentence that ``prev`` leaves unfinished."""
    if prev.heading or line.heading or line.gap == HARD or _starts_point(line.text):
        return False
    if _SENTENCE_END.search(prev.text):
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


def _chunks(s: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of one paragraph, stripped, wordless fragments dropped."""
    cuts = {0, len(s)}
    cuts.update(m.end() for m in _END_RE.finditer(s))
    cuts.update(m.start() for m in _POINT_RE.finditer(s))
    bounds = sorted(cuts)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and s[a].isspace():
            a += 1
        while b > a and s[b - 1].isspace():
            b -= 1
        if _WORDY.search(s, a, b):
            spans.append((a, b))
    return spans


def _run_in_title(chunk: str) -> bool:
    """``（一）主动公开情况。`` or ``改进措施：`` opening a paragraph."""
    m = _HEAD_CN.match(chunk)
    if m is not None:
        body = _nospace(chunk[m.end() :]).rstrip("。：:")
        return 0 < len(body) <= MAX_RUN_IN and not _NOT_IN_SHORT_LINE.search(body)
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


def _split(lines: list[_Line], section: str | None, position_start: int, width: float) -> list[Sentence]:
    """Sentences and headings of the text made of ``lines``."""
    _mark_headings(lines, width)
    out: list[Sentence] = []
    heading: str | None = None
    for para in _paragraphs(lines):
        if para.heading:
            spans = [(0, len(para.text))] if _WORDY.search(para.text) else []
        else:
            spans = _chunks(para.text)
        for k, (a, b) in enumerate(spans):
            chunk = para.text[a:b]
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
    lines = _lines(text)
    width = _usual_width(lines)
    if not sections:
        return _split(lines, None, 0, width)
    starts = [line.start for line in lines]
    out: list[Sentence] = []
    for sec in sorted(sections, key=lambda s: s.start):
        out += _split(_section_lines(text, lines, starts, sec.start, sec.end), sec.key, len(out), width)
    return out


def _section_lines(text: str, lines: list[_Line], starts: list[int], start: int, end: int) -> list[_Line]:
    """``_lines(text[start:end], start)``, from ``lines`` (those of ``text``, which start at
    ``starts``) when no line crosses a bound: the same lines, the first one after a hard break."""
    starts_a_line = start == 0 or text[start - 1] == "\n"
    ends_a_line = end >= len(text) or "\n" in text[end - 1 : end + 1]  # before or after a break
    if not (starts_a_line and ends_a_line):
        return _lines(text[start:end], start)
    picked = lines[bisect_left(starts, start) : bisect_left(starts, end)]
    if picked and picked[0].gap != HARD:
        picked[0] = _Line(picked[0].text, picked[0].start, HARD)
    return picked
