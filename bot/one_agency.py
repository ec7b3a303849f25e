"""Answers about one agency: a figure, a report card, a section, a sentence, a trend.

A figure is read from one report and cited with the report's title, table, row and
column; a figure the report breaks an identity over carries a warning. A figure the
tables do not hold is looked for in the report's own sentences, and quoted.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from itertools import takewhile
from typing import Any

from index.checks import identities
from index.template import LABELS

from . import reply
from .agencies import Mention
from .catalogue import CARD_MEASURES, CARD_TABLE2, MEASURES, TABLE2_COLUMNS, Measure
from .clarify import (
    ambiguous_column,
    ambiguous_figure,
    not_found_name,
    not_understood,
    year_not_found,
)
from .context import Ctx
from .figures import Resolved, Selection, broken_rules, resolve, table2_columns
from .lexicon import condition, narrative_terms
from .model import Answer
from .normalize import is_cjk
from .queries import Cell, ReportRow, number
from .reading import WORK_CUES, Reading
from .reply import t

SECTION_CUES = {"section5": (5, None), "section6": (6, None), "section1": (1, None)}


SUBSECTION_CUES = {
    "section1.platform": ("平台",),
    "section1.oversight": ("监督",),
    "section1.management": ("管理",),
    "section1.proactive": ("主动公开",),
}


SECTION_TEXT_LIMIT = 600


# the units a count or an amount is stated in (批次 and 万元 before 次 and 元)
_UNITS = r"(批次|万元|元|个工作日|工作日|[篇条次件个场期家项人份天])"
# 多少条, 大概多少万次 (a scale before the unit), 多少万元 (the unit 万元)
_ASKED_UNIT = re.compile(r"(?:多少|几)(?:十|百|千|万(?!元))?" + _UNITS)
# 大约多少万 (no unit: any the passage gives); 一万三千多条吧, 两百多条？ (a figure guessed
# at in the question: the passage's own in that unit)
_ASKED_SCALE = re.compile(r"(?:多少|几)(?:十|百|千|万)(?!元)")
_GUESSED_UNIT = re.compile(r"[\d一二两三四五六七八九十百千万]+(?:多|余|来)" + _UNITS)


ANY_UNIT = "*"
MONEY = "元|万元"
_ASKED_FEE = re.compile(
    r"(?:多少|几)[^，。？?]{0,8}(?:费|钱)|(?:费|钱)[^，。？?]{0,4}(?:多少|几)|金额|多少元"
)
_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:余|多)?\s*" + _UNITS)
_CLAUSE_END = re.compile(r"[，。；！？,;]|\d")


def _agency_of(ctx: Ctx, m: Mention) -> tuple[int, str]:
    """The id and full name of the agency a mention found."""
    idx = m.agencies[0]
    return ctx.agencies.ids[idx], ctx.agencies.names[idx]


def about_agency(ctx: Ctx, m: Mention) -> Answer:
    p = ctx.reading
    agency_id, name = _agency_of(ctx, m)
    available = ctx.reader.years_of(agency_id)
    if not available:
        return not_found_name(ctx, name, [])
    section = _section_cue(p)
    if (p.has("trend") or len(p.years.years) >= 2) and p.measures:
        return trend(ctx, m, available)
    if p.years.years:
        year = p.years.years[0]
        if year not in available:
            return year_not_found(ctx, name, year, available)
        default_year = False
    else:
        year, default_year = max(available), True
    report = ctx.reader.report(agency_id, year)
    assert report is not None
    note = reply.read_as(name, m.how, ctx.lang) + reply.year_note(default_year, ctx.lang)
    if p.has("contact"):
        return narrative(ctx, report, note, prefer=0)
    if section and not p.measures:
        if _ASKED_UNIT.search(p.text.compact):  # 整改督办问题多少条: a number, not the section
            found = narrative(ctx, report, note)
            if found.status == "answered":
                return found
        return section_answer(ctx, report, section, note)
    if p.has("fee_narrative"):
        return narrative(ctx, report, note, prefer=6)
    if p.not_understood and (p.guessed or not (p.measures or p.outcome)):
        # words the tables do not explain (新闻发布会, 规划专栏, 天气): the report's text
        # is searched for them, and a question it does not answer gets no card
        return narrative(ctx, report, note)
    if p.measures or p.outcome:
        return figure(ctx, report, note)
    if p.t2col and not p.has("card"):  # 本年制发件数: of 规章 or of 行政规范性文件?
        asked = _ASKED_UNIT.search(p.text.compact)
        if asked and asked.group(1) not in ("件", "个", "项"):
            # 在政府网站发布了多少条信息: items the text counts, not documents issued
            found = narrative(ctx, report, note)
            if found.status == "answered":
                return found
        with_column = [
            m for m in (MEASURES[k] for k in CARD_TABLE2) if p.t2col in table2_columns(m, report)
        ]
        if len(with_column) == 1:
            return figure_of(ctx, report, note, with_column)
        if with_column:
            return ambiguous_figure(ctx, with_column, report)
    if p.has("ask") and not p.has("card"):  # 淮安多少: which figure?
        return ambiguous_figure(
            ctx,
            [MEASURES[k] for k in ("received", "granted", "withheld", "review", "litigation")],
            report,
        )
    return card(ctx, report, note)


def _section_cue(p: Reading) -> tuple[int, tuple[str, ...] | None] | None:
    for cue, keys in SUBSECTION_CUES.items():
        if cue in p.cues:
            return (1, keys)
    for cue, (section, _) in SECTION_CUES.items():
        if cue in p.cues:
            return (section, None)
    return None


def _selection(ctx: Ctx, measure: Measure, report: ReportRow) -> Selection | list[str]:
    """The selection for this report, or the columns to ask about when it is not clear."""
    p = ctx.reading
    if measure.table == 3:
        return Selection(measure, p.applicant or "total")
    if measure.table == 4:
        return Selection(measure, p.outcome or "total")
    present = table2_columns(measure, report)
    if p.t2col and p.t2col in present:
        return Selection(measure, p.t2col)
    if not p.t2col and "decisions" in present and not _ITEMS.search(p.text.compact):
        # 行政处罚多少 of the 2019 form (项目数量, 增减, 处理决定数量): the decisions, the
        # row's own count; the items (项) are asked by name
        return Selection(measure, "decisions")
    if len(present) == 1 and p.t2col != "amount":  # money asked of a count: not taken
        return Selection(measure, present[0])
    return present


def combined(measures: list[Measure]) -> Measure:
    """Several measures of one table asked as one sum (新收加上年结转): their rows together."""
    rows = tuple(row for m in measures for row in m.rows)
    return Measure(
        "+".join(m.key for m in measures),
        measures[0].table,
        (rows,),
        "与".join(m.zh for m in measures),
        " plus ".join(m.en for m in measures),
    )


def figure(ctx: Ctx, report: ReportRow, note: str) -> Answer:
    return figure_of(ctx, report, note, ctx.reading.measures)


def figure_of(ctx: Ctx, report: ReportRow, note: str, measures: list[Measure]) -> Answer:
    """The figure of one report the question asks for, cited; several that fit, asked."""
    if not measures:  # an outcome (被纠正) without saying of what
        measures = [MEASURES["review"], MEASURES["litigation"]]
    checked = ctx.reading.has("same") or "等于" in ctx.reading.text.compact
    if (
        len(measures) > 1
        and ctx.reading.has("sum")
        and len({m.table for m in measures}) == 1
        and not checked  # A加B等于C加D吗, its sides not made out: no one sum of all four
    ):
        measures = [combined(measures)]  # new requests plus those carried over: one sum
    if len(measures) > 1:
        return ambiguous_figure(ctx, measures, report)
    measure = measures[0]
    p = ctx.reading
    parts = [m for m in MEASURES.values() if m.parent == measure.key]
    if parts and p.has("max", "min") and len(p.years.years) <= 1:
        # 不予公开的理由里哪个最多: the largest of its parts, not the group's total
        return _extreme_part(ctx, report, measure, parts, note)
    kind = _COLUMN_KIND.get(measure.table)
    named = list(dict.fromkeys(v for k, v in p.columns if k == kind))
    if len(named) >= 2 and (
        kind != "t2col" or all(c in table2_columns(measure, report) for c in named)
    ):
        # 自然人加商业企业, 结果维持和纠正各多少: every column named, never the first alone
        return _columns(ctx, report, measure, named, note)
    if (
        measure.table == 2
        and p.t2col not in (None, *table2_columns(measure, report))
        and (p.t2col in TABLE2_COLUMNS.get(measure.key, ()) or p.t2col == "amount")
    ):  # 2019年行政事业性收费金额, 行政处罚罚了多少钱 (money, where the row counts
        # decisions): a column the row does not print; a count named otherwise (licences
        # issued) is the row's own count
        text = t(
            ctx.lang,
            f"《{reply.title_of(report)}》的“{measure.zh}”没有“{reply.column_label(2, p.t2col, 'zh')}”这一栏{note}。",
            f"“{reply.title_of(report)}” prints no “{reply.column_label(2, p.t2col, 'en')}” for “{measure.en}”{note}.",
        )
        return ctx.answer("not_found", "figure", text, agency=report.agency, year=report.year)
    present = table2_columns(measure, report) if measure.table == 2 else []
    if (
        present
        and _ITEMS.search(p.text.compact)
        and not any(c.startswith("items") for c in present)
    ):
        # 收费项目有几项 of a 2021-form report, which counts no items (only the 2019 form)
        text = t(
            ctx.lang,
            f"《{reply.title_of(report)}》的“{measure.zh}”没有项目数量这一栏{note}。",
            f"“{reply.title_of(report)}” prints no number of items for “{measure.en}”{note}.",
        )
        return ctx.answer("not_found", "figure", text, agency=report.agency, year=report.year)
    sel = _selection(ctx, measure, report)
    if isinstance(sel, list):
        return ambiguous_column(ctx, measure, sel, report)
    resolved = resolve(sel, report)
    base = {"agency": report.agency, "year": report.year}
    if resolved is None or not resolved.values:
        text = t(
            ctx.lang,
            f"《{reply.title_of(report)}》没有印出“{measure.zh}”这一项{note}。",
            f"“{reply.title_of(report)}” does not print “{measure.en}”{note}.",
        )
        return ctx.answer("not_found", "figure", text, **base)
    in_wanyuan = reply.unit(measure, sel.column, "zh").strip() == "万元"
    if p.has("in_yuan", "in_wanyuan") and not in_wanyuan:  # 元 of a count: not understood
        said = p.cue_words("in_yuan", "in_wanyuan")
        return not_understood(replace(ctx, reading=replace(p, not_understood=said)))
    lines = [_figure_line(ctx, report, resolved, note)]
    value = resolved.total
    if p.has("in_yuan") and value is not None:
        # 折合多少元: the amount printed in 万元, times 10,000
        value = number(round(value * 10_000, 2))
        lines.append(
            t(
                ctx.lang,
                f"折合：{reply.num(resolved.total, 'zh')} 万元 × 10000 = {reply.num(value, 'zh')} 元。",
                f"In yuan: {reply.num(resolved.total, 'en')} × 10,000 = {reply.num(value, 'en')} yuan.",
            )
        )
    lines.append(reply.citation(report, resolved, ctx.lang))
    warn = reply.warning(broken_rules(resolved.cells, report), ctx.lang)
    if warn:
        lines.append(warn)
    lines.extend(_text_says_otherwise(ctx, report, sel, value))
    # a figure the report prints blank (or in part) is not found in it: said, no number
    return ctx.answer(
        "answered" if resolved.total is not None else "not_found",
        "figure",
        "\n".join(lines),
        value=value,
        figures=_figure_dicts(report, resolved),
        **base,
    )


def _figure_line(ctx: Ctx, report: ReportRow, r: Resolved, note: str) -> str:
    lang = ctx.lang
    sel = r.selection
    what = reply.measure_name(sel.measure, sel.column, lang)
    head = t(
        lang,
        f"{report.agency} {report.year} 年{what}{note}：",
        f"{report.agency}, {report.year}{note}: {what}: ",
    )
    if len(r.cells) == 1:
        cell = r.cells[0]
        if cell not in r.values:
            return head + t(lang, "报告没有印出这一格。", "the report does not print this cell.")
        if r.values[cell] is None:
            raw = report.figures[cell].raw
            shown = t(lang, f"（原文为“{raw}”）", f" (printed as “{raw}”)") if raw else ""
            said = (
                t(  # 2648 -18538: digits printed, but which are this cell's cannot be told
                    lang,
                    f"报告此格印有数字{shown}，但几格的数字连在一起，无法确定本格是多少，不予给出。",
                    f"the report prints digits here{shown}, but several cells' digits run "
                    "together and which are this cell's cannot be told, so none is given.",
                )
                if _run_together([raw])
                else t(
                    lang,
                    f"报告此格未填写数字{shown}，无法给出。",
                    f"the report leaves this cell without a number{shown}.",
                )
            )
            return head + said + _by_applicant(ctx, report, cell)
        return head + reply.amount(r.total, sel.measure, sel.column, lang) + t(lang, "。", ".")
    parts = [
        f"{reply.cell_name(c, report, lang)}：{reply.amount(r.values.get(c), sel.measure, c[2], lang)}"
        for c in r.cells
    ]
    listing = "\n".join(f"· {x}" for x in parts)
    if r.total is None:
        gaps = t(lang, "、", ", ").join(
            reply.cell_name(c, report, lang) for c in r.missing + r.blank
        )
        return head + t(
            lang,
            f"无法给出合计：以下单元格报告未填写数字（空白不等于 0）：{gaps}。\n各格如下：\n{listing}",
            f"no total can be given: the report leaves these cells without a number (a blank is not a zero): {gaps}.\nThe cells:\n{listing}",
        )
    return head + t(
        lang,
        f"共 {reply.amount(r.total, sel.measure, sel.column, lang)}，为以下 {len(r.cells)} 格之和：\n{listing}",
        f"{reply.amount(r.total, sel.measure, sel.column, lang)} in all, the sum of {len(r.cells)} cells:\n{listing}",
    )


_COLUMN_KIND = {3: "applicant", 4: "outcome", 2: "t2col"}


def _extreme_part(
    ctx: Ctx, report: ReportRow, measure: Measure, parts: list[Measure], note: str
) -> Answer:
    """Which part of a group (不予公开's eight grounds) is the most (or the fewest): every
    part listed, the extreme named, its figure the value; ties all named; a blank part
    leaves it unsaid (it might have been the most)."""
    lang = ctx.lang
    column = ctx.reading.applicant or "total"
    resolved = [resolve(Selection(part, column), report) for part in parts]
    values = [r.total if r is not None else None for r in resolved]
    listing = "\n".join(
        f"· {part.zh if lang == 'zh' else part.en}：{reply.amount(v, part, column, lang)}"
        for part, v in zip(parts, values, strict=True)
    )
    fewest = ctx.reading.has("min")
    what = reply.measure_name(measure, column, lang)
    lines = [
        t(
            lang,
            f"{report.agency} {report.year} 年{what}各项{note}：",
            f"{report.agency}, {report.year}{note}: {what}, by part:",
        ),
        listing,
    ]
    value = None
    if None in values:
        lines.append(
            t(
                lang,
                "其中有的项没有数字（空白不等于 0），无法判断哪项最多。",
                "Some parts have no number (a blank is not a zero): which is the most cannot be said.",
            )
        )
    else:
        value = min(values) if fewest else max(values)  # type: ignore[type-var]
        top = [part for part, v in zip(parts, values, strict=True) if v == value]
        names = t(lang, "、", ", ").join(f"“{p.zh if lang == 'zh' else p.en}”" for p in top)
        most = t(lang, "最少" if fewest else "最多", "fewest" if fewest else "most")
        lines.append(
            t(
                lang,
                f"{most}的是{names}：{reply.amount(value, measure, column, lang)}。",
                f"The {most}: {names}, {reply.amount(value, measure, column, lang)}.",
            )
        )
    group = resolve(Selection(measure, column), report)  # cited as the group's rows
    if group is not None:
        lines.append(reply.citation(report, group, lang))
    status = "answered" if value is not None else "not_found"
    return _cells_answer(ctx, report, status, lines, value, resolved)


def _columns(
    ctx: Ctx, report: ReportRow, measure: Measure, columns: list[str], note: str
) -> Answer:
    """Several columns of one figure named (自然人和商业企业的申请): each one's figure, and
    their sum when the question adds them up (一共, 加起来); a blank among them leaves the
    sum unsaid. Without a sum asked there is no one quantity: no value."""
    lang = ctx.lang
    resolved = [resolve(Selection(measure, c), report) for c in columns]
    values = [r.total if r is not None else None for r in resolved]
    listed = t(lang, "，", "; ").join(
        f"{reply.measure_name(measure, c, lang)} {reply.amount(v, measure, c, lang)}"
        for c, v in zip(columns, values, strict=True)
    )
    lines = [
        t(
            lang,
            f"{report.agency} {report.year} 年{note}：{listed}。",
            f"{report.agency}, {report.year}{note}: {listed}.",
        )
    ]
    value = None
    if ctx.reading.has("sum"):
        if None in values:
            lines.append(
                t(
                    lang,
                    "其中有一格报告没有数字（空白不等于 0），无法给出合计。",
                    "One of these cells has no number (a blank is not a zero): no sum can be given.",
                )
            )
        else:
            value = number(round(sum(values), 6))  # type: ignore[arg-type]
            terms = " + ".join(reply.num(v, lang) for v in values)  # type: ignore[arg-type]
            lines.append(
                t(
                    lang,
                    f"合计 = {terms} = {reply.num(value, lang)}。",
                    f"Sum = {terms} = {reply.num(value, lang)}.",
                )
            )
    lines.extend(reply.citation(report, r, lang) for r in resolved if r is not None)
    status = "not_found" if ctx.reading.has("sum") and value is None else "answered"
    return _cells_answer(ctx, report, status, lines, value, resolved)


def _cells_answer(
    ctx: Ctx,
    report: ReportRow,
    status: str,
    lines: list[str],
    value: float | int | None,
    resolved: list[Resolved | None],
) -> Answer:
    """The answer of one report worked out of several selections' cells, each cited."""
    figures = [f for r in resolved if r is not None for f in _figure_dicts(report, r)]
    return ctx.answer(
        status,
        "figure",
        "\n".join(lines),
        agency=report.agency,
        year=report.year,
        value=value,
        figures=figures,
    )


def _text_says_otherwise(
    ctx: Ctx, report: ReportRow, sel: Selection, value: float | int | None
) -> list[str]:
    """The report's own text giving the applications received as another number (全年共受理
    749 件 where table 3's 本年新收 is 713): said beside the table's figure, and what it is
    when it is new plus carried over, so that no one takes either for a misprint of the
    other. Only the applications received: the one figure reports state both ways."""
    if (sel.measure.key, sel.column) != ("received", "total") or value is None:
        return []
    from index.audit.text_vs_table import stated  # the audit's reading of stated figures

    carried = resolve(Selection(MEASURES["carried_over"], "total"), report)
    before = carried.total if carried is not None else None
    for section in ctx.reader.sections(report.id):
        for said in stated(section.text, report.year):
            if said.statement.rule != "received" or said.number == value:
                continue
            if before is not None and said.number == value + before:
                why = t(
                    ctx.lang,
                    f"即本年新收 {reply.num(value, 'zh')} 件与上年结转 {reply.num(before, 'zh')} 件之和",
                    f"new applications {reply.num(value, 'en')} plus {reply.num(before, 'en')} carried over",
                )
            else:
                why = t(ctx.lang, "与表中数字不一致", "not the table's figure")
            return [
                t(
                    ctx.lang,
                    f"另：报告正文写“{_trim(said.sentence, 80)}”，其中 {reply.num(said.number, 'zh')} 件{why}。",
                    f"Note: the report's text gives {reply.num(said.number, 'en')} (“{_trim(said.sentence, 80)}”): {why}.",
                )
            ]
    return []


def _by_applicant(ctx: Ctx, report: ReportRow, cell: Cell) -> str:
    """When a row's 总计 is blank, the applicant columns it does print (never summed)."""
    table, row, column = cell
    if table != 3 or column != "total":
        return ""
    parts = []
    for col, (zh, en) in LABELS.columns[3].items():
        fig = report.figures.get((3, row, col))
        if col != "total" and fig is not None and fig.value is not None:
            parts.append(f"{zh if ctx.lang == 'zh' else en} {reply.num(fig.value, ctx.lang)}")
    if not parts:
        return ""
    listed = t(ctx.lang, "，", ", ").join(parts)
    return t(
        ctx.lang,
        f"\n报告印出的分项：{listed}（其余各格空白，不作合计）。",
        f"\nThe applicant columns it prints: {listed} (the others are blank; no total is made).",
    )


def _figure_dicts(report: ReportRow, r: Resolved, **extra: Any) -> list[dict[str, Any]]:
    out = []
    for cell in r.cells:
        table, row, column = cell
        fig = report.figures.get(cell)
        out.append(
            {
                "table": table,
                "row": row,
                "column": column,
                "value": fig.value if fig else None,
                "raw": fig.raw if fig else None,
                "label": reply.row_label_of(report, table, row),
                **extra,
            }
        )
    return out


def card(ctx: Ctx, report: ReportRow, note: str) -> Answer:
    lang = ctx.lang
    lines = [
        t(
            lang,
            f"{report.agency} {report.year} 年报告主要数字{note}：",
            f"{report.agency}, {report.year} report: main figures{note}",
        )
    ]
    figures: list[dict[str, Any]] = []
    t2 = []
    for key in CARD_TABLE2:
        m = MEASURES[key]
        for col in table2_columns(m, report):
            r = resolve(Selection(m, col), report)
            if r is None:
                continue
            t2.append(f"{reply.measure_name(m, col, lang)} {reply.amount(r.total, m, col, lang)}")
            figures.extend(_figure_dicts(report, r))
    if t2:
        lines.append(t(lang, "主动公开：", "Proactive disclosure: ") + t(lang, "；", "; ").join(t2))
    for table, head in (
        (3, t(lang, "依申请公开：", "Applications: ")),
        (4, t(lang, "复议诉讼：", "Review and litigation: ")),
    ):
        parts = []
        for key in CARD_MEASURES:
            m = MEASURES[key]
            if m.table != table:
                continue
            r = resolve(Selection(m, "total"), report)
            if r is None:
                continue
            parts.append(
                f"{m.zh if lang == 'zh' else m.en} {reply.amount(r.total, m, 'total', lang)}"
            )
            figures.extend(_figure_dicts(report, r))
        if parts:
            lines.append(head + t(lang, "；", "; ").join(parts))
    if report.failed:
        lines.append(reply.warning(report.failed, lang))
    else:
        lines.append(
            t(
                lang,
                "勾稽关系：报告中可检验的各项均成立。",
                "Arithmetic: every identity that can be checked holds.",
            )
        )
    lines.append(
        t(lang, f"来源：《{reply.title_of(report)}》。", f"Source: “{reply.title_of(report)}”.")
    )
    return ctx.answer(
        "answered",
        "card",
        "\n".join(lines),
        agency=report.agency,
        year=report.year,
        figures=figures,
    )


# the rows each identity of the template takes part in, by its rule (both shapes of table 3)
_IDENTITY_ROWS = {
    i.rule: {row for _, row in i.rows} for single in (False, True) for i in identities(single)
}


def checks(ctx: Ctx, m: Mention) -> Answer:
    """勾稽关系哪些不成立 / does it add up: the identities of the template the report
    breaks, in words to check against it; the value is how many."""
    agency_id, name = _agency_of(ctx, m)
    available = ctx.reader.years_of(agency_id)
    years = ctx.reading.years.years
    year = years[0] if years else (max(available) if available else None)
    if year is None or year not in available:
        return year_not_found(ctx, name, year or 0, available)
    report = ctx.reader.report(agency_id, year)
    assert report is not None
    lang = ctx.lang
    note = reply.read_as(name, m.how, lang) + reply.year_note(not years, lang)
    failed = ctx.reader.failed_checks(report.id)
    measures = ctx.reading.measures
    of = ""
    if measures:  # 新收申请的勾稽关系: the identities its rows take part in
        rows = {row for m in measures for rs in m.row_sets for row in rs}
        failed = [(r, d) for r, d in failed if _IDENTITY_ROWS.get(r, set()) & rows]
        of = t(lang, "涉及" + "、".join(m.zh for m in measures) + "的", "")
    if failed:
        head = t(
            lang,
            f"{name} {year} 年报告{note}中，有 {len(failed)} 条{of}勾稽关系不成立：",
            f"{name}, {year}{note}: the report breaks {len(failed)} of its identities:",
        )
        lines = [head, *(f"· {reply.rule_text(r, d, lang)}" for r, d in failed)]
    else:
        lines = [
            t(
                lang,
                f"{name} {year} 年报告{note}中，可检验的{of}勾稽关系均成立（空白处无法检验）。",
                f"{name}, {year}{note}: every identity that can be checked holds (blanks cannot be).",
            )
        ]
    lines.append(
        t(lang, f"来源：《{reply.title_of(report)}》。", f"Source: “{reply.title_of(report)}”.")
    )
    return ctx.answer(
        "answered", "checks", "\n".join(lines), agency=report.agency, year=year, value=len(failed)
    )


def section_answer(
    ctx: Ctx, report: ReportRow, cue: tuple[int, tuple[str, ...] | None], note: str
) -> Answer:
    number, keys = cue
    sections = ctx.reader.sections(report.id)
    chosen = None
    if keys:
        chosen = next(
            (
                s
                for s in sections
                if s.number == number and s.subsection and any(k in s.title for k in keys)
            ),
            None,
        )
    if chosen is None:
        chosen = next((s for s in sections if s.number == number and not s.subsection), None)
    if chosen is None:
        text = t(
            ctx.lang,
            f"《{reply.title_of(report)}》中没有找到这一部分。",
            f"“{reply.title_of(report)}” has no such section.",
        )
        return ctx.answer("not_found", "section", text, agency=report.agency, year=report.year)
    body = chosen.text.strip() or "\n".join(
        s.text for s in sections if s.number == number and s.subsection
    )
    body = _trim(_join_lines(body), SECTION_TEXT_LIMIT)
    where = (
        reply.section_name(number, chosen.title, ctx.lang)
        if not chosen.subsection
        else chosen.title
    )
    text = t(
        ctx.lang,
        f"{report.agency} {report.year} 年报告“{where}”{note}：\n{body}\n来源：《{reply.title_of(report)}》。",
        f"{report.agency}, {report.year} report, section “{where}”{note} (quoted in Chinese):\n{body}\nSource: “{reply.title_of(report)}”.",
    )
    return ctx.answer("answered", "section", text, agency=report.agency, year=report.year)


_HEADING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])"
)


