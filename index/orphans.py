"""Rows printed without a label of their own, placed by row order, and only when the
report's identities confirm it.

Tables converted from PDF (markdown, OCR, text extraction in reading order) keep a
table's rows in order but lose some row labels: the label is printed as a loose line
elsewhere, or all labels come before all numbers. Such values ("orphans") are placed
into the rows missing between the two rows read by label around them, in order, when
they fill those rows exactly. The placement then has to pass every identity resting
on the placed cells (`confirm`); otherwise the cells are left without values and said.
"""

from __future__ import annotations

from collections.abc import Sequence

from .checks import holds, identities
from .model import Figure
from .tables import Orphan, RowRead, Rows, trim_edges
from .template import Line, cells_named, row_label

SINGLE_OTHER = "other_processing"


def place(found: Rows, lines: tuple[Line, ...], table: int) -> list[str]:
    """Put orphans into the rows missing between their neighbours; return warnings."""
    warnings: list[str] = []
    groups: dict[tuple[int, int], list[Orphan]] = {}
    for orphan in found.orphans:
        orphan.tokens = trim_edges(orphan.tokens, lines[0])
        bounds = _bounds(found.reads, orphan.after, lines)
        groups.setdefault(bounds, []).append(orphan)
    read = {r.line.row for r in found.reads if r.tokens}
    width = len(lines[0].cells)
    for (before, after), group in groups.items():
        tokens = [t for o in group for t in o.tokens]
        if all(t.value is None for t in tokens):
            continue  # placeholder rows (`| - | - |`): nothing printed, nothing lost
        missing = _missing(lines, before, after, read, len(tokens) // width)
        fits = (
            before >= 0
            and after < len(lines)
            and missing
            and len(tokens) == width * len(missing)
            and all(len(o.tokens) % width == 0 for o in group)
        )
        if not fits:
            where = _where(lines, before, after)
            warnings.append(
                f"table {table}: {len(tokens)} numbers printed without a row label {where} "
                f"({' '.join(t.raw for t in tokens)}) fit no missing rows; they are not "
                f"read{_and_rows(table, missing)}"
            )
            continue
        for k, line in enumerate(missing):
            chunk = tokens[k * width : (k + 1) * width]
            found.reads.append(RowRead(line, row_label(table, line.row), chunk, by_order=True))
        rows = ", ".join(f"{table}.{line.row}" for line in missing)
        warnings.append(
            f"table {table}: rows {rows} are printed without their labels "
            f"{_where(lines, before, after)}; placed by row order, to be confirmed by the "
            "report's identities"
        )
    filled = {r.line.row for r in found.reads if r.by_order}
    found.reads = [r for r in found.reads if r.tokens or r.line.row not in filled]
    found.orphans = []
    return warnings


def _bounds(reads: list[RowRead], after: int, lines: tuple[Line, ...]) -> tuple[int, int]:
    """Template indices of the rows read by label just before and after position `after`."""
    before = [lines.index(r.line) for r in reads[:after] if r.tokens and not r.by_order]
    later = [lines.index(r.line) for r in reads[after:] if r.tokens and not r.by_order]
    return (before[-1] if before else -1, later[0] if later else len(lines))


def _missing(
    lines: tuple[Line, ...], before: int, after: int, read: set[str], rows: int
) -> list[Line]:
    """The rows between two indices that were not read, in the report's own shape: the
    single （六）其他处理 row or its three sub-rows, whichever the report prints, or,
    when no row says which, the one shape the `rows` orphaned rows fill exactly."""
    between = [ln for ln in lines[before + 1 : after] if ln.row not in read]
    single = [ln for ln in between if not ln.row.startswith("other_") or ln.row == SINGLE_OTHER]
    split = [ln for ln in between if ln.row != SINGLE_OTHER]
    if SINGLE_OTHER in read:
        return single
    if any(r.startswith("other_") for r in read):
        return split
    fitting = [shape for shape in (single, split) if len(shape) == rows]
    return fitting[0] if len(fitting) == 1 else split if single == split else []


def _where(lines: tuple[Line, ...], before: int, after: int) -> str:
    first = lines[before].row if before >= 0 else "the table's start"
    last = lines[after].row if after < len(lines) else "the table's end"
    return f"between rows {first} and {last}"


def _and_rows(table: int, missing: Sequence[Line]) -> str:
    if not missing:
        return ""
    cells = tuple(cell for line in missing for cell in line.cells)
    return f", and cells {cells_named(table, cells)} have no values"


def confirm(figures: list[Figure], placed: set[tuple[int, str]], warnings: list[str]) -> None:
    """Keep rows placed by order only when every identity resting on them holds.

    An identity not assessable (a blank cell) cannot confirm anything either.
    """
    if not placed:
        return
    values = {(f.table, f.row, f.column): f.value for f in figures}
    single = any(f.row == SINGLE_OTHER for f in figures)
    resting = [i for i in identities(single) if any((t, r) in placed for t, r, _ in i.keys)]
    broken = [i.rule for i in resting if holds(i, values) is not True]
    if not broken:
        return
    cells = [f for f in figures if (f.table, f.row) in placed]
    for f in cells:
        f.value = None
    named = ", ".join(
        cells_named(t, tuple((f.row, f.column) for f in cells if f.table == t))
        for t in sorted({t for t, _ in placed})
    )
    warnings.append(
        f"cells {named} were placed by row order, but identities {', '.join(broken)} do "
        "not confirm it; they are left without values"
    )
