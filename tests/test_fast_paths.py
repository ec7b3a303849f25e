"""Shortcuts taken for indexing speed give exactly what the plain form gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.normalize import fold
from index.sections import _HEADING, _heading_matches

HEADINGS = "一二三四五六七八九十第部分1234567890、.． 　\n总体情况主动公开收到和处理申请行政复议"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=HEADINGS, max_size=120))
def test_heading_search_finds_what_the_full_pattern_finds(text: str) -> None:
    def spans(matches):  # noqa: ANN001, ANN202
        return [(m.start(), m.end(), m.groups()) for m in matches]

    folded = fold(text)
    assert spans(_heading_matches(folded)) == spans(_HEADING.finditer(folded))


FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=FULL_WIDTH + "\u3000\u00a0\u200b\ufeff－—–‐。，年件abc12 政府", max_size=80)
)
def test_fold_maps_each_character_alone_and_keeps_the_length(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(fold(c) for c in text)


def test_fold_reads_full_width_forms_as_ascii() -> None:
    assert fold("Ａ１（，）：／") == "A1(,):/"
    assert fold("\u3000\u00a0\u200b\ufeff") == "    "
    assert fold("－—–‐") == "----"
    assert fold("政府信息公开。“”") == "政府信息公开。“”"  # Chinese punctuation stays
