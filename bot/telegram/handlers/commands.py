"""The commands everyone can use: /start /help /report /compare /trend /export /search /agencies.

Questions go to the engine, phrased the way a person would ask them; listings,
report cards, exports and searches read the index directly (`library`).
"""

from __future__ import annotations

import asyncio
import math
import re
from pathlib import Path

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import FSInputFile, InlineKeyboardMarkup, Message

from ...charts import chart_series
from .. import keyboards, library
from ..exports import Exports, ExportTooLarge, ExportTooSoon
from ..render import agencies_html, hits_html
from ..replies import ask, quote_in_groups, send, send_chart
from ..services import AnswerLike, AskMemory, AsyncEngine
from ..text import language, t

AGENCIES_PER_PAGE = 10
SEARCH_HITS = 10
_YEAR_AT_END = re.compile(r"^(?P<name>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年?$")


def example_questions(db_path: Path, lang: str) -> list[str]:
    """Three questions the index can answer, the same each time for the same index."""
    first = library.example_report(db_path) or {"agency": "伊川县司法局", "year": 2024}
    agency, year = first["agency"], first["year"]
    if lang == "zh":
        return [
            f"{agency}{year}年收到多少政府信息公开申请？",
            "哪个司法局行政复议最多？",
            f"{agency}{year}年存在的主要问题是什么？",
        ]
    return [
        f"How many information requests did {agency} receive in {year}?",
        "Which agency had the most administrative reviews?",
        f"What problems did {agency} report in {year}?",
    ]


def report_question(agency: str, year: int | None) -> str:
    return f"{agency}{year}年报告" if year else f"{agency}报告"


def compare_question(figure: str, kind: str) -> str:
    return f"哪个{kind or '机关'}{figure}最多？"


def trend_question(agency: str, figure: str) -> str:
    return f"{agency}{figure}历年变化"


def split_year(args: str) -> tuple[str, int | None]:
    """'伊川县司法局 2024' → ('伊川县司法局', 2024); no year → (args, None)."""
    match = _YEAR_AT_END.match(args.strip())
    if match and match["name"]:
        return match["name"].strip(), int(match["year"])
    return args.strip(), None


async def send_card(
    bot: Bot,
    chat_id: int,
    db_path: Path,
    agency_id: int,
    year: int | None,
    engine: AsyncEngine,
    memory: AskMemory,
) -> None:
    """The engine's report card for an agency picked from a list (by id)."""
    found = await asyncio.to_thread(library.agency, db_path, agency_id)
    if found is not None:
        await ask(bot, chat_id, report_question(found["name"], year), engine, memory)


async def send_export(
    bot: Bot,
    chat_id: int,
    exports: Exports,
    agency_id: int | None,
    what: str,
    lang: str,
    *,
    user_id: int,
    admin: bool,
) -> None:
    """One agency's figures, or everyone's (shared, and limited per person), as a file."""
    try:
        if agency_id is None:
            export = await exports.whole(user_id, unlimited=admin)
        else:
            export = await exports.agency(agency_id)
    except ExportTooSoon as e:
        await send(bot, chat_id, t("export_too_soon", lang, minutes=str(e)), lang=lang)
        return
    except ExportTooLarge:
        await send(bot, chat_id, t("export_too_large", lang), lang=lang)
        return
    try:
        if not export.figures:
            await send(bot, chat_id, t("no_figures", lang), lang=lang)
            return
        await bot.send_document(
            chat_id,
            FSInputFile(export.path, filename=export.filename),
            caption=t("export_caption", lang, what=what, n=export.figures),
        )
    finally:
        if agency_id is not None:
            export.path.unlink(missing_ok=True)


