"""What the engine returns: one `Answer` per question (re-exported by `bot.answer`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("answered", "ambiguous", "not_found", "unsupported")


@dataclass
class Answer:
    """One reply. `value` is the headline number (a figure, a sum, the top of a ranking)."""

    question: str
    status: str  # answered | ambiguous | not_found | unsupported
    intent: str | None
    agency: str | None
    year: int | None
    value: float | int | None
    figures: list[dict[str, Any]]  # {"table", "row", "column", "value"} (+ extras)
    text: str
    candidates: list[dict[str, Any]] = field(default_factory=list)  # {"id", "label", "question"}
    language: str = "zh"
    # what a follow-up question continues from (`bot.conversation.Context`); not printed
    context: Any = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT.md keys first, then the extras."""
        return {
            "question": self.question,
            "status": self.status,
            "intent": self.intent,
            "agency": self.agency,
            "year": self.year,
            "value": self.value,
            "figures": self.figures,
            "text": self.text,
            "candidates": self.candidates,
            "language": self.language,
        }
