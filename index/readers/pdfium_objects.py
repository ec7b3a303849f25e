"""A PDF's characters and drawn lines read by PDFium, as pdfplumber's own page objects.

pdfplumber finds a report's table grids and text lines in each page's characters and
drawn lines, which it gets from pdfminer interpreting the page's content streams in
Python: nine tenths of the time a PDF report took to read. PDFium (through pypdfium2,
which pdfplumber depends on already) interprets them in C. `load_objects` reads the same
objects from PDFium and puts them where pdfplumber keeps what pdfminer read
(`Page.objects`), so pdfplumber's own table finder and text extraction run on them
unchanged: same grid, same cells, same lines.

Paths become lines, rectangles and curves through pdfminer's own code
(`PDFLayoutAnalyzer.paint_path`, then pdfplumber's `Page.process_object`), fed the
path's segments and matrix as PDFium parsed them. Characters are placed by
`pdfium_chars`. Whatever PDFium may read differently from pdfminer raises
`Unsupported` before any page is touched, and the caller lets pdfminer read the PDF.

Left as they are: PDFium keeps one space of several in a row (pdfplumber takes any
blank as a word break, so the words are the same), drops a glyph drawn twice at one
place within one string (pdfminer keeps both), and fills a path closed by the obsolete
`F` operator (pdfminer ignores it). Images and annotations are not read: the table and
text logic does not use them.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as fpdf
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFGraphicState, PDFResourceManager
from pdfminer.utils import Matrix, mult_matrix
from pdfplumber.page import Page

from . import pdfium_calls as c
from .pdf_fonts import FontBook
from .pdfium_chars import EPSILON, PageChars
from .pdfium_errors import Unsupported

__all__ = ["Unsupported", "load_objects"]

# PDFium is not thread-safe; the bot reads uploads in worker threads
_LOCK = threading.Lock()
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def load_objects(data: bytes, pages: Sequence[Page]) -> None:
    """Give each of `pages` (of the PDF `data`, opened by pdfplumber) its characters,
    lines, rectangles and curves as PDFium reads them.

    Raises `Unsupported`, leaving every page as it was, when any page may read
    differently; pdfplumber then reads them through pdfminer as usual.
    """
    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise Unsupported(f"PDFium cannot open it ({e})") from e
        try:
            if len(pdf) != len(pages):
                raise Unsupported(f"PDFium finds {len(pdf)} pages, pdfminer {len(pages)}")
            fonts = FontBook()
            objects = [_page_objects(pdf[n], page, fonts) for n, page in enumerate(pages)]
        finally:
            pdf.close()
    for page, found in zip(pages, objects, strict=True):
        page._objects = found  # pdfplumber's cache of what pdfminer read


def _page_objects(
    pdfium_page: pdfium.PdfPage, page: Page, fonts: FontBook
) -> dict[str, list[dict[str, Any]]]:
    try:
        _check_page(pdfium_page, page)
        texts: dict[int, int] = {}  # text object → its place in the content stream
        paths = _PathPainter(page)
        holder = c.handle(pdfium_page.raw)
        for kind, obj, matrix in _walk(c.count_objects, c.get_object, holder, _IDENTITY):
            if kind == fpdf.FPDF_PAGEOBJ_TEXT:
                if c.count_marks(obj):
                    _check_marks(obj, page.page_number)
                texts[obj.value] = len(texts)
            elif kind == fpdf.FPDF_PAGEOBJ_PATH:
                paths.paint(obj, matrix)
        reader = PageChars(page, texts, fonts.page_fonts(page))
        textpage = fpdf.FPDFText_LoadPage(pdfium_page.raw)
        if not textpage:
            raise Unsupported(f"PDFium cannot read the text of page {page.page_number}")
        try:
            chars = reader.read(c.handle(textpage))
        finally:
            fpdf.FPDFText_ClosePage(textpage)
    finally:
        pdfium_page.close()
    found = {"char": chars} if chars else {}
    for obj in paths.result():
        found.setdefault(obj["object_type"], []).append(obj)
    return found


def _check_page(pdfium_page: pdfium.PdfPage, page: Page) -> None:
    """Pages as Word and WPS print them: upright, the media box at the origin (pdfminer
    then places everything in the page's own coordinates, as PDFium does)."""
    if page.rotation:
        raise Unsupported(f"page {page.page_number} is rotated")
    box = (0, 0, *page.page_obj.mediabox[2:])
    if any(abs(a - b) > EPSILON for a, b in zip(pdfium_page.get_mediabox(), box, strict=True)):
        raise Unsupported(f"page {page.page_number}'s media box is not at the origin")


def _walk(
    count: Callable[[ctypes.c_void_p], int],
    get: Callable[[ctypes.c_void_p, Any], int],
    holder: ctypes.c_void_p,
    matrix: Matrix,
) -> Iterator[tuple[int, ctypes.c_void_p, Matrix]]:
    """Every object drawn, forms opened in place, with the matrix from its form to the page."""
    for n in range(count(holder)):
        obj = ctypes.c_void_p(get(holder, n))
        kind = c.object_type(obj)
        if kind == fpdf.FPDF_PAGEOBJ_FORM:
            inner = mult_matrix(_matrix(obj), matrix)
            yield from _walk(c.count_form_objects, _form_object, obj, inner)
        else:
            yield kind, obj, matrix


def _form_object(form: ctypes.c_void_p, n: int) -> int:
    return c.get_form_object(form, ctypes.c_ulong(n))  # type: ignore[no-any-return]


def _check_marks(handle: ctypes.c_void_p, page_number: int) -> None:
    """PDFium reads a marked span's /ActualText instead of its glyphs; pdfminer the glyphs."""
    obj = ctypes.cast(handle, fpdf.FPDF_PAGEOBJECT)
    for n in range(fpdf.FPDFPageObj_CountMarks(obj)):
        mark = fpdf.FPDFPageObj_GetMark(obj, n)
        for k in range(fpdf.FPDFPageObjMark_CountParams(mark)):
            size = ctypes.c_ulong()
            fpdf.FPDFPageObjMark_GetParamKey(mark, k, None, 0, size)
            key = (ctypes.c_ushort * (size.value // 2))()
            fpdf.FPDFPageObjMark_GetParamKey(mark, k, key, size.value, size)
            if bytes(key).decode("utf-16-le").rstrip("\0") == "ActualText":
                raise Unsupported(f"page {page_number} has text marked with ActualText")


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    m = (ctypes.c_float * 6)()
    if not c.object_matrix(obj, m):
        raise Unsupported("PDFium gives no matrix for an object")
    return tuple(m)  # type: ignore[return-value]


class _PathPainter:
    """Drawn paths made into pdfplumber's lines, rectangles and curves by pdfminer's own
    code, as if pdfminer had read the path operators itself."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.device = PDFLayoutAnalyzer(PDFResourceManager(), pageno=page.page_number)
        self.device.cur_item = LTPage(page.page_number, (0, 0, page.width, page.height))
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._width = ctypes.c_float()

    def paint(self, obj: ctypes.c_void_p, matrix: Matrix) -> None:
        """pdfminer's `paint_path` for the path object `obj`: its segments as path
        operators (a closed subpath's `h`, a Bézier curve's three points as one `c`)."""
        x, y = self._x, self._y
        x_at, y_at = ctypes.byref(x), ctypes.byref(y)
        ops: list[tuple[Any, ...]] = []
        controls: list[float] = []
        for n in range(c.count_segments(obj)):
            segment = ctypes.c_void_p(c.get_segment(obj, n))
            c.segment_point(segment, x_at, y_at)
            kind = c.segment_type(segment)
            if kind == fpdf.FPDF_SEGMENT_MOVETO:
                ops.append(("m", x.value, y.value))
            elif kind == fpdf.FPDF_SEGMENT_LINETO:
                ops.append(("l", x.value, y.value))
            elif kind == fpdf.FPDF_SEGMENT_BEZIERTO:
                controls += (x.value, y.value)
                if len(controls) == 6:
                    ops.append(("c", *controls))
                    controls = []
            else:
                raise Unsupported("PDFium gives a path segment of no known kind")
            if c.segment_closes(segment):
                ops.append(("h",))
        c.draw_mode(obj, ctypes.byref(self._fill), ctypes.byref(self._stroke))
        fill, stroke = self._fill.value, self._stroke.value
        c.stroke_width(obj, ctypes.byref(self._width))
        state = PDFGraphicState()
        state.linewidth = self._width.value
        self.device.set_ctm(mult_matrix(_matrix(obj), matrix))
        self.device.paint_path(
            state,
            bool(stroke),
            fill != fpdf.FPDF_FILLMODE_NONE,
            fill == fpdf.FPDF_FILLMODE_ALTERNATE,
            ops,
        )

    def result(self) -> list[dict[str, Any]]:
        return [self.page.process_object(obj) for obj in self.device.cur_item]
