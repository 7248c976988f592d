"""The corpus summary as Markdown and as Rich text (the same facts as its JSON and HTML).

>>> print(corpus_markdown(summarize_corpus(reports)))     # doctest: +SKIP
# Corpus summary — 14 reports, 6 bodies
...
"""

from __future__ import annotations

from typing import Any

from . import counted, problem_counts, topic_label
from .corpus import CorpusSummary


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items()) or "—"


def _checks(checks: list[dict[str, Any]]) -> str:
    bad = [f"{c['rule']} {c['status']}: {c['message']}" for c in checks if c["status"] in ("fail", "warning")]
    return "; ".join(bad) or "no failure"


def corpus_notes(totals: dict) -> list[str]:
    """Warnings on what the corpus counts: one body's year read more than once, reports whose
    body is not known (each counted as a body of its own)."""
    notes = []
    if repeated := totals.get("repeated"):
        listed = ", ".join(f"{r['body']} {r['year']} ×{r['reports']}" for r in repeated[:5])
        more = f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
        notes.append(f"Note: the same body and year more than once ({listed}{more}): copies in other encodings "
                     "or formats, or a corrected report? Each counts in the figures below.")
    if unknown := totals.get("without_agency"):
        notes.append(f"Note: {counted(unknown, 'report')} without a known issuing body, each counted as a body "
                     "of its own (named after its file).")
    return notes


