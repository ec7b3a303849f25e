"""Find the agency a question names, among every indexed agency, without scanning them.

An agency name is read as a chain of places and an office: 重庆市|綦江区|司法局,
淮安市|人民政府, 平潭综合实验区|(none). People name the same agency by any tail of
the chain (綦江区司法局, 西区司法局), with the place's level dropped (伊川司法局), with
a shorter office (淮安市政府), or by the place alone (伊川). So the index holds:

- `places`: every way of writing a place chain → the chains it may mean (a few
  tens of thousands of keys for a national index, looked up by substring);
- per chain, every way of writing each of its offices → the agencies;
- the full names, for names that do not start with a place.

A question is scanned once for place keys (each substring of at most the longest key
is one dict lookup), and only the agencies under the places found are compared with
the text that follows. A typo is forgiven in the office (伊川县司法句: one character,
in an office of three or more, that is not itself another office) but never in the
place: 宜川 is not 伊川, so a wrong place gets the closest names, not an answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from index.divisions import region_prefix
from index.offices import ABBREVIATIONS, GOVERNMENT, ZONE_SHORT, ZONE_WORDS

_LEVEL_CHARS = "省市州县区盟旗"
_LEVEL_AFTER = {"州": "省市县", "市": "区县"}
_PLACE = re.compile(
    r"[^局厅委办部会院所处室站队（）()、，,\s]{1,9}?"
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)"
)
_LEVEL_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)$")
_DESCRIPTOR = re.compile(
    r"(?:(?:[\u4e00-\u9fff]{1,3}族)+自治(?:区|州|县|旗)|综合实验区|经济技术开发区|高新技术产业开发区"
    r"|经济开发区|高新技术开发区|高新区|开发区|实验区|示范区|新区)$"
)
_NOT_PLACES = frozenset(
    {
        "城市",
        "都市",
        "超市",
        "门市",
        "社区",
        "园区",
        "景区",
        "辖区",
        "库区",
        "小区",
        "片区",
        "街区",
        "营业区",
        "服务区",
    }
)
_PARENS = re.compile(r"[（(][^）)]*[）)]")
_MAX_OFFICE = 16
# words that end like an office but are a thing an agency has (綦江区司法局网站)
_NOT_OFFICES = ("网站", "网", "公众号", "专栏", "平台")
# words that start what an agency did, not more of its name (上海市科委通过部门网站…)
_NOT_OFFICE_START = ("通过", "在", "的", "对", "向", "把", "将", "于", "从", "用", "就")
_OFFICE_END = "局厅委办部会院所处室站队府心"


def core_name(name: str) -> str:
    """The name without its parenthesised remark: 上海市人民政府办公厅（代表市政府） → 上海市人民政府办公厅."""
    if "（" not in name and "(" not in name:
        return name
    return _PARENS.sub("", name).strip() or name


def split_name(name: str) -> tuple[tuple[str, ...], str]:
    """(place chain, office): 重庆市綦江区司法局 → (("重庆市", "綦江区"), "司法局")."""
    core = core_name(name)
    places: list[str] = []
    pos = 0
    while pos < len(core):
        m = _PLACE.match(core, pos)
        if not m or m.group(0) in _NOT_PLACES:
            break
        end = m.end()
        if end < len(core) and core[end] in _LEVEL_AFTER.get(core[end - 1], ""):
            end += 1  # 广州 + 市, 沙市 + 区: the level char was part of the name
        places.append(core[pos:end])
        pos = end
    return tuple(places), core[pos:]


class _Splitter:
    """`split_name` for many names that share places and offices, reading each place once.

    A national index is some 3,000 places times some 30 offices: once an office is
    known, a name ending in it only needs its place part, which is looked up.
    """

    def __init__(self) -> None:
        self.offices: set[str] = set()
        self.lengths: list[int] = []
        self.chains: dict[str, tuple[str, ...] | None] = {}

    def split(self, core: str) -> tuple[tuple[str, ...], str]:
        for n in self.lengths:
            if n < len(core) and core[-n:] in self.offices:
                head = core[:-n]
                chain = self.chains.get(head, ())
                if chain == ():
                    places, rest = split_name(head)
                    chain = self.chains[head] = places if places and not rest else None
                if chain:
                    return chain, core[-n:]
        chain, office = split_name(core)
        if office and office not in self.offices:
            self.offices.add(office)
            self.lengths = sorted({len(o) for o in self.offices}, reverse=True)
        return chain, office


def _short_forms(place: str) -> set[str]:
    """伊川县 → 伊川; 平潭综合实验区 → 平潭, 平潭实验区; 凉山彝族自治州 → 凉山: never
    shorter than two characters."""
    out = set()
    for pattern in (_LEVEL_SUFFIX, _DESCRIPTOR):
        short = pattern.sub("", place)
        if short != place and len(short) >= 2:
            out.add(short)
    zone = next((z for z in ZONE_WORDS if place.endswith(z)), None)
    if zone and len(place) > len(zone):
        stem = place[: -len(zone)]
        # the shorter zone words it ends in (综合实验区 → 实验区), and the common short forms
        shorter = [z for z in ZONE_WORDS if zone.endswith(z)] + list(ZONE_SHORT.get(zone, ()))
        out.update(stem + z for z in shorter if z != zone)
    return out


def place_keys(chain: tuple[str, ...]) -> set[str]:
    """Every way of writing the chain's tail: 重庆市綦江区, 綦江区, 綦江, 重庆市綦江…"""
    keys: set[str] = set()
    for i in range(len(chain)):
        tail = chain[i:]
        joined = "".join(tail)
        keys.add(joined)
        keys.update("".join(tail[:-1]) + short for short in _short_forms(tail[-1]))
    return {k for k in keys if len(k) >= 2}


