"""What a tagger sees of a sentence: cleaned text, its tokens, and its place in the report.

Both backends consume :class:`Prepared` items, so training and inference share one preparation:
traditional characters converted, punctuation made full-width, PDF line breaks removed,
enumeration prefixes set apart, and context (the section and the heading above the sentence)
turned into marker tokens.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

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


class Prepared(NamedTuple):
    """A sentence ready for a model (an immutable record, cheap to make by the thousand).

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


# Web copies often print the punctuation of a Chinese sentence half-width (，→ , ；→ ;) and some PDFs
# give Kangxi radicals for ideographs (⼯作 for 工作): the training sentences have the usual forms.
# A comma or colon between two digits stays (1,200 件; 10:30).
_WIDE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"} | {
    chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)
}
_NARROW = re.compile(r"[,:;?!()\u2f00-\u2fd5]")  # the keys of _WIDE


def full_width(text: str) -> str:
    """``text`` with the half-width punctuation of Chinese sentences made full-width (a comma or
    colon between digits kept) and Kangxi radicals made the ideographs they stand for.

    >>> full_width("内容不够全面,更新不及时;共1,200件(含⼯作动态)")
    '内容不够全面，更新不及时；共1,200件（含工作动态）'
    """
    return _NARROW.sub(_wide, text)


def _wide(m: re.Match[str]) -> str:
    s, i = m.string, m.start()
    if s[i] in ",:" and 0 < i < len(s) - 1 and s[i - 1].isdecimal() and s[i + 1].isdecimal():
        return s[i]  # 1,200 or 10:30
    return _WIDE[s[i]]


def clean_text(text: str) -> str:
    """Simplified characters, full-width punctuation (see :func:`full_width`), no whitespace (PDF
    line breaks), no pinyin after characters (系統(tǒng), as read from a file), no enumeration prefix."""
    from ..ingest.chinese import has_traditional, to_simplified
    from ..ingest.common import drop_pinyin

    if has_traditional(text):
        text = to_simplified(text)
    text = full_width(drop_pinyin(_SPACE.sub("", text)))
    return _ENUM.sub("", text, count=1) or text


_JOIN = "\x00"  # between the texts of a batch in clean_many: neither whitespace nor in _ENUM
# _ENUM at the start of a text of a joined batch, that is after a separator (a literal prefix the
# regex engine finds fast); the batch is given a separator in front.
_ENUM_AFTER_JOIN = re.compile(_JOIN + "(?:" + _ENUM.pattern.removeprefix("^") + ")")


def clean_many(texts: list[str]) -> list[str]:
    """``[clean_text(t) for t in texts]``, faster: one pass over the texts joined by a separator.
    Whitespace runs never span it (it is no whitespace); an enumeration prefix matches at most
    once per text, just after the separator in front of it, and never spans the next one."""
    from ..ingest.chinese import has_traditional, to_simplified
    from ..ingest.common import drop_pinyin

    if not texts:
        return []
    joined = _JOIN + _JOIN.join(texts)
    if joined.count(_JOIN) != len(texts):  # a text holds the separator
        return [clean_text(t) for t in texts]
    if has_traditional(joined):
        joined = _JOIN + _JOIN.join(to_simplified(t) if has_traditional(t) else t for t in texts)
    spaced = full_width(drop_pinyin("".join(joined.split())))  # _SPACE.sub: split() cuts at the same characters
    stripped = _ENUM_AFTER_JOIN.sub(_JOIN, spaced)
    if _JOIN * 2 not in stripped and not stripped.endswith(_JOIN):  # no text is left empty
        return stripped[1:].split(_JOIN)
    # a text that is nothing but a prefix keeps it
    return [s or t for s, t in zip(stripped[1:].split(_JOIN), spaced[1:].split(_JOIN))]


def markers(section: str | None, heading: str | None) -> str:
    """Context marker tokens, e.g. ``__sec_problems __head_measure``."""
    return f"__sec_{section or NO_CONTEXT} __head_{heading_cue(heading)}"


def prepare_many(
    texts: list[str],
    sections: list[str | None] | None = None,
    headings: list[str | None] | None = None,
    backend: str = "rjieba",
) -> list[Prepared]:
    """Prepare a batch (segmented in one call, see :func:`nlp.text.segment.segmented_many`).

    ``tokens`` is ``" ".join(segment(clean) + [context])``: a clean text has no whitespace, so its
    tokens have none and :func:`~nlp.text.segment.segmented` joins them the same way."""
    from ..text.segment import segmented_many

    cleans = clean_many(texts)
    words = segmented_many(cleans, backend)
    if sections is None and headings is None:  # no context: one marker string for all
        contexts = [markers(None, None)] * len(texts)
    else:
        cache: dict[tuple[str | None, str | None], str] = {}  # most sentences share a context
        contexts = [
            cache.get(key) or cache.setdefault(key, markers(*key))
            for key in zip(sections or [None] * len(texts), headings or [None] * len(texts))
        ]
    tokens = [f"{w} {c}" if w else c for w, c in zip(words, contexts)]
    return list(map(Prepared, cleans, tokens, contexts))
