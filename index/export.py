"""Figures out of the index as CSV or XLSX, written row by row.

An export of a national index runs to millions of rows: it is read report by report
from SQLite and written as it is read, so its memory does not grow with the index. Two
shapes: long, one row per figure, with the agency as printed and as identified, its
region, the labels and the printed text (what the bot's /export sends); and wide, one
row per report and one column per figure key (`3.received.total`), for comparing
agencies in a spreadsheet. Counts are integers; a cell without a value stays empty,
never 0.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from .selection import ReportRow, Selection, reports
from .store import read_only
from .template import LABELS, TABLE2_LINES_2019, TABLE2_LINES_2021, TABLE3_LINES, TABLE4_LINES

Key = tuple[int, str, str]
Value = int | float | None
Progress = Callable[[int, int, str], None]

REPORT_COLUMNS = (
    "agency",  # as the report printed it
    "agency_canonical",
    "division_code",
    "agency_kind",
    "province",
    "city",
    "county",
    "year",
)
LONG_COLUMNS = (
    *REPORT_COLUMNS,
    "table",
    "row",
    "column",
    "row_label",  # as printed (the template's where the report's was not read)
    "column_label",  # the template's
    "value",
    "raw",
    "note",
)

# Keys in the order the template prints them: table 2 (both formats), 3, 4.
KEY_ORDER: dict[Key, int] = {
    (table, row, column): n
    for n, (table, row, column) in enumerate(
        (table, row, column)
        for table, lines in (
            (2, TABLE2_LINES_2021),
            (2, TABLE2_LINES_2019),
            (3, TABLE3_LINES),
            (4, TABLE4_LINES),
        )
        for line in lines
        for row, column in line.cells
    )
}


class Sink(Protocol):
    """Where rows go, the header first: a CSV stream (`CsvSink`) or an XLSX workbook
    (`index.xlsx.XlsxSink`)."""

    def write(self, row: Sequence[str | Value]) -> None: ...


class CsvSink:
    """Rows into a CSV stream: numbers as printed, nothing for a cell without a value."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out)

    def write(self, row: Sequence[str | Value]) -> None:
        self._writer.writerow([shown(v) for v in row])


@dataclass
class Exported:
    reports: int
    rows: int  # below the header: one per figure, or one per report when wide
    values: int  # figures with a value


def number(value: float | None) -> Value:
    """A stored value as the report printed it: counts as integers (the column is REAL
    because fees are amounts in 万元)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def shown(value: str | Value) -> str:
    """A cell as text: '3119' not '3119.0', '96171.6' in full, '' for no value (never 0)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(number(value))
    return str(value)


def export(
    conn: sqlite3.Connection,
    selection: Selection,
    sink: Sink,
    *,
    wide: bool = False,
    progress: Progress | None = None,
) -> Exported:
    """Write the header and the figures of the selected reports into `sink`.

    Long: LONG_COLUMNS, a row per figure. Wide: REPORT_COLUMNS and a column per figure
    key the selected reports print, in the template's order, a row per report.
    """
    selected = reports(conn, selection)
    keys = _keys(conn, selection) if wide else []
    sink.write(
        [*REPORT_COLUMNS, *(".".join(map(str, key)) for key in keys)] if wide else LONG_COLUMNS
    )
    done = Exported(len(selected), 0, 0)
    for n, report in enumerate(selected, 1):
        cells = _figures(conn, report.report_id, selection.tables)
        identity = _identity(report)
        done.values += sum(cell[2] is not None for cell in cells)
        if wide:
            values = {cell[0]: number(cell[2]) for cell in cells}
            sink.write([*identity, *(values.get(key) for key in keys)])
            done.rows += 1
        else:
            for key, label, value, raw, note in cells:
                sink.write(
                    [
                        *identity,
                        *key,
                        label or _label(key, "rows"),
                        _label(key, "columns"),
                        number(value),
                        raw or "",
                        note or "",
                    ]
                )
            done.rows += len(cells)
        if progress:
            progress(n, len(selected), report.canonical)
    return done


def write_csv(db_path: Path, out: TextIO, agency_id: int | None = None) -> int:
    """Every figure (of one agency, or all) as CSV rows into `out`; returns how many.

    The bot's /export: the long shape, as `python -m index export` writes it.
    """
    selection = Selection(agency_ids=(agency_id,) if agency_id else ())
    with closing(read_only(db_path)) as conn:
        return export(conn, selection, CsvSink(out)).rows


def fingerprint(db_path: Path) -> str:
    """Changes whenever a report is added, replaced or removed: what an export of the
    whole index is kept under, so that one file serves everyone until the index changes."""
    with closing(read_only(db_path)) as conn:
        count, last, latest = conn.execute(
            "select count(*), coalesce(max(id), 0), coalesce(max(indexed_at), '') from reports"
        ).fetchone()
    return f"{count}-{last}-{latest}".replace(":", "").replace("+", "")


def _identity(report: ReportRow) -> list[str | Value]:
    return [
        report.agency,
        report.canonical,
        report.code or "",
        report.kind or "",
        report.province or "",
        report.city or "",
        report.county or "",
        report.year,
    ]


def _figures(
    conn: sqlite3.Connection, report_id: int, tables: Sequence[int]
) -> list[tuple[Key, str | None, float | None, str | None, str | None]]:
    """A report's cells in the template's order: (key, label, value, raw, note)."""
    only = f" and table_number in ({', '.join('?' * len(tables))})" if tables else ""
    rows = conn.execute(
        "select table_number, row_key, column_key, label, value, raw, note from figures "
        f"where report_id = ?{only}",
        (report_id, *tables),
    ).fetchall()
    cells = [((t, r, c), label, value, raw, note) for t, r, c, label, value, raw, note in rows]
    return sorted(cells, key=lambda cell: _order(cell[0]))


def _keys(conn: sqlite3.Connection, selection: Selection) -> list[Key]:
    """The figure keys the selected reports print, in the template's order."""
    where, params = selection.where()
    if selection.tables:
        where += (" and " if where else " where ") + (
            f"f.table_number in ({', '.join('?' * len(selection.tables))})"
        )
        params += list(selection.tables)
    rows = conn.execute(
        "select distinct f.table_number, f.row_key, f.column_key from figures f "
        "join reports r on r.id = f.report_id join agencies a on a.id = r.agency_id" + where,
        params,
    ).fetchall()
    return sorted((tuple(row) for row in rows), key=_order)  # type: ignore[arg-type]


def _order(key: Key) -> tuple[int, int, str]:
    return (key[0], KEY_ORDER.get(key, len(KEY_ORDER)), f"{key[1]}.{key[2]}")


def _label(key: Key, of: str) -> str:
    """The template's label of the key's row (`of` = "rows") or column ("columns")."""
    table, row, column = key
    if of == "rows":
        found = LABELS.rows[table].get(row)
        return found.label if found else ""
    return LABELS.columns[table].get(column, ("",))[0]
