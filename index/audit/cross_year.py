"""Cross-year findings: this year's report against the same agency's report of last year.

Two relations tie consecutive reports: what one year carries forward
(四、结转下年度继续办理) is what the next carries over (二、上年结转), column by column;
and the documents in force (现行有效件数) are last year's plus those issued less those
repealed. The first has no exception: a difference is an error. The second is broken
legitimately by revisions and documents lapsing (自然失效), so a difference is a
warning, shown with any note the report prints beside the cell.
"""

from __future__ import annotations

from ..checks import Key
from ..template import APPLICANT_COLUMNS, LABELS
from .model import Finding
from .readings import possible, shown
from .subject import Subject

IN_FORCE_ROWS = ("regulations", "normative_documents")
PART_NAMES_ZH = ("上年现行有效", "本年制发", "本年废止")
PART_NAMES_EN = ("last year's in force", "issued", "repealed")


def cross_year_findings(this: Subject, previous: Subject | None) -> list[Finding]:
    """Findings against last year's report; none when `previous` is not last year's."""
    if previous is None or this.year is None or previous.year != this.year - 1:
        return []
    return _carry_over(this, previous) + _in_force(this, previous)


def _carry_over(this: Subject, previous: Subject) -> list[Finding]:
    out = []
    for column in APPLICANT_COLUMNS:
        now: Key = (3, "carried_over", column)
        then: Key = (3, "carried_forward", column)
        found, expected = possible(this, [(now, 1)]), possible(previous, [(then, 1)])
        if found is None or expected is None or found & expected:
            continue
        zh, en = LABELS.columns[3][column]
        shown_now, shown_then = shown(this, now), shown(previous, then)
        out.append(
            Finding(
                "cross_year",
                "error",
                f"carry_over.{column}",
                f"二、上年结转政府信息公开申请数量（{zh}）为 {shown_now}，"
                f"但 {previous.year} 年报告的四、结转下年度继续办理为 {shown_then}",
                f"Carried over from last year ({en}): {shown_now}, but the {previous.year} "
                f"report carried {shown_then} forward",
                ("3.carried_over." + column,),
                shown_then,
                shown_now,
                previous_year=previous.year,
            )
        )
    return out


def _in_force(this: Subject, previous: Subject) -> list[Finding]:
    out = []
    for row in IN_FORCE_ROWS:
        in_force, issued, repealed = ((2, row, c) for c in ("in_force", "issued", "repealed"))
        # in force − issued + repealed = last year's in force
        now = possible(this, [(in_force, 1), (issued, -1), (repealed, 1)])
        then = possible(previous, [(in_force, 1)])
        if now is None or then is None or now & then:
            continue
        label = LABELS.rows[2][row]
        parts = [shown(previous, in_force), shown(this, issued), shown(this, repealed)]
        numbers = [p for p in parts if isinstance(p, int | float)]
        expected = numbers[0] + numbers[1] - numbers[2] if len(numbers) == 3 else None
        found = shown(this, in_force)
        zh = _arithmetic(parts, expected, PART_NAMES_ZH)
        en = _arithmetic(parts, expected, PART_NAMES_EN)
        printed = {
            str(p) for p in [*parts, found] if p is not None and not isinstance(p, int | float)
        }
        runs_zh = f"（表中印为“{'”“'.join(sorted(printed))}”，数字连在一起，任何一种拆分都不相符）"
        runs_en = (
            f" (printed as {', '.join(sorted(printed))}: digits run together, and no way of "
            "splitting them agrees)"
        )
        notes = _notes(this, previous, in_force, repealed)
        out.append(
            Finding(
                "cross_year",
                "warning",
                f"in_force.{row}",
                f"{label.label}现行有效件数为 {found}，上年现行有效加本年制发减本年废止为 "
                f"{zh}{runs_zh if printed else ''}（修订、自然失效等可使两者不同）"
                f"{_zh_notes(notes)}",
                f"{label.english} in force: {found}; last year's in force plus issued less "
                f"repealed is {en}{runs_en if printed else ''} (revisions and documents "
                f"lapsing can explain a difference){_en_notes(notes)}",
                tuple(f"2.{row}.{c}" for c in ("in_force", "issued", "repealed")),
                expected,
                found,
                previous_year=previous.year,
            )
        )
    return out


def _arithmetic(parts: list, expected: int | float | None, names: tuple[str, ...]) -> str:
    """`698 + 77 − 132 = 643`, a part that was not read named instead of its number."""
    shown = [p if isinstance(p, int | float) else n for p, n in zip(parts, names, strict=True)]
    text = f"{shown[0]} + {shown[1]} − {shown[2]}"
    return f"{text} = {expected}" if expected is not None else text


def _notes(this: Subject, previous: Subject, *keys: Key) -> list[str]:
    """Notes printed beside the cells (含自然失效 29 件), not the parser's own."""
    out = []
    for subject in (this, previous):
        for key in keys:
            figure = subject.cells.get(key)
            if figure and figure.note and not figure.note.startswith("split from"):
                out.append(f"{subject.year}: {figure.note}")
    return out


def _zh_notes(notes: list[str]) -> str:
    return f"；表中注明：{'；'.join(notes)}" if notes else ""


def _en_notes(notes: list[str]) -> str:
    return f"; the table notes: {'; '.join(notes)}" if notes else ""
