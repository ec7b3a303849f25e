"""Read a question into what it names: agencies, years, a figure, and what is wanted of it.

Nothing here touches the database's figures; the result says what the question asks
and how sure the reading is, and `bot.intents` decides what to answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .agencies import AgencyIndex, Kind, Mention
from .catalogue import MEASURES, Measure
from .lexicon import EN, Hit, find_phrases, top_n
from .normalize import Text, cjk_count, is_cjk
from .years import YearRef, find_years

_STOP_CHARS = frozenset(
    "的在是有和与及了对于从向被把为各每哪吗呢吧啊？?，,。.！!、；;：:“”\"'‘’（）()《》年"
)
_EN_WORD = re.compile(r"[a-z]{2,}")
_EN_KINDS: dict[str, str] = {
    "justice bureau": "司法局",
    "justice bureaus": "司法局",
    "bureaus of justice": "司法局",
    "governments": "人民政府",
    "government": "人民政府",
    "general offices": "人民政府办公厅",
    "general office": "人民政府办公厅",
    "public security bureaus": "公安局",
    "public security bureau": "公安局",
}
_EN_LEVELS = {
    "county": "县",
    "district": "区",
    "city": "市",
    "municipal": "市",
    "provincial": "省",
    "province": "省",
}


@dataclass
class Parsed:
    """What a question names. Spans are in `text.compact`."""

    text: Text
    language: str
    mentions: list[Mention]
    years: YearRef
    measures: list[Measure]
    applicant: str | None
    outcome: str | None
    t2col: str | None
    cues: set[str]
    weak_cues: set[str]
    kind: Kind | None
    top: int | None
    leftover: str  # the longest run of Chinese no phrase explains: a name we do not know?
    content: str  # the question without names, years and question words, for text search
    hits: list[Hit] = field(default_factory=list)
    # a name in Latin letters beside a kind of agency ("Huai'an city government"): one
    # agency we cannot read, not every agency of the kind
    en_name: str | None = None

    def has(self, *cues: str) -> bool:
        return any(c in self.cues for c in cues)


def understand(text: Text, agencies: AgencyIndex, today: date) -> Parsed:
    years = find_years(text, today)
    words = {i for h in find_phrases(text) if h.view == "compact" for i in range(h.start, h.end)}
    words.update(i for s, e in years.spans for i in range(s, e))

    def stop(compact: str, i: int) -> bool:
        """Position i is not part of a name: a phrase, a year, punctuation, not Chinese."""
        ch = compact[i]
        return i in words or ch in _STOP_CHARS or not is_cjk(ch)

    mentions = agencies.find(text.compact, stop)
    masked = text.masked([(m.start, m.end) for m in mentions])
    hits = find_phrases(masked)
    strong = [h.phrase for h in hits if not h.phrase.weak]
    weak = [h.phrase for h in hits if h.phrase.weak]
    cues = {p.value for p in strong if p.kind == "cue"}
    if _AGAINST.search(text.compact):  # 2023年比2022年… / 比上年…: a change, whatever the verb
        cues.add("change")
    weak_cues = {p.value for p in weak if p.kind == "cue"}
    phrases = masked.masked([(h.start, h.end) for h in hits if h.view == "compact"])
    kind_span = None if mentions else agencies.find_kind(phrases.compact)
    if kind_span and kind_span[1] > 0 and not stop(masked.compact, kind_span[1] - 1):
        # 宜川县司法局: a name we do not know, not "every 县司法局"
        first = kind_span[1]
        while first > 0 and not stop(masked.compact, first - 1):
            first -= 1
        written = masked.compact[first : kind_span[2]]
        mentions.append(Mention(first, kind_span[2], agencies.suggest(written), "unknown"))
        kind_span = None
    kind = kind_span[0] if kind_span else _english_kind(masked.words, agencies)
    en_name = None
    if kind is not None and not kind_span and not mentions:
        en_name = _english_name(masked.words, kind.label)
    return Parsed(
        text=text,
        language=_language(masked),
        mentions=mentions,
        years=years,
        measures=_measures(strong, weak),
        applicant=_first(strong, "applicant"),
        outcome=_first(strong, "outcome"),
        t2col=_first(strong, "t2col"),
        cues=cues,
        weak_cues=weak_cues,
        kind=kind,
        top=top_n(masked),
        leftover=_leftover(masked, hits, years, kind_span),
        content=_content(masked, hits, years),
        hits=hits,
        en_name=en_name,
    )


def _first(phrases, kind: str) -> str | None:
    return next((p.value for p in phrases if p.kind == kind), None)


def _measures(strong, weak) -> list[Measure]:
    """The figures named: the strong phrases if any, else the weak; a child over its parent."""
    keys = [p.value for p in strong if p.kind == "measure"]
    if not keys:
        keys = [p.value for p in weak if p.kind == "measure"]
        if any(k != "received" for k in keys):
            # "how many applications did X grant": the verb says which figure
            keys = [k for k in keys if k != "received"]
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


_AGAINST = re.compile(r"(?:比|较)(?:(?:19|20)\d{2}|去年|上年|前年|上一年|前一年|同期)")
_EN_TOKEN = re.compile(r"[a-z][a-z'’\-]*")
# words that may stand before or after a kind of agency without naming one
_EN_NOT_NAMES = frozenset(
    """a an the of did does do is was were has have had which what how many much in for by
    all each every any to from and or vs versus with that this these those its their our my
    per among other some most least top rank ranking compare between across against about
    on at there where when who whose why""".split()
) | {w for phrase, _ in EN for w in re.findall(r"[a-z][a-z'’\-]*", phrase)}


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


def _explained(
    text: Text, hits: list[Hit], years: YearRef, extra: list[tuple[int, int]]
) -> list[bool]:
    covered = [False] * len(text.compact)
    spans = [(h.start, h.end) for h in hits if h.view == "compact"] + list(years.spans) + extra
    for s, e in spans:
        for i in range(s, min(e, len(covered))):
            covered[i] = True
    return covered


def _runs(text: Text, covered: list[bool]) -> list[str]:
    runs: list[str] = []
    current = ""
    for i, ch in enumerate(text.compact):
        if not covered[i] and is_cjk(ch) and ch not in _STOP_CHARS:
            current += ch
        else:
            if current:
                runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs


def _leftover(masked: Text, hits: list[Hit], years: YearRef, kind_span) -> str:
    extra = [(kind_span[1], kind_span[2])] if kind_span else []
    runs = [r for r in _runs(masked, _explained(masked, hits, years, extra)) if len(r) >= 2]
    return max(runs, key=len) if runs else ""


def _content(masked: Text, hits: list[Hit], years: YearRef) -> str:
    asks = [h for h in hits if h.phrase.kind == "cue" and h.phrase.value == "ask"]
    covered = _explained(masked, asks, years, [])
    return "".join(ch for i, ch in enumerate(masked.compact) if not covered[i] and is_cjk(ch))
