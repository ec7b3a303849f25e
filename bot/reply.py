"""How answers are worded, in Chinese and in English.

Only wording lives here: which figures to say is decided in `bot.intents`. Every
number a reply prints comes from the index through the caller; this module formats
it and never computes one.
"""

from __future__ import annotations

from index.template import LABELS

from .catalogue import APPLICANT_NAMES, MEASURES, RATE_NAMES, Formula, Measure, Term
from .figures import Resolved, column_label, row_label
from .queries import Cell, ReportRow

TABLE_TITLES = {
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
}
SECTION_TITLES_EN = {
    0: "preamble",
    1: "overall situation",
    2: "proactive disclosure",
    3: "applications received and handled",
    4: "administrative review and litigation",
    5: "main problems and improvements",
    6: "other matters",
}
CN_NUMERALS = "〇一二三四五六七八九十"

EXAMPLES_ZH = (
    "伊川县司法局去年收到多少申请？",
    "淮安市政府2024年行政复议被纠正几件？",
    "伊川县司法局2024年报告",
    "哪个司法局收到的申请最多？",
    "2024年所有机关一共收到多少申请？",
    "伊川县司法局历年不予公开多少件？",
    "伊川县司法局存在哪些问题？",
    "有哪些机关？",
)
EXAMPLES_EN = (
    "how many applications did 伊川县司法局 receive in 2024?",
    "how many applications did 淮安市人民政府 refuse?",
    "report card for 重庆市綦江区司法局",
    "rank agencies by 行政复议",
    "total applications received by all agencies in 2024",
    "what problems does 伊川县司法局 report?",
    "which agencies are indexed?",
)


def t(language: str, zh: str, en: str) -> str:
    return zh if language == "zh" else en


def blank_difference(language: str, which: str) -> str:
    """Why no difference is given: a blank cell is not a zero (`which`: 一份 / 一年的)."""
    return t(
        language,
        f"其中{which}报告没有这项数字（空白不等于 0），无法计算差额。",
        "One of the reports leaves this figure blank (a blank is not a zero): no difference can be given.",
    )


def num(value: float | int | None, language: str = "zh") -> str:
    """A number as the report prints it: counts without decimals, 万元 with theirs."""
    if value is None:
        return t(language, "（未填写）", "(blank)")
    if isinstance(value, float) and not value.is_integer():
        return (
            f"{value:,.6f}".rstrip("0").rstrip(".")
            if language == "en"
            else f"{value:.6f}".rstrip("0").rstrip(".")
        )
    return f"{int(value):,}" if language == "en" else str(int(value))


def unit(measure: Measure, column: str, language: str) -> str:
    if column == "amount" or (
        measure.key == "fees" and column not in ("items_last_year", "items_change")
    ):
        return t(language, " 万元", " (万元, 10,000 yuan)")
    if column in ("items", "items_last_year", "items_change"):
        return t(language, " 项", " items")
    return t(language, " 件", "")


def amount(value: float | int | None, measure: Measure, column: str, language: str) -> str:
    if value is None:
        return num(None, language)
    return num(value, language) + unit(measure, column, language)


def percent(value: float | None, language: str) -> str:
    """A rate as a percentage with two decimals (0.44656 → 44.66%); no rate as such."""
    if value is None:
        return t(language, "（无法计算）", "(none)")
    return f"{value * 100:.2f}%"


def rate_name(measure: Measure, column: str, language: str) -> str:
    """予以公开率 / share granted in full: the common name, or the share of the measure."""
    named = RATE_NAMES.get((measure.key, column))
    if named:
        return named[0] if language == "zh" else named[1]
    what = measure_name(measure, column, language)
    return t(language, f"{what}占比", f"share of {what}")


def terms_text(terms: tuple[Term, ...], language: str) -> str:
    """予以公开 + 部分公开: the figures one side of a rate adds up."""
    return " + ".join(measure_name(MEASURES[key], column, language) for key, column in terms)


