"""What every format reader produces: a document as paragraphs and ruled tables.

Readers (text, HTML, Word, PDF) differ only in how they get here. Everything after
this point (sections, tables, checks) is one code path for all formats.

A `Table` is a grid already expanded from its merges: `rows[i][j]` is the text of the
cell whose top-left corner is at (i, j), `""` for a cell printed empty, and `None` for
a position covered by a merged cell that starts above or to the left. Keeping blank
cells apart from covered ones is what lets a blank cell become a figure with no value
instead of shifting its neighbours.

A row with fewer cells than the table is wide (HTML and Word let a row stop early) is
padded to the table's width with `""`, and `Table.padded` names those positions: they
hold no cell at all, so they are never read as a blank cell of the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    page: int | None = None
    # False for a line whose numbers cannot be table cells: a number printed alone beside
    # a markdown table was lifted out of some cell, and which one is not said
    cells: bool = True


@dataclass
class Table:
    rows: list[list[str | None]]
    page: int | None = None
    # page of each row where a table spans pages (PDF); empty when unknown
    row_pages: list[int] = field(default_factory=list)
    # (row, column) positions a short row was padded at: no cell was printed there
    padded: frozenset[tuple[int, int]] = frozenset()


Block = Paragraph | Table


@dataclass
class Document:
    """A report as read from a file, before any interpretation."""

    blocks: list[Block]
    source_format: str  # "text", "html", "docx", "pdf"
    # metadata the container itself gives (an HTML page's 发布机构 table, a PDF title)
    meta: dict[str, str] = field(default_factory=dict)
