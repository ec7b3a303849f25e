"""Read a table's figures from the token stream, one template `Line` at a time.

Each row is found by its label (the `Line`'s anchors, searched in the label text that
precedes a run of values), then takes the values that follow it, across line and page
breaks and past label fragments (`形，不计其他情形）`), until it has as many as the
template says it prints or another row's label begins. Nothing is placed by counting
numbers from the top of the table, so a missing row or a blank cell shifts nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz

from .normalize import squeeze
from .template import Line
from .tokens import Token

FUZZY_CUTOFF = 80


@dataclass
class Segment:
    """Label text (as printed, and squeezed for matching) and the values after it."""

    label: str
    squeezed: str
    values: list[Token]
    starts: list[int] = field(default_factory=list)  # where each text token begins in `label`


@dataclass
class RowRead:
    """What was read for one template line: its printed label and value tokens."""

    line: Line
    label: str
    tokens: list[Token] = field(default_factory=list)
    context: str = ""  # all the label text before the values, headers included (units)

    @property
    def width(self) -> int:
        return len(self.line.cells)


def segments(tokens: list[Token]) -> list[Segment]:
    out: list[Segment] = []
    label: list[str] = []
    values: list[Token] = []
    for tok in tokens:
        if tok.kind == "text":
            if values:
                out.append(_segment(label, values))
                label, values = [], []
            label.append(tok.raw)
        else:
            values.append(tok)
    if label or values:
        out.append(_segment(label, values))
    return out


def _segment(label: list[str], values: list[Token]) -> Segment:
    parts = ["".join(t.split()) for t in label]
    starts = [0, *accumulate(len(p) for p in parts)][:-1] if parts else []
    return Segment("".join(parts), squeeze("".join(label)), values, starts)


@lru_cache(maxsize=512)
def _pattern(anchors: tuple[str, ...]) -> re.Pattern[str]:
    """A line's anchors as one pattern: one search per line instead of one per anchor."""
    return re.compile("|".join(f"(?:{a})" for a in anchors))


def _matches(squeezed: str, lines: tuple[Line, ...], start: int) -> list[tuple[int, int]]:
    """(position in the label, line index) of every line from `start` whose anchor matches."""
    found = []
    for li in range(start, len(lines)):
        pattern = _pattern(lines[li].anchors)
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


def read_rows(tokens: list[Token], lines: tuple[Line, ...]) -> tuple[list[RowRead], list[str]]:
    """The rows of one table found in `tokens`, and warnings about what did not fit.

    A row whose label is printed with no numbers after it is read with no tokens: its
    cells are figures without a value, as the report prints them.
    """
    reads: list[RowRead] = []
    warnings: list[str] = []
    next_line = 0
    current: RowRead | None = None
    for seg in segments(tokens):
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
            reads.extend(
                RowRead(lines[li], _label_from(seg, pos), [], seg.squeezed)
                for pos, li in hits[:-1]
                if not lines[li].needs_values and li < last
            )
            label = _label_from(seg, last_pos)
            current = RowRead(lines[last], label, list(seg.values), seg.squeezed)
            reads.append(current)
            next_line = last + 1
            continue
        if current is not None and len(current.tokens) < current.width:
            current.tokens.extend(seg.values)
        elif seg.values and current is not None:
            warnings.append(
                f"numbers after row {current.line.row} that belong to no row: "
                + " ".join(t.raw for t in seg.values)
            )
    for read in reads:
        if len(read.tokens) > read.width:
            extra = read.tokens[read.width :]
            warnings.append(
                f"row {read.line.row}: more numbers than cells; ignored "
                + " ".join(t.raw for t in extra)
            )
            del read.tokens[read.width :]
    # a row named in a sub-heading or a sentence and then printed with numbers is the latter
    later = {id(r): {x.line.row for x in reads[k + 1 :] if x.tokens} for k, r in enumerate(reads)}
    return [r for r in reads if r.tokens or r.line.row not in later[id(r)]], warnings


_NUMBERING = re.compile(r"(?:\d{1,2}[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")


def _label_from(seg: Segment, pos: int) -> str:
    """The row's own printed label: from the word (cell, line) holding the anchor, or the
    numbering just before it, to the end; group labels and headers before it are dropped."""
    if len(seg.label) != len(seg.squeezed) or not seg.starts:
        return seg.label
    k = max(i for i, start in enumerate(seg.starts) if start <= pos)
    start = seg.starts[k]
    word = seg.squeezed[start:pos]
    numbered = [m.start() for m in _NUMBERING.finditer(word) if len(word) - m.start() <= 14]
    if numbered:
        start += numbered[-1]
    elif k and _NUMBERING.fullmatch(seg.squeezed[seg.starts[k - 1] : start]):
        start = seg.starts[k - 1]
    return seg.label[start:]