def formula_text(f: Formula, language: str) -> str:
    """How a rate is worked out, in words, and why its denominator is that one."""
    num, den = terms_text(f.numerator, language), terms_text(f.denominator, language)
    return t(
        language,
        f"计算方法：{num} ÷ {den}（{f.why_zh}）。",
        f"Worked out as {num} ÷ {den} ({f.why_en}).",
    )


def title_of(report: ReportRow) -> str:
    """The report's title as printed; where it prints its agency's place with a slip
    (沐阳县 for 沭阳县) that the index corrected, the slip is marked so the correction is
    never silent: 沐阳县人民政府〔sic，即沭阳县人民政府〕2025年…"""
    title = report.title or f"{report.agency}{report.year}年政府信息公开工作年度报告"
    printed = report.printed
    if printed and printed != report.agency and printed in title and report.agency not in title:
        title = title.replace(printed, f"{printed}〔sic，即{report.agency}〕", 1)
    return title


def measure_name(measure: Measure, column: str, language: str) -> str:
    """新收政府信息公开申请数量（自然人） / new applications received (natural persons)."""
    name = measure.zh if language == "zh" else measure.en
    if measure.table == 3:
        col = APPLICANT_NAMES[column][0 if language == "zh" else 1]
    else:
        col = column_label(measure.table, column, language)
    if measure.table == 2 and column in ("decisions", "amount") and measure.key != "procurement":
        return name
    return f"{name}（{col}）" if language == "zh" else f"{name} ({col})"


def read_as(name: str, how: str, language: str) -> str:
    """A note when the agency was read from a short form or a typo."""
    if how in ("typo", "place"):
        return t(language, f"（按“{name}”理解）", f" (read as {name})")
    if how == "only":
        return t(
            language,
            f"（按“{name}”理解：已收录的这类机关只有它）",
            f" (read as {name}: the only such agency indexed)",
        )
    if how == "year":
        return t(
            language,
            f"（按“{name}”理解：同名的机关中只有它有所问年份的报告）",
            f" (read as {name}: of the agencies of that name, the only one with a report of that year)",
        )
    return ""


def year_note(default_year: bool, language: str) -> str:
    return (
        t(language, "（未指定年份，取最新一期报告）", " (no year given: latest report)")
        if default_year
        else ""
    )


def citation(report: ReportRow, resolved: Resolved, language: str) -> str:
    """Report title, table, and the row and column labels as printed."""
    measure = resolved.selection.measure
    table = measure.table
    rows = []
    for _, row, _ in resolved.cells:
        if row not in rows:
            rows.append(row)
    labels = [row_label(table, r, _printed(report, table, r)) for r in rows]
    cols = []
    for _, _, c in resolved.cells:
        if c not in cols:
            cols.append(c)
    col_labels = [LABELS.columns[table][c][0] for c in cols]
    if language == "zh":
        row_text = "、".join(f"“{lab}”" for lab in labels)
        col_text = "、".join(f"“{c}”" for c in col_labels)
        return (
            f"来源：《{title_of(report)}》“{TABLE_TITLES[table]}”表，{row_text}行，{col_text}列。"
        )
    row_text = ", ".join(f"“{lab}”" for lab in labels)
    col_text = ", ".join(
        f"“{c}” ({LABELS.columns[table][k][1]})" for c, k in zip(col_labels, cols, strict=True)
    )
    return f"Source: “{title_of(report)}”, table “{TABLE_TITLES[table]}”, row{'s' if len(labels) > 1 else ''} {row_text}, column{'s' if len(cols) > 1 else ''} {col_text}."


def row_label_of(report: ReportRow, table: int, row: str) -> str:
    return row_label(table, row, _printed(report, table, row))


def _printed(report: ReportRow, table: int, row: str) -> str | None:
    for (t_, r, _), fig in report.figures.items():
        if t_ == table and r == row and fig.label:
            return fig.label
    return None


