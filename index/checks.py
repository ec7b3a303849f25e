"""The report's own arithmetic (勾稽关系, TEMPLATE.md), as data.

The same identities serve twice: to check a parsed report (a broken one is kept as
printed and flagged, never corrected), and to decide how a run of digits whose cell
separators were lost splits into cells (`index.runs`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property

from .model import Check
from .template import (
    APPLICANT_COLUMNS,
    OUTCOME_COLUMNS,
    PROCEEDINGS,
    TABLE3_RESULT_ROWS_2021,
    TABLE3_RESULT_ROWS_SINGLE_OTHER,
)

Key = tuple[int, str, str]


@dataclass(frozen=True)
class Identity:
    """`sum(left) == sum(right)`."""

    rule: str
    left: tuple[Key, ...]
    right: tuple[Key, ...]

    @cached_property
    def keys(self) -> tuple[Key, ...]:
        return self.left + self.right

    @cached_property
    def rows(self) -> frozenset[tuple[int, str]]:
        """The (table, row) pairs of its cells: a report that prints none is not checked."""
        return frozenset((t, r) for t, r, _ in self.keys)

    @cached_property
    def cells(self) -> list[str]:
        """The keys as `table.row.column`, the way a check names them."""
        return [f"{t}.{r}.{c}" for t, r, c in self.keys]


@cache
def identities(single_other_row: bool) -> tuple[Identity, ...]:
    """Every identity of TEMPLATE.md for a report of this shape (made once per shape)."""
    result_rows = TABLE3_RESULT_ROWS_SINGLE_OTHER if single_other_row else TABLE3_RESULT_ROWS_2021
    rows3 = ("received", "carried_over", *result_rows, "results_total", "carried_forward")
    out = [
        Identity(
            f"t3.row_total.{row}",
            ((3, row, "total"),),
            tuple((3, row, c) for c in APPLICANT_COLUMNS[:6]),
        )
        for row in rows3
    ]
    for col in APPLICANT_COLUMNS:
        out.append(
            Identity(
                f"t3.balance.{col}",
                ((3, "received", col), (3, "carried_over", col)),
                ((3, "results_total", col), (3, "carried_forward", col)),
            )
        )
        out.append(
            Identity(
                f"t3.results_total.{col}",
                ((3, "results_total", col),),
                tuple((3, r, col) for r in result_rows),
            )
        )
    for row in PROCEEDINGS:
        out.append(
            Identity(
                f"t4.row_total.{row}",
                ((4, row, "total"),),
                tuple((4, row, c) for c in OUTCOME_COLUMNS[:4]),
            )
        )
    return tuple(out)


def evaluate(identity: Identity, values: Mapping[Key, float | int | None]) -> Check:
    """Pass, fail, or not assessable when a cell is missing or holds no number."""
    get = values.get
    left = list(map(get, identity.left))
    right = list(map(get, identity.right))
    cells = list(identity.cells)
    if None in left or None in right:
        missing = [f"{r}.{c}" for (t, r, c) in identity.keys if get((t, r, c)) is None]
        return Check(identity.rule, "not_assessable", "no value: " + ", ".join(missing), cells)
    total_left, total_right = sum(left), sum(right)  # type: ignore[arg-type]
    ok = abs(total_left - total_right) < 1e-6
    detail = f"{_fmt(left)} {'=' if ok else '≠'} {_fmt(right)}"
    if not ok:
        detail += f" ({_num(total_left)} vs {_num(total_right)})"
    return Check(identity.rule, "pass" if ok else "fail", detail, cells)


def holds(identity: Identity, values: Mapping[Key, float | int | None]) -> bool | None:
    """True or False when every cell has a value, None otherwise."""
    left = [values.get(k) for k in identity.left]
    right = [values.get(k) for k in identity.right]
    if None in left or None in right:
        return None
    return _balanced(left, right)  # type: ignore[arg-type]


def _balanced(left: list[float | int], right: list[float | int]) -> bool:
    return abs(sum(left) - sum(right)) < 1e-6


def run_checks(
    values: Mapping[Key, float | int | None], present_rows: Iterable[tuple[int, str]]
) -> list[Check]:
    """Check every identity whose rows the report prints."""
    present = set(present_rows)
    single = (3, "other_processing") in present
    return [evaluate(i, values) for i in identities(single) if not i.rows.isdisjoint(present)]


def _fmt(values: list[float | int | None]) -> str:
    # most values are counts: str() them without a call of _num each
    return " + ".join([str(v) if type(v) is int else _num(v) for v in values])


def _num(v: float | int | None) -> str:
    if type(v) is int:
        return str(v)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
