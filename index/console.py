"""What every command line of gongkai does around its work: no traceback for a closed pipe
or Ctrl-C, one `Error: …` line for a person's mistake, progress on stderr."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable

from .errors import GongkaiError


def run_command(main: Callable[[], int], error_status: int = 2) -> int:
    """Run `main`, turning the ways a terminal ends a command into an exit status.

    `python -m index parse … | head` closes the pipe while the command still writes:
    that is the reader's choice, not an error. Python would print a traceback twice
    (once more when it flushes stdout on exit) unless stdout is pointed elsewhere.
    """
    try:
        return main()
    except GongkaiError as e:
        print(f"Error: {e}", file=sys.stderr)
        return error_status
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("Stopped (Ctrl-C). 已中断。", file=sys.stderr)
        return 130
    except (OSError, sqlite3.Error) as e:
        # a folder given for a file, a folder one may not write, a full disk, a port
        # out of range: the file system's or SQLite's own words, on one line
        print(f"Error: {_said(e)}", file=sys.stderr)
        return error_status


def _said(e: BaseException) -> str:
    """An OS or SQLite error as one line: what failed, and on which file."""
    if isinstance(e, OSError) and e.strerror:
        where = f": {e.filename}" if e.filename else ""
        return f"{e.strerror}{where}"
    return str(e).splitlines()[0] if str(e) else type(e).__name__


class ProgressBar:
    """A bar on a terminal; a line every 10% when stderr is a file or a pipe, so that a
    long build or export run by a script leaves a readable log."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.tty = sys.stderr.isatty()
        self.last_tenth = -1

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.tty:
            filled = int(30 * done / total)
            sys.stderr.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {name[:40]:<40}"
            )
            sys.stderr.flush()
        elif total >= 20 and (tenth := 10 * done // total) != self.last_tenth:
            self.last_tenth = tenth
            print(f"{self.verb} {done}/{total}", file=sys.stderr)

    def close(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def display_width(s: str) -> int:
    """Columns `s` takes on a terminal: CJK characters take two."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


def print_table(rows: list[tuple[str, ...]]) -> None:
    """Rows in columns padded to their display width, the first row a header."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row, widths, strict=True)
        ]
        print("  ".join(cells).rstrip())
