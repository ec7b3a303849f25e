"""Load time and memory of the divisions data, and the time to resolve a name.

In a fresh process (so that nothing is loaded or cached before), measures:

- import of `index.identity` and the first `divisions()` (reading and indexing
  `index/data/divisions.json.gz` and `places.toml`), the process's RSS growth while
  loading, and the memory the loaded table holds (tracemalloc, over a second load);
- `identify(name, year)` per name, uncached, over every county-level division in
  force in 2024 with an office, written three ways (full chain, county alone, short),
  plus shared and unknown names;
- `Divisions.find` over Chinese questions, and over English ones (the first English
  question builds the pinyin keys, timed on its own);
- opening an index written by schema 2 (before identities), which files every report
  again: `--offices` agencies per county-level division (the schema of
  `tests/data/schema2-index.sql`, reports without figures), three years, the city
  printed before the county in the middle year only, so that two old agencies become one.

    .venv/bin/python bench/bench_divisions.py [--runs 3] [--offices 10]

Figures are printed, not asserted. Not part of pytest.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFICES = (
    "人民政府 司法局 财政局 教育局 公安局 民政局 审计局 统计局 水利局 商务局 林业局 信访局".split()
)

MEASURE = r"""
import json, resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
from index.identity import identify
from index.divisions import divisions, short_forms
t1 = time.perf_counter()
D = divisions()
t2 = time.perf_counter()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()  # a second table, built under tracemalloc (which slows it down)
again = divisions.__wrapped__()
traced = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
del again

names = []
for d in D.records:
    if d.level == "county" and d.first_year <= 2024 <= d.last_year:
        chain = D.chain(d)
        forms = short_forms(d.name)
        names.append(("".join(x.name for x in chain[1:]) + "司法局", 2024))
        names.append((d.name + "人民政府", 2024))
        if forms:
            names.append((forms[0] + "司法局", 2024))
names += [("鼓楼区人民政府", 2024), ("东海市西区司法局", 2024), ("洪泽县人民政府", 2015)] * 20
times = []
for name, year in names:
    s = time.perf_counter()
    identify.__wrapped__(name, year)
    times.append(time.perf_counter() - s)
times.sort()

chinese = ["淮安市洪泽区收到多少申请", "江苏省各司法局的行政复议", "鼓楼区政府去年收到多少申请",
           "公安局收到多少政府信息公开申请", "伊川县司法局2024年的报告"] * 40
s = time.perf_counter()
for q in chinese:
    D.find(q, 2024)
find_zh = (time.perf_counter() - s) / len(chinese)
s = time.perf_counter()
D.find("Hongze")
first_en = time.perf_counter() - s
english = ["How many applications did Hongze District receive in 2024?",
           "Rank the counties of Huai'an by applications", "Justice bureau of Qu County",
           "Shanghai general office 2019", "Pingtan comprehensive experimental zone"] * 40
s = time.perf_counter()
for q in english:
    D.find(q)
find_en = (time.perf_counter() - s) / len(english)
rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "import": t1 - t0, "load": t2 - t1, "traced_mb": traced / 2**20,
    "rss_load_mb": (rss1 - rss0) / 1024, "rss_total_mb": rss2 / 1024,
    "records": len(D.records), "names": len(names),
    "identify_mean_ms": 1000 * sum(times) / len(times),
    "identify_p50_ms": 1000 * times[len(times) // 2],
    "identify_p99_ms": 1000 * times[int(len(times) * 0.99)],
    "find_zh_ms": 1000 * find_zh, "pinyin_build_s": first_en, "find_en_ms": 1000 * find_en,
}))
"""


def migration(offices: int) -> tuple[int, int, int, float]:
    """(reports, agencies before, agencies after, seconds) to open a generated schema-2 index.

    Run after the measuring processes: a process's peak RSS passes to the ones it starts.
    A name printed by two agencies (市中区人民政府) was one agency to schema 2: its first
    report of a year is kept.
    """
    sys.path.insert(0, str(ROOT))
    from index.divisions import divisions
    from index.store import Store

    dump = (ROOT / "tests" / "data" / "schema2-index.sql").read_text(encoding="utf-8")
    schema = "\n".join(line for line in dump.splitlines() if not line.startswith("INSERT"))
    d = divisions()
    counties = [r for r in d.records if r.level == "county" and r.last_year == d.last_year]
    names: dict[str, int] = {}
    reports: dict[tuple[str, int], tuple] = {}
    for county in counties:
        above = "".join(x.name for x in d.chain(county)[1:-1])
        for office in OFFICES[:offices]:
            for year in (2022, 2023, 2024):
                name = (above if year == 2023 else "") + county.name + office
                agency_id = names.setdefault(name, len(names) + 1)
                n = len(reports) + 1
                reports.setdefault((name, year), (n, agency_id, name, year, f"{n:064d}"))
    db = Path(tempfile.mkdtemp(prefix="gongkai-migrate-")) / "old.db"
    con = sqlite3.connect(db)
    con.executescript(schema)
    with con:
        con.executemany(
            "insert into agencies (id, name) values (?, ?)", ((i, n) for n, i in names.items())
        )
        con.executemany(
            "insert into reports (id, agency_id, agency, year, sha256, indexed_at) "
            "values (?, ?, ?, ?, ?, '2025-01-01')",
            reports.values(),
        )
    con.close()
    started = time.perf_counter()
    Store(db).close()
    seconds = time.perf_counter() - started
    con = sqlite3.connect(db)
    (after,) = con.execute("select count(*) from agencies").fetchone()
    con.close()
    return len(reports), len(names), after, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--offices", type=int, default=10, help="agencies per county")
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, str(ROOT)], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout))
    first = runs[0]
    data = ROOT / "index" / "data" / "divisions.json.gz"
    print(f"divisions: {first['records']:,} records, {data.stat().st_size:,} bytes gzipped")
    print(
        f"identify: {first['names']:,} names per run, uncached; {args.runs} runs (median of runs)"
    )
    rows = [
        ("import index.identity", "import", "s", 3),
        ("load divisions()", "load", "s", 3),
        ("memory of the loaded table (tracemalloc)", "traced_mb", "MB", 1),
        ("RSS growth while loading", "rss_load_mb", "MB", 1),
        ("identify(), mean", "identify_mean_ms", "ms", 3),
        ("identify(), p50", "identify_p50_ms", "ms", 3),
        ("identify(), p99", "identify_p99_ms", "ms", 3),
        ("find() in a Chinese question", "find_zh_ms", "ms", 3),
        ("first English question (builds pinyin keys)", "pinyin_build_s", "s", 2),
        ("find() in an English question", "find_en_ms", "ms", 3),
        ("RSS at the end (pypinyin loaded)", "rss_total_mb", "MB", 0),
    ]
    for label, key, unit, digits in rows:
        values = [r[key] for r in runs]
        print(
            f"{label:46} {statistics.median(values):.{digits}f} {unit}"
            f"  (runs: {', '.join(f'{v:.{digits}f}' for v in values)})"
        )

    reports, before, after, seconds = migration(args.offices)
    print(
        f"opening a schema-2 index of {reports:,} reports: {seconds:.1f} s "
        f"({1000 * seconds / reports:.2f} ms a report), {before:,} agencies → {after:,}"
    )


if __name__ == "__main__":
    main()
