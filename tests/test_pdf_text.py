"""`index.readers.pdf_text` reads the text pdfplumber does, of table cells and of lines.

pdfplumber is the source of truth: on characters strewn to hit each case of its word and
line building, and (for lines) on every page of every PDF the table tests read, both by
PDFium, where it can, and by pdfminer, the texts must be pdfplumber's own.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from pdfplumber.page import Page
from pdfplumber.utils import extract_text

from index.readers.pdf_text import cell_text, text_lines

from .test_pdf_tables import CASES, DRAWN, _pages


def _strewn(rng: random.Random, *, oddities: bool) -> list[dict[str, Any]]:
    """A few characters: tops chaining within the tolerance or just past it, characters
    out of order, overlapping or far apart, blanks, a ligature, and, with `oddities`, now
    and then one not upright or of no letter or of two."""
    texts = [*"ab c1中文", "\u3000", "\ufb01", "\n"]
    if oddities:
        texts += ["", "ab", "a b"]
    chars = []
    for _ in range(rng.randint(1, 12)):
        top = rng.choice([0, 0, 1.5, 2.9, 3, 3.01, 5, 6.2, 10, 20]) + rng.choice([0, 0.001])
        x0 = rng.choice([0, 1, 5, 8, 10, 12, 13.5, 20, 30]) + rng.choice([0, 0.3])
        chars.append(
            {
                "object_type": "char",
                "text": rng.choice(texts),
                "upright": not oddities or rng.random() > 0.02,
                "x0": x0,
                "x1": x0 + rng.choice([0, 2, 5, 10]),
                "top": top,
                "bottom": top + 10,
                "doctop": top + 800,
                "size": 10,
            }
        )
    return chars


@pytest.mark.parametrize("oddities", [False, True])
def test_cell_text_is_extract_texts(oddities: bool) -> None:
    rng = random.Random(15)
    for _ in range(5000):
        chars = _strewn(rng, oddities=oddities)
        assert cell_text(chars) == extract_text(chars), chars


def _plumbers_lines(page: Page) -> list[tuple[float, str]]:
    return [
        (line["top"], text) for line in page.extract_text_lines() if (text := line["text"].strip())
    ]


@pytest.mark.parametrize("oddities", [False, True])
def test_text_lines_are_extract_text_lines(oddities: bool) -> None:
    rng = random.Random(15)
    (page,) = _pages(DRAWN["two tables"], pdfium=False)
    for _ in range(2000):
        chars = [char for _ in range(rng.randint(1, 3)) for char in _strewn(rng, oddities=oddities)]
        page._objects = {"char": chars}
        page.get_textmap.cache_clear()
        assert text_lines(page) == _plumbers_lines(page), chars


@pytest.mark.parametrize(("name", "data", "pdfium"), CASES)
def test_the_lines_of_pdfs_are_pdfplumbers(name: str, data: bytes, pdfium: bool) -> None:
    """(Cells' text is held to pdfplumber's by tests/test_pdf_tables.py.)"""
    for page in _pages(data, pdfium=pdfium):
        assert text_lines(page) == _plumbers_lines(page)
