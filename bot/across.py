"""Answers across agencies: a ranking, top-k, a sum, a mean, a count, or the agencies named
compared.

Over the agencies of a kind (司法局, 区政府), the agencies named, or all; in the year the
question names, or else in each agency's own latest report. What is read in each report
is a `Quantity`: a figure, or a rate (予以公开率) worked out report by report. A report
that leaves the figure blank (or a rate with nothing to divide by) is left out and
named, never counted as zero.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from . import reply
from .agencies import Mention
from .catalogue import (
    APPLICANT_NAMES,
    MEASURES,
    ORG_COLUMNS,
    TABLE2_COLUMNS,
    Formula,
    Measure,
    Term,
    formula,
)
from .clarify import ambiguous_column, ambiguous_figure, no_year_across
from .columns import Group, Spread
from .context import Ctx
from .figures import Selection, broken_rules, resolve
from .model import Answer
from .places import in_regions
from .queries import Cell, ReportRow, number
from .reply import t

RANK_DEFAULT = 10
COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Quantity:
    """What an answer across agencies reads in each report: a figure, or a rate."""

    measure: Measure
    column: str
    rate: Formula | None = None

    def cells(self, terms: tuple[Term, ...]) -> list[list[Cell]]:
        """Per term, its row sets' cells (a term's figure is the first set a report prints)."""
        return [
            [Selection(MEASURES[key], col).cells(rows) for rows in MEASURES[key].row_sets]
            for key, col in terms
        ]

    def parts(self, ctx: Ctx, group: Group) -> tuple[np.ndarray, np.ndarray | None]:
        """(numerator, denominator) in each report of the group; the figure and None for a
        figure. NaN where a cell is blank."""
        if self.rate is None:
            sel = Selection(self.measure, self.column)
            cells = [sel.cells(rows) for rows in self.measure.row_sets]
            return ctx.reader.columns.spread(cells, group).totals, None

        def total(terms: tuple[Term, ...]) -> np.ndarray:
            out = np.zeros(len(group.positions))
            for row_sets in self.cells(terms):
                out = out + ctx.reader.columns.spread(row_sets, group).totals
            return out

        return total(self.rate.numerator), total(self.rate.denominator)

    def spread(self, ctx: Ctx, group: Group) -> Spread:
        num, den = self.parts(ctx, group)
        if den is None:
            return Spread(group, num)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(den > 0, num / den, np.nan)
        return Spread(group, ratio)

    def name(self, lang: str) -> str:
        if self.rate is None:
            return reply.measure_name(self.measure, self.column, lang)
        if self.rate not in (
            formula(self.measure, self.column),
            formula(self.measure, self.column, within=True),
        ):  # a ratio the question set out
            num, den = (
                reply.terms_text(self.rate.numerator, lang),
                reply.terms_text(self.rate.denominator, lang),
            )
            return t(lang, f"{num}占{den}的比例", f"{num} as a share of {den}")
        if (
            self.rate
            == formula(self.measure, self.column, within=True)
            != formula(self.measure, self.column)
        ):  # 予以公开率 among 自然人's requests
            named = reply.rate_name(self.measure, "total", lang)
            zh, en = APPLICANT_NAMES[self.column]  # a column, or 法人或其他组织's five
            return t(lang, f"{zh}申请的{named}", f"{named} of {en} applications")
        return reply.rate_name(self.measure, self.column, lang)

    def show(self, value: float | int | None, lang: str) -> str:
        if self.rate is not None:
            return reply.percent(value, lang)
        return reply.amount(value, self.measure, self.column, lang)


# A rate named as such (予以公开率, 办结率), not a share (占比, 比例)
NAMED_RATE = re.compile(r"(?:公开|办结|纠错|败诉|纠正)率|\brate\b")


def quantity(ctx: Ctx, *, as_rate: bool = False) -> Quantity | Answer:
    """The one quantity a question over several agencies asks for, or the question back."""
    r = ctx.reading
    measures = r.measures or ([MEASURES["review"], MEASURES["litigation"]] if r.outcome else [])
    if not measures:
        return ambiguous_figure(
            ctx,
            [MEASURES[k] for k in ("received", "granted", "withheld", "review", "litigation")],
            None,
        )
    if as_rate and (spelled_out := _over_what_is_named(ctx, measures)) is not None:
        return spelled_out
    if as_rate and len(r.measures) == 2:  # both named by the question: one over the other
        first, second = measures
        column = column_for_all(ctx, first)
        named = formula(first, column, within=False) if column else None
        below = {k for k, _ in named.denominator} if named else set()
        spelled = second.key in below and (
            below <= {m.key for m in measures}
            or NAMED_RATE.search(r.text.compact)
            or NAMED_RATE.search(r.text.words)
        )
        if named is None or not spelled or r.has("times"):
            return _asked_ratio(ctx, measures)  # 办结占新收的比例: over what is named
        # completion rate – requests concluded against those received plus carried over:
        # the rate's own formula, which the question names and spells out
        return Quantity(first, column, named)
    if len(measures) > 1:
        return ambiguous_figure(ctx, measures, None)
    measure = measures[0]
    column = column_for_all(ctx, measure)
    if column is None:
        cols = ["issued", "repealed", "in_force"]
        reports = ReportRow(0, 0, "", 0, t(ctx.lang, "各机关报告", "the reports"), "", "")
        return ambiguous_column(ctx, measure, cols, reports)
    if not as_rate:
        return Quantity(measure, column)
    rate = formula(measure, column, within=bool(NAMED_RATE.search(r.text.compact)))
    if rate is None:
        from .rates import no_formula  # the rate module asks back for rates

        return no_formula(ctx, measure, column)
    return Quantity(measure, column, rate)


# what after 占 says the whole is all of the figure: 占复议总数的比例
_ALL_OF = re.compile(r"总数|总计|总量|全部|所有|一共|合计")


def _over_what_is_named(ctx: Ctx, measures: list[Measure]) -> Quantity | Answer | None:
    """A share whose whole the question spells out, where a rate's own denominator would
    answer another question: 复议占复议和诉讼全部案件的比例 (a sum of two figures),
    复议里结果纠正的占复议总数的比例 (all reviews, pending ones too, not the decided ones
    a correction rate is of), 法人或其他组织的申请里法律服务机构占多少 (one applicant column
    of the group it belongs to). None when the question says no such thing."""
    r = ctx.reading
    compact = r.text.compact
    at = compact.find("占")
    hits = [h for h in r.hits if h.view == "compact"]
    first = measures[0]
    column = column_for_all(ctx, first)
    if column is None:
        return None
    after = list(
        dict.fromkeys(
            h.phrase.value for h in hits if h.phrase.kind == "measure" and h.start > at >= 0
        )
    )
    before = [h for h in hits if h.phrase.kind == "measure" and 0 <= h.start < at]
    if at >= 0 and before and len(after) >= 2 and all(k in MEASURES for k in after):
        # the whole is the sum of the figures named after 占
        whole = tuple((k, column_for_all(ctx, MEASURES[k]) or "total") for k in after)
        return Quantity(first, column, _asked(((first.key, column),), whole, ctx))
    if (
        at >= 0
        and after == [first.key]
        and column != "total"
        and first.table == 4
        and _ALL_OF.search(compact, at)
    ):
        # 结果纠正的占复议总数: of every case, the pending ones too
        return Quantity(first, column, _asked(((first.key, column),), ((first.key, "total"),), ctx))
    applicants = [v for k, v in r.columns if k == "applicant"]
    if first.table == 3 and len(applicants) == 2 and "org" in applicants:
        member = next(c for c in applicants if c != "org")
        groups = [h for h in hits if h.phrase.kind == "applicant" and h.phrase.value == "org"]
        parts = [h for h in hits if h.phrase.kind == "applicant" and h.phrase.value == member]
        inside = any(
            g.end <= p.start and _WITHIN.search(compact, g.end, p.start)
            for g in groups
            for p in parts
        )
        if member in ORG_COLUMNS and inside:
            # 法人或其他组织的申请里法律服务机构: a column of the five over their sum
            return Quantity(
                first, member, _asked(((first.key, member),), ((first.key, "org"),), ctx)
            )
    return None


_WITHIN = re.compile(r"中|里|之中|当中")


def _asked(numerator: tuple[Term, ...], whole: tuple[Term, ...], ctx: Ctx) -> Formula:
    """A share the question sets out: its whole said in the answer as the question's."""
    zh = " + ".join(reply.measure_name(MEASURES[k], c, "zh") for k, c in whole)
    en = " + ".join(reply.measure_name(MEASURES[k], c, "en") for k, c in whole)
    if len(whole) > 1:
        zh, en = f"{zh}之和", f"the sum {en}"
    return Formula(numerator, whole, f"按问题所问，以{zh}为分母", f"as asked: out of {en}")


