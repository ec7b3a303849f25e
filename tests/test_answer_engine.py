"""The engine object: its JSON, reloading after the index changed, warming, threads."""

from __future__ import annotations

import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from bot.answer import Answer, Engine, NoIndex
from bot.one_agency import search_words
from index.store import Store

from .answer_support import CONTRACT_KEYS, report, row, synthetic_db


def test_to_json_has_the_contract_keys_first(built_db: Path) -> None:
    a = Engine(built_db).answer("伊川县司法局收到多少政府信息公开申请？")
    data = a.to_json()
    assert list(data)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert data["figures"][0]["value"] == 2 and isinstance(a, Answer)


def test_reload_sees_a_report_indexed_after_start(tmp_path: Path) -> None:
    db = tmp_path / "index.db"
    shutil.copy(synthetic_db(), db)
    engine = Engine(db, today=date(2025, 6, 1))
    assert engine.answer("北山县司法局收到多少申请").status == "not_found"
    store = Store(db)
    store.add(
        report(
            "北山县司法局",
            2024,
            {"received": row(11), "granted": row(11), "results_total": row(11)},
        ),
        source_file="new.txt",
        sha256="f" * 64,
    )
    store.close()
    engine.reload()
    a = engine.answer("北山县司法局收到多少申请")
    assert (a.status, a.agency, a.value) == ("answered", "北山县司法局", 11)
    assert engine.answer("2024年所有司法局一共收到多少申请").value == 4 + 6 + 9 + 5 + 11


def test_warm_reads_ahead_and_changes_no_answer(built_db: Path) -> None:
    engine = Engine(built_db)
    before = engine.answer("2024年所有机关一共收到多少申请").value
    assert engine.warm() >= 0
    assert engine.answer("2024年所有机关一共收到多少申请").value == before == 3122


def test_answers_from_several_threads_agree(built_db: Path) -> None:
    engine = Engine(built_db, today=date(2025, 6, 1))
    questions = [
        "淮安市政府收到多少申请",
        "哪个司法局收到的申请最多",
        "伊川县司法局存在哪些问题",
        "平潭综合实验区行政复议",
    ] * 25
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(engine.answer, questions))
    assert [a.value for a in answers[:4]] * 25 == [a.value for a in answers]
    assert answers[0].value == 3119 and answers[1].value == 2


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(NoIndex, match="no index at"):
        Engine(tmp_path / "missing.db")


def test_not_an_index(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table t (x)")
    with pytest.raises(NoIndex, match="not a gongkai index"):
        Engine(db)


def test_the_engine_never_writes(built_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(built_db, db)
    before = db.read_bytes()
    engine = Engine(db)
    for q in (
        "淮安市政府'; DELETE FROM figures; --",
        "伊川县司法局收到多少申请",
        "哪个机关收到的申请最多",
    ):
        engine.answer(q)
    engine.close()
    assert db.read_bytes() == before


def test_narrative_looks_in_the_sections_the_full_text_index_finds(built_db: Path) -> None:
    engine = Engine(built_db)
    reader = engine._reader
    assert reader is not None
    agency_id = next(
        i
        for i, n in zip(engine.agencies.ids, engine.agencies.names, strict=True)
        if n == "渠县司法局"
    )
    report = reader.report(agency_id, 2024)
    assert report is not None
    sections = reader.sections(report.id)
    found = reader.matching(sections, search_words("微信公众号发布"))
    assert {s.number for s in sections if s.id in found} >= {1}
    assert 3 not in {
        s.number for s in sections if s.id in found
    }  # table sections hold only their title


def test_narrative_without_a_full_text_index_reads_every_section(tmp_path: Path) -> None:
    db = tmp_path / "no-fts.db"
    shutil.copy(synthetic_db(), db)
    with sqlite3.connect(db) as conn:
        for (name,) in conn.execute(
            "select name from sqlite_master where type = 'trigger'"
        ).fetchall():
            conn.execute(f"drop trigger {name}")
        conn.execute("drop table sections_fts")
    a = Engine(db).answer("北河县司法局在网站发布多少条信息")
    assert (a.status, a.intent, a.value) == ("answered", "narrative", 77)
