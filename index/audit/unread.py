"""Unread findings: cells the parser left without a value, and why.

The parser never guesses a number: where it cannot tell one, the cell stays empty and a
warning names it (`3.granted.{natural_person,…}`) and says why. Each such warning that
still names a cell without a value becomes one finding, with the reason in words.
"""

from __future__ import annotations

import re

from .model import Finding
from .readings import row_cells
from .subject import Subject

_CELLS = re.compile(r"(?<![\w.])([234])\.([a-z_]+)(?:\.(\{[a-z_,]+\}|[a-z_]+))?")

# (pattern in the parser's warning, rule, Chinese reason, English reason); the first
# that matches says why. `{0}` is the pattern's first group.
REASONS: tuple[tuple[str, str, str, str], ...] = (
    (
        r"splits into cells in (\d+) ways",
        "unread.runs",
        "数字连在一起（单元格分隔丢失），有 {0} 种拆分方式，无法确定",
        "digits printed together without cell separators split in {0} ways",
    ),
    (
        r"cannot be told apart",
        "unread.count",
        "数字个数与单元格数不符，无法对应",
        "the numbers printed do not match the cells",
    ),
    (
        r"without numbers|no numbers found",
        "unread.no_numbers",
        "没有找到该行的数字",
        "no numbers found for the row",
    ),
    (
        r"too large|cannot be negative",
        "unread.implausible",
        "印出的数值不可能是报告的本意",
        "the printed value cannot be what the report means",
    ),
)
_OTHER = (
    "unread.placement",
    "无法确定数字属于哪一行",
    "which numbers belong to which row cannot be told",
)


def unread_findings(subject: Subject) -> list[Finding]:
    out = []
    for warning in subject.report.warnings:
        cells = [c for c in _named(subject, warning) if _unread(subject, c)]
        if not cells:
            continue
        rule, zh, en = _reason(warning)
        out.append(
            Finding(
                "unread",
                "info",
                rule,
                f"{len(cells)} 个单元格没有读出数值（{zh}）：{', '.join(cells)}",
                f"{len(cells)} cells left without a value ({en}): {', '.join(cells)}",
                tuple(cells),
            )
        )
    return out


def _named(subject: Subject, warning: str) -> list[str]:
    """The cells a warning names, braces expanded and rows named alone (`3.other_misc`)
    made into their cells, in order."""
    rows = row_cells(subject.report.format)
    out: list[str] = []
    for table, row, columns in _CELLS.findall(warning):
        if columns:
            out.extend(f"{table}.{row}.{c}" for c in columns.strip("{}").split(","))
        else:
            out.extend(f"{t}.{r}.{c}" for t, r, c in rows.get((int(table), row), []))
    return list(dict.fromkeys(out))


def _unread(subject: Subject, name: str) -> bool:
    table, row, column = name.split(".")
    return subject.value((int(table), row, column)) is None


def _reason(warning: str) -> tuple[str, str, str]:
    for pattern, rule, zh, en in REASONS:
        m = re.search(pattern, warning)
        if m:
            return rule, zh.format(*m.groups()), en.format(*m.groups())
    return _OTHER
