"""Question latency, start-up time and peak memory on a national-size index.

Builds (once, then reuses) an index of generated agencies — 100,000 by default, each
with a report for three years, every figure of the 2021 template and two sections —
in the store's own schema, then measures in a separate process pinned to one core:

- start-up: `Engine(db)` (reading the agencies and building the name index);
- latency of a mix of questions (figures by full and short names and typos, report
  cards, sections, narrative, trends, rankings and sums by kind, unknown names), per
  kind and overall, p50 and p99; a ranking or sum is slower the first time it reads
  a figure across all agencies, so those first reads are also shown on their own;
- peak memory (max RSS) of the measuring process.

    .venv/bin/python bench/bench_answer.py [--agencies 100000] [--db /tmp/gongkai-bench.db]

Figures are printed, not asserted: the machines are shared and noisy. Not part of pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.store import INSERT_CHECKS, Store  # noqa: E402
from index.template import APPLICANT_COLUMNS, OUTCOME_COLUMNS, PROCEEDINGS, TABLE3_ROWS  # noqa: E402

YEARS = (2022, 2023, 2024)
COVERING = "figures (table_number, row_key, column_key, report_id, value)"
PLACE_CHARS = (
    "安白宝北昌长成城川春大丹德东都丰福阜甘高广贵海汉和河衡红湖华怀淮黄惠吉济嘉建江金锦晋京"
    "荆景九康兰乐丽连辽林临柳龙泸鹿洛马茂梅绵明南宁平莆齐黔庆清衢泉仁瑞三沙山汕商韶邵深沈石寿"
    "双顺朔松苏宿遂台泰唐天通铜潼万威潍渭文乌武西仙咸湘襄孝新信兴徐许宣雅延盐扬阳伊宜义益银"
    "营永榆玉元岳云枣湛张漳长昭肇镇郑中舟珠株淄遵"
)
OFFICES = (
    "司法局 人民政府 人民政府办公室 公安局 财政局 教育局 民政局 人力资源和社会保障局 自然资源局 "
    "生态环境局 住房和城乡建设局 交通运输局 水利局 农业农村局 商务局 文化和旅游局 卫生健康委员会 "
    "退役军人事务局 应急管理局 审计局 市场监督管理局 统计局 医疗保障局 林业局 发展和改革委员会 "
    "工业和信息化局 科学技术局 体育局 信访局 行政审批服务局 城市管理局 数据局"
).split()
T3_ROWS = [r.key for r in TABLE3_ROWS if r.key != "other_processing"]
T2_CELLS = [
    ("regulations", "issued"),
    ("regulations", "repealed"),
    ("regulations", "in_force"),
    ("normative_documents", "issued"),
    ("normative_documents", "repealed"),
    ("normative_documents", "in_force"),
    ("licensing", "decisions"),
    ("penalty", "decisions"),
    ("coercion", "decisions"),
    ("fees", "amount"),
]


# -- the generated index ----------------------------------------------------------------


def place_names(rng: random.Random, count: int, suffixes: str) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS) + rng.choice(suffixes))
    return sorted(names)


def agency_names(count: int, rng: random.Random) -> list[str]:
    """Provinces, cities and counties (names repeat across cities, as 西区 does) × offices."""
    provinces = place_names(rng, 31, "省")
    cities = place_names(rng, 330, "市")
    per_county = len(OFFICES)
    counties_needed = max(
        1, (count - (len(provinces) + len(cities)) * per_county) // per_county + 1
    )
    counties = [
        (rng.choice(cities), rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS) + rng.choice("县区"))
        for _ in range(counties_needed)
    ]
    names: list[str] = []
    seen: set[str] = set()
    for place in provinces + cities:
        names.extend(place + office for office in OFFICES)
    for city, county in counties:
        prefix = city + county if rng.random() < 0.5 else county
        names.extend(prefix + office for office in OFFICES)
    out = []
    for name in names:
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out[:count]


def build(db: Path, count: int) -> None:
    """The store's schema (via `Store`), filled in bulk; indexes created after the rows."""
    rng = random.Random(2024)
    db.unlink(missing_ok=True)
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    indexes = conn.execute(
        "select name, sql from sqlite_master where type = 'index' and tbl_name in ('figures', 'checks', 'sections') and sql is not null"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f"drop index {name}")
    names = agency_names(count, rng)
    conn.executemany("insert into agencies (id, name) values (?, ?)", enumerate(names, 1))
    report_id = 0
    started = time.perf_counter()
    for agency_id, name in enumerate(names, 1):
        reports, figures, sections, checks = [], [], [], []
        for year in YEARS:
            report_id += 1
            failed = rng.random() < 0.005
            reports.append(
                (
                    report_id,
                    agency_id,
                    name,
                    year,
                    f"{name}{year}年政府信息公开工作年度报告",
                    "2021",
                    "text",
                    f"g{report_id}.txt",
                    f"{report_id:064x}",
                    "2025-01-01T00:00:00+00:00",
                    207,
                    int(failed),
                    "[]",
                )
            )
            figures.extend(report_figures(report_id, rng, failed))
            sections.append(
                (
                    report_id,
                    1,
                    None,
                    "总体情况",
                    f"全年在政府网站发布信息 {rng.randint(1, 900)} 条，微信公众号推送 {rng.randint(1, 500)} 篇。",
                    "总体 情况 全年 在 政府 网站 发布 信息 条 微信 公众 公众号 推送 篇",
                )
            )
            sections.append(
                (
                    report_id,
                    5,
                    None,
                    "存在的主要问题及改进情况",
                    "一是公开不够及时。二是解读不够深入。",
                    "存在 主要 问题 改进 情况 公开 及时 解读 深入",
                )
            )
            if failed:
                checks.append(
                    (report_id, "t3.row_total.received", "fail", "generated", "3.received.total")
                )
        # columns named: the store's tables gain columns (checks.cells did, and broke this)
        conn.executemany(
            "insert into reports (id, agency_id, agency, year, title, format, source_format, "
            "source_file, sha256, indexed_at, figure_count, failed_checks, warnings) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            reports,
        )
        conn.executemany(
            "insert into figures (report_id, table_number, row_key, column_key, value, raw, "
            "note, label, page) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            figures,
        )
        conn.executemany(
            "insert into sections (report_id, number, subsection, title, text, text_segmented) values (?, ?, ?, ?, ?, ?)",
            sections,
        )
        conn.executemany(INSERT_CHECKS, checks)
        if agency_id % 10000 == 0:
            conn.commit()
            print(f"  {agency_id} agencies, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    conn.commit()
    for _, sql in indexes:
        conn.execute(sql)
    # the store keeps the full-text index and figure_values itself, not by triggers on
    # insert: without them, the next Store to open the index makes both from the rows
    conn.execute("drop table sections_fts")
    conn.execute("drop table figure_values")
    conn.commit()
    conn.close()
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("ANALYZE")
    conn.close()


def report_figures(report_id: int, rng: random.Random, failed: bool) -> list[tuple]:
    out = []
    for row, col in T2_CELLS:
        value = round(rng.uniform(0, 500), 2) if col == "amount" else rng.randint(0, 50)
        out.append((report_id, 2, row, col, value, str(value), None, "", None))
    for row in T3_ROWS:
        cells = [rng.choice((0, 0, 0, rng.randint(0, 40))) for _ in range(6)]
        blank = rng.random() < 0.01
        for col, value in zip(
            APPLICANT_COLUMNS,
            [*cells, sum(cells) + (1 if failed and row == "received" else 0)],
            strict=True,
        ):
            v = None if blank and col == "commercial" else value
            out.append((report_id, 3, row, col, v, "/" if v is None else str(v), None, "", None))
    for proceeding in PROCEEDINGS:
        cells = [rng.choice((0, 0, rng.randint(0, 5))) for _ in range(4)]
        for col, value in zip(OUTCOME_COLUMNS, [*cells, sum(cells)], strict=True):
            out.append((report_id, 4, proceeding, col, value, str(value), None, "", None))
    return out


# -- the questions ----------------------------------------------------------------------

FIGURE_PHRASES = [
    "收到多少申请",
    "去年收到多少政府信息公开申请？",
    "2023年予以公开多少件",
    "不予公开多少",
    "行政复议被纠正几件",
    "行政诉讼多少件",
    "自然人申请多少",
    "法人或其他组织申请多少",
    "行政许可多少",
    "收费多少",
    "无法提供多少",
    "结转下年度继续办理多少",
    "规章现行有效件数",
]
EN_FIGURE = [
    "how many applications did {} receive",
    "how many requests did {} refuse in 2023",
    "administrative reviews of {}",
]
ACROSS = [
    "哪个司法局收到的申请最多",
    "2024年所有机关一共收到多少申请",
    "哪个县人民政府行政复议最多",
    "rank agencies by 行政复议",
    "2023年哪个公安局不予公开最多",
    "所有教育局一共收到多少申请",
    "哪个机关行政处罚最多",
    "2022年所有财政局一共无法提供多少",
]


def questions(names: list[str], rng: random.Random, count: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for _ in range(count):
        name = rng.choice(names)
        kind = rng.choices(
            [
                "figure",
                "short",
                "typo",
                "en",
                "card",
                "section",
                "narrative",
                "trend",
                "across",
                "unknown",
                "garbage",
            ],
            weights=[30, 12, 5, 8, 8, 5, 5, 5, 10, 8, 4],
        )[0]
        if kind == "figure":
            out.append((kind, name + rng.choice(FIGURE_PHRASES)))
        elif kind == "short":
            for office in OFFICES:
                if name.endswith(office) and len(name) - len(office) > 3:
                    name = name[len(name) - len(office) - 3 :]
                    break
            out.append((kind, name + rng.choice(FIGURE_PHRASES)))
        elif kind == "typo":
            out.append((kind, name[:-1] + "句" + "收到多少申请"))
        elif kind == "en":
            out.append((kind, rng.choice(EN_FIGURE).format(name)))
        elif kind == "card":
            out.append((kind, f"{name}2024年报告"))
        elif kind == "section":
            out.append((kind, f"{name}存在哪些问题"))
        elif kind == "narrative":
            out.append((kind, f"{name}在政府网站发布了多少条信息"))
        elif kind == "trend":
            out.append((kind, f"{name}历年收到多少申请"))
        elif kind == "across":
            out.append((kind, rng.choice(ACROSS)))
        elif kind == "unknown":
            out.append(
                (kind, rng.choice(PLACE_CHARS) + rng.choice(PLACE_CHARS) + "县司法局收到多少申请")
            )
        else:
            out.append(
                (
                    kind,
                    rng.choice(
                        ["", "🙂", "今天天气怎么样", "x" * 5000, "'; DROP TABLE agencies; --"]
                    ),
                )
            )
    return out


def measure(db: Path, count: int) -> dict:
    """Runs in its own process, pinned to one core: start-up, latencies, peak memory."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    t0 = time.perf_counter()
    from bot.answer import Engine

    imported = time.perf_counter()
    engine = Engine(db)
    started = time.perf_counter()
    names = engine.agencies.names
    qs = questions(names, random.Random(7), count)
    by_kind: dict[str, list[float]] = {}
    first_across: list[float] = []
    seen_across: set[str] = set()
    statuses: dict[str, dict[str, int]] = {}
    for kind, q in qs:
        t = time.perf_counter()
        a = engine.answer(q)
        ms = (time.perf_counter() - t) * 1000
        counts = statuses.setdefault(kind, {})
        counts[a.status] = counts.get(a.status, 0) + 1
        if kind == "across" and q not in seen_across:
            seen_across.add(q)
            first_across.append(ms)
        by_kind.setdefault(kind, []).append(ms)
    warm_s = engine.warm()
    after_warm = []
    for question in ACROSS:
        for year in ("", "2022年", "2023年"):
            t = time.perf_counter()
            engine.answer(year + question)
            after_warm.append((time.perf_counter() - t) * 1000)
    return {
        "warm_s": warm_s,
        "after_warm": after_warm,
        "import_s": imported - t0,
        "startup_s": started - imported,
        "agencies": len(names),
        "by_kind": by_kind,
        "first_across": first_across,
        "statuses": statuses,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def report(result: dict, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        pages = conn.execute("pragma page_count").fetchone()[0]
        pages -= conn.execute("pragma freelist_count").fetchone()[0]
        size = pages * conn.execute("pragma page_size").fetchone()[0]
    print(
        f"index: {db} ({size / 2**30:.1f} GiB in use), {result['agencies']:,} agencies × {len(YEARS)} years"
    )
    print(
        f"start-up: Engine(db) {result['startup_s']:.2f} s (+ {result['import_s']:.2f} s importing the engine)"
    )
    print(f"peak memory (max RSS of the measuring process): {result['peak_mb']:.0f} MB")
    every = [ms for values in result["by_kind"].values() for ms in values]
    print(
        f"latency over {len(every)} questions on one core: p50 {pct(every, 50):.1f} ms, p99 {pct(every, 99):.1f} ms, max {max(every):.0f} ms"
    )
    warm = [ms for kind, values in result["by_kind"].items() for ms in values if kind != "across"]
    warm += sorted(result["by_kind"].get("across", []))[
        : len(result["by_kind"].get("across", [])) - len(result["first_across"])
    ]
    print(
        f"  without the first read of each cross-agency question: p50 {pct(warm, 50):.1f} ms, p99 {pct(warm, 99):.1f} ms"
    )
    print(f"  {'kind':<10} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, values in sorted(result["by_kind"].items()):
        print(
            f"  {kind:<10} {len(values):>5} {pct(values, 50):>8.1f} {pct(values, 99):>8.1f} {max(values):>8.1f}"
        )
    firsts = result["first_across"]
    if firsts:
        print(
            f"  first read of each of {len(firsts)} cross-agency questions: median {statistics.median(firsts):.0f} ms, max {max(firsts):.0f} ms"
        )
    aw = result["after_warm"]
    print(
        f"Engine.warm() (the report card's figures across all reports, in the background in the bot): {result['warm_s']:.0f} s;"
        f" then {len(aw)} cross-agency questions: p50 {pct(aw, 50):.1f} ms, p99 {pct(aw, 99):.1f} ms, max {max(aw):.0f} ms"
    )
    print("  answers by kind of question:")
    for kind, counts in sorted(result["statuses"].items()):
        print(f"    {kind:<10} " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--agencies", type=int, default=100_000)
    ap.add_argument("--questions", type=int, default=2000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/gongkai-bench.db"))
    ap.add_argument("--rebuild", action="store_true", help="build the index even if --db exists")
    ap.add_argument(
        "--covering-index",
        action="store_true",
        help=f"add schema 4's covering index ({COVERING}; figure_values took its place) before measuring",
    )
    ap.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure_only:
        print(json.dumps(measure(args.db, args.questions)))
        return
    if args.rebuild or not args.db.exists():
        print(
            f"building {args.db}: {args.agencies:,} agencies × {len(YEARS)} years…", file=sys.stderr
        )
        t = time.perf_counter()
        build(args.db, args.agencies)
        print(f"built in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with sqlite3.connect(args.db) as conn:
        if args.covering_index:
            print("adding the covering index (minutes)…", file=sys.stderr)
            conn.execute(f"create index if not exists figures_cell_values on {COVERING}")
        has = conn.execute(
            "select 1 from sqlite_master where name = 'figures_cell_values'"
        ).fetchone()
    print("schema: the store's" + (f", plus the covering index {COVERING}" if has else ""))
    p = subprocess.run(
        [
            sys.executable,
            __file__,
            "--measure-only",
            "--db",
            str(args.db),
            "--questions",
            str(args.questions),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report(json.loads(p.stdout), args.db)


if __name__ == "__main__":
    main()
