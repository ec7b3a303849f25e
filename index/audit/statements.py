"""Figures the narrative states, as data: which words before a number name which figure.

A sentence such as 全区共收到政府信息公开申请75件 states a figure of table 3. A number
is matched to a figure only by its own words: the words of its clause right before it
(after the last punctuation or the previous count), and they must *end* with the
statement's words, give or take fillers (共计, 为). Anything that makes the clause
about something else (another year, 上年, 同比, 累计, a part of the agency such as 本级
or 部门, 分别) leaves the number alone. A statement may fit several figures the way
reports use the words (收到申请 is the new applications in one report and new plus
carried over in another): the text differs from the table only when it fits none.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalogue import Term

_R: tuple[Term, ...] = (("received", "total"),)
_RC: tuple[Term, ...] = (("received", "total"), ("carried_over", "total"))
_H: tuple[Term, ...] = (("results_total", "total"),)


@dataclass(frozen=True)
class Statement:
    """A way the narrative states a figure.

    `words`: a regular expression the number's own words must end with (fillers such as
    共计 may follow it). `readings`: the figures the statement may mean, each a sum of
    (measure, column) terms of `bot.catalogue`. `units`: the characters that may follow
    the number. `after`: a regular expression the text after the unit must start with,
    for statements that name the thing after the number (收到 2 件政府信息公开申请).
    """

    rule: str
    words: str
    readings: tuple[tuple[Term, ...], ...]
    zh: str
    en: str
    units: str = "件"
    after: str | None = None


APPLICATIONS = r"(?:(?:政府信息公开|信息公开)?申请|依申请公开(?:申请)?)"
CASES = "件起宗"

STATEMENTS: tuple[Statement, ...] = (
    # the results: most specific first (予以公开及部分公开 before 部分公开)
    Statement(
        "disclosed",
        r"予以公开[及和与、或]部分公开",
        ((("disclosed", "total"),),),
        "予以公开及部分公开",
        "granted in full or in part",
    ),
    Statement("granted", r"予以公开", ((("granted", "total"),),), "予以公开", "granted in full"),
    Statement(
        "partially_granted",
        r"部分公开",
        ((("partially_granted", "total"),),),
        "部分公开",
        "partially granted",
    ),
    Statement("withheld", r"不予公开", ((("withheld", "total"),),), "不予公开", "withheld"),
    Statement(
        "unavailable", r"无法提供", ((("unavailable", "total"),),), "无法提供", "unavailable"
    ),
    Statement(
        "not_processed",
        r"不予处理",
        ((("not_processed", "total"),),),
        "不予处理",
        "not processed",
    ),
    Statement("other", r"其他处理", ((("other", "total"),),), "其他处理", "other handling"),
    Statement(
        "carried_over",
        r"上一?年度?结转(?:的)?" + f"(?:{APPLICATIONS})?",
        ((("carried_over", "total"),),),
        "上年结转",
        "carried over",
    ),
    Statement(
        "carried_forward",
        r"结转(?:至|到)?下一?年度?(?:继续办理)?",
        ((("carried_forward", "total"),),),
        "结转下年度",
        "carried forward",
    ),
    Statement(
        "review_and_litigation",
        r"行政复议(?:案件)?[和及与或、]行政诉讼(?:案件)?",
        ((("review", "total"), ("litigation", "total")),),
        "行政复议和行政诉讼",
        "reviews and lawsuits",
        units=CASES,
    ),
    Statement(
        "review",
        r"行政复议(?:案件|申请)?",
        ((("review", "total"),),),
        "行政复议",
        "administrative reviews",
        units=CASES,
    ),
    Statement(
        "litigation",
        r"行政诉讼(?:案件)?",
        ((("litigation", "total"),),),
        "行政诉讼",
        "lawsuits",
        units=CASES,
    ),
    Statement(
        "normative_documents_in_force",
        r"现行有效(?:的)?(?:行政)?规范性文件",
        ((("normative_documents", "in_force"),),),
        "现行有效行政规范性文件",
        "normative documents in force",
    ),
    Statement(
        "normative_documents_issued",
        r"制发(?:的)?(?:行政)?规范性文件",
        ((("normative_documents", "issued"),),),
        "本年制发行政规范性文件",
        "normative documents issued",
    ),
    Statement(
        "regulations_in_force",
        r"现行有效(?:的)?(?:政府)?规章",
        ((("regulations", "in_force"),),),
        "现行有效规章",
        "regulations in force",
    ),
    # applications received: the new ones, or new and carried over together
    Statement(
        "received",
        r"(?:收到|接收|受理|接到)[^，。；]{0,30}?" + APPLICATIONS,
        (_R, _RC),
        "收到（受理）申请",
        "applications received",
    ),
    Statement(
        "received",
        r"(?:收到|接收|受理|接到)了?",
        (_R, _RC),
        "收到（受理）申请",
        "applications received",
        after=APPLICATIONS,
    ),
    Statement(  # 同意公开答复9件 and 不予公开答复2件 state results, not all that was handled
        "handled",
        r"(?:办结|(?<!公开)答复)" + f"(?:[^，。；]{{0,24}}?{APPLICATIONS})?",
        (_H,),
        "办结（答复）申请",
        "applications handled",
    ),
    Statement(
        "handled",
        r"办理" + f"(?:[^，。；]{{0,24}}?{APPLICATIONS})?",
        (_H, _R, _RC),
        "办理申请",
        "applications handled",
    ),
)

# What may stand between a statement's words and its number.
FILLER = r"(?:数量?|总数|总量)?(?:共计|合计|总计|共|计|为|是|达到?|有|了)*"
# A clause with any of these, before the statement's words, is about something else.
ELSEWHERE = (
    r"上年|去年|上一年|前年|同比|环比|较|比上|累计|历年|以来|本级|部门|乡镇|街道|镇街|县区|区县"
    r"|市直|区直|县直|下属|所属|平均|分别|各单位"
)
