"""Files that are not what they claim, or cannot be read: one clear error each, or a
`Document` when the file reads fine and only the parser can tell it is no report."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from index.document import Table
from index.errors import UnreadableFile, UnsupportedFormat
from index.readers import read_document

from .conftest import DEVSET
from .pdf_fixtures import minimal_pdf

DATA = Path(__file__).parent / "data"
HUAIAN = DEVSET / "huaian-shi-zf-2024.pdf"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _workbook() -> bytes:
    """The parts of an .xlsx that tell it apart from a .docx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument"/></Relationships>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("report.pdf", lambda: HUAIAN.read_bytes()[:150_000], UnreadableFile, "damaged"),
        ("report.pdf", lambda: b"%PDF-1.7\n" + b"\x00garbage" * 100, UnreadableFile, "damaged"),
        ("scan.pdf", lambda: minimal_pdf(None), UnreadableFile, "no text layer"),
        ("locked.pdf", lambda: (DATA / "password.pdf").read_bytes(), UnreadableFile, "password"),
        ("report.doc", lambda: OLE, UnsupportedFormat, "save it as .docx or PDF"),
        (
            "locked.docx",
            lambda: OLE + "EncryptedPackage".encode("utf-16-le"),
            UnreadableFile,
            "password",
        ),
        ("empty.txt", lambda: b"", UnreadableFile, "empty"),
        ("blob.txt", lambda: bytes(range(256)) * 8, UnreadableFile, "binary"),
        ("scan.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, UnsupportedFormat, "image"),
        ("broken.docx", lambda: b"PK\x03\x04word/" + b"\x00" * 64, UnreadableFile, "damaged"),
        ("book.docx", _workbook, UnsupportedFormat, "not a Word document"),
    ],
)
def test_unreadable_files_say_what_to_do(
    tmp_path: Path, name: str, content, error: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content())
    with pytest.raises(error, match=message):
        read_document(path)


def test_an_extension_that_lies(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(minimal_pdf("annual report"))
    document = read_document(path)
    assert document.source_format == "pdf"
    assert [b.text for b in document.blocks] == ["annual report"]


def test_a_page_of_links_is_a_document_without_tables(tmp_path: Path) -> None:
    path = tmp_path / "list.html"
    path.write_text(
        "<!DOCTYPE html><html><body><ul>"
        '<li><a href="/1.html">2024年政府信息公开工作年度报告</a><span>2025-01-20</span></li>'
        '<li><a href="/2.html">2023年政府信息公开工作年度报告</a><span>2024-01-19</span></li>'
        "</ul></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.source_format == "html"
    assert not any(isinstance(b, Table) for b in document.blocks)
    assert [b.text for b in document.blocks] == [
        "2024年政府信息公开工作年度报告2025-01-20",
        "2023年政府信息公开工作年度报告2024-01-19",
    ]


def test_html_in_an_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body><p>" + bytes(range(0x80, 0x100)) * 4 + b"</p></body></html>")
    with pytest.raises(UnreadableFile, match="encoding"):
        read_document(path)
