"""Word (.docx) reports: body paragraphs and tables in the order Word shows them.

python-docx's `Document.paragraphs` and `.tables` are separate lists, and its
`Table.rows[i].cells` repeats a merged cell once per grid position; the body XML is
walked here instead, so that order is kept and a merged cell's text appears once, at
its top-left, with `None` on every position it covers.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator

import docx
from lxml.etree import _Element

from ..document import Block, Document, Paragraph, Table
from ..errors import UnreadableFile, UnsupportedFormat

log = logging.getLogger(__name__)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Containers whose children are block content (paragraphs, tables), read through.
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins"}


# A Word report's XML is a few MB; a file whose XML inflates past this is made to exhaust
# memory (python-docx holds the whole tree, some twenty bytes for every byte of XML).
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_PARTS = 5000


def _check_inflated(data: bytes) -> None:
    """Refuse a zip bomb before python-docx inflates it: the size limit on the file counts
    compressed bytes, and 1 MB of .docx can hold 300 MB of paragraphs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # python-docx says what is wrong with it
    xml = sum(p.file_size for p in parts if not p.filename.startswith("word/media/"))
    if len(parts) > MAX_PARTS or xml > MAX_XML_BYTES:
        raise UnreadableFile(
            f"this Word file unpacks to {xml / 1048576:.0f} MB in {len(parts)} parts, far more "
            "than a report: send the report as PDF"
        )


def read_docx(data: bytes) -> Document:
    """Read a .docx into paragraphs (one per line) and grid-expanded tables.

    A document with no tables is still returned: deciding that it is not a report is
    the parser's job. Raises `UnreadableFile` for a damaged file and `UnsupportedFormat`
    for another kind of Office file.
    """
    _check_inflated(data)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as e:  # python-docx parses untrusted zip and XML: any failure is the file's
        if isinstance(e, ValueError) and "not a Word file" in str(e):
            raise UnsupportedFormat(
                "this Office file is not a Word document (an Excel or PowerPoint file?): "
                "send the report as .docx, PDF, .html or .txt"
            ) from e
        log.info("damaged Word file: %s: %s", type(e).__name__, e)
        raise UnreadableFile(
            "this Word file is damaged: open and save it again in Word or WPS, or send it as PDF"
        ) from e
    return Document(list(_blocks(body)), "docx")


def _blocks(container: _Element) -> Iterator[Block]:
    for child in container.iterchildren():
        if child.tag == _W + "p":
            for line in _paragraph_text(child).split("\n"):
                if line.strip():
                    yield Paragraph(line.strip())
        elif child.tag == _W + "tbl":
            rows, padded = _grid(child)
            yield Table(rows, padded=padded)
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _grid(tbl: _Element) -> tuple[list[list[str | None]], frozenset[tuple[int, int]]]:
    """The table as a grid: gridSpan and vMerge continuations become `None`.

    Grid columns a row skips (gridBefore, gridAfter) or stops short of are `""` and
    are returned apart: they hold no cell, unlike a cell printed blank.
    """
    rows: list[list[str | None]] = []
    padded: set[tuple[int, int]] = set()
    width = 0
    for r, tr in enumerate(tbl.iterchildren(_W + "tr")):
        before = _row_property(tr, "gridBefore")
        padded.update((r, c) for c in range(before))
        row: list[str | None] = [""] * before
        for tc in _cells(tr):
            span = max(1, _int(tc.find(f"{_W}tcPr/{_W}gridSpan")))
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(_W + "val", "continue") == "continue"
            row.append(None if continued else _cell_text(tc))
            row.extend([None] * (span - 1))
        width = max(width, len(row) + _row_property(tr, "gridAfter"))
        rows.append(row)
    for r, row in enumerate(rows):
        padded.update((r, c) for c in range(len(row), width))
        row.extend([""] * (width - len(row)))
    return rows, frozenset(padded)


def _cells(tr: _Element) -> Iterator[_Element]:
    for child in tr.iterchildren():
        if child.tag == _W + "tc":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _cells(child)


def _row_property(tr: _Element, name: str) -> int:
    return _int(tr.find(f"{_W}trPr/{_W}{name}"))


def _int(element: _Element | None) -> int:
    value = None if element is None else element.get(_W + "val")
    return int(value) if value and value.isdigit() else 0


def _cell_text(tc: _Element) -> str:
    """A cell's paragraphs one per line; a nested table's cells flattened into lines."""
    lines = (_paragraph_text(p).strip() for p in tc.iter(_W + "p") if not _in_fallback(p))
    return "\n".join(line for line in lines if line)


def _paragraph_text(p: _Element) -> str:
    """Text of the runs, a line break as a newline."""
    parts = []
    for el in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if _in_fallback(el):
            continue
        if el.tag == _W + "t":
            parts.append(el.text or "")
        else:
            parts.append("\t" if el.tag == _W + "tab" else "\n")
    return "".join(parts)


def _in_fallback(el: _Element) -> bool:
    """Inside the copy of a text box that Word keeps for older readers (read once only)."""
    return any(a.tag == _MC_FALLBACK for a in el.iterancestors())
