"""Digit runs whose cell separators were lost: split by identities, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.checks import identities
from index.parse import parse_file
from index.runs import Ambiguous, cut, narrow
from index.template import APPLICANT_COLUMNS

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
