"""Make the committed PDF fixtures. Needs LibreOffice and qpdf; tests only read the output.

    apt-get install -y libreoffice-writer-nogui fonts-wqy-zenhei qpdf
    .venv/bin/python tests/data/make_fixtures.py

- `filled-2024.pdf`: the national form filled with `docx_fixtures.sample_figures()` (a
  non-zero figure in every cell), printed by LibreOffice as agencies print from Word,
  with table 3 broken across pages 2–3 inside （五）不予处理.
- `password.pdf`: a one-line PDF that needs the password "secret" to open.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from index.document import Table  # noqa: E402
from index.readers.pdf import read_pdf  # noqa: E402
from tests.docx_fixtures import filled_template, sample_figures  # noqa: E402
from tests.pdf_fixtures import minimal_pdf  # noqa: E402

# Three lines of narrative before table 3 push its last rows onto the next page.
FILLER_LINES = 3


def make_filled_pdf(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = filled_template(
            sample_figures(), Path(tmp) / "filled-2024.docx", filler_before_table3=FILLER_LINES
        )
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
        )
        out.write_bytes((Path(tmp) / "filled-2024.pdf").read_bytes())
    tables = [b for b in read_pdf(out.read_bytes()).blocks if isinstance(b, Table)]
    assert len(set(tables[1].row_pages)) == 2, "table 3 no longer breaks across pages"


def make_password_pdf(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.pdf"
        plain.write_bytes(minimal_pdf("annual report"))
        subprocess.run(
            ["qpdf", "--encrypt", "secret", "owner", "256", "--", str(plain), str(out)],
            check=True,
        )


if __name__ == "__main__":
    make_filled_pdf(HERE / "filled-2024.pdf")
    make_password_pdf(HERE / "password.pdf")
