"""Read a question into one typed query: who, what figure, when, and what is wanted of it.

A `Reading` names every part it found with the words it came from (duckling-style):
the agencies or the kind of agency (scope), the years (time), the measure or the rate
(what), and the operation (a value, a sum, a ranking, a difference…). Whatever words no
part explains are kept as `not_understood`: the evaluation answers a figure only when
nothing material is left over, so a question about a telephone number is never answered
with an application count. Nothing here touches the figures of the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from index.divisions import divisions, region_prefix

from .agencies import AgencyIndex, Kind, Mention
from .catalogue import GROUPS, MEASURES, Measure
from .lexicon import (
    EN,
    MONEY_MARK,
    ROW_WORDS,
    VAGUE,
    Hit,
    Phrase,
    asks_count,
    asks_difference,
    condition,
    counts_years,
    find_phrases,
    narrative_terms,
    parts_of_year,
    pattern_spans,
    position,
    top_n,
)
from .normalize import Text, chinese_number, cjk_count, is_cjk
from .places import SCOPE_CUES, PlaceRead, Region, find_places, place_scope
from .years import YearRef, find_years

_STOP_CHARS = frozenset(
    "的在是有和与及了对于从向被把为各每哪吗呢吧啊？?，,。.！!、；;：:“”\"'‘’（）()《》年比较"
)
_EN_WORD = re.compile(r"[a-z]{2,}")
_NUMBER = re.compile(r"(?<![a-z])\d+(?:\.\d+)?(?![a-z])")
_EN_TOKEN = re.compile(r"[a-z][a-z'’\-]*")
_EN_KINDS: dict[str, str] = {
    "justice bureau": "司法局",
    "justice bureaus": "司法局",
    "bureaus of justice": "司法局",
    "judicial bureau": "司法局",
    "judicial bureaus": "司法局",
    "governments": "人民政府",
    "government": "人民政府",
    "general offices": "人民政府办公厅",
    "general office": "人民政府办公厅",
    "government offices": "人民政府办公厅",
    "government office": "人民政府办公厅",
    "public security bureaus": "公安局",
    "public security bureau": "公安局",
    "science and technology commissions": "科委",
    "science and technology commission": "科委",
    "sci-tech commission": "科委",
}
_EN_LEVELS = {
    "county": "县",
    "district": "区",
    "city": "市",
    "municipal": "市",
    "provincial": "省",
    "province": "省",
}
# how a mention may have been read and still name one known agency: as written, by its
# place, through a typo, or as the only agency of a kind the index holds (科委新收)
KNOWN = ("exact", "place", "typo", "only", "year")
# 五个司法局 / 几家区政府: agencies counted, not a name written before a kind of agency
_YEAR_ON_YEAR = re.compile(r"同比|环比")
# cues that ask for work on figures (多几件, 占比, 中位数): a figure found on its own (a
# clause's, a sentence of the text's) is not what such a question asks. Not a sum: its
# words are said in passing (汇总表) and restate totals the text gives (累计公开2536条)
WORK_CUES = ("change", "rate", "growth", "amount_or_rate", "times", "mean", "median")
_COUNT_WORD = re.compile(r"(?:这|那)?[两二三四五六七八九十几\d]{1,2}[个家](?=\S)")
# 上海的两个机关, 这三家: agencies counted, so a sum ranges over them
_SEVERAL = re.compile(r"[两二三四五六七八九十几\d]+(?:个|家)(?:机关|单位|部门)?|各")
_COUNTED = re.compile(r"(?:[一二三四五六七八九十两几\d]+|多少)[个家]$")
# A比B少几件 asks B − A; 多还是少 asks which, and A − B with its sign
_FEWER = re.compile(
    r"比[^，。？?！!]{0,16}?(?<!多)(?<!还是)少|(?<!多)(?<!还是)少(?:多少|几|了多少)"
    r"|(?:下降|减少|降低)了?(?:多少|几)"  # 下降了多少件: how much it fell, as 少了多少
)
_PERCENT_MARK = re.compile(r"\d\s*(?:%|％|percent)")
_SHARE_ASKED = re.compile(r"占[^，。？?]{1,16}?的?(?:多少|几成|百分之几|几分之几)")
_FEWER_EN = re.compile(
    r"\b(?:fewer|less)\b|\bby how (?:many|much)\b.*\b(?:fall|fell|fallen|decline|declined|"
    r"decrease|decreased|go down|went down)\b"
)
# how much did it drop: how many fewer, or by what percent, as 下降了多少 (asked back)
_HOW_MUCH_CHANGED_EN = re.compile(
    r"(?<!by )\bhow much (?:did|has|have)\b.*\b(?:drop|fall|rise|increase|decrease|grow|decline|"
    r"go up|go down|change|climb)\b"
)
_AGAINST = re.compile(r"(?:比|较)(?:(?:19|20)\d{2}|去年|上年|前年|上一年|前一年|同期)")
# the sections a question may ask for, by the cue that names them
SECTIONS: dict[str, tuple[int, tuple[str, ...] | None]] = {
    "section1.platform": (1, ("平台",)),
    "section1.oversight": (1, ("监督",)),
    "section1.management": (1, ("管理",)),
    "section1.proactive": (1, ("主动公开",)),
    "section5": (5, None),
    "section6": (6, None),
    "section1": (1, None),
}
# words that may stand before or after a kind of agency without naming one
_EN_NOT_NAMES = frozenset(
    """a an the of did does do is was were has have had which what how many much in for by
    all each every any to from and or vs versus with that this these those its their our my
    per among other some most least top rank ranking compare between across against about
    on at there where when who whose why one two three four five six seven eight nine ten""".split()
) | {w for phrase, _ in EN for w in _EN_TOKEN.findall(phrase)}


@dataclass
class Reading:
    """What a question asks, part by part. Spans are in `text.compact` unless said."""

    text: Text
    language: str
    mentions: list[Mention]  # agencies named (resolved, ambiguous or unknown)
    kind: Kind | None  # a kind of agency the question ranges over (司法局, 区政府)
    years: YearRef
    measures: list[Measure]
    applicant: str | None
    outcome: str | None
    t2col: str | None
    cues: set[str]
    weak_cues: set[str]
    guessed: bool = False  # the measure was read from weak words only (申请, 收到, 公开了)
    operation: str = ""  # set by `operation_of`
    top: int | None = None
    position: int | None = None  # 排第三: one place of a ranking
    columns: list[tuple[str, str]] = field(default_factory=list)  # every column named, in order
    condition: tuple[str, float] | None = None  # for a count: (comparison, threshold)
    section: tuple[int, tuple[str, ...] | None] | None = None
    not_understood: list[str] = field(default_factory=list)
    content: str = ""  # the question without names, years and question words: text search
    hits: list[Hit] = field(default_factory=list)
    # a name in Latin letters beside a kind of agency ("Huai'an city government"): one
    # agency we cannot read, not every agency of the kind
    en_name: str | None = None
    # regions the question ranges over (四川省的司法局合计, 淮安市各区县政府排名)
    regions: list[Region] = field(default_factory=list)
    # agencies each named with a year of its own (上海市政府办公厅2025年和淮安市2024年):
    # the agencies a name stands for, and its year
    years_apart: list[tuple[tuple[int, ...], int]] = field(default_factory=list)
    # 新收加上年结转 跟 办结加结转下年 对一下: the figures of each side of a check
    sides: tuple[list[Measure], list[Measure]] | None = None
    # （七）总计是35，那新收加上年结转是多少: figures the person states, with their number,
    # checked against the report rather than asked; True when the number is of the total
    # though the question asks a column after it (收到34件申请，其中自然人…)
    stated: list[tuple[Measure, float, bool]] = field(default_factory=list)
    # the condition's mark was written in percent (超过5%): it fits rates only
    percent_mark: bool = False
    # the condition's mark is an amount of money, in 元 as written (超过1亿元)
    money_mark: bool = False
    # 淮安的申请占这几家总数的多少: the agency whose share of the named agencies' total is
    # asked (the one named right before 占)
    share_part: int | None = None

    def has(self, *cues: str) -> bool:
        return any(c in self.cues for c in cues)

    def cue_words(self, *cues: str) -> list[str]:
        """The words of the question read as these cues (折合多少元 for in_yuan): what is
        said back when they cannot be done."""
        return self.words_of("cue", lambda value: value in cues)

    def words_of(self, kind: str, keep: Callable[[str], bool] = bool) -> list[str]:
        """The words of the question read as phrases of `kind` whose value `keep` keeps,
        as typed (法人 for the applicant column org)."""
        return [
            (self.text.compact if h.view == "compact" else self.text.words)[h.start : h.end]
            for h in self.hits
            if h.phrase.kind == kind and keep(h.phrase.value)
        ]

    @property
    def resolved(self) -> list[Mention]:
        """The agencies named that are known, each once, in the order named."""
        out: list[Mention] = []
        for m in self.mentions:
            if m.how in KNOWN and all(m.agencies[0] != r.agencies[0] for r in out):
                out.append(m)
        return out

    @property
    def unresolved(self) -> list[Mention]:
        return [m for m in self.mentions if m.how in ("ambiguous", "unknown")]

    def mark(self, unit: str) -> tuple[str, float]:
        """The condition (by default: not zero) in the unit of the figure it is put to:
        a mark of money, in 元 as read, over a figure in 万元 is divided by 10,000."""
        how, mark = self.condition or (">", 0.0)
        if self.money_mark and unit == "万元":
            mark /= 10_000
        return how, mark

    def explain(self, agencies: AgencyIndex) -> str:
        """The reading, printable: why an answer was given (`python -m bot ask --explain`)."""
        lines = [f"question:  {self.text.original}", f"language:  {self.language}"]
        for m in self.mentions:
            names = ", ".join(agencies.names[i] for i in m.agencies[:5])
            lines.append(f"agency:    {self.text.compact[m.start : m.end]} → {m.how}: {names}")
        if self.kind:
            lines.append(f"kind:      {self.kind.label} (office {self.kind.office})")
        for region in self.regions:
            lines.append(f"region:    {region.name} ({region.code})")
        if self.years.years:
            lines.append(f"years:     {', '.join(map(str, self.years.years))}")
        for m in self.measures:
            lines.append(f"measure:   {m.key} ({m.zh}, table {m.table})")
        for name in ("applicant", "outcome", "t2col"):
            if getattr(self, name):
                lines.append(f"column:    {getattr(self, name)}")
        if self.section:
            lines.append(f"section:   {self.section[0]}")
        lines.append(f"operation: {self.operation}")
        if self.top:
            lines.append(f"top:       {self.top}")
        if self.condition:
            lines.append(f"condition: {self.condition[0]} {self.condition[1]:g}")
        if self.cues:
            lines.append(f"cues:      {', '.join(sorted(self.cues))}")
        lines.append(f"not understood: {', '.join(self.not_understood) or '—'}")
        return "\n".join(lines)


# Words that ask what no figure holds, however well the rest was read: who applied,
# how many people a table-2 count (decisions, documents) concerns
_WHO = re.compile(
    r"(?<!的)是谁|谁申请|谁提|谁告|什么人|哪些人|\bwho (?:applied|asked|filed|sued)\b"
)
_PEOPLE = re.compile(r"(?:多少|几)个?人")
# Words that hold a phrase of the tables but mean something else: 企业家 are people,
# not the 商业企业 column (companies)
FALSE_FRIENDS = ("企业家", "企业主")
# The table a kind of column belongs to: applicants are table 3's, outcomes table 4's, and
# 现行有效 and 废止 table 2's (制发 and 出了 are also everyday verbs: not counted)
COLUMN_TABLE: dict[tuple[str, str | None], int] = {
    ("applicant", None): 3,
    ("outcome", None): 4,
    ("t2col", "in_force"): 2,
    ("t2col", "repealed"): 2,
}


def column_table(kind: str, value: str) -> int | None:
    return COLUMN_TABLE.get((kind, value), COLUMN_TABLE.get((kind, None)))


def _misfits(masked: Text, reading: Reading) -> list[str]:
    """Words read as a part of the question that do not fit the figure it names (是谁申请的
    of a count of applications, 涉及多少人 of 行政处罚's decisions, 被撤销的 of 行政许可,
    whose row has no outcomes): the question is then not answered as if they were not there."""
    out = [w for w in FALSE_FRIENDS if w in masked.compact]
    ranked = reading.has("max", "min") or reading.position or reading.top
    ranked = ranked or (reading.has("rank") and not reading.resolved)
    if not ranked:  # 最多的单位是谁 asks which agency; 是谁申请的 asks who applied
        out += [m.group(0) for m in _WHO.finditer(masked.compact)]
        out += [m.group(0) for m in _WHO.finditer(masked.words)]
    tables = {m.table for m in reading.measures}
    if tables == {2}:
        out += [m.group(0) for m in _PEOPLE.finditer(masked.compact)]
    # a column of one table named with figures of others only (自然人 of 行政诉讼,
    # 被撤销的 of 行政许可): the figures have no such column
    out += [
        (masked.compact if h.view == "compact" else masked.words)[h.start : h.end]
        for h in reading.hits
        if tables
        and column_table(h.phrase.kind, h.phrase.value) not in (None, *tables)
        and (h.phrase.kind, h.phrase.value) in reading.columns
        and h.phrase.value != "total"  # 总计 is a column of every table
    ]
    # a word of one row's label read without that row (逾期 of 逾期答复的申请, with no
    # 逾期不补正 asked): it says the figure is another one
    rows = {r for m in reading.measures for rs in m.row_sets for r in rs}
    out += [
        w
        for h in reading.hits
        if h.phrase.kind == "filler"
        and h.view == "compact"
        and (w := masked.compact[h.start : h.end]) in ROW_WORDS
        and not ROW_WORDS[w] & rows
    ]
    return list(dict.fromkeys(out))


# a figure followed by the number the person says it is: （七）总计是35, 结转下年度是0
_STATED = re.compile(r"(?:是|为|印的是|写的是|印着|写着|=)?(\d+(?:\.\d+)?)(?:件|个|条|项)?")
# … or said after a verb, in digits or in words, ending its clause: 行政复议有十件？,
# 结果纠正了六十四件，对吗, 是九件还是八件, 新收申请713件，加上…, 收到三十四件申请，其中…
_UNIT = r"(?:件|个|条|项|次|宗|起|家)"
_SAID = r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+(?=" + _UNIT + r"))" + _UNIT + "?"
_STATED_SAID = re.compile(
    r"(?:的|是不是|有没有|真的|确实|一共|总共|共有|共|合计|只有|才|就|达到|达|是|为|有|了|申请"
    r"|各项|加起来|加在一起|总数){0,4}"
    + _SAID
    + r"(?:(?:还是|或者|或)是?"
    + _SAID
    + r")?(?=$|[，,。？?！!；;]|对|是吗|吗|吧|呢|申请|没(?:填|写|印)?错)"
)
# the statement is one side of a sum the question asks (新收713件，加上上年结转的一共多少)
_SUM_AFTER = re.compile(r"[，,、]?(?:再)?(?:加上|加|和)")
_COLUMN_KINDS = ("applicant", "outcome", "t2col")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:\d]")


def _said_number(written: str) -> float | None:
    return float(written) if written[0].isdigit() else chinese_number(written)


def _stated(
    compact: str, hits: list[Hit], years: YearRef
) -> list[tuple[str, float, tuple[int, int], bool]]:
    """(measure key, number, span of the number, whether it is of the total though a
    column is asked after it) of each figure the question states. Not over several years
    (2024年结转下年度是0，那2025年…): which year's is then unclear. A number after a
    column of the figure (结果纠正了64件) is that column's."""
    if len(years.years) > 1:
        return []
    out = []
    compact_hits = sorted((h for h in hits if h.view == "compact"), key=lambda h: h.start)
    named = [
        h.phrase.value for h in compact_hits if h.phrase.kind == "measure" and not h.phrase.weak
    ]
    columns = [h for h in compact_hits if h.phrase.kind in _COLUMN_KINDS]
    measure, measure_end = None, 0
    for h in compact_hits:
        if h.phrase.kind == "measure":  # 收到34件申请: a weak word names it as well
            measure, measure_end = h.phrase.value, h.end
        elif (
            h.phrase.kind not in _COLUMN_KINDS
            or measure is None
            or _CLAUSE_BREAK.search(compact, measure_end, h.start)
        ):
            continue  # 予以公开0，总计2: a column of another clause is no column of it
        if named.count(measure) > 1 and len(set(named)) > 1:
            continue  # 受理749件 … 新收加结转是不是这个数: the number is of the sum asked
        m = _STATED.match(compact, h.end) if h.phrase.kind == "measure" else None
        said = [m.group(1)] if m and m.group(1) else []
        if not said:
            m = _STATED_SAID.match(compact, h.end)
            said = [g for g in m.groups() if g] if m else []
        numbers = [n for n in map(_said_number, said) if n is not None]
        if not numbers or len(numbers) != len(said):
            continue
        total = any(c.start >= m.end() for c in columns)  # 收到34件申请，其中自然人…
        out.extend((measure, n, (m.start(), m.end()), total) for n in numbers)
    # 新收申请713件: 新收 and 申请 both name it; the number is stated once
    return list({(key, n, span): (key, n, span, t) for key, n, span, t in out}.values())


