"""Load time and memory of the divisions data, and the time to resolve a name.

In a fresh process (so that nothing is loaded or cached before), measures:

- import of `index.identity` and the first `divisions()` (reading and indexing
  `index/data/divisions.json.gz` and `places.toml`), the process's RSS growth while
  loading, and the memory the loaded table holds (tracemalloc, over a second load);
- `identify(name, year)` per name, uncached, over every county-level division in
  force in 2024 with an office, written three ways (full chain, county alone, short),
  plus shared and unknown names;
- `Divisions.find` over Chinese questions, and over English ones (the first English
  question builds the pinyin keys, timed on its own).

    .venv/bin/python bench/bench_divisions.py [--runs 3]

Figures are printed, not asserted. Not part of pytest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
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


if __name__ == "__main__":
    main()