def corpus_markdown(summary: CorpusSummary, charts: bool = False) -> str:
    """Markdown of a corpus summary; ``charts`` embeds the charts as data-URI images."""
    data = summary.to_dict()
    t = data["totals"]
    lines = [f"# Corpus summary — {counted(t['reports'], 'report')}, {counted(t['bodies'], 'body', 'bodies')}", "",
             f"Years: {', '.join(map(str, t['years'])) or '—'}; files skipped: {t['errors']}.", "",
             *[f"{note}" for note in corpus_notes(t)], *([""] if corpus_notes(t) else []),
             "## Reports", "", "| Agency | Year | Level | Failed checks | Problems | Answered | Vague |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in data["reports"]:
        lines.append(f"| {r['meta']['agency'] or '—'} | {r['meta']['year'] or '—'} | {r['meta']['level'] or '—'} | "
                     f"{sum(c['status'] == 'fail' for c in r['checks'])} | " + " | ".join(map(str, problem_counts(r))) + " |")
    lines += ["", "## Recurring weaknesses (ranked by bodies admitting them)", ""]
    if charts and data["recurring"]:
        from .charts import data_uri, topic_chart, topic_year_chart

        rec = data["recurring"]
        bodies = topic_chart({r["topic"]: r["bodies"] for r in rec}, "Bodies admitting each weakness", ranked=True)
        years = topic_year_chart({r["topic"]: r["by_year"] for r in rec}, "Reports admitting each weakness, by year")
        lines += [f"![bodies by topic]({data_uri(bodies)})", "", f"![topics by year]({data_uri(years)})", ""]
    lines += ["| Rank | Topic | Bodies | Reports | Sentences | Share of bodies | By year | By level |",
              "| ---: | --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for k, r in enumerate(data["recurring"], 1):
        lines.append(f"| {k} | {topic_label(r['topic'])} | {r['bodies']} | {r['reports']} | {r['sentences']} | "
                     f"{_share(r['share'])} | {_counts(r['by_year'])} | {_counts(r['by_level'])} |")
    lines += ["", "## Vague problems", ""]
    for key, label in (("by_level", "Level"), ("by_year", "Year")):
        lines += [f"| {label} | Problems | Vague | Share vague |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {k} | {v['problems']} | {v['vague']} | {_share(v['share'])} |"
                  for k, v in data["vague_problems"][key].items()]
        lines.append("")
    lines += [f"## Boilerplate across bodies ({len(data['clusters'])} clusters)", ""]
    for c in data["clusters"]:
        lines.append(f"- {c['size']} sentences, {c['bodies']} bodies ({'、'.join(c['agencies'])}): {c['example']}")
    lines += ["", f"## Year over year ({len(data['year_over_year'])} pairs)", ""]
    for p in data["year_over_year"]:
        lines += [f"### {p['agency']}: {p['from_year']} → {p['to_year']}", "",
                  f"- copy index: {_share(p['copy_index'])}; repeated {len(p['repeated'])}, reworded "
                  f"{len(p['reworded'])}, dropped {len(p['dropped'])}, new {len(p['new'])}",
                  f"- cross-year checks: {_checks(p['checks'])}"]
        lines += [f"- repeated ({x['similarity']:.2f}): {x['to']}" for x in p["repeated"]]
        lines += [f"- reworded ({x['similarity']:.2f}): {x['from']} → {x['to']}" for x in p["reworded"]]
        lines += [f"- dropped: {x['text']}" for x in p["dropped"]]
        lines += [f"- new: {x['text']}" for x in p["new"]]
        lines += [f"- measure done: {x['measure']} — {x['evidence']}" for x in p["measures_done"]]
        lines += [f"- measure not mentioned: {x['measure']}" for x in p["measures_not_mentioned"]]
        lines.append("")
    if data["errors"]:
        lines += ["## Files skipped", ""] + [f"- {e['error']}" for e in data["errors"]]
    return "\n".join(lines) + "\n"


def print_corpus(summary: CorpusSummary, console=None) -> None:
    """Rich view of a corpus summary."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    data = summary.to_dict()
    t = data["totals"]
    console.print(f"[bold]Corpus summary[/bold] — {counted(t['reports'], 'report')}, "
                  f"{counted(t['bodies'], 'body', 'bodies')}; years "
                  f"{', '.join(map(str, t['years'])) or '—'}; files skipped: {t['errors']}")
    for note in corpus_notes(t):
        console.print(f"[yellow]{note}[/yellow]", highlight=False)
    rec = Table(title="Recurring weaknesses (ranked by bodies admitting them)")
    for col, justify in (("#", "right"), ("Topic", "left"), ("Bodies", "right"), ("Reports", "right"),
                         ("Share", "right"), ("By year", "left"), ("By level", "left")):
        rec.add_column(col, justify=justify)
    for k, r in enumerate(data["recurring"], 1):
        rec.add_row(str(k), topic_label(r["topic"]), str(r["bodies"]), str(r["reports"]), _share(r["share"]),
                    _counts(r["by_year"]), _counts(r["by_level"]))
    console.print(rec)
    vague = Table(title="Vague problems")
    for col in ("Group", "Problems", "Vague", "Share vague"):
        vague.add_column(col)
    for key in ("by_level", "by_year"):
        for k, v in data["vague_problems"][key].items():
            vague.add_row(k, str(v["problems"]), str(v["vague"]), _share(v["share"]))
    console.print(vague)
    clusters = Table(title=f"Boilerplate across bodies ({len(data['clusters'])} clusters)", show_lines=True)
    clusters.add_column("Sentences", justify="right")
    clusters.add_column("Bodies")
    clusters.add_column("Example", overflow="fold")
    for c in data["clusters"]:
        clusters.add_row(str(c["size"]), "、".join(c["agencies"]), c["example"])
    console.print(clusters if data["clusters"] else "No boilerplate shared across bodies.")
    yoy = Table(title="Year over year", show_lines=True)
    for col in ("Agency", "Years", "Copy index", "Repeated / reworded / dropped / new", "Measures done / not",
                "Cross-year checks"):
        yoy.add_column(col)
    for p in data["year_over_year"]:
        yoy.add_row(p["agency"], f"{p['from_year']}→{p['to_year']}", _share(p["copy_index"]),
                    f"{len(p['repeated'])} / {len(p['reworded'])} / {len(p['dropped'])} / {len(p['new'])}",
                    f"{len(p['measures_done'])} / {len(p['measures_not_mentioned'])}", _checks(p["checks"]))
    console.print(yoy if data["year_over_year"] else "No body has reports of consecutive years.")
    for e in data["errors"]:
        console.print(f"[yellow]skipped[/yellow] {e['error']}")
