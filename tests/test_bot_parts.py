"""The bot's plain parts: config, text splitting, keyboards, charts, index lookups, cards."""

from __future__ import annotations

import asyncio
import csv
import io
import zipfile
from pathlib import Path

import pytest
from aiogram.types import User

from bot import charts
from bot.telegram import keyboards, library
from bot.telegram.config import ConfigError, load_config
from bot.telegram.exports import Exports, ExportTooLarge, ExportTooSoon
from bot.telegram.handlers.admin import safe_name
from bot.telegram.handlers.commands import split_year
from bot.telegram.text import MESSAGE_LIMIT, language, number, split_html, t, utf16_len
from index.build import build_paths
from index.export import write_csv
from index.parse import parse_file
from index.store import Store
from tests.conftest import SEEDS

EXAMPLE = Path(__file__).resolve().parents[1] / "config.example.toml"


# config


def test_example_config_loads_with_token_from_environment() -> None:
    config = load_config(EXAMPLE, env={"BOT_TOKEN": "1:from-env"})
    assert config.telegram.token.get_secret_value() == "1:from-env"
    assert config.index.db == Path("data/gongkai.db")
    assert not config.webhook.enabled
    assert "from-env" not in repr(config)


def test_contract_config(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_text(
        '[telegram]\ntoken = "123:ABC"\napi_base = "http://127.0.0.1:8081"\n'
        "[admin]\nuser_ids = [7, 8]\n"
        '[index]\ndb = "x.db"\nreports_dir = "r"\n',
        encoding="utf-8",
    )
    config = load_config(file, env={})
    assert config.telegram.token.get_secret_value() == "123:ABC"
    assert config.telegram.api_base == "http://127.0.0.1:8081"
    assert config.admin.user_ids == [7, 8]
    assert config.index.reports_dir == Path("r")
    assert config.max_upload_bytes == 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[telegram]\n", "no bot token"),
        ('[telegram]\ntoken = "1:x"\n[admin]\nuser_ids = "me"\n', "admin.user_ids"),
        ('[telegram]\ntoken = "1:x"\ntokn = 2\n', "telegram.tokn"),
        ("[telegram\n", "not valid TOML"),
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    file = tmp_path / "config.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(file, env={})


def test_named_config_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no config file"):
        load_config(tmp_path / "nope.toml", env={"BOT_TOKEN": "1:x"})


def test_webhook_path_comes_from_url(tmp_path: Path) -> None:
    file = tmp_path / "c.toml"
    file.write_text('[webhook]\nurl = "https://example.org/hooks/gongkai"\n', encoding="utf-8")
    config = load_config(file, env={"BOT_TOKEN": "1:x"})
    assert config.webhook.enabled and config.webhook.listen_path == "/hooks/gongkai"
    assert len(config.webhook_secret()) >= 32


# text


def test_split_keeps_short_text_whole() -> None:
    assert split_html("一\n二") == ["一\n二"]


def test_split_cuts_at_line_breaks_within_the_limit() -> None:
    lines = [f"第{n}行 " + "政" * 50 for n in range(200)]
    parts = split_html("\n".join(lines))
    assert len(parts) > 1
    assert all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)
    assert "\n".join(parts).split("\n") == lines


def test_split_never_cuts_an_entity() -> None:
    line = "a" * 4094 + "&amp;" + "b" * 10
    parts = split_html(line)
    assert parts[0] == "a" * 4094 and parts[1].startswith("&amp;")


def test_split_counts_utf16_units() -> None:
    parts = split_html("😀" * 3000)
    assert [utf16_len(p) for p in parts] == [4096, 1904]


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("伊川县司法局", "en", "zh"),
        ("how many", "zh-hans", "zh"),
        ("how many", None, "en"),
        (None, "en", "en"),
        (None, None, "zh"),
        ("2024", None, "zh"),
    ],
)
def test_language(text: str | None, code: str | None, expected: str) -> None:
    user = User(id=1, is_bot=False, first_name="u", language_code=code)
    assert language(text, user) == expected


def test_catalogue_escapes_values() -> None:
    assert (
        t("no_agency", "en", name="<b>&")
        == "No agency “&lt;b&gt;&amp;” found. /agencies lists them all."
    )


@pytest.mark.parametrize(("value", "shown"), [(None, "—"), (0.0, "0"), (12.0, "12"), (3.5, "3.5")])
def test_number(value: float | None, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("伊川县司法局 2024", ("伊川县司法局", 2024)),
        ("伊川县司法局2023年", ("伊川县司法局", 2023)),
        ("伊川", ("伊川", None)),
    ],
)
def test_split_year(args: str, expected: tuple[str, int | None]) -> None:
    assert split_year(args) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("报告.pdf", "报告.pdf"),
        ("../../etc/passwd", "passwd"),
        ('a:b*?"c.txt', "a_b_c.txt"),
        ("", "f.pdf"),
        ("..", "f.pdf"),
    ],
)
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name, "f.pdf") == expected


# keyboards


