"""Plain-text reports: decode the bytes, one paragraph per line."""

from __future__ import annotations

import codecs

from ..document import Document, Paragraph
from ..errors import UnreadableFile
from .markdown import is_markdown, read_markdown


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 and GB18030/GBK text.

    GB18030 accepts almost any byte string, so a GB18030 reading is kept only when it
    is mostly common CJK characters and punctuation; otherwise the encoding cannot be
    told and the caller gets an error instead of mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data[:4096]:
        even_zeros = data[0:4096:2].count(0)
        odd_zeros = data[1:4096:2].count(0)
        return _strict(data, "utf-16-be" if even_zeros > odd_zeros else "utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise UnreadableFile("cannot tell the text encoding (tried UTF-8, UTF-16, GB18030)") from e
    if plausible_text(text):
        return text
    raise UnreadableFile("cannot tell the text encoding (tried UTF-8, UTF-16, GB18030)")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise UnreadableFile(f"the file says it is {encoding} but is not valid {encoding}") from e


def plausible_text(text: str) -> bool:
    """Mostly ASCII, common CJK and CJK punctuation: what a report decodes to."""
    sample = [c for c in text[:5000] if not c.isspace()]
    if not sample:
        return False
    common = sum(
        c.isascii()
        or "\u4e00" <= c <= "\u9fa5"
        or "\u3000" <= c <= "\u303f"
        or "\u2000" <= c <= "\u206f"
        or "\uff00" <= c <= "\uffef"
        for c in sample
    )
    return common / len(sample) > 0.95


def read_text(data: bytes) -> Document:
    """One paragraph per line; markdown (pipe tables) is read by `read_markdown`."""
    text = decode(data)
    if is_markdown(text):
        return read_markdown(text)
    return Document([Paragraph(line) for line in text.splitlines()], "text")
