"""The document as a stream of label text and cell values, in reading order.

Table reading works on this stream, whatever the source format: a ruled table gives
one token per cell (a blank cell is a value token with no number), running text gives
words split into label text and numbers. Keeping label text and values apart is what
lets the parser find each row by its label rather than by counting numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .cells import MARKER_WORD, NULL_MARKERS, NUMBER, note_of, number_value, parse_number
from .document import Paragraph, Table
from .header import ColumnMap, column_maps
from .normalize import Span, fold

_ITEM_AFTER = re.compile(r"[.、．]\s*[\u3400-\u9fff\"“]")
_NOT_A_VALUE_AFTER = re.compile(r"\s*(?:年|月|日|号|%|个百分点|〕)")
_WORD = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_ITEM_NUMBER = re.compile(r"^\d{1,2}[.、．]$")
_COUNT_UNIT_START = re.compile(r"^[件条个项篇次家份]")
# after a number and a space, in extracted prose (`13 件；`, `2024 年度`, `12 月 31 日`)
_SPACED_COUNT = re.compile(r"^[件条个项篇次家份人场]\S")
_SPACED_DATE = re.compile(r"^[年月日%]")
_PROSE_PUNCT = re.compile(r"[，,。；;：:]")


@dataclass(slots=True)
class Token:
    """Label text or a cell value. Offsets index the rendered document text."""

    kind: str  # "text" or "value"
    raw: str
    start: int
    page: int | None = None
    value: float | int | None = None
    note: str | None = None
    from_grid: bool = False  # a ruled-table cell: never split into several cells
    # where a grid's header says the cell is (`index.header`): `natural_person`, `review.upheld`
    column: str | None = None
    # a blank grid cell at either end of its row's values: maybe a label or padding cell
    edge: bool = False
    # the first token of a grid row: its own label cells, or its values when it has none
    row_start: bool = False


def tokenize(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> list[Token]:
    """The token stream of the rendered document (`index.normalize.render`) within [start, end).

    Only the part that holds the tables is worth tokenizing; the narrative is not.
    """
    end = len(text) if end is None else end
    folded = fold(text)  # once: folding each paragraph apart cost more than reading it
    tokens: list[Token] = []
    by_row: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    maps: dict[int, list[ColumnMap]] = {}
    for a, b, block, i, j in _merge_paragraphs(spans, start, end):
        if isinstance(block, Paragraph):
            words = _words(text, folded, a, b, block.page)
            if not block.cells:
                for tok in words:
                    if tok.kind == "value":
                        tok.kind, tok.value, tok.note = "text", None, None
            tokens.extend(words)
            continue
        else:
            by_row.setdefault((id(block), i), []).append((a, b, j))
            if j == _last_col(block, i):
                if id(block) not in maps:
                    maps[id(block)] = column_maps(block.rows)
                columns = maps[id(block)][i]
                tokens.extend(_grid_row(text, by_row.pop((id(block), i)), block, i, columns))
    return _prose_to_text(_counted_headers(_attach_notes(tokens)), text)


def _merge_paragraphs(spans: list[Span], start: int, end: int) -> Iterator[Span]:
    """The spans that reach into [start, end), consecutive paragraphs of a page as one.

    A word never runs over a line break, so the lines of a page are read in one pass
    (a text report prints one cell per line: hundreds of lines).
    """
    run: Span | None = None
    for span in spans:
        a, b, block, _, _ = span
        if b < start or a >= end:
            continue
        if isinstance(block, Paragraph):
            if (
                run is not None
                and run[1] + 1 == a
                and run[2].page == block.page
                and run[2].cells == block.cells
            ):
                run = (run[0], b, run[2], -1, -1)
                continue
            if run is not None:
                yield run
            run = span
            continue
        if run is not None:
            yield run
            run = None
        yield span
    if run is not None:
        yield run


def _attach_notes(tokens: list[Token]) -> list[Token]:
    """`4 （含自然失` … `效2件）`: a bracketed note after a value, over words and lines, is that value's note.

    Left as tokens, the numbers inside the note would be taken for the next cells.
    """
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if (
            tok.kind == "text"
            and tok.raw[:1] in _OPEN
            and out
            and out[-1].kind == "value"
            and not _closes(tok.raw)
        ):
            close = next(
                (
                    j
                    for j in range(i + 1, min(i + 12, len(tokens)))
                    if tokens[j].kind == "text" and _closes(tokens[j].raw)
                ),
                None,
            )
            if close is not None:
                tail = tokens[close].raw
                cut = fold(tail).index(")") + 1
                note = "".join(t.raw for t in tokens[i:close]) + tail[:cut]
                out[-1].note = note[1:-1] if not out[-1].note else f"{out[-1].note} {note[1:-1]}"
                if tail[cut:]:
                    out.append(
                        Token("text", tail[cut:], tokens[close].start + cut, tokens[close].page)
                    )
                i = close + 1
                continue
        out.append(tok)
        i += 1
    return out


_OPEN = ("(", "（")


def _closes(raw: str) -> bool:
    return ")" in raw or "）" in raw


def _counted_headers(tokens: list[Token]) -> list[Token]:
    """`数据1 数据2 … 数据6`: numbers that count a generic header's columns are words.

    A converter that lost the applicant header writes one; its digits are not a row.
    Three or more words, each the same characters with a number glued on, counting up
    by one, are header words.
    """
    glued = [
        k
        for k in range(1, len(tokens))
        if tokens[k].kind == "value"
        and tokens[k].raw.isdigit()
        and tokens[k - 1].kind == "text"
        and tokens[k - 1].start + len(tokens[k - 1].raw) == tokens[k].start
    ]
    run: list[int] = []
    for k in [*glued, -1]:
        if run and k == run[-1] + 2 and _counts_on(tokens, run[-1], k):
            run.append(k)
            continue
        if len(run) >= 3:
            for j in run:
                tokens[j].kind, tokens[j].value = "text", None
        run = [k]
    return tokens


def _counts_on(tokens: list[Token], a: int, b: int) -> bool:
    same = tokens[a - 1].raw[-2:] == tokens[b - 1].raw[-2:]
    return same and int(tokens[b].raw) == int(tokens[a].raw) + 1


def _spaced_prose(after: str, text: str, at: int) -> bool:
    """`13 件；` (a count word running on, over a line break too) or `2024 年` (a date
    word on the same line: a 年 on the next line is a vertical label's character)."""
    if _SPACED_COUNT.match(after):
        return True
    return bool(_SPACED_DATE.match(after)) and "\n" not in text[at - 2 : at]


def _prose_to_text(tokens: list[Token], text: str) -> list[Token]:
    """Numbers of a sentence (`行政复议4件，行政诉讼4件。`) are words, not cells.

    A number followed by a count word is prose when punctuation is beside it, or when it
    is written onto the words before it (`申请12件`); so is a number written between words
    and punctuation (`数量为12，`). A table cell printed `0件` stands apart from its label
    and has no punctuation beside it, and stays a value. Text extracted from PDF spaces
    the digits of a sentence out (`文件 13 件；`, `2024 年度`): a number a space before a
    count word that runs on into the sentence, or before a date word, is prose too.
    """
    for k, tok in enumerate(tokens):
        if tok.kind != "value" or tok.from_grid or k + 1 >= len(tokens):
            continue
        after = tokens[k + 1]
        gap = after.start - tok.start - len(tok.raw)
        if after.kind == "text" and 0 < gap <= 2 and _spaced_prose(after.raw, text, after.start):
            tok.kind, tok.value, tok.note = "text", None, None
            continue
        if after.kind != "text" or gap:
            continue
        prev = tokens[k - 1] if k and tokens[k - 1].kind == "text" else None
        before = prev.raw if prev else ""
        attached = (
            prev is not None and prev.start + len(before) == tok.start and before[-1:] >= "\u3400"
        )
        counted = bool(_COUNT_UNIT_START.match(after.raw))
        punct_after = bool(_PROSE_PUNCT.search(after.raw[: 2 if counted else 1]))
        if (counted and (attached or punct_after or _PROSE_PUNCT.search(before[-6:]))) or (
            attached and punct_after
        ):
            tok.kind, tok.value, tok.note = "text", None, None
    return tokens


def _last_col(table: Table, i: int) -> int:
    row = table.rows[i]
    return max(j for j, c in enumerate(row) if c is not None)


def _grid_row(
    text: str, cells: list[tuple[int, int, int]], table: Table, i: int, columns: ColumnMap
) -> list[Token]:
    """One grid row's tokens: label cells as text, value cells placed by their column.

    When the header's columns fit the row (a cell under each, every number under one),
    each value takes the column its header names and every other blank cell is dropped,
    so an empty label cell or a label spanning two columns moves nothing. Otherwise the
    cells after the row's last label cell are its values, and blank ones at either end
    are marked as possibly not values (`edge`). Positions a short row was padded at
    (`Table.padded`) are no cells: they never count as a blank value in order.
    """
    page = table.row_pages[i] if i < len(table.row_pages) else table.page
    parsed = []
    pads = set()
    for start, end, j in cells:
        raw = text[start:end].strip()
        value, note, ok = parse_number(fold(raw))
        parsed.append((j, start, raw, value, note, ok))
        if (i, j) in table.padded:
            pads.add(j)
    if columns and _fits(table.rows[i], parsed, columns, pads):
        out = _placed(parsed, columns, page)
    else:
        out = _in_order([p for p in parsed if p[0] not in pads], page)
    if out:
        out[0].row_start = True
    return out


def _fits(row: list[str | None], parsed: list[tuple], columns: ColumnMap, pads: set[int]) -> bool:
    """Whether the header's columns place this row's cells.

    A row that stops short of the header (padding under a column) is placed by the
    header only when every cell after its label lies under a column: a blank cell in
    the label columns of a short row may be its first value, the row one column off
    (`| 部分公开 | | 5 | … | 9 |` under eight columns), and the padding would then take
    the last column's place.
    """
    if any(j >= len(row) or row[j] is None for j in columns):
        return False
    for j, _, raw, value, _, ok in parsed:
        if (value is not None and j not in columns) or (not ok and raw and j in columns):
            return False
    if pads & columns.keys():
        last_label = max((k for k, p in enumerate(parsed) if not p[5]), default=-1)
        if any(p[0] not in columns for p in parsed[last_label + 1 :] if p[0] not in pads):
            return False
    return True


def _placed(parsed: list[tuple], columns: ColumnMap, page: int | None) -> list[Token]:
    out = []
    for j, start, raw, value, note, ok in parsed:
        if j in columns:
            out.append(Token("value", raw, start, page, value, note, True, columns[j]))
        elif not ok and raw:
            out.append(Token("text", raw, start, page, from_grid=True))
    return out


def _in_order(parsed: list[tuple], page: int | None) -> list[Token]:
    """Cells after the row's last label cell are values; blank cells before it are dropped."""
    last_label = max((k for k, p in enumerate(parsed) if not p[5]), default=-1)
    out = []
    values: list[Token] = []
    for k, (_, start, raw, value, note, ok) in enumerate(parsed):
        if k <= last_label:
            if raw and (not ok or raw not in NULL_MARKERS):
                out.append(Token("text", raw, start, page, from_grid=True))
        else:
            values.append(Token("value", raw, start, page, value, note, from_grid=True))
    printed = [k for k, t in enumerate(values) if t.raw]
    for k, tok in enumerate(values):
        tok.edge = not tok.raw and (not printed or k < printed[0] or k > printed[-1])
    return out + values


def _words(text: str, folded: str, start: int, end: int, page: int | None) -> list[Token]:
    """The words of `folded[start:end]` as label text and values, at their offsets; each
    token's `raw` is as `text` prints it, not folded."""
    tokens: list[Token] = []
    for w in _WORD.finditer(folded, start, end):
        word, base = w.group(), w.start()
        if word.isascii() and word.isdigit():  # the common cell: fast path
            tokens.append(Token("value", text[base : base + len(word)], base, page, int(word)))
            continue
        if not _DIGIT.search(word) and word not in NULL_MARKERS and not MARKER_WORD.match(word):
            tokens.append(Token("text", text[base : base + len(word)], base, page))
            continue
        if _ITEM_NUMBER.match(word):
            parts = [Token("text", word, base, page)]
        elif word in NULL_MARKERS or MARKER_WORD.match(word):
            parts = _marker_tokens(word, base, page)
        else:
            parts = _split_word(word, base, page)
        for tok in parts:
            tok.raw = text[tok.start : tok.start + len(tok.raw)]
        tokens.extend(parts)
    return tokens


def _marker_tokens(word: str, base: int, page: int | None) -> list[Token]:
    if word in NULL_MARKERS and "/" not in word:
        return [Token("value", word, base, page)]
    return [
        Token("value", m.group(), base + m.start(), page) for m in re.finditer(r"/|[-\\]+", word)
    ]


def _split_word(word: str, base: int, page: int | None) -> list[Token]:
    """Split `规章000` or `3700000372.没有` into label text and value runs."""
    tokens: list[Token] = []
    pos = 0
    for m in NUMBER.finditer(word):
        s, e = m.start(), m.end()
        num = m.group("num")
        item = _ITEM_AFTER.match(word, e) and "." not in num and not m.group("unit")
        if item:
            e_val = e - 1  # the last digit numbers the next label ("2.其他…")
            if e_val <= s or num.startswith(("-", "+")):
                continue
            m_value = NUMBER.fullmatch(word[s:e_val])
            if not m_value:
                continue
            _flush_text(tokens, word, pos, s, base, page)
            tokens.append(Token("value", word[s:e_val], base + s, page, number_value(m_value)))
            pos = e_val
            continue
        if _NOT_A_VALUE_AFTER.match(word, e) or _preceded_by_label_number(word, s):
            continue
        if num.startswith(("-", "+")) and s > 0 and not word[s - 1].isspace():
            # a negative cell run into the one before it (`35-15`: 35 and -15) keeps its sign
            if not (num.startswith("-") and word[s - 1].isdigit()):
                continue
        _flush_text(tokens, word, pos, s, base, page)
        tokens.append(Token("value", word[s:e], base + s, page, number_value(m), note_of(m)))
        pos = e
    _flush_text(tokens, word, pos, len(word), base, page)
    return tokens


def _preceded_by_label_number(word: str, s: int) -> bool:
    """`第20条`, `(1)`: digits that are part of a label, not a cell."""
    return s > 0 and word[s - 1] in "第(〔["


def _flush_text(
    tokens: list[Token], word: str, a: int, b: int, base: int, page: int | None
) -> None:
    if b > a:
        tokens.append(Token("text", word[a:b], base + a, page))
