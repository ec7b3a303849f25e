"""The audit on hand-made pairs of reports: clean pairs find nothing to warn about, and
each planted fault is found, with the numbers set in `audit_pairs` on both sides."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.audit import Subject, audit
from index.audit.duplication import SHINGLE, compare
from index.audit.text_vs_table import stated
from index.parse import parse_file

from .audit_pairs import CLEAN_2023, CLEAN_2024, Year, variant, write


def audited(tmp_path: Path, this: Year, previous: Year | None = CLEAN_2023):  # noqa: ANN201
    before = Subject(parse_file(write(tmp_path, previous)), "before") if previous else None
    return audit(Subject(parse_file(write(tmp_path, this)), "this"), before)


def serious(result) -> list[str]:  # noqa: ANN001
    return [f.rule for f in result.findings if f.severity in ("error", "warning")]


def test_a_clean_pair_gives_no_error_and_no_warning(tmp_path: Path) -> None:
    result = audited(tmp_path, CLEAN_2024)
    assert serious(result) == []
    assert result.duplication is not None and result.duplication.previous_year == 2023
    assert result.duplication.ratio_without_boilerplate < 0.5
    assert serious(audited(tmp_path, CLEAN_2023, None)) == []


def test_a_clean_pair_with_a_note_and_revisions_still_warns_only_on_in_force(
    tmp_path: Path,
) -> None:
    this = variant(CLEAN_2024, in_force="15（含自然失效 2 件）")
    result = audited(tmp_path, this)
    assert serious(result) == ["in_force.normative_documents"]
    finding = result.findings[0]
    assert (finding.kind, finding.severity) == ("cross_year", "warning")
    assert (finding.expected, finding.found) == (10 + 3 - 1, 15)
    assert "含自然失效2件" in finding.message and "含自然失效2件" in finding.message_en
    assert finding.previous_year == 2023


def test_carry_over_that_differs_from_last_years_carry_forward_is_an_error(
    tmp_path: Path,
) -> None:
    this = variant(CLEAN_2024, carried_over=0, received=3)  # balance kept: 3 + 0 = 3 + 0
    result = audited(tmp_path, this)
    errors = [f for f in result.findings if f.severity == "error"]
    assert [f.rule for f in errors] == ["carry_over.natural_person", "carry_over.total"]
    assert errors[0].cells == ("3.carried_over.natural_person",)
    assert (errors[0].expected, errors[0].found) == (1, 0)
    assert serious(result) == ["carry_over.natural_person", "carry_over.total"]


def test_no_cross_year_finding_without_last_years_report(tmp_path: Path) -> None:
    this = variant(CLEAN_2024, carried_over=0, received=3)
    two_years_before = variant(CLEAN_2023, year=2022, narrative_year=2023)
    result = audited(tmp_path, this, two_years_before)
    assert not [f for f in result.findings if f.kind == "cross_year"]
    assert result.duplication is not None and result.duplication.previous_year == 2022


def test_a_broken_total_is_an_identity_error_with_both_sums(tmp_path: Path) -> None:
    result = audited(tmp_path, variant(CLEAN_2024, broken_total=True, stated_handled=3))
    rules = {f.rule: f for f in result.findings if f.kind == "identity"}
    assert set(rules) == {
        "t3.row_total.results_total",
        "t3.balance.total",
        "t3.results_total.total",
    }
    assert all(f.severity == "error" for f in rules.values())
    assert (rules["t3.results_total.total"].expected, rules["t3.results_total.total"].found) == (
        3,
        4,
    )
    # received 2 + carried over 1, against handled 4 + carried forward 0
    assert (rules["t3.balance.total"].expected, rules["t3.balance.total"].found) == (3, 4)


def test_a_text_that_states_another_count_than_the_table(tmp_path: Path) -> None:
    result = audited(tmp_path, variant(CLEAN_2024, stated_received=17))
    [finding] = [f for f in result.findings if f.kind == "text_vs_table"]
    assert (finding.rule, finding.severity) == ("text.received", "warning")
    assert (finding.expected, finding.found) == (2, 17)
    assert finding.cells == ("3.received.total",)
    assert "共收到17件政府信息公开申请" in (finding.sentence or "")
    assert serious(result) == ["text.received"]


def test_received_may_count_the_carried_over_ones(tmp_path: Path) -> None:
    """平潭 2022 says 收到申请75件 where table 3 has 74 new and 1 carried over."""
    result = audited(tmp_path, variant(CLEAN_2024, stated_received=3))  # 2 new + 1 carried over
    assert serious(result) == []


def test_a_share_the_table_does_not_give(tmp_path: Path) -> None:
    right = variant(CLEAN_2024, share="其中予以公开 1 件，占33.33%。")  # 1 of 3 handled
    assert serious(audited(tmp_path, right)) == []
    # 1 of 2 new applications is 50 %: a denominator reports use, so no finding
    assert serious(audited(tmp_path, variant(CLEAN_2024, share="其中予以公开 1 件，占50%。"))) == []
    wrong = variant(CLEAN_2024, share="其中予以公开 1 件，占60%。")
    [finding] = [f for f in audited(tmp_path, wrong).findings if f.kind == "text_vs_table"]
    assert finding.rule == "text.granted.share"
    assert finding.found == 60 and finding.expected == pytest.approx(100 / 3, abs=0.01)


@pytest.mark.parametrize(
    ("sentence", "rule", "number"),
    [
        ("共收到政府信息公开申请75件", "received", 75),
        ("本年度全区共收到70件申请", "received", 70),
        ("办结依申请公开81件", "handled", 81),
        ("其中：予以公开及部分公开42件，占51.85%", "disclosed", 42),
        ("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件", "review", 2),
        ("（含上年结转 189 件）", "carried_over", 189),
        ("清理并集中发布现行有效行政规范性文件393件", "normative_documents_in_force", 393),
        ("因政府信息公开引发的行政复议或行政诉讼 0 件", "review_and_litigation", 0),
    ],
)
def test_a_number_is_read_by_its_own_words(sentence: str, rule: str, number: int) -> None:
    found = list(stated(sentence, 2024))
    assert found and (found[0].statement.rule, found[0].number) == (rule, number)


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年共收到政府信息公开申请45件",  # another year
        "较上年收到申请增加5件",
        "市政府本级收到申请12件",
        "收到群众诉求348件",  # not applications
        "公开政府信息 5500 余条",
        "全县共办理相关案件 74 件",  # reviews and lawsuits together, not named
        "行政复议和行政诉讼分别为 2 件、3 件",
        # 上海市科委 2024: results answered, not all that was handled (35)
        "所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2 件",
    ],
)
def test_a_number_whose_words_name_something_else_is_left_alone(sentence: str) -> None:
    assert list(stated(sentence, 2024)) == []


def test_a_report_in_the_old_form_and_odd_layout_gives_format_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, CLEAN_2024)
    text = path.read_text(encoding="utf-8")
    text = text.replace("五、存在的主要问题", "四、存在的主要问题").replace(
        "六、其他需要报告的事项", ""
    )
    old_rows = text[text.index("(六) 其他处理") : text.index("(七) 总计")]
    text = text.replace(old_rows, "(六) 其他处理\t0\t0\t0\t0\t0\t0\t0\t\n")
    path.write_text(text, encoding="utf-8")
    result = audit(Subject(parse_file(path), path.name))
    rules = {f.rule for f in result.findings if f.kind == "format"}
    assert rules == {
        "format.single_other_row",
        "format.section_number.5",
        "format.section_missing.6",
    }


def test_fees_printed_in_yuan(tmp_path: Path) -> None:
    this = variant(CLEAN_2024, fees="450553", fees_header="本年收费金额（单位：元）")
    [finding] = [f for f in audited(tmp_path, this).findings if f.kind == "format"]
    assert (finding.rule, finding.expected, finding.found) == (
        "format.amount_unit",
        45.0553,
        450553,
    )


def test_a_narrative_copied_from_last_year_is_a_warning(tmp_path: Path) -> None:
    copied = variant(CLEAN_2024, narrative_year=2023)
    result = audited(tmp_path, copied)
    [finding] = [f for f in result.findings if f.kind == "duplication"]
    assert finding.severity == "warning" and finding.previous_year == 2023
    assert result.duplication is not None and result.duplication.ratio_without_boilerplate > 0.5
    assert result.duplication.passages and "栏目更新频次不均" in finding.message


def test_the_ratio_is_twice_the_common_characters_over_both_lengths() -> None:
    common = "政府信息公开工作年度报告的共同段落" * 2  # 34 characters, longer than a shingle
    a, b = common + "甲乙丙丁戊己庚辛", common + "子丑寅卯辰巳午未申酉"
    ratio, _ = compare(a, b)
    assert len(common) > SHINGLE
    assert ratio == round(2 * len(common) / (len(a) + len(b)), 4)
    assert compare("，。！" + a, b + "；")[0] == ratio  # punctuation dropped


def test_cells_left_unread_are_listed_with_why(tmp_path: Path) -> None:
    result = audited(tmp_path, variant(CLEAN_2024, in_force="12", issued="3", repealed="1"), None)
    assert not [f for f in result.findings if f.kind == "unread"]
    path = write(tmp_path, CLEAN_2024)
    text = path.read_text(encoding="utf-8").replace(
        "行政规范性文件\t3\t1\t12", "行政规范性文件\t3112"
    )
    path.write_text(text, encoding="utf-8")
    [finding] = [f for f in audit(Subject(parse_file(path), "x")).findings if f.kind == "unread"]
    assert finding.severity == "info" and finding.rule == "unread.runs"
    assert finding.cells == tuple(
        f"2.normative_documents.{c}" for c in ("issued", "repealed", "in_force")
    )


def test_rates_use_the_engines_formulas(tmp_path: Path) -> None:
    result = audited(tmp_path, CLEAN_2024)
    rates = {r.key: r for r in result.rates}
    assert rates["granted_in_full"].value == round(1 / 3, 4)  # granted 1 of 3 handled
    assert rates["completion"].value == 1.0  # 3 handled of 2 new + 1 carried over
    assert rates["completion"].small and rates["review_correction"].value is None
    assert set(result.to_json()["rates"]) == {
        "granted_in_full",
        "substantive_disclosure",
        "withheld",
        "completion",
        "review_correction",
        "litigation_loss",
    }
