"""The one intermediate shape shared by the grid and text readers: a printed row."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    """One printed row of table 2 or 3.

    ``label`` is the row's own label (its rightmost label cell, or the text on its line);
    ``context`` is the label text around it (group cells, wrapped label lines before it);
    ``cells`` are its value cells as printed, left to right (``""`` = blank);
    ``columns`` names each cell's column key when a header gave it (``None`` entries are ignored);
    ``blanks_lost``: the cells come from text that drops blank cells (PDF text, a page scraped one
    cell per line), so a row with fewer cells than columns cannot tell which of them were blank.
    """

    label: str
    context: str = ""
    cells: list[str] = field(default_factory=list)
    columns: list[str | None] | None = None
    blanks_lost: bool = False
