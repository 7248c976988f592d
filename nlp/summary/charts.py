"""Charts as PNG bytes (matplotlib, Agg, no pyplot state), ready to embed as ``data:`` URIs.

Labels: topics are written in Chinese (队伍与能力 …) when matplotlib knows a CJK font (Noto CJK,
Source Han, WenQuanYi, SimHei, …: :func:`cjk_font`), else by their English keys, so that a machine
without such a font gets readable charts and no missing-glyph warnings.  All other text is English.

>>> png = topic_chart({"staff": 5, "content": 3}, "Problems by topic")   # doctest: +SKIP
>>> data_uri(png)[:22]                                                   # doctest: +SKIP
'data:image/png;base64,'
"""

from __future__ import annotations

import base64
import io
from functools import cache
from typing import TYPE_CHECKING

from ..schema import TOPIC_NAMES, TOPICS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CJK_FAMILIES = (
    "Noto Sans CJK", "Noto Serif CJK", "Noto Sans SC", "Noto Serif SC", "Source Han Sans", "Source Han Serif",
    "WenQuanYi", "SimHei", "SimSun", "Microsoft YaHei", "PingFang", "Heiti", "STHeiti", "AR PL",
    "Droid Sans Fallback", "Sarasa",
)
DPI = 100


@cache
def cjk_font() -> str | None:
    """Family name of an installed font with Chinese glyphs, or ``None``."""
    from matplotlib import font_manager

    for entry in font_manager.fontManager.ttflist:
        if any(entry.name.startswith(family) for family in CJK_FAMILIES):
            return entry.name
    return None


def topic_label(topic: str) -> str:
    """``队伍与能力``-style name with a CJK font, the English key without one."""
    return TOPIC_NAMES[topic] if cjk_font() else topic


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def _fonts():
    """rcParams for one chart: the CJK font first when there is one (global rcParams untouched).

    Some CJK fonts come in one weight only (WenQuanYi Zen Hei is "medium"); matplotlib then logs a
    "Failed to find font weight normal" line for every label, which is noise on the user's
    terminal, so its font manager's log is limited to errors.
    """
    import logging

    import matplotlib

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    font = cjk_font()
    return matplotlib.rc_context({"font.family": [font, "DejaVu Sans"]} if font else {})


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def data_uri(png_bytes: bytes) -> str:
    """``data:image/png;base64,…`` for an ``<img src>`` or a Markdown image."""
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")


def topic_chart(counts: dict[str, int], title: str, second: dict[str, int] | None = None,
                labels: tuple[str, str] = ("problems", "measures"), ranked: bool = False) -> bytes:
    """Horizontal bars per topic, top to bottom in taxonomy order (``ranked``: in the order of
    ``counts``); ``second`` adds a second bar per topic."""
    with _fonts():
        order = list(counts) if ranked else TOPICS
        topics = [t for t in order if counts.get(t) or (second or {}).get(t)]
        fig = _figure(7, 0.45 * max(len(topics), 2) + 1.2)
        ax = fig.add_subplot()
        ys = list(range(len(topics)))[::-1]
        height = 0.4 if second is not None else 0.7
        ax.barh([y + (height / 2 if second is not None else 0) for y in ys], [counts.get(t, 0) for t in topics],
                height=height, color="#c0392b", label=labels[0])
        if second is not None:
            ax.barh([y - height / 2 for y in ys], [second.get(t, 0) for t in topics], height=height,
                    color="#27ae60", label=labels[1])
            ax.legend(loc="lower right")
        ax.set_yticks(ys, [topic_label(t) for t in topics])
        ax.set_xlabel("count")
        ax.set_title(title)
        ax.xaxis.get_major_locator().set_params(integer=True)
        return png(fig)


LINE_STYLES = ("-", "--")  # a topic's line: a colour of tab20 (13 topics, no colour twice) and a style
MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def topic_year_chart(by_year: dict[str, dict[str, int]], title: str) -> bytes:
    """One line per topic: reports admitting it, by year (``{topic: {year: n}}``).  Years are
    placed on a numeric axis, so a gap between years shows as one ("unknown" is left out)."""
    from matplotlib import colormaps

    colors = colormaps["tab20"].colors
    with _fonts():
        years = sorted({int(y) for counts in by_year.values() for y in counts if str(y).isdigit()})
        fig = _figure(7, 4)
        ax = fig.add_subplot()
        for k, topic in enumerate(t for t in TOPICS if t in by_year):
            counts = {int(y): n for y, n in by_year[topic].items() if str(y).isdigit()}
            ax.plot(years, [counts.get(y, 0) for y in years], label=topic_label(topic), color=colors[k % len(colors)],
                    marker=MARKERS[k % len(MARKERS)], linestyle=LINE_STYLES[k // 10 % len(LINE_STYLES)])
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlabel("year")
        ax.set_ylabel("reports admitting it")
        ax.set_title(title)
        ax.yaxis.get_major_locator().set_params(integer=True)
        if by_year:
            ax.legend(fontsize="small", ncols=2, loc="upper left", bbox_to_anchor=(1.01, 1))
        return png(fig)


def figures_chart(years: list[int], series: dict[str, list[float | None]], title: str) -> bytes:
    """Small multiples: one panel per figure (``{name: values by year}``), blank values skipped."""
    with _fonts():
        names = list(series)
        cols = 2
        rows = max(1, (len(names) + cols - 1) // cols)
        fig = _figure(7, 2.3 * rows + 0.6)
        fig.suptitle(title)
        for k, name in enumerate(names):
            ax = fig.add_subplot(rows, cols, k + 1)
            points = [(y, v) for y, v in zip(years, series[name]) if v is not None]
            if points:
                ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", color="#2c3e50")
            ax.set_title(name, fontsize="small")
            ax.set_xticks(years, [str(y) for y in years])
        return png(fig)
