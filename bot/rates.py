"""Rates and growth: ratios no report prints, worked out from the figures it does print.

A rate (予以公开率, 复议纠错率, 自然人申请占比) is a `Formula` of `bot.catalogue`: the answer
shows the formula, both inputs as printed and where they come from, and why the
denominator is that one. Nothing divides by a blank cell or by zero: 0/0 is no rate,
and says so. A rate over few cases carries a caution. A growth rate is the change of
a figure between two years over the earlier year's figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from . import reply
from .across import Quantity, across, quantity, times_of_agencies
from .agencies import Mention
from .catalogue import MEASURES, RATE_NAMES, SMALL_DENOMINATOR, Measure, Term
from .clarify import not_understood, which_agency, year_not_found
from .context import Ctx
from .figures import Selection, add, resolve
from .model import Answer
from .one_agency import (
    TwoYears,
    _figure_dicts,
    asks_of_years,
    over_years,
    two_years,
    two_years_line,
    two_years_source,
)
from .queries import ReportRow, number
from .reply import t


def rate(ctx: Ctx) -> Answer:
    """A rate of one agency's report, of several agencies compared, or across a scope."""
    r = ctx.reading
    resolved = r.resolved
    if len(resolved) >= 2:
        return across(ctx, op="rank", only=[m.agencies[0] for m in resolved], as_rate=True)
    if not resolved:
        if r.has("sum", "all") and not r.has("max", "min", "rank", "each"):
            return across(ctx, op="sum", as_rate=True)
        if r.has("mean", "median"):
            return across(ctx, op="median" if r.has("median") else "mean", as_rate=True)
        if r.has("max", "min", "rank", "each") or r.top or r.position:
            return across(ctx, op="rank", as_rate=True)
        if r.kind is not None or r.regions:
            # 司法局收到的申请里，自然人的占几成: all their cases taken together
            return across(ctx, op="sum", as_rate=True)
        return which_agency(ctx)
    words = len(_RATE_WORD.findall(r.text.compact)) + len(_RATE_WORD_EN.findall(r.text.words))
    if len(r.measures) == 2 and words >= 2:
        return _two_rates(ctx)
    q = quantity(ctx, as_rate=True)
    if isinstance(q, Answer):
        return q
    m = resolved[0]
    agency_id, name = ctx.agencies.ids[m.agencies[0]], ctx.agencies.names[m.agencies[0]]
    available = ctx.reader.years_of(agency_id)
    if len(r.years.years) >= 2 or r.has("trend"):
        return rate_by_year(ctx, q, m, available)
    year = r.years.years[0] if r.years.years else (max(available) if available else None)
    if year is None or year not in available:
        return year_not_found(ctx, name, year or 0, available)
    report = ctx.reader.report(agency_id, year)
    assert report is not None and q.rate is not None
    lang = ctx.lang
    num, num_cells = _side(q.rate.numerator, report)
    den, den_cells = _side(q.rate.denominator, report)
    what = q.name(lang)
    note = reply.read_as(name, m.how, lang) + reply.year_note(not r.years.years, lang)
    head = t(lang, f"{name} {year} 年{what}{note}：", f"{name}, {year}{note}: {what}: ")
    numerator = reply.terms_text(q.rate.numerator, lang)
    denominator = reply.terms_text(q.rate.denominator, lang)
    value = None
    if num is None or den is None:
        body = t(
            lang,
            f"无法计算：{numerator if num is None else denominator}有未填写的单元格（空白不等于 0）。",
            f"cannot be worked out: {numerator if num is None else denominator} has a blank cell (a blank is not a zero).",
        )
    elif den == 0:
        body = t(
            lang,
            f"无法计算：{denominator}为 0（0 除以 0 没有比率）。",
            f"there is none: {denominator} is 0 (nothing to divide by).",
        )
    else:
        value = number(round(num / den, 6))
        body = reply.percent(value, lang) + t(
            lang,
            f"。\n计算：{numerator} {reply.num(num, lang)} ÷ {denominator} {reply.num(den, lang)} = {reply.percent(value, lang)}（{q.rate.why_zh}）。",
            f".\nWorked out: {numerator} {reply.num(num, lang)} ÷ {denominator} {reply.num(den, lang)} = {reply.percent(value, lang)} ({q.rate.why_en}).",
        )
        if r.has("times"):  # 行政处罚是行政许可的几倍: the same ratio, as a multiple
            body += t(
                lang,
                f"即 {reply.num(value, lang)} 倍。",
                f" That is {reply.num(value, lang)} times.",
            )
        if den < SMALL_DENOMINATOR:
            body += t(
                lang,
                f"\n注意：分母只有 {reply.num(den, lang)} 件，比率说明的问题有限。",
                f"\nCaution: only {reply.num(den, lang)} cases in the denominator; the rate says little.",
            )
    table = reply.TABLE_TITLES[q.measure.table]
    source = t(
        lang,
        f"来源：《{reply.title_of(report)}》“{table}”表。",
        f"Source: “{reply.title_of(report)}”, table “{table}”.",
    )
    lines = [head + body, source]
    warn = reply.warning(_broken(report, num_cells + den_cells), lang)
    if warn:
        lines.append(warn)
    figures = [
        f
        for res in _resolved(q.rate.numerator + q.rate.denominator, report)
        for f in _figure_dicts(report, res)
    ]
    return ctx.answer(
        "answered", "rate", "\n".join(lines), agency=name, year=year, value=value, figures=figures
    )


