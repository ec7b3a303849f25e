"""The question engine's public face: `Engine(db).answer(question) -> Answer`.

The command line, the tests and the Telegram bot all call this one function, and it
knows nothing of Telegram: `Answer.text` is plain text (the bot escapes it) and each
candidate carries the full question that answers it (the bot makes buttons of them).
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from index.errors import GongkaiError

from .agencies import AgencyIndex
from .intents import respond
from .model import STATUSES, Answer
from .queries import Reader

__all__ = ["STATUSES", "Answer", "Engine", "NoIndex"]


class NoIndex(GongkaiError):
    """The index database does not exist or is not an index."""


class Engine:
    """Answers questions from one index file. Thread-safe; `reload()` after the index changes."""

    def __init__(self, db_path: str | Path, *, today: date | None = None) -> None:
        self.db_path = Path(db_path)
        self._today = today
        self._lock = threading.Lock()
        self._reader: Reader | None = None
        self.agencies = AgencyIndex([])
        self.reload()

    @property
    def today(self) -> date:
        return self._today or date.today()

    def reload(self) -> None:
        """Re-read the agencies after the index changed (a new report was indexed)."""
        if not self.db_path.is_file():
            raise NoIndex(
                f"no index at {self.db_path}: build it with `python -m index build PATH... --db {self.db_path}`"
            )
        reader = Reader(self.db_path)
        try:
            agencies = AgencyIndex(reader.agencies())
        except Exception as e:  # sqlite3.DatabaseError and friends: not an index
            reader.close()
            raise NoIndex(f"{self.db_path} is not a gongkai index: {e}") from e
        with self._lock:
            old, self._reader, self.agencies = self._reader, reader, agencies
        if old is not None:
            old.close()

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def answer(self, question: str) -> Answer:
        """Answer one question, in the language it was asked in."""
        with self._lock:
            reader, agencies = self._reader, self.agencies
        if reader is None:
            raise NoIndex("the engine was closed")
        return respond(question if isinstance(question, str) else "", reader, agencies, self.today)
