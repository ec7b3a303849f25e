"""Bar charts as PNG bytes, drawn with matplotlib's Agg backend (no display needed).

Agency names are Chinese, and matplotlib's default font has no Chinese glyphs: the
chart uses the first CJK font installed. Without one, bars are numbered instead of
named (the message beside the chart lists the names), so a chart never shows boxes
and never fails for want of a font.
"""

from __future__ import annotations

import io
import re
from functools import cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

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


@cache
def cjk_font() -> font_manager.FontProperties | None:
    """An installed font that draws Chinese, or None.

    Taken by file rather than by family name, which spares matplotlib a weight
    lookup (and a warning) for fonts that only come in one weight.
    """
    installed = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    name = next((name for name in CJK_FONTS if name in installed), None)
    return font_manager.FontProperties(fname=installed[name]) if name else None


def bar_chart(labels: list[str], values: list[float], title: str = "") -> bytes:
    """A horizontal bar chart (first item on top), at most `MAX_BARS` bars."""
    labels, values = labels[:MAX_BARS], values[:MAX_BARS]
    font = cjk_font()
    if font is None:
        labels = [
            label if not _NON_ASCII.search(label) else f"#{n}" for n, label in enumerate(labels, 1)
        ]
        title = "" if _NON_ASCII.search(title) else title
    fig = Figure(figsize=(8, 1.2 + 0.45 * len(labels)), dpi=100)
    ax = fig.add_subplot()
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, values, color="#3b6ea5")
    ax.set_yticks(positions, labels, fontproperties=font)
    ax.bar_label(bars, labels=[f"{v:g}" for v in values], padding=3)
    ax.margins(x=0.15)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, fontproperties=font)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
