"""An upload killed between any two of its steps: the next start finishes or undoes it.

Each case runs one upload in a child process that dies (`os._exit`, as kill -9 does: no
cleanup of any kind) right after one step, then does what the bot does when it starts
(`Indexer.recover`) and checks the folder against the index.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.telegram.services import Indexer
from index.build import build_paths
from tests.conftest import ROOT, SEEDS

CHILD = """
import os, sys
from pathlib import Path
from bot.telegram import services, shelf
from index.build import read_report

site, phase, upload = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
real_put, real_store = shelf.Shelf.put, services.store_report

def put(self, *args):
    move = real_put(self, *args)
    if phase == "put":
        os._exit(9)
    return move

def store(*args, **kwargs):
    result = real_store(*args, **kwargs)
    if phase == "commit":
        os._exit(9)
    return result

def settle(self, move):
    os.replace(move.pending, self.folder / move.name)
    os._exit(9)  # before the replaced file is removed

shelf.Shelf.put, services.store_report = put, store
if phase == "settle":
    shelf.Shelf.settle = settle
indexer = services.Indexer(site / "gongkai.db", site / "reports", None)
indexer._add(read_report(upload), upload, upload.name)
os._exit(0)
"""

NEWER_QU = (
    SEEDS["qu"]
    .read_bytes()
    .replace("收到政府信箱公开申请 0".encode(), "收到政府信箱公开申请零".encode())
)


def indexed(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        return dict(conn.execute("select agency, source_file from reports"))


@pytest.mark.parametrize("phase", ["put", "commit", "settle"])
@pytest.mark.parametrize("upload", ["new agency", "replacement"])
def test_an_upload_killed_after_each_step_is_finished_or_undone(
    tmp_path: Path, phase: str, upload: str
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for key in ("qu", "xiqu"):
        shutil.copy(SEEDS[key], reports)
    build_paths([reports], tmp_path / "gongkai.db")
    sent = tmp_path / "upload.txt"
    sent.write_bytes(SEEDS["yichuan"].read_bytes() if upload == "new agency" else NEWER_QU)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), phase, str(sent)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert child.returncode == 9, child.stderr
    if not (phase == "settle" and upload == "new agency"):  # that one has no step left
        assert any(p.name.startswith(".") for p in reports.iterdir())  # a move left open
    Indexer(tmp_path / "gongkai.db", reports, None).recover()  # type: ignore[arg-type]
    files = indexed(tmp_path / "gongkai.db")
    assert sorted(files.values()) == sorted(p.name for p in reports.iterdir())
    stored = phase != "put"  # the report was committed before the kill
    agency = "伊川县司法局" if upload == "new agency" else "渠县司法局"
    if upload == "new agency":
        assert (agency in files) == stored
    else:
        assert files[agency] != SEEDS["qu"].name if stored else files[agency] == SEEDS["qu"].name
    assert len(files) == (3 if upload == "new agency" and stored else 2)
