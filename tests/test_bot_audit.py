"""年报体检 in the real bot, against the local Bot API server: /check of a file (anyone,
stored nowhere), /check in reply to a file, /audit of indexed reports, and the audit's
counts after an admin's upload."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.botapi import bot_config, running_bot

from .audit_pairs import CLEAN_2023, CLEAN_2024, variant, write

ADMIN, USER = 1, 42
# 2024 carries over 0 where 2023 carried forward 1: two cross-year errors (自然人, 总计)
DRAFT = variant(CLEAN_2024, carried_over=0, received=3)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An index of 伊川县司法局 2023, built from its reports folder."""
    from index.build import build_paths

    reports = tmp_path / "reports"
    reports.mkdir()
    write(reports, CLEAN_2023)
    build_paths([reports], tmp_path / "gongkai.db")
    return tmp_path


def state(folder: Path) -> tuple:
    db = sqlite3.connect(folder / "gongkai.db")
    try:
        return db.execute("select count(*), group_concat(sha256) from reports").fetchone(), sorted(
            p.name for p in (folder / "reports").iterdir()
        )
    finally:
        db.close()


def draft_bytes(tmp_path: Path) -> bytes:
    return write(tmp_path, DRAFT, "draft.txt").read_bytes()


async def test_anyone_checks_a_file_sent_with_check_and_nothing_is_stored(folder: Path) -> None:
    before = state(folder)
    async with running_bot(bot_config(folder / "gongkai.db", folder / "reports")) as api:
        await api.send_document("伊川2024.txt", draft_bytes(folder), user_id=USER, caption="/check")
        done = await api.wait_for("editMessageText", where=lambda c: "伊川县司法局" in c.text)
        assert "错误 2" in done.text
        assert "上年结转" in done.text and "2023 年报告" in done.text
        assert not [c for c in api.calls_of("sendMessage") if "只有管理员" in c.text]
    assert state(folder) == before


async def test_check_in_reply_to_a_document(folder: Path) -> None:
    before = state(folder)
    async with running_bot(bot_config(folder / "gongkai.db", folder / "reports")) as api:
        document = await api.send_document("draft.txt", draft_bytes(folder), user_id=ADMIN + 100)
        await api.wait_for("sendMessage")  # the polite no to an upload
        await api.send_text("/check", user_id=ADMIN + 100, reply_to_message=document)
        done = await api.wait_for("editMessageText", where=lambda c: "伊川县司法局" in c.text)
        assert "错误 2" in done.text
    assert state(folder) == before


async def test_check_without_a_document_says_how(folder: Path) -> None:
    async with running_bot(bot_config(folder / "gongkai.db", folder / "reports")) as api:
        await api.send_text("/check")
        usage = await api.wait_for("sendMessage")
        assert "/check" in usage.text and "不入库" in usage.text


async def test_an_admins_check_is_not_an_upload(folder: Path) -> None:
    before = state(folder)
    async with running_bot(bot_config(folder / "gongkai.db", folder / "reports")) as api:
        await api.send_document("d.txt", draft_bytes(folder), user_id=ADMIN, caption="/check")
        done = await api.wait_for("editMessageText", where=lambda c: "伊川县司法局" in c.text)
        assert "✅" not in done.text
    assert state(folder) == before


async def test_audit_lists_the_findings_of_indexed_reports(folder: Path) -> None:
    async with running_bot(bot_config(folder / "gongkai.db", folder / "reports")) as api:
        await api.send_text("/audit 伊川县司法局 2023")
        reply = await api.wait_for("sendMessage")
        assert "伊川县司法局 2023" in reply.text and "错误 0、警告 0" in reply.text
        await api.send_text("/audit 无此机关", language_code="en")
        none = await api.wait_for("sendMessage", after=api.calls.index(reply) + 1)
        assert "无此机关" in none.text


async def test_an_admins_upload_replies_with_the_audits_counts(folder: Path) -> None:
    async with running_bot(bot_config(folder / "gongkai.db", folder / "reports")) as api:
        await api.send_document("伊川2024.txt", draft_bytes(folder), user_id=ADMIN)
        done = await api.wait_for("editMessageText", where=lambda c: "✅" in c.text)
        assert "伊川县司法局 2024 年" in done.text
        assert "体检：错误 2" in done.text and "/audit 伊川县司法局 2024" in done.text
        await api.send_text("/audit 伊川县司法局 2024")
        details = await api.wait_for("sendMessage", where=lambda c: "上年结转" in c.text)
        assert "2023 年报告" in details.text
