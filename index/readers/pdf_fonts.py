"""What pdfminer makes of a PDF's fonts, read from their dictionaries alone.

PDFium and pdfminer place a character the same way except in the font's descent, which
sets where a character's box starts below its baseline: pdfminer takes the `/Descent`
the PDF declares (0 when it declares none), PDFium measures the glyphs when the PDF
declares none. And they get a character's text the same way only where both read it from
the font's own `/ToUnicode` map. So the fast PDF path (`pdfium_objects`) asks this module,
for each font a page uses, for pdfminer's descent and name, and whether PDFium's text can
be trusted to be pdfminer's; the answers come from the font dictionaries through
pdfminer's own parser, without the cost of building pdfminer's font objects (which parse
every `/ToUnicode` map in Python).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pdfminer.pdffont import FontMetricsDB
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral, literal_name
from pdfplumber.page import Page

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class FontFacts:
    """One font as pdfminer reads it.

    `problem` says why PDFium's reading of the font's characters may differ from
    pdfminer's (None when it does not); `ascii_only` that only printable ASCII characters
    read alike (a simple font without a `/ToUnicode` map, in WinAnsiEncoding).
    """

    fontname: str
    descent: float  # below the baseline, a share of the font size (pdfminer's get_descent())
    problem: str | None = None
    ascii_only: bool = False


def base_name(name: str) -> str:
    """A font's name without its subset tag (`ABCDEF+`), which PDFium drops for simple fonts."""
    return _SUBSET_TAG.sub("", name)


class FontBook:
    """The facts of a document's fonts, each read once however many pages use it."""

    def __init__(self) -> None:
        self._known: dict[int, FontFacts] = {}

    def page_fonts(self, page: Page) -> dict[str, set[FontFacts]]:
        """The facts of every font a page's content may draw with, by `base_name`.

        Fonts of form XObjects (drawn inside the page) are included; one name may stand
        for several fonts, whose facts then all appear under it.
        """
        fonts: dict[str, set[FontFacts]] = {}
        for name, facts in self._fonts(page.page_obj.resources, set()):
            fonts.setdefault(base_name(name), set()).add(facts)
        return fonts

    def _fonts(self, resources: Any, seen: set[int]) -> Iterator[tuple[str, FontFacts]]:
        resources = resolve1(resources)
        if not isinstance(resources, dict):
            return
        for ref in _dict(resources.get("Font")).values():
            key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
            spec = resolve1(ref)
            if not isinstance(spec, dict):
                continue
            if key not in self._known:
                self._known[key] = font_facts(spec)
            yield _name(spec.get("BaseFont")), self._known[key]
        for ref in _dict(resources.get("XObject")).values():
            xobject = resolve1(ref)
            if (
                isinstance(xobject, PDFStream)
                and _name(xobject.get("Subtype")) == "Form"
                and id(xobject) not in seen
            ):
                seen.add(id(xobject))
                yield from self._fonts(xobject.get("Resources"), seen)


def font_facts(spec: dict[str, Any]) -> FontFacts:
    """pdfminer's descent and name for the font `spec`, as its `PDFResourceManager.get_font`
    and `PDFFont` would make them, and whether PDFium reads its characters alike."""
    subtype = _name(spec.get("Subtype")) or "Type1"  # pdfminer's default too
    basefont = _name(spec.get("BaseFont"))
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts"))
        descendant = resolve1(descendants[0]) if isinstance(descendants, list) else None
        descriptor = _dict(
            descendant.get("FontDescriptor") if isinstance(descendant, dict) else None
        )
        problem = None
        encoding = resolve1(spec.get("Encoding"))
        if not (isinstance(encoding, PSLiteral) and encoding.name == "Identity-H"):
            problem = f"font {basefont} is encoded otherwise than Identity-H"
        elif not isinstance(resolve1(spec.get("ToUnicode")), PDFStream):
            problem = f"font {basefont} has no ToUnicode map"
        return _facts(descriptor, problem)
    if subtype not in ("Type1", "MMType1", "TrueType"):
        return _facts({}, f"font {basefont} is a {subtype} font")
    try:
        descriptor, _ = FontMetricsDB.get_metrics(basefont)
    except KeyError:
        descriptor = _dict(spec.get("FontDescriptor"))
    else:
        return _facts(descriptor, f"font {basefont} is one of the standard 14 fonts")
    if isinstance(resolve1(spec.get("ToUnicode")), PDFStream):
        return _facts(descriptor, None)
    if _name(spec.get("Encoding")) == "WinAnsiEncoding":
        return _facts(descriptor, None, ascii_only=True)
    return _facts(descriptor, f"font {basefont} has neither a ToUnicode map nor WinAnsiEncoding")


def _facts(
    descriptor: dict[str, Any], problem: str | None, *, ascii_only: bool = False
) -> FontFacts:
    descent = resolve1(descriptor.get("Descent", 0))
    if not isinstance(descent, int | float):
        descent, problem = 0, problem or "a font's descent is not a number"
    if descent > 0:  # pdfminer takes a positive descent (PScript5.dll writes them) as negative
        descent = -descent
    fontname = resolve1(descriptor.get("FontName", "unknown"))
    return FontFacts(
        literal_name(fontname) if isinstance(fontname, PSLiteral) else str(fontname),
        descent * 0.001,
        problem,
        ascii_only,
    )


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        return literal_name(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value) if value is not None else ""


def _dict(value: Any) -> dict[str, Any]:
    value = resolve1(value)
    return value if isinstance(value, dict) else {}
