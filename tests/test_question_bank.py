"""The question banks (tests/questions/), written from the reports by people who had not
seen the engine, asked of the engine over the seeds and the devset.

No question may get a number that is not the one asked for: that is held for every
question. The share answered right is held to a floor below the one measured (96.1 % on
2026-12-04), so that a change that answers fewer is seen; the target (95 %) is the issue's,
measured with `python -m tests.bank`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Engine
from index.build import build_paths
from tests.bank import BANKS, INDEXED, ask, load, summary

FLOOR = 0.93
# The second bank (tests/questions/real): written by another person over the seeds, the
# devset and the real reports of tests/data/real (seven years of 平潭, two of 上海市政府
# 办公厅, regions, names) after the engine was built; first measured at 67.5 % right and
# 12 wrong numbers, 94.8 % and none after the fixes it showed. Beside it, bank3.jsonl:
# 288 turns written from the reports by a person who never ran nor read the engine, kept
# outside the repository until measured: 77.4 % right and 14 wrong at first, 91.7 % and
# none after the fixes it showed (2026-12-04). And bank4.jsonl: 192 turns of staff and
# citizens' questions, written the same way: 71.4 % right and 7 wrong at first, 82.3 %
# and none after. And bank5.jsonl: 259 turns written the same way, aimed at shapes the
# others lack (two questions in one message, 几倍, 平均每月, whom to ask): 80.7 % right and
# 10 wrong at first, 87.6 % and none after (2026-12-04). And bank6.jsonl: 193 turns the
# way people really type (long letters around one question, three-character questions,
# traditional characters, full-width digits, years in words, dialect, English short
# forms, staff checks of a report's own sums): 57.0 % right and 7 wrong at first, 83.9 %
# and none after (2026-12-04). And bank7.jsonl: 175 turns of English-only journalists
# and supervising staff (counts on a mark, medians, shares across agencies): 50.9 % and
# 19 wrong at first, 78.3 % and none after (2026-12-04). And bank8.jsonl: 165 turns of a
# week's mixed traffic: 69.1 % and 7 wrong at first, 77.6 % and none after. The floor is
# for all of them together (89.0 % on 2026-12-04): the harder banks brought it down.
# Banks 9, 10 and 11 (211, 170, 150 turns) joined later the same day: 70.6 %, 72.9 % and
# 51.3 % at their first runs (10, 5 and 8 wrong), 87.2 %, 80.0 % and 70.7 % after (none
# wrong); bank 11 (auditors and researchers) is the hardest yet, and all together are
# 86.9 %. Banks 12 to 18 joined after (first runs 72.2 %, 63.4 %, 81.1 %, 83.0 %, 79.5 %,
# 88.9 %, 88.3 %); all together 88.4 % on the night of 2026-12-04, and the floor follows.
FLOOR_REAL = 0.86


@pytest.fixture(scope="module")
def results(built_db: Path) -> list:
    return list(ask(Engine(built_db), load()))


def test_no_question_gets_a_number_that_was_not_asked_for(results: list) -> None:
    wrong = [
        f"{r.turn.id}#{r.turn.turn} {r.turn.question}: {r.why}"
        for r in results
        if r.verdict == "wrong"
    ]
    assert not wrong, "\n".join(wrong)


def test_the_share_answered_right_stays_above_its_floor(results: list) -> None:
    right = sum(r.verdict == "right" for r in results) / len(results)
    assert right >= FLOOR, summary(results)


@pytest.fixture(scope="module")
def real_results(tmp_path_factory: pytest.TempPathFactory) -> list:
    db = tmp_path_factory.mktemp("bank") / "real.db"
    build_paths(INDEXED["real"], db)
    return list(ask(Engine(db), load(BANKS / "real")))


def test_no_question_of_the_second_bank_gets_a_wrong_number(real_results: list) -> None:
    wrong = [
        f"{r.turn.id} {r.turn.question}: {r.why}" for r in real_results if r.verdict == "wrong"
    ]
    assert not wrong, "\n".join(wrong)


def test_the_second_bank_stays_above_its_floor(real_results: list) -> None:
    right = sum(r.verdict == "right" for r in real_results) / len(real_results)
    assert right >= FLOOR_REAL, summary(real_results)


def test_the_banks_are_large_and_cover_every_category(results: list) -> None:
    categories = {r.turn.category for r in results}
    assert len(results) >= 600
    assert {
        "colloquial", "exact_row", "english", "compare_change", "across", "rates",
        "narrative", "no_answer", "ambiguous", "sections", "followup",
    } <= categories  # fmt: skip