def _asked_ratio(ctx: Ctx, measures: list[Measure]) -> Quantity | Answer:
    """X占Y的比例 (部分公开占办结总数的比例): the question gives both sides itself."""
    columns = [column_for_all(ctx, m) for m in measures]
    if None in columns:
        return ambiguous_figure(ctx, measures, None)
    (a, b), (ca, cb) = measures, columns
    rate = Formula(
        ((a.key, ca),),
        ((b.key, cb),),
        f"按问题所问，以{reply.measure_name(b, cb, 'zh')}为分母",
        f"as asked: out of {reply.measure_name(b, cb, 'en')}",
    )
    return Quantity(a, ca, rate)


def column_for_all(ctx: Ctx, measure: Measure) -> str | None:
    p = ctx.reading
    if measure.table == 3:
        return p.applicant or "total"
    if measure.table == 4:
        return p.outcome or "total"
    if p.t2col and p.t2col in TABLE2_COLUMNS.get(measure.key, ()):
        return p.t2col
    return {
        "licensing": "decisions",
        "penalty": "decisions",
        "coercion": "decisions",
        "fees": "amount",
        "procurement": "amount",
    }.get(measure.key)


@dataclass
class Scope:
    """The reports an answer across agencies reads, and what to call them."""

    group: Group
    in_scope: np.ndarray  # over the group's reports
    name: str
    named: bool = False  # the agencies the question names, not a kind or all

    @property
    def when(self) -> str:
        return str(self.group.year) if self.group.year else ""


def scope(ctx: Ctx, only: list[int] | None = None, year: int | None = None) -> Scope | Answer:
    """The group of reports (the year asked, or each agency's latest) and which of them
    the question ranges over (the agencies named, a kind, or all)."""
    years = [y for y, _ in ctx.reader.years()]
    asked = year or (ctx.reading.years.years[0] if ctx.reading.years.years else None)
    if asked is not None and asked not in years:
        return no_year_across(ctx, asked, years)
    pairs = asked_years(ctx)
    group = ctx.reader.columns.group_of(pairs) if pairs and asked is None else None
    group = group or ctx.reader.columns.group(asked)
    if group is None:
        return no_year_across(ctx, asked, years)
    ids: list[int] | None = None
    if only is not None:
        ids = [ctx.agencies.ids[i] for i in only]
    elif ctx.reading.kind is not None or ctx.reading.regions:
        ids = [ctx.agencies.ids[i] for i in scope_agencies(ctx)]
    in_scope = (
        np.isin(group.agency_ids, np.array(ids, np.int64))
        if ids is not None
        else np.ones(len(group.positions), bool)
    )
    return Scope(group, in_scope, scope_name(ctx, only), named=only is not None)


# the operations over the agencies a question names that one missing or blank figure
# spoils (what the refusal says it cannot do)
_DONE_ZH = {
    "sum": "合计",
    "mean": "平均",
    "median": "取中位数",
    "rank": "比较",
    "count": "计数",
    "share": "计算占比",
}
# what no report may be left out of: a blank cell makes the whole unknown (a mean and a
# ranking are of the reports that give the figure, and say so; a rate no report can give,
# of nothing divided by nothing, leaves a pooled rate or a count on a mark as it is)
_NEEDS_EVERY_FIGURE = ("sum", "count")


def _left_out(ctx: Ctx, sc: Scope, only: list[int] | None) -> list[str]:
    """The agencies named that have no report in the group, and the places named (two or
    more) that have no agency of the kind asked: what a sum or ranking would leave out."""
    if only is not None:
        present = set(sc.group.agency_ids[sc.in_scope].tolist())
        return [ctx.agencies.names[i] for i in only if ctx.agencies.ids[i] not in present]
    r = ctx.reading
    if r.kind is None or len(r.regions) < 2:
        return []
    of_kind = set(ctx.agencies.of_kind(r.kind))
    return [
        f"{region.name}{r.kind.label}"
        for region in r.regions
        if not of_kind & in_regions(ctx.agencies, [region])
    ]


