"""Hand-made reports of one agency over two years, built from a bundled seed, for the audit.

The 伊川县司法局 seed is copied, its year changed and its figures set consistently (every
applicant in the 自然人 column, so each row's total is its 自然人 figure). A clean pair
gives no error and no warning; each test plants one kind of finding by changing one
thing. Expected values in the tests are the numbers set here, never the audit's output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .conftest import SEEDS

SEED = SEEDS["yichuan"].read_text(encoding="utf-8")

# Narratives of my own for each year (the seed's would repeat itself across the pair).
NARRATIVE = {
    2023: (
        "{year} 年，我局围绕法治政府建设要求推进政务公开，更新“依法行政”专栏内容，"
        "新增公共法律服务事项清单一份，组织全体干部学习条例两次。"
        "（二）依申请公开情况：{year} 年，县司法局共收到 {received} 件政府信息公开申请，办结 {handled} 件。"
        "{share}"
        "（三）政府信息管理情况：建立信息发布台账，按季度核对栏目内容，及时撤下过时信息。"
    ),
    2024: (
        "{year} 年以来，我单位认真贯彻落实相关要求，进一步加强政府信息工作的组织领导，"
        "在“伊川司法行政在线”公众号上发文 268 篇，被市县媒体转发宣传 52 次。"
        "（二）依申请公开情况：{year} 年，县司法局进一步完善依申请公开回复机制，共收到 {received} 件"
        "政府信息公开申请，办结 {handled} 件。{share}"
        "（三）政府信息管理情况：一是压实主体责任，提升信息质量。二是规范信息发布工作，坚持“三审三校”。"
    ),
}
PROBLEMS = {
    2023: (
        "五、存在的主要问题及改进情况\n\n栏目更新频次不均，部分股室报送信息不及时。"
        "下一步将建立每月通报制度，把信息报送纳入股室考评。\n\n"
        "六、其他需要报告的事项\n\n本单位{year}年度未收取政府信息公开信息处理费。\n"
    ),
    2024: (
        "五、存在的主要问题及改进情况\n\n对于关系群众切身利益的信息，公开的深度和广度不够；"
        "各责任股室主动公开意识有待加强。下一步将加强新媒体平台建设，不定期组织培训。\n\n"
        "六、其他需要报告的事项\n\n本单位{year}年度未收取政府信息公开信息处理费。\n"
    ),
}


@dataclass(frozen=True)
class Year:
    """One year's figures (自然人 = total) and what its narrative states."""

    year: int
    received: int
    carried_over: int
    granted: int
    withheld: int  # as 属于四类过程性信息
    carried_forward: int
    issued: int
    repealed: int
    in_force: int | str  # a string prints as is (`15（含自然失效 2 件）`, a run `3112`)
    stated_received: int | None = None  # what the text says; the table's figure by default
    stated_handled: int | None = None
    share: str = ""  # a sentence appended to 依申请公开
    narrative_year: int | None = None  # whose narrative to use (a copy of last year's)
    broken_total: bool = False  # print （七）总计 one too high
    fees: str = "45.0553"
    fees_header: str = "本年收费金额（单位：万元）"

    @property
    def handled(self) -> int:
        return self.granted + self.withheld


CLEAN_2023 = Year(2023, 3, 0, 1, 1, 1, 4, 1, 10)
CLEAN_2024 = Year(2024, 2, 1, 1, 2, 0, 3, 1, 12)


def text(y: Year) -> str:
    """The report of year `y` as a text file would hold it."""
    out = SEED.replace("2024", str(y.year))
    written = y.narrative_year or y.year
    narrative = NARRATIVE[written].format(
        year=y.year,
        received=y.received if y.stated_received is None else y.stated_received,
        handled=y.handled if y.stated_handled is None else y.stated_handled,
        share=y.share,
    )
    first = out.index("一、总体情况") + len("一、总体情况")
    tables = out[out.index("二、主动公开政府信息情况") : out.index("五、存在的主要问题及改进情况")]
    out = out[:first] + "\n\n" + narrative + "\n\n" + tables + PROBLEMS[written].format(year=y.year)
    out = _row(out, "行政规范性文件\t", [y.issued, y.repealed, y.in_force])
    out = out.replace("本年收费金额（单位：万元）", y.fees_header)
    out = _row(out, "行政事业性收费\t", [y.fees])
    rows = {
        "一、本年新收": y.received,
        "二、上年结转": y.carried_over,
        "(一) 予以公开": y.granted,
        "6. 属于四类过程性信息": y.withheld,
        "(七) 总计": y.handled,
        "四、结转下年度继续办理": y.carried_forward,
    }
    for label, value in rows.items():
        total = value + 1 if label == "(七) 总计" and y.broken_total else value
        out = _row(out, label, [value, 0, 0, 0, 0, 0, total])
    return out


def _row(text: str, label: str, values: list) -> str:
    """The line holding `label` with its numbers replaced by `values`, in order."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if label in line:
            head = line[: line.index(label) + len(label)]
            cells = line[len(head) :].split("\t")
            numbers = iter(str(v) for v in values)
            cells = [next(numbers, c) if re.fullmatch(r"\s*[\d.]+\s*", c) else c for c in cells]
            lines[k] = head + "\t".join(cells)
            return "\n".join(lines)
    raise ValueError(label)


def write(folder: Path, y: Year, name: str | None = None) -> Path:
    path = folder / (name or f"yichuan-{y.year}.txt")
    path.write_text(text(y), encoding="utf-8")
    return path


def variant(y: Year, **changes: object) -> Year:
    return replace(y, **changes)
