"""One question being answered: what it says and where to look, shared by every answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .agencies import AgencyIndex
from .model import Answer
from .queries import Reader
from .reading import Reading


@dataclass
class Ctx:
    """One question being answered: what it says, and where to look."""

    question: str
    reading: Reading
    reader: Reader
    agencies: AgencyIndex
    today: date

    @property
    def lang(self) -> str:
        return self.reading.language

    def answer(self, status: str, intent: str | None, text: str, **kw: Any) -> Answer:
        return Answer(
            question=self.question,
            status=status,
            intent=intent,
            agency=kw.get("agency"),
            year=kw.get("year"),
            value=kw.get("value"),
            figures=kw.get("figures", []),
            text=text,
            candidates=kw.get("candidates", []),
            language=self.lang,
        )
