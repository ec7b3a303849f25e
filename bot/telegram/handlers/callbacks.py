"""Taps on inline buttons. Each is answered at once, so the client stops spinning."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, Message

from .. import library
from ..exports import Exports
from ..keyboards import AgencyPage, Card, Example, ExportAgency, More, Pick
from ..replies import ask, send, send_part
from ..services import AskMemory, AsyncEngine
from ..text import language, t
from .commands import agencies_view, example_questions, send_card, send_export


async def on_pick(
    callback: CallbackQuery, callback_data: Pick, bot: Bot, engine: AsyncEngine, memory: AskMemory
) -> None:
    """A candidate of an ambiguous answer: ask the full question behind it."""
    question = memory.question(callback_data.ask, callback_data.id)
    if question is None or callback.message is None:
        await callback.answer(t("expired", language(None, callback.from_user)), show_alert=True)
        return
    await callback.answer()
    await ask(bot, callback.message.chat.id, question, engine, memory)


async def on_more(
    callback: CallbackQuery, callback_data: More, bot: Bot, memory: AskMemory
) -> None:
    """The next part of a long answer."""
    if callback.message is None or not await send_part(
        bot, callback.message.chat.id, memory, callback_data.rest, callback_data.part
    ):
        await callback.answer(t("expired", language(None, callback.from_user)), show_alert=True)
        return
    await callback.answer()


async def on_example(
    callback: CallbackQuery,
    callback_data: Example,
    bot: Bot,
    db_path: Path,
    engine: AsyncEngine,
    memory: AskMemory,
) -> None:
    await callback.answer()
    questions = await asyncio.to_thread(example_questions, db_path, callback_data.lang)
    if callback.message is not None and 0 <= callback_data.n < len(questions):
        await ask(bot, callback.message.chat.id, questions[callback_data.n], engine, memory)


async def on_agency_page(
    callback: CallbackQuery, callback_data: AgencyPage, bot: Bot, db_path: Path
) -> None:
    """Turn the page of /agencies in place."""
    await callback.answer()
    lang = language(None, callback.from_user)
    text, markup = await agencies_view(db_path, max(1, callback_data.page), lang)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(text, reply_markup=markup)
    elif callback.message is not None:
        await send(bot, callback.message.chat.id, text, markup, lang=lang)


async def on_card(
    callback: CallbackQuery,
    callback_data: Card,
    bot: Bot,
    db_path: Path,
    engine: AsyncEngine,
    memory: AskMemory,
) -> None:
    await callback.answer()
    if callback.message is not None:
        year = callback_data.year or None
        await send_card(
            bot, callback.message.chat.id, db_path, callback_data.agency, year, engine, memory
        )


async def on_export_agency(
    callback: CallbackQuery,
    callback_data: ExportAgency,
    bot: Bot,
    db_path: Path,
    exports: Exports,
    admins: frozenset[int],
) -> None:
    await callback.answer()
    found = await asyncio.to_thread(library.agency, db_path, callback_data.agency)
    if callback.message is not None and found is not None:
        lang = language(None, callback.from_user)
        user = callback.from_user.id
        await send_export(
            bot,
            callback.message.chat.id,
            exports,
            found["id"],
            found["name"],
            lang,
            user_id=user,
            admin=user in admins,
        )


async def on_stale(callback: CallbackQuery) -> None:
    """A button from an older version of the bot: answered, so it does not spin."""
    await callback.answer(t("expired", language(None, callback.from_user)))


def router() -> Router:
    r = Router(name="callbacks")
    r.callback_query.register(on_pick, Pick.filter())
    r.callback_query.register(on_more, More.filter())
    r.callback_query.register(on_example, Example.filter())
    r.callback_query.register(on_agency_page, AgencyPage.filter())
    r.callback_query.register(on_card, Card.filter())
    r.callback_query.register(on_export_agency, ExportAgency.filter())
    r.callback_query.register(on_stale)
    return r
