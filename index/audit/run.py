"""The audit of one report: every kind of finding, the rates and the repetition."""

from __future__ import annotations

from .cross_year import cross_year_findings
from .duplication import duplication, duplication_findings
from .identities import identity_findings
from .layout import layout_findings
from .model import SEVERITIES, Audit
from .rates import rates
from .subject import Subject
from .text_vs_table import text_findings
from .unread import unread_findings


def audit(subject: Subject, previous: Subject | None = None) -> Audit:
    """Audit `subject` against itself, its text, the national format and `previous`, the
    same agency's latest earlier report (cross-year checks need it to be last year's)."""
    repeated = duplication(subject, previous)
    findings = (
        identity_findings(subject)
        + cross_year_findings(subject, previous)
        + text_findings(subject)
        + layout_findings(subject)
        + duplication_findings(repeated)
        + unread_findings(subject)
    )
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))  # stable: kinds keep their order
    report = subject.report
    return Audit(
        report.agency,
        report.year,
        report.title,
        subject.source,
        findings,
        rates(subject),
        repeated,
    )
