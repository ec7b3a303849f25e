"""Split digit runs whose cell separators were lost (`713000074` → 71 3 0 0 0 0 74).

Crawled web pages often keep a table row's digits and drop the gaps between cells.
Every way of cutting the run into the row's cells is a candidate; the report's own
identities (row totals, column balances) and, for table 2, the figures its narrative
states choose among them. When more than one candidate survives nothing is guessed:
the cells stay without a value and a warning says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import comb

from .checks import Identity, Key, holds

MAX_CANDIDATES = 100_000


@dataclass
class Ambiguous:
    """A row whose runs split in more than one way: each option is one value per cell."""

    keys: list[Key]
    options: list[list[int]]
    raw: str


def cut(tokens: list[str], width: int) -> list[list[str]]:
    """Every way to split `tokens` (digit runs) into exactly `width` valid numbers.

    A part is a valid number when it has no leading zero (or is `0`). Runs that could
    be cut in more ways than `MAX_CANDIDATES` give none: too many fits to trust any.
    """
    total = sum(len(t) for t in tokens)
    if width > total or comb(total - 1, width - 1) > MAX_CANDIDATES:
        return []
    return list(_cut(tokens, width))


def _cut(tokens: list[str], width: int) -> Iterator[list[str]]:
    if not tokens:
        if width == 0:
            yield []
        return
    first, rest = tokens[0], tokens[1:]
    min_rest = len(rest)
    max_rest = sum(len(t) for t in rest)
    for k in range(1, len(first) + 1):
        left = width - k
        if left < min_rest or left > max_rest:
            continue
        for head in _pieces(first, k):
            for tail in _cut(rest, left):
                yield head + tail


def _pieces(run: str, k: int) -> Iterator[list[str]]:
    if k == 1:
        if _valid(run):
            yield [run]
        return
    for i in range(1, len(run) - k + 2):
        part = run[:i]
        if not _valid(part):
            continue
        for rest in _pieces(run[i:], k - 1):
            yield [part, *rest]


def _valid(part: str) -> bool:
    return part == "0" or not part.startswith("0")


def narrow(
    ambiguous: list[Ambiguous],
    values: dict[Key, float | int | None],
    identities: Sequence[Identity],
) -> None:
    """Drop options that break an identity; fix rows left with one option into `values`.

    Repeats while a fixed row lets another be decided (column identities need the
    other rows' cells).
    """
    progress = True
    while progress and ambiguous:
        progress = False
        for amb in list(ambiguous):
            relevant = [i for i in identities if set(i.keys) & set(amb.keys)]
            kept = _keep_own(amb, [i for i in relevant if set(i.keys) <= set(amb.keys)])
            kept = [opt for opt in kept if _consistent(amb.keys, opt, values, relevant)]
            if len(kept) != len(amb.options):
                amb.options = kept
                progress = True
            if len(amb.options) == 1:
                values.update(zip(amb.keys, amb.options[0], strict=True))
                ambiguous.remove(amb)
                progress = True


def _keep_own(amb: Ambiguous, own: list[Identity]) -> list[list[int]]:
    """Options that keep the identities within the row itself (its total), checked by position.

    This cheap pass runs first because a long run has tens of thousands of options.
    """
    at = {k: n for n, k in enumerate(amb.keys)}
    sides = [([at[k] for k in i.left], [at[k] for k in i.right]) for i in own]
    return [
        o
        for o in amb.options
        if all(sum(o[a] for a in left) == sum(o[b] for b in right) for left, right in sides)
    ]


def _consistent(
    keys: list[Key],
    option: list[int],
    values: dict[Key, float | int | None],
    identities: Sequence[Identity],
) -> bool:
    trial = {**values, **dict(zip(keys, option, strict=True))}
    return all(holds(i, trial) is not False for i in identities)


_NUMBER_IN_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:件|条|项|个|篇|份)")


def prefer_stated(amb: Ambiguous, narrative: str, anchors: tuple[str, ...]) -> list[int] | None:
    """The option whose cells the narrative states in sentences about the row.

    Table 2 has no identity; reports usually say the same figures in words
    ("现行有效行政规范性文件698件"). Only clauses that mention the row count; an option
    is confirmed when all its cells but one are stated, and exactly one must be.
    """
    stated: set[int] = set()
    for clause in re.split(r"[。；;，,]", narrative):
        if any(re.search(a, clause) for a in anchors):
            stated.update(int(float(n)) for n in _NUMBER_IN_TEXT.findall(clause))
    if not stated:
        return None
    # all cells but one must be stated, so a lone small number (3条) decides nothing
    confirmed = [opt for opt in amb.options if sum(v in stated for v in opt) >= len(opt) - 1]
    return confirmed[0] if len(confirmed) == 1 else None
