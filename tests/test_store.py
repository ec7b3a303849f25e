"""The store's rules: reindexing is idempotent, a newer file replaces, a failure changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from index.build import build_paths, index_file
from index.parse import parse_file
from index.store import INSERT_CHECKS, SCHEMA_VERSION, Store, check_rows, segment

from .conftest import SEEDS, values_apart
from .old_schemas import SCHEMA5_VALUES


def dump(db: Path) -> list[str]:
    """Every row of every table except the indexing times, to compare two states."""
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("agencies", "reports", "figures", "sections", "checks")
        }
    finally:
        con.close()


def test_indexing_the_same_files_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    first = build_paths([SEEDS["qu"], SEEDS["yichuan"]], db)
    assert [r.status for r in first] == ["added", "added"]
    before = dump(db)
    again = build_paths([SEEDS["qu"], SEEDS["yichuan"]], db)
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert dump(db) == before


def test_a_new_file_for_the_same_agency_and_year_replaces_the_old(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"], SEEDS["yichuan"]], db)
    newer = tmp_path / "qu-corrected.txt"
    newer.write_text(
        SEEDS["qu"].read_text(encoding="utf-8").replace("行政许可 0", "行政许可 7"),
        encoding="utf-8",
    )
    store = Store(db)
    try:
        result = index_file(store, newer)
        assert result.status == "replaced"
        rows = list(
            store.db.query(
                "select r.source_file, f.value from figures f join reports r on r.id = f.report_id "
                "where r.agency = '渠县司法局' and f.row_key = 'licensing'"
            )
        )
        assert rows == [{"source_file": "qu-corrected.txt", "value": 7}]
        assert len(store.reports()) == 2
    finally:
        store.close()
    assert counts(db)["figures"] == 400


def test_a_file_that_cannot_be_read_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"]], db)
    before = dump(db)
    bad = tmp_path / "news.txt"
    bad.write_text("今天天气很好。\n本局召开会议，研究部署工作。\n", encoding="utf-8")
    results = build_paths([bad, SEEDS["xiqu"]], db)
    assert [r.status for r in results] == ["failed", "added"]
    assert "no table 三" in results[0].error
    assert counts(db)["reports"] == 2
    after = dump(db)
    build_paths([bad], db)
    assert dump(db) == after
    assert len(after) > len(before)


def test_failed_file_alone_changes_no_byte_of_the_rows(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"]], db)
    before = dump(db)
    cut = tmp_path / "cut.txt"
    text = SEEDS["yichuan"].read_text(encoding="utf-8")
    cut.write_text(text[: text.index("三、收到和处理")], encoding="utf-8")
    assert build_paths([cut], db)[0].status == "failed"
    assert dump(db) == before


def test_full_text_search_finds_chinese_words(built_db: Path) -> None:
    store = Store(built_db)
    try:
        hits = list(
            store.db.query(
                "select r.agency from sections_fts join sections s on s.rowid = sections_fts.rowid "
                "join reports r on r.id = s.report_id where sections_fts match ?",
                [segment("公众号")],  # the query is split into words as the index is
            )
        )
    finally:
        store.close()
    agencies = {h["agency"] for h in hits}
    assert {"渠县司法局", "伊川县司法局"} <= agencies


def test_report_rows_name_their_source(built_db: Path) -> None:
    store = Store(built_db)
    try:
        reports = {r["agency"]: r for r in store.reports()}
    finally:
        store.close()
    qu = reports["渠县司法局"]
    assert qu["source_file"] == SEEDS["qu"].name
    assert qu["sha256"] == hashlib.sha256(SEEDS["qu"].read_bytes()).hexdigest()
    assert qu["year"] == 2024 and qu["format"] == "2021" and qu["failed_checks"] == 0
    # every identity holds: counted, and no row of `checks` repeats what the figures say
    assert qu["passed_checks"] == len(parse_file(SEEDS["qu"]).checks) > 0
    con = sqlite3.connect(built_db)
    try:
        assert not con.execute("select 1 from checks where status = 'pass'").fetchall()
        assert con.execute(
            "select count(*) from checks c join reports r on r.id = c.report_id "
            "where r.agency = '渠县司法局'"
        ).fetchone() == (0,)
    finally:
        con.close()


def test_a_schema_6_index_counts_its_passing_checks_when_opened(db_copy: Path) -> None:
    """Schema 6 kept a row for every identity a report satisfies; schema 7 counts them in
    `reports.passed_checks` and keeps the rows of the ones broken or not assessable."""
    qu = parse_file(SEEDS["qu"])
    qu.checks[0] = replace(qu.checks[0], status="fail")
    con = sqlite3.connect(db_copy)
    with con:
        report_id = con.execute("select id from reports where agency = '渠县司法局'").fetchone()[0]
        con.execute("drop view reports_named")
        con.execute("alter table reports drop column passed_checks")
        con.executemany(INSERT_CHECKS, check_rows(report_id, qu.checks))
        con.execute("update meta set value = '6' where key = 'schema_version'")
        kept = con.execute("select * from checks where status != 'pass' order by rowid").fetchall()
    assert (report_id, qu.checks[0].rule, "fail") in {row[:3] for row in kept}
    Store(db_copy).close()
    con = sqlite3.connect(db_copy)
    try:
        assert con.execute("select * from checks order by rowid").fetchall() == kept
        passed = dict(con.execute("select agency_as_printed, passed_checks from reports_named"))
        assert con.execute("select value from meta where key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )
    finally:
        con.close()
    assert passed.pop("渠县司法局") == sum(c.status == "pass" for c in qu.checks) > 0
    assert set(passed.values()) == {0}  # the rows this index had lost are not invented


def test_an_index_made_before_checks_kept_their_cells_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    build_paths([SEEDS["qu"]], db)
    con = sqlite3.connect(db)
    con.execute("alter table checks drop column cells")
    con.commit()
    con.close()
    # a check the report breaks is kept with its cells (a passing one is counted)
    yichuan = parse_file(SEEDS["yichuan"])
    yichuan.checks = [
        replace(c, status="fail") if c.rule == "t3.balance.total" else c for c in yichuan.checks
    ]
    store = Store(db)
    try:
        assert store.add(yichuan, source_file="y.txt", sha256="y").status == "added"
    finally:
        store.close()
    con = sqlite3.connect(db)
    try:
        cells = con.execute(
            "select cells from checks where rule = 't3.balance.total' and cells is not null"
        ).fetchall()
    finally:
        con.close()
    assert cells == [
        ("3.received.total 3.carried_over.total 3.results_total.total 3.carried_forward.total",)
    ]


def figure_indexes(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {
            r[0]
            for r in con.execute(
                "select sql from sqlite_master where type = 'index' and tbl_name = 'figures'"
            )
        }
    finally:
        con.close()


RANKING_PLAN = (
    "select report_id, value from figure_values where cell = (select id from cells "
    "where table_number = 3 and row_key = 'received' and column_key = 'total')"
)


def values_sound(db: Path) -> bool:
    """Whether `figure_values` holds exactly the values of the figures table."""
    con = sqlite3.connect(db)
    try:
        return values_apart(con) == (0, 0, 0)
    finally:
        con.close()


def test_a_build_into_an_empty_index_leaves_the_figure_indexes_in_place(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"], SEEDS["yichuan"]], db)
    assert len(figure_indexes(db)) == 1
    assert values_sound(db) and counts(db)["figures"] == 400
    con = sqlite3.connect(db)
    try:
        plan = " ".join(r[-1] for r in con.execute("explain query plan " + RANKING_PLAN))
    finally:
        con.close()
    # a ranking reads one run of figure_values
    assert "SEARCH figure_values USING PRIMARY KEY" in plan


def searchable(db: Path, word: str) -> set[str]:
    """The agencies whose text the full-text index finds `word` in."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "select r.agency from sections_fts join sections s on s.rowid = sections_fts.rowid "
            "join reports r on r.id = s.report_id where sections_fts match ?",
            [segment(word)],
        ).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


