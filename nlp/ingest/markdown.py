"""Markdown files and pipe-delimited tables: plain text with tab-separated table rows.

Reports saved from a web page as Markdown, or copied as text from a page that draws its tables
with ``|``, carry their tables as rows of cells between pipes::

    | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    |---|---|---|---|
    | 规章 | 0 | 0 | 0 |
    行政许可 | 0 |

The table stage reads tab-separated rows (the form a web copy usually takes), so
:func:`pipe_rows_to_tabs` rewrites such a line as its cells joined by tabs, blank cells kept
(a blank cell is not a zero), and drops rule rows (``|---|:--:|``) and rows of pipes alone.  A
line is a row when it holds two pipes or more, or one at its start or end; a narrative line with
one pipe inside (``网址：… | 电话：…``) is left alone.  Whether a pipe at the start or end of a
row is a border or the edge of an empty cell is decided for the whole table.  ASCII ``|`` and
full-width ``｜`` both count.  Every document goes through it (:func:`nlp.ingest._finish`).

Pages scraped with a tool that writes each table cell on a line of its own, followed by a pipe
(and by more pipes where the cell spans columns), and an empty cell as a pipe alone, lose the
rows: nothing marks where one ends (a pipe alone may open a row or be an empty cell)::

    |
    行政规范性文件 |
    5 |
    |
    8 |

Other scrapers put the pipe after each cell on a line of its own (an empty cell is a pipe alone,
or a blank line then a pipe; a cell's words may wrap onto a second short line, 商业 / 企业)::

    行政规范性文件
    |
    5
    |
    |

In a text with six such pipes or more, each run of such cells (six or more, or two or more with
a number among them: a line of text without its pipe, such as a group label, may cut a table into
runs) is first rewritten as one ``cell |`` line per cell (:func:`_pipes_on_lines_of_their_own`),
and then read as above.

In such a table (every line one cell at most, some cell a number), a cell of words opens a row
and the value cells after it (numbers, blanks, dashes: :func:`nlp.numbers.is_value`) are its
cells, so the row above reads ``行政规范性文件\t5\t\t8`` and blank cells stay blank.  A pipe
alone that opened a row becomes a blank cell at the end of the row before, which the table stage
drops as padding.  A row of one cell keeps a tab after it (a header cell is no narrative), unless
the cell is prose: a sentence, or a paragraph of a page laid out in table cells.

:func:`markdown_to_text` removes the marks of Markdown that are not text, for a ``.md`` file:
heading marks (``## 一、总体情况``), block quotes, bold (``**（一）主动公开**``), links (their
text is kept) and images.

>>> pipe_rows_to_tabs("| 规章 | 0 |  |\\n|---|---|---|\\n说明：网址 | 电话")
'规章\\t0\\t\\n说明：网址 | 电话'
>>> markdown_to_text("## 一、总体情况\\n**（一）主动公开**\\n见[门户网站](http://example.org)。")
'一、总体情况\\n（一）主动公开\\n见门户网站。'
"""

from __future__ import annotations

import re

from ..numbers import is_number, is_value

PIPES = "|｜"
_PIPE = re.compile(f"[{PIPES}]")
_RULE_ROW = re.compile(f"[{PIPES}:：\\-—–=+\\s]*")  # a Markdown rule row, or pipes with nothing between
_HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_QUOTE_MARK = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_SENTENCE_END = re.compile("[。；！？!?]")
_MAX_LABEL = 60  # characters: the longest label of the standard tables has some 40


def pipe_rows_to_tabs(text: str) -> str:
    """``text`` with every pipe-delimited table row as tab-separated cells (see the module doc).

    A pipe at the start (end) of a row is a border when every row of its table (a run of rows
    without a blank line) has one there, as in Markdown (at the end: all but a last row cut
    off, :func:`_border_after`); otherwise it closes an empty first
    (opens an empty last) cell, as in copies that draw only the pipes between cells."""
    if "|" not in text and "｜" not in text:
        return text
    lines = _pipes_on_lines_of_their_own(_without_blanks_between_cells(text.split("\n")))
    rows = [_is_row(line.strip()) for line in lines]
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not rows[i]:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and rows[j]:
            j += 1
        block = [line.strip() for line in lines[i:j]]
        if _cell_per_line(block):
            out += _rebuilt_rows(block)
            i = j
            continue
        cells = [row for row in block if not _RULE_ROW.fullmatch(row)]
        lead = all(row[0] in PIPES for row in cells)
        trail = _border_after(cells)
        for row in cells:
            row = row[1 if lead else 0 : -1 if trail and row[-1] in PIPES else None]
            out.append("\t".join(cell.strip() for cell in _PIPE.split(row)))
        i = j
    return "\n".join(out)


def _border_after(rows: list[str]) -> bool:
    """Whether the pipe ending a table's rows is a border: every row ends in one, or every row
    but the last of three or more (a page cut off within its last row, ``| | 6.属于四``).  A copy
    that draws only the pipes between cells ends a row in one only after an empty last cell."""
    return all(row[-1] in PIPES for row in rows[:-1]) and (len(rows) > 2 or rows[-1][-1] in PIPES)


_MIN_RUN = 6  # pipes alone in a text, and cells of a run without a number (see the module doc)


def _one_cell(line: str) -> bool:
    """A line of one cell and its pipe (``规章 |``), or a pipe alone."""
    text = line.strip()
    return bool(text) and text[-1] in PIPES and sum(map(text.count, PIPES)) == 1


