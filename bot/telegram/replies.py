"""Sending: long replies split at line breaks (or sent as a file), answers, charts.

These take a bot and a chat rather than a `Message`, so a tap on a button (whose
message may be too old to reply to) sends the same way a typed question does.
"""

from __future__ import annotations

import asyncio

from aiogram import Bot, html
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
)
from aiogram.utils.chat_action import ChatActionSender

from . import keyboards
from .render import answer_html
from .services import AnswerLike, AskMemory, AsyncEngine
from .text import CAPTION_LIMIT, html_to_plain, split_html, t

MAX_PARTS = 4
# "typing…" is shown only for an answer that takes longer than this: most come sooner,
# and the action was a request to Telegram for every question
TYPING_AFTER = 0.5


async def send(
    bot: Bot,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    reply_to: int | None = None,
    lang: str = "zh",
) -> Message:
    """Send HTML `text` in as many messages as it takes, the keyboard on the last.

    Beyond `MAX_PARTS` messages a reply is a wall nobody scrolls through: it goes
    as a .txt file instead.
    """
    reply = (
        ReplyParameters(message_id=reply_to, allow_sending_without_reply=True) if reply_to else None
    )
    parts = split_html(text)
    if len(parts) > MAX_PARTS:
        document = BufferedInputFile(html_to_plain(text).encode("utf-8"), filename="gongkai.txt")
        return await bot.send_document(
            chat_id,
            document,
            caption=t("sent_as_file", lang),
            reply_markup=markup,
            reply_parameters=reply,
        )
    sent: Message | None = None
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        sent = await bot.send_message(
            chat_id,
            part,
            reply_markup=markup if last else None,
            reply_parameters=reply if n == 0 else None,
        )
    assert sent is not None, "nothing to send"
    return sent


def quote_in_groups(message: Message) -> int | None:
    """In a group the reply quotes the question, so people see what it answers."""
    return None if message.chat.type == "private" else message.message_id


async def ask(
    bot: Bot,
    chat_id: int,
    question: str,
    engine: AsyncEngine,
    memory: AskMemory,
    *,
    reply_to: int | None = None,
) -> AnswerLike:
    """Ask the engine (showing "typing…" if it takes a while) and send its answer.

    An ambiguous answer comes with one button per candidate, and so does a not-found
    one (the closest names, the years that exist); the buttons carry the remembered
    question's number and the candidate's id. An answer longer than one message sends
    its first part, the rest a tap away (`send_part`): one request per question, where
    a report card had taken two or three; one too long for `MAX_PARTS` goes as a file.
    """
    async with ChatActionSender.typing(bot=bot, chat_id=chat_id, initial_sleep=TYPING_AFTER):
        answer = await engine.answer(question, chat_id)
    markup = None
    if answer.status in ("ambiguous", "not_found") and answer.candidates:
        markup = keyboards.candidates(memory.remember(answer.candidates), answer.candidates)
    text = answer_html(answer)
    parts = split_html(text)
    if 1 < len(parts) <= MAX_PARTS:
        rest = memory.remember_parts(parts, markup, answer.language)
        await send_part(bot, chat_id, memory, rest, 0, reply_to=reply_to)
    else:
        await send(bot, chat_id, text, markup, reply_to=reply_to, lang=answer.language)
    return answer


async def send_part(
    bot: Bot,
    chat_id: int,
    memory: AskMemory,
    rest: int,
    part: int,
    *,
    reply_to: int | None = None,
) -> bool:
    """Part `part` of a long answer remembered as `rest`, with a button for the next
    one (the answer's own buttons under the last); False when it is forgotten."""
    kept = memory.parts(rest)
    if kept is None or not 0 <= part < len(kept.parts):
        return False
    if part + 1 < len(kept.parts):
        markup = keyboards.more(rest, part + 1, len(kept.parts), kept.language)
    else:
        markup = kept.markup
    reply = (
        ReplyParameters(message_id=reply_to, allow_sending_without_reply=True) if reply_to else None
    )
    await bot.send_message(chat_id, kept.parts[part], reply_markup=markup, reply_parameters=reply)
    return True


async def send_chart(
    bot: Bot, chat_id: int, labels: list[str], values: list[float], title: str
) -> Message:
    """Draw the chart in a worker thread (matplotlib takes a while) and send it.

    matplotlib is imported at the first chart (in `bot.charts`): it took a fifth of the
    bot's start, and most questions never draw one.
    """
    from ..charts import bar_chart

    png = await asyncio.to_thread(bar_chart, labels, values, title)
    return await bot.send_photo(
        chat_id,
        BufferedInputFile(png, filename="chart.png"),
        caption=html.quote(title[: CAPTION_LIMIT // 2]),
    )
