"""Which agency a question means: full names, short forms, typos, several or none.

The real reports name no two agencies alike, so ambiguity, places with several
agencies and offices that are real but not indexed come from the invented index of
`answer_support` (its figures are written out there).
"""

from __future__ import annotations

import pytest

from bot.agencies import AgencyIndex, place_keys, split_name
from bot.answer import Engine

# (question, agency the answer is about)
NAMES = [
    ("伊川县司法局2024年报告", "伊川县司法局"),
    ("伊川司法局", "伊川县司法局"),
    ("伊川", "伊川县司法局"),
    ("伊川县司法句", "伊川县司法局"),
    ("伊川县司发局收到多少申请", "伊川县司法局"),
    ("綦江区司法局", "重庆市綦江区司法局"),
    ("綦江司法局", "重庆市綦江区司法局"),
    ("重庆綦江区司法局", "重庆市綦江区司法局"),
    ("西区司法局", "攀枝花市西区司法局"),
    ("攀枝花西区司法局的报告", "攀枝花市西区司法局"),
    ("淮安市政府", "淮安市人民政府"),
    ("淮安政府", "淮安市人民政府"),
    ("淮安", "淮安市人民政府"),
    ("上海市政府办公厅", "上海市人民政府办公厅"),
    ("上海市人民政府办公厅（代表市政府）", "上海市人民政府办公厅"),
    ("平潭", "平潭综合实验区"),
    ("渠县", "渠县司法局"),
    ("友好区司法局概况", "友好区司法局"),
    ("report card for 重庆市綦江区司法局", "重庆市綦江区司法局"),
    ("伊川县司法局 2024 report card", "伊川县司法局"),
    ("summary of 淮安市人民政府", "淮安市人民政府"),
    ("河南省伊川县司法局收到多少申请", "伊川县司法局"),
    ("  伊川县 司法局  收到 多少 申请 ", "伊川县司法局"),
    ("伊川县司法局收到多少申请伊川县司法局", "伊川县司法局"),
]


@pytest.mark.parametrize(("question", "agency"), NAMES)
def test_names_people_use(real: Engine, question: str, agency: str) -> None:
    a = real.answer(question)
    assert (a.status, a.agency) == ("answered", agency), a.text


# (question, a name among the closest ones offered)
UNKNOWN = [
    ("宜川县司法局收到多少申请", "伊川县司法局"),
    ("伊州县司法局收到多少申请", "伊川县司法局"),
    ("成都市西区司法局收到多少申请", "攀枝花市西区司法局"),
    ("上海市政府2019年收到多少申请", "上海市人民政府办公厅"),
    ("淮安市公安局收到多少申请", "淮安市人民政府"),
    ("how many applications did 淮安市公安局 receive", "淮安市人民政府"),
    # a longer name than an indexed one is another agency, never the indexed one
    ("淮安市人民政府办公室收到多少申请", "淮安市人民政府"),
    ("淮安市政府办收到多少申请", "淮安市人民政府"),
    ("伊川县司法局办公室收到多少申请", "伊川县司法局"),
]


@pytest.mark.parametrize(("question", "closest"), UNKNOWN)
def test_unknown_agency_gets_the_closest_names(real: Engine, question: str, closest: str) -> None:
    a = real.answer(question)
    assert (a.status, a.value) == ("not_found", None), a.text
    assert closest in [c["label"] for c in a.candidates]
    again = real.answer(next(c["question"] for c in a.candidates if c["label"] == closest))
    assert (again.status, again.agency) == ("answered", closest), again.text


@pytest.mark.parametrize("question", ["国务院办公厅收到多少申请", "北京市海淀区教育局收到多少申请"])
def test_unknown_agency_with_nothing_close(real: Engine, question: str) -> None:
    a = real.answer(question)
    assert (a.status, a.value) == ("not_found", None), a.text
    assert "没有" in a.text


def test_several_agencies_under_one_short_name_ask_which(invented: Engine) -> None:
    a = invented.answer("西区司法局收到多少申请")
    assert (a.status, a.value) == ("ambiguous", None)
    assert sorted(c["label"] for c in a.candidates) == ["东海市西区司法局", "攀枝花市西区司法局"]
    answers = {c["label"]: invented.answer(c["question"]) for c in a.candidates}
    assert answers["攀枝花市西区司法局"].value == 4 and answers["东海市西区司法局"].value == 6


def test_a_place_with_several_agencies_asks_which(invented: Engine) -> None:
    a = invented.answer("伊川收到多少申请")
    assert a.status == "ambiguous"
    assert sorted(c["label"] for c in a.candidates) == ["伊川县人民政府", "伊川县公安局"]
    assert {c["question"] for c in a.candidates} == {
        "伊川县人民政府收到多少申请",
        "伊川县公安局收到多少申请",
    }