def asked_years(ctx: Ctx) -> list[tuple[int, int]]:
    """(agency id, year) of each agency the question names with a year of its own
    (平潭2021年和淮安2024年比): empty when the agencies share the year asked, or none."""
    return [(ctx.agencies.ids[idxs[0]], year) for idxs, year in ctx.reading.years_apart]


def _one_year(sc: Scope, valid: np.ndarray) -> int | None:
    """The year of every report the answer reads, when they share one."""
    if sc.group.year is not None:
        return sc.group.year
    years = sc.group.years[valid if valid.any() else sc.in_scope]
    if not len(years):
        return None
    first = int(years.min())
    return first if first == int(years.max()) else None


def _period(ctx: Ctx, sc: Scope, valid: np.ndarray) -> str:
    """'2024 年' or, for each agency's latest report when they are of several years,
    that and the years they cover: said wherever the answer names its scope."""
    year = _one_year(sc, valid)
    if year is not None:
        return t(ctx.lang, f"{year} 年", f"{year}")
    years = sc.group.years[valid] if valid.any() else sc.group.years[sc.in_scope]
    span = f"{int(years.min())}–{int(years.max())}"
    if sc.group.asked:
        return t(ctx.lang, f"（各按所问年份，{span} 年）", f"each in the year asked, {span}")
    return t(ctx.lang, f"（各取最新一期报告，{span} 年）", f"latest report of each, {span}")


def _where(ctx: Ctx, sc: Scope, valid: np.ndarray) -> str:
    """'2024 年各司法局' / '所有机关（各取最新一期报告，2019–2024 年）'."""
    period = _period(ctx, sc, valid)
    if ctx.lang == "en":
        return f"{sc.name} ({period})"
    return period + sc.name if _one_year(sc, valid) is not None else sc.name + period


def across(
    ctx: Ctx,
    *,
    op: str = "rank",
    only: list[int] | None = None,
    year: int | None = None,
    as_rate: bool = False,
) -> Answer:
    """A ranking, a sum, a mean or a count of one quantity over agencies."""
    q = quantity(ctx, as_rate=as_rate)
    if isinstance(q, Answer):
        return q
    sc = scope(ctx, only, year)
    if isinstance(sc, Answer):
        return sc
    intent = {"rank": "ranking"}.get(op, op)
    left_out = _left_out(ctx, sc, only)
    if left_out and op in _DONE_ZH:
        # 淮安和上海市政府办公厅（2025）合计: a sum, mean or ranking of the agencies
        # named is not made of some of them
        text = t(
            ctx.lang,
            f"{'、'.join(left_out)}没有这项数字可用（没有该年的报告，或没有这类机关），无法{_DONE_ZH[op]}。",
            f"{', '.join(left_out)}: nothing to use (no report of that year, or no such agency), so no {op} can be given.",
        )
        return ctx.answer("not_found", intent, text, year=sc.group.year)
    if not sc.in_scope.any():
        text = t(ctx.lang, f"没有{sc.name}的报告。", f"No reports of {sc.name}.")
        return ctx.answer("not_found", intent, text, year=sc.group.year)
    spread = q.spread(ctx, sc.group)
    valid = sc.in_scope & ~np.isnan(spread.totals)
    blank = sc.in_scope & np.isnan(spread.totals)
    table = reply.TABLE_TITLES[q.measure.table]
    source = t(
        ctx.lang,
        f"来源：各机关政府信息公开工作年度报告“{table}”表。",
        f"Source: the agencies' annual reports, table “{table}”.",
    )
    notes = [_blank_note(ctx, q, _names(ctx, spread, blank, 10), int(blank.sum())), source]
    if sc.named and blank.any() and op in _DONE_ZH:
        # 上海科委和上海市政府办公厅谁多, 平潭和办公厅一共: with one named agency's figure
        # blank, no most, sum, mean, count or share of them is given
        shown = _entries(ctx, spread, np.flatnonzero(valid))
        text = t(
            ctx.lang,
            f"{_where(ctx, sc, valid)}中有报告没有{q.name(ctx.lang)}的数字（空白不等于 0），无法{_DONE_ZH[op]}。",
            f"{_where(ctx, sc, valid)}: not every report gives {q.name(ctx.lang)} (a blank is not a zero); no {op} can be given.",
        )
        lines = [text, *_listed(ctx, q, sc, shown), *filter(None, notes)]
        return ctx.answer("not_found", intent, "\n".join(lines))
    if q.rate is not None:
        notes.insert(0, reply.formula_text(q.rate, ctx.lang))
    answer = OPS[op](ctx, q, sc, spread, valid, notes)
    if blank.any() and op in _NEEDS_EVERY_FIGURE and q.rate is None and answer.value is not None:
        # 2025年所有机关合计 / 超过10件的有几家 with some reports blank: what the others
        # give is shown, said to be partial, and is not the value (a blank may be anything)
        head = t(
            ctx.lang,
            f"有 {int(blank.sum())} 份报告没有{q.name(ctx.lang)}的数字（空白不等于 0），"
            f"无法得出全部的{_DONE_ZH[op]}；以下只是有此数字的报告：",
            f"{int(blank.sum())} reports give no {q.name(ctx.lang)} (a blank is not a zero), "
            f"so no {op} of them all can be given; below, only the reports that give it:",
        )
        return replace(answer, value=None, text=f"{head}\n{answer.text}")
    return answer


def _names(ctx: Ctx, spread: Spread, mask: np.ndarray, limit: int) -> list[str]:
    """Up to `limit` agency names of the masked reports, by name."""
    picked = spread.group.agency_ids[mask]
    names = [ctx.agencies.names[ctx.agencies.position[int(a)]] for a in picked[:1000]]
    return sorted(names)[:limit]


