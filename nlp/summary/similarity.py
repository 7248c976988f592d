"""Text similarity for the summaries: plain Python, no model, no scikit-learn.

Every comparison in ``nlp.summary`` (problem → measure coverage, year-over-year repeats, clusters of
boilerplate across bodies) goes through :func:`normalise` and :func:`similarity`:

* :func:`normalise` drops what differs between two copies of the same sentence without changing
  what it says: whitespace and punctuation, an enumeration prefix (一是, （二）, 3.), self-references
  (我镇, 我局, 本机关, 我市 …), the body's own place names when given, and it turns every number into
  ``#`` (so 1名 and 2名 are the same wording).
* :func:`similarity` is the Jaccard index of the sets of character bigrams of the normalised texts:
  ``|A ∩ B| / |A ∪ B|``, 1.0 for identical wording, 0.0 for no shared bigram.

>>> similarity("一是我镇工作人员业务能力有待提高。", "（二）我局工作人员业务能力有待提高")
1.0
>>> similarity("政策解读形式单一", "政策解读形式较为单一")
0.6
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..numbers import nfkc

# Self-references: "our town / this organ" in every spelling the reports use.
_SELF = re.compile(
    r"(?:我|本)(?:省|市|州|盟|县|区|旗|镇|乡|街道|办事处|局|委|办|厅|院|中心|站|所|机关|单位|部门|政府)"
    r"|该(?:局|委|办|机关|单位|部门)"
)
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]?|[（(][一二三四五六七八九十\d]+[）)]"
    r"|[一二三四五六七八九十]+[、.．]|\d+[、.．)）](?!\d))"
)
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?|[〇零一二两三四五六七八九十百千万]+(?=[名人个条件篇次场项家期天日月年])")


def normalise(text: str, names: Iterable[str] = ()) -> str:
    """The wording of a sentence, without what varies between copies of it.

    ``names``: the body's own names (agency, places) to remove as well.

    >>> normalise("一是 我镇 政务公开栏目更新不及时，3个栏目超过1月未更新。")
    '政务公开栏目更新不及时#个栏目超过#月未更新'
    """
    text = nfkc(text)
    text = "".join(text.split())
    text = _ENUM.sub("", text, count=1)
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, "")
    text = _SELF.sub("", text)
    text = _NUMBER.sub("#", text)
    return "".join(ch for ch in text if ch == "#" or unicodedata.category(ch)[0] in "LN")


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of an already normalised text (a one-character text is its own gram)."""
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """``|a ∩ b| / |a ∪ b|`` (0.0 when both are empty)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: str, b: str, names: Iterable[str] = ()) -> float:
    """Character-bigram Jaccard similarity of two sentences after :func:`normalise`."""
    names = tuple(names)
    return jaccard(bigrams(normalise(a, names)), bigrams(normalise(b, names)))


# Words that say nothing about *what* a measure is: verbs of intent and the name of the work itself.
GENERIC_WORDS = frozenset(
    """加强 进一步 继续 持续 不断 切实 全面 着力 积极 努力 认真 扎实 深入 推进 推动 提升 提高 完善 健全 建立
    强化 做好 抓好 落实 重点 工作 政务公开 政府信息公开 信息公开 公开 信息 政府 政务 情况 问题 方面 相关 有关
    水平 能力 质量 力度 机制 制度 方式 形式 要求 规定 进行 开展 实现 确保 保障 按照 围绕 结合 针对 下一步 今年
    明年 将 上述 以下 各项 有效 及时 规范 管理 服务 我们 同时 一是 二是 三是 四是 五是 六是 主要 存在 仍 需 还
    有待 不够 不足 较为 比较 个别 部分 一些 一定 群众 采用 通过 实行 明确 组织 定期""".split()
)


def key_words(text: str) -> list[str]:
    """Content words of a sentence: segmented, stop words, generic words, numbers and one-character
    tokens removed, first occurrence order.

    >>> key_words("三是丰富政策解读形式，采用图表和方言音频等方式进行解读。")
    ['丰富', '政策解读', '图表', '方言', '音频', '解读']
    """
    from ..text import remove_stopwords, segment

    seen: dict[str, None] = {}
    for token in remove_stopwords(segment(normalise(text))):
        if len(token) > 1 and token not in GENERIC_WORDS and "#" not in token:
            seen.setdefault(token, None)
    return list(seen)
