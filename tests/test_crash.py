"""kill -9 at random moments: the index still opens, is sound, and holds whole reports only.

A build commits every `--batch` files, each report in a savepoint of its own, so a killed
build leaves the reports of the batches it committed, each complete, and nothing of
the batch it was in. Each test kills a real `python -m index build` process at random
points (a fixed seed, so a failure can be replayed) and checks the file every time.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.answer import Engine
from index.build import find_files
from index.parse import parse_file
from index.store import Store
from tests.conftest import ROOT, TODAY, values_apart
from tests.generated import generate

KILLS = 5


# files a build here commits together (`--batch`): three batches a folder at the
# default's 200 would make the folders four times the files, and the kills no better
BATCH = 50


def build(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "index", "build", str(folder), "--db", str(db), "--batch", str(BATCH)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def kill_while_indexing(folder: Path, db: Path, rng: random.Random) -> None:
    """Start a build and kill -9 it once it has indexed a random share of the files."""
    proc = build(folder, db)
    assert proc.stderr is not None
    wanted = rng.randint(1, 9)  # the build prints a line every tenth of the files
    for _ in range(wanted):
        if not proc.stderr.readline():
            break
    time.sleep(rng.uniform(0, 0.15))
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def stored(db: Path) -> dict[str, tuple[int, int]]:
    """source file → (figure rows, sections) of each stored report."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        if conn.execute("select 1 from sqlite_master where name = 'sections_fts'").fetchone():
            # the full-text index holds the words of exactly the sections stored
            conn.execute(
                "insert into sections_fts (sections_fts, rank) values ('integrity-check', 1)"
            )
        if conn.execute("select 1 from sqlite_master where name = 'figure_values'").fetchone():
            # and figure_values exactly the figures' values
            assert values_apart(conn) == (0, 0, 0)
        return {
            name: (figures, sections)
            for name, figures, sections in conn.execute(
                "select r.source_file, (select count(*) from figures f where f.report_id = r.id), "
                "(select count(*) from sections s where s.report_id = r.id) from reports r"
            )
        }


def check_whole(db: Path, folder: Path, names: set[str]) -> None:
    """Every stored report is the whole of its file; the index searches and answers."""
    Store(db).close()  # what any writer does on opening: indexes a stopped build lacks
    for name in sorted(names)[:: max(1, len(names) // 5)]:
        report = parse_file(folder / name)
        with sqlite3.connect(db) as conn:
            rows = dict(
                ((t, r, c), v)
                for t, r, c, v in conn.execute(
                    "select table_number, row_key, column_key, value from figures f "
                    "join reports r on r.id = f.report_id where r.source_file = ?",
                    (name,),
                )
            )
        assert rows == {(f.table, f.row, f.column): f.value for f in report.figures}
    with sqlite3.connect(db) as conn:
        hits = conn.execute(
            "select count(*) from sections_fts where sections_fts match '\"政府\"'"
        ).fetchone()[0]
    assert hits >= len(names)
    engine = Engine(db, today=TODAY)
    try:
        name = sorted(names)[0]
        report = parse_file(folder / name)
        answer = engine.answer(f"{report.agency}收到多少政府信息公开申请")
        assert answer.value == report.figure(3, "received", "total").value
    finally:
        engine.close()


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("crash")
    rng = random.Random(2024)
    generate(base / "first", 3 * BATCH, rng)
    generate(base / "more", 3 * BATCH, rng, first=3 * BATCH)
    return base / "first", base / "more"


def test_a_first_build_killed_at_random_moments(folders: tuple[Path, Path], tmp_path: Path) -> None:
    first, _ = folders
    files = [p.name for p in find_files([first])]
    rng = random.Random(14)
    for attempt in range(KILLS):
        db = tmp_path / f"g{attempt}.db"
        kill_while_indexing(first, db, rng)
        if not db.exists():
            continue
        names = set(stored(db))
        # whole batches, in the order the files are read
        assert names == set(files[: len(names)]) and len(names) % BATCH == 0
        if names:
            check_whole(db, first, names)
        # and the next build completes it
        assert build(first, db).wait() == 0
        assert set(stored(db)) == set(files)


def test_a_build_into_a_used_index_killed_at_random_moments(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    first, more = folders
    db = tmp_path / "g.db"
    assert build(first, db).wait() == 0
    before = stored(db)
    rng = random.Random(15)
    for _ in range(KILLS):
        kill_while_indexing(more, db, rng)
        after = stored(db)
        assert {k: after[k] for k in before} == before  # nothing of the old reports lost
        added = set(after) - set(before)
        assert len(added) % BATCH == 0 or len(added) == len(find_files([more]))
        check_whole(db, first, set(before))
    assert build(more, db).wait() == 0
    assert len(stored(db)) == 6 * BATCH
