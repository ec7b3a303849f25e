"""Build the bot and its dispatcher, and run them: long polling, or a webhook.

`run(config_path)` is what `python -m bot run` calls. The dispatcher gets its
dependencies (engine, indexer, config, admin ids) as workflow data, so handlers name
what they need in their signatures and tests build a fresh one with their own.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.answer import Engine
from index.build import find_files

from .config import Config, ConfigError, load_config
from .exports import Exports
from .handlers import admin, audit, callbacks, commands, errors, questions
from .middlewares import LogUpdates, Throttle
from .services import AskMemory, AsyncEngine, EngineLike, Indexer
from .text import redact

log = logging.getLogger("gongkai.bot")

MAX_RETRY_DELAY = 60.0  # seconds between tries to reach Telegram, at most

PUBLIC_COMMANDS: list[tuple[str, str, str]] = [
    ("start", "这个机器人能做什么", "What this bot does"),
    ("help", "帮助", "Help"),
    ("report", "年度报告概览：/report 机关 [年份]", "A report at a glance: /report agency [year]"),
    (
        "compare",
        "排名和柱状图：/compare 指标 [机关类型]",
        "A ranking with a chart: /compare figure [kind]",
    ),
    ("trend", "历年变化：/trend 机关 指标", "A figure over the years: /trend agency figure"),
    ("export", "导出 CSV：/export 机关|all", "Figures as CSV: /export agency|all"),
    ("search", "全文检索：/search 关键词", "Full-text search: /search words"),
    ("agencies", "已收录的机关", "The agencies indexed"),
    ("check", "年报体检：随报告文件发送 /check", "Check a report file: send it with /check"),
    (
        "audit",
        "体检结果：/audit 机关|地区 [年份]",
        "Checks of indexed reports: /audit agency [year]",
    ),
]
ADMIN_COMMANDS: list[tuple[str, str, str]] = [
    ("reindex", "重建索引", "Rebuild the index"),
    ("stats", "统计", "Statistics"),
]


def get_routers() -> list[Router]:
    """Fresh routers, errors first and the catch-all question handler last; /check before
    the admins' uploads, so that an admin's /check is checked, not indexed."""
    return [
        errors.router(),
        audit.router(),
        admin.router(),
        commands.router(),
        callbacks.router(),
        questions.router(),
    ]


def make_bot(config: Config) -> Bot:
    """A bot talking to Telegram, or to the Bot API server at `api_base`, through the
    configured proxy if any."""
    proxy = config.telegram.proxy.get_secret_value() or None
    session = AiohttpSession(proxy=proxy)
    if config.telegram.api_base:
        session.api = TelegramAPIServer.from_base(
            config.telegram.api_base, is_local=config.telegram.api_local
        )
    return Bot(
        token=config.telegram.token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def make_dispatcher(
    config: Config, engine_factory: Callable[[], EngineLike] | None = None
) -> Dispatcher:
    """The dispatcher with its routers, middlewares and dependencies."""
    engine = AsyncEngine(engine_factory or (lambda: Engine(config.index.db)))
    dp = Dispatcher(
        config=config,
        db_path=config.index.db,
        admins=frozenset(config.admin.user_ids),
        engine=engine,
        indexer=Indexer(config.index.db, config.index.reports_dir, engine, config.max_upload_bytes),
        memory=AskMemory(),
        exports=Exports(config.index.db),
    )
    dp.update.outer_middleware(LogUpdates())
    throttle = Throttle(config.limits.messages_per_minute)
    dp.message.middleware(throttle)
    dp.callback_query.middleware(throttle)
    dp.include_routers(*get_routers())
    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp


def _commands(table: list[tuple[str, str, str]], lang: str) -> list[BotCommand]:
    return [BotCommand(command=c, description=zh if lang == "zh" else en) for c, zh, en in table]


async def on_startup(
    bot: Bot, admins: frozenset[int], indexer: Indexer, engine: AsyncEngine
) -> None:
    """Repair what a kill interrupted, start warming the engine in the background, then
    register the command menu: everyone's, and in admins' chats theirs too."""
    await asyncio.to_thread(indexer.recover)
    engine.warm_in_background()
    for lang, code in (("zh", None), ("en", "en")):
        await bot.set_my_commands(_commands(PUBLIC_COMMANDS, lang), BotCommandScopeDefault(), code)
        for admin_id in admins:
            try:
                await bot.set_my_commands(
                    _commands(PUBLIC_COMMANDS + ADMIN_COMMANDS, lang),
                    BotCommandScopeChat(chat_id=admin_id),
                    code,
                )
            except TelegramAPIError as e:  # the admin has not started a chat with the bot yet
                log.warning("admin commands for %s not set: %s", admin_id, e)
    me = await bot.me()
    log.info("bot @%s ready (%d admins)", me.username, len(admins))


async def on_shutdown(indexer: Indexer, engine: AsyncEngine, exports: Exports) -> None:
    """Let a running indexing job finish, so the index is never left half-written."""
    await indexer.close()
    await asyncio.to_thread(engine.close)
    exports.close()
    log.info("stopped")


def webhook_app(dp: Dispatcher, bot: Bot, secret: str, path: str) -> web.Application:
    """The aiohttp app Telegram posts updates to; requests without `secret` get 401.

    Updates are handled in the background so a long upload does not hold Telegram's
    request open until it retries.
    """
    app = web.Application()
    setup_application(app, dp, bot=bot)
    SimpleRequestHandler(dp, bot, handle_in_background=True, secret_token=secret).register(
        app, path=path
    )
    return app


async def serve_webhook(dp: Dispatcher, bot: Bot, config: Config) -> None:
    secret = config.webhook_secret()
    app = webhook_app(dp, bot, secret, config.webhook.listen_path)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, config.webhook.host, config.webhook.port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await site.start()
        await bot.set_webhook(
            config.webhook.url, secret_token=secret, allowed_updates=dp.resolve_used_update_types()
        )
        log.info(
            "webhook %s on %s:%s",
            config.webhook.listen_path,
            config.webhook.host,
            config.webhook.port,
        )
        await stop.wait()
    finally:
        await runner.cleanup()


async def reach_telegram(bot: Bot, config: Config) -> bool:
    """Wait until the Bot API answers, saying once per try why it does not; False when
    the bot is stopped meanwhile (SIGTERM, Ctrl-C).

    Where Telegram is blocked the first request fails after a long timeout; a bot that
    gives up (with a trace of 85 lines) would need a person to restart it once the
    network or the proxy is back.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    where = config.telegram.api_base or "api.telegram.org"
    hint = (
        ""
        if config.telegram.proxy.get_secret_value()
        else (
            '; if Telegram is blocked here, set [telegram] proxy = "socks5://host:port" in the config'
        )
    )
    delay = 1.0
    try:
        while True:
            try:
                await bot.get_me()
                return True
            except TelegramUnauthorizedError:
                raise ConfigError(
                    "Telegram does not accept the bot token: check it with @BotFather"
                ) from None
            except TelegramNetworkError as e:
                reason = redact(str(e)).removeprefix("HTTP Client says - ")
                log.warning(
                    "cannot reach Telegram at %s (%s)%s; trying again in %.0f s",
                    where,
                    reason,
                    hint,
                    delay,
                )
            try:
                await asyncio.wait_for(stop.wait(), delay)
                return False
            except TimeoutError:
                delay = min(delay * 2, MAX_RETRY_DELAY)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


async def main(config: Config, engine_factory: Callable[[], EngineLike] | None = None) -> None:
    bot = make_bot(config)
    try:
        if not await reach_telegram(bot, config):
            log.info("stopped")
            return
        dp = make_dispatcher(config, engine_factory)
        if not config.index.db.exists() and find_files([config.index.reports_dir]):
            log.info("no index yet: building it from the reports folder")
            await dp["indexer"].reindex()
        if config.webhook.enabled:
            await serve_webhook(dp, bot, config)
            return
        await bot.delete_webhook()
        await dp.start_polling(
            bot, handle_signals=True, allowed_updates=dp.resolve_used_update_types()
        )
    finally:
        await bot.session.close()


def run(config_path: str | None = None) -> None:
    """Start the bot; returns when it is stopped (SIGTERM or Ctrl-C)."""
    try:
        config = load_config(config_path)
    except ConfigError as e:
        raise SystemExit(f"Error: {e}") from None
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # LogUpdates writes the one line per update; aiogram's own would be a second
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    try:
        asyncio.run(main(config))
    except KeyboardInterrupt:
        pass
    except ConfigError as e:
        raise SystemExit(f"Error: {e}") from None
