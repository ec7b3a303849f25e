"""The derived rates of a report, beside its findings: the formulas of `bot.catalogue`,
so that the audit and the question engine work out the same 实质公开率 the same way."""

from __future__ import annotations

from bot.catalogue import MEASURES, RATE_NAMES, SMALL_DENOMINATOR, Term, formula

from .measures import total
from .model import Rate
from .subject import Subject

# JSON key of each rate the audit shows, and the (measure, column) it is the rate of.
RATES: tuple[tuple[str, Term], ...] = (
    ("granted_in_full", ("granted", "total")),
    ("substantive_disclosure", ("disclosed", "total")),
    ("withheld", ("withheld", "total")),
    ("completion", ("results_total", "total")),
    ("review_correction", ("review", "corrected")),
    ("litigation_loss", ("litigation", "corrected")),
)


def rates(subject: Subject) -> list[Rate]:
    """Every rate of `RATES`; no value where a side is blank or the denominator is 0."""
    out = []
    for key, (measure, column) in RATES:
        rule = formula(MEASURES[measure], column)
        assert rule is not None, f"no formula for {measure}.{column}"
        zh, en = RATE_NAMES[(measure, column)]
        numerator = total(subject, rule.numerator)
        denominator = total(subject, rule.denominator)
        value = round(numerator / denominator, 4) if numerator is not None and denominator else None
        small = denominator is not None and 0 < denominator < SMALL_DENOMINATOR
        out.append(Rate(key, zh, en, value, numerator, denominator, small))
    return out
