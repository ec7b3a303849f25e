"""One figure across every report, as arrays: what rankings, sums and means read.

A national index holds some 300,000 reports. Reading one cell of all of them is one
range of `figure_values` in SQLite but 300,000 rows into Python, so each cell is read
once and kept (a bounded number of cells, least recently used first out) as a numpy
array aligned with the index's reports. An answer across agencies reads a `Group` of
those reports: one year's, or each agency's latest (the default when a question names no
year: a ranking over "the latest year in the index" would leave out every agency whose
latest report is older). A blank or unprinted cell is NaN, and NaN stays NaN through a
sum: a report that leaves any part of a figure blank has no total, which is what the
answer then says instead of counting it as zero.
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
class Group:
    """Some of the index's reports: `positions` into its reports (ordered by id), and each
    one's id, agency and year. `year` is None for each agency's latest report, or (`asked`)
    for each agency's report of the year the question gives it."""

    year: int | None
    positions: np.ndarray
    report_ids: np.ndarray
    agency_ids: np.ndarray
    years: np.ndarray
    asked: bool = False

    @property
    def span(self) -> tuple[int, int]:
        """The first and last year the group's reports cover."""
        return int(self.years.min()), int(self.years.max())


@dataclass(frozen=True)
class Spread:
    """A measure in every report of a group: NaN where the report gives no total."""

    group: Group
    totals: np.ndarray


@dataclass(frozen=True)
class _Reports:
    ids: np.ndarray
    agency_ids: np.ndarray
    years: np.ndarray


class Columns:
    """Cells across all reports, loaded on first use and kept up to `capacity` cells."""

    def __init__(self, query: Query, capacity: int = 48) -> None:
        self._query = query
        self._capacity = capacity
        self._reports: _Reports | None = None
        self._groups: dict[int | None, Group] = {}
        self._cells: OrderedDict[Cell, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def reports(self) -> _Reports:
        if self._reports is None:
            rows = self._query("select id, agency_id, year from reports order by id", ())
            self._reports = _Reports(
                np.fromiter((r[0] for r in rows), np.int64, len(rows)),
                np.fromiter((r[1] for r in rows), np.int64, len(rows)),
                np.fromiter((r[2] for r in rows), np.int64, len(rows)),
            )
        return self._reports

    def group(self, year: int | None) -> Group | None:
        """The reports of `year`, or each agency's latest when `year` is None; None when
        no report is of that year."""
        if year in self._groups:
            return self._groups[year]
        r = self.reports()
        if year is None:
            # the last report of each agency in (agency, year) order
            order = np.lexsort((r.years, r.agency_ids))
            last = np.ones(len(order), bool)
            last[:-1] = r.agency_ids[order][1:] != r.agency_ids[order][:-1]
            positions = np.sort(order[last])
        else:
            positions = np.flatnonzero(r.years == year)
        if not len(positions):
            return None
        group = Group(
            year, positions, r.ids[positions], r.agency_ids[positions], r.years[positions]
        )
        self._groups[year] = group
        return group

    def group_of(self, pairs: Sequence[tuple[int, int]]) -> Group:
        """The reports of the (agency id, year) pairs a question names (平潭2021年和淮安2024年):
        each agency's report of its own year; those the index lacks are not in it."""
        r = self.reports()
        wanted = np.zeros(len(r.ids), bool)
        for agency_id, year in pairs:
            wanted |= (r.agency_ids == agency_id) & (r.years == year)
        positions = np.flatnonzero(wanted)
        return Group(
            None, positions, r.ids[positions], r.agency_ids[positions], r.years[positions], True
        )

    def cell(self, cell: Cell) -> tuple[np.ndarray, np.ndarray]:
        """(values, printed) for every report of the index: NaN where blank or not printed."""
        with self._lock:
            cached = self._cells.get(cell)
            if cached is not None:
                self._cells.move_to_end(cell)
                return cached
        loaded = self._load(cell)
        with self._lock:
            self._cells[cell] = loaded
            while len(self._cells) > self._capacity:
                self._cells.popitem(last=False)
        return loaded

    def _load(self, cell: Cell) -> tuple[np.ndarray, np.ndarray]:
        # figure_values holds a cell's values together, under the cell's number in
        # `cells`; an index no writer has opened since an older gongkai made it
        # (read-only, say) is read from its figures
        ordered = self._query("select 1 from sqlite_master where name = 'cells'", ())
        rows = self._query(
            "select report_id, value from figure_values where cell = "
            "(select id from cells where table_number = ? and row_key = ? and column_key = ?)"
            if ordered
            else "select report_id, value from figures "
            "where table_number = ? and row_key = ? and column_key = ?",
            cell,
        )
        ids = self.reports().ids
        rids = np.fromiter((r[0] for r in rows), np.int64, len(rows))
        vals = np.fromiter(
            (math.nan if r[1] is None else r[1] for r in rows), np.float64, len(rows)
        )
        values = np.full(len(ids), np.nan)
        printed = np.zeros(len(ids), bool)
        if len(ids):
            pos = np.minimum(np.searchsorted(ids, rids), len(ids) - 1)
            hit = ids[pos] == rids
            values[pos[hit]] = vals[hit]
            printed[pos[hit]] = True
        return values, printed

    def spread(self, row_sets: Sequence[Sequence[Cell]], group: Group) -> Spread:
        """The measure's total in each report of the group.

        Each report uses the first row set it prints any cell of (（六）其他处理 as three
        rows or as one), as a single report's answer does.
        """
        n = len(group.positions)
        totals = np.full(n, np.nan)
        chosen = np.zeros(n, bool)
        for cells in row_sets:
            printed_any = np.zeros(n, bool)
            total = np.zeros(n)
            for cell in cells:
                values, printed = self.cell(cell)
                printed_any |= printed[group.positions]
                total = total + values[group.positions]
            use = printed_any & ~chosen
            totals[use] = total[use]
            chosen |= printed_any
        return Spread(group, totals)
