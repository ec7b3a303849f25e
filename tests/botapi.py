"""A Bot API server of the tests' own, on 127.0.0.1, for running the real bot offline.

It answers what aiogram asks during polling and replying, the way Telegram does:
`POST /bot{token}/{method}` (getMe, getUpdates with offset and a short wait, getFile,
send*/edit* returning a Message, `true` for the rest) and
`GET /file/bot{token}/{path}` for downloads. Tests push updates as a user would send
them and wait for the calls the bot makes, all of which are recorded.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-gongkai-token"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "gongkai", "username": "gongkai_test_bot"}
JSON_FIELDS = ("reply_markup", "reply_parameters", "commands", "scope", "allowed_updates", "media")


@dataclass
class Call:
    """One request the bot made: the method, its fields, and any file it uploaded."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    result: Any = None

    @property
    def text(self) -> str:
        return self.params.get("text") or self.params.get("caption") or ""

    def file(self, name: str) -> tuple[str, bytes]:
        """The (file name, bytes) uploaded as `name` (aiogram sends it as attach://…)."""
        value = self.params.get(name, "")
        return self.files[value.removeprefix("attach://")] if value else self.files[name]

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


class BotAPIServer:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self.fail: dict[str, tuple[int, str]] = {}
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self, port: int = 0) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def close(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    # what the tests do

    async def push(self, **update: Any) -> int:
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, **update})
        async with self._changed:
            self._changed.notify_all()
        return update_id

    def message(
        self,
        text: str | None = None,
        *,
        user_id: int = 42,
        chat_id: int | None = None,
        chat_type: str = "private",
        language_code: str | None = "zh-hans",
        **extra: Any,
    ) -> dict[str, Any]:
        """A message as a user sends it (commands get their bot_command entity)."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"user{user_id}"}
        if language_code:
            user["language_code"] = language_code
        chat_id = chat_id or user_id
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = user["first_name"]
        else:
            chat["title"] = "a group"
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return message

    async def send_text(self, text: str, **kw: Any) -> dict[str, Any]:
        message = self.message(text, **kw)
        await self.push(message=message)
        return message

    async def send_document(self, name: str, content: bytes, **kw: Any) -> dict[str, Any]:
        file_id = self.add_file(name, content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "file_size": len(content),
        }
        message = self.message(None, document=document, **kw)
        await self.push(message=message)
        return message

    async def tap(self, button: dict[str, Any], on: Call, *, user_id: int = 42) -> None:
        """Tap `button` of the message the bot sent with `on`."""
        message = on.result
        await self.push(
            callback_query={
                "id": str(next(self._update_ids)),
                "from": {
                    "id": user_id,
                    "is_bot": False,
                    "first_name": "u",
                    "language_code": "zh-hans",
                },
                "chat_instance": "ci",
                "message": message,
                "data": button["callback_data"],
            }
        )

    def add_file(self, name: str, content: bytes) -> str:
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = (f"documents/{file_id}_{name}", content)
        return file_id

    def calls_of(self, *methods: str) -> list[Call]:
        return [c for c in self.calls if c.method in methods]

    async def wait_for(
        self, method: str, *, where: Any = None, after: int = 0, timeout: float = 30.0
    ) -> Call:
        """The first call of `method` (from the `after`-th call on) that `where` accepts."""

        def found() -> Call | None:
            for call in self.calls[after:]:
                if call.method == method and (where is None or where(call)):
                    return call
            return None

        async def wait() -> Call:
            async with self._changed:
                await self._changed.wait_for(lambda: found() is not None)
            result = found()
            assert result is not None
            return result

        try:
            return await asyncio.wait_for(wait(), timeout)
        except TimeoutError:
            made = [
                f"{c.method}: {c.text[:60]!r}"
                for c in self.calls[after:]
                if c.method != "getUpdates"
            ]
            raise AssertionError(f"no {method} call within {timeout} s; calls: {made}") from None

    # the server side

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes]] = {}
        if request.content_type == "application/json":
            params = await request.json()
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = (value.filename, value.file.read())
                elif key in JSON_FIELDS:
                    params[key] = json.loads(value)
                else:
                    params[key] = value
        call = Call(method, params, files)
        if method == "getUpdates":
            self._record(call)
            return self._ok(await self._get_updates(params))
        if method in self.fail:
            code, description = self.fail[method]
            self._record(call)
            return web.json_response({"ok": False, "error_code": code, "description": description})
        call.result = self._result(call)
        self._record(call)
        return self._ok(call.result)

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 0.5)

        def pending() -> list[dict[str, Any]]:
            return [u for u in self.updates if u["update_id"] >= offset]

        if not pending() and timeout:
            async with self._changed:
                try:
                    await asyncio.wait_for(self._changed.wait_for(lambda: bool(pending())), timeout)
                except TimeoutError:
                    pass
        return pending()[:100]

    def _result(self, call: Call) -> Any:
        method, params = call.method, call.params
        if method == "getMe":
            return BOT_USER
        if method == "getFile":
            path, content = self.files[params["file_id"]]
            return {
                "file_id": params["file_id"],
                "file_unique_id": "u",
                "file_size": len(content),
                "file_path": path,
            }
        if method.startswith("send") and method != "sendChatAction" or method.startswith("edit"):
            return self._message(call)
        return True

    def _message(self, call: Call) -> dict[str, Any]:
        params = call.params
        chat_id = int(params.get("chat_id") or 0)
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if "text" in params:
            message["text"] = params["text"]
        if "caption" in params:
            message["caption"] = params["caption"]
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        if call.method == "sendPhoto":
            message["photo"] = [
                {"file_id": "p1", "file_unique_id": "p1", "width": 800, "height": 400}
            ]
        if call.method == "sendDocument":
            name = next(iter(call.files.values()))[0] if call.files else "file"
            message["document"] = {"file_id": "d1", "file_unique_id": "d1", "file_name": name}
        return message

    async def _file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        self._record(Call("download", {"path": path}))
        for stored, content in self.files.values():
            if stored == path:
                return web.Response(body=content)
        raise web.HTTPNotFound()

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})


# running the real bot against it


@dataclass
class FakeAnswer:
    """The shape of `bot.answer.Answer`, for tests that need an answer made to order."""

    question: str
    status: str = "answered"
    intent: str | None = "figure"
    agency: str | None = None
    year: int | None = None
    value: float | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    candidates: list[dict[str, Any]] = field(default_factory=list)
    language: str = "zh"


class FakeEngine:
    """Answers from a dict of question → answer; anything else is echoed back."""

    def __init__(self, answers: dict[str, FakeAnswer] | None = None) -> None:
        self.answers = answers or {}
        self.asked: list[str] = []
        self.reloads = 0

    def answer(self, question: str, context: Any = None) -> FakeAnswer:
        self.asked.append(question)
        if question in self.answers:
            return self.answers[question]
        if question == "boom":
            raise RuntimeError("the engine broke")
        return FakeAnswer(question, text=f"答：{question}")

    def reload(self) -> None:
        self.reloads += 1

    def warm(self) -> float:
        return 0.0

    def close(self) -> None:
        pass


def bot_config(
    db: Any, reports_dir: Any, *, admins: tuple[int, ...] = (1,), per_minute: int = 100
) -> Any:
    """A bot config for `db`, with the server's address filled in by `running_bot`."""
    from bot.telegram.config import AdminConfig, Config, IndexConfig, LimitsConfig, TelegramConfig

    return Config(
        telegram=TelegramConfig(token=TOKEN),
        admin=AdminConfig(user_ids=list(admins)),
        index=IndexConfig(db=db, reports_dir=reports_dir),
        limits=LimitsConfig(messages_per_minute=per_minute),
    )