def office_variants(office: str) -> set[str]:
    """人民政府 → 政府; 办公厅/办公室 → 办; 管理委员会 → 管委会, 科学技术委员会 → 科委
    (`index.offices.ABBREVIATIONS`): the short forms people use."""
    out = {office} | {short for short, full in ABBREVIATIONS.items() if full == office}
    if "人民政府" in office:
        out.add(office.replace("人民政府", "政府"))
    for long, short in (("办公厅", "办"), ("办公室", "办")):
        if office.endswith(long):
            out |= {v[: -len(long)] + short for v in set(out)}
    if office in ("人民政府办公厅", "人民政府办公室"):
        out.add("府办")  # 市府办, 县府办
    return {v for v in out if v}


@dataclass
class Place:
    """One place chain and the agencies under it, by every variant of their office."""

    chain: str
    agencies: list[int] = field(default_factory=list)
    offices: dict[str, list[int]] = field(default_factory=dict)
    itself: int | None = None  # the agency whose name is the place (平潭综合实验区)


@dataclass
class Mention:
    """A stretch of the question that names agencies.

    `how`: `exact` (a full name or place + office), `place` (the place alone, one
    agency under it), `typo` (one character off in the office), `ambiguous` (the
    place alone or a shared tail, several agencies) or `unknown` (no agency fits;
    `agencies` then holds the closest names), `year` (a name of several agencies of which
    one alone has a report of the year asked: 上海2019年).
    """

    start: int
    end: int
    agencies: list[int]
    how: str


@dataclass(frozen=True)
class Kind:
    """A kind of agency a ranking is over: an office, maybe at one level (区政府)."""

    office: str
    level: str | None
    label: str


