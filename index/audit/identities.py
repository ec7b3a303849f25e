"""Identity findings: the report's own arithmetic (勾稽关系) as the indexer checked it.

The checks are the ones `index.checks` made when the report was read; the audit only
says them in words, with both sides' sums, so a reviewer sees what does not add up.
"""

from __future__ import annotations

from functools import cache

from ..checks import Identity, identities
from ..template import LABELS
from .model import Finding
from .subject import Subject

# rule prefix → (Chinese, English, which side is the expected one). `{name}` is the row
# or column the rule is about; expected and found are the sums of the two sides.
WORDING: dict[str, tuple[str, str, str]] = {
    "t3.row_total": (
        "表三“{name}”行：总计 {found} 件，各类申请人之和为 {expected} 件",
        "Table 3, row “{name_en}”: the total is {found}, the applicants add up to {expected}",
        "right",
    ),
    "t3.balance": (
        "表三“{name}”列：新收加上年结转为 {expected} 件，办理结果总计加结转下年度为 {found} 件",
        "Table 3, column “{name_en}”: received plus carried over is {expected}, "
        "handled plus carried forward is {found}",
        "left",
    ),
    "t3.results_total": (
        "表三“{name}”列：办理结果总计 {found} 件，各项办理结果之和为 {expected} 件",
        "Table 3, column “{name_en}”: the results total is {found}, the results add up to "
        "{expected}",
        "right",
    ),
    "t4.row_total": (
        "表四“{name}”：总计 {found} 件，维持、纠正、其他结果、尚未审结之和为 {expected} 件",
        "Table 4, “{name_en}”: the total is {found}, upheld, corrected, other and pending "
        "add up to {expected}",
        "right",
    ),
}


@cache
def _by_rule(single_other_row: bool) -> dict[str, Identity]:
    return {i.rule: i for i in identities(single_other_row)}


def identity_findings(subject: Subject) -> list[Finding]:
    out = []
    for check in subject.report.checks:
        if check.status != "fail":
            continue
        out.append(_finding(subject, check.rule, check.detail, tuple(check.cells)))
    return out


def _finding(subject: Subject, rule: str, detail: str, cells: tuple[str, ...]) -> Finding:
    identity = _by_rule((3, "other_processing") in subject.rows).get(rule)
    prefix, _, name = rule.rpartition(".")
    wording = WORDING.get(prefix)
    if identity is None or wording is None:  # a rule this module has no words for
        return Finding("identity", "error", rule, detail, detail, cells)
    left = _sum(subject, identity.left)
    right = _sum(subject, identity.right)
    expected, found = (left, right) if wording[2] == "left" else (right, left)
    table = int(prefix[1])
    zh, en = _names(table, name)
    values = {"expected": _num(expected), "found": _num(found), "name": zh, "name_en": en}
    return Finding(
        "identity",
        "error",
        rule,
        wording[0].format(**values),
        wording[1].format(**values),
        cells or tuple(identity.cells),
        expected,
        found,
    )


def _names(table: int, key: str) -> tuple[str, str]:
    if key in LABELS.rows[table]:
        row = LABELS.rows[table][key]
        return row.label, row.english
    return LABELS.columns[table][key]


def _sum(subject: Subject, keys: tuple) -> int | float | None:
    values = [subject.value(k) for k in keys]
    if any(v is None for v in values):
        return None
    total = sum(values)  # type: ignore[arg-type]
    return int(total) if float(total).is_integer() else round(total, 6)


def _num(value: int | float | None) -> str:
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
