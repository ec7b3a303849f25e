"""Everything a person can ask about, as data: measures, groups of them, and rates.

Every figure a person can ask for is a `Measure`: one or more rows of a template
table (the 8 rows of 不予公开 are one measure, and so is each of them), named in
Chinese and English from `index.template`. A rate (予以公开率, 复议纠错率) is a `Rate`:
a numerator and a denominator made of measures, with the reason the denominator is
the one it is. The words people use for each live in `bot.lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.template import LABELS, ORG_COLUMNS


@dataclass(frozen=True)
class Measure:
    """Rows of one table that together make the figure a person asks for.

    `row_sets` are alternatives: the first whose rows the report prints is used
    (（六）其他处理 is three rows in most reports and one in older ones).
    """

    key: str
    table: int
    row_sets: tuple[tuple[str, ...], ...]
    zh: str
    en: str
    parent: str | None = None

    @property
    def rows(self) -> tuple[str, ...]:
        return self.row_sets[0]


def _row(table: int, key: str, zh: str | None = None, parent: str | None = None) -> Measure:
    r = LABELS.rows[table][key]
    return Measure(key, table, ((key,),), zh or r.label, r.english, parent)


_T3 = LABELS.rows[3]
_WITHHELD = tuple(k for k in _T3 if k.startswith("withheld_"))
_UNAVAILABLE = tuple(k for k in _T3 if k.startswith("unavailable_"))
_NOT_PROCESSED = tuple(k for k in _T3 if k.startswith("not_processed_"))
_OTHER3 = ("other_no_correction", "other_unpaid_fee", "other_misc")


def _sub(key: str, zh: str, parent: str) -> Measure:
    return Measure(key, 3, ((key,),), zh, _T3[key].english, parent)


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        _row(3, "received", "本年新收政府信息公开申请数量"),
        _row(3, "carried_over", "上年结转政府信息公开申请数量"),
        _row(3, "granted", "予以公开"),
        _row(3, "partially_granted", "部分公开"),
        Measure("withheld", 3, (_WITHHELD,), "不予公开", "withheld (refused)"),
        *(_sub(k, f"不予公开（{_T3[k].label.split(' ')[1][2:]}）", "withheld") for k in _WITHHELD),
        Measure("unavailable", 3, (_UNAVAILABLE,), "无法提供", "could not be provided"),
        *(
            _sub(k, f"无法提供（{_T3[k].label.split(' ')[1][2:]}）", "unavailable")
            for k in _UNAVAILABLE
        ),
        Measure("not_processed", 3, (_NOT_PROCESSED,), "不予处理", "not processed"),
        *(
            _sub(k, f"不予处理（{_T3[k].label.split(' ')[1][2:]}）", "not_processed")
            for k in _NOT_PROCESSED
        ),
        Measure("other", 3, (_OTHER3, ("other_processing",)), "其他处理", "other handling"),
        *(_sub(k, f"其他处理（{_T3[k].label.split(' ')[1][2:]}）", "other") for k in _OTHER3),
        _row(3, "results_total", "办理结果总计"),
        _row(3, "carried_forward", "结转下年度继续办理"),
        _row(4, "review", "行政复议"),
        Measure(
            "litigation",
            4,
            (("litigation_direct", "litigation_after_review"),),
            "行政诉讼",
            "lawsuits",
        ),
        _row(4, "litigation_direct", "行政诉讼（未经复议直接起诉）", "litigation"),
        _row(4, "litigation_after_review", "行政诉讼（复议后起诉）", "litigation"),
        _row(2, "regulations", "规章"),
        _row(2, "normative_documents", "行政规范性文件"),
        _row(2, "licensing", "行政许可"),
        _row(2, "other_services", "其他对外管理服务事项"),
        _row(2, "penalty", "行政处罚"),
        _row(2, "coercion", "行政强制"),
        _row(2, "fees", "行政事业性收费"),
        _row(2, "procurement", "政府集中采购"),
    )
}

# The figures a report card shows, in order.
CARD_MEASURES: tuple[str, ...] = (
    "received",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld",
    "unavailable",
    "not_processed",
    "other",
    "results_total",
    "carried_forward",
    "review",
    "litigation",
)
CARD_TABLE2: tuple[str, ...] = (
    "regulations",
    "normative_documents",
    "licensing",
    "penalty",
    "coercion",
    "fees",
)

# Applicant columns of table 3: one column, or the five 法人或其他组织 columns summed.
APPLICANT_GROUPS: dict[str, tuple[str, ...]] = {
    **{c: (c,) for c in LABELS.columns[3]},
    "org": ORG_COLUMNS,
}
APPLICANT_NAMES: dict[str, tuple[str, str]] = {
    **LABELS.columns[3],
    "org": ("法人或其他组织", "legal persons and other organisations"),
}