def test_a_bulk_load_stopped_half_way_still_leaves_its_indexes(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    store = Store(db)
    try:
        with store.bulk():
            assert figure_indexes(db) == set()  # an empty index loads without them
            assert store.db.execute("PRAGMA synchronous").fetchone() == (0,)  # OFF
            index_file(store, SEEDS["qu"])
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        assert store.db.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL again
    finally:
        store.close()
    assert len(figure_indexes(db)) == 1 and values_sound(db)
    assert counts(db)["reports"] == 1
    assert searchable(db, "公众号") == {"渠县司法局"}  # the full-text index was made too


def test_an_index_missing_its_figure_indexes_gets_them_back_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"]], db)
    con = sqlite3.connect(db)
    for name in [
        r[0]
        for r in con.execute(
            "select name from sqlite_master where type='index' and tbl_name='figures'"
        )
    ]:
        con.execute(f"drop index [{name}]")
    con.execute("drop table sections_fts")
    con.execute("drop table figure_values")
    con.commit()
    con.close()
    Store(db).close()
    assert len(figure_indexes(db)) == 1 and values_sound(db)
    assert searchable(db, "公众号") == {"渠县司法局"}


def test_a_build_into_an_index_with_reports_keeps_its_indexes_throughout(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"]], db)
    seen = []
    build_paths([SEEDS["yichuan"]], db, progress=lambda *_: seen.append(len(figure_indexes(db))))
    assert seen == [1]
    assert values_sound(db)


def fts_sound(db: Path) -> bool:
    """Whether the full-text index holds exactly the words of the sections table (FTS5's
    integrity check, with rank 1 comparing the index with its content table)."""
    con = sqlite3.connect(db)
    try:
        con.execute("insert into sections_fts (sections_fts, rank) values ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    finally:
        con.close()
    return True


def test_the_full_text_index_and_figure_values_keep_up_whatever_befalls_a_batch(
    tmp_path: Path,
) -> None:
    """Sections and figures go into the full-text index and `figure_values` once per
    transaction, before the commit: a report replaced within its batch, a report that
    fails half-way and one added alone all leave them in step with their tables."""
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"]], db)
    yichuan = parse_file(SEEDS["yichuan"])
    corrected = parse_file(SEEDS["yichuan"])
    corrected.sections[-1].text += "新增微博矩阵。"
    broken = parse_file(SEEDS["xiqu"])
    # a failed check is stored after the sections; one that cannot be written fails there
    broken.checks[-1] = replace(broken.checks[-1], status="fail", detail=object())  # type: ignore[arg-type]
    store = Store(db)
    try:
        with store.batch():
            assert store.add(yichuan, source_file="y.txt", sha256="y1").status == "added"
            assert store.add(corrected, source_file="y2.txt", sha256="y2").status == "replaced"
            with pytest.raises(sqlite3.Error):
                store.add(broken, source_file="x.txt", sha256="x")
        assert fts_sound(db) and values_sound(db)
        assert store.add(parse_file(SEEDS["xiqu"]), source_file="x.txt", sha256="x").status == (
            "added"
        )
    finally:
        store.close()
    assert fts_sound(db) and values_sound(db)
    assert searchable(db, "微博矩阵") == {"伊川县司法局"}
    assert searchable(db, "公众号") >= {"渠县司法局", "伊川县司法局"}
    assert counts(db)["reports"] == 3


def test_a_batch_rolled_back_leaves_nothing_for_the_full_text_index(tmp_path: Path) -> None:
    """The batch replaced the last report stored (the highest sections), then stopped."""
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"], SEEDS["yichuan"]], db)
    corrected = parse_file(SEEDS["yichuan"])
    corrected.sections[-1].text += "新增微博矩阵。"
    store = Store(db)
    try:
        with pytest.raises(KeyboardInterrupt), store.batch():
            assert store.add(corrected, source_file="y2.txt", sha256="y2").status == "replaced"
            raise KeyboardInterrupt
        assert store.add(parse_file(SEEDS["xiqu"]), source_file="x.txt", sha256="x").status == (
            "added"
        )
    finally:
        store.close()
    assert fts_sound(db) and values_sound(db)
    assert counts(db)["reports"] == 3
    assert searchable(db, "微博矩阵") == set()


def as_schema_4(db: Path) -> None:
    """Make an index of this gongkai what a gongkai of schema 4 makes, or leaves after
    opening one of schema 5: figures' values in a covering index, not `figure_values`,
    and a trigger that puts each section into the full-text index."""
    con = sqlite3.connect(db)
    with con:
        con.execute("update meta set value = '4' where key = 'schema_version'")
        con.executescript(SCHEMA4_TABLES)
    con.close()


def triggers_and_indexes(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {
            r[0]
            for r in con.execute(
                "select name from sqlite_master where type in ('trigger', 'index') "
                "and sql is not null"
            )
        }
    finally:
        con.close()


def test_a_schema_4_index_is_migrated_when_opened(db_copy: Path) -> None:
    """Schema 5 keeps figures' values in `figure_values` and puts sections into the
    full-text index itself; the words indexed and the values stay as they were."""
    as_schema_4(db_copy)
    before = searchable(db_copy, "公众号")
    figures = counts(db_copy)["figures"]
    Store(db_copy).close()
    con = sqlite3.connect(db_copy)
    try:
        assert con.execute("select value from meta where key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )
    finally:
        con.close()
    names = triggers_and_indexes(db_copy)
    assert {"sections_ad", "sections_au", "figures_ad", "figures_au"} <= names
    assert (
        not {"sections_ai", "idx_figures_table_number_row_key_column_key_report_id_value"} & names
    )
    assert values_sound(db_copy) and counts(db_copy)["figures"] == figures
    assert fts_sound(db_copy) and searchable(db_copy, "公众号") == before


def test_an_index_a_schema_4_gongkai_wrote_to_is_made_whole_again(db_copy: Path) -> None:
    """A gongkai of schema 4 opening an index of schema 5 makes its covering index and
    its full-text trigger again, and stores figures without their `figure_values`: the
    next store of schema 5 to open the index makes `figure_values` again."""
    con = sqlite3.connect(db_copy)
    with con:  # what its Store makes on opening the index
        con.executescript(SCHEMA4_OPENS)
    with con:  # a report as a gongkai of schema 4 stores it: figures alone
        con.execute(
            "insert into figures (report_id, table_number, row_key, column_key, value, raw) "
            "select max(id), 3, 'received', 'natural_person', 7, '7' from reports"
        )
    con.close()
    assert not values_sound(db_copy)
    newer = db_copy.parent / "newer.txt"
    newer.write_text(
        SEEDS["qu"].read_text(encoding="utf-8").replace("行政许可 0", "行政许可 7"),
        encoding="utf-8",
    )
    assert [r.status for r in build_paths([newer], db_copy)] == ["replaced"]
    assert values_sound(db_copy) and fts_sound(db_copy)
    assert "sections_ai" not in triggers_and_indexes(db_copy)


# What a Store of schema 4 makes when it opens an index (the covering index and the
# full-text trigger on insert) ...
SCHEMA4_OPENS = """
create index if not exists idx_figures_table_number_row_key_column_key_report_id_value
    on figures (table_number, row_key, column_key, report_id, value);
create trigger if not exists [sections_ai] after insert on [sections] begin
    insert into [sections_fts] (rowid, [title], [text_segmented])
    values (new.rowid, new.[title], new.[text_segmented]);
end;
"""
# ... and an index of schema 4, which has no figure_values
SCHEMA4_TABLES = (
    """
drop trigger if exists figures_ad;
drop trigger if exists figures_au;
drop table if exists figure_values;
drop table if exists cells;
"""
    + SCHEMA4_OPENS
)


SCHEMA5_TABLES = SCHEMA5_VALUES + "update meta set value = '5' where key = 'schema_version';"


def test_a_schema_5_index_gets_figure_values_keyed_by_cell_number(db_copy: Path) -> None:
    """Schema 6 numbers the cells: an index of schema 5 has `figure_values` made again
    when opened, with the same values, and a ranking still reads one run of it."""
    con = sqlite3.connect(db_copy)
    with con:
        con.executescript(SCHEMA5_TABLES)
    con.close()
    figures = counts(db_copy)["figures"]
    Store(db_copy).close()
    con = sqlite3.connect(db_copy)
    try:
        assert con.execute("select value from meta where key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )
        plan = " ".join(r[-1] for r in con.execute("explain query plan " + RANKING_PLAN))
        received = con.execute(
            "select count(*) from figures where table_number = 3 and row_key = 'received' "
            "and column_key = 'total'"
        ).fetchone()[0]
        assert len(con.execute(RANKING_PLAN).fetchall()) == received > 0
    finally:
        con.close()
    assert "SEARCH figure_values USING PRIMARY KEY" in plan
    assert values_sound(db_copy) and counts(db_copy)["figures"] == figures
    # and the store keeps it whole as reports are replaced
    newer = db_copy.parent / "newer.txt"
    newer.write_text(
        SEEDS["qu"].read_text(encoding="utf-8").replace("行政许可 0", "行政许可 7"),
        encoding="utf-8",
    )
    assert [r.status for r in build_paths([newer], db_copy)] == ["replaced"]
    assert values_sound(db_copy)
    # a figure changed by hand (sqlite3, Datasette) moves with it, to a cell never seen
    Store(db_copy).close()
    con = sqlite3.connect(db_copy)
    with con:
        con.execute("update figures set value = 11 where rowid = (select min(rowid) from figures)")
        con.execute(
            "update figures set row_key = 'typed_by_hand' where rowid = (select max(rowid) from figures)"
        )
    con.close()
    assert values_sound(db_copy)


def test_a_cell_no_report_printed_before_is_numbered_when_stored(tmp_path: Path) -> None:
    """`figure_values` takes a transaction's figures by joining `cells`: a figure of a
    cell not yet numbered is missed by the join, noticed, numbered and put in."""
    db = tmp_path / "g.db"
    build_paths([SEEDS["qu"]], db)
    report = parse_file(SEEDS["yichuan"])
    odd = replace(report.figures[0], row="a_row_never_printed", value=41)
    report = replace(report, figures=[*report.figures, odd])
    store = Store(db)
    try:
        with store.batch():
            store.add(report, source_file="yichuan.txt", sha256="x")
    finally:
        store.close()
    assert values_sound(db)
    con = sqlite3.connect(db)
    try:
        assert con.execute(
            "select v.value from figure_values v join cells c on c.id = v.cell "
            "where c.row_key = 'a_row_never_printed'"
        ).fetchall() == [(41.0,)]
    finally:
        con.close()
