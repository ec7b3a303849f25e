"""The bot's long-lived helpers: the engine on its own thread, the indexer, small memories.

The engine is synchronous and touches SQLite, so it runs off the event loop on one
dedicated thread (a SQLite connection belongs to the thread that opened it, and
questions are quick). The indexer parses in other processes (`apart`: uploads in a
reader process, /reindex as an `index build` of its own), so questions keep their speed
meanwhile, and stores uploads in a worker thread; one lock keeps uploads and /reindex
from writing at the same time.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from index.build import IndexResult, Read, find_files, needs_last_year, read_report, store_report
from index.errors import GongkaiError
from index.parallel import available_cores
from index.readers import DEFAULT_MAX_BYTES
from index.store import Store, copy_index, remove_index

from .apart import Progress, Reader, build_apart
from .shelf import Shelf, shelf_name

log = logging.getLogger("gongkai.bot")


class AnswerLike(Protocol):
    """What the bot reads from `bot.answer.Answer`."""

    question: str
    status: str
    intent: str | None
    agency: str | None
    year: int | None
    value: float | None
    figures: list[dict[str, Any]]
    text: str
    candidates: list[dict[str, Any]]
    language: str


class EngineLike(Protocol):
    def answer(self, question: str, context: Any = None) -> AnswerLike: ...

    def reload(self) -> None: ...

    def warm(self) -> float: ...

    def close(self) -> None: ...


class Conversations:
    """The last answer's context per chat, so that 去年呢 or 1 follows up what was asked
    there; forgotten after `ttl` seconds (a question an hour later starts afresh) and
    beyond `size` chats (least recent first)."""

    def __init__(self, ttl: float = 600.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._kept: OrderedDict[int, tuple[float, Any]] = OrderedDict()

    def get(self, chat_id: int) -> Any:
        kept = self._kept.get(chat_id)
        if kept is None or time.monotonic() - kept[0] > self.ttl:
            self._kept.pop(chat_id, None)
            return None
        return kept[1]

    def keep(self, chat_id: int, context: Any) -> None:
        self._kept[chat_id] = (time.monotonic(), context)
        self._kept.move_to_end(chat_id)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)


class AsyncEngine:
    """The question engine, created and called on one thread of its own."""

    def __init__(self, factory: Callable[[], EngineLike]) -> None:
        self._factory = factory
        self._engine: EngineLike | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine")
        self.asked: Counter[str] = Counter()
        self.conversations = Conversations()
        self._warming: asyncio.Task[None] | None = None

    def _get(self) -> EngineLike:
        if self._engine is None:
            self._engine = self._factory()
        return self._engine

    async def _run(self, fn: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)

    async def answer(self, question: str, chat_id: int | None = None) -> AnswerLike:
        """The engine's answer; with a chat, a follow-up of that chat's last question."""
        context = self.conversations.get(chat_id) if chat_id is not None else None
        answer = await self._run(lambda: self._get().answer(question, context))
        self.asked[answer.status] += 1
        if chat_id is not None:
            self.conversations.keep(chat_id, getattr(answer, "context", None))
        return answer

    async def reload(self) -> None:
        """Make the engine see what the indexer just wrote."""
        await self._run(lambda: self._get().reload())

    def warm_in_background(self) -> None:
        """Start `warm` as a task of the running loop, kept until it ends."""
        self._warming = asyncio.create_task(self.warm())

    async def warm(self) -> None:
        """`Engine.warm()`, on a thread of its own so that questions asked meanwhile are
        answered (they wait at most for the one figure being read). A missing index or
        a stop meanwhile ends it quietly."""
        try:
            engine = await self._run(self._get)
            seconds = await asyncio.to_thread(engine.warm)
        except Exception as e:  # the index is missing, or was closed under it at a stop
            log.info("engine not warmed: %s", e)
            return
        log.info("engine warmed in %.1f s", seconds)

    def close(self) -> None:
        """Close the engine's connection on its own thread, then the thread."""
        if self._engine is not None:
            self._pool.submit(self._engine.close).result()
        self._pool.shutdown(wait=True)


class ShuttingDown(GongkaiError):
    """The bot is stopping; an indexing job that had not started yet is dropped."""


class NothingRead(GongkaiError):
    """A rebuild read no report at all: the live index is kept rather than emptied."""