def _joined_to_sum(compact: str, stated: list[tuple[str, float, tuple[int, int], bool]]) -> bool:
    return any(_SUM_AFTER.match(compact, span[1]) for _, _, span, _ in stated)


def _share_part(masked: Text, reading: Reading) -> int | None:
    """The agency named right before 占 when the question asks its share of several named
    agencies' total (淮安、沭阳两家的行政复议里，沭阳占多大比重)."""
    at = masked.compact.find("占")
    named = {m.agencies[0] for m in reading.resolved}
    if at < 0 or "rate" not in reading.cues or len(named) < 2 or len(reading.measures) != 1:
        return None
    before = [m for m in reading.mentions if m.how in KNOWN and m.end <= at]
    return before[-1].agencies[0] if before else None


def _two_columns(reading: Reading) -> bool:
    """Two columns of one kind named (自然人和商业企业): two figures of one report."""
    kinds = [k for k, _ in reading.columns]
    return any(kinds.count(k) >= 2 for k in set(kinds))


# what stands between the two sides of a check (A加B 跟 C加D 对一下, 第一项加第二项等于…),
# in order of preference: 和 may also join two figures of one side
SIDE_WORDS = ("跟", "与", "等于", "=", "减去", "对比", "同", "和", "减")


_CARRY_BESIDE = {"received": "carried_over", "results_total": "carried_forward"}


