"""One question being answered: what it says and where to look, shared by every answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .agencies import AgencyIndex
from .model import Answer
from .queries import Reader
from .reading import Reading

# What these answers are is one number worked out from figures.
COMPUTED = frozenset({"rate", "change", "growth", "difference"})


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
        """The answer; a computed quantity that could not be computed (a blank cell, a
        zero to divide by) is `not_found`, as a blank figure is, its text saying why."""
        if status == "answered" and intent in COMPUTED and kw.get("value") is None:
            status = "not_found"
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