@dataclass
class Indexer:
    """Adds uploaded reports and rebuilds the index, one job at a time, off the loop."""

    db_path: Path
    reports_dir: Path
    engine: AsyncEngine
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = field(default_factory=available_cores)  # processes a rebuild parses in
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _closing: bool = False
    _reader: Reader | None = None

    @property
    def shelf(self) -> Shelf:
        return Shelf(self.reports_dir)

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    async def add_file(self, download: Path, name: str) -> IndexResult:
        """Index a downloaded file and keep it in the reports folder under a name of the bot's.

        A file that cannot be read, or that holds a report already indexed, is not
        kept. One that replaces a report for the same agency and year takes the old
        file's place in the folder, so that /reindex rebuilds the same index; the moves
        are made so that a kill at any moment leaves them finished or undone (`Shelf`).
        A report whose digit runs were left unsplit is read again with the figures of
        the same agency's report of last year, when the index holds it (`index.last_year`).
        """
        async with self._lock:
            if self._closing:
                raise ShuttingDown("the bot is restarting; please send the file again in a minute")
            if self._reader is None:
                self._reader = Reader(partial(read_report, max_bytes=self.max_bytes))
            read = await self._reader.read(download)
            if needs_last_year(read) and (last := await asyncio.to_thread(self._last_year, read)):
                read = await self._reader.read(download, last_year=last)
            result = await asyncio.to_thread(self._add, read, download, name)
            if result.status in ("added", "replaced"):
                await self.engine.reload()
            return result

    def _last_year(self, read: Read) -> dict[tuple[int, str, str], float | int] | None:
        """The figures of the report's agency's report of the year before, if indexed."""
        report = read[0]
        if report is None or not report.agency or not report.year or not self.db_path.exists():
            return None
        store = Store(self.db_path)
        try:
            return store.last_year(report.agency, report.year)
        finally:
            store.close()

    def _add(self, read: Read, download: Path, name: str) -> IndexResult:
        report, sha256, result = read
        result.file = name
        if report is None:
            return result
        store = Store(self.db_path)
        try:
            old = store.stored_as(report.agency or "", report.year or 0)
            if old and old.sha256 == sha256:
                result.status = "unchanged"
                return result
            move = self.shelf.put(download, shelf_name(report, sha256), old and old.source_file)
            try:
                result = store_report(store, report, sha256, result, move.name)
            except BaseException:
                self.shelf.undo(move)
                raise
            if result.ok:
                self.shelf.settle(move)
            else:
                self.shelf.undo(move)
            return result
        finally:
            store.close()

    def recover(self) -> None:
        """At start: repair what a kill interrupted (an index's missing full-text index or
        figure indexes, an upload's half-made moves, a rebuild's leftover file)."""
        remove_index(self.db_path.with_name(self.db_path.name + ".new"))
        if not self.db_path.exists():
            return
        store = Store(self.db_path)
        try:
            self.shelf.recover(store.holds_file)
        finally:
            store.close()

    async def reindex(self, progress: Progress | None = None) -> list[IndexResult]:
        """Rebuild the index from the reports folder into a new file, then copy it in.

        Readers keep the old index until the new one is complete, and a stop halfway
        leaves the old one untouched. The new index replaces the live one through
        SQLite (`copy_index`), never by renaming a file under open connections. A
        rebuild in which no file could be read keeps the old index.
        """
        async with self._lock:
            if self._closing:
                raise ShuttingDown("the bot is restarting; run /reindex again in a minute")
            new = self.db_path.with_name(self.db_path.name + ".new")
            remove_index(new)
            try:
                files = await asyncio.to_thread(find_files, [self.reports_dir])
                if files:
                    results = await build_apart(
                        self.reports_dir,
                        new,
                        progress,
                        total=len(files),
                        max_bytes=self.max_bytes,
                        jobs=self.jobs,
                    )
                else:  # an empty folder makes an empty index, as a build of it does
                    results = []
                    await asyncio.to_thread(lambda: Store(new).close())
                if not any(r.ok for r in results) and self.db_path.exists():
                    raise NothingRead(
                        "no file of the reports folder could be read; the index is unchanged"
                    )
                await asyncio.to_thread(copy_index, new, self.db_path)
            finally:
                remove_index(new)
            await self.engine.reload()
            return results

    async def close(self) -> None:
        """Let a running job finish (its result is kept) and refuse new ones."""
        self._closing = True
        async with self._lock:
            if self._reader is not None:
                await asyncio.to_thread(self._reader.close)


@dataclass
class Parts:
    """A long answer cut into messages, with the buttons that go under its last part."""

    parts: list[str]
    markup: Any
    language: str


class AskMemory:
    """What the buttons under recent answers stand for, so a button can carry a small id:
    the candidates of ambiguous answers, and the parts of long answers not sent yet."""

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._asks: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._parts: OrderedDict[int, Parts] = OrderedDict()
        self._ids = itertools.count(1)

    def _keep(self, kept: OrderedDict[int, Any], item: Any) -> int:
        key = next(self._ids)
        kept[key] = item
        if len(kept) > self._size:
            kept.popitem(last=False)
        return key

    def remember(self, candidates: list[dict[str, Any]]) -> int:
        return self._keep(self._asks, candidates)

    def question(self, ask: int, candidate: int) -> str | None:
        for item in self._asks.get(ask, []):
            if item["id"] == candidate:
                return item["question"]
        return None

    def remember_parts(self, parts: list[str], markup: Any, language: str) -> int:
        return self._keep(self._parts, Parts(parts, markup, language))

    def parts(self, key: int) -> Parts | None:
        return self._parts.get(key)
