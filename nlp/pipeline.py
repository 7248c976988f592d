"""The pipeline: one file (or text) in, one :class:`~nlp.model.Report` out.

Stages, each in its own module, with plain data between them::

    ingest.read_document(path)            -> Document
    sections.find_sections(text)          -> list[Section]
    meta.extract_meta(doc, sections)      -> Meta
    tables.extract_tables(doc, sections)  -> Tables
    figures.extract_figures(text, sections, year) -> dict[str, Figure]
    checks.run_checks(...)                -> list[Check]
    checks.derive_metrics(tables, figures) -> dict[str, Metric]
"""

from __future__ import annotations

from pathlib import Path

from . import checks, figures, meta, sections, tables
from .errors import ReportError
from .ingest import document_from_text, read_document
from .model import Document, Report


def read_report(path: str | Path, tag: bool = False, backend: str | None = None) -> Report:
    """Read one report file (.txt .md .html .htm .pdf .docx) into a :class:`Report`.

    With ``tag=True`` (or a ``backend`` named) the narrative sentences are split and tagged
    (problem / measure / other and topics) with that backend (default: the shipped default).
    Raises :class:`~nlp.errors.ReportError` (one line: path and problem) for bad input.  For many
    reports, see :func:`nlp.corpus_frame` and :func:`nlp.summarize_corpus`.

    >>> report = read_report("corpus/samples/township-2023.txt")  # doctest: +SKIP
    >>> report.to_dict()["meta"]["level"]                        # doctest: +SKIP
    'township'
    """
    report = build_report(read_document(path))
    return tag_report(report, backend) if tag or backend else report


def parse_report(text: str, source: str | None = None, tag: bool = False, backend: str | None = None) -> Report:
    """Parse the text of a report (already decoded) into a :class:`Report`; ``tag`` and
    ``backend`` as in :func:`read_report`.  To read a file, use :func:`read_report`."""
    if not isinstance(text, str):
        raise TypeError(f"parse_report takes the text of a report, not {type(text).__name__}; "
                        "to read a file use read_report(path)")
    report = build_report(document_from_text(text, source=source))
    return tag_report(report, backend) if tag or backend else report


def tag_report(report: Report, backend: str | None = None) -> Report:
    """Split the narrative into sentences and tag each; sets ``report.sentences``."""
    return tag_reports([report], backend)[0]


def tag_reports(reports: list[Report], backend: str | None = None) -> list[Report]:
    """:func:`tag_report` on each report, with one call to the tagger for all their sentences
    (cheaper per report than a call each; every sentence is tagged on its own, so the tags are
    the same).  Sets ``sentences`` on every report once all are tagged."""
    from .tagging import tag_sentences
    from .text import narrative_sentences

    split = [narrative_sentences(report.text, report.sections) for report in reports]
    tagged = tag_sentences([sentence for group in split for sentence in group], backend)
    start = 0
    for report, group in zip(reports, split):
        report.sentences = tagged[start : start + len(group)]
        start += len(group)
    return reports


def build_report(doc: Document) -> Report:
    """Run every stage after ingest on a :class:`Document`."""
    found = sections.find_sections(doc.text)
    info = meta.extract_meta(doc, found)
    figs = figures.extract_figures(doc.text, found, info.year)
    # Without a section of the format, a report still names itself (政府信息公开…年度报告) and
    # gives a figure of its year (主动公开…条).  A page that only names such a report (a list of
    # links, a news item) gives none.
    if not found and not (sections.looks_like_report(doc.text) and figs):
        raise ReportError(
            doc.source,
            "not a government information disclosure annual report "
            "(no section of the format, and no 政府信息公开 title with a figure of the year's work)",
        )
    tabs = tables.extract_tables(doc, found)
    results = checks.run_checks(info, found, tabs, figs, doc.text)
    metrics = checks.derive_metrics(tabs, figs)
    return Report(
        meta=info,
        sections=found,
        missing_sections=sections.missing_sections(found, info.format),
        tables=tabs,
        figures=figs,
        checks=results,
        metrics=metrics,
        text=doc.text,
        source=doc.source,
    )
