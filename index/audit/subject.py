"""The report an audit looks at, whether just parsed (a draft) or read from the index."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..checks import Key
from ..model import Figure, Report

# Sections 2–4 hold the tables; their text is the tables' text, not narrative.
TABLE_SECTIONS = frozenset({2, 3, 4})


@dataclass
class Subject:
    """A report with where it came from; `agency_id` is its agency in the index, if any."""

    report: Report
    source: str
    agency_id: int | None = None

    @cached_property
    def cells(self) -> dict[Key, Figure]:
        return {(f.table, f.row, f.column): f for f in self.report.figures}

    @cached_property
    def rows(self) -> frozenset[tuple[int, str]]:
        return frozenset((t, r) for t, r, _ in self.cells)

    def value(self, key: Key) -> float | int | None:
        figure = self.cells.get(key)
        return None if figure is None else figure.value

    @cached_property
    def narrative(self) -> list[tuple[int, str]]:
        """(section number, text) of the sections that are prose, in order."""
        return [(s.number, s.text) for s in self.report.sections if s.number not in TABLE_SECTIONS]

    @property
    def year(self) -> int | None:
        return self.report.year
