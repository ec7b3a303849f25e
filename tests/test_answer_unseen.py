"""Shapes of questions from the banks written without seeing the engine (banks 5 to 7)
that it had answered with a neighbour of the question, or not at all: whom to ask about
a report, long messages, what is asked of a trend's years, checks of a report's own
sums, sums of named agencies, English short forms and dialect. Expected figures and
phrases are read from the reports and their hand-read truth files."""

from __future__ import annotations

import json

import pytest

from bot.answer import Engine
from index.parse import parse_file

from .conftest import DEVSET
from .real_support import REAL, real_engine, truth


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return real_engine(tmp_path_factory.mktemp("unseen"))


def test_the_preamble_is_kept_apart_from_the_six_sections() -> None:
    report = parse_file(DEVSET / "huaian-shi-zf-2024.pdf")
    assert "0517-83605210" in report.preamble  # 如对本报告有疑问，请与…联系（…电话…）
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert "preamble" in report.to_json()


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("对淮安市政府的年报有疑问打什么电话", "0517-83605210"),
        ("平潭2021年报有问题找谁", "0591-23165370"),  # the phone is the next sentence's
        ("pingtan 2021 report contact phone", "0591-23165370"),
        ("平潭2021年开过什么听证会吗", "定价听证会"),
        ("上海市科委2024年有没有收信息公开的费用", "未发生政府信息公开收费事项"),
    ],
)
def test_whom_to_ask_and_short_questions_about_the_text(
    engine: Engine, question: str, phrase: str
) -> None:
    a = engine.answer(question)
    assert (a.status, a.intent, a.value) == ("answered", "narrative", None)
    assert phrase in a.text


@pytest.mark.parametrize(
    "question",
    [
        "淮安2024年纠正率多少",  # of reviews or of lawsuits? (was one over the other)
        "平潭2023年有效申请多少",  # 有效 is table 2's column (was the applications received)
        "平潭2025年平均每个申请人申请了几次",  # no count of applicants (was those received)
        "綦江司法局2024年逾期答复的申请几件",  # 逾期 without its row (was the total handled)
    ],
)
def test_words_that_change_the_figure_give_no_number(engine: Engine, question: str) -> None:
    a = engine.answer(question)
    assert a.status != "answered" and a.value is None, a.text


def test_a_place_with_one_agency_averaged_over_its_years(engine: Engine) -> None:
    # not the mean over 平潭县's agencies of one year (70, the first year's figure)
    years = {
        2021: "pingtan-zhsyq-2021-crawl",
        2023: "pingtan-zhsyq-2023-crawl",
        2024: "pingtan-zhsyq-2024-crawl",
    }
    figures = [truth(name, "3.received.total") for name in years.values()]
    received_2022 = json.loads((DEVSET / "truth" / "pingtan-zhsyq-2022.json").read_text("utf-8"))
    figures.append(received_2022["figures"]["3.received.total"])
    a = engine.answer("Pingtan average requests per year 2021-2024")
    assert (a.status, a.agency, a.value) == ("answered", "平潭综合实验区", sum(figures) / 4)


def test_levels_of_divisions_are_no_name_typed_by_sound(engine: Engine) -> None:
    a = engine.answer("淮安市各区县2024年收到申请排名")  # 区县 is no slip for 渠县
    assert "渠县" not in a.text


def test_a_comparison_with_one_side_blank_names_no_winner(engine: Engine) -> None:
    # the 2025 report of the 办公厅 prints its 行政规范性文件 row as a run the parser
    # leaves unread: 上海市科委 is not "the most" of two
    a = engine.answer("上海科委和上海市政府办公厅 现行有效的规范性文件谁多")
    assert (a.status, a.value) == ("not_found", None)


def test_a_difference_with_one_side_named_is_not_taken_against_last_year(
    engine: Engine,
) -> None:
    a = engine.answer("平潭2020年办理结果总计跟它差多少")
    assert a.value is None  # not 2020's total against 2019's


def test_a_follow_up_compares_the_year_before_with_the_one_it_names(engine: Engine) -> None:
    received = {y: truth(f"pingtan-zhsyq-{y}-crawl", "3.received.total") for y in (2023, 2024)}
    context = None
    for question in ("平潭2023年收到多少政府信息公开申请", "那2024年呢", "跟2023年比多了多少"):
        a = engine.answer(question, context=context)
        context = a.context
    assert (a.status, a.value) == ("answered", received[2024] - received[2023])


