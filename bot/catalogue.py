"""Everything a person can ask about, as data: measures, groups of them, and rates.

Every figure a person can ask for is a `Measure`: one or more rows of a template
table (the 8 rows of 不予公开 are one measure, and so is each of them), named in
Chinese and English from `index.template`. A rate (予以公开率, 复议纠错率) is a `Rate`:
a numerator and a denominator made of measures, with the reason the denominator is
the one it is. The words people use for each live in `bot.lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.template import (
    LABELS,
    ORG_COLUMNS,
    TABLE2_LINES_2019,
    TABLE2_LINES_2021,
    TABLE3_RESULT_ROWS_2021,
    TABLE3_RESULT_ROWS_SINGLE_OTHER,
)


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
        Measure(
            "disclosed",
            3,
            (("granted", "partially_granted"),),
            "予以公开和部分公开",
            "granted in full or in part",
        ),
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
        Measure(
            "results_items",
            3,
            # the rows （七）总计 should add up (index.checks' t3.results_total), in either form
            (TABLE3_RESULT_ROWS_2021, TABLE3_RESULT_ROWS_SINGLE_OTHER),
            "各项办理结果之和",
            "the results row by row, added up",
        ),
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

# The columns a table-2 row has, in either format: a column asked of a row that has no
# such column (行政许可 本年制发) is not that row's figure.
TABLE2_COLUMNS: dict[str, frozenset[str]] = {}
for _line in (*TABLE2_LINES_2021, *TABLE2_LINES_2019):
    TABLE2_COLUMNS[_line.row] = TABLE2_COLUMNS.get(_line.row, frozenset()) | {
        c for _, c in _line.cells
    }

# Measures that are the sum of others a person may also ask for one by one.
GROUPS: dict[str, tuple[str, ...]] = {"disclosed": ("granted", "partially_granted")}

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


Term = tuple[str, str]  # (measure key, column): one figure of one report

CONCLUDED = ("upheld", "corrected", "other")  # decided cases; pending ones have no outcome yet


@dataclass(frozen=True)
class Formula:
    """A ratio no report prints: numerator / denominator, each a sum of figures of one
    report, and why the denominator is that one. Neither side is ever taken from a blank
    cell, and 0/0 is no rate: the answer says so."""

    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...]
    why_zh: str
    why_en: str


# Results of table 3: their share is of everything handled this year, （七）总计.
RESULT_MEASURES = frozenset(
    k
    for k, m in MEASURES.items()
    if m.table == 3 and k not in ("received", "carried_over", "results_total", "carried_forward")
)
_TO_HANDLE = (("received", "total"), ("carried_over", "total"))


def formula(measure: Measure, column: str, *, within: bool = False) -> Formula | None:
    """The rate of `measure` (in `column`) people mean: what it is a share of.

    The rules are those of the national statistics people quote: shares of applicants
    out of all applications received, results out of the results total, the results
    total out of everything there was to handle, outcomes of reviews and lawsuits out of
    those decided. None when a share of the measure means nothing (行政许可率).
    """
    key = measure.key
    if within and key in RESULT_MEASURES and column != "total":
        # 科研机构的予以公开率: the rate among that applicant's requests, not its share
        return Formula(
            ((key, column),),
            (("results_total", column),),
            "分母为该类申请人的办理结果总计",
            "out of that applicant's applications handled this year",
        )
    if measure.table == 3 and column != "total":
        return Formula(
            ((key, column),),
            ((key, "total"),),
            f"分母为{measure.zh}的总计（全部申请人）",
            f"out of {measure.en} from all applicants",
        )
    if key in RESULT_MEASURES:
        return Formula(
            ((key, "total"),),
            (("results_total", "total"),),
            "分母为本年度办理结果总计（已办结的申请）",
            "out of all applications handled this year (the results total)",
        )
    if key in ("results_total", "carried_forward"):
        return Formula(
            ((key, "total"),),
            _TO_HANDLE,
            "分母为本年新收与上年结转之和（本年应办理的全部申请）",
            "out of everything there was to handle: new applications plus those carried over",
        )
    if measure.table == 4 and column in CONCLUDED:
        return Formula(
            ((key, column),),
            tuple((key, c) for c in CONCLUDED),
            "分母为已审结的案件（结果维持、纠正、其他），尚未审结的不计",
            "out of the cases decided (upheld, corrected, other); pending ones have no outcome yet",
        )
    if measure.table == 4 and column == "pending":
        # 尚未审结的占多少: the cases still open out of all of them
        return Formula(
            ((key, column),),
            ((key, "total"),),
            f"分母为{measure.zh}的总计（含尚未审结的）",
            f"out of all {measure.en} cases, the pending ones included",
        )
    return None


# The names people give the common rates, by (measure, column).
RATE_NAMES: dict[Term, tuple[str, str]] = {
    ("granted", "total"): ("予以公开率", "share granted in full"),
    ("disclosed", "total"): ("实质公开率", "share granted in full or in part"),
    ("withheld", "total"): ("不予公开率", "share withheld"),
    ("results_total", "total"): ("办结率", "completion rate"),
    ("review", "corrected"): ("复议纠错率", "share of reviews corrected"),
    ("review", "upheld"): ("复议维持率", "share of reviews upheld"),
    ("litigation", "corrected"): ("行政诉讼败诉率", "share of lawsuits lost"),
    ("litigation_direct", "corrected"): ("直接起诉败诉率", "share of direct lawsuits lost"),
    ("litigation_after_review", "corrected"): (
        "复议后起诉败诉率",
        "share of lawsuits after review lost",
    ),
}

# Below this many cases in the denominator a rate says little: the answer says so.
SMALL_DENOMINATOR = 30
