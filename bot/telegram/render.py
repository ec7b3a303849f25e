"""Turn engine answers and index lookups into the HTML the bot sends.

Plain functions from data to text, so they are tested without Telegram. Everything
from a report or a user is escaped here; markup never spans a line.
"""

from __future__ import annotations

from aiogram import html

from index.build import IndexResult

from .library import Hit
from .services import AnswerLike
from .text import redact, t


def answer_html(answer: AnswerLike) -> str:
    return html.quote(answer.text)


def agencies_html(rows: list[dict], total: int, page: int, pages: int, lang: str) -> str:
    lines = [t("agencies_page", lang, total=total, page=page, pages=pages)]
    for n, row in enumerate(rows, start=(page - 1) * 10 + 1):
        years = ", ".join(str(y) for y in row["years"])
        lines.append(f"{n}. {html.quote(row['name'])} ({years})")
    return "\n".join(lines)


def hits_html(words: str, hits: list[Hit], lang: str) -> str:
    if not hits:
        return t("no_hits", lang, words=words)
    lines = [t("hits", lang, words=words, n=len(hits))]
    for hit in hits:
        lines.append("")
        lines.append(f"<b>{html.quote(hit.agency)} {hit.year}</b> · {html.quote(hit.title)}")
        lines.append(html.quote(hit.snippet))
    return "\n".join(lines)


def stats_html(stats: dict, asked: dict[str, int], lang: str) -> str:
    years = ", ".join(f"{y}: {n}" for y, n in stats["years"].items()) or "—"
    return t(
        "stats",
        lang,
        reports=stats["reports"],
        agencies=stats["agencies"],
        years=years,
        failed_checks=stats["failed_checks"],
        failed_reports=stats["failed_reports"],
        questions=sum(asked.values()),
        answered=asked.get("answered", 0),
    )


def index_result_html(result: IndexResult, name: str, lang: str) -> str:
    """What an admin sees once an uploaded file has been read."""
    if result.status == "failed":
        return t("index_failed", lang, name=name, reason=redact(result.error or "?"))
    text = t(
        "indexed", lang, name=name, agency=result.agency, year=result.year, figures=result.figures
    )
    if result.status == "replaced":
        text += t("indexed_replaced", lang)
    elif result.status == "unchanged":
        text += t("indexed_unchanged", lang)
    failed = result.failed_checks
    text += "\n" + (
        t("failed_checks", lang, checks=", ".join(failed)) if failed else t("all_checks_pass", lang)
    )
    return text
