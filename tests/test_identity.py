"""Agency names as reports print them, resolved to one identity per agency.

Expected divisions are the real ones (MCA codes): the expectation is what a person
who knows the places would say, and "ambiguous" or "none" where the name alone
cannot tell.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.identity import clean_name, identify
from index.parse import parse_file

from .conftest import DEVSET, ROOT

HONGZE = "320813:洪泽区||人民政府"


@pytest.mark.parametrize(
    "name, year, key, canonical, kind, how",
    [
        # a county government with and without its city, and under its old name
        ("洪泽区人民政府", 2023, HONGZE, "江苏省淮安市洪泽区人民政府", "government", "exact"),
        ("淮安市洪泽区人民政府", 2024, HONGZE, "江苏省淮安市洪泽区人民政府", "government", "exact"),
        ("洪泽县人民政府", 2015, HONGZE, "江苏省淮安市洪泽区人民政府", "government", "historical"),
        ("淮安市洪泽区政府", 2024, HONGZE, "江苏省淮安市洪泽区人民政府", "government", "exact"),
        # departments
        (
            "伊川县司法局",
            2024,
            "410329:伊川县||司法局",
            "河南省洛阳市伊川县司法局",
            "department",
            "exact",
        ),
        (
            "伊川司法局",
            2024,
            "410329:伊川县||司法局",
            "河南省洛阳市伊川县司法局",
            "department",
            "short",
        ),
        (
            "重庆市綦江区司法局",
            2024,
            "500110:綦江区||司法局",
            "重庆市綦江区司法局",
            "department",
            "exact",
        ),
        (
            "綦江县司法局",
            2010,
            "500110:綦江区||司法局",
            "重庆市綦江区司法局",
            "department",
            "historical",
        ),
        (
            "沭阳县发展和改革局",
            2024,
            "321322:沭阳县||发展和改革局",
            "江苏省宿迁市沭阳县发展和改革局",
            "department",
            "exact",
        ),
        (
            "沭阳县发改局",
            2024,
            "321322:沭阳县||发展和改革局",
            "江苏省宿迁市沭阳县发展和改革局",
            "department",
            "exact",
        ),
        ("江苏省司法局", 2024, "320000:江苏省||司法局", "江苏省司法局", "department", "exact"),
        (
            "上海市科委",
            2024,
            "310000:上海市||科学技术委员会",
            "上海市科学技术委员会",
            "department",
            "exact",
        ),
        (
            "荆州市公安县公安局",
            2024,
            "421022:公安县||公安局",
            "湖北省荆州市公安县公安局",
            "department",
            "exact",
        ),
        # governments' general offices: 办公厅 for a province, 办公室 below
        (
            "上海市人民政府办公厅",
            2019,
            "310000:上海市||人民政府办公厅",
            "上海市人民政府办公厅",
            "general_office",
            "exact",
        ),
        (
            "上海市政府办",
            2024,
            "310000:上海市||人民政府办公厅",
            "上海市人民政府办公厅",
            "general_office",
            "exact",
        ),
        (
            "淮安市政府办",
            2024,
            "320800:淮安市||人民政府办公室",
            "江苏省淮安市人民政府办公室",
            "general_office",
            "exact",
        ),
        # towns and streets, named under their county
        (
            "南京市鼓楼区宁海路街道办事处",
            2024,
            "320106:鼓楼区|宁海路街道|办事处",
            "江苏省南京市鼓楼区宁海路街道办事处",
            "town_street",
            "exact",
        ),
        (
            "沭阳县高墟镇人民政府",
            2024,
            "321322:沭阳县|高墟镇|人民政府",
            "江苏省宿迁市沭阳县高墟镇人民政府",
            "town_street",
            "exact",
        ),
        # a zone, with and without its committee, and a remark in brackets
        (
            "平潭综合实验区",
            2022,
            "350128:平潭县|zone:平潭综合实验区|管理委员会",
            "福建省平潭综合实验区管理委员会",
            "zone",
            "alias",
        ),
        (
            "平潭综合实验区（管委会）",
            2023,
            "350128:平潭县|zone:平潭综合实验区|管理委员会",
            "福建省平潭综合实验区管理委员会",
            "zone",
            "alias",
        ),
        (
            "福建省平潭综合实验区管理委员会",
            2021,
            "350128:平潭县|zone:平潭综合实验区|管理委员会",
            "福建省平潭综合实验区管理委员会",
            "zone",
            "alias",
        ),
        (
            "万盛经济技术开发区管委会",  # where 万盛区 was: now 綦江区's, not the old 万盛区's
            2020,
            "500110:綦江区|zone:万盛经济技术开发区|管理委员会",
            "重庆市万盛经济技术开发区管理委员会",
            "zone",
            "alias",
        ),
        (
            "淮安市经济技术开发区管委会",
            2024,
            "320800:淮安市|zone:经济技术开发区|管理委员会",
            "江苏省淮安市经济技术开发区管理委员会",
            "zone",
            "exact",
        ),
        # renamed and re-coded districts
        (
            "友好区司法局",
            2018,
            "230719:友好区||司法局",
            "黑龙江省伊春市友好区司法局",
            "department",
            "historical",
        ),
        (
            "友好区司法局",
            2024,
            "230719:友好区||司法局",
            "黑龙江省伊春市友好区司法局",
            "department",
            "exact",
        ),
        # a shared name decided by its city, or unique that year
        (
            "福州市鼓楼区人民政府",
            2024,
            "350102:鼓楼区||人民政府",
            "福建省福州市鼓楼区人民政府",
            "government",
            "exact",
        ),
        (
            "西区司法局",
            2024,
            "510403:西区||司法局",
            "四川省攀枝花市西区司法局",
            "department",
            "exact",
        ),
        (
            "攀枝花市西区司法局",
            2024,
            "510403:西区||司法局",
            "四川省攀枝花市西区司法局",
            "department",
            "exact",
        ),
        # an OCR slip, the file's markdown heading mark included
        (
            "#沐阳县人民政府",
            2025,
            "321322:沭阳县||人民政府",
            "江苏省宿迁市沭阳县人民政府",
            "government",
            "ocr",
        ),
        (
            "沐川县人民政府",
            2024,
            "511129:沐川县||人民政府",
            "四川省乐山市沐川县人民政府",
            "government",
            "exact",
        ),
    ],
)
def test_resolved(name: str, year: int, key: str, canonical: str, kind: str, how: str) -> None:
    found = identify(name, year)
    assert (found.key, found.canonical, found.kind, found.how) == (key, canonical, kind, how)
    assert found.code == key.split(":")[0]


def test_the_region_of_an_identity() -> None:
    found = identify("淮安市洪泽区人民政府", 2024)
    assert (found.province, found.city, found.county, found.town) == (
        "江苏省",
        "淮安市",
        "洪泽区",
        None,
    )
    assert found.region == "江苏省淮安市洪泽区"
    assert identify("重庆市綦江区司法局", 2024).city is None  # a municipality's district
    assert identify("沭阳县高墟镇人民政府", 2024).town == "高墟镇"


@pytest.mark.parametrize(
    "name, year, candidates, office",
    [
        ("鼓楼区人民政府", 2024, {"320106", "320302", "350102", "410204"}, "人民政府"),
        ("鼓楼区政府", 2024, {"320106", "320302", "350102", "410204"}, "人民政府"),
        ("新华区司法局", 2024, {"130105", "130902", "410402"}, "司法局"),
        ("西区司法局", 1985, {"430104", "430503", "510403"}, "司法局"),
    ],
)
def test_a_shared_place_is_left_ambiguous(
    name: str, year: int, candidates: set[str], office: str
) -> None:
    found = identify(name, year)
    assert found.how == "ambiguous"
    assert found.code is None
    assert {d.code for d in found.candidates} == candidates
    assert found.office == office
    assert found.key.startswith("name:")


def test_spellings_of_an_ambiguous_name_are_one_identity_but_not_the_resolved_ones() -> None:
    assert identify("鼓楼区政府", 2024).key == identify("鼓楼区人民政府", 2024).key
    assert identify("鼓楼区人民政府", 2024).key != identify("福州市鼓楼区人民政府", 2024).key


@pytest.mark.parametrize(
    "name, kind",
    [
        ("公安局", "department"),
        ("自然资源和规划局", "department"),
        ("东海市西区司法局", "department"),  # no 东海市: not 攀枝花市's 西区 either
        ("南山县司法局", "department"),  # 南山 is 南山区, not a 南山县
        ("宁海路街道办事处", "town_street"),  # a street of 南京, not of 宁海县
        ("宁海路派出所", "department"),
        ("高沟镇人民政府", "town_street"),  # two 高沟镇 (涟水县, 无为市): no county named
        ("国家税务总局淮安市税务局", "department"),
        ("淮安市鼓楼区人民政府", "government"),  # 淮安市 has no 鼓楼区
        ("巢湖市居巢区人民政府", "government"),  # 巢湖市 (prefecture) was abolished in 2011
    ],
)
def test_no_known_place(name: str, kind: str) -> None:
    found = identify(name, 2024)
    assert (found.how, found.kind, found.code) == ("none", kind, None)
    assert found.key == f"name:{found.canonical}"


def test_different_agencies_are_different_identities() -> None:
    keys = [
        identify(name, year).key
        for name, year in [
            ("洪泽区人民政府", 2024),
            ("洪泽区人民政府办公室", 2024),
            ("洪泽区司法局", 2024),
            ("淮安市人民政府", 2024),
            ("淮安市淮安区人民政府", 2024),
            ("平潭县人民政府", 2024),
            ("平潭综合实验区", 2024),
            ("平潭综合实验区社会事业局", 2024),
            ("万盛区司法局", 2010),  # merged into 綦江区 in 2011, under the code 綦江区 took
            ("綦江区司法局", 2024),
            ("东海市西区司法局", 2024),
            ("攀枝花市西区司法局", 2024),
        ]
    ]
    assert len(set(keys)) == len(keys)


def test_clean_name() -> None:
    assert clean_name("# 沐阳县人民政府 ") == "沐阳县人民政府"
    assert clean_name("上海市人民政府办公厅（代表市政府）") == "上海市人民政府办公厅"
    assert clean_name("平潭综合实验区(管委会") == "平潭综合实验区"


REAL = ROOT / "tests" / "data" / "real"


@pytest.mark.parametrize(
    "path, key",
    [
        *[
            (REAL / f"pingtan-zhsyq-{y}-crawl.txt", "350128:平潭县|zone:平潭综合实验区|管理委员会")
            for y in (2019, 2020, 2021, 2023, 2024, 2025)
        ],
        (REAL / "shuyang-xian-zf-2025-ocr.txt", "321322:沭阳县||人民政府"),
        (REAL / "shanghai-shi-kewei-2024-pdfmd.md", "310000:上海市||科学技术委员会"),
        (REAL / "shanghai-shi-zfbgt-2025-pdfmd.md", "310000:上海市||人民政府办公厅"),
        (DEVSET / "pingtan-zhsyq-2022.txt", "350128:平潭县|zone:平潭综合实验区|管理委员会"),
        (DEVSET / "shanghai-shi-zfbgt-2019.html", "310000:上海市||人民政府办公厅"),
        (DEVSET / "huaian-shi-zf-2024.pdf", "320800:淮安市||人民政府"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else "",
)
def test_real_reports(path: Path, key: str) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not here")
    report = parse_file(path)
    assert identify(report.agency, report.year).key == key


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="淮安市洪泽区县省政府人民办公室局镇乡街道（）#鼓楼新华西自治州彝族沐阳平潭实验",
        max_size=20,
    ),
    st.one_of(st.none(), st.integers(1950, 2100)),
)
def test_any_name_has_an_identity(name: str, year: int | None) -> None:
    found = identify(name, year)
    assert found.key
    if found.code:
        assert found.canonical.startswith(found.province or "")
