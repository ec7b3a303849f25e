"""A function over many files in worker processes, its results handed back in order.

Parsing is nearly all of a build's time and each file is parsed on its own, so a build
parses in as many processes as it has cores while one process (the caller) writes:
the store is not safe for writers in several processes, and writing in the files' order
gives the same index, report ids and batches as reading them one by one.

Workers are started by a fork server (a clean process, never a copy of a bot with
threads and open connections) and ignore Ctrl-C: the caller stops them, after rolling
back the batch it was writing, exactly where a serial build stops. A worker killed by
the file it reads (a crash in a PDF library) fails that file alone: the files that were
being read when it died are read again one at a time, each in a process of its own.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
    pool = _pool(jobs, fn)
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
                for again in [chunk, *(c for c, _ in running)]:
                    for item in again:
                        yield _alone(fn, item, crashed)
                running.clear()
                pool = _pool(jobs, fn)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _each(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _alone(fn: Callable[[T], R], item: T, crashed: Callable[[T], R]) -> R:
    """`fn(item)` in a process of its own: its death fails the item alone."""
    with _pool(1, fn) as pool:
        try:
            return pool.submit(fn, item).result()
        except BrokenProcessPool:
            return crashed(item)


def _pool(workers: int, fn: Callable[..., Any]) -> ProcessPoolExecutor:
    """Workers forked from a server that has imported `fn`'s module once for all of them."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        module = getattr(fn, "func", fn).__module__
        context.set_forkserver_preload([module])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
