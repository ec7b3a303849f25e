"""Handlers fed one update at a time (`dp.feed_raw_update`), with an engine made to order."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.telegram.text import MESSAGE_LIMIT, html_to_plain, utf16_len
from tests.botapi import BOT_USER, FakeAnswer, FakeEngine, bot_config, fed_bot

ADMIN, USER = 1, 42


def sent_texts(api) -> list[str]:  # noqa: ANN001
    return [c.text for c in api.calls_of("sendMessage")]


async def test_user_text_is_escaped(db_copy: Path, tmp_path: Path) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(message=api.message("<b>伊川</b> & 司法局"))
        assert sent_texts(api) == ["答：&lt;b&gt;伊川&lt;/b&gt; &amp; 司法局"]


async def test_a_long_answer_is_split_at_line_breaks_the_rest_a_tap_away(
    db_copy: Path, tmp_path: Path
) -> None:
    text = "\n".join(f"{n}. 伊川县司法局 <收到> 申请 " + "政" * 40 for n in range(150))
    candidates = [{"id": 1, "label": "伊川县司法局", "question": "伊川县司法局收到多少申请？"}]
    answer = FakeAnswer("长", status="ambiguous", text=text, candidates=candidates)
    engine = FakeEngine({"长": answer})
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("长"))
        (first,) = api.calls_of("sendMessage")  # one request: no "typing", one part
        assert [b["text"] for b in first.buttons] == ["更多（2/3）"]
        await feed(callback_query=_tap(first.result, first.buttons[0]["callback_data"]))
        second = api.calls_of("sendMessage")[-1]
        assert [b["text"] for b in second.buttons] == ["更多（3/3）"]
        await feed(callback_query=_tap(second.result, second.buttons[0]["callback_data"]))
        last = api.calls_of("sendMessage")[-1]
        assert [b["text"] for b in last.buttons] == ["伊川县司法局"]  # the answer's own
        parts = sent_texts(api)
        assert len(parts) == 3
        assert all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)
        assert html_to_plain("\n".join(parts)) == text
        assert not api.calls_of("sendChatAction")


async def test_very_long_reply_is_sent_as_a_file(db_copy: Path, tmp_path: Path) -> None:
    text = "\n".join("政府信息公开 " * 20 for _ in range(400))
    engine = FakeEngine({"长": FakeAnswer("长", text=text)})
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("长"))
        (document,) = api.calls_of("sendDocument")
        assert document.file("document")[1].decode() == text
        assert not api.calls_of("sendMessage")


async def test_ambiguous_answer_buttons_carry_ids_and_a_tap_answers(
    db_copy: Path, tmp_path: Path
) -> None:
    candidates = [
        {"id": 2, "label": "伊川县司法局", "question": "伊川县司法局收到多少申请？"},
        {"id": 1, "label": "渠县司法局", "question": "渠县司法局收到多少申请？"},
    ]
    engine = FakeEngine(
        {
            "县司法局收到多少申请？": FakeAnswer(
                "", status="ambiguous", text="您指的是哪个机关？", candidates=candidates
            )
        }
    )
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("县司法局收到多少申请？"))
        (reply,) = api.calls_of("sendMessage")
        assert [b["text"] for b in reply.buttons] == ["伊川县司法局", "渠县司法局"]
        assert all(b["callback_data"].isascii() for b in reply.buttons)
        await feed(callback_query=_tap(reply.result, reply.buttons[0]["callback_data"]))
        assert engine.asked[-1] == "伊川县司法局收到多少申请？"
        assert sent_texts(api)[-1] == "答：伊川县司法局收到多少申请？"
        assert len(api.calls_of("answerCallbackQuery")) == 1


async def test_not_found_answer_offers_the_closest_names_as_buttons(
    db_copy: Path, tmp_path: Path
) -> None:
    """宜川县 is not 伊川县 (a place typo is never forgiven), but the closest name is a tap away."""
    closest = [{"id": 2, "label": "伊川县司法局", "question": "伊川县司法局收到多少申请？"}]
    engine = FakeEngine(
        {
            "宜川县司法局收到多少申请？": FakeAnswer(
                "", status="not_found", text="没有找到", candidates=closest
            )
        }
    )
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("宜川县司法局收到多少申请？"))
        (reply,) = api.calls_of("sendMessage")
        assert [b["text"] for b in reply.buttons] == ["伊川县司法局"]
        await feed(callback_query=_tap(reply.result, reply.buttons[0]["callback_data"]))
        assert engine.asked[-1] == "伊川县司法局收到多少申请？"


@pytest.mark.parametrize(
    "data",
    [
        "p:999:1",
        "zz:1",
        "c:999",
        "c:" + "9" * 32,
        "ap:" + "9" * 40,
        "e:-" + "9" * 30,
        "x:" + "9" * 31 + ":zh",
        "p:1:" + "9" * 35,
    ],
)
async def test_every_tap_is_answered_even_stale_ones(
    db_copy: Path, tmp_path: Path, data: str
) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        message = {
            "message_id": 5,
            "date": 0,
            "chat": {"id": USER, "type": "private"},
            "from": BOT_USER,
        }
        await feed(callback_query=_tap(message, data))
        assert len(api.calls_of("answerCallbackQuery")) == 1
        assert not any("抱歉" in c.text for c in api.calls_of("sendMessage"))


async def test_handler_error_is_logged_and_apologised_for(
    db_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        with caplog.at_level(logging.INFO, logger="gongkai.bot"):
            await feed(message=api.message("boom"))
        assert "抱歉" in sent_texts(api)[-1]
        failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
        assert failure.exc_info and "the engine broke" in str(failure.exc_info[1])
        assert any("message user=42 chat=42 failed" in r.getMessage() for r in caplog.records)
        await feed(message=api.message("还在吗"))
        assert sent_texts(api)[-1] == "答：还在吗"


async def test_a_flood_is_throttled_politely(db_copy: Path, tmp_path: Path) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path, per_minute=2), FakeEngine) as (api, feed):
        for n in range(5):
            await feed(message=api.message(f"问题{n}"))
        await feed(message=api.message("别人的问题", user_id=43))
        assert sent_texts(api) == [
            "答：问题0",
            "答：问题1",
            "消息太多了，请稍等几秒再试。",
            "答：别人的问题",
        ]


async def test_a_concurrent_flood_gets_one_notice(db_copy: Path, tmp_path: Path) -> None:
    """The mark was set after the notice's await, so messages arriving meanwhile each got
    a notice of their own (198 for one flooding user)."""
    async with fed_bot(bot_config(db_copy, tmp_path, per_minute=2), FakeEngine) as (api, feed):
        await asyncio.gather(*(feed(message=api.message(f"问题{n}")) for n in range(40)))
        texts = sent_texts(api)
        assert texts.count("消息太多了，请稍等几秒再试。") == 1
        assert len(texts) == 3


async def test_a_photo_caption_is_a_question(db_copy: Path, tmp_path: Path) -> None:
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 10, "height": 10}]
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(message=api.message(None, photo=photo, caption="伊川县司法局收到多少申请"))
        await feed(message=api.message(None, photo=photo))
        assert sent_texts(api) == ["答：伊川县司法局收到多少申请"]


async def test_groups_only_when_addressed(db_copy: Path, tmp_path: Path) -> None:
    group = {"chat_id": -100, "chat_type": "group"}
    bot_message = {
        "message_id": 7,
        "date": 0,
        "chat": {"id": -100, "type": "group"},
        "from": BOT_USER,
    }
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(message=api.message("大家好", **group))
        await feed(message=api.message("/help@some_other_bot", **group))
        assert not api.calls_of("sendMessage")
        await feed(message=api.message("@gongkai_test_bot 伊川县司法局收到多少申请？", **group))
        await feed(message=api.message("渠县呢", reply_to_message=bot_message, **group))
        await feed(message=api.message("/help@gongkai_test_bot", **group))
        texts = sent_texts(api)
        assert texts[:2] == ["答：伊川县司法局收到多少申请？", "答：渠县呢"]
        assert "/report" in texts[2]
        assert api.calls_of("sendMessage")[0].params["reply_parameters"]["message_id"]


async def test_english_speakers_get_english(db_copy: Path, tmp_path: Path) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(message=api.message("/start", language_code="en"))
        (reply,) = api.calls_of("sendMessage")
        assert reply.text.startswith("Hello!") and reply.buttons[0]["text"].startswith("How many")


@pytest.mark.parametrize(
    ("name", "size", "reason"),
    [("report.doc", 1000, "only .pdf"), ("report.pdf", 30 * 1024 * 1024, "over the 20 MB limit")],
)
async def test_admin_upload_checked_before_download(
    db_copy: Path, tmp_path: Path, name: str, size: int, reason: str
) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        document = {"file_id": "f", "file_unique_id": "u", "file_name": name, "file_size": size}
        await feed(message=api.message(None, user_id=ADMIN, language_code="en", document=document))
        assert reason in sent_texts(api)[-1]
        assert not api.calls_of("getFile", "download")


async def test_admin_commands_refused_to_others(db_copy: Path, tmp_path: Path) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(message=api.message("/reindex"))
        await feed(message=api.message("/stats"))
        assert sent_texts(api) == ["这个命令只有管理员可以使用。"] * 2


async def test_stats_for_admins(db_copy: Path, tmp_path: Path) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(message=api.message("一个问题", user_id=ADMIN))
        await feed(message=api.message("/stats", user_id=ADMIN))
        stats = sent_texts(api)[-1]
        assert "报告 8 份，机关 8 个" in stats and "2024: 6" in stats and "回答问题 1 个" in stats


async def test_agencies_are_paged_and_open_a_report(db_copy: Path, tmp_path: Path) -> None:
    engine = FakeEngine()
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("/agencies"))
        (page,) = api.calls_of("sendMessage")
        assert "第 1/1 页" in page.text and len(page.buttons) == 8
        card = next(b for b in page.buttons if b["text"] == "伊川县司法局")
        await feed(callback_query=_tap(page.result, card["callback_data"]))
        assert engine.asked == ["伊川县司法局报告"]


async def test_report_asks_which_agency_when_several_fit(db_copy: Path, tmp_path: Path) -> None:
    engine = FakeEngine()
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("/report 司法局 2024"))
        (choice,) = api.calls_of("sendMessage")
        assert len(choice.buttons) == 5
        await feed(callback_query=_tap(choice.result, choice.buttons[0]["callback_data"]))
        assert engine.asked == [f"{choice.buttons[0]['text']}2024年报告"]
        await feed(message=api.message("/report 伊川 2023"))
        await feed(message=api.message("/report 不存在的局"))
        assert engine.asked[1:] == ["伊川县司法局2023年报告", "不存在的局报告"]


async def test_search_and_usage_hints(db_copy: Path, tmp_path: Path) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(message=api.message("/search 行政复议"))
        assert sent_texts(api)[-1].startswith("“行政复议”的检索结果")
        for command in ("/search", "/report", "/compare", "/trend", "/export"):
            await feed(message=api.message(command))
            assert sent_texts(api)[-1].startswith("用法")


def _tap(message: dict, data: str) -> dict:
    return {
        "id": "1",
        "from": {"id": USER, "is_bot": False, "first_name": "u", "language_code": "zh"},
        "chat_instance": "ci",
        "message": message,
        "data": data,
    }


async def test_trend_over_several_years_comes_with_a_chart(db_copy: Path, tmp_path: Path) -> None:
    figures = [
        {"table": 3, "row": "received", "column": "total", "value": v, "year": y}
        for y, v in ((2024, 5), (2022, 3), (2023, None))
    ]
    trend = FakeAnswer("", intent="trend", agency="伊川县司法局", text="历年", figures=figures)
    engine = FakeEngine({"伊川县司法局收到申请历年变化": trend})
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("/trend 伊川县司法局 收到申请"))
        (photo,) = api.calls_of("sendPhoto")
        assert photo.text == "伊川县司法局 收到申请"
        assert photo.file("photo")[1].startswith(b"\x89PNG")


async def test_a_ranking_nobody_could_rank_has_no_chart(db_copy: Path, tmp_path: Path) -> None:
    engine = FakeEngine(
        {"哪个司法局行政复议最多？": FakeAnswer("", status="not_found", text="没有")}
    )
    async with fed_bot(bot_config(db_copy, tmp_path), lambda: engine) as (api, feed):
        await feed(message=api.message("/compare 行政复议 司法局"))
        assert sent_texts(api) == ["没有"] and not api.calls_of("sendPhoto")


async def test_throttled_taps_are_still_answered(db_copy: Path, tmp_path: Path) -> None:
    message = {
        "message_id": 5,
        "date": 0,
        "chat": {"id": USER, "type": "private"},
        "from": BOT_USER,
    }
    async with fed_bot(bot_config(db_copy, tmp_path, per_minute=1), FakeEngine) as (api, feed):
        for _ in range(3):
            await feed(callback_query=_tap(message, "ap:1"))
        answers = api.calls_of("answerCallbackQuery")
        assert len(answers) == 3 and answers[-1].params["text"] == "消息太多了，请稍等几秒再试。"


async def test_documents_in_groups_are_left_alone_unless_addressed(
    db_copy: Path, tmp_path: Path
) -> None:
    document = {"file_id": "f", "file_unique_id": "u", "file_name": "a.pdf", "file_size": 10}
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        await feed(
            message=api.message(
                None, user_id=USER, chat_id=-5, chat_type="group", document=document
            )
        )
        assert not api.calls_of("sendMessage", "getFile")
        await feed(
            message=api.message(
                None,
                user_id=USER,
                chat_id=-5,
                chat_type="group",
                document=document,
                caption="@gongkai_test_bot",
            )
        )
        assert "只有管理员" in sent_texts(api)[0] and not api.calls_of("getFile")


async def test_a_failed_download_is_reported_even_if_edits_fail(
    db_copy: Path, tmp_path: Path
) -> None:
    async with fed_bot(bot_config(db_copy, tmp_path), FakeEngine) as (api, feed):
        api.fail["getFile"] = (400, "Bad Request: file is too big")
        api.fail["editMessageText"] = (400, "Bad Request: message to edit not found")
        document = {"file_id": "f", "file_unique_id": "u", "file_name": "a.pdf", "file_size": 10}
        await feed(message=api.message(None, user_id=ADMIN, document=document))
        assert sent_texts(api)[0] == "⏳ 正在下载 a.pdf…"
        assert sent_texts(api)[1].startswith("❌ Telegram 不允许机器人下载 a.pdf：文件太大")
        assert not list(tmp_path.glob("*.pdf"))
