"""`python -m index serve`: Datasette on the index, tested for real.

The server runs as a person starts it, on a free port, and its pages are fetched over
HTTP: the metadata, integers and labels in the views, facets, the canned queries
(a search that finds Chinese words, a ranking, an agency's figures) against the devset's
hand-read figures and the seeds' (`NONZERO`), and a write to the index while it serves.
Once in a headless Chromium, which takes a screenshot of the ranking page; with
GONGKAI_DOCS=1 that screenshot is kept as docs/datasette-ranking.png.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.model import Figure, Report, Section
from index.store import Store

from .conftest import DEVSET, ROOT
from .test_seeds import NONZERO

pytest.importorskip("datasette")

HUAIAN = (
    json.loads((DEVSET / "truth" / "huaian-shi-zf-2024.json").read_text(encoding="utf-8"))[
        "figures"
    ]
    if DEVSET.exists()
    else {}
)
needs_devset = pytest.mark.skipif(not HUAIAN, reason="no devset beside the repository")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "index", "serve", "--db", str(db), "--port", str(self.port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/-/versions.json")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"Datasette did not start: {self.process.stderr.read()}"
                    ) from None
                time.sleep(0.2)

    def get(self, path: str, **params: str) -> str:
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")

    def rows(self, path: str, **params: str) -> list[dict]:
        return json.loads(self.get(path, _shape="array", **params))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def served(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("web") / "any-name.db"  # served as `gongkai` whatever its name
    shutil.copy(built_db, db)
    server = Server(db)
    server.db = db  # type: ignore[attr-defined]
    yield server
    server.stop()


def test_pages_describe_tables_in_chinese_and_english(served: Server) -> None:
    page = served.get("/gongkai")
    assert "每份报告一行（reports_named）" in page and "One row per report" in page
    for query in ("agency_figures", "ranking", "failed_checks", "search"):
        assert f"/gongkai/{query}" in page
    for table, title in (
        ("figures_named", "表格数字（每格一行） Figures, one row per table cell"),
        ("reports_named", "已入库的报告 Indexed reports"),
        ("agencies", "机关 Agencies"),
    ):
        assert title in served.get(f"/gongkai/{table}")
    assert "报告印的机关名称 Agency as the report printed it" in served.get(
        "/gongkai/figures_named"
    )


@needs_devset
def test_figures_named_gives_counts_as_integers_and_each_cells_label(served: Server) -> None:
    rows = served.rows(
        "/gongkai/figures_named.json",
        agency_as_printed="淮安市人民政府",
        table_number="4",
        row_key="litigation_direct",
    )
    got = {r["column_key"]: (r["value"], r["label"], r["column_label"]) for r in rows}
    assert got["corrected"] == (
        HUAIAN["4.litigation_direct.corrected"],
        "行政诉讼（未经复议直接起诉）",
        "结果纠正",
    )
    assert isinstance(got["total"][0], int)
    page = served.get(
        "/gongkai/figures_named", agency_as_printed="淮安市人民政府", row_key="received"
    )
    assert ">3119<" in page and "3119.0" not in page


def test_figures_named_is_faceted_by_year_region_kind_and_table(served: Server) -> None:
    data = json.loads(served.get("/gongkai/figures_named.json"))
    facets = data["facet_results"]
    assert {"year", "province", "city", "county", "agency_kind", "table_number"} <= set(facets)
    years = {f["value"]: f["count"] for f in facets["year"]["results"]}
    assert years[2019] > 0 and years[2022] > 0 and years[2024] > 0


def test_the_search_finds_chinese_words_the_search_box_cannot(served: Server) -> None:
    con = sqlite3.connect(served.db)  # type: ignore[attr-defined]
    holding = {
        agency
        for (agency,) in con.execute(
            "select distinct a.canonical from sections s join reports r on r.id = s.report_id "
            "join agencies a on a.id = r.agency_id where s.number not in (2, 3, 4) "
            "and instr(s.text, '微信')"
        )
    }
    con.close()
    assert holding  # the bundled reports speak of 微信
    hits = served.rows("/gongkai/search.json", q="微信")
    assert {h["agency"] for h in hits} == holding
    assert all("微信" in h["passage"] for h in hits)
    both = served.rows("/gongkai/search.json", q="微信 公众号")
    assert both and all("公众号" in h["passage"] or "微信" in h["passage"] for h in both)
    assert served.rows("/gongkai/search.json", q="") == []


@needs_devset
@pytest.mark.parametrize(
    ("region", "year", "expected"),
    [
        ("江苏省", "2024", [("江苏省淮安市人民政府", HUAIAN.get("3.received.total"))]),
        ("320800", "2024", [("江苏省淮安市人民政府", HUAIAN.get("3.received.total"))]),
        # seeds: 渠县 and 西区 received nothing (every cell not in NONZERO is 0)
        ("四川省", "2024", [("四川省攀枝花市西区司法局", 0), ("四川省达州市渠县司法局", 0)]),
        ("511725", "", [("四川省达州市渠县司法局", 0)]),
        ("伊川县", "2024", [("河南省洛阳市伊川县司法局", NONZERO["yichuan"]["3.received.total"])]),
    ],
)
def test_the_ranking_query_ranks_one_figure_within_a_region(
    served: Server, region: str, year: str, expected: list[tuple[str, int]]
) -> None:
    rows = served.rows(
        "/gongkai/ranking.json", figure="3.received.total", region=region, year=year, kind=""
    )
    assert [(r["agency"], r["value"]) for r in rows] == expected
    assert rows[0]["rank"] == 1


@needs_devset
def test_the_ranking_of_all_2024_reports_puts_huaian_first(served: Server) -> None:
    rows = served.rows(
        "/gongkai/ranking.json", figure="4.review.total", region="", year="2024", kind=""
    )
    assert (rows[0]["agency"], rows[0]["value"]) == (
        "江苏省淮安市人民政府",
        HUAIAN["4.review.total"],
    )
    kinds = served.rows(
        "/gongkai/ranking.json", figure="4.review.total", region="", year="", kind="government"
    )
    assert {r["agency"] for r in kinds} == {"江苏省淮安市人民政府"}


@needs_devset
def test_an_agencys_figures_by_name_as_printed_or_canonical(served: Server) -> None:
    for name in ("淮安市人民政府", "江苏省淮安市人民政府", "淮安市"):
        rows = served.rows("/gongkai/agency_figures.json", agency=name, figure="")
        got = {r["figure"]: r["value"] for r in rows}
        assert got == HUAIAN, name
    one = served.rows(
        "/gongkai/agency_figures.json", agency="淮安市人民政府", figure="2.fees.amount"
    )
    assert [(r["year"], r["value"], r["raw"]) for r in one] == [(2024, 96171.6, "96171.6")]


def test_failed_checks_query_runs(served: Server) -> None:
    data = json.loads(served.get("/gongkai/failed_checks.json"))
    assert data["columns"] == [
        "agency",
        "agency_as_printed",
        "year",
        "rule",
        "detail",
        "cells",
        "source_file",
    ]


def test_a_write_to_the_index_is_not_blocked_while_it_is_served(served: Server) -> None:
    before = served.rows("/gongkai/reports_named.json", year="2023")
    report = Report(
        "北河县司法局",
        2023,
        "2021",
        "北河县司法局2023年政府信息公开工作年度报告",
        [Figure(3, "received", "total", 5, "5")],
        [Section(1, "总体情况", "通过微信公众号公开。")],
        [],
        [],
    )
    started = time.monotonic()
    store = Store(served.db)  # type: ignore[attr-defined]
    store.db.execute("PRAGMA busy_timeout = 2000")
    store.add(report, source_file="beihe.txt", sha256="b" * 64)
    store.close()
    assert time.monotonic() - started < 2
    after = served.rows("/gongkai/reports_named.json", year="2023")
    assert [r["agency_as_printed"] for r in after] == [
        *(r["agency_as_printed"] for r in before),
        "北河县司法局",
    ]


def test_without_datasette_the_command_says_how_to_install_it(
    built_db: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "datasette"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    p = subprocess.run(
        [sys.executable, "-m", "index", "serve", "--db", str(built_db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode != 0 and p.stdout == ""
    assert p.stderr.strip() == "Error: Datasette is not installed: pip install -e '.[web]'"


CHROMIUM = next(
    (
        shutil.which(name)
        for name in ("chromium", "chromium-browser", "google-chrome")
        if shutil.which(name)
    ),
    None,
)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (apt-get install chromium)")
def test_the_ranking_page_in_a_browser(served: Server, tmp_path: Path) -> None:
    from PIL import Image

    from bot.charts import packaged_font

    font = packaged_font()
    assert font is not None
    # Chromium finds the packaged Chinese font through fontconfig: no system font needed
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{font.parent}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>"
    )
    shot = tmp_path / "ranking.png"
    url = (
        served.base
        + "/gongkai/ranking?"
        + urllib.parse.urlencode(
            {"figure": "3.received.total", "region": "", "year": "2024", "kind": ""}
        )
    )
    subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1280,900",
            f"--screenshot={shot}",
            url,
        ],
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        capture_output=True,
        timeout=120,
        check=True,
    )
    image = Image.open(shot)
    assert image.size == (1280, 900)
    assert len(image.convert("L").getcolors(65536) or []) > 50  # a page, not a blank
    if os.environ.get("GONGKAI_DOCS"):
        small = image.convert("RGB").quantize(colors=64)
        small.save(ROOT / "docs" / "datasette-ranking.png", optimize=True)
