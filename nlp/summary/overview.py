"""An extractive summary of 总体情况: the few sentences that carry the year's main facts.

Each sentence of the overview section (headings excluded) gets a score:

* +1 per figure it states (a number with a unit: 186条, 7件, 6篇, 48次, 5500余条), at most 3;
* +1 when it names a key subject of the year (主动公开, 申请, 复议, 诉讼, 解读, 发布会, 培训, 巡查/检查);
* −2 for political preamble (习近平, 二十大, 决策部署, 指导思想 …), −1 when it is longer than
  150 characters (a run-on list, not a fact).

The summary keeps every sentence that states a figure, best first, up to :data:`MAX_SENTENCES`, and
fills up to :data:`MIN_SENTENCES` with the best of the rest; it is printed in reading order.

>>> import nlp
>>> r = nlp.read_report("corpus/samples/township-2023.txt")            # doctest: +SKIP
>>> [s.text[:10] for s in overview_summary(r)]                         # doctest: +SKIP
['全年主动公开政府信息1', '围绕耕地地力保护补贴、', '2023年共收到政府信', ...]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Report
from .narrative import one_line, sentences

MIN_SENTENCES = 3
MAX_SENTENCES = 5
LONG = 150

_FIGURE = re.compile(  # (not an article's number: 第二十七条, 第27条)
    r"(?<![第0-9０-９])[0-9０-９][0-9０-９,，.]*\s*(?:余|多)?\s*(?:万|亿)?(?:条|件|篇|次|场|个|人次|名|期|项|元|%|家|宗)"
    r"|(?<![第一二三四五六七八九十百千两])[一二三四五六七八九十百千两]+(?:余|多)?(?:条|件|篇|次|场|期|项)"
)
_SUBJECT = re.compile(r"主动公开|申请|复议|诉讼|解读|发布会|培训|巡查|检查|信息处理费")
_PREAMBLE = re.compile(r"习近平|二十大|十九大|决策部署|指导思想|新时代中国特色|为指导|全会精神")


@dataclass
class OverviewSentence:
    text: str
    score: float
    figures: int  # how many figures it states
    position: int  # index in the report's sentences

    def to_dict(self) -> dict:
        return {"text": self.text, "score": self.score, "figures": self.figures, "position": self.position}


def score_sentence(text: str) -> tuple[float, int]:
    """(score, number of figures) of one overview sentence, as in the module docstring."""
    compact = "".join(text.split())
    figures = len(_FIGURE.findall(compact))
    score = min(figures, 3) + (1.0 if _SUBJECT.search(compact) else 0.0)
    score -= 2.0 if _PREAMBLE.search(compact) else 0.0
    score -= 1.0 if len(compact) > LONG else 0.0
    return score, figures


def overview_summary(report: Report) -> list[OverviewSentence]:
    """The 3-5 sentences of 总体情况 that carry the year's main facts, in reading order."""
    candidates = []
    for i, s in enumerate(sentences(report)):
        if s.section != "overview" or s.is_heading:
            continue
        score, figures = score_sentence(s.text)
        candidates.append(OverviewSentence(one_line(s.text), score, figures, i))
    ranked = sorted(candidates, key=lambda c: (-c.score, c.position))
    chosen = [c for c in ranked if c.figures][:MAX_SENTENCES]
    chosen += [c for c in ranked if not c.figures][: max(0, MIN_SENTENCES - len(chosen))]
    return sorted(chosen, key=lambda c: c.position)
