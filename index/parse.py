"""Document → Report: title, sections, the figures of tables 2–4 and their checks.

This is the one path every format takes after its reader.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from .checks import Key, identities, run_checks
from .document import Document
from .errors import NotAReport
from .meta import agency_and_year, find_title
from .model import Figure, Report
from .normalize import Span, clean_document, fold, render, tidy_prose
from .orphans import confirm, place
from .plausible import guard
from .readers import DEFAULT_MAX_BYTES, read_document
from .runs import Ambiguous, common_cells, narrow, prefer_stated, splits
from .sections import Heading, find_headings, misnumbered, split_sections
from .tables import RowRead, read_rows
from .template import (
    TABLE2_2019_MARKERS,
    TABLE2_LINES_2019,
    TABLE2_LINES_2021,
    TABLE3_LINES,
    TABLE4_LINES,
    cells_named,
    row_label,
)
from .tokens import Token, tokenize


def parse_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, tiebreaks: Sequence[Tiebreak] = ()
) -> Report:
    """Read and parse one report file; raises a `GongkaiError` subclass on bad input.

    `tiebreaks` decide digit runs the report's identities and narrative leave open
    (the index passes one built from the same agency's report of last year,
    `index.last_year`).
    """
    return parse_document(read_document(path, max_bytes=max_bytes), tiebreaks=tiebreaks)


# Annual reports run to some tens of thousands of characters; a "report" of millions is
# made to make the parser work for minutes.
MAX_CHARACTERS = 3_000_000


def parse_document(doc: Document, *, tiebreaks: Sequence[Tiebreak] = ()) -> Report:
    doc = clean_document(doc)
    text, spans = render(doc)
    if len(text) > MAX_CHARACTERS:
        raise NotAReport(
            f"not an annual report: {len(text):,} characters of text, far more than a report holds"
        )
    title = find_title(text)
    if not title and doc.meta.get("title"):
        title = doc.meta["title"]
    agency, year = agency_and_year(title, text)
    agency = agency or doc.meta.get("agency") or None
    headings = _headings(text)
    is_2019, reads, warnings = _read_tables(text, spans, headings)
    sections = split_sections(text, headings)
    figures = _figures(reads, sections[0].text if sections else "", warnings, tiebreaks)
    confirm(figures, {(t, r.line.row) for t, r in reads if r.by_order}, warnings)
    guard(figures, warnings)
    warnings.extend(misnumbered(headings))
    values = {(f.table, f.row, f.column): f.value for f in figures}
    present = {(f.table, f.row) for f in figures}
    return Report(
        agency=agency,
        year=year,
        format="2019" if is_2019 else "2021",
        title=title,
        figures=figures,
        sections=sections,
        checks=run_checks(values, present),
        warnings=warnings,
        source_format=doc.source_format,
        preamble=tidy_prose(text[: headings[0].start]) if headings else "",
    )


def _headings(text: str) -> list[Heading]:
    """The section headings; a report without a table-3 section is not a report."""
    headings = find_headings(text)
    by_number = {h.number: h for h in headings}
    if 3 not in by_number:
        raise NotAReport("not an annual report: no table 三 found")
    if 2 not in by_number:
        headings = _table2_without_heading(text, headings, by_number[3])
    return headings


def _read_tables(
    text: str, spans: list[Span], headings: list[Heading]
) -> tuple[bool, list[tuple[int, RowRead]], list[str]]:
    """Whether table 2 is of the 2019 format, the rows read from tables 2–4, and warnings."""
    by_number = {h.number: h for h in headings}
    first = by_number.get(2, by_number[3])
    after_tables = [h.start for h in headings if h.number > 4]
    tokens = tokenize(text, spans, first.body, min(after_tables) if after_tables else len(text))

    starts = [t.start for t in tokens]  # in reading order, so sorted

    def region(n: int) -> list[Token]:
        begin = _table2_start(text, by_number) if n == 2 else None
        return _tokens_in(tokens, starts, by_number.get(n), headings, len(text), begin)

    is_2019 = 2 in by_number and _is_2019(fold(text[by_number[2].body : by_number[3].start]))
    warnings: list[str] = []
    reads: list[tuple[int, RowRead]] = []
    for number, lines in (
        (2, TABLE2_LINES_2019 if is_2019 else TABLE2_LINES_2021),
        (3, TABLE3_LINES),
        (4, TABLE4_LINES),
    ):
        found = read_rows(region(number), lines, number, by_order=number == 3)
        warnings.extend(f"table {number}: {n}" for n in found.warnings)
        warnings.extend(place(found, lines, number))
        reads.extend((number, r) for r in found.reads)
    if not any(t == 3 for t, _ in reads):
        raise NotAReport("not an annual report: no figures found in table 三")
    for number, what in (
        (4, "table 4 missing: figures of tables 2 and 3 indexed"),
        (2, "table 2 missing"),
    ):
        if not any(t == number for t, _ in reads):
            warnings.append(what)
    warnings.extend(_rows_not_read(reads, is_2019))
    return is_2019, reads, warnings


def _is_2019(table2_text: str) -> bool:
    """The older table 2, told by its column headers (not by a 政府集中采购 row alone)."""
    squeezed = re.sub(r"\s+", "", table2_text)
    return "制发件数" not in squeezed and any(m in squeezed for m in TABLE2_2019_MARKERS)


def _table2_without_heading(text: str, headings: list[Heading], third: Heading) -> list[Heading]:
    """Table 2 printed with no 二、 heading: it starts at its first 第二十条 or 信息内容
    before table 3 (a page cut from a report may start inside table 2)."""
    before = [h for h in headings if h.start < third.start]
    start = before[-1].body if before else 0
    m = _TABLE2_START.search(fold(text), start, third.start)
    if m is None:
        return headings
    return sorted([*headings, Heading(2, "", m.start(), m.start())], key=lambda h: h.start)


def _rows_not_read(reads: list[tuple[int, RowRead]], is_2019: bool) -> list[str]:
    """Name every template row a table printed no numbers for (its figures are absent)."""
    read = {(t, r.line.row) for t, r in reads}
    tables = {t for t, _ in reads}
    single = (3, "other_processing") in read
    expected = [(2, line.row) for line in (TABLE2_LINES_2019 if is_2019 else TABLE2_LINES_2021)]
    expected += [
        (3, line.row)
        for line in TABLE3_LINES
        if (line.row == "other_processing") == single or not line.row.startswith("other_")
    ]
    missing = [f"{t}.{row}" for t, row in expected if t in tables and (t, row) not in read]
    return [f"rows with no numbers found: {', '.join(missing)}"] if missing else []


_TABLE2_START = re.compile(r"第二十条|信息内容")


def _table2_start(text: str, by_number: dict[int, Heading]) -> int | None:
    """Where table 2 itself begins: its first 第二十条 or 信息内容 after the heading.

    The section may open with narrative (`行政规范性文件 13 件；规划计划文件 2 件`), or its
    heading may be a narrative one whose title matches (三、主动公开工作情况); numbers
    there are not the table's.
    """
    second, third = by_number.get(2), by_number[3]
    if second is None:
        return None
    m = _TABLE2_START.search(fold(text), second.body, third.start)
    return m.start() if m else None


def _tokens_in(
    tokens: list[Token],
    starts: list[int],
    heading: Heading | None,
    headings: list[Heading],
    end: int,
    begin: int | None = None,
) -> list[Token]:
    """The tokens of one section; label text running over its heading is cut at the heading.

    Crawled text can hold a heading and the first row label in one word
    (`三、收到和处理…情况（本列…）…一、本年新收…`); the label must stay in the section.
    `starts` holds each token's offset, in order.
    """
    if heading is None:
        return []
    later = [h.start for h in headings if h.start > heading.start]
    stop = min(later) if later else end
    begin = heading.body if begin is None else begin
    first = bisect_left(starts, begin)
    out = tokens[first : bisect_left(starts, stop)]
    if first and (t := tokens[first - 1]).kind == "text" and begin < t.start + len(t.raw):
        cut = begin - t.start
        out.insert(0, Token("text", t.raw[cut:], begin, t.page))
    return out


def _figures(
    reads: list[tuple[int, RowRead]],
    narrative: str,
    warnings: list[str],
    tiebreaks: Sequence[Tiebreak] = (),
) -> list[Figure]:
    """Turn row reads into figures, splitting digit runs where cells ran together."""
    cells: dict[Key, Figure] = {}
    ambiguous: list[tuple[Ambiguous, int, RowRead]] = []
    for table, read in reads:
        keys = [(table, r, c) for r, c in read.line.cells]
        label = read.label
        toks = _by_column(read)
        if len(toks) == read.width:
            # tested here, not in a call per cell: only fees' amounts may need converting,
            # and only table 4 cites other than the label as printed
            for key, tok in zip(keys, toks, strict=True):
                cells[key] = Figure(
                    table,
                    key[1],
                    key[2],
                    tok.value if key[2] != "amount" else _in_wanyuan(key, tok, read.context),
                    tok.raw,
                    tok.note,
                    label if table != 4 else _cite(table, key, label),
                    tok.page,
                )
            continue
        options = _splits(toks, keys)
        raw = " ".join(t.raw for t in toks)
        page = toks[0].page if toks else None
        if not toks and not read.doubt:  # a doubted row's warning says why it has no values
            warnings.append(
                f"table {table}: row {read.line.row} is printed without numbers: cells "
                f"{cells_named(table, read.line.cells)} have no value"
            )
        elif not options:
            warnings.append(
                f"table {table}: row {read.line.row} has {len(toks)} numbers for {read.width} cells "
                f"({raw}), which cannot be told apart: cells {cells_named(table, read.line.cells)} "
                "are left without values"
            )
        for key in keys:
            cells[key] = Figure(
                table, key[1], key[2], None, raw, None, _cite(table, key, label), page
            )
        if options:
            ambiguous.append((Ambiguous(keys, options, raw), table, read))

    if ambiguous:
        _resolve(ambiguous, cells, [narrative_tiebreak(narrative), *tiebreaks], warnings)
    return list(cells.values())


def _by_column(read: RowRead) -> list[Token]:
    """The row's tokens in the template's column order, when the grid's header placed
    every one of them under a column of this row; as read otherwise."""
    toks = read.tokens
    if not toks or not all(t.column for t in toks):  # running text places no column
        return toks
    names = _column_names(read.line.cells)
    at = [names.get(t.column) for t in toks]
    if None in at or len(set(at)) != len(at) or len(at) != read.width:
        return toks
    ordered: list[Token] = [toks[0]] * read.width
    for k, tok in zip(at, toks, strict=True):
        ordered[k] = tok  # type: ignore[index]
    return ordered


@lru_cache(maxsize=256)
def _column_names(cells: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """Each cell's position in its line, by its column (`natural_person`) and by its row
    and column (`review.upheld`), as a grid's header names it."""
    names = {c: k for k, (r, c) in enumerate(cells)}
    names.update({f"{r}.{c}": k for k, (r, c) in enumerate(cells)})
    return names


