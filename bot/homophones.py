"""Place names typed with a character of the same sound: 平谭 for 平潭, 淮按 for 淮安,
棋江 for 綦江, 蕖县 for 渠县; and the words of the form the same way (申情 for 申请, 复意
for 复议, 诉送 for 诉讼).

Chinese is typed by pinyin, so the commonest slip in a name is a character that sounds
the same as the right one. A name not found whose pinyin is that of exactly one place an
indexed agency is in, one character apart, is read as that place, and the answer says
so (按“平潭”理解); two or more such places, or a difference of more than one
character, are left alone (the question is then asked back, as for any name not found).
Only the places of indexed agencies are candidates: a slip cannot lead to an agency the
index does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, pinyin

from index.divisions import divisions

from .agencies import AgencyIndex
from .normalize import is_cjk


@dataclass(frozen=True)
class Correction:
    start: int  # compact span of the slip
    end: int
    written: str  # 平谭
    meant: str  # 平潭


# the characters of divisions' levels: a word made of them alone names no place
LEVELS = frozenset("省市县区镇乡州盟旗村街道")


@lru_cache(maxsize=8192)
def _sounds(ch: str) -> frozenset[str]:
    """Every toneless reading of a character (綦 qi, 棋 qi; 长 chang and zhang)."""
    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


class Homophones:
    """Words (the places of an agency index, the lexicon's phrases), each under every way
    of writing it with one character unknown (平?, ?潭), so that a stretch of a question
    is matched in a few lookups however many words there are. `taken(window)` says a
    stretch is a word of its own, no slip (宜川县 is a place, not 伊川县 mistyped)."""

    def __init__(self, keys: Iterable[str], taken: Callable[[str], bool]) -> None:
        self.taken = taken
        self.lengths: set[int] = set()
        self.blanked: dict[str, list[tuple[str, int]]] = {}
        for key in keys:
            if len(key) >= 2 and all(is_cjk(c) for c in key):
                self.lengths.add(len(key))
                for i in range(len(key)):
                    self.blanked.setdefault(key[:i] + "?" + key[i + 1 :], []).append((key, i))

    def correct(self, compact: str, unread: list[tuple[int, int]]) -> Correction | None:
        """The one place a stretch of unread text (a name not found, words not
        understood) is a homophone slip of, one character off; None if none or several."""
        found: dict[str, Correction] = {}
        for length in self.lengths:
            for start in range(len(compact) - length + 1):
                end = start + length
                if not any(s < end and start < e for s, e in unread):
                    continue
                window = compact[start:end]
                if set(window) <= LEVELS:  # 各区县, 市县: levels, not a name (区县 is no 渠县)
                    continue
                for i in range(length):
                    for key, at in self.blanked.get(window[:i] + "?" + window[i + 1 :], ()):
                        if key[at] != window[at] and _sounds(key[at]) & _sounds(window[at]):
                            if not self.taken(window):  # 宜川县 is no slip for 伊川县
                                found.setdefault(key, Correction(start, end, window, key))
        # the longest place wins over its own tails (平潭综合实验区 over 平潭); several
        # different places that fit are not guessed between
        places = sorted(found.values(), key=lambda c: c.end - c.start, reverse=True)
        kept = [c for c in places if not any(_inside(c, o) for o in places if o is not c)]
        return kept[0] if len(kept) == 1 else None


def of_places(agencies: AgencyIndex) -> Homophones:
    """The places indexed agencies are in, and their offices (淮安市政俯: 政府)."""
    offices = agencies.office_forms
    return Homophones(
        [*agencies.places, *offices], lambda written: is_a_place(written) or written in offices
    )


def is_a_place(name: str) -> bool:
    """Whether the name as written is a division itself (exactly, or without its level)."""
    return any(m.start == 0 and m.end == len(name) for m in divisions().find(name, None))


def _inside(c: Correction, other: Correction) -> bool:
    return (
        other.start <= c.start
        and c.end <= other.end
        and (other.end - other.start) > (c.end - c.start)
    )
