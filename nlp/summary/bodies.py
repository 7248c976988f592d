"""Which body issued a report: the agency name normalised, so one body's reports link across years.

Rule: full-width forms and whitespace removed, ``人民政府`` written ``政府``, a government named by
its place alone given its word (贵阳市: 贵阳市政府; 某街道: 某街道办事处), and of the place names
that open the name (``places_in``: 青禾县鹭汀镇…) only the last is kept, since the last place and
what follows it name the body; the places above it are spelled out in some years and not in others.
A report without an agency is a body of its own, named after its file.

>>> body_name("青禾县 鹭汀镇人民政府"), body_name("鹭汀镇政府"), body_name("岚川县自然资源局"), body_name("鹭汀镇")
('鹭汀镇政府', '鹭汀镇政府', '岚川县自然资源局', '鹭汀镇政府')
"""

from __future__ import annotations

from pathlib import Path

from ..meta import places_in
from ..model import Report
from ..numbers import nfkc


def body_name(agency: str) -> str:
    """The normalised name of an agency (see the module docstring)."""
    name = "".join(nfkc(agency).split()).replace("人民政府", "政府")
    places = places_in(name)
    if places and "".join(places) == name:  # the place alone names its government
        name += "办事处" if name.endswith("街道") else "政府"
    if len(places) > 1:
        name = name[sum(len(p) for p in places[:-1]) :]
    return name


def body_of(report: Report) -> str:
    """The body a report belongs to."""
    if report.meta.agency:
        return body_name(report.meta.agency)
    return f"({Path(report.source).name if report.source else 'unknown agency'})"
