"""The reports folder the bot keeps: files under names it makes, moved in by renames a
restart can finish.

The folder is what `/reindex` rebuilds the index from, so it must always hold exactly
the files of the indexed reports, whatever moment the bot is killed at. An upload goes
in as a hidden `.pending-` file before its report is stored, and the file it replaces
is set aside as `.replaced-` rather than deleted; once the report is committed, the
pending file takes its name and the set-aside one goes. Hidden files are never read by
a build. After a crash, `recover` finishes or undoes each step by asking the index
which files its reports name.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.model import Report

log = logging.getLogger("gongkai.bot")

PENDING = ".pending-"
REPLACED = ".replaced-"
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}
_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|\s]+')


def shelf_name(report: Report, sha256: str) -> str:
    """`<agency>-<year>-<digest>.<ext>`: the sender's own file name is never used on disk.

    The extension is the format the file was read as, and the digest keeps two versions
    of one agency's year apart.
    """
    agency = _UNSAFE.sub("_", report.agency or "report").strip("._")[:60] or "report"
    return f"{agency}-{report.year}-{sha256[:12]}{SUFFIXES.get(report.source_format, '.txt')}"


@dataclass
class Move:
    """One upload on its way into the folder: what `settle` or `undo` finishes."""

    pending: Path
    name: str
    aside: Path | None


class Shelf:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, download: Path, name: str, replaces: str | None) -> Move:
        """Copy the download in as a pending file, synced, and set aside the one it replaces."""
        self.folder.mkdir(parents=True, exist_ok=True)
        pending = self.folder / f"{PENDING}{name}"
        shutil.copyfile(download, pending)
        with open(pending, "rb") as f:
            os.fsync(f.fileno())
        aside = None
        if replaces and replaces != name and (self.folder / replaces).is_file():
            aside = self.folder / f"{REPLACED}{replaces}"
            os.replace(self.folder / replaces, aside)
        return Move(pending, name, aside)

    def settle(self, move: Move) -> Path:
        """The report is stored: the pending file takes its name, the old file goes."""
        final = self.folder / move.name
        os.replace(move.pending, final)
        if move.aside:
            move.aside.unlink(missing_ok=True)
        return final

    def undo(self, move: Move) -> None:
        """The report was not stored: the folder goes back to what it was."""
        move.pending.unlink(missing_ok=True)
        if move.aside and move.aside.exists():
            os.replace(move.aside, move.aside.with_name(move.aside.name[len(REPLACED) :]))

    def recover(self, indexed: Callable[[str], bool]) -> list[str]:
        """Finish or undo the moves a crash interrupted; returns what was done, for the log.

        `indexed(name)` says whether a report in the index names that file.
        """
        done: list[str] = []
        if not self.folder.is_dir():
            return done
        for path in sorted(self.folder.iterdir()):
            for prefix in (PENDING, REPLACED):
                if not path.name.startswith(prefix):
                    continue
                name = path.name[len(prefix) :]
                if indexed(name) and not (self.folder / name).exists():
                    os.replace(path, self.folder / name)
                    done.append(f"{path.name} → {name}")
                else:
                    path.unlink()
                    done.append(f"{path.name} removed")
        for line in done:
            log.warning("reports folder after an interrupted upload: %s", line)
        return done
