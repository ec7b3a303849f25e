"""`python -m bot run` as an operator starts it: config file, logs on stderr, SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.telegram.app import run
from tests.botapi import TOKEN, BotAPIServer, bot_config, running_bot

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def read_until(stream: asyncio.StreamReader, text: str, timeout: float = 60) -> str:
    seen = ""
    while text not in seen:
        line = await asyncio.wait_for(stream.readline(), timeout)
        if not line:
            raise AssertionError(f"the bot ended before saying {text!r}: {seen}")
        seen += line.decode()
    return seen


async def test_no_network_is_one_line_a_try_and_the_bot_connects_when_it_can(
    db_copy: Path, tmp_path: Path
) -> None:
    """Telegram unreachable (blocked, no proxy yet): a line per try, no traceback, and the
    bot starts answering once the Bot API can be reached, without a restart."""
    port = free_port()
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\napi_base = "http://127.0.0.1:{port}"\n'
        f'[index]\ndb = "{db_copy}"\nreports_dir = "{tmp_path / "reports"}"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config),
        cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    api = BotAPIServer()
    try:
        assert bot.stderr is not None
        first = await read_until(bot.stderr, "cannot reach Telegram")
        assert f"cannot reach Telegram at http://127.0.0.1:{port}" in first
        assert "set [telegram] proxy" in first and "Traceback" not in first
        await api.start(port)
        await api.wait_for("getUpdates", timeout=60)
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        assert "2 件" in (await api.wait_for("sendMessage", timeout=30)).text
        bot.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(bot.wait(), 30) == 0
        rest = (await bot.stderr.read()).decode()
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()
        await api.close()
    assert "Traceback" not in rest and TOKEN not in first + rest


async def test_stopped_while_telegram_is_unreachable(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\napi_base = "http://127.0.0.1:{free_port()}"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config),
        cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert bot.stderr is not None
    await read_until(bot.stderr, "cannot reach Telegram")
    bot.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(bot.wait(), 30) == 0
    assert "Traceback" not in (await bot.stderr.read()).decode()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[telegram]\ntoken = "not a token"\n', "is not a bot token"),
        ('[telegram]\ntoken = "1:a"\nproxy = "127.0.0.1:1080"\n', "socks5://"),
    ],
)
def test_a_malformed_token_or_proxy_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, message: str
) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(SystemExit, match=message) as raised:
        run(str(config))
    assert str(raised.value).startswith("Error: ") and "\n" not in str(raised.value)


class ConnectProxy:
    """An HTTP proxy of the test's own (CONNECT tunnels), counting what goes through it."""

    def __init__(self) -> None:
        self.tunnels: list[str] = []
        self.server: asyncio.Server | None = None

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        method, target, _ = head.split(" ", 2)
        assert method == "CONNECT"
        self.tunnels.append(target)
        host, port = target.rsplit(":", 1)
        up_reader, up_writer = await asyncio.open_connection(host, int(port))
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    async def close(self) -> None:
        if self.server:
            self.server.close()


async def test_the_bot_talks_to_telegram_through_the_configured_proxy(
    db_copy: Path, tmp_path: Path
) -> None:
    proxy = ConnectProxy()
    config = bot_config(db_copy, tmp_path)
    config.telegram.proxy = SecretStr(await proxy.start())
    try:
        async with running_bot(config) as api:
            await api.send_text("伊川县司法局收到多少政府信息公开申请？")
            assert "2 件" in (await api.wait_for("sendMessage")).text
            port = api.url.rsplit(":", 1)[1]
        assert proxy.tunnels and all(t == f"127.0.0.1:{port}" for t in proxy.tunnels)
    finally:
        await proxy.close()
