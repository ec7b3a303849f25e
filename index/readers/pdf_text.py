"""pdfplumber's text of a table cell and of a page's lines, built directly.

pdfplumber's `extract_text` and `Page.extract_text_lines` make a `WordExtractor`, a dict
with a box for every word and a `TextMap` pairing every letter with its character, then
search the text map with a regular expression; for a report's three hundred cells, most
of them a word or two, and its pages' lines, that machinery cost more than the work.
Here the same steps run on upright characters of one letter each (what PDFium gives; any
other characters go to pdfplumber): the characters in lines, their tops chained within
the y tolerance; each line's by x0; words cut at blanks and at gaps past the x tolerance;
the words again in lines by their tops. tests/test_pdf_text.py holds both to pdfplumber.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any, TypeVar

from pdfplumber.page import Page
from pdfplumber.utils import extract_text
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

_T = TypeVar("_T")
Char = dict[str, Any]
Word = tuple[float, str]  # the word's top (its highest character's) and its text
_TOP = itemgetter("top")
_X0 = itemgetter("x0")
_WORD_TOP = itemgetter(0)


def cell_text(chars: list[Char]) -> str:
    """`extract_text(chars)` with no options: the words in lines by their tops, a space
    between words and a newline between lines."""
    words = _words(chars)
    if words is None:
        return extract_text(chars)
    lines = _clusters(words, _WORD_TOP, DEFAULT_Y_TOLERANCE)
    return "\n".join(" ".join(text for _, text in line) for line in lines)


def text_lines(page: Page) -> list[Word]:
    """The top and text of each line `page.extract_text_lines()` finds, stripped: the
    words cut into lines where their order goes to another line (pdfplumber takes the
    words as sorted)."""
    words = _words(page.chars)
    if words is None:
        return [
            (line["top"], text)
            for line in page.extract_text_lines()
            if (text := line["text"].strip())
        ]
    cluster = _cluster_of(words, _WORD_TOP, DEFAULT_Y_TOLERANCE)
    lines = []
    for _, group in groupby(words, lambda word: cluster[word[0]]):
        line = list(group)
        lines.append((min(map(_WORD_TOP, line)), " ".join(text for _, text in line)))
    return lines


def _words(chars: list[Char]) -> list[Word] | None:
    """pdfplumber's words of `chars`, in its order; None unless every character is upright
    and of one letter (pdfplumber reads turned text in other directions, and a text map
    of several letters a character, a blank or a newline among them, is not cut as words)."""
    if any(char["upright"] is not True or len(char["text"]) != 1 for char in chars):
        return None
    words: list[Word] = []
    word: list[Char] = []
    for line in _clusters(chars, _TOP, DEFAULT_Y_TOLERANCE):
        line.sort(key=_X0)
        for char in line:
            if char["text"].isspace():
                _close(word, words)
            elif word and (
                char["x0"] < (last := word[-1])["x0"]
                or char["x0"] > last["x1"] + DEFAULT_X_TOLERANCE
                or abs(char["top"] - last["top"]) > DEFAULT_Y_TOLERANCE
            ):
                _close(word, words)
                word.append(char)
            else:
                word.append(char)
        _close(word, words)
    return words


def _close(word: list[Char], words: list[Word]) -> None:
    """Add the characters of `word`, if any, to `words` as a word, and empty it."""
    if word:
        text = "".join(LIGATURES.get(char["text"], char["text"]) for char in word)
        words.append((min(map(_TOP, word)), text))
        word.clear()


def _clusters(items: list[_T], key: Callable[[_T], float], tolerance: float) -> list[list[_T]]:
    """pdfplumber's `cluster_objects`: the items whose keys chain within `tolerance`,
    cluster by cluster from the lowest key, each cluster's items in their given order."""
    cluster = _cluster_of(items, key, tolerance)
    clusters: list[list[_T]] = [[] for _ in range(max(cluster.values(), default=-1) + 1)]
    for item in items:
        clusters[cluster[key(item)]].append(item)
    return clusters


def _cluster_of(
    items: Iterable[_T], key: Callable[[_T], float], tolerance: float
) -> dict[float, int]:
    """pdfplumber's `make_cluster_dict`: each key's cluster, numbered from the lowest."""
    cluster: dict[float, int] = {}
    n, last = -1, 0.0
    for value in sorted({key(item) for item in items}):
        if n < 0 or value > last + tolerance:
            n += 1
        cluster[value] = n
        last = value
    return cluster
