"""The index of every real report the tests hold (the seeds, the devset, tests/data/real),
and their hand-read figures: what questions about real reports are asked of."""

from __future__ import annotations

import json
from pathlib import Path

from bot.answer import Engine
from index.build import build_paths

from .conftest import DEVSET, ROOT, TODAY

REAL = ROOT / "tests" / "data" / "real"


def real_figures(name: str) -> dict[str, float]:
    """Every figure of a report of tests/data/real as read by hand (its truth file)."""
    return json.loads((REAL / "truth" / f"{name}.json").read_text("utf-8"))["figures"]


def truth(name: str, key: str) -> float:
    """A figure of a report of tests/data/real as read by hand (its truth file)."""
    return real_figures(name)[key]


def devset_figures(name: str) -> dict[str, float]:
    """Every figure of a devset report as read by hand (its truth file in ../shared)."""
    return json.loads((DEVSET / "truth" / f"{name}.json").read_text("utf-8"))["figures"]


def real_engine(folder: Path) -> Engine:
    """An engine over an index of every real report, built in `folder`."""
    db = folder / "g.db"
    build_paths([ROOT / "data" / "reports", DEVSET, REAL], db)
    return Engine(db, today=TODAY)
