"""Who published a report: one identity per agency, whatever it calls itself that year.

洪泽区人民政府 (2023), 淮安市洪泽区人民政府 (2024) and 洪泽县人民政府 (2015) are one
agency: the government of division 320813. An identity is the division of today
(after renames, `divisions.Divisions.current`), the town where one is named, and the
office in full (政府 → 人民政府); its `key` is what the store files reports under.

A wrong identity, two agencies filed as one, is worse than one agency under two
identities, so nothing is guessed: a name whose place is shared (鼓楼区人民政府: four
cities have a 鼓楼区) is `ambiguous`, keeps its candidates and is an identity of its
own; a name whose place is no division this module knows (东海市西区司法局) is `none`.
Zones that are no division (平潭综合实验区, 开发区) are identities by name, inside the
region they lie in where it is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .divisions import Division, Place, divisions
from .normalize import fold
from .offices import (
    COMMITTEE,
    COMMON_OFFICES,
    TOWN,
    ZONE,
    ZONE_WORDS,
    full_office,
    kind_of,
    split_office,
    town_office,
)

_REMARK = re.compile(r"\([^)]*(?:\)|$)")  # 平潭综合实验区（管委会）, after folding
_EDGES = re.compile(r"^[^\u4e00-\u9fff]+|[^\u4e00-\u9fff]+$")  # `#沐阳县…` (markdown), quotes


@dataclass(frozen=True, slots=True)
class Identity:
    """An agency as the index files its reports.

    `how`: exact (every place as printed), short (a place without its level word:
    伊川司法局), historical (an old name, followed to today's division), alias (a zone
    of `data/places.toml`), ocr (a character corrected: 沐阳县), ambiguous (the place is
    shared; `candidates` are today's divisions it may be), none (no known place).
    """

    key: str
    canonical: str
    code: str | None
    province: str | None
    city: str | None
    county: str | None
    town: str | None
    office: str
    kind: str  # government, general_office, department, town_street, zone, other
    how: str
    candidates: tuple[Division, ...] = ()

    @property
    def region(self) -> str:
        """江苏省淮安市洪泽区: the divisions the agency is in, as one name."""
        return "".join(p for p in (self.province, self.city, self.county) if p)


def clean_name(name: str) -> str:
    """The name without remarks in brackets, spaces, or characters around it that are no
    part of a name (a markdown `#`, quotes)."""
    text = _REMARK.sub("", fold(name))
    return _EDGES.sub("", "".join(text.split()))


def corrected_name(name: str, found: Identity) -> str:
    """The name as printed with its place spelt right, for an identity read through an
    OCR slip (沐阳县人民政府 → 沭阳县人民政府): the name people know, shown with a note
    of what the report printed, rather than the slip repeated in every answer."""
    if found.how != "ocr":
        return name
    slips = divisions().ocr
    for place in (found.province, found.city, found.county, found.town):
        if not place:
            continue
        for start in range(len(name) - len(place) + 1):
            window = name[start : start + len(place)]
            if window != place and "".join(slips.get(c, c) for c in window) == place:
                return name[:start] + place + name[start + len(place) :]
    return name


@lru_cache(maxsize=65536)
def identify(name: str, year: int | None = None) -> Identity:
    """The identity of the agency a report names as `name` for `year` (None: today)."""
    clean = clean_name(name) or name
    mention = divisions().read(clean, 0, year)
    if mention is None:
        return _by_name("", clean, "none")
    rest = clean[mention.end :]
    if len(mention.places) > 1:
        return _by_name(clean[: mention.end], rest, "ambiguous", mention.places)
    if divisions().full_name_at(rest):
        # 巢湖市居巢区: a place not inside the one before it (巢湖市 is a county-level
        # city since 2011), so neither is the agency's
        return _by_name("", clean, "none")
    place = mention.places[0]
    if place.zone:
        return _alias_zone(place, rest)
    if place.short and not _office_after_short(rest, place.current):
        return _by_name("", clean, "none")
    return _in_division(place, rest)


def _office_after_short(rest: str, division: Division) -> bool:
    """Whether what follows a place written short is an office (伊川司法局) or a zone
    (淮安经济技术开发区), not more of a longer name (宁海路街道 is no town of 宁海县)."""
    office = full_office(rest, province=division.level == "province")
    return office in COMMON_OFFICES or rest.startswith(ZONE_WORDS)


def _in_division(place: Place, rest: str) -> Identity:
    division = place.current
    town = TOWN.match(rest)
    zone = None if town else ZONE.match(rest)
    if town:
        office = town_office(town.group(2))
        where, key_part = town.group(1), town.group(1)
    elif zone:
        office = _zone_office(zone.group(2))
        where, key_part = zone.group(1), f"zone:{zone.group(1)}"
    else:
        office = full_office(rest, province=division.level == "province")
        where, key_part = "", ""
    return Identity(
        key=f"{division.code}:{division.name}|{key_part}|{office}",
        canonical=divisions().path(division) + where + office,
        **_region(division),
        town=town.group(1) if town else None,
        office=office,
        kind=kind_of(office, town=bool(town), zone=bool(zone)),
        how=place.how,
    )


def _alias_zone(place: Place, rest: str) -> Identity:
    zone = place.zone or ""
    office = _zone_office(rest)
    under = divisions().at(divisions().zones[zone][1])
    head = divisions().path(under) if under else ""
    return Identity(
        key=f"{place.current.code}:{place.current.name}|zone:{zone}|{office}",
        canonical=head + zone + office,
        **_region(place.current),
        town=None,
        office=office,
        kind="zone",
        how=place.how,
    )


def _by_name(head: str, tail: str, how: str, places: tuple[Place, ...] = ()) -> Identity:
    """An identity of the name alone, its office spelled out, inside whatever region all
    its candidates share. `head`: the places as written; `tail`: what follows them."""
    town = TOWN.match(tail)
    zone = None if town else ZONE.match(tail)
    if town:
        where, office = town.group(1), town_office(town.group(2))
    elif zone:
        where, office = zone.group(1), _zone_office(zone.group(2))
    elif places:
        where, office = "", full_office(tail)
    else:
        where, office = split_office(tail)
    name = head + where + office
    candidates = tuple(p.current for p in places)
    regions = [_region(d) for d in candidates]
    shared = {
        level: regions[0][level]
        if regions and all(r[level] == regions[0][level] for r in regions)
        else None
        for level in ("province", "city")
    }
    return Identity(
        key=f"name:{name}",
        canonical=name,
        code=None,
        province=shared["province"],
        city=shared["city"],
        county=None,
        town=town.group(1) if town else None,
        office=office,
        # an office this module does not know still tells a department by its end (司法所)
        kind=kind_of(office or name, town=bool(town), zone=bool(zone)),
        how=how,
        candidates=candidates,
    )


def _zone_office(written: str) -> str:
    """A zone's reports are its committee's, whether the name says so or not."""
    return COMMITTEE if written in ("", "管委会", COMMITTEE) else full_office(written)


def _region(division: Division) -> dict[str, str | None]:
    """code, province, city and county of a division (a municipality's district has no
    city; a province-level municipality is its own province)."""
    out: dict[str, str | None] = {
        "code": division.code,
        "province": None,
        "city": None,
        "county": None,
    }
    for d in divisions().chain(division):
        out[d.level] = d.name
    return out
