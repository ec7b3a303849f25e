"""PDF reports: ruled tables from their drawn grid, every other line as a paragraph.

Agencies export their reports from Word or WPS, so each table cell is framed by drawn
rules; pdfplumber rebuilds the grid from those rules, which is far safer than guessing
columns from the spacing of numbers. A table that runs off the bottom of one page and
goes on at the top of the next is stitched back into one `Table`, so a row such as
（四）无法提供 keeps its place whatever page it is printed on.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from ..document import Block, Document, Paragraph, Table
from ..errors import UnreadableFile
from .pdf_tables import CellText, find_tables
from .pdf_text import text_lines
from .pdfium_objects import Unsupported, load_objects

log = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·]*(第\s*)?\d{1,4}\s*(页)?(\s*/\s*(共\s*)?\d{1,4}\s*页?)?[\s\-—–－·]*$"
)
# Two column rules on consecutive pages within this many points are the same rule;
# the pages of one report are often shifted by a point or two.
_EDGE_TOLERANCE = 4.0
_OUTLINE_TOLERANCE = 12.0


@dataclass
class _Grid:
    """A table found on a page, with the column rules needed to join its continuation."""

    rows: list[list[str | None]]
    row_pages: list[int]
    x0: float
    x1: float
    inner: list[float]  # x of each column rule between the outer frame lines

    def table(self) -> Table:
        return Table(self.rows, page=self.row_pages[0], row_pages=self.row_pages)


def read_pdf(data: bytes, *, pdfium: bool = True) -> Document:
    """Read a PDF that has a text layer into paragraphs and tables, in reading order.

    The pages' characters and lines are read by PDFium (`pdfium_objects`), ten times
    faster than by pdfminer, unless PDFium may read them differently; then, or when
    `pdfium` is False, by pdfminer as pdfplumber does by itself.

    Raises `UnreadableFile` for a damaged, password-protected or scanned PDF, saying
    what the person can send instead.
    """
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            meta = _meta(pdf.doc.info)
            if pdfium:
                try:
                    load_objects(data, pdf.pages)
                except Unsupported as e:
                    log.info("PDF read by pdfminer (slower): %s", e)
            blocks, chars = _read_pages(pdf.pages)
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFEncryptionError):
            raise UnreadableFile(
                "this PDF is password-protected: remove the password (print it to a new PDF) "
                "or send the report as .docx/.html/.txt"
            ) from e
        raise _damaged(e) from e
    except PSException as e:
        raise _damaged(e) from e
    if chars == 0:
        raise UnreadableFile(
            "this PDF has no text layer (a scanned image): gongkai needs a PDF with text, "
            "or the report as .docx/.html/.txt"
        )
    return Document(blocks, "pdf", meta)


def _damaged(e: Exception) -> UnreadableFile:
    log.info("damaged PDF: %s: %s", type(e).__name__, e)
    return UnreadableFile(
        "this PDF is damaged or incomplete: download it again, or send the report as "
        ".docx/.html/.txt"
    )


def _read_pages(pages: list[Page]) -> tuple[list[Block], int]:
    """All pages' blocks, with tables that continue on the next page joined."""
    blocks: list[Block | _Grid] = []
    open_grid: _Grid | None = None  # the last table, while only page numbers follow it
    chars = 0
    for number, page in enumerate(pages, 1):
        chars += len(page.chars)
        for item in _page_items(page, number):
            if isinstance(item, _Grid):
                if open_grid and open_grid.row_pages[-1] == number - 1 and _join(open_grid, item):
                    continue
                blocks.append(item)
                open_grid = item
            else:
                blocks.append(item)
                if not _PAGE_NUMBER.match(item.text):
                    open_grid = None
        page.close()
    return [b.table() if isinstance(b, _Grid) else b for b in blocks], chars


def _page_items(page: Page, number: int) -> list[Paragraph | _Grid]:
    """One page's text lines and tables, top to bottom."""
    placed: list[tuple[float, Paragraph | _Grid]] = []
    boxes = []
    text = CellText(page)
    for found in find_tables(page):
        rows = [[None if c is None else c.strip() for c in row] for row in text.extract(found)]
        if not rows or len(rows[0]) < 2:
            continue  # a framed paragraph: its text is read as prose below
        xs = sorted({cell[0] for cell in found.cells})
        x0, top, x1, _ = found.bbox
        grid = _Grid(rows, [number] * len(rows), x0, x1, xs[1:])
        placed.append((top, grid))
        boxes.append(found.bbox)
    prose = page.filter(_outside(boxes)) if boxes else page
    for top, line in text_lines(prose):
        placed.append((top, Paragraph(line, number)))
    placed.sort(key=lambda item: item[0])
    return [item for _, item in placed]


def _outside(boxes: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    """Whether a page object is anything but a character centred inside one of `boxes`
    (a page's characters are thousands: the test is made lean)."""

    def keep(obj: dict[str, Any]) -> bool:
        if obj["object_type"] != "char":
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                return False
        return True

    return keep


def _join(grid: _Grid, more: _Grid) -> bool:
    """Append `more` to `grid` when it is the same table going on; False when it is not.

    The pieces must have the same outline, and one piece's column rules must be a
    subset of the other's: a page whose rows all merge two columns draws fewer rules.
    Both are then laid on the finer set of columns, covered positions being `None`.
    """
    if abs(grid.x0 - more.x0) > _OUTLINE_TOLERANCE or abs(grid.x1 - more.x1) > _OUTLINE_TOLERANCE:
        return False
    if (spans := _spans(more.inner, grid.inner)) is not None:
        more_rows = [_spread(row, spans) for row in more.rows]
    elif (spans := _spans(grid.inner, more.inner)) is not None:
        grid.rows = [_spread(row, spans) for row in grid.rows]
        grid.inner = more.inner
        more_rows = more.rows
    else:
        return False
    grid.rows.extend(more_rows)
    grid.row_pages.extend(more.row_pages)
    return True


def _spans(coarse: list[float], fine: list[float]) -> list[int] | None:
    """How many fine columns each coarse column covers, or None if the rules differ."""
    bounds = [0]
    for edge in coarse:
        match = [i for i, x in enumerate(fine, 1) if abs(x - edge) <= _EDGE_TOLERANCE]
        if not match or match[0] <= bounds[-1]:
            return None
        bounds.append(match[0])
    bounds.append(len(fine) + 1)
    return [b - a for a, b in pairwise(bounds)]


def _spread(row: list[str | None], spans: list[int]) -> list[str | None]:
    out: list[str | None] = []
    for cell, span in zip(row, spans, strict=True):
        out.append(cell)
        out.extend([None] * (span - 1))
    return out


def _meta(info: list[dict[str, Any]]) -> dict[str, str]:
    """The document title, when the PDF's own metadata holds a Chinese one.

    Word and WPS often write it as UTF-16 with a little-endian BOM, which the PDF
    standard does not allow and pdfminer does not decode, hence the bytes are read here.
    """
    raw = resolve1(next((d["Title"] for d in info if "Title" in d), None))
    if isinstance(raw, bytes):
        for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
            if raw.startswith(bom):
                raw = raw[len(bom) :].decode(codec, "replace")
                break
        else:
            raw = raw.decode("utf-8", "replace")
    if isinstance(raw, str) and re.search(r"[\u4e00-\u9fff]", raw):
        return {"title": raw.strip()}
    return {}
