"""The staff tools of `python -m index`: `export`, `list` and `serve`.

For people who compare agencies in spreadsheets and browsers, where Telegram may not
be reachable. Kept apart from `index.cli` as one block: `add_parsers` adds the three
commands to its command line and `COMMANDS` their functions. The work is done by
`index.selection`, `index.export`, `index.xlsx` and `index.web`; this module reads the
options and says what happened.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import textwrap
from contextlib import closing
from dataclasses import asdict
from pathlib import Path

from .console import ProgressBar, print_table
from .errors import GongkaiError
from .export import CsvSink, Exported, Progress, export
from .offices import KINDS
from .selection import Selection, reports, select
from .store import read_only, upgrade


class UsageError(GongkaiError):
    """A bad option or argument."""


FILTERS_HELP = """
filters (all optional, combined with and):
  --region R   a province, city or county: its name (江苏省, 淮安市, 洪泽区, Huai'an) or its
               six-digit division code (320800); agencies whose identity lies inside it
  --year Y     a year the reports cover (repeat for several)
  --kind K     government, general_office, department, town_street, zone or other
"""


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port (0 to 65535): {text!r}")
    return int(text)


def add_parsers(sub: argparse._SubParsersAction, default_db: Path) -> None:
    """The export, list and serve commands, on the indexer's command line."""
    db_help = f"index database (default {default_db})"
    raw = argparse.RawDescriptionHelpFormatter

    exp = sub.add_parser(
        "export",
        help="figures as CSV or XLSX, for spreadsheets",
        formatter_class=raw,
        description=_paragraphs(
            "Write the figures of the agencies named, of a region, or of every report, one "
            "row per figure: the agency as printed and as identified, its region, year, "
            "table, the row and column as keys and as labels, the value and the text as "
            "printed. --wide writes one row per report and one column per figure key "
            "(3.received.total, as in TEMPLATE.md). Counts are integers; a cell the report "
            "left without a number is empty, never 0.",
            "CSV goes to standard output unless -o FILE is given (a file is written with a "
            "byte-order mark, so that Excel reads the Chinese); XLSX needs -o FILE.xlsx and "
            "is about ten times slower to write: CSV for a whole national index.",
        )
        + FILTERS_HELP
        + "  --table T    table 2, 3 or 4 (repeat for several)\n\n"
        "examples:\n"
        "  python -m index export 淮安市人民政府 -o huaian.xlsx\n"
        "  python -m index export --region 四川省 --kind department --year 2024 > sichuan.csv\n"
        "  python -m index export --wide --table 3 -o applications.xlsx",
    )
    exp.add_argument(
        "agencies",
        nargs="*",
        metavar="AGENCY",
        help="agencies by name (as printed in any year, or canonical); a part of a name "
        "takes every agency whose name holds it (司法局)",
    )
    _filters(exp)
    exp.add_argument(
        "--table", type=int, choices=(2, 3, 4), action="append", default=[], metavar="T"
    )
    exp.add_argument("--wide", action="store_true", help="one row per report")
    exp.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write")
    exp.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        help="csv or xlsx (default: told by FILE's suffix, else csv)",
    )
    exp.add_argument("--quiet", action="store_true", help="no progress and no summary")
    exp.add_argument("--db", type=Path, default=default_db, help=db_help)

    lst = sub.add_parser(
        "list",
        help="what is indexed, per agency and year",
        formatter_class=raw,
        description=_paragraphs(
            "List the indexed reports, one line per agency and year: the agency's canonical "
            "name, the year, the name the report printed, its kind and division code, how "
            "many figures were read and how many of its identities fail."
        )
        + FILTERS_HELP,
    )
    _filters(lst)
    lst.add_argument("--json", action="store_true", help="one JSON object per report, per line")
    lst.add_argument("--db", type=Path, default=default_db, help=db_help)

    srv = sub.add_parser(
        "serve",
        help="browse the index in Datasette (a web page)",
        description="Serve the index with Datasette: tables and views described in Chinese "
        "and English, facets by year, region, kind and table, canned queries (an agency's "
        "figures by year, a ranking within a region, failed identities, full-text search "
        "that finds Chinese words). The index is opened read-only: a running bot and builds "
        "go on writing. Needs the web extra: pip install -e '.[web]'.",
    )
    srv.add_argument("--db", type=Path, default=default_db, help=db_help)
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    srv.add_argument("--port", type=_port, default=8001, help="port (default 8001; 0 picks one)")


