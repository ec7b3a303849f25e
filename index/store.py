"""The SQLite store: one file, tables a person can explore with sqlite3 or Datasette.

Tables:
- `agencies`: one row per agency, whatever it called itself from year to year
  (`index.identity`): `name` as printed in its latest report, `canonical` with its
  region (江苏省淮安市洪泽区人民政府), the division `code`, `province`, `city`, `county`,
  `town`, `office`, `kind`, and `how` the name was resolved.
- `agency_names`: every name an agency printed, with the years it used it.
- `reports`: one row per (agency, year), with the agency as printed, the source file's
  name and sha256.
- `sections`: each section's title and text (number 0 is the preamble: the text before
  section one, with the report's contacts), and `text_segmented` (jieba words joined
  by spaces) behind an FTS5 index, because FTS5's own tokenizer does not split Chinese.
- `figures`: one row per printed table cell (`value` NULL when the cell holds no number).
- `figure_values`: each figure's value again, ordered by cell and report: a ranking
  reads one cell of every report from a single run of pages. `cells` numbers the cells
  (table, row, column) it is ordered by.
- `checks`: each identity of the template and whether the report keeps it.
- `figures_named` (a view): one row per figure with its agency, region, year, table,
  row and column (keys and labels), counts as integers, for a person exploring the index
  with sqlite3 or Datasette; `reports_named` (a view): one row per report with its
  agency and region.
- `meta`: the schema version and the version of the divisions data.

A report replaces an older one for the same agency and year inside one transaction,
so a reader never sees half a report and a failed file leaves the file as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

import rjieba
import sqlite_utils

from .divisions import data_version
from .errors import GongkaiError
from .identity import Identity, corrected_name, identify
from .model import Check, Figure, Report
from .template import LABELS, TABLE4_ROWS

SCHEMA_VERSION = 7

# What an agency row holds beside its id and display name (`Identity`'s fields).
AGENCY_COLUMNS = (
    "canonical",
    "identity",
    "code",
    "province",
    "city",
    "county",
    "town",
    "office",
    "kind",
    "how",
    "candidates",
)

REGION = "nullif(coalesce(a.province, '') || coalesce(a.city, '') || coalesce(a.county, ''), '')"


def _column_label() -> str:
    """SQL naming a figure's column as the national template prints it (自然人, 结果维持)."""
    whens = " ".join(
        f"when {table} || '.' || '{key}' then '{zh}'"
        for table, columns in LABELS.columns.items()
        for key, (zh, _) in columns.items()
    )
    return f"case f.table_number || '.' || f.column_key {whens} end"


# Views a person reads (sqlite3, Datasette): counts without '.0' (the column is REAL for
# fees in 万元), every cell with its own row label and its column's label.
VIEWS = {
    "figures_named": f"""
create view figures_named as
select a.canonical as agency, r.agency as agency_as_printed, a.kind as agency_kind,
       {REGION} as region,
       a.province, a.city, a.county, a.town, a.code as division_code, r.year,
       f.table_number, f.row_key, f.column_key, f.label, {_column_label()} as column_label,
       case when f.value = cast(f.value as integer) then cast(f.value as integer)
            else f.value end as value,
       f.raw, f.note, r.source_file, r.id as report_id, a.id as agency_id,
       f.rowid as figure_id
from figures f join reports r on r.id = f.report_id join agencies a on a.id = r.agency_id
""",
    "reports_named": f"""
create view reports_named as
select a.canonical as agency, r.agency as agency_as_printed, a.kind as agency_kind,
       {REGION} as region,
       a.province, a.city, a.county, a.town, a.code as division_code, r.year, r.title,
       r.format, r.figure_count, r.failed_checks, r.passed_checks, r.source_file, r.indexed_at,
       r.id as report_id, a.id as agency_id
from reports r join agencies a on a.id = r.agency_id
""",
}

# The full-text index's triggers, as sqlite-utils writes them, for deletes and updates.
# Inserts have none: the store adds a transaction's new sections to the full-text index
# in one statement before it commits (`Store._catch_up`). FTS5 writes its pending words
# to disk at every savepoint and every statement that a trigger writes through, so a
# trigger on insert made a segment of the full-text index per section, and merging them
# cost more than the rest of storing a report.
FTS_TRIGGERS = {
    "sections_ad": "create trigger [sections_ad] after delete on [sections] begin "
    "insert into [sections_fts] ([sections_fts], rowid, [title], [text_segmented]) "
    "values ('delete', old.rowid, old.[title], old.[text_segmented]); end",
    "sections_au": "create trigger [sections_au] after update on [sections] begin "
    "insert into [sections_fts] ([sections_fts], rowid, [title], [text_segmented]) "
    "values ('delete', old.rowid, old.[title], old.[text_segmented]); "
    "insert into [sections_fts] (rowid, [title], [text_segmented]) "
    "values (new.rowid, new.[title], new.[text_segmented]); end",
}

