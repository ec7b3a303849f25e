"""How well each way of searching the reports' text finds Chinese words, and how fast.

The question is what Datasette should search with (`python -m index serve`). The index
holds each section's text as jieba words behind FTS5 (`index.store.segment`), so:

- `datasette box`: Datasette's own search box, the words as typed (`"微信"`);
- `bot /search`: the bot's query, the query's jieba words of two characters or more;
- `segmented+check`: every jieba word of each term (`index.search.match_query`), then
  each term checked in the text as written (`holds_all`): the Datasette canned query;
- `trigram`: an FTS5 trigram table over the same text (not in the index: it would be
  another copy of every section), the term as a phrase;
- `LIKE scan`: every section read (exact by definition; the time it takes).

Queries: common words of the reports, and random 2–4 character pieces of the text.
The truth is the sections whose searchable text (what the index segments) holds the term.
Run:

    .venv/bin/python bench/bench_search.py [--db FILE] [--reports 2000] [--queries 300]

Without --db, the bundled reports and the devset are indexed into a temporary file; with
--reports N, N generated reports are added to it (for the times). Figures are printed,
not asserted.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.build import build_paths  # noqa: E402
from index.search import holds_all, match_query, segment  # noqa: E402
from tests.generated import generate  # noqa: E402

WORDS = (
    "微信 政务新媒体 新闻发布会 依申请公开 政策解读 行政复议 行政诉讼 政府网站 公众号 培训 "
    "考核 保密审查 信息处理费 主动公开 政务公开 12345 热线 公报 听证 座谈会 问卷 "
    "规范性文件 行政许可 行政处罚 监督 栏目 专栏 抖音 微博 网上 政务服务 便民 "
    "隐私 个人信息 档案 移交 年报 第三方 考评 人大代表 政协委员 建议 提案"
).split()

Search = Callable[[sqlite3.Connection, str], set[int]]


def searchable(conn: sqlite3.Connection) -> dict[int, str]:
    """The sections whose text the index segments (not the tables', not a section one
    whose subsections carry its words), by rowid: title and text, spaces removed."""
    rows = conn.execute(
        "select s.rowid, s.title, s.text from sections s where s.number not in (2, 3, 4) "
        "and not (s.subsection is null and exists (select 1 from sections t where "
        "t.report_id = s.report_id and t.number = s.number and t.subsection is not null))"
    ).fetchall()
    return {rowid: re.sub(r"\s+", "", f"{title} {text}") for rowid, title, text in rows}


def fts(conn: sqlite3.Connection, query: str) -> set[int]:
    return {
        r[0]
        for r in conn.execute("select rowid from sections_fts where sections_fts match ?", (query,))
    }


def datasette_box(conn: sqlite3.Connection, q: str) -> set[int]:
    return fts(conn, '"' + q.replace('"', '""') + '"')


def bot_search(conn: sqlite3.Connection, q: str) -> set[int]:
    tokens = segment(q).split()
    tokens = [w for w in tokens if len(w) >= 2] or tokens
    return fts(conn, " ".join(f'"{w}"' for w in tokens)) if tokens else set()


def checked(conn: sqlite3.Connection, q: str) -> set[int]:
    return {
        r[0]
        for r in conn.execute(
            "select s.rowid from sections_fts join sections s on s.rowid = sections_fts.rowid "
            "where sections_fts match ? and holds_all(s.title || ' ' || s.text, ?)",
            (match_query(q), q),
        )
    }


def trigram(conn: sqlite3.Connection, q: str) -> set[int]:
    if len(q) < 3:
        return set()  # FTS5's trigram tokenizer finds nothing shorter than three characters
    return {r[0] for r in conn.execute("select rowid from tri where tri match ?", (f'"{q}"',))}


def like_scan(conn: sqlite3.Connection, q: str) -> set[int]:
    return {
        r[0]
        for r in conn.execute(
            "select rowid from sections where instr(title || text, ?)", (q,)
        )  # timing only: its results are the truth, up to spaces
    }


def add_trigram(conn: sqlite3.Connection, texts: dict[int, str]) -> int:
    """The trigram table over the searchable text, in memory; returns its size in bytes."""
    conn.execute("attach ':memory:' as mem")
    conn.execute("create virtual table mem.tri using fts5(text, tokenize='trigram')")
    conn.executemany("insert into tri (rowid, text) values (?, ?)", texts.items())
    conn.commit()
    return sum(r[0] for r in conn.execute("select sum(length(block)) from mem.tri_data").fetchall())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--reports", type=int, default=0)
    ap.add_argument("--queries", type=int, default=300)
    args = ap.parse_args()
    db = args.db
    if db is None:
        folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-search-"))
        db = folder / "g.db"
        build_paths([ROOT / "data" / "reports", ROOT.parent / "shared" / "devset"], db)
        if args.reports:
            generated = folder / "generated"
            build_paths(generate(generated, args.reports, random.Random(7)), db)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.create_function("holds_all", 2, holds_all, deterministic=True)
    texts = searchable(conn)
    rng = random.Random(16)
    pool = [t for t in texts.values() if len(t) > 20]
    pieces = []
    while len(pieces) < args.queries:
        text = rng.choice(pool)
        n = rng.randint(2, 4)
        at = rng.randrange(len(text) - n)
        piece = text[at : at + n]
        if all("\u4e00" <= c <= "\u9fff" for c in piece):
            pieces.append(piece)
    started = time.perf_counter()
    size = add_trigram(conn, texts)
    print(
        f"{len(texts)} searchable sections, {sum(map(len, texts.values())) / 1e6:.1f} M "
        f"characters; trigram index {size / 1e6:.1f} MB, built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    strategies: dict[str, Search] = {
        "datasette box": datasette_box,
        "bot /search": bot_search,
        "segmented+check": checked,
        "trigram": trigram,
        "LIKE scan": like_scan,
    }
    for name, queries in (("common words", WORDS), ("random pieces", list(dict.fromkeys(pieces)))):
        truth = {q: {r for r, t in texts.items() if q in t} for q in queries}
        wanted = sum(map(len, truth.values()))
        print(f"\n{name}: {len(queries)} queries, {wanted} sections hold them")
        print(f"{'strategy':<18}{'recall':>8}{'precision':>11}{'p50 ms':>9}{'p95 ms':>9}")
        for label, search in strategies.items():
            found = right = 0
            times = []
            for q in queries:
                start = time.perf_counter()
                got = search(conn, q) & texts.keys()
                times.append((time.perf_counter() - start) * 1000)
                found += len(got)
                right += len(got & truth[q])
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            print(
                f"{label:<18}{right / max(wanted, 1):>8.1%}{right / max(found, 1):>11.1%}"
                f"{statistics.median(times):>9.2f}{p95:>9.2f}"
            )


if __name__ == "__main__":
    main()