def _entries(
    ctx: Ctx, spread: Spread, positions: np.ndarray
) -> list[tuple[float | int, str, int, int]]:
    """(value, agency, report id, year) of the reports at `positions`."""
    out = []
    g = spread.group
    for i in positions:
        agency = ctx.agencies.names[ctx.agencies.position[int(g.agency_ids[i])]]
        value = float(spread.totals[i])
        out.append((number(round(value, 6)), agency, int(g.report_ids[i]), int(g.years[i])))
    return out


# Up to this many reports, a sum or a mean lists (10) or cites (50) each one's figure.
CITED = 50


def _listed_entries(
    ctx: Ctx, spread: Spread, valid: np.ndarray, count: int
) -> list[tuple[float | int, str, int, int]]:
    """The entries a sum or a mean shows, largest first: none over `CITED` reports (a
    national sum would otherwise name and sort every report only to show none)."""
    if count > CITED:
        return []
    entries = _entries(ctx, spread, np.flatnonzero(valid))
    entries.sort(key=lambda e: (-e[0], e[1]))
    return entries


def _sum(
    ctx: Ctx, q: Quantity, sc: Scope, spread: Spread, valid: np.ndarray, notes: list[str]
) -> Answer:
    count = int(valid.sum())
    lang = ctx.lang
    what = q.name(lang)
    where = _where(ctx, sc, valid)
    if not count:
        text = t(
            lang,
            f"{where}的报告都没有{what}的数字，无法合计。",
            f"No report of {where} gives {what}: no total can be made.",
        )
        return ctx.answer("answered", "sum", "\n".join([text, *filter(None, notes)]))
    entries = _listed_entries(ctx, spread, valid, count)
    if q.rate is not None:  # a rate over several agencies: all their cases taken together
        num, den = q.parts(ctx, sc.group)
        assert den is not None
        n, d = math.fsum(num[valid].tolist()), math.fsum(den[valid].tolist())
        total = number(round(n / d, 6)) if d else None
        head = t(
            lang,
            f"{where}（{count} 份报告）合起来的{what}：{q.show(total, lang)}"
            f"（合计 {reply.num(number(n), lang)} ÷ {reply.num(number(d), lang)}）。",
            f"{where}, {count} reports taken together, {what}: {q.show(total, lang)}"
            f" ({reply.num(number(n), lang)} ÷ {reply.num(number(d), lang)} in all).",
        )
    else:
        total = number(round(math.fsum(spread.totals[valid].tolist()), 6))
        head = t(
            lang,
            f"{where}（{count} 份报告）{what}合计：{q.show(total, lang)}。",
            f"{where}, {count} reports: {what}, in total: {q.show(total, lang)}.",
        )
    lines = [head]
    if count <= 10:
        lines.extend(_listed(ctx, q, sc, entries))
    lines.extend(filter(None, notes))
    figs = _agency_figures(q, entries)
    return ctx.answer(
        "answered", "sum", "\n".join(lines), year=_one_year(sc, valid), value=total, figures=figs
    )


def _share(
    ctx: Ctx, q: Quantity, sc: Scope, spread: Spread, valid: np.ndarray, notes: list[str]
) -> Answer:
    """淮安的申请占这几家总数的多少: one named agency's figure over the named agencies'
    total, each figure cited; none when any of them is blank."""
    lang = ctx.lang
    what = q.name(lang)
    where = _where(ctx, sc, valid)
    part = ctx.reading.share_part
    assert part is not None
    entries = _entries(ctx, spread, np.flatnonzero(valid))
    name = ctx.agencies.names[part]
    mine = next(v for v, n, _, _ in entries if n == name)
    total = number(round(math.fsum(v for v, _, _, _ in entries), 6))
    value = number(round(mine / total, 6)) if total else None
    terms = " + ".join(reply.num(v, lang) for v, _, _, _ in entries)
    head = t(
        lang,
        f"{where}中，{name}的{what}占 {len(entries)} 家合计的 {reply.percent(value, lang)}：{reply.num(mine, lang)} ÷ ({terms}) = {reply.percent(value, lang)}。",
        f"{where}: {name}'s share of the {len(entries)} agencies' {what}: {reply.num(mine, lang)} ÷ ({terms}) = {reply.percent(value, lang)}.",
    )
    if not total:
        head = t(
            lang, f"{where}的{what}合计为 0，无法计算占比。", f"{where}: the total is 0; no share."
        )
    lines = [head, *_listed(ctx, q, sc, entries), *filter(None, notes)]
    return ctx.answer(
        "answered" if value is not None else "not_found",
        "share",
        "\n".join(lines),
        agency=name,
        year=_one_year(sc, valid),
        value=value,
        figures=_agency_figures(q, entries),
    )


def _mean(
    ctx: Ctx, q: Quantity, sc: Scope, spread: Spread, valid: np.ndarray, notes: list[str]
) -> Answer:
    return _centre(ctx, q, sc, spread, valid, notes, "mean")


def _median(
    ctx: Ctx, q: Quantity, sc: Scope, spread: Spread, valid: np.ndarray, notes: list[str]
) -> Answer:
    return _centre(ctx, q, sc, spread, valid, notes, "median")


def _centre(
    ctx: Ctx,
    q: Quantity,
    sc: Scope,
    spread: Spread,
    valid: np.ndarray,
    notes: list[str],
    how: str,
) -> Answer:
    """The mean, or the median (中位数: the middle figure, or the mean of the middle two),
    of the reports that give the figure, with how it was taken."""
    count = int(valid.sum())
    lang = ctx.lang
    what = q.name(lang)
    where = _where(ctx, sc, valid)
    said_zh, said_en = ("平均", "mean") if how == "mean" else ("中位数", "median")
    if not count:
        text = t(
            lang,
            f"{where}的报告都没有{what}的数字，无法求{said_zh}。",
            f"No report of {where} gives {what}: no {said_en} can be taken.",
        )
        return ctx.answer("answered", how, "\n".join([text, *filter(None, notes)]))
    values = spread.totals[valid].tolist()
    total = math.fsum(values)
    entries = _listed_entries(ctx, spread, valid, count)
    if how == "median":
        value = number(round(float(np.median(values)), 6))
        formula_line = t(
            lang,
            f"（{count} 个机关的数字从小到大排列，取中间{'一个' if count % 2 else '两个的平均'}）",
            f" (the {count} agencies' figures in order, the middle "
            f"{'one' if count % 2 else 'two averaged'})",
        )
        head = t(lang, f"{where}{what}的中位数：", f"{where}, median {what}: ")
    else:
        value = number(round(total / count, 6))
        shown_total = q.show(number(round(total, 6)), lang) if q.rate is None else ""
        formula_line = (
            t(
                lang,
                f"（{count} 个机关合计 {shown_total} ÷ {count}）",
                f" ({shown_total} in all ÷ {count} agencies)",
            )
            if q.rate is None
            else t(
                lang,
                f"（{count} 个机关的比率之和 ÷ {count}）",
                f" (the {count} agencies' rates ÷ {count})",
            )
        )
        head = t(lang, f"{where}平均{what}：", f"{where}, mean {what}: ")
    lines = [f"{head}{q.show(value, lang)}{formula_line}" + t(lang, "。", ".")]
    if count <= 10:
        lines.extend(_listed(ctx, q, sc, entries))
    lines.extend(filter(None, notes))
    figs = _agency_figures(q, entries)
    return ctx.answer(
        "answered", how, "\n".join(lines), year=_one_year(sc, valid), value=value, figures=figs
    )