@asynccontextmanager
async def running_bot(config: Any, engine_factory: Any = None) -> AsyncIterator[BotAPIServer]:
    """The real bot, long-polling a fresh server, stopped cleanly on exit."""
    from bot.telegram.app import make_bot, make_dispatcher

    server = BotAPIServer()
    config.telegram.api_base = await server.start()
    bot = make_bot(config)
    dp = make_dispatcher(config, engine_factory)
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        await server.wait_for("getUpdates")
        yield server
    finally:
        await dp.stop_polling()
        await polling
        await server.close()


@asynccontextmanager
async def fed_bot(
    config: Any, engine_factory: Any = None
) -> AsyncIterator[tuple[BotAPIServer, Callable[..., Awaitable[Any]]]]:
    """The real dispatcher without polling: `feed(message=...)` handles one update and returns."""
    from bot.telegram.app import make_bot, make_dispatcher

    server = BotAPIServer()
    config.telegram.api_base = await server.start()
    bot = make_bot(config)
    dp = make_dispatcher(config, engine_factory)
    update_ids = itertools.count(1)

    async def feed(**update: Any) -> Any:
        return await dp.feed_raw_update(bot, {"update_id": next(update_ids), **update})

    try:
        yield server, feed
    finally:
        await dp.emit_shutdown(bot=bot, **dp.workflow_data)
        await bot.session.close()
        await server.close()
