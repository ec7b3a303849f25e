"""The PDFium functions the fast PDF path calls per object and per character, declared
to take and return plain integers.

pypdfium2's bindings (`pypdfium2.raw`) wrap every handle a function returns in a new
ctypes pointer object and check every pointer passed in; over the few thousand
characters of a report that took longer than PDFium's own work. The same C functions,
declared here with pointer-sized integers for handles and for the addresses of output
buffers (`ctypes.addressof`), cost a third as much per call, and their handles can be
compared and used as dictionary keys as they are. NULL is 0.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as fpdf

_address = ctypes.c_size_t  # a handle, or where PDFium writes its answer
_int = ctypes.c_int


def _plain(function: Any, restype: Any, *argtypes: Any) -> Any:
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


def address(handle: Any) -> int:
    """A handle from pypdfium2 (a ctypes pointer) as the integer these functions take."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


# objects of a page (forms are holders of objects too)
count_objects = _plain(fpdf.FPDFPage_CountObjects, _int, _address)
get_object = _plain(fpdf.FPDFPage_GetObject, _address, _address, _int)
count_form_objects = _plain(fpdf.FPDFFormObj_CountObjects, _int, _address)
get_form_object = _plain(fpdf.FPDFFormObj_GetObject, _address, _address, ctypes.c_ulong)
object_type = _plain(fpdf.FPDFPageObj_GetType, _int, _address)
object_matrix = _plain(fpdf.FPDFPageObj_GetMatrix, _int, _address, _address)
count_marks = _plain(fpdf.FPDFPageObj_CountMarks, _int, _address)
stroke_width = _plain(fpdf.FPDFPageObj_GetStrokeWidth, _int, _address, _address)

# paths
count_segments = _plain(fpdf.FPDFPath_CountSegments, _int, _address)
get_segment = _plain(fpdf.FPDFPath_GetPathSegment, _address, _address, _int)
segment_point = _plain(fpdf.FPDFPathSegment_GetPoint, _int, _address, _address, _address)
segment_type = _plain(fpdf.FPDFPathSegment_GetType, _int, _address)
segment_closes = _plain(fpdf.FPDFPathSegment_GetClose, _int, _address)
draw_mode = _plain(fpdf.FPDFPath_GetDrawMode, _int, _address, _address, _address)

# characters of a text page
count_chars = _plain(fpdf.FPDFText_CountChars, _int, _address)
get_text = _plain(fpdf.FPDFText_GetText, _int, _address, _int, _int, _address)
char_generated = _plain(fpdf.FPDFText_IsGenerated, _int, _address, _int)
char_unmapped = _plain(fpdf.FPDFText_HasUnicodeMapError, _int, _address, _int)
char_object = _plain(fpdf.FPDFText_GetTextObject, _address, _address, _int)
char_origin = _plain(fpdf.FPDFText_GetCharOrigin, _int, _address, _int, _address, _address)
char_loose_box = _plain(fpdf.FPDFText_GetLooseCharBox, _int, _address, _int, _address)
char_box = _plain(fpdf.FPDFText_GetCharBox, _int, _address, _int, *[_address] * 4)
char_matrix = _plain(fpdf.FPDFText_GetMatrix, _int, _address, _int, _address)
char_font_size = _plain(fpdf.FPDFText_GetFontSize, ctypes.c_double, _address, _int)
text_font = _plain(fpdf.FPDFTextObj_GetFont, _address, _address)
glyph_width = _plain(
    fpdf.FPDFFont_GetGlyphWidth, _int, _address, ctypes.c_uint, ctypes.c_float, _address
)
base_font_name = _plain(
    fpdf.FPDFFont_GetBaseFontName, ctypes.c_ulong, _address, _address, ctypes.c_ulong
)