def _worked_out(q: Quantity, report: ReportRow) -> tuple[float | int | None, str]:
    """The rate in one report, and how it was worked out (or why there is none)."""
    assert q.rate is not None
    num, _ = _side(q.rate.numerator, report)
    den, _ = _side(q.rate.denominator, report)
    if num is None or den is None:
        return None, "—"
    if den == 0:
        return None, f"{reply.num(num)} ÷ 0"
    value = number(round(num / den, 6))
    return value, f"{reply.num(num)} ÷ {reply.num(den)}"


# 复议纠错率和诉讼败诉率: a rate word for each figure, two rates (not one over the other)
_RATE_WORD = re.compile(r"率")
_RATE_WORD_EN = re.compile(r"\brates?\b")


def _two_rates(ctx: Ctx) -> Answer:
    """Two rates of one report, each named (复议纠错率和诉讼败诉率哪个高): each worked out
    on its own; the value is the higher when the question asks which, none otherwise."""
    r = ctx.reading
    each = [
        rate(replace(ctx, reading=replace(r, measures=[m], cues=r.cues - {"which"})))
        for m in r.measures
    ]
    values = [a.value for a in each]
    value = None
    lines = [a.text for a in each]
    if r.has("which") and all(isinstance(v, int | float) for v in values):
        top = 0 if values[0] >= values[1] else 1  # type: ignore[operator]
        value = values[top]
        column = r.outcome or r.applicant or "total"
        named = RATE_NAMES.get((r.measures[top].key, column))
        name = (
            named[ctx.lang == "en"]
            if named
            else reply.measure_name(r.measures[top], column, ctx.lang)
        )
        lines.append(
            t(ctx.lang, "两者相同。", "They are the same.")
            if values[0] == values[1]
            else t(ctx.lang, f"较高的是{name}。", f"The higher is {name}.")
        )
    answered = all(a.status == "answered" for a in each)
    return ctx.answer(
        "answered" if answered else each[0].status,
        "rate",
        "\n\n".join(lines),
        agency=each[0].agency,
        year=each[0].year,
        value=value,
        figures=[f for a in each for f in a.figures],
    )


