"""The tables stage: tables 2, 3 and 4 of a report as the nested dicts of ``schema``.

Grids (PDF, HTML, DOCX) are read first; a table no grid holds is read from the text, inside its
section when the sections are known, else wherever its signature labels are.

>>> tables = extract_tables(doc, sections)        # doctest: +SKIP
>>> tables.requests["new"]["total"]               # doctest: +SKIP
3119
"""

from __future__ import annotations

from ..model import Document, Section, Tables
from . import flat, grids
from .build import Built, build_proactive, build_requests, build_review

__all__ = ["TABLE_NAMES", "extract_tables"]

TABLE_NAMES: tuple[str, ...] = ("proactive", "requests", "review_litigation")


def _from_grids(name: str, fragments: list[grids.Fragment]) -> Built | None:
    if not fragments:
        return None
    if name == "proactive":
        return build_proactive(grids.proactive_rows(fragments))
    if name == "requests":
        return build_requests(grids.request_rows(fragments))
    cells = grids.review_cells(fragments)
    return build_review(*cells) if cells else None


def _from_lines(name: str, lines: list[str]) -> Built | None:
    if name == "proactive":
        return build_proactive(flat.proactive_rows(lines))
    if name == "requests":
        return build_requests(flat.request_rows(lines))
    cells = flat.review_cells(lines)
    return build_review(cells) if cells else None


def _from_text(name: str, text: str, sections: list[Section]) -> Built | None:
    for lines in flat.regions(text, sections, name):
        if built := _from_lines(name, lines):
            return built
    return None


def extract_tables(doc: Document, sections: list[Section]) -> Tables:
    """Tables 2, 3 and 4 of a document; a table not found is None, and ``missing_rows``
    lists, for each table found, the rows of the format it lacks; ``unread``, the tables printed
    but not read (see :class:`~nlp.model.Tables`)."""
    fragments = grids.split_grids(doc.grids)
    tables = Tables()
    compact: str | None = None  # the text without whitespace, made once if a table is not read
    for name in TABLE_NAMES:
        built = _from_grids(name, fragments.get(name, [])) or _from_text(name, doc.text, sections)
        if built:
            setattr(tables, name, built[0])
            tables.missing_rows[name] = built[1]
            continue
        compact = "".join(doc.text.split()) if compact is None else compact
        if flat.printed(compact, name):
            tables.unread.append(name)
        elif _without_text(doc.text, sections, name):
            tables.no_text.append(name)
    return tables


_CAPTION_MAX = 30  # characters (whitespace aside) of a section's text that is a caption at most


def _without_text(text: str, sections: list[Section], name: str) -> bool:
    """Whether the table's section is there with no text under its title but a caption without
    a number (该部分以表格形式报告。): a web copy of a page whose table was an image.  A section
    that says there is nothing (无。, 本年度未发生。) has text: the report left its table out."""
    own = [s for s in sections if s.key == name]
    if not own:
        return False
    body = "".join("".join(text[s.start : s.end].partition("\n")[2].split()) for s in own)
    return (len(body) <= _CAPTION_MAX and not any(ch.isdigit() or ch in _NONE_WORDS for ch in body)
            and "第二十条" not in body)  # (a piece of table 2's first line is no caption)


_NONE_WORDS = "无没未不"  # 无, 没有, 未发生, 不涉及: a section saying its table has nothing to hold
