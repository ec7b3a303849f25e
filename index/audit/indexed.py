"""Reports read back from the index for an audit, many at a time.

The index keeps everything an audit needs: each report's figures (with the text
printed where a cell was not read), its sections, its checks and the parser's
warnings, under the agency's identity, so a report's previous year is one lookup.
Reports are read in batches of a few hundred with one query per table, so auditing a
whole index costs little more than reading it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..divisions import region_prefix
from ..errors import GongkaiError
from ..identity import identify
from ..model import Check, Figure, Report, Section
from ..selection import find_region, holds
from ..store import read_only
from .subject import Subject

BATCH = 500


class NoSuchReports(GongkaiError):
    """The agencies, region or year asked for match no indexed report."""


@dataclass(frozen=True)
class Ref:
    """An indexed report: its id, its agency and year."""

    id: int
    agency_id: int
    year: int


class Indexed:
    """A read-only view of the index for audits."""

    def __init__(self, path: str | Path) -> None:
        try:
            self.conn = read_only(path, check_same_thread=False)
            self.conn.execute("select 1 from reports limit 1").fetchall()
        except sqlite3.DatabaseError as e:
            raise NoSuchReports(f"{path} is not a gongkai index ({e})") from e

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Indexed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def select(
        self, names: Sequence[str] = (), year: int | None = None, region: str | None = None
    ) -> list[Ref]:
        """Reports of the agencies named (any name they printed, their canonical name, or
        a part of one when nothing matches whole), in the region, of the year; every
        report when nothing is asked. Ordered by agency and year."""
        where, params = [], []
        if names:
            ids = set()
            for name in names:
                ids |= self._agencies(name)
            if not ids:
                raise NoSuchReports(f"no indexed agency is named {', '.join(names)}")
            where.append(f"r.agency_id in ({','.join('?' * len(ids))})")
            params.extend(sorted(ids))
        if region:  # a division by name, pinyin or code, as export and list take it
            found = find_region(region, lambda code: holds(self.conn, code))
            where.append("a.code like ?")
            params.append(region_prefix(found.code) + "%")
        if year is not None:
            where.append("r.year = ?")
            params.append(year)
        sql = (
            "select r.id, r.agency_id, r.year from reports r join agencies a on a.id = r.agency_id"
        )
        if where:
            sql += " where " + " and ".join(where)
        return [Ref(*row) for row in self.conn.execute(sql + " order by a.name, r.year", params)]

    def _agencies(self, name: str) -> set[int]:
        exact = self.conn.execute(
            "select agency_id from agency_names where name = ? union "
            "select id from agencies where canonical = ? or name = ?",
            (name, name, name),
        ).fetchall()
        if exact:
            return {r[0] for r in exact}
        like = f"%{name}%"
        return {
            r[0]
            for r in self.conn.execute(
                "select agency_id from agency_names where name like ? union "
                "select id from agencies where canonical like ?",
                (like, like),
            )
        }

    def previous(self, refs: Sequence[Ref]) -> dict[int, Ref]:
        """For each report, the same agency's latest earlier report, if any (by report id)."""
        years: dict[int, list[Ref]] = {}
        agencies = sorted({r.agency_id for r in refs})
        for first in range(0, len(agencies), BATCH):
            chunk = agencies[first : first + BATCH]
            for row in self.conn.execute(
                f"select id, agency_id, year from reports where agency_id in "
                f"({','.join('?' * len(chunk))}) order by year",
                chunk,
            ):
                years.setdefault(row[1], []).append(Ref(*row))
        out = {}
        for ref in refs:
            earlier = [r for r in years.get(ref.agency_id, []) if r.year < ref.year]
            if earlier:
                out[ref.id] = earlier[-1]
        return out

    def before(self, agency: str, year: int) -> Ref | None:
        """The latest indexed report, before `year`, of the agency a draft names `agency`
        (the same identity as the index files reports under)."""
        row = self.conn.execute(
            "select r.id, r.agency_id, r.year from reports r join agencies a on a.id = r.agency_id "
            "where a.identity = ? and r.year < ? order by r.year desc limit 1",
            (identify(agency, year).key, year),
        ).fetchone()
        return Ref(*row) if row else None

    def find(self, agency: str, year: int) -> Ref | None:
        """The indexed report of the agency named `agency` (as a report prints it) for `year`."""
        row = self.conn.execute(
            "select r.id, r.agency_id, r.year from reports r join agencies a on a.id = r.agency_id "
            "where a.identity = ? and r.year = ?",
            (identify(agency, year).key, year),
        ).fetchone()
        return Ref(*row) if row else None

    def load(self, ids: Sequence[int]) -> Iterator[tuple[int, Subject]]:
        """(id, report) of the reports `ids`, in that order, read in batches."""
        for first in range(0, len(ids), BATCH):
            chunk = list(ids[first : first + BATCH])
            loaded = self._batch(chunk)
            yield from ((i, loaded[i]) for i in chunk if i in loaded)

    def _batch(self, ids: list[int]) -> dict[int, Subject]:
        marks = ",".join("?" * len(ids))
        figures: dict[int, list[Figure]] = {i: [] for i in ids}
        sections: dict[int, list[Section]] = {i: [] for i in ids}
        preambles: dict[int, str] = {}
        checks: dict[int, list[Check]] = {i: [] for i in ids}
        with closing(self.conn.cursor()) as cur:
            for rid, t, r, c, value, raw, note, label, page in cur.execute(
                "select report_id, table_number, row_key, column_key, value, raw, note, label, "
                f"page from figures where report_id in ({marks})",
                ids,
            ):
                figures[rid].append(
                    Figure(t, r, c, _number(value), raw or "", note, label or "", page)
                )
            for rid, number, title, text in cur.execute(
                "select report_id, number, title, text from sections where report_id in "
                f"({marks}) and subsection is null order by report_id, number, id",
                ids,
            ):
                if number == 0:  # the preamble, stored as section 0 (index.store)
                    preambles[rid] = text or ""
                else:
                    sections[rid].append(Section(number, title or "", text or ""))
            for rid, rule, status, detail, cells in cur.execute(
                f"select report_id, rule, status, detail, cells from checks where report_id in ({marks})",
                ids,
            ):
                checks[rid].append(Check(rule, status, detail or "", (cells or "").split()))
            out = {}
            for (
                rid,
                agency_id,
                agency,
                year,
                title,
                fmt,
                source_format,
                source,
                warnings,
            ) in cur.execute(
                "select id, agency_id, agency, year, title, format, source_format, source_file, "
                f"warnings from reports where id in ({marks})",
                ids,
            ):
                report = Report(
                    agency,
                    year,
                    fmt,
                    title or "",
                    figures[rid],
                    sections[rid],
                    checks[rid],
                    json.loads(warnings or "[]"),
                    source_format or "text",
                    preambles.get(rid, ""),
                )
                out[rid] = Subject(report, source, agency_id)
        return out


def _number(value: float | int | None) -> float | int | None:
    """SQLite gives REAL for every figure; counts read as int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
