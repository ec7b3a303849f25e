"""One figure of one report, asked in Chinese and English, against the real reports.

Every expected value was read by eye from the report (the seeds in data/reports,
the devset reports and their truth files); sums are written out so they can be
checked against the report's rows. The index is built from the files by the
indexer (`built_db`), so these tests also catch a figure the parser misreads.
"""

from __future__ import annotations

import pytest

from bot.answer import Engine

QU = "渠县司法局"
YC = "伊川县司法局"
XQ = "攀枝花市西区司法局"
QJ = "重庆市綦江区司法局"
YH = "友好区司法局"
HA = "淮安市人民政府"
PT = "平潭综合实验区"
SH = "上海市人民政府办公厅"

# (question, agency, year, value, language)
FIGURES = [
    # 伊川县司法局 2024: two applications from natural persons, both withheld as 过程性信息
    ("伊川县司法局去年收到多少申请？", YC, 2024, 2, "zh"),
    ("伊川县司法局2024年新收政府信息公开申请数量", YC, 2024, 2, "zh"),
    ("伊川县司法局收到多少政府信息公开申请？", YC, 2024, 2, "zh"),
    ("伊川县司法局 2024 年依申请公开多少件", YC, 2024, 2, "zh"),
    ("how many applications did 伊川县司法局 receive", YC, 2024, 2, "en"),
    ("How many new applications did 伊川县司法局 get in 2024?", YC, 2024, 2, "en"),
    ("伊川县司法局自然人申请多少", YC, 2024, 2, "zh"),
    ("伊川县司法局个人提出的申请有几件", YC, 2024, 2, "zh"),
    ("伊川县司法局企业申请几件", YC, 2024, 0, "zh"),
    ("伊川县司法局法人或其他组织申请多少", YC, 2024, 0, "zh"),
    ("伊川县司法局行政事业性收费多少", YC, 2024, 45.0553, "zh"),
    ("伊川县司法局收费金额", YC, 2024, 45.0553, "zh"),
    ("fees collected by 伊川县司法局 in 2024", YC, 2024, 45.0553, "en"),
    ("伊川县司法局不予公开多少件", YC, 2024, 2, "zh"),
    ("伊川县司法局因过程性信息不予公开几件", YC, 2024, 2, "zh"),
    ("how many requests did 伊川县司法局 refuse", YC, 2024, 2, "en"),
    ("how many applications did 伊川县司法局 withhold as process information", YC, 2024, 2, "en"),
    ("伊川县司法局予以公开多少", YC, 2024, 0, "zh"),
    ("how many applications did 伊川县司法局 grant", YC, 2024, 0, "en"),
    ("伊川县司法局办结多少件申请", YC, 2024, 2, "zh"),
    ("伊川县司法局上年结转多少申请", YC, 2024, 0, "zh"),
    ("伊川县司法局结转下年度继续办理多少", YC, 2024, 0, "zh"),
    ("伊川县司法局行政复议多少件", YC, 2024, 0, "zh"),
    ("伊川县司法局被起诉几次", YC, 2024, 0, "zh"),
    ("伊川司法局2024年无法提供多少", YC, 2024, 0, "zh"),
    ("伊川县司法局涉及国家秘密不予公开的有几件", YC, 2024, 0, "zh"),
    ("伊川县司法句收到多少申请", YC, 2024, 2, "zh"),
    ("伊川收到多少申请", YC, 2024, 2, "zh"),
    ("伊川县司法局今年收到多少申请", None, 2025, None, "zh"),  # no 2025 report: see test below
    # 渠县司法局 2024: every figure is 0
    ("渠县司法局收到多少申请", QU, 2024, 0, "zh"),
    ("渠县司法局2024年行政诉讼多少件", QU, 2024, 0, "zh"),
    ("how many applications did 渠县司法局 grant in full", QU, 2024, 0, "en"),
    ("渠县司法局规章现行有效件数", QU, 2024, 0, "zh"),
    ("渠县司法局行政处罚", QU, 2024, 0, "zh"),
    ("渠县司法局行政强制多少", QU, 2024, 0, "zh"),
    ("渠县司法局行政许可", QU, 2024, 0, "zh"),
    # 攀枝花市西区司法局 2024: every figure is 0
    ("西区司法局收到多少申请", XQ, 2024, 0, "zh"),
    ("攀枝花市西区司法局不予处理多少", XQ, 2024, 0, "zh"),
    ("西区司法局行政复议被纠正几件", XQ, 2024, 0, "zh"),
    ("administrative reviews of 攀枝花市西区司法局", XQ, 2024, 0, "en"),
    # 重庆市綦江区司法局 2024: one application from a company, granted; 4 licences, 1 penalty
    ("綦江区司法局收到多少申请", QJ, 2024, 1, "zh"),
    ("綦江区司法局企业申请多少", QJ, 2024, 1, "zh"),
    ("綦江区司法局商业企业申请", QJ, 2024, 1, "zh"),
    ("綦江区司法局自然人申请", QJ, 2024, 0, "zh"),
    ("綦江区司法局法人或其他组织申请几件", QJ, 2024, 1, "zh"),
    ("重庆市綦江区司法局行政许可", QJ, 2024, 4, "zh"),
    ("綦江区司法局行政处罚多少件", QJ, 2024, 1, "zh"),
    ("綦江司法局予以公开", QJ, 2024, 1, "zh"),
    ("重庆市綦江区司法局办理结果总计", QJ, 2024, 1, "zh"),
    ("how many licences did 重庆市綦江区司法局 issue", QJ, 2024, 4, "en"),
    ("how many administrative penalties did 綦江区司法局 decide", QJ, 2024, 1, "en"),
    ("how many applications from companies did 綦江区司法局 receive", QJ, 2024, 1, "en"),
    # 友好区司法局 2024: every figure is 0
    ("友好区司法局收到多少申请", YH, 2024, 0, "zh"),
    ("友好区司法局收费", YH, 2024, 0, "zh"),
    ("友好区司法局行政诉讼", YH, 2024, 0, "zh"),
    # 淮安市人民政府 2024 (devset, PDF)
    ("淮安市人民政府收到多少申请", HA, 2024, 3119, "zh"),
    ("淮安市政府去年收到多少申请", HA, 2024, 3119, "zh"),
    ("淮安市政府自然人申请多少", HA, 2024, 3001, "zh"),
    ("淮安市政府企业申请", HA, 2024, 53, "zh"),
    ("淮安市政府律师事务所提出的申请", HA, 2024, 61, "zh"),
    ("淮安市政府法人或其他组织申请多少", HA, 2024, 118, "zh"),  # 53 + 0 + 0 + 61 + 4
    ("淮安市政府上年结转多少申请", HA, 2024, 34, "zh"),
    ("淮安市政府予以公开多少", HA, 2024, 1362, "zh"),
    ("淮安市政府部分公开几件", HA, 2024, 454, "zh"),
    ("淮安市政府不予公开多少", HA, 2024, 178, "zh"),  # 2 + 31 + 5 + 6 + 8 + 12 + 9 + 105
    ("淮安市政府因国家秘密不予公开", HA, 2024, 2, "zh"),
    ("淮安市政府过程性信息", HA, 2024, 12, "zh"),
    ("淮安市政府属于行政查询事项的", HA, 2024, 105, "zh"),
    ("淮安市政府无法提供多少", HA, 2024, 781, "zh"),  # 769 + 11 + 1
    ("淮安市政府本机关不掌握相关政府信息", HA, 2024, 769, "zh"),
    ("淮安市政府不予处理多少", HA, 2024, 88, "zh"),  # 62 + 25 + 0 + 0 + 1
    ("淮安市政府信访举报投诉类申请", HA, 2024, 62, "zh"),
    ("淮安市政府重复申请多少件", HA, 2024, 25, "zh"),
    ("淮安市政府其他处理", HA, 2024, 187, "zh"),  # 71 + 6 + 110
    ("淮安市政府逾期不补正的申请", HA, 2024, 71, "zh"),
    ("淮安市政府办结多少", HA, 2024, 3050, "zh"),
    ("淮安市政府结转下年度继续办理", HA, 2024, 103, "zh"),
    ("淮安市政府行政复议多少件", HA, 2024, 351, "zh"),
    ("淮安市政府2024年行政复议被纠正几件", HA, 2024, 64, "zh"),
    ("淮安市政府行政复议结果维持", HA, 2024, 72, "zh"),
    ("淮安市政府行政复议尚未审结", HA, 2024, 37, "zh"),
    ("淮安市政府行政诉讼多少件", HA, 2024, 46, "zh"),  # 26 + 20
    ("淮安市政府未经复议直接起诉", HA, 2024, 26, "zh"),
    ("淮安市政府复议后起诉多少", HA, 2024, 20, "zh"),
    ("淮安市政府行政诉讼被纠正", HA, 2024, 5, "zh"),  # 4 + 1
    ("淮安市政府行政许可", HA, 2024, 447228, "zh"),
    ("淮安市政府行政处罚多少", HA, 2024, 3985758, "zh"),
    ("淮安市政府行政强制", HA, 2024, 88283, "zh"),
    ("淮安市政府行政事业性收费", HA, 2024, 96171.6, "zh"),
    ("淮安市政府规章本年制发件数", HA, 2024, 1, "zh"),
    ("淮安市政府现行有效的规章", HA, 2024, 11, "zh"),
    ("淮安市政府废止了多少规范性文件", HA, 2024, 26, "zh"),
    ("淮安市政府行政规范性文件现行有效件数", HA, 2024, 66, "zh"),
    ("how many applications did 淮安市人民政府 receive in 2024", HA, 2024, 3119, "en"),
    ("how many requests did 淮安市人民政府 refuse", HA, 2024, 178, "en"),
    ("administrative reconsideration cases of 淮安市人民政府", HA, 2024, 351, "en"),
    ("how many lawsuits did 淮安市人民政府 face", HA, 2024, 46, "en"),
    ("how many reviews of 淮安市人民政府 were corrected", HA, 2024, 64, "en"),
    ("applications from citizens to 淮安市人民政府", HA, 2024, 3001, "en"),
    ("applications from organisations to 淮安市人民政府", HA, 2024, 118, "en"),
    ("how many applications did 淮安市人民政府 grant in full", HA, 2024, 1362, "en"),
    ("how many were partially granted by 淮安市人民政府", HA, 2024, 454, "en"),
    ("how much did 淮安市人民政府 collect in fees", HA, 2024, 96171.6, "en"),
    ("how many penalties did 淮安市人民政府 decide", HA, 2024, 3985758, "en"),
    ("how many licences did 淮安市人民政府 grant", HA, 2024, 447228, "en"),
    ("how many pending administrative reviews did 淮安市人民政府 have", HA, 2024, 37, "en"),
    ("how many duplicate applications did 淮安市人民政府 get", HA, 2024, 25, "en"),
    (
        "how many applications could 淮安市人民政府 not provide because it does not hold the information",
        HA,
        2024,
        769,
        "en",
    ),
    (
        "how many applications were carried over from last year at 淮安市人民政府",
        HA,
        2024,
        34,
        "en",
    ),
    ("how many normative documents of 淮安市人民政府 are in force", HA, 2024, 66, "en"),
    # 平潭综合实验区 2022 (devset, crawled text)
    ("平潭综合实验区2022年收到多少申请", PT, 2022, 74, "zh"),
    ("平潭收到多少申请", PT, 2022, 74, "zh"),
    ("平潭综合实验区规范性文件现行有效多少件", PT, 2022, 698, "zh"),
    ("平潭综合实验区2022年行政许可", PT, 2022, 10690, "zh"),
    ("平潭综合实验区收费金额", PT, 2022, 9116.36, "zh"),
    ("平潭综合实验区不掌握相关信息的申请", PT, 2022, 37, "zh"),
    ("平潭综合实验区行政复议", PT, 2022, 2, "zh"),
    ("平潭综合实验区行政复议被纠正", PT, 2022, 1, "zh"),
    ("平潭综合实验区行政诉讼几件", PT, 2022, 1, "zh"),
    ("平潭综合实验区办结多少", PT, 2022, 75, "zh"),
    ("平潭综合实验区上年结转", PT, 2022, 1, "zh"),
    ("how many applications did 平潭综合实验区 receive in 2022", PT, 2022, 74, "en"),
    # 上海市人民政府办公厅 2019 (devset, HTML, 2019 format, zeros left blank)
    ("上海市人民政府办公厅2019年收到多少申请", SH, 2019, 859, "zh"),
    ("上海市政府办公厅自然人申请", SH, 2019, 821, "zh"),
    ("上海市人民政府办公厅企业申请多少", SH, 2019, 35, "zh"),
    ("上海市政府办公厅上年结转", SH, 2019, 18, "zh"),
    ("上海市政府办公厅办结多少", SH, 2019, 805, "zh"),
    ("上海市政府办公厅结转下年度继续办理", SH, 2019, 72, "zh"),
    ("上海市政府办公厅行政复议", SH, 2019, 7, "zh"),
    ("上海市政府办公厅行政复议维持", SH, 2019, 5, "zh"),
    ("上海市政府办公厅直接起诉", SH, 2019, 9, "zh"),
    ("上海市政府办公厅规章新制作", SH, 2019, 13, "zh"),
    ("上海市政府办公厅规章对外公开总数", SH, 2019, 524, "zh"),
    ("上海市政府办公厅政府集中采购项目数量", SH, 2019, 6, "zh"),
    ("how many applications did 上海市人民政府办公厅 receive in 2019", SH, 2019, 859, "en"),
]

