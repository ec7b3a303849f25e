"""年报体检: audit a report against itself, its own text, the national format and the same
agency's report of last year.

`audit(subject, previous)` gives an `Audit`: findings of six kinds (identity,
cross_year, text_vs_table, format, duplication, unread), each with its severity, a
message in Chinese and English, the cells or sentence it rests on and the numbers on
both sides; the derived rates; and how much of the narrative repeats last year's.
`index.audit.indexed` reads reports from the index, `index.audit.cli` is
`python -m index audit`.
"""

from .model import Audit, Duplication, Finding, Rate
from .run import audit
from .subject import Subject

__all__ = ["Audit", "Duplication", "Finding", "Rate", "Subject", "audit"]
