"""A question in the views the engine reads it through, aligned to the original.

Chinese phrases are found in `compact` (NFKC, lower case, no spaces), English ones in
`words` (NFKC, lower case, single spaces). Both keep a map back to the original text
so that a span found in either can be replaced in what the person typed: that is how
an ambiguous answer builds the full question behind each candidate button.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import opencc

MAX_QUESTION_CHARS = 500
MASK = "□"  # stands for a name already read, in a masked view

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SIMPLIFY = opencc.OpenCC("t2s")
# quotation marks carry no meaning in a question (予以公开里的“其他”) and no name holds one
_QUOTES = frozenset('“”"「」『』')  # not ' and ’: Huai'an


# Short forms of English words people type in chat, read as the words they stand for
# (each written character of a short form maps back to where it was typed)
SHORT_FORMS: dict[str, str] = {
    "gov": "government",
    "govt": "government",
    "gov't": "government",
    "admin": "administrative",
    "reqs": "requests",
    "req": "request",
    "apps": "applications",
    "prev": "previous",
    "yr": "year",
    "yrs": "years",
    "fwd": "forward",
    "docs": "documents",
    "doc": "document",
    "depts": "departments",
    "dept": "department",
    "yoy": "year-on-year",
    "ogi": "foi",
    "cny": "yuan",
    "rmb": "yuan",
    "10k": "10,000",
    "sci & tech": "science and technology",
    "sci&tech": "science and technology",
    "sci-tech": "science and technology",
    "s&t": "science and technology",
    "stcsm": "shanghai science and technology commission",
    "# of": "number of",
    "no. of": "number of",
    "orgs": "organizations",
    "org": "organization",
    "thru": "through",
    "bc": "because",
    "b/c": "because",
    # and misspellings common enough to be written out the same way
    "recieve": "receive",
    "recieved": "received",
    "commision": "commission",
    "comission": "commission",
    "buro": "bureau",
    "beuro": "bureau",
}
_SHORT = re.compile(
    r"(?<![\w&#])(?:"
    + "|".join(re.escape(s) for s in sorted(SHORT_FORMS, key=len, reverse=True))
    + r")(?![\w&])"
)


def _spelled_out(words: str, pos: list[int]) -> tuple[str, list[int]]:
    """`words` with its short forms written out, and the map back to the original."""
    out: list[str] = []
    out_pos: list[int] = []
    last = 0
    for m in _SHORT.finditer(words):
        out.append(words[last : m.start()])
        out_pos.extend(pos[last : m.start()])
        full = SHORT_FORMS[m.group(0)]
        out.append(full)
        out_pos.extend(pos[m.start() + min(k, m.end() - m.start() - 1)] for k in range(len(full)))
        last = m.end()
    out.append(words[last:])
    out_pos.extend(pos[last:])
    return "".join(out), out_pos


def _norm_char(c: str) -> str:
    n = unicodedata.normalize("NFKC", c).lower()
    return n if n else c


@dataclass(frozen=True)
class Text:
    """The question as typed, plus its `compact` and `words` views and their maps."""

    original: str
    compact: str
    compact_pos: tuple[int, ...]  # compact index -> original index
    words: str
    words_pos: tuple[int, ...]  # words index -> original index (-1 for an inserted space)

    @classmethod
    def of(cls, question: str) -> Text:
        """The views of `question`, read in simplified characters (幾個申請 → 几个申请):
        traditional characters name the same things, and the lexicon is simplified."""
        simplified = _SIMPLIFY.convert(question)
        chars = simplified if len(simplified) == len(question) else question
        compact: list[str] = []
        cpos: list[int] = []
        words: list[str] = []
        wpos: list[int] = []
        for i, c in enumerate(chars):
            n = _norm_char(c)
            if n.isspace() or not n.isprintable() or n in _QUOTES:
                if words and words[-1] != " ":
                    words.append(" ")
                    wpos.append(-1)
                continue
            for ch in n:
                compact.append(ch)
                cpos.append(i)
                words.append(ch)
                wpos.append(i)
        while words and words[-1] == " ":
            words.pop()
            wpos.pop()
        spelled, spos = _spelled_out("".join(words), wpos)
        return cls(question, "".join(compact), tuple(cpos), spelled, tuple(spos))

    def view_span(self, start: int, end: int, *, view: str = "compact") -> tuple[int, int]:
        """The span of `view` holding the original characters `start:end` (the inverse
        of `original_span`): (0, 0) when none of them is in the view."""
        pos = self.compact_pos if view == "compact" else self.words_pos
        inside = [i for i, p in enumerate(pos) if start <= p < end]
        return (inside[0], inside[-1] + 1) if inside else (0, 0)

    def original_span(self, start: int, end: int, *, view: str = "compact") -> tuple[int, int]:
        """The span of the original text behind `view[start:end]`."""
        pos = self.compact_pos if view == "compact" else self.words_pos
        inside = [p for p in pos[start:end] if p >= 0]
        if not inside:
            return (0, 0)
        return inside[0], inside[-1] + 1

    def replace(self, start: int, end: int, new: str, *, view: str = "compact") -> str:
        """The original question with the text behind `view[start:end]` replaced by `new`."""
        a, b = self.original_span(start, end, view=view)
        if a == b:
            return f"{new} {self.original}".strip()
        return self.original[:a] + new + self.original[b:]

    def rewrite(self, edits: list[tuple[int, int, str, str]]) -> str:
        """The original question with several spans replaced: (start, end, view, new)."""
        spans = sorted(
            ((*self.original_span(s, e, view=view), new) for s, e, view, new in edits),
            reverse=True,
        )
        out = self.original
        last = len(out) + 1
        for a, b, new in spans:
            if a == b or b > last:
                continue
            out = out[:a] + new + out[b:]
            last = a
        return out

    def masked(self, spans: list[tuple[int, int]]) -> Text:
        """The question with the compact spans (agency names) blotted out in both views.

        Every position stays where it was, so spans found in the masked text are
        valid in this one.
        """
        if not spans:
            return self
        compact = list(self.compact)
        hidden: set[int] = set()
        for s, e in spans:
            for i in range(s, e):
                compact[i] = MASK
                hidden.add(self.compact_pos[i])
        words = [
            MASK if p in hidden else ch for ch, p in zip(self.words, self.words_pos, strict=True)
        ]
        return Text(
            self.original, "".join(compact), self.compact_pos, "".join(words), self.words_pos
        )


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def letters(text: str) -> str:
    """Only the CJK characters, letters and digits of `text`, NFKC-folded: for comparing labels."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def chinese_number(words: str) -> int | None:
    """六十四 → 64, 七百一十三 → 713, 两千 → 2000: a whole number written in Chinese
    numerals (cn2an, imported at the first one asked: most questions write digits)."""
    import cn2an

    try:
        value = cn2an.cn2an(words, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if float(value).is_integer() else None
