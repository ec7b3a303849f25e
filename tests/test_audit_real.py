"""The audit on real reports: the 平潭 series 2019–2025 (2022 is in the devset), the
devset and the bundled seeds. Every expected finding is worked out here from the truth
files (figures read by a person), never taken from the audit's output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.audit.batch import audit_indexed
from index.audit.indexed import Indexed
from index.build import build_paths
from index.checks import identities
from index.template import APPLICANT_COLUMNS

from .conftest import DEVSET, REPORTS, ROOT

REAL = ROOT / "tests" / "data" / "real"
PINGTAN = "平潭综合实验区"


def truth(year: int) -> dict[str, float | None]:
    path = (
        DEVSET / "truth" / "pingtan-zhsyq-2022.json"
        if year == 2022
        else REAL / "truth" / f"pingtan-zhsyq-{year}-crawl.json"
    )
    return json.loads(path.read_text(encoding="utf-8"))["figures"]


@pytest.fixture(scope="module")
def audits(tmp_path_factory: pytest.TempPathFactory) -> list:
    if not DEVSET.exists():
        pytest.skip("the devset is not beside this repository")
    db = tmp_path_factory.mktemp("audit") / "real.db"
    build_paths([REPORTS, DEVSET, *sorted(REAL.glob("*-*.*"))], db)
    with Indexed(db) as index:
        return list(audit_indexed(index, index.select()))


def found(audits: list, kind: str, severity: str | None = None) -> set[tuple[str, int, str]]:
    return {
        (a.agency, a.year, f.rule)
        for a in audits
        for f in a.findings
        if f.kind == kind and (severity is None or f.severity == severity)
    }


def test_cross_year_findings_of_the_pingtan_series_are_those_of_its_truth(audits: list) -> None:
    expected = set()
    for year in range(2020, 2026):
        now, before = truth(year), truth(year - 1)
        for column in APPLICANT_COLUMNS:
            if now[f"3.carried_over.{column}"] != before[f"3.carried_forward.{column}"]:
                expected.add((PINGTAN, year, f"carry_over.{column}"))
        for row in ("regulations", "normative_documents"):
            cells = [f"2.{row}.in_force", f"2.{row}.issued", f"2.{row}.repealed"]
            if all(c in now for c in cells) and f"2.{row}.in_force" in before:
                if before[cells[0]] + now[cells[1]] - now[cells[2]] != now[cells[0]]:
                    expected.add((PINGTAN, year, f"in_force.{row}"))
    # 698 + 77 − 132 ≠ 470, 470 + 62 − 33 ≠ 440, 440 + 58 − 45 ≠ 546; 665 + 88 − 55 = 698
    assert expected == {(PINGTAN, y, "in_force.normative_documents") for y in (2023, 2024, 2025)}
    assert found(audits, "cross_year") == expected
    assert not found(audits, "cross_year", "error")


def test_the_only_errors_are_the_sums_pingtan_2020_breaks_as_printed(audits: list) -> None:
    figures = truth(2020)
    values = {tuple(k.split(".")): v for k, v in figures.items()}
    broken = {
        i.rule
        for i in identities(True)
        if all((str(t), r, c) in values for t, r, c in i.keys)
        and sum(values[(str(t), r, c)] for t, r, c in i.left)
        != sum(values[(str(t), r, c)] for t, r, c in i.right)
    }
    assert broken == {"t3.results_total.natural_person", "t3.results_total.total"}
    errors = {
        (a.agency, a.year, f.rule) for a in audits for f in a.findings if f.severity == "error"
    }
    assert errors == {(PINGTAN, 2020, rule) for rule in broken}


def test_the_text_that_contradicts_its_table_is_pingtan_2023s_393(audits: list) -> None:
    assert truth(2023)["2.normative_documents.in_force"] == 470
    assert found(audits, "text_vs_table") == {(PINGTAN, 2023, "text.normative_documents_in_force")}
    [finding] = [
        f for a in audits for f in a.findings if f.kind == "text_vs_table" and a.year == 2023
    ]
    assert finding.found == 393 and "现行有效行政规范性文件393件" in (finding.sentence or "")
    # the row is printed 77132470 and left unread; no split of it gives 393
    assert finding.expected == "77132470"


def test_rates_of_pingtan_2023_from_its_truth(audits: list) -> None:
    figures = truth(2023)
    [audit] = [a for a in audits if a.agency == PINGTAN and a.year == 2023]
    rates = {r.key: r for r in audit.rates}
    disclosed = figures["3.granted.total"] + figures["3.partially_granted.total"]
    assert rates["substantive_disclosure"].value == round(
        disclosed / figures["3.results_total.total"], 4
    )
    assert rates["review_correction"].small  # 2 reviews decided: too few to say much


def test_every_report_has_its_duplication_against_its_previous_year(audits: list) -> None:
    pingtan = {a.year: a.duplication for a in audits if a.agency == PINGTAN}
    assert pingtan[2019] is None
    assert all(pingtan[y].previous_year == y - 1 for y in range(2020, 2026))
    assert all(
        0 <= pingtan[y].ratio_without_boilerplate <= pingtan[y].ratio + 0.05
        for y in range(2020, 2026)
    )


def test_json_of_every_audit_has_the_contract_fields(audits: list, tmp_path: Path) -> None:
    for audit in audits:
        data = json.loads(json.dumps(audit.to_json(), ensure_ascii=False))
        assert {"agency", "year", "title", "source", "findings", "rates", "duplication"} <= set(
            data
        )
        for f in data["findings"]:
            assert {"kind", "severity", "rule", "message", "cells", "expected", "found"} <= set(f)
