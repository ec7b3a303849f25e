"""Indexing work done outside the bot's process, so questions keep their speed meanwhile.

Parsing reports is nearly all CPU, and in the bot's process it held the interpreter
away from the question engine: answers slowed during a /reindex, and the reindex
slowed too. A rebuild now runs `python -m index build --json` in a process of its own,
at a lower priority, and reports each file's result as a line the bot reads; an upload
is parsed in a long-lived reader process. Storing an upload and moving its file stay
in the bot (a few milliseconds, and the crash-safe order of `Shelf` is kept there).

A crash in a parsing library kills the reader process, not the bot: the file fails
alone and the next upload gets a new reader.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Any

import index
from index.build import IndexResult, Read, crashed
from index.errors import GongkaiError
from index.parallel import worker_pool

log = logging.getLogger("gongkai.bot")

Progress = Callable[[int, int, str], None]
NICENESS = "10"  # below the bot: a rebuild takes what questions leave of the CPU


class RebuildFailed(GongkaiError):
    """The rebuild process stopped without indexing the folder."""


async def build_apart(
    folder: Path,
    db: Path,
    progress: Progress | None,
    *,
    total: int,
    max_bytes: int,
    jobs: int,
) -> list[IndexResult]:
    """Build the index at `db` from `folder` in a process of its own; `progress` gets
    (files done, `total`, file name) as each file is stored.

    Cancelled (the bot stopping), the build is killed, as a kill of `index build` would
    stop it: the caller removes the half-built file.
    """
    command = [sys.executable, "-m", "index", "build", str(folder), "--db", str(db)]
    command += ["--max-mb", repr(max_bytes / 1048576), "--jobs", str(jobs), "--json"]
    if nice := shutil.which("nice"):
        command = [nice, "-n", NICENESS, *command]
    proc = await asyncio.create_subprocess_exec(
        *command,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=Path(index.__file__).resolve().parents[1],
    )
    assert proc.stdout is not None and proc.stderr is not None
    results: list[IndexResult] = []

    async def read_results() -> None:
        assert proc.stdout is not None
        async for line in proc.stdout:
            result = IndexResult.from_json(json.loads(line))
            results.append(result)
            if progress:
                progress(len(results), max(total, len(results)), result.file)

    try:
        _, errors = await asyncio.gather(read_results(), proc.stderr.read())
        code = await proc.wait()
    except BaseException:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        raise
    if code not in (0, 1) or not results:
        lines = errors.decode("utf-8", "replace").strip().splitlines()
        log.error("rebuild stopped (exit %s): %s", code, "\n".join(lines[-20:]))
        reason = lines[-1] if lines else f"exit status {code}"
        raise RebuildFailed(f"the rebuild stopped: {reason.removeprefix('Error: ')}")
    return results


class Reader:
    """Parses uploads in a process of its own, started at the first upload and kept.

    `read` is `index.build.read_report` with the size limit (a picklable function).
    """

    def __init__(self, read: Callable[[Path], Read]) -> None:
        self._read = read
        self._pool: ProcessPoolExecutor | None = None

    async def read(self, path: Path, **options: Any) -> Read:
        """`read(path, **options)`, or a failed result if the file kills the reader.
        `options` (such as `last_year`) are pickled to the reader with the call."""
        if self._pool is None:
            self._pool = worker_pool(1)
        read = partial(self._read, **options) if options else self._read
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, read, path)
        except BrokenProcessPool:
            self.close()
            return crashed(path)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
