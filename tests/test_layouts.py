"""Layout variants built from the seeds' own layouts.

The seeds print (almost) only zeros, which would hide a parser that puts a value in
the wrong cell. These tests rewrite the printed numbers of each seed, in the order a
reader meets them in the report (table 2 rows, then table 3 rows left to right, then
the 15 cells of table 4), with distinct values that keep the report's identities, and
expect each value back under its key.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.parse import parse_file
from index.template import APPLICANT_COLUMNS, OUTCOME_COLUMNS, PROCEEDINGS, TABLE3_ROWS

from .conftest import SEEDS, figure_values

# a printed cell value: not an item number (1.), not a page marker (- 4 -)
CELL = re.compile(r"(?<![\d.])(?<!- )\d+(?:\.\d+)?(?![\d.．、])(?! -)")

RESULT_ROWS = [r.key for r in TABLE3_ROWS[2:23]]
TABLE2_CELLS = [
    "2.regulations.issued", "2.regulations.repealed", "2.regulations.in_force",
    "2.normative_documents.issued", "2.normative_documents.repealed", "2.normative_documents.in_force",
    "2.licensing.decisions", "2.penalty.decisions", "2.coercion.decisions", "2.fees.amount",
]  # fmt: skip


def consistent_figures(seed: int = 0) -> dict[str, float]:
    """Distinct non-zero values for all 200 cells that keep every identity of the template."""
    fig: dict[str, float] = {}
    for i, key in enumerate(TABLE2_CELLS):
        fig[key] = 11 + i + seed
    fig["2.fees.amount"] = 12.5 + seed
    n = 1 + seed

    def put_row(row: str, six: list[int]) -> None:
        for col, v in zip(APPLICANT_COLUMNS[:6], six, strict=True):
            fig[f"3.{row}.{col}"] = v
        fig[f"3.{row}.total"] = sum(six)

    for row in RESULT_ROWS:
        put_row(row, [n + k for k in range(6)])
        n += 7
    put_row(
        "results_total",
        [sum(int(fig[f"3.{r}.{c}"]) for r in RESULT_ROWS) for c in APPLICANT_COLUMNS[:6]],
    )
    put_row("carried_forward", [3 + k for k in range(6)])
    put_row("carried_over", [2 + k for k in range(6)])
    put_row(
        "received",
        [
            int(
                fig[f"3.results_total.{c}"]
                + fig[f"3.carried_forward.{c}"]
                - fig[f"3.carried_over.{c}"]
            )
            for c in APPLICANT_COLUMNS[:6]
        ],
    )
    for p, proceeding in enumerate(PROCEEDINGS):
        four = [p + k + 1 for k in range(4)]
        for col, v in zip(OUTCOME_COLUMNS[:4], four, strict=True):
            fig[f"4.{proceeding}.{col}"] = v
        fig[f"4.{proceeding}.total"] = sum(four)
    return fig


def printed_order() -> list[str]:
    rows3 = ["received", "carried_over", *RESULT_ROWS, "results_total", "carried_forward"]
    keys = list(TABLE2_CELLS)
    keys += [f"3.{r}.{c}" for r in rows3 for c in APPLICANT_COLUMNS]
    keys += [f"4.{p}.{c}" for p in PROCEEDINGS for c in OUTCOME_COLUMNS]
    return keys


def rewrite(text: str, figures: dict[str, float]) -> str:
    """Replace the printed cell values between sections 二 and 五 in reading order."""
    start = text.index("二、主动公开政府信息情况")
    end = text.index("五、存在的主要问题")
    values = iter(printed_order())

    def sub(_: re.Match[str]) -> str:
        v = figures[next(values)]
        return str(int(v)) if float(v).is_integer() else str(v)

    middle = CELL.sub(sub, text[start:end])
    assert next(values, None) is None, "the seed printed fewer cells than the template has"
    return text[:start] + middle + text[end:]


def write(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def figures_of(path: Path) -> dict[str, float | None]:
    return figure_values(parse_file(path))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_distinct_values_in_every_cell(seed: str, tmp_path: Path) -> None:
    expected = consistent_figures(seed=len(seed))
    path = write(tmp_path, rewrite(SEEDS[seed].read_text(encoding="utf-8"), expected))
    report = parse_file(path)
    assert figure_values(report) == expected
    assert {c.status for c in report.checks} == {"pass"}


def test_slash_cell_has_no_value(tmp_path: Path) -> None:
    text = SEEDS["qu"].read_text(encoding="utf-8")
    text = text.replace("1.属于国家秘密 0 0 0 0 0 0 0", "1.属于国家秘密 0 / 0 0 0 0 0")
    figs = figures_of(write(tmp_path, text))
    assert figs["3.withheld_state_secret.commercial"] is None
    assert figs["3.withheld_state_secret.natural_person"] == 0
    assert figs["3.withheld_prohibited_by_law.natural_person"] == 0


def test_blank_cell_in_text_leaves_the_row_unread_not_shifted(tmp_path: Path) -> None:
    """Six numbers for seven cells: which one is blank cannot be told, so none is guessed."""
    text = SEEDS["yichuan"].read_text(encoding="utf-8")
    row = "6. 属于四类过程性信息\t2\t0\t0\t0\t0\t0\t2"
    assert row in text
    text = text.replace(row, "6. 属于四类过程性信息\t2\t0\t0\t\t0\t0\t")
    report = parse_file(write(tmp_path, text))
    figs = {f"{f.table}.{f.row}.{f.column}": f for f in report.figures}
    assert all(figs[f"3.withheld_process_info.{c}"].value is None for c in APPLICANT_COLUMNS)
    assert figs["3.withheld_enforcement_file.natural_person"].value == 0
    assert any("withheld_process_info" in w for w in report.warnings)
    results = {c.rule: c.status for c in report.checks}
    assert results["t3.results_total.total"] == "not_assessable"


def test_single_other_processing_row(tmp_path: Path) -> None:
    """A 23-row table 3 (the 2019-style single （六）其他处理 row) is read as such."""
    text = SEEDS["qu"].read_text(encoding="utf-8")
    start = text.index("（六）", text.index("三、收到"))
    end = text.index("（七）总计")
    text = text[:start] + "（六）其他处理 0 0 0 4 0 0 4\n\n" + text[end:]
    text = text.replace("（七）总计 0 0 0 0 0 0 0", "（七）总计 0 0 0 4 0 0 4")
    text = text.replace(
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
        "二、上年结转政府信息公开申请数量 0 0 0 4 0 0 4",
    )
    report = parse_file(write(tmp_path, text))
    figs = figure_values(report)
    assert figs["3.other_processing.social_welfare"] == 4
    assert figs["3.other_processing.total"] == 4
    assert not any(
        k.startswith(("3.other_no_correction", "3.other_unpaid_fee", "3.other_misc")) for k in figs
    )
    assert len(figs) == 200 - 14
    assert {c.status for c in report.checks} == {"pass"}


# as printed, and as `pdftotext -layout` (or pdfplumber's layout=True) pads it to the page's width
@pytest.mark.parametrize("marker", ["- 5 -", " " * 60 + "- 5 -" + " " * 8])
def test_page_marker_inside_a_row(marker: str, tmp_path: Path) -> None:
    text = SEEDS["xiqu"].read_text(encoding="utf-8")
    expected = consistent_figures(seed=3)
    text = rewrite(text, expected)
    row_start = text.index("4．保护第三方合法权益")
    row_end = text.index("\n", row_start)
    row = text[row_start:row_end]
    cells = row.split(" ")
    broken = (
        " ".join(cells[:4])
        + f"\n\n{marker}\n\n攀枝花市西区司法局2024年政府信息公开工作年度报告\n\n"
        + " ".join(cells[4:])
    )
    text = text[:row_start] + broken + text[row_end:]
    figs = figures_of(write(tmp_path, text))
    assert figs == expected


def test_label_split_over_two_lines(tmp_path: Path) -> None:
    text = SEEDS["qu"].read_text(encoding="utf-8")
    expected = consistent_figures(seed=5)
    text = rewrite(text, expected)
    text = text.replace("1.属于国家秘密", "1.属于国\n\n家秘密").replace(
        "2.重复申请", "2.重复\n申请"
    )
    assert figures_of(write(tmp_path, text)) == expected


@pytest.mark.parametrize(
    ("heading", "broken"),
    [
        ("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息\n\n公开申请情况"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开\n行政复议、行政诉讼情况"),
    ],
)
def test_heading_wrapped_over_two_lines(heading: str, broken: str, tmp_path: Path) -> None:
    """A section title the page's width broke in two still opens its section."""
    text = SEEDS["qu"].read_text(encoding="utf-8")
    expected = consistent_figures(seed=6)
    text = rewrite(text, expected)
    assert heading in text
    report = parse_file(write(tmp_path, text.replace(heading, broken)))
    assert figure_values(report) == expected
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert heading.split("、", 1)[1] in [s.title for s in report.sections]


