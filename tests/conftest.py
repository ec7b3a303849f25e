"""Shared fixtures: where the bundled and development reports are, and a built index."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.answer import Engine
from index.build import build_paths
from index.model import Report

from .answer_support import synthetic_db

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
DEVSET = ROOT.parent / "shared" / "devset"
SEEDS = {
    "qu": REPORTS / "000_e6a1a50ddf61be61.txt",
    "yichuan": REPORTS / "001_9598518bcc7e7950.txt",
    "xiqu": REPORTS / "002_d6fa6f9f8322402a.txt",
    "qijiang": REPORTS / "003_2b2a966791f68e4e.txt",
    "youhao": REPORTS / "004_ac2f99b1ecb750a1.txt",
}


def figure_values(report: Report) -> dict[str, float | None]:
    """A report's figures keyed `table.row.column`, the way the expected values are written."""
    return {f"{f.table}.{f.row}.{f.column}": f.value for f in report.figures}


def values_apart(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """How far `figure_values` is from the figures table: figures missing from it,
    entries no figure has, and the difference in rows; (0, 0, 0) when it holds exactly
    the figures' values, each under its own cell."""
    figures = "select table_number, row_key, column_key, report_id, rowid, value from figures"
    values = (
        "select c.table_number, c.row_key, c.column_key, v.report_id, v.figure_id, v.value "
        "from figure_values v join cells c on c.id = v.cell"
    )
    return conn.execute(
        f"select (select count(*) from ({figures} except {values})), "
        f"(select count(*) from ({values} except {figures})), "
        f"(select count(*) from figures) - (select count(*) from figure_values)"
    ).fetchone()


# The day the answer tests ask on, so that 今年 and 去年 do not move under them.
TODAY = date(2025, 6, 1)


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the five seeds and the devset reports, built once per test session.

    Tests that change the database must work on a copy (`db_copy`).
    """
    db = tmp_path_factory.mktemp("index") / "gongkai.db"
    paths = [REPORTS] + ([DEVSET] if DEVSET.exists() else [])
    build_paths(paths, db)
    return db


@pytest.fixture
def db_copy(built_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "gongkai.db"
    shutil.copy(built_db, target)
    return target


@pytest.fixture(scope="module")
def real(built_db: Path) -> Engine:
    """The engine over the real reports, one per test module, so no module sees what another asked."""
    return Engine(built_db, today=TODAY)


@pytest.fixture(scope="module")
def invented() -> Engine:
    """The engine over `answer_support`'s invented index, one per test module."""
    return Engine(synthetic_db(), today=TODAY)
