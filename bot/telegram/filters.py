"""Who the bot listens to: everyone in private, only those who address it in groups."""

from __future__ import annotations

import re

from aiogram import Bot
from aiogram.filters import Filter
from aiogram.types import Message


class Addressed(Filter):
    """A private message, or in a group one that mentions the bot or replies to it.

    Passes the text with the mention taken out to the handler as `question`.
    Commands are left to `Command`, which already checks `/cmd@thisbot`.
    """

    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, str]:
        text = (message.text or message.caption or "").strip()
        if message.chat.type == "private":
            return {"question": text}
        me = await bot.me()
        if me.username:
            mention = re.compile(rf"@{re.escape(me.username)}\b", re.IGNORECASE)
            if mention.search(text):
                return {"question": mention.sub(" ", text).strip()}
        reply = message.reply_to_message
        if reply and reply.from_user and reply.from_user.id == me.id:
            return {"question": text}
        return False


class IsAdmin(Filter):
    """The sender is one of the admins named in the config."""

    async def __call__(self, message: Message, admins: frozenset[int]) -> bool:
        return message.from_user is not None and message.from_user.id in admins
