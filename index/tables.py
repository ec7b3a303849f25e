"""Read a table's figures from the token stream, one template `Line` at a time.

Each row is found by its label (the `Line`'s anchors, searched in the label text that
precedes a run of values), then takes the values that follow it, across line and page
breaks and past label fragments (`形，不计其他情形）`), until it has as many as the
template says it prints or another row's label begins. Nothing is placed by counting
numbers from the top of the table, so a missing row or a blank cell shifts nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz

from .normalize import squeeze
from .template import HEADER_ANCHORS, INTERLEAVED_HEADERS, SUBTABLE_START, Line, cells_named
from .tokens import Token

FUZZY_CUTOFF = 80


@dataclass
class Segment:
    """Label text (as printed, and squeezed for matching) and the values after it.

    `kind` says how far the label can be trusted to own the values: `text` (running
    text), `row` (one grid row: its own label cells and its cells), `bare` (a grid row
    with no label cell, after whatever label text came before it), `loose` (label text
    printed apart from any numbers, just before a grid row).
    """

    label: str
    squeezed: str
    values: list[Token]
    starts: list[int] = field(default_factory=list)  # where each text token begins in `label`
    kind: str = "text"


@dataclass
class RowRead:
    """What was read for one template line: its printed label and value tokens."""

    line: Line
    label: str
    tokens: list[Token] = field(default_factory=list)
    context: str = ""  # all the label text before the values, headers included (units)
    by_order: bool = False  # placed by row order, not by a label (`index.orphans`)
    # earlier rows named in the same label text, before these values (labels before numbers)
    named_before: list[int] = field(default_factory=list)
    # why the values cannot be this row's though they follow its label (said in a warning)
    doubt: str = ""

    @property
    def width(self) -> int:
        return len(self.line.cells)


def segments(tokens: list[Token]) -> list[Segment]:
    """Cut the stream into label text and the values after it.

    A grid row that has label cells of its own starts a segment of its own, so label
    text printed before it (a loose line, a header row) never takes its values.
    """
    out: list[Segment] = []
    label: list[str] = []
    values: list[Token] = []
    kind = "text"
    own_from = 0  # where the current grid row's own label cells begin in `label`

    def flush(as_kind: str, upto: int | None = None) -> None:
        out.append(_segment(label[:upto], values if upto is None else [], as_kind))

    for tok in tokens:
        if tok.row_start:
            if values:
                flush(kind)
                label, values = [], []
            kind = "row" if tok.kind == "text" else "bare"
            own_from = len(label)
        elif kind != "text" and not tok.from_grid:
            if label or values:
                flush(kind if values else "loose")
            label, values, kind, own_from = [], [], "text", 0
        if tok.kind == "text":
            if values:
                flush(kind)
                label, values, own_from = [], [], 0
            label.append(tok.raw)
            continue
        if kind == "row" and own_from and not values:
            flush("loose", own_from)  # header rows and loose lines before the row's own label
            label, own_from = label[own_from:], 0
        values.append(tok)
    if label or values:
        flush(kind)
    return out


def _segment(label: list[str], values: list[Token], kind: str) -> Segment:
    parts = ["".join(t.split()) for t in label]
    starts = [0, *accumulate(len(p) for p in parts)][:-1] if parts else []
    return Segment("".join(parts), squeeze("".join(label)), values, starts, kind)


def _matches(squeezed: str, lines: tuple[Line, ...], start: int) -> list[tuple[int, int]]:
    """(position in the label, line index) of every line from `start` whose anchor matches."""
    found = []
    for li in range(start, len(lines)):
        pattern = lines[li].pattern
        if not pattern.search(squeezed):
            continue
        # the rightmost mention: a sub-heading (（一）主动公开规章及规范性文件情况) may
        # name rows before the label that the numbers follow
        found.append((max(m.start() for m in pattern.finditer(squeezed)), li))
    found.sort()
    return found


def _fuzzy(squeezed: str, lines: tuple[Line, ...], start: int) -> list[tuple[int, int]]:
    """A misspelt label (其他法律行政止公开) among the next few expected rows, or nothing."""
    best: tuple[float, int, int] | None = None
    for li in range(start, min(start + 3, len(lines))):
        core = lines[li].core
        if len(core) < 4:
            continue
        found = fuzz.partial_ratio_alignment(core, squeezed, score_cutoff=FUZZY_CUTOFF)
        if found and (best is None or found.score > best[0]):
            best = (found.score, found.dest_start, li)
    return [(best[1], best[2])] if best else []


@dataclass
class Orphan:
    """Values whose row cannot be told from a label: a grid row without a label of its own,
    numbers after a full row, or numbers after several row labels printed together."""

    after: int  # how many rows were read before it, in reading order
    tokens: list[Token]


@dataclass
class Rows:
    """What `read_rows` found in one table."""

    reads: list[RowRead] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_rows(
    tokens: list[Token], lines: tuple[Line, ...], table: int, by_order: bool = False
) -> Rows:
    """The rows of one table found in `tokens`, and warnings about what did not fit.

    A row whose label is printed with no numbers after it is read with no tokens: its
    cells are figures without a value, as the report prints them. With `by_order` (a
    table whose identities can confirm a row order), values that no label owns are kept
    as orphans for `index.orphans` instead of being dropped.
    """
    found = Rows()
    reads = found.reads
    next_line = 0
    current: RowRead | None = None

    def overflow(values: list[Token], after: str) -> None:
        if by_order:
            if values:
                found.orphans.append(Orphan(len(reads), values))
        elif values:
            found.warnings.append(
                f"numbers after row {after} that belong to no row: "
                + " ".join(t.raw for t in values)
            )

    for seg in segments(tokens):
        if seg.kind == "loose" or (seg.kind == "bare" and by_order):
            if seg.values:
                overflow(seg.values, current.line.row if current else "none")
            continue
        if seg.kind == "row":
            read = _own_row(seg, lines, reads, next_line)
            if read is None:
                overflow(seg.values, current.line.row if current else "none")
                continue
            reads.append(read)
            next_line = max(next_line, lines.index(read.line) + 1)
            current = None
            continue
        hits = _matches(seg.squeezed, lines, next_line) if seg.squeezed else []
        if (
            not hits
            and seg.values
            and seg.squeezed
            and (current is None or len(current.tokens) >= current.width)
        ):
            hits = _fuzzy(seg.squeezed, lines, next_line)
        if hits:
            last_pos, last = hits[-1]
            if lines[last].needs_values and not seg.values:
                next_line = last + 1
                current = None
                continue
            # rows named before another in the same label text were printed without numbers
            earlier = [
                (pos, li) for pos, li in hits[:-1] if not lines[li].needs_values and li < last
            ]
            reads.extend(
                RowRead(lines[li], _label_from(seg, pos), [], seg.squeezed) for pos, li in earlier
            )
            label = _label_from(seg, last_pos)
            current = RowRead(lines[last], label, [], seg.squeezed)
            current.named_before = [
                li for pos, li in earlier if not _SUBTABLE.search(seg.squeezed[pos:last_pos])
            ]
            current.doubt = _foreign_columns(seg.squeezed[last_pos:], lines[last], table)
            reads.append(current)
            next_line = last + 1
            overflow(_take(current, seg.values, by_order), current.line.row)
            continue
        if current is not None and len(current.tokens) < current.width:
            grid = any(t.from_grid for t in seg.values)
            if seg.values and not grid and _INTERLEAVED[table].search(seg.squeezed):
                current.doubt = current.doubt or (
                    f"header words ({seg.label[:20]}) are printed between its numbers"
                )
            overflow(_take(current, seg.values, by_order), current.line.row)
        elif seg.values:
            overflow(seg.values, current.line.row if current else "none")
    for read in reads:
        if len(read.tokens) > read.width and not read.tokens[0].from_grid:
            extra = read.tokens[read.width :]
            found.warnings.append(
                f"row {read.line.row}: more numbers than cells; ignored "
                + " ".join(t.raw for t in extra)
            )
            del read.tokens[read.width :]
    _doubted(found, table, by_order)
    _labels_before_numbers(found, lines, table, by_order)
    # a row named in a sub-heading or a sentence and then printed with numbers is the latter
    later = {id(r): {x.line.row for x in reads[k + 1 :] if x.tokens} for k, r in enumerate(reads)}
    found.reads = [r for r in reads if r.tokens or r.line.row not in later[id(r)]]
    return found


def _take(read: RowRead, values: list[Token], by_order: bool) -> list[Token]:
    """Give `read` the values it still lacks; return the rest when they can be orphans."""
    if not by_order:
        read.tokens.extend(values)
        return []
    room = read.width - len(read.tokens)
    read.tokens.extend(values[:room])
    return values[room:]


def _own_row(
    seg: Segment, lines: tuple[Line, ...], reads: list[RowRead], next_line: int
) -> RowRead | None:
    """A grid row read by its own label cells, wherever it stands in the table.

    Converted tables print rows out of the template's order (table 2's loose lines
    before its markdown rows), and a grid row's label is its own, so any row not yet
    read may match. A row whose label matches none is not attached to another row.
    """
    done = {lines.index(r.line) for r in reads if r.tokens}
    hits = [(pos, li) for pos, li in _matches(seg.squeezed, lines, 0) if li not in done]
    hits = [(pos, li) for pos, li in hits if seg.values or not lines[li].needs_values]
    if not hits and seg.values and seg.squeezed:
        hits = [(pos, li) for pos, li in _fuzzy(seg.squeezed, lines, next_line) if li not in done]
    if not hits:
        return None
    pos, li = hits[-1]
    return RowRead(
        lines[li], _label_from(seg, pos), trim_edges(seg.values, lines[li]), seg.squeezed
    )


def trim_edges(values: list[Token], line: Line) -> list[Token]:
    """A grid row's values without the blank cells at its ends that cannot be cells of
    `line`: when exactly one way of dropping edge cells leaves as many values as the row
    has cells, that one; otherwise the values as they are."""
    extra = len(values) - len(line.cells)
    if extra <= 0:
        return list(values)
    fits = [
        k
        for k in range(extra + 1)
        if all(t.edge for t in values[:k])
        and all(t.edge for t in values[len(values) - (extra - k) :])
    ]
    if len(fits) != 1:
        return list(values)
    k = fits[0]
    return values[k : len(values) - (extra - k)]


def _labels_before_numbers(
    found: Rows, lines: tuple[Line, ...], table: int, by_order: bool
) -> None:
    """Several row labels printed together, then numbers (column-wise extraction): the
    numbers cannot be told to be the last label's when an earlier one got none.

    With `by_order` the numbers become orphans that `index.orphans` may place.
    """
    have = {r.line.row for r in found.reads if r.tokens}
    for k, read in enumerate(found.reads):
        unread = [lines[li].row for li in read.named_before if lines[li].row not in have]
        if not unread or not read.tokens:
            continue
        rows = ", ".join([*unread, read.line.row])
        found.warnings.append(
            f"labels of rows {rows} are printed together before their numbers, so which "
            f"numbers are whose cannot be told: cells {cells_named(table, read.line.cells)} "
            "are not read by their label"
        )
        if by_order:
            found.orphans.append(Orphan(k, read.tokens))
        read.tokens = []
        read.doubt = "its label is printed together with others before their numbers"


def _doubted(found: Rows, table: int, by_order: bool) -> None:
    """Rows whose numbers follow their label but cannot be theirs: left without values."""
    for k, read in enumerate(found.reads):
        if not read.doubt or not read.tokens:
            continue
        found.warnings.append(
            f"row {read.line.row}: {read.doubt}; cells {cells_named(table, read.line.cells)} "
            "are left without values"
        )
        if by_order:
            found.orphans.append(Orphan(k, read.tokens))
        read.tokens = []


_SUBTABLE = re.compile(SUBTABLE_START)
_INTERLEAVED = {t: re.compile(p) for t, p in INTERLEAVED_HEADERS.items()}


@lru_cache(maxsize=8)
def _column_words(table: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((k, re.compile(p.strip("^$"))) for k, p in HEADER_ANCHORS.get(table, ()))


@lru_cache(maxsize=8)
def _any_column_word(table: int) -> re.Pattern[str]:
    """Every column word of the table in one pattern: most labels hold none, and one
    search says so where a search per column did."""
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in _column_words(table)) or "(?!)")


def _foreign_columns(after_label: str, line: Line, table: int) -> str:
    """Header words after a row's label that name columns the row does not have
    (`行政许可 … 本年制发件数 本年废止件数 … 1 8`): the numbers are another row's."""
    if not _any_column_word(table).search(after_label):
        return ""
    own = {c for _, c in line.cells}
    named = [k for k, p in _column_words(table) if p.search(after_label) and k not in own]
    if not named:
        return ""
    return f"its numbers follow the header of other columns ({', '.join(named)})"


_NUMBERING = re.compile(r"(?:\d{1,2}[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")


def _label_from(seg: Segment, pos: int) -> str:
    """The row's own printed label: from the word (cell, line) holding the anchor, or the
    numbering just before it, to the end; group labels and headers before it are dropped."""
    if len(seg.label) != len(seg.squeezed) or not seg.starts:
        return seg.label
    k = bisect_right(seg.starts, pos) - 1  # the last word starting at or before `pos`
    start = seg.starts[k]
    word = seg.squeezed[start:pos]
    numbered = [m.start() for m in _NUMBERING.finditer(word) if len(word) - m.start() <= 14]
    if numbered:
        start += numbered[-1]
    elif k and _NUMBERING.fullmatch(seg.squeezed[seg.starts[k - 1] : start]):
        start = seg.starts[k - 1]
    return seg.label[start:]
