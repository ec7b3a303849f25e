"""What the user hears when a handler fails; the bot itself keeps running.

A `GongkaiError` is the input's fault and says what to do, so its message is passed
on, without any server path or token in it (`redact`). Anything else is a bug: logged with its traceback, and the user gets a short
apology instead of silence.
"""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, Router, html
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent, User

from index.errors import GongkaiError

from ..text import language, redact, t

log = logging.getLogger("gongkai.bot")


async def _tell(event: ErrorEvent, bot: Bot, text: str) -> None:
    update = event.update
    chat_id = None
    if update.message:
        chat_id = update.message.chat.id
    elif update.callback_query:
        with contextlib.suppress(TelegramAPIError):
            await update.callback_query.answer()
        if update.callback_query.message:
            chat_id = update.callback_query.message.chat.id
    if chat_id is None:
        return
    try:
        await bot.send_message(chat_id, text)
    except TelegramAPIError as e:
        log.warning("could not tell chat %s about an error: %s", chat_id, e)


def _lang(event: ErrorEvent) -> str:
    update = event.update
    user: User | None = None
    text = None
    if update.message:
        user, text = update.message.from_user, update.message.text or update.message.caption
    elif update.callback_query:
        user = update.callback_query.from_user
    return language(text, user)


async def on_user_error(event: ErrorEvent, bot: Bot) -> None:
    log.info("update %s: %s", event.update.update_id, event.exception)
    await _tell(event, bot, "⚠️ " + html.quote(redact(str(event.exception))))


async def on_bug(event: ErrorEvent, bot: Bot) -> None:
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
    await _tell(event, bot, t("sorry", _lang(event)))


def router() -> Router:
    r = Router(name="errors")
    r.errors.register(on_user_error, ExceptionTypeFilter(GongkaiError))
    r.errors.register(on_bug)
    return r
