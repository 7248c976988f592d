"""Topic cue words: a small hand-written lexicon that helps the models on unseen phrasing.

Real reports name a topic with words the training sentences may not use.  When a problem or
measure sentence contains a cue of a topic (``nlp/data/topic_cues.tsv``), that topic needs only
``CUE_FACTOR`` times its tuned threshold.  A cue alone never adds a topic: the model must still
give it some weight.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..schema import TOPICS

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "topic_cues.tsv"
CUE_FACTOR = 0.5


@lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern[str]]:
    """topic -> compiled cue pattern."""
    out = {}
    for line in CUES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            topic, pattern = line.split("\t", 1)
            if topic not in TOPICS:
                raise ValueError(f"{CUES_FILE}: unknown topic {topic!r}")
            out[topic] = re.compile(pattern)
    return out


def cue_topics(text: str) -> set[str]:
    """Topics whose cue words occur in ``text``."""
    return {t for t, pattern in cues().items() if pattern.search(text)}
