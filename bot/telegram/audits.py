"""The audit (年报体检, `index.audit`) for the bot: what it reads and how it says it.

Plain functions, run in worker threads by the handlers: `check_file` audits a file
someone sent, stored nowhere; `indexed` audits indexed reports of an agency or a
region; `stored` the report an upload just indexed. The HTML escapes everything that
comes from a report.
"""

from __future__ import annotations

from pathlib import Path

from aiogram import html

from index.audit import Audit
from index.audit.batch import audit_file, audit_indexed
from index.audit.indexed import Indexed, NoSuchReports

from .text import t

MAX_REPORTS = 10  # reports listed in one /audit reply; the rest are counted
MAX_FINDINGS = 12  # findings shown per report
SEVERITY_MARKS = {"error": "❌", "warning": "⚠", "info": "ℹ"}


def check_file(path: Path, db_path: Path, max_bytes: int) -> Audit:
    """A report file against the agency's earlier indexed reports; nothing is stored."""
    if not Path(db_path).exists():
        return audit_file(path, None, max_bytes=max_bytes)
    with Indexed(db_path) as index:
        return audit_file(path, index, max_bytes=max_bytes)


def indexed(db_path: Path, name: str, year: int | None) -> list[Audit]:
    """Audits of the indexed reports of the agency named, or else of the region named."""
    with Indexed(db_path) as index:
        try:
            refs = index.select([name], year)
        except NoSuchReports:
            refs = index.select([], year, region=name)
        return list(audit_indexed(index, refs))


def stored(db_path: Path, agency: str, year: int) -> Audit | None:
    """The audit of the indexed report of `agency` for `year`, if the index holds it."""
    with Indexed(db_path) as index:
        ref = index.find(agency, year)
        return next(audit_indexed(index, [ref])) if ref else None


def counts(audit: Audit, lang: str) -> str:
    return t(
        "audit_counts",
        lang,
        errors=audit.count("error"),
        warnings=audit.count("warning"),
        info=audit.count("info"),
    )


def audit_html(audit: Audit, lang: str) -> str:
    """One report's audit: its counts, its findings, its rates."""
    head = f"<b>{html.quote(audit.agency or '?')} {audit.year or ''}</b> · {counts(audit, lang)}"
    lines = [head]
    for f in audit.findings[:MAX_FINDINGS]:
        lines.append(f"{SEVERITY_MARKS[f.severity]} {html.quote(f.text(lang))}")
    if len(audit.findings) > MAX_FINDINGS:
        lines.append(t("audit_more_findings", lang, n=len(audit.findings) - MAX_FINDINGS))
    rates = [r for r in audit.rates if r.value is not None]
    if rates:
        shown = "；".join if lang == "zh" else "; ".join
        lines.append(
            t("audit_rates", lang)
            + html.quote(
                shown(
                    f"{r.zh if lang == 'zh' else r.en} {r.value:.1%}"
                    + (t("audit_few", lang) if r.small else "")
                    for r in rates
                )
            )
        )
    return "\n".join(lines)


def audits_html(audits: list[Audit], lang: str) -> str:
    """Several reports: those with errors or warnings first, at most `MAX_REPORTS`."""
    ordered = sorted(audits, key=lambda a: (-a.count("error"), -a.count("warning")))
    parts = [audit_html(a, lang) for a in ordered[:MAX_REPORTS]]
    if len(audits) > MAX_REPORTS:
        parts.append(t("audit_more_reports", lang, n=len(audits) - MAX_REPORTS))
    return "\n\n".join(parts)


def summary_html(audit: Audit, lang: str) -> str:
    """One line after an upload: the counts, and where the details are."""
    return t(
        "audit_summary", lang, counts=counts(audit, lang), agency=audit.agency, year=audit.year
    )
