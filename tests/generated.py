"""Many distinct reports made from the bundled seeds, for crash tests and benchmarks.

Each is a seed with its agency renamed and its figures (every whole number of sections
two to four) multiplied by a factor of its own, so every layout of `data/reports/` is
there and no two reports are alike. Multiplying keeps the template's identities, which
every seed's figures satisfy, as real reports nearly always do: random figures would
break all forty-two in every report, a worst case no index holds, and would make every
benchmark store and audit forty-two failures a report. A share of the reports
(`misprinted`) has one figure off by one, as a real report's typing slip is;
`random_figures` gives every figure a random value instead (the audit's benchmark wants
findings of every kind).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"(?<![\d.])(?<!- )\d+(?:\.\d+)?(?![\d.．、])(?! -)")
FACTORS = range(1, 61)
MISPRINTED = 0.1


def generate(
    folder: Path,
    count: int,
    rng: random.Random,
    first: int = 0,
    misprinted: float = MISPRINTED,
    *,
    random_figures: bool = False,
) -> list[Path]:
    """`count` reports of agencies numbered from `first` (a later batch names new agencies)."""
    folder.mkdir()
    seeds = sorted((ROOT / "data" / "reports").glob("*.txt"))
    paths = []
    for i in range(first, first + count):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8")
        start = text.index("二、主动公开政府信息情况")
        end = text.index("五、存在的主要问题")
        if random_figures:
            middle = CELL.sub(lambda _: str(rng.randint(0, 500)), text[start:end])
        else:
            middle = _figures(text[start:end], rng.choice(FACTORS), rng, rng.random() < misprinted)
        head = text[:start].replace("司法局", f"第{i}号测试局", 1)
        path = folder / f"r{i:05d}.txt"
        path.write_text(head + middle + text[end:], encoding="utf-8")
        paths.append(path)
    return paths


def _figures(text: str, factor: int, rng: random.Random, slip: bool) -> str:
    """`text` with its whole numbers times `factor` (amounts such as 0.5 万元 as printed),
    and with `slip` one of them, chosen by `rng`, one more than that."""
    numbers = [m for m in CELL.finditer(text) if "." not in m.group()]
    slipped = rng.choice(numbers).start() if slip and numbers else -1
    return CELL.sub(
        lambda m: (
            m.group() if "." in m.group() else str(int(m.group()) * factor + (m.start() == slipped))
        ),
        text,
    )
