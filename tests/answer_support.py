"""A small invented index for what the real reports cannot show.

The bundled and devset reports have one year per agency, keep every identity and
name no two agencies alike. These invented reports add the rest: several years of
one agency (trends), two 西区司法局 (ambiguity), several agencies in one county, a
report with blank cells, one that breaks its own arithmetic, a 2019-format report,
district governments for rankings by kind. Every figure is written out here, so the
expected answers in the tests can be checked by reading this file.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from index.checks import run_checks
from index.model import Figure, Report, Section
from index.store import Store
from index.template import APPLICANT_COLUMNS, OUTCOME_COLUMNS, PROCEEDINGS, TABLE3_ROWS

# The keys an answer's JSON puts first, the engine's and `python -m bot ask`'s alike.
CONTRACT_KEYS = [
    "question",
    "status",
    "intent",
    "agency",
    "year",
    "value",
    "figures",
    "text",
    "candidates",
]

T3_ROWS_2021 = [r.key for r in TABLE3_ROWS if r.key != "other_processing"]
T3_ROWS_2019 = [
    r.key for r in TABLE3_ROWS if not r.key.startswith("other_") or r.key == "other_processing"
]


def report(
    agency: str,
    year: int,
    t3: dict[str, list[float | None]],
    *,
    t2: dict[tuple[str, str], float | None] | None = None,
    t4: dict[str, list[float | None]] | None = None,
    fmt: str = "2021",
    sections: dict[int, str] | None = None,
) -> Report:
    """A report whose table 3 rows not listed in `t3` are all zeros.

    `t3` maps a row to its seven cells (the six applicant kinds, then the total);
    `None` is a cell printed blank.
    """
    figures: list[Figure] = []
    for (row, col), value in (t2 or {}).items():
        figures.append(Figure(2, row, col, value, "" if value is None else str(value)))
    for row in T3_ROWS_2019 if fmt == "2019" else T3_ROWS_2021:
        cells = t3.get(row, [0] * 7)
        for col, value in zip(APPLICANT_COLUMNS, cells, strict=True):
            figures.append(Figure(3, row, col, value, "/" if value is None else str(value)))
    for row in PROCEEDINGS:
        cells = (t4 or {}).get(row, [0] * 5)
        for col, value in zip(OUTCOME_COLUMNS, cells, strict=True):
            figures.append(Figure(4, row, col, value, "" if value is None else str(value)))
    values = {(f.table, f.row, f.column): f.value for f in figures}
    present = {(f.table, f.row) for f in figures}
    texts = {1: "总体情况。", 5: "存在的问题：无。", 6: "无。"} | (sections or {})
    titles = {
        1: "总体情况",
        2: "主动公开政府信息情况",
        3: "收到和处理政府信息公开申请情况",
        4: "政府信息公开行政复议、行政诉讼情况",
        5: "存在的主要问题及改进情况",
        6: "其他需要报告的事项",
    }
    return Report(
        agency=agency,
        year=year,
        format=fmt,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        figures=figures,
        sections=[Section(n, titles[n], texts.get(n, "")) for n in range(1, 7)],
        checks=run_checks(values, present),
        warnings=[],
    )


def row(
    natural: float | None, commercial: float | None = 0, total: float | None = None
) -> list[float | None]:
    """Seven cells: natural persons, commercial, four zero organisation kinds, total."""
    if total is None and natural is not None and commercial is not None:
        total = natural + commercial
    return [natural, commercial, 0, 0, 0, 0, total]


def granted_all(agency: str, n: int, *, t4: dict[str, list[float | None]] | None = None) -> Report:
    """A 2024 report that received `n` applications from natural persons and granted them all.

    Most invented agencies are there for their name (ambiguity, places, kinds), not
    their figures; this keeps each to one readable line.
    """
    return report(
        agency, 2024, {"received": row(n), "granted": row(n), "results_total": row(n)}, t4=t4
    )


REGS = {
    ("regulations", "issued"): 1,
    ("regulations", "repealed"): 0,
    ("regulations", "in_force"): 7,
}


def reports() -> list[Report]:
    out = []
    # 伊川县人民政府: three years, received 10 / 12 / 15, granted 6 / 7 / 9
    for year, received, granted in ((2022, 10, 6), (2023, 12, 7), (2024, 15, 9)):
        out.append(
            report(
                "伊川县人民政府",
                year,
                {
                    "received": row(received),
                    "granted": row(granted),
                    "unavailable_not_held": row(received - granted),
                    "results_total": row(received),
                },
                t2={**REGS, ("licensing", "decisions"): 100 + year - 2022, ("fees", "amount"): 1.5},
                t4={"review": [1, 1, 0, 0, 2]},
            )
        )
    # 伊川县公安局 2024: a third agency in 伊川县
    out.append(granted_all("伊川县公安局", 3))
    # two 西区司法局 in different cities
    out.append(granted_all("攀枝花市西区司法局", 4))
    out.append(granted_all("东海市西区司法局", 6))
    # district governments of 东海市 (a ranking over 区政府)
    out.append(granted_all("东海市西区人民政府", 20, t4={"review": [2, 3, 0, 0, 5]}))
    out.append(granted_all("东海市南区人民政府", 30, t4={"review": [1, 0, 0, 0, 1]}))
    # 南山县司法局 2024: blank cells. Commercial applicants of row 一 blank; 4.保护第三方 total blank.
    out.append(
        report(
            "南山县司法局",
            2024,
            {
                "received": [5, None, 0, 0, 0, 0, 5],
                "granted": row(4),
                "withheld_third_party": [1, 0, 0, 0, 0, 0, None],
                "results_total": row(5),
            },
        )
    )
    # 南山县司法所: makes 司法所 a real office, so 伊川县司法所 is not a typo of 司法局
    out.append(granted_all("南山县司法所", 1))
    # 北河县司法局 2024: total of 一 printed 9, its columns add to 8 (breaks t3.row_total.received
    # and t3.balance.total)
    out.append(
        report(
            "北河县司法局",
            2024,
            {"received": [8, 0, 0, 0, 0, 0, 9], "granted": row(8), "results_total": row(8)},
            sections={
                5: "（一）存在的问题。一是公开不及时。\n（二）改进情况。加强培训。",
                1: "全年在网站发布信息 77 条。在政务微博发布 15 条。",
            },
        )
    )
    # 东海市人民政府办公厅 2019: the old format, one （六）其他处理 row
    out.append(
        report(
            "东海市人民政府办公厅",
            2019,
            {
                "received": row(40),
                "granted": row(30),
                "other_processing": row(10),
                "results_total": row(40),
            },
            t2={
                ("regulations", "made"): 2,
                ("regulations", "published"): 2,
                ("regulations", "public_total"): 50,
            },
            fmt="2019",
        )
    )
    return out


@functools.cache
def synthetic_db() -> Path:
    """The invented index, built once per test process."""
    path = Path(tempfile.mkdtemp(prefix="gongkai-answer-")) / "synthetic.db"
    store = Store(path)
    for i, r in enumerate(reports()):
        store.add(r, source_file=f"synthetic-{i}.txt", sha256=f"{i:064d}")
    store.close()
    return path