# PASSES: `checks` keeps the identities a report breaks or that cannot be assessed, each
# with its detail and cells; the ones it satisfies are counted in `reports.passed_checks`
# (`python -m index parse` lists them, with their sums). A real report satisfies nearly
# all of its forty-odd identities, and their rows, which say nothing the figures do not,
# were a quarter of an index and an eighth of the time of storing a report (schema 6).

# pages of write-ahead log a build lets grow before SQLite copies them into the file
BUILD_CHECKPOINT = 10_000

FIGURE_INDEXES = (("report_id",),)

# Schema 4 kept figures' values in order by an index on figures (table_number, row_key,
# column_key, report_id, value). Kept up to date row by row, it took each report's two
# hundred values to two hundred places of the index, the most expensive part of storing
# a report; `figure_values` holds the same and is written once per transaction, sorted.
SCHEMA4_COVERING_INDEX = "idx_figures_table_number_row_key_column_key_report_id_value"

# `figure_values` names a cell by a small integer, an id in `cells`: keyed by the three
# text columns, its entries were three times the size and each insert compared text, and
# filling it was the most expensive statement of storing a report (schema 5). `cells` is
# derived like `figure_values`, one row per cell any report has printed, and is made
# again with it.
CELLS = """
create table cells (
    id integer primary key, table_number integer not null, row_key text not null,
    column_key text not null, unique (table_number, row_key, column_key)
)
"""

FIGURE_VALUES = """
create table figure_values (
    cell integer not null, report_id integer not null, figure_id integer not null,
    value float, primary key (cell, report_id, figure_id)
) without rowid
"""

# The cells of the figures from rowid ? on that `cells` lacks, in key order (a new
# index's ids then follow the template's tables, rows and columns).
ADD_CELLS = (
    "insert or ignore into cells (table_number, row_key, column_key) "
    "select distinct table_number, row_key, column_key from figures where rowid >= ? "
    "order by table_number, row_key, column_key"
)

# A transaction's figures (rowid ? on), in the order they were written. Each cell's new
# values go to the end of that cell's run, inside the table, whatever their order; each
# reaches its place by one search either way, and sorting them first took 5 % of the
# instructions of a parse + store (cachegrind). The rows are the same.
ADD_FIGURE_VALUES = (
    "insert into figure_values (cell, report_id, figure_id, value) "
    "select c.id, f.report_id, f.rowid, f.value from figures f join cells c "
    "on c.table_number = f.table_number and c.row_key = f.row_key "
    "and c.column_key = f.column_key where f.rowid >= ?"
)

# Every figure's value at once (a new index, a migration): in key order, so that each
# entry goes after the last and the pages fill whole.
FILL_FIGURE_VALUES = ADD_FIGURE_VALUES + " order by c.id, f.report_id, f.rowid"

_CELL_OF = (
    "(select id from cells where table_number = {0}.table_number "
    "and row_key = {0}.row_key and column_key = {0}.column_key)"
)

# Figures deleted or changed leave `figure_values` at once; added ones join it at the end
# of their transaction (`Store._catch_up`).
_DELETE_OLD_VALUE = (
    f"delete from figure_values where cell = {_CELL_OF.format('old')} "
    "and report_id = old.report_id and figure_id = old.rowid; "
)
FIGURE_VALUE_TRIGGERS = {
    "figures_ad": f"create trigger figures_ad after delete on figures begin {_DELETE_OLD_VALUE}end",
    "figures_au": "create trigger figures_au after update of table_number, row_key, "
    f"column_key, report_id, value on figures begin {_DELETE_OLD_VALUE}"
    "insert or ignore into cells (table_number, row_key, column_key) "
    "values (new.table_number, new.row_key, new.column_key); "
    "insert into figure_values (cell, report_id, figure_id, value) "
    f"values ({_CELL_OF.format('new')}, new.report_id, new.rowid, new.value); end",
}


def segment(text: str) -> str:
    """Words of `text` separated by spaces, for the full-text index and its queries.

    Search mode adds the shorter words inside long ones (司法局 → 司法, 司法局) so a
    query word matches inside a compound; the HMM guesser for unknown words is off
    because it costs most of the time and adds little on this formal prose.

    The words are jieba's: `rjieba` runs jieba's dictionary and algorithm compiled
    (jieba-rs), twenty times faster than the pure-Python package, which took more time
    than parsing a report. `tests/test_segment.py` holds it to jieba's own output.
    """
    # jieba gives whitespace as words of its own: splitting the joined words drops them
    return " ".join(" ".join(rjieba.cut_for_search(text, False)).split())


# Sections holding the tables are stored for reading, but their figures are searched
# through the figures table, not as words.
TABLE_SECTIONS = frozenset({2, 3, 4})
PREAMBLE_TITLE = "前言"


class StoredFile(NamedTuple):
    report_id: int
    source_file: str
    sha256: str


