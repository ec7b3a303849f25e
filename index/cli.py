"""The indexer's command line: parse one report, build the index, list failed checks;
and the staff tools (`index.staff_cli`): export, list, serve.

A thin layer over `index.parse`, `index.build` and `index.store`: it turns the
library's own errors into one `Error: …` line and an exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import staff_cli
from .audit import cli as audit_cli
from .build import BATCH, IndexResult, Progress, build_paths
from .console import ProgressBar, display_width, run_command
from .errors import GongkaiError
from .parallel import available_cores
from .parse import parse_file
from .readers import DEFAULT_MAX_BYTES
from .store import Store, copy_index

DEFAULT_DB = Path("data/gongkai.db")


class UsageError(GongkaiError):
    """A bad option or argument."""


class _Parser(argparse.ArgumentParser):
    """argparse's errors as one `Error: …` line, like every other mistake."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m index",
        description="Read government information-disclosure annual reports (政府信息公开工作年度报告) "
        "into sections and table figures, and store them in SQLite.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    parse = sub.add_parser(
        "parse",
        help="read one report and print what was found (no database)",
        description="Read one report (.txt, .html, .docx, .pdf) and print its agency, year, "
        "figures, sections and identity checks. Touches no database.",
    )
    parse.add_argument("file", type=Path, help="the report file")
    parse.add_argument(
        "--json", action="store_true", help="print one JSON object (see CONTRACT.md)"
    )
    parse.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / 1048576,
        help="size limit in MB (default 20)",
    )

    build = sub.add_parser(
        "build",
        help="index report files and folders into the database",
        description="Index report files, and folders searched recursively, into the SQLite database. "
        "A file that fails is reported and leaves the database as it was; the others still go in. "
        "Exit status 1 when any file failed.",
    )
    build.add_argument(
        "paths", type=Path, nargs="+", metavar="PATH", help="report files or folders"
    )
    build.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})"
    )
    build.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / 1048576,
        help="size limit per file in MB (default 20)",
    )
    build.add_argument(
        "--jobs",
        type=_positive,
        default=available_cores(),
        metavar="N",
        help="parse in N processes, one writing (default: the cores available, here "
        f"{available_cores()}); the index is the same as with --jobs 1",
    )
    build.add_argument(
        "--batch",
        type=_positive,
        default=BATCH,
        metavar="N",
        help=f"files committed together (default {BATCH}): fewer make a slower build, and a "
        "build stopped half-way reads at most N files again when run again",
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar and no summary table")
    build.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per file as it is indexed (file, status, agency, year, figures, "
        "failed_checks, warnings, error), instead of the progress bar and summary table",
    )

    backup = sub.add_parser(
        "backup",
        help="copy the index to a file, safely while the bot runs",
        description="Copy the index into FILE through SQLite's backup API: consistent even while "
        "the bot answers questions or indexes an upload. A plain file copy of a database in use "
        "can miss what is still in its WAL file. FILE is replaced if it exists.",
    )
    backup.add_argument("out", type=Path, metavar="FILE", help="where the copy goes")
    backup.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})"
    )

    check = sub.add_parser(
        "check",
        help="list the indexed reports whose own arithmetic fails",
        description="List every indexed report whose figures break one of the template's identities "
        "(勾稽关系), with the numbers on both sides.",
    )
    check.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})"
    )

    audit_cli.add_parser(sub, DEFAULT_DB)
    staff_cli.add_parsers(sub, DEFAULT_DB)  # export, list, serve
    return p


def main(argv: list[str] | None = None) -> int:
    return run_command(lambda: _run(_parser().parse_args(argv)))


def _run(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args)


