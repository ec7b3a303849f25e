"""Admins add reports by sending them, rebuild the index and look at statistics.

A document from anyone else is refused before anything is downloaded. Indexing runs
in worker threads (`Indexer`), so questions keep being answered meanwhile; progress
is shown by editing one message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import shutil
import tempfile
import time
from pathlib import Path
from types import TracebackType

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import Document, Message
from aiohttp import ClientError

from index.build import find_files
from index.errors import GongkaiError

from .. import audits, library
from ..config import Config
from ..filters import Addressed, IsAdmin
from ..render import index_result_html, stats_html
from ..replies import quote_in_groups, send
from ..services import AsyncEngine, Indexer
from ..text import MESSAGE_LIMIT, language, redact, t, utf16_len

log = logging.getLogger("gongkai.bot")

PROGRESS_EVERY = 2.0  # seconds between edits of a progress message
UPLOAD_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md"})
_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]+')


def safe_name(name: str | None, fallback: str) -> str:
    """The sender's file name made safe to show and to store under (at most 120
    characters, its extension kept: a name cut short must not lose what says its kind)."""
    cleaned = _UNSAFE.sub("_", Path(name or "").name).strip(". ")
    suffix = Path(cleaned).suffix[:10]
    if len(cleaned) > 120:
        cleaned = cleaned[: 120 - len(suffix)] + suffix
    return cleaned or fallback


class StatusMessage:
    """One message that shows how a long job is going, edited in place.

    `report` may be called from any thread; the message is edited from the loop at
    most once per `interval` seconds, which keeps clear of Telegram's edit limits.
    """

    def __init__(self, message: Message, interval: float = PROGRESS_EVERY) -> None:
        self.message = message
        self.interval = interval
        self._loop = asyncio.get_running_loop()
        self._latest = message.text or ""
        self._shown = self._latest
        self._ticker: asyncio.Task[None] | None = None

    async def show(self, text: str, *, final: bool = False) -> None:
        """Edit the message to `text`; a final text the edit lost is sent anew."""
        if text == self._shown:
            return
        self._shown = self._latest = text
        try:
            await self.message.edit_text(text)
        except TelegramAPIError as e:
            log.warning("progress message not edited: %s", e)
            if final:
                await self.message.answer(text)

    def report(self, text: str) -> None:
        self._loop.call_soon_threadsafe(setattr, self, "_latest", text)

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.show(self._latest)

    async def __aenter__(self) -> StatusMessage:
        self._ticker = asyncio.create_task(self._tick())
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._ticker:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker


def refusal(document: Document, name: str, config: Config, lang: str) -> str | None:
    """Why a document is not fetched (its kind, its size), or None when it may be."""
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        return t("bad_type", lang, name=name)
    if document.file_size and document.file_size > config.max_upload_bytes:
        size = f"{document.file_size / 1048576:.1f}"
        return t("too_big", lang, name=name, size=size, limit=config.limits.max_upload_mb)
    return None


async def download(
    bot: Bot, document: Document, destination: Path, status: StatusMessage, lang: str
) -> bool:
    """Fetch the document; on failure say why on the status message."""
    name = destination.name
    try:
        await bot.download(document, destination=destination)
    except (TelegramAPIError, ClientError, OSError) as e:
        # the error quotes the file's URL, which holds the bot's token: the log only
        log.warning("download of %s failed: %s", name, redact(str(e)))
        too_big = isinstance(e, TelegramAPIError) and "too big" in e.message.lower()
        await status.show(
            t("too_big_to_fetch" if too_big else "download_failed", lang, name=name), final=True
        )
        return False
    return True


async def on_upload(
    message: Message, bot: Bot, indexer: Indexer, config: Config, db_path: Path
) -> None:
    """An admin's report file: download, index, and say what was found (with the
    audit's counts; the details are behind /audit)."""
    document = message.document
    assert document is not None
    lang = language(message.caption, message.from_user)
    name = safe_name(document.file_name, f"{document.file_unique_id}.pdf")
    reply_to = quote_in_groups(message)
    refused = refusal(document, name, config, lang)
    if refused:
        await send(bot, message.chat.id, refused, reply_to=reply_to)
        return
    status = StatusMessage(
        await send(bot, message.chat.id, t("downloading", lang, name=name), reply_to=reply_to)
    )
    folder = Path(tempfile.mkdtemp(prefix="gongkai-upload-"))
    try:
        download_to = folder / name
        if not await download(bot, document, download_to, status, lang):
            return
        await status.show(t("waiting" if indexer.busy else "reading", lang, name=name))
        try:
            result = await indexer.add_file(download_to, name)
        except GongkaiError as e:
            reason = redact(str(e))
            await status.show(t("index_failed", lang, name=name, reason=reason), final=True)
            return
        except Exception:
            log.exception("indexing %s failed", name)
            await status.show(t("sorry", lang), final=True)
            return
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    log.info(
        "upload %s by %s: %s %s %s",
        name,
        message.from_user and message.from_user.id,
        result.status,
        result.agency,
        result.year,
    )
    text = index_result_html(result, name, lang)
    if result.ok and result.agency and result.year:
        try:
            audit = await asyncio.to_thread(audits.stored, db_path, result.agency, result.year)
        except Exception:  # the report is indexed whatever the audit does
            log.exception("audit of %s failed", name)
            audit = None
        if audit is not None:
            text += "\n" + audits.summary_html(audit, lang)
    await status.show(text, final=True)


