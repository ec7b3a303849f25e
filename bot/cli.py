"""`python -m bot`: ask questions from the command line, chat, or run the Telegram bot.

A thin layer over `bot.answer.Engine`: every user mistake (no index, a bad date, a
bad option) becomes one `Error: …` line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from index.console import run_command
from index.errors import GongkaiError
from index.store import upgrade

from .answer import Answer, Engine

DEFAULT_DB = Path("data/gongkai.db")
DEFAULT_REPORTS = Path("data/reports")
DEFAULT_CONFIG = "config.toml"


class UsageError(GongkaiError):
    """A bad option or argument."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot",
        description="Answer questions about government information-disclosure annual reports from the index.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ask = sub.add_parser(
        "ask",
        help="answer questions and exit",
        description="Answer each question in turn from the index.",
    )
    ask.add_argument(
        "questions", nargs="+", metavar="QUESTION", help="a question in Chinese or English"
    )
    _engine_options(ask)
    ask.add_argument("--json", action="store_true", help="one JSON object per answer, one per line")
    ask.add_argument(
        "--conversation",
        action="store_true",
        help="the questions are one conversation: each may follow up the ones before "
        "(去年呢, 渠县司法局呢, 那行政复议呢, and Pingtan?, 1 to pick a candidate)",
    )
    ask.add_argument(
        "--explain",
        action="store_true",
        help="print how each question is read (agencies, measure, years, operation, and any "
        "words not understood) before its answer",
    )
    ask.add_argument(
        "--chart",
        type=Path,
        metavar="FILE.png",
        help="write the bar chart of a ranking or a trend, as the bot sends it, to FILE.png "
        "(with several questions, FILE-1.png, FILE-2.png… by question)",
    )

    chat = sub.add_parser(
        "chat",
        help="an interactive prompt for staff",
        description="Ask questions one per line; `quit` or Ctrl-D ends.",
    )
    _engine_options(chat)

    run = sub.add_parser(
        "run",
        help="run the Telegram bot",
        description="Run the Telegram bot (BOT_TOKEN overrides the config's token).",
    )
    run.add_argument(
        "--config",
        default=DEFAULT_CONFIG,
        metavar="FILE",
        help=f"configuration file (default {DEFAULT_CONFIG})",
    )
    return parser


def _engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"index database (default {DEFAULT_DB}, built from the bundled reports on first use)",
    )
    p.add_argument(
        "--today",
        default=None,
        metavar="YYYY-MM-DD",
        help="the date 今年/去年 count from (default: today)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(lambda: _run(build_parser().parse_args(argv)), error_status=1)


def _run(args: argparse.Namespace) -> int:
    if args.command == "run":
        from .telegram.app import run

        run(args.config)
        return 0
    if args.command == "ask" and args.chart and not args.chart.parent.is_dir():
        raise UsageError(f"no folder {args.chart.parent} for the chart {args.chart.name}")
    engine = open_engine(args.db, args.today)
    if args.command == "ask":
        context = None
        charted = True
        for n, question in enumerate(args.questions, 1):
            if args.explain:
                explained = engine.explain(question, context)
                print(
                    explained
                    if not args.json
                    else json.dumps({"explain": explained}, ensure_ascii=False)
                )
            answer = engine.answer(question, context)
            print_answer(answer, as_json=args.json)
            if args.chart:
                many = len(args.questions) > 1
                path = args.chart.with_stem(f"{args.chart.stem}-{n}") if many else args.chart
                charted = write_chart(answer, path) and charted
            if args.conversation:
                context = answer.context
        return 0 if charted else 1
    return chat(engine)


def open_engine(db: Path | None, today: str | None) -> Engine:
    """The engine over `db`, or over `data/gongkai.db` of the folder the command runs in.

    That default index is built from `data/reports` beside it on first use, and said
    so. Elsewhere there is no default: a command run outside the repository must not
    quietly make an index of its own.
    """
    day = _parse_date(today) if today else None
    if db is None:
        db = DEFAULT_DB
        if not db.exists():
            build_default(db)
    elif not db.exists():
        raise UsageError(
            f"no index at {db}: build it with `python -m index build PATH... --db {db}`"
        )
    upgrade(db)  # the engine itself only reads
    return Engine(db, today=day)


def build_default(db: Path) -> None:
    """Build `db` from `data/reports` into a new file, then copy it in whole.

    A build stopped halfway leaves no index rather than part of one, which the next
    question would have taken for the whole.
    """
    from index.build import build_paths
    from index.store import copy_index, remove_index

    if not DEFAULT_REPORTS.is_dir():
        raise UsageError(
            f"no index at {db} and no {DEFAULT_REPORTS} folder here to build one from: "
            "run this in the gongkai folder, or give --db FILE"
        )
    print(f"Building the index {db} from {DEFAULT_REPORTS} (first use)…", file=sys.stderr)
    new = db.with_name(db.name + ".new")
    remove_index(new)
    try:
        results = build_paths([DEFAULT_REPORTS], new)
        for r in results:
            if not r.ok:
                print(f"  {r.file}: {r.error}", file=sys.stderr)
        if not any(r.ok for r in results):
            raise UsageError(f"could not build {db}: no report in {DEFAULT_REPORTS} could be read")
        copy_index(new, db)
    finally:
        remove_index(new)
    print(f"Using the index {db} ({sum(r.ok for r in results)} reports).", file=sys.stderr)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise UsageError(f"--today must be a date like 2025-06-01, not {text!r}") from e


def print_answer(answer: Answer, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        return
    print(answer.text)
    for c in answer.candidates:
        print(f"  → {c['question']}")
    print(flush=True)


def write_chart(answer: Answer, path: Path) -> bool:
    """Draw the answer's chart into `path` and say so on stderr; False when the answer
    is not a ranking or a trend of two bars or more, which has no chart."""
    from .charts import INSTALL_FONT, NO_FONT_NOTE, chart_of, cjk_font

    chart = chart_of(answer)
    if chart is None:
        print(
            f"No chart for “{answer.question}”: only a ranking or a trend of two or more "
            "agencies or years is drawn.",
            file=sys.stderr,
        )
        return False
    path.write_bytes(chart.png())
    print(f"Chart: {path} ({len(chart.labels)} bars).", file=sys.stderr)
    if cjk_font() is None:
        print(f"{NO_FONT_NOTE} For names: {INSTALL_FONT}.", file=sys.stderr)
    return True


def chat(engine: Engine) -> int:
    """Read questions from stdin until `quit` or end of input."""
    interactive = sys.stdin.isatty()
    if interactive:
        print(
            "Ask about the indexed reports (help for examples, quit to end). A question may "
            "follow up the last one (去年呢, 渠县司法局呢, 1 picks a candidate); `why` shows "
            "how the last question was read."
        )
    context = None
    last = ""
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            return 0
        question = line.strip()
        if question.lower() in ("quit", "exit", "q", "退出"):
            return 0
        if question.lower() == "reload":
            engine.reload()
            print("Reloaded.\n")
            continue
        if question.lower() in ("why", "为什么", "explain"):
            print((engine.explain(last) if last else "No question yet.") + "\n")
            continue
        if question:
            answer = engine.answer(question, context)
            print_answer(answer, as_json=False)
            context = answer.context
            last = context.question if context else question