def test_total_in_a_follow_up_replaces_the_outcome_asked_before(engine: Engine) -> None:
    context = None
    for question in ("淮安2024年行政复议多少件", "其中结果纠正的呢", "换成行政诉讼总数呢"):
        a = engine.answer(question, context=context)
        context = a.context
    truth_2024 = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    f = truth_2024["figures"]
    assert a.value == f["4.litigation_direct.total"] + f["4.litigation_after_review.total"]


def test_a_share_of_both_figures_before_is_not_their_sum_over_everyone(engine: Engine) -> None:
    context = None
    for question in ("沭阳2025年部分公开多少", "予以公开呢", "两个加起来占办结的多少"):
        a = engine.answer(question, context=context)
        context = a.context
    assert a.value is None  # it was a sum of rates over every agency


def test_two_questions_in_one_message_are_both_answered(engine: Engine) -> None:
    truth_2024 = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    f = truth_2024["figures"]
    a = engine.answer("淮安2024年收了多少申请，办结了多少")
    assert (a.status, a.value) == ("answered", f["3.received.total"])
    assert f"{f['3.results_total.total']} 件" in a.text


def test_the_latest_and_a_top_n_of_all_agencies_is_a_ranking(engine: Engine) -> None:
    a = engine.answer("所有机关最新一年收到申请数量前三名")  # it was a sum over all
    assert (a.status, a.intent, a.agency) == ("answered", "ranking", "淮安市人民政府")


@pytest.mark.parametrize(
    "question",
    [
        "How many requests did the Shanghai science and technology commission receive",
        "上海科技委员会24年申请收了几个",
    ],
)
def test_a_commission_by_its_english_or_longer_name(engine: Engine, question: str) -> None:
    a = engine.answer(question)
    expected = truth("shanghai-shi-kewei-2024-pdfmd", "3.received.total")
    assert (a.status, a.agency, a.value) == ("answered", "上海市科委", expected)


def test_carried_forward_to_the_next_year_is_a_row_not_a_year(engine: Engine) -> None:
    context = engine.answer("淮安2024年收到多少申请").context
    a = engine.answer("And how many were carried forward to the next year?", context=context)
    truth_2024 = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    assert (a.year, a.value) == (2024, truth_2024["figures"]["3.carried_forward.total"])


def _last(engine: Engine, *questions: str):  # type: ignore[no-untyped-def]
    context = None
    for question in questions:
        a = engine.answer(question, context=context)
        context = a.context
    return a


def test_the_two_years_of_the_last_two_questions_compared(engine: Engine) -> None:
    a = _last(engine, "上海市政府办公厅2025年新收申请多少", "2019年呢", "两年差多少")
    received = truth("shanghai-shi-zfbgt-2025-pdfmd", "3.received.total")
    f2019 = json.loads((DEVSET / "truth" / "shanghai-shi-zfbgt-2019.json").read_text("utf-8"))
    assert (a.status, a.value) == ("answered", received - f2019["figures"]["3.received.total"])


def test_the_two_agencies_of_the_last_two_questions_compared(engine: Engine) -> None:
    a = _last(engine, "沭阳县2025年行政复议有多少件", "纠错率呢", "平潭2025年的呢", "哪个高")
    assert (a.status, a.agency) == ("answered", "沭阳县人民政府")


def test_it_is_the_agency_asked_about_before(engine: Engine) -> None:
    a = _last(engine, "渠县司法局2024年收到几件申请", "那复议呢", "淮安比它多多少")
    f = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))["figures"]
    # 渠县司法局 2024 prints 0 reviews (data/reports, read by eye)
    assert (a.status, a.value) == ("answered", f["4.review.total"] - 0)


@pytest.mark.parametrize(
    ("question", "top", "bottom"),
    [
        ("平潭2024年收到的申请是2023年的几倍", 2024, 2023),
        ("平潭2023年收到的申请是2024年的几倍", 2023, 2024),  # the year after 是…的 divides
        ("How many times as many requests did Pingtan get in 2024 as in 2023?", 2024, 2023),
    ],
)
def test_a_year_as_a_multiple_of_another(
    engine: Engine, question: str, top: int, bottom: int
) -> None:
    a = engine.answer(question)
    f = {y: truth(f"pingtan-zhsyq-{y}-crawl", "3.received.total") for y in (2023, 2024)}
    assert (a.status, a.intent) == ("answered", "times")
    assert a.value == pytest.approx(f[top] / f[bottom], abs=1e-6)


