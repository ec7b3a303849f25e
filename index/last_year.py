"""The same agency's report of last year, as a tie-breaker for runs of digits.

Consecutive reports of one agency are tied by what one year hands to the next:

- 二、上年结转 this year is last year's 四、结转下年度继续办理, column by column;
- 现行有效件数 (2021 format) is last year's, plus 本年制发, less 本年废止;
- the 2019 format's 上一年项目数量 is last year's 上一年项目数量 plus its 本年增/减.

Reports break them (a revision or a lapsed document changes what is in force, an agency
miscounts), so they never make a number: among the splits of a run that keep every
identity of the report itself, last year's figures choose one only when exactly that
one keeps every relation its row takes part in. Where a report breaks the relation,
usually no split keeps it and the cells stay without a value. The audit
(`index.audit.cross_year`) reports the same relations where they are broken.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .checks import Key
from .parse import Tiebreak
from .runs import Ambiguous
from .tables import RowRead
from .template import APPLICANT_COLUMNS

# last year's values; cells without one are left out
Figures = Mapping[Key, float | int]
Term = tuple[Key, int]  # a cell and its sign in a sum


@dataclass(frozen=True)
class Relation:
    """This year's signed sum of `now` equals last year's signed sum of `then`."""

    name: str
    now: tuple[Term, ...]
    then: tuple[Term, ...]


def _relations() -> tuple[Relation, ...]:
    out = [
        Relation(
            f"carry_over.{c}", (((3, "carried_over", c), 1),), (((3, "carried_forward", c), 1),)
        )
        for c in APPLICANT_COLUMNS
    ]
    for row in ("regulations", "normative_documents"):
        cells = ((2, row, "in_force"), 1), ((2, row, "issued"), -1), ((2, row, "repealed"), 1)
        out.append(Relation(f"in_force.{row}", cells, (((2, row, "in_force"), 1),)))
    for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
        last, change = (2, row, "items_last_year"), (2, row, "items_change")
        out.append(Relation(f"items.{row}", ((last, 1),), ((last, 1), (change, 1))))
    return tuple(out)


RELATIONS = _relations()


def choose(amb: Ambiguous, previous: Figures) -> list[int] | None:
    """The one split of `amb` that keeps every relation to last year's figures
    `previous` its row takes part in; None when no relation can be checked, or when
    none or several of the splits keep them."""
    at = {k: n for n, k in enumerate(amb.keys)}
    sums = [
        (r, sum(previous[k] * sign for k, sign in r.then))
        for r in RELATIONS
        if all(k in at for k, _ in r.now) and all(k in previous for k, _ in r.then)
    ]
    if not sums:
        return None
    kept = [
        option
        for option in amb.options
        if all(sum(option[at[k]] * sign for k, sign in r.now) == then for r, then in sums)
    ]
    return kept[0] if len(kept) == 1 else None


def last_year_tiebreak(previous: Figures) -> Tiebreak:
    """A tie-breaker from the figures of the same agency's report of the year before."""

    def by_last_year(amb: Ambiguous, read: RowRead) -> list[int] | None:
        return choose(amb, previous)

    return Tiebreak("last year's report", by_last_year)
