"""File → `Document`. The format is told by the file's bytes, not its name."""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import FileTooLarge, UnreadableFile, UnsupportedFormat
from .detect import detect_format

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read any supported file into paragraphs and tables.

    Raises `UnreadableFile`, `UnsupportedFormat` or `FileTooLarge` with a message a
    person can act on.
    """
    path = Path(path)
    return document_of(read_file(path, max_bytes=max_bytes), path.name)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes; a file over `max_bytes` is refused unread, and an empty one."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise UnreadableFile(f"cannot open {path.name}: {e.strerror}") from e
    if size > max_bytes:
        raise FileTooLarge(f"{path.name} is {_size(size)}, over the {_size(max_bytes)} limit")
    if size == 0:
        raise UnreadableFile(f"{path.name} is empty")
    return path.read_bytes()


def document_of(data: bytes, name: str) -> Document:
    """A file's bytes (`read_file`) read into paragraphs and tables."""
    kind = detect_format(data, name)
    if kind == "text":
        from .text import read_text

        return read_text(data)
    if kind == "html":
        from .html import read_html

        return read_html(data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    raise UnsupportedFormat(kind)


def _size(n: int) -> str:
    """1.5 MB, 12 KB or 300 bytes: a size as people say it, never '0.0 MB'."""
    if n >= 1048576:
        return f"{n / 1048576:.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
