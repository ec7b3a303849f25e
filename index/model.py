"""A parsed report: what `python -m index parse --json` prints and what the store keeps."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    """One printed table cell. `value` is None when the cell holds no number."""

    table: int
    row: str
    column: str
    value: float | int | None
    raw: str
    note: str | None = None
    label: str = ""  # the row label as printed, for citations
    page: int | None = None

    def __reduce__(self) -> tuple[type[Figure], tuple[Any, ...]]:
        """Pickled as its values: a parallel build hands every report from a worker to
        the writer, and pickling two hundred figures field by field (the default) cost
        the writer a quarter of what storing them does."""
        return Figure, (
            self.table,
            self.row,
            self.column,
            self.value,
            self.raw,
            self.note,
            self.label,
            self.page,
        )


@dataclass
class Section:
    number: int
    title: str
    text: str
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Check:
    rule: str
    status: str  # "pass", "fail", "not_assessable"
    detail: str
    cells: list[str] = field(default_factory=list)  # dotted keys of the figures involved

    def __reduce__(self) -> tuple[type[Check], tuple[Any, ...]]:
        """Pickled as its values, as `Figure` is."""
        return Check, (self.rule, self.status, self.detail, self.cells)


@dataclass
class Report:
    agency: str | None
    year: int | None
    format: str
    title: str
    figures: list[Figure]
    sections: list[Section]
    checks: list[Check]
    warnings: list[str]
    source_format: str = "text"
    # what the report says before its first section: its title, the law it is made under,
    # where to download it and whom to ask about it (电话, 地址); prose, not a seventh section
    preamble: str = ""

    def figure(self, table: int, row: str, column: str) -> Figure | None:
        for f in self.figures:
            if (f.table, f.row, f.column) == (table, row, column):
                return f
        return None

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT.md shape, plus a few extra fields."""
        return {
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "title": self.title,
            "source_format": self.source_format,
            "figures": [
                {
                    "table": f.table,
                    "row": f.row,
                    "column": f.column,
                    "value": f.value,
                    "raw": f.raw,
                    "note": f.note,
                    "label": f.label,
                    "page": f.page,
                }
                for f in self.figures
            ],
            "sections": [asdict(s) for s in self.sections],
            "checks": [asdict(c) for c in self.checks],
            "warnings": list(self.warnings),
            "preamble": self.preamble,
        }
