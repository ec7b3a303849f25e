"""Index files into the store: one report at a time, a failure never touching the rest."""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .divisions import divisions
from .errors import GongkaiError
from .identity import identify
from .last_year import Figures, last_year_tiebreak
from .model import Report
from .parallel import ordered_map
from .parse import open_runs, parse_document
from .readers import DEFAULT_MAX_BYTES, document_of, read_file
from .store import Store

log = logging.getLogger(__name__)

REPORT_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".pdf",
        ".docx",
        ".doc",
        ".wps",
        ".html",
        ".htm",
        ".shtml",
        ".xhtml",
    }
)

# files done, files in all, and the result of the file just done
Progress = Callable[[int, int, "IndexResult"], None]

# files committed together: a commit per report cost more than parsing it, and each
# commit writes again the pages of `figure_values` and the full-text index that every
# report touches (a page per cell): 200 wrote 121 KB a report against 175 for 50, and
# stored a report in 1.42 ms against 1.77 (`bench/bench_store.py`). A build stopped
# half-way does at most this many files again when run again.
BATCH = 200


@dataclass
class IndexResult:
    """The outcome for one file, as the build summary and the bot show it."""

    file: str
    status: str  # added, replaced, unchanged, failed
    agency: str | None = None
    year: int | None = None
    figures: int = 0
    failed_checks: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexResult:
        return cls(**data)


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and report files found recursively in folders, in a stable order.

    Inside a folder, a link that leads out of it is not followed: building a folder must
    not read (and an upload's reindex must not publish) files from elsewhere on the server.
    """
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        root = path.resolve()
        out.extend(
            p
            for p in sorted(path.rglob("*"))
            if p.suffix.lower() in REPORT_SUFFIXES
            and not p.name.startswith(".")
            and p.is_file()
            and p.resolve().is_relative_to(root)
        )
    return out


Read = tuple[Report | None, str, IndexResult]


def read_report(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, last_year: Figures | None = None
) -> Read:
    """Parse `path`: the report (None when it cannot be stored), its file's sha256, and
    the result as the summary shows it (`failed` with the reason, until it is stored).
    `last_year`: the figures of the same agency's report of the year before, to break
    ties between splits of digit runs (`index.last_year`).

    Reasons are the person's to act on and never carry a library's own message (which
    may hold paths); the log keeps the detail.
    """
    name = path.name
    tiebreaks = [last_year_tiebreak(last_year)] if last_year else []
    try:
        data = read_file(path, max_bytes=max_bytes)  # refuses a file over the limit unread
        # the bytes parsed are the bytes hashed, read once
        report = parse_document(document_of(data, name), tiebreaks=tiebreaks)
    except GongkaiError as e:
        return None, "", IndexResult(name, "failed", error=str(e))
    except OSError as e:
        return None, "", IndexResult(name, "failed", error=f"cannot open {name}: {e.strerror}")
    except Exception as e:  # a bug must not stop the other files of a run
        log.exception("unexpected error while reading %s", name)
        return (
            None,
            "",
            IndexResult(
                name, "failed", error=f"unexpected error while reading ({type(e).__name__})"
            ),
        )
    result = IndexResult(
        name,
        "failed",
        report.agency,
        report.year,
        figures=sum(f.value is not None for f in report.figures),
        failed_checks=[c.rule for c in report.checks if c.status == "fail"],
        warnings=report.warnings,
    )
    if not report.agency or not report.year:
        missing = "agency" if not report.agency else "year"
        result.error = f"cannot tell the report's {missing} from its title; check that the file starts with the report's title"
        return None, "", result
    return report, hashlib.sha256(data).hexdigest(), result


def store_report(
    store: Store, report: Report, sha256: str, result: IndexResult, source_file: str
) -> IndexResult:
    """Store a report read by `read_report` under `source_file`; an error fails it alone."""
    try:
        stored = store.add(report, source_file=source_file, sha256=sha256)
    except Exception as e:  # the report's savepoint is rolled back; the build goes on
        log.exception("could not store %s", result.file)
        result.error = f"could not be stored ({type(e).__name__})"
        return result
    result.status = stored.status
    return result


def needs_last_year(read: Read) -> bool:
    """Whether the report read left digit runs unsplit that the same agency's report of
    last year might decide: read it again with that report's figures."""
    report = read[0]
    return report is not None and open_runs(report)


def with_last_year(store: Store, path: Path, read: Read, *, max_bytes: int) -> Read:
    """`read` of `path`, or `path` read again with the figures of the same agency's
    report of last year when it left runs open and the store holds that report."""
    report = read[0]
    if report is None or not open_runs(report):
        return read
    assert report.agency and report.year
    last = store.last_year(report.agency, report.year)
    return read_report(path, max_bytes=max_bytes, last_year=last) if last else read


def index_file(store: Store, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IndexResult:
    """Parse `path` and store it; any error leaves the store as it was."""
    read = with_last_year(store, path, read_report(path, max_bytes=max_bytes), max_bytes=max_bytes)
    report, sha256, result = read
    if report is None:
        return result
    return store_report(store, report, sha256, result, path.name)


def build_paths(
    paths: Iterable[Path],
    db_path: Path,
    progress: Progress | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    batch: int = BATCH,
) -> list[IndexResult]:
    """Index every report file under `paths` into the database at `db_path`.

    With `jobs` above 1, files are parsed in that many worker processes and written
    here, in the same order and batches as a serial build: the same index either way.
    Every `batch` files are committed together, each report all or nothing within.

    A report whose digit runs were left unsplit is held back and stored last, after
    every other file, read again with the figures of the same agency's report of the
    year before if the index then holds it (`index.last_year`): the files of one agency
    may come in any order. Held reports are stored by agency and year, so a year split
    this way helps the next. Results are returned in the files' order; `progress` sees
    them as they are stored.
    """
    with _collector_set_for_a_build():
        return _build(paths, db_path, progress, max_bytes=max_bytes, jobs=jobs, batch=batch)


# objects made, less those freed, between two passes of the collector during a build
BUILD_GC_THRESHOLD = 20_000


@contextmanager
def _collector_set_for_a_build() -> Iterator[None]:
    """The garbage collector set for parsing thousands of reports, and set back after.

    The objects alive before the build (the divisions table, loaded first, and the
    modules) are left out of its passes: each full pass walked them all again. And it
    runs after 20,000 new objects rather than 700: a report's parse holds a few
    thousand at once and frees nearly all of them as it ends, so at 700 the collector
    ran about once a report, walking objects about to be freed anyway. Together these
    took 4-6 % of a report's parse (0.16-0.18 ms, timed by `gc.callbacks`); now none
    of it in a build of thousands. Cycles made during the build are still collected.
    Worker processes of a parallel build parse with the collector as it is.
    """
    divisions()
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(BUILD_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _build(
    paths: Iterable[Path],
    db_path: Path,
    progress: Progress | None,
    *,
    max_bytes: int,
    jobs: int,
    batch: int,
) -> list[IndexResult]:
    files = find_files(Path(p) for p in paths)
    store = Store(db_path)
    results: list[IndexResult | None] = [None] * len(files)
    # the agency's identity, the year, the file's place, the agency as printed
    held: list[tuple[str, int, int, str]] = []
    reads = ordered_map(partial(read_report, max_bytes=max_bytes), files, jobs, crashed)

    stored = 0

    def done(n: int, result: IndexResult) -> None:
        nonlocal stored
        results[n] = result
        stored += 1
        if progress:
            progress(stored, len(files), result)

    try:
        with store.bulk():
            for first in range(0, len(files), batch):
                with store.batch():
                    for n in range(first, min(first + batch, len(files))):
                        read = next(reads)
                        report, sha256, result = read
                        if report is not None and needs_last_year(read):
                            assert report.agency and report.year
                            key = identify(report.agency, report.year).key
                            held.append((key, report.year, n, report.agency))
                            continue
                        if report is not None:
                            result = store_report(store, report, sha256, result, files[n].name)
                        done(n, result)
        # after the bulk load, whose figure indexes are made only at its end
        held.sort()
        for first in range(0, len(held), batch):
            with store.batch():
                for _, year, n, agency in held[first : first + batch]:
                    path = files[n]
                    last = store.last_year(agency, year)
                    report, sha256, result = read_report(path, max_bytes=max_bytes, last_year=last)
                    if report is not None:
                        result = store_report(store, report, sha256, result, path.name)
                    done(n, result)
    finally:
        reads.close()
        store.close()
    return [r for r in results if r is not None]


def crashed(path: Path) -> Read:
    """The result of a file whose reader process died (a crash in a library): failed."""
    log.error("the reader stopped on %s (a crash in a library)", path.name)
    return (
        None,
        "",
        IndexResult(path.name, "failed", error="could not be read (the reader crashed)"),
    )
