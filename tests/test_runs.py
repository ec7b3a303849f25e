"""Digit runs whose cell separators were lost: split by identities, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.checks import identities
from index.parse import parse_file
from index.runs import Ambiguous, common_cells, cut, narrow, run_options
from index.template import APPLICANT_COLUMNS, TABLE3_RESULT_ROWS_2021

from .conftest import DEVSET

PINGTAN = DEVSET / "pingtan-zhsyq-2022.txt"


@pytest.mark.parametrize(
    "runs, width, expected",
    [
        (["000"], 3, [["0", "0", "0"]]),
        (["1234"], 3, [["1", "2", "34"], ["1", "23", "4"], ["12", "3", "4"]]),
        (["105"], 2, [["10", "5"]]),  # "1|05" has a leading zero
        (["12", "3"], 3, [["1", "2", "3"]]),
        (["7"], 2, []),
    ],
)
def test_every_valid_cut(runs: list[str], width: int, expected: list[list[str]]) -> None:
    assert sorted(cut(runs, width)) == sorted(expected)


def narrowed(keys: list, run: str) -> tuple[list[Ambiguous], dict]:
    """Split `run` over the cells `keys` and keep the splits the identities allow."""
    amb = [Ambiguous(keys, [[int(p) for p in parts] for parts in cut([run], len(keys))], run)]
    values: dict = {}
    narrow(amb, values, identities(False))
    return amb, values


def test_row_total_decides_a_split() -> None:
    keys = [(3, "received", c) for c in APPLICANT_COLUMNS]
    amb, values = narrowed(keys, "713000074")
    assert amb == []
    assert [values[k] for k in keys] == [71, 3, 0, 0, 0, 0, 74]


def test_two_splits_that_both_fit_are_left_without_values() -> None:
    keys = [(3, "granted", c) for c in APPLICANT_COLUMNS]
    amb, values = narrowed(keys, "110000011")
    assert len(amb) == 1 and len(amb[0].options) == 2  # 11|0…|11 and 1|10|0…|11
    assert values == {}


@pytest.mark.skipif(not PINGTAN.exists(), reason="needs ../shared/devset")
def test_table_two_run_the_narrative_does_not_state_stays_unread(tmp_path: Path) -> None:
    text = PINGTAN.read_text(encoding="utf-8").replace(
        "行政规范性文件8855698", "行政规范性文件1234"
    )
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    report = parse_file(path)
    for column in ("issued", "repealed", "in_force"):
        fig = report.figure(2, "normative_documents", column)
        assert fig.value is None and fig.raw == "1234"
    assert any("1234" in w and "3 ways" in w for w in report.warnings)
    assert report.figure(2, "licensing", "decisions").value == 10690


@pytest.mark.skipif(not PINGTAN.exists(), reason="needs ../shared/devset")
def test_table_two_run_decided_by_the_narrative() -> None:
    """集中公开现行有效行政规范性文件698件 … 本年度制发的规范性文件88件 → 88 / 55 / 698."""
    report = parse_file(PINGTAN)
    got = [
        report.figure(2, "normative_documents", c).value for c in ("issued", "repealed", "in_force")
    ]
    assert got == [88, 55, 698]


def test_a_negative_run_keeps_its_sign_and_starts_a_cell() -> None:
    assert cut(["35", "-15"], 2) == [["35", "-15"]]
    options = cut(["2648", "-18538"], 3)
    assert ["2648", "-18", "538"] in options and ["2", "648", "-18538"] in options
    assert all("-" not in part[1:] for option in options for part in option)
    assert not any(part == "-0" or part.startswith("-0") for o in options for part in o)


def test_a_stray_space_is_tried_both_as_a_gap_and_inside_a_number() -> None:
    options = run_options(["200", "000121"], 7)
    assert [20, 0, 0, 0, 0, 1, 21] in options
    assert all(len(o) == 7 for o in options)


def test_cells_every_split_agrees_on_are_kept() -> None:
    amb = Ambiguous(
        [(2, "penalty", c) for c in ("items_last_year", "items_change", "decisions")],
        [[2648, -1, 8538], [2648, -18, 538]],
        "2648-18538",
    )
    assert common_cells(amb) == {(2, "penalty", "items_last_year"): 2648}


def test_rows_that_fit_their_totals_twice_are_decided_together_by_the_columns() -> None:
    """予以公开 `270020130` fits its row total two ways and 部分公开 `500000 5` is open too
    (the 2021 平潭 report); only one pair keeps every column's sum of results."""
    totals = [32, 0, 0, 2, 0, 1, 35]
    values: dict = {}
    for row in TABLE3_RESULT_ROWS_2021:
        values.update({(3, row, c): 0 for c in APPLICANT_COLUMNS})
    for row, printed in (
        ("results_total", totals),
        ("received", totals),
        ("carried_over", [0] * 7),
        ("carried_forward", [0] * 7),
    ):
        values.update({(3, row, c): v for c, v in zip(APPLICANT_COLUMNS, printed, strict=True)})
    granted = [(3, "granted", c) for c in APPLICANT_COLUMNS]
    partial = [(3, "partially_granted", c) for c in APPLICANT_COLUMNS]
    for key in granted + partial:
        del values[key]
    amb = [
        Ambiguous(granted, run_options(["270020130"], 7), "270020130"),
        Ambiguous(partial, run_options(["500000", "5"], 7), "500000 5"),
    ]
    assert narrow(amb, values, identities(False)) == []
    assert amb == []
    assert [values[k] for k in granted] == [27, 0, 0, 2, 0, 1, 30]
    assert [values[k] for k in partial] == [5, 0, 0, 0, 0, 0, 5]


def test_identities_the_report_breaks_do_not_split_its_runs() -> None:
    keys = [(3, "granted", c) for c in APPLICANT_COLUMNS]
    values = {(3, "received", c): 5 for c in APPLICANT_COLUMNS}
    values.update({(3, "carried_over", c): 0 for c in APPLICANT_COLUMNS})
    values.update({(3, "results_total", c): 1 for c in APPLICANT_COLUMNS})
    values.update({(3, "carried_forward", c): 0 for c in APPLICANT_COLUMNS})
    amb = [Ambiguous(keys, [list(map(int, p)) for p in cut(["110000011"], 7)], "110000011")]
    notes = narrow(amb, values, identities(False))
    assert len(amb) == 1 and len(amb[0].options) == 2
    assert notes and "breaks its own identities" in notes[0]
