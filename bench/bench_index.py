"""Index a few thousand generated text reports and print reports per second and peak memory.

The reports are the bundled seeds with their table numbers replaced by random ones and
their agency names changed, so every layout of `data/reports/` is measured. Run:

    .venv/bin/python bench/bench_index.py [--reports 3000] [--pdf 20]

Figures are printed, not asserted: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.build import build_paths  # noqa: E402
from index.parse import parse_file  # noqa: E402
from index.store import segment  # noqa: E402

CELL = re.compile(r"(?<![\d.])(?<!- )\d+(?:\.\d+)?(?![\d.．、])(?! -)")


def generate(folder: Path, count: int, rng: random.Random) -> list[Path]:
    seeds = sorted((ROOT / "data" / "reports").glob("*.txt"))
    paths = []
    for i in range(count):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8")
        start = text.index("二、主动公开政府信息情况")
        end = text.index("五、存在的主要问题")
        middle = CELL.sub(lambda _: str(rng.randint(0, 500)), text[start:end])
        head = text[:start].replace("司法局", f"第{i}号测试局", 1)
        path = folder / f"r{i:05d}.txt"
        path.write_text(head + middle + text[end:], encoding="utf-8")
        paths.append(path)
    return paths


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--reports", type=int, default=3000)
    ap.add_argument("--pdf", type=int, default=20, help="times to parse the devset PDF")
    args = ap.parse_args()
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        paths = (
            generate(tmp / "reports", args.reports, rng)
            if (tmp / "reports").mkdir() is None
            else []
        )
        segment("预热 jieba 词典")  # load jieba once, as a running indexer has
        t0 = time.perf_counter()
        for p in paths:
            parse_file(p)
        parse_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        results = build_paths([tmp / "reports"], tmp / "bench.db")
        build_s = time.perf_counter() - t0
        failed = sum(not r.ok for r in results)
        print(f"text reports: {len(paths)}  failed: {failed}")
        print(f"parse only:        {len(paths) / parse_s:8.1f} reports/s")
        print(f"parse + store:     {len(paths) / build_s:8.1f} reports/s")
        pdf = ROOT.parent / "shared" / "devset" / "huaian-shi-zf-2024.pdf"
        if pdf.exists() and args.pdf:
            t0 = time.perf_counter()
            for _ in range(args.pdf):
                parse_file(pdf)
            pdf_s = time.perf_counter() - t0
            print(f"PDF (6 pages):     {args.pdf / pdf_s:8.1f} reports/s")
        print(f"peak memory:       {peak_mb():8.1f} MB (max RSS)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
