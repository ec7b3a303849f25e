"""The office part of an agency's name (人民政府, 司法局, 街道办事处) and what kind of agency it is.

Agencies shorten their office from year to year as they shorten their place (淮安市政府,
上海市科委): the office is brought to its full form so that those names are one agency.
Only abbreviations that cannot mean another office are expanded.
"""

from __future__ import annotations

import re

GOVERNMENT = "人民政府"
GENERAL_OFFICES = frozenset({"人民政府办公室", "人民政府办公厅"})
COMMITTEE = "管理委员会"  # what a zone's reports are by, named or not (平潭综合实验区管委会)

# Short forms of offices and their full names.
ABBREVIATIONS = {
    "政府": "人民政府",  # 淮安市政府
    "府": "人民政府",  # 淮安市府 (市府, 县府: the government, said short)
    "政府办公室": "人民政府办公室",
    "政府办公厅": "人民政府办公厅",
    "府办公厅": "人民政府办公厅",  # 上海市府办公厅
    "府办公室": "人民政府办公室",
    "管委会": COMMITTEE,
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",  # the official short form
    "发改局": "发展和改革局",
    "科委": "科学技术委员会",  # 上海市科委 (tests/data/real/shanghai-shi-kewei-2024-pdfmd.md)
    "科技委员会": "科学技术委员会",
    "科技委": "科学技术委员会",
    "卫健委": "卫生健康委员会",
    "人社局": "人力资源和社会保障局",
    "住建局": "住房和城乡建设局",
    "市场监管局": "市场监督管理局",
}
# 政府办 is the general office: 办公厅 for a province, 办公室 below.
GENERAL_OFFICE_SHORT = frozenset({"政府办", "人民政府办"})

# Offices common enough to trust a place written without its level word before them
# (伊川司法局): after a short name, anything else may be more of a longer name
# (宁海路派出所 is no office of 宁海县). The departments of a county or city government
# since the 2018 reform, and the government and its general office.
COMMON_OFFICES = frozenset(
    {
        GOVERNMENT,
        *GENERAL_OFFICES,
        *ABBREVIATIONS.values(),
        "发展和改革委员会",
        "教育局",
        "科学技术局",
        "工业和信息化局",
        "公安局",
        "民政局",
        "司法局",
        "财政局",
        "自然资源局",
        "自然资源和规划局",
        "生态环境局",
        "交通运输局",
        "水利局",
        "水务局",
        "农业农村局",
        "商务局",
        "文化和旅游局",
        "文化广电和旅游局",
        "卫生健康局",
        "退役军人事务局",
        "应急管理局",
        "审计局",
        "统计局",
        "医疗保障局",
        "林业局",
        "城市管理局",
        "城市管理和综合执法局",
        "综合行政执法局",
        "行政审批局",
        "政务服务管理局",
        "数据局",
        "信访局",
        "税务局",
        "档案局",
        "人民防空办公室",
        "机关事务管理局",
        "乡村振兴局",
        "体育局",
    }
)

_KNOWN_TAILS = sorted(
    {*COMMON_OFFICES, *ABBREVIATIONS, *GENERAL_OFFICE_SHORT}, key=len, reverse=True
)

# A town (镇, 乡) or a street (街道) and the office that follows it: only a town's own
# offices, so that 城乡建设局 or 住房和城乡… is never read as a town.
TOWN = re.compile(
    r"^((?:[^\s和与及、]{1,10}?(?:街道|镇)|[^\s和与及、]{2,10}?乡))"
    r"(人民政府|政府|办事处|办|)$"
)
# Zones (开发区, 综合实验区…) that are no division. A division named 新区 (浦东新区) is
# read as a place before this is tried.
ZONE_WORDS = (
    "综合实验区",
    "综合试验区",
    "经济技术开发区",
    "高新技术产业开发区",
    "高新技术开发区",
    "经济开发区",
    "高新区",
    "开发区",
    "工业园区",
    "产业园区",
    "园区",
    "实验区",
    "试验区",
    "示范区",
    "合作区",
    "保税区",
    "自贸区",
    "管理区",
    "度假区",
    "新区",
)
# What people shorten a zone word to, beyond the zone words it ends in (综合实验区 → 实验区)
ZONE_SHORT = {
    "经济技术开发区": ("经开区",),
    "高新技术产业开发区": ("高新区",),
    "高新技术开发区": ("高新区",),
}
ZONE = re.compile(r"^([^\s局委办厅]{0,12}?(?:" + "|".join(ZONE_WORDS) + r"))(.*)$")
# the last character of most offices (局, 委, 办, 政府 …)
OFFICE_END = frozenset("局厅委办部会院所处室站队府心社")


def full_office(office: str, province: bool = False) -> str:
    """The office's full name: 政府 → 人民政府, 政府办 → 人民政府办公室 (办公厅 for a
    province), 科委 → 科学技术委员会; anything else as written."""
    if office in GENERAL_OFFICE_SHORT:
        return "人民政府办公厅" if province else "人民政府办公室"
    return ABBREVIATIONS.get(office, office)


def split_office(name: str) -> tuple[str, str]:
    """(what comes before the office, the office in full) for a name whose places are
    unknown: 东海市西区政府 → (东海市西区, 人民政府). The office is "" when the name does
    not end with one this module knows."""
    for written in _KNOWN_TAILS:
        if name.endswith(written):
            return name[: -len(written)], full_office(written)
    return name, ""


def town_office(office: str) -> str:
    """A town's office in full: 政府 → 人民政府, 办 (街道办) → 办事处."""
    if office == "办":
        return "办事处"
    return full_office(office)


# What `kind_of` tells, in the order people filter by.
KINDS = ("government", "general_office", "department", "town_street", "zone", "other")


def kind_of(office: str, *, town: bool = False, zone: bool = False) -> str:
    """One of KINDS."""
    if zone:
        return "zone"
    if town:
        return "town_street"
    if office == GOVERNMENT:
        return "government"
    if office in GENERAL_OFFICES:
        return "general_office"
    if office and office[-1] in OFFICE_END:
        return "department"
    return "other"
