"""Rows into an Excel workbook, streamed: openpyxl's write-only mode.

A write-only workbook keeps no cells in memory (each row goes to a temporary file as it
is appended), so an export of every figure of a national index takes the memory of one
row. A sheet holds at most 1,048,576 rows: beyond that the rows go on in a new sheet
under the same header. Text a worksheet cannot hold (control characters a crawled page
may carry) is dropped from the cell rather than failing the export.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header's included


class XlsxSink:
    """An `index.export.Sink`: the first row written is the header of every sheet."""

    def __init__(self, path: Path, title: str = "figures", max_rows: int = MAX_ROWS) -> None:
        self.path = path
        self.title = title
        self.max_rows = max_rows
        self._book = Workbook(write_only=True)
        self._header: list[str | int | float | None] | None = None
        self._sheet: Any = None  # openpyxl's WriteOnlyWorksheet
        self._rows = 0
        self.sheets = 0

    def write(self, row: Sequence[str | int | float | None]) -> None:
        cells = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        if self._header is None:
            self._header = cells
            self._new_sheet()
            return
        if self._rows >= self.max_rows:
            self._new_sheet()
        self._sheet.append(cells)
        self._rows += 1

    def close(self) -> None:
        """Write the workbook to `path`."""
        self._book.save(self.path)

    def _new_sheet(self) -> None:
        self.sheets += 1
        name = self.title if self.sheets == 1 else f"{self.title} {self.sheets}"
        self._sheet = self._book.create_sheet(name)
        self._sheet.freeze_panes = "A2"
        self._sheet.append(self._header)
        self._rows = 1