def _join_lines(text: str) -> str:
    """Undo the line breaks a PDF put inside sentences; keep those that end a paragraph."""
    out: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        heading = bool(out) and bool(_HEADING.match(out[-1])) and len(out[-1]) <= 20
        if out and out[-1][-1] not in "。；！？：:" and not _HEADING.match(line) and not heading:
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def _trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(c) for c in "。；！？")
    return (cut[: end + 1] if end > limit // 2 else cut) + "……"


# what the sentence that gives a report's contacts says (请与…办公室联系，电话…)
CONTACT_WORD = "联系"
# the sentences after it that give the address, telephone, post code, fax or mail
_CONTACT = re.compile(r"地址|电话|邮编|传真|邮箱|信箱")


# single characters a question may leave unread that say nothing of what it asks about
_GENERIC_CHARS = frozenset("元字件个条次号名天项人员年月日份家种位")


def narrative(ctx: Ctx, report: ReportRow, note: str, prefer: int | None = None) -> Answer:
    """A figure the tables do not hold: the sentence of the report that states it."""
    content = ctx.reading.content
    grams = {content[i : i + 2] for i in range(len(content) - 1)}
    compact = ctx.reading.text.compact
    asked = _ASKED_UNIT.search(compact) or _GUESSED_UNIT.search(compact)
    unit = asked.group(1) if asked else ANY_UNIT if _ASKED_SCALE.search(compact) else None
    if unit is None and _ASKED_FEE.search(ctx.reading.text.compact):
        unit = MONEY  # 收了多少信息处理费: an amount, in 元 or 万元
    if unit is None and ctx.reading.language == "en" and ctx.reading.has("ask"):
        unit = ANY_UNIT  # "how many press conferences": any count the sentence gives
    best: tuple[float, str, str] | None = None
    # the words the tables do not explain are what the question is about: a sentence
    # without any of them answers something else (申请75件 for 上一年留下来的申请几件)
    # (one character too: 撤 of 撤回, whose 回 is a filler elsewhere; a sentence of every
    # application without it answers 申请人撤回的申请 with a neighbour; not a unit or the
    # tail of a common word, 元 of 多少元, 字 of 名字)
    unread = [
        w
        for w in ctx.reading.not_understood
        if is_cjk(w[0]) and (len(w) >= 2 or w not in _GENERIC_CHARS)
    ]
    unread += narrative_terms(ctx.reading.text)  # press conferences → 新闻发布会
    if ctx.reading.has("contact"):
        unread.append(CONTACT_WORD)
    sections = ctx.reader.sections(report.id)
    matched = ctx.reader.matching(sections, search_words(content))
    numbers = {s.number for s in sections if s.id in matched or any(w in s.text for w in unread)}
    if numbers:  # the sections the full-text index finds the question's words in, or
        # that hold a word not understood (联系 of 找谁, in the preamble)
        sections = [s for s in sections if s.number in numbers]
    whole = {s.number for s in sections if not s.subsection and s.text.strip()}
    for s in sections:
        if s.subsection and s.number in whole:
            continue
        sentences = re.split(r"(?<=[。！？；])", _join_lines(s.text))
        for k, sentence in enumerate(sentences):
            sentence = sentence.strip()
            if not sentence or _table_text(sentence):
                continue
            if unit and not re.search(r"\d", sentence):
                continue  # a count asked: only sentences that state numbers
            if unread and not any(_mentions(sentence, w, share=0.3) for w in unread):
                continue
            if s.number == 0 and not (unread and all(w in sentence for w in unread)):
                continue  # the preamble's law and template words match any question
            score = sum(g in sentence for g in grams)
            # a short question (开过什么听证会) shares few pairs of characters with any
            # sentence: one that holds every word not understood says what was asked
            if unread and all(w in sentence for w in unread):
                score += 1
            if unit and any(_unit_fits(unit, u) for _, u in _NUMBER_UNIT.findall(sentence)):
                score += 2
            if prefer is not None and s.number == prefer:
                score += 2
            if score >= 3 and (best is None or score > best[0]):
                if ctx.reading.has("contact"):  # …办公室联系。联系地址：…；电话：…
                    sentence += "".join(takewhile(_CONTACT.search, sentences[k + 1 :]))
                best = (score, sentence, reply.section_name(s.number, s.title, ctx.lang))
    if best is None:
        text = t(
            ctx.lang,
            f"在《{reply.title_of(report)}》的统计表和正文中都没有找到这个问题的答案{note}。可以问这份报告的主要数字，例如“{report.agency}{report.year}年报告”。",
            f"Neither the tables nor the text of “{reply.title_of(report)}” answer that{note}. Try the report card: “report card for {report.agency} {report.year}”.",
        )
        card_q = (
            f"{report.agency}{report.year}年报告"
            if ctx.lang == "zh"
            else f"report card for {report.agency} {report.year}"
        )
        return ctx.answer(
            "not_found",
            "narrative",
            text,
            agency=report.agency,
            year=report.year,
            candidates=[{"id": 0, "label": card_q, "question": card_q}],
        )
    _, sentence, where = best
    head = re.sub(r"[篇条次件个场期家项人份]+$", "", content)[-2:]
    terms = narrative_terms(ctx.reading.text)
    if ctx.reading.language == "en" and terms:
        head = terms[0][-2:]  # English puts what is counted first (original articles on WeChat)
    asked = ctx.reading.text.compact
    asked_pairs = {asked[i : i + 2] for i in range(len(asked) - 1)}
    value = _stated_number(sentence, unit, grams, head, unread, asked_pairs)
    if value is not None and ctx.reading.has(*WORK_CUES):
        # 四个分项加起来比2139多几条: the number the text states is not the one worked out
        value = None
    applicants = ctx.reading.words_of("applicant", lambda column: column != "total")
    if ctx.reading.measures and applicants and not any(w in sentence for w in applicants):
        # 法人那块一共申请了几件: a figure of table 3 asked of one applicant column, and the
        # text's number is of all applicants (共收到70件申请), not that column's
        value = None
    if unit is not None and value is None:
        # a count asked (多少人) that the passage does not state: not found, the nearest
        # passage shown as such, so that no one reads an answer into it
        text = t(
            ctx.lang,
            f"{report.agency} {report.year} 年报告的统计表和正文都没有写明这个数字{note}。正文中最接近的一段：\n“{_trim(sentence, 300)}”\n来源：《{reply.title_of(report)}》“{where}”。",
            f"Neither the tables nor the text of {report.agency}'s {report.year} report state that number{note}. The nearest passage (in Chinese):\n“{_trim(sentence, 300)}”\nSource: “{reply.title_of(report)}”, section “{where}”.",
        )
        return ctx.answer("not_found", "narrative", text, agency=report.agency, year=report.year)
    text = t(
        ctx.lang,
        f"{report.agency} {report.year} 年报告正文写道{note}：\n“{_trim(sentence, 300)}”\n来源：《{reply.title_of(report)}》“{where}”（正文，非统计表数字）。",
        f"The text of {report.agency}'s {report.year} report says{note} (in Chinese):\n“{_trim(sentence, 300)}”\nSource: “{reply.title_of(report)}”, section “{where}” (narrative, not a table figure).",
    )
    return ctx.answer(
        "answered", "narrative", text, agency=report.agency, year=report.year, value=value
    )


def _mentions(text: str, word: str, share: float = 0.6) -> bool:
    """Whether `text` speaks of `word`: holds it, or most of its pairs of characters
    (开放日活动 in 开展“司法行政开放日”活动)."""
    if word in text:
        return True
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    return bool(pairs) and sum(p in text for p in pairs) >= share * len(pairs)


def search_words(content: str) -> list[str]:
    """The question's words as the full-text index has them (jieba, as `index.store`).

    Single characters (了, 在, 篇) would match every section, so only longer words count.
    """
    if len(content) < 2:
        return []
    from index.store import segment  # jieba loads its dictionary on first use: only here

    return sorted({w for w in segment(content).split() if len(w) >= 2})


def _stated_number(
    sentence: str,
    unit: str | None,
    grams: set[str],
    head: str,
    unread: list[str],
    asked_pairs: frozenset[str] | set[str] = frozenset(),
) -> float | int | None:
    """The number the sentence gives in the unit asked for (多少篇 → … 860 篇).

    When the sentence has several, the one whose own words (those between it and the
    number before) hold the question's last word before what it asks (原创 of 公众号原创了
    几篇: 发文 268 篇，原创 195 篇 → 195), then the most of the question's words; none when
    that does not decide it.
    """
    if unit is None:
        return None
    found = [m for m in _NUMBER_UNIT.finditer(sentence) if _unit_fits(unit, m.group(2))]
    scored = []
    for i, m in enumerate(found):
        before, after = _own_words(sentence, m, found[i - 1].end() if i else 0)
        own = before + "|" + after
        # the words before a number name it first (政府网站1个、政务新媒体2个); those after
        # it only where none before do (对5个…的政务新媒体)
        scored.append(
            (
                (
                    head in before,
                    head in after,
                    sum(g in own for g in grams),
                    # then the most of the question's own pairs of characters (工作动态信息
                    # 41条 over 司法县区动态 33条 for 工作动态信息有多少条)
                    sum(g in own for g in asked_pairs),
                ),
                m,
            )
        )
    if not scored:
        return None
    top = max(s for s, _ in scored)
    winners = [m for s, m in scored if s == top]
    stated = {float(m.group(1)) for m in winners}
    if len(stated) != 1 or (top[:3] == (False, False, 0) and len(found) > 1):
        return None  # two numbers fit as well (unless they are one, said twice)
    own = "|".join(_own_words(sentence, winners[0], 0))
    if unread and not any(_mentions(own, w, share=0.3) for w in unread):
        return None  # the number's own words are not the ones asked about
    n = stated.pop()
    return int(n) if n.is_integer() else n


# Row labels of tables 3 and 4 without their numbering (the long ones: 予以公开 and
# 行政复议 are also the narrative's words): text that holds two is a table flattened
# into the narrative (converted reports), not a sentence that states
_TABLE_WORDS = tuple(
    re.sub(r"^[一二三四五六七八九十（）()\d.、 ]+", "", row.label).split(" ")[-1]
    for table in (3, 4)
    for row in LABELS.rows.get(table, {}).values()
) + ("勾稽关系为：", "申请人情况")


def _table_text(sentence: str) -> bool:
    return sum(w in sentence for w in _TABLE_WORDS if len(w) >= 6) >= 2


def _unit_fits(asked: str, stated: str) -> bool:
    return asked == ANY_UNIT or stated in asked.split("|")


def _own_words(sentence: str, m: re.Match[str], after: int) -> tuple[str, str]:
    """The words a stated number belongs to: up to 16 characters before it (back to the
    number before), and what it counts after its unit, to the clause's end (对5个…的政务
    新媒体予以关停注销: the new-media accounts closed)."""
    before = sentence[max(0, m.start() - 16, after) : m.start()]
    rest = sentence[m.end() : m.end() + 40]
    stop = _CLAUSE_END.search(rest)
    return before, rest[: stop.start()] if stop else rest


def trend(ctx: Ctx, m: Mention, available: list[int]) -> Answer:
    p = ctx.reading
    agency_id, name = _agency_of(ctx, m)
    measures = p.measures or [MEASURES["review"], MEASURES["litigation"]]
    if len(measures) > 1:
        return ambiguous_figure(ctx, measures, None)
    measure = measures[0]
    wanted = [y for y in p.years.years if y in available] if len(p.years.years) >= 2 else available
    absent = [y for y in p.years.years if y not in available] if len(p.years.years) >= 2 else []
    if p.years.open_start and available:  # 2022年以前: from its first report on, no gap
        absent = [y for y in absent if y > min(available)]
    if p.years.recent:  # 近三年: the latest three reports, this year's being not yet out
        wanted = [y for y in available if y <= max(p.years.years)][-p.years.recent :]
        absent = []
    if not wanted:
        return year_not_found(ctx, name, p.years.years[0], available)
    lines = []
    figures: list[dict[str, Any]] = []
    latest: tuple[int, float | int | None] | None = None
    by_year: dict[int, float | int | None] = {}
    warned = []
    what = None
    shows = None
    unit = ""
    for year in sorted(wanted):
        report = ctx.reader.report(agency_id, year)
        assert report is not None
        sel = _selection(ctx, measure, report)
        if isinstance(sel, list) and p.t2col is not None and p.t2col not in sel:
            # 收费金额 of a year whose form counts items only (2019): that year has none
            lines.append(t(ctx.lang, f"{year} 年：报告没有这一项", f"{year}: not printed"))
            continue
        if isinstance(sel, list):
            return ambiguous_column(ctx, measure, sel, report)
        what = reply.measure_name(measure, sel.column, ctx.lang)
        r = resolve(sel, report)
        if r is None:
            lines.append(t(ctx.lang, f"{year} 年：报告没有这一项", f"{year}: not printed"))
            continue
        shown = reply.amount(r.total, measure, sel.column, ctx.lang)
        if r.total is None:
            shown = _no_figure(report, r, ctx.lang)
        lines.append(t(ctx.lang, f"{year} 年：{shown}", f"{year}: {shown}"))
        figures.extend(_figure_dicts(report, r, year=year))
        latest = (year, r.total)
        by_year[year] = r.total
        shows = partial(_amount, sel)
        unit = reply.unit(measure, sel.column, "zh").strip()
        if broken_rules(r.cells, report):
            warned.append(str(year))
    head = t(
        ctx.lang,
        f"{name}历年{what}{reply.read_as(name, m.how, ctx.lang)}：",
        f"{name}{reply.read_as(name, m.how, ctx.lang)}, {what}, by year:",
    )
    body = [head, *lines]
    if absent:
        body.append(
            t(
                ctx.lang,
                f"没有这些年份的报告：{'、'.join(map(str, absent))}。",
                f"No report for: {', '.join(map(str, absent))}.",
            )
        )
    body.append(
        t(
            ctx.lang,
            f"来源：{name}各年度政府信息公开工作年度报告“{reply.TABLE_TITLES[measure.table]}”表。",
            f"Source: {name}'s annual reports, table “{reply.TABLE_TITLES[measure.table]}”.",
        )
    )
    if warned:
        body.append(
            t(
                ctx.lang,
                f"⚠ 注意：{'、'.join(warned)} 年报告中与此数字有关的勾稽关系不成立，数字按原样引用。",
                f"⚠ Warning: in {', '.join(warned)} the report breaks an identity involving this figure; quoted as printed.",
            )
        )
    year, value = latest if latest else (None, None)
    over = over_years(ctx, by_year, shows, unit=unit)
    if over is not None:  # 哪一年最多, 历年一共, 平均每年: the years' extreme, sum or mean
        said, year, value, intent = over
        body.insert(len(lines) + 1, said)
        status = "answered" if value is not None or intent == "yes_no" else "not_found"
        return ctx.answer(
            status, intent, "\n".join(body), agency=name, year=year, value=value, figures=figures
        )
    if asks_of_years(p) or _WHICH_YEAR.search(p.text.compact) or _WHICH_YEAR.search(p.text.words):
        # asked something of the years this cannot work out (哪年的…: a year, by what?):
        # the figures, and no value (the latest year's is not the answer to it)
        return ctx.answer("answered", "trend", "\n".join(body), agency=name, figures=figures)
    return ctx.answer(
        "answered", "trend", "\n".join(body), agency=name, year=year, value=value, figures=figures
    )


def _no_figure(report: ReportRow, r: Resolved, lang: str) -> str:
    """Why a year gives no figure: a cell left blank, or digits printed that cannot be
    told apart (平潭 2019's 3960181: 396, 0 and 181 run together)."""
    if _run_together([report.figures[c].raw for c in r.blank if c in report.figures]):
        return t(
            lang,
            "报告此格的数字与邻格连在一起，无法读出",
            "the cell's digits run into the next cells: unreadable",
        )
    return t(lang, "报告有未填写的格，无法给出", "a cell is blank: no figure")


def _run_together(printed: list[str | None]) -> bool:
    """Whether cells the parser left without a value were printed with digits (their
    figures run into their neighbours'), not left blank."""
    return any(ch.isdigit() for raw in printed for ch in raw or "")


def _amount(sel: Selection, value: float | int | None, language: str) -> str:
    return reply.amount(value, sel.measure, sel.column, language)


_ITEMS = re.compile(r"项目|事项|几项|多少项|\bitems?\b")
_WHICH_YEAR = re.compile(r"哪年|哪一年|哪个年份|\bwhich year\b|\bwhat year\b")
_EACH_YEAR = re.compile(r"每年|每一年|各年|历年各|\beach year\b|\bper year\b")
_OVER_ZH = {
    "max": "最大值",
    "min": "最小值",
    "sum": "合计",
    "mean": "平均",
    "median": "中位数",
    "count": "计数",
    "rank": "排名",
    "change": "差额",
    "rising": "逐年变化",
    "falling": "逐年变化",
}
# what a question may ask of a figure's years beside the figures themselves; any of these
# not worked out leaves no value (the latest year's figure is not the answer to them)
ASKS_OF_YEARS = (
    "max",
    "min",
    "sum",
    "mean",
    "median",
    "count_years",
    "rank",
    "which",
    "change",
    "rising",
    "falling",
)


def asks_of_years(r: Reading) -> bool:
    """Whether the question asks something of a figure's years beside the figures (a mark
    such as 超过70件 too, though no count of years was read in it)."""
    return r.has(*ASKS_OF_YEARS) or r.condition is not None or condition(r.text) is not None


_MEETS: dict[str, Callable[[float, float], bool]] = {
    ">": lambda v, n: v > n,
    ">=": lambda v, n: v >= n,
    "<": lambda v, n: v < n,
    "==": lambda v, n: v == n,
}


def over_years(
    ctx: Ctx,
    by_year: dict[int, float | int | None],
    show: Callable[[float | int | None, str], str] | None,
    *,
    rates: bool = False,
    unit: str = "",
) -> tuple[str, int | None, float | int | None, str] | None:
    """What a trend question asks of its years beside the figures (the year of the most,
    the second, the top three, the sum, the mean, the median, how many years pass a
    mark, the change between two), said with its inputs; None when it asks only for the
    figures. A blank year leaves nothing that it might have changed."""
    r, lang = ctx.reading, ctx.lang
    op = _asked_of_years(r, len(by_year))
    if op is None or show is None or not by_year:
        return None
    if (rates and op in ("sum", "mean")) or (op == "count" and r.percent_mark and not rates):
        # rates added or averaged as numbers, a count against a percent: not what is asked
        return (
            t(lang, "这样算出的数字没有意义，不给出。", "That would not be a meaningful figure."),
            None,
            None,
            "trend",
        )
    blank = [y for y, v in by_year.items() if v is None]
    if blank:
        years = "、".join(map(str, blank))
        return (
            t(
                lang,
                f"{years} 年的数字未填写或无法读出（空白不等于 0），无法给出各年的{_OVER_ZH[op]}。",
                f"{', '.join(map(str, blank))}: blank or unreadable (a blank is not a zero), so no {op} over the years can be given.",
            ),
            None,
            None,
            "trend",
        )
    known = {y: v for y, v in by_year.items() if v is not None}
    values = list(known.values())
    if op in ("rising", "falling"):
        return _every_year(known, op == "rising", show, lang), None, None, "yes_no"
    if op == "count":
        how, mark = r.mark(unit)
        meet = [y for y, v in known.items() if _MEETS[how](v, mark)]
        said = t(
            lang,
            f"符合条件的有 {len(meet)} 年：{'、'.join(map(str, meet)) or '无'}。",
            f"{len(meet)} years meet it: {', '.join(map(str, meet)) or 'none'}.",
        )
        return said, None, len(meet), "count"
    if op == "change":  # 2019年和2025年…差多少: the later less the earlier
        (y1, a), (y2, b) = sorted(known.items())
        gap = number(round(b - a, 6))
        said = t(
            lang,
            f"差额 = {reply.num(b, lang)} − {reply.num(a, lang)} = {reply.num(gap, lang)}（{y2} 年减 {y1} 年）。",
            f"Difference = {reply.num(b, lang)} − {reply.num(a, lang)} = {reply.num(gap, lang)} ({y2} less {y1}).",
        )
        return said, y2, gap, "change"
    if op == "rank":
        order = sorted(known.items(), key=lambda kv: kv[1], reverse=not r.has("min"))
        at = (r.position or 1) - 1
        if (
            at >= len(order)
            or (at + 1 < len(order) and order[at][1] == order[at + 1][1])
            or (at and order[at][1] == order[at - 1][1])
        ):
            return (
                t(
                    lang,
                    "并列或年份不够，无法排出这一名。",
                    "Tied or too few years: no such place.",
                ),
                None,
                None,
                "trend",
            )
        shown = order[: max(r.top or 0, at + 1)]
        listed = t(lang, "；", "; ").join(f"{y}：{show(v, lang)}" for y, v in shown)
        year, value = order[at]
        return (
            t(lang, f"从高到低：{listed}。", f"Highest first: {listed}."),
            year,
            value,
            "trend",
        )
    if op in ("max", "min"):
        extreme = max(values) if op == "max" else min(values)
        years = [y for y, v in known.items() if v == extreme]
        said = t(
            lang,
            f"{'最多' if op == 'max' else '最少'}的是 {'、'.join(map(str, years))} 年：{show(extreme, lang)}。",
            f"The {'most' if op == 'max' else 'fewest'}: {', '.join(map(str, years))}, {show(extreme, lang)}.",
        )
        return said, years[-1], extreme, "trend"
    if op == "median":
        middle = number(round(statistics.median(values), 6))
        said = t(
            lang,
            f"中位数（{len(values)} 年从小到大排列取中间）：{reply.num(middle, lang)}。",
            f"Median of {len(values)} years: {reply.num(middle, lang)}.",
        )
        return said, None, middle, "median"
    total = number(round(sum(values), 6))
    terms = " + ".join(reply.num(v, lang) for v in values)
    if op == "sum":
        said = t(
            lang,
            f"{len(values)} 年合计：{terms} = {show(total, lang)}。",
            f"Sum of {len(values)} years: {terms} = {show(total, lang)}.",
        )
        return said, None, total, "sum"
    mean = number(round(total / len(values), 6))
    said = t(
        lang,
        f"平均每年：({terms}) ÷ {len(values)} = {reply.num(mean, lang)}。",
        f"Mean per year: ({terms}) ÷ {len(values)} = {reply.num(mean, lang)}.",
    )
    return said, None, mean, "mean"


def _every_year(
    known: dict[int, float | int],
    rising: bool,
    show: Callable[[float | int | None, str], str],
    lang: str,
) -> str:
    """Yes or no: each year's figure above (below) the year before's, with the first year
    that was not; no value is given (the answer is the yes or the no)."""
    years = sorted(known.items())
    if len(years) < 2:
        return t(lang, "只有一年的数字，无法比较。", "Only one year's figure: nothing to compare.")
    path = " → ".join(reply.num(v, lang) for _, v in years)
    more = t(lang, "多" if rising else "少", "more" if rising else "fewer")
    stop = next(
        (
            (a, b)
            for a, b in zip(years, years[1:], strict=False)
            if (b[1] <= a[1] if rising else b[1] >= a[1])
        ),
        None,
    )
    if stop is None:
        return t(
            lang,
            f"是：每年都比上一年{more}（{path}）。",
            f"Yes: {more} every year than the year before ({path}).",
        )
    (y0, a), (y1, b) = stop
    return t(
        lang,
        f"不是：{y1} 年（{show(b, lang)}）没有比 {y0} 年（{show(a, lang)}）{more}（{path}）。",
        f"No: {y1} ({show(b, lang)}) was not {more} than {y0} ({show(a, lang)}) ({path}).",
    )


def _asked_of_years(r: Reading, years: int) -> str | None:
    """Which of `_over_years`' questions the reading asks, if any."""
    if r.has("rising", "falling"):
        return "rising" if r.has("rising") else "falling"
    if r.has("count_years") and (r.condition is not None or not r.has("change")):
        return "count"  # 有几年超过100件; 有几年存在结转 (more than none; not 比上一年多)
    if r.position or (r.top and r.top > 1):
        return "rank"
    if r.has("change") and years == 2:
        return "change"
    if r.has("which"):  # higher in 2023 or in 2024, 哪年多: the larger, and its year
        return "min" if r.has("min", "fewer") else "max"
    op = next((c for c in ("max", "min", "sum", "mean", "median") if r.has(c)), None)
    if (
        op is None
        and _TOTAL_OF_YEARS.search(r.text.compact)
        and not _EACH_YEAR.search(r.text.compact)
    ):
        op = "sum"  # 2021到2023年之间行政处罚决定总数: the years' figures added up
    if op == "sum" and (r.has("each", "respectively") or _EACH_YEAR.search(r.text.compact)):
        # 每年…各有多少（三种情形加起来）: a sum within each year, of a figure of several
        # rows or said of each (各); 每年收到的申请加起来一共: one row's years, summed
        grouped = any(len(m.row_sets[0]) > 1 for m in r.measures)
        within = r.has("each", "respectively") or grouped
        if within and not _SUM_OVER_YEARS.search(r.text.compact):
            return None
    return op


# 总数 of a span of years said as one (2021到2023年之间…总数): their sum; 2021-2025…总数
# alone may be each year's 总计 column
_TOTAL_OF_YEARS = re.compile(r"(?:之间|期间|这几年|这些年)[^，。？?]{0,16}?(?:总数|总量|总和)")
# 七年加起来 / 几年合计: a sum over the years, though each year is asked too
_SUM_OVER_YEARS = re.compile(
    r"[几两三四五六七八九十\d]+年(?:加起来|合计|总共|一共|总计)|再(?:算个)?(?:合计|加起来|总计)|算个合计"
)


# 2025减2024 (not 2021-2025, which is a range of years)
_YEAR_MINUS = re.compile(r"((?:19|20)\d{2})年?(?:减去|减|minus)((?:19|20)\d{2})")
# 比2023年 / 跟2023年比: the year compared with (2019年和2025年差多少 names two years alike:
# the later less the earlier)
_AGAINST_YEAR = re.compile(
    r"(?:比|较|对比)((?:19|20)\d{2})|(?:与|和|跟|同)((?:19|20)\d{2})年?(?:相?比|对比)"
)
_AGAINST_YEAR_EN = re.compile(
    r"(?:than|compared with|compared to|versus|vs\.?|from) ((?:19|20)\d{2})"
)


def _change_years(ctx: Ctx, available: list[int]) -> tuple[int, int]:
    """(year, the year it is compared with) of 比去年多多少 / 2024年比2022年 / 今年比去年."""
    ys = ctx.reading.years
    minus = _YEAR_MINUS.search(ctx.reading.text.compact)
    if minus:  # （2025减2024）: the first less the second, as written
        return int(minus.group(1)), int(minus.group(2))
    against = _AGAINST_YEAR.search(ctx.reading.text.compact) or _AGAINST_YEAR_EN.search(
        ctx.reading.text.words
    )
    if against:  # 比2023年多多少: 2023 is the year compared with
        prior = int(next(g for g in against.groups() if g))
        others = [y for y in ys.years if y != prior]
        return (others[0] if others else max(available)), prior
    if len(ys.explicit) == 1:
        return ys.explicit[0], ys.explicit[0] - 1
    if len(ys.years) >= 2:  # 从2019年到2025年, 2020→2021: the later against the earlier
        return max(ys.years), min(ys.years)
    # only 比去年 (去年 is then the year before the one asked about) or no year at all
    base = max(available)
    return base, base - 1


@dataclass
class TwoYears:
    """One figure of one agency in two years: what a change and a growth rate compare."""

    name: str
    how: str
    base: int
    prior: int
    values: dict[int, float | int | None]
    figures: list[dict[str, Any]]
    measure: Measure
    column: str

    def show(self, value: float | int | None, lang: str) -> str:
        return reply.amount(value, self.measure, self.column, lang)


def two_years(ctx: Ctx, m: Mention, intent: str) -> TwoYears | Answer:
    """The figure asked for in the year asked and the year it is compared with, or why not."""
    p = ctx.reading
    agency_id, name = _agency_of(ctx, m)
    available = ctx.reader.years_of(agency_id)
    if not available:
        return not_found_name(ctx, name, [])
    measures = p.measures or [MEASURES["review"], MEASURES["litigation"]]
    if len(measures) > 1:
        return ambiguous_figure(ctx, measures, None)
    measure = measures[0]
    base, prior = _change_years(ctx, available)
    missing = [y for y in (base, prior) if y not in available]
    if missing:
        years = t(ctx.lang, "、", ", ").join(map(str, available))
        gone = t(ctx.lang, "、", ", ").join(map(str, missing))
        text = t(
            ctx.lang,
            f"没有{name} {gone} 年的报告，无法比较 {base} 年与 {prior} 年。已收录的年份：{years}。",
            f"There is no {gone} report of {name}, so {base} cannot be compared with {prior}. Years indexed: {years}.",
        )
        cands = []
        for y in sorted(available, reverse=True):
            q = f"{name}{y}年{measure.zh}" if ctx.lang == "zh" else f"{measure.en} {name} {y}"
            cands.append({"id": y, "label": t(ctx.lang, f"{y}年", str(y)), "question": q})
        return ctx.answer("not_found", intent, text, agency=name, year=missing[0], candidates=cands)
    values: dict[int, float | int | None] = {}
    figures: list[dict[str, Any]] = []
    column = "total"
    for year in (base, prior):
        report = ctx.reader.report(agency_id, year)
        assert report is not None
        sel = _selection(ctx, measure, report)
        if isinstance(sel, list):
            return ambiguous_column(ctx, measure, sel, report)
        column = sel.column
        r = resolve(sel, report)
        values[year] = r.total if r is not None else None
        if r is not None:
            figures.extend(_figure_dicts(report, r, year=year))
    return TwoYears(name, m.how, base, prior, values, figures, measure, column)


def two_years_source(ctx: Ctx, ty: TwoYears) -> str:
    table = reply.TABLE_TITLES[ty.measure.table]
    return t(
        ctx.lang,
        f"来源：{ty.name} {ty.prior}、{ty.base} 年政府信息公开工作年度报告“{table}”表。",
        f"Source: {ty.name}'s {ty.prior} and {ty.base} annual reports, table “{table}”.",
    )


def two_years_line(ctx: Ctx, ty: TwoYears) -> str:
    what = reply.measure_name(ty.measure, ty.column, ctx.lang)
    a, b = ty.values[ty.base], ty.values[ty.prior]
    read = reply.read_as(ty.name, ty.how, ctx.lang)
    return t(
        ctx.lang,
        f"{ty.name}{read}{what}：{ty.base} 年 {ty.show(a, ctx.lang)}，{ty.prior} 年 {ty.show(b, ctx.lang)}。",
        f"{ty.name}{read}, {what}: {ty.base}: {ty.show(a, ctx.lang)}; {ty.prior}: {ty.show(b, ctx.lang)}.",
    )


def change(ctx: Ctx, m: Mention) -> Answer:
    """A figure of one agency against another year: the difference, both figures cited."""
    ty = two_years(ctx, m, "change")
    if isinstance(ty, Answer):
        return ty
    lang = ctx.lang
    base, prior = ty.base, ty.prior
    lines = [two_years_line(ctx, ty)]
    from .across import difference_lines  # across builds on this module

    diff, said = difference_lines(
        ctx,
        ty.values[base],
        ty.values[prior],
        t(lang, f"{base} 年", str(base)),
        t(lang, f"{prior} 年", str(prior)),
        ty.show,
    )
    lines.extend(said)
    lines.append(two_years_source(ctx, ty))
    return ctx.answer(
        *_checked(ctx, [ty.values[base], ty.values[prior]], "change"),
        "\n".join(lines),
        agency=ty.name,
        year=base,
        value=diff,
        figures=ty.figures,
    )


def two_figures(ctx: Ctx, m: Mention) -> Answer | None:
    """Two figures of one report compared (予以公开比部分公开多多少, 制发比废止多几件,
    法律服务机构比商业企业多几件): their difference, both cited; None when the question
    names one figure only."""
    from .across import difference_lines  # across builds on this module

    r = ctx.reading
    kinds = [k for k, _ in r.columns]
    same_kind = next((k for k in ("applicant", "outcome", "t2col") if kinds.count(k) >= 2), None)
    if len(r.measures) == 2:
        pairs = [(measure, None) for measure in r.measures]
    elif same_kind is not None:
        measure = (
            r.measures[0]
            if r.measures
            else MEASURES["review" if same_kind == "outcome" else "received"]
        )
        if measure.table != {"applicant": 3, "outcome": 4, "t2col": 2}[same_kind]:
            return None  # columns of another table (自然人 of 行政诉讼): not two of its figures
        pairs = [(measure, v) for k, v in r.columns if k == same_kind][:2]
    else:
        return None
    agency_id, name = _agency_of(ctx, m)
    available = ctx.reader.years_of(agency_id)
    latest = max(available) if available else None
    # 2023年的上年结转和2022年的结转下年度: each figure of its own year, as written
    years = (
        list(r.years.years[:2])
        if len(r.years.years) == 2
        else [r.years.years[0] if r.years.years else latest] * 2
    )
    for year in years:
        if year not in available:
            return year_not_found(ctx, name, year or 0, available)
    reports = [ctx.reader.report(agency_id, y) for y in dict.fromkeys(years)]
    by_year = {rep.year: rep for rep in reports if rep is not None}
    lang = ctx.lang
    values: list[float | int | None] = []
    labels: list[str] = []
    figures: list[dict[str, Any]] = []
    shows = []
    for (measure, column), year in zip(pairs, years, strict=True):
        report = by_year[year]
        sel = _selection(ctx, measure, report) if column is None else Selection(measure, column)
        if isinstance(sel, list):
            return ambiguous_column(ctx, measure, sel, report)
        res = resolve(sel, report)
        values.append(res.total if res is not None else None)
        label = reply.measure_name(measure, sel.column, lang)
        if years[0] != years[1]:
            label = t(lang, f"{year} 年{label}", f"{label} ({year})")
        labels.append(label)
        shows.append(lambda v, lg, s=sel: reply.amount(v, s.measure, s.column, lg))
        if res is not None:
            figures.extend(_figure_dicts(report, res, year=year))
    listed = t(lang, "，", "; ").join(
        f"{label} {show(v, lang)}" for label, show, v in zip(labels, shows, values, strict=True)
    )
    head = t(lang, f"{name} {years[0]} 年：", f"{name}, {years[0]}: ")
    if years[0] != years[1]:
        head = t(lang, f"{name}：", f"{name}: ")
    lines = [head + listed + t(lang, "。", ".")]
    diff, said = difference_lines(ctx, values[0], values[1], labels[0], labels[1], shows[0])
    lines.extend(said)
    if r.has("which") and not r.has("change") and None not in values:
        # 是予以公开的多还是不掌握信息的多: which is larger, and that figure
        larger = 0 if values[0] >= values[1] else 1  # type: ignore[operator]
        lines.insert(1, t(lang, f"较多的是{labels[larger]}。", f"The larger is {labels[larger]}."))
        diff = values[larger]
    titles = t(lang, "、", "; ").join(
        t(lang, f"《{reply.title_of(rep)}》", f"“{reply.title_of(rep)}”")
        for rep in by_year.values()
    )
    lines.append(t(lang, f"来源：{titles}。", f"Source: {titles}."))
    return ctx.answer(
        *_checked(ctx, values, "difference"),
        "\n".join(lines),
        agency=name,
        year=years[0],
        value=diff,
        figures=figures,
    )


def _checked(ctx: Ctx, values: list[float | int | None], intent: str) -> tuple[str, str]:
    """Status and intent of a comparison: 一样吗 asks whether two figures agree (yes or
    no, no number of its own), which a blank cannot settle."""
    if ctx.reading.has("same"):
        return ("not_found" if None in values else "answered"), "same"
    return "answered", intent


_HOW_MANY = re.compile(r"多少|几(?![十百千万])")


def two_sides(ctx: Ctx, m: Mention) -> Answer:
    """新收加上年结转 跟 办结加结转下年度 对一下: each side's sum in one report, whether they
    agree, and the gap; the value is the gap when a difference is asked, else the first
    side's sum (一共多少 … 对一下 asks that sum and the check)."""
    r = ctx.reading
    assert r.sides is not None
    agency_id, name = _agency_of(ctx, m)
    available = ctx.reader.years_of(agency_id)
    if not available:
        return not_found_name(ctx, name, [])
    year = r.years.years[0] if r.years.years else max(available)
    if year not in available:
        return year_not_found(ctx, name, year, available)
    report = ctx.reader.report(agency_id, year)
    assert report is not None
    lang = ctx.lang
    sums: list[float | int | None] = []
    lines: list[str] = []
    figures: list[dict[str, Any]] = []
    for side in r.sides:
        sel = _selection(ctx, combined(side), report)
        if isinstance(sel, list):
            return ambiguous_column(ctx, side[0], sel, report)
        res = resolve(sel, report)
        parts = [resolve(Selection(ms, sel.column), report) for ms in side]
        shown = [
            f"{reply.measure_name(ms, sel.column, lang)} {reply.num(p.total, lang) if p and p.total is not None else t(lang, '（未填写）', '(blank)')}"
            for ms, p in zip(side, parts, strict=True)
        ]
        total = res.total if res is not None else None
        sums.append(total)
        said = (
            reply.num(total, lang) if total is not None else t(lang, "无法计算", "cannot be added")
        )
        lines.append(" + ".join(shown) + f" = {said}")
        if res is not None:
            figures.extend(_figure_dicts(report, res))
    a, b = sums
    head = t(lang, f"{name} {year} 年：", f"{name}, {year}: ")
    body = [head + t(lang, "；", "; ").join(lines) + t(lang, "。", ".")]
    value: float | int | None = None
    if a is None or b is None:
        body.append(reply.blank_difference(lang, "一边的"))
        status = "not_found"
    else:
        gap = number(round(a - b, 6))
        body.append(
            t(lang, "两边一致。", "The two sides agree.")
            if gap == 0
            else t(
                lang,
                f"两边不一致，相差 {reply.num(gap, lang)}。",
                f"The two sides differ by {reply.num(gap, lang)}.",
            )
        )
        # the gap when a difference is asked (差多少, A 减去 B 等于几); the first sum when
        # a number is (一共多少… 对一下); none for a yes or no (对得上吗)
        minus = r.has("change") or "减" in r.text.compact
        value = gap if minus else (a if _HOW_MANY.search(r.text.compact) else None)
        status = "answered"
    body.append(
        t(
            lang,
            f"来源：《{reply.title_of(report)}》“{reply.TABLE_TITLES[r.sides[0][0].table]}”表。",
            f"Source: “{reply.title_of(report)}”, table “{reply.TABLE_TITLES[r.sides[0][0].table]}”.",
        )
    )
    return ctx.answer(
        status, "check", "\n".join(body), agency=name, year=year, value=value, figures=figures
    )


def stated_note(ctx: Ctx, year: int | None) -> str:
    """Each figure the question states (（七）总计是35) checked against the report the
    answer read: agreeing, or what the report prints instead."""
    r = ctx.reading
    if not r.stated or len(r.resolved) != 1 or year is None:
        return ""
    agency_id, _ = _agency_of(ctx, r.resolved[0])
    report = ctx.reader.report(agency_id, year)
    if report is None:
        return ""
    lang = ctx.lang
    lines = []
    for measure, said, of_total in r.stated:
        sel = _selection(ctx, measure, report)
        if of_total and isinstance(sel, Selection) and measure.table in (3, 4):
            sel = Selection(measure, "total")  # (table 2's columns have no total)
        res = resolve(sel, report) if isinstance(sel, Selection) else None
        printed = res.total if res is not None else None
        name = reply.measure_name(
            measure, sel.column if isinstance(sel, Selection) else "total", lang
        )
        if printed is None:
            lines.append(
                t(
                    lang,
                    f"问题中说{name}是 {reply.num(said, lang)}；报告此格没有数字。",
                    f"You give {name} as {reply.num(said, lang)}; the report prints no number there.",
                )
            )
        elif number(said) == printed:
            lines.append(
                t(
                    lang,
                    f"问题中说{name}是 {reply.num(said, lang)}，与报告一致。",
                    f"You give {name} as {reply.num(said, lang)}, as the report does.",
                )
            )
        else:
            lines.append(
                t(
                    lang,
                    f"注意：问题中说{name}是 {reply.num(said, lang)}，报告印的是 {reply.num(printed, lang)}。",
                    f"Note: you give {name} as {reply.num(said, lang)}; the report prints {reply.num(printed, lang)}.",
                )
            )
    return "\n".join(lines)
