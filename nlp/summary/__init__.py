"""Summaries of one report: what a reader wants first, as Rich text, Markdown, JSON or HTML.

The renderers read a :class:`~nlp.model.Report`; besides choosing and labelling the key figures they
add the analyst's parts, each computed in its own module: the extractive summary of 总体情况
(:mod:`.overview`), problem → measure coverage (:mod:`.coverage`) and the specificity of each
admitted problem (:mod:`.specificity`).  :func:`summary_dict` gathers them under one key,
``summary``, of the ``summarize --format json`` record.  Many reports: :mod:`.corpus`
(corpus summary, ``corpus_frame``), :mod:`.yoy` (year over year); pictures: :mod:`.charts`,
:mod:`.html`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import Report, Sentence
from ..schema import REQUEST_GROUPS, TOPIC_NAMES, TOPICS

JSON_INDENT = 2


@dataclass
class KeyFigure:
    label: str
    value: int | float | None
    approximate: bool = False
    source: str = ""  # "table 3", "text", ...


def key_figures(report: Report) -> list[KeyFigure]:
    """The few numbers that say what happened in the year, tables first, text as a fallback."""
    figs = report.figures
    out: list[KeyFigure] = []

    def from_text(label: str, key: str) -> None:
        if key in figs:
            f = figs[key]
            out.append(KeyFigure(label, f.value, f.approximate, f.source))

    from_text("Proactively disclosed items (主动公开)", "proactive_total")
    req = report.requests
    if req is not None:
        out.append(KeyFigure("New requests (新收申请)", req["new"]["total"], source="table 3"))
        out.append(KeyFigure("Carried over (上年结转)", req["carried_over"]["total"], source="table 3"))
        out.append(KeyFigure("Handled (办理结果总计)", req["handled_total"]["total"], source="table 3"))
        out.append(KeyFigure("Granted (予以公开)", req["granted"]["total"], source="table 3"))
        out.append(KeyFigure("Partly granted (部分公开)", req["partial"]["total"], source="table 3"))
        for group, label in REQUEST_GROUPS.items():
            total = _sum_group(req[group])
            out.append(KeyFigure(f"{_GROUP_NAMES[group]} ({label.strip('（）一二三四五六')})", total, source="table 3"))
        out.append(KeyFigure("Carried forward (结转下年度)", req["carried_forward"]["total"], source="table 3"))
    else:
        from_text("Requests received (受理申请)", "requests_received")
        from_text("Requests answered (答复)", "requests_answered")
    rl = report.review_litigation
    if rl is not None:
        out.append(KeyFigure("Administrative reviews (行政复议)", rl["review"]["total"], source="table 4"))
        lit = _add(rl["litigation_direct"]["total"], rl["litigation_after_review"]["total"])
        out.append(KeyFigure("Lawsuits (行政诉讼)", lit, source="table 4"))
    else:
        from_text("Administrative reviews (行政复议)", "review_total")
        from_text("Lawsuits (行政诉讼)", "litigation_total")
    from_text("Information-processing fees, yuan (信息处理费)", "info_fee_yuan")
    from_text("Policy interpretations (政策解读)", "policy_interpretations")
    from_text("Press conferences (新闻发布会)", "press_conferences")
    from_text("Training sessions (培训)", "trainings")
    from_text("Inspections (巡查/检查)", "inspections")
    return out


_GROUP_NAMES = {"denied": "Denied", "unavailable": "Could not be provided", "not_processed": "Not processed",
                "other": "Otherwise handled"}  # the groups of table 3's outcomes (REQUEST_GROUPS)


def not_assessable_lines(report: Report, most: int = 6) -> list[str]:
    """One short line per check that could not be assessed (its rule, what it is about, why:
    the first words of its message), at most ``most`` of them, then how many more (all are in
    the JSON output)."""
    checks = [c for c in report.checks if c.status == "not_assessable"]
    lines = [f"{c.rule}: {_reason(c.message)}" for c in checks[:most]]
    if len(checks) > most:
        lines.append(f"… and {len(checks) - most} more (all listed by --format json)")
    return lines


def _reason(message: str) -> str:
    """A check message without its list of blank cells (``…not assessable, blank: a, b, c``)."""
    head, sep, cells = message.partition(" not assessable, blank: ")
    if not sep:
        return message
    n = len(cells.split(", "))
    return f"{head}: {n} blank cell{'s' if n > 1 else ''}"


def annual_report(year: int | None) -> str:
    """``2023 annual report``, or ``annual report (year unknown)``."""
    return f"{year} annual report" if year else "annual report (year unknown)"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 report``, ``2 reports`` (``plural`` when not noun + s: bodies)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def no_overview(report: Report) -> str:
    """What the views say when the overview gives no sentence to sum up: the section is missing,
    or found with nothing under its title."""
    if any(s.key == "overview" for s in report.sections):
        return "The 总体情况 section has no sentence to sum up (nothing under its title)."
    return "No 总体情况 section found."


def _add(*values: int | float | None) -> int | float | None:
    """Sum of values; None when any is None (a blank is not a zero)."""
    if any(v is None for v in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def _sum_group(group: dict) -> int | float | None:
    return _add(*(row["total"] for row in group.values()))


def _fmt(value: Any, approximate: bool = False) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:.1%}" if value <= 1 else f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,}"
    return f"≈{text}" if approximate else text


def _fmt_metric(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def by_topic(report: Report) -> dict[str, dict[str, list[Sentence]]]:
    """Problem and measure sentences grouped by topic (topics in taxonomy order; a sentence with
    two topics appears under both).  Empty when the report was not tagged."""
    out: dict[str, dict[str, list[Sentence]]] = {}
    for s in report.sentences or []:
        if s.role not in ("problem", "measure"):
            continue
        for t in s.topics:
            out.setdefault(t, {"problem": [], "measure": []})[s.role].append(s)
    return {t: out[t] for t in TOPICS if t in out}


def section_of(sentence: Sentence) -> str:
    """The section a listed sentence stands in, as the views print it beside it: a step the
    overview tells of is no answer to a problem of section 五, and the reader should see which is
    which."""
    return sentence.section or "—"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def topic_label(topic: str) -> str:
    return f"{topic} ({TOPIC_NAMES[topic]})"


def check_counts(report: Report) -> dict[str, int]:
    counts = {"pass": 0, "fail": 0, "not_assessable": 0}
    for c in report.checks:
        counts[c.status] = counts.get(c.status, 0) + 1
    return counts


def to_json(report: Report) -> str:
    """The JSON record (``Report.to_dict()``) as text."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=JSON_INDENT)


