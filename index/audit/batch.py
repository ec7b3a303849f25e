"""Audits of many reports: indexed ones, or files read and stored nowhere (drafts)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import GongkaiError
from ..parse import parse_file
from ..readers import DEFAULT_MAX_BYTES
from .indexed import BATCH, Indexed, Ref
from .model import Audit
from .run import audit
from .subject import Subject


def audit_indexed(index: Indexed, refs: Sequence[Ref]) -> Iterator[Audit]:
    """Each report of `refs` against the same agency's previous report in the index."""
    previous = index.previous(refs)
    for first in range(0, len(refs), BATCH):
        chunk = refs[first : first + BATCH]
        wanted = [r.id for r in chunk] + [previous[r.id].id for r in chunk if r.id in previous]
        loaded = dict(index.load(list(dict.fromkeys(wanted))))
        for ref in chunk:
            before = previous.get(ref.id)
            yield audit(loaded[ref.id], loaded[before.id] if before else None)


def audit_file(path: Path, index: Indexed | None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Audit:
    """A report file not in the index, against the agency's latest earlier indexed report."""
    try:
        report = parse_file(path, max_bytes=max_bytes)
    except GongkaiError as e:
        raise type(e)(f"{path}: {e}") from e
    previous = None
    if index is not None and report.agency and report.year:
        ref = index.before(report.agency, report.year)
        previous = next(index.load([ref.id]))[1] if ref else None
    return audit(Subject(report, str(path)), previous)
