"""Time the parser on inputs made to be slow, at growing sizes: the time should grow in
proportion (linear), never with the square of the size. Run:

    .venv/bin/python bench/bench_hostile.py [--sizes 1 2 4]

Prints seconds per shape and size (figures, not assertions: machines are noisy).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.errors import GongkaiError  # noqa: E402
from index.normalize import tidy_prose  # noqa: E402
from index.parse import parse_file  # noqa: E402

SEED = (ROOT / "data" / "reports" / "001_9598518bcc7e7950.txt").read_text(encoding="utf-8")
SHAPES = {
    "short lines, no punctuation": "政府信息公开工作" * 10 + "\n",
    "one long line": "政府信息公开工作" * 10,
    "spaced characters": "政 府 信 息 公 开 1 2 3 ",
    "numbered lines": "（一）政府信息公开\n",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2], metavar="MB")
    args = parser.parse_args()
    at = SEED.index("五、存在的主要问题")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        print(f"{'shape':<30}" + "".join(f"{s:>10g} MB" for s in args.sizes))
        for name, unit in SHAPES.items():
            cells = []
            for mb in args.sizes:
                filler = unit * int(mb * 1048576 / len(unit.encode()))
                path.write_text(SEED[:at] + filler + SEED[at:], encoding="utf-8")
                started = time.perf_counter()
                try:
                    parse_file(path)
                except GongkaiError:
                    pass
                cells.append(time.perf_counter() - started)
            print(f"{name:<30}" + "".join(f"{c:>11.2f}s" for c in cells))
        text = ("政府信息公开工作" * 10 + "\n") * int(args.sizes[-1] * 1048576 / 241)
        started = time.perf_counter()
        tidy_prose(text)
        print(f"tidy_prose alone, {args.sizes[-1]:g} MB: {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