def _count(
    ctx: Ctx, q: Quantity, sc: Scope, spread: Spread, valid: np.ndarray, notes: list[str]
) -> Answer:
    """How many agencies' figure meets the question's condition (by default: not zero)."""
    lang = ctx.lang
    if ctx.reading.percent_mark and q.rate is None:  # 超过50% of a count: not a mark for it
        text = t(
            lang,
            f"{q.name(lang)}是件数，问题中的百分比不是它的界限。",
            f"{q.name(lang)} is a count; a percentage is no mark for it.",
        )
        return ctx.answer("unsupported", "count", text)
    comparison, threshold = ctx.reading.mark(reply.unit(q.measure, q.column, "zh").strip())
    test = COMPARISONS[comparison]
    meets = valid.copy()
    meets[valid] = test(spread.totals[valid], threshold)
    n = int(meets.sum())
    what = q.name(lang)
    where = _where(ctx, sc, valid)
    said = {">": "大于", ">=": "不少于", "<": "少于", "==": "等于"}[comparison]
    said_en = {">": "over", ">=": "at least", "<": "under", "==": "equal to"}[comparison]
    limit = reply.num(number(threshold), lang)
    entries = _entries(ctx, spread, np.flatnonzero(meets))
    entries.sort(key=lambda e: (-e[0], e[1]))
    lines = [
        t(
            lang,
            f"{where}中，{what}{said} {limit} 的有 {n} 个（{int(valid.sum())} 个机关有此数字）。",
            f"{where}: {n} of the {int(valid.sum())} agencies that give {what} have it {said_en} {limit}.",
        )
    ]
    lines.extend(_listed(ctx, q, sc, entries[:RANK_DEFAULT]))
    if n > RANK_DEFAULT:
        lines.append(t(lang, f"……共 {n} 个。", f"…{n} in all."))
    lines.extend(filter(None, notes))
    return ctx.answer(
        "answered",
        "count",
        "\n".join(lines),
        year=sc.group.year,
        value=n,
        figures=_agency_figures(q, entries[:50]),
    )


def _listed(
    ctx: Ctx,
    q: Quantity,
    sc: Scope,
    entries: list[tuple[float | int, str, int, int]],
    *,
    ranked: bool = False,
) -> list[str]:
    """One line per agency: its value (and, across years, the year of its report)."""
    out = []
    one_year = _one_year(sc, sc.in_scope) is not None
    place, before = 0, None
    for i, (v, n, _, year) in enumerate(entries, 1):
        when = "" if one_year else t(ctx.lang, f"（{year} 年）", f" ({year})")
        if v != before:  # tied figures share a place: 1, 1, 3
            place, before = i, v
        head = f"{place}. " if ranked else "· "
        out.append(
            f"{head}{n}{when}：{q.show(v, ctx.lang)}"
            if ctx.lang == "zh"
            else f"{head}{n}{when}: {q.show(v, ctx.lang)}"
        )
    return out


def _place_of(
    ctx: Ctx,
    q: Quantity,
    sc: Scope,
    spread: Spread,
    valid: np.ndarray,
    notes: list[str],
) -> Answer:
    """平潭在四家里排第几: where the agency named first stands, its figure the value (places
    shared by ties: as many ahead of it, plus one)."""
    lang = ctx.lang
    entries = sorted(_entries(ctx, spread, np.flatnonzero(valid)), key=lambda e: (-e[0], e[1]))
    name = ctx.agencies.names[ctx.reading.resolved[0].agencies[0]]
    mine = next((e for e in entries if e[1] == name), None)
    where = _where(ctx, sc, valid)
    if mine is None:
        text = t(lang, f"{name}没有这项数字，无法排名。", f"{name} gives no such figure to rank.")
        return ctx.answer("not_found", "ranking", "\n".join([text, *filter(None, notes)]))
    place = 1 + sum(e[0] > mine[0] for e in entries)
    head = t(
        lang,
        f"{where}中，{name}的{q.name(lang)}为 {q.show(mine[0], lang)}，从多到少排第 {place}（共 {len(entries)} 个机关有此数字）。",
        f"{where}: {name}'s {q.name(lang)} is {q.show(mine[0], lang)}, number {place} of {len(entries)} from the most.",
    )
    lines = [head, *_listed(ctx, q, sc, entries, ranked=True), *filter(None, notes)]
    return ctx.answer(
        "answered",
        "ranking",
        "\n".join(lines),
        agency=name,
        year=mine[3],
        value=mine[0],
        figures=_agency_figures(q, entries, ranked=True),
    )


