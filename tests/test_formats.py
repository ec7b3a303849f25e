"""Whole reports in Word and PDF read to the same figures as text, and bad files refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from index.build import build_paths
from index.errors import NotAReport
from index.parse import parse_file

from .conftest import DEVSET, SEEDS, figure_values
from .docx_fixtures import filled_template, sample_figures

FILLED_PDF = Path(__file__).parent / "data" / "filled-2024.pdf"


def test_word_report_with_a_figure_in_every_cell(tmp_path: Path) -> None:
    path = filled_template(sample_figures(), tmp_path / "r.docx")
    report = parse_file(path)
    assert figure_values(report) == sample_figures()
    assert {c.status for c in report.checks} == {"pass"}
    assert report.source_format == "docx"
    assert report.agency and report.year


def test_word_blank_and_marked_cells_have_no_value(tmp_path: Path) -> None:
    values = dict(sample_figures())
    values["3.granted.research"] = "—"
    values["2.fees.amount"] = "55（含自然失效29件）"
    del values["3.granted.other_org"]
    report = parse_file(filled_template(values, tmp_path / "r.docx"))
    got = {f"{f.table}.{f.row}.{f.column}": f for f in report.figures}
    assert got["3.granted.research"].value is None and got["3.granted.research"].raw == "—"
    assert got["3.granted.other_org"].value is None and got["3.granted.other_org"].raw == ""
    assert got["3.granted.legal_service"].value == values["3.granted.legal_service"]
    assert got["2.fees.amount"].value == 55 and "自然失效" in got["2.fees.amount"].note
    checks = {c.rule: c.status for c in report.checks}
    assert checks["t3.row_total.granted"] == "not_assessable"


def test_pdf_printed_from_word_with_table_three_across_pages() -> None:
    report = parse_file(FILLED_PDF)
    assert figure_values(report) == sample_figures()
    pages = {f.page for f in report.figures if f.table == 3}
    assert len(pages) == 2


def test_word_file_without_tables_is_not_a_report(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("市司法局召开2024年度工作会议")
    document.add_paragraph("会议总结了一年来的工作。")
    document.save(str(tmp_path / "news.docx"))
    with pytest.raises(NotAReport, match="no table 三"):
        parse_file(tmp_path / "news.docx")


def test_html_list_of_links_is_not_a_report(tmp_path: Path) -> None:
    page = tmp_path / "list.html"
    links = "".join(
        f'<li><a href="/{i}.htm">2024年政府信息公开工作年度报告{i}</a></li>' for i in range(20)
    )
    page.write_text(f"<html><body><ul>{links}</ul></body></html>", encoding="utf-8")
    with pytest.raises(NotAReport):
        parse_file(page)


@pytest.mark.skipif(not DEVSET.exists(), reason="needs ../shared/devset")
def test_a_folder_of_mixed_formats(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("huaian-shi-zf-2024.pdf", "shanghai-shi-zfbgt-2019.html"):
        shutil.copy(DEVSET / name, folder / name)
    shutil.copy(SEEDS["qu"], folder / "qu.txt")
    filled_template(sample_figures(), folder / "word.docx")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    results = {r.file: r for r in build_paths([folder], tmp_path / "g.db")}
    assert {n for n, r in results.items() if r.ok} == {
        "huaian-shi-zf-2024.pdf",
        "shanghai-shi-zfbgt-2019.html",
        "qu.txt",
        "word.docx",
    }
    assert "save it as .docx or PDF" in results["old.doc"].error
