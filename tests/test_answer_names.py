"""Agencies and regions as people name them, over the real reports of several years:
a zone by its committee or a shorter zone word, an office by its short form, a place
several indexed agencies share taken as a region when the question ranges over it,
agencies counted on a condition. Expected figures are the hand-read truth files'."""

from __future__ import annotations

import json

import pytest

from bot.answer import Engine

from .conftest import DEVSET, ROOT
from .real_support import real_engine, truth


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return real_engine(tmp_path_factory.mktemp("names"))


@pytest.mark.parametrize(
    "question",
    [
        "平潭管委会2023年行政复议多少件",
        "平潭综合实验区管委会2023年行政复议多少件",
        "平潭实验区2023年行政复议多少件",
    ],
)
def test_a_zone_by_its_committee_or_a_shorter_zone_word(engine: Engine, question: str) -> None:
    a = engine.answer(question)
    expected = truth("pingtan-zhsyq-2023-crawl", "4.review.total")
    assert (a.status, a.agency, a.value) == ("answered", "平潭综合实验区", expected)


def test_an_office_by_its_short_form(engine: Engine) -> None:
    a = engine.answer("上海市科学技术委员会收到多少申请")
    expected = truth("shanghai-shi-kewei-2024-pdfmd", "3.received.total")
    assert (a.status, a.agency, a.value) == ("answered", "上海市科委", expected)


def test_a_shared_place_alone_is_asked_about(engine: Engine) -> None:
    a = engine.answer("上海收到多少申请")
    assert a.status == "ambiguous" and a.value is None
    assert {c["label"] for c in a.candidates} == {"上海市人民政府办公厅", "上海市科委"}


def test_a_shared_place_is_a_region_when_the_question_ranges_over_it(engine: Engine) -> None:
    a = engine.answer("上海的两个机关行政复议加起来多少")
    expected = truth("shanghai-shi-zfbgt-2025-pdfmd", "4.review.total") + truth(
        "shanghai-shi-kewei-2024-pdfmd", "4.review.total"
    )
    assert (a.status, a.value) == ("answered", expected)
    a = engine.answer("上海哪个机关收到申请最多")
    assert (a.status, a.agency) == ("answered", "上海市人民政府办公厅")
    a = engine.answer("上海市的机关有几个")
    assert a.status == "answered" and "2 个" in a.text


def test_agencies_counted_on_a_condition(engine: Engine) -> None:
    # the seeds of 友好区, 攀枝花市西区 and 渠县 print 0 new applications for 2024
    a = engine.answer("有几个机关一件申请都没收到")
    assert a.status == "answered"
    assert "等于 0 的有 3 个" in a.text
    for name in ("友好区司法局", "攀枝花市西区司法局", "渠县司法局"):
        assert name in a.text


def test_a_kind_alone_offers_agencies_of_that_kind(engine: Engine) -> None:
    a = engine.answer("司法局收到多少申请")
    assert a.status == "ambiguous" and a.value is None
    assert all(c["label"].endswith("司法局") for c in a.candidates)
    assert "渠县司法局收到多少申请" in [c["question"] for c in a.candidates]


def pingtan(year: int, key: str) -> float:
    if year == 2022:
        return json.loads((DEVSET / "truth" / "pingtan-zhsyq-2022.json").read_text("utf-8"))[
            "figures"
        ][key]
    return truth(f"pingtan-zhsyq-{year}-crawl", key)


def test_two_figures_of_two_years_each_from_its_own_report(engine: Engine) -> None:
    a = engine.answer("平潭2022年收到的申请比2021年的结转下年度多多少")
    expected = pingtan(2022, "3.received.total") - pingtan(2021, "3.carried_forward.total")
    assert (a.status, a.value) == ("answered", expected)  # 74 − 1, not 2022's own carry (0)


@pytest.mark.parametrize(
    "question",
    [
        "平潭2022年报告里的上年结转申请数，跟2021年报告的结转下年度对得上吗",
        "Pingtan: does the 2022 carried-over figure match 2021's carried-forward?",
    ],
)
def test_whether_a_carry_matches_is_yes_or_no(engine: Engine, question: str) -> None:
    a = engine.answer(question)
    assert pingtan(2022, "3.carried_over.total") == pingtan(2021, "3.carried_forward.total")
    assert (a.status, a.intent, a.value) == ("answered", "same", None)
    assert "一致" in a.text or "Yes" in a.text


