"""Every canonical key of TEMPLATE.md can be asked for, in Chinese and in English.

The questions are about 淮安市人民政府 2024, whose every figure was read by hand
into the devset truth file: the expected value of each question is that file's.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.answer import Engine
from bot.catalogue import MEASURES
from bot.lexicon import EN, ZH
from bot.normalize import Text
from index.template import LABELS

from .conftest import DEVSET

TRUTH_FILE = DEVSET / "truth" / "huaian-shi-zf-2024.json"
TRUTH: dict[str, float] = (
    json.loads(TRUTH_FILE.read_text(encoding="utf-8"))["figures"] if TRUTH_FILE.exists() else {}
)
HA = "淮安市人民政府"

# (cells whose sum is the answer, question in Chinese, question in English)
QUESTIONS = [
    (
        ["3.received.total"],
        "淮安市政府2024年本年新收申请多少",
        "how many new applications did 淮安市人民政府 receive in 2024",
    ),
    (
        ["3.carried_over.total"],
        "淮安市政府2024年上年结转申请多少",
        "how many applications were carried over from last year at 淮安市人民政府 in 2024",
    ),
    (
        ["3.granted.total"],
        "淮安市政府2024年予以公开多少件",
        "how many applications did 淮安市人民政府 grant in full in 2024",
    ),
    (
        ["3.partially_granted.total"],
        "淮安市政府2024年部分公开多少件",
        "how many were partially granted by 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_state_secret.total"],
        "淮安市政府2024年属于国家秘密不予公开多少",
        "how many were withheld as state secrets by 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_prohibited_by_law.total"],
        "淮安市政府2024年其他法律行政法规禁止公开多少",
        "how many were prohibited by law at 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_security_stability.total"],
        "淮安市政府2024年危及三安全一稳定的多少",
        "how many endangered security or stability at 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_third_party.total"],
        "淮安市政府2024年保护第三方合法权益不予公开多少",
        "how many were withheld to protect third parties by 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_internal_affairs.total"],
        "淮安市政府2024年属于三类内部事务信息多少",
        "how many were internal affairs information at 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_process_info.total"],
        "淮安市政府2024年属于四类过程性信息多少",
        "how many were withheld as process information by 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_enforcement_file.total"],
        "淮安市政府2024年属于行政执法案卷多少",
        "how many were enforcement case files at 淮安市人民政府 in 2024",
    ),
    (
        ["3.withheld_query_matter.total"],
        "淮安市政府2024年属于行政查询事项多少",
        "how many were administrative query matters at 淮安市人民政府 in 2024",
    ),
    (
        ["3.unavailable_not_held.total"],
        "淮安市政府2024年本机关不掌握相关政府信息多少",
        "how many could 淮安市人民政府 not provide because it did not hold the information in 2024",
    ),
    (
        ["3.unavailable_needs_creation.total"],
        "淮安市政府2024年没有现成信息需要另行制作多少",
        "how many would need to be created at 淮安市人民政府 in 2024",
    ),
    (
        ["3.unavailable_unclear.total"],
        "淮安市政府2024年补正后申请内容仍不明确多少",
        "how many were still unclear after correction at 淮安市人民政府 in 2024",
    ),
    (
        ["3.not_processed_petition.total"],
        "淮安市政府2024年信访举报投诉类申请多少",
        "how many petitions and complaints did 淮安市人民政府 not process in 2024",
    ),
    (
        ["3.not_processed_duplicate.total"],
        "淮安市政府2024年重复申请多少",
        "how many duplicate applications did 淮安市人民政府 get in 2024",
    ),
    (
        ["3.not_processed_publication.total"],
        "淮安市政府2024年要求提供公开出版物多少",
        "how many asked 淮安市人民政府 for publications in 2024",
    ),
    (
        ["3.not_processed_excessive.total"],
        "淮安市政府2024年无正当理由大量反复申请多少",
        "how many excessive repeated applications did 淮安市人民政府 get in 2024",
    ),
    (
        ["3.not_processed_confirmation.total"],
        "淮安市政府2024年要求行政机关确认或重新出具已获取信息多少",
        "how many asked 淮安市人民政府 to confirm or reissue information in 2024",
    ),
    (
        ["3.other_no_correction.total"],
        "淮安市政府2024年申请人逾期不补正多少",
        "how many applicants did not complete their applications at 淮安市人民政府 in 2024",
    ),
    (
        ["3.other_unpaid_fee.total"],
        "淮安市政府2024年逾期未按收费通知缴纳费用多少",
        "how many applications at 淮安市人民政府 ended with an unpaid fee in 2024",
    ),
    (
        ["3.other_misc.total"],
        "淮安市政府2024年其他处理中的其他多少",
        "how many were handled for other reasons at 淮安市人民政府 in 2024",
    ),
    (
        ["3.results_total.total"],
        "淮安市政府2024年办理结果总计多少",
        "how many applications did 淮安市人民政府 handle in 2024",
    ),
    (
        ["3.carried_forward.total"],
        "淮安市政府2024年结转下年度继续办理多少",
        "how many were carried forward at 淮安市人民政府 in 2024",
    ),
    (
        ["3.received.natural_person"],
        "淮安市政府2024年自然人申请多少",
        "how many applications from individuals did 淮安市人民政府 receive in 2024",
    ),
    (
        ["3.received.commercial"],
        "淮安市政府2024年商业企业申请多少",
        "how many applications from businesses did 淮安市人民政府 receive in 2024",
    ),
    (
        ["3.received.research"],
        "淮安市政府2024年科研机构申请多少",
        "how many applications from research institutions did 淮安市人民政府 receive in 2024",
    ),
    (
        ["3.received.social_welfare"],
        "淮安市政府2024年社会公益组织申请多少",
        "how many applications from NGOs did 淮安市人民政府 receive in 2024",
    ),
    (
        ["3.received.legal_service"],
        "淮安市政府2024年法律服务机构申请多少",
        "how many applications from lawyers did 淮安市人民政府 receive in 2024",
    ),
    (
        ["3.received.other_org"],
        "淮安市政府2024年其他组织申请多少",
        "how many applications from other organisations did 淮安市人民政府 receive in 2024",
    ),
    (
        [
            f"3.received.{c}"
            for c in ("commercial", "research", "social_welfare", "legal_service", "other_org")
        ],
        "淮安市政府2024年法人或其他组织申请多少",
        "how many applications from organisations did 淮安市人民政府 receive in 2024",
    ),
    (
        ["4.review.total"],
        "淮安市政府2024年行政复议多少件",
        "how many administrative reconsiderations did 淮安市人民政府 have in 2024",
    ),
    (
        ["4.review.upheld"],
        "淮安市政府2024年行政复议结果维持多少",
        "how many administrative reviews of 淮安市人民政府 were upheld in 2024",
    ),
    (
        ["4.review.corrected"],
        "淮安市政府2024年行政复议结果纠正多少",
        "how many administrative reviews of 淮安市人民政府 were overturned in 2024",
    ),
    (
        ["4.review.other"],
        "淮安市政府2024年行政复议其他结果多少",
        "how many administrative reviews of 淮安市人民政府 had another outcome in 2024",
    ),
    (
        ["4.review.pending"],
        "淮安市政府2024年行政复议尚未审结多少",
        "how many administrative reviews of 淮安市人民政府 are pending in 2024",
    ),
    (
        ["4.litigation_direct.total"],
        "淮安市政府2024年未经复议直接起诉多少",
        "how many lawsuits were filed directly against 淮安市人民政府 in 2024",
    ),
    (
        ["4.litigation_after_review.total"],
        "淮安市政府2024年复议后起诉多少",
        "how many lawsuits after review did 淮安市人民政府 face in 2024",
    ),
    (
        ["4.litigation_direct.total", "4.litigation_after_review.total"],
        "淮安市政府2024年行政诉讼多少",
        "how many lawsuits did 淮安市人民政府 face in 2024",
    ),
    (
        ["4.litigation_direct.pending", "4.litigation_after_review.pending"],
        "淮安市政府2024年行政诉讼尚未审结多少",
        "how many lawsuits against 淮安市人民政府 were pending in 2024",
    ),
    (
        ["2.regulations.issued"],
        "淮安市政府2024年本年制发规章多少件",
        "how many regulations did 淮安市人民政府 issue in 2024",
    ),
    (
        ["2.regulations.repealed"],
        "淮安市政府2024年废止规章多少件",
        "how many regulations did 淮安市人民政府 repeal in 2024",
    ),
    (
        ["2.regulations.in_force"],
        "淮安市政府2024年现行有效规章多少件",
        "how many regulations of 淮安市人民政府 were in force in 2024",
    ),
    (
        ["2.normative_documents.issued"],
        "淮安市政府2024年制发行政规范性文件多少件",
        "how many normative documents did 淮安市人民政府 issue in 2024",
    ),
    (
        ["2.normative_documents.repealed"],
        "淮安市政府2024年废止规范性文件多少件",
        "how many normative documents were repealed by 淮安市人民政府 in 2024",
    ),
    (
        ["2.normative_documents.in_force"],
        "淮安市政府2024年现行有效规范性文件多少件",
        "how many normative documents of 淮安市人民政府 are in force in 2024",
    ),
    (
        ["2.licensing.decisions"],
        "淮安市政府2024年行政许可处理决定多少",
        "how many licensing decisions did 淮安市人民政府 make in 2024",
    ),
    (
        ["2.penalty.decisions"],
        "淮安市政府2024年行政处罚多少",
        "how many administrative penalties did 淮安市人民政府 impose in 2024",
    ),
    (
        ["2.coercion.decisions"],
        "淮安市政府2024年行政强制多少",
        "how many coercive measures did 淮安市人民政府 take in 2024",
    ),
    (
        ["2.fees.amount"],
        "淮安市政府2024年行政事业性收费金额",
        "how much did 淮安市人民政府 collect in administrative fees in 2024",
    ),
]

pytestmark = pytest.mark.skipif(not TRUTH, reason="devset truth files not found")


def _want(cells: list[str]) -> float:
    total = sum(TRUTH[c] for c in cells)
    return round(total, 6) if isinstance(total, float) else total


@pytest.mark.parametrize(
    ("cells", "question", "language"),
    [
        pytest.param(cells, q, language, id=f"{language}-{cells[0] if len(cells) == 1 else q}")
        for language, i in (("zh", 1), ("en", 2))
        for cells, q in ((entry[0], entry[i]) for entry in QUESTIONS)
    ],
)
def test_every_key(real: Engine, cells: list[str], question: str, language: str) -> None:
    """Each key asked in Chinese and in English gives the same cells and value."""
    a = real.answer(question)
    assert (a.status, a.agency, a.year, a.language) == ("answered", HA, 2024, language), a.text
    assert sorted(f"{f['table']}.{f['row']}.{f['column']}" for f in a.figures) == sorted(cells), (
        a.text
    )
    assert a.value == _want(cells)


def test_the_questions_cover_every_key_of_tables_2021() -> None:
    asked = {c for cells, _, _ in QUESTIONS for c in cells}
    rows = {(int(k.split(".")[0]), k.split(".")[1]) for k in asked}
    for table, labels in LABELS.rows.items():
        for row in labels:
            if row in ("other_processing", "other_services", "procurement"):  # 2019 format only
                continue
            assert (table, row) in rows, (table, row)
    columns = {(int(k.split(".")[0]), k.split(".")[2]) for k in asked}
    for column in LABELS.columns[3]:
        assert (3, column) in columns or column == "total"
    for column in LABELS.columns[4]:
        assert (4, column) in columns


@pytest.mark.parametrize("table", [2, 3, 4])
def test_every_row_has_a_chinese_and_an_english_phrase(table: int) -> None:
    for row in LABELS.rows[table]:
        measures = [
            m for m in MEASURES.values() if m.table == table and any(row in rs for rs in m.row_sets)
        ]
        keys = {m.key for m in measures}
        assert any(p.kind == "measure" and p.value in keys for _, p in ZH), row
        assert any(p.kind == "measure" and p.value in keys for _, p in EN), row


def test_relative_year_words_inside_row_names_are_not_years() -> None:
    from bot.years import find_years

    for question in (
        "applications carried over from last year",
        "carried over from the previous year",
        "上年结转多少",
        "本年新收多少",
    ):
        assert find_years(Text.of(question), date(2025, 6, 1)).years == ()


@pytest.mark.parametrize(
    ("question", "years", "recent"),
    [
        ("平潭2021年以来每年收到多少申请", (2021, 2022, 2023, 2024, 2025), None),
        ("自2023年起复议多少", (2023, 2024, 2025), None),
        ("pingtan reviews since 2023", (2023, 2024, 2025), None),
        ("平潭近三年行政复议多少件", (2023, 2024, 2025), 3),
        ("最近5年收到申请", (2021, 2022, 2023, 2024, 2025), 5),
        ("Pingtan reviews over the last three years", (2023, 2024, 2025), 3),
        ("近10年来", tuple(range(2016, 2026)), 10),
    ],
)
def test_spans_of_years_up_to_now(
    question: str, years: tuple[int, ...], recent: int | None
) -> None:
    from bot.years import find_years

    found = find_years(Text.of(question), date(2025, 6, 1))
    assert (found.years, found.recent, found.is_range) == (years, recent, True)
    if recent:
        assert found.explicit == ()  # 近三年 names no year as written


def test_the_last_years_are_the_latest_reports(real: Engine) -> None:
    # asked in 2026, before 2026's reports: the latest three reports, not 2024–2026
    from bot.answer import Engine as Asking

    a = Asking(real.db_path, today=date(2026, 3, 1)).answer("淮安市人民政府近三年收到多少申请")
    assert a.status == "answered" and "2024 年" in a.text and "2026" not in a.text
