"""govreport-nlp: read Chinese government information disclosure annual reports.

>>> import nlp
>>> report = nlp.read_report("corpus/samples/township-2023.txt")   # doctest: +SKIP
>>> report.meta.year, len(report.failed_checks)                      # doctest: +SKIP
(2023, 0)

Heavy libraries (spaCy, scikit-learn) are imported only by the functions that need them.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "read_report",
    "parse_report",
    "tag_sentences",
    "spacy_pipeline",
    "Report",
    "Sentence",
    "ReportError",
    "corpus_frame",
    "summarize_corpus",
    "__version__",
]


def __dir__() -> list[str]:
    """The lazy exports too, for tab completion (``dir(nlp)``)."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str):
    # Lazy exports keep `import nlp` cheap for the CLI's cold start.
    if name in ("read_report", "parse_report"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "tag_sentences":
        from .tagging import tag_sentences

        return tag_sentences
    if name == "spacy_pipeline":
        from .tagging.spacy_backend import spacy_pipeline

        return spacy_pipeline
    if name in ("Report", "Sentence"):
        from . import model

        return getattr(model, name)
    if name in ("corpus_frame", "summarize_corpus"):
        from .summary import corpus

        return getattr(corpus, name)
    if name == "ReportError":
        from .errors import ReportError

        return ReportError
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
