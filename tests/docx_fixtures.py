"""Word reports made from the national blank form, for tests of every later stage.

`filled_template` writes given figures into the official 2021 form (shared devset), so a
test can make a complete .docx report whose every cell it knows; `sample_figures` gives
one such set, non-zero in every cell and true to the report's identities.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from index.template import APPLICANT_COLUMNS, OUTCOME_COLUMNS, PROCEEDINGS, TABLE3_ROWS

BLANK_FORM = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "devset"
    / "national-template-2021-blank.docx"
)
DEFAULT_TITLE = "XX局\n2024年政府信息公开工作年度报告"
SECTION_TEXT = {
    1: "2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。",
    5: "存在的主要问题是政策解读形式较为单一。下一步将丰富解读形式，提升公开质量。",
    6: "本年度未收取信息处理费。",
}

# Where each row's figures sit in the blank form: (table index, row index, text in the
# row's label cells, the row's keys); the figures are the row's last cells, in order.
_T3_ROWS = [r.key for r in TABLE3_ROWS if r.key != "other_processing"]


def _table3_row(index: int, key: str) -> tuple[int, int, str, tuple[str, ...]]:
    label = next(r.label for r in TABLE3_ROWS if r.key == key)
    return 1, 3 + index, label[-4:], tuple(f"3.{key}.{c}" for c in APPLICANT_COLUMNS)


def _table2_row(
    row: int, label: str, key: str, *columns: str
) -> tuple[int, int, str, tuple[str, ...]]:
    return 0, row, label, tuple(f"2.{key}.{c}" for c in columns)


_LAYOUT: list[tuple[int, int, str, tuple[str, ...]]] = [
    _table2_row(2, "规章", "regulations", "issued", "repealed", "in_force"),
    _table2_row(3, "行政规范性文件", "normative_documents", "issued", "repealed", "in_force"),
    _table2_row(6, "行政许可", "licensing", "decisions"),
    _table2_row(9, "行政处罚", "penalty", "decisions"),
    _table2_row(10, "行政强制", "coercion", "decisions"),
    _table2_row(13, "行政事业性收费", "fees", "amount"),
    *(_table3_row(i, key) for i, key in enumerate(_T3_ROWS)),
    (2, 3, "", tuple(f"4.{p}.{c}" for p in PROCEEDINGS for c in OUTCOME_COLUMNS)),
]
CELL_KEYS: tuple[str, ...] = tuple(key for *_, keys in _LAYOUT for key in keys)


def sample_figures() -> dict[str, int | float]:
    """A figure for every cell of the form: non-zero, distinct within table 3's result
    rows, and satisfying every identity of TEMPLATE.md."""
    figures: dict[str, int | float] = {
        "2.regulations.issued": 1,
        "2.regulations.repealed": 2,
        "2.regulations.in_force": 3,
        "2.normative_documents.issued": 4,
        "2.normative_documents.repealed": 5,
        "2.normative_documents.in_force": 6,
        "2.licensing.decisions": 7,
        "2.penalty.decisions": 8,
        "2.coercion.decisions": 9,
        "2.fees.amount": 10.5,
    }
    results = _T3_ROWS[2:-2]
    for j, column in enumerate(APPLICANT_COLUMNS[:-1]):
        for i, row in enumerate(results):
            figures[f"3.{row}.{column}"] = 10 * (i + 1) + j + 1
        total = sum(10 * (i + 1) + j + 1 for i in range(len(results)))
        figures[f"3.results_total.{column}"] = total
        figures[f"3.carried_over.{column}"] = j + 1
        figures[f"3.carried_forward.{column}"] = j + 3
        figures[f"3.received.{column}"] = total + (j + 3) - (j + 1)
    for row in _T3_ROWS:
        figures[f"3.{row}.total"] = sum(figures[f"3.{row}.{c}"] for c in APPLICANT_COLUMNS[:-1])
    for k, proceeding in enumerate(PROCEEDINGS):
        outcomes = [4 * k + n for n in (1, 2, 3, 4)]
        figures.update(
            {f"4.{proceeding}.{c}": v for c, v in zip(OUTCOME_COLUMNS, outcomes, strict=False)}
        )
        figures[f"4.{proceeding}.total"] = sum(outcomes)
    return figures


def filled_template(
    values: dict[str, object],
    path: str | Path,
    *,
    title: str | None = DEFAULT_TITLE,
    sections: dict[int, str] | None = None,
    filler_before_table3: int = 0,
) -> Path:
    """Write the blank form with `values` in its cells to `path` and return the path.

    `values` maps canonical keys ("3.received.natural_person") to what the cell prints
    (`str(value)`, so "—" or "55（含自然失效 29 件）" work too); cells not given stay blank.
    `title` replaces the form's title, one paragraph per line (None keeps the form's).
    `sections` replaces the （文字描述） placeholders of sections 1, 5 and 6 (default
    `SECTION_TEXT`). `filler_before_table3` adds that many lines of narrative before
    table 3, to push it across a page break when the report is printed to PDF.
    """
    unknown = set(values) - set(CELL_KEYS)
    if unknown:
        raise ValueError(f"no cell in the national form for {sorted(unknown)}")
    document = docx.Document(str(BLANK_FORM))
    tables = document.tables
    for table_index, row_index, label, keys in _LAYOUT:
        table = tables[table_index]
        tcs = table._tbl.tr_lst[row_index].tc_lst
        row_label = "".join(_Cell(tc, table).text for tc in tcs[: -len(keys)])
        assert label in row_label, f"the blank form changed: {label!r} not in {row_label!r}"
        for tc, key in zip(tcs[-len(keys) :], keys, strict=True):
            if key in values and values[key] is not None:
                _set_cell(_Cell(tc, table), str(values[key]))
    paragraphs = document.paragraphs
    if title is not None:
        heading = next(p for p in paragraphs if "年度报告" in p.text)
        _replace_lines(heading, title.split("\n"))
    texts = SECTION_TEXT if sections is None else sections
    placeholders = [p for p in paragraphs if p.text.startswith("（文字描述")]
    for number, paragraph in zip((1, 5, 6), placeholders, strict=True):
        _replace_lines(paragraph, [texts.get(number, "")])
    if filler_before_table3:
        _add_filler(tables[1], filler_before_table3)
    document.save(str(path))
    return Path(path)


def _set_cell(cell: _Cell, text: str) -> None:
    """Replace the cell's text, keeping its first paragraph's alignment and font."""
    first, *rest = cell.paragraphs
    for extra in rest:
        extra._p.getparent().remove(extra._p)
    _replace_lines(first, [text])


def _replace_lines(paragraph: Paragraph, lines: list[str]) -> None:
    """Set the paragraph's text to the first line; each further line becomes a copy of
    the paragraph after it (same style), as a two-line report title is printed."""
    runs = paragraph.runs
    font = copy.deepcopy(runs[0]._r.rPr) if runs and runs[0]._r.rPr is not None else None
    for run in runs:
        run._r.getparent().remove(run._r)
    run = paragraph.add_run(lines[0])
    if font is not None:
        run._r.insert(0, font)
    anchor = paragraph._p
    for line in lines[1:]:
        clone = copy.deepcopy(paragraph._p)
        anchor.addnext(clone)
        anchor = clone
        clone_paragraph = Paragraph(clone, paragraph._parent)
        clone_paragraph.runs[0].text = line


def _add_filler(table: Table, count: int) -> None:
    anchor = table._tbl.getprevious()
    blank = copy.deepcopy(anchor)
    for n in range(count):
        filler = copy.deepcopy(blank)
        anchor.addnext(filler)
        Paragraph(filler, table._parent).add_run(f"（补充说明第{n + 1}段）本段为测试用的叙述文字。")
        anchor = filler
