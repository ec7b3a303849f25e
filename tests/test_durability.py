"""Nothing lost, ever: swaps, uploads and rebuilds beside open readers leave a sound index."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer import Engine
from bot.telegram.services import AsyncEngine, Indexer
from index.build import build_paths
from index.parse import parse_file
from index.store import NotAnIndex, Store, copy_index
from tests.conftest import DEVSET, ROOT, SEEDS, TODAY

RECEIVED = "伊川县司法局收到多少政府信息公开申请？"


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0]


def reports(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from reports").fetchone()[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Four seeds and the devset PDF indexed; 伊川县司法局 is left for an upload."""
    shelf = tmp_path / "reports"
    shelf.mkdir()
    for key, path in SEEDS.items():
        if key != "yichuan":
            shutil.copy(path, shelf)
    shutil.copy(DEVSET / "huaian-shi-zf-2024.pdf", shelf)
    build_paths([shelf], tmp_path / "gongkai.db")
    return tmp_path


async def test_an_upload_then_a_reindex_beside_open_readers_keeps_the_index_sound(
    folder: Path,
) -> None:
    """The bug: /reindex renamed a new file over the live one, and the engine's connection
    replayed the old index's WAL into it ("database disk image is malformed")."""
    db = folder / "gongkai.db"
    engine = AsyncEngine(lambda: Engine(db, today=TODAY))
    indexer = Indexer(db, folder / "reports", engine)
    try:
        assert (await engine.answer(RECEIVED)).status == "not_found"
        download = folder / "upload.txt"
        shutil.copy(SEEDS["yichuan"], download)
        assert (await indexer.add_file(download, "upload.txt")).status == "added"
        assert Path(f"{db}-wal").exists()  # the engine's connection keeps the WAL
        results = await indexer.reindex()
        assert all(r.ok for r in results) and len(results) == 6
        for _ in range(5):
            answer = await engine.answer("哪个机关收到申请最多")
            assert answer.status == "answered" and "淮安市人民政府" in answer.text
        assert (await engine.answer(RECEIVED)).value == 2
    finally:
        engine.close()
    assert integrity(db) == "ok"
    assert reports(db) == 6
    assert not list(folder.glob("gongkai.db.new*"))


async def test_a_reindex_that_reads_nothing_keeps_the_index(folder: Path) -> None:
    db = folder / "gongkai.db"
    for path in (folder / "reports").iterdir():
        path.write_bytes(b"\x00\x01 not a report")
    engine = AsyncEngine(lambda: Engine(db, today=TODAY))
    try:
        with pytest.raises(Exception, match="no file of the reports folder could be read"):
            await Indexer(db, folder / "reports", engine).reindex()
        assert (await engine.answer("渠县司法局收到多少申请")).value == 0
    finally:
        engine.close()
    assert reports(db) == 5


def test_copy_index_replaces_a_live_index_that_readers_hold(folder: Path, tmp_path: Path) -> None:
    live = folder / "gongkai.db"
    engine = Engine(live, today=TODAY)
    other = tmp_path / "other.db"
    build_paths([SEEDS["yichuan"]], other)
    assert engine.answer(RECEIVED).value is None
    copy_index(other, live)
    assert engine.answer(RECEIVED).value == 2  # the engine saw the change and reloaded
    assert engine.answer("渠县司法局收到多少申请").status == "not_found"
    engine.close()
    assert integrity(live) == "ok" and reports(live) == 1


def test_a_question_sees_one_snapshot_while_a_report_is_written(folder: Path) -> None:
    """The bug: a ranking asked while an upload was being stored met an agency its
    agency list did not hold yet (KeyError in across)."""
    db = folder / "gongkai.db"
    engine = Engine(db, today=TODAY)
    store = Store(db)
    store.add(parse_file(SEEDS["yichuan"]), source_file="y.txt", sha256="y")
    store.close()
    # the write lands after the engine's check and before its reads
    engine._stale = lambda: False  # type: ignore[method-assign]
    ranking = engine.answer("哪个机关收到申请最少")
    assert ranking.status == "answered" and "伊川县司法局" not in ranking.text
    del engine._stale
    assert "伊川县司法局" in engine.answer("哪个司法局收到申请最多").text
    engine.close()


def test_a_file_that_is_not_an_index_is_refused_in_words(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(NotAnIndex, match="is not a gongkai index"):
        Store(text)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table people (name text)")
    with pytest.raises(NotAnIndex, match="database of something else"):
        Store(other)
    with pytest.raises(NotAnIndex, match="no folder"):
        Store(tmp_path / "missing" / "gongkai.db")
    assert not (tmp_path / "missing").exists()


def test_an_index_build_run_beside_the_engine_is_seen_by_the_next_question(
    folder: Path,
) -> None:
    db = folder / "gongkai.db"
    engine = Engine(db, today=TODAY)
    try:
        assert engine.answer(RECEIVED).status == "not_found"
        build = subprocess.run(
            [sys.executable, "-m", "index", "build", str(SEEDS["yichuan"]), "--db", str(db)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert build.returncode == 0, build.stderr
        assert engine.answer(RECEIVED).value == 2
    finally:
        engine.close()
