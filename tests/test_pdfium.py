"""The fast PDF path reads every PDF exactly as pdfminer does, or leaves it to pdfminer.

PDFium's characters and lines (`index.readers.pdfium_objects`) are compared with
pdfminer's object by object, and the documents and reports read through both paths
must be equal. A PDF the fast path cannot promise to read alike is read by pdfminer,
and the log says why.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pdfplumber
import pytest

from index.parse import parse_document
from index.readers.pdf import read_pdf
from index.readers.pdfium_objects import Unsupported, load_objects

from .conftest import DEVSET
from .pdf_fixtures import minimal_pdf, ruled_table, sans_pdf, stream

DATA = Path(__file__).parent / "data"
REAL_PDFS = [DATA / "filled-2024.pdf", *sorted(DEVSET.glob("*.pdf"))]

TABLE = ruled_table([["Item", "2024", "2023"], ["Requests", "12", "7"], ["Granted", "10", ""]])
LINES = b"BT /F1 12 Tf 60 760 Td (Annual report 2024) Tj 0 -16 Td (Second line) Tj ET"
# Ways of placing text that PDFium and pdfminer must place alike
SYNTHETIC = {
    "table and lines": sans_pdf(LINES + b"\n" + TABLE),
    "two pages": sans_pdf(LINES, TABLE),
    "no declared descent": sans_pdf(LINES + b"\n" + TABLE, descent=0, ascent=0),
    "positive descent": sans_pdf(LINES, descent=212),
    "scaled by cm": sans_pdf(b"q 1.5 0 0 1.5 -30 -300 cm\n" + TABLE + b"\nQ"),
    "horizontal scaling": sans_pdf(b"BT /F1 11 Tf 70 Tz 60 760 Td (Squeezed words) Tj ET"),
    "rise": sans_pdf(b"BT /F1 11 Tf 60 760 Td (Base) Tj 4 Ts (up) Tj -3 Ts (down) Tj ET"),
    "character and word spacing": sans_pdf(
        b"BT /F1 11 Tf 1.5 Tc 3 Tw 60 760 Td (Spread out) Tj ET"
    ),
    "kerning": sans_pdf(b"BT /F1 11 Tf 60 760 Td [(Ker) -120 (ned) 900 (apart)] TJ ET"),
    "spaces in a row": sans_pdf(b"BT /F1 11 Tf 60 760 Td (Two  spaces   three) Tj ET"),
    "text matrix": sans_pdf(b"BT /F1 1 Tf 12 0 0 9 60 760 Tm (Scaled by Tm) Tj ET"),
    "a form": sans_pdf(b"q 1 0 0 1 10 -40 cm /X1 Do Q", form=LINES + b"\n" + TABLE),
    "filled rectangles": sans_pdf(
        b"0.9 g 60 600 300 20 re f 60 580 300 0.5 re f 60 560 0.5 40 re f\n" + LINES
    ),
    "curves": sans_pdf(
        b"60 600 m 100 650 150 650 200 600 c S 60 500 m 90 520 l 120 500 l h S\n" + LINES
    ),
}


def _pages(data: bytes, *, pdfium: bool) -> list[dict[str, list[dict]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if pdfium:
            load_objects(data, pdf.pages)
        return [page.objects for page in pdf.pages]


CHAR_KEYS = (
    "text",
    "upright",
    "x0",
    "x1",
    "y0",
    "y1",
    "top",
    "bottom",
    "doctop",
    "width",
    "height",
    "size",
)
EDGE_KEYS = ("x0", "x1", "top", "bottom", "doctop", "width", "height")


def _same_objects(fast: list[dict], slow: list[dict], keys: tuple[str, ...]) -> None:
    assert len(fast) == len(slow)
    for mine, theirs in zip(fast, slow, strict=True):
        for key in keys:
            if isinstance(theirs[key], float):
                assert mine[key] == pytest.approx(theirs[key], abs=1e-3), (key, mine, theirs)
            else:
                assert mine[key] == theirs[key], (key, mine, theirs)


def _blank_runs_as_one(chars: list[dict]) -> list[dict]:
    """PDFium keeps one space of several in a row: pdfplumber breaks words at any blank."""
    return [
        c
        for n, c in enumerate(chars)
        if not (c["text"] == " " and n and chars[n - 1]["text"] == " ")
    ]


@pytest.mark.parametrize(
    "data",
    [p.read_bytes() for p in REAL_PDFS] + list(SYNTHETIC.values()),
    ids=[p.name for p in REAL_PDFS] + list(SYNTHETIC),
)
def test_pdfium_reads_the_objects_pdfminer_reads(data: bytes) -> None:
    fast, slow = _pages(data, pdfium=True), _pages(data, pdfium=False)
    assert len(fast) == len(slow)
    for mine, theirs in zip(fast, slow, strict=True):
        _same_objects(mine.get("char", []), _blank_runs_as_one(theirs.get("char", [])), CHAR_KEYS)
        for kind in ("line", "rect", "curve"):
            _same_objects(mine.get(kind, []), theirs.get(kind, []), EDGE_KEYS)
        for mine_curve, their_curve in zip(
            mine.get("curve", []), theirs.get("curve", []), strict=True
        ):
            flat = [v for point in their_curve["pts"] for v in point]
            assert [v for point in mine_curve["pts"] for v in point] == pytest.approx(
                flat, abs=1e-3
            )


@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
def test_real_reports_read_alike_both_ways(path: Path) -> None:
    data = path.read_bytes()
    fast, slow = read_pdf(data), read_pdf(data, pdfium=False)
    assert fast == slow
    assert parse_document(fast).to_json() == parse_document(slow).to_json()


@pytest.mark.parametrize("name", list(SYNTHETIC))
def test_synthetic_pdfs_read_alike_both_ways(name: str) -> None:
    data = SYNTHETIC[name]
    assert read_pdf(data) == read_pdf(data, pdfium=False)


# What PDFium's text page reads otherwise than pdfminer, each left to pdfminer
FALLBACKS = {
    "a standard font": (minimal_pdf("annual report"), "standard 14 fonts"),
    "a rotated page": (sans_pdf(LINES, page=b"/Rotate 90"), "rotated"),
    "a media box off the origin": (
        sans_pdf(LINES).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [10 10 605 852]"),
        "media box",
    ),
    "overprinted (fake bold)": (
        sans_pdf(b"BT /F1 12 Tf 60 760 Td (Bold) Tj ET BT /F1 12 Tf 60.3 760 Td (Bold) Tj ET"),
        "leaves out",
    ),
    "ActualText": (
        sans_pdf(b"/Span << /ActualText (X) >> BDC BT /F1 12 Tf 60 760 Td (Y) Tj ET EMC"),
        "ActualText",
    ),
    "turned text": (sans_pdf(b"BT /F1 12 Tf 0 1 -1 0 300 400 Tm (Up) Tj ET"), "turned"),
    "beyond ASCII without a ToUnicode map": (
        sans_pdf(b"BT /F1 12 Tf 60 760 Td (caf\\351) Tj ET"),
        "no ToUnicode",
    ),
    "a Type3 font": (
        sans_pdf(
            LINES,
            font=b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000]"
            b" /FontMatrix [0.001 0 0 0.001 0 0] /Resources << >> /FirstChar 32 /LastChar 126"
            b" /CharProcs << /box 8 0 R >> /Encoding << /Differences [32"
            + b" /box" * 95
            + b"] >> /Widths ["
            + b" 600" * 95
            + b"] >>",
            more=[stream(b"600 0 0 0 500 700 d1 0 0 500 700 re f")],
        ),
        "Type3",
    ),
}


@pytest.mark.parametrize("name", list(FALLBACKS))
def test_what_pdfium_may_read_otherwise_is_read_by_pdfminer(
    name: str, caplog: pytest.LogCaptureFixture
) -> None:
    data, reason = FALLBACKS[name]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        with pytest.raises(Unsupported, match=reason):
            load_objects(data, pdf.pages)
        assert not any(hasattr(page, "_objects") for page in pdf.pages)  # left to pdfminer
    with caplog.at_level(logging.INFO, logger="index.readers.pdf"):
        try:
            document = read_pdf(data)
        except Exception as e:  # a PDF pdfminer cannot read either fails the same way
            with pytest.raises(type(e)):
                read_pdf(data, pdfium=False)
            return
    assert "read by pdfminer" in caplog.text
    assert document == read_pdf(data, pdfium=False)
