"""Cell values as printed: ``"3,119"`` -> 3119, ``"９６171.6"`` -> 96171.6, blank or dash -> None."""

from __future__ import annotations

import re
from functools import lru_cache

from ..numbers import nfkc

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DASHES = re.compile(r"[-‐‑–—―~～/\\]+|无")


@lru_cache(maxsize=8192)  # the same few cell texts ("0", "", "1") recur in every table
def _clean(cell: str | None) -> str:
    """NFKC-folded text with every space removed (``\\u3000`` included)."""
    if cell is None:
        return ""
    return "".join(nfkc(cell).split())


# The tests below are cached too: a report asks them about the same few cells many times
# (every table line is split, then its rows built), and cells repeat across reports.
@lru_cache(maxsize=8192)
def is_blank(cell: str | None) -> bool:
    """True for an empty cell or one printed as a dash (not stated)."""
    text = _clean(cell)
    return not text or _DASHES.fullmatch(text) is not None


@lru_cache(maxsize=8192)
def is_number(cell: str | None) -> bool:
    """True when the cell holds one number (thousands separators allowed)."""
    text = _clean(cell)
    return _NUMBER.fullmatch(text) is not None or _THOUSANDS.fullmatch(text) is not None


@lru_cache(maxsize=8192)
def is_value(cell: str | None) -> bool:
    """True for a cell that can sit in a value column: a number, blank or a dash."""
    return is_blank(cell) or is_number(cell)


@lru_cache(maxsize=8192)
def parse_value(cell: str | None) -> int | float | None:
    """The number in a cell, int when integral; ``None`` when blank, a dash or not a number."""
    if not is_number(cell):
        return None
    number = float(_clean(cell).replace(",", ""))
    return int(number) if number.is_integer() else number
