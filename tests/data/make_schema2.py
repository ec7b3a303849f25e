"""Make `schema2-index.sql`: an index as gongkai wrote it before agency identities (schema 2).

Tests build a database from the dump and open it with today's `Store`, which must
migrate it and lose nothing. The dump was made with the store of `main` at the time
(commit 2871b2f), which only the old code can run:

    mkdir /tmp/old && git archive 2871b2f index | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old .venv/bin/python tests/data/make_schema2.py tests/data/schema2-index.sql

The names are the cases migration must get right: one agency under three names and
two years (洪泽县 2015, 洪泽区 2023, 淮安市洪泽区 2024), a shared place name beside the
same place with its city (鼓楼区, 福州市鼓楼区), a zone with and without its committee,
two names of one agency for the same year (沭阳县 and its OCR slip 沐阳县), and a place
that is no division (东海市). Each report's only figure is a number of its own, so a
test can tell where every report went.

The full-text index is left out of the dump: SQLite cannot restore an FTS5 table from
`iterdump`'s text, and `Store` makes the full-text index again from the sections when
it finds it missing, as it does after a stopped build.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from index.model import Check, Figure, Report, Section
from index.store import SCHEMA_VERSION, Store

NAMES = [
    ("洪泽县人民政府", 2015, 3),
    ("洪泽区人民政府", 2023, 5),
    ("淮安市洪泽区人民政府", 2024, 8),
    ("鼓楼区人民政府", 2024, 13),
    ("福州市鼓楼区人民政府", 2024, 21),
    ("平潭综合实验区", 2022, 34),
    ("平潭综合实验区管委会", 2023, 55),
    ("沭阳县人民政府", 2024, 89),
    ("沐阳县人民政府", 2024, 144),
    ("东海市西区司法局", 2024, 233),
]


def main(out: Path) -> None:
    if SCHEMA_VERSION != 2:
        raise SystemExit("run this with the code of a schema-2 gongkai (see the docstring)")
    db = Path(tempfile.mkdtemp()) / "schema2.db"
    store = Store(db)
    for i, (agency, year, received) in enumerate(NAMES):
        report = Report(
            agency=agency,
            year=year,
            format="2021",
            title=f"{agency}{year}年政府信息公开工作年度报告",
            figures=[Figure(3, "received", "total", received, str(received), label="一、本年新收")],
            sections=[Section(1, "总体情况", f"{agency}认真贯彻落实条例。")],
            checks=[Check("t3.balance.total", "not_assessable", "", ["3.received.total"])],
            warnings=[],
        )
        store.add(report, source_file=f"r{i}.txt", sha256=f"{i:064d}")
    store.close()
    con = sqlite3.connect(db)
    con.execute("drop table sections_fts")  # its triggers go with it
    lines = [line for line in con.iterdump() if "writable_schema" not in line]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    con.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
