"""Answers across agencies: a ranking, a sum, or a comparison of the agencies named.

One year at a time (the question's, or the latest indexed), over the agencies of a
kind (司法局, 区政府) or all. A report that leaves the figure blank is left out and
named, never counted as zero.
"""

from __future__ import annotations

from . import reply
from .agencies import Mention
from .clarify import ambiguous_column, ambiguous_figure, no_year_across
from .context import Ctx
from .figures import Selection, add, broken_rules
from .model import Answer
from .queries import Cell, ReportRow
from .reply import t
from .vocab import MEASURES, Measure

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


def across(ctx: Ctx, *, ranking: bool, only: list[int] | None = None) -> Answer:
    """A ranking (or a sum) of one figure over agencies of a kind, of one year."""
    p = ctx.p
    measures = p.measures or ([MEASURES["review"], MEASURES["litigation"]] if p.outcome else [])
    if not measures:
        return ambiguous_figure(
            ctx,
            [MEASURES[k] for k in ("received", "granted", "withheld", "review", "litigation")],
            None,
        )
    if len(measures) > 1:
        return ambiguous_figure(ctx, measures, None)
    measure = measures[0]
    column = _column_for_all(ctx, measure)
    if column is None:
        cols = ["issued", "repealed", "in_force"]
        dummy = ReportRow(0, 0, "", 0, t(ctx.lang, "各机关报告", "the reports"), "", "")
        return ambiguous_column(ctx, measure, cols, dummy)
    year, years = _across_year(ctx)
    if year is None or year not in years:
        return no_year_across(ctx, year, years)
    sel = Selection(measure, column)
    all_cells = [c for rows in measure.row_sets for c in sel.cells(rows)]
    values = ctx.reader.cells_by_report(all_cells, year)
    meta = ctx.reader.reports_of_year(year)
    allowed = None
    if only is not None:
        allowed = {ctx.agencies.ids[i] for i in only}
    elif p.kind is not None:
        allowed = {ctx.agencies.ids[i] for i in ctx.agencies.of_kind(p.kind)}
    entries: list[tuple[float | int, str, int]] = []
    blanks: list[str] = []
    for rid, (agency_id, name, _title) in meta.items():
        if allowed is not None and agency_id not in allowed:
            continue
        got = values.get(rid, {})
        rows = next(
            (
                rs
                for rs in measure.row_sets
                if any((measure.table, r, c) in got for r in rs for c in sel.columns)
            ),
            None,
        )
        if rows is None:
            blanks.append(name)
            continue
        total = add(got.get(c) for c in sel.cells(rows))
        if total is None:
            blanks.append(name)
        else:
            entries.append((total, name, rid))
    scope = _scope_name(ctx, only)
    what = reply.measure_name(measure, column, ctx.lang)
    if not entries and not blanks:
        text = t(ctx.lang, f"{year} 年没有{scope}的报告。", f"No {year} reports of {scope}.")
        return ctx.answer("not_found", "ranking" if ranking else "sum", text, year=year)
    source = t(
        ctx.lang,
        f"来源：各机关 {year} 年政府信息公开工作年度报告“{reply.TABLE_TITLES[measure.table]}”表。",
        f"Source: the {year} annual reports, table “{reply.TABLE_TITLES[measure.table]}”.",
    )
    blank_note = _blank_note(ctx, blanks)
    u = lambda v: reply.amount(v, measure, column, ctx.lang)  # noqa: E731
    if not ranking and not entries:
        text = t(
            ctx.lang,
            f"{year} 年{scope}的报告都没有印出{what}的数字，无法合计。",
            f"No {year} report of {scope} prints a number for {what}: no total can be made.",
        )
        return ctx.answer("answered", "sum", "\n".join([text, blank_note, source]), year=year)
    if not ranking:
        total = add(v for v, _, _ in entries)
        lines = [
            t(
                ctx.lang,
                f"{year} 年{scope}（{len(entries)} 份报告）{what}合计：{u(total)}。",
                f"{year}, {scope} ({len(entries)} reports): {what}, in total: {u(total)}.",
            )
        ]
        if len(entries) <= 10:
            lines.extend(
                f"· {n}：{u(v)}" if ctx.lang == "zh" else f"· {n}: {u(v)}"
                for v, n, _ in sorted(entries, key=lambda e: (-e[0], e[1]))
            )
        if blank_note:
            lines.append(blank_note)
        lines.append(source)
        figs = [
            {
                "table": measure.table,
                "row": measure.key,
                "column": column,
                "value": v,
                "agency": n,
                "year": year,
            }
            for v, n, _ in entries[:50]
        ]
        return ctx.answer("answered", "sum", "\n".join(lines), year=year, value=total, figures=figs)
    descending = not p.has("min")
    entries.sort(key=lambda e: (-e[0] if descending else e[0], e[1]))
    top_value = entries[0][0] if entries else None
    tied = [e for e in entries if e[0] == top_value]
    limit = p.top or (max(len(tied), 5) if p.has("max", "min") else RANK_DEFAULT)
    shown = entries[:limit]
    most = t(
        ctx.lang,
        "最少" if not descending else "最多",
        "the least" if not descending else "the most",
    )
    lines = []
    if entries:
        if len(tied) == 1:
            lines.append(
                t(
                    ctx.lang,
                    f"{year} 年{scope}中，{what}{most}的是 {tied[0][1]}：{u(top_value)}。",
                    f"{year}, {scope}: {most} {what}: {tied[0][1]}, {u(top_value)}.",
                )
            )
        else:
            names = t(ctx.lang, "、", ", ").join(n for _, n, _ in tied)
            lines.append(
                t(
                    ctx.lang,
                    f"{year} 年{scope}中，{what}{most}的有 {len(tied)} 个并列：{names}，均为 {u(top_value)}。",
                    f"{year}, {scope}: {len(tied)} agencies tie for {most} {what}: {names}, {u(top_value)} each.",
                )
            )
        lines.append(
            t(
                ctx.lang,
                f"排名（共 {len(entries)} 个机关有此数字）：",
                f"Ranking ({len(entries)} agencies print this figure):",
            )
        )
        lines.extend(
            f"{i}. {n}：{u(v)}" if ctx.lang == "zh" else f"{i}. {n}: {u(v)}"
            for i, (v, n, _) in enumerate(shown, 1)
        )
    else:
        lines.append(
            t(
                ctx.lang,
                f"{year} 年{scope}的报告都没有这项数字。",
                f"No {year} report of {scope} prints this figure.",
            )
        )
    if blank_note:
        lines.append(blank_note)
    lines.append(source)
    warn = _ranking_warnings(ctx, measure, sel, shown)
    if warn:
        lines.append(warn)
    figs = [
        {
            "table": measure.table,
            "row": measure.key,
            "column": column,
            "value": v,
            "agency": n,
            "year": year,
            "rank": i,
        }
        for i, (v, n, _) in enumerate(shown, 1)
    ]
    agency = tied[0][1] if len(tied) == 1 else None
    return ctx.answer(
        "answered",
        "ranking",
        "\n".join(lines),
        agency=agency,
        year=year,
        value=top_value,
        figures=figs,
    )


def _scope_name(ctx: Ctx, only: list[int] | None) -> str:
    if only is not None:
        return t(ctx.lang, "、", ", ").join(ctx.agencies.names[i] for i in only)
    if ctx.p.kind is not None:
        return t(ctx.lang, f"各{ctx.p.kind.label}", f"{ctx.p.kind.label}")
    return t(ctx.lang, "所有机关", "all agencies")


def _blank_note(ctx: Ctx, blanks: list[str]) -> str:
    if not blanks:
        return ""
    names = t(ctx.lang, "、", ", ").join(sorted(blanks)[:10]) + (
        t(ctx.lang, "等", " …") if len(blanks) > 10 else ""
    )
    return t(
        ctx.lang,
        f"{len(blanks)} 份报告这项数字未填写或不完整，未计入（空白不等于 0）：{names}。",
        f"{len(blanks)} reports leave this figure blank or incomplete and are not counted (a blank is not a zero): {names}.",
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
    return across(ctx, ranking=True, only=[m.agencies[0] for m in mentions])