def _sides(masked: Text, reading: Reading) -> tuple[list[Measure], list[Measure]] | None:
    """The two sums a check compares, when the question sums figures on both sides of a
    跟/等于 (one side may be one figure); None otherwise."""
    compact = masked.compact
    # a check (对一下, 等于, A 减去 B), of one report: not a change between years
    checked = reading.has("same") or "等于" in compact or "减" in compact
    one_year = len(reading.years.years) < 2 and not _AGAINST.search(compact)
    if not checked or not one_year or len(reading.resolved) != 1:
        return None
    named = [
        h
        for h in reading.hits
        if h.view == "compact" and h.phrase.kind == "measure" and not h.phrase.weak
    ]
    found: list[tuple[int, Measure]] = []
    for h in sorted(named, key=lambda h: h.start):
        key = h.phrase.value
        if key not in MEASURES:
            # 结转 alone: carried over beside 新收 (新收加结转), forward beside the results
            # (办结加结转); otherwise no side is made without it
            key = _CARRY_BESIDE.get(found[-1][1].key, "") if found else ""
            if key not in MEASURES:
                return None
        found.append((h.start, MEASURES[key]))
    if len(found) < 3:
        return None
    for word in SIDE_WORDS:
        at = masked.compact.find(word)
        while at >= 0:
            left = [ms for start, ms in found if start < at]
            right = [ms for start, ms in found if start >= at + len(word)]
            if left and right and {ms.table for ms in left + right} == {left[0].table}:
                return left, right
            at = masked.compact.find(word, at + 1)
    return None


