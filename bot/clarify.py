"""Asking back instead of guessing: several agencies or figures fit, or none does.

Every candidate carries a full question that, asked again, answers it: the original
question with the uncertain words replaced, so the rest of what was asked is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from index.divisions import divisions
from index.template import LABELS

from . import reply
from .agencies import Mention
from .catalogue import MEASURES, Measure
from .context import Ctx
from .lexicon import VAGUE
from .model import Answer
from .queries import ReportRow
from .reply import t


def _agency_candidates(ctx: Ctx, m: Mention, limit: int = 10) -> list[dict[str, Any]]:
    out = []
    for idx in m.agencies[:limit]:
        name = ctx.agencies.names[idx]
        out.append(
            {
                "id": ctx.agencies.ids[idx],
                "label": name,
                "question": ctx.reading.text.replace(m.start, m.end, name),
            }
        )
    return out


def ambiguous_agency(ctx: Ctx, m: Mention) -> Answer:
    written = ctx.reading.text.compact[m.start : m.end]
    cands = _agency_candidates(ctx, m)
    names = "\n".join(f"{i}. {c['label']}" for i, c in enumerate(cands, 1))
    more = len(m.agencies) - len(cands)
    extra = t(ctx.lang, f"\n……另有 {more} 个。", f"\n…and {more} more.") if more > 0 else ""
    text = t(
        ctx.lang,
        f"“{written}”可能指以下 {len(m.agencies)} 个机关，请说明是哪一个：\n{names}{extra}",
        f"“{written}” could be any of {len(m.agencies)} agencies; which one do you mean?\n{names}{extra}",
    )
    return ctx.answer("ambiguous", "agency", text, candidates=cands)


def unknown_agency(ctx: Ctx, m: Mention) -> Answer:
    written = ctx.reading.text.compact[m.start : m.end]
    return not_found_name(ctx, written, _agency_candidates(ctx, m, 5))


def unknown_name(ctx: Ctx, written: str, suggestions: list[int] | None = None) -> Answer:
    idxs = suggestions if suggestions is not None else ctx.agencies.suggest(written)
    start = ctx.reading.text.compact.find(written)
    cands = []
    for idx in idxs[:5]:
        name = ctx.agencies.names[idx]
        question = (
            ctx.reading.text.replace(start, start + len(written), name)
            if start >= 0
            else f"{name} {ctx.question}"
        )
        cands.append({"id": ctx.agencies.ids[idx], "label": name, "question": question})
    return not_found_name(ctx, written, cands)


def not_found_name(ctx: Ctx, written: str, cands: list[dict[str, Any]]) -> Answer:
    if cands:
        names = t(ctx.lang, "、", ", ").join(c["label"] for c in cands)
        text = t(
            ctx.lang,
            f"索引中没有“{written}”的报告。最接近的机关：{names}。是指其中之一吗？",
            f"No report of “{written}” is indexed. The closest names: {names}. Did you mean one of them?",
        )
    else:
        text = t(
            ctx.lang,
            f"索引中没有“{written}”的报告。可以问“有哪些机关”查看已收录的机关。",
            f"No report of “{written}” is indexed. Ask “which agencies are indexed?” to see what is.",
        )
    return ctx.answer("not_found", "agency", text, candidates=cands)


def which_agency(ctx: Ctx) -> Answer:
    """A figure with no agency: ask which one (or suggest a ranking or a sum); of the
    kind named (司法局收到多少申请 offers the 司法局), the name put where the kind was."""
    kind = ctx.reading.kind
    cands = []
    for idx in ctx.agencies.of_kind(kind)[:8]:
        name = ctx.agencies.names[idx]
        asked = ctx.question.strip()
        if kind is not None and kind.label in asked:
            asked = asked.replace(kind.label, name, 1)
        else:
            asked = f"{name} {asked}"
        cands.append({"id": ctx.agencies.ids[idx], "label": name, "question": asked})
    text = t(
        ctx.lang,
        "请说明是哪个机关，例如“伊川县司法局收到多少申请”；也可以问“所有机关一共……”或“哪个机关……最多”。",
        "Which agency? For example “how many applications did 伊川县司法局 receive”; or ask for all agencies (“in total”, “which agency … the most”).",
    )
    return ctx.answer("ambiguous", "agency", text, candidates=cands)


def year_not_found(ctx: Ctx, name: str, year: int, available: list[int]) -> Answer:
    span = ctx.reading.years.spans[0] if ctx.reading.years.spans else None
    cands = []
    for y in sorted(available, reverse=True):
        new = t(ctx.lang, f"{y}年", str(y))
        q = ctx.reading.text.replace(span[0], span[1], new) if span else f"{ctx.question} {new}"
        cands.append({"id": y, "label": t(ctx.lang, f"{y}年", str(y)), "question": q})
    years = t(ctx.lang, "、", ", ").join(str(y) for y in available)
    text = t(
        ctx.lang,
        f"没有{name} {year} 年的报告。已收录的年份：{years}。",
        f"There is no {year} report of {name}. Years indexed: {years}.",
    )
    return ctx.answer("not_found", "year", text, agency=name, year=year, candidates=cands)


def ambiguous_figure(ctx: Ctx, measures: list[Measure], report: ReportRow | None) -> Answer:
    """Several figures fit: one candidate question per figure.

    Each candidate is the question with its figure words replaced by words that
    name one figure only; the rest (agency, year, 被纠正, 自然人…) stays as asked.
    """
    hits = [h for h in ctx.reading.hits if h.phrase.kind == "measure"]
    outcome = next((h for h in ctx.reading.hits if h.phrase.kind == "outcome"), None)
    cands = []
    for i, m in enumerate(measures):
        term = _term_for(m, ctx.lang)
        if hits:
            edits = [(h.start, h.end, h.view, term if j == 0 else "") for j, h in enumerate(hits)]
            question = ctx.reading.text.rewrite(edits)
        elif outcome:
            written = _written(ctx, outcome.start, outcome.end, outcome.view)
            joined = f"{term}{written}" if ctx.lang == "zh" else f"{term} {written}"
            question = ctx.reading.text.rewrite(
                [(outcome.start, outcome.end, outcome.view, joined)]
            )
        else:
            question = f"{ctx.question} {term}"
        cands.append({"id": i, "label": m.zh if ctx.lang == "zh" else m.en, "question": question})
    names = t(ctx.lang, "、", ", ").join(f"“{c['label']}”" for c in cands)
    text = t(
        ctx.lang,
        f"这个问题可能指几项数字：{names}。请说明要哪一项。",
        f"That could mean several figures: {names}. Which one?",
    )
    return ctx.answer(
        "ambiguous",
        "figure",
        text,
        agency=report.agency if report else None,
        year=report.year if report else None,
        candidates=cands,
    )


def amount_or_rate(ctx: Ctx, change_first: Callable[[Ctx], Answer]) -> Answer:
    """增长了多少: how many more, or by what percent. Both are asked back, each as the
    question with its words made plain (增长了多少件 / 增长了百分之几)."""
    if (first := change_first(ctx)).status != "answered":
        return first  # no earlier report, a blank: said before asking which is meant
    hit = next((h for h in ctx.reading.hits if h.phrase.value == "amount_or_rate"), None)
    if hit is not None:
        start, end, view = hit.start, hit.end, hit.view
        said = _written(ctx, start, end, view)
        readings = (
            (t(ctx.lang, "件数", "how many"), f"{said}件"),
            (t(ctx.lang, "百分比", "by what percent"), said.replace("多少", "百分之几")),
        )
    else:  # how much did it drop (`reading._HOW_MUCH_CHANGED_EN`)
        start = ctx.reading.text.words.find("how much")
        end, view, said = start + len("how much"), "words", "how much"
        readings = (("how many", "by how many"), ("by what percent", "by what percent"))
    cands = [
        {
            "id": i,
            "label": label,
            "question": ctx.reading.text.rewrite([(start, end, view, words)]),
        }
        for i, (label, words) in enumerate(readings)
    ]
    text = t(
        ctx.lang,
        f"“{said}”可以指相差的件数，也可以指百分比。请说明要哪一种。",
        f"“{said}” may mean how many more or by what percent. Which one?",
    )
    return ctx.answer("ambiguous", "change", text, candidates=cands)


def vague(ctx: Ctx) -> Answer:
    """被拒绝的申请: a word that may mean any of several measures (`lexicon.VAGUE`) is
    asked back, each reading offered as the question with the word made plain."""
    hit = next(h for h in ctx.reading.hits if h.phrase.value in VAGUE)
    said = _written(ctx, hit.start, hit.end, hit.view)
    measures = [MEASURES[key] for key in VAGUE[hit.phrase.value]]
    cands = [
        {
            "id": i,
            "label": t(ctx.lang, m.zh, m.en),
            "question": ctx.reading.text.rewrite([(hit.start, hit.end, hit.view, m.zh)]),
        }
        for i, m in enumerate(measures)
    ]
    listed = t(ctx.lang, "、", ", ").join(t(ctx.lang, m.zh, m.en) for m in measures)
    text = t(
        ctx.lang,
        f"“{said}”可以指以下几项中的任一项，也可以指它们合计：{listed}。请说明要哪一项。",
        f"“{said}” may mean any of these, or all of them together: {listed}. Which one?",
    )
    return ctx.answer("ambiguous", "figure", text, candidates=cands)


def _written(ctx: Ctx, start: int, end: int, view: str) -> str:
    return (ctx.reading.text.compact if view == "compact" else ctx.reading.text.words)[start:end]


# Words that name exactly one figure, for the questions behind candidate buttons. The
# English template names say "last year"/"this year", which would read as a year.
_TERMS_EN = {
    "received": "new applications",
    "carried_over": "carried over",
    "carried_forward": "carried forward",
    "granted": "granted in full",
    "partially_granted": "partially granted",
    "withheld": "withheld",
    "unavailable": "unavailable",
    "not_processed": "not processed",
    "other": "other handling",
    "results_total": "handled",
    "review": "administrative review",
    "litigation": "lawsuits",
    "litigation_direct": "filed directly",
    "litigation_after_review": "after review",
}
_TERMS_ZH = {"review": "行政复议", "litigation": "行政诉讼"}
_COLUMN_TERMS_EN = {
    "items_change": "change in items",
    "items_last_year": "items last year",
    "issued": "issued",
    "repealed": "repealed",
    "made": "made",
    "published": "published",
}


def _term_for(m: Measure, lang: str) -> str:
    """Words that, put in the question, name exactly this measure."""
    if lang == "zh":
        return _TERMS_ZH.get(m.key, m.zh)
    return _TERMS_EN.get(m.key, m.en)


def ambiguous_column(ctx: Ctx, measure: Measure, columns: list[str], report: ReportRow) -> Answer:
    hit = next((h for h in ctx.reading.hits if h.phrase.kind == "measure"), None)
    cands = []
    for i, col in enumerate(columns):
        zh, en = LABELS.columns[2][col]
        term = zh if ctx.lang == "zh" else _COLUMN_TERMS_EN.get(col, en)
        if hit:
            written = (
                ctx.reading.text.compact if hit.view == "compact" else ctx.reading.text.words
            )[hit.start : hit.end]
            question = ctx.reading.text.rewrite(
                [
                    (
                        hit.start,
                        hit.end,
                        hit.view,
                        f"{written}{term}" if ctx.lang == "zh" else f"{written} {term}",
                    )
                ]
            )
        else:
            question = f"{ctx.question} {term}"
        cands.append({"id": i, "label": zh if ctx.lang == "zh" else en, "question": question})
    names = t(ctx.lang, "、", ", ").join(f"“{c['label']}”" for c in cands)
    if columns:
        text = t(
            ctx.lang,
            f"《{reply.title_of(report)}》的“{measure.zh}”有几项数字：{names}。请说明要哪一项。",
            f"“{reply.title_of(report)}” prints several figures for “{measure.en}”: {names}. Which one?",
        )
    else:
        text = t(
            ctx.lang,
            f"《{reply.title_of(report)}》没有印出“{measure.zh}”。",
            f"“{reply.title_of(report)}” does not print “{measure.en}”.",
        )
        return ctx.answer("answered", "figure", text, agency=report.agency, year=report.year)
    return ctx.answer(
        "ambiguous", "figure", text, agency=report.agency, year=report.year, candidates=cands
    )


def no_year_across(ctx: Ctx, year: int | None, years: list[int]) -> Answer:
    listed = t(ctx.lang, "、", ", ").join(map(str, years)) or t(ctx.lang, "无", "none")
    span = ctx.reading.years.spans[0] if ctx.reading.years.spans else None
    cands = []
    for y in sorted(years, reverse=True):
        new = t(ctx.lang, f"{y}年", str(y))
        q = ctx.reading.text.replace(span[0], span[1], new) if span else f"{ctx.question} {new}"
        cands.append({"id": y, "label": new, "question": q})
    text = t(
        ctx.lang,
        f"没有 {year} 年的报告。已收录的年份：{listed}。",
        f"No reports for {year}. Years indexed: {listed}.",
    )
    return ctx.answer("not_found", "year", text, year=year, candidates=cands)


def english_name(ctx: Ctx, written: str) -> Answer:
    """A place written in Latin letters ("Huai'an city government"): ask which agency.

    Names are matched in Chinese only, so the agencies of the kind asked about are
    offered instead of ranking them all as if the question had asked for that.
    """
    places = [p.current for m in divisions().find(written, None) for p in m.places]
    if not any(ctx.agencies.in_region(p.code) for p in places):
        # Beijing, of which no agency is indexed; Chinese, no place at all: nothing to ask
        where = t(ctx.lang, "、", ", ").join(dict.fromkeys(p.name for p in places))
        text = t(
            ctx.lang,
            f"索引中没有{where}的机关的报告。"
            if where
            else f"索引中没有名为“{written}”的机关或地方。",
            f"No report of an agency in {where} is indexed."
            if where
            else f"No agency or place called “{written}” is indexed.",
        )
        return ctx.answer("not_found", "agency", text)
    kind = ctx.reading.kind
    idxs = ctx.agencies.of_kind(kind) if kind is not None else []
    words = ctx.reading.text.words
    label = re.escape(kind.label) if kind is not None else "$^"
    m = re.search(
        rf"{re.escape(written)}\s+{label}s?\b|\b{label}s?\s+of\s+{re.escape(written)}", words
    ) or re.search(re.escape(written), words)
    cands = []
    for idx in idxs[:10]:
        name = ctx.agencies.names[idx]
        question = (
            ctx.reading.text.replace(m.start(), m.end(), name, view="words")
            if m
            else f"{name} {ctx.question}"
        )
        cands.append({"id": ctx.agencies.ids[idx], "label": name, "question": question})
    text = t(
        ctx.lang,
        f"无法识别“{written}”是哪个机关，请用中文写出机关名称"
        + ("，例如以下之一。" if cands else "。"),
        f"I cannot tell which agency “{written}” is: please write the agency's name in Chinese"
        + (", for example one of these." if cands else "."),
    )
    return ctx.answer("ambiguous", "agency", text, candidates=cands)


def understood(ctx: Ctx) -> str:
    """What the reading made of the question, in a few words: who, what, when."""
    r = ctx.reading
    lang = ctx.lang
    parts = [ctx.agencies.names[m.agencies[0]] for m in r.resolved]
    if r.kind is not None:
        parts.append(r.kind.label)
    parts.extend(m.zh if lang == "zh" else m.en for m in r.measures)
    parts.extend(str(y) for y in r.years.years)
    return t(lang, "、", ", ").join(parts)


def found_in_text(ctx: Ctx, words: list[str]) -> list[str]:
    """Lines naming the reports whose text mentions the words no table explains: where a
    person can read about them (新闻发布会, 政务新媒体), since no figure can be given."""
    hits = ctx.reader.search(" ".join(words), limit=5)
    if not hits:
        return []
    said = t(ctx.lang, "、", ", ").join(f"“{w}”" for w in words)
    lines = [t(ctx.lang, f"报告正文提到{said}的有：", f"The reports' text mentions {said} in:")]
    lines.extend(f"· {h.agency} {h.year}：{h.snippet}" for h in hits)
    return lines


def not_understood(ctx: Ctx) -> Answer:
    """Words no part of the reading explains: say what was read and what was not, and
    offer the question without those words. Answering the rest as if it were the
    question would give a number that was not asked for."""
    r = ctx.reading
    lang = ctx.lang
    words = t(lang, "、", ", ").join(f"“{w}”" for w in r.not_understood)
    read = understood(ctx)
    edits = []
    for w in r.not_understood:
        at = r.text.compact.find(w)
        if at >= 0:
            edits.append((at, at + len(w), "compact", ""))
        else:
            m = re.search(r"\b" + re.escape(w) + r"\b", r.text.words)
            if m:
                edits.append((m.start(), m.end(), "words", ""))
    plain = " ".join(r.text.rewrite(edits).split()) if edits else ""
    cands = (
        [{"id": 0, "label": plain, "question": plain}]
        if plain and plain != r.text.original.strip()
        else []
    )
    text = t(
        lang,
        f"这个问题里的{words}我没有读懂，所以不给出数字（以免答非所问）。"
        + (f"读懂的部分：{read}。" if read else "")
        + ("如果去掉这些词，问题是下面这样，可以点选；" if cands else "")
        + "也可以换个说法，或问这份报告的正文里写了什么。",
        f"I did not understand {words} in this question, so I give no figure (it might not be the one asked for). "
        + (f"What I read: {read}. " if read else "")
        + ("Without those words the question would be the one below; " if cands else "")
        + "or ask in other words.",
    )
    if not r.resolved:
        text = "\n".join([text, *found_in_text(ctx, r.not_understood)])
    return ctx.answer("unsupported", "not_understood", text, candidates=cands)
