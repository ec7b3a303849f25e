"""Every read the engine makes from the index, in one place, read-only.

The engine only reads: it opens the database read-only so that a question can never
change the index, and every value from a question travels as a bound parameter.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.search import Hit, search_sections
from index.store import read_only

from .agencies import AgencyRow
from .columns import Cell, Columns


@dataclass(frozen=True)
class FigureRow:
    value: float | int | None
    raw: str | None
    note: str | None
    label: str | None
    page: int | None


@dataclass
class ReportRow:
    id: int
    agency_id: int
    agency: str
    year: int
    title: str
    format: str
    source_file: str
    figures: dict[Cell, FigureRow] = field(default_factory=dict)
    printed: str = ""  # the agency's name as this report printed it
    failed: list[tuple[str, str]] = field(default_factory=list)  # (rule, detail)

    def has_row(self, table: int, row: str) -> bool:
        return any(t == table and r == row for t, r, _ in self.figures)


@dataclass(frozen=True)
class SectionRow:
    id: int
    number: int
    subsection: int | None
    title: str
    text: str


def number(value: float | int | None) -> float | int | None:
    """SQLite gives REAL for every figure; counts read better as int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Reader:
    """A read-only view of the index as it was when the reader was made, thread-safe.

    The connection holds one read transaction for its whole life: every query of every
    question sees the same snapshot, the one the engine's agency list was read from,
    however many reports are written meanwhile. A ranking asked during an upload must
    not meet an agency its agency list does not hold yet. The engine makes a new
    reader when the index changes (`Engine.answer` checks), which releases the old
    snapshot.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = read_only(self.path, check_same_thread=False, isolation_level=None)
        self.conn.execute("begin")
        self.lock = threading.Lock()
        self.columns = Columns(self._all)
        self._years: list[tuple[int, int]] | None = None

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def _all(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def agencies(self) -> list[AgencyRow]:
        """Agencies that have at least one report, each with every name it is found by:
        the names its reports printed, and its canonical name (with the region path)
        when its identity is certain."""
        rows = self._all(
            "select a.id, a.name, a.canonical, a.code, a.how, "
            "(select group_concat(n.name, char(31)) from agency_names n where n.agency_id = a.id) "
            "from agencies a where exists (select 1 from reports r where r.agency_id = a.id) "
            "order by a.id"
        )
        out = []
        for agency_id, name, canonical, code, how, printed in rows:
            aliases = [n for n in (printed or "").split("\x1f") if n and n != name]
            if canonical and how not in ("ambiguous", "none", "conflict"):
                aliases.append(canonical)
            out.append(AgencyRow(agency_id, name, tuple(aliases), code, how))
        return out

    def years_of(self, agency_id: int) -> list[int]:
        return [
            y
            for (y,) in self._all(
                "select year from reports where agency_id = ? order by year", (agency_id,)
            )
        ]

    def report(self, agency_id: int, year: int) -> ReportRow | None:
        rows = self._all(
            "select r.id, r.agency_id, a.name, r.year, r.title, r.format, r.source_file, r.agency "
            "from reports r join agencies a on a.id = r.agency_id "
            "where r.agency_id = ? and r.year = ?",
            (agency_id, year),
        )
        if not rows:
            return None
        *columns, printed = rows[0]
        report = ReportRow(*columns, printed=printed)
        for t, r, c, value, raw, note, label, page in self._all(
            "select table_number, row_key, column_key, value, raw, note, label, page from figures where report_id = ?",
            (report.id,),
        ):
            report.figures[(t, r, c)] = FigureRow(number(value), raw, note, label, page)
        report.failed = self.failed_checks(report.id)
        return report

    def sections(self, report_id: int) -> list[SectionRow]:
        return [
            SectionRow(i, n, sub, title or "", text or "")
            for i, n, sub, title, text in self._all(
                "select id, number, subsection, title, text from sections where report_id = ? order by number, coalesce(subsection, 0), id",
                (report_id,),
            )
        ]

    def matching(self, sections: list[SectionRow], words: list[str]) -> set[int]:
        """Ids of the sections whose full-text index holds any of `words`.

        One lookup per section of the report: MATCH with `rowid = ?` seeks in the
        index, while MATCH alone would first list every report that uses the word.
        """
        if not words:
            return set()
        query = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        found: set[int] = set()
        try:
            for s in sections:
                if self._all(
                    "select 1 from sections_fts where sections_fts match ? and rowid = ?",
                    (query, s.id),
                ):
                    found.add(s.id)
        except sqlite3.OperationalError:  # an index without full-text search
            return set()
        return found

    def search(self, words: str, limit: int = 5) -> list[Hit]:
        """Passages of every report's text that hold the words (`index.search`)."""
        with self.lock:
            return search_sections(self.conn, words, limit)

    def years(self) -> list[tuple[int, int]]:
        """(year, number of reports), oldest first."""
        if self._years is None:
            self._years = self._all(
                "select year, count(*) from reports group by year order by year"
            )
        return self._years

    def catalogue(self, limit: int) -> list[tuple[str, str]]:
        """(agency, comma-separated years) for the first `limit` agencies by name."""
        return self._all(
            "select a.name, (select group_concat(year, ',') from "
            "(select year from reports r where r.agency_id = a.id order by year)) "
            "from agencies a where exists (select 1 from reports r where r.agency_id = a.id) "
            "order by a.name limit ?",
            (limit,),
        )

    def failed_checks(self, report_id: int) -> list[tuple[str, str]]:
        """(rule, detail) of every identity the report breaks."""
        return [
            (rule, detail or "")
            for rule, detail in self._all(
                "select rule, detail from checks where report_id = ? and status = 'fail'",
                (report_id,),
            )
        ]