_WITHIN = re.compile(r"中|里|之中|当中")


def _share_of_group(masked: Text, reading: Reading) -> None:
    """行政查询事项占不予公开的比例, 不予公开中内部事务信息的占比: a part over its group
    named apart from it, which reading the part alone (its group implied) had dropped."""
    if "rate" not in reading.cues or len(reading.measures) != 1:
        return
    part = reading.measures[0]
    if part.parent is None:
        return
    hits = [h for h in reading.hits if h.view == "compact" and h.phrase.kind == "measure"]
    parts = [h for h in hits if h.phrase.value == part.key]
    groups = [h for h in hits if h.phrase.value == part.parent]
    compact = masked.compact
    # the group after 占 (占不予公开的比例), or before the part with 中 between them (不予
    # 公开的申请中，…的占比); not the group word of the row's own label (不予公开（…）占比)
    if any(
        ("占" in compact[: g.start] and all(p.start < g.start for p in parts))
        or any(g.end <= p.start and _WITHIN.search(compact[g.end : p.start]) for p in parts)
        for g in groups
    ):
        reading.measures = [part, MEASURES[part.parent]]


_SUCH_AS = re.compile(r"之类|这类|这一类|一类|等原因|等等|什么的|等(?!于)")


def _such_as(masked: Text, reading: Reading) -> None:
    """因为不掌握之类原因无法提供的: a part named as an example of its group (之类, 等) with
    the group after it asks the group, not the part."""
    hits = [h for h in reading.hits if h.view == "compact" and h.phrase.kind == "measure"]
    compact = masked.compact
    measures = []
    for part in reading.measures:
        parts = [h for h in hits if h.phrase.value == part.key]
        groups = [h for h in hits if h.phrase.value == part.parent]
        example = any(
            p.end <= g.start and _SUCH_AS.search(compact, p.end, g.start)
            for p in parts
            for g in groups
        )
        group = MEASURES[part.parent] if example and part.parent in MEASURES else part
        if group not in measures:
            measures.append(group)
    reading.measures = measures


def _take_out(masked: Text, reading: Reading) -> None:
    """除了内部事务信息以外: the group a part belongs to, less that part (a difference of
    two figures); said of anything else, the words are not understood."""
    if not reading.has("except"):
        return
    measures = reading.measures
    if len(measures) == 1 and measures[0].parent in MEASURES:
        reading.measures = [MEASURES[measures[0].parent], measures[0]]
        reading.cues.add("change")
    else:
        reading.not_understood += reading.cue_words("except")


def _years_apart(
    compact: str, mentions: list[Mention], places: list[PlaceRead], years: YearRef, today: date
) -> list[tuple[tuple[int, ...], int]]:
    """Agencies each named with a year of its own (上海市政府办公厅2025年和淮安市2024年):
    the agencies of each name, with its year; empty unless two names have years apart."""
    names = [((m.start, m.end), tuple(m.agencies)) for m in mentions]
    names += [((p.start, p.end), tuple(p.agencies)) for p in places]
    if len(names) < 2 or len(set(years.years)) < 2:
        return []
    owned: dict[int, int] = {}
    for s, e in years.spans:
        # the year as written beside the name: 2024年, or 去年 (綦江司法局去年和平潭前年)
        said = find_years(Text.of(compact[s:e]), today).years
        for i, ((ns, ne), _) in enumerate(names):
            if (0 <= s - ne <= 1 or 0 <= ns - e <= 1) and len(said) == 1:
                owned.setdefault(i, said[0])
                break
    if len(owned) < 2:
        return []
    return [(names[i][1], year) for i, year in sorted(owned.items())]


def _within_place(m: Mention, places: list[PlaceRead]) -> bool:
    return any(p.start <= m.start and m.end <= p.end for p in places)


