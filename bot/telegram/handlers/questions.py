"""Any text is a question for the engine, and so is the caption of a photo or a video
(people send a screenshot of a report with their question under it)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import Message

from ..filters import Addressed
from ..replies import ask, quote_in_groups
from ..services import AskMemory, AsyncEngine


async def on_question(
    message: Message, bot: Bot, question: str, engine: AsyncEngine, memory: AskMemory
) -> None:
    """Answer with the engine's reply; an ambiguous one comes with candidate buttons."""
    if question:
        await ask(bot, message.chat.id, question, engine, memory, reply_to=quote_in_groups(message))


def router() -> Router:
    r = Router(name="questions")
    r.message.register(on_question, F.text, ~F.text.startswith("/"), Addressed())
    r.message.register(
        on_question, F.photo | F.video, F.caption, ~F.caption.startswith("/"), Addressed()
    )
    return r
