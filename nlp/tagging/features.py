"""What a tagger sees of a sentence: cleaned text, its tokens, and its place in the report.

Both backends consume :class:`Prepared` items, so training and inference share one preparation:
traditional characters converted, PDF line breaks removed, enumeration prefixes set apart, and
context (the section and the heading above the sentence) turned into marker tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Role cue carried by a heading: "（一）存在的主要问题" -> problem, "改进措施" -> measure.
_PROBLEM_HEADING = re.compile(r"问题|不足|差距|短板|薄弱")
_MEASURE_HEADING = re.compile(r"措施|改进|打算|计划|下一步|思路|安排|方向|整改")
_BOTH_HEADING = re.compile(r"问题.{0,6}(改进|措施)|(存在的|主要)问题和|问题及")
_SPACE = re.compile(r"\s+")
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]?|[（(][一二三四五六七八九十\d]+[）)]"
    r"|[一二三四五六七八九十]+[、.．]|\d+[、.．)）](?!\d))\s*"
)

NO_CONTEXT = "none"


@dataclass(frozen=True)
class Prepared:
    """A sentence ready for a model.

    ``clean``: text without whitespace and enumeration prefix; ``tokens``: segmented clean text
    joined by single spaces, followed by context markers (``__sec_problems __head_measure``).
    """

    clean: str
    tokens: str
    context: str = ""  # the marker tokens alone


def heading_cue(heading: str | None) -> str:
    """The role a heading announces for what follows: problem, measure, both or none."""
    if not heading:
        return NO_CONTEXT
    if _BOTH_HEADING.search(heading):
        return "both"
    if _PROBLEM_HEADING.search(heading):
        return "problem"
    if _MEASURE_HEADING.search(heading):
        return "measure"
    return NO_CONTEXT


def clean_text(text: str) -> str:
    """Simplified characters, no whitespace (PDF line breaks), no enumeration prefix."""
    from ..ingest.chinese import has_traditional, to_simplified

    if has_traditional(text):
        text = to_simplified(text)
    text = _SPACE.sub("", text)
    return _ENUM.sub("", text, count=1) or text


def markers(section: str | None, heading: str | None) -> str:
    """Context marker tokens, e.g. ``__sec_problems __head_measure``."""
    return f"__sec_{section or NO_CONTEXT} __head_{heading_cue(heading)}"


def prepare(
    text: str,
    section: str | None = None,
    heading: str | None = None,
    backend: str = "rjieba",
) -> Prepared:
    """Prepare one sentence; ``section`` and ``heading`` are optional context."""
    return prepare_many([text], [section], [heading], backend)[0]


def prepare_many(
    texts: list[str],
    sections: list[str | None] | None = None,
    headings: list[str | None] | None = None,
    backend: str = "rjieba",
) -> list[Prepared]:
    """Prepare a batch (segmented in one call, see :func:`nlp.text.segment_many`)."""
    from ..text import segment_many

    n = len(texts)
    sections = sections or [None] * n
    headings = headings or [None] * n
    cleans = [clean_text(t) for t in texts]
    out = []
    for clean, tokens, section, heading in zip(cleans, segment_many(cleans, backend), sections, headings):
        context = markers(section, heading)
        out.append(Prepared(clean=clean, tokens=" ".join(tokens + [context]), context=context))
    return out
