"""`index.readers.pdf_tables` finds the cells and reads the text pdfplumber does.

pdfplumber is the source of truth: on every page of every PDF in the tests and the
devset (read both by PDFium, where it can, and by pdfminer) and of PDFs drawn here to hold the hard
cases (merged cells, empty cells, text crossing a rule, a character centred on one, two
tables on a page), the tables, cells and cell texts must be pdfplumber's own, in order.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pdfplumber
import pytest
from pdfplumber.page import Page
from pdfplumber.table import TableFinder
from pdfplumber.table import intersections_to_cells as plumber_intersections_to_cells

from index.readers.pdf_tables import CellText, find_tables, intersections_to_cells
from index.readers.pdfium_objects import Unsupported, load_objects

from .conftest import DEVSET
from .pdf_fixtures import sans_pdf
from .test_pdfium import DATA, REAL_PDFS, SYNTHETIC, TABLE


def _segment(x0: float, y0: float, x1: float, y1: float) -> bytes:
    return b"%.2f %.2f m %.2f %.2f l S" % (x0, y0, x1, y1)


def _text(x: float, y: float, text: str, size: float = 10) -> bytes:
    return b"BT /F1 %.2f Tf %.3f %.3f Td (%s) Tj ET" % (size, x, y, text.encode())


def _grid(left: float, top: float, widths: list[float], heights: list[float]) -> tuple:
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    return xs, ys


def _merged_table() -> bytes:
    """A 4×5 grid: row 0 merges columns 1–2, column 0 merges rows 2–3, some cells empty,
    a label runs over its cell's right rule, characters centred on a rule (in the font
    of `sans_pdf`, "A" is 5 points wide at 10 points, so x - 2.5 centres it on x), two
    characters at one place."""
    xs, ys = _grid(60, 700, [120, 80, 80, 90], [22, 22, 30, 22, 30])
    out = [b"0.5 w"]
    for r, y in enumerate(ys):
        out.append(_segment(xs[1] if r == 3 else xs[0], y, xs[-1], y))
    for c, x in enumerate(xs):
        out.append(_segment(x, ys[1] if c == 2 else ys[0], x, ys[-1]))
    out += [
        _text(64, 685, "Item"),
        _text(184, 685, "Merged header across"),
        _text(344, 685, "Total"),
        _text(64, 663, "Label running over the rule"),
        _text(264, 663, "12"),
        _text(344, 663, "7"),
        _text(64, 640, "Spanning two rows"),
        _text(xs[2] - 2.5, 640, "A"),  # centred on a column rule: the right cell's
        _text(xs[4] - 2.5, 611, "A"),  # centred on the frame's right rule: no cell's
        _text(264, 611, "y", size=7),  # two characters at one x: the page's order,
        _text(264, 611, "X"),  # though the second's middle is higher
        _text(xs[0] - 2.5, 592, "A"),  # on the frame's left rule: the first cell's
        _text(184, 592, "two"),
        _text(184, 582, "lines"),
    ]
    return b"\n".join(out)


def _two_tables() -> bytes:
    """Two tables on one page with a line of text between, and a table whose cells are
    all empty."""
    first = TABLE
    xs, ys = _grid(60, 400, [100, 100, 100], [20, 20])
    second = [_segment(xs[0], y, xs[-1], y) for y in ys]
    second += [_segment(x, ys[0], x, ys[-1]) for x in xs]
    return b"\n".join([first, _text(60, 500, "Between the tables"), *second])


DRAWN = {
    "merged and empty cells": sans_pdf(_merged_table()),
    "two tables": sans_pdf(_two_tables()),
    **{name: SYNTHETIC[name] for name in ("table and lines", "scaled by cm", "a form")},
}


def _pages(data: bytes, *, pdfium: bool) -> Iterator[Page]:
    """The pages of `data`, their objects read by PDFium (where it can) or by pdfminer."""
    with pdfplumber.open(io.BytesIO(data), password=PASSWORD) as pdf:
        if pdfium:
            with contextlib.suppress(Unsupported):  # then pdfminer reads them, as gongkai does
                load_objects(data, pdf.pages)
        yield from pdf.pages


# every PDF of the tests and the devset, and the drawn ones, each read both ways
PDFS = {
    p.name: p.read_bytes() for p in [*sorted(DATA.glob("*.pdf")), *sorted(DEVSET.glob("*.pdf"))]
}
PASSWORD = "secret"  # tests/data/password.pdf's
WITH_TABLES = {p.name for p in REAL_PDFS} | set(DRAWN)
CASES = [
    pytest.param(name, data, pdfium, id=f"{name}-{'pdfium' if pdfium else 'pdfminer'}")
    for name, data in [*PDFS.items(), *DRAWN.items()]
    for pdfium in (True, False)
]


@pytest.mark.parametrize(("name", "data", "pdfium"), CASES)
def test_tables_cells_and_texts_are_pdfplumbers(name: str, data: bytes, pdfium: bool) -> None:
    tables_seen = 0
    for page in _pages(data, pdfium=pdfium):
        theirs = page.find_tables()
        mine = find_tables(page)
        assert [t.cells for t in mine] == [t.cells for t in theirs]
        assert [t.bbox for t in mine] == [t.bbox for t in theirs]
        text = CellText(page)
        for table in theirs:
            assert text.extract(table) == table.extract()
        tables_seen += len(theirs)
    assert tables_seen or name not in WITH_TABLES  # the comparison is not vacuous


@pytest.mark.parametrize(("name", "data", "pdfium"), CASES)
def test_cells_of_the_intersections_are_pdfplumbers(name: str, data: bytes, pdfium: bool) -> None:
    for page in _pages(data, pdfium=pdfium):
        intersections = TableFinder(page).intersections
        assert intersections_to_cells(intersections) == plumber_intersections_to_cells(
            intersections
        )


def test_the_drawn_cases_are_there() -> None:
    """The merged-cell page holds what it is meant to: a cell spanning two columns, one
    spanning two rows, empty cells, text crossing a rule, characters centred on rules
    and two at one place."""
    (page,) = _pages(DRAWN["merged and empty cells"], pdfium=True)
    (table,) = page.find_tables()
    assert table.extract() == [
        ["Item", "Merged header across", None, "Total"],
        ["Label running over th", "e rule", "12", "7"],
        ["Spanning two rows", "", "A", ""],
        [None, "", "yX", ""],
        ["A", "two\nlines", "", ""],
    ]
