"""What an audit finds: findings, the derived rates and the repetition of last year's text.

A finding is one thing a reviewer should look at, with what it rests on (the cells of
the template, the sentence of the narrative, the previous year's report) and the
numbers on both sides, so that it can be checked without running anything again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Number = int | float
# A side of a finding: a number, or the text a table printed where its cell could not
# be read (`77132470`, a row whose cell separators were lost), or None.
Side = Number | str | None

KINDS = ("identity", "cross_year", "text_vs_table", "format", "duplication", "unread")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing the audit found in one report.

    `message` is Chinese, `message_en` English. `cells` are canonical keys
    (`3.carried_over.natural_person`) of the audited report; `previous_year` names the
    report the other side comes from when it is last year's; `sentence` quotes the
    narrative a text finding rests on.
    """

    kind: str
    severity: str
    rule: str
    message: str
    message_en: str
    cells: tuple[str, ...] = ()
    expected: Side = None
    found: Side = None
    sentence: str | None = None
    previous_year: int | None = None

    def text(self, lang: str) -> str:
        return self.message if lang == "zh" else self.message_en

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "message_en": self.message_en,
            "cells": list(self.cells),
            "expected": self.expected,
            "found": self.found,
            "sentence": self.sentence,
            "previous_year": self.previous_year,
        }


@dataclass(frozen=True)
class Rate:
    """A derived rate of the report (`bot.catalogue.formula`), or why there is none."""

    key: str
    zh: str
    en: str
    value: float | None
    numerator: Number | None
    denominator: Number | None
    small: bool  # the denominator is too small for the rate to say much

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.zh,
            "name_en": self.en,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "small_denominator": self.small,
        }


@dataclass(frozen=True)
class Duplication:
    """How much of the narrative repeats the agency's previous report."""

    previous_year: int
    ratio: float
    ratio_without_boilerplate: float
    passages: tuple[str, ...] = ()  # the longest passages repeated, longest first

    def to_json(self) -> dict[str, Any]:
        return {
            "previous_year": self.previous_year,
            "ratio": self.ratio,
            "ratio_without_boilerplate": self.ratio_without_boilerplate,
            "passages": list(self.passages),
        }


@dataclass
class Audit:
    """The audit of one report: the CONTRACT.md object, plus a few extra fields."""

    agency: str | None
    year: int | None
    title: str
    source: str
    findings: list[Finding] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    duplication: Duplication | None = None

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "year": self.year,
            "title": self.title,
            "source": self.source,
            "findings": [f.to_json() for f in self.findings],
            "rates": {r.key: r.value for r in self.rates},
            "rate_details": {r.key: r.to_json() for r in self.rates},
            "duplication": self.duplication.to_json() if self.duplication else None,
        }
