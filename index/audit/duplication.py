"""How much of a report's narrative repeats the agency's previous report.

The ratio is the one difflib and most comparison tools report, 2 × common characters
/ both lengths, on the texts with punctuation and spaces dropped. What counts as
common differs: difflib's SequenceMatcher takes time quadratic in the length (minutes
on two reports of 30,000 characters) and counts single characters that happen to
match; here a character is common when it lies in a passage of at least `SHINGLE`
characters that the other text also holds, anywhere in it (a paragraph moved is still
repeated). Finding the passages takes one pass over each text with a set of its
shingles: linear time, a few milliseconds a report.

The second ratio leaves out the sentences every report shares (the template's opening
and the statistics period, the political formulas): `BOILERPLATE`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from .model import Duplication, Finding
from .subject import Subject

SHINGLE = 10  # characters: long enough that common words (政府信息公开申请) do not count
WARN_ABOVE = 0.5
PASSAGES = 3
MIN_PASSAGE = 30  # characters, for a passage to be quoted

# Sentences every report may share, by a phrase each holds.
BOILERPLATE: tuple[str, ...] = (
    r"中华人民共和国政府信息公开条例",  # the opening: 根据《条例》…编制本报告
    r"年度报告格式",
    r"统计期限|统计期间|统计时限",
    r"电子版|如对本报告|有任何疑问|联系地址|通讯地址|邮编|联系电话",
    r"习近平新时代中国特色社会主义思想|党的二十大|党的十九大|二十届|十九届",
    r"公开为常态、?不公开为例外",
    r"勾稽关系",
    r"未收取.{0,12}(?:信息处理费|费用)|信息处理费",
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE))
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_KEPT = re.compile(r"[^\W_]+")
_DROPPED = re.compile(r"[\W_]+")
_SHARED = re.compile(rb"\x01+")


def narrative_text(subject: Subject) -> str:
    return "\n".join(text for _, text in subject.narrative)


def without_boilerplate(text: str) -> str:
    return "".join(s for s in _SENTENCE.findall(text) if not _BOILERPLATE.search(s))


@lru_cache(maxsize=16)
def _prepared(text: str) -> tuple[str, list[str], frozenset[str]]:
    """The text without punctuation and spaces, its shingles and their set. Cached: a
    report is compared as this year's and then as the next year's previous one."""
    letters = _DROPPED.sub("", text)
    shingles = [letters[i : i + SHINGLE] for i in range(len(letters) - SHINGLE + 1)]
    return letters, shingles, frozenset(shingles)


def _spans(mine: list[str], theirs: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of a text (given as its shingles) lying in shingles the other text has, merged.

    Which shingles are shared is found in C (a set lookup mapped over the list); the
    spans come from the runs of shared ones, so Python loops only over the runs.
    """
    shared = bytes(map(theirs.__contains__, mine))
    spans: list[tuple[int, int]] = []
    for m in _SHARED.finditer(shared):
        start, end = m.start(), m.end() - 1 + SHINGLE
        if spans and spans[-1][1] >= start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def compare(text: str, previous: str) -> tuple[float, list[str]]:
    """The ratio of `text` to `previous`, and the longest passages of `text` repeated."""
    a, shingles_a, set_a = _prepared(text)
    b, shingles_b, set_b = _prepared(previous)
    if not a or not b:
        return 0.0, []
    spans_a = _spans(shingles_a, set_b)
    spans_b = _spans(shingles_b, set_a)
    common = sum(e - s for s, e in spans_a) + sum(e - s for s, e in spans_b)
    ratio = round(common / (len(a) + len(b)), 4)
    longest = [
        span
        for span in sorted(spans_a, key=lambda span: span[0] - span[1])[:PASSAGES]
        if span[1] - span[0] >= MIN_PASSAGE
    ]
    return ratio, _passages(text, longest)


def _passages(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The spans (of the text without punctuation) as the text prints them."""
    if not spans:
        return []
    kept, printed, at = [], [], 0  # where each run of kept characters starts in both
    for m in _KEPT.finditer(text):
        kept.append(at)
        printed.append(m.start())
        at += m.end() - m.start()

    def where(k: int) -> int:
        run = bisect_right(kept, k) - 1
        return printed[run] + k - kept[run]

    return [_quote(text[where(s) : where(e - 1) + 1]) for s, e in spans]


def _quote(passage: str, limit: int = 120) -> str:
    passage = " ".join(passage.split())
    return passage if len(passage) <= limit else passage[:limit] + "…"


def duplication(subject: Subject, previous: Subject | None) -> Duplication | None:
    """The narrative against the agency's previous report; None without one."""
    if previous is None or previous.year is None:
        return None
    text, before = narrative_text(subject), narrative_text(previous)
    ratio, _ = compare(text, before)
    bare, passages = compare(without_boilerplate(text), without_boilerplate(before))
    return Duplication(previous.year, ratio, bare, tuple(passages))


def duplication_findings(found: Duplication | None) -> list[Finding]:
    if found is None:
        return []
    percent, bare = f"{found.ratio:.0%}", f"{found.ratio_without_boilerplate:.0%}"
    severity = "warning" if found.ratio_without_boilerplate > WARN_ABOVE else "info"
    quoted = _quoted(found.passages)
    return [
        Finding(
            "duplication",
            severity,
            "duplication.previous_report",
            f"正文与 {found.previous_year} 年报告重复 {percent}（不计各报告共有的套话为 {bare}）"
            + (f"；最长的重复段落：{quoted}" if quoted else ""),
            f"The narrative repeats the {found.previous_year} report: {percent} "
            f"({bare} without the sentences every report shares)"
            + (f"; longest repeated passages: {quoted}" if quoted else ""),
            found=found.ratio_without_boilerplate,
            previous_year=found.previous_year,
        )
    ]


def _quoted(passages: Sequence[str]) -> str:
    return " ".join(f"“{p}”" for p in passages)
