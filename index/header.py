"""Which template column each column of a grid holds, read from the table's own header.

A ruled table (PDF, HTML, Word, markdown) says where its columns are: the header cell
自然人 sits over the natural persons' numbers, whatever the rows below do with their
label cells. Placing a row's cells by the column their header names, rather than by
their order in the row, is what keeps an empty label cell, a label spanning two columns
or a stray cell from moving every value of the row one column over.
"""

from __future__ import annotations

import re
from functools import cache

from .cells import parse_number
from .normalize import squeeze
from .template import HEADER_ANCHORS, HEADER_MARKERS, OUTCOME_COLUMNS, PROCEEDINGS

Grid = list[list[str | None]]
ColumnMap = dict[int, str]


def column_maps(rows: Grid) -> list[ColumnMap]:
    """For each row of the grid, the header map in force over it (`{}` when none).

    Keys are grid columns; values are template column keys (`natural_person`) or, for
    table 4, `proceeding.outcome` (`review.upheld`). A block of consecutive rows without
    numbers is a header when it holds a table's marker; it holds until the next header.
    """
    maps: list[ColumnMap] = []
    current: ColumnMap = {}
    block: list[list[str | None]] = []
    for row in rows:
        if _is_data(row):
            if block:
                current = _block_map(block) or current
                block = []
            maps.append(current)
        else:
            block.append(row)
            maps.append({})
    return maps


def _is_data(row: list[str | None]) -> bool:
    return any(_number(c) for c in row if c)


def _number(cell: str) -> bool:
    value, _, ok = parse_number(squeeze(cell))
    return ok and value is not None


def _block_map(block: Grid) -> ColumnMap:
    cells = [(j, squeeze(c)) for row in block for j, c in enumerate(row) if c]
    for table, marker in HEADER_MARKERS.items():
        if any(re.search(marker, text) for _, text in cells):
            return _outcomes(cells) if table == 4 else _named(cells, table)
    return {}


@cache
def _anchors(table: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((key, re.compile(pattern)) for key, pattern in HEADER_ANCHORS[table])


def _match(text: str, table: int) -> str | None:
    return next((key for key, pattern in _anchors(table) if pattern.search(text)), None)


def _named(cells: list[tuple[int, str]], table: int) -> ColumnMap:
    """Each column named once: a name found over two columns names neither, and a column
    under two names (a converter that dropped the header's spans) has none."""
    found: dict[str, set[int]] = {}
    for j, text in cells:
        key = _match(text, table)
        if key is not None:
            found.setdefault(key, set()).add(j)
    named = {key: next(iter(cols)) for key, cols in found.items() if len(cols) == 1}
    twice = {j for j in named.values() if list(named.values()).count(j) > 1}
    return {j: key for key, j in named.items() if j not in twice}


def _outcomes(cells: list[tuple[int, str]]) -> ColumnMap:
    """Table 4: fifteen outcome columns, the five outcomes in order under each proceeding."""
    by_column: dict[int, str] = {}
    for j, text in cells:
        key = _match(text, 4)
        if key is not None and by_column.setdefault(j, key) != key:
            return {}
    columns = sorted(by_column)
    if [by_column[j] for j in columns] != list(OUTCOME_COLUMNS) * len(PROCEEDINGS):
        return {}
    keys = [f"{p}.{o}" for p in PROCEEDINGS for o in OUTCOME_COLUMNS]
    return dict(zip(columns, keys, strict=True))
