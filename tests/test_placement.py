"""Cells placed by the column their header names: label cells that are empty, span two
columns or stand one column off never move a value.

Built from the devset's own tables in the shapes real reports reach us in: a ruled PDF
whose label spans the two label columns (pdfplumber gives an empty string for the
second), HTML whose rows span their label cells differently from the header.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.document import Document, Table
from index.parse import parse_document, parse_file
from index.readers import read_document
from index.template import APPLICANT_COLUMNS

from .conftest import DEVSET, figure_values

pytestmark = pytest.mark.skipif(not DEVSET.exists(), reason="needs ../shared/devset")

PDF = DEVSET / "huaian-shi-zf-2024.pdf"
HTML = DEVSET / "shanghai-shi-zfbgt-2019.html"
OTHER_ROWS = ("other_no_correction", "other_unpaid_fee", "other_misc")


def truth(source: Path) -> dict[str, object]:
    return json.loads((DEVSET / "truth" / f"{source.stem}.json").read_text(encoding="utf-8"))[
        "figures"
    ]


def table_three(doc: Document) -> Table:
    return next(b for b in doc.blocks if isinstance(b, Table) and "自然人" in str(b.rows))


def row_index(table: Table, label: str) -> int:
    return next(i for i, row in enumerate(table.rows) if any(label in (c or "") for c in row))


def test_a_label_over_two_columns_read_as_an_empty_cell_moves_nothing() -> None:
    """（七）总计 spans both label columns; pdfplumber returns '' for the second."""
    doc = read_document(PDF)
    grid = table_three(doc).rows
    total = row_index(table_three(doc), "（七）总计")
    assert grid[total][2] is None
    grid[total][2] = ""
    report = parse_document(doc)
    expected = truth(PDF)
    got = figure_values(report)
    for column in APPLICANT_COLUMNS:
        assert got[f"3.results_total.{column}"] == expected[f"3.results_total.{column}"]
    assert got == expected


def test_a_county_report_single_other_row_with_a_spanning_label() -> None:
    """A 2021-format report printing one （六）其他处理 row, its label over both label columns."""
    doc = read_document(PDF)
    table = table_three(doc)
    first = row_index(table, "1、申请人无正当理由")
    rows = table.rows[first : first + 3]
    sums = [str(sum(int(r[j]) for r in rows)) for j in range(3, 10)]
    table.rows[first : first + 3] = [[None, "（六）其他处理", "", *sums]]
    expected = {k: v for k, v in truth(PDF).items() if k.split(".")[1] not in OTHER_ROWS}
    expected.update(
        {f"3.other_processing.{c}": int(v) for c, v in zip(APPLICANT_COLUMNS, sums, strict=True)}
    )
    report = parse_document(doc)
    assert figure_values(report) == expected
    assert {c.status for c in report.checks} == {"pass"}


HTML_ROW = '<td colspan="2"><p>（七）总计</p></td>'


@pytest.mark.parametrize(
    "shape",
    [
        '<td><p>（七）总计</p></td><td><p align="center">&nbsp;</p></td>',  # label cell split
        '<td colspan="3"><p>（七）总计</p></td>',  # the row one column wider than the header
        "<td><p>（七）总计</p></td>",  # one column narrower
    ],
    ids=["split-label", "wider", "narrower"],
)
def test_html_rows_spanning_differently_from_the_header(shape: str, tmp_path: Path) -> None:
    html = HTML.read_text(encoding="utf-8")
    assert HTML_ROW in html
    path = tmp_path / "report.html"
    path.write_text(html.replace(HTML_ROW, shape), encoding="utf-8")
    got = figure_values(parse_file(path))
    expected = truth(HTML)
    for column in APPLICANT_COLUMNS:
        assert got[f"3.results_total.{column}"] == expected[f"3.results_total.{column}"]
    numbers = {k: v for k, v in expected.items() if not isinstance(v, str)}
    assert {k: got[k] for k in numbers} == numbers
