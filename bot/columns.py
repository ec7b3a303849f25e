"""One figure across every report of a year, as arrays: what rankings and sums read.

A national index holds some 300,000 reports. Reading one cell of all of them is one
index range in SQLite but 300,000 rows into Python, so each cell is read once and kept
(a bounded number of cells, least recently used first out) as a numpy array aligned
with the year's report ids. A blank or unprinted cell is NaN, and NaN stays NaN
through a sum: a report that leaves any part of a figure blank has no total, which is
what the answer then says instead of counting it as zero.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Cell = tuple[int, str, str]
Query = Callable[[str, Sequence[object]], list[tuple]]


@dataclass(frozen=True)
class Year:
    """The reports of one year: ids in increasing order, and each one's agency."""

    report_ids: np.ndarray
    agency_ids: np.ndarray


@dataclass(frozen=True)
class Spread:
    """A measure in every report of a year: NaN where the report gives no total."""

    year: Year
    totals: np.ndarray


class Columns:
    """Cells across all reports, loaded on first use and kept up to `capacity` cells."""

    def __init__(self, query: Query, capacity: int = 48) -> None:
        self._query = query
        self._capacity = capacity
        self._years: dict[int, Year] | None = None
        self._cells: OrderedDict[Cell, dict[int, tuple[np.ndarray, np.ndarray]]] = OrderedDict()
        self._lock = threading.Lock()

    def years(self) -> dict[int, Year]:
        if self._years is None:
            rows = self._query("select id, agency_id, year from reports order by id", ())
            ids = np.fromiter((r[0] for r in rows), np.int64, len(rows))
            agencies = np.fromiter((r[1] for r in rows), np.int64, len(rows))
            years = np.fromiter((r[2] for r in rows), np.int64, len(rows))
            self._years = {
                int(y): Year(ids[years == y], agencies[years == y]) for y in np.unique(years)
            }
        return self._years

    def cell(self, cell: Cell, year: int) -> tuple[np.ndarray, np.ndarray]:
        """(values, printed) for every report of `year`: NaN where blank or not printed."""
        with self._lock:
            cached = self._cells.get(cell)
            if cached is not None:
                self._cells.move_to_end(cell)
        if cached is None:
            cached = self._load(cell)
            with self._lock:
                self._cells[cell] = cached
                while len(self._cells) > self._capacity:
                    self._cells.popitem(last=False)
        empty = np.zeros(0)
        return cached.get(year, (empty, empty.astype(bool)))

    def _load(self, cell: Cell) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        rows = self._query(
            "select report_id, value from figures where table_number = ? and row_key = ? and column_key = ?",
            cell,
        )
        rids = np.fromiter((r[0] for r in rows), np.int64, len(rows))
        vals = np.fromiter(
            (math.nan if r[1] is None else r[1] for r in rows), np.float64, len(rows)
        )
        out = {}
        for y, year in self.years().items():
            values = np.full(len(year.report_ids), np.nan)
            printed = np.zeros(len(year.report_ids), bool)
            if len(year.report_ids):
                pos = np.searchsorted(year.report_ids, rids)
                pos_clipped = np.minimum(pos, len(year.report_ids) - 1)
                hit = year.report_ids[pos_clipped] == rids
                values[pos_clipped[hit]] = vals[hit]
                printed[pos_clipped[hit]] = True
            out[y] = (values, printed)
        return out

    def spread(self, row_sets: Sequence[Sequence[Cell]], year: int) -> Spread | None:
        """The measure's total in each report of `year`; None when no report is of that year.

        Each report uses the first row set it prints any cell of (（六）其他处理 as three
        rows or as one), as a single report's answer does.
        """
        y = self.years().get(year)
        if y is None:
            return None
        totals = np.full(len(y.report_ids), np.nan)
        chosen = np.zeros(len(y.report_ids), bool)
        for cells in row_sets:
            printed_any = np.zeros(len(y.report_ids), bool)
            total = np.zeros(len(y.report_ids))
            for cell in cells:
                values, printed = self.cell(cell, year)
                printed_any |= printed
                total = total + values
            use = printed_any & ~chosen
            totals[use] = total[use]
            chosen |= printed_any
        return Spread(y, totals)
