"""Storing reports into an index that already holds some: the store as it is, beside the
alternatives that were weighed, in one run.

An index of `--base` generated reports is built once; `--reports` more (other agencies)
are parsed once, and each variant stores them into its own copy of that index, in
batches as `index build` does, closing the store at the end (its last checkpoint
counted). Variants take turns, `--runs` times, and the best and median per report are
printed with the parse time beside them, so the rate of a build (parse + store) each
variant would give can be read off. Run pinned to one core:

    taskset -c 0 .venv/bin/python bench/bench_store.py [--base 2000] [--reports 1000] [--runs 3]

Figures are printed, not asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.build import BATCH, Read, build_paths, read_report, store_report  # noqa: E402
from index.model import Figure, Report  # noqa: E402
from index.store import (  # noqa: E402
    ADD_CELLS,
    FILL_FIGURE_VALUES,
    INSERT_CHECKS,
    INSERT_FIGURES,
    SCHEMA4_COVERING_INDEX,
    Store,
    Stored,
    check_rows,
    index_files,
    segment,
)
from tests.generated import generate  # noqa: E402
from tests.old_schemas import SCHEMA5_VALUES  # noqa: E402

SCHEMA4_TRIGGER = (
    "create trigger [sections_ai] after insert on [sections] begin "
    "insert into [sections_fts] (rowid, [title], [text_segmented]) "
    "values (new.rowid, new.[title], new.[text_segmented]); end"
)


class Schema4(Store):
    """Figures' values in schema 4's covering index on figures, kept row by row by
    SQLite, not in `figure_values` (the index is prepared so; nothing is made on
    opening). Sections go into the full-text index once per transaction."""

    fts_trigger = False

    def _complete(self) -> None:
        self._live = not self.fts_trigger

    def _catch_up(self) -> None:
        self._first_figure = None
        super()._catch_up()


class Schema4Trigger(Schema4):
    """The store of schema 4: the covering index, and a trigger that puts each section
    into the full-text index as it is inserted."""

    fts_trigger = True


class FtsTrigger(Store):
    """Sections put into the full-text index by schema 4's trigger, one by one."""

    def _catch_up(self) -> None:
        self._first_section = None
        super()._catch_up()


class NoValues(Store):
    """No `figure_values` and no covering index: what keeping figures' values in order
    costs (a ranking would then read every figure row)."""

    def _values_whole(self) -> bool:
        return True

    def _catch_up(self) -> None:
        self._first_figure = None
        super()._catch_up()


class BoundNones(Store):
    """Every figure written by the statement of all nine columns, its note and page bound
    even when None (the store before 2026-12-04)."""

    def _insert_figures(self, report_id: int, figures: list[Figure]) -> None:
        self.db.conn.executemany(
            INSERT_FIGURES,
            [
                (report_id, f.table, f.row, f.column, f.value, f.raw, f.note, f.label, f.page)
                for f in figures
            ],
        )


class SortedValues(Store):
    """A transaction's figures put into `figure_values` sorted by its key first (the
    store before 2026-12-04)."""

    def _catch_up(self) -> None:
        first, self._first_figure = self._first_figure, None
        super()._catch_up()
        if first is not None:
            self.db.conn.execute(ADD_CELLS, [first])
            self.db.conn.execute(FILL_FIGURE_VALUES, [first])


def schema5_values(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA5_VALUES)


class Schema5(Store):
    """`figure_values` keyed by the cell's three text columns, not by its number in
    `cells` (the store of schema 5, before 2026-12-04's second round)."""

    def _values_whole(self) -> bool:
        return True

    def _catch_up(self) -> None:
        first, self._first_figure = self._first_figure, None
        super()._catch_up()
        if first is not None:
            self.db.conn.execute(
                "insert into figure_values (table_number, row_key, column_key, report_id, "
                "figure_id, value) select table_number, row_key, column_key, report_id, "
                "rowid, value from figures where rowid >= ?",
                [first],
            )


class EveryCheck(Store):
    """A row in `checks` for every identity, the ones a report satisfies too (schema 6,
    before schema 7), written in the report's transaction."""

    def add(self, report: Report, *, source_file: str, sha256: str) -> Stored:
        stored = super().add(report, source_file=source_file, sha256=sha256)
        passed = [c for c in report.checks if c.status == "pass"]
        self.db.conn.executemany(INSERT_CHECKS, check_rows(stored.report_id, passed))
        return stored


@dataclass
class Variant:
    name: str
    store: type[Store] = Store
    # made to the copy of the index before timing (a table rebuilt, an index dropped)
    prepare: Callable[[sqlite3.Connection], None] | None = None
    # applied to the open store, timed with the rest
    setup: Callable[[Store], None] | None = None
    batch: int = BATCH


def schema4_tables(trigger: bool) -> Callable[[sqlite3.Connection], None]:
    def prepare(conn: sqlite3.Connection) -> None:
        conn.executescript(
            "drop trigger figures_ad; drop trigger figures_au; drop table figure_values;"
        )
        conn.execute(
            f"create index {SCHEMA4_COVERING_INDEX} on figures "
            "(table_number, row_key, column_key, report_id, value)"
        )
        if trigger:
            conn.execute(SCHEMA4_TRIGGER)

    return prepare


def no_values(conn: sqlite3.Connection) -> None:
    conn.executescript(
        "drop trigger figures_ad; drop trigger figures_au; drop table figure_values;"
    )


