"""`python -m bot ask --chart`: the bot's bar chart of a ranking or a trend, on the
command line, with Chinese names drawn as glyphs (not boxes) by the packaged font.

Expected values are read by a person: the seeds' `NONZERO` cells and the Pingtan truth
files (tests/data/real/truth, the devset's for 2022).
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font

from bot import charts
from bot.answer import Engine
from index.build import build_paths

from .conftest import DEVSET, ROOT, TODAY
from .test_seeds import NONZERO

REAL = ROOT / "tests" / "data" / "real"


def ask(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def drawn(text: str, font: FontProperties) -> np.ndarray:
    """`text` rendered alone, as pixels."""
    fig = Figure(figsize=(1, 1), dpi=50)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.1, 0.3, text, fontproperties=font, fontsize=30)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Glyph … missing from font": the point of one check
        canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


@pytest.fixture(scope="module")
def pingtan_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("pingtan") / "g.db"
    paths = sorted(REAL.glob("pingtan-*"))
    paths += [DEVSET / "pingtan-zhsyq-2022.txt"] if DEVSET.exists() else []
    assert all(r.ok for r in build_paths(paths, db))
    return db


def test_a_ranking_chart_is_written_as_the_bot_draws_it(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ranking.png"
    p = ask("--db", str(built_db), "--chart", str(out), "哪个司法局收到的申请最多")
    assert p.returncode == 0, p.stderr
    assert f"Chart: {out} (5 bars)." in p.stderr
    data = out.read_bytes()
    assert png_size(data) == (800, 120 + 45 * 5)  # 8 in wide, 1.2 in + 0.45 in a bar, 100 dpi


def test_the_ranking_chart_holds_the_hand_read_figures(built_db: Path) -> None:
    answer = Engine(built_db, today=TODAY).answer("哪个司法局收到的申请最多")
    chart = charts.chart_of(answer)
    assert chart is not None
    received = {
        "伊川县司法局": NONZERO["yichuan"]["3.received.total"],
        "重庆市綦江区司法局": NONZERO["qijiang"]["3.received.total"],
    }
    assert dict(zip(chart.labels, chart.values, strict=True)) == {
        "伊川县司法局": received["伊川县司法局"],
        "重庆市綦江区司法局": received["重庆市綦江区司法局"],
        "友好区司法局": 0,
        "攀枝花市西区司法局": 0,
        "渠县司法局": 0,
    }
    assert chart.labels[:2] == ["伊川县司法局", "重庆市綦江区司法局"]  # in rank order


def test_a_trend_chart_runs_over_the_years_in_order(pingtan_db: Path, tmp_path: Path) -> None:
    truth = {}
    for path in [*REAL.glob("truth/pingtan-*.json"), *DEVSET.glob("truth/pingtan-*.json")]:
        data = json.loads(path.read_text(encoding="utf-8"))
        truth[str(data["year"])] = data["figures"]["3.received.total"]
    answer = Engine(pingtan_db, today=TODAY).answer("平潭综合实验区历年收到的申请")
    chart = charts.chart_of(answer)
    assert chart is not None
    assert chart.labels == sorted(truth)
    assert chart.values == [truth[year] for year in sorted(truth)]
    out = tmp_path / "trend.png"
    p = ask("--db", str(pingtan_db), "--chart", str(out), "平潭综合实验区历年收到的申请")
    assert p.returncode == 0 and png_size(out.read_bytes()) == (800, 120 + 45 * len(truth))


def test_several_questions_write_one_chart_each_and_say_which_have_none(
    built_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c.png"
    p = ask(
        "--db",
        str(built_db),
        "--chart",
        str(out),
        "哪个司法局收到的申请最多",
        "伊川县司法局收到多少申请",
    )
    assert p.returncode == 1  # a chart was asked for and one answer has none
    assert (tmp_path / "c-1.png").exists() and not (tmp_path / "c-2.png").exists()
    assert "No chart for “伊川县司法局收到多少申请”" in p.stderr
    assert "伊川县司法局" in p.stdout  # the answers are printed all the same


def test_a_chart_into_a_missing_folder_is_one_error_line(built_db: Path) -> None:
    p = ask("--db", str(built_db), "--chart", "/no/such/folder/c.png", "哪个司法局收到的申请最多")
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.strip() == "Error: no folder /no/such/folder for the chart c.png"


def test_the_chart_font_has_a_glyph_for_every_name(built_db: Path) -> None:
    font = charts.cjk_font()
    assert font is not None, "no CJK font: is pylopdf-fonts-zh-cn installed?"
    face = FT2Font(font.get_file())
    names = "伊川县司法局重庆市綦江区攀枝花市西区友好区渠县平潭综合实验区淮安市人民政府上海市办公厅"
    assert [c for c in names if face.get_char_index(ord(c)) == 0] == []


def test_chinese_is_drawn_as_glyphs_not_boxes() -> None:
    """Two different characters draw alike only as the missing-glyph box ("tofu")."""
    tofu = FontProperties(family="DejaVu Sans")  # matplotlib's own font, no Chinese
    assert np.array_equal(drawn("伊", tofu), drawn("川", tofu))  # the check can see tofu
    font = charts.cjk_font()
    assert font is not None
    assert not np.array_equal(drawn("伊", font), drawn("川", font))


def test_without_a_chinese_font_bars_are_numbered_and_the_chart_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    seen: list[str] = []
    monkeypatch.setattr(Figure, "text", lambda self, x, y, s, **kw: seen.append(s))
    png = charts.bar_chart(["伊川县司法局", "2024"], [3, 1], "行政复议")
    assert png_size(png) == (800, 210)
    assert seen == [charts.NO_FONT_NOTE]