def _ranking(
    ctx: Ctx, q: Quantity, sc: Scope, spread: Spread, valid: np.ndarray, notes: list[str]
) -> Answer:
    p = ctx.reading
    lang = ctx.lang
    what = q.name(lang)
    where = _where(ctx, sc, valid)
    positions = np.flatnonzero(valid)
    if not len(positions):
        text = t(
            lang,
            f"{where}的报告都没有这项数字。",
            f"No report of {where} gives this figure.",
        )
        return ctx.answer("answered", "ranking", "\n".join([text, *filter(None, notes)]))
    if p.has("which_place") and p.resolved:
        return _place_of(ctx, q, sc, spread, valid, notes)
    descending = not p.has("min")
    values = spread.totals[positions]
    top_value = values.max() if descending else values.min()
    n_tied = int((values == top_value).sum())
    limit = p.top or (min(max(n_tied, 5), RANK_DEFAULT) if p.has("max", "min") else RANK_DEFAULT)
    limit = max(limit, p.position or 0)
    # the `limit` best reports and every report tied with the best (ordered by name below)
    order = np.argsort(-values if descending else values, kind="stable")
    shown = _entries(ctx, spread, positions[order[: max(limit, min(n_tied, 5000))]])
    shown.sort(key=lambda e: (-e[0] if descending else e[0], e[1]))
    best = number(round(float(top_value), 6))
    tied = [e for e in shown if e[0] == best]
    shown = shown[:limit]
    most = t(lang, "最多" if descending else "最少", "the most" if descending else "the least")
    if q.rate is not None:
        most = t(
            lang, "最高" if descending else "最低", "the highest" if descending else "the lowest"
        )
    top = q.show(best, lang)
    place = shown[p.position - 1] if p.position and p.position <= len(shown) else None
    if p.position and place is None:
        text = t(
            lang,
            f"{where}只有 {len(positions)} 个机关有此数字，没有第 {p.position} 名。",
            f"{where}: only {len(positions)} agencies give this figure; there is no number {p.position}.",
        )
        return ctx.answer("answered", "ranking", text)
    if place is not None:
        best = place[0]
        tied = [e for e in shown if e[0] == best]
        n_tied = len(tied)
        head = t(
            lang,
            f"{where}中，{what}排第 {p.position} 的是 {place[1]}：{q.show(best, lang)}。",
            f"{where}: number {p.position} for {what}: {place[1]}, {q.show(best, lang)}.",
        )
    elif p.top and p.top > 1:
        head = t(
            lang,
            f"{where}中，{what}{most}的 {min(p.top, len(positions))} 个：",
            f"{where}: the {min(p.top, len(positions))} with {most} {what}:",
        )
    elif n_tied == 1:
        head = t(
            lang,
            f"{where}中，{what}{most}的是 {tied[0][1]}：{top}。",
            f"{where}: {most} {what}: {tied[0][1]}, {top}.",
        )
    else:
        names = t(lang, "、", ", ").join(n for _, n, _, _ in tied[:RANK_DEFAULT])
        more = t(lang, "等", " …") if n_tied > RANK_DEFAULT else ""
        head = t(
            lang,
            f"{where}中，{what}{most}的有 {n_tied} 个并列：{names}{more}，均为 {top}。",
            f"{where}: {n_tied} agencies tie for {most} {what}: {names}{more}, {top} each.",
        )
    lines = [head]
    if not (p.top and p.top > 1):
        lines.append(
            t(
                lang,
                f"排名（共 {len(positions)} 个机关有此数字）：",
                f"Ranking ({len(positions)} agencies give this figure):",
            )
        )
    lines.extend(_listed(ctx, q, sc, shown, ranked=True))
    lines.extend(filter(None, notes))
    warn = _ranking_warnings(ctx, q, shown)
    if warn:
        lines.append(warn)
    figs = _agency_figures(q, shown, ranked=True)
    return ctx.answer(
        "answered",
        "ranking",
        "\n".join(lines),
        agency=place[1] if place else (tied[0][1] if n_tied == 1 else None),
        year=_one_year(sc, valid),
        value=best,
        figures=figs,
    )


OPS: dict[str, Callable[[Ctx, Quantity, Scope, Spread, np.ndarray, list[str]], Answer]] = {
    "rank": _ranking,
    "sum": _sum,
    "share": _share,
    "mean": _mean,
    "median": _median,
    "count": _count,
}


def _agency_figures(
    q: Quantity,
    entries: list[tuple[float | int, str, int, int]],
    *,
    ranked: bool = False,
) -> list[dict[str, Any]]:
    """One cited figure per listed agency, so every answer across agencies cites alike."""
    figs: list[dict[str, Any]] = []
    for i, (v, n, _, year) in enumerate(entries, 1):
        fig: dict[str, Any] = {
            "table": q.measure.table,
            "row": q.measure.key,
            "column": q.column,
            "value": v,
            "agency": n,
            "year": year,
        }
        if q.rate is not None:
            fig["rate"] = True
        if ranked:
            fig["rank"] = i
        figs.append(fig)
    return figs


def scope_agencies(ctx: Ctx) -> list[int]:
    """The agencies of the kind and in the regions the question names (all if neither)."""
    r = ctx.reading
    idxs = ctx.agencies.of_kind(r.kind)
    if r.regions:
        inside = in_regions(ctx.agencies, r.regions)
        idxs = [i for i in idxs if i in inside]
    return idxs


def scope_name(ctx: Ctx, only: list[int] | None) -> str:
    if only is not None:
        return t(ctx.lang, "、", ", ").join(ctx.agencies.names[i] for i in only)
    r = ctx.reading
    where = t(ctx.lang, "和", " and ").join(region.name for region in r.regions)
    if r.kind is not None:
        return t(
            ctx.lang,
            f"{where}各{r.kind.label}",
            f"{r.kind.label} of {where}" if where else r.kind.label,
        )
    if where:
        return t(ctx.lang, f"{where}所有机关", f"all agencies of {where}")
    return t(ctx.lang, "所有机关", "all agencies")


def _blank_note(ctx: Ctx, q: Quantity, names: list[str], count: int) -> str:
    if not count:
        return ""
    listed = t(ctx.lang, "、", ", ").join(names) + (
        t(ctx.lang, "等", " …") if count > len(names) else ""
    )
    if q.rate is not None:
        return t(
            ctx.lang,
            f"{count} 份报告无法计算此比率（分子或分母有空白，或分母为 0），未计入：{listed}。",
            f"{count} reports give no such rate (a blank cell, or nothing to divide by) and are left out: {listed}.",
        )
    return t(
        ctx.lang,
        f"{count} 份报告这项数字未填写或不完整，未计入（空白不等于 0）：{listed}。",
        f"{count} reports leave this figure blank or incomplete and are not counted (a blank is not a zero): {listed}.",
    )


