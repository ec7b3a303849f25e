"""The years a question names: 2024, 2024年, 二〇二四年, 今年/去年/前年, this/last year.

Relative years are counted from an injectable `today`, so that 去年 means the same
thing in a test written in 2025 and in a test run in 2027. 本年 is not "this year":
it is part of row labels (本年新收, 本年制发) that people copy into questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .lexicon import NUMBER_WORDS
from .normalize import Text, chinese_number

_DIGITS = r"(?<![\d.])((?:19|20)\d{2})(?![\d.])"
# 2020年报: the year of the report, 报 read with it (not 2024年报告, 报送, 报名)
_YEAR_ZH = re.compile(_DIGITS + r"(?:\s*年度?(?:报(?![告送名销道]))?|(?=\D|$))")
_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "o": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# 24年 for 2024, but not 近10年 / 10年来 (ten years)
_YEAR_SHORT = re.compile(
    r"(?<![\d.近前这过去共])(\d{2})年(?!来|间|内|以来|前|后)(?:报(?![告送名销道]))?"
)
_YEAR_CN = re.compile(r"([〇零一二三四五六七八九]{4})年度?")
# 二五年 for 2025, as 25年 is (not the end of 二〇二五年, nor 十二年)
_YEAR_CN_SHORT = re.compile(
    r"(?<![〇零一二三四五六七八九十百千两])([一二][〇零一二三四五六七八九])年(?!来|间|内|以来|前|后)"
)
# 两千零二十三年: the year said in words, not digit by digit
_YEAR_WORDS = re.compile(
    r"[两二]千零?([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])年度?"
)
# 平潭24复议: two digits between a name and a figure, with no 年 (not 24件, 前24名)
_YEAR_BARE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![第前近共有为是约超过于和及与])(\d{2})"
    r"(?=[\u4e00-\u9fff])(?![件个次条项家人万元年月日号岁倍名位期批份篇场宗起天%])"
)
_RANGE = re.compile(_DIGITS + r"年?(?:到|至|-|~|～|—|to|through|thru)" + _DIGITS)
# between 2019 and 2025 / from 2019 to 2025: every year between
_RANGE_EN = re.compile(
    r"\b(?:between|from) ((?:19|20)\d{2}) (?:and|to|through|thru|until|till) ((?:19|20)\d{2})\b"
)
_CHANGE_EN = re.compile(
    r"\b(?:chang\w*|differ\w*|grow\w*|grew|increas\w*|decreas\w*|compar\w*|rise|rose|fell|"
    r"drop\w*|vs|versus|more|fewer|less)\b"
)
# 结转到2026年 / carried over into 2026: the figure of the year before it (the one the
# report of 2025 carries forward)
_INTO = re.compile(r"(?:结转到|结转至|转入|转到)" + _DIGITS + "年?")
_INTO_EN = re.compile(
    r"\b(?:carr(?:y|ies|ied) (?:over )?(?:in)?to|carr(?:y|ied) forward (?:in)?to) ((?:19|20)\d{2})\b"
)
# 2021年以来 / 自2021年起 / 从2021年开始 / 2021年以后 / since 2021: every year from then to
# now, the named year included (as every bank's writers took 以后 and 开始)
_SINCE = re.compile(
    _DIGITS + r"(?:年度?)?(?:以来|以后|之后|往后|开始|起|至今|到现在|到今天|到目前)"
)
# 2022年以前 / 2022年之前 / before 2022: every year before it (the year itself left out)
_BEFORE = re.compile(_DIGITS + r"(?:年度?)?(?:以前|之前)")
_BEFORE_EN = re.compile(r"\bbefore ((?:19|20)\d{2})\b")
# the earliest year a report of the national format can be of (the regulations of 2008)
FIRST_YEAR = 2008
_SINCE_EN = re.compile(r"\bsince ((?:19|20)\d{2})\b|\b((?:19|20)\d{2}) onwards?\b")
# 近三年 / 最近5年 / the last three years: the latest reports, as many
_RECENT = re.compile(
    r"(?:最近|近|过去|这)(\d{1,2}|[两二三四五六七八九十])"
    r"(?:(?:个)?年(?:来|间|内)?|份(?:年报|年度报告|报告))"  # 近三年, 最近两份年报
)
_RECENT_EN = re.compile(
    r"\b(?:the )?(?:last|past|previous|recent) (\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) years\b"
)
# 最早那份年报 / 有年报的头一年 / 第一份年报 / the earliest report: the agency's first report
# (which year that is, the index says); 到最新一份 beside it: its latest as well
_FIRST = re.compile(
    r"最早(?:的|那|一)*(?:份|期|年)(?:的)?(?:年报|年度报告|报告)?|头一(?:年|份)|"
    r"第一(?:份|期)(?:年报|年度报告|报告)?|首份(?:年报|报告)?"
)
_FIRST_EN = re.compile(r"\b(?:the )?(?:earliest|first) (?:report|year|annual report)\b")
_FROM_TO = re.compile(r"从|自|到|至")
_LATEST_BESIDE = re.compile(r"最新(?:的|那|一)*(?:份|期|年)(?:年报|年度报告|报告)?|\blatest\b")
_RELATIVE_ZH = (
    ("大前年", -3),
    ("上上一年", -2),
    ("上上年", -2),
    ("前年", -2),
    ("去年", -1),
    ("上一年度", -1),
    ("上个年度", -1),
    ("今年", 0),
    ("这一年", 0),
    ("明年", 1),  # no report covers a year to come: asked, it is said so
    ("后年", 2),
)
_NOT_A_YEAR_BEFORE = ("加", "比", "较", "与", "跟", "同", "和")
_NOT_A_YEAR_AFTER = ("结转", "转", "留", "遗留")
# "carried over from last year" names a row of table 3, not a year
_RELATIVE_EN = re.compile(
    r"(?<!from )(?<!over )(?<!from the )(?<!into )(?<!to )(?<!into the )(?<!to the )"
    r"\b(this year|last year|the year before last|previous year|current year|next year)\b"
)
_RELATIVE_EN_OFFSET = {
    "this year": 0,
    "current year": 0,
    "last year": -1,
    "previous year": -1,
    "the year before last": -2,
    "next year": 1,
}


@dataclass(frozen=True)
class YearRef:
    """Years named in a question, each with the compact span it was read from."""

    years: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]  # compact spans
    relative: bool  # any year given as 今年/去年/last year…
    is_range: bool  # "2022到2024": every year between
    explicit: tuple[int, ...] = ()  # the years written as years (2024, 24年), not 去年/last year
    recent: int | None = None  # 近三年: that many of the latest reports, whatever their years
    # 最早那份年报: the agency's first report ("first"), or its first and its latest
    # (从第一份年报到最新一份: "first,latest"); the index says which years they are
    ends: str = ""
    # 2022年以前: every year before it, from the first the agency has (the years before
    # its first report are no gap in it)
    open_start: bool = False


def _digits(written: str) -> int:
    """二〇二四 → 2024: Chinese digits read one by one."""
    return int("".join(str(_CN_DIGIT[c]) for c in written))


def find_years(text: Text, today: date) -> YearRef:
    """All years the question names, in the order they appear."""
    found: list[tuple[int, int, int]] = []  # (start, end, year)
    compact = text.compact
    relative = False
    is_range = False
    for m in _RANGE.finditer(compact):
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        if b - a <= 30:
            is_range = True
            found.extend((m.start(), m.end(), y) for y in range(a, b + 1))
    # (a change between them is of the two years: "changed from 2021 to 2022")
    between = [] if _CHANGE_EN.search(text.words) else list(_RANGE_EN.finditer(text.words))
    for m in between:
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        if b - a <= 30:
            is_range = True
            span = _compact_span(text, m.start(), m.end())
            found.extend((*span, y) for y in range(a, b + 1))
    for m in _INTO.finditer(compact):
        found.append((m.start(1), m.end(), int(m.group(1)) - 1))
    for m in _INTO_EN.finditer(text.words):
        found.append((*_compact_span(text, m.start(1), m.end(1)), int(m.group(1)) - 1))
    recent = None
    recent_spans: list[tuple[int, int]] = []
    for m in _SINCE.finditer(compact):
        first = int(m.group(1))
        if first <= today.year and not _inside(m.start(), [(s, e) for s, e, _ in found]):
            is_range = True
            found.extend((m.start(), m.end(), y) for y in range(first, today.year + 1))
    open_start = False
    for pattern, view in ((_BEFORE, compact), (_BEFORE_EN, text.words)):
        for m in pattern.finditer(view):
            last = int(m.group(1)) - 1
            if FIRST_YEAR <= last and not _inside(m.start(), [(s, e) for s, e, _ in found]):
                is_range = open_start = True
                span = (m.start(), m.end()) if view is compact else _compact_span(text, *m.span())
                found.extend((*span, y) for y in range(FIRST_YEAR, last + 1))
    for m in _SINCE_EN.finditer(text.words):
        first = int(m.group(1) or m.group(2))
        if first <= today.year:
            is_range = True
            span = _compact_span(text, m.start(), m.end())
            found.extend((*span, y) for y in range(first, today.year + 1))
    recent_found: list[tuple[int, int, int]] = []
    for pattern, view in ((_RECENT, compact), (_RECENT_EN, text.words)):
        for m in pattern.finditer(view):
            n = _count(m.group(1))
            if 2 <= n <= 30:
                recent, is_range = n, True
                span = (
                    (m.start(), m.end())
                    if view is compact
                    else _compact_span(text, m.start(), m.end())
                )
                recent_spans.append(span)
                # a trend takes the latest n reports instead (this year's is not out yet)
                recent_found.extend((*span, y) for y in range(today.year - n + 1, today.year + 1))
    taken = [(s, e) for s, e, _ in found + recent_found]
    for m in _YEAR_ZH.finditer(compact):
        if not _inside(m.start(), taken):
            found.append((m.start(), m.end(), int(m.group(1))))
    for m in _YEAR_SHORT.finditer(compact):
        year = 2000 + int(m.group(1))
        if 2015 <= year <= today.year + 1:
            found.append((m.start(), m.end(), year))
    for m in _YEAR_CN.finditer(compact):
        found.append((m.start(), m.end(), _digits(m.group(1))))
    for m in _YEAR_CN_SHORT.finditer(compact):
        year = 2000 + _digits(m.group(1))
        if 2015 <= year <= today.year + 1:
            found.append((m.start(), m.end(), year))
    for m in _YEAR_WORDS.finditer(compact):
        found.append((m.start(), m.end(), 2000 + (chinese_number(m.group(1)) or 0)))
    for m in _YEAR_BARE.finditer(compact):
        year = 2000 + int(m.group(1))
        if 2015 <= year <= today.year + 1 and not _inside(m.start(), [(s, e) for s, e, _ in found]):
            found.append((m.start(), m.end(), year))
    named = {y for _, _, y in found}
    if recent_found and len(named) == recent:
        # 2022到2024这三年: the years written, said again; not the latest three
        found.extend((s, e, y) for s, e in dict.fromkeys(recent_spans) for y in sorted(named))
        recent = None
    elif recent_found:
        found.extend(recent_found)
        relative = True
    for word, offset in _RELATIVE_ZH:
        start = compact.find(word)
        while start >= 0:
            # 加上上年结转的: 加上 and the row 上年结转, not 上上年; 比上一年度多: a change,
            # and 上一年度结转: a row, not the year before today
            glued = word.startswith("上") and (
                compact[start - 1 : start] in _NOT_A_YEAR_BEFORE
                or compact.startswith(_NOT_A_YEAR_AFTER, start + len(word))
            )
            if not glued and not _inside(start, [(s, e) for s, e, _ in found]):
                found.append((start, start + len(word), today.year + offset))
                relative = True
            start = compact.find(word, start + len(word))
    for m in _RELATIVE_EN.finditer(text.words):
        span = _compact_span(text, m.start(), m.end())
        found.append((*span, today.year + _RELATIVE_EN_OFFSET[m.group(1)]))
        relative = True
    ends, end_spans = _ends(text)
    found.sort()
    written = len(found)
    found = _filled(found, compact)
    is_range = is_range or len(found) > written
    relative_spans = {(s, e) for s, e, y in found if _is_relative(compact[s:e])}
    relative_spans.update(recent_spans)
    explicit: list[int] = []
    for s, e, y in found:
        if (s, e) not in relative_spans and y not in explicit:
            explicit.append(y)
    years: list[int] = []
    for _, _, y in found:
        if y not in years:
            years.append(y)
    return YearRef(
        tuple(years),
        tuple((s, e) for s, e, _ in found) + tuple(end_spans if not years else ()),
        relative,
        is_range,
        tuple(explicit),
        recent,
        "" if years else ends,
        open_start,
    )


def _ends(text: Text) -> tuple[str, list[tuple[int, int]]]:
    """Whether the question asks an agency's first report (and its latest), and where it
    says so (compact spans)."""
    spans = [m.span() for m in _FIRST.finditer(text.compact)]
    spans += [_compact_span(text, *m.span()) for m in _FIRST_EN.finditer(text.words)]
    if not spans:
        return "", []
    latest = [m.span() for m in _LATEST_BESIDE.finditer(text.compact)]
    if not latest:
        return "first", spans
    # 从第一份年报到最新一份: 从 just before the first report, 到 between it and the latest
    first_start, first_end, latest_start = spans[0][0], spans[0][1], latest[0][0]
    joins = [
        m.span()
        for m in _FROM_TO.finditer(text.compact)
        if m.end() == first_start or first_end <= m.start() < latest_start
    ]
    return "first,latest", spans + latest + joins


_BETWEEN = re.compile(r"^(?:到|至|-|~|～|—|to)$")


def _filled(found: list[tuple[int, int, int]], compact: str) -> list[tuple[int, int, int]]:
    """Two years joined by 到/至 (二〇二一年到二〇二五年) are every year between them, as
    the digits' range is."""
    out = list(found)
    for (_, e1, a), (s2, _, b) in zip(found, found[1:], strict=False):
        if a < b <= a + 30 and _BETWEEN.match(compact[e1:s2]):
            out.extend((e1, s2, y) for y in range(a + 1, b))
    return sorted(out)


def _count(written: str) -> int:
    """3, 三 or three."""
    if written.isdigit():
        return int(written)
    return NUMBER_WORDS.get(written, 0)


def _is_relative(written: str) -> bool:
    """Whether a year's text is 今年/去年/… or this/last year rather than the year itself."""
    return not any(c.isdigit() or c in _CN_DIGIT for c in written) or any(
        w in written for w, _ in _RELATIVE_ZH
    )


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _compact_span(text: Text, start: int, end: int) -> tuple[int, int]:
    """The compact span holding the original characters behind `words[start:end]`."""
    a, b = text.original_span(start, end, view="words")
    inside = [i for i, p in enumerate(text.compact_pos) if a <= p < b]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)