def test_broken_identity_is_flagged_and_kept_as_printed(tmp_path: Path) -> None:
    text = SEEDS["qu"].read_text(encoding="utf-8")
    text = text.replace(
        "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0",
        "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 5",
    )
    report = parse_file(write(tmp_path, text))
    figs = figure_values(report)
    assert figs["3.received.natural_person"] == 3
    assert figs["3.received.total"] == 5
    checks = {c.rule: c for c in report.checks}
    assert checks["t3.row_total.received"].status == "fail"
    assert (
        "5" in checks["t3.row_total.received"].detail
        and "3" in checks["t3.row_total.received"].detail
    )
    assert checks["t3.balance.natural_person"].status == "fail"
    assert checks["t3.balance.commercial"].status == "pass"


def test_full_width_digits_and_spaced_labels(tmp_path: Path) -> None:
    text = SEEDS["qu"].read_text(encoding="utf-8")
    text = text.replace("行政许可 0", "行 政 许 可 １２").replace("规 章 0 0 0", "规 章 ３ ０ ２")
    figs = figures_of(write(tmp_path, text))
    assert figs["2.licensing.decisions"] == 12
    assert (
        figs["2.regulations.issued"],
        figs["2.regulations.repealed"],
        figs["2.regulations.in_force"],
    ) == (3, 0, 2)


def test_misspelt_label_still_finds_its_row(tmp_path: Path) -> None:
    text = SEEDS["qu"].read_text(encoding="utf-8")
    expected = consistent_figures(seed=9)
    text = rewrite(text, expected).replace("4.保护第三方合法权益", "4.保护第三人合法权益")
    assert figures_of(write(tmp_path, text)) == expected


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_lost_cell_separators_never_give_a_wrong_number(seed: str, tmp_path: Path) -> None:
    """The tables as a crawler keeps them: every gap gone, multi-digit cells run together.

    Many runs then split in several ways; those cells must be left without a value,
    and every value that is given must be the printed one.
    """
    expected = consistent_figures(seed=7)
    text = rewrite(SEEDS[seed].read_text(encoding="utf-8"), expected)
    start, end = text.index("二、主动公开政府信息情况"), text.index("五、存在的主要问题")
    text = text[:start] + re.sub(r"\s+", "", text[start:end]) + text[end:]
    report = parse_file(write(tmp_path, text))
    got = figure_values(report)
    assert set(got) == set(expected)
    assert {k: v for k, v in got.items() if v is not None and v != expected[k]} == {}
    assert sum(v is not None for v in got.values()) >= 150
    assert any("ways" in w for w in report.warnings)