def _ranking_warnings(ctx: Ctx, q: Quantity, shown: list[tuple[float | int, str, int, int]]) -> str:
    broken = []
    cells: list[Cell] = [
        c for rows in q.measure.row_sets for c in Selection(q.measure, q.column).cells(rows)
    ]
    for _, name, rid, _ in shown:
        failed = ctx.reader.failed_checks(rid)
        if not failed:
            continue
        fake = ReportRow(rid, 0, name, 0, "", "", "", failed=failed)
        if broken_rules(cells, fake):
            broken.append(name)
    if not broken:
        return ""
    names = t(ctx.lang, "、", ", ").join(broken)
    return t(
        ctx.lang,
        f"⚠ 注意：{names} 的报告中与此数字有关的勾稽关系不成立，数字按原样引用。",
        f"⚠ Warning: the reports of {names} break an identity involving this figure; quoted as printed.",
    )


def compare(ctx: Ctx, mentions: list[Mention]) -> Answer:
    """Two or more agencies named: rank them on the figure asked for."""
    if not ctx.reading.measures and not ctx.reading.outcome:
        cands = []
        for m in mentions:
            name = ctx.agencies.names[m.agencies[0]]
            q = f"{name}报告" if ctx.lang == "zh" else f"report card for {name}"
            cands.append({"id": ctx.agencies.ids[m.agencies[0]], "label": name, "question": q})
        text = t(
            ctx.lang,
            "问题里有几个机关。请说明要比较哪项数字，或选择一个机关。",
            "The question names several agencies. Say which figure to compare, or pick one.",
        )
        return ctx.answer("ambiguous", "agency", text, candidates=cands)
    only = [m.agencies[0] for m in mentions]
    year = _named_year(ctx, only)
    if isinstance(year, Answer):
        return year
    return across(ctx, op="rank", only=only, year=year)


def _named_year(ctx: Ctx, only: list[int]) -> int | None | Answer:
    """The year the named agencies are compared in: the question's, or else each one's
    latest report (None), which the answer then shows beside each agency. A year asked
    that a named agency has no report of is said, not dropped: a comparison that left the
    agency out would name a winner the question did not ask about."""
    if not ctx.reading.years.years:
        return None
    year = ctx.reading.years.years[0]
    have = {i: ctx.reader.years_of(ctx.agencies.ids[i]) for i in only}
    lacking = [i for i in only if year not in have[i]]
    if not lacking:
        return year
    parts = []
    cands = []
    measure = ctx.reading.measures[0] if len(ctx.reading.measures) == 1 else None
    for i in lacking:
        ys = t(ctx.lang, "、", ", ").join(map(str, have[i])) or "—"
        parts.append(
            t(
                ctx.lang,
                f"{ctx.agencies.names[i]}（已收录：{ys}）",
                f"{ctx.agencies.names[i]} (indexed: {ys})",
            )
        )
    for i in only:
        name = ctx.agencies.names[i]
        if have[i] and measure is not None:
            y = max(have[i])
            q = f"{name}{y}年{measure.zh}" if ctx.lang == "zh" else f"{measure.en} {name} {y}"
            cands.append({"id": ctx.agencies.ids[i], "label": f"{name} {y}", "question": q})
    listed = t(ctx.lang, "、", ", ").join(parts)
    text = t(
        ctx.lang,
        f"没有以下机关 {year} 年的报告，无法在 {year} 年比较：{listed}。",
        f"No {year} report of: {listed}; they cannot be compared for {year}.",
    )
    return ctx.answer("not_found", "ranking", text, year=year, candidates=cands)


def difference(ctx: Ctx, mentions: list[Mention]) -> Answer:
    """A比B多多少: the first agency's figure less the second's, each from its report of the
    year asked (or its latest), both cited."""
    return _of_two_agencies(ctx, mentions, "difference")


def times_of_agencies(ctx: Ctx, mentions: list[Mention]) -> Answer:
    """淮安的行政处罚是沭阳的几倍: the first agency's figure over the second's, each from its
    report of the year asked (or its latest), both cited."""
    return _of_two_agencies(ctx, mentions, "times")


def _of_two_agencies(ctx: Ctx, mentions: list[Mention], intent: str) -> Answer:
    """One figure of two agencies, worked into `intent`: their difference, or how many
    times the second the first is. Each agency's report is of the year asked, its own
    year (平潭2021年和淮安2024年), or its latest; a blank, or nothing to divide by, is said."""
    only = [m.agencies[0] for m in mentions]
    q = quantity(ctx)
    if isinstance(q, Answer):
        return q
    year = _named_year(ctx, only)
    if isinstance(year, Answer):
        return year
    values: list[float | int | None] = []
    names: list[str] = []
    figs: list[dict[str, Any]] = []
    sel = Selection(q.measure, q.column)
    lang = ctx.lang
    for i in only:
        name = ctx.agencies.names[i]
        available = ctx.reader.years_of(ctx.agencies.ids[i])
        own = dict(asked_years(ctx)).get(ctx.agencies.ids[i])
        which = year if year is not None else own or (max(available) if available else None)
        report = ctx.reader.report(ctx.agencies.ids[i], which) if which in available else None
        if report is None:
            text = t(
                lang,
                f"没有{name} {which or ''} 年的报告，无法计算。已收录的年份：{'、'.join(map(str, available)) or '—'}。",
                f"There is no {which or ''} report of {name}, so nothing can be worked out. Years indexed: {', '.join(map(str, available)) or '—'}.",
            )
            return ctx.answer("not_found", intent, text, agency=name, year=which)
        r = resolve(sel, report)
        value = r.total if r is not None else None
        values.append(value)
        names.append(
            f"{name}（{report.year} 年）"
            if year is None and lang == "zh"
            else name
            if year
            else f"{name} ({report.year})"
        )
        figs.append(
            {
                "table": q.measure.table,
                "row": q.measure.key,
                "column": q.column,
                "value": value,
                "agency": name,
                "year": report.year,
            }
        )
    what = q.name(lang)
    listed = t(lang, "，", "; ").join(
        f"{n} {q.show(v, lang)}" for n, v in zip(names, values, strict=True)
    )
    when = t(lang, f"{year} 年", f"{year}, ") if year else ""
    lines = [t(lang, f"{when}{what}：{listed}。", f"{when}{what}: {listed}.")]
    first, second = ctx.agencies.names[only[0]], ctx.agencies.names[only[1]]
    if intent == "times":
        value, said = _times_lines(ctx, values[0], values[1], first, second)
    else:
        value, said = difference_lines(ctx, values[0], values[1], first, second, q.show)
    lines.extend(said)
    lines.append(
        t(
            lang,
            f"来源：各机关政府信息公开工作年度报告“{reply.TABLE_TITLES[q.measure.table]}”表。",
            f"Source: the agencies' annual reports, table “{reply.TABLE_TITLES[q.measure.table]}”.",
        )
    )
    years = {f["year"] for f in figs}
    return ctx.answer(
        "answered" if value is not None else "not_found",
        intent,
        "\n".join(lines),
        year=years.pop() if len(years) == 1 else None,
        value=value,
        figures=figs,
    )