def rate_by_year(ctx: Ctx, q: Quantity, m: Mention, available: list[int]) -> Answer:
    """平潭2021-2025年行政复议纠错率: the rate in each report, the latest one's as the answer."""
    assert q.rate is not None
    lang = ctx.lang
    agency_id, name = ctx.agencies.ids[m.agencies[0]], ctx.agencies.names[m.agencies[0]]
    asked = ctx.reading.years.years
    years = [y for y in asked if y in available] if len(asked) >= 2 else available
    if not years:
        return year_not_found(ctx, name, asked[0] if asked else 0, available)
    lines = [t(lang, f"{name}历年{q.name(lang)}：", f"{name}, {q.name(lang)}, by year:")]
    figures = []
    value = None
    by_year: dict[int, float | int | None] = {}
    for year in sorted(years):
        report = ctx.reader.report(agency_id, year)
        assert report is not None
        value, how = _worked_out(q, report)
        by_year[year] = value
        lines.append(
            t(
                lang,
                f"{year} 年：{reply.percent(value, lang)}（{how}）",
                f"{year}: {reply.percent(value, lang)} ({how})",
            )
        )
        figures.append(
            {"table": q.measure.table, "row": q.measure.key, "column": q.column, "value": value,
             "year": year, "agency": name, "rate": True}
        )  # fmt: skip
    missing = [y for y in asked if y not in available] if len(asked) >= 2 else []
    if missing:
        lines.append(
            t(
                lang,
                f"没有这些年份的报告：{'、'.join(map(str, missing))}。",
                f"No report for: {', '.join(map(str, missing))}.",
            )
        )
    lines.append(reply.formula_text(q.rate, lang))
    table = reply.TABLE_TITLES[q.measure.table]
    lines.append(
        t(
            lang,
            f"来源：{name}各年度政府信息公开工作年度报告“{table}”表。",
            f"Source: {name}'s annual reports, table “{table}”.",
        )
    )
    year: int | None = max(years)
    over = over_years(ctx, by_year, reply.percent, rates=True)
    if over is not None:  # 哪年最高, 排前三, 平均: what is asked of the years' rates
        said, year, value, intent = over
        lines.insert(len(years) + 1, said)
    elif asks_of_years(ctx.reading):
        year, value = None, None  # asked of the years what is not worked out: no value
    return ctx.answer(
        "answered" if value is not None or over is None or intent == "yes_no" else "not_found",
        "rate",
        "\n".join(lines),
        agency=name,
        year=year,
        value=value,
        figures=figures,
    )


def _resolved(terms: tuple[Term, ...], report: ReportRow) -> list:
    out = []
    for key, column in terms:
        res = resolve(Selection(MEASURES[key], column), report)
        if res is not None:
            out.append(res)
    return out


def _side(terms: tuple[Term, ...], report: ReportRow) -> tuple[float | int | None, list]:
    """One side of a rate in one report: the sum of its terms (None if any is blank)."""
    found = _resolved(terms, report)
    if len(found) < len(terms):
        return None, []
    cells = [c for res in found for c in res.cells]
    return add(res.total for res in found), cells


def _broken(report: ReportRow, cells: list) -> list[tuple[str, str]]:
    from .figures import broken_rules

    return broken_rules(cells, report)


def no_formula(ctx: Ctx, measure: Measure, column: str) -> Answer:
    """A rate of a figure that is a share of nothing (行政许可率): ask for the figure."""
    plain = reply.measure_name(measure, column, ctx.lang)
    hits = [h for h in ctx.reading.hits if h.phrase.kind == "cue" and h.phrase.value == "rate"]
    question = (
        ctx.reading.text.rewrite([(h.start, h.end, h.view, "") for h in hits]) if hits else ""
    )
    cands = [{"id": 0, "label": question, "question": question}] if question.strip() else []
    text = t(
        ctx.lang,
        f"“{plain}”没有通行的比率算法（不知道它占什么的比例），我不自行设定分母。可以问这项数字本身。",
        f"There is no agreed rate for “{plain}” (a share of what?), and I do not make up a denominator. Ask for the figure itself.",
    )
    return ctx.answer("unsupported", "rate", text, candidates=cands)


