"""The same agency's report of last year breaks ties between splits of a digit run.

Expected figures are read from the reports by a person (the truth files of
`tests/data/real/truth`, the devset's) or, for the runs made by hand below, are the
numbers written into them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from index.build import build_paths, index_file
from index.checks import identities
from index.last_year import RELATIONS, choose, last_year_tiebreak
from index.parse import open_runs, parse_file
from index.runs import Ambiguous, narrow, splits
from index.store import Store
from index.template import APPLICANT_COLUMNS

from .conftest import DEVSET, ROOT

REAL = ROOT / "tests" / "data" / "real"
PINGTAN = "平潭综合实验区"
NORMATIVE = [(2, "normative_documents", c) for c in ("issued", "repealed", "in_force")]
IN_FORCE = (2, "normative_documents", "in_force")


def truth(name: str) -> dict[str, float | int]:
    folder = DEVSET if name == "pingtan-zhsyq-2022" else REAL
    return json.loads((folder / "truth" / f"{name}.json").read_text(encoding="utf-8"))["figures"]


def ambiguous(keys: list, run: str) -> Ambiguous:
    """The splits of `run` over `keys` that keep the report's identities within the row."""
    amb = Ambiguous(keys, splits([run], keys), run)
    narrow([amb], {}, identities(False))
    return amb


def test_the_relations_are_the_three_of_the_audit() -> None:
    names = {r.name.split(".")[0] for r in RELATIONS}
    assert names == {"carry_over", "in_force", "items"}


def test_in_force_chooses_the_one_split_that_keeps_it() -> None:
    """平潭 2024 prints 行政规范性文件6233440 (62 / 33 / 440, hand-read): 15 splits. Had
    last year's report held 411 in force, 411 + 62 − 33 = 440 is kept by that split alone."""
    amb = ambiguous(NORMATIVE, "6233440")
    assert len(amb.options) == 15
    assert choose(amb, {IN_FORCE: 411}) == [62, 33, 440]


def test_a_relation_the_reports_break_decides_nothing() -> None:
    """Its real 2023 report holds 470 in force, and 470 + 62 − 33 = 499, not 440
    (revisions): no split keeps the relation, so none is chosen."""
    assert truth("pingtan-zhsyq-2023-crawl")["2.normative_documents.in_force"] == 470
    assert choose(ambiguous(NORMATIVE, "6233440"), {IN_FORCE: 470}) is None


def test_no_figure_of_last_year_no_choice() -> None:
    amb = ambiguous(NORMATIVE, "6233440")
    assert choose(amb, {}) is None
    assert choose(amb, {(2, "regulations", "in_force"): 411}) is None  # another row's


def test_carried_over_is_last_years_carried_forward_column_by_column() -> None:
    """`110000011` keeps its row total as 11|0|0|0|0|0|11 and as 1|10|0|0|0|0|11."""
    keys = [(3, "carried_over", c) for c in APPLICANT_COLUMNS]
    amb = ambiguous(keys, "110000011")
    assert sorted(amb.options) == [[1, 10, 0, 0, 0, 0, 11], [11, 0, 0, 0, 0, 0, 11]]
    forward = [(3, "carried_forward", c) for c in APPLICANT_COLUMNS]
    assert choose(amb, dict(zip(forward, [1, 10, 0, 0, 0, 0, 11], strict=True))) == [
        1, 10, 0, 0, 0, 0, 11,
    ]  # fmt: skip
    # a column last year left without a value is not compared; the others still decide
    partly = dict(zip(forward, [11, 0, 0, 0, 0, 0, 11], strict=True))
    del partly[(3, "carried_forward", "commercial")]
    assert choose(amb, partly) == [11, 0, 0, 0, 0, 0, 11]
    # last year carried 2 forward: neither split keeps it
    assert choose(amb, dict(zip(forward, [2, 0, 0, 0, 0, 0, 2], strict=True))) is None


def test_items_of_the_2019_format_are_last_years_plus_their_change() -> None:
    keys = [(2, "licensing", c) for c in ("items_last_year", "items_change", "decisions")]
    amb = Ambiguous(keys, splits(["12030"], keys), "12030")
    last = {(2, "licensing", "items_last_year"): 10, (2, "licensing", "items_change"): 2}
    assert choose(amb, last) == [12, 0, 30]
    # 平潭 2020 licensing 396442278 after 2019's 396 + 0: five splits start with 396
    amb = Ambiguous(keys, splits(["396442278"], keys), "396442278")
    last = {(2, "licensing", "items_last_year"): 396, (2, "licensing", "items_change"): 0}
    assert choose(amb, last) is None