def summary_dict(report: Report) -> dict[str, Any]:
    """The analyst's parts of one report: ``overview`` (extractive summary of 总体情况),
    ``coverage`` (problem → measure) and ``specificity`` (one entry per admitted problem).

    >>> import nlp
    >>> sorted(summary_dict(nlp.read_report("corpus/samples/township-2023.txt")))  # doctest: +SKIP
    ['coverage', 'overview', 'specificity']
    """
    from .coverage import coverage
    from .narrative import one_line, problems
    from .overview import overview_summary
    from .specificity import specificity

    def scored(s: Sentence) -> dict[str, Any]:
        spec = specificity(s.text)
        return {"text": one_line(s.text), "topics": s.topics, "score": spec.score,
                "features": spec.features, "vague": spec.vague}

    tagged = report.sentences is not None  # else which sentences are problems is unknown: null
    return {
        "overview": [o.to_dict() for o in overview_summary(report)],
        "coverage": coverage(report).to_dict() if tagged else None,
        "specificity": [scored(s) for s in problems(report)] if tagged else None,
    }


def problem_counts(record: dict[str, Any]) -> tuple:
    """(problems, answered, vague) of a :func:`summary_record`, or three "—" when the report was
    not tagged (unknown, not zero): the Problems / Answered / Vague columns of corpus tables."""
    cov, spec = record["summary"]["coverage"], record["summary"]["specificity"]
    if cov is None:
        return ("—",) * 3
    return cov["problems"], cov["answered"], sum(p["vague"] for p in spec)


def summary_record(report: Report) -> dict[str, Any]:
    """The record printed by ``summarize FILE --format json``: ``Report.to_dict()`` plus ``summary``."""
    return {**report.to_dict(), "summary": summary_dict(report)}


def to_summary_json(report: Report) -> str:
    """:func:`summary_record` as text."""
    return json.dumps(summary_record(report), ensure_ascii=False, indent=JSON_INDENT)


