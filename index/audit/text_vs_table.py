"""Text-versus-table findings: a figure the narrative states that the table contradicts.

A wrong finding is noise someone must check, so a number is compared only with the
figure its own words name (`statements`), and a difference is reported only when the
number fits no reading of the statement and no reading of the table's cells
(`readings`). Shares (占51.85%, （17.46%）) following a count the table confirms are
checked against the denominators reports use: the results total, the applications
received, received and carried over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from bot.catalogue import MEASURES, Term

from ..template import LABELS
from .measures import cells_of
from .model import Finding
from .readings import possible, shown
from .statements import ELSEWHERE, FILLER, STATEMENTS, Statement
from .subject import Subject

_COUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([件起宗])(?!次)")
_CLAUSE_END = re.compile(r"[，,。；;：:（）()！？!?“”\"]")
_SENTENCE_END = "。；;！？!?"
_YEAR = re.compile(r"(?:19|20)\d{2}")
_SHARE = re.compile(r"^[，,]?(?:占(?:比)?|（|\()(?:比例|比重)?为?(\d+(?:\.\d+)?)%")
_DENOMINATORS: tuple[tuple[str, str, tuple[Term, ...]], ...] = (
    ("办理结果总计", "the results total", (("results_total", "total"),)),
    ("本年新收", "new applications", (("received", "total"),)),
    ("新收加上年结转", "new and carried over", (("received", "total"), ("carried_over", "total"))),
)


@dataclass(frozen=True)
class Stated:
    """A number of the narrative matched to a statement."""

    statement: Statement
    number: int | float
    sentence: str
    share: float | None  # a percentage printed right after it
    share_decimals: int


@cache
def _pattern(statement: Statement) -> re.Pattern[str]:
    return re.compile(f"(?:{statement.words}){FILLER}$")


def stated(text: str, year: int | None) -> Iterator[Stated]:
    """Every number of `text` whose own words name a figure of the tables."""
    text = "".join(text.split())
    boundary = 0  # where the current number's own words may start at the earliest
    for m in _COUNT.finditer(text):
        start = max(boundary, _clause_start(text, m.start()))
        boundary = m.end()
        own = text[start : m.start()].lstrip("、")
        rest = text[m.end() :]
        for statement in STATEMENTS:
            if m.group(2) not in statement.units:
                continue
            found = _pattern(statement).search(own)
            if not found or (statement.after and not re.match(statement.after, rest)):
                continue
            if _elsewhere(own[: found.start()], year):
                break
            share = _SHARE.match(rest)
            yield Stated(
                statement,
                _number(m.group(1)),
                _sentence(text, m.start()),
                float(share.group(1)) if share else None,
                len(share.group(1).partition(".")[2]) if share else 0,
            )
            break


def _clause_start(text: str, end: int) -> int:
    for k in range(end - 1, -1, -1):
        if _CLAUSE_END.match(text, k):
            return k + 1
    return 0


def _elsewhere(before: str, year: int | None) -> bool:
    if re.search(ELSEWHERE, before):
        return True
    return any(int(y) != year for y in _YEAR.findall(before))


def _sentence(text: str, at: int, limit: int = 160) -> str:
    start = max((text.rfind(c, 0, at) for c in _SENTENCE_END), default=-1) + 1
    ends = [e for c in _SENTENCE_END if (e := text.find(c, at)) >= 0]
    end = min(ends) + 1 if ends else len(text)
    sentence = text[start:end]
    if len(sentence) > limit:
        middle = at - start
        sentence = "…" + sentence[max(0, middle - limit // 2) : middle + limit // 2] + "…"
    return sentence


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def text_findings(subject: Subject) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, object]] = set()
    for _, text in subject.narrative:
        for s in stated(text, subject.year):
            finding = _compare(subject, s)
            if finding and (finding.rule, finding.found) not in seen:
                seen.add((finding.rule, finding.found))
                out.append(finding)
    return out


def _compare(subject: Subject, s: Stated) -> Finding | None:
    readings = []
    for terms in s.statement.readings:
        cells = cells_of(subject, terms)
        values = possible(subject, [(c, 1) for c in cells]) if cells else None
        if values is not None:
            readings.append((terms, cells, values))
    if not readings:
        return None
    if any(s.number in values for _, _, values in readings):
        return _share(subject, s) if s.share is not None else None
    terms, cells, values = readings[0]
    table = [f"{_name(t, 'zh')} {_value(subject, c, v)}" for t, c, v in readings]
    table_en = [f"{_name(t, 'en')} {_value(subject, c, v)}" for t, c, v in readings]
    return Finding(
        "text_vs_table",
        "warning",
        f"text.{s.statement.rule}",
        f"正文称{s.statement.zh} {_fmt(s.number)}，表中为：{'；'.join(table)}",
        f"The text states {s.statement.en}: {_fmt(s.number)}; the table has {'; '.join(table_en)}",
        tuple(f"{t}.{r}.{c}" for t, r, c in cells),
        _value(subject, cells, values),
        s.number,
        s.sentence,
    )


def _share(subject: Subject, s: Stated) -> Finding | None:
    """The share printed after a count the table confirms, against each denominator."""
    assert s.share is not None
    tolerance = 10.0**-s.share_decimals + 1e-9
    computed = []
    for zh, en, terms in _DENOMINATORS:
        cells = cells_of(subject, terms)
        values = possible(subject, [(c, 1) for c in cells]) if cells else None
        if values is None or len(values) != 1:
            continue
        denominator = next(iter(values))
        if not denominator:
            continue
        percent = 100 * s.number / denominator
        if abs(percent - s.share) <= tolerance:
            return None
        computed.append((zh, en, denominator, round(percent, max(s.share_decimals, 2))))
    if not computed:
        return None
    zh, en, denominator, percent = computed[0]
    cells = cells_of(subject, s.statement.readings[0]) or []
    return Finding(
        "text_vs_table",
        "warning",
        f"text.{s.statement.rule}.share",
        f"正文称{s.statement.zh} {_fmt(s.number)}，占 {_fmt(s.share)}%；按表中数字，"
        + "；".join(f"占{z} {d} 的 {_fmt(p)}%" for z, _, d, p in computed),
        f"The text states {s.statement.en}: {_fmt(s.number)}, {_fmt(s.share)}%; from the "
        "table it is " + "; ".join(f"{_fmt(p)}% of {e} ({d})" for _, e, d, p in computed),
        tuple(f"{t}.{r}.{c}" for t, r, c in cells),
        percent,
        s.share,
        s.sentence,
    )


def _value(subject: Subject, cells: list, values: frozenset) -> int | float | str | None:
    """The table's side: its value, or what the table printed where it was not read."""
    if len(values) == 1:
        return next(iter(values))
    printed = {shown(subject, c) for c in cells if subject.value(c) is None}
    return " ".join(str(p) for p in printed) or None


def _name(terms: tuple[Term, ...], lang: str) -> str:
    """The figure's name: the measure, and its column where it is not the total."""
    names = []
    for key, column in terms:
        measure = MEASURES[key]
        name = measure.zh if lang == "zh" else measure.en
        if column != "total":
            zh, en = LABELS.columns[measure.table][column]
            name += f"（{zh}）" if lang == "zh" else f" ({en})"
        names.append(name)
    return "+".join(names)


def _fmt(value: int | float) -> str:
    return f"{value:g}"
