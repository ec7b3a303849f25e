"""Index a few thousand generated text reports and print reports per second and peak memory.

The reports are the bundled seeds with their table numbers replaced by random ones and
their agency names changed, so every layout of `data/reports/` is measured. The devset
PDF is read by gongkai both ways (PDFium, pdfminer) and, in the same run, by pdfplumber,
pypdfium2, `pdftotext` and PyMuPDF where installed. Run:

    .venv/bin/python bench/bench_index.py [--reports 3000] [--pdf 20] [--jobs 2]

pinned to one core (`taskset -c 0`) for the one-core figures; `--jobs` adds a build
parsing in that many processes (give it as many cores). Each measurement is repeated
(`--runs`), and the best and median rates are printed: the machines are shared and
noisy, so figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.build import build_paths  # noqa: E402
from index.checks import run_checks  # noqa: E402
from index.meta import agency_and_year, find_title  # noqa: E402
from index.normalize import clean_document, render  # noqa: E402
from index.parallel import available_cores  # noqa: E402
from index.parse import _figures, _headings, _read_tables, parse_file  # noqa: E402
from index.readers import read_document  # noqa: E402
from index.readers.pdf import read_pdf  # noqa: E402
from index.sections import split_sections  # noqa: E402
from index.store import TABLE_SECTIONS, segment  # noqa: E402
from tests.generated import generate  # noqa: E402


def stages(paths: list[Path]) -> dict[str, float]:
    """Milliseconds per report spent in each step of `index.parse.parse_document`, and in
    the jieba segmentation the store does, to show where indexing time goes."""
    spent: dict[str, float] = {}

    def timed(name: str, fn, *args):  # noqa: ANN001, ANN202
        start = time.perf_counter()
        result = fn(*args)
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return result

    for path in paths:
        doc = timed("read", read_document, path)
        doc = timed("clean", clean_document, doc)
        text, spans = timed("render", render, doc)
        title = timed("title", find_title, text)
        timed("agency+year", agency_and_year, title, text)
        headings = timed("headings", _headings, text)
        _, reads, warnings = timed("tables", _read_tables, text, spans, headings)
        sections = timed("sections", split_sections, text, headings)
        figures = timed("figures", _figures, reads, sections[0].text, warnings)
        values = {(f.table, f.row, f.column): f.value for f in figures}
        timed("checks", run_checks, values, {(f.table, f.row) for f in figures})
        prose = [s.text for s in sections if s.number not in TABLE_SECTIONS]
        timed("jieba (store)", lambda texts: [segment(t) for t in texts], prose)
    return {k: 1000 * v / len(paths) for k, v in spent.items()}


def pdf_readers(pdf: Path) -> dict[str, Callable[[], object]]:
    """Ways to read the devset PDF, gongkai's and others', each a call that reads it once."""
    import pdfplumber
    import pypdfium2

    data = pdf.read_bytes()

    def plumber_tables() -> object:
        with pdfplumber.open(pdf) as doc:
            return [page.extract_tables() for page in doc.pages]

    def pdfium_text() -> object:
        doc = pypdfium2.PdfDocument(data)
        try:
            return [page.get_textpage().get_text_range() for page in doc]
        finally:
            doc.close()

    readers: dict[str, Callable[[], object]] = {
        "gongkai parse_file (PDFium path)": lambda: parse_file(pdf),
        "gongkai read, PDFium path": lambda: read_pdf(data),
        "gongkai read, pdfminer path (before)": lambda: read_pdf(data, pdfium=False),
        "pdfplumber extract_tables alone": plumber_tables,
        "pypdfium2 text alone": pdfium_text,
    }
    if shutil.which("pdftotext"):
        readers["pdftotext -layout"] = lambda: subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
        )
    try:
        import pymupdf  # noqa: F401  (AGPL: measured when installed, never a dependency)
    except ImportError:
        pass
    else:

        def mupdf() -> object:
            with pymupdf.open(pdf) as doc:
                return [(list(page.find_tables()), page.get_text()) for page in doc]

        readers["PyMuPDF find_tables + get_text"] = mupdf
    return readers


def rate(fn: Callable[[], object], times: int, runs: int) -> tuple[float, float]:
    """Best and median calls per second over `runs` rounds of `times` calls."""
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(times):
            fn()
        rates.append(times / (time.perf_counter() - start))
    return max(rates), statistics.median(rates)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--reports", type=int, default=3000)
    ap.add_argument("--pdf", type=int, default=20, help="times to parse the devset PDF")
    ap.add_argument(
        "--runs",
        type=int,
        default=3,
        help="times to repeat each measurement (a shared machine is noisy)",
    )
    ap.add_argument(
        "--jobs",
        type=int,
        default=available_cores(),
        help="also build with this many parsing processes (default: the cores available)",
    )
    args = ap.parse_args()
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    try:
        paths = generate(tmp / "reports", args.reports, rng)
        # as many again, of other agencies: added to an index that already holds the first
        # batch, which keeps its indexes up to date report by report (the bot's uploads)
        more = generate(tmp / "more", args.reports, rng, first=args.reports)
        segment("预热 jieba 词典")  # load jieba once, as a running indexer has
        parse_s, build_s, add_s, jobs_s = [], [], [], []
        # this process's CPU time too: on a shared machine, waiting for the core is not
        # the indexer's, and the CPU rate moves far less from run to run
        parse_c, build_c, add_c = [], [], []
        for run in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            for p in paths:
                parse_file(p)
            parse_s.append(time.perf_counter() - t0)
            parse_c.append(time.process_time() - c0)
            db = tmp / f"bench-{run}.db"
            t0, c0 = time.perf_counter(), time.process_time()
            results = build_paths([tmp / "reports"], db)
            build_s.append(time.perf_counter() - t0)
            build_c.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            results += build_paths([tmp / "more"], db)
            add_s.append(time.perf_counter() - t0)
            add_c.append(time.process_time() - c0)
            if args.jobs > 1:
                t0 = time.perf_counter()
                build_paths([tmp / "reports"], tmp / f"bench-jobs-{run}.db", jobs=args.jobs)
                jobs_s.append(time.perf_counter() - t0)
        failed = sum(not r.ok for r in results)
        print(f"text reports: {len(paths)} (+{len(more)})  failed: {failed}  runs: {args.runs}")
        print("                                   best   median  CPU best  (reports/s)")
        for name, times, cpu in (
            ("parse only", parse_s, parse_c),
            ("parse + store, new index", build_s, build_c),
            ("parse + store, added", add_s, add_c),
            (f"parse + store, new index, --jobs {args.jobs}", jobs_s, []),
        ):
            if times:
                rates = sorted(len(paths) / t for t in times)
                by_cpu = f"{len(paths) / min(cpu):9.1f}" if cpu else ""
                print(f"{name:<33} {rates[-1]:8.1f} {statistics.median(rates):8.1f} {by_cpu}")
        print("per report, by stage:")
        for name, ms in stages(paths[:500]).items():
            print(f"  {name:<15} {ms:6.2f} ms")
        pdf = ROOT.parent / "shared" / "devset" / "huaian-shi-zf-2024.pdf"
        if pdf.exists() and args.pdf:
            print(f"the devset PDF ({pdf.name}, 6 pages), reads/s, {args.pdf} a run:")
            print(f"  {'':36} {'best':>8} {'median':>8}")
            for name, read in pdf_readers(pdf).items():
                best, median = rate(read, args.pdf, args.runs)
                print(f"  {name:<36} {best:8.1f} {median:8.1f}")
        print(f"peak memory:       {peak_mb():8.1f} MB (max RSS)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