def test_a_crawled_report_split_by_last_years_figures() -> None:
    """End to end: 平潭 2024 as crawled, with a previous report holding 411 in force."""
    path = REAL / "pingtan-zhsyq-2024-crawl.txt"
    assert open_runs(parse_file(path))
    report = parse_file(path, tiebreaks=[last_year_tiebreak({IN_FORCE: 411})])
    expected = truth("pingtan-zhsyq-2024-crawl")
    for key in NORMATIVE:
        figure = report.figure(*key)
        assert figure.value == expected[".".join(map(str, key))]
        assert figure.note == "split from '6233440'"
    assert not open_runs(report)
    assert (
        "1 rows were printed without cell separators and split by last year's report: "
        "2.normative_documents" in report.warnings
    )
    # and with its real 2023 report (470 in force) the row stays unread
    report = parse_file(path, tiebreaks=[last_year_tiebreak({IN_FORCE: 470})])
    assert all(report.figure(*key).value is None for key in NORMATIVE)


@pytest.mark.skipif(not DEVSET.exists(), reason="needs ../shared/devset")
def test_the_narrative_and_last_year_must_agree() -> None:
    """平潭 2022: its narrative states 698 and 88 (8855698 is 88 / 55 / 698). Its 2021
    report holds 665 in force, and 665 + 88 − 55 = 698: both choose the same split. A
    previous report of 1545 in force would choose 8 / 855 / 698 (1545 + 8 − 855): the two
    disagree, and the row is left unread."""
    path = DEVSET / "pingtan-zhsyq-2022.txt"
    expected = truth("pingtan-zhsyq-2022")
    assert truth("pingtan-zhsyq-2021-crawl")["2.normative_documents.in_force"] == 665
    report = parse_file(path, tiebreaks=[last_year_tiebreak({IN_FORCE: 665})])
    assert [report.figure(*k).value for k in NORMATIVE] == [
        expected[".".join(map(str, k))] for k in NORMATIVE
    ]
    assert any(
        "split by the figures its narrative states and last year's report: 2.normative_documents"
        in w
        for w in report.warnings
    )
    report = parse_file(path, tiebreaks=[last_year_tiebreak({IN_FORCE: 1545})])
    assert all(report.figure(*k).value is None for k in NORMATIVE)
    assert any("choose different splits" in w for w in report.warnings)


CARRIED = {
    # 平潭 2021 as crawled, made by hand into a report whose two carry rows each keep
    # their row total two ways (11|0…|11 and 1|10|0…|11) and the columns' balance both
    # ways together: 新收 printed as the results' total, so 上年结转 = 结转下年度
    "二、上年结转政府信息公开申请数量0000000": "二、上年结转政府信息公开申请数量110000011",
    "四、结转下年度继续办理1000001": "四、结转下年度继续办理110000011",
    "一、本年新收政府信息公开申请数量640020470": "一、本年新收政府信息公开申请数量630020469",
}


def test_carried_over_decided_by_last_year_lets_the_identities_decide_the_rest(
    tmp_path: Path,
) -> None:
    text = (REAL / "pingtan-zhsyq-2021-crawl.txt").read_text(encoding="utf-8")
    for old, new in CARRIED.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "made.txt"
    path.write_text(text, encoding="utf-8")
    over = [(3, "carried_over", c) for c in APPLICANT_COLUMNS]
    forward = [(3, "carried_forward", c) for c in APPLICANT_COLUMNS]
    alone = parse_file(path)  # the cells both splits agree on are read, the first two not
    assert [alone.figure(*k).value for k in over] == [None, None, 0, 0, 0, 0, 11]
    assert [alone.figure(*k).value for k in forward] == [None, None, 0, 0, 0, 0, 11]
    made = [1, 10, 0, 0, 0, 0, 11]
    last = dict(zip(forward, made, strict=True))
    report = parse_file(path, tiebreaks=[last_year_tiebreak(last)])
    assert [report.figure(*k).value for k in over] == made
    assert [report.figure(*k).value for k in forward] == made  # by the columns' balance
    assert [report.figure(3, "received", c).value for c in APPLICANT_COLUMNS] == [
        63, 0, 0, 2, 0, 4, 69,
    ]  # fmt: skip
    assert not any(w.startswith("table 3") and "ways" in w for w in report.warnings)
    assert {c.status for c in report.checks} == {"pass"}


