"""`python -m bot run` as an operator starts it: config file, logs on stderr, SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.telegram.app import run
from tests.botapi import TOKEN, BotAPIServer

ROOT = Path(__file__).resolve().parents[1]


async def test_run_logs_each_update_and_stops_cleanly_on_sigterm(
    db_copy: Path, tmp_path: Path
) -> None:
    api = BotAPIServer()
    url = await api.start()
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\napi_base = "{url}"\n'
        f"[admin]\nuser_ids = [1]\n"
        f'[index]\ndb = "{db_copy}"\nreports_dir = "{tmp_path / "reports"}"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config),
        cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await api.wait_for("getUpdates", timeout=60)
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        reply = await api.wait_for("sendMessage", timeout=30)
        assert "2 件" in reply.text
        bot.send_signal(signal.SIGTERM)
        status = await asyncio.wait_for(bot.wait(), 30)
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()
        await api.close()
    assert bot.stderr is not None
    log = (await bot.stderr.read()).decode()
    assert status == 0, log
    updates = [line for line in log.splitlines() if "gongkai.bot: update " in line]
    assert len(updates) == 1 and "message user=42 chat=42 handled in" in updates[0]
    assert "Received SIGTERM" in log and log.rstrip().endswith("stopped")
    assert TOKEN not in log


def test_run_without_a_token_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text("[admin]\nuser_ids = [1]\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="Error: no bot token"):
        run(str(config))