def _times_lines(
    ctx: Ctx, a: float | int | None, b: float | int | None, first: str, second: str
) -> tuple[float | int | None, list[str]]:
    """How many times `second`'s figure `first`'s is, worked out, or why not."""
    lang = ctx.lang
    if a is None or b is None:
        return None, [
            t(
                lang,
                "其中一个机关没有这项数字（空白不等于 0），无法计算倍数。",
                "One of them leaves this figure blank (a blank is not a zero): no multiple can be given.",
            )
        ]
    if b == 0:
        return None, [
            t(lang, f"{second}为 0，无法计算倍数。", f"{second} has 0: nothing to divide by.")
        ]
    value = number(round(a / b, 6))
    a_, b_, v = reply.num(a, lang), reply.num(b, lang), reply.num(value, lang)
    return value, [
        t(
            lang,
            f"倍数 = {a_} ÷ {b_} = {v}：{first}是{second}的 {v} 倍。",
            f"Multiple = {a_} ÷ {b_} = {v}: {first} has {v} times {second}'s.",
        )
    ]


def difference_lines(
    ctx: Ctx,
    a: float | int | None,
    b: float | int | None,
    first: str,
    second: str,
    show: Callable[[float | int | None, str], str],
) -> tuple[float | int | None, list[str]]:
    """The difference asked and the lines that show it: A − B for 多, B − A for 少
    (A比B少几件 asks how many fewer A has), with the formula; for 一样吗 (whether the two
    agree) no number, but yes or no with both figures."""
    lang = ctx.lang
    if a is None or b is None:
        return None, [reply.blank_difference(lang, "一份")]
    fewer = ctx.reading.has("fewer")
    x, y = (b, a) if fewer else (a, b)
    diff = number(round(x - y, 6))
    worked = t(
        lang,
        f"差额 = {reply.num(x, lang)} − {reply.num(y, lang)} = {reply.num(diff, lang)}。",
        f"Difference = {reply.num(x, lang)} − {reply.num(y, lang)} = {reply.num(diff, lang)}.",
    )
    if ctx.reading.has("same"):  # 一样吗 / does it match: yes or no, both figures shown
        # …对得上吗，差几件: the difference asked too, worked out as for 多多少
        asked = ctx.reading.has("change")
        if diff == 0:
            said = t(lang, f"两者一致，都是 {show(a, lang)}。", f"Yes: both are {show(a, lang)}.")
        else:
            said = t(
                lang,
                f"两者不一致：{first} {show(a, lang)}，{second} {show(b, lang)}，相差 {show(abs(diff), lang)}。",
                f"No: {first} is {show(a, lang)}, {second} is {show(b, lang)}, {show(abs(diff), lang)} apart.",
            )
        return (diff, [said, worked]) if asked else (None, [said])
    lines = [worked]
    gap = number(round(a - b, 6))
    if gap == 0:
        lines.append(t(lang, "两者相同。", "They are the same."))
    else:
        more = t(lang, "多" if gap > 0 else "少", "more" if gap > 0 else "less")
        lines.append(
            t(
                lang,
                f"{first}比{second}{more} {show(abs(gap), lang)}。",
                f"{first} has {show(abs(gap), lang)} {more} than {second}.",
            )
        )
    return diff, lines


# 既…也… / 既…又… / 同时 / 并且: two conditions joined
_BOTH_CONDITIONS = re.compile(r"既[^，。？?]{1,24}?[也又]|同时|并且|而且")
_BOTH_CONDITIONS_EN = re.compile(r"\bboth\b.*\band\b|\bneither\b.*\bnor\b")


def count(ctx: Ctx) -> Answer:
    """有几个司法局… : agencies counted, on a figure's condition or, with none, as indexed."""
    r = ctx.reading
    if _BOTH_CONDITIONS.search(r.text.compact) or _BOTH_CONDITIONS_EN.search(r.text.words):
        # 既没收到申请、也没有行政许可决定的: two figures each on a mark, of which one alone
        # (the weaker word dropped) would count other agencies
        text = t(
            ctx.lang,
            "这个问题同时对两项数字设了条件。我一次只按一项数字的条件计数：请分别问每个条件。",
            "This question puts conditions on two figures at once. I count on one figure's "
            "condition at a time: ask about each condition on its own.",
        )
        return ctx.answer("unsupported", "count", text)
    if r.measures or r.outcome:
        only = [m.agencies[0] for m in r.resolved] or None
        return across(ctx, op="count", only=only, as_rate=r.has("rate"))
    idxs = scope_agencies(ctx)
    where = scope_name(ctx, None)
    names = [ctx.agencies.names[i] for i in idxs]
    listed = t(ctx.lang, "、", ", ").join(sorted(names)[:RANK_DEFAULT])
    more = t(ctx.lang, "等", " …") if len(names) > RANK_DEFAULT else ""
    text = t(
        ctx.lang,
        f"索引中有{where} {len(idxs)} 个：{listed}{more}。",
        f"{len(idxs)} of {where} are indexed: {listed}{more}.",
    )
    return ctx.answer("answered", "count", text, value=len(idxs))


def mean(ctx: Ctx, op: str = "mean") -> Answer:
    """The mean (or with `op` "median", the median) over the agencies named or a scope."""
    only = [m.agencies[0] for m in ctx.reading.resolved] or None
    return across(ctx, op=op, only=only, as_rate=ctx.reading.has("rate"))
