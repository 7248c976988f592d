"""How concrete an admitted problem is: a score in [0, 1] from features anyone can check.

A concrete problem names *where* the gap is; a vague one only says that work "needs to be
strengthened".  The score is the sum of the weights of the features present, capped at 1:

========== ====== =====================================================================
feature    weight present when the sentence …
========== ====== =====================================================================
number     0.30   states a number with a unit, a percentage or a count (1名, 3个, 一个多月, 95%)
named      0.30   names something in quotes or title marks: a column, a system, a document
                  (“财政信息”栏目, 《审核发布制度》)
field      0.20   names a policy field or a kind of information (财政, 征地, 补贴, 行政许可, 招生,
                  身份证 …)
channel    0.20   names a channel or platform (网站, 栏目, 公众号, 政务新媒体, 热线, 公开栏 …)
detail     0.15   goes on after its headline: a second clause of at least six characters
========== ====== =====================================================================

Generic wording (有待进一步加强, 还需提高, 不够到位) earns nothing, so a sentence made only of it
scores 0.  A problem is *vague* when its score is below :data:`VAGUE_BELOW` (0.25): at most a
channel or a field or some elaboration, nothing one could check.

>>> specificity("工作力度有待进一步加强。").score
0.0
>>> s = specificity("二是部分栏目更新滞后，“财政信息”栏目在第三季度有一个多月没有更新。")
>>> s.score, s.features
(1.0, ['number', 'named', 'field', 'channel', 'detail'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

VAGUE_BELOW = 0.25
WEIGHTS: dict[str, float] = {"number": 0.30, "named": 0.30, "field": 0.20, "channel": 0.20, "detail": 0.15}

_UNIT = "名人个条件篇次场项家期天日周月年万元%％倍户批类处份张所轮"
_NUMBER = re.compile(
    rf"[0-9０-９]+(?:[.,．][0-9０-９]+)?\s*[{_UNIT}]|[0-9０-９]+\s*[%％]"
    rf"|[一两二三四五六七八九十百千]+(?:个多|多|余)?[{_UNIT}]"
)
_NAMED = re.compile(r"[“\"「『《][^”\"」』》]{2,30}[”\"」』》]")
_FIELDS = re.compile(
    "财政|预算|决算|三公|征地|征收|拆迁|规划|补贴|补助|医保|医疗|教育|就业|社保|养老|救助|住房|保障房|"
    "环境|环保|生态|安全生产|食品|药品|价格|收费|行政许可|行政处罚|行政强制|审批|招投标|招标|采购|"
    "公共资源|重大项目|重大建设项目|乡村振兴|涉农|惠农|不动产|矿产|耕地|扶贫|疫情|应急|防汛|"
    "交通|水利|统计|税收|市场监管|营商环境|人事|干部任免|规范性文件|政策文件|权责清单|办事指南|"
    "招生|入学|学区|学校|资助|奖学金|低保|殡葬|户籍|身份证|个人信息"
)
_CHANNELS = re.compile(
    "网站|门户|专栏|栏目|子站|公众号|微信|微博|政务新媒体|新媒体|客户端|APP|App|app|热线|12345|查阅点|查阅室|"
    "公开栏|公示栏|短视频|视频|发布会|公报|留言|信箱|政务服务网|平台|目录|指南"
)
_CLAUSE_SPLIT = re.compile(r"[，,；;：:。！？]")


@dataclass
class Specificity:
    score: float  # in [0, 1]
    features: list[str] = field(default_factory=list)  # names of the features present, in WEIGHTS order

    @property
    def vague(self) -> bool:
        return self.score < VAGUE_BELOW


def specificity(text: str) -> Specificity:
    """Score one sentence (see the module docstring for the features and weights)."""
    compact = "".join(text.split())
    clauses = [c for c in _CLAUSE_SPLIT.split(compact) if c]
    present = {
        "number": bool(_NUMBER.search(compact)),
        "named": bool(_NAMED.search(compact)),
        "field": bool(_FIELDS.search(compact)),
        "channel": bool(_CHANNELS.search(compact)),
        "detail": any(len(c) >= 6 for c in clauses[1:]),
    }
    features = [k for k in WEIGHTS if present[k]]
    return Specificity(round(min(1.0, sum((WEIGHTS[k] for k in features), 0.0)), 2), features)