def test_figures_that_differ_are_said_to_differ(engine: Engine) -> None:
    a = engine.answer("平潭2023年和2022年收到的申请一样吗")
    assert (a.status, a.value) == ("answered", None)
    gap = abs(pingtan(2023, "3.received.total") - pingtan(2022, "3.received.total"))
    assert "两者不一致" in a.text and f"相差 {int(gap)} 件" in a.text


@pytest.mark.parametrize(
    ("question", "value", "printed"),
    [
        # 对5个发挥作用不明显、基层无力维护的政务新媒体予以关停注销: what is counted follows
        ("平潭2024年关停注销了几个政务新媒体", 5, "对5个发挥作用不明显"),
        # 关停…政府网站1个、政务新媒体2个: each number after the words that name it
        ("平潭2025年关停了几个政务新媒体", 2, "政务新媒体2个"),
        ("平潭2021年通过微信公众号发布了多少批次农产品抽检情况", 20680, "20680批次"),
        ("淮安市政府2024年收取了多少元信息处理费", 3940, "3940 元"),
        # 收取信息处理费共计380元，其中民政局1件，收取380元: one amount, said twice
        ("沭阳县2025年收取的信息处理费是多少元", 380, "共计380元"),
    ],
)
def test_a_number_the_text_states(engine: Engine, question: str, value: int, printed: str) -> None:
    a = engine.answer(question)
    assert (a.status, a.intent, a.value) == ("answered", "narrative", value)
    assert printed in a.text


def test_a_count_the_text_does_not_state_is_not_found(engine: Engine) -> None:
    a = engine.answer("平潭2025年政府信息公开工作人员有多少人")
    assert (a.status, a.value) == ("not_found", None)
    assert "没有写明" in a.text


def pingtan_received() -> dict[int, float]:
    return {y: pingtan(y, "3.received.total") for y in range(2019, 2026)}


def test_the_year_of_the_most_is_asked_not_the_latest(engine: Engine) -> None:
    by_year = pingtan_received()
    most = max(by_year, key=by_year.__getitem__)
    a = engine.answer("平潭哪一年收到的申请最多")
    assert (a.status, a.year, a.value) == ("answered", most, by_year[most])
    recent = {y: by_year[y] for y in (2023, 2024, 2025)}
    a = engine.answer("平潭近三年哪一年收到的申请最多？")
    assert a.value == max(recent.values())


def test_a_sum_and_a_mean_over_the_years(engine: Engine) -> None:
    by_year = pingtan_received()
    a = engine.answer("平潭历年加起来一共收到多少信息公开申请")
    assert (a.status, a.value) == ("answered", sum(by_year.values()))
    assert " + ".join(str(int(v)) for v in by_year.values()) in a.text  # the inputs shown
    a = engine.answer("平潭2023到2025年平均每年收到多少申请")
    assert a.value == sum(by_year[y] for y in (2023, 2024, 2025)) / 3


def test_follow_ups_that_move_along_a_ranking_or_sum_what_was_asked(engine: Engine) -> None:
    shanghai = "shanghai-shi-zfbgt-2025-pdfmd"
    granted, partly = (
        truth(shanghai, "3.granted.total"),
        truth(shanghai, "3.partially_granted.total"),
    )
    context = None
    values = []
    for question in ("上海市政府办公厅2025年予以公开多少", "部分公开呢", "两个加起来呢"):
        a = engine.answer(question, context=context)
        context = a.context
        values.append(a.value)
    assert values == [granted, partly, granted + partly]
    context, names = None, []
    for question in ("2025年哪个单位行政复议最多", "第二呢", "第三呢"):
        a = engine.answer(question, context=context)
        context = a.context
        names.append(a.agency)
    assert names == ["沭阳县人民政府", "上海市人民政府办公厅", "平潭综合实验区"]


@pytest.mark.parametrize(
    "question",
    [
        "淮安2024年行政处罚一共罚了多少钱",  # the row counts decisions: no money
        "淮安2024年行政处罚涉及多少人",  # nor people
        "平潭2024年被撤销的行政许可有多少",  # nor outcomes
        "伊川县司法局2024年那2个申请是谁申请的",  # nor who
        "上海市政府办公厅2025年的申请人里企业家占几成",  # 企业家 are people, not companies
    ],
)
def test_words_that_do_not_fit_the_figure_get_no_number(engine: Engine, question: str) -> None:
    a = engine.answer(question)
    assert a.value is None and a.status != "answered", a.text