def test_a_figure_as_a_multiple_of_another_of_the_same_report(engine: Engine) -> None:
    f = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))["figures"]
    a = engine.answer("淮安2024年行政处罚决定是行政许可的几倍")
    expected = f["2.penalty.decisions"] / f["2.licensing.decisions"]
    assert a.value == pytest.approx(expected, abs=1e-6) and "倍" in a.text


def test_a_multiple_of_another_agency_is_worked_out_from_each_ones_latest_report(
    engine: Engine,
) -> None:
    huaian = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    first = huaian["figures"]["3.received.total"]  # 淮安's latest report is 2024's
    second = truth("pingtan-zhsyq-2025-crawl", "3.received.total")  # 平潭's is 2025's
    a = engine.answer("淮安收到的申请是平潭的几倍")
    assert (a.status, a.value) == ("answered", round(first / second, 6)), a.text
    assert "2024 年" in a.text and "2025 年" in a.text  # each one's year is said


@pytest.mark.parametrize(
    "question",
    ["平潭2024年平均每月收到多少申请", "How many requests per month did Pingtan get in 2024?"],
)
def test_a_year_spread_over_its_months(engine: Engine, question: str) -> None:
    a = engine.answer(question)
    expected = truth("pingtan-zhsyq-2024-crawl", "3.received.total") / 12
    assert a.status == "answered" and a.value == pytest.approx(expected, abs=1e-6)
    assert "÷ 12" in a.text


def test_a_month_of_a_year_is_still_not_given(engine: Engine) -> None:
    assert engine.answer("平潭2024年3月收到多少申请").value is None


def test_whoever_is_not_a_natural_person_is_an_organisation(engine: Engine) -> None:
    f = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))["figures"]
    a = engine.answer("淮安2024年不是自然人提的申请有多少件")
    assert a.value == f["3.received.total"] - f["3.received.natural_person"]


def test_the_pending_share_is_out_of_all_cases(engine: Engine) -> None:
    a = engine.answer("沭阳2025年行政复议尚未审结的占多少比例")
    name = "shuyang-xian-zf-2025-ocr"
    expected = truth(name, "4.review.pending") / truth(name, "4.review.total")
    assert a.value == pytest.approx(expected, abs=1e-6)


def test_who_received_more_in_plain_words(engine: Engine) -> None:
    a = engine.answer("伊川司法局和綦江司法局去年谁收的申请多")
    assert (a.status, a.agency) == ("answered", "伊川县司法局")  # 2 against 1 (seeds)


@pytest.mark.parametrize(
    "question",
    [
        "平潭2024年不予公开的除了内部事务信息以外还有多少件",
        "平潭2024年不予公开的有多少件，内部事务信息除外",
    ],
)
def test_a_part_taken_out_of_its_group(engine: Engine, question: str) -> None:
    f = json.loads((REAL / "truth" / "pingtan-zhsyq-2024-crawl.json").read_text("utf-8"))
    withheld = sum(
        v for k, v in f["figures"].items() if k.startswith("3.withheld_") and k.endswith(".total")
    )
    a = engine.answer(question)
    assert a.value == withheld - f["figures"]["3.withheld_internal_affairs.total"]


def test_except_of_a_figure_with_no_group_is_not_understood(engine: Engine) -> None:
    a = engine.answer("淮安2024年除了予以公开以外的办理结果多少")
    assert (a.status, a.value) == ("unsupported", None)


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        (
            "平潭2024年自然人和商业企业的申请相差多少",
            "3.received.natural_person",
            "3.received.commercial",
        ),
        ("平潭2024年行政复议和行政诉讼差几件", "4.review.total", None),
    ],
)
def test_two_figures_of_one_report_named_with_a_difference(
    engine: Engine, question: str, first: str, second: str | None
) -> None:
    f = json.loads((REAL / "truth" / "pingtan-zhsyq-2024-crawl.json").read_text("utf-8"))
    f = f["figures"]
    other = (
        f[second]
        if second
        else f["4.litigation_direct.total"] + f["4.litigation_after_review.total"]
    )
    a = engine.answer(question)
    assert (a.status, a.value) == ("answered", f[first] - other)


