"""年报体检 for everyone: /check a report file (stored nowhere), /audit indexed reports.

A document with the caption /check, or /check in reply to a document, is fetched
within the same limits as an upload, audited against the agency's earlier reports in
the index, and deleted. This router comes before the admins' one, so an admin's
/check is a check, not an upload.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from pathlib import Path

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from index.errors import GongkaiError

from .. import audits
from ..config import Config
from ..replies import quote_in_groups, send
from ..text import language, redact, t
from .admin import StatusMessage, download, refusal, safe_name
from .commands import split_year

log = logging.getLogger("gongkai.bot")


async def on_check(message: Message, bot: Bot, config: Config, db_path: Path) -> None:
    """The file sent with /check, or the one /check replies to, audited and not kept."""
    lang = language(message.caption or message.text, message.from_user)
    replied = message.reply_to_message
    document = message.document or (replied.document if replied else None)
    reply_to = quote_in_groups(message)
    if document is None:
        await send(bot, message.chat.id, t("usage_check", lang), reply_to=reply_to)
        return
    name = safe_name(document.file_name, f"{document.file_unique_id}.pdf")
    refused = refusal(document, name, config, lang)
    if refused:
        await send(bot, message.chat.id, refused, reply_to=reply_to)
        return
    status = StatusMessage(
        await send(bot, message.chat.id, t("checking", lang, name=name), reply_to=reply_to)
    )
    folder = Path(tempfile.mkdtemp(prefix="gongkai-check-"))
    try:
        path = folder / name
        if not await download(bot, document, path, status, lang):
            return
        try:
            audit = await asyncio.to_thread(
                audits.check_file, path, db_path, config.max_upload_bytes
            )
        except GongkaiError as e:
            reason = redact(str(e))  # the temporary folder is no business of the sender
            await status.show(t("check_failed", lang, name=name, reason=reason), final=True)
            return
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    await status.show(audits.audit_html(audit, lang), final=True)


async def on_audit(message: Message, command: CommandObject, bot: Bot, db_path: Path) -> None:
    """/audit <agency|region> [year]: the findings of indexed reports."""
    lang = language(command.args, message.from_user)
    name, year = split_year(command.args or "")
    reply_to = quote_in_groups(message)
    if not name:
        await send(bot, message.chat.id, t("usage_audit", lang), reply_to=reply_to)
        return
    found = await asyncio.to_thread(audits.indexed, db_path, name, year)
    if not found:
        await send(bot, message.chat.id, t("audit_none", lang, name=name), reply_to=reply_to)
        return
    await send(bot, message.chat.id, audits.audits_html(found, lang), reply_to=reply_to, lang=lang)


def router() -> Router:
    r = Router(name="audit")
    r.message.register(on_check, Command("check"))
    r.message.register(on_audit, Command("audit"))
    return r