@pytest.mark.parametrize(
    ("question", "written", "meant", "agency"),
    [
        ("平谭2024年收到多少申请", "平谭", "平潭", "平潭综合实验区"),
        ("淮按市政府2024行政复议几件", "淮按市", "淮安市", "淮安市人民政府"),
        ("棋江区司法局2024年行政许可", "棋江区", "綦江区", "重庆市綦江区司法局"),
    ],
)
def test_a_place_typed_by_sound_is_read_and_said(
    engine: Engine, question: str, written: str, meant: str, agency: str
) -> None:
    a = engine.answer(question)
    assert (a.status, a.agency) == ("answered", agency)
    assert f"“{written}”按“{meant}”理解" in a.text


def test_a_place_that_exists_is_no_slip_for_one_that_sounds_alike(engine: Engine) -> None:
    a = engine.answer("宜川县司法局收到多少申请")  # 宜川县 (陕西) is not 伊川县 (河南)
    assert a.status == "not_found" and a.value is None


def test_a_sum_within_each_year_is_not_a_sum_over_the_years(engine: Engine) -> None:
    a = engine.answer("平潭每年无法提供的申请各有多少（三种情形加起来）")
    assert a.intent == "trend" and "年合计" not in a.text
    a = engine.answer("2024年不予公开最多的单位是谁")  # 是谁 of a ranking asks which agency
    assert (a.status, a.agency) == ("answered", "淮安市人民政府")


def test_what_the_text_says_without_a_number(engine: Engine) -> None:
    # a question that asks what was done, not how many: a sentence with no digits answers
    a = engine.answer("淮安2024年针对政务公开人员搞了什么样的培训")
    assert a.status == "answered" and "培训" in a.text and a.value is None


def test_a_fee_asked_without_its_unit_is_read_in_yuan(engine: Engine) -> None:
    a = engine.answer("淮安市政府2024年收了多少信息处理费")
    assert (a.status, a.value) == ("answered", 3940)  # 全年收取政府信息公开信息处理费 3940 元


def test_years_written_in_chinese_numerals_span_a_range(engine: Engine) -> None:
    a = engine.answer("二〇二一年到二〇二五年，平潭行政诉讼最多的是哪一年")
    lawsuits = {
        y: pingtan(y, "4.litigation_direct.total") + pingtan(y, "4.litigation_after_review.total")
        for y in range(2021, 2026)
    }
    most = max(lawsuits, key=lawsuits.__getitem__)
    assert (a.status, a.year, a.value) == ("answered", most, lawsuits[most])


@pytest.mark.parametrize(
    "question",
    [
        "淮安区人民政府收到多少申请",  # 淮安区 is a district of 淮安市, not its government
        "淮安县人民政府收到多少申请",
        "Huainan government applications received",  # 淮南市 (安徽), not Huai'an one letter off
        "Huai'an District government applications",  # 淮安区 again, in English
    ],
)
def test_another_place_is_never_answered_for_a_place_it_resembles(
    engine: Engine, question: str
) -> None:
    a = engine.answer(question)
    assert a.value is None and a.status != "answered", a.text


def test_a_provinces_own_office_is_not_its_counties_agencies(engine: Engine) -> None:
    a = engine.answer("四川省司法厅收到多少申请")  # no report of 四川省司法厅 is indexed
    assert (a.status, a.value, a.candidates) == ("not_found", None, [])


def test_two_places_compared_are_their_agencies(engine: Engine) -> None:
    a = engine.answer("Huai'an vs Pingtan: difference in applications received")
    huaian = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    expected = huaian["figures"]["3.received.total"] - pingtan(2025, "3.received.total")
    assert (a.status, a.value) == ("answered", expected)  # each agency's latest report


def test_agencies_each_named_with_its_latest_year_are_compared(engine: Engine) -> None:
    a = engine.answer("上海市政府办公厅2025年和上海市科委2024年新收申请加起来多少？")
    expected = truth("shanghai-shi-zfbgt-2025-pdfmd", "3.received.total") + truth(
        "shanghai-shi-kewei-2024-pdfmd", "3.received.total"
    )
    assert (a.status, a.value) == ("answered", expected)