def test_callback_data_is_short_and_carries_no_names() -> None:
    big = 2**31
    long_name = "很长的机关名称" * 10
    markups = [
        keyboards.candidates(big, [{"id": big, "label": long_name, "question": long_name}]),
        keyboards.examples([long_name] * 3, "zh"),
        keyboards.agencies([{"id": big, "name": long_name}], 5, 9),
        keyboards.agency_choice([{"id": big, "name": long_name}], 2024),
        keyboards.export_choice([{"id": big, "name": long_name}]),
    ]
    for markup in markups:
        for row in markup.inline_keyboard:
            for button in row:
                data = button.callback_data or ""
                assert len(data.encode()) <= 64
                assert data.isascii()
                assert len(button.text) <= keyboards.BUTTON_TEXT_MAX


# charts


def test_chart_is_a_png() -> None:
    png = charts.bar_chart(["伊川县司法局", "渠县司法局"], [3, 1], "行政复议")
    assert png.startswith(b"\x89PNG")


def test_chart_without_a_chinese_font_numbers_the_bars(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    png = charts.bar_chart(["伊川县司法局", "2024"], [3, 1], "行政复议")
    assert png.startswith(b"\x89PNG")


# index lookups


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("伊川县司法局", ["伊川县司法局"]),
        ("伊川", ["伊川县司法局"]),
        ("伊川县司法局的报告", ["伊川县司法局"]),
        ("伊州县司法局", ["伊川县司法局"]),
        ("国务院办公厅", []),
    ],
)
def test_find_agencies(built_db: Path, name: str, expected: list[str]) -> None:
    assert [a["name"] for a in library.find_agencies(built_db, name)][:1] == expected


def test_several_agencies_fit_a_partial_name(built_db: Path) -> None:
    names = [a["name"] for a in library.find_agencies(built_db, "司法局")]
    assert len(names) == 5 and "伊川县司法局" in names


def csv_of(db: Path, agency_id: int | None = None) -> tuple[str, int]:
    out = io.StringIO()
    count = write_csv(db, out, agency_id)
    return out.getvalue(), count


def test_export_csv(built_db: Path) -> None:
    data, count = csv_of(built_db)
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == count > 1000
    assert {"伊川县司法局", "淮安市人民政府"} <= {r["agency"] for r in rows}
    received = next(
        r
        for r in rows
        if r["agency"] == "伊川县司法局" and r["row"] == "received" and r["column"] == "total"
    )
    assert received["value"] == "2" and received["table"] == "3"
    assert "None" not in data


def test_export_one_agency(built_db: Path) -> None:
    agency = library.find_agencies(built_db, "伊川县司法局")[0]
    data, count = csv_of(built_db, agency["id"])
    rows = list(csv.DictReader(io.StringIO(data)))
    assert count == len(rows) > 0 and {r["agency"] for r in rows} == {"伊川县司法局"}


def test_search(built_db: Path) -> None:
    hits = library.search(built_db, "行政复议")
    assert hits and all("行政复议" in h.snippet for h in hits)
    assert library.search(built_db, "   ") == []


def test_agencies_page_and_stats(built_db: Path) -> None:
    rows, total = library.agencies_page(built_db, 1, size=3)
    assert total == 8 and len(rows) == 3 and all(r["years"] for r in rows)
    rows, _ = library.agencies_page(built_db, 3, size=3)
    assert len(rows) == 2
    stats = library.stats(built_db)
    assert stats["reports"] == 8 and stats["agencies"] == 8 and stats["years"][2024] == 6


def test_no_index_says_so(tmp_path: Path) -> None:
    with pytest.raises(library.NoIndex, match="index is empty"):
        library.stats(tmp_path / "missing.db")
    assert library.example_report(tmp_path / "missing.db") is None


async def test_an_export_of_everything_is_made_once_and_shared(db_copy: Path) -> None:
    exports = Exports(db_copy, pause=600)
    try:
        made = await asyncio.gather(*(exports.whole(user) for user in range(20)))
        assert len({e.path for e in made}) == 1 and made[0].figures > 1000
        assert made[0].path.read_bytes().startswith("\ufeff".encode())
        with pytest.raises(ExportTooSoon):
            await exports.whole(3)
        assert (await exports.whole(3, unlimited=True)).path == made[0].path
        build_paths([SEEDS["yichuan"]], db_copy)  # unchanged file: the same version
        assert (await exports.whole(104)).path == made[0].path
        store = Store(db_copy)
        store.add(parse_file(SEEDS["yichuan"]), source_file="y.txt", sha256="new")
        store.close()
        newer = await exports.whole(105)
        assert newer.path != made[0].path and not made[0].path.exists()
    finally:
        exports.close()
    assert not exports.folder.exists()


async def test_an_export_over_the_send_limit_is_zipped_or_refused(db_copy: Path) -> None:
    exports = Exports(db_copy, send_limit=100_000)
    try:
        zipped = await exports.whole(1)
        assert zipped.filename == "gongkai-all.zip" and zipped.path.stat().st_size <= 100_000
        with zipfile.ZipFile(zipped.path) as z:
            assert z.namelist() == ["gongkai-all.csv"]
    finally:
        exports.close()
    exports = Exports(db_copy, send_limit=1000)
    try:
        with pytest.raises(ExportTooLarge):
            await exports.whole(2)
        assert not list(exports.folder.iterdir())
    finally:
        exports.close()
