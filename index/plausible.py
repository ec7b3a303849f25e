"""Values no report can mean: kept as printed, without a value, and said.

A figure the parser read but that cannot be what the report means is worse than a
blank: it is summed, ranked and quoted. Two such readings are caught here, after the
tables are read and before the identities are checked, so that an identity resting on
one is not assessable rather than failed or passed by accident:

- a number too large to be a count or an amount (a run of digits that lost its
  separators, or a stray serial number): SQLite cannot even hold one of 20 digits, and
  one of 16 is no longer exact in the REAL column;
- a negative number where the template has no negative figures (only the 2019 format's
  增/减 column may be below zero).
"""

from __future__ import annotations

from .model import Figure

# No agency makes more than a trillion decisions or collects a trillion 万元; above this
# a float also stops holding every integer exactly (2**53 ≈ 9e15).
LARGEST = 10**12

SIGNED_COLUMNS = frozenset({"items_change"})


def unreadable_reason(figure: Figure) -> str | None:
    """Why `figure`'s value cannot be the one the report means, or None when it can be."""
    value = figure.value
    if value is None:
        return None
    if abs(value) > LARGEST:
        return "too large to be a count or an amount"
    if value < 0 and figure.column not in SIGNED_COLUMNS:
        return "a count cannot be negative"
    return None


def guard(figures: list[Figure], warnings: list[str]) -> None:
    """Leave implausible values out (the printed text stays in `raw`), with a warning each."""
    for figure in figures:
        reason = unreadable_reason(figure)
        if reason is None:
            continue
        warnings.append(
            f"table {figure.table}: {figure.table}.{figure.row}.{figure.column} is printed as "
            f"'{figure.raw}', {reason}; it is left without a value"
        )
        figure.value = None