def test_agencies_each_named_with_a_year_of_its_own_are_read_in_that_years_report(
    engine: Engine,
) -> None:
    # 上海市政府办公厅 2019 (not its latest, 2025) and 淮安 2024: each report of its own year
    shanghai = json.loads((DEVSET / "truth" / "shanghai-shi-zfbgt-2019.json").read_text("utf-8"))
    huaian = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    older, newer = shanghai["figures"]["3.received.total"], huaian["figures"]["3.received.total"]
    a = engine.answer("上海市政府办公厅2019年和淮安2024年谁收到申请多")
    assert (a.status, a.value) == ("answered", max(older, newer)), a.text
    assert "2019 年" in a.text and "各按所问年份" in a.text
    a = engine.answer("上海市政府办公厅2019年比淮安2024年少收了多少申请")
    assert (a.status, a.value) == ("answered", newer - older), a.text
    a = engine.answer("上海市政府办公厅2019年和淮安2024年一共收到多少申请")
    assert (a.status, a.value) == ("answered", older + newer), a.text


def test_an_agency_named_with_a_year_it_has_no_report_of_is_said(engine: Engine) -> None:
    a = engine.answer("平潭2018年和淮安2024年哪个收到的申请多")
    assert (a.status, a.value) == ("not_found", None)
    assert "2018" in a.text and "2019" in a.text  # the year asked and the years indexed


def test_a_rate_named_for_one_kind_of_applicant_is_the_rate_among_its_requests(
    engine: Engine,
) -> None:
    huaian = json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text("utf-8"))
    f = huaian["figures"]
    a = engine.answer("淮安2024年自然人的予以公开率")
    expected = round(f["3.granted.natural_person"] / f["3.results_total.natural_person"], 6)
    assert (a.status, a.value) == ("answered", expected)  # not its share of all granted
    a = engine.answer("淮安2024年科研机构申请的予以公开率")  # 0 of 0 handled: no rate
    assert (a.status, a.value) == ("not_found", None)


def test_items_asked_of_a_form_that_counts_none(engine: Engine) -> None:
    a = engine.answer("沭阳2025年行政事业性收费项目有几项")  # the 2021 form prints 万元 only
    assert (a.status, a.value) == ("not_found", None)


def test_a_question_typed_in_pinyin(engine: Engine) -> None:
    a = engine.answer("pingtan 2024 shoudao duoshao shenqing")
    assert (a.status, a.value) == ("answered", pingtan(2024, "3.received.total"))
    a = engine.answer("how many women applied to Pingtan in 2024")  # English, not pinyin
    assert a.value is None


def test_a_difference_of_years_in_the_order_written(engine: Engine) -> None:
    gap = pingtan(2025, "3.received.total") - pingtan(2024, "3.received.total")
    a = engine.answer("平潭2025年新收申请数和2024年相比增减了多少（2025减2024）？")
    assert (a.status, a.value) == ("answered", gap)
    a = engine.answer("平潭2024减2025年收到申请差多少")
    assert (a.status, a.value) == ("answered", -gap)


def test_a_follow_up_naming_a_figure_of_another_table_keeps_no_foreign_columns(
    engine: Engine,
) -> None:
    # found by a random walk through conversations: the applicant columns of the question
    # before were applied to lawsuits (table 4 has none) and raised KeyError; then the
    # change of lawsuits between years (a neighbour of the question) was given
    context = None
    for question in ("平潭自然人申请比商业企业多多少", "换成诉讼"):
        a = engine.answer(question, context=context)
        context = a.context
    assert (a.status, a.value) == ("unsupported", None)


def test_mangled_questions_and_random_conversations_never_fail(engine: Engine) -> None:
    """Questions of the banks cut, reversed, shuffled and joined, and conversations of
    random questions ending in a follow-up: every one gets an answer, none an exception."""
    import random

    banks = sorted((ROOT / "tests" / "questions").rglob("*.jsonl"))
    questions = []
    for path in banks:
        for line in path.read_text("utf-8").splitlines():
            item = json.loads(line)
            questions.extend(item.get("conversation") or [item["question"]])
    rng = random.Random(2026)
    mangles = (
        lambda q: q[::-1],
        lambda q: q[: rng.randrange(len(q) + 1)],
        lambda q: q + rng.choice(questions),
        lambda q: "".join(rng.sample(q, len(q))),
        lambda q: q.replace("2024", "二〇二四").replace("年", " 年 "),
    )
    for _ in range(400):
        engine.answer(rng.choice(mangles)(rng.choice(questions)))
    follow = ["去年呢", "第三呢", "两个加起来呢", "1", "英文", "and Pingtan?", "换成诉讼", "why"]
    for _ in range(150):
        context = None
        for question in [*rng.sample(questions, 3), rng.choice(follow)]:
            context = engine.answer(question, context=context).context
