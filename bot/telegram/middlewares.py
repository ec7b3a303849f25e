"""One log line per update, and a polite limit on how fast one user can go."""

from __future__ import annotations

import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import CallbackQuery, Message, TelegramObject, Update

from .text import language, t

log = logging.getLogger("gongkai.bot")

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class LogUpdates(BaseMiddleware):
    """Logs each update once: its kind, who sent it, whether it was handled, how long."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        user = data.get("event_from_user")
        chat = data.get("event_chat")
        started = time.monotonic()
        outcome = "failed"
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is UNHANDLED else "handled"
            return result
        finally:
            log.info(
                "update %s %s user=%s chat=%s %s in %d ms",
                event.update_id,
                event.event_type,
                user.id if user else "-",
                chat.id if chat else "-",
                outcome,
                (time.monotonic() - started) * 1000,
            )


class Throttle(BaseMiddleware):
    """At most `limit` messages or taps per user in `period` seconds.

    The first one over the limit gets a short notice; the rest are dropped quietly
    (a tap is still answered, or its button would spin) until the window clears.
    """

    def __init__(self, limit: int, period: float = 60.0) -> None:
        self.limit = limit
        self.period = period
        self._seen: dict[int, deque[float]] = defaultdict(deque)
        self._warned: set[int] = set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user = data.get("event_from_user")
        if user is None or self.limit <= 0:
            return await handler(event, data)
        now = time.monotonic()
        seen = self._seen[user.id]
        while seen and now - seen[0] > self.period:
            seen.popleft()
        if len(seen) < self.limit:
            seen.append(now)
            self._warned.discard(user.id)
            return await handler(event, data)
        text = getattr(event, "text", None) or getattr(event, "data", None)
        notice = t("too_fast", language(text, user))
        # marked before the notice is sent: the messages that arrive while it is on its
        # way must find the mark, or each of them sends a notice of its own
        warned = user.id in self._warned
        self._warned.add(user.id)
        if isinstance(event, CallbackQuery):
            await event.answer(notice)
        elif isinstance(event, Message) and not warned:
            await event.answer(notice)
        return None
