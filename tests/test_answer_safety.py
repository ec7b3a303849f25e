"""Never a wrong number: generated questions checked against the index itself.

The oracle here is independent of the engine: a hand-written table of which cells
each phrase asks for, read straight from SQLite. Whatever the engine answers, a
number it gives must be exactly that; when it is not sure it must ask, not guess.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer import STATUSES, Engine

ORG = ["commercial", "research", "social_welfare", "legal_service", "other_org"]
WITHHELD = [
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_query_matter",
]

# phrase -> (table, rows, takes an applicant kind)
MEASURES = {
    "收到多少申请": (3, ["received"], True),
    "予以公开多少": (3, ["granted"], True),
    "部分公开多少": (3, ["partially_granted"], True),
    "不予公开多少": (3, WITHHELD, True),
    "无法提供多少": (
        3,
        ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"],
        True,
    ),
    "上年结转多少申请": (3, ["carried_over"], True),
    "办结多少": (3, ["results_total"], True),
    "结转下年度继续办理多少": (3, ["carried_forward"], True),
    "行政复议多少件": (4, ["review"], False),
    "行政诉讼多少件": (4, ["litigation_direct", "litigation_after_review"], False),
    "行政复议被纠正几件": (4, ["review"], False),
}
APPLICANTS = {
    "": ["total"],
    "自然人": ["natural_person"],
    "企业": ["commercial"],
    "法人或其他组织": ORG,
}
# name as written -> name in the index
AGENCIES = {
    "伊川县司法局": "伊川县司法局",
    "伊川司法局": "伊川县司法局",
    "渠县司法局": "渠县司法局",
    "西区司法局": "攀枝花市西区司法局",
    "綦江区司法局": "重庆市綦江区司法局",
    "友好区司法局": "友好区司法局",
    "淮安市政府": "淮安市人民政府",
    "淮安市人民政府": "淮安市人民政府",
    "平潭综合实验区": "平潭综合实验区",
    "上海市政府办公厅": "上海市人民政府办公厅",
}


def expected(
    db: Path, agency: str, year: int | None, phrase: str, applicant: str
) -> tuple[int, float | None]:
    """(year, value) read from SQLite: the sum of the cells, None when one is blank or missing."""
    table, rows, by_applicant = MEASURES[phrase]
    columns = (
        APPLICANTS[applicant]
        if by_applicant
        else (["corrected"] if "纠正" in phrase else ["total"])
    )
    with sqlite3.connect(db) as conn:
        if year is None:
            year = conn.execute(
                "select max(r.year) from reports r join agencies a on a.id = r.agency_id where a.name = ?",
                [agency],
            ).fetchone()[0]
        total: float = 0
        for row in rows:
            for column in columns:
                got = conn.execute(
                    "select f.value from figures f join reports r on r.id = f.report_id join agencies a on a.id = r.agency_id "
                    "where a.name = ? and r.year = ? and f.table_number = ? and f.row_key = ? and f.column_key = ?",
                    [agency, year, table, row, column],
                ).fetchone()
                if got is None or got[0] is None:
                    return year, None
                total += got[0]
    return year, total


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    written=st.sampled_from(sorted(AGENCIES)),
    phrase=st.sampled_from(sorted(MEASURES)),
    applicant=st.sampled_from(sorted(APPLICANTS)),
    year=st.sampled_from([None, 2019, 2022, 2024]),
)
def test_a_number_given_is_the_number_in_the_index(
    real: Engine, built_db: Path, written: str, phrase: str, applicant: str, year: int | None
) -> None:
    if not MEASURES[phrase][2]:
        applicant = ""
    question = f"{written}{year or ''}{'年' if year else ''}{applicant}{phrase}"
    a = real.answer(question)
    agency = AGENCIES[written]
    if a.status == "not_found" and a.intent == "year":
        assert a.value is None and year is not None
        return
    # a figure printed blank is not found in the report, with no number
    assert a.status in ("answered", "not_found") and a.intent == "figure", (question, a.text)
    assert a.agency == agency and (a.status == "answered") == (a.value is not None), (
        question,
        a.text,
    )
    want_year, want = expected(built_db, agency, year, phrase, applicant)
    assert a.year == want_year
    assert a.value == want, (question, a.text)
    if a.value is not None:
        assert a.value == pytest.approx(sum(f["value"] for f in a.figures))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_text_gets_an_answer_and_never_an_unsourced_number(real: Engine, text: str) -> None:
    a = real.answer(text)
    assert a.status in STATUSES and a.question == text
    assert a.language in ("zh", "en") and a.text
    if a.value is not None:
        assert a.status == "answered"
        assert a.figures or a.intent in ("narrative", "list")


WORDS = [
    "伊川",
    "司法局",
    "淮安",
    "政府",
    "收到",
    "多少",
    "申请",
    "最多",
    "哪个",
    "2024年",
    "去年",
    "行政复议",
    "纠正",
    "所有",
    "一共",
    "的",
    "和",
    "how many",
    "received",
    "西区",
    "历年",
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7))
def test_word_salad_never_breaks_the_engine(real: Engine, words: list[str]) -> None:
    a = real.answer("".join(words))
    assert a.status in STATUSES
    for c in a.candidates:
        assert set(c) >= {"id", "label", "question"} and isinstance(c["id"], int) and c["question"]
