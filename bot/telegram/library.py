"""Plain reads of the index for the commands that list, export, search and count.

The question engine answers questions; these are the lookups that are not questions
(an agency list, a CSV of every figure, a full-text search, counts for admins). Each
call opens its own read-only connection, so it can run in a worker thread while the
indexer writes in another.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from index.errors import GongkaiError
from index.search import Hit, search_sections


class NoIndex(GongkaiError):
    """There is no index yet: nothing has been indexed or uploaded."""


@contextmanager
def connect(db_path: Path) -> Iterator[sqlite3.Connection]:
    if not Path(db_path).exists():
        raise NoIndex("the index is empty: an admin can upload reports or run /reindex")
    with closing(sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        yield conn


def _rows(conn: sqlite3.Connection, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params)]


def agencies_page(db_path: Path, page: int, size: int = 10) -> tuple[list[dict], int]:
    """One page of agencies that have reports (with their years) and how many there are."""
    with connect(db_path) as conn:
        total = conn.execute("select count(distinct agency_id) from reports").fetchone()[0]
        rows = _rows(
            conn,
            "select a.id, a.name, group_concat(r.year, ',') as years from agencies a "
            "join reports r on r.agency_id = a.id group by a.id order by a.name "
            "limit ? offset ?",
            (size, (page - 1) * size),
        )
    for row in rows:
        row["years"] = sorted(int(y) for y in row["years"].split(","))
    return rows, total


def agency(db_path: Path, agency_id: int) -> dict | None:
    with connect(db_path) as conn:
        rows = _rows(conn, "select id, name from agencies where id = ?", (agency_id,))
    return rows[0] if rows else None


def find_agencies(db_path: Path, name: str, limit: int = 8) -> list[dict]:
    """Agencies with reports whose name fits `name`: exact, then contained, then fuzzy."""
    name = name.strip()
    with connect(db_path) as conn:
        names = _rows(
            conn,
            "select distinct a.id, a.name from agencies a join reports r on r.agency_id = a.id",
        )
    exact = [a for a in names if a["name"] == name]
    if exact:
        return exact
    contained = [a for a in names if name in a["name"]] or [a for a in names if a["name"] in name]
    if contained:
        return sorted(contained, key=lambda a: (len(a["name"]), a["name"]))[:limit]
    by_name = {a["name"]: a for a in names}
    matches = process.extract(name, list(by_name), scorer=fuzz.WRatio, score_cutoff=75, limit=limit)
    return [by_name[m[0]] for m in matches]


def search(db_path: Path, words: str, limit: int = 10) -> list[Hit]:
    """Sections whose text holds every word of `words`, best first, one per section."""
    with connect(db_path) as conn:
        return search_sections(conn, words, limit)


def stats(db_path: Path) -> dict[str, Any]:
    with connect(db_path) as conn:

        def one(sql: str) -> int:
            return conn.execute(sql).fetchone()[0]

        return {
            "reports": one("select count(*) from reports"),
            "agencies": one("select count(distinct agency_id) from reports"),
            "years": {
                r[0]: r[1]
                for r in conn.execute(
                    "select year, count(*) from reports group by year order by year"
                )
            },
            "failed_checks": one("select count(*) from checks where status = 'fail'"),
            "failed_reports": one(
                "select count(distinct report_id) from checks where status = 'fail'"
            ),
        }


def example_report(db_path: Path) -> dict | None:
    """The report with the most requests received: the help examples are about it,
    because a question about an agency that received none makes a dull example."""
    try:
        with connect(db_path) as conn:
            rows = _rows(
                conn,
                "select r.agency, r.year from reports r left join figures f on f.report_id = r.id "
                "and f.table_number = 3 and f.row_key = 'received' and f.column_key = 'total' "
                "order by coalesce(f.value, -1) desc, r.agency_id limit 1",
            )
    except NoIndex:
        return None
    return rows[0] if rows else None


def source_files(db_path: Path) -> set[str]:
    """The source file of every report, to tell which file an upload replaced."""
    try:
        with connect(db_path) as conn:
            return {r[0] for r in conn.execute("select source_file from reports")}
    except NoIndex:
        return set()
