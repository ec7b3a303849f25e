"""The Telegram bot's questions per second, alone and during a /reindex, its requests per
question and its start-up time, against the tests' own Bot API server on 127.0.0.1.

The real bot (`python -m bot run`) runs in a process of its own, pinned to `--cores`
cores; the bench asks 100 questions one at a time (as one person does) and then pushes
`--questions` from many users at once, as polling hands them over, and times the
replies. (All at once, questions queue for the engine; an answer that waits over half a
second shows "typing…", as it should.) An index of the bundled and devset reports and `--reports`
generated ones is built first; /reindex rebuilds it.

    .venv/bin/python bench/bench_bot.py [--questions 600] [--reports 600] [--runs 3]
    .venv/bin/python bench/bench_bot.py --code /tmp/gongkai-before   # another checkout

Figures are printed, not asserted: the machines are shared and noisy. Not part of pytest.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.build import build_paths  # noqa: E402
from tests.botapi import TOKEN, BotAPIServer  # noqa: E402
from tests.conftest import DEVSET, REPORTS  # noqa: E402
from tests.generated import generate  # noqa: E402

ADMIN = 1
QUESTIONS = [
    "伊川县司法局收到多少政府信息公开申请？",
    "淮安市人民政府2024年报告",
    "哪个司法局行政复议最多？",
    "渠县司法局予以公开多少件",
    "上海市人民政府办公厅2019年行政诉讼多少件",
    "伊川县司法局存在的主要问题是什么？",
    "平潭综合实验区2022年收到申请多少",
    "How many requests did 伊川县司法局 receive?",
]


def config(folder: Path, api_base: str) -> Path:
    path = folder / "config.toml"
    path.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\napi_base = "{api_base}"\n'
        f"[admin]\nuser_ids = [{ADMIN}]\n"
        f'[index]\ndb = "{folder / "gongkai.db"}"\nreports_dir = "{folder / "reports"}"\n'
        "[limits]\nmessages_per_minute = 1000000\n",
        encoding="utf-8",
    )
    return path


async def start_bot(code: Path, config_file: Path, cores: int) -> asyncio.subprocess.Process:
    command = [sys.executable, "-m", "bot", "run", "--config", str(config_file)]
    if cores and shutil.which("taskset"):
        command = ["taskset", "-c", ",".join(map(str, range(cores))), *command]
    env = {**os.environ, "PYTHONPATH": str(code)}
    return await asyncio.create_subprocess_exec(
        *command, cwd=code, env=env, stderr=asyncio.subprocess.PIPE
    )


async def watch_log(proc: asyncio.subprocess.Process, words: str, seen: asyncio.Event) -> None:
    """Read the bot's log to its end (a full pipe would stop the bot), noting `words`."""
    assert proc.stderr is not None
    async for line in proc.stderr:
        if words in line.decode("utf-8", "replace"):
            seen.set()


async def ask(api: BotAPIServer, count: int, first_user: int) -> tuple[float, float]:
    """Push `count` questions from as many users; seconds until all are answered, and
    the requests the bot made per question (polling aside)."""
    mark = len(api.calls)
    start = time.perf_counter()
    for n in range(count):
        await api.send_text(QUESTIONS[n % len(QUESTIONS)], user_id=first_user + n)
    users = {str(first_user + n) for n in range(count)}

    def answered() -> set[str]:
        return {
            c.params.get("chat_id")
            for c in api.calls[mark:]
            if c.method in ("sendMessage", "sendDocument") and c.params.get("chat_id") in users
        }

    while len(answered()) < count:
        await asyncio.sleep(0.01)
    seconds = time.perf_counter() - start
    requests = sum(
        1 for c in api.calls[mark:] if c.method != "getUpdates" and c.params.get("chat_id") in users
    )
    return seconds, requests / count