def read(text: Text, agencies: AgencyIndex, today: date) -> Reading:
    """The reading of one question, operation included."""
    years = carried_years(text, find_years(text, today))
    first = find_phrases(text)
    words = {
        i
        for h in first
        if h.view == "compact" and h.phrase.kind != "filler"
        for i in range(h.start, h.end)
    }
    words.update(i for s, e in years.spans for i in range(s, e))
    # 渠县三个司法局 / 这两家: a count of agencies is no part of a name
    words.update(i for m in _COUNT_WORD.finditer(text.compact) for i in range(*m.span()))
    # 伊川 綦江 渠县司法局: names apart in the question are apart (the compact view joins them)
    spaced = {
        i
        for i in range(1, len(text.compact))
        if text.original[text.compact_pos[i - 1] + 1 : text.compact_pos[i]].isspace()
    }

    def stop(compact: str, i: int) -> bool:
        """Position i is not part of a name: a phrase, a year, punctuation, not Chinese."""
        ch = compact[i]
        return i in words or i in spaced or ch in _STOP_CHARS or not is_cjk(ch)

    mentions = agencies.find(text.compact, stop)
    # a place alone that several agencies share (上海: its 办公厅 and 科委) is read as a
    # division, so that 上海的两个机关加起来 ranges over it; alone it is still asked about
    shared = [
        m
        for m in mentions
        if m.how == "ambiguous" and text.compact[m.start : m.end] in agencies.places
    ]
    places = find_places(
        text,
        [m for m in mentions if m not in shared],
        agencies,
        years.years[0] if years.years else None,
    )
    mentions = [m for m in mentions if m not in shared or not _within_place(m, places)]
    # names, and years written as years (2024年), are read: no phrase may take their
    # characters (年报 must not eat the 年 of 2024年报告)
    written_years = [(s, e) for s, e in years.spans if any(c.isdigit() for c in text.compact[s:e])]
    masked = text.masked(
        [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in places] + written_years
    )
    # what the question counts or compares, asked once: several parts of the reading use them
    counting, counting_years, differing = (
        asks_count(masked),
        counts_years(masked),
        asks_difference(masked),
    )
    hits = find_phrases(masked)
    # in the order they are written: 直接起诉的比复议后起诉的多几个 asks first − second
    meaning = sorted(
        (h for h in hits if h.phrase.kind != "filler"),
        key=lambda h: text.original_span(h.start, h.end, view=h.view)[0],
    )
    strong = _named_first([p for h in meaning for p in _parts(h.phrase) if not p.weak])
    weak = [p for h in meaning for p in _parts(h.phrase) if p.weak]
    cues = {p.value for p in strong if p.kind == "cue"}
    if _AGAINST.search(text.compact) or differing:
        cues.add("change")  # 2023年比2022年… / A比B多几件: a difference, whatever the verb
    weak_cues = {p.value for p in weak if p.kind == "cue"}
    phrases = masked.masked([(h.start, h.end) for h in meaning if h.view == "compact"])
    kind_span = None if mentions else agencies.find_kind(phrases.compact)
    counted = kind_span and _COUNTED.search(masked.compact[: kind_span[1]])
    if (
        kind_span
        and kind_span[1] > 0
        and not counted
        and not stop(masked.compact, kind_span[1] - 1)
    ):
        # 宜川县司法局: a name we do not know, not "every 县司法局"
        start = kind_span[1]
        while start > 0 and not stop(masked.compact, start - 1):
            start -= 1
        written = masked.compact[start : kind_span[2]]
        mentions.append(Mention(start, kind_span[2], agencies.suggest(written), "unknown"))
        kind_span = None
    kind = kind_span[0] if kind_span else _english_kind(masked.words, agencies)
    scoped = bool(cues & SCOPE_CUES) or counting or top_n(masked) is not None
    if (
        cues & SCOPE_CUES == {"sum"}
        and len({p.value for p in strong if p.kind == "measure"}) >= 2
        and not _SEVERAL.search(masked.compact)
    ):
        scoped = False  # new applications plus carried over, combined: a sum of its figures
    if (
        len({p.regions for p in places}) == 2
        and "change" in cues
        and not cues & (SCOPE_CUES - {"rank"})
    ):
        scoped = False  # Huai'an vs Pingtan: difference: two places, each its agency
    regions, named = place_scope(
        places,
        kind,
        scoped or position(masked) is not None,
        agencies,
        text,
        alone_is_named=not (counting or "list" in cues),
    )
    if kind_span:  # 宜川县司法局: the kind after an unknown place is part of its name
        named = [
            Mention(m.start, kind_span[2], m.agencies, m.how)
            if m.how == "unknown" and kind_span[1] == m.end
            else m
            for m in named
        ]
    mentions = sorted(mentions + named, key=lambda m: m.start)
    only_span: tuple[int, int] | None = None
    if kind_span and not mentions and not places and not scoped:
        only = agencies.by_office.get(kind_span[0].office, [])
        if len(only) == 1 and kind_span[0].label in agencies.names[only[0]]:
            # 科委新收: the one agency of that kind the index holds, and the answer says so
            mentions = [Mention(kind_span[1], kind_span[2], only, "only")]
            only_span = (kind_span[1], kind_span[2])
            kind_span, kind = None, None
    en_name = None
    if kind is not None and not kind_span and not mentions and not places:
        en_name = _english_name(masked.words, kind.label)
    stated = _stated(masked.compact, hits, years)
    explained = [(h.start, h.end) for h in hits if h.view == "compact"] + list(years.spans)
    explained.extend(span for _, _, span, _ in stated)
    explained.extend(m_span for m_span in [only_span] if m_span)
    explained.extend((p.start, p.end) for p in places)
    explained.extend(_regions_before(masked.compact, mentions, agencies))
    explained.extend(_kind_of_those_named(masked.compact, mentions, agencies))
    read_compact, read_words = pattern_spans(masked)
    read_words.extend(p.words for p in places)
    explained.extend(read_compact)
    if kind_span:
        explained.append((kind_span[1], kind_span[2]))
    measures = _measures(strong, weak, both=differing)
    given = {key for key, _, _, _ in stated}
    if (
        given
        and any(m.key not in given for m in measures)
        and not _joined_to_sum(masked.compact, stated)
    ):
        measures = [m for m in measures if m.key not in given]  # asked: what is not stated
    if len(measures) == 1 and differing:
        measures = _either_side(masked.compact, meaning) or measures
    applicant = _first(strong, "applicant")
    if not measures and applicant and "rate" in cues and not _first(strong, "outcome"):
        measures = [MEASURES["received"]]  # 自然人占多大比例: a share of those received
    reading = Reading(
        text=text,
        language=_language(masked),
        mentions=mentions,
        kind=kind,
        years=years,
        measures=measures,
        applicant=applicant,
        outcome=_first(strong, "outcome"),
        t2col=_first(strong, "t2col"),
        cues=cues,
        weak_cues=weak_cues,
        guessed=bool(measures) and not any(p.kind == "measure" for p in strong),
        top=top_n(masked),
        position=position(masked),
        columns=[(p.kind, p.value) for p in strong if p.kind in ("applicant", "outcome", "t2col")],
        condition=condition(masked) if counting or counting_years else None,
        section=next((SECTIONS[c] for c in SECTIONS if c in cues), None),
        not_understood=[
            w
            for w in parts_of_year(masked)
            if "per_month" not in cues or w not in ("month", "monthly")  # per month: read
        ]
        + _not_understood(masked, explained, read_words, hits, kind, en_name),
        content=_content(masked, hits, years) + "".join(narrative_terms(masked)),
        hits=hits,
        en_name=en_name,
        regions=regions,
        stated=[(MEASURES[key], value, total) for key, value, _, total in stated],
    )
    if reading.stated:  # 核一下…总计是35，那…是多少: the check is of the figure stated
        reading.cues.discard("same")
    _take_out(masked, reading)
    _such_as(masked, reading)
    _share_of_group(masked, reading)
    reading.sides = _sides(masked, reading)
    reading.not_understood += _misfits(masked, reading)
    reading.years_apart = _years_apart(text.compact, mentions, places, years, today)
    if counting:
        reading.cues.add("count")
    if counting_years:
        reading.cues.add("count_years")  # 有几年超过100件: years of one agency counted
    if _HOW_MUCH_CHANGED_EN.search(masked.words):
        reading.cues.add("amount_or_rate")
    if _FEWER.search(masked.compact) or _FEWER_EN.search(masked.words):
        reading.cues.add("fewer")  # A比B少几件: B − A is what is asked
    if _SHARE_ASKED.search(masked.compact):
        reading.cues.add("rate")  # 占办结的多少: a share, though no word says 比例
    reading.share_part = _share_part(masked, reading)
    if kind is not None and re.search("各[^，。？?]{0,6}" + re.escape(kind.label), masked.compact):
        reading.cues.add("each")  # 各司法局的予以公开率: each one's, not all taken together
    reading.percent_mark = bool(reading.condition and _PERCENT_MARK.search(masked.compact))
    reading.money_mark = bool(reading.condition and MONEY_MARK.search(masked.compact))
    if reading.money_mark and reading.t2col is None:
        reading.t2col = "amount"  # 收费超过1亿元: the amount, not the number of items
    reading.operation = operation_of(reading)
    if reading.operation in UNAVERAGED and reading.has("mean", "median"):
        # 平均每个申请人申请了几次 of one report: an average the tables cannot give
        for cue in ("mean", "median"):
            reading.not_understood += reading.cue_words(cue)
    if (
        reading.operation == "change"
        and reading.has("pair")
        and len(years.years) < 2
        and len(reading.resolved) < 2
        and len(reading.measures) < 2
        and not _two_columns(reading)
        and not _AGAINST.search(masked.compact)
    ):
        # 办理结果各项加起来跟（七）总计差多少: the other side is not a year before
        reading.not_understood += reading.cue_words("change")
    return reading


