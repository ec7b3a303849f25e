"""Markdown and other converted text: pipe tables as grids, every other line a paragraph.

Reports reach us converted from PDF or HTML by layout and OCR tools that write
markdown: `| 规章 | 0 | 0 | 0 |` rows, one small table per row group, headings marked
with `#`. Each pipe table becomes a grid like a ruled table of any other format, so the
one template-driven table parser reads it, cells placed by their header's columns.

A number printed on a line by itself beside such tables was lifted out of some cell
(a cell with a note on a second line, a page number); which cell is not said, so its
line is kept as words (`Paragraph.cells` False), never as a cell of a nearby row.
"""

from __future__ import annotations

import re

from ..document import Block, Document, Paragraph, Table

_ROW = re.compile(r"^\s*\|.*\|\s*$")
# `---|---` or `|---|---|`: the line under a table's header (outer pipes are optional)
_SEPARATOR = re.compile(
    r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$|^\s*\|\s*:?-{3,}:?\s*\|\s*$"
)
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_EMPHASIS = re.compile(r"^(\*{1,3}|_{1,3})(.+?)\1$")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def is_markdown(text: str) -> bool:
    """A pipe table's header separator (`|---|---|`, `---|---`): markdown, not plain text."""
    # every separator holds `---`: most texts are told apart without trying each line
    return "---" in text and any(_SEPARATOR.match(line) for line in text.splitlines())


def read_markdown(text: str) -> Document:
    """Pipe tables as grids (rows with or without outer pipes, from the header line
    above a separator to the next line without a pipe), other lines as paragraphs."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    lines = text.splitlines()
    for k, line in enumerate(lines):
        starts_table = k + 1 < len(lines) and _SEPARATOR.match(lines[k + 1]) and "|" in line
        if _SEPARATOR.match(line) and (rows or "|" in line):
            continue
        if _ROW.match(line) or starts_table or (rows and "|" in line):
            rows.append(_cells(line))
            continue
        if rows:
            blocks.append(_table(rows))
            rows = []
        line = _ESCAPE.sub(r"\1", _HEADING.sub("", line))
        if line.strip():
            blocks.append(Paragraph(line.strip(), cells=_may_hold_cells(line)))
    if rows:
        blocks.append(_table(rows))
    return Document(blocks, "markdown")


def _cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):  # outer pipes come in pairs: `a| b|` ends in an empty cell
        inner = inner[1:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner[1:]
    return [_plain(c) for c in re.split(r"(?<!\\)\|", inner)]


def _plain(cell: str) -> str:
    text = _ESCAPE.sub(r"\1", cell.strip())
    emphasis = _EMPHASIS.match(text)
    text = emphasis.group(2) if emphasis else text
    return re.sub(r"<br\s*/?>", "\n", text).strip()


def _table(rows: list[list[str]]) -> Table:
    """Rows of unequal length are padded with positions that hold no cell (`None`)."""
    width = max(len(r) for r in rows)
    return Table([[*r, *([None] * (width - len(r)))] for r in rows])


def _may_hold_cells(line: str) -> bool:
    """A line whose only words are numbers and bracketed notes holds a lifted-out cell."""
    return bool(_CJK.search(_BRACKETED.sub("", line)))
