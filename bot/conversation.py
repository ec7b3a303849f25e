"""Follow-up questions: 去年呢, 渠县司法局呢, 那行政复议呢, 和伊川比呢, in English, 1.

A chat keeps a `Context`: the question last answered (in full) and the candidates it
offered. A follow-up names only what changes, so it is answered as the previous
question with those parts replaced: the rewritten question is read like any other,
and the answer says which question it answered. The engine holds no state of its own:
the caller (the command line, the bot per chat) passes the context back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .agencies import AgencyIndex
from .lexicon import Hit, without_position
from .normalize import Text
from .reading import Reading, read

# Cues that say what is wanted of a figure: a follow-up naming one replaces the previous.
OPERATION_CUES = frozenset(
    {
        "max",
        "min",
        "rank",
        "sum",
        "mean",
        "rate",
        "growth",
        "trend",
        "change",
        "card",
        "all",
        "each",
        "times",
        "per_month",
        "except",
    }
)
_MARKER = re.compile(
    r"(?:呢|那么?|那个|还有|再看|换成|改成|如果是|其中)"
    r"|\b(?:and|what about|how about|what of|now|then|of those|of them|of these)\b"
)
_ENGLISH = re.compile(
    r"^(?:那|那么)?(?:英文|英语|用英文|in english|english(?: please)?|translate)(?:呢|吧|版)?[?？.。!！]*$",
    re.I,
)
_CHINESE = re.compile(
    r"^(?:那|那么)?(?:中文|汉语|用中文|in chinese|chinese(?: please)?)(?:呢|吧|版)?[?？.。!！]*$",
    re.I,
)
# 和伊川比呢 / compared with Yichuan: the agency named goes beside the previous one
_VERSUS = re.compile(
    r"(?:和|跟|与|同|对比|比较)[^，。？?]{0,12}?(?:比|相比|对比|比较)|\b(?:compared? (?:with|to)|versus|vs)\b"
)
# words that only continue something said before: the question is a follow-up
_LEADS = re.compile(
    r"^(?:那么?|还有|占|而且)|^(?:and|what about|how about|as a (?:share|percentage|proportion))\b"
)
# the agency asked about before, named again by a pronoun (淮安比它多多少)
_PRONOUN = re.compile(r"它|该机关|这个机关|这家")
_SHARE_OF = re.compile(r"占|\b(?:share|proportion|percentage)\b.*\bof\b|\bout of\b")
_PICK = re.compile(r"^\s*(?:第)?([1-9]\d?)\s*(?:个|号|项)?\s*$")
# 那年予以公开多少 / that year?: the year the last answer was of
_THAT_YEAR = re.compile(r"那一?年|当年|同一?年|\bthat year\b|\bthe same year\b")
# 它前一年呢 / 再往前一年呢 / the year before?: the year asked before, moved by one
_SHIFTS = (
    (re.compile(r"(?:往?前|上|早)一(?:个)?年度?|(?:上|前)一份(?:年报|年度报告|报告)?"), -1),
    (re.compile(r"(?:往?后|下|晚)一(?:个)?年度?|(?:下|后)一份(?:年报|年度报告|报告)?"), 1),
    (re.compile(r"\b(?:the |a )?year (?:before|earlier)(?: that)?\b"), -1),
    (re.compile(r"\b(?:the )?(?:year after(?: that)?|following year)\b|\ba year later\b"), 1),
)
SHORT = 14  # characters: a follow-up is short


@dataclass
class Context:
    """What a chat remembers between questions."""

    question: str = ""  # the question last answered, in full (a follow-up's rewritten form)
    language: str = "zh"
    candidates: list[dict[str, Any]] = field(default_factory=list)
    earlier: str = ""  # the one answered before it: 两个加起来呢 sums the figures of both
    year: int | None = None  # the year the last answer was of: 那年 (哪一年最多, then 那年…)
    agency: str | None = None  # the agency it was of: 它 (最多的是哪家, then 它的…)

    def pick(self, question: str) -> str | None:
        """A bare number picks that candidate of the last answer: its full question."""
        m = _PICK.match(question)
        if not m or not self.candidates:
            return None
        n = int(m.group(1))
        return self.candidates[n - 1]["question"] if n <= len(self.candidates) else None


def language_switch(question: str) -> str | None:
    """英文 / in English: the last question again, in that language."""
    if _ENGLISH.match(question.strip()):
        return "en"
    if _CHINESE.match(question.strip()):
        return "zh"
    return None


def is_follow_up(reading: Reading) -> bool:
    """A question that names only what changes: short, or marked (呢, what about…), and
    missing what a question on its own needs (who, or what figure)."""
    r = reading
    text = r.text
    short = len(text.compact) <= SHORT or len(text.words.split()) <= 5
    marked = bool(_MARKER.search(text.compact) or _MARKER.search(text.words))
    who = bool(r.resolved or r.kind or r.has("all", "each", "max", "min", "rank", "sum", "mean"))
    what = bool(r.measures or r.outcome or r.section or r.has("card", "help", "list"))
    leads = bool(_LEADS.search(text.compact) or _LEADS.search(text.words))
    leads = leads or bool(_BOTH.search(text.compact) or _BOTH.search(text.words))  # 两个加起来
    # a figure asked of no one (how many were carried over to 2020?): of the one before
    orphan = what and not who and not r.regions and not r.not_understood
    return leads or orphan or ((short or marked) and not (who and what))


def year_shift(text: Text) -> tuple[int, str] | None:
    """(−1 or 1, the follow-up without the words that say so) of a follow-up that moves
    the year asked before by one."""
    for pattern, offset in _SHIFTS:
        view = "words" if pattern.pattern.startswith("\\b") else "compact"
        m = pattern.search(text.words if view == "words" else text.compact)
        if m:
            a, b = text.original_span(m.start(), m.end(), view=view)
            return offset, f"{text.original[:a]} {text.original[b:]}"
    return None


def rewrite(previous: Text, new: Reading, prev: Reading, shift: int = 0) -> str:
    """The previous question with the parts the follow-up names put in place of its own
    (`shift`: the year asked before moved by that many years)."""
    if (
        new.measures
        and prev.measures
        and (_SHARE_OF.search(new.text.compact) or _SHARE_OF.search(new.text.words))
    ):
        # 占办结总数的比例呢 / as a share of all requests handled?: the figure asked
        # before over the one named now: the new words go after the old question
        return f"{previous.original.rstrip('?？。. ')} {new.text.original}"
    edits: list[tuple[int, int, str, str]] = []
    prepend: list[str] = []
    said = new.text

    def words(span: tuple[int, int], view: str = "compact") -> str:
        a, b = said.original_span(*span, view=view)
        return said.original[a:b]

    def swap(old: list[tuple[int, int, str]], new_text: str) -> None:
        if old:
            edits.extend((s, e, v, new_text if i == 0 else "") for i, (s, e, v) in enumerate(old))
        else:
            prepend.append(new_text)

    if new.resolved or new.kind:
        named = " 和 ".join(words((m.start, m.end)) for m in new.resolved)
        if not named and new.kind:
            named = new.kind.label
        olds = [(m.start, m.end, "compact") for m in prev.mentions]
        versus = _VERSUS.search(said.compact) or _VERSUS.search(said.words)
        if versus and prev.resolved and new.resolved:
            # 和伊川比呢: the new agency beside the old one, and the figure compared
            m = prev.mentions[0]
            edits.append((m.start, m.end, "compact", f"{words_of(previous, m)}和{named}"))
        elif _PRONOUN.search(said.compact) and len(prev.resolved) == 1 and new.resolved:
            # 淮安比它多多少: 它 is the agency asked about before, the second of the two
            m = prev.mentions[0]
            edits.append((m.start, m.end, "compact", f"{named}和{words_of(previous, m)}"))
        else:
            swap(olds, named)
    groups = (
        ("measure", lambda h: h.phrase.kind == "measure"),
        # a column of any table replaces the column asked before (总计呢 after 维持)
        ("column", lambda h: h.phrase.kind in ("applicant", "outcome", "t2col")),
        ("op", lambda h: h.phrase.kind == "cue" and h.phrase.value in OPERATION_CUES),
    )
    for name, test in groups:
        mine = [h for h in new.hits if test(h)]
        if not mine or (name == "measure" and all(h.phrase.weak for h in mine) and prev.measures):
            continue  # "and for … the application?": a weak word does not replace a figure
        theirs = [(h.start, h.end, h.view) for h in prev.hits if test(h)]
        swap(theirs, " ".join(_written(said, h) for h in mine))
    if new.years.spans:
        # 2024比2023: two years as written between them (joined by a space they would
        # run together into one number)
        first, last = new.years.spans[0][0], new.years.spans[-1][1]
        said_years = words((first, last)) if len(new.years.spans) > 1 else words(new.years.spans[0])
        olds = [(s, e, "compact") for s, e in prev.years.spans]
        if _against_year(new, prev):
            # 跟2023年比多了多少 after 那2024年呢: 2024 against 2023, not 2023 against 2022
            s, e, _ = olds[0]
            was = previous.original[slice(*previous.original_span(s, e))]
            edits.append((s, e, "compact", f"{was}比{said_years}"))
        else:
            swap(olds, said_years)
    elif shift and len(prev.years.years) == 1:
        swap([(s, e, "compact") for s, e in prev.years.spans], f"{prev.years.years[0] + shift}年")
    out = previous.rewrite(edits) if edits else previous.original
    return " ".join([*prepend, out]).strip()


# the year before the one asked (和上一年比呢 / compared with the year before?)
_YEAR_BEFORE = re.compile(
    r"上一年|上年|前一年|\b(?:the )?(?:previous|prior) year\b|\bthe year before\b"
)


def _last_two(
    new: Reading, previous: Text, prev: Reading, earlier: str, agencies: AgencyIndex, today: date
) -> str | None:
    """两年差多少 / 哪个高: the figure of the last two questions, which differ only in their
    year or only in their agency, compared; None when that is not what was asked."""
    if not earlier or new.resolved or new.years.years or new.measures or new.outcome:
        return None
    if not new.has(*_OF_TWO) and not _bare_sum(new):
        return None
    if _YEAR_BEFORE.search(new.text.compact) or _YEAR_BEFORE.search(new.text.words):
        # 和上一年比呢: the year asked last against the one before it, not the two asked
        return None
    before = read(Text.of(earlier), agencies, today)
    if _rows(before.measures) != _rows(prev.measures) or not prev.measures:
        return None
    agencies_of = [m.agencies for m in before.resolved], [m.agencies for m in prev.resolved]
    years_of = before.years.years, prev.years.years
    ask = new.text.original
    if agencies_of[0] == agencies_of[1] and len(years_of[0]) == len(years_of[1]) == 1:
        if years_of[0] == years_of[1] or not prev.years.spans:
            return None
        late, early = sorted((years_of[0][0], years_of[1][0]), reverse=True)
        s, e = prev.years.spans[0]
        join = "比" if new.has("change", "growth", "amount_or_rate") else "和"
        return f"{previous.rewrite([(s, e, 'compact', f'{late}年{join}{early}年')])} {ask}"
    if years_of[0] == years_of[1] and len(before.mentions) == len(prev.mentions) == 1:
        if agencies_of[0] == agencies_of[1]:
            return None
        m = prev.mentions[0]
        first = words_of(Text.of(earlier), before.mentions[0])
        both = f"{first}和{words_of(previous, m)}"
        return f"{previous.rewrite([(m.start, m.end, 'compact', both)])} {ask}"
    return None


# what a follow-up asks of the last two answers (两年差多少, 哪个高, 增长了百分之几)
_OF_TWO = ("change", "which", "growth", "amount_or_rate")


def _against_year(new: Reading, prev: Reading) -> bool:
    """A follow-up that compares the year asked before with another it names."""
    return (
        new.has("change")
        and not new.resolved
        and len(new.years.years) == 1
        and len(prev.years.years) == 1
        and new.years.years != prev.years.years
    )


def _both(
    new: Reading, previous: Text, prev: Reading, earlier: str, agencies: AgencyIndex, today: date
) -> str | None:
    """两个加起来呢 / both together?: the figure asked last and the one asked before it,
    of the same agencies and years, summed; None when that is not what was asked."""
    said = new.text
    if not earlier or not (
        _BOTH.search(said.compact) or _BOTH.search(said.words) or _bare_sum(new)
    ):
        return None
    before = read(Text.of(earlier), agencies, today)
    same = [m.agencies for m in before.resolved] == [m.agencies for m in prev.resolved]
    if not (same and before.years.years == prev.years.years and prev.measures and before.measures):
        return None
    # two figures (予以公开, then 部分公开), or one figure in two columns (自然人, then 商业企业)
    kind = "measure" if before.measures != prev.measures else "column"
    if kind == "column" and before.columns == prev.columns:
        return None
    mine = [h for h in prev.hits if _kind(h) == kind]
    theirs = [h for h in before.hits if _kind(h) == kind]
    if not mine or not theirs:
        return None
    earlier_text = Text.of(earlier)
    join = "" if new.language == "zh" else " "
    named = join.join(_written(earlier_text, h) for h in theirs)
    first = mine[0]
    plus = "加" if new.language == "zh" else " plus "
    edits = [(first.start, first.end, first.view, f"{named}{plus}{_written(previous, first)}")]
    question = f"{_SUM_WORD[new.language]} {previous.rewrite(edits)}"
    merged = read(Text.of(question), agencies, today)
    if _rows(merged.measures) != _rows(before.measures + prev.measures) or merged.not_understood:
        return None  # the words did not combine into that sum: not guessed
    if kind == "column" and set(merged.columns) != set(before.columns + prev.columns):
        return None
    return question


def _kind(hit: Hit) -> str:
    """What a phrase names, for a follow-up that sums: a figure or a column of one."""
    return "column" if hit.phrase.kind in ("applicant", "outcome", "t2col") else hit.phrase.kind


def _own_question(
    new: Reading, previous: Text, prev: Reading, who: str, when: str, said: str
) -> str:
    """The follow-up as a question of its own: `who` and `when` in place of the words
    `said` (它, 那年), and, unless it names one, the figure asked before."""
    rest = new.text.original.replace(said, " ", 1)
    what = (
        ""
        if new.measures
        else " ".join(_written(previous, h) for h in prev.hits if h.phrase.kind == "measure")
    )
    return " ".join(f"{who} {when} {what} {rest}".split())


def _bare_sum(new: Reading) -> bool:
    """加起来呢 / combined?: a sum of what was asked before, naming nothing else."""
    return new.has("sum") and not (
        new.resolved or new.kind or new.years.years or new.measures or new.outcome
    )


def _rows(measures: list[Any]) -> set[tuple[int, str]]:
    """The rows the measures are read from (予以公开 and 部分公开, or the group of both)."""
    return {(m.table, row) for m in measures for row in m.row_sets[0]}


# 两个加起来呢 / both together: a sum of what was asked before, whatever its words
_BOTH = re.compile(
    r"(?:两个|两者|两项|二者|这两|俩)(?:的)?(?:数)?(?:加起来|加在一起|合计|之和|一共|总和|相加|合起来)"
    r"|\b(?:both|the two|them) (?:together|combined|added)\b|\b(?:add|sum) (?:them|both|the two)\b"
)
_SUM_WORD = {"zh": "一共", "en": "in total"}


def words_of(text: Text, m: Any) -> str:
    a, b = text.original_span(m.start, m.end)
    return text.original[a:b]


def _written(text: Text, hit: Hit) -> str:
    a, b = text.original_span(hit.start, hit.end, view=hit.view)
    return text.original[a:b]


def follow(
    reading: Reading, context: Context, agencies: AgencyIndex, today: date
) -> tuple[Reading, str | None]:
    """The reading to answer, and the full question it stands for when it is a follow-up
    (None when the question stands on its own)."""
    if not context.question or not is_follow_up(reading):
        return reading, None
    said = reading.text
    if (_BOTH.search(said.compact) or _BOTH.search(said.words)) and (
        reading.has("rate") or _SHARE_OF.search(said.compact) or _SHARE_OF.search(said.words)
    ):  # 两个加起来占办结的多少: a share of the sum, which the sum alone would not be
        return replace(reading, not_understood=[*reading.not_understood, said.original]), None
    previous = Text.of(context.question)
    prev = read(previous, agencies, today)
    both = _both(reading, previous, prev, context.earlier, agencies, today)
    if both is None:
        both = _last_two(reading, previous, prev, context.earlier, agencies, today)
    if both is not None:
        return read(Text.of(both), agencies, today), both
    that = _THAT_YEAR.search(said.compact) or _THAT_YEAR.search(said.words)
    if that and context.year and not reading.years.years and not reading.years.ends:
        # 那年予以公开多少 after 哪一年收到的最多: a question of its own, of that year, of
        # the agency and (unless it names one) the figure asked before
        who = "" if reading.resolved else " ".join(words_of(previous, m) for m in prev.mentions)
        when = f"{context.year}年"
        question = _own_question(reading, previous, prev, who, when, that.group())
        return read(Text.of(question), agencies, today), question
    it = _PRONOUN.search(said.compact)
    if it and context.agency and not reading.resolved and len(prev.resolved) != 1:
        # 它的予以公开率呢 after 最多的是哪家: of the agency the last answer found, in the
        # year it was of
        when = f"{context.year}年" if context.year else ""
        question = _own_question(reading, previous, prev, context.agency, when, it.group())
        return read(Text.of(question), agencies, today), question
    if _bare_sum(reading):
        # 加起来呢 after questions that do not add up (two agencies in two years): the
        # sum of one figure would be no answer to it
        return replace(reading, not_understood=[*reading.not_understood, said.original]), None
    # 再往前一年呢: the year before; 和上一年比呢: a change against it, not that year's figure
    shift = year_shift(said) if not reading.years.years and not reading.has("change") else None
    if shift is not None:
        if len(prev.years.years) != 1:  # 前一年 of no year asked: not guessed
            return replace(reading, not_understood=[*reading.not_understood, said.original]), None
        # 再往前一年 / 上一份年报呢: read without the words of the shift (前一 is no top one)
        reading = read(Text.of(shift[1]), agencies, today)
    question = rewrite(previous, reading, prev, shift[0] if shift else 0)
    if question != context.question and reading.not_understood:
        return reading, None  # words of the follow-up were not read: not merged, said so
    if question == context.question and (reading.position or reading.top or reading.condition):
        # 第二多的呢 after a ranking; 第三呢 after 第二呢 takes the place of 第二
        base = context.question
        if reading.position and prev.position:
            base = without_position(base)
        question = f"{base.rstrip('?？。. ')} {reading.text.original}"
    elif question == context.question:
        if not reading.not_understood or not prev.resolved:
            return reading, None
        # 其中工作动态多少条: nothing of the previous question named, but words to look
        # for: the same agency and year, and the new words
        who = " ".join(words_of(previous, m) for m in prev.mentions)
        when = " ".join(
            previous.original[slice(*previous.original_span(s, e))] for s, e in prev.years.spans
        )
        question = f"{who}{when}{reading.text.original}"
    merged = read(Text.of(question), agencies, today)
    return merged, question