def test_whether_two_figures_agree_and_by_how_much(engine: Engine) -> None:
    f2021 = truth("pingtan-zhsyq-2021-crawl", "3.carried_forward.total")
    f2022 = json.loads((DEVSET / "truth" / "pingtan-zhsyq-2022.json").read_text("utf-8"))
    carried_over = f2022["figures"]["3.carried_over.total"]
    a = engine.answer("平潭2021年的结转下年度和2022年的上年结转对得上吗 差几件")
    assert (a.status, a.value) == ("answered", f2021 - carried_over)
    a = engine.answer("平潭2021年的结转下年度和2022年的上年结转对得上吗")
    assert (a.status, a.value) == ("answered", None)  # yes or no, no number of its own


@pytest.mark.parametrize(
    ("question", "year", "key"),
    [
        ("平潭24复议", 2024, "4.review.total"),  # two digits between name and figure: a year
        ("两千零二十三年平潭行政复议几件", 2023, "4.review.total"),
    ],
)
def test_years_written_short_or_in_words(
    engine: Engine, question: str, year: int, key: str
) -> None:
    a = engine.answer(question)
    assert (a.status, a.year, a.value) == (
        "answered",
        year,
        truth(f"pingtan-zhsyq-{year}-crawl", key),
    )


def test_numbers_typed_in_a_question_are_read_or_said_not_understood(engine: Engine) -> None:
    a = engine.answer("伊川司法局2024：予以公开0，总计2，各项办理结果加起来等于几")
    assert (a.status, a.value) == ("unsupported", None)  # it was 予以公开's 0


@pytest.mark.parametrize(
    ("question", "name", "key"),
    [
        (
            "Shuyang county 2025 - how many reqs carried over from prev yr?",
            "shuyang-xian-zf-2025-ocr",
            "3.carried_over.total",
        ),
        (
            "Shanghai municipal gov general office 2025: admin reconsideration cases, total?",
            "shanghai-shi-zfbgt-2025-pdfmd",
            "4.review.total",
        ),
    ],
)
def test_english_short_forms(engine: Engine, question: str, name: str, key: str) -> None:
    a = engine.answer(question)
    assert (a.status, a.value) == ("answered", truth(name, key))


def test_a_part_over_the_group_named_after_zhan(engine: Engine) -> None:
    f = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))["figures"]
    withheld = sum(v for k, v in f.items() if k.startswith("3.withheld_") and k.endswith(".total"))
    a = _last(
        engine, "淮安2024年不予公开的一共多少件", "里面属于行政查询事项的呢", "占不予公开的比例呢"
    )
    assert a.value == pytest.approx(f["3.withheld_query_matter.total"] / withheld, abs=1e-6)


def test_the_group_named_by_its_first_row_and_deng(engine: Engine) -> None:
    name = "shanghai-shi-zfbgt-2025-pdfmd"
    unavailable = sum(
        truth(name, f"3.{k}.total")
        for k in ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
    )
    a = engine.answer("上海市政府办公厅2025年“因本机关不掌握等原因无法提供”的有多少件")
    assert a.value == unavailable


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("上海市政府办公厅2025 表三 新收加上年结转一共多少 跟办结加结转下年对一下", "left"),
        ("核对一下沭阳县2025年：本年新收加上年结转，减去办理总计加结转下年度，差多少？", "gap"),
        ("沭阳县2025年本年新收加上年结转，和办理结果总计加结转下年度，对得上吗", None),
    ],
)
def test_the_two_sides_of_table_3s_balance(
    engine: Engine, question: str, value: str | None
) -> None:
    name = "shanghai-shi-zfbgt-2025-pdfmd" if "上海" in question else "shuyang-xian-zf-2025-ocr"
    left = truth(name, "3.received.total") + truth(name, "3.carried_over.total")
    right = truth(name, "3.results_total.total") + truth(name, "3.carried_forward.total")
    a = engine.answer(question)
    assert (a.status, a.intent) == ("answered", "check")
    assert a.value == {"left": left, "gap": left - right, None: None}[value]


