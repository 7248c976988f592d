"""Numbers as printed in reports: Arabic, full-width, Chinese numerals, 万, approximations.

``parse_number("5500余条")`` -> ``(5500, True)``; ``parse_number("七十二")`` -> ``(72, False)``.

cn2an costs ~90 ms to import (measured with ``python -X importtime``), more than the whole
parse of a report, so the simple cases that reports use are converted here instead.

Full-width forms, which the stages read through: ``fold_fullwidth`` makes digits, comma and point
ASCII; ``nfkc`` is ``unicodedata.normalize("NFKC", …)``, faster on report text.

Table cells as printed (the tables stage reads them; ingest tells value cells from labels when it
rebuilds the rows of a scraped table): ``parse_value("3,119")`` -> 3119, ``"９６171.6"`` ->
96171.6, ``"减4"`` -> -4, blank or dash -> ``None``; ``is_blank``, ``is_number``, ``is_value``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_FULLWIDTH_PAIRS: tuple[tuple[str, str], ...] = tuple((chr(k), chr(v)) for k, v in FULLWIDTH.items())


def fold_fullwidth(text: str) -> str:
    """``text.translate(FULLWIDTH)``: full-width digits, comma and point made ASCII.

    ``str.translate`` looks every character up in the table (~60 ns each on CJK text); a few
    ``str.replace`` scans are about a hundred times faster.
    """
    for wide, narrow in _FULLWIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


# Characters frequent in reports whose NFKC form differs, each with its NFKD form (ASCII, which
# NFKC leaves alone).  Replacing them first does not change the NFKC of a text, and leaves most
# texts already normalised, which unicodedata tells at a glance.
_NFKC_COMMON: tuple[tuple[str, str], ...] = (
    ("，", ","), ("：", ":"), ("；", ";"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"),
    ("％", "%"), ("\u3000", " "),
)  # fmt: skip


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, some twenty times faster on a line of report
    prose (full normalisation costs ~80 ns a character once a full-width comma is in it)."""
    for wide, narrow in _NFKC_COMMON:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_CN_BIG: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "".join(_CN_BIG)

_APPROX_BEFORE = r"约|大约|近|将近|接近|逾|超过"
_APPROX_AFTER = r"余|多|左右|以上|上下"
# A number as printed, for embedding in larger patterns (apply fold_fullwidth to the text first).
NUMBER_PATTERN = (
    rf"(?:{_APPROX_BEFORE})?"
    rf"(?:\d+(?:[,，]\d{{3}}(?!\d))*(?:\.\d+)?(?:(?:余|多)?[万亿])?|[{CN_NUMERAL_CHARS}]+)"  # (20余万 too)
    rf"(?:{_APPROX_AFTER})?"
)
_NUMBER_RE = re.compile(
    rf"(?P<before>{_APPROX_BEFORE})?"
    rf"(?:(?P<arabic>\d+(?:[,，]\d{{3}}(?!\d))*(?:\.\d+)?)(?:(?P<mid>余|多)?(?P<big>[万亿]))?|(?P<cn>[{CN_NUMERAL_CHARS}]+))"
    rf"(?P<after>{_APPROX_AFTER})?"
)


@lru_cache(maxsize=1024)  # numerals are short and few: 一, 十二, 七十二 ...
def chinese_to_int(text: str) -> int | None:
    """Convert a Chinese numeral (七十二, 一百零五, 两, 二〇二四, 一万二千) to an int.

    A string of bare digits without 十/百/千/万 is read digit by digit (二〇二四 -> 2024).
    Returns None if ``text`` contains anything else.
    """
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if len(text) > 1 and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = section = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            total = ((total + section + (digit or 0)) or 1) * _CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _arabic_value(digits: str, big: str | None) -> int | float:
    """``"3,119"`` -> 3119; ``"1.2", "万"`` -> 12000; ``"96171.6"`` -> 96171.6."""
    value = Decimal(digits.replace(",", "").replace("，", ""))
    if big:
        value *= _CN_BIG[big]
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@lru_cache(maxsize=4096)  # the same few numbers recur in every report
def parse_number(text: str) -> tuple[int | float, bool] | None:
    """First number in ``text`` as ``(value, approximate)``, or None if there is none.

    Handles 3,119 / 3，119, full-width digits, decimals, 万/亿 multipliers, Chinese numerals and
    approximations (约300, 近百, 5500余, 300多, 300左右, 超过300) which set ``approximate``.
    """
    m = _NUMBER_RE.search(fold_fullwidth(text))
    if m is None:
        return None
    if m.group("arabic") is not None:
        value: int | float = _arabic_value(m.group("arabic"), m.group("big"))
    else:
        cn = chinese_to_int(m.group("cn"))
        if cn is None:
            return None
        value = cn
    return value, bool(m.group("before") or m.group("mid") or m.group("after"))