# operations of one figure of one report, which have nothing to average
UNAVERAGED = frozenset({"agency"})


_CARRIED_TO = re.compile(
    r"(?:carried (?:over|forward)|carry|carries) (?:in)?to (?P<year>(?:19|20)\d{2})"
    r"|结转(?:到|至|入)(?P<zh>(?:19|20)\d{2})"
)
_CARRIED_FROM = re.compile(
    r"(?:carried over|brought forward) from (?P<year>(?:19|20)\d{2})"
    r"|(?:从|由)(?P<zh>(?:19|20)\d{2})年?结转"
)


def carried_years(text: Text, years: YearRef) -> YearRef:
    """The report's year when a year names where a carry goes (carried over to 2025: the
    2024 report's 结转下年度) or comes from (carried over from 2023: the 2024 report's
    上年结转)."""
    for pattern, shift in ((_CARRIED_TO, -1), (_CARRIED_FROM, 1)):
        for view in (text.words, text.compact):
            m = pattern.search(view)
            if m:
                said = int(m.group("year") or m.group("zh"))
                # 2019年结转到2020年: both name the 2019 report, once
                moved = tuple(dict.fromkeys(said + shift if y == said else y for y in years.years))
                explicit = (said + shift if y == said else y for y in years.explicit)
                return replace(years, years=moved, explicit=tuple(dict.fromkeys(explicit)))
    return years


def _parts(phrase: Phrase) -> list[Phrase]:
    """The phrase and what it implies (败诉: an outcome and the measure 行政诉讼)."""
    return [
        phrase,
        *(Phrase(kind, value, phrase.weak, implied=True) for kind, value in phrase.also),
    ]


def _named_first(parts: list[Phrase]) -> list[Phrase]:
    """An implied measure only where the question names none (复议…lost is a review's)."""
    if any(p.kind == "measure" and not p.implied for p in parts):
        return [p for p in parts if not (p.kind == "measure" and p.implied)]
    return parts


def _first(phrases: list[Phrase], kind: str) -> str | None:
    return next((p.value for p in phrases if p.kind == kind), None)


def _either_side(compact: str, meaning: list[Hit]) -> list[Measure] | None:
    """A difference of two figures with one on each side of 比, however weakly each is
    named (2022年收到的申请比2021年的结转下年度多多少: received against carried forward);
    None when the figures named are all on one side (一个年份与另一个年份的同一数字)."""
    at = compact.find("比")
    sides: list[list[str]] = [[], []]
    for h in meaning:
        if h.view != "compact":
            continue
        for p in _parts(h.phrase):
            if p.kind == "measure" and p.value in MEASURES:
                sides[h.start > at].append(p.value)
    if at < 0 or not sides[0] or not sides[1] or sides[0][-1] == sides[1][0]:
        return None
    return [MEASURES[sides[0][-1]], MEASURES[sides[1][0]]]


