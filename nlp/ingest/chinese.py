"""Traditional -> simplified Chinese.

A cheap check (common characters that exist only in traditional script) decides whether OpenCC
is worth loading at all; OpenCC ``t2s`` then confirms by the share of characters it changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from .common import is_cjk

# Frequent characters whose simplified form differs; none of them occurs in simplified text.
_TRADITIONAL_ONLY = frozenset(
    "們這個國為與會說開關門長東應時對發學問題來後當從還經歷實際報號區縣鄉鎮辦務網資訊"
    "處於條議員機構體規劃權責審計級點數據總統專項價費進選舉請導結論義類紀錄證書廳衛準"
    "產業農將變動態聯繫織決環節圍標屬執負擔視"
)
_MIN_HITS = 3  # traditional-only characters needed before OpenCC is consulted
_MIN_CHANGED_SHARE = 0.05  # share of CJK characters t2s must change to call the text traditional


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


_TRADITIONAL_RE = re.compile(f"[{''.join(sorted(_TRADITIONAL_ONLY))}]")


def has_traditional(text: str) -> bool:
    """True if ``text`` holds any frequent traditional-only character (cheap, no OpenCC)."""
    return _TRADITIONAL_RE.search(text) is not None


def to_simplified(text: str) -> str:
    """OpenCC ``t2s`` of ``text`` (for short texts, where the share test of
    :func:`simplifier` says little)."""
    return _converter()(text)


def simplifier(text: str) -> Callable[[str], str] | None:
    """The t2s converter if ``text`` is in traditional characters, else None."""
    if len(_TRADITIONAL_RE.findall(text)) < _MIN_HITS:
        return None
    convert = _converter()
    counts = Counter(char for char in text if is_cjk(char))
    changed = sum(n for char, n in counts.items() if convert(char) != char)
    total = sum(counts.values())
    return convert if changed >= _MIN_CHANGED_SHARE * total else None