def to_markdown(report: Report, charts: bool = False) -> str:
    """A Markdown summary with the same facts as the Rich view; ``charts`` embeds the topic chart
    as a data-URI PNG (imports matplotlib)."""
    m = report.meta
    lines = [f"# {m.agency or 'Unknown agency'} — {annual_report(m.year)}", ""]
    lines += [
        f"- Source: `{report.source}`" if report.source else "- Source: text",
        f"- Level: {m.level or 'unknown'}; format: {m.format or 'unknown'}; published: "
        f"{m.published.isoformat() if m.published else 'not stated'}",
        f"- Places: {'、'.join(m.places) if m.places else '—'}; encoding: {m.encoding or '—'}"
        + ("; converted from traditional characters" if m.converted_from_traditional else ""),
        "",
        "## Key figures",
        "",
        "| Figure | Value | Source |",
        "| --- | ---: | --- |",
    ]
    lines += [f"| {k.label} | {_fmt(k.value, k.approximate)} | {k.source} |" for k in key_figures(report)]
    lines += ["", "## Derived metrics", "", "| Metric | Value | Formula |", "| --- | ---: | --- |"]
    lines += [f"| {k} | {_fmt_metric(v.value)} | `{v.formula}` |" for k, v in report.metrics.items()]
    counts = check_counts(report)
    lines += [
        "",
        "## Checks",
        "",
        f"{counts['pass']} pass, {counts['fail']} fail, {counts['not_assessable']} not assessable.",
        "",
    ]
    for c in report.failed_checks:
        lines.append(f"- **{c.rule}**: {c.message}")
    if unassessed := not_assessable_lines(report):
        lines += ["", "Not assessable:", ""] + [f"- {line}" for line in unassessed]
    lines += _markdown_analysis(report)
    if report.sentences is not None:
        lines += ["", "## Problems and measures by topic", ""]
        grouped = by_topic(report)
        if not grouped:
            lines.append("No problem or measure sentences found.")
        elif charts:
            from .charts import data_uri, topic_chart

            png = topic_chart({t: len(r["problem"]) for t, r in grouped.items()}, "Sentences by topic",
                              {t: len(r["measure"]) for t, r in grouped.items()})
            lines += [f"![sentences by topic]({data_uri(png)})", ""]
        for topic, roles in grouped.items():
            lines += [f"### {topic_label(topic)}", ""]
            lines += [f"- {role} ({section_of(s)}): {_one_line(s.text)}" for role in ("problem", "measure")
                      for s in roles[role]]
            lines.append("")
    lines += ["", "## Sections", ""]
    lines += [f"- `{s.key}`: {s.title}" for s in report.sections]
    if report.missing_sections:
        lines.append(f"- missing: {', '.join(report.missing_sections)}")
    return "\n".join(lines) + "\n"


def _markdown_analysis(report: Report) -> list[str]:
    """Markdown of the overview summary and, once tagged, coverage with specificity."""
    parts = summary_dict(report)
    lines = ["", "## Overview (总体情况) in brief", ""]
    lines += [f"- {o['text']}" for o in parts["overview"]] or [no_overview(report)]
    if report.sentences is None:
        return lines
    cov = parts["coverage"]
    lines += ["", "## Problem → measure coverage", ""]
    if not cov["problems"]:
        return lines + ["No problem sentences found."]
    lines += [f"{cov['answered']} of {cov['problems']} admitted problems have a measure that answers them.", "",
              "| Problem | Topics | Specificity | Answering measure | Similarity |",
              "| --- | --- | ---: | --- | ---: |"]
    spec = {p["text"]: p for p in parts["specificity"]}
    for a in cov["pairs"] + cov["unanswered"]:
        measure = a["measure"] or "**none: unanswered**"
        score = spec[a["problem"]]["score"]
        lines.append(f"| {_cell(a['problem'])} | {', '.join(a['topics'])} | {score:.2f}"
                     f"{' (vague)' if spec[a['problem']]['vague'] else ''} | {_cell(measure)} | {similarity_cell(a)} |")
    return lines