def _cite(table: int, key: Key, printed: str) -> str:
    """The row label to cite: as printed, except table 4, whose one line of numbers sits
    under a header of three proceedings."""
    return row_label(4, key[1]) if table == 4 else printed


_YUAN_HEADER = re.compile(r"\((?:单位:?)?元\)")


def _in_wanyuan(key: Key, tok: Token, context: str) -> float | int | None:
    """Amounts whose header says 元 (`本年收费金额（单位：元）`) converted to the template's 万元."""
    if key[2] != "amount" or tok.value is None or "元" in tok.raw:
        return tok.value
    if _YUAN_HEADER.search(context) and "万元" not in context:
        return round(tok.value / 10000, 6)
    return tok.value


def _splits(toks: list[Token], keys: list[Key]) -> list[list[int]]:
    """How a row's digit runs split into its cells: text whose separators were lost.

    Only runs of digits (a negative one glued on: `2648-18538`) can have lost their
    separators; numbers with notes or decimals, and ruled-table cells, never did. A
    negative part must fall in a column that can be negative. Runs apart from each other
    (`230 000023`) are split only in rows with a total to check them.
    """
    if not toks or len(toks) >= len(keys) or not all(_RUN.fullmatch(t.raw) for t in toks):
        return []
    if any(t.from_grid or t.note for t in toks):
        return []
    spaced = any(b.start != a.start + len(a.raw) for a, b in pairwise(toks))
    totals = (*identities(False), *identities(True))
    if spaced and not any(set(i.keys) <= set(keys) for i in totals):
        return []  # a gap may be a blank cell (`规 章 1  12`), and no total can tell
    return splits([t.raw for t in toks], keys)