@dataclass
class Stored:
    """What happened to one report: `added`, `replaced` or `unchanged`."""

    status: str
    report_id: int


class NotAnIndex(GongkaiError):
    """The database file is missing its folder, is not SQLite, or is not a gongkai index."""


def index_files(path: Path) -> list[Path]:
    """The files SQLite keeps for the database at `path`: itself, its WAL and shared memory."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def remove_index(path: Path) -> None:
    """Delete a database nobody has open (a finished or abandoned build), with its WAL files.

    Never call this on a database a connection may hold: only `copy_index` replaces a
    live one.
    """
    for file in index_files(path):
        file.unlink(missing_ok=True)


def copy_index(source: Path, target: Path) -> None:
    """Make the database at `target` a copy of `source`, through SQLite's backup API.

    This is how a rebuilt index replaces the live one, and how a live index is backed
    up: SQLite writes the pages into `target` in one transaction, so a reader of
    `target` sees the old index or the new one, never a mixture, and `target`'s WAL and
    shared memory stay its own. A rename of the file beside open connections would
    leave them, and their WAL, on the old index, and the next checkpoint would write
    the old index's pages into the new one.
    """
    _check_folder(target)
    src = read_only(source)
    try:
        dst = sqlite3.connect(target, timeout=60)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.DatabaseError as e:
        raise NotAnIndex(f"cannot copy the index {source.name} to {target}: {e}") from e
    finally:
        src.close()


def read_only(path: str | Path, **options: object) -> sqlite3.Connection:
    """A connection that only reads: it never takes the write lock, so the bot and a
    build go on writing while an export or a listing reads.

    An index in a folder one may not write (a read-only copy, a mounted share) cannot
    have the shared-memory file a WAL database is read through: it is then opened as
    immutable, which is true of it, since no one can write there either."""
    uri = f"file:{Path(path).resolve().as_posix()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, **options)  # type: ignore[arg-type]
    try:
        conn.execute("select 1 from sqlite_master limit 1").fetchall()
    except sqlite3.OperationalError:
        conn.close()
        if os.access(Path(path).resolve().parent, os.W_OK):
            raise
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, **options)  # type: ignore[arg-type]
    return conn


def upgrade(path: Path) -> None:
    """Bring an index made by an earlier gongkai up to this one's schema before it is
    read (`Store._migrate`). An index that cannot be written (a read-only copy) is left
    as it is, and read as far as it can be."""
    try:
        Store(path).close()
    except sqlite3.OperationalError:
        pass


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise NotAnIndex(f"no folder {path.parent} for the database {path.name}")


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        _check_folder(self.path)
        self.db = sqlite_utils.Database(self.path)
        try:
            self._open()
        except sqlite3.DatabaseError as e:
            self.db.close()
            raise NotAnIndex(f"{self.path} is not a gongkai index ({e})") from e

    def _open(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        # WAL: readers (the bot answering) are not blocked while a report is written, and
        # a commit does not wait for the disk, which made indexing ten times slower.
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        # A report's savepoint copies every page it changes: in memory, not a temp file.
        self.db.execute("PRAGMA temp_store = MEMORY")
        # 64 MB: the figure index of a few thousand reports stays in memory while a build
        # inserts into it (the default 2 MB re-read its pages for every report).
        self.db.execute("PRAGMA cache_size = -65536")
        # the first section and the first figure added in the open transaction, which
        # the full-text index and `figure_values` lack until it commits
        self._first_section: int | None = None
        self._first_figure: int | None = None
        # whether the full-text index and `figure_values` are kept (not in `bulk`)
        self._live = False
        self._ensure_schema()

    def close(self) -> None:
        self.db.close()

    def _ensure_schema(self) -> None:
        db = self.db
        tables = db.table_names()
        if "agencies" in tables:
            self._migrate()
            return
        if tables:
            raise NotAnIndex(
                f"{self.path} is an SQLite database of something else, not a gongkai index"
            )
        with db.conn:
            db["agencies"].create(
                {"id": int, "name": str, **dict.fromkeys(AGENCY_COLUMNS, str)}, pk="id"
            )
            self._agency_indexes()
            db["reports"].create(
                {
                    "id": int,
                    "agency_id": int,
                    "agency": str,
                    "year": int,
                    "title": str,
                    "format": str,
                    "source_format": str,
                    "source_file": str,
                    "sha256": str,
                    "indexed_at": str,
                    "figure_count": int,
                    "failed_checks": int,
                    "warnings": str,
                    "passed_checks": int,
                },
                pk="id",
                foreign_keys=[("agency_id", "agencies", "id")],
            )
            db["reports"].create_index(["agency_id", "year"], unique=True)
            db["reports"].create_index(["sha256"])
            db["sections"].create(
                {
                    "id": int,
                    "report_id": int,
                    "number": int,
                    "subsection": int,
                    "title": str,
                    "text": str,
                    "text_segmented": str,
                },
                pk="id",
                foreign_keys=[("report_id", "reports", "id")],
            )
            db["sections"].create_index(["report_id"])
            db["figures"].create(
                {
                    "report_id": int,
                    "table_number": int,
                    "row_key": str,
                    "column_key": str,
                    "value": float,
                    "raw": str,
                    "note": str,
                    "label": str,
                    "page": int,
                },
                foreign_keys=[("report_id", "reports", "id")],
            )
            db["checks"].create(
                {"report_id": int, "rule": str, "status": str, "detail": str, "cells": str},
                foreign_keys=[("report_id", "reports", "id")],
            )
            db["checks"].create_index(["report_id"])
            db["meta"].create({"key": str, "value": str}, pk="key")
            self._agency_names()
            self._views()
            self._set_meta()
        self._complete()

    def _agency_indexes(self) -> None:
        agencies = self.db["agencies"]
        agencies.create_index(["name"], if_not_exists=True)
        agencies.create_index(["identity"], unique=True, if_not_exists=True)
        agencies.create_index(["code"], if_not_exists=True)

    def _agency_names(self) -> None:
        """The names table: every name an agency printed, and in which years."""
        self.db["agency_names"].create(
            {"agency_id": int, "name": str, "first_year": int, "last_year": int, "years": str},
            pk=("agency_id", "name"),
            foreign_keys=[("agency_id", "agencies", "id")],
            if_not_exists=True,
        )
        self.db["agency_names"].create_index(["name"], if_not_exists=True)

    def _views(self) -> None:
        """The views as this gongkai defines them (an older index's are replaced)."""
        for name, sql in VIEWS.items():
            self.db.conn.execute(f"drop view if exists {name}")
            self.db.conn.execute(sql)

    def _relabel(self) -> None:
        """Table 4's cells cite their proceeding (行政复议), as a report parsed now does,
        not the header text of the whole table that an index of schema 3 kept for each."""
        whens = " ".join(f"when '{r.key}' then '{r.label}'" for r in TABLE4_ROWS)
        self.db.conn.execute(
            f"update figures set label = case row_key {whens} else label end where table_number = 4"
        )

    def _set_meta(self) -> None:
        meta = self.db["meta"]
        meta.upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
        meta.upsert({"key": "divisions", "value": _divisions_version()}, pk="key")

    def _migrate(self) -> None:
        """Bring an index made by an older gongkai up to this schema, losing nothing.

        1 → 2: checks name their cells. 2 → 3: agencies become identities; every
        report is filed again under the identity of the name it printed (`_refile`).
        An index made with other divisions data is filed again the same way. 3 → 4:
        table 4's labels (`_relabel`) and the views. 4 → 5 (`_complete`): figures'
        values in `figure_values` instead of a covering index, and no trigger puts
        sections into the full-text index (the store does both once per transaction).
        5 → 6 (`_complete`): `figure_values` made again, keyed by each cell's number in
        `cells`. 6 → 7 (`_count_passes`): the identities a report satisfies are counted in
        `reports.passed_checks`, not kept one row each in `checks`.
        """
        db = self.db
        if "cells" not in db["checks"].columns_dict:
            with db.conn:
                db["checks"].add_column("cells", str)
                db["meta"].upsert({"key": "schema_version", "value": "2"}, pk="key")
        if "passed_checks" not in db["reports"].columns_dict:
            with self._transaction(immediate=True):
                if "passed_checks" not in db["reports"].columns_dict:
                    self._count_passes()
        if self._stale():
            # immediate: two processes opening an old index migrate it once, one after the other
            with self._transaction(immediate=True):
                if self._stale():
                    self._upgrade()
        if self._schema() < SCHEMA_VERSION:
            with self._transaction(immediate=True):
                schema = self._schema()
                if schema < 4:
                    self._relabel()
                if schema < SCHEMA_VERSION:
                    self._views()
                    self._set_meta()
        # also makes the indexes a bulk load was stopped before making (`bulk`)
        self._complete()

    def _count_passes(self) -> None:
        """Schema 7: a report's passing checks as a count (`PASSES`), their rows gone."""
        conn = self.db.conn
        conn.execute("alter table reports add column passed_checks integer")
        conn.execute(
            "update reports set passed_checks = (select count(*) from checks c "
            "where c.report_id = reports.id and c.status = 'pass')"
        )
        conn.execute("delete from checks where status = 'pass'")

    def _schema(self) -> int:
        row = self.db.conn.execute("select value from meta where key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _stale(self) -> bool:
        """Whether the agencies predate schema 3 or were resolved with other divisions data."""
        row = self.db.conn.execute("select value from meta where key = 'divisions'").fetchone()
        return row is None or row[0] != _divisions_version()

    def _upgrade(self) -> None:
        db = self.db
        if "identity" not in db["agencies"].columns_dict:
            # the names were unique; one agency now has several, and may share one
            db.conn.execute("drop index if exists idx_agencies_name")
            for column in AGENCY_COLUMNS:
                db.conn.execute(f"alter table agencies add column [{column}] text")
            self._agency_indexes()
            self._agency_names()
        self._refile()
        self._relabel()
        self._views()
        self._set_meta()

    def _refile(self) -> None:
        """File every report again under the identity of the name it printed.

        An agency keeps its id where it can: an identity takes the id of the first of
        its reports' old agencies that no other identity took. Two reports of one
        identity for the same year (one report indexed twice under two spellings,
        沭阳县 and 沐阳县) cannot both be the agency's report for that year: the later
        indexed one is, and the other keeps an identity of its own (`how` = `conflict`),
        so that nothing is lost.
        """
        conn = self.db.conn
        rows = conn.execute(
            "select id, agency_id, agency, year from reports order by year, indexed_at, id"
        ).fetchall()
        identities: dict[int, Identity] = {}
        holder: dict[tuple[str, int], int] = {}  # (identity, year) -> report id
        for report_id, _, agency, year in rows:
            found = identify(agency, year)
            earlier = holder.get((found.key, year))
            if earlier is not None:
                identities[earlier] = replace(
                    identities[earlier], key=f"{found.key}#{earlier}", how="conflict"
                )
            holder[(found.key, year)] = report_id
            identities[report_id] = found
        groups: dict[str, list[tuple[int, int]]] = {}  # identity -> [(report, old agency)]
        for report_id, agency_id, _, _ in rows:
            groups.setdefault(identities[report_id].key, []).append((report_id, agency_id))
        # while reports move, an agency may hold two of a year for a moment
        conn.execute("drop index if exists idx_reports_agency_id_year")
        conn.execute("update agencies set identity = null")
        taken: set[int] = set()
        for members in groups.values():
            old = next((a for _, a in members if a not in taken), None)
            agency_id = self._write_agency(identities[members[-1][0]], old)
            taken.add(agency_id)
            conn.executemany(
                "update reports set agency_id = ? where id = ?",
                [(agency_id, report_id) for report_id, _ in members],
            )
        self.db["reports"].create_index(["agency_id", "year"], unique=True)
        conn.execute("delete from agency_names")
        conn.execute("delete from agencies where id not in (select agency_id from reports)")
        self._describe()

    def _write_agency(self, found: Identity, agency_id: int | None) -> int:
        """Give the agency `agency_id` (a new one when None) the identity `found`."""
        values = _agency_values(found)
        conn = self.db.conn
        if agency_id is None:
            columns = ", ".join(("name", *AGENCY_COLUMNS))
            marks = ", ".join("?" * (len(AGENCY_COLUMNS) + 1))
            return conn.execute(
                f"insert into agencies ({columns}) values ({marks})",
                (found.canonical, *values),
            ).lastrowid
        assignments = ", ".join(f"{c} = ?" for c in AGENCY_COLUMNS)
        conn.execute(f"update agencies set {assignments} where id = ?", (*values, agency_id))
        return agency_id

    def _describe(self, agency_id: int | None = None) -> None:
        """The agency's names as printed, with their years, and its display name: the
        name of its latest report, the one people know it by, with its place spelt right
        where the report printed it with an OCR slip. Of every agency for None."""
        one = agency_id is not None
        params = [agency_id] if one else []
        where = "where agency_id = ?" if one else ""
        conn = self.db.conn
        conn.execute(f"delete from agency_names {where}", params)
        conn.execute(
            "insert into agency_names (agency_id, name, first_year, last_year, years) "
            "select agency_id, agency, min(year), max(year), group_concat(year, ',') from "
            f"(select agency_id, agency, year from reports {where} "
            "order by agency_id, agency, year) group by agency_id, agency",
            params,
        )
        conn.execute(
            "update agencies set name = (select agency from reports r "
            "where r.agency_id = agencies.id order by year desc, id desc limit 1) "
            + ("where id = ?" if one else ""),
            params,
        )
        slipped = conn.execute(
            "select id, name, province, city, county, town from agencies where how = 'ocr' "
            + ("and id = ?" if one else ""),
            params,
        ).fetchall()
        for agency_id, name, *places in slipped:
            found = Identity("", "", None, *places, office="", kind="", how="ocr")
            conn.execute(
                "update agencies set name = ? where id = ?",
                (corrected_name(name, found), agency_id),
            )

    def _complete(self) -> None:
        """The figure index, `figure_values` and the full-text index, made from the rows
        if missing.

        An index whose build was stopped (a killed process, a full disk) lacks them, or
        holds a full-text table without its triggers; it gets them back here, whole. So
        does an index of schema 4, or one a gongkai of schema 4 has opened since (it
        makes its covering index and its full-text trigger on insert again): such a
        gongkai stores figures without their `figure_values`, and beside that trigger
        the store's own inserts would index every section twice.
        """
        # what is made here sorts every figure (a national index: some 60 M): on disk, not
        # in memory as a report's savepoint is (4.4 GB for the benchmark's index that way)
        self.db.execute("PRAGMA temp_store = FILE")
        try:
            self._make_whole()
        finally:
            self.db.execute("PRAGMA temp_store = MEMORY")

    def _make_whole(self) -> None:
        with self.db.conn:
            for columns in FIGURE_INDEXES:
                self.db["figures"].create_index(columns, if_not_exists=True)
        self._live = True
        if not self._values_whole():
            # immediate: of two processes opening the index, one makes them
            with self._transaction(immediate=True):
                if not self._values_whole():
                    conn = self.db.conn
                    conn.execute(f"drop index if exists {SCHEMA4_COVERING_INDEX}")
                    conn.execute("drop trigger if exists sections_ai")
                    self._drop_values()
                    conn.execute(CELLS)
                    conn.execute(FIGURE_VALUES)
                    conn.execute(ADD_CELLS, [0])
                    conn.execute(FILL_FIGURE_VALUES, [0])
                    for statement in FIGURE_VALUE_TRIGGERS.values():
                        conn.execute(statement)
        if self._fts_whole():
            return
        with self._transaction():
            self._drop_fts()
            conn = self.db.conn
            conn.execute(
                "create virtual table sections_fts using fts5 (title, text_segmented, "
                "content=sections)"
            )
            conn.execute("insert into sections_fts (sections_fts) values ('rebuild')")
            for statement in FTS_TRIGGERS.values():
                conn.execute(statement)

    def _names(self) -> set[str]:
        return {row[0] for row in self.db.conn.execute("select name from sqlite_master")}

    def _values_whole(self) -> bool:
        """Whether `figure_values` of this schema, `cells` and their triggers are there,
        and no gongkai of schema 4 has opened the index since they were made."""
        names = self._names()
        return (
            "figure_values" in names
            and "cells" in names
            and set(FIGURE_VALUE_TRIGGERS) <= names
            and SCHEMA4_COVERING_INDEX not in names
            and "sections_ai" not in names
        )

    def _drop_values(self) -> None:
        for trigger in FIGURE_VALUE_TRIGGERS:
            self.db.conn.execute(f"drop trigger if exists {trigger}")
        self.db.conn.execute("drop table if exists figure_values")
        self.db.conn.execute("drop table if exists cells")

    def _fts_whole(self) -> bool:
        """Whether the full-text index and its triggers are there."""
        names = self._names()
        return "sections_fts" in names and set(FTS_TRIGGERS) <= names

    def _drop_fts(self) -> None:
        for trigger in (*FTS_TRIGGERS, "sections_ai"):
            self.db.conn.execute(f"drop trigger if exists {trigger}")
        self.db.conn.execute("drop table if exists sections_fts")

    @contextmanager
    def _transaction(self, *, immediate: bool = False) -> Iterator[None]:
        """One explicit transaction: DDL included, all of it or none (sqlite-utils' own
        `enable_fts` commits after each step, so a kill could leave half an index).
        `immediate` takes the write lock at once, before anything is read."""
        conn = self.db.conn
        if conn.in_transaction:
            conn.commit()
        conn.execute("begin immediate" if immediate else "begin")
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Around a build into an empty index: the figure index, `figure_values` and the
        full-text index are made once, at the end.

        Keeping them up to date report by report cost more than the rest of storing a
        report; building them from all the rows at the end costs a fraction of it. The
        file is not synced to disk until the end either: a machine that fails half-way
        can only spoil an index that held nothing. An index that already holds reports
        is written as usual, as the bot may be reading it.

        Either way the write-ahead log is copied into the file every 40 MB rather than
        every 4 MB (SQLite's default): pages that every batch changes (the last leaf of
        each cell's run in `figure_values`, the full-text index) are then copied once
        per 40 MB, and a build writes about a fifth less. A kill loses
        nothing committed either way; with `synchronous = NORMAL` the log is synced to
        disk only when it is copied, so a power cut may take back more of the last
        batches committed (never leaving a spoiled file).
        """
        self.db.execute(f"PRAGMA wal_autocheckpoint = {BUILD_CHECKPOINT}")
        empty = not self.db.execute("select 1 from reports limit 1").fetchone()
        if empty:
            with self._transaction():
                for columns in FIGURE_INDEXES:
                    self.db.conn.execute(f"drop index if exists [idx_figures_{'_'.join(columns)}]")
                self._drop_fts()
                self._drop_values()
            self._live = False
            self.db.execute("PRAGMA synchronous = OFF")
        try:
            yield
        finally:
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA wal_autocheckpoint = 1000")
            self._complete()

    def add(self, report: Report, *, source_file: str, sha256: str) -> Stored:
        """Store `report` under its agency's identity (`index.identity`), replacing any
        older report of that agency for the same year, whatever name it printed."""
        if not report.agency or not report.year:
            raise ValueError("a report needs an agency and a year to be stored")
        db = self.db
        # plain sqlite3 for the writes of a report: sqlite-utils' conversions and savepoints
        # per call cost more than the parse
        conn = db.conn
        found = identify(report.agency, report.year)
        same = self._stored(found.key, report.year)
        if same and same.sha256 == sha256:
            return Stored("unchanged", same.report_id)
        if same:
            # the old report's words leave the full-text index by its trigger on delete:
            # what waits to go in goes in first, outside this report's savepoint
            self._catch_up()
        # a savepoint when the caller batches several reports into one transaction
        with self.batch():
            if same:
                self._delete_report(same.report_id)
            agency_id = self._agency_id(found, report.year)
            kept = [c for c in report.checks if c.status != "pass"]  # see PASSES
            report_id = conn.execute(
                "insert into reports (agency_id, agency, year, title, format, source_format, "
                "source_file, sha256, indexed_at, figure_count, failed_checks, passed_checks, "
                "warnings) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    agency_id,
                    report.agency,
                    report.year,
                    report.title,
                    report.format,
                    report.source_format,
                    source_file,
                    sha256,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    sum(f.value is not None for f in report.figures),
                    sum(c.status == "fail" for c in report.checks),
                    len(report.checks) - len(kept),
                    json.dumps(report.warnings, ensure_ascii=False),
                ),
            ).lastrowid
            sections = self._section_rows(report, report_id)
            if self._live and self._first_section is None:
                self._first_section = self._next_rowid("sections")
            conn.executemany(
                "insert into sections (report_id, number, subsection, title, text, "
                "text_segmented) values (?, ?, ?, ?, ?, ?)",
                sections,
            )
            if self._live and self._first_figure is None:
                self._first_figure = self._next_rowid("figures")
            self._insert_figures(report_id, report.figures)
            conn.executemany(INSERT_CHECKS, check_rows(report_id, kept))
            self._describe(agency_id)
        return Stored("replaced" if same else "added", report_id)

    def _insert_figures(self, report_id: int, figures: list[Figure]) -> None:
        """The report's figure rows, in order (their rowids are the figures' ids).

        sqlite3 looks for an adapter for every None it binds (a tuple made, a dict and two
        attributes looked up), which cost a quarter of writing a figure: runs of figures
        with neither note nor page are written by a statement that leaves both out, and
        the columns are NULL all the same.
        """
        conn = self.db.conn
        for plain, run in groupby(figures, key=lambda f: f.note is None and f.page is None):
            if plain:
                conn.executemany(
                    INSERT_PLAIN_FIGURES,
                    [(report_id, f.table, f.row, f.column, f.value, f.raw, f.label) for f in run],
                )
            else:
                conn.executemany(
                    INSERT_FIGURES,
                    [
                        (
                            report_id,
                            f.table,
                            f.row,
                            f.column,
                            f.value,
                            f.raw,
                            f.note,
                            f.label,
                            f.page,
                        )
                        for f in run
                    ],
                )

    @staticmethod
    def _section_rows(report: Report, report_id: int) -> list[tuple[Any, ...]]:
        # the preamble is kept as section 0, so that its words (电话, 下载) can be searched
        rows = [(0, None, PREAMBLE_TITLE, report.preamble, True)] if report.preamble else []
        for s in report.sections:
            # section one's words are indexed once, through its subsections when it has them
            rows.append((s.number, None, s.title, s.text, not s.subsections))
            rows.extend((s.number, sub.number, sub.title, sub.text, True) for sub in s.subsections)
        return [
            (
                report_id,
                number,
                sub,
                title,
                text,
                segment(f"{title} {text}" if words and number not in TABLE_SECTIONS else title),
            )
            for number, sub, title, text, words in rows
        ]

    def _agency_id(self, found: Identity, year: int) -> int:
        """The agency of identity `found`, made if new; described by `found` when `year`
        is its latest (the latest name's resolution is the one shown)."""
        row = self.db.conn.execute(
            "select id, (select max(year) from reports where agency_id = a.id) from agencies a "
            "where identity = ?",
            [found.key],
        ).fetchone()
        if row is None:
            return self._write_agency(found, None)
        if row[1] is None or year >= row[1]:
            self._write_agency(found, row[0])
        return row[0]

    def _delete_report(self, report_id: int) -> None:
        for table in ("sections", "figures", "checks"):
            self.db.execute(f"delete from {table} where report_id = ?", [report_id])
        self.db.execute("delete from reports where id = ?", [report_id])

    @contextmanager
    def batch(self) -> Iterator[sqlite_utils.Database]:
        """One transaction around several `add`s: a commit per report costs more than its parse.

        Each `add` inside stays all-or-nothing (a savepoint). The sections and figures
        added go into the full-text index and `figure_values` together, just before the
        commit: in the same transaction, so a reader, a failure or a kill never finds
        the one without the other.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():  # a savepoint
                yield self.db
            return
        conn.execute("begin")
        try:
            yield self.db
            self._catch_up()
            conn.execute("commit")
        except BaseException:
            self._first_section = self._first_figure = None
            conn.rollback()
            raise

    def _catch_up(self) -> None:
        """Put the sections and figures added in this transaction into the full-text
        index and `figure_values`, each in one statement."""
        conn = self.db.conn
        if self._first_section is not None:
            conn.execute(
                "insert into sections_fts (rowid, title, text_segmented) "
                "select rowid, title, text_segmented from sections where rowid >= ?",
                [self._first_section],
            )
            self._first_section = None
        if self._first_figure is not None:
            first, self._first_figure = self._first_figure, None
            # nearly always every cell is numbered already, and looking for new ones
            # first (a distinct over the transaction's figures) cost half of filling
            # figure_values: figures of a cell `cells` lacks are left out by the join,
            # and counted, and only then is the cell numbered and its figures put in
            put = conn.execute(ADD_FIGURE_VALUES, [first]).rowcount
            added = conn.execute("select count(*) from figures where rowid >= ?", [first])
            if put < added.fetchone()[0]:
                numbered = conn.execute("select coalesce(max(id), 0) from cells").fetchone()[0]
                conn.execute(ADD_CELLS, [first])
                conn.execute(ADD_FIGURE_VALUES + " and c.id > ?", [first, numbered])

    def _next_rowid(self, table: str) -> int:
        """The rowid SQLite gives the next row of `table` (one past the largest)."""
        return self.db.conn.execute(f"select coalesce(max(rowid), 0) + 1 from {table}").fetchone()[
            0
        ]

    def stored_as(self, agency: str, year: int) -> StoredFile | None:
        """The report stored for the agency named `agency` (as a report prints it) and
        `year`, if any: its id, file name and digest."""
        return self._stored(identify(agency, year).key, year)

    def _stored(self, identity: str, year: int) -> StoredFile | None:
        row = self.db.conn.execute(
            "select r.id, r.source_file, r.sha256 from reports r "
            "join agencies a on a.id = r.agency_id where a.identity = ? and r.year = ?",
            [identity, year],
        ).fetchone()
        return StoredFile(*row) if row else None

    def last_year(self, agency: str, year: int) -> dict[tuple[int, str, str], float | int] | None:
        """The figures with a value of the report the index holds for the agency named
        `agency` (as a report prints it) in the year before `year`, by (table, row,
        column); None when it holds no such report. Counts come back as integers."""
        stored = self._stored(identify(agency, year).key, year - 1)
        if stored is None:
            return None
        rows = self.db.conn.execute(
            "select table_number, row_key, column_key, value from figures "
            "where report_id = ? and value is not null",
            [stored.report_id],
        )
        return {(t, r, c): int(v) if float(v).is_integer() else v for t, r, c, v in rows}

    def holds_file(self, source_file: str) -> bool:
        """Whether a stored report was read from a file of this name."""
        return bool(
            self.db.conn.execute(
                "select 1 from reports where source_file = ? limit 1", [source_file]
            ).fetchone()
        )

    def reports(self) -> list[dict[str, Any]]:
        return list(self.db.query("select * from reports order by agency, year"))

    def failed_checks(self) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "select r.agency, r.year, r.source_file, c.rule, c.detail from checks c "
                "join reports r on r.id = c.report_id where c.status = 'fail' "
                "order by r.agency, r.year, c.rule"
            )
        )


INSERT_CHECKS = "insert into checks (report_id, rule, status, detail, cells) values (?, ?, ?, ?, ?)"


def check_rows(report_id: int, checks: Iterable[Check]) -> list[tuple[Any, ...]]:
    """`checks` as rows of the checks table, their cells named in one text."""
    return [(report_id, c.rule, c.status, c.detail, " ".join(c.cells)) for c in checks]


INSERT_FIGURES = (
    "insert into figures (report_id, table_number, row_key, column_key, value, raw, note, label, "
    "page) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# a figure with neither note nor page: most of them, and all of a text report's
INSERT_PLAIN_FIGURES = (
    "insert into figures (report_id, table_number, row_key, column_key, value, raw, label) "
    "values (?, ?, ?, ?, ?, ?, ?)"
)


def _divisions_version() -> str:
    """The divisions data agencies are resolved with, as the meta table records it."""
    return json.dumps(data_version(), ensure_ascii=False, sort_keys=True)


def _agency_values(found: Identity) -> tuple[str | None, ...]:
    """`found` as the values of AGENCY_COLUMNS."""
    return (
        found.canonical,
        found.key,
        found.code,
        found.province,
        found.city,
        found.county,
        found.town,
        found.office,
        found.kind,
        found.how,
        " ".join(d.code for d in found.candidates) or None,
    )
