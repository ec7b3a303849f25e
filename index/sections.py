"""Find the six sections of a report by what their headings say, not by their numbers.

A heading is a Chinese numeral and `、` followed by a title that names one of the six
sections. Table rows also begin with 一、…四、 (四、结转下年度继续办理 sits just before
the heading of section four), and some reports renumber their sections, so the number
is only a hint: the title decides, and sections must come in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Section
from .normalize import fold, tidy_prose

SECTION_PATTERNS: dict[int, re.Pattern[str]] = {
    1: re.compile(r"总体情况|总体概述|基本情况|概述"),
    2: re.compile(r"主动公开.{0,4}(?:信息)?.{0,2}情况|主动公开政府信息"),
    3: re.compile(r"收到和处理.{0,12}申请|依申请公开.{0,8}情况"),
    4: re.compile(r"行政.{0,2}复议|行政诉讼"),
    5: re.compile(r"存在的?主要问题|问题及改进|改进情况|改进措施|存在.{0,3}(?:问题|不足)|不足"),
    6: re.compile(r"其他需要报告|其他.{0,2}事项"),
}
_HEADING = re.compile(
    r"(?:(?<![一二三四五六七八九十])([一二三四五六七八九十])\s*[、.]|第([一二三四五六七八九十])部分[、.:]?"
    r"|(?<![\d.])([1-9])\s*[、.](?!\d))\s*"
)
# Where a heading may start: a plain pattern the engine scans for quickly, so the full
# one (with its lookbehinds) is tried only there.
_HEADING_START = re.compile(r"[一二三四五六七八九十1-9]\s*[、.]|第[一二三四五六七八九十]部分")
_TITLE_WINDOW = re.compile(r"[^\s\d。;:!?]{1,40}")
_TITLE_END = re.compile(r".*(?:情况|事项|问题|概述|措施)")
_SUBSECTION = re.compile(
    r"(?:^|(?<=[\s。]))[(（]([一二三四五六七八九十])[)）]\s*([^\s\d。:：;；,，]{1,24})"
)
_NUMERALS = "一二三四五六七八九十"


@dataclass
class Heading:
    number: int  # which of the six sections
    title: str
    start: int  # offset of the heading
    body: int  # offset where the section's text begins
    printed: int | None = None  # the number the report prints before it, if any


def find_headings(text: str) -> list[Heading]:
    """The section headings of `text` (the rendered document), in order.

    A later heading whose title names the section just found again (the narrative's
    三、主动公开工作情况, then the table's 一、主动公开政府信息情况) is kept aside: when
    the next section's heading comes, the one numbered right before it is the section's.
    """
    folded = fold(text)
    found: list[Heading] = []
    again: list[Heading] = []  # later headings naming the last section found
    for m in _heading_matches(folded):
        window = _TITLE_WINDOW.match(folded, m.end())
        if not window:
            continue
        # `1.` also numbers table rows (1.属于国家秘密): such a heading must say its title at once
        reach = 6 if m.group(3) else 12
        after = found[-1].number if found else 0
        heading = _heading(text, folded, m, window, range(after + 1, 7), reach)
        if heading is not None:
            if again:
                found[-1] = _counted(found[-1], again, heading)
                again = []
            found.append(heading)
        elif found and (same := _heading(text, folded, m, window, range(after, after + 1), reach)):
            again.append(same)
    return found


def _heading(
    text: str, folded: str, m: re.Match[str], window: re.Match[str], numbers: range, reach: int
) -> Heading | None:
    """The heading `m` opens, if its title names one of the sections `numbers`."""
    number = _classify(window.group(), numbers, reach)
    if number is not None:
        title_match = _TITLE_END.match(window.group())
        title = title_match.group() if title_match else window.group()[:20]
        end = m.end() + len(title)
        return Heading(number, text[m.end() : end], m.start(), end, _printed(m))
    wrapped = _wrapped_title(folded, window)
    if wrapped and (number := _classify(wrapped[0], numbers, reach)) is not None:
        end = wrapped[1]
        title = "".join(text[m.end() : end].split())
        return Heading(number, title, m.start(), end, _printed(m))
    return None


def _counted(first: Heading, again: list[Heading], following: Heading) -> Heading:
    """Of several headings naming one section, the one whose printed number comes right
    before the next section's: some reports number the narrative's parts 一、 to 六、
    (三、主动公开工作情况 among them) and then the table sections afresh
    (一、主动公开政府信息情况, 二、收到和处理…). The first, when numbers do not tell."""
    if following.printed is None or first.printed == following.printed - 1:
        return first
    counted = [h for h in again if h.printed == following.printed - 1]
    return counted[-1] if counted else first


def _printed(m: re.Match[str]) -> int:
    """The number a heading prints (四、, 第四部分, 4.)."""
    numeral = m.group(1) or m.group(2)
    return _NUMERALS.index(numeral) + 1 if numeral else int(m.group(3))


def misnumbered(headings: list[Heading]) -> list[str]:
    """Warnings for headings numbered otherwise than the national format numbers them:
    the title decides which section a heading opens, the printed number may differ."""
    return [
        f"section {h.number} ({h.title}) is printed as number {h.printed}"
        for h in headings
        if h.printed is not None and h.printed != h.number
    ]


# the next line of a title: the same characters as the title's first line
_NEXT_LINE = re.compile(rf"[ \t\u3000]*\n\s*({_TITLE_WINDOW.pattern})")


def _wrapped_title(folded: str, window: re.Match[str]) -> tuple[str, int] | None:
    """A title the page's width broke in two (三、收到和处理政府信息 / 公开申请情况), and
    where it ends: the next line completes it only if the two end together as a title
    does, so a numbered sentence running on into the next line is not taken."""
    m = _NEXT_LINE.match(folded, window.end())
    if not m:
        return None
    joined = window.group() + m.group(1)
    if len(joined) > 40 or not _TITLE_END.fullmatch(joined):
        return None
    return joined, m.end()


def _heading_matches(folded: str) -> Iterator[re.Match[str]]:
    """What `_HEADING.finditer` gives, trying the full pattern only where one may start."""
    end = 0
    for candidate in _HEADING_START.finditer(folded):
        if candidate.start() < end:
            continue
        m = _HEADING.match(folded, candidate.start())
        if m:
            end = m.end()
            yield m


def _classify(window: str, numbers: range, reach: int) -> int | None:
    for number in numbers:
        m = SECTION_PATTERNS[number].search(window)
        if m and m.start() <= reach:
            return number
    return None


def split_sections(text: str, headings: list[Heading]) -> list[Section]:
    sections = []
    for k, h in enumerate(headings):
        end = headings[k + 1].start if k + 1 < len(headings) else len(text)
        body = text[h.body : end]
        section = Section(h.number, h.title.strip(), tidy_prose(body))
        if h.number == 1:
            section.subsections = _subsections(body)
        sections.append(section)
    return sections


def _subsections(text: str) -> list[Section]:
    """（一）主动公开 … （五）监督保障: the numbered parts of section one."""
    subs = []
    expected = 1
    kept = []
    for m in _SUBSECTION.finditer(text):
        if _NUMERALS.index(m.group(1)) + 1 == expected:
            kept.append(m)
            expected += 1
    for k, m in enumerate(kept):
        end = kept[k + 1].start() if k + 1 < len(kept) else len(text)
        body = text[m.end() : end].lstrip("。.:：，, ")
        subs.append(Section(k + 1, m.group(2).rstrip("。."), tidy_prose(body)))
    return subs
