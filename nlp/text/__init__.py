"""Text stage: sentence splitting and word segmentation for the narrative of a report.

Importing ``nlp.text`` is cheap: jieba / rjieba and the domain dictionary are loaded on the first
call to :func:`segment`.  (The submodules are imported here, eagerly, so that the name ``segment``
is the function, not the module ``nlp.text.segment``.)
"""

from __future__ import annotations

from .segment import remove_stopwords, segment, segment_many, segmented
from .sentences import narrative_sentences, split_sentences

__all__ = ["segment", "segment_many", "segmented", "remove_stopwords", "split_sentences", "narrative_sentences"]