def _measures(strong: list[Phrase], weak: list[Phrase], both: bool = False) -> list[Measure]:
    """The figures named: the strong phrases if any, else the weak; a child over its parent.
    A group named with 各/分别 (予以公开和部分公开各多少) is its members, each asked."""
    keys = [p.value for p in strong if p.kind == "measure"]
    if any(p.kind == "cue" and p.value == "respectively" for p in strong):
        keys = [k for key in keys for k in GROUPS.get(key, (key,))]
    if not keys:
        keys = [p.value for p in weak if p.kind == "measure"]
        if any(k != "received" for k in keys) and not both:
            # "how many applications did X grant": the verb says which figure
            keys = [k for k in keys if k != "received"]
    respectively = any(p.kind == "cue" and p.value == "respectively" for p in strong)
    for group, members in GROUPS.items():
        if (
            group in keys and not respectively
        ):  # 实质公开率（予以公开+部分公开）: the group, explained
            keys = [k for k in keys if k not in members]
    if "carry" in keys and ({"carried_over", "carried_forward"} & set(keys)):
        keys = [k for k in keys if k != "carry"]
    out: list[Measure] = []
    for key in keys:
        if key == "carry":
            out.extend(
                MEASURES[k] for k in ("carried_over", "carried_forward") if MEASURES[k] not in out
            )
            continue
        m = MEASURES[key]
        if m not in out:
            out.append(m)
    children = {m.parent for m in out if m.parent}
    return [m for m in out if m.key not in children]


# What is wanted of the figure(s), decided from the reading's parts in this order: the
# first rule whose test holds names the operation. Each operation is one function of
# `bot.evaluate`.
def _scope(r: Reading) -> bool:
    """Whether the question ranges over agencies: a ranking, extreme or place asked, or
    all of them. A kind alone (司法局收到多少申请) asks about one agency of it: which?"""
    return (
        r.has("all", "each", "max", "min", "rank") or r.position is not None or (r.top is not None)
    )


OPERATION_RULES: tuple[tuple[str, object], ...] = (
    ("help", lambda r: r.has("help") and not r.measures and not r.mentions),
    (
        "list",
        lambda r: r.has("list") and not r.measures and not r.resolved and not r.not_understood,
    ),
    # 被拒绝的申请: one of several measures, none named more surely (申请 is weak)
    ("vague", lambda r: any(map(r.has, VAGUE)) and (r.guessed or not (r.measures or r.outcome))),
    # 有几个司法局…; 这四家里办结率超过95%的有几家 (of the agencies named, on a condition)
    (
        "count",
        lambda r: (
            r.has("count")
            and not r.has("mean", "sum")  # 这几个司法局平均每家: a mean of them, not a count
            and (not r.resolved or (len(r.resolved) >= 2 and r.condition is not None))
        ),
    ),
    # 勾稽关系对得上吗: the report's own arithmetic, whatever else is said of its figures
    ("checks", lambda r: r.has("checks") and len(r.resolved) == 1),
    ("sides", lambda r: r.sides is not None),
    ("share", lambda r: r.share_part is not None),
    # 有几年超过100件, 哪几年比上一年多: of one agency's years, whatever else is said
    (
        "trend",
        lambda r: r.has("count_years") and bool(r.resolved) and bool(r.measures or r.outcome),
    ),
    ("times", lambda r: r.has("times") and (r.measures or r.outcome)),
    (
        "per_month",
        lambda r: r.has("per_month") and bool(r.measures) and len(r.resolved) == 1,
    ),
    (
        "amount_or_rate",
        lambda r: (
            r.has("amount_or_rate")
            and not r.has("growth", "rate")
            and not _YEAR_ON_YEAR.search(r.text.compact)  # 同比增长多少: a rate, as statistics say
            and bool(r.measures or r.outcome)
        ),
    ),
    ("growth", lambda r: r.has("growth", "amount_or_rate") and (r.measures or r.outcome)),
    ("rate", lambda r: r.has("rate") and (r.measures or r.outcome)),
    (
        "change",
        lambda r: (
            (
                r.has("change")
                and not r.has("trend")
                and bool(r.measures or r.outcome or _two_columns(r))  # 自然人比商业企业多多少
            )
            or (r.has("which") and len(r.measures) == 2 and len(r.resolved) == 1)
            or (r.has("same") and bool(r.measures) and len(r.resolved) == 1)
        ),
    ),
    (
        "trend",
        lambda r: (
            len(r.resolved) == 1  # of several agencies, their years are no one's trend
            and bool(r.measures or r.outcome)
            and (r.has("trend") or len(r.years.years) >= 2)
        ),
    ),
    # 淮安和平潭一共…; not 两类加起来谁最多 (a sum within each, ranked)
    ("sum", lambda r: len(r.resolved) >= 2 and r.has("sum") and not r.has("max", "min", "which")),
    ("median", lambda r: len(r.resolved) >= 2 and r.has("median")),
    ("mean", lambda r: len(r.resolved) >= 2 and r.has("mean")),
    ("compare", lambda r: len(r.resolved) >= 2),
    # 平潭哪年最多 / Pingtan's reports with the most: the most of one agency is over its years
    (
        "trend",
        lambda r: (
            len(r.resolved) == 1
            and r.has("max", "min")
            and not r.years.years
            and bool(r.measures or r.outcome)
        ),
    ),
    ("agency", lambda r: len(r.resolved) == 1),
    ("median", lambda r: r.has("median")),
    ("mean", lambda r: r.has("mean")),
    (
        "sum",
        lambda r: (
            r.has("sum") or (r.has("all") and not r.has("max", "min", "rank", "each") and not r.top)
        ),
    ),
    ("rank", lambda r: _scope(r) and bool(r.measures or r.outcome)),
    # 平潭在四家里排第几 (the agencies named), 淮安在司法局里排第几 is not asked of a kind
    ("rank", lambda r: r.has("which_place") and len(r.resolved) >= 2),
    ("figure", lambda r: bool(r.measures or r.outcome)),
)


def operation_of(reading: Reading) -> str:
    for name, test in OPERATION_RULES:
        if test(reading):  # type: ignore[operator]
            return name
    return "none"


def _language(masked: Text) -> str:
    """English when the words outside agency names are mostly English."""
    words = len(_EN_WORD.findall(masked.words))
    cjk = cjk_count(masked.compact)
    return "en" if words and (words * 2 >= cjk if words >= 2 else cjk == 0) else "zh"