# 平潭 2023 made by hand into a previous report 平潭 2024's row fits: its table row printed
# with its separators as 77 132 411, so 411 + 62 − 33 = 440 splits 2024's 6233440.
MADE_2023 = ("行政规范性文件77132470", "行政规范性文件77 132 411")
SPLIT_2024 = [62, 33, 440]  # hand-read (truth file, confirmed against the saved page)


def made_series(
    folder: Path, *, previous: bool = True, current: bool = True, agency: str = PINGTAN
) -> Path:
    """The two files named so that 2024 comes first in a build's order; `agency` names
    the agency instead of 平潭综合实验区 (for a build that holds the real series too)."""
    folder.mkdir(exist_ok=True)
    if current:
        text = (REAL / "pingtan-zhsyq-2024-crawl.txt").read_text(encoding="utf-8")
        (folder / "a-2024.txt").write_text(text.replace(PINGTAN, agency), encoding="utf-8")
    if previous:
        text = (REAL / "pingtan-zhsyq-2023-crawl.txt").read_text(encoding="utf-8")
        assert MADE_2023[0] in text
        text = text.replace(*MADE_2023).replace(PINGTAN, agency)
        (folder / "b-2023.txt").write_text(text, encoding="utf-8")
    return folder


def stored_row(db: Path, year: int) -> list[float | None]:
    with sqlite3.connect(db) as conn:
        rows = dict(
            conn.execute(
                "select f.column_key, f.value from figures f join reports r on r.id = f.report_id "
                "where r.year = ? and f.row_key = 'normative_documents'",
                [year],
            ).fetchall()
        )
    return [rows[c] for c in ("issued", "repealed", "in_force")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_splits_a_run_by_last_years_report_whatever_the_files_order(
    tmp_path: Path, jobs: int
) -> None:
    folder = made_series(tmp_path / "reports")
    db = tmp_path / "g.db"
    seen: list[str] = []
    results = build_paths([folder], db, lambda done, total, r: seen.append(r.file), jobs=jobs)
    assert [r.file for r in results] == ["a-2024.txt", "b-2023.txt"]  # the files' order
    assert seen == ["b-2023.txt", "a-2024.txt"]  # 2024 held back until 2023 was stored
    assert all(r.status == "added" for r in results)
    assert stored_row(db, 2023) == [77, 132, 411]
    assert stored_row(db, 2024) == SPLIT_2024
    assert any(
        "split by last year's report: 2.normative_documents" in w for w in results[0].warnings
    )


def test_a_report_added_to_an_index_that_holds_last_year(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    build_paths([made_series(tmp_path / "old", current=False)], db)
    build_paths([made_series(tmp_path / "new", previous=False)], db)
    assert stored_row(db, 2024) == SPLIT_2024
    db = tmp_path / "h.db"  # one file at a time, as index_file does
    store = Store(db)
    try:
        index_file(store, made_series(tmp_path / "one", current=False) / "b-2023.txt")
        result = index_file(store, made_series(tmp_path / "two", previous=False) / "a-2024.txt")
    finally:
        store.close()
    assert result.status == "added" and stored_row(db, 2024) == SPLIT_2024


def test_last_year_added_later_leaves_an_indexed_report_as_it_was(tmp_path: Path) -> None:
    """A report indexed before last year's is not read again when last year's comes:
    its cells stay without values until the index is rebuilt (never a wrong one)."""
    db = tmp_path / "g.db"
    build_paths([made_series(tmp_path / "new", previous=False)], db)
    build_paths([made_series(tmp_path / "old", current=False)], db)
    assert stored_row(db, 2024) == [None, None, None]
    rebuilt = tmp_path / "r.db"
    build_paths([tmp_path / "new", tmp_path / "old"], rebuilt)
    assert stored_row(rebuilt, 2024) == SPLIT_2024
