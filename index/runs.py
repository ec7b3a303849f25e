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
from itertools import product
from math import comb, prod

from .checks import Identity, Key, holds
from .plausible import SIGNED_COLUMNS

MAX_CANDIDATES = 100_000


@dataclass
class Ambiguous:
    """A row whose runs split in more than one way: each option is one value per cell."""

    keys: list[Key]
    options: list[list[int]]
    raw: str


def cut(tokens: list[str], width: int) -> list[list[str]]:
    """Every way to split `tokens` (digit runs) into exactly `width` valid numbers.

    A part is a valid number when it has no leading zero (or is `0`). A run may start
    with a minus sign (`2648-18538` reaches us as `2648`, `-18538`): its first part is
    then negative. Runs that could be cut in more ways than `MAX_CANDIDATES` give none:
    too many fits to trust any.
    """
    total = sum(len(t.lstrip("-")) for t in tokens)
    if width > total or comb(total - 1, width - 1) > MAX_CANDIDATES:
        return []
    return list(_cut(tokens, width))


def run_options(tokens: list[str], width: int) -> list[list[int]]:
    """The splits of a row's runs into its cells, with the gaps between runs taken both
    as cell boundaries and as stray spaces inside a number (`200 000121`)."""
    found = cut(tokens, width)
    joined = _join_spaced(tokens)
    if joined != tokens:
        found += cut(joined, width)
    unique = {tuple(int(p) for p in parts) for parts in found}
    return [list(o) for o in sorted(unique)]


def splits(tokens: list[str], keys: Sequence[Key]) -> list[list[int]]:
    """The splits of a row's runs into the cells `keys`, a negative part only in a column
    that can be negative: what a row printed as `tokens` may hold. The parser decides
    among them; the audit asks whether any of them agrees with another figure."""
    return [
        o
        for o in run_options(tokens, len(keys))
        if all(v >= 0 or key[2] in SIGNED_COLUMNS for v, key in zip(o, keys, strict=True))
    ]


def _join_spaced(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        if out and not t.startswith("-"):
            out[-1] += t
        else:
            out.append(t)
    return out


def _cut(tokens: list[str], width: int) -> Iterator[list[str]]:
    if not tokens:
        if width == 0:
            yield []
        return
    first, rest = tokens[0], tokens[1:]
    min_rest = len(rest)
    max_rest = sum(len(t.lstrip("-")) for t in rest)
    for k in range(1, len(first.lstrip("-")) + 1):
        left = width - k
        if left < min_rest or left > max_rest:
            continue
        for head in _pieces(first, k):
            for tail in _cut(rest, left):
                yield head + tail


def _pieces(run: str, k: int) -> Iterator[list[str]]:
    sign = 1 if run.startswith("-") else 0
    if k == 1:
        if _valid(run[sign:]) and not (sign and run[sign:] == "0"):
            yield [run]
        return
    for i in range(sign + 1, len(run) - k + 2):
        part = run[:i]
        if not _valid(part[sign:]) or (sign and part[sign:] == "0"):
            continue
        for rest in _pieces(run[i:], k - 1):
            yield [part, *rest]


def _valid(part: str) -> bool:
    return part == "0" or not part.startswith("0")


def narrow(
    ambiguous: list[Ambiguous],
    values: dict[Key, float | int | None],
    identities: Sequence[Identity],
) -> list[str]:
    """Drop options that break an identity; fix rows left with one option into `values`.

    Each row's own identities (its total) come first. Identities across rows (column
    balances) then decide only if the report keeps every one of them that can be checked
    on the cells already known: a report whose own arithmetic is broken would make them
    pick a wrong split. Rows still open are then tried together, all combinations of
    their options, and a row is fixed when only one of its options survives. Returns
    notes on what could not be used.
    """
    for amb in ambiguous:
        own = [i for i in identities if set(i.keys) <= set(amb.keys)]
        amb.options = _keep_own(amb, own)
    _fix_single(ambiguous, values)
    across = [i for i in identities if not any(set(i.keys) <= set(a.keys) for a in ambiguous)]
    broken = [i.rule for i in across if holds(i, values) is False]
    if broken:
        return [
            f"the report breaks its own identities ({', '.join(broken)}), so they do not "
            "decide how its runs split"
        ]
    progress = True
    while progress and ambiguous:
        progress = False
        for amb in list(ambiguous):
            relevant = [i for i in across if set(i.keys) & set(amb.keys)]
            kept = [opt for opt in amb.options if _consistent(amb.keys, opt, values, relevant)]
            if len(kept) != len(amb.options):
                amb.options = kept
                progress = True
        progress |= _fix_single(ambiguous, values)
        if not progress:
            progress = _jointly(ambiguous, values, across)
    return []


def _fix_single(ambiguous: list[Ambiguous], values: dict[Key, float | int | None]) -> bool:
    fixed = [a for a in ambiguous if len(a.options) == 1]
    for amb in fixed:
        values.update(zip(amb.keys, amb.options[0], strict=True))
        ambiguous.remove(amb)
    return bool(fixed)


MAX_COMBINATIONS = 20_000


def _jointly(
    ambiguous: list[Ambiguous],
    values: dict[Key, float | int | None],
    identities: Sequence[Identity],
) -> bool:
    """Try the open rows' options together (`予以公开270020130` fits its own total two
    ways; only one keeps every column's balance once the other rows are known too)."""
    sizes = [len(a.options) for a in ambiguous]
    if len(ambiguous) < 2 or prod(sizes) > MAX_COMBINATIONS:
        return False
    keys = {k for a in ambiguous for k in a.keys}
    relevant = [i for i in identities if set(i.keys) & keys]
    survivors: list[tuple[list[int], ...]] = []
    for combo in product(*(a.options for a in ambiguous)):
        trial = dict(values)
        for amb, option in zip(ambiguous, combo, strict=True):
            trial.update(zip(amb.keys, option, strict=True))
        if all(holds(i, trial) is not False for i in relevant):
            survivors.append(combo)
    progress = False
    for n, amb in enumerate(ambiguous):
        kept = [list(o) for o in {tuple(c[n]) for c in survivors}]
        if len(kept) < len(amb.options):
            amb.options = sorted(kept)
            progress = True
    return _fix_single(ambiguous, values) or progress


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


def common_cells(amb: Ambiguous) -> dict[Key, int]:
    """Cells every remaining split of a row agrees on (`2648-18538` is 2648 then one of
    -1 8538, -18 538, …: the 2648 is certain)."""
    if not amb.options:
        return {}
    return {
        key: amb.options[0][n]
        for n, key in enumerate(amb.keys)
        if all(o[n] == amb.options[0][n] for o in amb.options)
    }


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
