"""Index a few thousand generated text reports and print reports per second and peak memory.

The reports are the bundled seeds with their figures multiplied by a factor of their own
(their identities hold, as real reports' do; one in ten has a figure off by one) and
their agency names changed, so every layout of `data/reports/` is measured. The devset
PDF is read by gongkai both ways (PDFium, pdfminer) and, in the same run, by pdfplumber,
pypdfium2, `pdftotext` and PyMuPDF where installed; the steps the speed work of issue 15
changed (tables' cells, calls into PDFium) are timed the old way and the new. Run:

    .venv/bin/python bench/bench_index.py [--reports 3000] [--pdf 20] [--jobs 2]

pinned to one core (`taskset -c 0`) for the one-core figures; `--jobs` adds a build
parsing in that many processes (give it as many cores). Each measurement is repeated
(`--runs`), and the best and median rates are printed (for the PDF readers also the
best by CPU time, which waiting for a shared core does not count): the machines are
shared and noisy, so figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import io
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.build import BATCH, build_paths  # noqa: E402
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
        "  same, pdfplumber's tables (before)": lambda: with_plumber_tables(parse_file, pdf),
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


def with_plumber_tables(fn: Callable[[Path], object], pdf: Path) -> object:
    """`fn(pdf)` with tables found and read by pdfplumber's `find_tables` and
    `Table.extract`, as before `index.readers.pdf_tables`."""
    from index.readers import pdf as reader

    class PlumberCells:
        def __init__(self, page: object) -> None:
            pass

        def extract(self, table: Any) -> object:
            return table.extract()

    saved = reader.find_tables, reader.CellText
    reader.find_tables, reader.CellText = lambda page: page.find_tables(), PlumberCells
    try:
        return fn(pdf)
    finally:
        reader.find_tables, reader.CellText = saved


def pdf_steps(pdf: Path) -> dict[str, Callable[[], object]]:
    """Steps of reading the devset PDF, each done the way gongkai did before and the way
    it does now, on the same pages (read by PDFium once, up front)."""
    import pdfplumber

    from index.readers.pdf_tables import CellText, find_tables
    from index.readers.pdfium_objects import load_objects

    data = pdf.read_bytes()
    doc = pdfplumber.open(io.BytesIO(data))
    pages = doc.pages
    load_objects(data, pages)

    def plumber_cells() -> object:
        return [[t.extract() for t in page.find_tables()] for page in pages]

    def gongkai_cells() -> object:
        out = []
        for page in pages:
            text = CellText(page)
            out.append([text.extract(t) for t in find_tables(page)])
        return out

    assert plumber_cells() == gongkai_cells()
    return {
        "tables' cells, pdfplumber (before)": plumber_cells,
        "tables' cells, pdf_tables (now)": gongkai_cells,
        **char_calls(data),
    }


def char_calls(data: bytes) -> dict[str, Callable[[], object]]:
    """PDFium's object, origin and loose box of every character of the devset PDF, by
    functions declared with their argument types (before) and by `pdfium_calls` (now)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as fpdf

    from index.readers import pdfium_calls as c

    def declared(function: object, restype: object, *argtypes: object) -> Callable[..., int]:
        address = ctypes.cast(function, ctypes.c_void_p).value
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)

    size, num = ctypes.c_size_t, ctypes.c_int
    old_object = declared(fpdf.FPDFText_GetTextObject, size, size, num)
    old_origin = declared(fpdf.FPDFText_GetCharOrigin, num, size, num, size, size)
    old_loose = declared(fpdf.FPDFText_GetLooseCharBox, num, size, num, size)
    doc = pypdfium2.PdfDocument(data)
    textpages = [fpdf.FPDFText_LoadPage(page.raw) for page in doc]
    origin, loose = (ctypes.c_double * 2)(), (ctypes.c_float * 4)()
    x_at, loose_at = ctypes.addressof(origin), ctypes.addressof(loose)

    def before() -> object:
        for textpage in textpages:
            tp = c.handle(textpage).value
            for n in range(c.count_chars(c.handle(textpage))):
                old_object(tp, n)
                old_origin(tp, n, x_at, x_at + 8)
                old_loose(tp, n, loose_at)
        return None

    def now() -> object:
        x, y = ctypes.c_double(), ctypes.c_double()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        for textpage in textpages:
            tp = c.handle(textpage)
            for n in range(c.count_chars(tp)):
                c.char_object(tp, n)
                c.char_origin(tp, n, x_ref, y_ref)
                c.char_loose_box(tp, n, loose)
        return None

    return {"3 calls a char, argtypes (before)": before, "3 calls a char, pdfium_calls (now)": now}


def rate(fn: Callable[[], object], times: int, runs: int) -> tuple[float, float, float]:
    """Best and median calls per second over `runs` rounds of `times` calls by the clock,
    and the best by CPU time: where other work shares the core, the clock counts the time
    spent waiting for it too."""
    rates, cpu_rates = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        for _ in range(times):
            fn()
        rates.append(times / (time.perf_counter() - start))
        cpu_rates.append(times / (cpu_seconds() - start_cpu))
    return max(rates), statistics.median(rates), max(cpu_rates)


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (`pdftotext`)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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
        parse_s, build_s, add_s, jobs_s, add50_s = [], [], [], [], []
        # this process's CPU time too: on a shared machine, waiting for the core is not
        # the indexer's, and the CPU rate moves far less from run to run
        parse_c, build_c, add_c, add50_c = [], [], [], []
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
            # the same added as builds committed every 50 files did before schema 7, in
            # turn with the build as it is (which goes first changes every run)
            db50 = tmp / f"bench-{run}-50.db"
            shutil.copy(db, db50)
            for batch in (BATCH, 50) if run % 2 else (50, BATCH):
                t0, c0 = time.perf_counter(), time.process_time()
                added = build_paths([tmp / "more"], db if batch == BATCH else db50, batch=batch)
                (add_s if batch == BATCH else add50_s).append(time.perf_counter() - t0)
                (add_c if batch == BATCH else add50_c).append(time.process_time() - c0)
            results += added
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
            ("  the same, batches of 50 (before)", add50_s, add50_c),
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
            print(f"  {'':36} {'best':>8} {'median':>8} {'best CPU':>9}")
            for name, read in pdf_readers(pdf).items():
                best, median, cpu = rate(read, args.pdf, args.runs)
                print(f"  {name:<36} {best:8.1f} {median:8.1f} {cpu:9.1f}")
            print("  its steps, both ways, pages read once:")
            for name, step in pdf_steps(pdf).items():
                best, median, cpu = rate(step, args.pdf, args.runs)
                print(f"  {name:<36} {best:8.1f} {median:8.1f} {cpu:9.1f}")
        print(f"peak memory:       {peak_mb():8.1f} MB (max RSS)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
