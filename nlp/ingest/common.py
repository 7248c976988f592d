"""Helpers shared by the ingest readers: file checks, text normalisation, tables as text.

Only the standard library is imported here, so that reading a .txt stays cheap.
"""

from __future__ import annotations

import math
import os
import re
import stat
from operator import itemgetter
from pathlib import Path

from ..errors import ReportError

MAX_BYTES = 64 * 1024 * 1024  # any file (a PDF or Word file may carry large images)
MAX_MARKUP_BYTES = 16 * 1024 * 1024  # an HTML page, or the XML of a Word file: a report's is a few MB
MAX_CHARS = 2_000_000  # of text read from any file: a report has tens of thousands, a long one 300,000

Cells = list[list[str | None]]

_TRAILING_SPACE = re.compile(r"[^\S\t\n]+$", re.MULTILINE)  # trailing spaces, tabs kept
_BLANK_RUN = re.compile(r"\n{3,}")
# Pinyin some sites print after a character, in brackets: 鎮(zhèn), 報(bào).  A syllable of
# lower-case letters with a tone mark; removed only after a Chinese character (see drop_pinyin).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = re.compile(f"[(（] ?(?=[a-zü]{{0,5}}[{_TONED}])[a-zü{_TONED}]{{1,6}} ?[)）]")  # (huì ) too
_LAST = slice(-1, None)  # the last character of a line, if any
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9.,;:!?)%]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9(]")


_CONTROL = {c: f"\\x{c:02x}" for c in range(32)}  # newlines, tabs ... as \x0a, \x09 in names


def display_path(path: str | Path) -> str:
    """A path as messages and outputs show it: printable UTF-8 on one line.  A byte of the file
    name that is not UTF-8 (kept by Python as a lone surrogate) is shown as ``\\xff``, and so is a
    control character (a newline in a name would break a one-line message).

    >>> display_path("a\\nb.txt"), display_path(b"bad-\\xff.txt".decode("utf-8", "surrogateescape"))
    ('a\\\\x0ab.txt', 'bad-\\\\xff.txt')
    """
    text = str(path)
    if text.isprintable():  # the common case: nothing to escape
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text.translate(_CONTROL)


def stat_regular(path: str | Path, source: str) -> os.stat_result:
    """``os.stat`` of a regular file (symlinks followed); ReportError if it is missing or not a
    regular file (a folder, a pipe, a device: never opened, since reading one may never end)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReportError(source, "file not found") from None
    except (OSError, ValueError) as exc:  # a symlink loop, a name too long, no permission ...
        raise ReportError(source, f"cannot read the file: {getattr(exc, 'strerror', None) or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReportError(source, "not a regular file (a folder: for the reports in a folder use "
                                  "`summarize FOLDER`, `govreport tag`, or corpus_frame in Python)")
    if not stat.S_ISREG(info.st_mode):
        raise ReportError(source, "not a regular file (a pipe, socket or device)")
    return info


def read_bytes(path: Path, source: str) -> bytes:
    """The bytes of ``path``; ReportError if it is missing, not a regular file
    (:func:`stat_regular`), too large or empty."""
    info = stat_regular(path, source)
    try:
        size = info.st_size
        if size > MAX_BYTES:
            raise ReportError(
                source, f"file too large: {math.ceil(size / 2**20)} MB, limit {MAX_BYTES // 2**20} MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(source, f"cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ReportError(source, "empty file")
    return data


def is_cjk(char: str) -> bool:
    """A Chinese character (CJK unified ideographs, extensions, compatibility ideographs)."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def normalize_text(text: str) -> str:
    """Unify newlines, drop BOM and NUL, strip trailing spaces, collapse runs of blank lines,
    drop the pinyin some sites print after characters (鎮(zhèn)) and the file names of images at
    the start of a line (捕获2.PNG)."""
    if "\r" in text:  # (a test is cheaper than a replace that finds nothing)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufeff" in text or "\x00" in text:
        text = text.replace("\ufeff", "").replace("\x00", "")
    if _has_trailing_space(text):
        text = _TRAILING_SPACE.sub("", text)
    if _IMAGE_EXT_RE.search(text):
        text = _IMAGE_NAMES_RE.sub("", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return drop_pinyin(text).strip("\n")


# The file names of images a copy printed where they stood (捕获2.PNG, 全国什么时候入春.jpg), at the
# start of a line, one or more: dropped (a table shown as an image leaves its section empty).
_IMAGE_EXT = r"\.(?:png|jpe?g|gif|bmp|webp)"
_IMAGE_EXT_RE = re.compile(_IMAGE_EXT, re.IGNORECASE)
_IMAGE_NAMES_RE = re.compile(rf"^[ \t]*(?:[^\s。，,；;：:/\\|]{{1,40}}?{_IMAGE_EXT})+(?![A-Za-z])[ \t]*", re.IGNORECASE | re.MULTILINE)


def drop_pinyin(text: str) -> str:
    """``text`` without the pinyin some sites print after characters: 下管鎮(zhèn) -> 下管鎮."""
    if _PINYIN_RE.search(text) is None:
        return text
    return _PINYIN_RE.sub(lambda m: "" if m.start() and is_cjk(text[m.start() - 1]) else m.group(), text)


def _has_trailing_space(text: str) -> bool:
    """True when a line ends in whitespace other than a tab (what ``_TRAILING_SPACE`` removes).

    The regex tries every position of the text; the last characters of the lines are few."""
    ends = "".join(map(itemgetter(_LAST), text.split("\n"))).replace("\t", "")
    return any(map(str.isspace, ends))


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of a wrapped line: no space between CJK, one space between ASCII words."""
    left, right = left.rstrip(), right.lstrip()
    if _ASCII_WORD_END.search(left) and _ASCII_WORD_START.match(right):
        return f"{left} {right}"
    return left + right


def one_line(cell: str | None) -> str:
    """A cell's text on one line (its inner line breaks re-joined), for tab-separated rows."""
    if not cell:
        return ""
    line = ""
    for part in cell.split("\n"):
        line = join_wrapped(line, part) if line else part.strip()
    return line.replace("\t", " ")


def grid_lines(rows: Cells) -> list[str]:
    """A table as tab-separated lines, one per row; covered positions are empty fields."""
    return ["\t".join(one_line(cell) for cell in row) for row in rows]


def pad_rows(rows: Cells) -> Cells:
    """Make every row as long as the longest one, padding with empty cells."""
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def short_reason(exc: BaseException, limit: int = 160) -> str:
    """A library exception as a short one-line reason."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
