"""Files made to break things: each is one failed or flagged file, never a stopped build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from index.build import build_paths
from index.parse import parse_file
from tests.conftest import ROOT, SEEDS

YICHUAN = SEEDS["yichuan"].read_text(encoding="utf-8")


def variant(tmp_path: Path, name: str, old: str, new: str) -> Path:
    assert old in YICHUAN
    path = tmp_path / name
    path.write_text(YICHUAN.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_figure_of_twenty_digits_is_unread_with_a_warning(tmp_path: Path) -> None:
    path = variant(tmp_path, "big.txt", "行政许可\t0", "行政许可\t12345678901234567890")
    report = parse_file(path)
    licensing = report.figure(2, "licensing", "decisions")
    assert licensing is not None and licensing.value is None
    assert licensing.raw == "12345678901234567890"
    assert any("too large" in w and "2.licensing.decisions" in w for w in report.warnings)


def test_a_build_with_a_twenty_digit_figure_indexes_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    variant(folder, "000_big.txt", "行政许可\t0", "行政许可\t12345678901234567890")
    for key in ("qu", "xiqu", "qijiang"):
        (folder / SEEDS[key].name).write_bytes(SEEDS[key].read_bytes())
    p = subprocess.run(
        [sys.executable, "-m", "index", "build", str(folder), "--db", str(tmp_path / "g.db")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    assert "4 of 4 files indexed" in p.stdout


def test_a_negative_count_is_unread_with_a_warning(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "neg.txt",
        "一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2",
        "一、本年新收政府信息公开申请数量\t\t-2\t0\t0\t0\t0\t0\t2",
    )
    report = parse_file(path)
    cell = report.figure(3, "received", "natural_person")
    assert cell is not None and cell.value is None and cell.raw == "-2"
    assert any("cannot be negative" in w for w in report.warnings)
    balance = {c.rule: c.status for c in report.checks}
    assert balance["t3.row_total.received"] == "not_assessable"


def test_a_store_error_fails_one_file_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: object
) -> None:
    from index import plausible

    monkeypatch.setattr(plausible, "LARGEST", 10**30)  # type: ignore[attr-defined]
    folder = tmp_path / "reports"
    folder.mkdir()
    variant(folder, "000_big.txt", "行政许可\t0", "行政许可\t12345678901234567890")
    (folder / SEEDS["qu"].name).write_bytes(SEEDS["qu"].read_bytes())
    results = build_paths([folder], tmp_path / "g.db")
    assert [r.status for r in results] == ["failed", "added"]
    assert results[0].error == "could not be stored (OverflowError)"
    assert json.dumps(results[0].error)