async def agencies_view(
    db_path: Path, page: int, lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    rows, total = await asyncio.to_thread(library.agencies_page, db_path, page, AGENCIES_PER_PAGE)
    if not total:
        return t("no_agencies", lang), None
    pages = math.ceil(total / AGENCIES_PER_PAGE)
    return agencies_html(rows, total, page, pages, lang), keyboards.agencies(rows, page, pages)


async def ask_for_chart(
    message: Message, bot: Bot, question: str, engine: AsyncEngine, memory: AskMemory, by: str
) -> tuple[AnswerLike, list[str], list[float]]:
    """Ask as if the question were typed, and keep the figures a chart of the answer shows.

    /compare and /trend differ only in the question and in what the chart runs over.
    """
    answer = await ask(
        bot, message.chat.id, question, engine, memory, reply_to=quote_in_groups(message)
    )
    labels, values = chart_series(answer, by)
    return answer, labels, values


async def on_start(message: Message, bot: Bot, db_path: Path) -> None:
    """What the bot does, and three example questions to tap."""
    lang = language(None, message.from_user)
    questions = await asyncio.to_thread(example_questions, db_path, lang)
    await send(
        bot, message.chat.id, t("start", lang), keyboards.examples(questions, lang), lang=lang
    )


async def on_help(message: Message, bot: Bot, db_path: Path, admins: frozenset[int]) -> None:
    lang = language(None, message.from_user)
    questions = await asyncio.to_thread(example_questions, db_path, lang)
    text = t("help", lang, example=questions[0])
    if message.from_user and message.from_user.id in admins:
        text += t("help_admin", lang)
    await send(bot, message.chat.id, text, lang=lang)


async def on_report(
    message: Message,
    command: CommandObject,
    bot: Bot,
    db_path: Path,
    engine: AsyncEngine,
    memory: AskMemory,
) -> None:
    """/report <agency> [year]: the report card (the latest report when no year).

    A name several agencies fit gets a button per agency; any other is left to the
    engine, which also knows near misses.
    """
    lang = language(command.args, message.from_user)
    name, year = split_year(command.args or "")
    reply_to = quote_in_groups(message)
    if not name:
        await send(bot, message.chat.id, t("usage_report", lang), reply_to=reply_to)
        return
    matches = await asyncio.to_thread(library.find_agencies, db_path, name)
    if len(matches) > 1:
        markup = keyboards.agency_choice(matches, year or 0)
        await send(bot, message.chat.id, t("which_agency", lang), markup, reply_to=reply_to)
        return
    agency = matches[0]["name"] if matches else name
    await ask(
        bot, message.chat.id, report_question(agency, year), engine, memory, reply_to=reply_to
    )


async def on_compare(
    message: Message, command: CommandObject, bot: Bot, engine: AsyncEngine, memory: AskMemory
) -> None:
    """/compare <figure> [kind of agency]: the engine's ranking, and a bar chart of it."""
    lang = language(command.args, message.from_user)
    words = (command.args or "").split()
    if not words:
        await send(bot, message.chat.id, t("usage_compare", lang))
        return
    figure, kind = words[0], "".join(words[1:])
    answer, labels, values = await ask_for_chart(
        message, bot, compare_question(figure, kind), engine, memory, "agency"
    )
    if answer.status == "answered" and len(labels) > 1:
        await send_chart(bot, message.chat.id, labels, values, f"{figure} {kind}".strip())


async def on_trend(
    message: Message,
    command: CommandObject,
    bot: Bot,
    engine: AsyncEngine,
    memory: AskMemory,
    db_path: Path,
) -> None:
    """/trend <agency> <figure>: the figure year by year, with a chart for several years."""
    lang = language(command.args, message.from_user)
    words = (command.args or "").split()
    if len(words) < 2:
        first = await asyncio.to_thread(library.example_report, db_path)
        await send(
            bot, message.chat.id, t("usage_trend", lang, agency=(first or {}).get("agency", "…"))
        )
        return
    agency, figure = words[0], "".join(words[1:])
    answer, labels, values = await ask_for_chart(
        message, bot, trend_question(agency, figure), engine, memory, "year"
    )
    if answer.status == "answered" and len(set(labels)) > 1:
        pairs = sorted(zip(labels, values, strict=True))
        title = f"{answer.agency or agency} {figure}"
        await send_chart(bot, message.chat.id, [p[0] for p in pairs], [p[1] for p in pairs], title)


async def on_export(
    message: Message,
    command: CommandObject,
    bot: Bot,
    db_path: Path,
    exports: Exports,
    admins: frozenset[int],
) -> None:
    """/export <agency|all>: every figure as a CSV document."""
    lang = language(command.args, message.from_user)
    name = (command.args or "").strip()
    user_id = message.from_user.id if message.from_user else 0
    who = {"user_id": user_id, "admin": user_id in admins}
    if not name:
        await send(bot, message.chat.id, t("usage_export", lang))
        return
    if name.lower() in ("all", "全部"):
        await send_export(bot, message.chat.id, exports, None, t("export_all", lang), lang, **who)
        return
    matches = await asyncio.to_thread(library.find_agencies, db_path, name)
    if not matches:
        await send(bot, message.chat.id, t("no_agency", lang, name=name))
    elif len(matches) > 1:
        await send(bot, message.chat.id, t("which_agency", lang), keyboards.export_choice(matches))
    else:
        found = matches[0]
        await send_export(bot, message.chat.id, exports, found["id"], found["name"], lang, **who)


async def on_search(message: Message, command: CommandObject, bot: Bot, db_path: Path) -> None:
    """/search <words>: passages of the reports' sections that hold the words."""
    lang = language(command.args, message.from_user)
    words = (command.args or "").strip()
    if not words:
        await send(bot, message.chat.id, t("usage_search", lang))
        return
    hits = await asyncio.to_thread(library.search, db_path, words, SEARCH_HITS)
    await send(
        bot,
        message.chat.id,
        hits_html(words, hits, lang),
        reply_to=quote_in_groups(message),
        lang=lang,
    )


async def on_agencies(message: Message, bot: Bot, db_path: Path) -> None:
    lang = language(None, message.from_user)
    text, markup = await agencies_view(db_path, 1, lang)
    await send(bot, message.chat.id, text, markup, lang=lang)


def router() -> Router:
    r = Router(name="commands")
    r.message.register(on_start, CommandStart())
    r.message.register(on_help, Command("help"))
    r.message.register(on_report, Command("report"))
    r.message.register(on_compare, Command("compare"))
    r.message.register(on_trend, Command("trend"))
    r.message.register(on_export, Command("export"))
    r.message.register(on_search, Command("search"))
    r.message.register(on_agencies, Command("agencies"))
    return r
