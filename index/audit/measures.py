"""Figures as people name them (`bot.catalogue`: 不予公开 is eight rows) in one report."""

from __future__ import annotations

from collections.abc import Sequence

from bot.catalogue import MEASURES, Term

from ..checks import Key
from .subject import Subject


def cells_of(subject: Subject, terms: Sequence[Term]) -> list[Key] | None:
    """The cells the terms (measure, column) sum in this report: the first of each
    measure's row sets the report prints (（六）其他处理 is one row in older forms).
    None when the report prints no row of a measure."""
    out: list[Key] = []
    for key, column in terms:
        measure = MEASURES[key]
        rows = next(
            (rs for rs in measure.row_sets if any((measure.table, r) in subject.rows for r in rs)),
            None,
        )
        if rows is None:
            return None
        out.extend((measure.table, r, column) for r in rows)
    return out


def total(subject: Subject, terms: Sequence[Term]) -> int | float | None:
    """The sum of the terms, or None when a cell is missing or blank (never taken as 0)."""
    cells = cells_of(subject, terms)
    if cells is None:
        return None
    values = [subject.value(c) for c in cells]
    if any(v is None for v in values):
        return None
    result = sum(values)  # type: ignore[arg-type]
    return int(result) if float(result).is_integer() else round(result, 6)
