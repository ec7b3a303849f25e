"""Markdown as OCR and PDF-to-markdown tools write it, read through the one table parser.

Built from the real OCR report in `tests/data/real` (its truth read by a person): rows
whose label was lost are placed by row order only when the identities confirm it, and a
row whose cells cannot be told apart is left without values, said in a warning.
"""

from __future__ import annotations

import json
from pathlib import Path

from index.parse import parse_file
from index.readers.markdown import read_markdown
from index.template import APPLICANT_COLUMNS

from .conftest import ROOT, figure_values

REAL = ROOT / "tests" / "data" / "real"
OCR = REAL / "shuyang-xian-zf-2025-ocr.txt"
TRUTH = json.loads((REAL / "truth" / f"{OCR.stem}.json").read_text(encoding="utf-8"))["figures"]
ROW = "| 2. 没有现成信息需要另行制作 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"


def parsed(tmp_path: Path, text: str):
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def test_pipe_tables_with_and_without_outer_pipes_are_grids() -> None:
    doc = read_markdown("表\n\n| a | 1 |\n|---|---|\n| b | 2 |\n\nx| y\n---|---\nc| 3|  \n")
    tables = [b.rows for b in doc.blocks if hasattr(b, "rows")]
    assert tables == [[["a", "1"], ["b", "2"]], [["x", "y", None], ["c", "3", ""]]]


def test_a_row_without_its_label_is_placed_by_order_when_the_identities_agree(
    tmp_path: Path,
) -> None:
    text = OCR.read_text(encoding="utf-8")
    assert ROW in text
    report = parsed(tmp_path, text.replace(ROW, "| | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"))
    got = figure_values(report)
    assert got == {k: v for k, v in TRUTH.items()}
    assert any("unavailable_needs_creation" in w and "row order" in w for w in report.warnings)


def test_a_placement_the_identities_do_not_confirm_is_left_without_values(
    tmp_path: Path,
) -> None:
    text = OCR.read_text(encoding="utf-8")
    moved = "| | 3 | 0 | 0 | 0 | 0 | 0 | 3 |"  # not what the report's sums need
    report = parsed(tmp_path, text.replace(ROW, moved))
    got = figure_values(report)
    assert all(got[f"3.unavailable_needs_creation.{c}"] is None for c in APPLICANT_COLUMNS)
    assert any(
        "3.unavailable_needs_creation" in w and "do not confirm" in w for w in report.warnings
    )
    assert {k: v for k, v in got.items() if v is not None and v != TRUTH[k]} == {}


def test_blank_cells_at_both_ends_leave_the_row_unread(tmp_path: Path) -> None:
    """Six numbers between a blank first and a blank last cell, under a header that does
    not say where the columns are: which blank is a cell cannot be told."""
    text = OCR.read_text(encoding="utf-8")
    row = "| 3. 补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    assert row in text
    report = parsed(
        tmp_path, text.replace(row, "| 3. 补正后申请内容仍不明确 |  | 0 | 0 | 0 | 0 | 0 | 0 |  |")
    )
    got = figure_values(report)
    assert all(got[f"3.unavailable_unclear.{c}"] is None for c in APPLICANT_COLUMNS)
    assert any("unavailable_unclear" in w for w in report.warnings)


def test_a_number_printed_alone_beside_a_table_is_not_a_cell(tmp_path: Path) -> None:
    text = OCR.read_text(encoding="utf-8").replace(
        "| 行政规范性文件 | 6 | 1 | 32 |", "| 行政规范性文件 | 6 | 32 |\n\n1\n"
    )
    report = parsed(tmp_path, text)
    got = figure_values(report)
    assert [got[f"2.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")] == [
        None
    ] * 3
    assert any("normative_documents" in w for w in report.warnings)


def test_the_ocr_report_without_its_pipes_has_no_wrong_value(tmp_path: Path) -> None:
    """Its tables as plain lines (`类别 数据1 … 数据6 总计`): the header's counting digits
    are words, never a row's values."""
    lines = []
    for line in OCR.read_text(encoding="utf-8").splitlines():
        if line.startswith("|---") or line.startswith("|--"):
            continue
        if line.startswith("|"):
            line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
        lines.append(line)
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    got = figure_values(parse_file(path))
    assert {k: v for k, v in got.items() if v is not None and v != TRUTH[k]} == {}
    assert sum(v is not None for v in got.values()) >= 170
