"""Places a question names, read through the national division codes (`index.divisions`):
a region to range over (四川省的司法局一共…, 淮安市各区县政府排名), or the place of one
agency written in a way its name does not hold (Huai'an, Qu County justice bureau, 重庆的
司法局, 河南的呢).

A place is matched to the indexed agencies whose identity lies in it (their division
code, `AgencyIndex.in_region`). A name several places share keeps every candidate that
has indexed agencies; a place written in pinyin that holds no indexed agency is taken
for an English word (Dean is not 德安县), a Chinese one for a place with none indexed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pypinyin import lazy_pinyin
from rapidfuzz.distance import Levenshtein

from index.divisions import divisions, short_forms

from .agencies import AgencyIndex, Kind, Mention
from .normalize import Text

# words a misspelt place must not be taken for, though one letter from one
_ENGLISH_WORDS = frozenset(
    "many much which where there their these those agency agencies bureau bureaus office "
    "offices court courts total handled received granted refused review reviews".split()
)
# Cues that make a place a region to range over rather than the place of one agency.
GOVERNMENT = "人民政府"
SCOPE_CUES = frozenset({"all", "each", "max", "min", "rank", "sum", "mean", "list", "count"})


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class PlaceRead:
    """One place written in the question: where (compact span, and its words-view span),
    which regions it may be, and the indexed agencies in them."""

    start: int
    end: int
    words: tuple[int, int]
    regions: tuple[Region, ...]
    agencies: tuple[int, ...]
    how: str
    written: str


def _half_width(ch: str) -> str:
    """A full-width letter or digit as typed on a Chinese keyboard, made plain (ｐ → p)."""
    plain = unicodedata.normalize("NFKC", ch)
    return plain if len(plain) == 1 else ch


def find_places(
    text: Text, mentions: list[Mention], agencies: AgencyIndex, year: int | None
) -> list[PlaceRead]:
    """The places of the question that no agency name found already covers."""
    out: list[PlaceRead] = []
    places_elsewhere: list[tuple[int, int]] = []  # real places no agency is in (淮南市)
    # Huai'an's → Huai'an, ｐｉｎｇｔａｎ → pingtan (the same length, so every offset holds)
    plain = re.sub(r"['’]s\b", "  ", "".join(map(_half_width, text.original)))
    for m in divisions().find(plain, year):
        start, end = text.view_span(m.start, m.end)
        if start == end or any(start < x.end and x.start < end for x in mentions):
            continue
        regions: list[Region] = []
        inside: list[int] = []
        for place in m.places:
            found = agencies.in_region(place.current.code)
            if found:
                regions.append(Region(place.current.code, place.current.name))
                inside.extend(found)
        how = m.places[0].how if m.places else "exact"
        if not regions:
            if how == "pinyin" and not _LEVEL_WORD.search(text.original[m.start : m.end]):
                # an English word that is also a place's pinyin (Dean, 德安县), or a place
                # (Huainan) that is never to be taken for another one letter off (Huaian)
                places_elsewhere.append((start, end))
                continue
            regions = [Region(p.current.code, p.current.name) for p in m.places]
        out.append(
            PlaceRead(
                start,
                end,
                text.view_span(m.start, m.end, view="words"),
                tuple(dict.fromkeys(regions)),
                tuple(dict.fromkeys(inside)),
                how,
                text.original[m.start : m.end],
            )
        )
    return out + _misspelt(text, mentions, out, agencies, places_elsewhere)


_LEVEL_WORD = re.compile(
    r"\s(?:district|county|city|province|prefecture|town|township|banner)\b", re.I
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{4,}")


def _misspelt(
    text: Text,
    mentions: list[Mention],
    found: list[PlaceRead],
    agencies: AgencyIndex,
    elsewhere: list[tuple[int, int]],
) -> list[PlaceRead]:
    """Latin-letter words one letter off the pinyin of a place with indexed agencies
    (Huain, Pingtang): read as that place, which the answer then says it read."""
    keys = _pinyin_keys(agencies)
    out = []
    for m in _WORD.finditer(text.original):
        start, end = text.view_span(m.start(), m.end())
        taken = [(x.start, x.end) for x in mentions] + [(p.start, p.end) for p in found]
        taken += elsewhere
        if any(start < b and a < end for a, b in taken):
            continue
        word = re.sub(r"['’]s$", "", m.group(0)).lower().replace("'", "").replace("’", "")
        if word in _ENGLISH_WORDS:
            continue
        near = {code for key, code in keys if Levenshtein.distance(word, key, score_cutoff=1) <= 1}
        if len(near) != 1:
            continue
        code = near.pop()
        division = divisions().at(code)
        name = division.name if division else code
        inside = tuple(agencies.in_region(code))
        out.append(
            PlaceRead(
                start,
                end,
                text.view_span(m.start(), m.end(), view="words"),
                (Region(code, name),),
                inside,
                "typo",
                m.group(0),
            )
        )
    return out


def _pinyin_keys(agencies: AgencyIndex) -> list[tuple[str, str]]:
    """(pinyin of a short name, code) of every place that has an indexed agency."""
    cached = getattr(agencies, "_pinyin_keys", None)
    if cached is not None:
        return cached
    keys: list[tuple[str, str]] = []
    for code in {c for c in agencies.codes if c}:
        division = divisions().at(code)
        if division is None:
            continue
        for name in (division.name, *short_forms(division.name)):
            key = "".join(lazy_pinyin(name))
            if len(key) >= 5:
                keys.append((key, code))
    agencies._pinyin_keys = keys  # type: ignore[attr-defined]
    return keys


def place_scope(
    places: list[PlaceRead],
    kind: Kind | None,
    scoped: bool,
    agencies: AgencyIndex,
    text: Text,
    *,
    alone_is_named: bool = False,
) -> tuple[list[Region], list[Mention]]:
    """The regions the question ranges over, and the agencies it names by their place.

    A place is a region when the question ranges over agencies (一共, 排名, 各, 有哪些);
    otherwise it names the agency of that place (of the kind named, if any): one is
    answered for, several are asked about, none is said. A place written right before
    the office (Dazhou justice bureau, 达州市司法局) names that place's own agency, not
    one of a county within it; 重庆的司法局 (with 的) may be any of them. A place with one
    indexed agency names that agency, unless agencies are counted or listed (Pingtan's
    average a year, its year with the most: its years, not one year's agencies).
    """
    regions: list[Region] = []
    named: list[Mention] = []
    for p in places:
        if scoped and not (alone_is_named and kind is None and len(p.agencies) == 1):
            regions.extend(p.regions)
            continue
        idxs = [i for i in p.agencies if kind is None or agencies.office_of[i] == kind.office]
        if not idxs and kind is not None and kind.office == GOVERNMENT:
            # Pingtan government: the place's own body that names no office (平潭综合实验区,
            # a 管委会) is its government
            idxs = [i for i in p.agencies if not agencies.office_of[i]]
        if kind is not None and _names_office(text, p, kind):
            own = {r.code for r in p.regions}
            idxs = [i for i in idxs if agencies.codes[i] in own]
        if len(idxs) == 1:
            named.append(Mention(p.start, p.end, idxs, "place"))
        elif idxs:
            named.append(Mention(p.start, p.end, idxs, "ambiguous"))
        else:  # no such agency there: the closest names (宜川县司法局 → 伊川县司法局)
            written = p.written + (kind.label if kind else "")
            closest = list(p.agencies[:5]) or agencies.suggest(written)
            named.append(Mention(p.start, p.end, closest, "unknown"))
    return list(dict.fromkeys(regions)), named


def _names_office(text: Text, place: PlaceRead, kind: Kind) -> bool:
    """Whether the kind of agency is written right after the place, as one name."""
    after = text.words[place.words[1] :].lstrip() if place.words[1] else ""
    for level in ("county ", "city ", "district ", "municipal "):
        after = after.removeprefix(level)
    labels = {kind.label, kind.label.split(" ", 1)[-1]}  # municipal justice bureau, justice bureau
    return any(text.compact[place.end :].startswith(x) or after.startswith(x) for x in labels)


def in_regions(agencies: AgencyIndex, regions: list[Region]) -> set[int]:
    """The indexed agencies of any of the regions."""
    return {i for r in regions for i in agencies.in_region(r.code)}
