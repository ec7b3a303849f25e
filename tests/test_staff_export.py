"""`python -m index export` and `list`: figures for spreadsheets, and what is indexed.

Expected values are the devset's hand-read figures (`../shared/devset/truth/*.json`) and
what the bundled reports print, never what the code wrote before.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from index.cli import main
from index.model import Figure, Report
from index.store import Store
from index.xlsx import XlsxSink

from .conftest import DEVSET, ROOT

TRUTHS = sorted((DEVSET / "truth").glob("*.json")) if DEVSET.exists() else []
needs_devset = pytest.mark.skipif(not TRUTHS, reason="no devset beside the repository")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def truth_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def expected_cell(value: int | float | str | None) -> str:
    """How the truth's value reads in a CSV cell: counts without '.0', blank for none."""
    return "" if value is None else str(value)


@pytest.mark.parametrize("command", ["export", "list", "serve"])
def test_every_staff_command_explains_itself(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "index", command, "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0
    assert f"usage: python -m index {command}" in result.stdout
    assert "--db" in result.stdout and len(result.stdout.splitlines()) > 8


@needs_devset
@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_csv_export_of_an_agency_holds_every_hand_read_figure(
    truth_path: Path, built_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truth = truth_of(truth_path)
    status, out, err = cli(capsys, "export", "--db", str(built_db), "--year", str(truth["year"]))
    assert status == 0, err
    rows = [r for r in csv_rows(out) if truth["agency"].startswith(r["agency"])]
    got = {f"{r['table']}.{r['row']}.{r['column']}": r for r in rows}
    assert set(got) == set(truth["figures"])
    for key, expected in truth["figures"].items():
        cell = got[key]["raw"] if isinstance(expected, str) else got[key]["value"]
        assert cell == expected_cell(expected), key


@needs_devset
def test_xlsx_export_is_read_back_with_numbers_and_blanks(
    built_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shanghai.xlsx"
    status, stdout, err = cli(
        capsys, "export", "--db", str(built_db), "上海市人民政府办公厅", "-o", str(out)
    )
    assert status == 0 and stdout == "" and "Exported" in err
    sheet = load_workbook(out, read_only=True).worksheets[0]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[:3] == ("agency", "agency_canonical", "division_code")
    by_key = {f"{r[8]}.{r[9]}.{r[10]}": dict(zip(header, r, strict=True)) for r in rows}
    truth = truth_of(DEVSET / "truth" / "shanghai-shi-zfbgt-2019.json")
    assert set(by_key) == set(truth["figures"])
    for key, expected in truth["figures"].items():
        cell = by_key[key]
        if isinstance(expected, str):
            assert cell["raw"] == expected, key
        else:
            assert cell["value"] == expected and type(cell["value"]) is type(expected), key
    assert {r["province"] for r in by_key.values()} == {"上海市"}


@needs_devset
def test_wide_export_is_one_row_per_report_one_column_per_figure(
    built_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "wide.xlsx"
    assert cli(capsys, "export", "--db", str(built_db), "--wide", "-o", str(out))[0] == 0
    header, *rows = list(
        load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True)
    )
    assert len(rows) == 8  # five bundled reports, three of the devset
    assert header.index("2.regulations.issued") < header.index("3.received.natural_person")
    assert header.index("3.received.total") < header.index("4.review.upheld")
    huaian = dict(zip(header, next(r for r in rows if r[0] == "淮安市人民政府"), strict=True))
    for key, expected in truth_of(DEVSET / "truth" / "huaian-shi-zf-2024.json")["figures"].items():
        assert huaian[key] == expected, key
    assert "2.procurement.items" in header  # the 2019 report's table 2 has its own columns
    assert huaian["2.procurement.items"] is None


@pytest.mark.parametrize(
    ("filters", "agencies"),
    [
        # the bundled reports: 渠县 lies in 达州市, 西区 in 攀枝花市, both in 四川省
        (["--region", "四川省"], {"渠县司法局", "攀枝花市西区司法局"}),
        (["--region", "Sichuan"], {"渠县司法局", "攀枝花市西区司法局"}),
        (["--region", "达州市"], {"渠县司法局"}),
        (["--region", "511725"], {"渠县司法局"}),
        (["--region", "510000"], {"渠县司法局", "攀枝花市西区司法局"}),
        (["--region", "重庆"], {"重庆市綦江区司法局"}),
        (["--kind", "government"], {"淮安市人民政府"}),
        (
            ["--kind", "zone", "--kind", "general_office"],
            {"平潭综合实验区", "上海市人民政府办公厅"},
        ),
        (["--year", "2019"], {"上海市人民政府办公厅"}),
        (["司法局", "--region", "四川"], {"渠县司法局", "攀枝花市西区司法局"}),
        (["伊川县司法局", "渠县司法局"], {"伊川县司法局", "渠县司法局"}),
        (["江苏省淮安市人民政府"], {"淮安市人民政府"}),  # canonical name
    ],
)
def test_filters_choose_the_reports(
    filters: list[str], agencies: set[str], built_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(capsys, "export", "--db", str(built_db), "--table", "4", *filters)
    assert status == 0, err
    rows = csv_rows(out)
    assert {r["agency"] for r in rows} == agencies
    assert {r["table"] for r in rows} == {"4"}
    assert len(rows) == 15 * len(agencies)


def test_table_4_cells_carry_their_own_labels(
    built_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = cli(capsys, "export", "--db", str(built_db), "伊川县司法局", "--table", "4")
    labels = {(r["row"], r["column"]): (r["row_label"], r["column_label"]) for r in csv_rows(out)}
    assert labels[("review", "upheld")] == ("行政复议", "结果维持")
    assert labels[("litigation_after_review", "total")] == ("行政诉讼（复议后起诉）", "总计")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "没有这个局"], "no indexed agency is named '没有这个局'"),
        (["export", "--region", "火星"], "is not a province, city or county"),
        (["export", "--region", "鼓楼区"], "江苏省南京市鼓楼区 (320106)"),
        (["export", "--region", "123456"], "no division has the code 123456"),
        (["export", "--format", "xlsx"], "XLSX goes to a file"),
        (["export", "--kind", "ministry"], "invalid choice"),
        (["list", "--year", "twenty"], "invalid int value"),
        (["export", "-o", "/no/such/folder/x.csv"], "no folder /no/such/folder"),
    ],
)
def test_mistakes_get_one_error_line(
    args: list[str], words: str, built_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(capsys, *args, "--db", str(built_db))
    assert status != 0 and out == ""
    assert err.startswith("Error: ") and len(err.strip().splitlines()) == 1
    assert words in err


def test_no_index_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "list", "--db", str(tmp_path / "none.db"))
    assert status != 0 and "no index at" in err and not (tmp_path / "none.db").exists()


def test_a_long_export_tells_its_progress_and_leaves_no_partial_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "g.db"
    store = Store(db)
    for n in range(25):
        figures = [
            Figure(3, "received", "total", n, str(n)),
            Figure(3, "granted", "total", None, ""),
        ]
        report = Report(f"北河县第{n}局", 2024, "2021", "t", figures, [], [], [])
        store.add(report, source_file=f"{n}.txt", sha256=f"{n:064d}")
    store.close()
    out = tmp_path / "all.csv"
    status, stdout, err = cli(capsys, "export", "--db", str(db), "-o", str(out))
    assert status == 0 and stdout == ""
    assert "exported 10/25" in err and "exported 25/25" in err
    assert "Exported 50 figures of 25 reports, 25 with a value" in err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # for Excel
    rows = csv_rows(raw.decode("utf-8-sig"))
    assert {r["value"] for r in rows if r["row"] == "granted"} == {""}  # blank, never 0
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_an_xlsx_sheet_that_fills_up_goes_on_in_another(tmp_path: Path) -> None:
    sink = XlsxSink(tmp_path / "x.xlsx", max_rows=3)
    sink.write(["a", "b"])
    for n in range(5):
        sink.write([f"x\x01{n}", n])  # a control character no worksheet may hold
    sink.close()
    book = load_workbook(tmp_path / "x.xlsx", read_only=True)
    assert book.sheetnames == ["figures", "figures 2", "figures 3"]
    sheets = [list(s.iter_rows(values_only=True)) for s in book.worksheets]
    assert [s[0] for s in sheets] == [("a", "b")] * 3
    assert [r for s in sheets for r in s[1:]] == [(f"x{n}", n) for n in range(5)]


def test_list_shows_each_agency_and_year(
    built_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = cli(capsys, "list", "--db", str(built_db))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["agency", "year"]
    huaian = next(line for line in lines if line.startswith("江苏省淮安市人民政府"))
    assert huaian.split()[:4] == ["江苏省淮安市人民政府", "2024", "淮安市人民政府", "government"]
    assert lines[-1] == "8 reports of 8 agencies, 2019–2024."


def test_list_json_and_filters(built_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "list", "--db", str(built_db), "--region", "福建", "--json")
    assert status == 0
    [pingtan] = [json.loads(line) for line in out.splitlines()]
    assert (pingtan["agency"], pingtan["year"], pingtan["kind"], pingtan["code"]) == (
        "平潭综合实验区",
        2022,
        "zone",
        "350128",
    )
    _, out, _ = cli(capsys, "list", "--db", str(built_db), "--year", "2023")
    assert out.strip() == "No indexed report matches."