async def one_at_a_time(api: BotAPIServer, count: int, first_user: int) -> tuple[float, float]:
    """Ask `count` questions, each after the last is answered, as one person does: the
    median seconds to an answer, and the requests the bot made per question."""
    waits, requests = [], 0
    for n in range(count):
        mark = len(api.calls)
        start = time.perf_counter()
        user = str(first_user + n)
        await api.send_text(QUESTIONS[n % len(QUESTIONS)], user_id=first_user + n)
        await api.wait_for(
            "sendMessage", where=lambda c, u=user: c.params.get("chat_id") == u, after=mark
        )
        waits.append(time.perf_counter() - start)
        requests += sum(
            1
            for c in api.calls[mark:]
            if c.method != "getUpdates" and c.params.get("chat_id") == user
        )
    return statistics.median(waits), requests / count


async def run_once(code: Path, folder: Path, args: argparse.Namespace) -> dict[str, float]:
    api = BotAPIServer()
    config_file = config(folder, await api.start())
    started = time.perf_counter()
    proc = await start_bot(code, config_file, args.cores)
    warm = asyncio.Event()
    log = asyncio.create_task(watch_log(proc, "engine warm", warm))
    try:
        await api.wait_for("getUpdates", timeout=120)
        startup = time.perf_counter() - started
        if args.warm_wait:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(warm.wait(), args.warm_wait)
        await asyncio.sleep(0.5)
        wait, requests = await one_at_a_time(api, 100, 500_000)
        seconds, burst_requests = await ask(api, args.questions, 1000)
        mark = len(api.calls)
        await api.send_text("/reindex", user_id=ADMIN)
        await api.wait_for("sendMessage", where=lambda c: "重建索引" in c.text, after=mark)
        reindex_started = time.perf_counter()
        during, _ = await ask(api, args.questions, 100_000)
        done = await api.wait_for(
            "editMessageText", where=lambda c: "索引已重建" in c.text, after=mark, timeout=600
        )
        assert done
        reindex = time.perf_counter() - reindex_started
        return {
            "startup": startup,
            "warmed": float(warm.is_set()),
            "qps": args.questions / seconds,
            "burst_requests": burst_requests,
            "wait_ms": 1000 * wait,
            "requests": requests,
            "qps_reindex": args.questions / during,
            "reindex_s": reindex,
        }
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            await proc.wait()
        await log
        await api.close()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--questions", type=int, default=600)
    ap.add_argument("--reports", type=int, default=600, help="generated reports in the index")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cores", type=int, default=1, help="cores the bot may use (0: all)")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose bot to run")
    ap.add_argument(
        "--warm-wait",
        type=float,
        default=60,
        help="seconds to wait for the bot to say its engine is warm (0: a bot that does not)",
    )
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-bot-"))
    try:
        reports = folder / "reports"
        shutil.copytree(REPORTS, reports)
        for path in DEVSET.glob("*.*"):
            if path.suffix in (".pdf", ".txt", ".html"):
                shutil.copy(path, reports)
        generate(reports / "generated", args.reports, random.Random(7))
        build_paths([reports], folder / "gongkai.db")
        runs = [asyncio.run(run_once(args.code.resolve(), folder, args)) for _ in range(args.runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"bot of {args.code}, pinned to {args.cores or 'all'} core(s); {args.runs} runs")
    print(f"index: {args.reports} generated reports and the bundled ones")
    rows = [
        ("start-up to polling (s)", "startup", min),
        ("questions/s, all at once", "qps", max),
        ("requests per question, all at once", "burst_requests", min),
        ("one at a time: ms to the answer", "wait_ms", min),
        ("one at a time: requests per question", "requests", min),
        ("questions/s during /reindex", "qps_reindex", max),
        ("/reindex duration (s)", "reindex_s", min),
    ]
    print(f"{'':38} {'best':>8} {'median':>8}")
    for label, key, best in rows:
        values = [r[key] for r in runs]
        print(f"{label:38} {best(values):8.2f} {statistics.median(values):8.2f}")
    if args.warm_wait and not all(r["warmed"] for r in runs):
        print("(the engine did not say it was warmed: measured without waiting for it)")


if __name__ == "__main__":
    main()
