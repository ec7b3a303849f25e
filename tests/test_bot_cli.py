"""`python -m bot ask|chat|run`: the CONTRACT.md interface, help texts, and clean errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

from .answer_support import CONTRACT_KEYS

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_ask_json_one_line_per_question_in_order(built_db: Path) -> None:
    p = run(
        "ask",
        "--db",
        str(built_db),
        "--json",
        "伊川县司法局收到多少政府信息公开申请？",
        "哪个司法局收到的申请最多",
    )
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert list(first)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert first["question"] == "伊川县司法局收到多少政府信息公开申请？"
    assert (first["status"], first["intent"], first["agency"], first["year"], first["value"]) == (
        "answered",
        "figure",
        "伊川县司法局",
        2024,
        2,
    )
    assert (
        first["figures"][0] | {"table": 3, "row": "received", "column": "total", "value": 2}
        == first["figures"][0]
    )
    assert (second["intent"], second["agency"], second["value"]) == ("ranking", "伊川县司法局", 2)


def test_ask_prints_the_text_and_candidate_questions(
    built_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--db", str(built_db), "宜川县司法局收到多少申请"]) == 0
    out = capsys.readouterr().out
    assert "宜川县司法局" in out and "→ 伊川县司法局收到多少申请" in out


def test_ask_every_status_exits_zero(built_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "ask",
                "--db",
                str(built_db),
                "--json",
                "",
                "伊川",
                "宜川县司法局",
                "2023年哪个机关收到申请最多",
            ]
        )
        == 0
    )
    statuses = [json.loads(line)["status"] for line in capsys.readouterr().out.splitlines()]
    assert statuses == ["unsupported", "answered", "not_found", "not_found"]


def test_ask_today_sets_relative_years(built_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for today in ("2024-07-01", "2025-07-01"):
        main(
            [
                "ask",
                "--db",
                str(built_db),
                "--json",
                "--today",
                today,
                "伊川县司法局今年收到多少申请",
            ]
        )
    this_year, next_year = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (this_year["status"], this_year["value"]) == ("answered", 2)
    assert (next_year["status"], next_year["year"]) == ("not_found", 2025)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "--db", "/nonexistent/gongkai.db", "问题"], "no index at /nonexistent/gongkai.db"),
        (["ask", "--today", "yesterday", "问题"], "--today must be a date"),
        (["ask"], "the following arguments are required"),
        (["frobnicate"], "invalid choice"),
        ([], "the following arguments are required"),
        (["ask", "--no-such-option", "问题"], "unrecognized arguments"),
    ],
)
def test_user_errors_are_one_line_on_stderr(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1


def test_not_an_index_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "not.db"
    bad.write_text("hello")
    assert main(["ask", "--db", str(bad), "问题"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "not a gongkai index" in err and err.count("\n") == 1


@pytest.mark.parametrize("args", [[], ["ask"], ["chat"], ["run"]])
def test_every_command_has_help(args: list[str]) -> None:
    p = run(*args, "--help")
    assert p.returncode == 0 and p.stdout.startswith("usage: python -m bot") and p.stderr == ""


def test_chat_answers_each_line_until_quit(built_db: Path) -> None:
    p = run(
        "chat",
        "--db",
        str(built_db),
        stdin="伊川县司法局收到多少申请\n\nhelp\nquit\n伊川县司法局\n",
    )
    assert p.returncode == 0, p.stderr
    assert "伊川县司法局 2024 年本年新收政府信息公开申请数量（总计）" in p.stdout
    assert "I answer questions" in p.stdout
    assert "主要数字" not in p.stdout  # asked after quit


def test_chat_ends_at_end_of_input(built_db: Path) -> None:
    p = run("chat", "--db", str(built_db), stdin="淮安市政府收到多少申请")
    assert p.returncode == 0 and "3119 件" in p.stdout


def test_default_index_is_built_from_the_reports_beside_it_on_first_use(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data" / "reports", tmp_path / "data" / "reports")
    p = run("ask", "--json", "伊川县司法局收到多少申请", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["value"] == 2
    assert (tmp_path / "data" / "gongkai.db").exists()
    assert "Building the index data/gongkai.db from data/reports" in p.stderr
    assert "Using the index data/gongkai.db (5 reports)" in p.stderr
    assert not list((tmp_path / "data").glob("gongkai.db.new*"))
    again = run("ask", "--json", "渠县司法局收到多少申请", cwd=tmp_path)
    assert json.loads(again.stdout)["value"] == 0 and "Building" not in again.stderr


def test_no_index_is_built_where_there_are_no_reports(tmp_path: Path) -> None:
    p = run("ask", "伊川县司法局收到多少申请", cwd=tmp_path)
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.startswith("Error: no index at data/gongkai.db and no data/reports folder")
    assert p.stderr.count("\n") == 1
    assert not (tmp_path / "data").exists()


def test_run_with_a_missing_config_is_one_line(tmp_path: Path) -> None:
    p = run("run", "--config", str(tmp_path / "missing.toml"))
    assert p.returncode != 0 and p.stdout == ""
    assert p.stderr.startswith("Error: ") and p.stderr.count("\n") == 1


def test_answers_into_a_closed_pipe_are_no_traceback(built_db: Path) -> None:
    ask = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--db", str(built_db), *["伊川县司法局报告"] * 20],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert ask.stdout is not None and ask.stderr is not None
    assert ask.stdout.read(10)
    ask.stdout.close()  # what `| head -1` does
    assert ask.wait(60) == 0
    assert b"Traceback" not in ask.stderr.read()


def test_ask_conversation_follows_up_and_explain_shows_the_reading(built_db: Path) -> None:
    p = run(
        "ask", "--db", str(built_db), "--today", "2025-06-01", "--json", "--conversation",
        "伊川县司法局收到多少申请", "渠县司法局呢", "那行政复议呢", "2023年呢",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    got = [json.loads(line) for line in p.stdout.splitlines()]
    # 伊川 2 applications; 渠县 0; 渠县 行政复议 0; 渠县 has no 2023 report (read from the seeds)
    assert [(a["status"], a["value"], a["agency"]) for a in got] == [
        ("answered", 2, "伊川县司法局"),
        ("answered", 0, "渠县司法局"),
        ("answered", 0, "渠县司法局"),
        ("not_found", None, "渠县司法局"),
    ]
    alone = run("ask", "--db", str(built_db), "--json", "渠县司法局呢")
    assert json.loads(alone.stdout)["value"] is None  # without --conversation: no context
    explained = run("ask", "--db", str(built_db), "--explain", "淮安市人民政府的天气怎么样")
    assert "agency:    淮安市人民政府" in explained.stdout
    assert "not understood: 天气" in explained.stdout
