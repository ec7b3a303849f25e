"""Decide what a question asks for and answer it from the index.

`respond` routes a read question (`bot.understand`) to one kind of answer: a figure,
a report card, a ranking or a sum across agencies, a figure over the years, the
text of a section, a sentence of the narrative, the list of what is indexed, help.
Where the reading is not certain (several agencies or figures fit, a name not in
the index, a year with no report) it asks back, with the candidates as questions,
instead of guessing: a wrong number is the worst answer this engine can give.
"""

from __future__ import annotations

from datetime import date

from . import reply
from .across import across, compare, difference
from .agencies import AgencyIndex, Mention
from .clarify import (
    ambiguous_agency,
    english_name,
    rate_unsupported,
    unknown_agency,
    unknown_name,
    which_agency,
)
from .context import Ctx
from .model import Answer
from .normalize import MAX_QUESTION_CHARS, Text
from .one_agency import about_agency, change
from .queries import Reader
from .reading import understand
from .reply import t


def respond(question: str, reader: Reader, agencies: AgencyIndex, today: date) -> Answer:
    """The answer to one question (any string, however long or odd)."""
    stripped = question.strip()
    if len(stripped) > MAX_QUESTION_CHARS:
        lang = "en" if sum(c.isascii() for c in stripped[:200]) > 150 else "zh"
        return _unsupported(
            question,
            lang,
            t(
                lang,
                f"问题太长（超过 {MAX_QUESTION_CHARS} 字），请只问一个问题。",
                f"That is too long (over {MAX_QUESTION_CHARS} characters): please ask one question.",
            ),
        )
    text = Text.of(stripped)
    if not any(c.isalnum() for c in text.compact):
        lang = "zh"
        return _unsupported(question, lang, t(lang, "没有看到问题。", "I see no question."))
    ctx = Ctx(question, understand(text, agencies, today), reader, agencies, today)
    return route(ctx)


def _unsupported(question: str, lang: str, reason: str = "") -> Answer:
    return Answer(
        question,
        "unsupported",
        None,
        None,
        None,
        None,
        [],
        reply.unsupported_text(lang, reason),
        [],
        lang,
    )


def route(ctx: Ctx) -> Answer:
    p = ctx.p
    unresolved = [m for m in p.mentions if m.how in ("ambiguous", "unknown")]
    resolved: list[Mention] = []
    for m in p.mentions:
        if m.how in ("exact", "place", "typo") and all(
            m.agencies[0] != r.agencies[0] for r in resolved
        ):
            resolved.append(m)
    if unresolved:
        m = unresolved[0]
        return ambiguous_agency(ctx, m) if m.how == "ambiguous" else unknown_agency(ctx, m)
    if p.has("rate") and (p.measures or p.outcome):
        return rate_unsupported(ctx)
    if p.has("change") and not p.has("trend") and (p.measures or p.outcome):
        # 比去年多多少 / A比B多多少: a difference, never the figure itself
        if len(resolved) == 1:
            return change(ctx, resolved[0])
        if len(resolved) == 2:
            return difference(ctx, resolved)
        return _unsupported(
            ctx.question,
            ctx.lang,
            t(
                ctx.lang,
                "我只计算一个机关两个年份之间、或两个机关同一年之间的差额。",
                "I only work out the change for one agency between two years, or the difference between two agencies in one year.",
            ),
        )
    if len(resolved) >= 2:
        return compare(ctx, resolved)
    if resolved:
        return about_agency(ctx, resolved[0])
    if p.has("help") and not p.measures:
        return help_answer(ctx)
    if p.has("list") and not p.measures:
        return listing(ctx)
    if p.en_name:
        return english_name(ctx, p.en_name)
    if p.leftover and _name_like(p.leftover) and not p.kind:
        return unknown_name(ctx, p.leftover)
    if p.measures or p.kind or p.has("max", "min", "rank", "sum"):
        if p.has("sum") or (p.has("all") and not p.has("max", "min", "rank", "each")):
            return across(ctx, ranking=False)
        if p.has("max", "min", "rank", "each", "all") or p.kind:
            return across(ctx, ranking=True)
        return which_agency(ctx)
    if p.has("help"):
        return help_answer(ctx)
    if p.has("list"):
        return listing(ctx)
    if p.leftover and (p.has("ask") or p.weak_cues):
        suggestions = ctx.agencies.suggest(p.leftover)
        if suggestions:
            return unknown_name(ctx, p.leftover, suggestions)
    return _unsupported(ctx.question, ctx.lang)


def _name_like(run: str) -> bool:
    return len(run) >= 3 and run[-1] in "局厅委办部会院所处室站队府心区县市"


def listing(ctx: Ctx, limit: int = 30) -> Answer:
    rows = ctx.reader.catalogue(limit)
    years = ctx.reader.years()
    n_reports = sum(c for _, c in years)
    span = f"{years[0][0]}–{years[-1][0]}" if years else "—"
    lines = [
        t(
            ctx.lang,
            f"已收录 {len(ctx.agencies)} 个机关的 {n_reports} 份报告（{span} 年）：",
            f"{n_reports} reports of {len(ctx.agencies)} agencies are indexed ({span}):",
        )
    ]
    lines.extend(
        f"· {agency}（{years_}）" if ctx.lang == "zh" else f"· {agency} ({years_})"
        for agency, years_ in rows
    )
    if len(ctx.agencies) > limit:
        lines.append(
            t(
                ctx.lang,
                f"……共 {len(ctx.agencies)} 个，只列出前 {limit} 个。问具体机关即可。",
                f"…{len(ctx.agencies)} in all; the first {limit} are shown. Ask about any agency by name.",
            )
        )
    return ctx.answer("answered", "list", "\n".join(lines), value=len(ctx.agencies))


def help_answer(ctx: Ctx) -> Answer:
    years = ctx.reader.years()
    return ctx.answer(
        "answered", "help", reply.help_text(ctx.lang, len(ctx.agencies), sum(c for _, c in years))
    )