def _paragraphs(*texts: str) -> str:
    """Paragraphs wrapped for a terminal (the help keeps the filters' table as written)."""
    return "\n\n".join(textwrap.fill(t, 80) for t in texts) + "\n"


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", metavar="R", help="a province, city or county (name or code)")
    p.add_argument("--year", type=int, action="append", default=[], metavar="Y")
    p.add_argument("--kind", choices=KINDS, action="append", default=[], metavar="K")


def _index(db: Path) -> Path:
    if not db.is_file():
        raise UsageError(
            f"no index at {db}: build it with `python -m index build PATH... --db {db}`"
        )
    upgrade(db)
    return db


def _selection(db: Path, args: argparse.Namespace, names: list[str]) -> Selection:
    with closing(read_only(db)) as conn:
        return select(conn, names, args.region, args.year, args.kind, getattr(args, "table", []))


def run_export(args: argparse.Namespace) -> int:
    fmt = args.format or (
        "xlsx" if args.output and args.output.suffix.lower() == ".xlsx" else "csv"
    )
    if fmt == "xlsx" and not args.output:
        raise UsageError("XLSX goes to a file: give -o FILE.xlsx")
    if args.output and not args.output.parent.is_dir():
        raise UsageError(f"no folder {args.output.parent} for {args.output.name}")
    if args.output and args.output.is_dir():
        raise UsageError(
            f"{args.output} is a folder: give the file to write, such as {args.output}/figures.csv"
        )
    selection = _selection(_index(args.db), args, args.agencies)
    progress = None if args.quiet or not args.output else ProgressBar("exported")
    with closing(read_only(args.db)) as conn:
        if args.output is None:
            done = export(conn, selection, CsvSink(sys.stdout), wide=args.wide)
        else:
            done = _to_file(conn, selection, args.output, fmt, args.wide, progress)
    if progress:
        progress.close()
    if not args.quiet:
        print(_summary(done, args), file=sys.stderr)
    return 0


def _to_file(
    conn: sqlite3.Connection,
    selection: Selection,
    path: Path,
    fmt: str,
    wide: bool,
    progress: Progress | None,
) -> Exported:
    """Written beside `path` and renamed onto it when whole: a stopped export leaves no
    half file that looks like a whole one."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        if fmt == "xlsx":
            from .xlsx import XlsxSink

            sink = XlsxSink(partial)
            done = export(conn, selection, sink, wide=wide, progress=progress)
            sink.close()
        else:
            # a byte-order mark: what makes Excel read the file as UTF-8
            with open(partial, "w", encoding="utf-8-sig", newline="") as out:
                done = export(conn, selection, CsvSink(out), wide=wide, progress=progress)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return done


def _summary(done: Exported, args: argparse.Namespace) -> str:
    where = f" to {args.output}" if args.output else ""
    if not done.reports:
        return f"No report matches{where}: only the header was written."
    shape = "rows, one per report" if args.wide else "figures"
    return (
        f"Exported {done.rows} {shape} of {_count(done.reports, 'report')}, "
        f"{done.values} with a value{where}."
    )


def run_list(args: argparse.Namespace) -> int:
    selection = _selection(_index(args.db), args, [])
    with closing(read_only(args.db)) as conn:
        found = reports(conn, selection)
    if args.json:
        for r in found:
            print(json.dumps(asdict(r), ensure_ascii=False))
        return 0
    if not found:
        print("No indexed report matches.")
        return 0
    rows = [("agency", "year", "printed as", "kind", "code", "figures", "failed checks")]
    rows += [
        (
            r.canonical,
            str(r.year),
            r.agency,
            r.kind or "-",
            r.code or "-",
            str(r.figures),
            str(r.failed_checks),
        )
        for r in found
    ]
    print_table(rows)
    years = sorted({r.year for r in found})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    agencies = len({r.agency_id for r in found})
    print(f"\n{_count(len(found), 'report')} of {_count(agencies, 'agency')}, {span}.")
    return 0


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def run_serve(args: argparse.Namespace) -> int:
    from .web.serve import serve

    serve(_index(args.db), host=args.host, port=args.port)
    return 0


COMMANDS = {"export": run_export, "list": run_list, "serve": run_serve}
