"""The development reports through the converters people run on them, and the seeds as
crawlers and converters leave them: never a wrong value, and a floor on what is read.

Only converters installable from PyPI run here; `bench/sweep_converters.py` adds the
system tools (pdftotext, w3m, lynx) and prints every figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.parse import parse_file
from index.template import APPLICANT_COLUMNS

from .conftest import DEVSET, SEEDS, figure_values
from .converters import CONVERTERS, Converter, load_truth, score
from .test_layouts import consistent_figures, rewrite, write

SOURCES = {"pdf": "huaian-shi-zf-2024.pdf", "html": "shanghai-shi-zfbgt-2019.html"}
# The share of cells each converter's text is read at (measured; a drop is a regression).
FLOORS = {
    "pdfplumber extract_text": 1.0,
    "pdfplumber extract_text layout": 1.0,
    "pypdfium2 get_text_range": 1.0,
    "pdfminer extract_text": 0.0,  # labels first, then numbers column by column: unreadable
    "html2text": 0.95,
    "markdownify": 0.8,
    "beautifulsoup get_text": 0.75,
    "markdown per group": 0.95,
}
PYPI = [c for c in CONVERTERS if c.pypi]


@pytest.mark.skipif(not DEVSET.exists(), reason="needs ../shared/devset")
@pytest.mark.parametrize("converter", PYPI, ids=lambda c: c.name)
def test_converted_devset_has_no_wrong_value(converter: Converter, tmp_path: Path) -> None:
    source = DEVSET / SOURCES[converter.kind]
    converted = write(tmp_path, converter.run(source), "converted.txt")
    result = score(converted, load_truth(DEVSET / "truth" / f"{source.stem}.json"))
    print(f"{converter.name}: right {result.right} / null {result.null} / wrong {result.wrong}")
    assert result.wrong_cells == {}
    assert result.share >= FLOORS[converter.name]


def _one_line(text: str) -> str:
    """A crawler's copy: the whole report on one line, cells run together."""
    return re.sub(r"\s+", "", text)


def _pipe_rows(text: str) -> str:
    """A converter that makes every line with numbers a markdown row, one table per line."""
    lines = []
    for line in text.splitlines():
        words = line.split()
        numbers = [w for w in words if re.fullmatch(r"\d+(?:\.\d+)?", w)]
        if len(numbers) < 2:
            lines.append(line)
            continue
        label = " ".join(w for w in words if w not in numbers)
        head = ["项目", *(f"数据{k}" for k in range(1, len(numbers) + 1))]
        lines += ["", "| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
        lines += ["| " + " | ".join([label, *numbers]) + " |", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("shape", [_one_line, _pipe_rows], ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seeds_as_converted_have_no_wrong_value(seed: str, shape, tmp_path: Path) -> None:
    expected = consistent_figures(seed=len(seed))
    text = rewrite(SEEDS[seed].read_text(encoding="utf-8"), expected)
    start, end = text.index("二、主动公开政府信息情况"), text.index("五、存在的主要问题")
    report = parse_file(write(tmp_path, text[:start] + shape(text[start:end]) + text[end:]))
    got = figure_values(report)
    assert {k: v for k, v in got.items() if v is not None and v != expected[k]} == {}
    assert sum(v is not None for v in got.values()) >= 150


def test_generic_header_digits_are_not_values(tmp_path: Path) -> None:
    """`| 类别 | 数据1 | … | 数据6 | 总计 |`: the header's digits are words, not a row."""
    expected = consistent_figures(seed=4)
    text = rewrite(SEEDS["qu"].read_text(encoding="utf-8"), expected)
    start, end = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    report = parse_file(write(tmp_path, text[:start] + _pipe_rows(text[start:end]) + text[end:]))
    got = figure_values(report)
    for column in APPLICANT_COLUMNS:
        assert got[f"3.received.{column}"] == expected[f"3.received.{column}"]
