"""Place names written in English or pinyin: Huai'an, Hongze District, Qu County, Shaanxi.

Today's divisions are keyed by the pinyin of their short names (淮安 huaian, 綦江
qijiang), with three pitfalls handled:

- pypinyin's first reading of a character is often not the place's (长治 is chang-zhi,
  read zhang-zhi; 单县 is shan, read dan): every reading is a key, but a name matched
  by its usual reading hides those matched only by a rare one (qijiang is 綦江, not
  枝江 read qi-jiang). The usual reading is taken from the full name (朝阳区 reads chao).
- One-syllable stems (渠县 qu, 西区 xi, 献县 xian) match only before a level word (Qu
  County, Xi District): alone, they are everyday syllables.
- An apostrophe or a space splits syllables: Xi'an is xi-an (西安), never 献县 xian.

When the text has capitals, a place must be capitalised (proper nouns): "the dean"
is not 德安县. English names that pinyin does not give (Shaanxi, Tibet) come from
`data/places.toml`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING

from pypinyin import Style, lazy_pinyin, pinyin

from .divisions import Mention, Place, short_forms

if TYPE_CHECKING:
    from .divisions import Division, Divisions

# English and pinyin level words, and the Chinese level characters they stand for.
LEVEL_WORDS = {
    "province": "省区",
    "city": "市",
    "municipality": "市",
    "prefecture": "州市盟区",
    "county": "县旗",
    "district": "区",
    "banner": "旗",
    "league": "盟",
    "sheng": "省",
    "shi": "市",
    "xian": "县",
    "qu": "区",
    "zhou": "州",
    "meng": "盟",
    "qi": "旗",
}
MAX_WORDS = 4
# at most this many readings of one name (a name of heteronyms multiplies them)
MAX_READINGS = 16
_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")

Reading = tuple[str, ...]


def _ascii_letters(text: str) -> str:
    """Lower-case ASCII, same length as `text`: Huái'ān → huai'an, Lüliang → lvliang, ’ → '."""
    out = []
    for c in text:
        if c in "üÜ":
            out.append("v")
        elif c in "’‘`":
            out.append("'")
        else:
            base = unicodedata.normalize("NFKD", c)[0]
            out.append(base.lower() if base.isascii() else c)
    return "".join(out)


class Romanized:
    """Today's divisions by the pinyin of their names."""

    def __init__(self, divisions: Divisions) -> None:
        self.usual: dict[str, list[tuple[Division, Reading]]] = defaultdict(list)
        self.rare: dict[str, list[tuple[Division, Reading]]] = defaultdict(list)
        self.single: dict[str, list[Division]] = defaultdict(list)
        for d in divisions.records:
            if d.last_year != divisions.last_year:
                continue
            forms = short_forms(d.name)
            if not forms and len(d.name) == 2:  # 渠县, 西区: qu, xi before a level word
                for (syllable,) in _readings(d.name[0]):
                    self.single[syllable].append(d)
            # the stem, or the whole name when it has no other (Xiqu, Quxian)
            stem = forms[0] if forms else d.name
            usual = tuple(lazy_pinyin(d.name, style=Style.NORMAL)[: len(stem)])
            self.usual["".join(usual)].append((d, usual))
            for reading in _readings(stem) - {usual}:
                self.rare["".join(reading)].append((d, reading))
        # every syllable of these names, to tell a word that is one (yuan) from a name
        self.syllables = {
            s for key in (self.usual, self.rare) for v in key.values() for _, r in v for s in r
        }
        self.english = {
            name: d
            for name, code in divisions.english.items()
            if (d := divisions.at(code)) is not None
        }

    def find(self, text: str) -> list[Mention]:
        """The places an English or pinyin text names, left to right, each with its
        candidates (huai'an: 淮安市, 淮安区 and 怀安县). A level word after a name
        (County, District, Qu) narrows it and is part of the mention."""
        low = _ascii_letters(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low)]
        capitals = any(c.isupper() for c in text)
        found: list[Mention] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                window = words[i : i + n]
                start, end = window[0][0], window[-1][1]
                if capitals and not text[start].isupper():
                    continue
                level = LEVEL_WORDS.get(words[i + n][2], "") if i + n < len(words) else ""
                hits = self._hits(window, level, text[start].isupper())
                if hits:
                    if level:
                        end = words[i + n][1]
                        n += 1
                    places = tuple(Place(d, d, "pinyin") for d in hits)
                    found.append(Mention(start, end, places, (text[start:end],)))
                    i += n - 1
                    break
            i += 1
        return found

    def _hits(
        self, window: list[tuple[int, int, str]], level: str, capital: bool
    ) -> list[Division]:
        words = [w for _, _, w in window]
        english = self.english.get(" ".join(words))
        if english:
            return [english]
        parts = [p for w in words for p in re.split(r"['-]", w)]
        key = "".join(parts)
        splits = set(itertools.accumulate(len(p) for p in parts[:-1]))
        hits: list[Division] = []
        # a word that is one syllable (yuan, xian) is that syllable, unless written as a
        # name (Xian): yuan in "10,000 yuan" is no 裕安区
        if not (len(parts) == 1 and key in self.syllables and not capital):
            hits = [d for d, r in self.usual.get(key, ()) if splits <= _bounds(r)]
            hits = hits or [d for d, r in self.rare.get(key, ()) if splits <= _bounds(r)]
        if level:
            # Xian County is 献县 (xian + county), not 西安市: the level word decides
            narrowed = [d for d in hits if d.name[-1] in level]
            if not splits:  # one syllable written as one: Xi An is never 献县
                narrowed += [d for d in self.single.get(key, ()) if d.name[-1] in level]
            hits = narrowed or hits
        return list(dict.fromkeys(hits))


def _readings(text: str) -> set[Reading]:
    """Every reading of `text` as toneless syllables, at most MAX_READINGS of them."""
    syllables = pinyin(text, style=Style.NORMAL, heteronym=True, errors="ignore")
    return set(itertools.islice(itertools.product(*syllables), MAX_READINGS))


def _bounds(reading: Reading) -> set[int]:
    """Where syllables meet in the joined reading: (huai, an) → {4}."""
    return set(itertools.accumulate(len(s) for s in reading[:-1]))
