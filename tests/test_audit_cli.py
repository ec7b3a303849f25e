"""`python -m index audit`: the CONTRACT.md JSON, drafts stored nowhere, spreadsheets, errors."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from index.build import build_paths
from index.cli import main

from .audit_pairs import CLEAN_2023, CLEAN_2024, variant, write


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """An index holding 伊川县司法局 2023, and its 2024 draft with carry-over 0 (not indexed)."""
    indexed = tmp_path / "reports"
    indexed.mkdir()
    write(indexed, CLEAN_2023)
    db = tmp_path / "g.db"
    build_paths([indexed], db)
    draft = write(tmp_path, variant(CLEAN_2024, carried_over=0, received=3), "draft.txt")
    return db, draft


def lines(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["audit", "--help"])
    assert done.value.code == 0 and "--xlsx" in capsys.readouterr().out


def test_a_draft_is_compared_with_the_index_and_stored_nowhere(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, draft = pair
    before = (
        sqlite3.connect(db).execute("select count(*), group_concat(sha256) from reports").fetchone()
    )
    assert main(["audit", str(draft), "--db", str(db), "--json"]) == 0
    [report] = lines(capsys)
    assert set(report) >= {"agency", "year", "title", "source", "findings", "rates", "duplication"}
    assert (report["agency"], report["year"], report["source"]) == (
        "伊川县司法局",
        2024,
        str(draft),
    )
    carry = [f for f in report["findings"] if f["rule"] == "carry_over.natural_person"]
    assert carry == [
        {
            "kind": "cross_year",
            "severity": "error",
            "rule": "carry_over.natural_person",
            "message": carry[0]["message"],
            "message_en": carry[0]["message_en"],
            "cells": ["3.carried_over.natural_person"],
            "expected": 1,
            "found": 0,
            "sentence": None,
            "previous_year": 2023,
        }
    ]
    assert report["duplication"]["previous_year"] == 2023
    assert set(report["duplication"]) >= {"previous_year", "ratio", "ratio_without_boilerplate"}
    after = (
        sqlite3.connect(db).execute("select count(*), group_concat(sha256) from reports").fetchone()
    )
    assert after == before


def test_indexed_reports_by_agency_and_year(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = pair
    assert main(["audit", "伊川", "--db", str(db), "--json", "--year", "2023"]) == 0
    [report] = lines(capsys)
    assert report["year"] == 2023 and report["duplication"] is None
    assert main(["audit", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "伊川县司法局 2023" in out and "1 份报告" in out and "1 reports" in out


def test_findings_as_csv_and_xlsx(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, draft = pair
    out_csv, out_xlsx = tmp_path / "f.csv", tmp_path / "f.xlsx"
    assert (
        main(
            [
                "audit",
                str(draft),
                "--db",
                str(db),
                "--json",
                "--csv",
                str(out_csv),
                "--xlsx",
                str(out_xlsx),
            ]
        )
        == 0
    )
    [report] = lines(capsys)
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig")))
    assert len(rows) == len(report["findings"])
    assert rows[0]["agency"] == "伊川县司法局" and rows[0]["severity"] == "error"
    sheet = load_workbook(out_xlsx).active
    assert sheet.max_row == len(rows) + 1
    assert [c.value for c in sheet[1]][:7] == [
        "agency",
        "year",
        "title",
        "source",
        "kind",
        "severity",
        "rule",
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["无此机关"], "no indexed agency"),
        (["missing.pdf"], "no such file"),
        (["--db", "nowhere.db"], "no database"),
    ],
)
def test_a_mistake_is_one_error_line(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    db, _ = pair
    full = ["audit", *args] if "--db" in args else ["audit", *args, "--db", str(db)]
    assert main(full) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("Error: ") and says in captured.err
    assert captured.err.count("\n") == 1


def test_a_file_that_is_no_report_fails_alone(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Like build: the bad file is said, the others are still audited, exit 1."""
    db, draft = pair
    bad = tmp_path / "notes.txt"
    bad.write_text("hello", encoding="utf-8")
    assert main(["audit", str(bad), str(draft), "--db", str(db), "--json"]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["agency"] for line in captured.out.splitlines()] == ["伊川县司法局"]
    assert "notes.txt: not an annual report" in captured.err


def test_a_region_is_a_division_as_export_takes_it(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = pair
    assert main(["audit", "--db", str(db), "--json", "--region", "洛阳市"]) == 0
    assert [r["agency"] for r in lines(capsys)] == ["伊川县司法局"]  # 伊川县 lies in 洛阳市
    assert main(["audit", "--db", str(db), "--region", "鼓楼区"]) == 2
    assert "may be 江苏省南京市鼓楼区" in capsys.readouterr().err  # four cities have one