# Cells the report prints blank: the answer says so and gives no number.
BLANK = [
    ("上海市人民政府办公厅2019年予以公开多少", SH, 2019),  # 总计 blank on result rows
    ("上海市政府办公厅行政复议被纠正几件", SH, 2019),
    ("上海市政府办公厅科研机构申请", SH, 2019),
    ("上海市政府办公厅法人或其他组织申请多少", SH, 2019),  # 科研机构, 社会公益组织 blank
    ("上海市政府办公厅不予公开多少", SH, 2019),
]


@pytest.mark.parametrize(
    ("question", "agency", "year", "value", "language"), [f for f in FIGURES if f[1]]
)
def test_figure(
    real: Engine, question: str, agency: str, year: int, value: float, language: str
) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.agency, a.year) == ("answered", "figure", agency, year), a.text
    assert a.value == value and type(a.value) is type(value), a.text
    assert a.language == language
    assert a.figures and all({"table", "row", "column", "value"} <= set(f) for f in a.figures)
    assert str(year) in a.text and agency in a.text
    assert ("来源" if language == "zh" else "Source") in a.text


@pytest.mark.parametrize(("question", "agency", "year"), BLANK)
def test_blank_cell_gives_no_number(real: Engine, question: str, agency: str, year: int) -> None:
    a = real.answer(question)
    # a figure printed blank is not found in the report: said, and no number given
    assert (a.status, a.agency, a.year, a.value) == ("not_found", agency, year, None), a.text
    assert "未填写" in a.text


