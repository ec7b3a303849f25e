"""The bot as an operator runs it (`python -m bot run`, a process of its own) against the
tests' Bot API server: uploads, /reindex and questions at once, SIGTERM, kill -9."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from index.build import build_paths, find_files
from tests.botapi import TOKEN, BotAPIServer
from tests.conftest import DEVSET, ROOT, SEEDS

ADMIN = 1
QUESTIONS = {
    "渠县司法局收到多少政府信息公开申请？": "0 件",
    "淮安市人民政府收到多少政府信息公开申请？": "3119 件",
    "哪个机关收到申请最多": "淮安市人民政府",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Four seeds and the devset PDF in the reports folder, indexed; a config beside them."""
    shelf = tmp_path / "reports"
    shelf.mkdir()
    for key in ("qu", "xiqu", "qijiang", "youhao"):
        shutil.copy(SEEDS[key], shelf)
    shutil.copy(DEVSET / "huaian-shi-zf-2024.pdf", shelf)
    build_paths([shelf], tmp_path / "gongkai.db")
    return tmp_path


@asynccontextmanager
async def bot_process(site: Path, api: BotAPIServer) -> AsyncIterator[asyncio.subprocess.Process]:
    config = site / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\napi_base = "{api.url}"\n[admin]\nuser_ids = [{ADMIN}]\n'
        f'[index]\ndb = "{site / "gongkai.db"}"\nreports_dir = "{site / "reports"}"\n'
        "[limits]\nmessages_per_minute = 1000\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    mark = len(api.calls)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config),
        cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await api.wait_for("getUpdates", after=mark, timeout=60)
        yield proc
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0]


def indexed_files(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("select source_file from reports")}


async def ask_all(api: BotAPIServer, user: int) -> None:
    for question in QUESTIONS:
        await api.send_text(question, user_id=user)


def answered(api: BotAPIServer, after: int) -> list[str]:
    return [c.text for c in api.calls[after:] if c.method == "sendMessage"]


async def test_uploads_a_reindex_and_questions_at_once_then_sigterm(site: Path) -> None:
    api = BotAPIServer()
    await api.start()
    try:
        async with bot_process(site, api) as bot:
            start = len(api.calls)
            await api.send_document("伊川.txt", SEEDS["yichuan"].read_bytes(), user_id=ADMIN)
            await api.send_document(
                "平潭.txt", (DEVSET / "pingtan-zhsyq-2022.txt").read_bytes(), user_id=ADMIN
            )
            for user in range(100, 110):
                await ask_all(api, user)
            for name in ("伊川县司法局", "平潭综合实验区"):
                await api.wait_for("editMessageText", where=lambda c, n=name: "✅" in c.text and n in c.text, after=start, timeout=60)  # fmt: skip
            during = len(api.calls)
            await api.send_text("/reindex", user_id=ADMIN)
            for user in range(200, 210):
                await ask_all(api, user)
            await api.wait_for("editMessageText", where=lambda c: "索引已重建" in c.text, after=during, timeout=120)  # fmt: skip
            after = len(api.calls)
            await api.send_text("伊川县司法局收到多少政府信息公开申请？", user_id=300)
            await api.send_text("平潭收到多少申请", user_id=301)
            await api.wait_for("sendMessage", where=lambda c: "伊川县司法局" in c.text, after=after)
            await api.wait_for("sendMessage", where=lambda c: "平潭" in c.text, after=after)
            await asyncio.sleep(1)  # the last of the questions asked during the reindex
            bot.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(bot.wait(), 60) == 0
            assert bot.stderr is not None
            log = (await bot.stderr.read()).decode()
    finally:
        await api.close()
    texts = answered(api, start)
    for question, expected in QUESTIONS.items():
        replies = [t for t in texts if question[:4] in t or expected in t]
        assert replies, question
    assert not [t for t in texts if "抱歉" in t or "⚠️" in t]
    assert sum("2 件" in t for t in answered(api, after)) == 1
    assert "Traceback" not in log and "malformed" not in log
    db = site / "gongkai.db"
    assert integrity(db) == "ok"
    assert len(indexed_files(db)) == 7
    assert indexed_files(db) == {p.name for p in find_files([site / "reports"])}


async def test_the_bot_killed_during_uploads_loses_nothing(site: Path) -> None:
    rng = random.Random(9)
    db = site / "gongkai.db"
    before = indexed_files(db)
    newer_qu = (
        SEEDS["qu"]
        .read_bytes()
        .replace("收到政府信箱公开申请 0".encode(), "收到政府信箱公开申请零".encode())
    )
    uploads = [
        ("伊川.txt", SEEDS["yichuan"].read_bytes()),
        ("平潭.txt", (DEVSET / "pingtan-zhsyq-2022.txt").read_bytes()),
        ("渠县新版.txt", newer_qu),
    ]
    api = BotAPIServer()
    await api.start()
    try:
        for name, content in uploads:
            async with bot_process(site, api) as bot:
                mark = len(api.calls)
                await api.send_document(name, content, user_id=ADMIN)
                await api.wait_for("getFile", after=mark, timeout=30)
                await asyncio.sleep(rng.uniform(0, 0.5))
                bot.kill()  # SIGKILL: no shutdown of any kind
                await bot.wait()
            assert integrity(db) == "ok"
        async with bot_process(site, api) as bot:  # starts by repairing what the kills left
            mark = len(api.calls)
            await ask_all(api, 500)
            await api.wait_for(
                "sendMessage", where=lambda c: "淮安市人民政府" in c.text, after=mark
            )
            bot.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(bot.wait(), 60) == 0
    finally:
        await api.close()
    on_shelf = {p.name for p in (site / "reports").iterdir()}
    assert not [n for n in on_shelf if n.startswith(".")]  # nothing half-moved left
    now = indexed_files(db)
    assert now == on_shelf  # every report has its file, every file its report
    kept = before - now
    assert kept <= {SEEDS["qu"].name}  # only the replaced report's file may have gone
    if kept:
        assert any(n.startswith("渠县司法局-2024-") for n in now)
    with sqlite3.connect(db) as conn:
        (agencies,) = conn.execute("select count(distinct agency_id) from reports").fetchone()
    assert agencies == len(now)