def _parse(args: argparse.Namespace) -> int:
    if not args.file.exists():
        raise UsageError(f"no such file: {args.file}")
    if args.file.is_dir():
        raise UsageError(f"{args.file} is a folder: parse reads one report (build takes folders)")
    report = parse_file(args.file, max_bytes=int(args.max_mb * 1048576))
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(
        f"{report.agency or '(agency unknown)'} {report.year or '(year unknown)'}  format {report.format}"
    )
    print(f"title: {report.title}")
    print(
        f"figures: {sum(f.value is not None for f in report.figures)} with a value, "
        f"{sum(f.value is None for f in report.figures)} without"
    )
    print("sections: " + ", ".join(f"{s.number} {s.title}" for s in report.sections))
    failed = [c for c in report.checks if c.status == "fail"]
    print(f"checks: {len(report.checks) - len(failed)} pass or not assessable, {len(failed)} fail")
    for c in failed:
        print(f"  FAIL {c.rule}: {c.detail}")
    for w in report.warnings:
        print(f"  warning: {w}")
    return 0


def _build(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    for path in missing:  # said, and the others still indexed (exit 1, as a failed file)
        print(f"Error: no such file or folder: {path}", file=sys.stderr)
    args.paths = [p for p in args.paths if p.exists()]
    if not args.paths:
        return 1
    bar = None if args.quiet or args.json else ProgressBar("indexed")
    progress: Progress | None = _json_line if args.json else None
    if bar is not None:
        progress = lambda done, total, result: bar(done, total, result.file)  # noqa: E731
    results = build_paths(
        args.paths,
        args.db,
        progress,
        max_bytes=int(args.max_mb * 1048576),
        jobs=args.jobs,
        batch=args.batch,
    )
    if bar is not None:
        bar.close()
    if not results:
        print(f"Error: no report files found in {' '.join(map(str, args.paths))}", file=sys.stderr)
        return 1
    if not args.quiet and not args.json:
        _summary(results, args.db)
    elif args.quiet:  # quiet, but a failure is still said: one line per file
        for r in results:
            if not r.ok:
                print(f"Error: {r.file}: {r.error}", file=sys.stderr)
    return 0 if all(r.ok for r in results) and not missing else 1


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}")
    return int(text)


def _json_line(done: int, total: int, result: IndexResult) -> None:
    """Each file's result as a line of JSON as soon as it is stored: what the bot's
    /reindex reads from the build it runs in a process of its own."""
    print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)


def _summary(results: list[IndexResult], db: Path) -> None:
    rows = [("file", "status", "agency", "year", "figures", "failed checks / error")]
    for r in results:
        detail = r.error if r.error else (", ".join(r.failed_checks) or "-")
        rows.append((r.file, r.status, r.agency or "-", str(r.year or "-"), str(r.figures), detail))
    widths = [max(display_width(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [row[i] + " " * (widths[i] - display_width(row[i])) for i in range(5)]
        print("  ".join(cells) + "  " + row[5])
    ok = sum(r.ok for r in results)
    print(f"\n{ok} of {len(results)} files indexed into {db}; {len(results) - ok} failed.")


def _check(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise UsageError(
            f"no database at {args.db}; run `python -m index build data/reports` first"
        )
    store = Store(args.db)
    try:
        failed = store.failed_checks()
        total = len(store.reports())
    finally:
        store.close()
    if not failed:
        print(f"All {total} reports keep their own arithmetic.")
        return 0
    current = None
    for row in failed:
        head = f"{row['agency']} {row['year']} ({row['source_file']})"
        if head != current:
            print(head)
            current = head
        print(f"  {row['rule']}: {row['detail']}")
    reports = len({(r["agency"], r["year"]) for r in failed})
    print(f"\n{reports} of {total} reports break at least one identity.")
    return 0


def _backup(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise UsageError(f"no database at {args.db}")
    if args.out.resolve() == args.db.resolve():
        raise UsageError("the backup must go to another file than the index")
    Store(args.db).close()  # refuses a file that is not an index, before anything is written
    copy_index(args.db, args.out)
    print(f"Copied {args.db} to {args.out}.")
    return 0


COMMANDS = {"parse": _parse, "build": _build, "check": _check, "backup": _backup}
COMMANDS["audit"] = audit_cli.run
COMMANDS.update(staff_cli.COMMANDS)
