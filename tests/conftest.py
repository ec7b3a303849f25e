"""Shared fixtures: where the bundled and development reports are, and a built index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.build import build_paths

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
