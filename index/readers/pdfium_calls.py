"""The PDFium functions the fast PDF path calls per object and per character, declared
by their result type alone.

pypdfium2's bindings (`pypdfium2.raw`) wrap every handle a function returns in a new
ctypes pointer object and check every argument against the declared types; over the few
thousand characters of a report that took longer than PDFium's own work. Declared here
without argument types, a call converts its arguments by ctypes' defaults and costs half
of one declared with them, a third of pypdfium2's. So the arguments must be given as C
sees them: a handle as `ctypes.c_void_p` (`handle()`), where PDFium writes a number as
`ctypes.byref()` of it and several as a ctypes array (an array is passed by its address),
an index as a Python int (a C int), a float argument as `ctypes.c_float`, an unsigned one
as `ctypes.c_uint`/`c_ulong`. Handles come back as plain integers, which can be compared
and used as dictionary keys as they are; NULL is 0.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as fpdf

_handle = ctypes.c_size_t  # a handle returned, as an integer
_int = ctypes.c_int


def _plain(function: Any, restype: Any) -> Any:
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


def handle(value: Any) -> ctypes.c_void_p:
    """A handle, from pypdfium2 (a ctypes pointer) or from these functions (an integer),
    as these functions take it."""
    if isinstance(value, int):
        return ctypes.c_void_p(value)
    return ctypes.c_void_p(ctypes.cast(value, ctypes.c_void_p).value)


# objects of a page (forms are holders of objects too): (page or form[, index])
count_objects = _plain(fpdf.FPDFPage_CountObjects, _int)  # (page)
get_object = _plain(fpdf.FPDFPage_GetObject, _handle)  # (page, int)
count_form_objects = _plain(fpdf.FPDFFormObj_CountObjects, _int)  # (form)
get_form_object = _plain(fpdf.FPDFFormObj_GetObject, _handle)  # (form, c_ulong)
object_type = _plain(fpdf.FPDFPageObj_GetType, _int)  # (object)
object_matrix = _plain(fpdf.FPDFPageObj_GetMatrix, _int)  # (object, c_float * 6)
count_marks = _plain(fpdf.FPDFPageObj_CountMarks, _int)  # (object)
stroke_width = _plain(fpdf.FPDFPageObj_GetStrokeWidth, _int)  # (object, byref c_float)

# paths
count_segments = _plain(fpdf.FPDFPath_CountSegments, _int)  # (path)
get_segment = _plain(fpdf.FPDFPath_GetPathSegment, _handle)  # (path, int)
segment_point = _plain(fpdf.FPDFPathSegment_GetPoint, _int)  # (segment, byref c_float x, y)
segment_type = _plain(fpdf.FPDFPathSegment_GetType, _int)  # (segment)
segment_closes = _plain(fpdf.FPDFPathSegment_GetClose, _int)  # (segment)
draw_mode = _plain(fpdf.FPDFPath_GetDrawMode, _int)  # (path, byref c_int fill, stroke)

# characters of a text page: (text page, index, ...)
count_chars = _plain(fpdf.FPDFText_CountChars, _int)  # (text page)
get_text = _plain(fpdf.FPDFText_GetText, _int)  # (text page, int, int, c_ushort * n)
char_generated = _plain(fpdf.FPDFText_IsGenerated, _int)
char_unmapped = _plain(fpdf.FPDFText_HasUnicodeMapError, _int)
char_object = _plain(fpdf.FPDFText_GetTextObject, _handle)
char_origin = _plain(fpdf.FPDFText_GetCharOrigin, _int)  # (…, byref c_double x, y)
char_loose_box = _plain(fpdf.FPDFText_GetLooseCharBox, _int)  # (…, c_float * 4)
char_box = _plain(fpdf.FPDFText_GetCharBox, _int)  # (…, byref c_double left, right, bottom, top)
char_matrix = _plain(fpdf.FPDFText_GetMatrix, _int)  # (…, c_float * 6)
char_font_size = _plain(fpdf.FPDFText_GetFontSize, ctypes.c_double)
text_font = _plain(fpdf.FPDFTextObj_GetFont, _handle)  # (text object)
glyph_width = _plain(fpdf.FPDFFont_GetGlyphWidth, _int)  # (font, c_uint, c_float, byref c_float)
base_font_name = _plain(fpdf.FPDFFont_GetBaseFontName, ctypes.c_ulong)  # (font, buf, c_ulong)
