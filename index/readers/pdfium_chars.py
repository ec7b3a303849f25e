"""A page's characters from PDFium's text page, as pdfplumber's `char` objects.

Each character is placed the way pdfminer's `LTChar` places it: its box runs from its
origin to its advance across, and from the font's declared descent (`pdf_fonts`) below
the baseline for one font size up, both scaled by the text matrix. PDFium's text page
reports the origin, the text and the text object, and its loose box ends at the advance
(or at the glyph's ink, where that goes further). The characters come out in the order
of the content stream, as pdfminer reads them.

What PDFium's text page reads otherwise than pdfminer raises `Unsupported`: a text
object it leaves out (drawn twice over itself, or empty), a ligature it splits or a
span it replaces by its /ActualText (several characters at one place), a glyph without
Unicode, its own markers (joined hyphens), text turned, mirrored or running right to
left, a font pdfminer measures or decodes differently.
"""

from __future__ import annotations

import ctypes
import unicodedata
from operator import itemgetter
from typing import Any

from pdfplumber.page import Page

from . import pdfium_calls as c
from .pdf_fonts import FontFacts, base_name
from .pdfium_errors import Unsupported

# PDFium's markers for hyphens it joined and glyphs it could not map (IsControlChar)
_CONTROL = frozenset({0x0, 0x2, 0x3, 0x93, 0x94, 0x96, 0x97, 0x98, 0xFFFE})
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})
# two coordinates closer than this are one (PDFium computes in single precision)
EPSILON = 0.005

# What the characters of one text object share: its place in the content stream, the
# horizontal scale of its text matrix, the height of a character box (font size ×
# vertical scale) and the offset of its bottom from the baseline, its font's facts and
# handle, and the advances of its characters found so far (by text, at its size). A
# plain tuple: most reports draw each character as an object of its own.
_TextObject = tuple[int, float, float, float, FontFacts, int, dict[str, float]]


