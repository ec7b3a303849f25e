"""The question engine's public face: `Engine(db).answer(question) -> Answer`.

The command line, the tests and the Telegram bot all call this one function, and it
knows nothing of Telegram: `Answer.text` is plain text (the bot escapes it) and each
candidate carries the full question that answers it (the bot makes buttons of them).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

from index.errors import GongkaiError
from index.store import read_only

from .agencies import AgencyIndex
from .catalogue import CARD_MEASURES, CARD_TABLE2, MEASURES
from .conversation import Context, follow
from .evaluate import respond
from .model import STATUSES, Answer
from .normalize import Text
from .one_agency import search_words
from .queries import Reader
from .reading import read

__all__ = ["STATUSES", "Answer", "Engine", "NoIndex"]


# the cells of the report card: what rankings and sums are mostly asked about
WARM_CELLS = [
    *(
        (MEASURES[k].table, row, "total")
        for k in CARD_MEASURES
        for rows in MEASURES[k].row_sets
        for row in rows
    ),
    *((4, row, "corrected") for row in ("review", "litigation_direct", "litigation_after_review")),
    *((2, k, "decisions") for k in CARD_TABLE2 if k in ("licensing", "penalty", "coercion")),
    (2, "fees", "amount"),
]


class NoIndex(GongkaiError):
    """The index database does not exist or is not an index."""


class Engine:
    """Answers questions from one index file. Thread-safe.

    Each question is answered from one snapshot of the index (see `Reader`). Before a
    question the engine asks SQLite whether anyone wrote to the index since its
    snapshot (`PRAGMA data_version`, a few microseconds) and reloads if so: an upload,
    a /reindex or a `python -m index build` run beside the bot is seen by the next
    question without a restart.
    """

    def __init__(self, db_path: str | Path, *, today: date | None = None) -> None:
        self.db_path = Path(db_path)
        self._today = today
        self._lock = threading.Lock()
        self._reader: Reader | None = None
        self._watch: sqlite3.Connection | None = None
        self._watched: tuple[int, int] | None = None  # the watched file's (device, inode)
        self._seen: object = None
        self.agencies = AgencyIndex([])
        self.reload()

    @property
    def today(self) -> date:
        return self._today or date.today()

    def reload(self) -> None:
        """A new snapshot of the index, and its agencies, taken together."""
        if not self.db_path.is_file():
            raise NoIndex(
                f"no index at {self.db_path}: build it with `python -m index build PATH... --db {self.db_path}`"
            )
        try:
            version = self._version()  # before the snapshot: a later write is seen next time
            reader = Reader(self.db_path)
        except sqlite3.DatabaseError as e:
            raise NoIndex(f"{self.db_path} is not a gongkai index: {e}") from e
        try:
            agencies = AgencyIndex(reader.agencies())
        except Exception as e:  # sqlite3.DatabaseError and friends: not an index
            reader.close()
            raise NoIndex(f"{self.db_path} is not a gongkai index: {e}") from e
        with self._lock:
            # the old reader is not closed here: a question may still be using it; it
            # closes when the last reference goes
            self._reader, self.agencies, self._seen = reader, agencies, version

    def _version(self) -> object:
        """What changes when anyone writes to the index or puts another file in its place."""
        stat = os.stat(self.db_path)
        identity = (stat.st_dev, stat.st_ino)
        with self._lock:
            if self._watch is None or identity != self._watched:
                if self._watch is not None:
                    self._watch.close()
                self._watch = read_only(self.db_path, check_same_thread=False)
                self._watched = identity
            return identity, self._watch.execute("pragma data_version").fetchone()[0]

    def _stale(self) -> bool:
        try:
            return self._version() != self._seen
        except (OSError, sqlite3.Error):
            return False  # the index went away: keep answering from the snapshot held

    def warm(self) -> float:
        """Read ahead what first questions would wait for; returns the seconds it took.

        The first ranking or sum over a figure reads it from every report (about a
        second per figure on a national index), and the first narrative question
        loads jieba's dictionary; calling this once in the background after start-up
        moves those waits out of the first questions.
        """
        started = time.perf_counter()
        search_words("政府信息公开")  # loads jieba's dictionary
        reader = self._reader
        if reader is not None and reader.years():
            for cell in WARM_CELLS:
                reader.columns.cell(cell)  # reads the cell of every report
        return time.perf_counter() - started

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
            if self._watch is not None:
                self._watch.close()
                self._watch = None

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """Answer one question, in the language it was asked in.

        `context` is what the previous answer of the same conversation left
        (`answer.context`): a follow-up (去年呢, 1) continues from it.
        """
        if self._reader is not None and self._stale():
            self.reload()
        with self._lock:
            reader, agencies = self._reader, self.agencies
        if reader is None:
            raise NoIndex("the engine was closed")
        return respond(
            question if isinstance(question, str) else "", reader, agencies, self.today, context
        )

    def explain(self, question: str, context: Context | None = None) -> str:
        """How the question is read (`python -m bot ask --explain`): every part, the
        operation, and what was not understood."""
        with self._lock:
            agencies = self.agencies
        reading = read(Text.of(question.strip()), agencies, self.today)
        if context is not None:
            reading, asked = follow(reading, context, agencies, self.today)
            if asked:
                return f"follow-up, read as: {asked}\n" + reading.explain(agencies)
        return reading.explain(agencies)
