"""End to end: the real bot with the real engine and indexer, long-polling a Bot API
server of the tests' own on 127.0.0.1 (`tests.botapi`)."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import shutil
import time
from pathlib import Path

import aiohttp
import pytest

from bot.telegram import apart, library, replies
from bot.telegram.app import make_bot, make_dispatcher, webhook_app
from bot.telegram.handlers import admin, commands
from bot.telegram.text import MESSAGE_LIMIT, utf16_len
from index.build import Read, build_paths
from tests.botapi import TOKEN, BotAPIServer, FakeAnswer, FakeEngine, bot_config, running_bot
from tests.conftest import SEEDS

ADMIN, USER = 1, 42


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A reports folder and index of four seeds; 伊川县司法局 is left for an upload."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for key, path in SEEDS.items():
        if key != "yichuan":
            shutil.copy(path, reports)
    build_paths([reports], tmp_path / "gongkai.db")
    return tmp_path


def is_reply(text: str):  # noqa: ANN201
    return lambda call: text in call.text


async def test_a_question_is_answered(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        reply = await api.wait_for("sendMessage")
        assert "伊川县司法局" in reply.text and "2 件" in reply.text
        assert reply.params["chat_id"] == str(USER)
        assert not api.calls_of("sendChatAction")  # a quick answer is one request


async def test_a_slow_answer_shows_typing(
    tmp_path: Path, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class SlowEngine(FakeEngine):
        def answer(self, question: str, context: object = None) -> FakeAnswer:
            time.sleep(0.4)
            return super().answer(question, context)

    monkeypatch.setattr(replies, "TYPING_AFTER", 0.1)
    async with running_bot(bot_config(db_copy, tmp_path), SlowEngine) as api:
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        reply = await api.wait_for("sendMessage")
        (typing,) = api.calls_of("sendChatAction")
        assert typing.params["action"] == "typing"
        assert api.calls.index(typing) < api.calls.index(reply)


async def test_a_tap_on_an_ambiguity_button_answers_it(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("伊川县司法局的纠正")
        choice = await api.wait_for("sendMessage")
        labels = [b["text"] for b in choice.buttons]
        assert labels == ["行政复议", "行政诉讼"]
        await api.tap(choice.buttons[1], on=choice)
        answered = await api.wait_for("sendMessage", after=api.calls.index(choice) + 1)
        assert "行政诉讼" in answered.text and "伊川县司法局" in answered.text
        await api.wait_for("answerCallbackQuery")


async def test_start_offers_three_examples_that_answer(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("/start")
        start = await api.wait_for("sendMessage")
        assert len(start.buttons) == 3
        assert start.buttons[0]["text"] == "淮安市人民政府2024年收到多少政府信息公开申请？"
        await api.tap(start.buttons[0], on=start)
        answer = await api.wait_for("sendMessage", where=is_reply("3119"))
        assert "淮安市人民政府" in answer.text


async def test_commands_are_registered_admin_ones_for_admins_only(
    db_copy: Path, tmp_path: Path
) -> None:
    async with running_bot(bot_config(db_copy, tmp_path, admins=(ADMIN,))) as api:
        calls = api.calls_of("setMyCommands")
        everyone = [c for c in calls if c.params["scope"]["type"] == "default"]
        admins = [c for c in calls if c.params["scope"]["type"] == "chat"]
        assert len(everyone) == len(admins) == 2  # Chinese and English
        assert {c["command"] for c in everyone[0].params["commands"]} >= {
            "start",
            "report",
            "compare",
        }
        assert "reindex" not in {c["command"] for c in everyone[0].params["commands"]}
        assert admins[0].params["scope"]["chat_id"] == ADMIN
        assert {"reindex", "stats"} <= {c["command"] for c in admins[0].params["commands"]}


async def test_report_card(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("/report 伊川县司法局 2024")
        card = await api.wait_for("sendMessage")
        assert card.text.startswith("伊川县司法局 2024 年报告主要数字")
        assert "本年新收政府信息公开申请数量 2 件" in card.text


async def test_compare_sends_a_ranking_and_a_bar_chart(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("/compare 行政复议")
        ranking = await api.wait_for("sendMessage")
        assert "1. 淮安市人民政府（2024 年）：351 件" in ranking.text
        photo = await api.wait_for("sendPhoto")
        assert photo.file("photo")[1].startswith(b"\x89PNG")
        assert photo.text == "行政复议"


async def test_trend_with_a_single_year_has_no_chart(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("/trend 伊川县司法局 收到申请")
        trend = await api.wait_for("sendMessage")
        assert "2024 年：2 件" in trend.text
        await api.send_text("还在吗")
        await api.wait_for("sendMessage", after=api.calls.index(trend) + 1)
        assert not api.calls_of("sendPhoto")


async def test_export_sends_csv_documents(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("/export all")
        everything = await api.wait_for("sendDocument")
        name, data = everything.file("document")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert name == "gongkai-all.csv" and len({r["agency"] for r in rows}) == 8
        await api.send_text("/export 伊川")
        one = await api.wait_for("sendDocument", after=api.calls.index(everything) + 1)
        rows = list(csv.DictReader(io.StringIO(one.file("document")[1].decode("utf-8-sig"))))
        assert {r["agency"] for r in rows} == {"伊川县司法局"}
        assert "伊川县司法局" in one.text


async def test_admin_upload_is_indexed_and_then_answered_from(folder: Path) -> None:
    config = bot_config(folder / "gongkai.db", folder / "reports")
    async with running_bot(config) as api:
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        before = await api.wait_for("sendMessage")
        assert "2 件" not in before.text
        await api.send_document(
            "伊川县司法局2024年报.txt", SEEDS["yichuan"].read_bytes(), user_id=ADMIN
        )
        progress = await api.wait_for("sendMessage", where=is_reply("正在下载"))
        done = await api.wait_for("editMessageText", where=is_reply("✅"))
        assert done.params["message_id"] == str(progress.result["message_id"])
        assert "伊川县司法局 2024 年，200 个数据" in done.text and "勾稽关系均相符" in done.text
        assert api.calls_of("getFile") and api.calls_of("download")
        sha = hashlib.sha256(SEEDS["yichuan"].read_bytes()).hexdigest()
        assert (folder / "reports" / f"伊川县司法局-2024-{sha[:12]}.txt").exists()
        assert not (folder / "reports" / "伊川县司法局2024年报.txt").exists()
        mark = len(api.calls)
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        after = await api.wait_for("sendMessage", after=mark)
        assert "2 件" in after.text


async def test_a_newer_file_replaces_the_old_one(folder: Path) -> None:
    config = bot_config(folder / "gongkai.db", folder / "reports")
    old = folder / "reports" / SEEDS["qu"].name
    newer = old.read_bytes().replace(
        "收到政府信箱公开申请 0".encode(), "收到政府信箱公开申请零".encode()
    )
    assert newer != old.read_bytes()
    async with running_bot(config) as api:
        await api.send_document(old.name, newer, user_id=ADMIN)
        done = await api.wait_for("editMessageText", where=is_reply("✅"))
        assert "渠县司法局 2024 年" in done.text and "替换" in done.text
    kept = {p.name for p in (folder / "reports").iterdir()}
    sha = hashlib.sha256(newer).hexdigest()
    assert old.name not in kept and f"渠县司法局-2024-{sha[:12]}.txt" in kept and len(kept) == 4
    assert library.stats(folder / "gongkai.db")["reports"] == 4


async def test_an_unreadable_upload_says_why_and_is_not_kept(folder: Path) -> None:
    config = bot_config(folder / "gongkai.db", folder / "reports")
    async with running_bot(config) as api:
        await api.send_document(
            "notes.txt", "今天天气很好。".encode(), user_id=ADMIN, language_code="en"
        )
        failed = await api.wait_for("editMessageText", where=is_reply("❌"))
        assert failed.text.startswith("❌ Cannot read notes.txt:")
    assert not (folder / "reports" / "notes.txt").exists()


async def test_a_non_admin_upload_is_refused_without_download(folder: Path) -> None:
    config = bot_config(folder / "gongkai.db", folder / "reports")
    async with running_bot(config) as api:
        await api.send_document("report.pdf", b"%PDF-1.4", user_id=USER)
        refused = await api.wait_for("sendMessage")
        assert "只有管理员可以上传报告" in refused.text
        assert not api.calls_of("getFile", "download")


async def test_questions_are_answered_while_a_report_is_indexed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()
    real_read = apart.Reader.read

    async def slow_read(self: apart.Reader, path: Path) -> Read:
        await asyncio.wait_for(release.wait(), 10)
        return await real_read(self, path)

    monkeypatch.setattr(apart.Reader, "read", slow_read)
    config = bot_config(folder / "gongkai.db", folder / "reports")
    async with running_bot(config) as api:
        await api.send_document("yichuan.txt", SEEDS["yichuan"].read_bytes(), user_id=ADMIN)
        await api.wait_for("editMessageText", where=is_reply("正在读取"))
        await api.send_text("渠县司法局收到多少政府信息公开申请？")
        answer = await api.wait_for("sendMessage", where=is_reply("渠县司法局"))
        assert not api.calls_of("editMessageText")[-1].text.startswith("✅")
        release.set()
        done = await api.wait_for("editMessageText", where=is_reply("✅"))
        assert api.calls.index(answer) < api.calls.index(done)


async def test_reindex_rebuilds_from_the_folder_showing_progress(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(admin, "PROGRESS_EVERY", 0.01)
    shutil.copy(SEEDS["yichuan"], folder / "reports")
    (folder / "reports" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    config = bot_config(folder / "gongkai.db", folder / "reports")
    async with running_bot(config) as api:
        await api.send_text("/reindex", user_id=ADMIN)
        # the rebuild runs as its own process: on a loaded machine it may take a while
        done = await api.wait_for("editMessageText", where=is_reply("✅"), timeout=90)
        assert done.text.startswith("✅ 索引已重建：5 份报告，1 份失败。\n❌ broken.pdf：")
        progress = [c.text for c in api.calls_of("editMessageText")[:-1]]
        assert progress and all(p.startswith("⏳ 重建索引：") for p in progress)
        assert {c.params["message_id"] for c in api.calls_of("editMessageText")} == {
            done.params["message_id"]
        }
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        answer = await api.wait_for("sendMessage", where=is_reply("伊川县司法局"))
        assert "2 件" in answer.text
    assert not (folder / "gongkai.db.new").exists()


async def test_a_reply_over_4096_characters_is_split(
    db_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "SEARCH_HITS", 40)
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("/search 公开")
        first = await api.wait_for("sendMessage")
        await api.send_text("/help")
        await api.wait_for("sendMessage", where=is_reply("/agencies"))
        parts = api.calls[api.calls.index(first) :]
        parts = [c for c in parts if c.method == "sendMessage" and "/agencies" not in c.text]
        assert len(parts) >= 2
        assert utf16_len("\n".join(p.text for p in parts)) > MESSAGE_LIMIT
        assert all(utf16_len(p.text) <= MESSAGE_LIMIT for p in parts)
        assert all(p.text.count("<b>") == p.text.count("</b>") for p in parts)


async def test_a_handler_error_leaves_the_bot_running(
    db_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("search index on fire")

    monkeypatch.setattr(library, "search", broken)
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("/search 行政复议")
        sorry = await api.wait_for("sendMessage")
        assert sorry.text.startswith("抱歉")
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        await api.wait_for("sendMessage", where=is_reply("2 件"))


async def test_the_webhook_checks_telegrams_secret_header(db_copy: Path, tmp_path: Path) -> None:
    api = BotAPIServer()
    config = bot_config(db_copy, tmp_path)
    config.telegram.api_base = await api.start()
    bot = make_bot(config)
    app = webhook_app(make_dispatcher(config), bot, "s3cret", "/telegram")
    runner = aiohttp.web.AppRunner(app)
    await runner.setup()
    site = aiohttp.web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/telegram"  # type: ignore[union-attr]
    update = {"update_id": 1, "message": api.message("伊川县司法局收到多少政府信息公开申请？")}
    try:
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update) as response:
                assert response.status == 401
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            async with http.post(url, json=update, headers=wrong) as response:
                assert response.status == 401
            await asyncio.sleep(0.1)
            assert not api.calls_of("sendMessage")
            right = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            async with http.post(url, json=update, headers=right) as response:
                assert response.status == 200
        reply = await api.wait_for("sendMessage")
        assert "2 件" in reply.text
    finally:
        await runner.cleanup()
        await bot.session.close()
        await api.close()
    assert TOKEN.split(":")[0] == "123456"


async def test_a_follow_up_continues_that_chat_only(db_copy: Path, tmp_path: Path) -> None:
    async with running_bot(bot_config(db_copy, tmp_path)) as api:
        await api.send_text("伊川县司法局收到多少政府信息公开申请？")
        first = await api.wait_for("sendMessage")
        assert "2 件" in first.text
        await api.send_text("渠县司法局呢")
        follow = await api.wait_for("sendMessage", after=api.calls.index(first) + 1)
        assert "渠县司法局" in follow.text and "0 件" in follow.text
        await api.send_text("渠县司法局呢", user_id=77)  # another chat has no question yet
        other = await api.wait_for("sendMessage", where=lambda c: c.params["chat_id"] == "77")
        # there, it is a question of its own: the agency's report card, not a follow-up
        assert "报告主要数字" in other.text and "按“" not in other.text
