"""Reports as common converters turn them into text or markdown, and a score against truth.

Shared by `tests/test_converted.py` (the converters installable from PyPI) and
`bench/sweep_converters.py` (those too, and command-line tools installed from the
system's packages: pdftotext, w3m, lynx). Each converter takes a report file and returns
the text it makes of it; the parser then reads that text as a report reaching us.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.errors import GongkaiError
from index.model import Figure
from index.parse import parse_file


@dataclass(frozen=True)
class Converter:
    name: str
    kind: str  # the source format it converts: "pdf", "html" or "text"
    run: Callable[[Path], str]
    # a test dependency (on PyPI, under a licence the project can take); False: a system
    # tool, or PyMuPDF (AGPL), used by the bench when present
    pypi: bool = True

    def available(self) -> bool:
        if self.pypi:
            return True
        if self.name.startswith("pymupdf"):
            return _has_pymupdf()
        return shutil.which(self.name.split()[0]) is not None


def _pdfplumber(layout: bool) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text(layout=layout) or "" for page in pdf.pages)

    return run


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def _pypdfium2(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _has_pymupdf() -> bool:
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        return False
    return True


def _pymupdf(path: Path) -> str:
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


def _command(*args: str) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        out = subprocess.run([*args, str(path)], capture_output=True, check=True, timeout=60)
        return out.stdout.decode("utf-8", "replace")

    return run


def _pdftotext(*mode: str) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        out = subprocess.run(
            ["pdftotext", *mode, "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return out.stdout.decode("utf-8")

    return run


def _html(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def _html2text(path: Path) -> str:
    import html2text

    h = html2text.HTML2Text()
    h.body_width = 0
    return h.handle(_html(path))


def _markdownify(path: Path) -> str:
    from markdownify import markdownify

    return markdownify(_html(path))


def _soup_text(path: Path) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(_html(path), "html.parser").get_text("\n")


def _markdown_per_group(path: Path) -> str:
    """What OCR and layout models write: each row group of a table its own small markdown
    table under a generic header (`| 类别 | 数据1 | … | 总计 |`), prose as lines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_html(path), "html.parser")
    for table in soup.find_all("table"):
        lines: list[str] = []
        for tr in table.find_all("tr"):
            cells = [" ".join(td.get_text(" ").split()) for td in tr.find_all(["td", "th"])]
            numbers = [c for c in cells if re.fullmatch(r"[\d.,元]*", c)]
            labels = [c for c in cells if c not in numbers]
            if not any(numbers):
                lines.append("\n### " + " ".join(labels) + "\n")
                continue
            width = len(numbers)
            header = ["类别", *(f"数据{k}" for k in range(1, width)), "总计"]
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines.append("| " + " ".join(labels) + " | " + " | ".join(numbers) + " |\n")
        table.replace_with("\n" + "\n".join(lines) + "\n")
    return soup.get_text("\n")


CONVERTERS: tuple[Converter, ...] = (
    Converter("pdfplumber extract_text", "pdf", _pdfplumber(layout=False)),
    Converter("pdfplumber extract_text layout", "pdf", _pdfplumber(layout=True)),
    Converter("pdfminer extract_text", "pdf", _pdfminer),
    Converter("pypdfium2 get_text_range", "pdf", _pypdfium2),
    Converter("pdftotext", "pdf", _pdftotext(), pypi=False),
    Converter("pdftotext -layout", "pdf", _pdftotext("-layout"), pypi=False),
    Converter("pdftotext -raw", "pdf", _pdftotext("-raw"), pypi=False),
    Converter("pymupdf get_text", "pdf", _pymupdf, pypi=False),
    Converter("html2text", "html", _html2text),
    Converter("markdownify", "html", _markdownify),
    Converter("beautifulsoup get_text", "html", _soup_text),
    Converter("markdown per group", "html", _markdown_per_group),
    Converter("w3m -dump", "html", _command("w3m", "-dump", "-T", "text/html"), pypi=False),
    Converter("lynx -dump", "html", _command("lynx", "-dump", "-nolist"), pypi=False),
)


@dataclass
class Score:
    right: int = 0
    null: int = 0
    wrong: int = 0
    failed: str = ""  # the parser refused the converted text (nothing read, nothing wrong)
    wrong_cells: dict[str, tuple[object, object]] | None = None

    @property
    def share(self) -> float:
        total = self.right + self.null + self.wrong
        return self.right / total if total else 0.0


def score(path: Path, truth: dict[str, object]) -> Score:
    """Right, unread and wrong cells of `path` as parsed, against `truth` (figures and
    the `unreadable` keys not compared). A truth string is compared with `raw`."""
    try:
        report = parse_file(path)
    except GongkaiError as e:
        figures = truth["figures"]
        result = Score(wrong_cells={})
        result.null = sum(1 for k in figures if k not in truth.get("unreadable", {}))
        result.failed = str(e)
        return result
    return score_figures(report.figures, truth)


def score_figures(figures: list[Figure], truth: dict[str, object]) -> Score:
    """Right, unread and wrong cells of `figures` (a report's, parsed or stored)."""
    result = Score(wrong_cells={})
    got = {f"{f.table}.{f.row}.{f.column}": f for f in figures}
    for key, expected in truth["figures"].items():
        if key in truth.get("unreadable", {}):
            continue
        fig = got.get(key)
        value = None if fig is None else fig.value
        if isinstance(expected, str):
            ok = fig is not None and value is not None and expected in fig.raw
        else:
            ok = (
                value == expected
                if expected is None or value is None
                else abs(value - expected) < 1e-9
            )
        if ok:
            result.right += 1
        elif value is None:
            result.null += 1
        else:
            result.wrong += 1
            result.wrong_cells[key] = (expected, value)  # type: ignore[index]
    return result


def load_truth(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))