def test_the_results_row_by_row_against_the_printed_total(engine: Engine) -> None:
    # 平潭 2020 prints （七）总计 21 while its result rows add up to 27 (truth file)
    f = json.loads((REAL / "truth" / "pingtan-zhsyq-2020-crawl.json").read_text("utf-8"))
    rows = [
        v
        for k, v in f["figures"].items()
        if k.endswith(".total")
        and k.split(".")[1].startswith(
            ("granted", "partially", "withheld_", "unavailable_", "not_processed_", "other")
        )
    ]
    total = f["figures"]["3.results_total.total"]
    assert engine.answer("平潭2020年各项办理结果加起来是多少").value == sum(rows)
    a = engine.answer("平潭2020年表三办理结果各项加起来跟（七）总计差多少")
    assert a.value == sum(rows) - total


@pytest.mark.parametrize(
    ("message", "name", "key"),
    [
        (
            "老师您好！我是福建一所大学公共管理专业的研究生，最近在写关于地方政府信息公开的毕业论文，"
            "导师让我找几个地方的年报数据做案例。我看了平潭综合实验区的报告，但网页上的表格数字都粘在一起了，"
            "看得我头都大了😂 想请问一下，平潭2023年一共新收了多少件政府信息公开申请？非常感谢您的帮助，祝工作顺利！",
            "pingtan-zhsyq-2023-crawl",
            "3.received.total",
        ),
        (
            "您好，我是一名律师，平时代理一些信息公开的案子，经常和市政府办公厅打交道。想了解一下上海市政府办公厅"
            "2025年的年报里，复议后起诉的行政诉讼案件总共有多少件？因为我手上有个案子就是复议后起诉的，"
            "想看看整体情况。先谢谢了！",
            "shanghai-shi-zfbgt-2025-pdfmd",
            "4.litigation_after_review.total",
        ),
    ],
)
def test_the_question_in_a_long_message(engine: Engine, message: str, name: str, key: str) -> None:
    a = engine.answer(message)
    assert (a.status, a.value) == ("answered", truth(name, key))
    assert a.text.startswith("（按“")  # the question answered is said


def test_a_long_message_that_names_another_figure_is_not_narrowed(engine: Engine) -> None:
    # 其中结果维持多少 names another figure than the question's: nothing is guessed
    a = engine.answer(
        "hello，我是厦大法学院的学生，在做一个关于政府信息公开行政复议的实证研究，样本里有平潭。"
        "能帮我看一下平潭2021年信息公开行政复议总计多少件吗？其中结果维持多少我自己再去核。感谢感谢！"
    )
    assert a.value is None


@pytest.mark.parametrize(
    ("question", "key"), [("科委新收", "3.received.total"), ("科委许可", "2.licensing.decisions")]
)
def test_the_only_agency_of_a_kind(engine: Engine, question: str, key: str) -> None:
    a = engine.answer(question)
    assert (a.status, a.agency) == ("answered", "上海市科委")
    assert a.value == truth("shanghai-shi-kewei-2024-pdfmd", key)
    assert "只有它" in a.text  # said, not silently taken


def test_a_kind_with_several_agencies_is_still_asked(engine: Engine) -> None:
    assert engine.answer("司法局收到多少申请").status == "ambiguous"


def test_follow_ups_with_two_years_or_per_month(engine: Engine) -> None:
    f = {y: truth(f"pingtan-zhsyq-{y}-crawl", "3.received.total") for y in (2023, 2024)}
    assert _last(engine, "平潭2023年收到多少申请", "2024比2023多几件").value == f[2024] - f[2023]
    received = truth("shanghai-shi-kewei-2024-pdfmd", "3.received.total")
    a = _last(engine, "科委2024年收了几件申请", "那平均每个月多少件")
    assert a.value == pytest.approx(received / 12, abs=1e-6)


def test_one_side_less_the_other_in_one_column(engine: Engine) -> None:
    a = engine.answer("平潭2024年自然人那一列：新收+上年结转 减去 办理总计+结转下年 等于几")
    name = "pingtan-zhsyq-2024-crawl"
    cells = ("received", "carried_over", "results_total", "carried_forward")
    v = [truth(name, f"3.{c}.natural_person") for c in cells]
    assert (a.status, a.value) == ("answered", v[0] + v[1] - v[2] - v[3])


