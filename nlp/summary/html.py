"""Self-contained HTML pages: one report, or a corpus summary.

One file, no network: CSS inline in ``<style>``, charts as base64 PNG ``<img>`` (:mod:`.charts`),
no script.  The page carries the same facts as the Markdown and JSON outputs: key figures, derived
metrics, checks, the overview in brief, coverage, problems and measures by topic (report); recurring
weaknesses, clusters, vagueness, year over year (corpus).

>>> import nlp
>>> page = report_html(nlp.read_report("corpus/samples/township-2023.txt", tag=True))  # doctest: +SKIP
>>> page.startswith("<!DOCTYPE html>")                                              # doctest: +SKIP
True
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING, Any

from ..model import Report
from . import (
    _fmt,
    annual_report,
    counted,
    _fmt_metric,
    by_topic,
    check_counts,
    key_figures,
    no_overview,
    not_assessable_lines,
    problem_counts,
    section_of,
    similarity_cell,
    summary_dict,
    topic_label,
)
from .charts import cjk_font, data_uri, figures_chart, topic_chart, topic_year_chart
from .corpus_views import corpus_notes

if TYPE_CHECKING:
    from .corpus import CorpusSummary

CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
       "PingFang SC", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.5; }
h1 { font-size: 1.6em; border-bottom: 2px solid #2c3e50; padding-bottom: .3em; }
h2 { font-size: 1.25em; margin-top: 1.8em; color: #2c3e50; }
table { border-collapse: collapse; margin: .6em 0; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3em .6em; vertical-align: top; text-align: left; }
th { background: #f2f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.fail { color: #c0392b; font-weight: bold; } .pass { color: #27ae60; } .warn { color: #b9770e; }
.muted { color: #777; } .meta { color: #444; }
img.chart { max-width: 100%; border: 1px solid #eee; margin: .5em 0; }
ul.brief li { margin-bottom: .3em; }
"""


