"""What a person exploring the index reads (schema 4): each table-4 cell labelled by its
own proceeding, counts as integers in the views, and an index of schema 3 brought up to
it when opened."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from index.parse import parse_file
from index.store import SCHEMA_VERSION, Store

from .conftest import DEVSET, SEEDS

PROCEEDINGS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}
REPORTS = [SEEDS["yichuan"], *(sorted(DEVSET.glob("*.pdf")) if DEVSET.exists() else [])]


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_each_table_4_cell_cites_its_own_proceeding(path: Path) -> None:
    report = parse_file(path)
    labels = {(f.row, f.column): f.label for f in report.figures if f.table == 4}
    assert len(labels) == 15
    assert labels == {key: PROCEEDINGS[key[0]] for key in labels}


def test_views_give_counts_as_integers_and_amounts_as_printed(built_db: Path) -> None:
    found = dict(
        (key, (value, kind))
        for key, value, kind in rows(
            built_db,
            "select table_number || '.' || row_key || '.' || column_key, value, typeof(value) "
            "from figures_named where agency_as_printed = '淮安市人民政府'",
        )
    )
    # devset truth/huaian-shi-zf-2024.json
    assert found["3.received.total"] == (3119, "integer")
    assert found["2.penalty.decisions"] == (3985758, "integer")
    assert found["2.fees.amount"] == (96171.6, "real")
    assert found["4.review.total"] == (351, "integer")


def test_views_name_the_column_as_the_template_prints_it(built_db: Path) -> None:
    assert rows(
        built_db,
        "select label, column_label from figures_named where agency_as_printed = '淮安市人民政府' "
        "and table_number = 4 and row_key = 'litigation_direct' and column_key = 'corrected'",
    ) == [("行政诉讼（未经复议直接起诉）", "结果纠正")]
    assert rows(
        built_db,
        "select count(*) from figures_named where column_label is null",
    ) == [(0,)]


def test_reports_named_has_a_row_per_report_with_its_region(built_db: Path) -> None:
    assert rows(built_db, "select count(*) from reports_named") == rows(
        built_db, "select count(*) from reports"
    )
    assert rows(
        built_db,
        "select agency, province, city, county, agency_kind, year from reports_named "
        "where agency_as_printed = '淮安市人民政府'",
    ) == [("江苏省淮安市人民政府", "江苏省", "淮安市", None, "government", 2024)]


def test_a_schema_3_index_gets_its_labels_and_views_when_opened(
    built_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "old.db"
    shutil.copy(built_db, db)
    blob = "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    con = sqlite3.connect(db)
    with con:
        con.execute("update meta set value = '3' where key = 'schema_version'")
        con.execute("update figures set label = ? where table_number = 4", (blob,))
        con.execute("drop view reports_named")
        con.execute("drop view figures_named")
        con.execute(
            "create view figures_named as select f.value, f.label from figures f"
        )  # schema 3's view gave values as stored
    con.close()
    before = rows(db, "select count(*), sum(value) from figures")
    Store(db).close()
    assert rows(db, "select value from meta where key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
    assert rows(db, "select distinct label from figures where table_number = 4 order by 1") == [
        (label,) for label in sorted(PROCEEDINGS.values())
    ]
    assert rows(db, "select count(*), sum(value) from figures") == before
    assert rows(db, "select count(*) from reports_named") == rows(
        db, "select count(*) from reports"
    )
    assert rows(
        db, "select typeof(value) from figures_named where column_key = 'total' limit 1"
    ) == [("integer",)]
