"""Real reports as they reach us, against figures read by a person (never by the parser).

`tests/data/real/` holds crawled one-line texts, OCR and PDF-to-markdown files and a
fragment, with truth files; `../shared/devset` holds published PDF, HTML and crawled
reports. A value that differs from the truth is a failure: a wrong number comes back
later as a confident wrong answer. A cell without a value where the truth has a number
is unread: counted, printed, and held to a floor over all reports.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.build import build_paths
from index.model import Figure
from index.parse import parse_file

from .conftest import DEVSET, ROOT
from .converters import Score, load_truth, score, score_figures

REAL = ROOT / "tests" / "data" / "real"
SOURCES = [
    p for p in sorted(REAL.iterdir()) if p.suffix in (".txt", ".md") and p.name != "README.md"
]
DEVSET_SOURCES = (
    [p for p in sorted(DEVSET.iterdir()) if (DEVSET / "truth" / f"{p.stem}.json").exists()]
    if DEVSET.exists()
    else []
)
# the same kind of reports saved as web pages (tests/data/real-html: kept apart because
# five are the 平潭 reports of the crawled texts)
PAGES = ROOT / "tests" / "data" / "real-html"
PAGE_SOURCES = sorted(PAGES.glob("*.html"))
ALL = SOURCES + DEVSET_SOURCES + PAGE_SOURCES

# The share of cells read over every report, right and compared (the target).
FLOOR = 0.97


def truth_of(source: Path) -> dict[str, object]:
    return load_truth(source.parent / "truth" / f"{source.stem}.json")


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {p.name: score(p, truth_of(p)) for p in ALL}


def test_every_real_report_has_a_truth_file() -> None:
    assert SOURCES and PAGE_SOURCES, "tests/data/real or real-html holds no reports"
    for source in SOURCES + PAGE_SOURCES:
        assert (source.parent / "truth" / f"{source.stem}.json").exists(), source.name


@pytest.mark.parametrize("source", ALL, ids=lambda p: p.name)
def test_no_wrong_value(source: Path, scores: dict[str, Score]) -> None:
    result = scores[source.name]
    print(f"{source.name}: right {result.right} / null {result.null} / wrong {result.wrong}")
    assert result.failed == ""
    assert result.wrong_cells == {}


def test_share_read_over_all_reports(scores: dict[str, Score]) -> None:
    right = sum(s.right for s in scores.values())
    total = sum(s.right + s.null + s.wrong for s in scores.values())
    print(f"read {right} of {total} cells ({right / total:.1%})")
    assert right / total >= FLOOR


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_agency_year_and_format_as_printed(source: Path) -> None:
    """As the title prints them (OCR's 沐阳 for 沭阳 included); a page cut from a report
    whose title is not in it has neither."""
    truth = truth_of(source)
    report = parse_file(source)
    untitled = "carries no title" in str(truth["shape"])
    assert report.agency == (None if untitled else truth["agency"])
    assert report.year == (None if untitled else truth["year"])
    assert report.format == truth["format"]


def test_shanghai_kewei_sections_open_where_the_report_prints_them() -> None:
    """Its narrative numbers parts 一、 to 六、 (三、主动公开工作情况 among them), then the
    table sections afresh: 一、主动公开政府信息情况, 二、收到和处理…, 三、…复议…, 五、其他…
    (the 四、 heading of problems was lost in the conversion)."""
    report = parse_file(REAL / "shanghai-shi-kewei-2024-pdfmd.md")
    assert [(s.number, s.title) for s in report.sections] == [
        (1, "总体情况"),
        (2, "主动公开政府信息情况"),
        (3, "收到和处理政府信息公开申请情况"),
        (4, "政府信息公开行政复议、行政诉讼情况"),
        (6, "其他需要报告的事项"),
    ]
    first, second = report.sections[0].text, report.sections[1].text
    for part in ("三、主动公开工作情况", "四、政府信息公开申请情况", "六、政府信息公开平台建设"):
        assert part in first
    assert second.startswith("第二十条第（一）项")
    assert "section 2 (主动公开政府信息情况) is printed as number 1" in report.warnings


PINGTAN_SERIES = [
    *sorted(REAL.glob("pingtan-*.txt")),
    *([DEVSET / "pingtan-zhsyq-2022.txt"] if DEVSET.exists() else []),
]


def test_the_pingtan_series_indexed_together(scores: dict[str, Score], tmp_path: Path) -> None:
    """Seven years of one agency in one index: each report with last year's figures as a
    tie-breaker (`index.last_year`). No value may be wrong, and none read alone is lost.

    Measured: nothing more is read. 2021's previous report is of the 2019 form, and in
    2023–2025 the documents in force are not last year's plus those issued less those
    repealed (revisions), so no split of 行政规范性文件 keeps that relation; 2020's rows
    of the 2019 form have no figures from 2019, whose same rows are unread."""
    db = tmp_path / "series.db"
    build_paths(PINGTAN_SERIES, db)
    right = null = 0
    with sqlite3.connect(db) as conn:
        for source in PINGTAN_SERIES:
            rows = conn.execute(
                "select f.table_number, f.row_key, f.column_key, f.value, f.raw from figures f "
                "join reports r on r.id = f.report_id where r.source_file = ?",
                [source.name],
            ).fetchall()
            stored = score_figures([Figure(*row) for row in rows], truth_of(source))
            alone = scores[source.name]
            print(
                f"{source.name}: right {stored.right} / null {stored.null} / wrong {stored.wrong}"
            )
            assert stored.wrong_cells == {}
            assert stored.right >= alone.right
            right, null = right + stored.right, null + stored.null
    print(f"the series indexed: {right} read, {null} unread")