@dataclass(frozen=True)
class AgencyRow:
    """One indexed agency: the name it goes by (its latest report's), every other name it
    is found by (older spellings, its canonical name with the region path), and where it
    is (the division code its identity resolved to, if any)."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    code: str | None = None
    how: str | None = None  # exact, short, historical, alias, ocr, ambiguous, none


class AgencyIndex:
    """All indexed agency names, arranged for lookup by what a question says."""

    def __init__(self, agencies: Iterable[AgencyRow | tuple[int, str]]) -> None:
        self.ids: list[int] = []
        self.names: list[str] = []
        self.codes: list[str | None] = []
        self.how: list[str | None] = []
        self.places: dict[str, list[Place]] = {}
        self.full: dict[str, list[int]] = defaultdict(list)
        self.unplaced: list[int] = []
        self.by_office: dict[str, list[int]] = defaultdict(list)
        self.office_of: list[str] = []
        self.level_of: list[str | None] = []
        self.office_forms: dict[str, set[str]] = defaultdict(set)  # variant -> offices
        self._chains: dict[tuple[str, ...], Place] = {}
        self._variants: dict[str, set[str]] = {}
        self._splitter = _Splitter()
        for row in agencies:
            if not isinstance(row, AgencyRow):
                row = AgencyRow(*row)
            idx = len(self.ids)
            self.ids.append(row.id)
            self.names.append(row.name)
            self.codes.append(row.code)
            self.how.append(row.how)
            chain, office = self._splitter.split(core_name(row.name))
            self.office_of.append(office)
            self.level_of.append(chain[-1][-1] if chain else None)
            if office:
                self.by_office[office].append(idx)
            placed = False
            for name in dict.fromkeys((row.name, *row.aliases)):
                placed |= self._add_name(idx, name)
            if not placed:
                self.unplaced.append(idx)
        self.position = {agency_id: idx for idx, agency_id in enumerate(self.ids)}
        self.full = dict(self.full)
        self.by_office = dict(self.by_office)
        self._place_lengths = sorted({len(k) for k in self.places}, reverse=True)
        self._full_lengths = sorted({len(k) for k in self.full}, reverse=True)
        self._office_lengths = sorted({len(k) for k in self.office_forms}, reverse=True)
        self._place_keys: list[str] | None = None

    def _add_name(self, idx: int, name: str) -> bool:
        """Index one name of agency `idx`; True when the name starts with a place."""
        folded = unicodedata.normalize("NFKC", name).lower()  # as a question's text is
        core = core_name(name)
        for key in dict.fromkeys((name, folded, core)):
            if idx not in self.full[key]:
                self.full[key].append(idx)
        chain, office = self._splitter.split(core)
        if not chain:
            return False
        place = self._chains.get(chain)
        if place is None:
            place = self._chains[chain] = Place("".join(chain))
            for key in place_keys(chain):
                self.places.setdefault(key, []).append(place)
        if idx not in place.agencies:
            place.agencies.append(idx)
        if not office:
            place.itself = idx
            return True
        variants = self._variants.get(office)
        if variants is None:
            variants = self._variants[office] = office_variants(office)
            for v in variants:
                self.office_forms[v].add(office)
        for v in variants:
            holders = place.offices.setdefault(v, [])
            if idx not in holders:
                holders.append(idx)
        return True

    def in_region(self, code: str) -> list[int]:
        """The agencies whose division lies in the region of `code` (a province's XX0000,
        a city's XXXX00 or a county's code): by the code's prefix."""
        prefix = region_prefix(code)
        return [i for i, c in enumerate(self.codes) if c and c.startswith(prefix)]

    def __len__(self) -> int:
        return len(self.ids)

    # -- finding agencies in a question -------------------------------------------------

    def find(self, compact: str, stop: Callable[[str, int], bool]) -> list[Mention]:
        """The agencies `compact` names, left to right.

        `stop(compact, i)` says whether position i starts words that are not part of
        a name (a figure, a year, a question word): it bounds the office text after a
        place, so that 伊川县司法句收到多少 compares 司法句, not 司法句收到多少, with offices.
        """
        mentions = [
            self._full_hit(compact, s, e)
            for s, e in _substrings(compact, self.full, self._full_lengths)
        ]
        for s, e in _substrings(compact, self.places, self._place_lengths):
            if any(m.start <= s and e <= m.end for m in mentions):
                continue
            mentions.append(self._place_hit(compact, s, e, stop))
        mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for m in mentions:
            if kept and m.start < kept[-1].end:
                if (m.end - m.start) > (kept[-1].end - kept[-1].start):
                    kept[-1] = m
                continue
            kept.append(m)
        # the next name bounds the office after this one: in 伊川县司法局比渠县司法局,
        # 比渠县司法局 is another agency, not more of 伊川县司法局's office
        bounds = [n.start for n in kept[1:]] + [len(compact)] if kept else []
        return [self._longer_name(compact[:b], m, stop) for m, b in zip(kept, bounds, strict=True)]

    def _longer_name(self, compact: str, m: Mention, stop: Callable[[str, int], bool]) -> Mention:
        """A name followed by more of an office is another agency: 淮安市人民政府办公室 is
        not 淮安市人民政府, even when only the latter is indexed."""
        if m.how == "unknown":
            return m
        tail = _until_stop(compact, m.end, stop)
        more = self._office_prefix(tail) or self._office_extended(compact[: m.end], tail, m)
        if not more:
            return m
        if any(
            set(p.offices.get(more, ())) == set(m.agencies)
            for p in self.places.get(compact[m.start : m.end], ())
        ):
            # 平潭综合实验区管委会: the office its reports are by, written after its name
            return Mention(m.start, m.end + len(more), m.agencies, m.how)
        written = compact[m.start : m.end + len(more)]
        return Mention(m.start, m.end + len(more), self.suggest(written), "unknown")

    def _office_extended(self, head: str, tail: str, m: Mention) -> str:
        """The start of `tail` that makes the office a longer one (淮安市政府 + 办 = 政府办)."""
        offices = {self.office_of[i] for i in m.agencies}
        for office in offices:
            for variant in office_variants(office) if office else ():
                if not head.endswith(variant):
                    continue
                for k in range(min(len(tail), 4), 0, -1):
                    if variant + tail[:k] in self.office_forms:
                        return tail[:k]
        return ""

    def _full_hit(self, compact: str, start: int, end: int) -> Mention:
        found = self.full[compact[start:end]]
        return Mention(start, end, list(found), "exact" if len(found) == 1 else "ambiguous")

    def _place_hit(
        self, compact: str, start: int, end: int, stop: Callable[[str, int], bool]
    ) -> Mention:
        places = self.places[compact[start:end]]
        key = compact[start:end]
        if (
            start > 0
            and compact[start - 1] in _LEVEL_CHARS
            and not any(p.chain == key for p in places)
        ):
            # "成都市西区司法局": a tail of 攀枝花市西区 after another place is not it
            first = start
            while first > 0 and not stop(compact, first - 1):
                first -= 1
            last = end + len(self._office_prefix(_until_stop(compact, end, stop)))
            return Mention(first, last, self._near(compact[first:last], places), "unknown")
        rest = compact[end : end + _MAX_OFFICE]
        best: list[int] = []
        best_len = 0
        for place in places:
            for n in self._office_lengths:
                if n < best_len or n > len(rest):
                    continue
                hit = place.offices.get(rest[:n])
                if hit:
                    if n > best_len:
                        best, best_len = [], n
                    best.extend(i for i in hit if i not in best)
                    break
        if best:
            return Mention(start, end + best_len, best, "exact" if len(best) == 1 else "ambiguous")
        tail = _until_stop(compact, end, stop)
        typo = self._office_typo(tail, places) if tail else None
        if typo is not None:
            idx, length = typo
            return Mention(start, end + length, [idx], "typo")
        office = self._office_prefix(tail)
        selves = list(dict.fromkeys(p.itself for p in places if p.itself is not None))
        bare = office.lstrip(_LEVEL_CHARS)  # 平潭 + 县人民政府: the level word is the place's
        if office and len(selves) == 1 and self.office_forms.get(bare) == {GOVERNMENT}:
            # 平潭县人民政府: the place's own body, named by no office (平潭综合实验区, a
            # 管委会), is its government
            return Mention(start, end + len(office), selves, "place")
        if office:
            # an office this place has no agency of (上海市政府 when only 上海市人民政府办公厅 is indexed)
            return Mention(start, end + len(office), self._near(key + office, places), "unknown")
        # one agency may be under several chains (伊川县, 河南省洛阳市伊川县): counted once
        selves = list(dict.fromkeys(p.itself for p in places if p.itself is not None))
        if len(selves) == 1:
            return Mention(start, end, selves, "exact")
        under = list(dict.fromkeys(i for p in places for i in p.agencies))
        return Mention(start, end, under, "place" if len(under) == 1 else "ambiguous")

    def _office_typo(self, tail: str, places: list[Place]) -> tuple[int, int] | None:
        """The one agency whose office `tail` starts with, one character off."""
        found: dict[int, int] = {}
        for place in places:
            for variant, idxs in place.offices.items():
                if len(variant) < 3:
                    continue
                for n in (len(variant), len(variant) - 1, len(variant) + 1):
                    if n > len(tail):
                        continue
                    written = tail[:n]
                    if written in self.office_forms:
                        continue  # another real office, not a typo
                    if written[0] in _LEVEL_CHARS and variant[0] not in _LEVEL_CHARS:
                        continue  # 淮安区人民政府: another place (淮安区), not 淮安市's office
                    if Levenshtein.distance(written, variant, score_cutoff=1) <= 1:
                        for i in idxs:
                            found[i] = max(found.get(i, 0), n)
                        break
        return next(iter(found.items())) if len(found) == 1 else None

    def _office_prefix(self, tail: str) -> str:
        """The start of `tail` that reads as an office (…局, …委员会, 政府), or ""."""
        if tail.startswith(_NOT_OFFICE_START):
            return ""
        for n in range(min(len(tail), 10), 0, -1):
            head = tail[:n]
            if head in self.office_forms or (
                n >= 2 and head[-1] in _OFFICE_END and not head.endswith(_NOT_OFFICES)
            ):
                return head
        return ""

    def _near(self, written: str, places: list[Place], limit: int = 5) -> list[int]:
        under = list(dict.fromkeys(i for p in places for i in p.agencies))
        scored = process.extract(
            written, {i: self.names[i] for i in under}, scorer=fuzz.WRatio, limit=limit
        )
        return [key for _, _, key in scored]

    def suggest(self, written: str, limit: int = 5) -> list[int]:
        """The names closest to `written` (a name not found), by place first."""
        if len(written) < 2:
            return []
        if self._place_keys is None:
            self._place_keys = list(self.places)
        places: list[Place] = []
        for key, score, _ in process.extract(
            written, self._place_keys, scorer=fuzz.partial_ratio, limit=8, score_cutoff=60
        ):
            if score >= 60 and len(key) >= 2:
                places.extend(self.places[key])
        pool = {i: self.names[i] for p in places for i in p.agencies}
        pool.update({i: self.names[i] for i in self.unplaced})
        scored = process.extract(written, pool, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
        return [key for _, _, key in scored]

    # -- kinds of agencies --------------------------------------------------------------

    def find_kind(self, compact: str) -> tuple[Kind, int, int] | None:
        """The kind of agency a ranking is over (司法局, 区政府), with its compact span."""
        for n in self._office_lengths:
            for i in range(len(compact) - n + 1):
                offices = self.office_forms.get(compact[i : i + n])
                if not offices:
                    continue
                office = min(offices, key=len)
                level = compact[i - 1] if i > 0 and compact[i - 1] in _LEVEL_CHARS else None
                start = i - 1 if level else i
                return Kind(office, level, compact[start : i + n]), start, i + n
        return None

    def of_kind(self, kind: Kind | None) -> list[int]:
        if kind is None:
            return list(range(len(self.ids)))
        return [
            i
            for i in self.by_office.get(kind.office, [])
            if kind.level is None or self.level_of[i] == kind.level
        ]


def _substrings(
    text: str, table: dict[str, object], lengths: list[int]
) -> Iterable[tuple[int, int]]:
    """(start, end) of every substring of `text` that is a key of `table`."""
    for i in range(len(text)):
        for n in lengths:
            if i + n <= len(text) and text[i : i + n] in table:
                yield i, i + n


def _until_stop(compact: str, start: int, stop: Callable[[str, int], bool]) -> str:
    end = start
    while end < len(compact) and end - start < _MAX_OFFICE and not stop(compact, end):
        end += 1
    return compact[start:end]