class PageChars:
    """Reads the characters of one page; `texts` are its text objects in stream order."""

    def __init__(self, page: Page, texts: dict[int, int], fonts: dict[str, set[FontFacts]]) -> None:
        self.page = page
        self.texts = texts
        self.fonts = fonts
        self._objects: dict[int, _TextObject] = {}
        self._facts: dict[int, FontFacts] = {}
        self._widths: dict[tuple[int, float], dict[str, float]] = {}
        self._matrix = (ctypes.c_float * 6)()

    def read(self, textpage: int) -> list[dict[str, Any]]:
        chars = self._read(textpage)
        if missing := len(self.texts.keys() - self._objects.keys()):
            raise Unsupported(
                f"PDFium leaves out {missing} text objects of page {self.page.page_number} "
                "(drawn twice, or empty)"
            )
        chars.sort(key=itemgetter(0))
        return [char for _, char in chars]

    def _read(self, tp: int) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        """The characters, each with its place in the content stream: (object, index)."""
        objects, number = self._objects, self.page.page_number
        height, doctop = self.page.height, self.page.initial_doctop
        origin, loose = (ctypes.c_double * 2)(), (ctypes.c_float * 4)()  # left top right bottom
        box = (ctypes.c_double * 4)()  # left right bottom top
        x_at, y_at = _addresses(origin)
        loose_at, box_at = ctypes.addressof(loose), _addresses(box)
        out = []
        previous = (-1, 0.0, 0.0)
        for n, text in enumerate(_page_text(tp)):
            if text in " \r\n" and c.char_generated(tp, n):
                continue
            handle = c.char_object(tp, n)
            obj = objects.get(handle) or self._object(tp, n, handle)
            order, _, extent, drop, facts, _, _ = obj
            if not ("\u3000" <= text < "\ud800" or " " <= text < "\u0590") or facts.ascii_only:
                self._check_text(text, facts)
            if c.char_unmapped(tp, n):
                raise Unsupported(f"a character of page {number} has no Unicode")
            c.char_origin(tp, n, x_at, y_at)
            x0, base = origin
            here = (order, x0, base)
            if here == previous:
                raise Unsupported(f"page {number} has characters at one place")
            previous = here
            c.char_loose_box(tp, n, loose_at)
            c.char_box(tp, n, *box_at)
            x1 = loose[2]
            if box[1] > x1 - EPSILON:  # the glyph's ink reaches the loose box's edge
                x1 = self._advance(obj, text, x0, x1)
            y0 = base + drop
            y1 = y0 + extent
            top = height - y1
            out.append(
                (
                    (order, n),
                    {
                        "object_type": "char",
                        "page_number": number,
                        "text": text,
                        "fontname": facts.fontname,
                        "upright": True,
                        "x0": x0,
                        "x1": x1,
                        "y0": y0,
                        "y1": y1,
                        "width": x1 - x0,
                        "height": extent,
                        "size": extent,
                        "top": top,
                        "bottom": height - y0,
                        "doctop": doctop + top,
                    },
                )
            )
        return out

    def _object(self, tp: int, n: int, handle: int) -> _TextObject:
        """The text object of character `n`, read when the first of its characters is."""
        if handle not in self.texts:
            raise Unsupported(f"a character of page {self.page.page_number} is in no text object")
        a, b, cc, d, _, _ = self._char_matrix(tp, n)
        if b or cc or a <= 0 or d <= 0:
            raise Unsupported(f"page {self.page.page_number} has turned or mirrored text")
        size = c.char_font_size(tp, n)
        font = c.text_font(handle)
        facts = self._facts.get(font) or self._font_facts(font)
        widths = self._widths.setdefault((font, size), {})
        extent = d * size
        obj = (self.texts[handle], a, extent, facts.descent * extent, facts, font, widths)
        self._objects[handle] = obj
        return obj

    def _char_matrix(self, tp: int, n: int) -> ctypes.Array[ctypes.c_float]:
        if not c.char_matrix(tp, n, ctypes.addressof(self._matrix)):
            raise Unsupported(
                f"PDFium gives no matrix for a character of page {self.page.page_number}"
            )
        return self._matrix

    def _font_facts(self, font: int) -> FontFacts:
        length = c.base_font_name(font, 0, 0)
        buffer = ctypes.create_string_buffer(length)
        c.base_font_name(font, ctypes.addressof(buffer), length)
        name = base_name(buffer.value.decode("utf-8", "replace"))
        candidates = self.fonts.get(name, set())
        if len(candidates) != 1:
            raise Unsupported(f"font {name} is {'ambiguous' if candidates else 'not found'}")
        (facts,) = candidates
        if facts.problem:
            raise Unsupported(facts.problem)
        self._facts[font] = facts
        return facts

    def _check_text(self, text: str, facts: FontFacts) -> None:
        """Characters PDFium may read otherwise than pdfminer: its markers, halves of a
        surrogate pair, ligatures it splits, text it reorders right to left, and any but
        ASCII from a font whose text comes from its encoding alone."""
        code = ord(text)
        if code in _CONTROL or 0xD800 <= code <= 0xDFFF or 0xFB00 <= code <= 0xFB06:
            raise Unsupported(f"PDFium reads U+{code:04X} on page {self.page.page_number}")
        if facts.ascii_only and not 0x20 <= code <= 0x7E:
            raise Unsupported(f"font {facts.fontname} has no ToUnicode map for U+{code:04X}")
        if unicodedata.bidirectional(text) in _RIGHT_TO_LEFT:
            raise Unsupported(f"page {self.page.page_number} has right-to-left text")

    def _advance(self, obj: _TextObject, text: str, x0: float, loose_right: float) -> float:
        """Where the advance of a glyph whose ink reaches its loose box's edge ends.

        PDFium's loose box runs to the advance, or to the ink where that goes further;
        past its advance (an italic glyph, a wide one), the advance is the font's width
        for the character, which must then fall short of the loose box.
        """
        _, a, _, _, _, font, widths = obj
        width = widths.get(text)
        if width is None:
            size = next(key[1] for key, known in self._widths.items() if known is widths)
            found = ctypes.c_float()
            if not c.glyph_width(font, ord(text), size, ctypes.addressof(found)):
                raise Unsupported(f"PDFium gives no width for U+{ord(text):04X}")
            width = widths[text] = found.value
        x1 = x0 + a * width
        if x1 > loose_right + EPSILON:
            raise Unsupported(f"a character's width on page {self.page.page_number} is unclear")
        return x1


def _addresses(array: ctypes.Array[ctypes.c_double]) -> list[int]:
    """Where each number of `array` is, for PDFium to write it."""
    return [ctypes.addressof(array) + k * ctypes.sizeof(ctypes.c_double) for k in range(len(array))]


def _page_text(tp: int) -> str:
    """The text of every character of a text page, one a character (else `Unsupported`)."""
    count = c.count_chars(tp)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = c.get_text(tp, 0, count, ctypes.addressof(buffer))
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", "surrogatepass")
    if len(text) != count:
        raise Unsupported("PDFium's text of a page leaves out characters (markers, pairs)")
    return text
