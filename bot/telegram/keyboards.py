"""Inline keyboards and the callback data behind their buttons.

Callback data is at most 64 bytes and a Chinese character takes three, so buttons
carry short prefixes and integer ids, never names; the handler looks the name up.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from pydantic import Field

BUTTON_TEXT_MAX = 40

# Every number a button carries: anything else in a tap (a client can send any data) is
# not ours and is answered as an expired button, never passed on to SQLite (which cannot
# hold an int of 30 digits) or to a page count.
Id = Annotated[int, Field(ge=0, le=2**53)]


class Pick(CallbackData, prefix="p"):
    """One candidate of an ambiguous answer: `ask` is the remembered question."""

    ask: Id
    id: Id


class Example(CallbackData, prefix="x"):
    """One of the example questions under /start."""

    n: Id
    lang: str


class AgencyPage(CallbackData, prefix="ap"):
    page: Id


class Card(CallbackData, prefix="c"):
    """The report card of one agency; `year` 0 means its latest report."""

    agency: Id
    year: Id = 0


class ExportAgency(CallbackData, prefix="e"):
    agency: Id


class More(CallbackData, prefix="m"):
    """The next part of a long answer: `rest` is the remembered answer."""

    rest: Id
    part: Id


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_TEXT_MAX else text[: BUTTON_TEXT_MAX - 1] + "…"


def candidates(ask: int, items: Iterable[dict]) -> InlineKeyboardMarkup:
    """One button per candidate of an ambiguous answer."""
    builder = InlineKeyboardBuilder()
    for item in items:
        builder.button(text=_label(item["label"]), callback_data=Pick(ask=ask, id=item["id"]))
    builder.adjust(1)
    return builder.as_markup()


def more(rest: int, part: int, parts: int, lang: str) -> InlineKeyboardMarkup:
    """The one button under a part of a long answer: the next part."""
    label = f"更多（{part + 1}/{parts}）" if lang == "zh" else f"More ({part + 1}/{parts})"
    builder = InlineKeyboardBuilder()
    builder.button(text=label, callback_data=More(rest=rest, part=part))
    return builder.as_markup()


def examples(questions: list[str], lang: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for n, question in enumerate(questions):
        builder.button(text=_label(question), callback_data=Example(n=n, lang=lang))
    builder.adjust(1)
    return builder.as_markup()


def agencies(rows: list[dict], page: int, pages: int) -> InlineKeyboardMarkup:
    """A button per agency (its report card), then ◀ ▶ between pages."""
    builder = InlineKeyboardBuilder()
    for row in rows:
        builder.button(text=_label(row["name"]), callback_data=Card(agency=row["id"]))
    builder.adjust(1)
    nav = []
    if page > 1:
        nav.append(InlineKeyboardButton(text="◀", callback_data=AgencyPage(page=page - 1).pack()))
    if page < pages:
        nav.append(InlineKeyboardButton(text="▶", callback_data=AgencyPage(page=page + 1).pack()))
    if nav:
        builder.row(*nav)
    return builder.as_markup()


def agency_choice(rows: list[dict], year: int) -> InlineKeyboardMarkup:
    """Agencies that fit a name typed after /report, each opening its card."""
    builder = InlineKeyboardBuilder()
    for row in rows:
        builder.button(text=_label(row["name"]), callback_data=Card(agency=row["id"], year=year))
    builder.adjust(1)
    return builder.as_markup()


def export_choice(rows: list[dict]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for row in rows:
        builder.button(text=_label(row["name"]), callback_data=ExportAgency(agency=row["id"]))
    builder.adjust(1)
    return builder.as_markup()
