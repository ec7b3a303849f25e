"""`index build --jobs N` parses in worker processes and builds the index a serial build
builds: the same rows, in the same order of report ids, the same results and summary."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from index.build import build_paths
from index.parallel import ordered_map
from tests.conftest import DEVSET, REPORTS, ROOT
from tests.generated import generate
from tests.test_last_year import REAL, made_series

# files committed together in these builds: small, so a few hundred files span batches
BATCH = 50

TABLES = {
    "agencies": "select * from agencies order by id",
    "reports": "select id, agency_id, agency, year, title, format, source_format, source_file, "
    "sha256, figure_count, failed_checks, passed_checks, warnings from reports order by id",
    "sections": "select * from sections order by id",
    "figures": "select rowid, * from figures order by rowid",
    "checks": "select rowid, * from checks order by rowid",
}


def rows(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return {name: conn.execute(query).fetchall() for name, query in TABLES.items()}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text reports over several batches, the real reports and PDFs, and files that fail."""
    folder = tmp_path_factory.mktemp("shelf")
    generate(folder / "generated", 2 * BATCH + 7, random.Random(15))
    shutil.copytree(REPORTS, folder / "bundled")
    for path in DEVSET.glob("*.*"):
        shutil.copy(path, folder / "bundled")
    (folder / "bundled" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "bundled" / "empty.txt").write_bytes(b"")
    # crawled reports whose runs are left open are held back to the end of a build and
    # read again with last year's figures; one of them is split by them
    (folder / "crawled").mkdir()
    for path in sorted(REAL.glob("pingtan-*")):
        shutil.copy(path, folder / "crawled")
    made_series(folder / "made", agency="鹿邑县人民政府")
    return folder


def test_a_parallel_build_is_the_serial_build(shelf: Path, tmp_path: Path) -> None:
    serial = build_paths([shelf], tmp_path / "serial.db", jobs=1, batch=BATCH)
    parallel = build_paths([shelf], tmp_path / "parallel.db", jobs=2, batch=BATCH)
    assert parallel == serial
    assert {"broken.pdf", "empty.txt"} <= {r.file for r in serial if not r.ok}
    made = next(r for r in serial if r.file == "a-2024.txt")
    assert any("split by last year's report" in w for w in made.warnings)
    assert rows(tmp_path / "parallel.db") == rows(tmp_path / "serial.db")
    # and reports added to an index that holds some
    more = tmp_path / "more"
    generate(more, 9, random.Random(16), first=5000)
    for name in ("serial", "parallel"):
        build_paths([more], tmp_path / f"{name}.db", jobs=1 if name == "serial" else 2, batch=BATCH)
    assert rows(tmp_path / "parallel.db") == rows(tmp_path / "serial.db")


def test_the_build_command_prints_the_same_summary_with_jobs(shelf: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        db = tmp_path / f"g{jobs}.db"
        run = subprocess.run(
            [sys.executable, "-m", "index", "build", str(shelf / "bundled"), "--db", str(db), "--jobs", jobs],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert run.returncode == 1  # files that fail
        outputs.append(run.stdout.replace(str(db), "DB"))
    assert outputs[0] == outputs[1]
    # the devset's README.md is read as markdown too, and refused: no table 三 in it
    assert "8 of 12 files indexed" in outputs[0]


def test_build_json_prints_each_result_as_it_is_stored(shelf: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "index", "build", str(shelf / "bundled"), "--db", str(tmp_path / "g.db"), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["file"] for line in lines] == sorted(line["file"] for line in lines)
    broken = next(line for line in lines if line["file"] == "broken.pdf")
    assert broken["status"] == "failed" and "damaged" in broken["error"]
    assert {line["status"] for line in lines} == {"added", "failed"}


def _die_on(bad: int, item: int) -> int:
    if item == bad:
        os._exit(3)  # what a crash in a C library does to the worker
    return item * item


def test_a_worker_killed_by_one_item_fails_that_item_alone() -> None:
    items = list(range(60))
    out = list(ordered_map(partial(_die_on, 17), items, 2, crashed=lambda item: -item))
    assert out == [-17 if item == 17 else item * item for item in items]


def test_ctrl_c_in_the_writer_stops_the_workers() -> None:
    """The writer's KeyboardInterrupt rolls back its batch, as a serial build's does, and
    leaves no worker behind."""
    items = list(range(200))
    results = ordered_map(partial(_die_on, -1), items, 2, crashed=lambda item: item)
    assert next(results) == 0
    results.close()  # what the interrupt does to the generator the writer reads
    assert not multiprocessing.active_children()
