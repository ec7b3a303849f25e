"""`python -m index`: the CONTRACT.md interfaces, help texts and one-line errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "index", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize("command", [[], ["parse"], ["build"], ["check"], ["backup"]])
def test_every_command_explains_itself(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "usage: python -m index" in result.stdout
    assert len(result.stdout.splitlines()) > 4


def test_parse_json_follows_the_contract() -> None:
    result = run("parse", str(SEEDS["yichuan"]), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"agency", "year", "format", "figures", "sections", "checks", "warnings"} <= set(data)
    assert (data["agency"], data["year"], data["format"]) == ("伊川县司法局", 2024, "2021")
    fees = [
        f for f in data["figures"] if (f["table"], f["row"], f["column"]) == (2, "fees", "amount")
    ]
    assert fees == [fees[0]] and fees[0]["value"] == 45.0553 and fees[0]["raw"] == "45.0553"
    assert {"table", "row", "column", "value", "raw", "note"} <= set(data["figures"][0])
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]
    assert {c["status"] for c in data["checks"]} == {"pass"}
    balance = next(c for c in data["checks"] if c["rule"] == "t3.balance.total")
    assert balance["detail"] == "2 + 0 = 2 + 0"


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 40, "binary"),
    "news.txt": (
        "市司法局召开年度工作会议。\n会议强调，要做好政务公开工作。\n".encode(),
        "no table 三",
    ),
    "latin1.txt": ("caf\xe9 ".encode("latin-1") * 200, "encoding"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_one_clear_line_and_nothing_on_stdout(name: str, tmp_path: Path) -> None:
    content, words = BAD_INPUTS[name]
    result = run("parse", str(write(tmp_path, name, content)), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_report_cut_off_before_its_tables_is_not_a_report(tmp_path: Path) -> None:
    text = SEEDS["qu"].read_text(encoding="utf-8")
    path = write(tmp_path, "cut.txt", text[: text.index("二、主动公开政府信息情况")].encode())
    result = run("parse", str(path), "--json")
    assert result.returncode != 0 and "no table 三" in result.stderr


def test_report_cut_off_before_table_four_is_indexed_with_a_warning(tmp_path: Path) -> None:
    text = SEEDS["qu"].read_text(encoding="utf-8")
    path = write(tmp_path, "cut.txt", text[: text.index("四、政府信息公开行政复议")].encode())
    result = run("parse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "table 4 missing: figures of tables 2 and 3 indexed" in data["warnings"]
    assert not [f for f in data["figures"] if f["table"] == 4]
    assert len([f for f in data["figures"] if f["table"] == 3]) == 175


def test_build_indexes_a_folder_and_says_what_happened(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = run("build", str(ROOT / "data" / "reports"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "5 of 5 files indexed" in result.stdout
    assert "伊川县司法局" in result.stdout


def test_build_exits_1_when_a_file_fails_but_indexes_the_others(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    bad = write(tmp_path, "broken.pdf", b"%PDF-1.7\n garbage")
    result = run("build", str(bad), str(SEEDS["qu"]), "--db", str(db))
    assert result.returncode == 1
    assert "1 of 2 files indexed" in result.stdout
    assert "broken.pdf" in result.stdout


def test_build_of_a_missing_path_is_one_line(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope"), "--db", str(tmp_path / "g.db"))
    assert result.returncode == 1  # CONTRACT.md: 1 when any failed
    assert result.stderr.startswith("Error: no such file or folder")


def test_a_missing_path_beside_others_fails_alone(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = run("build", str(SEEDS["qu"]), str(tmp_path / "nope"), "--db", str(db))
    assert result.returncode == 1
    assert "Error: no such file or folder" in result.stderr
    assert "1 of 1 files indexed" in result.stdout  # the others are still indexed


def test_check_lists_reports_that_break_their_arithmetic(tmp_path: Path) -> None:
    text = (
        SEEDS["qu"]
        .read_text(encoding="utf-8")
        .replace("（七）总计 0 0 0 0 0 0 0", "（七）总计 0 0 0 0 0 0 9")
    )
    broken = write(tmp_path, "qu.txt", text.encode())
    db = tmp_path / "g.db"
    assert run("build", str(broken), str(SEEDS["yichuan"]), "--db", str(db)).returncode == 0
    result = run("check", "--db", str(db))
    assert result.returncode == 0
    assert "渠县司法局 2024" in result.stdout
    assert "t3.row_total.results_total" in result.stdout
    assert "伊川县司法局" not in result.stdout
    assert "1 of 2 reports" in result.stdout


def test_a_folder_given_to_parse_is_one_line() -> None:
    result = run("parse", "data/reports")
    assert result.returncode == 2 and result.stdout == ""
    assert (
        result.stderr
        == "Error: data/reports is a folder: parse reads one report (build takes folders)\n"
    )


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_db_that_is_not_an_index_is_one_line(command: str, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes", encoding="utf-8")
    args = [str(SEEDS["qu"])] if command == "build" else []
    result = run(command, *args, "--db", str(notes))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "is not a gongkai index" in result.stderr
    assert notes.read_text(encoding="utf-8") == "these are my notes"


def test_a_db_in_a_missing_folder_is_one_line_and_makes_no_folder(tmp_path: Path) -> None:
    result = run("build", str(SEEDS["qu"]), "--db", str(tmp_path / "nowhere" / "g.db"))
    assert result.returncode == 2 and result.stderr.startswith("Error: no folder")
    assert not (tmp_path / "nowhere").exists()


def test_an_unknown_option_is_one_line() -> None:
    result = run("build", "--bogus")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ") and "--help" in result.stderr


def test_output_into_a_closed_pipe_is_no_traceback() -> None:
    parse = subprocess.Popen(
        [sys.executable, "-m", "index", "parse", str(SEEDS["yichuan"]), "--json"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert parse.stdout is not None and parse.stderr is not None
    assert parse.stdout.read(10)
    parse.stdout.close()  # what `| head -c 10` does
    assert parse.wait(60) == 0
    assert b"Traceback" not in parse.stderr.read()


def test_backup_copies_a_live_index(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    assert run("build", str(SEEDS["qu"]), str(SEEDS["yichuan"]), "--db", str(db)).returncode == 0
    reader = sqlite3.connect(db)
    reader.execute("begin")
    assert reader.execute("select count(*) from reports").fetchone()[0] == 2  # held open
    result = run("backup", str(tmp_path / "copy.db"), "--db", str(db))
    reader.close()
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert copy.execute("select count(*) from reports").fetchone()[0] == 2
    same = run("backup", str(db), "--db", str(db))
    assert same.returncode == 2 and "another file" in same.stderr


def test_a_quiet_build_still_says_which_files_failed(tmp_path: Path) -> None:
    bad = write(tmp_path, "notes.txt", b"hello")
    result = run("build", str(bad), str(SEEDS["qu"]), "--db", str(tmp_path / "g.db"), "--quiet")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "Error: notes.txt: not an annual report: no table 三 found"
