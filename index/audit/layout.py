"""Format findings: the report against the national format (国办公开办函〔2021〕30号).

Reports on 2021 and later must use the 2021 form: its table 2 and the three rows of
（六）其他处理. Every report has six sections in a fixed order and three tables, and
table 2 gives fees in 万元. The parser already tells the layout, the sections by their
titles (with the number each heading prints), the tables it found and the unit of the
fees header; this module says what departs from the form.
"""

from __future__ import annotations

import re

from .model import Finding
from .subject import Subject

FIRST_2021_YEAR = 2021
SECTION_TITLES: dict[int, tuple[str, str]] = {
    1: ("总体情况", "overall situation"),
    2: ("主动公开政府信息情况", "proactive disclosure"),
    3: ("收到和处理政府信息公开申请情况", "applications received and handled"),
    4: ("政府信息公开行政复议、行政诉讼情况", "administrative review and litigation"),
    5: ("存在的主要问题及改进情况", "main problems and improvements"),
    6: ("其他需要报告的事项", "other matters"),
}
_NUMERALS = "一二三四五六七八九十"
_MISNUMBERED = re.compile(r"^section (\d) \((.*)\) is printed as number (\d+)$")
_TABLE_MISSING = re.compile(r"^table (\d) missing")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def layout_findings(subject: Subject) -> list[Finding]:
    return _form(subject) + _sections(subject) + _tables(subject) + _amounts(subject)


def _form(subject: Subject) -> list[Finding]:
    year = subject.year
    if year is None or year < FIRST_2021_YEAR:
        return []
    out = []
    if subject.report.format == "2019":
        out.append(
            Finding(
                "format",
                "warning",
                "format.layout_2019",
                f"{year} 年的报告使用了 2019 年版格式的表二（本年新制作数量、上一年项目数量等），"
                "2021 年起应使用国办公开办函〔2021〕30号的格式",
                f"A report on {year} uses the 2019 form of table 2; reports on 2021 and later "
                "use the 2021 form",
            )
        )
    if (3, "other_processing") in subject.rows:
        out.append(
            Finding(
                "format",
                "warning",
                "format.single_other_row",
                f"{year} 年的报告表三只有一行“（六）其他处理”，2021 年版格式分为三行"
                "（逾期不补正、逾期未缴费、其他）",
                f"A report on {year} prints （六）其他处理 as one row of table 3; the 2021 form "
                "has three",
                ("3.other_processing.total",),
            )
        )
    return out


def _sections(subject: Subject) -> list[Finding]:
    titled = {s.number for s in subject.report.sections if s.title}
    out = []
    for number, (zh, en) in SECTION_TITLES.items():
        if number not in titled:
            out.append(
                Finding(
                    "format",
                    "warning",
                    f"format.section_missing.{number}",
                    f"没有找到第{_NUMERALS[number - 1]}部分“{zh}”的标题",
                    f"No heading found for section {number} ({en})",
                )
            )
    for warning in subject.report.warnings:
        m = _MISNUMBERED.match(warning)
        if m:
            number, title, printed = int(m.group(1)), m.group(2), int(m.group(3))
            shown = _NUMERALS[printed - 1] if 0 < printed <= 10 else str(printed)
            out.append(
                Finding(
                    "format",
                    "warning",
                    f"format.section_number.{number}",
                    f"“{title}”编号为“{shown}”，格式中为第{_NUMERALS[number - 1]}部分",
                    f"“{title}” is numbered {printed}; the form makes it section {number}",
                    expected=number,
                    found=printed,
                )
            )
    return out


def _tables(subject: Subject) -> list[Finding]:
    out = []
    for warning in subject.report.warnings:
        m = _TABLE_MISSING.match(warning)
        if m:
            number = int(m.group(1))
            zh = SECTION_TITLES[number][0]
            out.append(
                Finding(
                    "format",
                    "warning",
                    f"format.table_missing.{number}",
                    f"没有找到表{_NUMERALS[number - 1]}（{zh}）",
                    f"Table {number} ({SECTION_TITLES[number][1]}) not found",
                )
            )
    return out


def _amounts(subject: Subject) -> list[Finding]:
    """Fees printed in 元: the parser converts them to 万元, keeping the printed text."""
    figure = subject.cells.get((2, "fees", "amount"))
    if figure is None or figure.value is None or subject.report.format == "2019":
        return []
    printed = _NUMBER.search(figure.raw.replace(",", ""))
    if printed is None or abs(float(printed.group()) - figure.value) < 1e-9:
        return []
    return [
        Finding(
            "format",
            "warning",
            "format.amount_unit",
            f"行政事业性收费金额以元填报（{figure.raw}），格式要求以万元为单位（即 {figure.value:g} 万元）",
            f"Administrative fees are printed in yuan ({figure.raw}); the form asks for 10,000 "
            f"yuan ({figure.value:g})",
            ("2.fees.amount",),
            figure.value,
            float(printed.group()),
        )
    ]
