"""Command line: ``govreport`` (summarize, check, ...) and the ``summarize`` shortcut.

Exit codes: 0 success; 1 ``check`` found failed checks; 2 bad input (one line on stderr naming
the file and the problem, never a traceback).
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import ModelError, ReportError

app = typer.Typer(
    name="govreport",
    help="Read Chinese government information disclosure annual reports (政府信息公开工作年度报告): "
    "key figures, consistency checks, admitted weaknesses and promised measures.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_FAILED_CHECKS = 1
EXIT_BAD_INPUT = 2


def help_text(func: Callable) -> str:
    """A command's docstring as ``--help`` shows it: each paragraph on one line, so that Rich
    wraps it to the terminal (Typer keeps the docstring's own line breaks after the first
    paragraph); paragraphs with an indented line (examples) stay as written.
    """
    paragraphs = inspect.cleandoc(func.__doc__ or "").split("\n\n")
    return "\n\n".join(
        p if any(line.startswith(" ") for line in p.splitlines()) else " ".join(p.split("\n"))
        for p in paragraphs
    )


def command(target: typer.Typer, name: str | None = None) -> Callable[[Callable], Callable]:
    """``target.command(name)`` with the help text of :func:`help_text`."""

    def register(func: Callable) -> Callable:
        return target.command(name, help=help_text(func))(func)

    return register


class Format(str, Enum):
    rich = "rich"
    json = "json"
    markdown = "markdown"
    html = "html"


def _fail(message: str) -> None:
    """One line on stderr, exit 2."""
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(EXIT_BAD_INPUT)


def _read(path: Path, debug: bool = False, tag: bool = False, backend: str | None = None):
    """Read a report; bad input becomes one line and exit 2 (a traceback only with --debug)."""
    from .pipeline import read_report

    try:
        return read_report(path, tag=tag, backend=backend)
    except ReportError as exc:
        _fail(str(exc))
    except ModelError as exc:
        _fail(f"tagger: {exc}")
    except Exception as exc:  # a bug, not bad input: still one line unless --debug
        if debug:
            raise
        _fail(f"{path}: unexpected error while reading ({type(exc).__name__}: {exc}); rerun with --debug")


FilesArg = Annotated[
    list[Path],
    typer.Argument(help="Report files: .txt .md .html .htm .pdf .docx", show_default=False),
]
DebugOpt = Annotated[bool, typer.Option("--debug", metavar="", help="Show a traceback on unexpected errors.")]


class Backend(str, Enum):
    sklearn = "sklearn"
    spacy = "spacy"


BackendOpt = Annotated[
    Optional[Backend],
    typer.Option("--backend", help="Tagger backend (default: the one models/MANIFEST.json names, chosen on dev by govreport train)."),
]


@command(app)
def summarize(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="A report file (.txt .md .html .htm .pdf .docx); or several files, folders (searched "
            "recursively) or `govreport tag` output folders for a corpus summary.",
            show_default=False,
        ),
    ],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="rich (terminal), json (for programs), markdown or html "
                             "(one self-contained page with charts).")
    ] = Format.rich,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    tag: Annotated[
        bool, typer.Option("--tag/--no-tag", metavar="", help="Tag narrative sentences (problems, measures, topics).")
    ] = True,
    charts: Annotated[
        bool, typer.Option("--charts", metavar="",
                           help="Markdown of one report: embed the topic chart as a data-URI image.")
    ] = False,
    backend: BackendOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Summarize a report: key figures, derived metrics, failed consistency checks, the overview
    in brief, the problems and measures by topic, which problems no measure answers, sections.

    Given a folder, several files or a `govreport tag` output folder: a corpus summary instead
    (recurring weaknesses by year and level, boilerplate shared across bodies, vague problems,
    year-over-year changes of each body). Unreadable files in a corpus are skipped with a warning.

    Examples:

      summarize corpus/samples/township-2023.txt

      summarize report.pdf --format json > report.json

      summarize report.docx --format html -o report.html

      summarize corpus/samples --format markdown
    """
    from . import summary

    if backend and not tag:
        _fail("--backend chooses the tagger: it cannot go with --no-tag")
    _check_output(output)
    chosen = backend.value if backend else None
    if len(files) > 1 or files[0].is_dir():
        for path in files:  # a name typed on the command line that is not there is a typo, not a file to skip
            if not path.exists() and not path.is_symlink():
                _fail(f"{path}: no such file or folder")
        _summarize_corpus(files, format, output, tag, chosen, debug)
        return
    report = _read(files[0], debug, tag, chosen)
    if format is Format.json:
        text = summary.to_summary_json(report)
    elif format is Format.markdown:
        text = summary.to_markdown(report, charts=charts)
    elif format is Format.html:
        from .summary.html import report_html

        text = report_html(report)
    else:
        _print_rich(lambda console: summary.print_rich(report, console), output)
        return
    _emit(text, output)


def _summarize_corpus(files: list[Path], format: Format, output: Path | None, tag: bool,
                      backend: str | None, debug: bool) -> None:
    """`summarize DIR|FILES...`: read every report (skipping bad files) and print the corpus summary."""
    from .summary.corpus import summarize_corpus
    from .summary.sources import load_reports

    try:
        loaded = load_reports(files, tag=tag, backend=backend, progress=True,
                              warn=lambda line: sys.stderr.write(line + "\n"))
    except ModelError as exc:
        _fail(f"tagger: {exc}")
    except Exception as exc:  # a bug, not bad input
        if debug:
            raise
        _fail(f"unexpected error while reading the corpus ({type(exc).__name__}: {exc}); rerun with --debug")
    if not loaded.reports:
        _fail(f"no readable report in {', '.join(map(str, files))}")
    result = summarize_corpus(loaded.reports, loaded.errors)
    if format is Format.json:
        import json

        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    elif format is Format.markdown:
        from .summary.corpus_views import corpus_markdown

        text = corpus_markdown(result, charts=True)
    elif format is Format.html:
        from .summary.html import corpus_html

        text = corpus_html(result)
    else:
        from .summary.corpus_views import print_corpus

        _print_rich(lambda console: print_corpus(result, console), output)
        return
    _emit(text, output)


