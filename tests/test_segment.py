"""The full-text words are jieba's: the compiled port gives what jieba itself gives.

`index.store.segment` runs jieba's dictionary and algorithm through `rjieba` for
speed. Indexing and questions both go through it, so they always agree with each
other; these tests hold it to the reference package, so an index means what a jieba
index means.
"""

from __future__ import annotations

import logging

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.parse import parse_file
from index.store import segment

from .conftest import DEVSET, REPORTS

jieba.setLogLevel(logging.WARNING)


def jieba_words(text: str) -> str:
    return " ".join(w for w in jieba.cut_for_search(text, HMM=False) if w.strip())


def report_texts() -> list[str]:
    files = sorted(REPORTS.glob("*.txt"))
    if DEVSET.exists():
        files += sorted(p for p in DEVSET.iterdir() if p.suffix in {".txt", ".html", ".pdf"})
    texts = []
    for path in files:
        for section in parse_file(path).sections:
            texts.append(f"{section.title} {section.text}")
            texts.extend(f"{s.title} {s.text}" for s in section.subsections)
    return texts


def test_search_mode_adds_the_words_inside_compounds() -> None:
    # read from jieba's dictionary: 伊川县 holds 伊川, 司法局 holds 司法, 年度报告 holds both
    assert segment("伊川县司法局政府信息公开工作年度报告").split() == [
        "伊川", "伊川县", "司法", "司法局", "政府", "信息", "公开", "工作", "年度", "报告", "年度报告",
    ]  # fmt: skip


def test_every_report_text_is_segmented_as_jieba_does() -> None:
    texts = report_texts()
    assert sum(map(len, texts)) > 20_000  # the seeds alone hold more narrative than this
    for text in texts:
        assert segment(text) == jieba_words(text), text[:40]


MIXED = "政府信息公开申请行政复议诉讼司法局县市区年件万元收费条主动 ，。、；：（）()ABCabc12.%-—\n\t　１２ｱ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED, max_size=60))
def test_mixed_text_is_segmented_as_jieba_does(text: str) -> None:
    assert segment(text) == jieba_words(text)


@pytest.mark.parametrize("text", ["", " \n\t", "２０２４年"])
def test_edge_text_is_segmented_as_jieba_does(text: str) -> None:
    assert segment(text) == jieba_words(text)