def _english_kind(words: str, agencies: AgencyIndex) -> Kind | None:
    for phrase, office in sorted(_EN_KINDS.items(), key=lambda kv: -len(kv[0])):
        m = re.search(r"(?:\b(\w+)\s+)?\b" + re.escape(phrase) + r"\b", words)
        if m and office in agencies.by_office:
            level = _EN_LEVELS.get(m.group(1) or "")
            return Kind(office, level, (m.group(1) + " " if level else "") + phrase)
    return None


def _english_name(words: str, label: str) -> str | None:
    """The Latin-letter name written before ("huai'an city government") or after
    ("government of huai'an") a kind of agency, if the question has one."""
    m = re.search(r"\b" + re.escape(label) + r"s?\b", words)
    if not m:
        return None
    before = _EN_TOKEN.findall(words[: m.start()])
    if before and before[-1] not in _EN_NOT_NAMES and before[-1] not in _EN_LEVELS:
        return before[-1]
    after = _EN_TOKEN.findall(words[m.end() :])
    if len(after) >= 2 and after[0] == "of" and after[1] not in _EN_NOT_NAMES:
        return after[1]
    return None


_REMARK_AFTER = re.compile(r"[(（][^)）]{1,24}[)）]")
_REGION_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|州|盟)$")


def _kind_of_those_named(
    compact: str, mentions: list[Mention], agencies: AgencyIndex
) -> list[tuple[int, int]]:
    """伊川、綦江、渠县三个司法局: the agencies named, counted and their kind said again
    after them; read when the count is theirs and each is of that kind."""
    named = [m for m in mentions if m.how in KNOWN and len(m.agencies) == 1]
    if len(named) < 2:
        return []
    count = _COUNT_WORD.match(compact, max(m.end for m in named))
    if count is None:
        return []
    found = agencies.find_kind(compact[count.end() : count.end() + 8])
    if found is None or found[1] != 0:
        return []
    written = count.group().lstrip("这那")[:-1]
    n = int(written) if written.isdigit() else chinese_number(written)
    of_kind = set(agencies.of_kind(found[0]))
    if n != len(named) or not all(m.agencies[0] in of_kind for m in named):
        return []
    return [(count.start(), count.end() + found[2])]


def _regions_before(
    compact: str, mentions: list[Mention], agencies: AgencyIndex
) -> list[tuple[int, int]]:
    """A province or city written before an agency name (河南省伊川县司法局, 攀枝花西区
    司法局), or a remark after it in brackets: said for clarity, not words left unread."""
    out = []
    for m in mentions:
        if m.how not in KNOWN:
            continue
        remark = _REMARK_AFTER.match(compact, m.end)  # 上海市人民政府办公厅（代表市政府）
        if remark:
            out.append((m.end, remark.end()))
        found = _REGION_BEFORE.search(compact[: m.start])
        if found:
            out.append((found.start(), m.start))
            continue
        name = agencies.names[m.agencies[0]]
        code = agencies.codes[m.agencies[0]]
        for n in range(min(m.start, 8), 1, -1):
            head = compact[m.start - n : m.start]
            # 攀枝花 of 攀枝花市西区司法局; 宿迁 of 宿迁沭阳县政府, 江苏 of 江苏沭阳: a division
            # (its level word left out) that holds the agency's
            if head in name or _holds(head, code):
                out.append((m.start - n, m.start))
                break
    return out


def _holds(written: str, code: str | None) -> bool:
    """Whether `written` is wholly the name of a division that holds division `code`."""
    if not code:
        return False
    return any(
        m.start == 0
        and m.end == len(written)
        and any(code.startswith(region_prefix(p.current.code)) for p in m.places)
        for m in divisions().find(written, None)
    )


def _covered(text: Text, spans: list[tuple[int, int]]) -> list[bool]:
    covered = [False] * len(text.compact)
    for s, e in spans:
        for i in range(s, min(e, len(covered))):
            covered[i] = True
    return covered


def _not_understood(
    masked: Text,
    explained: list[tuple[int, int]],
    read_words: list[tuple[int, int]],
    hits: list[Hit],
    kind: Kind | None,
    en_name: str | None,
) -> list[str]:
    """The material words of the question that no part of the reading explains.

    Chinese: every run of characters left once names, years, phrases, fillers and
    particles are taken out (男的女的: 男, 女).
    English: every word that is neither a phrase nor a filler nor a kind of agency.
    """
    covered = _covered(masked, explained)
    runs: list[str] = []
    current = ""
    for i, ch in enumerate(masked.compact):
        if not covered[i] and is_cjk(ch) and ch not in _STOP_CHARS:
            current += ch
            continue
        if current:
            runs.append(current)
        current = ""
    if current:
        runs.append(current)
    taken = [False] * len(masked.words)
    spans = [(h.start, h.end) for h in hits if h.view == "words"] + read_words
    for start, end in spans:
        for i in range(start, end):
            taken[i] = True
    # a number no part of the reading explains (予以公开0，总计2: figures the person
    # typed; 平潭24 read as no year) changes what is asked as much as a word does
    read_en = {masked.words_pos[i] for i, t in enumerate(taken) if t}
    runs += [
        m.group(0)
        for m in _NUMBER.finditer(masked.compact)
        if not all(
            covered[i] or masked.compact_pos[i] in read_en for i in range(m.start(), m.end())
        )
    ]
    for m in _EN_TOKEN.finditer(masked.words):
        if any(taken[m.start() : m.end()]):
            continue
        word = m.group(0).strip("'’-")
        if len(word) < 2 or word in _EN_LEVELS or word == en_name:
            continue
        if kind and word in kind.label.split():
            continue
        runs.append(word)
    return runs


def _content(masked: Text, hits: list[Hit], years: YearRef) -> str:
    """The question's own words for a search of the reports' text: names, years and the
    words that only ask (多少, 吗) taken out."""
    asks = [
        (h.start, h.end)
        for h in hits
        if h.view == "compact"
        and (h.phrase.kind == "filler" or (h.phrase.kind == "cue" and h.phrase.value == "ask"))
    ]
    covered = _covered(masked, asks + list(years.spans))
    return "".join(ch for i, ch in enumerate(masked.compact) if not covered[i] and is_cjk(ch))


def with_parts(reading: Reading, **parts: object) -> Reading:
    """A copy of the reading with some parts replaced (a follow-up question's)."""
    new = replace(reading, **parts)
    new.operation = operation_of(new)
    return new