async def on_refused_upload(message: Message, bot: Bot) -> None:
    """Anyone else's document: a polite no, and the file is never fetched."""
    lang = language(message.caption, message.from_user)
    await send(bot, message.chat.id, t("not_admin_upload", lang), reply_to=quote_in_groups(message))


async def on_reindex(message: Message, bot: Bot, indexer: Indexer, config: Config) -> None:
    """Rebuild the index from the reports folder, counting files as they are read."""
    lang = language(None, message.from_user)
    folder = config.index.reports_dir
    if not folder.is_dir() or not await asyncio.to_thread(find_files, [folder]):
        await send(bot, message.chat.id, t("reindex_empty", lang))
        return
    started = time.monotonic()
    start = await send(bot, message.chat.id, t("reindex_start", lang))
    async with StatusMessage(start, PROGRESS_EVERY) as status:

        def progress(done: int, total: int, name: str) -> None:
            status.report(t("reindex_progress", lang, done=done, total=total, name=name))

        results = await indexer.reindex(progress)
    failed = [r for r in results if not r.ok]
    summary = t("reindex_done", lang, ok=len(results) - len(failed), failed=len(failed))
    lines = [summary] + [
        t("reindex_failed_file", lang, name=r.file, reason=redact(r.error or "?")) for r in failed
    ]
    text = "\n".join(lines)
    log.info(
        "reindex: %d files, %d failed, %.1f s",
        len(results),
        len(failed),
        time.monotonic() - started,
    )
    if utf16_len(text) <= MESSAGE_LIMIT:
        await status.show(text, final=True)
    else:
        await status.show(summary, final=True)
        await send(bot, message.chat.id, "\n".join(lines[1:]), lang=lang)


async def on_stats(message: Message, bot: Bot, db_path: Path, engine: AsyncEngine) -> None:
    lang = language(None, message.from_user)
    stats = await asyncio.to_thread(library.stats, db_path)
    await send(bot, message.chat.id, stats_html(stats, dict(engine.asked), lang))


async def on_not_admin(message: Message, bot: Bot) -> None:
    await send(bot, message.chat.id, t("not_admin", language(None, message.from_user)))


def router() -> Router:
    r = Router(name="admin")
    r.message.register(on_upload, F.document, Addressed(), IsAdmin())
    r.message.register(on_refused_upload, F.document, Addressed())
    r.message.register(on_reindex, Command("reindex"), IsAdmin())
    r.message.register(on_stats, Command("stats"), IsAdmin())
    r.message.register(on_not_admin, Command("reindex", "stats"))
    return r
