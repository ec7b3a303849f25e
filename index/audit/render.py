"""Audits as people read them: a list per report, and one row per finding for a
reviewer's spreadsheet (CSV, XLSX). The JSON shape is `Audit.to_json`."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .model import Audit, Finding

SEVERITY_NAMES = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
}
COLUMNS = (
    "agency",
    "year",
    "title",
    "source",
    "kind",
    "severity",
    "rule",
    "message",
    "message_en",
    "cells",
    "expected",
    "found",
    "sentence",
    "previous_year",
)


def text(audit: Audit) -> Iterator[str]:
    """The lines of one report's audit, in Chinese and English."""
    yield f"{audit.agency or '(机关不详 agency unknown)'} {audit.year or ''} · {audit.title} ({audit.source})"
    shown = [r for r in audit.rates if r.value is not None]
    if shown:
        yield "  比率 rates: " + "; ".join(
            f"{r.zh} {r.value:.1%} ({_num(r.numerator)}/{_num(r.denominator)}"
            + (", 分母小 few cases" if r.small else "")
            + ")"
            for r in shown
        )
    if not audit.findings:
        yield "  未发现问题 / no findings"
    for f in audit.findings:
        zh, en = SEVERITY_NAMES[f.severity]
        yield f"  [{zh} {en}] {f.kind} {f.rule}"
        yield f"      {f.message}"
        yield f"      {f.message_en}"
        if f.expected is not None or f.found is not None:
            yield f"      expected {_side(f.expected)}, found {_side(f.found)}; cells: {_cells(f.cells)}"
        if f.sentence:
            yield f"      原文 text: “{f.sentence}”"


def summary(audits: list[Audit]) -> str:
    counts = {s: sum(a.count(s) for a in audits) for s in SEVERITY_NAMES}
    with_problems = sum(1 for a in audits if a.count("error") or a.count("warning"))
    return (
        f"{len(audits)} 份报告，{with_problems} 份有错误或警告：错误 {counts['error']}、警告 "
        f"{counts['warning']}、提示 {counts['info']} / {len(audits)} reports, {with_problems} "
        f"with errors or warnings: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info"
    )


def rows(audits: Iterable[Audit]) -> Iterator[list[Any]]:
    """One row per finding, in `COLUMNS` order."""
    for audit in audits:
        for f in audit.findings:
            yield _row(audit, f)


def _row(audit: Audit, f: Finding) -> list[Any]:
    return [
        audit.agency,
        audit.year,
        audit.title,
        audit.source,
        f.kind,
        f.severity,
        f.rule,
        f.message,
        f.message_en,
        " ".join(f.cells),
        f.expected,
        f.found,
        f.sentence,
        f.previous_year,
    ]


def write_csv(path: Path, audits: Iterable[Audit]) -> int:
    """UTF-8 with a BOM, so that Excel opens the Chinese as Chinese. Returns the rows."""
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in rows(audits):
            writer.writerow(["" if v is None else v for v in row])
            n += 1
    return n


def write_xlsx(path: Path, audits: Iterable[Audit]) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "findings"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    n = 0
    for row in rows(audits):
        sheet.append(row)
        n += 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in zip(
        "ABCDEFGHIJKLMN", (24, 6, 40, 24, 12, 8, 30, 60, 60, 30, 10, 10, 60, 8), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    book.save(path)
    return n


def _num(value: float | int | None) -> str:
    return "—" if value is None else f"{value:g}"


def _cells(cells: tuple[str, ...], shown: int = 4) -> str:
    if not cells:
        return "—"
    more = f" … (+{len(cells) - shown})" if len(cells) > shown else ""
    return ", ".join(cells[:shown]) + more


def _side(value: object) -> str:
    return "—" if value is None else str(value)
