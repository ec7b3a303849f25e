"""Text reports in every encoding agencies use, and headings that move or change."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import UnreadableFile
from index.parse import parse_file
from index.readers.text import decode

from .conftest import SEEDS


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_every_encoding_reads_the_same_report(encoding: str, tmp_path: Path) -> None:
    text = SEEDS["yichuan"].read_text(encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    report = parse_file(path)
    assert report.agency == "伊川县司法局"
    assert report.figure(2, "fees", "amount").value == 45.0553
    assert report.figure(3, "withheld_process_info", "total").value == 2


def test_undecidable_bytes_are_refused() -> None:
    with pytest.raises(UnreadableFile, match="encoding"):
        decode(bytes([0x81, 0x20, 0xFE, 0x7F, 0x90]) * 300)


def test_sections_found_by_content_when_renumbered(tmp_path: Path) -> None:
    """A report that puts a 工作机制 section first numbers its tables' sections 三/四/五."""
    text = SEEDS["qu"].read_text(encoding="utf-8")
    renumbered = (
        text.replace("一、总体情况", "一、总体情况\n\n二、工作机制\n\n本局建立健全工作机制。")
        .replace("二、主动公开政府信息情况", "三、主动公开政府信息情况")
        .replace("三、收到和处理政府信息公开申请情况", "四、收到和处理政府信息公开申请情况")
        .replace(
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        )
        .replace("五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况")
        .replace("六、其他需要报告的事项", "七、其他需要报告的事项")
    )
    path = tmp_path / "r.txt"
    path.write_text(renumbered, encoding="utf-8")
    report = parse_file(path)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.sections[3].title == "因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    assert len(report.figures) == 200
    # nothing is wrong with the reading; the numbering departs from the national format
    assert report.warnings == [
        f"section {n} ({report.sections[n - 1].title}) is printed as number {n + 1}"
        for n in range(2, 7)
    ]


def test_signing_date_is_not_the_year(tmp_path: Path) -> None:
    """西区司法局 signs its 2024 report on 2025年1月2日; the title's year wins."""
    report = parse_file(SEEDS["xiqu"])
    assert report.year == 2024


def test_year_from_the_statistics_period_when_the_title_has_none(tmp_path: Path) -> None:
    text = (
        SEEDS["qu"]
        .read_text(encoding="utf-8")
        .replace("2024年政府信息公开工作年度报告", "政府信息公开工作年度报告")
    )
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = parse_file(path)
    assert (report.agency, report.year) == ("渠县司法局", 2024)


def test_a_narrative_part_named_like_section_two_is_not_its_heading(tmp_path: Path) -> None:
    """Numbered like 上海市科委 2024: the narrative's parts 一、 to 三、 (三、主动公开工作情况
    among them), then the table sections afresh from 一、. Section two opens at the
    heading numbered right before 二、收到和处理…, and the narrative stays in section one."""
    text = SEEDS["qu"].read_text(encoding="utf-8")
    moved = (
        text.replace(
            "一、总体情况",
            "一、总体情况\n\n二、工作机制保障\n\n本局设立政务公开工作小组。\n\n"
            "三、主动公开工作情况\n\n本局全年主动公开政府信息120条。\n",
        )
        .replace("二、主动公开政府信息情况", "一、主动公开政府信息情况")
        .replace("三、收到和处理政府信息公开申请情况", "二、收到和处理政府信息公开申请情况")
        .replace("四、政府信息公开行政复议、行政诉讼情况", "三、政府信息公开行政复议、行政诉讼情况")
        .replace("五、存在的主要问题及改进情况", "四、存在的主要问题及改进情况")
        .replace("六、其他需要报告的事项", "五、其他需要报告的事项")
    )
    path = tmp_path / "r.txt"
    path.write_text(moved, encoding="utf-8")
    report = parse_file(path)
    assert [(s.number, s.title) for s in report.sections][:3] == [
        (1, "总体情况"),
        (2, "主动公开政府信息情况"),
        (3, "收到和处理政府信息公开申请情况"),
    ]
    assert "本局全年主动公开政府信息120条" in report.sections[0].text
    assert "主动公开政府信息120条" not in report.sections[1].text
    assert len(report.figures) == 200