def _page(title: str, body: list[str]) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _table(headers: list[str], rows: list[list[Any]], numeric: tuple[int, ...] = ()) -> str:
    """An HTML table; cells are escaped unless given as ``Markup`` (already HTML)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    num = ' class="num"'
    body = []
    for row in rows:
        cells = "".join(
            f"<td{num if k in numeric else ''}>{c if isinstance(c, Markup) else escape(str(c))}</td>"
            for k, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class Markup(str):
    """Text that is already HTML."""


def _img(png: bytes, alt: str) -> str:
    return f'<img class="chart" alt="{escape(alt)}" src="{data_uri(png)}">'


def report_html(report: Report) -> str:
    """The HTML page of one report."""
    m = report.meta
    title = f"{m.agency or 'Unknown agency'} — {annual_report(m.year)}"
    body = [f"<h1>{escape(title)}</h1>", '<p class="meta">' + escape(
        f"Source: {report.source or 'text'} · level: {m.level or 'unknown'} · format: {m.format or 'unknown'}"
        f" · published: {m.published.isoformat() if m.published else 'not stated'}"
        f" · places: {'、'.join(m.places) if m.places else '—'}") + "</p>"]
    body += ["<h2>Key figures</h2>", _table(
        ["Figure", "Value", "Source"],
        [[k.label, _fmt(k.value, k.approximate), k.source] for k in key_figures(report)], numeric=(1,))]
    body += ["<h2>Derived metrics</h2>", _table(
        ["Metric", "Value", "Formula"],
        [[k, _fmt_metric(v.value), v.formula] for k, v in report.metrics.items()], numeric=(1,))]
    counts = check_counts(report)
    body += ["<h2>Checks</h2>", f"<p>{counts['pass']} pass, <span class=\"fail\">{counts['fail']} fail</span>, "
             f"{counts['not_assessable']} not assessable.</p>"]
    if report.failed_checks:
        body.append(_table(["Rule", "Message"], [[c.rule, c.message] for c in report.failed_checks]))
    if unassessed := not_assessable_lines(report):
        body.append('<p class="muted">Not assessable:</p><ul class="muted">'
                    + "".join(f"<li>{escape(line)}</li>" for line in unassessed) + "</ul>")
    parts = summary_dict(report)
    body.append("<h2>Overview (总体情况) in brief</h2>")
    body.append('<ul class="brief">' + "".join(f"<li>{escape(o['text'])}</li>" for o in parts["overview"]) + "</ul>"
                if parts["overview"] else f'<p class="muted">{escape(no_overview(report))}</p>')
    if report.sentences is not None:
        body += _report_topics(report, parts)
    body += ["<h2>Sections</h2>", _table(["Key", "Title as printed"], [[s.key, s.title] for s in report.sections]
                                         + [[k, Markup('<span class="fail">missing</span>')]
                                            for k in report.missing_sections])]
    return _page(title, body)


def _report_topics(report: Report, parts: dict[str, Any]) -> list[str]:
    grouped = by_topic(report)
    body = ["<h2>Problems and measures by topic</h2>"]
    if not grouped:
        return body + ['<p class="muted">No problem or measure sentences found.</p>']
    problems = {t: len(r["problem"]) for t, r in grouped.items()}
    measures = {t: len(r["measure"]) for t, r in grouped.items()}
    body.append(_img(topic_chart(problems, "Sentences by topic", measures), "sentences by topic"))
    rows = []
    for topic, roles in grouped.items():
        for role in ("problem", "measure"):
            for s in roles[role]:
                css = "fail" if role == "problem" else "pass"
                rows.append([topic_label(topic), Markup(f'<span class="{css}">{role}</span>'), section_of(s),
                             " ".join(s.text.split())])
    body.append(_table(["Topic", "Role", "Section", "Sentence"], rows))
    cov = parts["coverage"]
    spec = {p["text"]: p for p in parts["specificity"]}
    body.append("<h2>Problem → measure coverage</h2>")
    body.append(f"<p>{cov['answered']} of {cov['problems']} admitted problems have a measure that answers them.</p>")
    body.append(_table(
        ["Problem", "Topics", "Specificity", "Answering measure", "Similarity"],
        [[a["problem"], ", ".join(a["topics"]),
          f"{spec[a['problem']]['score']:.2f}" + (" (vague)" if spec[a["problem"]]["vague"] else ""),
          a["measure"] if a["measure"] else Markup('<span class="fail">none: unanswered</span>'),
          similarity_cell(a)] for a in cov["pairs"] + cov["unanswered"]],
        numeric=(2, 4)))
    return body


def corpus_html(summary: CorpusSummary) -> str:
    """The HTML page of a corpus summary."""
    data = summary.to_dict()
    totals = data["totals"]
    title = f"Corpus summary — {counted(totals['reports'], 'report')}, {counted(totals['bodies'], 'body', 'bodies')}"
    body = [f"<h1>{escape(title)}</h1>",
            f"<p class=\"meta\">Years: {escape(', '.join(map(str, totals['years'])) or '—')}; "
            f"files skipped: {totals['errors']}.</p>"]
    body += [f'<p class="muted">{escape(note)}</p>' for note in corpus_notes(totals)]
    body += ["<h2>Reports</h2>", _table(
        ["Agency", "Year", "Level", "Failed checks", "Problems", "Answered", "Vague"],
        [[r["meta"]["agency"] or "—", r["meta"]["year"] or "—", r["meta"]["level"] or "—",
          sum(c["status"] == "fail" for c in r["checks"]), *problem_counts(r)]
         for r in data["reports"]], numeric=(1, 3, 4, 5, 6))]
    rec = data["recurring"]
    body.append("<h2>Recurring weaknesses (ranked by bodies admitting them)</h2>")
    if rec:
        body.append(_img(topic_chart({r["topic"]: r["bodies"] for r in rec}, "Bodies admitting each weakness", ranked=True),
                         "bodies by topic"))
        by_year = {r["topic"]: r["by_year"] for r in rec}
        body.append(_img(topic_year_chart(by_year, "Reports admitting each weakness, by year"), "topics by year"))
    body.append(_table(
        ["Rank", "Topic", "Bodies", "Reports", "Sentences", "Share of bodies", "By year", "By level"],
        [[k + 1, topic_label(r["topic"]), r["bodies"], r["reports"], r["sentences"], f"{r['share']:.0%}",
          _counts(r["by_year"]), _counts(r["by_level"])] for k, r in enumerate(rec)],
        numeric=(0, 2, 3, 4, 5)))
    body.append("<h2>Vague problems</h2>")
    for key, label in (("by_level", "Level"), ("by_year", "Year")):
        body.append(_table([label, "Problems", "Vague", "Share vague"],
                           [[k, v["problems"], v["vague"], _share(v["share"])]
                            for k, v in data["vague_problems"][key].items()], numeric=(1, 2, 3)))
    body.append(f"<h2>Boilerplate across bodies ({len(data['clusters'])} clusters)</h2>")
    body.append(_table(["Sentences", "Bodies", "Agencies", "Example"],
                       [[c["size"], c["bodies"], "、".join(c["agencies"]), c["example"]] for c in data["clusters"]],
                       numeric=(0, 1)) if data["clusters"] else '<p class="muted">No cluster.</p>')
    body += _yoy_html(summary, data["year_over_year"])
    if data["errors"]:
        body += ["<h2>Files skipped</h2>", _table(["File", "Problem"], [[e["path"], e["error"]] for e in data["errors"]])]
    return _page(title, body)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items())


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


FIGURES_OVER_YEARS: dict[str, str] = {
    "requests_new": "new requests",
    "requests_handled": "requests handled",
    "reviews": "administrative reviews",
    "proactive_total": "proactively disclosed items",
}


def _yoy_html(summary: CorpusSummary, pairs: list[dict[str, Any]]) -> list[str]:
    from .corpus import frame_row
    from .yoy import series

    body = [f"<h2>Year over year ({len(pairs)} pairs)</h2>"]
    if not pairs:
        return body + ['<p class="muted">No body has reports of consecutive years.</p>']
    body.append(_table(
        ["Agency", "Years", "Repeated", "Reworded", "Dropped", "New", "Copy index", "Measures done",
         "Not mentioned", "Cross-year checks"],
        [[p["agency"], f"{p['from_year']}→{p['to_year']}", len(p["repeated"]), len(p["reworded"]), len(p["dropped"]),
          len(p["new"]), _share(p["copy_index"]), len(p["measures_done"]), len(p["measures_not_mentioned"]),
          _check_cell(p["checks"])] for p in pairs], numeric=(2, 3, 4, 5, 6, 7, 8)))
    for p in pairs:
        body.append(f"<h3>{escape(p['agency'])}: {p['from_year']} → {p['to_year']}</h3>")
        rows = [["repeated", x["to"], f"{x['similarity']:.2f}"] for x in p["repeated"]]
        rows += [["reworded", x["to"], f"{x['similarity']:.2f}"] for x in p["reworded"]]
        rows += [["dropped", x["text"], ""] for x in p["dropped"]] + [["new", x["text"], ""] for x in p["new"]]
        rows += [["measure done", x["measure"], f"{x['similarity']:.2f}"] for x in p["measures_done"]]
        rows += [["measure not mentioned", x["measure"], ""] for x in p["measures_not_mentioned"]]
        body.append(_table(["Change", "Sentence", "Similarity"], rows, numeric=(2,)))
    for name, reports in series(summary.reports).items():
        if len(reports) < 2:
            continue
        rows = [frame_row(r) for r in reports]
        years = [r["year"] for r in rows]
        values = {label: [r[key] for r in rows] for key, label in FIGURES_OVER_YEARS.items()}
        title = f"Figures over years: {name}" if cjk_font() else "Figures over years"
        body.append(_img(figures_chart(years, values, title), f"figures of {name}"))
        body.append(f"<p class=\"muted\">Figures over years of {escape(name)}.</p>")
    return body


def _check_cell(checks: list[dict[str, Any]]) -> Markup:
    status = Counter(c["status"] for c in checks)
    parts = [f'<span class="fail">{status["fail"]} fail</span>' if status["fail"] else "",
             f'<span class="warn">{status["warning"]} warning</span>' if status["warning"] else "",
             f'<span class="pass">{status["pass"]} pass</span>' if status["pass"] else ""]
    return Markup(", ".join(p for p in parts if p) or "not assessable")

