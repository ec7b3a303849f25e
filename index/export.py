"""Figures out of the index as CSV, written row by row.

An export of a national index runs to millions of rows: it is streamed from one SQLite
cursor into the file, so its memory does not grow with the index.
"""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TextIO

COLUMNS = ("agency", "year", "table", "row", "column", "label", "value", "raw", "note")


def _shown(value: float | int | None) -> str:
    """A figure as printed: counts without '.0', a cell without a value empty (never 0)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def write_csv(db_path: Path, out: TextIO, agency_id: int | None = None) -> int:
    """Every figure (of one agency, or all) as CSV rows into `out`; returns how many."""
    where, params = ("where r.agency_id = ?", (agency_id,)) if agency_id else ("", ())
    uri = f"file:{Path(db_path).resolve().as_posix()}?mode=ro"
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        rows = conn.execute(
            "select r.agency, r.year, f.table_number, f.row_key, f.column_key, f.label, "
            f"f.value, f.raw, f.note from figures f join reports r on r.id = f.report_id {where} "
            "order by r.agency, r.year, f.rowid",
            params,
        )
        for agency, year, table, row, column, label, value, raw, note in rows:
            writer.writerow(
                [
                    agency,
                    year,
                    table,
                    row,
                    column,
                    label or "",
                    _shown(value),
                    raw or "",
                    note or "",
                ]
            )
            count += 1
    return count


def fingerprint(db_path: Path) -> str:
    """Changes whenever a report is added, replaced or removed: what an export of the
    whole index is kept under, so that one file serves everyone until the index changes."""
    uri = f"file:{Path(db_path).resolve().as_posix()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        count, last, latest = conn.execute(
            "select count(*), coalesce(max(id), 0), coalesce(max(indexed_at), '') from reports"
        ).fetchone()
    return f"{count}-{last}-{latest}".replace(":", "").replace("+", "")
