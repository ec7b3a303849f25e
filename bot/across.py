"""Answers across agencies: a ranking, a sum, or a comparison of the agencies named.

One year at a time (the question's, or the latest indexed), over the agencies of a
kind (司法局, 区政府) or all. A report that leaves the figure blank is left out and
named, never counted as zero.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import reply
from .agencies import Mention
from .catalogue import MEASURES, Measure
from .clarify import ambiguous_column, ambiguous_figure, no_year_across
from .columns import Spread
from .context import Ctx
from .figures import Selection, broken_rules, resolve
from .model import Answer
from .queries import Cell, ReportRow, number
from .reply import t

RANK_DEFAULT = 10


def _across_year(ctx: Ctx) -> tuple[int | None, list[int]]:
    years = [y for y, _ in ctx.reader.years()]
    if ctx.p.years.years:
        return ctx.p.years.years[0], years
    return (max(years) if years else None), years


def _column_for_all(ctx: Ctx, measure: Measure) -> str | None:
    p = ctx.p
    if measure.table == 3:
        return p.applicant or "total"
    if measure.table == 4:
        return p.outcome or "total"
    if p.t2col:
        return p.t2col
    return {
        "licensing": "decisions",
        "penalty": "decisions",
        "coercion": "decisions",
        "fees": "amount",
        "procurement": "amount",
    }.get(measure.key)


def _one_figure(ctx: Ctx, measures: list[Measure]) -> tuple[Measure, str] | Answer:
    """The one figure a question over several agencies asks for, or the question back."""
    if len(measures) > 1:
        return ambiguous_figure(ctx, measures, None)
    measure = measures[0]
    column = _column_for_all(ctx, measure)
    if column is None:
        cols = ["issued", "repealed", "in_force"]
        reports = ReportRow(0, 0, "", 0, t(ctx.lang, "各机关报告", "the reports"), "", "")
        return ambiguous_column(ctx, measure, cols, reports)
    return measure, column


def across(
    ctx: Ctx, *, ranking: bool, only: list[int] | None = None, year: int | None = None
) -> Answer:
    """A ranking (or a sum) of one figure over agencies of a kind, of one year."""
    p = ctx.p
    measures = p.measures or ([MEASURES["review"], MEASURES["litigation"]] if p.outcome else [])
    if not measures:
        return ambiguous_figure(
            ctx,
            [MEASURES[k] for k in ("received", "granted", "withheld", "review", "litigation")],
            None,
        )
    chosen = _one_figure(ctx, measures)
    if isinstance(chosen, Answer):
        return chosen
    measure, column = chosen
    asked, years = _across_year(ctx)
    year = year or asked
    if year is None or year not in years:
        return no_year_across(ctx, year, years)
    sel = Selection(measure, column)
    spread = ctx.reader.columns.spread([sel.cells(rows) for rows in measure.row_sets], year)
    assert spread is not None  # the year has reports
    scope_ids = None
    if only is not None:
        scope_ids = [ctx.agencies.ids[i] for i in only]
    elif p.kind is not None:
        scope_ids = [ctx.agencies.ids[i] for i in ctx.agencies.of_kind(p.kind)]
    in_scope = (
        np.isin(spread.year.agency_ids, np.array(scope_ids, np.int64))
        if scope_ids is not None
        else np.ones(len(spread.totals), bool)
    )
    valid = in_scope & ~np.isnan(spread.totals)
    blank = in_scope & np.isnan(spread.totals)
    scope = _scope_name(ctx, only)
    what = reply.measure_name(measure, column, ctx.lang)
    if not in_scope.any():
        text = t(ctx.lang, f"{year} 年没有{scope}的报告。", f"No {year} reports of {scope}.")
        return ctx.answer("not_found", "ranking" if ranking else "sum", text, year=year)
    source = t(
        ctx.lang,
        f"来源：各机关 {year} 年政府信息公开工作年度报告“{reply.TABLE_TITLES[measure.table]}”表。",
        f"Source: the {year} annual reports, table “{reply.TABLE_TITLES[measure.table]}”.",
    )
    blank_note = _blank_note(ctx, _names(ctx, spread, blank, 10), int(blank.sum()))
    if ranking:
        return _ranking(ctx, measure, sel, spread, valid, year, scope, what, [blank_note, source])
    return _sum(ctx, measure, column, spread, valid, year, scope, what, [blank_note, source])


def _names(ctx: Ctx, spread: Spread, mask: np.ndarray, limit: int) -> list[str]:
    """Up to `limit` agency names of the masked reports, by name."""
    picked = spread.year.agency_ids[mask]
    names = [ctx.agencies.names[ctx.agencies.position[int(a)]] for a in picked[:1000]]
    return sorted(names)[:limit]


def _entries(ctx: Ctx, spread: Spread, positions: np.ndarray) -> list[tuple[float | int, str, int]]:
    """(value, agency, report id) of the reports at `positions`."""
    out = []
    for i in positions:
        agency = ctx.agencies.names[ctx.agencies.position[int(spread.year.agency_ids[i])]]
        out.append((number(float(spread.totals[i])), agency, int(spread.year.report_ids[i])))
    return out


def _sum(
    ctx: Ctx,
    measure: Measure,
    column: str,
    spread: Spread,
    valid: np.ndarray,
    year: int,
    scope: str,
    what: str,
    notes: list[str],
) -> Answer:
    count = int(valid.sum())
    u = lambda v: reply.amount(v, measure, column, ctx.lang)  # noqa: E731
    if not count:
        text = t(
            ctx.lang,
            f"{year} 年{scope}的报告都没有印出{what}的数字，无法合计。",
            f"No {year} report of {scope} prints a number for {what}: no total can be made.",
        )
        return ctx.answer("answered", "sum", "\n".join([text, *filter(None, notes)]), year=year)
    total = number(round(math.fsum(spread.totals[valid].tolist()), 6))
    lines = [
        t(
            ctx.lang,
            f"{year} 年{scope}（{count} 份报告）{what}合计：{u(total)}。",
            f"{year}, {scope} ({count} reports): {what}, in total: {u(total)}.",
        )
    ]
    entries = _entries(ctx, spread, np.flatnonzero(valid)) if count <= 50 else []
    entries.sort(key=lambda e: (-e[0], e[1]))
    if count <= 10:
        lines.extend(
            f"· {n}：{u(v)}" if ctx.lang == "zh" else f"· {n}: {u(v)}" for v, n, _ in entries
        )
    lines.extend(filter(None, notes))
    figs = _agency_figures(measure, column, year, entries)
    return ctx.answer("answered", "sum", "\n".join(lines), year=year, value=total, figures=figs)


def _ranking(
    ctx: Ctx,
    measure: Measure,
    sel: Selection,
    spread: Spread,
    valid: np.ndarray,
    year: int,
    scope: str,
    what: str,
    notes: list[str],
) -> Answer:
    p = ctx.p
    column = sel.column
    u = lambda v: reply.amount(v, measure, column, ctx.lang)  # noqa: E731
    positions = np.flatnonzero(valid)
    if not len(positions):
        text = t(
            ctx.lang,
            f"{year} 年{scope}的报告都没有这项数字。",
            f"No {year} report of {scope} prints this figure.",
        )
        return ctx.answer("answered", "ranking", "\n".join([text, *filter(None, notes)]), year=year)
    descending = not p.has("min")
    values = spread.totals[positions]
    top_value = values.max() if descending else values.min()
    n_tied = int((values == top_value).sum())
    limit = p.top or (min(max(n_tied, 5), RANK_DEFAULT) if p.has("max", "min") else RANK_DEFAULT)
    # the `limit` best reports and every report tied with the best (ordered by name below)
    order = np.argsort(-values if descending else values, kind="stable")
    shown = _entries(ctx, spread, positions[order[: max(limit, min(n_tied, 5000))]])
    shown.sort(key=lambda e: (-e[0] if descending else e[0], e[1]))
    tied = [e for e in shown if e[0] == number(float(top_value))]
    shown = shown[:limit]
    most = t(ctx.lang, "最多" if descending else "最少", "the most" if descending else "the least")
    top = u(number(float(top_value)))
    if n_tied == 1:
        head = t(
            ctx.lang,
            f"{year} 年{scope}中，{what}{most}的是 {tied[0][1]}：{top}。",
            f"{year}, {scope}: {most} {what}: {tied[0][1]}, {top}.",
        )
    else:
        names = t(ctx.lang, "、", ", ").join(n for _, n, _ in tied[:RANK_DEFAULT])
        more = t(ctx.lang, "等", " …") if n_tied > RANK_DEFAULT else ""
        head = t(
            ctx.lang,
            f"{year} 年{scope}中，{what}{most}的有 {n_tied} 个并列：{names}{more}，均为 {top}。",
            f"{year}, {scope}: {n_tied} agencies tie for {most} {what}: {names}{more}, {top} each.",
        )
    lines = [
        head,
        t(
            ctx.lang,
            f"排名（共 {len(positions)} 个机关有此数字）：",
            f"Ranking ({len(positions)} agencies print this figure):",
        ),
    ]
    lines.extend(
        f"{i}. {n}：{u(v)}" if ctx.lang == "zh" else f"{i}. {n}: {u(v)}"
        for i, (v, n, _) in enumerate(shown, 1)
    )
    lines.extend(filter(None, notes))
    warn = _ranking_warnings(ctx, measure, sel, shown)
    if warn:
        lines.append(warn)
    figs = _agency_figures(measure, column, year, shown, ranked=True)
    return ctx.answer(
        "answered",
        "ranking",
        "\n".join(lines),
        agency=tied[0][1] if n_tied == 1 else None,
        year=year,
        value=number(float(top_value)),
        figures=figs,
    )


def _agency_figures(
    measure: Measure,
    column: str,
    year: int,
    entries: list[tuple[float | int, str, int]],
    *,
    ranked: bool = False,
) -> list[dict[str, Any]]:
    """One cited figure per listed agency, so a sum and a ranking cite their figures alike."""
    figs: list[dict[str, Any]] = []
    for i, (v, n, _) in enumerate(entries, 1):
        fig: dict[str, Any] = {
            "table": measure.table,
            "row": measure.key,
            "column": column,
            "value": v,
            "agency": n,
            "year": year,
        }
        if ranked:
            fig["rank"] = i
        figs.append(fig)
    return figs


def _scope_name(ctx: Ctx, only: list[int] | None) -> str:
    if only is not None:
        return t(ctx.lang, "、", ", ").join(ctx.agencies.names[i] for i in only)
    if ctx.p.kind is not None:
        return t(ctx.lang, f"各{ctx.p.kind.label}", f"{ctx.p.kind.label}")
    return t(ctx.lang, "所有机关", "all agencies")


def _blank_note(ctx: Ctx, names: list[str], count: int) -> str:
    if not count:
        return ""
    listed = t(ctx.lang, "、", ", ").join(names) + (
        t(ctx.lang, "等", " …") if count > len(names) else ""
    )
    return t(
        ctx.lang,
        f"{count} 份报告这项数字未填写或不完整，未计入（空白不等于 0）：{listed}。",
        f"{count} reports leave this figure blank or incomplete and are not counted (a blank is not a zero): {listed}.",
    )


def _ranking_warnings(
    ctx: Ctx, measure: Measure, sel: Selection, shown: list[tuple[float | int, str, int]]
) -> str:
    broken = []
    for _, name, rid in shown:
        failed = ctx.reader.failed_checks(rid)
        if not failed:
            continue
        fake = ReportRow(rid, 0, name, 0, "", "", "", failed=failed)
        cells: list[Cell] = [c for rows in measure.row_sets for c in sel.cells(rows)]
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
    if not ctx.p.measures and not ctx.p.outcome:
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
    return across(ctx, ranking=True, only=only, year=year)


def _named_year(ctx: Ctx, only: list[int]) -> int | Answer:
    """The one year to compare the named agencies in: the question's, or the latest they
    all have a report for. A ranking that leaves out an agency named in the question for
    want of a report that year would name a winner the question did not ask about."""
    have = {i: ctx.reader.years_of(ctx.agencies.ids[i]) for i in only}
    if ctx.p.years.years:
        year = ctx.p.years.years[0]
        lacking = [i for i in only if year not in have[i]]
    else:
        common = set.intersection(*(set(v) for v in have.values())) if have else set()
        if common:
            return max(common)
        year, lacking = None, only
    if not lacking:
        assert year is not None
        return year
    parts = []
    cands = []
    measure = ctx.p.measures[0] if len(ctx.p.measures) == 1 else None
    for i in lacking:
        name = ctx.agencies.names[i]
        ys = t(ctx.lang, "、", ", ").join(map(str, have[i])) or "—"
        parts.append(t(ctx.lang, f"{name}（已收录：{ys}）", f"{name} (indexed: {ys})"))
    for i in only:
        name = ctx.agencies.names[i]
        if have[i] and measure is not None:
            y = max(have[i])
            q = f"{name}{y}年{measure.zh}" if ctx.lang == "zh" else f"{measure.en} {name} {y}"
            cands.append({"id": ctx.agencies.ids[i], "label": f"{name} {y}", "question": q})
    listed = t(ctx.lang, "、", ", ").join(parts)
    if year is not None:
        text = t(
            ctx.lang,
            f"没有以下机关 {year} 年的报告，无法在 {year} 年比较：{listed}。",
            f"No {year} report of: {listed}; they cannot be compared for {year}.",
        )
    else:
        text = t(
            ctx.lang,
            f"这些机关没有同一年的报告，无法比较：{listed}。",
            f"These agencies have no report of the same year to compare: {listed}.",
        )
    return ctx.answer("not_found", "ranking", text, year=year, candidates=cands)


def difference(ctx: Ctx, mentions: list[Mention]) -> Answer:
    """A比B多多少: the first agency's figure less the second's, in one year both report."""
    only = [m.agencies[0] for m in mentions]
    year = _named_year(ctx, only)
    if isinstance(year, Answer):
        return year
    p = ctx.p
    measures = p.measures or [MEASURES["review"], MEASURES["litigation"]]
    chosen = _one_figure(ctx, measures)
    if isinstance(chosen, Answer):
        return chosen
    measure, column = chosen
    sel = Selection(measure, column)
    what = reply.measure_name(measure, column, ctx.lang)
    u = lambda v: reply.amount(v, measure, column, ctx.lang)  # noqa: E731
    values: list[float | int | None] = []
    names: list[str] = []
    figs: list[dict[str, Any]] = []
    for i in only:
        name = ctx.agencies.names[i]
        report = ctx.reader.report(ctx.agencies.ids[i], year)
        assert report is not None
        r = resolve(sel, report)
        value = r.total if r is not None else None
        values.append(value)
        names.append(name)
        figs.append(
            {
                "table": measure.table,
                "row": measure.key,
                "column": column,
                "value": value,
                "agency": name,
                "year": year,
            }
        )
    listed = t(ctx.lang, "，", "; ").join(f"{n} {u(v)}" for n, v in zip(names, values, strict=True))
    lines = [t(ctx.lang, f"{year} 年{what}：{listed}。", f"{year}, {what}: {listed}.")]
    a, b = values
    diff = None
    if a is None or b is None:
        lines.append(reply.blank_difference(ctx.lang, "一份"))
    else:
        diff = number(round(a - b, 6))
        if diff == 0:
            lines.append(t(ctx.lang, "两者相同。", "They are the same."))
        else:
            more = t(ctx.lang, "多" if diff > 0 else "少", "more" if diff > 0 else "less")
            lines.append(
                t(
                    ctx.lang,
                    f"{names[0]}比{names[1]}{more} {u(abs(diff))}。",
                    f"{names[0]} has {u(abs(diff))} {more} than {names[1]}.",
                )
            )
    lines.append(
        t(
            ctx.lang,
            f"来源：各机关 {year} 年政府信息公开工作年度报告“{reply.TABLE_TITLES[measure.table]}”表。",
            f"Source: the {year} annual reports, table “{reply.TABLE_TITLES[measure.table]}”.",
        )
    )
    return ctx.answer(
        "answered", "difference", "\n".join(lines), year=year, value=diff, figures=figs
    )
