"""Every kind of answer besides a single figure, and questions that are not questions.

Rankings, sums, sections, the narrative and the lists run over the real reports;
trends, warnings and blank cells over the invented index of `answer_support`.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer import Engine
from bot.normalize import MAX_QUESTION_CHARS

from .answer_support import synthetic_db

# -- rankings and sums over the real reports ------------------------------------------

# (question, agency at the top or None for a tie, year, top value, language)
RANKINGS = [
    ("哪个司法局收到的申请最多", "伊川县司法局", 2024, 2, "zh"),
    # no year: each agency's latest report (2019–2024), so the answer has no one year
    ("哪个机关收到的申请最多？", "淮安市人民政府", None, 3119, "zh"),
    ("rank agencies by 行政复议", "淮安市人民政府", None, 351, "en"),
    ("which justice bureau received the most applications in 2024", "伊川县司法局", 2024, 2, "en"),
    ("哪个司法局收到的申请最少", None, 2024, 0, "zh"),  # 渠县, 攀枝花市西区, 友好区 all 0
    ("2022年哪个机关收到申请最多", "平潭综合实验区", 2022, 74, "zh"),
    ("2019年哪个机关收到的申请最多", "上海市人民政府办公厅", 2019, 859, "zh"),
    ("各司法局行政许可排名", "重庆市綦江区司法局", 2024, 4, "zh"),
    ("哪个机关行政处罚最多", "淮安市人民政府", None, 3985758, "zh"),
    ("which agency refused the most applications", "淮安市人民政府", None, 178, "en"),
    ("哪个司法局的收费最高", "伊川县司法局", 2024, 45.0553, "zh"),
]


@pytest.mark.parametrize(("question", "agency", "year", "value", "language"), RANKINGS)
def test_ranking(
    real: Engine, question: str, agency: str | None, year: int, value: float, language: str
) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.agency, a.year, a.value, a.language) == (
        "answered",
        "ranking",
        agency,
        year,
        value,
        language,
    ), a.text
    assert a.figures and a.figures[0]["value"] == value


def test_ranking_lists_in_order_and_top_n(real: Engine) -> None:
    a = real.answer("2024年收到申请最多的前3个机关")
    assert [(f["agency"], f["value"]) for f in a.figures] == [
        ("淮安市人民政府", 3119),
        ("伊川县司法局", 2),
        ("重庆市綦江区司法局", 1),
    ]


def test_ranking_tie_names_every_agency(real: Engine) -> None:
    a = real.answer("哪个司法局收到的申请最少")
    assert "3 个并列" in a.text
    assert all(name in a.text for name in ("渠县司法局", "攀枝花市西区司法局", "友好区司法局"))


def test_ranking_year_without_reports(real: Engine) -> None:
    a = real.answer("2023年哪个机关收到的申请最多")
    assert (a.status, a.year, a.value) == ("not_found", 2023, None)
    assert sorted(c["id"] for c in a.candidates) == [2019, 2022, 2024]
    assert real.answer(next(c["question"] for c in a.candidates if c["id"] == 2022)).value == 74


# (question, year, total, language)
SUMS = [
    ("2024年所有机关一共收到多少申请", 2024, 3122, "zh"),  # 3119 + 2 + 1 + 0 + 0 + 0
    ("所有司法局一共收到多少申请", 2024, 3, "zh"),  # 2 + 1
    ("2024年所有机关行政复议一共多少件", 2024, 351, "zh"),
    ("total applications received by all agencies in 2024", 2024, 3122, "en"),
    ("2024年所有司法局行政许可合计", 2024, 4, "zh"),
    ("2022年所有机关一共收到多少申请", 2022, 74, "zh"),
]


@pytest.mark.parametrize(("question", "year", "value", "language"), SUMS)
def test_sum(real: Engine, question: str, year: int, value: int, language: str) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.year, a.value, a.language) == (
        "answered",
        "sum",
        year,
        value,
        language,
    ), a.text


def test_sum_over_blank_cells_says_so(real: Engine) -> None:
    a = real.answer("2019年所有机关一共予以公开多少")  # 上海 leaves 总计 blank
    assert (a.status, a.value) == ("answered", None)
    assert "上海市人民政府办公厅" in a.text and "空白不等于 0" in a.text


def test_sum_names_the_reports_left_out(invented: Engine) -> None:
    # 南山县司法局 leaves its commercial applicants blank: the others' sum (0) is shown,
    # said to leave it out, and is not the value (the blank may be anything)
    a = invented.answer("2024年所有司法局企业申请一共多少")
    assert (a.status, a.value) == ("answered", None)
    assert "南山县司法局" in a.text and "未计入" in a.text and "合计：0" in a.text


def test_ranking_by_kind_of_agency(invented: Engine) -> None:
    a = invented.answer("哪个区政府行政复议最多")
    assert (a.agency, a.value) == ("东海市西区人民政府", 5)
    assert [f["agency"] for f in a.figures] == ["东海市西区人民政府", "东海市南区人民政府"]
    en = invented.answer("rank district governments by administrative review")
    assert (en.agency, en.value, en.language) == ("东海市西区人民政府", 5, "en")


def test_ranking_warns_about_a_report_that_breaks_its_identities(invented: Engine) -> None:
    a = invented.answer("哪个司法局收到的申请最多")
    assert (a.agency, a.value) == ("北河县司法局", 9)
    assert "⚠" in a.text and "北河县司法局" in a.text.split("⚠")[1]


# -- one agency over the years ---------------------------------------------------------

TRENDS = [
    ("伊川县人民政府历年收到多少申请", 2024, 15, [10, 12, 15], "zh"),
    ("伊川县人民政府2022到2023年予以公开", 2023, 7, [6, 7], "zh"),
    ("伊川县人民政府2022年和2024年收到多少申请", 2024, 15, [10, 15], "zh"),
    ("how did applications to 伊川县人民政府 change over the years", 2024, 15, [10, 12, 15], "en"),
    ("伊川县人民政府历年行政许可", 2024, 102, [100, 101, 102], "zh"),
    ("伊川县人民政府每年的行政复议被纠正几件", 2024, 1, [1, 1, 1], "zh"),
]


@pytest.mark.parametrize(("question", "year", "value", "series", "language"), TRENDS)
def test_trend(
    invented: Engine, question: str, year: int, value: int, series: list[int], language: str
) -> None:
    a = invented.answer(question)
    assert (a.status, a.intent, a.agency, a.year, a.value, a.language) == (
        "answered",
        "trend",
        "伊川县人民政府",
        year,
        value,
        language,
    ), a.text
    assert [f["value"] for f in a.figures] == series


def test_trend_names_years_without_a_report(invented: Engine) -> None:
    a = invented.answer("伊川县人民政府2021到2023年收到多少申请")
    assert (a.value, [f["year"] for f in a.figures]) == (12, [2022, 2023])
    assert "2021" in a.text


def test_trend_of_a_single_year(real: Engine) -> None:
    a = real.answer("伊川县司法局历年收到多少申请")
    assert (a.intent, a.year, a.value) == ("trend", 2024, 2)


# -- years -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "today", "year"),
    [
        ("伊川县人民政府今年收到多少申请", date(2024, 3, 1), 2024),
        ("伊川县人民政府去年收到多少申请", date(2024, 3, 1), 2023),
        ("伊川县人民政府前年收到多少申请", date(2024, 3, 1), 2022),
        ("how many applications did 伊川县人民政府 receive last year", date(2023, 12, 31), 2022),
        ("how many applications did 伊川县人民政府 receive this year", date(2023, 1, 1), 2023),
        ("伊川县人民政府二〇二三年收到多少申请", date(2025, 1, 1), 2023),
        ("伊川县人民政府2023年度收到多少申请", date(2025, 1, 1), 2023),
        ("伊川县人民政府23年收到多少申请", date(2025, 1, 1), 2023),
        ("伊川县人民政府２０２２年收到多少申请", date(2025, 1, 1), 2022),
        ("伊川县人民政府收到多少申请", date(2030, 1, 1), 2024),
    ],
)
def test_years(question: str, today: date, year: int) -> None:
    a = Engine(synthetic_db(), today=today).answer(question)
    assert (a.status, a.year, a.value) == (
        "answered",
        year,
        {2022: 10, 2023: 12, 2024: 15}[year],
    ), a.text


@pytest.mark.parametrize(
    "question",
    [
        "伊川县司法局2020年收到多少申请",
        "伊川县司法局今年收到多少申请",
        "how many applications did 伊川县司法局 receive in 2021",
    ],
)
def test_year_without_a_report(real: Engine, question: str) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.agency, a.value) == ("not_found", "year", "伊川县司法局", None)
    assert "2024" in a.text
    assert [c["id"] for c in a.candidates] == [2024]
    assert real.answer(a.candidates[0]["question"]).value == 2


# -- figures that need a choice --------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "choices"),
    [
        ("淮安市人民政府结转多少", {"上年结转政府信息公开申请数量": 34, "结转下年度继续办理": 103}),
        ("淮安市人民政府规章", {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 11}),
        ("淮安市政府被纠正几件", {"行政复议": 64, "行政诉讼": 5}),
        ("淮安市政府予以公开和部分公开各多少", {"予以公开": 1362, "部分公开": 454}),
        (
            "how many regulations does 淮安市人民政府 have",
            {"issued this year": 1, "repealed this year": 0, "in force": 11},
        ),
    ],
)
def test_ambiguous_figure_offers_each_choice(
    real: Engine, question: str, choices: dict[str, int]
) -> None:
    a = real.answer(question)
    assert (a.status, a.value) == ("ambiguous", None), a.text
    assert {c["label"]: real.answer(c["question"]).value for c in a.candidates} == choices


# -- warnings --------------------------------------------------------------------------


def test_figure_in_a_broken_identity_is_quoted_with_a_warning(invented: Engine) -> None:
    a = invented.answer("北河县司法局收到多少申请")
    assert (a.status, a.value) == ("answered", 9)
    assert "⚠" in a.text and "总计应等于各类申请人之和" in a.text and "第一项加第二项之和" in a.text
    en = invented.answer("how many applications did 北河县司法局 receive")
    assert "Warning" in en.text


def test_figure_outside_the_broken_identities_has_no_warning(invented: Engine) -> None:
    assert "⚠" not in invented.answer("北河县司法局予以公开多少").text


def test_card_lists_the_broken_identities(invented: Engine) -> None:
    a = invented.answer("北河县司法局2024年报告")
    assert a.intent == "card" and "⚠" in a.text


def test_blank_cells_are_never_summed(invented: Engine) -> None:
    a = invented.answer("南山县司法局不予公开多少")
    assert (a.status, a.value) == ("not_found", None)
    assert "保护第三方合法权益" in a.text and "空白不等于 0" in a.text
    b = invented.answer("南山县司法局法人或其他组织申请")
    assert b.value is None and "商业企业" in b.text


def test_old_format_single_other_row(invented: Engine) -> None:
    a = invented.answer("东海市人民政府办公厅2019年其他处理多少")
    assert (a.value, [f["row"] for f in a.figures]) == (10, ["other_processing"])


# -- report cards ----------------------------------------------------------------------


def test_report_card(real: Engine) -> None:
    a = real.answer("伊川县司法局2024年报告")
    assert (a.status, a.intent, a.agency, a.year, a.value) == (
        "answered",
        "card",
        "伊川县司法局",
        2024,
        None,
    )
    assert "本年新收政府信息公开申请数量 2 件" in a.text and "45.0553 万元" in a.text
    assert "不予公开 2 件" in a.text and "行政复议 0 件" in a.text
    cells = {(f["table"], f["row"], f["column"]): f["value"] for f in a.figures}
    assert cells[(3, "received", "total")] == 2 and cells[(2, "fees", "amount")] == 45.0553


def test_report_card_in_english(real: Engine) -> None:
    a = real.answer("report card for 淮安市人民政府")
    assert a.language == "en" and "new applications received 3,119" in a.text


# -- sections and the narrative --------------------------------------------------------

SECTIONS = [
    ("伊川县司法局存在哪些问题", "伊川县司法局", "对政务公开认识不足", "zh"),
    ("渠县司法局存在的主要问题及改进情况", "渠县司法局", "重点领域信息公开工作还需加强", "zh"),
    ("what problems does 伊川县司法局 report?", "伊川县司法局", "对政务公开认识不足", "en"),
    ("重庆市綦江区司法局其他需要报告的事项", "重庆市綦江区司法局", "无。", "zh"),
    ("伊川县司法局平台建设情况", "伊川县司法局", "伊川司法行政在线", "zh"),
    ("友好区司法局的总体情况", "友好区司法局", "深入学习贯彻党的二十大精神", "zh"),
    ("攀枝花市西区司法局监督保障方面做了什么", "攀枝花市西区司法局", "压实责任", "zh"),
]


@pytest.mark.parametrize(("question", "agency", "quote", "language"), SECTIONS)
def test_section(real: Engine, question: str, agency: str, quote: str, language: str) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.agency, a.language) == (
        "answered",
        "section",
        agency,
        language,
    ), a.text
    assert quote in a.text
    assert len(a.text) < 1000


NARRATIVE = [
    ("渠县司法局在微信公众号发布了多少篇", "渠县司法局", 860, "持续推出优质内容 860 篇"),
    ("伊川县司法局在公众号上发文多少篇", "伊川县司法局", 268, "发文 268 篇"),
    ("伊川县司法局被市县媒体转发宣传多少次", "伊川县司法局", 52, "转发宣传 52 次"),
    ("綦江区司法局通过政务新媒体推送了多少条信息", "重庆市綦江区司法局", 186, "推送各类信息186条"),
    ("綦江区司法局整改督办问题多少条", "重庆市綦江区司法局", 3, "整改督办问题3条"),
    ("攀枝花市西区司法局主动公开了多少条信息", "攀枝花市西区司法局", 116, "主动公开信息 116条"),
    (
        "渠县司法局在县政府门户网站主动公开政府信息多少条",
        "渠县司法局",
        40,
        "主动公开政府信息 40 条",
    ),
    ("伊川县司法局开展司法行政开放日活动几次", "伊川县司法局", 1, "活动 1 次"),
    ("淮安市政府信息处理费", "淮安市人民政府", None, "3940 元"),
    ("渠县司法局收取信息处理费了吗", "渠县司法局", None, "未收取信息处理费"),
]


@pytest.mark.parametrize(("question", "agency", "value", "quote"), NARRATIVE)
def test_narrative(real: Engine, question: str, agency: str, value: int | None, quote: str) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.agency, a.value) == ("answered", "narrative", agency, value), (
        a.text
    )
    assert quote in a.text and "正文" in a.text


def test_narrative_not_found_says_so(real: Engine) -> None:
    a = real.answer("伊川县司法局有多少辆公务车")
    assert (a.status, a.value) == ("not_found", None)
    assert a.candidates and real.answer(a.candidates[0]["question"]).intent == "card"


# -- lists, help, and what is not a question -------------------------------------------


@pytest.mark.parametrize(
    ("question", "language"),
    [("有哪些机关", "zh"), ("收录了哪些报告？", "zh"), ("which agencies are indexed?", "en")],
)
def test_listing(real: Engine, question: str, language: str) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.value, a.language) == ("answered", "list", 8, language)
    assert "平潭综合实验区" in a.text and "2019" in a.text


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("帮助", "zh"),
        ("你能做什么？", "zh"),
        ("help", "en"),
        ("/start", "en"),
        ("what can I ask?", "en"),
    ],
)
def test_help(real: Engine, question: str, language: str) -> None:
    a = real.answer(question)
    assert (a.status, a.intent, a.language) == ("answered", "help", language)
    assert "伊川县司法局" in a.text


GARBAGE = [
    "",
    "   ",
    "？？？",
    "🙂🙂🙂",
    "🏛️📈",
    "x" * 5000,
    "收到多少申请" * 1000,
    "今天天气怎么样",
    "hello",
    "asdf qwer zxcv",
    "'; DROP TABLE agencies; --",
    "SELECT * FROM figures WHERE 1=1",
    "<script>alert(1)</script>",
    "\x00\x01\x02",
    "1234567",
    "的的的的的的",
    "Robert'); DROP TABLE reports;--",
    "%s %d {0} ${x}",
]


@pytest.mark.parametrize("question", GARBAGE)
def test_garbage_is_unsupported_with_examples(real: Engine, question: str) -> None:
    a = real.answer(question)
    assert (a.status, a.value, a.agency, a.figures) == ("unsupported", None, None, []), a.text
    assert "伊川县司法局" in a.text  # the examples


def test_sql_in_a_question_changes_nothing(real: Engine) -> None:
    before = real.answer("有哪些机关").value
    real.answer("淮安市政府'; DELETE FROM figures; --收到多少申请")
    assert real.answer("有哪些机关").value == before == 8
    assert real.answer("淮安市政府收到多少申请").value == 3119


def test_long_question_is_refused_politely(real: Engine) -> None:
    a = real.answer("伊川县司法局" * (MAX_QUESTION_CHARS // 6 + 1))
    assert a.status == "unsupported" and str(MAX_QUESTION_CHARS) in a.text
