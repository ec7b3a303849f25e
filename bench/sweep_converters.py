"""The development reports and the seeds through common converters: cells right, without
a value, and wrong, per converter.

    python bench/sweep_converters.py [--verbose]

PDF and HTML converters run on `../shared/devset` (huaian-shi-zf-2024.pdf,
shanghai-shi-zfbgt-2019.html) against its hand-read truth; the text shapes (a crawler's
one-line copy, pipe rows) run on the five seeds with distinct values written into every
cell. System tools (pdftotext from poppler-utils, w3m, lynx; PyMuPDF when installed,
AGPL, never a dependency) are used when present and marked n/a otherwise. Every
converter must give no wrong value; the share read is what the README records.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.parse import parse_file  # noqa: E402
from tests.conftest import DEVSET, SEEDS, figure_values  # noqa: E402
from tests.converters import CONVERTERS, Score, load_truth, score  # noqa: E402
from tests.test_converted import SOURCES, _one_line, _pipe_rows  # noqa: E402
from tests.test_layouts import consistent_figures, rewrite  # noqa: E402


def devset_rows(folder: Path, verbose: bool) -> list[tuple[str, str, Score | None]]:
    rows: list[tuple[str, str, Score | None]] = []
    for converter in CONVERTERS:
        source = DEVSET / SOURCES[converter.kind]
        if not converter.available():
            rows.append((converter.name, source.name, None))
            continue
        out = folder / f"{converter.name.replace(' ', '_')}.txt"
        out.write_text(converter.run(source), encoding="utf-8")
        result = score(out, load_truth(DEVSET / "truth" / f"{source.stem}.json"))
        rows.append((converter.name, source.name, result))
        if verbose and result.wrong_cells:
            print(f"  {converter.name}: wrong {result.wrong_cells}")
    return rows


def seed_rows(folder: Path, verbose: bool) -> list[tuple[str, str, Score | None]]:
    rows: list[tuple[str, str, Score | None]] = []
    for shape in (_one_line, _pipe_rows):
        total = Score(wrong_cells={})
        for name, seed in sorted(SEEDS.items()):
            expected = consistent_figures(seed=len(name))
            text = rewrite(seed.read_text(encoding="utf-8"), expected)
            start, end = text.index("二、主动公开政府信息情况"), text.index("五、存在的主要问题")
            path = folder / f"{name}.txt"
            path.write_text(text[:start] + shape(text[start:end]) + text[end:], encoding="utf-8")
            got = figure_values(parse_file(path))
            for key, value in expected.items():
                if got.get(key) is None:
                    total.null += 1
                elif got[key] == value:
                    total.right += 1
                else:
                    total.wrong += 1
                    total.wrong_cells[f"{name}:{key}"] = (value, got[key])  # type: ignore[index]
        rows.append((shape.__name__.strip("_").replace("_", " "), "5 seeds", total))
        if verbose and total.wrong_cells:
            print(f"  {shape.__name__}: wrong {total.wrong_cells}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="name every wrong cell")
    args = parser.parse_args()
    if not DEVSET.exists():
        sys.exit(f"needs {DEVSET}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = devset_rows(folder, args.verbose) + seed_rows(folder, args.verbose)
    print(f"{'converter':32} {'source':30} {'right':>6} {'null':>6} {'wrong':>6} {'read':>7}")
    for name, source, result in rows:
        if result is None:
            print(f"{name:32} {source:30} {'n/a':>6}")
            continue
        print(
            f"{name:32} {source:30} {result.right:6d} {result.null:6d} {result.wrong:6d} "
            f"{result.share:7.1%}"
        )
    if any(r is not None and r.wrong for _, _, r in rows):
        sys.exit("a converter gave wrong values")


if __name__ == "__main__":
    main()
