"""The five bundled reports, against figures a person read from each report's text.

Every seed prints all 200 cells of the 2021 format; most are 0. `NONZERO` lists, per
seed, the cells that are not 0, as read from data/reports/*.txt by eye.
"""

from __future__ import annotations

import pytest

from index.parse import parse_file
from index.template import APPLICANT_COLUMNS, OUTCOME_COLUMNS, PROCEEDINGS, TABLE3_ROWS

from .conftest import SEEDS, figure_values

SIX_TITLES = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]

AGENCY_YEAR = {
    "qu": ("渠县司法局", 2024),
    "yichuan": ("伊川县司法局", 2024),
    "xiqu": ("攀枝花市西区司法局", 2024),
    "qijiang": ("重庆市綦江区司法局", 2024),
    "youhao": ("友好区司法局", 2024),
}

NONZERO: dict[str, dict[str, float]] = {
    "qu": {},
    "yichuan": {
        "2.fees.amount": 45.0553,
        "3.received.natural_person": 2,
        "3.received.total": 2,
        "3.withheld_process_info.natural_person": 2,
        "3.withheld_process_info.total": 2,
        "3.results_total.natural_person": 2,
        "3.results_total.total": 2,
    },
    "xiqu": {},
    "qijiang": {
        "2.licensing.decisions": 4,
        "2.penalty.decisions": 1,
        "3.received.commercial": 1,
        "3.received.total": 1,
        "3.granted.commercial": 1,
        "3.granted.total": 1,
        "3.results_total.commercial": 1,
        "3.results_total.total": 1,
    },
    "youhao": {},
}


def all_2021_keys() -> list[str]:
    """The 200 cells of a 2021-format report with three （六） rows."""
    keys = [
        f"2.{r}.{c}"
        for r in ("regulations", "normative_documents")
        for c in ("issued", "repealed", "in_force")
    ]
    keys += [
        "2.licensing.decisions",
        "2.penalty.decisions",
        "2.coercion.decisions",
        "2.fees.amount",
    ]
    keys += [
        f"3.{row.key}.{c}"
        for row in TABLE3_ROWS
        if row.key != "other_processing"
        for c in APPLICANT_COLUMNS
    ]
    keys += [f"4.{p}.{c}" for p in PROCEEDINGS for c in OUTCOME_COLUMNS]
    return keys


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request: pytest.FixtureRequest):
    return request.param, parse_file(SEEDS[request.param])


def test_every_figure(seed) -> None:
    name, report = seed
    got = figure_values(report)
    expected = {k: NONZERO[name].get(k, 0) for k in all_2021_keys()}
    assert len(expected) == 200
    assert got == expected


def test_agency_year_format(seed) -> None:
    name, report = seed
    assert (report.agency, report.year) == AGENCY_YEAR[name]
    assert report.format == "2021"


def test_six_section_titles(seed) -> None:
    _, report = seed
    assert [s.title for s in report.sections] == SIX_TITLES
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_sections_hold_their_text(seed) -> None:
    name, report = seed
    by_number = {s.number: s for s in report.sections}
    assert "信息处理费" in by_number[6].text or name in ("qijiang", "youhao")
    assert len(by_number[1].subsections) == 5
    assert by_number[1].subsections[0].title.startswith("主动公开")
    assert by_number[1].subsections[4].title.startswith("监督保障")


def test_identities_all_pass(seed) -> None:
    _, report = seed
    assert report.checks
    assert {c.status for c in report.checks} == {"pass"}
    assert not report.warnings


def test_section_text_is_tidy() -> None:
    """Hard-wrapped lines are joined and spaces between characters dropped."""
    report = parse_file(SEEDS["qu"])
    general = report.sections[0].text
    assert "维护基层政务公开专栏" in general
    assert (
        "微信公众号持续推出优质内容 860 篇" in general
        or "微信公众号持续推出优质内容860篇" in general
    )
