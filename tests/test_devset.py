"""The development set: real published reports against figures read by a person.

`../shared/devset/truth/*.json` holds every figure of each report as read by eye; a
string there is the cell as printed (`251000元`), compared with `raw`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.parse import parse_file

from .conftest import DEVSET

TRUTHS = sorted((DEVSET / "truth").glob("*.json")) if DEVSET.exists() else []


def source_of(truth: Path) -> Path:
    return next(p for p in DEVSET.iterdir() if p.is_file() and p.stem == truth.stem)


@pytest.fixture(scope="module", params=TRUTHS, ids=lambda p: p.stem)
def case(request: pytest.FixtureRequest):
    truth = json.loads(request.param.read_text(encoding="utf-8"))
    return truth, parse_file(source_of(request.param))


def test_every_figure_matches_the_truth(case) -> None:
    truth, report = case
    got = {f"{f.table}.{f.row}.{f.column}": f for f in report.figures}
    wrong = {}
    for key, expected in truth["figures"].items():
        fig = got.get(key)
        actual = None if fig is None else (fig.raw if isinstance(expected, str) else fig.value)
        if fig is None or actual != expected:
            wrong[key] = (expected, actual)
    assert wrong == {}
    assert set(got) == set(truth["figures"])


def test_agency_year_and_format(case) -> None:
    truth, report = case
    # the truth files annotate the agency ("…（代表市政府）"); the title names it plainly
    assert report.agency and truth["agency"].startswith(report.agency)
    assert report.year == truth["year"]
    assert report.format == truth["format"]


def test_no_identity_fails_where_the_report_keeps_them(case) -> None:
    _, report = case
    assert [c.rule for c in report.checks if c.status == "fail"] == []


def test_blank_total_column_is_not_assessable_not_failed() -> None:
    report = parse_file(DEVSET / "shanghai-shi-zfbgt-2019.html")
    checks = {c.rule: c.status for c in report.checks}
    assert checks["t3.row_total.granted"] == "not_assessable"
    assert checks["t3.row_total.received"] == "not_assessable"  # 科研机构 printed blank
    assert checks["t3.balance.total"] == "pass"  # 859 + 18 = 805 + 72


def test_procurement_in_yuan_is_converted_to_wanyuan() -> None:
    report = parse_file(DEVSET / "shanghai-shi-zfbgt-2019.html")
    fig = report.figure(2, "procurement", "amount")
    assert fig is not None and fig.value == pytest.approx(25.1) and fig.raw == "251000元"


def test_pdf_figures_cite_their_page() -> None:
    report = parse_file(DEVSET / "huaian-shi-zf-2024.pdf")
    assert report.figure(3, "received", "total").page == 4
    assert report.figure(3, "unavailable_needs_creation", "total").page == 5
    assert report.figure(4, "review", "total").value == 351


def test_runs_split_by_identities_are_said() -> None:
    report = parse_file(DEVSET / "pingtan-zhsyq-2022.txt")
    fig = report.figure(3, "received", "natural_person")
    assert fig.value == 71 and "713000074" in (fig.note or "")
    assert any("without cell separators" in w for w in report.warnings)
