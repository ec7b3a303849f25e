"""The question banks (`tests/questions/*.jsonl`) asked of the engine, and the answers scored.

The banks were written from the reports by people who had not seen the engine's output;
each expected answer says what the question asks for (README.md beside them). An answer
is `right` when its status, number, agency, year, ranking and text are what was
expected; `wrong` when it gives a number that is not the one asked for (or any number
where none may be given), the worst outcome; `miss` otherwise (no number, a question
back, the wrong status).

    .venv/bin/python -m tests.bank [--db FILE] [--show wrong|miss|all] [--category C]

prints the share right per category and the failures; `tests/test_question_bank.py`
holds the engine to it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "tests" / "questions"
# what each bank's questions are asked of
INDEXED = {
    "main": [ROOT / "data" / "reports", ROOT.parent / "shared" / "devset"],
    "real": [
        ROOT / "data" / "reports",
        ROOT.parent / "shared" / "devset",
        ROOT / "tests" / "data" / "real",
    ],
}


@dataclass(frozen=True)
class Turn:
    """One question to ask, with what is expected; a conversation is several in a row."""

    id: str
    category: str
    question: str
    expect: dict[str, Any]
    today: date
    turn: int  # 0 for a question alone or a conversation's first
    basis: str


@dataclass
class Scored:
    turn: Turn
    verdict: str  # right | wrong | miss
    why: str
    answer: Any


def load(folder: Path = BANKS) -> list[list[Turn]]:
    """Every item of every bank: a list of turns (one for a plain question)."""
    items = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            raw = json.loads(line)
            today = date.fromisoformat(raw.get("today", "2025-06-01"))
            questions = raw.get("conversation") or [raw["question"]]
            expects = raw["expect"] if isinstance(raw["expect"], list) else [raw["expect"]]
            items.append(
                [
                    Turn(raw["id"], raw["category"], q, e, today, n, raw.get("basis", ""))
                    for n, (q, e) in enumerate(zip(questions, expects, strict=True))
                ]
            )
    return items


def _same_number(found: float, expected: float) -> bool:
    """Equal, to the decimals the expected value was written with (rates to four)."""
    if isinstance(expected, float) and not expected.is_integer():
        decimals = len(repr(expected).split(".")[1]) if "." in repr(expected) else 0
        return abs(found - expected) <= 0.5 * 10**-decimals + 1e-9
    return abs(found - expected) <= 1e-6 * max(1.0, abs(expected))


def _names(answer: Any) -> list[str]:
    """The agencies of a ranking, in the order the answer gives them."""
    out: list[str] = []
    for figure in answer.figures:
        name = figure.get("agency")
        if name and name not in out:
            out.append(name)
    return out


def _fits(expected: str, found: str | None) -> bool:
    return bool(found) and (expected in found or found in expected)


def score(expect: dict[str, Any], answer: Any) -> tuple[str, str]:
    """(verdict, why) for one answer against what was expected."""
    value = answer.value
    expected = expect.get("value")
    if value is not None and isinstance(value, int | float):
        if expected is None:
            return "wrong", f"gave {value} where no number may be given"
        if not _same_number(float(value), float(expected)):
            return "wrong", f"gave {value}, expected {expected}"
    statuses = expect.get("status_in") or [expect.get("status", "answered")]
    if answer.status not in statuses:
        return "miss", f"status {answer.status}, expected {'/'.join(statuses)}"
    if expected is not None and value is None:
        return "miss", f"no number, expected {expected}"
    if answer.status == "answered":
        if "agency" in expect and expect["agency"] and not _fits(expect["agency"], answer.agency):
            # a bank may name the agency as its report prints it (沐阳县人民政府, an OCR
            # slip the index corrects), which the answer cites in the report's title
            printed = expect["agency"] in answer.text
            if not printed and not any(_fits(expect["agency"], n) for n in _names(answer)):
                return "miss", f"agency {answer.agency}, expected {expect['agency']}"
        if expect.get("year") and answer.year and answer.year != expect["year"]:
            return "miss", f"year {answer.year}, expected {expect['year']}"
        ranking = expect.get("ranking")
        if ranking:
            names = _names(answer)[: len(ranking)]
            if len(names) < len(ranking) or not all(
                _fits(e, f) for e, f in zip(ranking, names, strict=False)
            ):
                return "miss", f"ranking {names}, expected {ranking}"
        phrases = expect.get("text_contains") or []
        for phrase in [phrases] if isinstance(phrases, str) else phrases:
            if phrase.replace(" ", "") not in answer.text.replace(" ", ""):
                return "miss", f"text lacks {phrase!r}"
    years = expect.get("years")
    if years and answer.status == "answered":  # a trend: every year's figure as read
        given: dict[str, float | None] = {}
        for f in answer.figures:  # a year's cells add up to its figure
            if f.get("year"):
                key, v = str(f["year"]), f.get("value")
                given[key] = (
                    None if v is None or given.get(key, 0) is None else given.get(key, 0) + v
                )
        for year, value in years.items():
            if value is not None and year in given and given[year] is not None:
                if not _same_number(float(given[year]), float(value)):
                    return "wrong", f"gave {given[year]} for {year}, expected {value}"
    return "right", ""


def ask(engine: Any, items: list[list[Turn]]) -> Iterator[Scored]:
    """Ask every item; a conversation's turns are asked in order, each with the context
    the previous answer left (when the engine keeps one)."""
    for turns in items:
        context = None
        for turn in turns:
            engine._today = turn.today
            try:
                answer = engine.answer(turn.question, context=context)
            except TypeError:  # an engine without conversations
                answer = engine.answer(turn.question)
            context = getattr(answer, "context", None)
            verdict, why = score(turn.expect, answer)
            yield Scored(turn, verdict, why, answer)


def summary(results: list[Scored]) -> str:
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        by[r.turn.category][r.verdict] += 1
        by["ALL"][r.verdict] += 1
    lines = [f"{'category':<16}{'asked':>7}{'right':>7}{'wrong':>7}{'miss':>7}{'right %':>9}"]
    for category in sorted(by, key=lambda c: (c == "ALL", c)):
        c = by[category]
        n = sum(c.values())
        lines.append(
            f"{category:<16}{n:>7}{c['right']:>7}{c['wrong']:>7}{c['miss']:>7}"
            f"{100 * c['right'] / n:>8.1f}%"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Ask the question banks and score the answers.")
    parser.add_argument("--db", type=Path, help="an index of the seeds and the devset")
    parser.add_argument("--show", choices=["wrong", "miss", "all", "none"], default="wrong")
    parser.add_argument("--category")
    parser.add_argument(
        "--bank",
        choices=["main", "real"],
        default="main",
        help="main: tests/questions over the seeds and the devset; real: tests/questions/real "
        "over those and the real reports of tests/data/real",
    )
    parser.add_argument(
        "--folder",
        type=Path,
        help="ask the .jsonl banks of this folder instead (a held-out bank kept outside the "
        "repository), over the index of --bank",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bot.answer import Engine

    db = args.db
    if db is None:
        import tempfile

        from index.build import build_paths

        db = Path(tempfile.mkdtemp()) / "bank.db"
        build_paths(INDEXED[args.bank], db)
    engine = Engine(db)
    bank = args.folder or (BANKS / "real" if args.bank == "real" else BANKS)
    items = [i for i in load(bank) if not args.category or i[0].category == args.category]
    results = list(ask(engine, items))
    for r in results:
        if args.show == "all" or r.verdict == args.show:
            text = r.answer.text.replace("\n", " ⏎ ")[:160]
            print(f"{r.verdict.upper():5} {r.turn.id}#{r.turn.turn} {r.turn.question}")
            print(f"      {r.why}  | {r.answer.status} {r.answer.value} | {text}")
    print(summary(results))


if __name__ == "__main__":
    main()
