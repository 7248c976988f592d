"""Traditional -> simplified Chinese.

A cheap check (common characters that exist only in traditional script) decides whether OpenCC
is worth loading at all; OpenCC ``t2s`` then confirms by the share of characters it changes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

# Frequent characters whose simplified form differs; none of them occurs in simplified text.
_TRADITIONAL_ONLY = frozenset(
    "們這個國為與會說開關門長東應時對發學問題來後當從還經歷實際報號區縣鄉鎮辦務網資訊"
    "處於條議員機關構體規劃權責審計級點數據總統縣區專項價費進選舉請導結論義務類紀錄"
    "證書廳衛準產業農業將對變動態聯繫織決環節圍標準屬統計項執據書負擔視"
)
_MIN_HITS = 3  # traditional-only characters needed before OpenCC is consulted
_MIN_CHANGED_SHARE = 0.05  # share of CJK characters t2s must change to call the text traditional


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def simplifier(text: str) -> Callable[[str], str] | None:
    """The t2s converter if ``text`` is in traditional characters, else None."""
    if sum(1 for char in text if char in _TRADITIONAL_ONLY) < _MIN_HITS:
        return None
    convert = _converter()
    converted = convert(text)
    cjk = sum(1 for char in text if _is_cjk(char))
    if len(converted) == len(text):
        changed = sum(1 for a, b in zip(text, converted) if a != b)
    else:  # a phrase conversion changed the length: count distinct characters instead
        changed = sum(1 for char in text if _is_cjk(char) and convert(char) != char)
    return convert if cjk and changed / cjk >= _MIN_CHANGED_SHARE else None
