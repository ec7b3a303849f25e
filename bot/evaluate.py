"""Evaluate a reading on the index: one function per operation, chosen by the reading.

`respond` reads the question (`bot.reading`), checks that every part of it was
understood, and hands it to the operation the reading names: a figure, a report card,
a ranking, a sum, a mean, a count, a rate, a change, a trend, a section, a sentence of
the narrative, the list of what is indexed, help. Where the reading is not certain
(several agencies or figures fit, a name not in the index, a year with no report,
words it did not understand) it says so and asks back, with the candidates as
questions, instead of guessing: a wrong number is the worst answer this engine gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache

from . import reply
from .across import across, compare, count, difference, mean, scope_agencies, scope_name
from .agencies import AgencyIndex
from .clarify import (
    ambiguous_agency,
    amount_or_rate,
    english_name,
    found_in_text,
    not_understood,
    unknown_agency,
    unknown_name,
    vague,
    which_agency,
    year_not_found,
)
from .context import Ctx
from .conversation import Context, follow, language_switch
from .focus import focus, questions_in
from .homophones import Homophones, of_places
from .lexicon import ZH
from .model import Answer
from .normalize import MAX_QUESTION_CHARS, Text, is_cjk
from .one_agency import (
    about_agency,
    change,
    checks,
    stated_note,
    trend,
    two_figures,
    two_sides,
)
from .queries import Reader, number
from .rates import growth, rate, times
from .reading import Reading, operation_of, read
from .reply import t


def respond(
    question: str,
    reader: Reader,
    agencies: AgencyIndex,
    today: date,
    context: Context | None = None,
    language: str | None = None,
) -> Answer:
    """The answer to one question (any string, however long or odd), and the context a
    follow-up question continues from."""
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
        return _unsupported(question, "zh", t("zh", "没有看到问题。", "I see no question."))
    if context is not None:
        picked = context.pick(stripped)
        if picked is not None:  # "1": the first candidate of the last answer
            return respond(picked, reader, agencies, today)
        switched = language_switch(stripped)
        if switched and context.question:  # 英文: the last question, in English
            return respond(context.question, reader, agencies, today, language=switched)
    parts = questions_in(stripped)
    if len(parts) == 2:  # 淮安2024年收了多少申请，办结了多少: each answered, in turn
        first = respond(parts[0], reader, agencies, today, context, language)
        second = (
            respond(parts[1], reader, agencies, today, first.context, language)
            if first.status == "answered"
            else None
        )
        # both read (a second not understood leaves the whole message not understood)
        if second is not None and second.status != "unsupported":
            # …各多少，差多少: a second clause that only works on the first's figures
            # (no figure of its own) asks the quantity the message wants
            on_first = not read(Text.of(parts[1]), agencies, today).measures
            headline = second if on_first and second.status == "answered" else first
            return replace(
                headline,
                question=question,
                text=f"{first.text}\n\n{second.text}",
                figures=first.figures + [f for f in second.figures if f not in first.figures],
                context=second.context,
            )
    reading = read(text, agencies, today)
    if reading.not_understood and context is None:
        asked_in = focus(stripped, agencies, today)
        if asked_in is not None:  # a letter around one question: that question, said so
            answer = respond(asked_in, reader, agencies, today, None, language)
            answer.text = (
                t(answer.language, f"（按“{asked_in}”理解）\n", f"(read as “{asked_in}”)\n")
                + answer.text
            )
            return replace(answer, question=question)
    slip = _by_sound(reading, agencies, today)
    if slip is not None:
        reading, said = slip
    asked = None
    if context is not None:
        reading, asked = follow(reading, context, agencies, today)
    if language:
        reading.language = language
    ctx = Ctx(question, reading, reader, agencies, today)
    answer = evaluate(ctx)
    if answer.status == "answered" and reading.stated:
        answer.text += "\n" + stated_note(ctx, answer.year)
    if asked:
        answer.text = (
            t(reading.language, f"（按“{asked}”理解）\n", f"(read as “{asked}”)\n") + answer.text
        )
    elif slip is not None:
        answer.text = said + answer.text
    answer.context = Context(
        asked or stripped,
        reading.language,
        list(answer.candidates),
        earlier=context.question if context is not None else "",
        year=answer.year,
        agency=answer.agency,
    )
    return answer


@lru_cache(maxsize=2)
def _homophones(agencies: AgencyIndex) -> Homophones:
    return of_places(agencies)


@lru_cache(maxsize=1)
def _words_by_sound() -> Homophones:
    """The lexicon's Chinese phrases that name a figure or a column (申请, 复议, 诉讼,
    自然人…): a word typed by sound (申情) is put right as a place is; a stretch that is a
    phrase itself is none. Not cues: 那个 is no slip of 哪个, nor 名字 of 名次."""
    words = {w for w, p in ZH if p.kind not in ("filler", "cue") and len(w) >= 2}
    return Homophones(words, words.__contains__)


def _by_sound(reading: Reading, agencies: AgencyIndex, today: date) -> tuple[Reading, str] | None:
    """The question read again with places and words typed by sound put right (平谭 →
    平潭, 申情 → 申请; up to two slips, each read again), and the note that says so; None
    when nothing unread is such a slip, or the question read again still has a name not
    found."""
    notes = []
    while len(notes) < 2 and (slip := _one_by_sound(reading, agencies, today)) is not None:
        reading, note = slip
        notes.append(note)
    return (reading, "".join(notes)) if notes else None


def _one_by_sound(
    reading: Reading, agencies: AgencyIndex, today: date
) -> tuple[Reading, str] | None:
    text = reading.text
    unread = [(m.start, m.end) for m in reading.unresolved if m.how == "unknown"]
    for word in reading.not_understood:
        at = text.compact.find(word)
        if at >= 0:
            unread.append((at, at + len(word)))
    if not unread:
        return None
    # places and offices first, then the form's words: the first slip whose reading
    # explains more (行政复意's 政复 is no 政府: 复意 is 复议)
    for sounds in (_homophones(agencies), _words_by_sound()):
        slip = sounds.correct(text.compact, unread)
        if slip is None:
            continue
        a, b = text.original_span(slip.start, slip.end)
        again = read(Text.of(text.original[:a] + slip.meant + text.original[b:]), agencies, today)
        if again.unresolved or len(again.not_understood) >= len(reading.not_understood) + bool(
            reading.unresolved
        ):
            continue
        note = t(
            again.language,
            f"（“{slip.written}”按“{slip.meant}”理解）\n",
            f"(“{slip.written}” read as “{slip.meant}”)\n",
        )
        return again, note
    return None


def evaluate(ctx: Ctx) -> Answer:
    r = ctx.reading
    _settled_by_year(ctx)
    if r.years.ends:
        _first_and_latest(ctx)
    if r.has("in_yuan") and r.operation != "agency":
        # 折合多少元 of a sum, a ranking, a trend: only one figure is turned into 元
        r.not_understood = [*r.not_understood, *r.cue_words("in_yuan")]
    several_years = len(r.resolved) >= 2 and len(r.years.years) >= 2 and r.operation != "sides"
    if r.years_apart:
        missing = _years_each(ctx)
        if missing is not None:
            return missing
    if (r.years_apart and r.years.years) or (several_years and not r.years_apart):
        # several agencies over several years (淮安和平潭2022到2024年), or a name with two
        # agencies and a year: one year's comparison would answer another question
        return _unsupported(
            ctx.question,
            ctx.lang,
            t(
                ctx.lang,
                "这个问题里几个机关的年份我无法一一对应。我比较几个机关时，用同一年的报告、各自最新一期报告，"
                "或每个机关各写一个年份（如“平潭2021年和淮安2024年”）：请这样改写，或分别问每个机关。",
                "I cannot pair the agencies of this question with its years. I compare agencies on "
                "reports of one year, on each one's latest report, or with one year written beside "
                "each (Pingtan 2021 and Huai'an 2024): ask so, or about each agency on its own.",
            ),
        )
    english = [w for w in r.not_understood if not is_cjk(w[0])]
    if r.unresolved:
        m = r.unresolved[0]
        if m.how == "ambiguous" and english:
            return not_understood(ctx)  # Shanghai's GDP: which Shanghai is not the question
        compact = r.text.compact
        office = next((w for w in r.not_understood if compact.startswith(w, m.end)), None)
        if m.how == "ambiguous" and office and _name_like(office, shortest=2):
            # 四川省司法厅: the place's own office, which no report is by; not its agencies
            return unknown_name(ctx, compact[m.start : m.end] + office, suggestions=[])
        return ambiguous_agency(ctx, m) if m.how == "ambiguous" else unknown_agency(ctx, m)
    if r.en_name and not r.resolved:  # "Huai'an city government": one agency, not a kind
        return english_name(ctx, r.en_name)
    if r.not_understood and (
        r.operation in FIGURE_OPERATIONS
        or (
            r.operation == "agency"
            and (r.measures or r.outcome)
            and not (r.guessed and not english)
        )
    ):
        # (the reports' text is Chinese: English words left unread cannot be searched in it)
        return _unread(ctx)
    return OPERATIONS[r.operation](ctx)


def _settled_by_year(ctx: Ctx) -> None:
    """A name of several agencies (上海) with a year of which only one of them has a
    report (上海2019年: the general office; 科委's first is 2024) names that one; the
    answer says why. Its own year when each agency has one, else the question's only year."""
    r = ctx.reading
    own = {idxs: year for idxs, year in r.years_apart}
    only_year = r.years.years[0] if len(r.years.years) == 1 else None
    mentions = []
    settled: dict[tuple[int, ...], tuple[int, ...]] = {}
    for m in r.mentions:
        year = own.get(tuple(m.agencies), only_year)
        if m.how == "ambiguous" and year is not None:
            having = [i for i in m.agencies if year in ctx.reader.years_of(ctx.agencies.ids[i])]
            if len(having) == 1:
                settled[tuple(m.agencies)] = tuple(having)
                m = replace(m, agencies=having, how="year")
        mentions.append(m)
    if settled:
        r.mentions = mentions
        r.years_apart = [(settled.get(idxs, idxs), year) for idxs, year in r.years_apart]
        r.operation = operation_of(r)


def _first_and_latest(ctx: Ctx) -> None:
    """最早那份年报 / 从第一份年报到最新一份 of one agency: the years of its first (and
    latest) report in the index. Of several agencies, or none, the words stay unread."""
    r = ctx.reading
    agencies = {m.agencies[0] for m in r.resolved if len(m.agencies) == 1}
    available = ctx.reader.years_of(ctx.agencies.ids[agencies.pop()]) if len(agencies) == 1 else []
    if not available:
        r.not_understood = [*r.not_understood, *_words_at(r.text, r.years.spans)]
        return
    years = (min(available), max(available)) if "latest" in r.years.ends else (min(available),)
    r.years = replace(r.years, years=years, explicit=years, is_range=False)
    r.operation = operation_of(r)


def _words_at(text: Text, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text.compact[s:e] for s, e in spans]


def _years_each(ctx: Ctx) -> Answer | None:
    """Agencies each named with a year of their own (平潭2021年和淮安2024年哪个多): each is
    read in its report of that year (`across.asked_years`), and the question's years are
    set aside. A year an agency has no report of is said; a name that stands for several
    agencies leaves the question as it was (then refused)."""
    r = ctx.reading
    if any(len(idxs) != 1 for idxs, _ in r.years_apart):
        return None
    for idxs, year in r.years_apart:
        available = ctx.reader.years_of(ctx.agencies.ids[idxs[0]])
        if year not in available:
            return year_not_found(ctx, ctx.agencies.names[idxs[0]], year, available)
    r.years = replace(r.years, years=(), spans=r.years.spans, explicit=())
    r.operation = operation_of(r)  # the agencies' reports, not one agency's years
    return None


def _unread(ctx: Ctx) -> Answer:
    """Words left that no part of the reading explains: never answer the rest as if it
    were the question. A name-like word is an agency not indexed; others are said."""
    r = ctx.reading
    if r.en_name and not r.resolved:
        return english_name(ctx, r.en_name)
    names = [w for w in r.not_understood if _name_like(w)]
    if names and not r.resolved:
        return unknown_name(ctx, names[0])
    return not_understood(ctx)


def _name_like(run: str, shortest: int = 3) -> bool:
    return len(run) >= shortest and run[-1] in "局厅委办部会院所处室站队府心区县市"


def _agency(ctx: Ctx) -> Answer:
    return about_agency(ctx, ctx.reading.resolved[0])


MONTHS = 12


def _per_month(ctx: Ctx) -> Answer:
    """平均每月收到多少申请: the year's figure over its twelve months, worked out in the
    answer (the reports count whole years; no month is known)."""
    found = about_agency(ctx, ctx.reading.resolved[0])
    if found.status != "answered" or not isinstance(found.value, int | float):
        return found
    lang = ctx.lang
    value = number(round(found.value / MONTHS, 6))
    line = t(
        lang,
        f"平均每月 = {reply.num(found.value, lang)} ÷ {MONTHS} = {reply.num(value, lang)}（报告只给全年数字，按 12 个月平均）。",
        f"Per month on average: {reply.num(found.value, lang)} ÷ {MONTHS} = {reply.num(value, lang)} (the report gives the whole year only).",
    )
    return replace(found, intent="mean", value=value, text=f"{found.text}\n{line}")


def _trend(ctx: Ctx) -> Answer:
    m = ctx.reading.resolved[0]
    return trend(ctx, m, ctx.reader.years_of(ctx.agencies.ids[m.agencies[0]]))


def _change(ctx: Ctx) -> Answer:
    """比去年多多少 / A比B多多少: a difference, never the figure itself."""
    resolved = ctx.reading.resolved
    if len(resolved) == 1:
        return two_figures(ctx, resolved[0]) or change(ctx, resolved[0])
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


def _named(ctx: Ctx) -> list[int] | None:
    """The agencies a question over several names (淮安和平潭一共…), or None for all."""
    return [m.agencies[0] for m in ctx.reading.resolved] or None


def _none(ctx: Ctx) -> Answer:
    r = ctx.reading
    if r.en_name:
        return english_name(ctx, r.en_name)
    names = [w for w in r.not_understood if _name_like(w)]
    if names and not r.kind:
        return unknown_name(ctx, names[0])
    # words, not numbers: a number alone (%s {0}) is in every report's text
    words = [w for w in r.not_understood if not w.replace(".", "").isdigit()]
    found = found_in_text(ctx, words) if words else []
    if found:  # 哪些机关开了新闻发布会: no figure, but the reports that speak of it
        return ctx.answer("answered", "search", "\n".join(found))
    if r.has("help"):
        return help_answer(ctx)
    if r.has("list") and not r.not_understood:
        return listing(ctx)
    if r.not_understood and (r.has("ask") or r.weak_cues):
        suggestions = ctx.agencies.suggest(r.not_understood[0])
        if suggestions:
            return unknown_name(ctx, r.not_understood[0], suggestions)
    return _unsupported(ctx.question, ctx.lang)


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


def listing(ctx: Ctx, limit: int = 30) -> Answer:
    if ctx.reading.regions or ctx.reading.kind:
        return region_listing(ctx, limit)
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


def region_listing(ctx: Ctx, limit: int) -> Answer:
    """洪泽区的机关有哪些 / 江苏省有哪些司法局: the agencies indexed there, with their years."""
    idxs = sorted(scope_agencies(ctx), key=lambda i: ctx.agencies.names[i])
    where = scope_name(ctx, None)
    if not idxs:
        text = t(ctx.lang, f"索引中没有{where}的报告。", f"No report of {where} is indexed.")
        return ctx.answer("not_found", "list", text, value=0)
    lines = [t(ctx.lang, f"已收录{where} {len(idxs)} 个：", f"{len(idxs)} of {where} are indexed:")]
    for i in idxs[:limit]:
        years = "、".join(map(str, ctx.reader.years_of(ctx.agencies.ids[i])))
        lines.append(f"· {ctx.agencies.names[i]}（{years}）")
    if len(idxs) > limit:
        lines.append(t(ctx.lang, f"……共 {len(idxs)} 个。", f"…{len(idxs)} in all."))
    return ctx.answer("answered", "list", "\n".join(lines), value=len(idxs))


def help_answer(ctx: Ctx) -> Answer:
    years = ctx.reader.years()
    return ctx.answer(
        "answered", "help", reply.help_text(ctx.lang, len(ctx.agencies), sum(c for _, c in years))
    )


# One function per operation of `bot.reading.OPERATION_RULES`.
OPERATIONS: dict[str, Callable[[Ctx], Answer]] = {
    "help": help_answer,
    "list": listing,
    "vague": vague,
    "count": count,
    "sides": lambda ctx: two_sides(ctx, ctx.reading.resolved[0]),
    "checks": lambda ctx: checks(ctx, ctx.reading.resolved[0]),
    "times": times,
    "share": lambda ctx: across(ctx, op="share", only=_named(ctx)),
    "per_month": _per_month,
    "amount_or_rate": lambda ctx: amount_or_rate(ctx, _change),
    "growth": growth,
    "rate": rate,
    "change": _change,
    "trend": _trend,
    "compare": lambda ctx: compare(ctx, ctx.reading.resolved),
    "agency": _agency,
    "mean": mean,
    "median": lambda ctx: mean(ctx, "median"),
    "sum": lambda ctx: across(ctx, op="sum", only=_named(ctx)),
    "rank": lambda ctx: across(ctx, op="rank"),
    "figure": which_agency,
    "none": _none,
}

# Operations that answer with a figure: only when every word of the question was read.
# (A question about one agency with no figure named is searched for in its text, where
# the words not read are what is searched for.)
FIGURE_OPERATIONS = frozenset(OPERATIONS) - {"help", "list", "none", "agency"}