def test_a_figure_the_question_states_is_checked_not_asked(engine: Engine) -> None:
    name = "shanghai-shi-kewei-2024-pdfmd"
    a = engine.answer("核一下上海科委2024：（七）总计是35，那新收加上年结转是多少")
    asked = truth(name, "3.received.total") + truth(name, "3.carried_over.total")
    assert (a.status, a.value) == ("answered", asked)
    assert "与报告一致" in a.text  # （七）总计 35 as printed


def test_a_figure_stated_wrongly_is_said_to_differ(engine: Engine) -> None:
    a = engine.answer("伊川司法局2024：予以公开5，各项办理结果加起来等于几")
    assert a.status == "answered" and "报告印的是 0" in a.text  # the seed prints 予以公开 0


def _pingtan(key: str) -> dict[int, float]:
    out = {y: truth(f"pingtan-zhsyq-{y}-crawl", key) for y in (2019, 2020, 2021, 2023, 2024, 2025)}
    f2022 = json.loads((DEVSET / "truth" / "pingtan-zhsyq-2022.json").read_text("utf-8"))
    out[2022] = f2022["figures"][key]
    return out


def test_what_is_asked_of_a_figures_years(engine: Engine) -> None:
    received = _pingtan("3.received.total")
    a = engine.answer("平潭2019到2025这七年里，有几年收到的申请超过100件")
    assert (a.status, a.value) == ("answered", sum(v > 100 for v in received.values()))
    a = engine.answer("平潭2021年到2025年每年新收申请数的中位数是多少")
    assert a.value == sorted(received[y] for y in range(2021, 2026))[2]
    penalty = {y: v for y, v in _pingtan("2.penalty.decisions").items() if y >= 2021}
    a = engine.answer("平潭2021-2025年行政处罚决定数排第二的是哪一年")
    assert a.value == sorted(penalty.values(), reverse=True)[1]
    handled = _pingtan("3.results_total.total")
    a = engine.answer("平潭2019-2025年每年办理结果总计（七）是多少，七年加起来多少")
    assert a.value == sum(handled.values())


def test_a_trend_asked_something_it_cannot_work_out_gives_no_value(engine: Engine) -> None:
    # not the latest year's figure (it was given as the answer to a count of years)
    a = engine.answer("平潭2021-2025年行政诉讼哪几年比上一年多")
    assert (a.status, a.value) == ("answered", None)
    lawsuits = {y: v for y, v in _pingtan("4.litigation_direct.total").items() if y >= 2021}
    after = _pingtan("4.litigation_after_review.total")
    total = {y: v + after[y] for y, v in lawsuits.items()}
    a = engine.answer("平潭2021-2025年行政诉讼变化多少")  # a range, not 2021 less 2025
    assert a.value == total[2025] - total[2021]


def test_each_then_the_difference_of_two_years(engine: Engine) -> None:
    f2019 = json.loads((DEVSET / "truth" / "shanghai-shi-zfbgt-2019.json").read_text("utf-8"))
    received = truth("shanghai-shi-zfbgt-2025-pdfmd", "3.received.total")
    a = engine.answer("上海市政府办公厅2019年和2025年的新收申请各多少，差多少")
    assert a.value == received - f2019["figures"]["3.received.total"]  # the later less the earlier


def test_a_sum_or_count_of_named_agencies_leaves_none_out(engine: Engine) -> None:
    # 淮安 has no 2025 report: not a sum of the 办公厅's figure alone
    a = engine.answer("淮安和上海市政府办公厅（2025）因本机关不掌握而无法提供的申请合计多少")
    assert (a.status, a.value) == ("not_found", None)
    a = engine.answer(
        "Add up the reconsideration cases reported by Huai'an, Shuyang and the Shanghai "
        "General Office in their latest reports."
    )
    assert a.value is None  # 淮安 and 沭阳 have no general office indexed


def test_the_named_agencies_that_pass_a_mark_are_counted(engine: Engine) -> None:
    reviews = [
        json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))["figures"][
            "4.review.total"
        ],
        truth("shuyang-xian-zf-2025-ocr", "4.review.total"),
        truth("shanghai-shi-zfbgt-2025-pdfmd", "4.review.total"),
        truth("shanghai-shi-kewei-2024-pdfmd", "4.review.total"),
    ]
    a = engine.answer("淮安、沭阳、上海市政府办公厅、上海市科委中，哪几家的行政复议超过50件")
    assert (a.status, a.value) == ("answered", sum(v > 50 for v in reviews))


