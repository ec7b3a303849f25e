"""Undo what text extraction does to these reports, without moving any character.

Two views of the same text are kept aligned character for character: the text as
printed (for sections and citations) and its *folded* form (full-width digits,
letters and punctuation made ASCII) that patterns are written against. Because
folding never changes the length, an offset found in one view is valid in the other.
"""

from __future__ import annotations

import re

from .document import Document, Paragraph, Table


def _fold_table() -> dict[str, str]:
    """Full-width ASCII (Ａ１（，) to ASCII, odd spaces to a space, dashes to `-`.

    Every entry maps one character to one character, which keeps offsets aligned.
    """
    table = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table.update(dict.fromkeys("\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff", " "))
    table.update(dict.fromkeys("－—–‐", "-"))
    return table


_FOLD = _fold_table()
_FOLDABLE = re.compile("[" + re.escape("".join(sorted(_FOLD))) + "]")

# The last long text folded, and its folded form: the parser folds the whole document
# three times (headings, tokens, table 2's start), the same string object each time.
_last_folded: tuple[str, str] = ("", "")


def fold(text: str) -> str:
    """Full-width to ASCII, odd spaces to plain ones; same length as `text`."""
    global _last_folded
    last = _last_folded
    if text is last[0]:
        return last[1]
    folded = text
    # each character that folds is replaced all at once: a report holds a hundred of a
    # dozen kinds (，：（）), and a call per character found cost more than the search
    for char in set(_FOLDABLE.findall(text)):
        folded = folded.replace(char, _FOLD[char])
    if len(text) > 1000:
        _last_folded = (text, folded)
    return folded


# Written against the text as printed (\d and \s take full-width digits and spaces too),
# because every line is tested and folding each one first cost more than the test.
_SP = r"[\s\u200b\ufeff]*"
_DASH = "[-－—–‐]"
_PAGE_MARKER = re.compile(
    rf"^{_SP}(?:{_DASH}{_SP}\d{{1,3}}{_SP}{_DASH}"
    rf"|第{_SP}\d{{1,3}}{_SP}页(?:{_SP}[,，/／]?{_SP}共{_SP}\d{{1,3}}{_SP}页)?"
    rf"|\d{{1,3}}{_SP}[/／]{_SP}\d{{1,3}}){_SP}$"
)
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


def is_page_marker(line: str) -> bool:
    """`- 4 -`, `第4页 共6页`, `4/6`: lines that only number a page.

    Measured without the spaces around it: layout-preserving extraction (`pdftotext
    -layout`) centres the marker in a line as wide as the page, and a marker left in a
    table row gives its page number to a cell.
    """
    return len(line.strip()) <= 24 and bool(_PAGE_MARKER.match(line))


def clean_document(doc: Document) -> Document:
    """Drop page markers and extraction debris that would otherwise land inside tables."""
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if is_page_marker(block.text):
                continue
            if "[bookmark" in block.text:
                block = Paragraph(_BOOKMARK.sub("", block.text), block.page)
            blocks.append(block)
        else:
            blocks.append(block)
    return Document(blocks, doc.source_format, dict(doc.meta))


_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(
    rf"(?<=[{_CJK}（）()，。、：；“”])[ \u3000\u00a0]+(?=[{_CJK}（）()，。、：；“”])"
)
_SENTENCE_END = tuple("。！？；：:;!?）)”")


def tidy_prose(text: str) -> str:
    """Readable prose from hard-wrapped, space-littered extracted text.

    Joins lines that a PDF or a crawler broke inside a sentence, drops spaces between
    Chinese characters (`规 章`), and keeps paragraph breaks after a sentence ends.
    """
    paragraphs: list[list[str]] = []  # each paragraph's lines, joined once at the end
    last = ""  # the current paragraph's last line
    length = 0  # and its length so far: joining by `+=` took quadratic time on long text
    # whether the current paragraph's first line starts an item: asked once, not again
    # for every line a short paragraph takes (a table's lines are short)
    item: bool | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if paragraphs and not last.endswith(_SENTENCE_END) and not _starts_item(line):
            short = length <= _HEADING_LENGTH
            if short and item is None:
                item = _starts_item(paragraphs[-1][0])
            if not (short and item):
                paragraphs[-1].append(line)
                length += len(line)
                last = line
                continue
        paragraphs.append([line])
        length = len(line)
        item = None
        last = line
    # the spaces removed never include a line break, so one pass over the whole text does
    return _SPACE_BETWEEN_CJK.sub("", "\n".join("".join(p) for p in paragraphs))


_ITEM_START = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])"
)


def _starts_item(line: str) -> bool:
    return bool(_ITEM_START.match(line))


_HEADING_LENGTH = 30  # a numbered paragraph this short is a heading such as `（一）主动公开情况`


def squeeze(text: str) -> str:
    """Folded text with every whitespace removed: the form labels are matched in."""
    return "".join(fold(text).split())


Span = tuple[int, int, Paragraph | Table, int, int]


def render(doc: Document) -> tuple[str, list[Span]]:
    """The document as one string, and where each block (and each table cell) starts.

    Paragraphs become lines; a table row becomes one line of tab-separated cells.
    Returns the text and a list of `(start, end, block, row, col)`; for a paragraph
    `row` and `col` are -1.
    """
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.replace("\r", "")
            spans.append((pos, pos + len(text), block, -1, -1))
            parts.append(text + "\n")
            pos += len(text) + 1
            continue
        for i, row in enumerate(block.rows):
            for j, cell in enumerate(row):
                if cell is None:
                    continue
                text = cell.replace("\r", "").replace("\n", " ").replace("\t", " ")
                spans.append((pos, pos + len(text), block, i, j))
                parts.append(text + "\t")
                pos += len(text) + 1
            parts.append("\n")
            pos += 1
    return "".join(parts), spans
