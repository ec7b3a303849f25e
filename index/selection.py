"""Which reports a staff command covers: agencies by name, a region, years, kinds of agency.

`python -m index export` and `python -m index list` take the same filters and read them
here into one `Selection`, so that both commands mean the same reports by the same words.
A region is a division (江苏省, 淮安市, 洪泽区, Huai'an, or its code 320800) and covers the
agencies whose identity lies in it, by the code's prefix as the question engine ranges
over regions. A name that matches nothing, or a place that is no division, is an error
that says so, never an empty file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .divisions import divisions, region_prefix
from .errors import GongkaiError


class NoSuchAgency(GongkaiError):
    """A name given on the command line that no indexed agency has."""


class UnknownRegion(GongkaiError):
    """A region that is no division, or a name several divisions share."""


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # with everything above it: 江苏省淮安市


@dataclass(frozen=True)
class Selection:
    """Filters on reports (and, for exports, on tables); empty means no filter."""

    agency_ids: tuple[int, ...] = ()
    region: Region | None = None
    years: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    tables: tuple[int, ...] = ()

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on `reports r join agencies a`, with their parameters."""
        terms: list[str] = []
        params: list[Any] = []
        for column, values in (
            ("r.agency_id", self.agency_ids),
            ("r.year", self.years),
            ("a.kind", self.kinds),
        ):
            if values:
                terms.append(f"{column} in ({', '.join('?' * len(values))})")
                params.extend(values)
        if self.region:
            terms.append("a.code like ?")
            params.append(region_prefix(self.region.code) + "%")
        return (" where " + " and ".join(terms) if terms else ""), params


@dataclass(frozen=True)
class ReportRow:
    """One report of a selection, with its agency's identity and region."""

    report_id: int
    agency_id: int
    agency: str  # as the report printed it
    canonical: str
    code: str | None
    kind: str | None
    province: str | None
    city: str | None
    county: str | None
    year: int
    title: str
    figures: int
    failed_checks: int
    source_file: str


def reports(conn: sqlite3.Connection, selection: Selection) -> list[ReportRow]:
    """The selected reports, by agency (canonical name) and year."""
    where, params = selection.where()
    rows = conn.execute(
        "select r.id, a.id, r.agency, coalesce(a.canonical, a.name), a.code, a.kind, "
        "a.province, a.city, a.county, r.year, r.title, r.figure_count, r.failed_checks, "
        "r.source_file from reports r join agencies a on a.id = r.agency_id"
        f"{where} order by coalesce(a.canonical, a.name), r.year",
        params,
    ).fetchall()
    return [ReportRow(*row) for row in rows]


def select(
    conn: sqlite3.Connection,
    names: Sequence[str] = (),
    region: str | None = None,
    years: Sequence[int] = (),
    kinds: Sequence[str] = (),
    tables: Sequence[int] = (),
) -> Selection:
    """The filters as written on the command line, read against the index."""
    agency_ids: list[int] = []
    for name in names:
        agency_ids.extend(i for i in find_agencies(conn, name) if i not in agency_ids)
    return Selection(
        tuple(agency_ids),
        find_region(region, lambda code: holds(conn, code)) if region else None,
        tuple(years),
        tuple(kinds),
        tuple(tables),
    )


def find_agencies(conn: sqlite3.Connection, name: str) -> list[int]:
    """The agencies `name` means: those with this name (canonical, or any name one of its
    reports printed), else those whose names contain it (司法局: every justice bureau)."""
    name = name.strip()
    if not name:
        raise NoSuchAgency("an agency name is empty")
    base = (
        "select distinct a.id from agencies a left join agency_names n on n.agency_id = a.id "
        "where a.id in (select agency_id from reports) and "
    )
    for condition in (
        "(a.canonical = ?1 or a.name = ?1 or n.name = ?1)",
        "(instr(a.canonical, ?1) or instr(a.name, ?1) or instr(n.name, ?1))",
    ):
        found = [row[0] for row in conn.execute(base + condition + " order by a.id", (name,))]
        if found:
            return found
    raise NoSuchAgency(
        f"no indexed agency is named {name!r} (python -m index list shows what is indexed)"
    )


def find_region(text: str, holds: Callable[[str], bool]) -> Region:
    """The division `text` names: a code, or a name in Chinese, pinyin or English.

    A name several divisions share (淮安: the city and its district; 鼓楼区: four cities)
    means the one holding indexed agencies (`holds`) when only one does; otherwise it is
    an error that lists them.
    """
    text = text.strip()
    table = divisions()
    if text.isdigit():
        division = table.at(text) if len(text) == 6 else None
        if division is None:
            raise UnknownRegion(f"no division has the code {text}")
        return Region(division.code, table.path(division))
    mentions = table.find(text)
    if len(mentions) != 1 or (mentions[0].start, mentions[0].end) != (0, len(text)):
        raise UnknownRegion(
            f"{text!r} is not a province, city or county (write its name, e.g. 淮安市, "
            "or its six-digit division code)"
        )
    places = list({p.current.code: p.current for p in mentions[0].places}.values())
    if len(places) > 1:
        places = [d for d in places if holds(d.code)] or places
    if len(places) > 1:
        named = ", ".join(f"{table.path(d)} ({d.code})" for d in places)
        raise UnknownRegion(f"{text!r} may be {named}: write the full name or the code")
    return Region(places[0].code, table.path(places[0]))


def holds(conn: sqlite3.Connection, code: str) -> bool:
    """Whether any indexed agency lies in the division `code`."""
    return (
        conn.execute(
            "select 1 from agencies where code like ? limit 1", (region_prefix(code) + "%",)
        ).fetchone()
        is not None
    )