def test_a_place_with_one_agency_and_the_most_is_its_years(engine: Engine) -> None:
    a = engine.answer("Which of Pingtan's reports shows the most lawsuits?")
    direct, after = (
        _pingtan("4.litigation_direct.total"),
        _pingtan("4.litigation_after_review.total"),
    )
    assert a.value == max(direct[y] + after[y] for y in direct)


def test_a_named_rate_spelled_out_keeps_its_formula(engine: Engine) -> None:
    name = "shuyang-xian-zf-2025-ocr"
    a = engine.answer(
        "What was Shuyang's completion rate in 2025 - requests concluded against those "
        "received plus carried over?"
    )
    handled = truth(name, "3.results_total.total")
    to_handle = truth(name, "3.received.total") + truth(name, "3.carried_over.total")
    assert a.value == pytest.approx(handled / to_handle, abs=1e-6)


def test_a_part_within_its_group_named_before_it(engine: Engine) -> None:
    f = json.loads((REAL / "truth" / "pingtan-zhsyq-2024-crawl.json").read_text("utf-8"))
    f = f["figures"]
    withheld = sum(v for k, v in f.items() if k.startswith("3.withheld_") and k.endswith(".total"))
    a = engine.answer("平潭2024年不予公开的申请中，属于三类内部事务信息的占比")
    assert a.value == pytest.approx(f["3.withheld_internal_affairs.total"] / withheld, abs=1e-6)


def test_the_year_with_the_highest_rate(engine: Engine) -> None:
    a = engine.answer("平潭2021到2025年予以公开率哪年最高，排前三")
    granted, handled = _pingtan("3.granted.total"), _pingtan("3.results_total.total")
    rates = {y: granted[y] / handled[y] for y in range(2021, 2026)}
    assert a.value == pytest.approx(max(rates.values()), abs=1e-6)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("How many times was Shuyang sued over disclosure in 2025?", "shuyang-xian-zf-2025-ocr"),
        (
            "How many lawsuits were brought against Pingtan over disclosure in 2021?",
            "pingtan-zhsyq-2021-crawl",
        ),
    ],
)
def test_english_ways_of_saying_a_count(engine: Engine, question: str, name: str) -> None:
    lawsuits = truth(name, "4.litigation_direct.total") + truth(
        name, "4.litigation_after_review.total"
    )
    assert engine.answer(question).value == lawsuits  # "how many times" is a count here


def test_which_of_two_years_was_higher(engine: Engine) -> None:
    fees = {y: truth(f"pingtan-zhsyq-{y}-crawl", "2.fees.amount") for y in (2023, 2024)}
    a = engine.answer("Was Pingtan's administrative fee income higher in 2023 or in 2024?")
    top = max(fees, key=fees.__getitem__)
    assert (a.year, a.value) == (top, fees[top])


def test_one_named_agencys_share_of_their_total(engine: Engine) -> None:
    huaian = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    received = {
        "淮安": huaian["figures"]["3.received.total"],
        "沭阳": truth("shuyang-xian-zf-2025-ocr", "3.received.total"),
        "办公厅": truth("shanghai-shi-zfbgt-2025-pdfmd", "3.received.total"),
        "科委": truth("shanghai-shi-kewei-2024-pdfmd", "3.received.total"),
    }
    a = engine.answer("淮安的申请占这几家总数的多少（淮安、沭阳、上海市政府办公厅、上海市科委）")
    assert (a.status, a.agency) == ("answered", "淮安市人民政府")
    assert a.value == pytest.approx(received["淮安"] / sum(received.values()), abs=1e-6)
    # the agency right before 占 is the part, though 淮安 is named first
    a = engine.answer("淮安、沭阳两家的行政复议里，沭阳占多大比重")
    reviews = (
        huaian["figures"]["4.review.total"],
        truth("shuyang-xian-zf-2025-ocr", "4.review.total"),
    )
    assert a.value == pytest.approx(reviews[1] / sum(reviews), abs=1e-6)


