"""A page's ruled tables and their cells' text, as pdfplumber finds and reads them, faster.

pdfplumber spends most of its table time in two steps that need not be quadratic.
`intersections_to_cells` builds, for every pair of points it tests, the sets of the edges
through each; `Table.extract` tests every character of the page against every row, and
every character of a row against each of its cells (some 200,000 tests for a six-page
report). Here the same steps work on each point's edges gathered once, and on the
characters sorted once by the middle of their boxes; they give the same cells and the
same characters, in the same order. Everything else is pdfplumber's own code: the edges,
their intersections, cells grouped into tables, a table's rows; a cell's text is
`extract_text`'s (`pdf_text.cell_text`). tests/test_pdf_tables.py compares both steps
with pdfplumber's.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable
from functools import cached_property
from typing import Any

from pdfplumber.page import Page
from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.table import (
    intersections_to_cells as plumber_intersections_to_cells,
)
from pdfplumber.utils import obj_to_bbox

from .pdf_text import cell_text

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def find_tables(page: Page) -> list[Table]:
    """`page.find_tables()` with pdfplumber's default settings."""
    return _Finder(page).tables


class _Finder(TableFinder):
    """pdfplumber's `TableFinder.__init__` step by step, cells found by
    `intersections_to_cells` below."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.settings = TableSettings.resolve(None)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges,
            self.settings.intersection_x_tolerance,
            self.settings.intersection_y_tolerance,
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(page, group) for group in cells_to_tables(self.cells)]


def intersections_to_cells(intersections: dict[Point, dict[str, list[Any]]]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`: for each point, in order, the smallest cell
    it is the top left corner of, trying the points below it and then those to its right
    in the same order, with the same test of a shared edge (by its box)."""
    if any(math.isnan(v) for point in intersections for v in point):
        return plumber_intersections_to_cells(intersections)  # NaN breaks sorting
    vertical = {p: {obj_to_bbox(e) for e in edges["v"]} for p, edges in intersections.items()}
    horizontal = {p: {obj_to_bbox(e) for e in edges["h"]} for p, edges in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        return (p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2])) or (
            p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])
        )

    points = sorted(intersections)
    # the points after each one (in sorted order) with its x, and with its y
    below: dict[Point, list[Point]] = {}
    right: dict[Point, list[Point]] = {}
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for point in reversed(points):
        column = columns.setdefault(point[0], [])
        row = rows.setdefault(point[1], [])
        below[point] = column[::-1]
        right[point] = row[::-1]
        column.append(point)
        row.append(point)
    cells: list[Box] = []
    for pt in points:
        cell = _smallest_cell(pt, below[pt], right[pt], intersections, connects)
        if cell:
            cells.append(cell)
    return cells


def _smallest_cell(
    pt: Point,
    below: list[Point],
    right: list[Point],
    intersections: dict[Point, Any],
    connects: Callable[[Point, Point], bool],
) -> Box | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if (
                corner in intersections
                and connects(corner, right_pt)
                and connects(corner, below_pt)
            ):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


class CellText:
    """The text of tables' cells on one page, as `Table.extract()` reads it.

    A character belongs to a row, and then to a cell, when the middle of its box lies
    within (left and top edges in, right and bottom out), and a cell's characters go to
    `extract_text` (`cell_text`) in the page's order.
    """

    def __init__(self, page: Page) -> None:
        self.chars = page.chars

    @cached_property
    def _middles(self) -> list[tuple[float, float, int]]:
        """Each character's middle (vertical, horizontal) and its place, by the middle."""
        middles = []
        for n, char in enumerate(self.chars):
            v = (char["top"] + char["bottom"]) / 2
            h = (char["x0"] + char["x1"]) / 2
            if v == v and h == h:  # a NaN lies in no box
                middles.append((v, h, n))
        middles.sort()
        return middles

    @cached_property
    def _vs(self) -> list[float]:
        return [v for v, _, _ in self._middles]

    def extract(self, table: Table) -> list[list[str | None]]:
        """`table.extract()`, with no options."""
        out = []
        for row in table.rows:
            x0, top, x1, bottom = row.bbox
            found = self._middles[bisect_left(self._vs, top) : bisect_left(self._vs, bottom)]
            in_row = sorted((n, v, h) for v, h, n in found if x0 <= h < x1)
            texts: list[str | None] = []
            for cell in row.cells:
                if cell is None:
                    texts.append(None)
                    continue
                left, upper, right, lower = cell
                chars = [
                    self.chars[n] for n, v, h in in_row if left <= h < right and upper <= v < lower
                ]
                texts.append(cell_text(chars) if chars else "")
            out.append(texts)
        return out
