"""What one printed cell holds: a number (with its unit and note), no number, or words.

Shared by the token stream (`index.tokens`) and the header reader (`index.header`),
which must agree on what counts as a value.
"""

from __future__ import annotations

import re

NULL_MARKERS = frozenset({"/", "-", "--", "无", "不涉及", "/ ", "\\"})

NUMBER = re.compile(
    r"(?P<num>[-+]?\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>万元|元)?(?P<note>\((?![一二三四五六七八九十\d]{1,3}\))[^()]*\))?"
)
MARKER_WORD = re.compile(r"^[/／\\\-－—–]+$")
_COUNT_UNIT_END = re.compile(r"(?<=\d)[件条个项篇次家份]$")


def parse_number(text: str) -> tuple[float | int | None, str | None, bool]:
    """`(value, note, ok)` for a cell's folded text; `ok` is False when it is not a value.

    Amounts printed in 元 are converted to 万元, the unit of the template.
    """
    t = text.strip()
    if t == "" or t in NULL_MARKERS or MARKER_WORD.match(t):
        return None, None, True
    m = NUMBER.fullmatch(_COUNT_UNIT_END.sub("", t.replace(" ", "")))
    if not m:
        return None, None, False
    return number_value(m), note_of(m), True


def number_value(m: re.Match[str]) -> float | int:
    num = m.group("num").replace(",", "")
    value: float | int = float(num) if "." in num else int(num)
    if m.group("unit") == "元":
        value = round(value / 10000, 6)
    return value


def note_of(m: re.Match[str]) -> str | None:
    note = m.group("note")
    return note[1:-1] if note else None
