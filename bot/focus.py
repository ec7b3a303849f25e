"""Long messages: the question among what is said around it, or the two it asks.

People write to a chat as they would write a letter: who they are, why they ask, thanks
("老师您好！我是…研究生，在写毕业论文…想请问一下，平潭2023年一共新收了多少件政府信息
公开申请？非常感谢"). Read whole, such a message is full of words no table explains, and
it is rightly not answered. Read clause by clause, one clause asks for a figure; the
agency and the year it leaves out may be said in a clause before it. That question is
answered, and the answer says which question it answered.

It is taken only when nothing else said could change it: a clause that names another
figure, column, year or agency (其中结果维持多少我自己再去核; 金额我已经有了) leaves the
message as it was, not understood.
"""

from __future__ import annotations

import re
from datetime import date

from .agencies import AgencyIndex
from .normalize import Text
from .reading import WORK_CUES, Reading, read

# where a message divides into clauses (not 、, which lists within one: 门户网站、平台)
# (an English full stop ends a sentence where a space or the end follows: not 45.0553)
_CLAUSE = re.compile(r"[。！？!?\n；;～~，,]+|\.(?=\s|$)")
_ASKS = re.compile(
    r"多少|几(?![十百千万])|吗|是否|有没有|有木有|好多|查一下|帮查|告诉我|请问|想知道|想了解"
    r"|\bhow (?:many|much)\b|\bwhat\b|\bwhich\b|\bthe number of\b",
    re.I,
)
# where an English question starts inside a sentence (My advisor asked me to check how
# many…): what comes before it is said around the question, like a clause of its own
_ASK_START = re.compile(r"\b(?:how (?:many|much)|what|which|the number of)\b", re.I)
# who is asking (我是一名律师, 我们公司是…): said of the person, not of the figure
_ABOUT_ME = re.compile(r"^(?:我|我们|本人|俺)(?:们)?(?:公司|单位|局)?(?:是|在)")
LONG = 3  # clauses: fewer is a question, not a letter


def questions_in(message: str) -> list[str]:
    """The questions a message asks, when it asks two in two clauses (淮安2024年收了多少
    申请，办结了多少); else the message alone."""
    clauses = [c.strip() for c in _CLAUSE.split(message) if c.strip()]
    asking = [c for c in clauses if _ASKS.search(c)]
    return asking if len(asking) == 2 and len(clauses) == 2 else [message]


def focus(message: str, agencies: AgencyIndex, today: date) -> str | None:
    """The question a long message asks, with the agency and year said before it; None
    when there is no one such question, or anything else said could change it."""
    clauses = [c.strip() for c in _CLAUSE.split(message) if c.strip()]
    if len(clauses) < LONG:
        return None
    clauses = [part for c in clauses if not _ABOUT_ME.match(c) for part in _at_question(c)]
    readings = [read(Text.of(c), agencies, today) for c in clauses]
    asking = [i for i, c in enumerate(clauses) if _ASKS.search(c)]
    # the first clause that asks and names a figure, else the first that asks of a figure
    # named just before it (…行政事业性收费那一栏是有数的，…想确认下具体是多少万元)
    asked = next((i for i in asking if _names_figure(readings[i])), asking[0] if asking else None)
    if asked is None:
        return None
    before = readings[:asked][::-1]
    said = readings[asked]
    prefix = ""
    if not said.resolved:
        named = next((r for r in before if len(r.resolved) == 1 and not r.kind), None)
        if named is None:
            return None
        prefix += _words(named, named.resolved[0].start, named.resolved[0].end)
    if not said.years.years:
        dated = next((r for r in before if len(r.years.years) == 1), None)
        if dated is not None:
            prefix += f"{dated.years.years[0]}年"
    figured = None if _names_figure(said) else next((r for r in before if _names_figure(r)), None)
    if not _names_figure(said) and figured is None and not said.measures:
        return None  # it names no figure, not even by a weak word (requests), nor does one before
    if figured is not None:
        prefix += "".join(
            _words(figured, h.start, h.end)
            for h in figured.hits
            if h.view == "compact" and h.phrase.kind in ("measure", "outcome") and not h.phrase.weak
        )
    question = prefix + clauses[asked]
    final = read(Text.of(question), agencies, today)
    if final.not_understood or not final.resolved:
        return None
    others = [
        r for i, r in enumerate(readings) if i != asked and (i in asking or not r.not_understood)
    ]  # (a clause that asks nothing and is mostly not understood is talk around it:
    # 手上有个项目 names no 项目 of table 二, 我翻了半天看不清楚 no unclear request)
    if any(_changes(r, final) for r in others):
        return None
    return question


def _at_question(clause: str) -> list[str]:
    """An English clause cut where its question starts (…check | how many…), else whole."""
    m = _ASK_START.search(clause)
    if m is None or m.start() == 0:
        return [clause]
    return [clause[: m.start()].strip(), clause[m.start() :]]


def _names_figure(r: Reading) -> bool:
    """Whether a clause names what is asked: a figure, or a column of one (商业企业提出的)."""
    return bool(r.measures or r.outcome or r.columns) and not r.guessed


def _words(r: Reading, start: int, end: int) -> str:
    """What the person wrote for a compact span of a clause."""
    return r.text.original[slice(*r.text.original_span(start, end))]


def _changes(other: Reading, final: Reading) -> bool:
    """Whether a clause said around the question names something the question does not:
    another figure, column, year or agency (weak words, 申请 or 公开, name none), or asks
    for work on figures the question does not do."""
    if any(other.has(c) and not final.has(c) for c in WORK_CUES):
        return True
    keys = {m.key for m in final.measures} | {m.parent for m in final.measures if m.parent}
    if not other.guessed and any(m.key not in keys for m in other.measures):
        return True
    if any(c not in final.columns for c in other.columns):
        return True
    if any(y not in final.years.years for y in other.years.years):
        return True
    named = {i for m in final.resolved for i in m.agencies}
    return any(not set(m.agencies) & named for m in other.resolved)
