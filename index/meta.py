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
_AGENCY_PUNCT = re.compile(r"[。；;！？!?]")


def find_title(text: str) -> tuple[str, int]:
    """The title (joined over its lines) and the index of the line that ends it."""
    lines = [ln.strip() for ln in text.splitlines()]
    for i, line in enumerate(lines[:80]):
        folded = fold(line)
        m = _REPORT_WORDS.search(folded)
        if not m or m.start() > 60 or _BREADCRUMB.search(folded):
            continue
        title = _PREFIX.sub("", line[: m.end()]).strip()
        head = _YEAR.sub("", fold(title)[: m.start()]).strip()
        if not head:
            previous = _previous_line(lines, i)
            if previous:
                title = f"{previous}{title}"
        return re.sub(r"\s+", "", title), i
    return "", -1


def _previous_line(lines: list[str], i: int) -> str:
    for line in reversed(lines[max(0, i - 3) : i]):
        if line:
            ok = len(line) <= 40 and not _AGENCY_PUNCT.search(line)
            return line if ok else ""
    return ""


def agency_and_year(title: str, text: str) -> tuple[str | None, int | None]:
    folded = fold(title)
    m = _REPORT_WORDS.search(folded)
    head = folded[: m.start()] if m else folded
    year_m = _YEAR.search(head)
    year = int(year_m.group(1)) if year_m else None
    agency = _YEAR.sub("", head) if year_m else head
    agency = _AGENCY_TRIM.sub("", agency.replace("关于", "", 1)) or None
    if year is None:
        period = _PERIOD.search(fold(text))
        year = int(period.group(1)) if period else None
    return agency, year