def pragma(statement: str) -> Callable[[Store], None]:
    def setup(store: Store) -> None:
        store.db.conn.execute(f"PRAGMA {statement}")

    return setup


def fts_trigger(store: Store) -> None:
    store.db.conn.execute(SCHEMA4_TRIGGER)


def without_savepoints(store: Store) -> None:
    """Each report written straight into the batch's transaction, with no savepoint of its
    own: what all-or-nothing per report costs."""
    batch = store.batch

    @contextmanager
    def plain() -> Iterator[object]:
        if store.db.conn.in_transaction:
            yield store.db
        else:
            with batch() as db:
                yield db

    store.batch = plain  # type: ignore[method-assign]


VARIANTS = [
    Variant("now"),
    Variant(
        "before: schema 4, checkpoints at 1000",
        Schema4Trigger,
        schema4_tables(trigger=True),
        pragma("wal_autocheckpoint = 1000"),
    ),
    Variant("schema 6: all checks, batches of 50", EveryCheck, batch=50),
    Variant("every check stored (schema 6)", EveryCheck),
    Variant("figure_values keyed by text (schema 5)", Schema5, schema5_values),
    Variant("figures' None bound (before 12-04)", BoundNones),
    Variant("figure_values sorted (before 12-04)", SortedValues),
    Variant("schema 4's covering index alone", Schema4, schema4_tables(trigger=False)),
    Variant("schema 4's full-text trigger alone", FtsTrigger, setup=fts_trigger),
    Variant("checkpoints at 1000 pages alone", setup=pragma("wal_autocheckpoint = 1000")),
    Variant("no figure_values, no covering index", NoValues, no_values),
    Variant("batches of 50 reports (before schema 7)", batch=50),
    Variant("batches of 100 reports", batch=100),
    Variant("batches of 500 reports", batch=500),
    Variant("synchronous FULL", setup=pragma("synchronous = FULL")),
    Variant("synchronous OFF (not durable)", setup=pragma("synchronous = OFF")),
    Variant("no savepoint per report", setup=without_savepoints),
    Variant("foreign_keys OFF", setup=pragma("foreign_keys = OFF")),
]


def written() -> int:
    """Bytes this process has written to files so far (Linux)."""
    try:
        with open("/proc/self/io") as io:
            return next(int(line.split()[1]) for line in io if line.startswith("wchar:"))
    except OSError:
        return 0


@dataclass
class Spent:
    wall: float  # seconds
    cpu: float  # seconds of this process, user and system
    written: int  # bytes


def store_all(db: Path, reads: list[tuple[str, Read]], variant: Variant) -> Spent:
    """What storing every read report into `db` as `variant` does takes."""
    if variant.prepare:
        conn = sqlite3.connect(db)
        variant.prepare(conn)
        conn.commit()
        conn.close()
    start, cpu, bytes_before = time.perf_counter(), time.process_time(), written()
    store = variant.store(db)
    try:
        with store.bulk():  # as `build_paths` does (an index with reports: written as usual)
            if variant.setup:
                variant.setup(store)
            for first in range(0, len(reads), variant.batch):
                with store.batch():
                    for name, (report, sha256, result) in reads[first : first + variant.batch]:
                        assert report is not None
                        assert store_report(store, report, sha256, result, name).ok
    finally:
        store.close()
    return Spent(time.perf_counter() - start, time.process_time() - cpu, written() - bytes_before)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--base", type=int, default=2000, help="reports in the index to begin with")
    ap.add_argument("--reports", type=int, default=1000, help="reports stored into it")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", nargs="*", help="variants whose name starts so (and 'now')")
    args = ap.parse_args()
    variants = [
        v
        for v in VARIANTS
        if not args.only or v.name.startswith("now") or v.name.startswith(tuple(args.only))
    ]
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-store-"))
    try:
        generate(tmp / "base", args.base, rng)
        paths = generate(tmp / "more", args.reports, rng, first=args.base)
        segment("预热 jieba 词典")
        base = tmp / "base.db"
        build_paths([tmp / "base"], base)
        parse_s = []
        for _ in range(args.runs):
            start = time.perf_counter()
            reads = [(p.name, read_report(p)) for p in paths]
            parse_s.append(time.perf_counter() - start)
        parse_ms = 1000 * min(parse_s) / len(paths)
        spent: dict[str, list[Spent]] = {v.name: [] for v in variants}
        for run in range(args.runs):
            for variant in variants:
                db = tmp / f"{run}.db"
                shutil.copy(base, db)
                spent[variant.name].append(store_all(db, reads, variant))
                for file in index_files(db):
                    file.unlink(missing_ok=True)
        n = len(reads)
        print(
            f"{n} reports stored into an index of {args.base}, {args.runs} runs, one batch "
            f"= {BATCH} reports unless said; parse alone {parse_ms:.2f} ms a report"
        )
        print(f"{'':40} {'store, ms a report':>27} {'KB':>5} {'parse + store':>14}")
        print(
            f"{'':40} {'best':>7} {'median':>8} {'CPU best':>10} {'written':>7} {'reports/s':>12}"
        )
        for name, runs in spent.items():
            best = 1000 * min(r.wall for r in runs) / n
            median = 1000 * statistics.median(r.wall for r in runs) / n
            cpu = 1000 * min(r.cpu for r in runs) / n
            kb = min(r.written for r in runs) / n / 1024
            print(
                f"{name:<40} {best:7.2f} {median:8.2f} {cpu:10.2f} {kb:7.0f} "
                f"{1000 / (parse_ms + best):12.1f}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