def similarity_cell(answer: dict) -> str:
    """A coverage pair's similarity as the views print it, marked when the measure answers the
    problem by its number, not its wording."""
    return f"{answer['similarity']:.2f}" + (" (same number)" if answer["matched_by"] == "order" else "")


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def _print_rich_analysis(report: Report, console) -> None:
    """Rich view of the overview summary and, once tagged, coverage with specificity."""
    from rich.table import Table

    parts = summary_dict(report)
    brief = Table(title="Overview (总体情况) in brief", show_header=False)
    brief.add_column("Sentence", overflow="fold")
    for o in parts["overview"]:
        brief.add_row(o["text"])
    console.print(brief if parts["overview"] else no_overview(report))
    if report.sentences is None:
        return
    cov = parts["coverage"]
    if not cov["problems"]:
        console.print("No problem sentences found.")
        return
    spec = {p["text"]: p for p in parts["specificity"]}
    table = Table(title=f"Problem → measure coverage ({cov['answered']} of {cov['problems']} answered)",
                  show_lines=True)
    table.add_column("Problem", overflow="fold", ratio=3)
    table.add_column("Topics")
    table.add_column("Specificity", justify="right")
    table.add_column("Answering measure", overflow="fold", ratio=3)
    table.add_column("Sim.", justify="right")
    for a in cov["pairs"] + cov["unanswered"]:
        p = spec[a["problem"]]
        table.add_row(a["problem"], ", ".join(a["topics"]),
                      f"{p['score']:.2f}" + (" [yellow]vague[/yellow]" if p["vague"] else ""),
                      a["measure"] or "[red]none: unanswered[/red]",
                      similarity_cell(a))
    console.print(table)


def print_rich(report: Report, console=None) -> None:
    """Print the Rich view: header, key figures, derived metrics, failed checks, overview in brief,
    coverage, problems and measures by topic, sections."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table

    console = console or Console()
    m = report.meta
    header = (
        f"[bold]{m.agency or 'Unknown agency'}[/bold]  ·  {annual_report(m.year)}\n"
        f"level: {m.level or 'unknown'}   format: {m.format or 'unknown'}   published: "
        f"{m.published.isoformat() if m.published else 'not stated'}\n"
        f"places: {'、'.join(m.places) if m.places else '—'}   encoding: {m.encoding or '—'}"
        + ("   (converted from traditional characters)" if m.converted_from_traditional else "")
    )
    console.print(Panel(header, title=str(report.source or "report"), expand=False))

    figures = Table(title="Key figures", show_lines=False)
    figures.add_column("Figure")
    figures.add_column("Value", justify="right")
    figures.add_column("Source", style="dim")
    for k in key_figures(report):
        figures.add_row(k.label, _fmt(k.value, k.approximate), k.source)
    console.print(figures)

    metrics = Table(title="Derived metrics")
    metrics.add_column("Metric")
    metrics.add_column("Value", justify="right")
    metrics.add_column("Formula", style="dim")
    for key, metric in report.metrics.items():
        metrics.add_row(key, _fmt_metric(metric.value), metric.formula)
    console.print(metrics)

    counts = check_counts(report)
    summary = (
        f"{counts['pass']} pass, [red]{counts['fail']} fail[/red], "
        f"{counts['not_assessable']} not assessable"
    )
    if report.failed_checks:
        failed = Table(title=f"Failed checks ({summary})")
        failed.add_column("Rule", style="red", no_wrap=True)
        failed.add_column("Message", overflow="fold")
        for c in report.failed_checks:
            failed.add_row(c.rule, c.message)
        console.print(failed)
    else:
        console.print(f"[green]Checks:[/green] {summary}")
    for line in not_assessable_lines(report):
        console.print(f"[dim]not assessable: {line}[/dim]", highlight=False, markup=True)

    _print_rich_analysis(report, console)
    if report.sentences is not None:
        grouped = by_topic(report)
        tagged = Table(title="Problems and measures by topic", show_lines=True)
        tagged.add_column("Topic", style="bold")
        tagged.add_column("Role")
        tagged.add_column("Section")
        tagged.add_column("Sentence")
        for topic, roles in grouped.items():
            for role in ("problem", "measure"):
                for s in roles[role]:
                    style = "red" if role == "problem" else "green"
                    tagged.add_row(topic_label(topic), f"[{style}]{role}[/{style}]", section_of(s), _one_line(s.text))
        console.print(tagged if grouped else "No problem or measure sentences found.")

    secs = Table(title="Sections")
    secs.add_column("Key")
    secs.add_column("Title as printed")
    for s in report.sections:
        secs.add_row(s.key, s.title)
    for key in report.missing_sections:
        secs.add_row(f"[red]{key}[/red]", "[red]missing[/red]")
    console.print(secs)
