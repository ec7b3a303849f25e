"""Many distinct reports made from the bundled seeds, for crash tests and benchmarks.

Each is a seed with its table numbers replaced by random ones and its agency renamed,
so every layout of `data/reports/` is there and no two reports are alike.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"(?<![\d.])(?<!- )\d+(?:\.\d+)?(?![\d.．、])(?! -)")


def generate(folder: Path, count: int, rng: random.Random, first: int = 0) -> list[Path]:
    """`count` reports of agencies numbered from `first` (a later batch names new agencies)."""
    folder.mkdir()
    seeds = sorted((ROOT / "data" / "reports").glob("*.txt"))
    paths = []
    for i in range(first, first + count):
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
