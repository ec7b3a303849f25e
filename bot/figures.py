"""From "which figure" to the cells of one report, their sum, and the identities they break.

A figure a person asks for may be one cell or the sum of several (不予公开 is eight
rows; 法人或其他组织 five columns). A sum is only given when every cell holds a
number: a blank cell is not a zero, so a sum over one is refused and the cells are
shown instead. The identities are those of `index.checks`, so a warning names exactly
the rule the indexer recorded as failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.checks import identities
from index.template import LABELS

from .catalogue import APPLICANT_GROUPS, Measure
from .normalize import letters
from .queries import Cell, ReportRow

_RULE_CELLS: dict[str, set[Cell]] = {}
for _single in (False, True):
    for _identity in identities(_single):
        _RULE_CELLS.setdefault(_identity.rule, set()).update(_identity.keys)


@dataclass(frozen=True)
class Selection:
    """A measure and the column(s) asked for. `column` is a key of the table or `org`."""

    measure: Measure
    column: str

    @property
    def columns(self) -> tuple[str, ...]:
        if self.measure.table == 3:
            return APPLICANT_GROUPS[self.column]
        return (self.column,)

    def cells(self, rows: tuple[str, ...]) -> list[Cell]:
        return [(self.measure.table, r, c) for r in rows for c in self.columns]


@dataclass
class Resolved:
    """The cells of one selection in one report, and their sum when every one holds a number."""

    selection: Selection
    cells: list[Cell]
    values: dict[Cell, float | int | None]  # only the cells the report prints
    total: float | int | None

    @property
    def missing(self) -> list[Cell]:
        """Cells the report does not print at all."""
        return [c for c in self.cells if c not in self.values]

    @property
    def blank(self) -> list[Cell]:
        """Cells the report prints without a number."""
        return [c for c in self.cells if c in self.values and self.values[c] is None]


def rows_for(measure: Measure, report: ReportRow) -> tuple[str, ...] | None:
    """The first of the measure's row sets that the report prints whole, else the first it
    prints any row of (a row it leaves out is then a missing cell), if any."""
    for rows in measure.row_sets:
        if all(report.has_row(measure.table, r) for r in rows):
            return rows
    for rows in measure.row_sets:
        if any(report.has_row(measure.table, r) for r in rows):
            return rows
    return None


def table2_columns(measure: Measure, report: ReportRow) -> list[str]:
    """The columns the report prints for a table-2 row, in template order."""
    order = list(LABELS.columns[2])
    cols = {c for t, r, c in report.figures if t == 2 and r in measure.rows}
    return sorted(cols, key=order.index)


def resolve(selection: Selection, report: ReportRow) -> Resolved | None:
    """The selection in this report, or None when the report has no such row."""
    rows = rows_for(selection.measure, report)
    if rows is None:
        return None
    cells = selection.cells(rows)
    values = {c: report.figures[c].value for c in cells if c in report.figures}
    total = add(values[c] if c in values else None for c in cells)
    return Resolved(selection, cells, values, total)


def add(values) -> float | int | None:
    """The sum, or None when any value is missing: a blank is never taken as 0."""
    total: float | int = 0
    for v in values:
        if v is None:
            return None
        total += v
    if isinstance(total, float):
        return int(total) if total.is_integer() else round(total, 6)
    return total


def broken_rules(cells: list[Cell], report: ReportRow) -> list[tuple[str, str]]:
    """The report's failed identities that involve any of `cells`: (rule, detail)."""
    wanted = set(cells)
    out = []
    for rule, detail in report.failed:
        involved = _RULE_CELLS.get(rule)
        if involved is None or involved & wanted:
            # an unknown rule might involve the figure: warn rather than stay silent
            if involved is not None or _same_table(rule, cells):
                out.append((rule, detail))
    return out


def _same_table(rule: str, cells: list[Cell]) -> bool:
    tables = {t for t, _, _ in cells}
    return any(rule.startswith(f"t{t}.") for t in tables) or not rule.startswith("t")


def row_label(table: int, row: str, printed: str | None) -> str:
    """The row's label for a citation: as the report printed it when that reads as a label.

    The template's label is used when the printed one is a fragment of it (the parser
    keeps what it matched) or is not a label at all (a table header run together).
    """
    template = LABELS.rows[table][row].label
    if printed and len(printed) <= 40:
        p, t = letters(printed), letters(template)
        if p and p not in t:
            return printed
    return template


def column_label(table: int, column: str, language: str) -> str:
    zh, en = LABELS.columns[table][column]
    return zh if language == "zh" else en
