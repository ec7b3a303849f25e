"""What a cell may hold: its value, or, where the parser could not tell, every reading.

Crawled text loses cell separators (`行政规范性文件77132470`); when neither the
report's identities nor its narrative decide how the run splits, the parser leaves the
cells without a value. The audit can still say something sound about them: a figure
stated as 393 is not the table's when no split of the printed run reads 393. A check
that compares such a cell holds when any reading of it agrees, so the audit never
reports what a reading would explain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import product

from ..checks import Key
from ..runs import splits
from ..template import TABLE2_LINES_2019, TABLE2_LINES_2021, TABLE3_LINES, TABLE4_LINES, Line
from .subject import Subject

Term = tuple[Key, int]  # a cell and its sign in a sum
MAX_READINGS = 10_000
_RUNS = re.compile(r"-?\d+(?: -?\d+)*")


@cache
def template_lines(fmt: str) -> dict[Key, Line]:
    """The printed line each cell is read from: a run of digits belongs to one line."""
    table2 = TABLE2_LINES_2019 if fmt == "2019" else TABLE2_LINES_2021
    out: dict[Key, Line] = {}
    for table, lines in ((2, table2), (3, TABLE3_LINES), (4, TABLE4_LINES)):
        for line in lines:
            for row, column in line.cells:
                out[(table, row, column)] = line
    return out


@cache
def row_cells(fmt: str) -> dict[tuple[int, str], list[Key]]:
    """The template's cells of each row, in order."""
    out: dict[tuple[int, str], list[Key]] = {}
    for key in template_lines(fmt):
        out.setdefault(key[:2], []).append(key)
    return out


def line_readings(subject: Subject, table: int, line: Line) -> list[tuple[int | float, ...]]:
    """Every reading of the line's cells: one when all were read, the splits of the
    printed run consistent with the cells that were, none when a cell is missing or
    holds text that is no run of digits."""
    keys = [(table, r, c) for r, c in line.cells]
    figures = [subject.cells.get(k) for k in keys]
    if any(f is None for f in figures):
        return []
    unread = [f for f in figures if f.value is None]  # type: ignore[union-attr]
    if not unread:
        return [tuple(f.value for f in figures)]  # type: ignore[union-attr, misc]
    raw = unread[0].raw
    if not _RUNS.fullmatch(raw) or any(f.raw != raw for f in unread):
        return []
    if any(f.value is not None and f.note != f"split from '{raw}'" for f in figures):  # type: ignore[union-attr]
        return []  # a cell read on its own is no part of the run
    return [
        tuple(option)
        for option in splits(raw.split(), keys)
        if all(f.value is None or f.value == v for f, v in zip(figures, option, strict=True))  # type: ignore[union-attr]
    ]


def possible(subject: Subject, terms: Sequence[Term]) -> frozenset[int | float] | None:
    """Every value the signed sum of `terms` may have in this report; None when a cell
    is missing, holds no number, or reads in too many ways to say anything."""
    lines = template_lines(subject.report.format)
    by_line: dict[tuple[int, Line], list[tuple[int, int]]] = {}
    for key, sign in terms:
        line = lines.get(key)
        if line is None or key not in subject.cells:
            return None
        position = line.cells.index((key[1], key[2]))
        by_line.setdefault((key[0], line), []).append((position, sign))
    sums: set[int | float] = {0}
    for (table, line), positions in by_line.items():
        readings = _fixed(subject, table, line, positions) or line_readings(subject, table, line)
        if not readings:
            return None
        partial = {sum(sign * r[p] for p, sign in positions) for r in readings}
        sums = {_clean(a + b) for a, b in product(sums, partial)}
        if len(sums) > MAX_READINGS:
            return None
    return frozenset(sums)


def _fixed(
    subject: Subject, table: int, line: Line, positions: Iterable[tuple[int, int]]
) -> list[tuple[int | float, ...]]:
    """The one reading of the cells asked for, when each of them was read (the rest of
    the line does not matter then)."""
    values: list[int | float] = [0] * len(line.cells)
    for p, _ in positions:
        value = subject.value((table, *line.cells[p]))
        if value is None:
            return []
        values[p] = value
    return [tuple(values)]


def _clean(value: int | float) -> int | float:
    if isinstance(value, float):
        value = round(value, 6)
        return int(value) if value.is_integer() else value
    return value


def shown(subject: Subject, key: Key) -> int | float | str | None:
    """The cell as a finding shows it: its value, else the text printed there."""
    figure = subject.cells.get(key)
    if figure is None:
        return None
    return figure.value if figure.value is not None else (figure.raw or None)


def single(values: frozenset[int | float] | None) -> int | float | None:
    return next(iter(values)) if values is not None and len(values) == 1 else None
