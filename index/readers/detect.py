"""Tell a file's format from its first bytes, because extensions lie."""

from __future__ import annotations

import re

from ..errors import UnreadableFile, UnsupportedFormat
from .text import plausible_text

_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<table|<div|<p[\s>])", re.I)


def detect_format(data: bytes, name: str = "") -> str:
    """`text`, `html`, `docx` or `pdf`; raise for anything else, saying what to do."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:200_000] or b"[Content_Types].xml" in data[:200_000]:
            return "docx"
        raise UnsupportedFormat(f"{name or 'file'} is a zip archive, not a Word .docx report")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # a password-protected .docx is stored in the same container as an old .doc
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableFile(
                f"{name or 'file'} is password-protected: remove the password in Word or WPS "
                "and send it again, or send it as PDF"
            )
        raise UnsupportedFormat(
            f"{name or 'file'} is an old Word/WPS file (.doc/.wps): save it as .docx or PDF and send it again"
        )
    for magic, kind in (
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
    ):
        if head.startswith(magic):
            raise UnsupportedFormat(f"{name or 'file'} is a {kind}: gongkai reads text, not scans")
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(stripped) or _HTML_START.match(_ascii_of_utf16(stripped)):
        return "html"
    if b"\x00" in head and not _looks_utf16(head):
        raise UnreadableFile(f"{name or 'file'} is a binary file, not a report")
    return "text"


def _looks_utf16(head: bytes) -> bool:
    """BOM-less UTF-16: the zero bytes of ASCII characters all fall on one side."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < 4 or min(even, odd) > max(even, odd) // 3:
        return False
    sample = head[: len(head) // 2 * 2]
    text = sample.decode("utf-16-be" if even > odd else "utf-16-le", errors="replace")
    return plausible_text(text)


def _ascii_of_utf16(head: bytes) -> bytes:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head[2:].replace(b"\x00", b"")
    return b""
