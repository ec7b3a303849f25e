"""Bar charts of rankings and trends as PNG bytes, drawn with matplotlib's Agg backend
(no display needed): the chart the bot sends and `python -m bot ask --chart` writes.

Kept out of `bot.telegram` so the command line draws it without importing aiogram.

Agency names are Chinese, and matplotlib's default font has no Chinese glyphs. The chart
uses Noto Sans SC as the `pylopdf-fonts-zh-cn` package ships it (SIL Open Font License,
a dependency, so that every machine draws the same chart, CI included), else the first
CJK font the system has. Without either, bars are numbered instead of named (the
answer's text lists the names) and the chart says so: a chart never shows boxes and
never fails for want of a font.

matplotlib is imported at the first chart drawn, not with this module: it took a fifth of
the bot's start, and most questions never draw one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from index.export import shown

if TYPE_CHECKING:
    from matplotlib.font_manager import FontProperties

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)
MAX_BARS = 20
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


NO_FONT_NOTE = "No Chinese font found: bars are numbered in the order of the answer's list."
INSTALL_FONT = "pip install pylopdf-fonts-zh-cn, or install fonts-noto-cjk"


@cache
def cjk_font() -> FontProperties | None:
    """A font that draws Chinese (the packaged one, else an installed one), or None.

    Taken by file rather than by family name, which spares matplotlib a weight
    lookup (and a warning) for fonts that only come in one weight.
    """
    from matplotlib import font_manager

    path = packaged_font()
    if path is None:
        installed = {f.name: f.fname for f in font_manager.fontManager.ttflist}
        name = next((name for name in CJK_FONTS if name in installed), None)
        path = Path(installed[name]) if name else None
    return font_manager.FontProperties(fname=path) if path else None


def packaged_font() -> Path | None:
    """Noto Sans SC from the `pylopdf-fonts-zh-cn` package, if it is installed."""
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        return None
    path = sans_path()
    return path if path.is_file() else None


def bar_chart(labels: list[str], values: list[float], title: str = "") -> bytes:
    """A horizontal bar chart (first item on top), at most `MAX_BARS` bars."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    labels, values = labels[:MAX_BARS], values[:MAX_BARS]
    font = cjk_font()
    if font is None:
        labels = [
            label if not _NON_ASCII.search(label) else f"#{n}" for n, label in enumerate(labels, 1)
        ]
        title = "" if _NON_ASCII.search(title) else title
    fig = Figure(figsize=(8, 1.2 + 0.45 * len(labels)), dpi=100)
    if font is None:
        fig.text(0.01, 0.01, NO_FONT_NOTE, fontsize=7, color="#666666")
    ax = fig.add_subplot()
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, values, color="#3b6ea5")
    ax.set_yticks(positions, labels, fontproperties=font)
    ax.bar_label(bars, labels=[shown(v) for v in values], padding=3)  # 3985758, not 3.99e+06
    if all(float(v).is_integer() for v in values):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # no 0.5 of an application
    ax.ticklabel_format(axis="x", style="plain")
    ax.margins(x=0.15)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontproperties=font)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


class Answered(Protocol):
    """What a chart is drawn from: `bot.answer.Answer`, or the bot's copy of one."""

    status: str
    intent: str | None
    question: str
    figures: list[dict[str, Any]]


# What each kind of answer is charted over: a ranking's agencies, a trend's years.
CHARTED_BY = {"ranking": "agency", "trend": "year"}


@dataclass(frozen=True)
class Chart:
    labels: list[str]
    values: list[float]
    title: str

    def png(self) -> bytes:
        return bar_chart(self.labels, self.values, self.title)


def chart_series(answer: Answered, by: str) -> tuple[list[str], list[float]]:
    """Labels and values of the answer's figures, keyed by `agency` or `year`."""
    labels, values = [], []
    for figure in answer.figures:
        if figure.get(by) is not None and figure.get("value") is not None:
            labels.append(str(figure[by]))
            values.append(float(figure["value"]))
    return labels, values


def chart_of(answer: Answered, title: str | None = None) -> Chart | None:
    """The chart of a ranking (bars by agency, in rank order) or a trend (by year, in
    order), titled with the question unless `title` is given; None for any other answer,
    or one with fewer than two bars."""
    by = CHARTED_BY.get(answer.intent or "")
    if answer.status != "answered" or by is None:
        return None
    labels, values = chart_series(answer, by)
    if len(set(labels)) < 2:
        return None
    if by == "year":
        pairs: Sequence[tuple[str, float]] = sorted(zip(labels, values, strict=True))
        labels, values = [p[0] for p in pairs], [p[1] for p in pairs]
    return Chart(labels, values, answer.question if title is None else title)