def growth(ctx: Ctx) -> Answer:
    """增长率 / growth rate: the change between two years over the earlier year's figure."""
    resolved = ctx.reading.resolved
    if len(resolved) != 1:
        return which_agency(ctx)
    ty = two_years(ctx, resolved[0], "growth")
    if isinstance(ty, Answer):
        return ty

    if _DECLINE.search(ctx.reading.text.compact) or _DECLINE_EN.search(ctx.reading.text.words):
        # 下降了百分之几 / 降幅: the fall, as a share of the earlier year's figure

        def fell(a: float, b: float, value: float | int, lang: str) -> str:
            a_, b_, v = reply.num(a, lang), reply.num(b, lang), reply.percent(value, lang)
            working = t(
                lang,
                f"下降幅度 = ({b_} − {a_}) ÷ {b_} = {v}。",
                f"Decline = ({b_} − {a_}) ÷ {b_} = {v}.",
            )
            if value >= 0:
                return working
            # asked how far it fell, of a figure that rose: the sign alone would hide that
            rose = reply.percent(-value, lang)
            return working + t(
                lang,
                f"即没有下降，而是增长了 {rose}。",
                f" It did not fall: it rose by {rose}.",
            )

        return _of_two_years(ctx, ty, ty.base, ty.prior, "growth", lambda a, b: (b - a) / b, fell)

    def said(a: float, b: float, value: float | int, lang: str) -> str:
        a_, b_, v = reply.num(a, lang), reply.num(b, lang), reply.percent(value, lang)
        return t(
            lang, f"增长率 = ({a_} − {b_}) ÷ {b_} = {v}。", f"Growth = ({a_} − {b_}) ÷ {b_} = {v}."
        )

    return _of_two_years(ctx, ty, ty.base, ty.prior, "growth", lambda a, b: (a - b) / b, said)


_DECLINE = re.compile(r"下降|减少|降低|降幅|下跌")
_DECLINE_EN = re.compile(r"\b(?:decline|declined|decrease|decreased|drop|dropped|fall|fell)\b")


# 2023年是2024年的几倍: the year after 是 … 的 is the one divided by
_TIMES_OF = re.compile(r"是((?:19|20)\d{2})年?的")


def times(ctx: Ctx) -> Answer:
    """几倍 / how many times: a figure over another year's, or over another figure of the
    same report (行政处罚是行政许可的几倍, the first named over the second)."""
    r = ctx.reading
    if len(r.measures) == 2 and len(r.resolved) == 1:
        return rate(ctx)
    if len(r.resolved) == 2 and len(r.years.years) <= 1 and len(r.measures) <= 1:
        return times_of_agencies(ctx, r.resolved)  # 淮安的行政处罚是沭阳的几倍
    if len(r.resolved) != 1 or len(r.years.years) < 2:
        # of two agencies, or of one year: not a multiple this engine works out
        unread = [w for w in ("几倍", "多少倍", "几番", "times") if w in r.text.compact]
        return not_understood(
            replace(ctx, reading=replace(r, not_understood=r.not_understood + unread))
        )
    ty = two_years(ctx, r.resolved[0], "times")
    if isinstance(ty, Answer):
        return ty
    over = _TIMES_OF.search(r.text.compact)
    top, bottom = (
        (ty.prior, ty.base) if over and int(over.group(1)) == ty.base else (ty.base, ty.prior)
    )

    def said(a: float, b: float, value: float | int, lang: str) -> str:
        a_, b_, v = reply.num(a, lang), reply.num(b, lang), reply.num(value, lang)
        return t(
            lang,
            f"{top} 年是 {bottom} 年的 {a_} ÷ {b_} = {v} 倍。",
            f"{top} is {a_} ÷ {b_} = {v} times {bottom}.",
        )

    return _of_two_years(ctx, ty, top, bottom, "times", lambda a, b: a / b, said)


def _of_two_years(
    ctx: Ctx,
    ty: TwoYears,
    top: int,
    bottom: int,
    intent: str,
    work: Callable[[float, float], float],
    said: Callable[[float, float, float | int, str], str],
) -> Answer:
    """A quantity of one figure in two years that divides by the `bottom` year's (a growth
    rate, a multiple): both figures, the working, or why there is none (a blank, a zero)."""
    lang = ctx.lang
    a, b = ty.values[top], ty.values[bottom]
    lines = [two_years_line(ctx, ty)]
    value = None
    if a is None or b is None:
        lines.append(reply.blank_difference(lang, "一年的"))
    elif b == 0:
        lines.append(
            t(
                lang,
                f"{bottom} 年为 0，无法计算（不能除以 0）。",
                f"{bottom} is 0: nothing to divide by.",
            )
        )
    else:
        value = number(round(work(a, b), 6))
        lines.append(said(a, b, value, lang))
    lines.append(two_years_source(ctx, ty))
    return ctx.answer(
        "answered",
        intent,
        "\n".join(lines),
        agency=ty.name,
        year=top,
        value=value,
        figures=ty.figures,
    )