def test_candidates_in_an_english_question_keep_the_english(invented: Engine) -> None:
    a = invented.answer("how many applications did 西区司法局 receive in 2024")
    assert a.status == "ambiguous" and a.language == "en"
    assert "how many applications did 东海市西区司法局 receive in 2024" in [
        c["question"] for c in a.candidates
    ]


@pytest.mark.parametrize(
    ("question", "agency", "value"),
    [
        ("伊川县政府收到多少申请", "伊川县人民政府", 15),
        ("伊川县人民政府收到多少申请", "伊川县人民政府", 15),
        ("伊川县公安句收到多少申请", "伊川县公安局", 3),
        ("西区政府行政复议多少件", "东海市西区人民政府", 5),
        ("东海市南区政府收到多少申请", "东海市南区人民政府", 30),
        ("东海市政府办公厅2019年收到多少申请", "东海市人民政府办公厅", 40),
        ("东海市政府办2019年收到多少申请", "东海市人民政府办公厅", 40),
        ("南山县司法所收到多少申请", "南山县司法所", 1),
    ],
)
def test_offices_and_their_short_forms(
    invented: Engine, question: str, agency: str, value: int
) -> None:
    a = invented.answer(question)
    assert (a.status, a.agency, a.value) == ("answered", agency, value), a.text


def test_a_real_office_is_not_taken_for_a_typo(invented: Engine) -> None:
    # 司法所 is an office (南山县司法所), so 伊川县司法所 is another agency, not 伊川县司法局 misspelt
    a = invented.answer("伊川县司法所收到多少申请")
    assert (a.status, a.value) == ("not_found", None)


def test_a_wrong_place_is_never_forgiven(real: Engine) -> None:
    # one character from 伊川, but another county: never answered with 伊川's figures
    for question in ("宜川县司法局收到多少申请", "伊州县司法局收到多少申请"):
        a = real.answer(question)
        assert a.status == "not_found" and a.value is None and a.agency is None


def test_two_agencies_are_compared(real: Engine) -> None:
    a = real.answer("伊川县司法局和渠县司法局谁收到的申请多")
    assert (a.status, a.intent, a.agency, a.value) == ("answered", "ranking", "伊川县司法局", 2)
    assert [f["agency"] for f in a.figures] == ["伊川县司法局", "渠县司法局"]


def test_two_agencies_without_a_figure_ask_which(real: Engine) -> None:
    a = real.answer("伊川县司法局和渠县司法局")
    assert a.status == "ambiguous" and len(a.candidates) == 2


def test_figure_without_agency_asks_for_one(real: Engine) -> None:
    a = real.answer("收到多少申请")
    assert (a.status, a.value) == ("ambiguous", None)
    assert a.candidates and all(
        real.answer(c["question"]).status == "answered" for c in a.candidates
    )


@pytest.mark.parametrize(
    ("name", "places", "office"),
    [
        ("伊川县司法局", ("伊川县",), "司法局"),
        ("重庆市綦江区司法局", ("重庆市", "綦江区"), "司法局"),
        ("攀枝花市西区司法局", ("攀枝花市", "西区"), "司法局"),
        ("平潭综合实验区", ("平潭综合实验区",), ""),
        ("上海市人民政府办公厅（代表市政府）", ("上海市",), "人民政府办公厅"),
        ("广州市中心医院", ("广州市",), "中心医院"),
        ("贵州省人民政府", ("贵州省",), "人民政府"),
        ("荆州市沙市区司法局", ("荆州市", "沙市区"), "司法局"),
        ("济南市市中区人民政府", ("济南市", "市中区"), "人民政府"),
        ("兰州市榆中县教育局", ("兰州市", "榆中县"), "教育局"),
        ("凉山彝族自治州人民政府", ("凉山彝族自治州",), "人民政府"),
        ("伊川县市场监督管理局", ("伊川县",), "市场监督管理局"),
        ("伊川县城市管理局", ("伊川县",), "城市管理局"),
        ("国家税务总局伊川县税务局", (), "国家税务总局伊川县税务局"),
    ],
)
def test_a_name_is_places_then_an_office(name: str, places: tuple[str, ...], office: str) -> None:
    assert split_name(name) == (places, office)
    assert AgencyIndex([(1, name)]).office_of == [office]


@pytest.mark.parametrize(
    ("chain", "keys"),
    [
        (("伊川县",), {"伊川县", "伊川"}),
        (("重庆市", "綦江区"), {"重庆市綦江区", "重庆市綦江", "綦江区", "綦江"}),
        (("攀枝花市", "西区"), {"攀枝花市西区", "西区"}),
        (("平潭综合实验区",), {"平潭综合实验区", "平潭综合实验", "平潭实验区", "平潭"}),
    ],
)
def test_a_place_is_found_by_its_tails_and_short_forms(
    chain: tuple[str, ...], keys: set[str]
) -> None:
    assert place_keys(chain) == keys
