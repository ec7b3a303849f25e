"""The national report template (TEMPLATE.md) as data.

Everything that knows a canonical key reads it from here: the table parser (which
row labels to look for and how many cells follow them), the identity checks, the
store and the question engine. A new format is a new list of `Line`s, never a new
parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
)
ORG_COLUMNS: tuple[str, ...] = APPLICANT_COLUMNS[1:6]
OUTCOME_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
PROCEEDINGS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")


@dataclass(frozen=True)
class Line:
    """One printed row of a table: the label that introduces it and the cells after it.

    `anchors` are regular expressions searched in the row's label text once it has
    been normalised (see `index.normalize.fold`); the first that matches places the
    row. `cells` are the (row, column) keys of the values that follow, in order.
    `needs_values` marks a label that is also printed as a group heading (（六）其他处理
    over its three sub-rows): it only counts as this row when numbers follow it.
    """

    row: str
    anchors: tuple[str, ...]
    cells: tuple[tuple[str, str], ...]
    needs_values: bool = False
    # the row's own words as the template prints them, for a fuzzy match when no anchor fits
    core: str = ""
    # the anchors as one pattern, made once: reading a table tries every line's anchors
    # on every label it meets
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        anchors = "|".join(f"(?:{a})" for a in self.anchors)
        object.__setattr__(self, "pattern", re.compile(anchors))


def _line(row: str, anchors: tuple[str, ...], columns: tuple[str, ...], **kw: bool) -> Line:
    label = _ROW_LABELS.get(row, "")
    core = re.sub(
        r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+\.)",
        "",
        label.split(" ")[-1],
    )
    return Line(row, anchors, tuple((row, c) for c in columns), core=core, **kw)


@dataclass(frozen=True)
class Row:
    """A row of the template with the label a report prints and names for people."""

    key: str
    label: str
    english: str


TABLE3_ROWS: tuple[Row, ...] = (
    Row("received", "一、本年新收政府信息公开申请数量", "new applications received"),
    Row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "applications carried over from last year",
    ),
    Row("granted", "（一）予以公开", "granted in full"),
    Row("partially_granted", "（二）部分公开", "partially granted"),
    Row("withheld_state_secret", "（三）不予公开 1.属于国家秘密", "withheld: state secret"),
    Row(
        "withheld_prohibited_by_law",
        "（三）不予公开 2.其他法律行政法规禁止公开",
        "withheld: prohibited by other laws",
    ),
    Row(
        "withheld_security_stability",
        "（三）不予公开 3.危及“三安全一稳定”",
        "withheld: endangers security or stability",
    ),
    Row(
        "withheld_third_party",
        "（三）不予公开 4.保护第三方合法权益",
        "withheld: third-party rights",
    ),
    Row(
        "withheld_internal_affairs",
        "（三）不予公开 5.属于三类内部事务信息",
        "withheld: internal affairs",
    ),
    Row(
        "withheld_process_info",
        "（三）不予公开 6.属于四类过程性信息",
        "withheld: process information",
    ),
    Row(
        "withheld_enforcement_file",
        "（三）不予公开 7.属于行政执法案卷",
        "withheld: enforcement case file",
    ),
    Row(
        "withheld_query_matter",
        "（三）不予公开 8.属于行政查询事项",
        "withheld: administrative query matter",
    ),
    Row(
        "unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息", "unavailable: not held"
    ),
    Row(
        "unavailable_needs_creation",
        "（四）无法提供 2.没有现成信息需要另行制作",
        "unavailable: would need to be created",
    ),
    Row(
        "unavailable_unclear",
        "（四）无法提供 3.补正后申请内容仍不明确",
        "unavailable: still unclear after correction",
    ),
    Row(
        "not_processed_petition",
        "（五）不予处理 1.信访举报投诉类申请",
        "not processed: petitions and complaints",
    ),
    Row(
        "not_processed_duplicate",
        "（五）不予处理 2.重复申请",
        "not processed: duplicate applications",
    ),
    Row(
        "not_processed_publication",
        "（五）不予处理 3.要求提供公开出版物",
        "not processed: asks for publications",
    ),
    Row(
        "not_processed_excessive",
        "（五）不予处理 4.无正当理由大量反复申请",
        "not processed: excessive repeated applications",
    ),
    Row(
        "not_processed_confirmation",
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
        "not processed: asks to confirm or reissue information",
    ),
    Row(
        "other_no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正",
        "other: applicant did not complete the application",
    ),
    Row(
        "other_unpaid_fee",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用",
        "other: fee not paid",
    ),
    Row("other_misc", "（六）其他处理 3.其他", "other: miscellaneous"),
    Row("other_processing", "（六）其他处理", "other handling"),
    Row("results_total", "（七）总计", "total handled"),
    Row("carried_forward", "四、结转下年度继续办理", "carried forward to next year"),
)

TABLE3_RESULT_ROWS_2021: tuple[str, ...] = tuple(
    r.key for r in TABLE3_ROWS[2:23]
)  # granted .. other_misc
TABLE3_RESULT_ROWS_SINGLE_OTHER: tuple[str, ...] = TABLE3_RESULT_ROWS_2021[:-3] + (
    "other_processing",
)

TABLE3_COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "natural_person": ("自然人", "natural persons"),
    "commercial": ("商业企业", "commercial enterprises"),
    "research": ("科研机构", "research institutions"),
    "social_welfare": ("社会公益组织", "public-interest organisations"),
    "legal_service": ("法律服务机构", "legal service providers"),
    "other_org": ("其他组织", "other organisations"),
    "total": ("总计", "total"),
}

TABLE4_ROWS: tuple[Row, ...] = (
    Row("review", "行政复议", "administrative reviews"),
    Row("litigation_direct", "行政诉讼（未经复议直接起诉）", "lawsuits filed directly"),
    Row("litigation_after_review", "行政诉讼（复议后起诉）", "lawsuits filed after review"),
)
TABLE4_COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "upheld": ("结果维持", "upheld"),
    "corrected": ("结果纠正", "corrected"),
    "other": ("其他结果", "other outcome"),
    "pending": ("尚未审结", "pending"),
    "total": ("总计", "total"),
}

TABLE2_ROWS: tuple[Row, ...] = (
    Row("regulations", "规章", "regulations"),
    Row("normative_documents", "行政规范性文件", "normative documents"),
    Row("licensing", "行政许可", "administrative licensing"),
    Row("other_services", "其他对外管理服务事项", "other public management services"),
    Row("penalty", "行政处罚", "administrative penalties"),
    Row("coercion", "行政强制", "administrative coercion"),
    Row("fees", "行政事业性收费", "administrative fees"),
    Row("procurement", "政府集中采购", "centralised government procurement"),
)
TABLE2_COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "issued": ("本年制发件数", "issued this year"),
    "repealed": ("本年废止件数", "repealed this year"),
    "in_force": ("现行有效件数", "in force"),
    "decisions": ("本年处理决定数量", "decisions"),
    "amount": ("金额（万元）", "amount (10,000 yuan)"),
    "made": ("本年新制作数量", "made this year"),
    "published": ("本年新公开数量", "published this year"),
    "public_total": ("对外公开总数量", "total published"),
    "items_last_year": ("上一年项目数量", "items last year"),
    "items_change": ("本年增/减", "change this year"),
    "items": ("采购项目数量", "procurement items"),
}

_ROW_LABELS = {r.key: r.label for r in (*TABLE2_ROWS, *TABLE3_ROWS, *TABLE4_ROWS)}
_T3 = APPLICANT_COLUMNS
TABLE3_LINES: tuple[Line, ...] = (
    _line("received", (r"本年新收", r"新收.{0,6}申请"), _T3),
    _line("carried_over", (r"上一?年度?结转",), _T3),
    _line("granted", (r"予以公开",), _T3),
    _line("partially_granted", (r"部分公开",), _T3),
    _line("withheld_state_secret", (r"国家秘密",), _T3),
    _line("withheld_prohibited_by_law", (r"其他法律", r"禁止公开", r"法律行政.{0,3}公开"), _T3),
    _line("withheld_security_stability", (r"三安全", r"一稳定", r"危及"), _T3),
    _line("withheld_third_party", (r"第三方",), _T3),
    _line("withheld_internal_affairs", (r"内部事务",), _T3),
    _line("withheld_process_info", (r"过程性",), _T3),
    _line("withheld_enforcement_file", (r"执法案卷",), _T3),
    _line("withheld_query_matter", (r"查询事项",), _T3),
    _line("unavailable_not_held", (r"不掌握",), _T3),
    _line("unavailable_needs_creation", (r"另行制作", r"没有现成"), _T3),
    _line("unavailable_unclear", (r"仍不明确", r"补正后"), _T3),
    _line("not_processed_petition", (r"信访", r"举报投诉"), _T3),
    _line("not_processed_duplicate", (r"重复申请",), _T3),
    _line("not_processed_publication", (r"出版物",), _T3),
    _line("not_processed_excessive", (r"大量反复", r"无正当理由大量"), _T3),
    _line("not_processed_confirmation", (r"重新出具", r"确认或重新"), _T3),
    _line("other_processing", (r"其他处理",), _T3, needs_values=True),
    _line("other_no_correction", (r"逾期不补", r"不补正"), _T3),
    _line("other_unpaid_fee", (r"收费通知", r"逾期未按", r"缴纳费用"), _T3),
    _line("other_misc", (r"3[.、]?其他(?!法律|处理)", r"^其他$"), _T3),
    _line("results_total", (r"七\)?总计", r"^总计$"), _T3),
    _line("carried_forward", (r"结转.{0,2}下一?年", r"下一?年度继续"), _T3),
)

TABLE4_LINES: tuple[Line, ...] = (
    Line(
        "proceedings",
        (r"复议", r"诉讼"),
        tuple((row, col) for row in PROCEEDINGS for col in OUTCOME_COLUMNS),
    ),
)

TABLE2_LINES_2021: tuple[Line, ...] = (
    _line("regulations", (r"规章",), ("issued", "repealed", "in_force")),
    _line("normative_documents", (r"规范性文件",), ("issued", "repealed", "in_force")),
    _line("licensing", (r"行政许可",), ("decisions",)),
    _line("penalty", (r"行政处罚",), ("decisions",)),
    _line("coercion", (r"行政强制",), ("decisions",)),
    _line("fees", (r"事业性收费", r"行政.{0,2}收费"), ("amount",)),
)

_ITEMS = ("items_last_year", "items_change", "decisions")
TABLE2_LINES_2019: tuple[Line, ...] = (
    _line("regulations", (r"规章",), ("made", "published", "public_total")),
    _line("normative_documents", (r"规范性文件",), ("made", "published", "public_total")),
    _line("licensing", (r"行政许可",), _ITEMS),
    _line("other_services", (r"其他对外管理", r"管理服务事项"), _ITEMS),
    _line("penalty", (r"行政处罚",), _ITEMS),
    _line("coercion", (r"行政强制",), _ITEMS),
    _line("fees", (r"事业性收费", r"行政.{0,2}收费"), ("items_last_year", "items_change")),
    _line("procurement", (r"集中采购", r"政府采购"), ("items", "amount")),
)

# How a table's header names each column, searched in a header cell's squeezed text
# (`index.header`): a grid's cells are placed by the column their header names, not by
# their order in the row. Table 4's outcomes repeat under each of its three proceedings.
HEADER_ANCHORS: dict[int, tuple[tuple[str, str], ...]] = {
    3: (
        ("natural_person", r"^自然人$"),
        ("commercial", r"^商业"),
        ("research", r"^科研"),
        ("social_welfare", r"^社会公益"),
        ("legal_service", r"^法律服务"),
        ("other_org", r"^其他(?:组织)?$"),
        ("total", r"^[总合]计$"),
    ),
    4: (
        ("upheld", r"^(?:结果)?维持$"),
        ("corrected", r"^(?:结果)?纠正$"),
        ("other", r"^其他(?:结果)?$"),
        ("pending", r"^尚未(?:审结)?$"),
        ("total", r"^[总合]计$"),
    ),
    2: (
        ("issued", r"制发"),
        ("repealed", r"废止"),
        ("in_force", r"现行有效"),
        ("made", r"新制作"),
        ("published", r"新公开"),
        ("public_total", r"对外公开总"),
        ("items_last_year", r"上一?年.{0,2}项目"),
        ("items_change", r"增/?减"),
        ("decisions", r"处理决定"),
        ("items", r"采购项目数"),
        ("amount", r"金额"),
    ),
}
# Header words that, printed between a row's numbers, show labels and numbers were
# extracted column by column (plain `pdftotext`): the numbers' order then says nothing.
INTERLEAVED_HEADERS: dict[int, str] = {
    2: r"件数|决定数量|金额|第二十条",
    3: r"自然人|商业企业|科研机构|社会公益|法律服务机构",
    4: r"维持|纠正|审结|复议|诉讼|总计",
}
# Where one of table 2's small tables starts: rows named on either side are not printed
# together.
SUBTABLE_START = r"第二十条|信息内容"
# A header block is of the table whose marker it holds (table 2 headers start 信息内容).
HEADER_MARKERS: dict[int, str] = {3: r"^自然人$|^商业|^科研", 4: r"维持$|纠正$", 2: r"^信息内容$"}


TABLE2_2019_MARKERS: tuple[str, ...] = (
    "新制作",
    "新公开数量",
    "对外公开总数",
    "上一年项目",
    "集中采购",
)


@dataclass
class Labels:
    """Printed labels and English names of every row and column, by table."""

    rows: dict[int, dict[str, Row]] = field(default_factory=dict)
    columns: dict[int, dict[str, tuple[str, str]]] = field(default_factory=dict)


LABELS = Labels(
    rows={
        2: {r.key: r for r in TABLE2_ROWS},
        3: {r.key: r for r in TABLE3_ROWS},
        4: {r.key: r for r in TABLE4_ROWS},
    },
    columns={2: TABLE2_COLUMN_LABELS, 3: TABLE3_COLUMN_LABELS, 4: TABLE4_COLUMN_LABELS},
)


def cells_named(table: int, cells: tuple[tuple[str, str], ...]) -> str:
    """Cells as warnings name them: `3.granted.{natural_person,…,total}`."""
    rows: dict[str, list[str]] = {}
    for row, column in cells:
        rows.setdefault(row, []).append(column)
    return ", ".join(f"{table}.{row}.{{{','.join(cols)}}}" for row, cols in rows.items())


def row_label(table: int, row: str) -> str:
    """The label a report prints for `row` (the canonical one when the report's is unknown)."""
    return LABELS.rows[table][row].label


def column_label(table: int, column: str) -> str:
    return LABELS.columns[table][column][0]
