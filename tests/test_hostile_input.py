"""Files made to break things: each is one failed or flagged file, never a stopped build."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from index.build import build_paths, find_files
from index.errors import NotAReport, UnreadableFile
from index.normalize import tidy_prose
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


def test_html_tables_nested_hundreds_deep_are_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>某县司法局2024年政府信息公开工作年度报告</p>"
        + "<table><tr><td>三、收到和处理政府信息公开申请情况" * 400
        + "</td></tr></table>" * 400
        + "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(NotAReport, match="no figures found"):
        parse_file(path)


def test_a_word_file_that_inflates_far_beyond_a_report_is_refused_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (60 * 1024 * 1024) + "</w:document>")
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UnreadableFile, match="unpacks to 60 MB"):
        parse_file(path)


def test_text_of_millions_of_characters_is_not_a_report(tmp_path: Path) -> None:
    at = YICHUAN.index("五、存在的主要问题")
    path = tmp_path / "long.txt"
    path.write_text(YICHUAN[:at] + "政府信息公开工作" * 400_000 + YICHUAN[at:], encoding="utf-8")
    with pytest.raises(NotAReport, match="far more than a report"):
        parse_file(path)


def test_a_paragraph_of_many_lines_is_joined_whole() -> None:
    """Lines are now joined once per paragraph (joining with `+=` took quadratic time:
    `bench/bench_hostile.py` measures it); the paragraphs come out as before."""
    text = "（一）主动公开\n" + "政府信息公开工作\n" * 200_000 + "结束。\n下一段"
    paragraphs = tidy_prose(text).split("\n")
    assert paragraphs[0] == "（一）主动公开"
    assert paragraphs[1] == "政府信息公开工作" * 200_000 + "结束。"
    assert paragraphs[2] == "下一段"


def test_a_link_out_of_a_build_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "other.txt").write_bytes(SEEDS["qu"].read_bytes())
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "yichuan.txt").write_bytes(SEEDS["yichuan"].read_bytes())
    (folder / "link.txt").symlink_to(outside / "other.txt")
    (folder / "linked-dir").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "yichuan.txt")
    (folder / "loop").symlink_to(folder)
    names = [p.name for p in find_files([folder])]
    assert names == ["inside.txt", "yichuan.txt"]
