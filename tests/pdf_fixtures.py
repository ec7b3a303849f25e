"""Tiny well-formed PDFs written byte by byte, for tests of the PDF reader's edges."""

from __future__ import annotations

from collections.abc import Sequence


def minimal_pdf(text: str | None = None) -> bytes:
    """A one-page PDF showing `text` (ASCII) in Helvetica, or a blank page when None.

    A blank page is what a scan looks like to a text extractor: a page with no text
    layer at all.
    """
    content = b"" if text is None else f"BT /F1 12 Tf 20 50 Td ({text}) Tj ET".encode("ascii")
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (numbered from 1; the first is the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(content), extra, content)


# A TrueType font the PDF names but does not embed, as reports printed with a system
# font do: its widths and metrics are the PDF's own, its glyphs the reader's stand-in.
SANS = (
    b"<< /Type /Font /Subtype /TrueType /BaseFont /DejaVuSans /FirstChar 32 /LastChar 126"
    b" /Widths [" + b" ".join(b"%d" % (500 + 7 * (c % 13)) for c in range(32, 127)) + b"]"
    b" /Encoding /WinAnsiEncoding /FontDescriptor 4 0 R >>"
)
SANS_DESCRIPTOR = (
    b"<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 /FontBBox [-1021 -463 1793 1232]"
    b" /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight 729 /StemV 80 >>"
)


def sans_pdf(
    *pages: bytes,
    page: bytes = b"",
    font: bytes = SANS,
    descent: int = -236,
    ascent: int = 928,
    form: bytes | None = None,
    more: Sequence[bytes] = (),
) -> bytes:
    """Pages drawn by the content streams `pages` with /F1, a TrueType font named but not
    embedded (`page` adds to each page's dictionary); `form`, when given, is a form
    XObject /X1 whose content draws with the same font; `more` objects follow the pages'."""
    resources = (
        b"<< /Font << /F1 3 0 R >>" + (b" /XObject << /X1 5 0 R >>" if form else b"") + b" >>"
    )
    kids = b" ".join(b"%d 0 R" % (6 + 2 * n) for n in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        font,
        SANS_DESCRIPTOR % (ascent, descent),
        stream(
            form or b"",
            b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + resources,
        ),
    ]
    for n, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources %s %s >>" % (7 + 2 * n, resources, page)
        )
        objects.append(stream(content))
    return pdf_file(objects + list(more))


def ruled_table(rows: list[list[str]], left: float = 60, top: float = 700) -> bytes:
    """Content drawing `rows` as a table framed by ruled lines, one cell a column width."""
    widths = [140, 110, 110]
    height = 22
    out = [b"0.5 w"]
    right = left + sum(widths)
    for r in range(len(rows) + 1):
        y = top - r * height
        out.append(b"%.2f %.2f m %.2f %.2f l S" % (left, y, right, y))
    x = left
    for w in [0, *widths]:
        x += w
        out.append(b"%.2f %.2f m %.2f %.2f l S" % (x, top, x, top - len(rows) * height))
    for r, row in enumerate(rows):
        x = left
        for w, cell in zip(widths, row, strict=False):
            out.append(
                b"BT /F1 10 Tf %.2f %.2f Td (%s) Tj ET"
                % (x + 4, top - r * height - 15, cell.encode())
            )
            x += w
    return b"\n".join(out)
