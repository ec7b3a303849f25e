"""What real reports do that the seeds don't: prose beside tables, notes in cells, units in
headers, other title and heading shapes. Each variant is built from a seed's own text and
checked against what was written into it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parse import parse_file

from .conftest import SEEDS, figure_values
from .docx_fixtures import filled_template, sample_figures
from .test_layouts import consistent_figures, rewrite, write

QU = SEEDS["qu"].read_text(encoding="utf-8")


def parsed(tmp_path: Path, text: str):
    return parse_file(write(tmp_path, text))


PROSE = {
    "table 4": (
        "四、政府信息公开行政复议、行政诉讼情况\n",
        "2023年，我局发生政府信息公开行政复议4件，行政诉讼4件。\n",
    ),
    "table 3": (
        "三、收到和处理政府信息公开申请情况\n",
        "本年度共新收政府信息公开申请488件，上年结转5件。其中予以公开48件，结转下年度继续办理5件。\n",
    ),
    "table 2": (
        "二、主动公开政府信息情况\n",
        "（一）主动公开规章及规范性文件情况\n我局共制发规章1件，现行有效行政规范性文件156件。\n",
    ),
}


@pytest.mark.parametrize("where", sorted(PROSE))
def test_a_sentence_before_a_table_moves_nothing(where: str, tmp_path: Path) -> None:
    expected = consistent_figures(seed=2)
    heading, prose = PROSE[where]
    text = rewrite(QU, expected).replace(heading, heading + prose, 1)
    assert prose in text
    assert figure_values(parsed(tmp_path, text)) == expected


def test_a_note_with_spaces_stays_with_its_number(tmp_path: Path) -> None:
    text = QU.replace("行政规范性文件 0 0 0", "行政规范性文件 23 4 （含废止2件、失效2件） 156")
    report = parsed(tmp_path, text)
    cells = [report.figure(2, "normative_documents", c) for c in ("issued", "repealed", "in_force")]
    assert [c.value for c in cells] == [23, 4, 156]
    assert "失效2件" in cells[1].note


def test_a_note_wrapped_onto_the_next_line(tmp_path: Path) -> None:
    text = QU.replace("行政规范性文件 0 0 0", "行政规范性文件 23 4（含自然失\n\n效2件）\n\n156")
    report = parsed(tmp_path, text)
    assert [
        report.figure(2, "normative_documents", c).value for c in ("issued", "repealed", "in_force")
    ] == [23, 4, 156]


def test_a_blank_cell_in_a_text_table_two_is_not_split(tmp_path: Path) -> None:
    report = parsed(tmp_path, QU.replace("规 章 0 0 0", "规 章 1  12"))
    assert [
        report.figure(2, "regulations", c).value for c in ("issued", "repealed", "in_force")
    ] == [None] * 3
    assert any("regulations" in w for w in report.warnings)


def test_fees_in_yuan_by_the_header_are_converted(tmp_path: Path) -> None:
    text = QU.replace("（单位：万元）", "（单位：元）").replace(
        "行政事业性收费 0", "行政事业性收费 123500"
    )
    fee = parsed(tmp_path, text).figure(2, "fees", "amount")
    assert fee.value == pytest.approx(12.35) and fee.raw == "123500"


def test_a_2021_report_with_a_procurement_row_stays_2021(tmp_path: Path) -> None:
    text = QU.replace(
        "三、收到和处理政府信息公开申请情况",
        "第二十条第（九）项\n\n信息内容 采购项目数量 采购总金额\n\n政府集中采购 3 12.5\n\n三、收到和处理政府信息公开申请情况",
        1,
    )
    report = parsed(tmp_path, text)
    assert report.format == "2021"
    assert report.figure(2, "regulations", "issued").value == 0
    assert report.figure(2, "fees", "amount").value == 0


TITLES = {
    "spaced": ("渠县司法局 2024 年 政府信息公开 工作年度报告", "渠县司法局", 2024),
    "letter-spaced": (
        "渠 县 司 法 局 2 0 2 4 年 政 府 信 息 公 开 工 作 年 度 报 告",
        "渠县司法局",
        2024,
    ),
    "chinese year": ("渠县司法局\n二〇二四年政府信息公开工作年度报告", "渠县司法局", 2024),
    "three lines": ("渠县司法局\n2024年度\n政府信息公开工作年度报告", "渠县司法局", 2024),
    "notice": ("渠县司法局关于印发2024年政府信息公开工作年度报告的通知", "渠县司法局", 2024),
    "dated": ("2025-01-15 渠县司法局2024年政府信息公开工作年度报告", "渠县司法局", 2024),
    "broken after 工作": ("渠县司法局2024年政府信息公开工作\n年度报告", "渠县司法局", 2024),
}


@pytest.mark.parametrize("shape", sorted(TITLES))
def test_title_shapes(shape: str, tmp_path: Path) -> None:
    title, agency, year = TITLES[shape]
    text = QU.replace(" 渠县司法局\n2024年政府信息公开工作年度报告", title, 1)
    assert title in text
    report = parsed(tmp_path, text)
    assert (report.agency, report.year) == (agency, year)


@pytest.mark.parametrize("style", ["第一部分 ", "1."])
def test_other_heading_numbers(style: str, tmp_path: Path) -> None:
    text = QU
    for n, (cn, title) in enumerate(
        [("一、", "总体情况"), ("二、", "主动公开政府信息情况"), ("三、", "收到和处理政府信息公开申请情况"),
         ("四、", "政府信息公开行政复议"), ("五、", "存在的主要问题"), ("六、", "其他需要报告的事项")], 1
    ):  # fmt: skip
        number = f"第{cn[0]}部分 " if style.startswith("第") else f"{n}."
        text = text.replace(cn + title, number + title, 1)
    report = parsed(tmp_path, text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert len(report.figures) == 200


def test_table_two_without_its_heading(tmp_path: Path) -> None:
    report = parsed(tmp_path, QU.replace("二、主动公开政府信息情况", "", 1))
    assert report.figure(2, "regulations", "issued").value == 0
    assert len(report.figures) == 200


def test_section_five_titled_as_shortcomings(tmp_path: Path) -> None:
    report = parsed(
        tmp_path, QU.replace("五、存在的主要问题及改进情况", "五、工作中存在的不足及改进措施")
    )
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.sections[4].title == "工作中存在的不足及改进措施"


def test_word_cells_printed_with_a_count_word(tmp_path: Path) -> None:
    values = {k: f"{v}件" if k.startswith("3.granted") else v for k, v in sample_figures().items()}
    report = parse_file(filled_template(values, tmp_path / "r.docx"))
    assert report.figure(3, "granted", "total").value == sample_figures()["3.granted.total"]
    assert figure_values(report) == sample_figures()


@pytest.mark.parametrize(
    "sentence", ["本年新收政府信息公开申请12件", "本年新收政府信息公开申请数量为12，较上年减少3。"]
)
def test_a_sentence_naming_a_row_before_table_three(sentence: str, tmp_path: Path) -> None:
    """The sentence names a row and a number, but it is prose, not the row."""
    expected = consistent_figures(seed=4)
    heading = "三、收到和处理政府信息公开申请情况\n"
    text = rewrite(QU, expected).replace(heading, heading + sentence + "\n", 1)
    assert figure_values(parsed(tmp_path, text)) == expected


def test_a_row_printed_without_numbers_has_cells_without_values(tmp_path: Path) -> None:
    report = parsed(tmp_path, QU.replace("行政许可 0", "行政许可"))
    fig = report.figure(2, "licensing", "decisions")
    assert fig is not None and fig.value is None and fig.raw == ""
    assert report.figure(2, "penalty", "decisions").value == 0
    assert (
        "table 2: row licensing is printed without numbers: cells 2.licensing.{decisions} "
        "have no value"
    ) in report.warnings


def test_a_row_named_in_a_sub_heading_is_read_where_its_numbers_are(tmp_path: Path) -> None:
    heading = "二、主动公开政府信息情况\n"
    text = QU.replace(heading, heading + "（一）规章和行政规范性文件情况\n", 1)
    text = text.replace("行政规范性文件 0 0 0", "行政规范性文件 5 1 30")
    report = parsed(tmp_path, text)
    got = [
        report.figure(2, "normative_documents", c).value for c in ("issued", "repealed", "in_force")
    ]
    assert got == [5, 1, 30]
    assert not [w for w in report.warnings if "printed without numbers" in w]


def test_labels_printed_before_their_numbers_leave_the_rows_unread(tmp_path: Path) -> None:
    """Text extracted column by column (pdfminer's default layout): a small table's labels,
    then its numbers. Which numbers are whose the labels cannot tell."""
    expected = consistent_figures(seed=8)
    text = rewrite(QU, expected)
    penalty, coercion = (int(expected[f"2.{r}.decisions"]) for r in ("penalty", "coercion"))
    rows = f"行政处罚 {penalty}\n\n行政强制 {coercion}"
    assert rows in text
    report = parsed(
        tmp_path, text.replace(rows, f"行政处罚\n\n行政强制\n\n{penalty}\n\n{coercion}")
    )
    got = figure_values(report)
    assert got["2.penalty.decisions"] is None and got["2.coercion.decisions"] is None
    assert any("2.coercion.{decisions}" in w and "together" in w for w in report.warnings)
    assert {k: v for k, v in got.items() if v is not None and v != expected[k]} == {}


def test_numbers_after_another_small_tables_header_are_not_the_rows(tmp_path: Path) -> None:
    """`行政许可 第二十条第（一）项 本年制发件数 … 1 8 0`: the numbers under the first small
    table's header are not 行政许可's, though they follow its label."""
    expected = consistent_figures(seed=8)
    text = rewrite(QU, expected)
    licensing = f"行政许可 {int(expected['2.licensing.decisions'])}"
    assert licensing in text
    moved = "行政许可\n\n第二十条第（一）项\n\n本年制发件数 本年废止件数 现行有效件数\n\n7"
    report = parsed(tmp_path, text.replace(licensing, moved))
    got = figure_values(report)
    assert got["2.licensing.decisions"] is None
    assert any("2.licensing.{decisions}" in w and "other columns" in w for w in report.warnings)