# ---- table cells ------------------------------------------------------------------------------

_NUMBERS_TAIL_RE = re.compile(r"(?:[ \u3000]+-?[\d.]+){3,}[ \u3000]*$")


def ends_in_numbers(line: str) -> bool:
    """True for a line (no line break) ending in three or more numbers after spaces: a row of a
    table in PDF text (行政许可 0 0 0)."""
    return (" " in line or "\u3000" in line) and _NUMBERS_TAIL_RE.search(line) is not None


# A sign may be written as a word, in table 2's 本年增/减 column: 减4 is -4, 增3 is 3.
_CELL_NUMBER = re.compile(r"[+\-增减]?\d+(?:\.\d+)?")
_CELL_THOUSANDS = re.compile(r"[+\-增减]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CELL_SIGN_WORDS = str.maketrans({"增": "+", "减": "-"})
_CELL_DASHES = re.compile(r"[-‐‑–—―~～/\\]+|无")


@lru_cache(maxsize=8192)  # the same few cell texts ("0", "", "1") recur in every table
def _clean_cell(cell: str | None) -> str:
    """NFKC-folded text with every space removed (``\\u3000`` included), and without the question
    marks a wrong decoding left for a non-breaking space before a number (``? 0``: ``&nbsp;0``)."""
    if cell is None:
        return ""
    text = "".join(nfkc(cell).split())
    return _JUNK_BEFORE_NUMBER.sub("", text) if text[:1] in "?\ufffd" else text


_JUNK_BEFORE_NUMBER = re.compile("^[?\ufffd]+(?=[\\d.])")


# The tests below are cached too: a report asks them about the same few cells many times
# (every table line is split, then its rows built), and cells repeat across reports.
@lru_cache(maxsize=8192)
def is_blank(cell: str | None) -> bool:
    """True for an empty cell or one printed as a dash (not stated)."""
    text = _clean_cell(cell)
    return not text or _CELL_DASHES.fullmatch(text) is not None


@lru_cache(maxsize=8192)
def is_number(cell: str | None) -> bool:
    """True when the cell holds one number (thousands separators allowed; an amount with its unit,
    160.5964万元 or 152790元, in a column of amounts, which the format counts in 万元)."""
    text = _amount(_clean_cell(cell))[0]
    return _CELL_NUMBER.fullmatch(text) is not None or _CELL_THOUSANDS.fullmatch(text) is not None


@lru_cache(maxsize=8192)
def is_value(cell: str | None) -> bool:
    """True for a cell that can sit in a value column: a number, blank or a dash."""
    return is_blank(cell) or is_number(cell)


@lru_cache(maxsize=8192)
def parse_value(cell: str | None) -> int | float | None:
    """The number in a cell, int when integral; ``None`` when blank, a dash or not a number."""
    if not is_number(cell):
        return None
    text, scale = _amount(_clean_cell(cell))
    number = float(text.replace(",", "").translate(_CELL_SIGN_WORDS)) * scale
    if scale != 1:  # 152790元 = 15.279 (万元): rounded off the float's noise
        number = round(number, 6)
    return int(number) if number.is_integer() else number


def _amount(text: str) -> tuple[str, float]:
    """(the number's text, the factor to 万元) of a cell: 160.5964万元 -> ("160.5964", 1);
    152790元 -> ("152790", 0.0001); other cells as they are, factor 1."""
    if text.endswith("万元"):
        return text[:-2], 1
    if text.endswith("元") and len(text) > 1:
        return text[:-1], 0.0001
    return text, 1