def test_review_findings_give_no_neighbour(engine: Engine) -> None:
    """From a read of the change: each of these had given a number that was not asked."""
    f2022 = json.loads((DEVSET / "truth" / "pingtan-zhsyq-2022.json").read_text("utf-8"))
    f = f2022["figures"]
    # over what is named (新收), not the completion rate's new plus carried over
    a = engine.answer("平潭2022年办结占新收的比例")
    assert a.value == pytest.approx(f["3.results_total.total"] / f["3.received.total"], abs=1e-6)
    # a change between years of three figures is asked back, not a check within one year
    a = engine.answer("平潭2024年予以公开、部分公开和不予公开比2023年多多少")
    assert a.value is None
    # rates of several years are not added up; a percent is no mark for a count
    assert engine.answer("平潭2021到2025年办结率加起来多少").value is None
    assert engine.answer("平潭新收超过50%的有几年").value is None
    # a sum of named agencies with one blank (上海 2019's 予以公开 total) is not given
    assert engine.answer("平潭和上海市政府办公厅2019年予以公开加起来多少").value is None


def test_more_or_fewer_and_by_how_much(engine: Engine) -> None:
    received = {y: truth(f"pingtan-zhsyq-{y}-crawl", "3.received.total") for y in (2024, 2025)}
    a = engine.answer("平潭2025年收到的申请比2024年多还是少？差多少")
    assert a.value == received[2025] - received[2024]  # signed: 多还是少 asks which
    a = engine.answer("伊川县司法局和綦江区司法局24年谁收到的申请多，多几件")
    assert a.value == 2 - 1  # 伊川 2, 綦江 1 (the seeds): the difference, not the larger


def test_a_kind_taken_together_or_each(engine: Engine) -> None:
    # the five 司法局 of the seeds received 2 + 1 + 0 + 0 + 0, of which 伊川's 2 from
    # natural persons (read from the seeds)
    a = engine.answer("这几个司法局24年平均每家收到几件申请")
    assert (a.intent, a.value) == ("mean", pytest.approx(3 / 5))
    a = engine.answer("2024年司法局收到的申请里，自然人的占几成")
    assert a.value == pytest.approx(2 / 3, abs=1e-6)
    assert engine.answer("各司法局的予以公开率").intent == "ranking"


def test_a_figure_the_text_states_and_the_table(engine: Engine) -> None:
    f = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))["figures"]
    lawsuits = f["4.litigation_direct.total"] + f["4.litigation_after_review.total"]
    a = engine.answer("淮安2024年正文说行政诉讼46件，表四两类诉讼的总计加起来是多少")
    assert (a.status, a.value) == ("answered", lawsuits)
    assert "与报告一致" in a.text  # the narrative's 46 against the table's sum
    # the same figure stated and asked (受理749件 … 新收加结转): not taken as a premise
    a = engine.answer("沭阳2025年报正文说受理749件，表格里新收加结转是不是这个数")
    assert a.value is None


def test_the_years_before_last_and_the_latest_reports(engine: Engine) -> None:
    licensing = truth("pingtan-zhsyq-2023-crawl", "2.licensing.decisions")
    assert engine.answer("平潭综合实验区上上年行政许可决定有多少").value == licensing
    reviews = {y: truth(f"pingtan-zhsyq-{y}-crawl", "4.review.total") for y in (2024, 2025)}
    a = engine.answer("平潭最近两份年报里行政复议分别多少件，两年合计呢")
    assert a.value == sum(reviews.values())


def test_a_sum_within_each_ranked(engine: Engine) -> None:
    a = engine.answer("平潭、沭阳、上海办公厅最新一年，行政诉讼两类加起来谁最多")
    assert (a.intent, a.agency) == ("ranking", "上海市人民政府办公厅")


def test_where_one_agency_stands_among_those_named(engine: Engine) -> None:
    f = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))["figures"]
    reviews = {
        "淮安": f["4.review.total"],
        "沭阳": truth("shuyang-xian-zf-2025-ocr", "4.review.total"),
        "办公厅": truth("shanghai-shi-zfbgt-2025-pdfmd", "4.review.total"),
    }
    a = engine.answer("沭阳的行政复议在淮安、沭阳、上海市政府办公厅中排第几")
    place = 1 + sum(v > reviews["沭阳"] for v in reviews.values())
    assert (a.agency, a.value) == ("沭阳县人民政府", reviews["沭阳"])
    assert f"排第 {place}" in a.text