_RUN = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Tiebreak:
    """Sees a row whose runs still split in several ways (each split keeping every
    identity of the report) and returns the one split it can vouch for, or None. The
    narrative is one; the same agency's report of last year (`index.last_year`) another.
    `source` names it in the warning that says how a row was split."""

    source: str
    choose: Callable[[Ambiguous, RowRead], list[int] | None]


# in the warning of a row left unsplit: `index.build` looks for it
OPEN_RUN = "splits into cells in"


def open_runs(report: Report) -> bool:
    """Whether a digit run of `report` was left unsplit, its cells without values."""
    return any(OPEN_RUN in w for w in report.warnings)


def _resolve(
    ambiguous: list[tuple[Ambiguous, int, RowRead]],
    cells: dict[Key, Figure],
    tiebreaks: Sequence[Tiebreak],
    warnings: list[str],
) -> None:
    """Decide run splits by the identities, then by the tie-breakers; never guess.

    A tie-breaker only chooses among the splits the identities left, and only when
    every tie-breaker with an opinion chooses the same one. What it decides may let the
    identities decide other rows, so they are tried again. A row still open keeps the
    cells every remaining split agrees on; the others are left without values and named.
    """
    values = {k: f.value for k, f in cells.items()}
    single = any(r == "other_processing" for (_, r, _) in cells)
    rules = identities(single)
    pending = [a for a, _, _ in ambiguous]
    notes = narrow(pending, values, rules)
    decided: dict[str, list[str]] = {}  # tie-breakers' sources and the rows they split
    while pending:
        progress = False
        for amb, table, read in ambiguous:
            if amb not in pending:
                continue
            chosen = [(t.source, c) for t in tiebreaks if (c := t.choose(amb, read)) is not None]
            if not chosen:
                continue
            if any(c != chosen[0][1] for _, c in chosen):
                notes.append(
                    f"table {table}: row {read.line.row} printed as '{amb.raw}': "
                    f"{' and '.join(s for s, _ in chosen)} choose different splits"
                )
                continue
            values.update(zip(amb.keys, chosen[0][1], strict=True))
            amb.options = [chosen[0][1]]
            pending.remove(amb)
            source = " and ".join(s for s, _ in chosen)
            decided.setdefault(source, []).append(f"{table}.{read.line.row}")
            progress = True
        if not progress:
            break
        notes.extend(narrow(pending, values, rules))
    warnings.extend(dict.fromkeys(notes))
    by_tiebreak = {row for rows in decided.values() for row in rows}
    split_rows = []
    for amb, table, read in ambiguous:
        if amb in pending:
            sure = common_cells(amb)
            unread = [f"{t}.{r}.{c}" for t, r, c in amb.keys if (t, r, c) not in sure]
            warnings.append(
                f"table {table}: row {read.line.row} printed as '{amb.raw}' {OPEN_RUN} "
                f"{len(amb.options)} ways; cells {', '.join(unread)} are left without values"
            )
            _fill(cells, sure, amb.raw)
            continue
        if f"{table}.{read.line.row}" not in by_tiebreak:
            split_rows.append(f"{table}.{read.line.row}")
        _fill(cells, {k: values[k] for k in amb.keys}, amb.raw)
    if split_rows:
        warnings.append(
            f"{len(split_rows)} rows were printed without cell separators and split by the "
            f"report's identities: {', '.join(split_rows)}"
        )
    for source, rows in decided.items():
        warnings.append(
            f"{len(rows)} rows were printed without cell separators and split by {source}: "
            f"{', '.join(rows)}"
        )


def _fill(cells: dict[Key, Figure], decided: dict[Key, float | int | None], raw: str) -> None:
    for key, value in decided.items():
        fig = cells[key]
        fig.value = value
        fig.raw = str(value)
        fig.note = f"split from '{raw}'"


def narrative_tiebreak(narrative: str) -> Tiebreak:
    """Table 2 rows the report's narrative states in words (`现行有效…698件`)."""

    def stated(amb: Ambiguous, read: RowRead) -> list[int] | None:
        if amb.keys[0][0] != 2:
            return None
        return prefer_stated(amb, narrative, read.line.anchors)

    return Tiebreak("the figures its narrative states", stated)
