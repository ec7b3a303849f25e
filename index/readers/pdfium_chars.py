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

# What the characters of text objects of one font, size and scale share: the horizontal
# scale of the text matrix, the height of a character box (font size × vertical scale)
# and the offset of its bottom from the baseline, the font's name, whether only ASCII is
# trusted of its text, the font's facts and handle, the advances of its characters found
# so far (by text), and the size. Plain tuples, made once for all the objects alike: most
# reports draw each character as an object of its own.
_Style = tuple[
    float, float, float, str, bool, FontFacts, ctypes.c_void_p, dict[str, float], ctypes.c_float
]
# A text object: its place in the content stream, and its style.
_TextObject = tuple[int, _Style]


class PageChars:
    """Reads the characters of one page; `texts` are its text objects in stream order."""

    def __init__(self, page: Page, texts: dict[int, int], fonts: dict[str, set[FontFacts]]) -> None:
        self.page = page
        self.texts = texts
        self.fonts = fonts
        self._objects: dict[int, _TextObject] = {}
        self._facts: dict[int, FontFacts] = {}
        self._styles: dict[tuple[int, float, float, float], _Style] = {}
        self._matrix = (ctypes.c_float * 6)()
        self._advance = ctypes.c_float()
        self._advance_at = ctypes.byref(self._advance)

    def read(self, textpage: ctypes.c_void_p) -> list[dict[str, Any]]:
        places, chars = self._read(textpage)
        if missing := len(self.texts.keys() - self._objects.keys()):
            raise Unsupported(
                f"PDFium leaves out {missing} text objects of page {self.page.page_number} "
                "(drawn twice, or empty)"
            )
        if places != sorted(places):  # PDFium orders a line's objects left to right
            chars = [char for _, char in sorted(zip(places, chars, strict=True))]
        return chars

    def _read(self, tp: ctypes.c_void_p) -> tuple[list[tuple[int, int]], list[dict[str, Any]]]:
        """The characters, and each one's place in the content stream (object, index)."""
        objects, number = self._objects, self.page.page_number
        height, doctop = self.page.height, self.page.initial_doctop
        x, y = ctypes.c_double(), ctypes.c_double()
        x_at, y_at = ctypes.byref(x), ctypes.byref(y)
        loose = (ctypes.c_float * 4)()  # left top right bottom
        places: list[tuple[int, int]] = []
        chars: list[dict[str, Any]] = []
        last_order, last_x, last_y = -1, 0.0, 0.0
        for n, text in enumerate(_page_text(tp)):
            if text in " \r\n" and c.char_generated(tp, n):
                continue
            handle = c.char_object(tp, n)
            order, style = objects.get(handle) or self._object(tp, n, handle)
            a, extent, drop, fontname, ascii_only, facts, _, widths, _ = style
            if ascii_only or not (
                "\u3000" <= text < "\ud800"  # CJK
                or " " <= text <= "~"
                or "\uff01" <= text <= "\uff60"  # full-width forms
                or "\u00a0" <= text < "\u0590"  # Latin, Greek, Cyrillic
            ):
                self._check_text(text, facts)
            if c.char_unmapped(tp, n):
                raise Unsupported(f"a character of page {number} has no Unicode")
            c.char_origin(tp, n, x_at, y_at)
            x0, base = x.value, y.value
            if x0 == last_x and base == last_y and order == last_order:
                raise Unsupported(f"page {number} has characters at one place")
            last_order, last_x, last_y = order, x0, base
            c.char_loose_box(tp, n, loose)
            x1 = x0 + a * (widths.get(text) or self._width(style, text))
            if abs(x1 - loose[2]) > EPSILON:
                self._check_overhang(tp, n, x1, loose[2])
            y0 = base + drop
            y1 = y0 + extent
            top = height - y1
            places.append((order, n))
            chars.append(
                {
                    "object_type": "char",
                    "page_number": number,
                    "text": text,
                    "fontname": fontname,
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
                }
            )
        return places, chars

    def _object(self, tp: ctypes.c_void_p, n: int, handle: int) -> _TextObject:
        """The text object of character `n`, read when the first of its characters is."""
        order = self.texts.get(handle)
        if order is None:
            raise Unsupported(f"a character of page {self.page.page_number} is in no text object")
        m = self._matrix
        if not c.char_matrix(tp, n, m):
            raise Unsupported(f"no matrix for a character of page {self.page.page_number}")
        a, d = m[0], m[3]
        if m[1] or m[2] or a <= 0 or d <= 0:
            raise Unsupported(f"page {self.page.page_number} has turned or mirrored text")
        key = (c.text_font(ctypes.c_void_p(handle)), c.char_font_size(tp, n), a, d)
        obj = (order, self._styles.get(key) or self._style(*key))
        self._objects[handle] = obj
        return obj

    def _style(self, font: int, size: float, a: float, d: float) -> _Style:
        facts = self._facts.get(font) or self._font_facts(font)
        extent = d * size
        style = (
            a,
            extent,
            facts.descent * extent,
            facts.fontname,
            facts.ascii_only,
            facts,
            ctypes.c_void_p(font),
            {},
            ctypes.c_float(size),
        )
        self._styles[font, size, a, d] = style
        return style

    def _font_facts(self, font: int) -> FontFacts:
        handle = ctypes.c_void_p(font)
        length = c.base_font_name(handle, None, ctypes.c_ulong(0))
        buffer = ctypes.create_string_buffer(length)
        c.base_font_name(handle, buffer, ctypes.c_ulong(length))
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

    def _width(self, style: _Style, text: str) -> float:
        """The advance of the glyph for `text` in the style's font, at its size."""
        *_, font, widths, size = style
        if not c.glyph_width(font, ctypes.c_uint(ord(text)), size, self._advance_at):
            raise Unsupported(f"PDFium gives no width for U+{ord(text):04X}")
        widths[text] = width = self._advance.value
        return width

    def _check_overhang(self, tp: ctypes.c_void_p, n: int, x1: float, loose_right: float) -> None:
        """PDFium's loose box runs to the glyph's advance, or to its ink where that goes
        further (an italic glyph, a wide one): then the advance found must fall short of
        the loose box, exactly where the ink ends."""
        box = [ctypes.c_double() for _ in range(4)]  # left right bottom top
        c.char_box(tp, n, *map(ctypes.byref, box))
        if x1 > loose_right + EPSILON or abs(box[1].value - loose_right) > EPSILON:
            raise Unsupported(f"a character's width on page {self.page.page_number} is unclear")


def _page_text(tp: ctypes.c_void_p) -> str:
    """The text of every character of a text page, one a character (else `Unsupported`)."""
    count = c.count_chars(tp)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = c.get_text(tp, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", "surrogatepass")
    if len(text) != count:
        raise Unsupported("PDFium's text of a page leaves out characters (markers, pairs)")
    return text
