"""A function over many files in worker processes, its results handed back in order.

Parsing is nearly all of a build's time and each file is parsed on its own, so a build
parses in as many processes as it has cores while one process (the caller) writes:
the store is not safe for writers in several processes, and writing in the files' order
gives the same index, report ids and batches as reading them one by one.

Workers are fresh interpreters (`spawn`) that ignore Ctrl-C and end with the caller:
the caller stops them, after rolling back the batch it was writing, exactly where a
serial build stops. A worker killed by
the file it reads (a crash in a PDF library) fails that file alone: the files that were
being read when it died are read again one at a time, in a process that only a
crash replaces.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16  # items sent to a worker at once, at most


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(
    fn: Callable[[T], R], items: Sequence[T], jobs: int, crashed: Callable[[T], R]
) -> Iterator[R]:
    """`fn` of each item, in the order of `items`, computed by up to `jobs` processes.

    `fn` must be picklable (a module-level function, or a `functools.partial` of one).
    Items go to the workers a few at a time (a round trip per item cost as much as
    reading a text report). An item whose process dies under it gets `crashed(item)`.
    """
    jobs = min(jobs, len(items))
    if jobs <= 1:
        yield from map(fn, items)
        return
    size = max(1, min(CHUNK, len(items) // (4 * jobs)))
    waiting = deque(items[n : n + size] for n in range(0, len(items), size))
    pool = worker_pool(jobs)
    try:
        running: deque[tuple[Sequence[T], Future[list[R]]]] = deque()
        while waiting or running:
            while waiting and len(running) < 2 * jobs:
                try:
                    running.append((waiting[0], pool.submit(_each, fn, waiting[0])))
                except BrokenProcessPool:  # a worker died; the running chunks will say so
                    break
                waiting.popleft()
            chunk, future = running.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                suspects = [item for c in [chunk, *(c for c, _ in running)] for item in c]
                yield from _one_by_one(fn, suspects, crashed)
                running.clear()
                pool = worker_pool(jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _each(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _one_by_one(fn: Callable[[T], R], items: list[T], crashed: Callable[[T], R]) -> Iterator[R]:
    """`fn` of each item, one at a time in one worker: the item its worker dies under
    gets `crashed(item)`, and the rest go on in a new worker."""
    pool = worker_pool(1)
    try:
        for item in items:
            try:
                yield pool.submit(fn, item).result()
            except BrokenProcessPool:
                yield crashed(item)
                pool.shutdown(wait=True, cancel_futures=True)
                pool = worker_pool(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Workers started as fresh interpreters (never copies of a bot with threads and
    open connections).

    They ignore Ctrl-C (whoever started them stops them) and end when that process
    does, even killed with -9: each holds the reading end of a pipe whose other end
    only the starting process holds, and leaves when it reads the end of it. (Left to
    themselves, workers of a killed build waited for work forever; a fork server's
    left a worker it was starting, and itself.)
    """
    return _Pool(workers, multiprocessing.get_context("spawn"))


class _Pool(ProcessPoolExecutor):
    def __init__(self, workers: int, context: Any) -> None:
        lifeline, self._held = context.Pipe(duplex=False)
        super().__init__(
            workers, mp_context=context, initializer=_start_worker, initargs=(lifeline,)
        )

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait, cancel_futures=cancel_futures)
        self._held.close()


def _start_worker(lifeline: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()


def _exit_with_parent(lifeline: Connection) -> None:
    try:
        lifeline.recv()
    except EOFError:
        pass
    os._exit(0)