def cell_name(cell: Cell, report: ReportRow, language: str) -> str:
    table, row, column = cell
    label = row_label_of(report, table, row)
    col = LABELS.columns[table][column][0 if language == "zh" else 1]
    return f"{label}／{col}" if language == "zh" else f"{label} / {col}"


# A failed identity's sentence, by `t<table>.<kind>`; `{row}` is the row's label,
# `{zh}` and `{en}` the column's names.
_RULE_TEXTS: dict[str, tuple[str, str]] = {
    "t3.row_total": (
        "“{row}”行的总计应等于各类申请人之和",
        "row “{row}”: the total should equal the sum of the applicant columns",
    ),
    "t3.balance": (
        "“{zh}”列：第一项加第二项之和应等于第三项加第四项之和",
        "column “{zh}” ({en}): received + carried over should equal handled + carried forward",
    ),
    "t3.results_total": (
        "“{zh}”列：（七）总计应等于各项办理结果之和",
        "column “{zh}” ({en}): (七) total should equal the sum of the outcomes",
    ),
    "t4.row_total": (
        "“{row}”的总计应等于维持、纠正、其他、尚未审结之和",
        "“{row}”: the total should equal upheld + corrected + other + pending",
    ),
}


def rule_text(rule: str, detail: str, language: str) -> str:
    """A failed identity in words a reader can check against the report."""
    parts = rule.split(".")
    template = _RULE_TEXTS.get(".".join(parts[:2])) if len(parts) == 3 else None
    if template is None:
        text = rule
    else:
        table, kind, key = int(parts[0][1:]), parts[1], parts[2]
        if kind == "row_total":
            names = {"row": LABELS.rows[table][key].label}
        else:
            zh, en = LABELS.columns[table][key]
            names = {"zh": zh, "en": en}
        text = t(language, *template).format(**names)
    return (
        f"{text}（{detail}）"
        if language == "zh" and detail
        else (f"{text} ({detail})" if detail else text)
    )


def warning(rules: list[tuple[str, str]], language: str) -> str:
    if not rules:
        return ""
    listed = t(language, "；", "; ").join(rule_text(r, d, language) for r, d in rules)
    return t(
        language,
        f"⚠ 注意：该报告自身的勾稽关系不成立：{listed}。数字按报告原样引用，可能有误。",
        f"⚠ Warning: the report breaks its own arithmetic: {listed}. The figure is quoted as printed and may be wrong.",
    )


def section_name(number: int, title: str, language: str) -> str:
    cn = f"{CN_NUMERALS[number]}、{title}" if 0 < number <= 10 else title
    return cn if language == "zh" else f"{cn} ({SECTION_TITLES_EN.get(number, 'section')})"


def examples(language: str) -> str:
    items = EXAMPLES_ZH if language == "zh" else EXAMPLES_EN
    return "\n".join(f"• {e}" for e in items)


def help_text(language: str, agencies: int, reports: int) -> str:
    return t(
        language,
        f"我根据已收录的 {agencies} 个机关、{reports} 份政府信息公开工作年度报告回答问题，"
        "每个数字都注明出处（报告、表格、行）。可以这样问：\n"
        + examples("zh")
        + "\n也可以用英文提问。",
        f"I answer questions from {reports} government information-disclosure annual reports of "
        f"{agencies} agencies, and cite the report, table and row of every figure. Try:\n"
        + examples("en")
        + "\nQuestions in Chinese work too.",
    )


def unsupported_text(language: str, reason: str = "") -> str:
    head = reason or t(language, "这个问题我回答不了。", "I can't answer that.")
    return (
        head
        + t(
            language,
            "我回答关于政府信息公开工作年度报告中数字和内容的问题，例如：\n",
            " I answer questions about the figures and text of government information-disclosure annual reports, for example:\n",
        )
        + examples(language)
    )
