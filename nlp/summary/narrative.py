"""Which sentences of a report the summaries read: its sentences, its admitted problems, its measures.

Problems and measures are taken from section 五 (``problems``: 存在的主要问题及改进情况) when the
tagger found any there, since that is where the format asks for them; the sentences tagged problem
or measure elsewhere (mostly 总体情况, whose achievements read like measures) count only for a
report whose section 五 holds none, e.g. an old-format report that states its weaknesses under
another title.

>>> import nlp
>>> r = nlp.read_report("corpus/samples/township-2023.txt", tag=True)  # doctest: +SKIP
>>> len(problems(r)), len(measures(r))                                # doctest: +SKIP
(4, 4)
"""

from __future__ import annotations

from ..model import Report, Sentence


def sentences(report: Report) -> list[Sentence]:
    """The tagged sentences when the report was tagged, else its narrative split (untagged)."""
    if report.sentences is not None:
        return report.sentences
    from ..text import narrative_sentences

    return narrative_sentences(report.text, report.sections)


def _with_role(report: Report, role: str) -> list[Sentence]:
    found = [s for s in report.sentences or [] if s.role == role and not s.is_heading]
    in_section = [s for s in found if s.section == "problems"]
    return in_section or found


def problems(report: Report) -> list[Sentence]:
    """The problems the report admits (empty when it was not tagged)."""
    return _with_role(report, "problem")


def measures(report: Report) -> list[Sentence]:
    """The measures the report states (empty when it was not tagged)."""
    return _with_role(report, "measure")


def names(report: Report) -> list[str]:
    """The body's own names, removed before comparing wording: agency and places."""
    return [n for n in [report.meta.agency, *report.meta.places] if n]


def one_line(text: str) -> str:
    """A sentence on one line (PDF line breaks and runs of spaces removed)."""
    return " ".join(text.split())
