"""The report's title, agency and the year it covers.

The title names both (`渠县司法局 2024年政府信息公开工作年度报告`, sometimes over two
lines, sometimes year first: `2019年上海市人民政府办公厅政府信息公开工作年度报告`).
The year is the year the report covers: a signing date at the end (2025年1月2日) is
never taken; when the title has no year, the statistics period says it.
"""

from __future__ import annotations

import re

from .normalize import fold

_REPORT_WORDS = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告")
_BREADCRUMB = re.compile(r">|当前位置|您的位置|首页")
_PREFIX = re.compile(r"^\s*(?:标题|题目|名称)\s*[:：]\s*")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*度?")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?(?:至|到|—|-|～|~)")
_AGENCY_TRIM = re.compile(r"^[\s:：,，、]+|[\s:：,，、（(]+$")
_AGENCY_PUNCT = re.compile(r"[。；;！？!?，,]")
_SENTENCE = re.compile(r"[，,。《》]")
_SENTENCE_START = re.compile(r"^(?:根据|依据|按照|本报告|本年度报告|现将|为)")
_CN_DIGITS = "〇一二三四五六七八九零"
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})\s*年")
_LEADING_DATE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")


def find_title(text: str) -> str:
    """The report's title, joined over the lines it is printed on; "" when there is none."""
    lines = [_squeeze_spaces(ln) for ln in text.splitlines()[:120]]
    for i, line in enumerate(lines[:80]):
        candidate = line
        m = _REPORT_WORDS.search(fold(candidate))
        if not m and i + 1 < len(lines) and lines[i + 1]:
            candidate = line + lines[i + 1]  # broken after 工作: `…工作` / `年度报告`
            m = _REPORT_WORDS.search(fold(candidate))
            if m and m.start() >= len(line):
                m = None
        if not m or m.start() > 60 or _not_a_title(fold(candidate[: m.start()])):
            continue
        title = _PREFIX.sub("", candidate[: m.end()]).strip()
        for previous in _previous_lines(lines, i):
            if _agency_part(title):
                break
            title = previous + title
        return title
    return ""


def _squeeze_spaces(line: str) -> str:
    """`2 0 2 3 年 政 府 信 息` (letter-spaced PDF titles) and `XX局 2024 年`: no spaces."""
    return "".join(line.split())


def _not_a_title(head: str) -> bool:
    return bool(_BREADCRUMB.search(head) or _SENTENCE.search(head) or _SENTENCE_START.match(head))


def _previous_lines(lines: list[str], i: int) -> list[str]:
    """Up to two short lines above the title line, nearest first (agency over year over title)."""
    out = []
    for line in reversed(lines[max(0, i - 4) : i]):
        if not line:
            continue
        if len(line) > 40 or _AGENCY_PUNCT.search(line) or _not_a_title(fold(line)):
            break
        out.append(line)
        if len(out) == 2:
            break
    return out


def _agency_part(title: str) -> str:
    head = _head(fold(title))
    return _clean_agency(_YEAR.sub("", _chinese_year(head)))


def _head(folded: str) -> str:
    m = _REPORT_WORDS.search(folded)
    return folded[: m.start()] if m else folded


def _chinese_year(text: str) -> str:
    """二〇二三年 → 2023年."""
    return _CN_YEAR.sub(
        lambda m: "".join(str(_CN_DIGITS.index(c) % 10) for c in m.group(1)) + "年", text
    )


def _clean_agency(text: str) -> str:
    text = _LEADING_DATE.sub("", text)
    text = re.sub(r"关于(?:印发|公布|发布)?|(?:印发|公布|发布)$", "", text)
    return _AGENCY_TRIM.sub("", text)


def agency_and_year(title: str, text: str) -> tuple[str | None, int | None]:
    head = _chinese_year(_head(fold(title)))
    year_m = _YEAR.search(head)
    year = int(year_m.group(1)) if year_m else None
    agency = _clean_agency(_YEAR.sub("", head)) or None
    if year is None:
        period = _PERIOD.search(_chinese_year(fold(text)))
        year = int(period.group(1)) if period else None
    return agency, year