def test_a_blank_total_shows_the_columns_printed_without_adding_them(real: Engine) -> None:
    a = real.answer("上海市人民政府办公厅2019年予以公开多少")
    assert "自然人 258" in a.text and "商业企业 12" in a.text
    assert "272" not in a.text  # 258 + 12 + 1 + 1 would be a guess


def test_answer_cites_the_report_table_row_and_column(real: Engine) -> None:
    a = real.answer("淮安市政府2024年行政复议被纠正几件？")
    assert "《淮安市人民政府2024年政府信息公开工作年度报告》" in a.text
    assert "四、政府信息公开行政复议、行政诉讼情况" in a.text
    assert "“行政复议”行" in a.text and "“结果纠正”列" in a.text
    assert a.figures == [
        {
            "table": 4,
            "row": "review",
            "column": "corrected",
            "value": 64,
            "raw": "64",
            "label": "行政复议",
        }
    ]


def test_sum_lists_every_row_it_adds(real: Engine) -> None:
    a = real.answer("淮安市政府不予公开多少")
    assert [f["row"] for f in a.figures] == [
        "withheld_state_secret",
        "withheld_prohibited_by_law",
        "withheld_security_stability",
        "withheld_third_party",
        "withheld_internal_affairs",
        "withheld_process_info",
        "withheld_enforcement_file",
        "withheld_query_matter",
    ]
    assert sum(f["value"] for f in a.figures) == a.value == 178
    assert "属于行政查询事项" in a.text


def test_fees_are_in_wan_yuan(real: Engine) -> None:
    assert "45.0553 万元" in real.answer("伊川县司法局收费多少").text
    assert "万元" in real.answer("fees of 伊川县司法局").text


def test_english_answer_is_in_english(real: Engine) -> None:
    a = real.answer("how many applications did 淮安市人民政府 receive in 2024")
    assert a.text.startswith("淮安市人民政府, 2024") and "3,119" in a.text and "Source:" in a.text


def test_default_year_is_the_latest_report_and_says_so(real: Engine) -> None:
    a = real.answer("伊川县司法局收到多少申请")
    assert a.year == 2024 and "最新" in a.text
    assert "latest report" in real.answer("how many applications did 伊川县司法局 receive").text


def test_typo_and_short_forms_say_how_the_name_was_read(real: Engine) -> None:
    assert "按“伊川县司法局”理解" in real.answer("伊川县司法句收到多少申请").text
    assert (
        "read as 伊川县司法局" in real.answer("how many applications did 伊川县司法句 receive").text
    )
