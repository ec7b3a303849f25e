"""`python -m index audit`: the audit on the command line, as one self-contained block of
`index.cli` (`add_parser` and `run`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..build import REPORT_SUFFIXES, find_files
from ..errors import GongkaiError
from ..readers import DEFAULT_MAX_BYTES
from . import render
from .batch import audit_file, audit_indexed
from .indexed import Indexed
from .model import Audit


class AuditUsageError(GongkaiError):
    """Arguments that cannot be audited as given."""


def add_parser(sub: Any, default_db: Path) -> None:
    """The `audit` subcommand, on `index.cli`'s subparsers."""
    p = sub.add_parser(
        "audit",
        help="年报体检: check reports against themselves, their text, the format and last year",
        description="Audit indexed reports (all, or those of the agencies named, of a region or a "
        "year), or report files that are not in the index (drafts: read, compared with the same "
        "agency's earlier reports in the index, and stored nowhere). Findings: identity, "
        "cross_year, text_vs_table, format, duplication, unread; with the derived rates. "
        "Exit status 0 whenever the audit ran, whatever it found.",
    )
    p.add_argument(
        "targets",
        nargs="*",
        metavar="AGENCY|FILE",
        help="agency names (any name its reports printed, or part of one), or report files and "
        "folders; none: every indexed report",
    )
    p.add_argument(
        "--db", type=Path, default=default_db, help=f"database file (default {default_db})"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per report (CONTRACT.md)")
    p.add_argument("--year", type=int, help="only reports on this year")
    p.add_argument("--region", help="only agencies in this region (江苏省, 淮安市, 洪泽区 …)")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write one row per finding as CSV")
    p.add_argument(
        "--xlsx", type=Path, metavar="FILE", help="also write one row per finding as XLSX"
    )
    p.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / 1048576,
        help="size limit per file in MB (default 20)",
    )


def run(args: argparse.Namespace) -> int:
    files = _files(args.targets)
    unread: list[Path] = []
    for out in (args.csv, args.xlsx):
        if out is not None and not out.parent.is_dir():
            raise AuditUsageError(f"no folder {out.parent} for {out.name}")
    if files:
        if args.year is not None or args.region:
            raise AuditUsageError("--year and --region select indexed reports, not files")
        index = Indexed(args.db) if args.db.exists() else None
        max_bytes = int(args.max_mb * 1048576)
        audits = _readable(files, index, max_bytes, unread)
    else:
        if not args.db.exists():
            raise AuditUsageError(
                f"no database at {args.db}; run `python -m index build data/reports` first"
            )
        index = Indexed(args.db)
        refs = index.select(args.targets, args.year, args.region)
        if not refs:
            raise AuditUsageError("no indexed report matches")
        audits = audit_indexed(index, refs)
    try:
        done = _print(audits, as_json=args.json)
    finally:
        if index is not None:
            index.close()
    if args.csv:
        n = render.write_csv(args.csv, done)
        print(f"{n} findings written to {args.csv}", file=sys.stderr)
    if args.xlsx:
        n = render.write_xlsx(args.xlsx, done)
        print(f"{n} findings written to {args.xlsx}", file=sys.stderr)
    return 1 if unread else 0


def _readable(
    files: list[Path], index: Indexed | None, max_bytes: int, unread: list[Path]
) -> Iterator[Audit]:
    """The audit of each file that reads as a report; one that does not is said on
    stderr (and counted in `unread`), and the others are still audited."""
    for f in files:
        try:
            yield audit_file(f, index, max_bytes=max_bytes)
        except GongkaiError as e:
            unread.append(f)
            print(f"Error: {e}", file=sys.stderr)


def _files(targets: list[str]) -> list[Path]:
    """The report files named (folders searched), or none when the targets are agencies."""
    paths = [Path(t) for t in targets]
    on_disk = [p.exists() for p in paths]
    if not any(on_disk):
        looks_like_file = [p for p in paths if p.suffix.lower() in REPORT_SUFFIXES]
        if looks_like_file:
            raise AuditUsageError(f"no such file: {looks_like_file[0]}")
        return []
    if not all(on_disk):
        missing = paths[on_disk.index(False)]
        raise AuditUsageError(f"no such file: {missing} (give files or agency names, not both)")
    files = find_files(paths)
    if not files:
        raise AuditUsageError(f"no report files in {' '.join(targets)}")
    return files


def _print(audits: Any, *, as_json: bool) -> list[Audit]:
    """Print each audit as it is made; the audits, for the spreadsheets."""
    done = []
    for audit in audits:
        done.append(audit)
        if as_json:
            sys.stdout.write(json.dumps(audit.to_json(), ensure_ascii=False) + "\n")
        else:
            for line in render.text(audit):
                print(line)
            print()
    if not as_json:
        print(render.summary(done))
    return done