def _without_blanks_between_cells(lines: list[str]) -> list[str]:
    """``lines`` without the blank lines some copies print between the cells of a table laid out
    one cell a line (``|`` / ``规章 |`` / blank / ``0 |`` / blank / …): a blank line between two
    such lines, each one cell and its pipe or a pipe alone, goes."""
    if sum(map(_one_cell, lines)) < _MIN_RUN:
        return lines
    keep = [True] * len(lines)
    last = None  # the last non-blank line before the blank ones
    for i, line in enumerate(lines):
        if line.strip():
            if last is not None and i > last + 1 and _one_cell(lines[last]) and _one_cell(line):
                keep[last + 1 : i] = [False] * (i - last - 1)
            last = i
    return [line for line, kept in zip(lines, keep) if kept]
_MAX_WRAPPED = 8  # characters of each line of a cell that wraps onto more lines (商业 / 企业)


def _pipes_on_lines_of_their_own(lines: list[str]) -> list[str]:
    """``lines`` with each run of cells whose pipes stand on lines of their own (see the module
    doc) rewritten as one ``cell |`` line per cell (``|`` for an empty cell)."""
    if sum(map(_is_lone_pipe, lines)) < _MIN_RUN:
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        end, cells = _pipe_run(lines, i)
        if len(cells) >= _MIN_RUN or (len(cells) >= 2 and any(map(is_number, cells))):
            out += [f"{cell} |" if cell else "|" for cell in cells]
        else:
            out += lines[i:end]
        i = end
    return out


def _pipe_run(lines: list[str], i: int) -> tuple[int, list[str]]:
    """(where it ends, its cells) of the run of cells with their pipes on lines of their own that
    starts at line ``i``: a pipe alone (an empty cell), a blank line then a pipe alone (another),
    or one line of text without pipes, or a few short ones (a wrapped cell), then a pipe alone.
    At least one line is taken, so that the caller moves on."""
    cells: list[str] = []
    while i < len(lines):
        if _is_lone_pipe(lines[i]):
            cells.append("")
            i += 1
            continue
        if not lines[i].strip() and cells and i + 1 < len(lines) and _is_lone_pipe(lines[i + 1]):
            cells.append("")
            i += 2
            continue
        words, j = [], i
        while j < len(lines) and (text := lines[j].strip()) and not _PIPE.search(text) and len(words) < 3:
            words.append(text)
            j += 1
        piped = j < len(lines) and _is_lone_pipe(lines[j])
        if not piped or (len(words) > 1 and max(map(len, words)) > _MAX_WRAPPED):
            break
        cells.append("".join(words))
        i = j + 1
    return (i if cells else i + 1), cells


def _is_lone_pipe(line: str) -> bool:
    line = line.strip()
    return len(line) == 1 and line in PIPES


def _is_row(line: str) -> bool:
    """Two pipes or more, or one at the start or the end: a table row (or a rule row)."""
    pipes = len(_PIPE.findall(line))
    return pipes >= 2 or (pipes == 1 and (line[0] in PIPES or line[-1] in PIPES))


def _cell_per_line(block: list[str]) -> bool:
    """A scraped table of one cell per line (see the module doc): no line starts with a pipe
    unless it holds pipes alone, none holds two cells of text, and some cell holds a number.  (A
    Markdown table's rows start with a pipe; rows drawn with pipes between cells hold two cells
    or more; a page laid out in a table of one column holds paragraphs, not numbers.)"""
    firsts = []  # the cell of each line
    for line in block:
        if _only_pipes(line):
            continue
        cells = _PIPE.split(line)
        if line[0] in PIPES or sum(1 for cell in cells if cell.strip()) > 1:
            return False
        firsts.append(cells[0])
    return any(map(is_number, firsts))


def _only_pipes(line: str) -> bool:
    """A pipe alone (an empty cell), or several (``||||``, ``| ||``: the columns the cell before
    spans, or padding after a row's last cell)."""
    return bool(line) and not line.strip(PIPES + " \t\u3000")


def _pipes(line: str) -> int:
    return sum(map(line.count, PIPES))


def _rebuilt_rows(block: list[str]) -> list[str]:
    """The rows of a one-cell-per-line table as tab-separated lines: a cell of words opens a
    row, value cells join it (see the module doc); a line of several pipes alone adds no cell
    (it spans the cell before, or pads the row: the row's last value is no blank)."""
    rows: list[list[str]] = []
    for line in block:
        cell = _PIPE.split(line)[0].strip()
        if not rows and not cell:  # a pipe alone opening the table's first row
            continue
        if _only_pipes(line) and _pipes(line) > 1:
            continue
        if rows and is_value(cell):
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [_row_line(row) for row in rows]


def _row_line(row: list[str]) -> str:
    """A rebuilt row as a line.  A row of one cell (a header cell, a label without values) keeps
    a tab after it: the later stages know table rows by their tabs, and must not read its words
    as narrative.  A cell of prose stays a line of text: a sentence, or a paragraph of a page laid
    out in table cells (longer than any label of the standard tables)."""
    if len(row) > 1:
        return "\t".join(row)
    cell = row[0]
    return cell if len(cell) > _MAX_LABEL or _SENTENCE_END.search(cell) else cell + "\t"


def markdown_to_text(text: str) -> str:
    """The text of a Markdown report without its marks (its tables stay pipe-drawn: see
    :func:`pipe_rows_to_tabs`)."""
    text = _HEADING_MARK.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    return text
