"""Indexing happens outside the bot's process: a rebuild is an `index build` of its own,
an upload is parsed in a reader process that a crash in a parser kills instead of the
bot; the engine is warmed in the background after start."""

from __future__ import annotations

import asyncio
import os
import shutil
from functools import partial
from pathlib import Path

import pytest

from bot.answer import Engine
from bot.telegram import apart
from bot.telegram.services import AsyncEngine, Indexer
from index import build
from index.build import Read, build_paths, read_report
from tests.botapi import FakeEngine, bot_config, running_bot
from tests.conftest import SEEDS, TODAY
from tests.test_last_year import SPLIT_2024, made_series, stored_row


def _dies_on(name: str, path: Path) -> Read:
    if path.name == name:
        os._exit(11)  # what a crash in a C library does to the process
    return read_report(path)


async def test_a_file_that_kills_the_reader_fails_alone(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    shutil.copy(SEEDS["qu"], bad)
    reader = apart.Reader(partial(_dies_on, "bad.txt"))
    try:
        report, _, result = await reader.read(bad)
        assert report is None and result.status == "failed" and "crashed" in (result.error or "")
        report, _, result = await reader.read(SEEDS["yichuan"])  # a new reader takes over
        assert report is not None and report.agency == "伊川县司法局"
    finally:
        reader.close()


async def test_a_rebuild_parses_in_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bot's own process never parses during /reindex: it only reads the results."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for key in ("qu", "yichuan"):
        shutil.copy(SEEDS[key], reports)

    def no_parsing_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed in the bot's process")

    monkeypatch.setattr(build, "read_report", no_parsing_here)
    db = tmp_path / "gongkai.db"
    engine = AsyncEngine(lambda: Engine(db, today=TODAY))
    seen: list[tuple[int, int, str]] = []
    try:
        results = await Indexer(db, reports, engine).reindex(
            lambda done, total, name: seen.append((done, total, name))
        )
        assert [r.status for r in results] == ["added", "added"]
        assert seen == [(1, 2, results[0].file), (2, 2, results[1].file)]
        assert (await engine.answer("伊川县司法局收到多少政府信息公开申请？")).value == 2
    finally:
        engine.close()


async def test_the_engine_is_warmed_in_the_background_after_start(
    db_copy: Path, tmp_path: Path
) -> None:
    warmed: list[str] = []

    class Warming(FakeEngine):
        def warm(self) -> float:
            warmed.append("once")
            return 0.0

    async with running_bot(bot_config(db_copy, tmp_path), Warming) as api:
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        await api.wait_for("sendMessage")
        for _ in range(100):
            if warmed:
                break
            await asyncio.sleep(0.05)
    assert warmed == ["once"]


async def test_an_upload_is_read_again_with_last_years_figures(tmp_path: Path) -> None:
    """平潭 2024's 行政规范性文件6233440 splits as 62 / 33 / 440 (hand-read) only with its
    previous report's 现行有效件数: the upload, parsed in the reader process, is read
    there again with the figures of last year's report the index holds."""
    folder = made_series(tmp_path / "made")
    db = tmp_path / "gongkai.db"
    build_paths([folder / "b-2023.txt"], db)
    engine = AsyncEngine(lambda: Engine(db, today=TODAY))
    indexer = Indexer(db, tmp_path / "reports", engine)
    try:
        download = tmp_path / "upload.txt"
        shutil.copy(folder / "a-2024.txt", download)
        result = await indexer.add_file(download, "upload.txt")
        assert result.status == "added"
        assert any(
            "split by last year's report: 2.normative_documents" in w for w in result.warnings
        )
        assert stored_row(db, 2024) == SPLIT_2024
    finally:
        await indexer.close()
        engine.close()
