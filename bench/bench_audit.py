"""How long the audit (年报体检) takes: a whole index, and one report beyond reading it.

Builds an index of `--agencies` generated agencies (`tests/generated.py`: the five seed
layouts with random figures) with two years each, 2023 and 2024, so every 2024 report
has last year's to be compared with (its figures are random, so it has findings of
every kind). Then measures, best and median of `--runs`:

- the whole index audited (`python -m index audit` without its printing): reading
  every report and its previous one from SQLite, and auditing;
- reading alone (the same reports loaded, no audit);
- the audit alone, per report, over reports already read (p50, p99, mean).

    .venv/bin/python bench/bench_audit.py [--agencies 1500] [--runs 3]

Figures are printed, not asserted. Not part of pytest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.audit import audit  # noqa: E402
from index.audit.batch import audit_indexed  # noqa: E402
from index.audit.indexed import Indexed  # noqa: E402
from index.build import build_paths  # noqa: E402
from tests.generated import generate  # noqa: E402


def make_index(folder: Path, agencies: int) -> Path:
    """`agencies` agencies with a 2024 and a 2023 report each."""
    generate(folder / "2024", agencies, random.Random(1), random_figures=True)
    for path in generate(folder / "2023", agencies, random.Random(2), random_figures=True):
        path.write_text(path.read_text(encoding="utf-8").replace("2024", "2023"), encoding="utf-8")
    db = folder / "bench.db"
    build_paths([folder / "2024", folder / "2023"], db)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        db = make_index(Path(tmp), args.agencies)
        print(
            f"index of {2 * args.agencies} reports built in {time.perf_counter() - started:.0f} s"
        )
        whole, reading, per_report = [], [], []
        findings = 0
        with Indexed(db) as index:
            refs = index.select()
            for _ in range(args.runs):
                t = time.perf_counter()
                audits = list(audit_indexed(index, refs))
                whole.append(time.perf_counter() - t)
                findings = sum(len(a.findings) for a in audits)

                t = time.perf_counter()
                previous = index.previous(refs)
                ids = list(dict.fromkeys([r.id for r in refs] + [p.id for p in previous.values()]))
                loaded = dict(index.load(ids))
                reading.append(time.perf_counter() - t)

                times = []
                for ref in refs:
                    before = previous.get(ref.id)
                    subject = loaded[ref.id]
                    prior = loaded[before.id] if before else None
                    t = time.perf_counter()
                    audit(subject, prior)
                    times.append(time.perf_counter() - t)
                    # a fresh subject each run: nothing cached on it from the run before
                    subject.__dict__.pop("cells", None)
                per_report.append(times)
    n = len(refs)
    print(f"{n} reports audited, {findings} findings")
    print(
        f"whole index (read + audit): best {min(whole):.2f} s, median {statistics.median(whole):.2f} s "
        f"({1000 * min(whole) / n:.2f} ms a report)"
    )
    print(
        f"reading alone: best {min(reading):.2f} s, median {statistics.median(reading):.2f} s "
        f"({1000 * min(reading) / n:.2f} ms a report)"
    )
    best = min(per_report, key=sum)
    ordered = sorted(best)
    print(
        f"audit alone, per report: p50 {1000 * ordered[len(ordered) // 2]:.2f} ms, "
        f"p99 {1000 * ordered[int(len(ordered) * 0.99)]:.2f} ms, "
        f"mean {1000 * statistics.mean(best):.2f} ms, max {1000 * ordered[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