def _check_output(output: Path | None) -> None:
    """Fail at once (one line, exit 2), before any work, if ``--output`` cannot be written."""
    import os

    if output is None:
        return
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        _fail(f"{output}: is a folder; --output needs a file name")
    if not folder.is_dir():
        _fail(f"{output}: cannot write: no folder {folder}")
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        read_only = hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY
        _fail(f"{output}: cannot write: {'read-only file system' if read_only else 'permission denied'}")


def _print_rich(render, output: Path | None) -> None:
    """Run a Rich renderer on the terminal, or into ``output`` (120 columns)."""
    from rich.console import Console

    if output is None:
        render(Console())
        return
    try:
        with output.open("w", encoding="utf-8") as fh:
            render(Console(file=fh, width=120))
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror or exc}")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror or exc}")


@command(app)
def check(files: FilesArg, debug: DebugOpt = False) -> None:
    """Check drafts before publishing: one line per failed check; exit 1 if any check fails.

    Each line reads FILE: RULE: message. A relation with a blank cell is not assessable and is
    not reported as a failure; a line on stderr counts such checks. Every file is checked, even
    after one that cannot be read. Exit status: 0 all pass, 1 some check failed, 2 some file
    could not be read.
    """
    failed = unreadable = 0
    for f in files:
        try:
            report = _read(f, debug)  # an unreadable file: its one line is on stderr already
        except typer.Exit:
            unreadable += 1
            continue
        for c in report.failed_checks:
            failed += 1
            sys.stdout.write(f"{report.source}: {c.rule}: {c.message}\n")  # the file name, escaped
        unchecked = sum(c.status == "not_assessable" for c in report.checks)
        if unchecked:
            sys.stderr.write(f"{report.source}: {unchecked} of {len(report.checks)} checks not assessable "
                             "(blank cells or tables not found)\n")
    if failed:
        sys.stderr.write(f"{failed} failed check(s) in {len(files) - unreadable} file(s) read\n")
    if unreadable:
        if len(files) > 1:  # (one file: its own error line says it all)
            sys.stderr.write(f"{unreadable} of {len(files)} file(s) could not be read\n")
        raise typer.Exit(EXIT_BAD_INPUT)
    if failed:
        raise typer.Exit(EXIT_FAILED_CHECKS)


@command(app)
def train(
    corpus: Annotated[Optional[Path], typer.Option(help="Folder of labelled *.jsonl sentences.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Model folder (default: the shipped models/).")] = None,
    backend: Annotated[
        Optional[list[Backend]], typer.Option("--backend", help="Train only this backend (repeatable).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed and corpus give the same model.")] = 0,
) -> None:
    """Train the sentence taggers from corpus/sentences and write models/ with its MANIFEST.json.

    Both backends are trained on the train split; topic thresholds are tuned on dev; the default
    backend recorded in the manifest is the better one on dev (role macro-F1 + topic micro-F1),
    unless the slower one wins fewer than 95% of paired bootstrap resamples of dev: then the faster.
    """
    from .tagging.train import train as run

    chosen = tuple(b.value for b in backend) if backend else ("sklearn", "spacy")
    run(corpus, out, chosen, seed, log=lambda m: sys.stderr.write(m + "\n"))


@command(app)
def evaluate(
    corpus: Annotated[Optional[Path], typer.Option(help="Folder of labelled *.jsonl sentences.")] = None,
    models: Annotated[Optional[Path], typer.Option(help="Model folder (default: the shipped models/).")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the full figures as JSON here.")] = None,
    on: Annotated[Optional[Path], typer.Option(
        "--on", metavar="FILE",
        help="Score every sentence of this labelled JSON-lines file instead of the dev split "
             "(per line: text, role, topics; section and heading optional), e.g. real report "
             "sentences you labelled.")] = None,
) -> None:
    """Evaluate both taggers on the dev split: per-label precision, recall, F1 and role confusion.

    Figures are given for bare sentences (text only) and with context (section and heading).
    With --on FILE, on the sentences of that file instead (the project ships no real report
    sentences; label some of your own to see how the taggers do on your reports).
    """
    import json

    from rich.console import Console

    from .summary.evaluation import print_evaluation
    from .tagging.evaluate import evaluate_models

    if on is not None and corpus is not None:
        _fail("give --corpus (its dev split) or --on FILE, not both")
    try:
        result = evaluate_models(directory=models, corpus_dir=corpus, labelled=on)
    except (ModelError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    print_evaluation(result, Console())
    if json_out:
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


from .batch.cli import tag  # noqa: E402 - light module: typer, pathlib, typing only

command(app, "tag")(tag)


def main() -> None:
    """Entry point of the ``govreport`` console script."""
    app()


def summarize_main() -> None:
    """Entry point of the ``summarize`` console script (same as ``govreport summarize``)."""
    standalone = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    command(standalone)(summarize)
    standalone()


if __name__ == "__main__":
    main()
