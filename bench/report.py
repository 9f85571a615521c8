"""Benchmark (not a test): the report "de foto" on the shipped data.

For the regional report and one gemeente's: gathering the analyses
(``build_report``), the HTML document with its maps (``report_document``) and the A4 PDF
(``report_pdf``, WeasyPrint), each the median wall and CPU time of ``--repeat`` runs after
one unmeasured run, with the number of pages and the size of the PDF. Goal (issue 21):
the regional report, analyses to PDF, ≤ 10 s.

Run: .venv/bin/python bench/report.py [--repeat 3] [--gemeente huizen]
"""

import argparse
import re
import statistics
import subprocess

from timing import timed

from zorgnet.api.report_commands import build_report, report_document, report_pdf
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import read_dataset

REGIONAL_GOAL_S = 10.0


def _pages(pdf: bytes) -> int:
    """The PDF's number of pages, as poppler's pdfinfo reads it."""
    done = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    return int(re.search(rb"Pages:\s+(\d+)", done.stdout)[1])  # type: ignore[index]


def _measure(label: str, G, graph, gemeente: str | None, repeat: int) -> float:  # type: ignore[no-untyped-def]
    steps = {
        "analyses": lambda: build_report(G, graph, gemeente),
        "HTML en kaarten": lambda: report_document(G, build_report(G, graph, gemeente)),
        "PDF": lambda: report_pdf(G, build_report(G, graph, gemeente)),
    }
    print(label)
    total = 0.0
    pdf = b""
    for name, step in steps.items():
        step()  # unmeasured: imports, fonts, caches
        runs = [timed(step) for _ in range(repeat)]
        wall = statistics.median(r[1] for r in runs) / 1000
        cpu = statistics.median(r[2] for r in runs) / 1000
        print(f"  {name:18s} wall {wall:7.3f} s   cpu {cpu:7.3f} s")
        if name == "PDF":
            pdf, total = runs[-1][0], wall
    print(f"  {_pages(pdf)} pagina's, {len(pdf) / 1024:.0f} kB")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gemeente", default="huizen")
    args = parser.parse_args()
    dataset = read_dataset(SHIPPED_DATASET)
    G = project(dataset.graph)
    regional = _measure("Regio (7 gemeenten)", G, dataset.graph, None, args.repeat)
    _measure(f"Gemeente {args.gemeente}", G, dataset.graph, args.gemeente, args.repeat)
    verdict = "gehaald" if regional <= REGIONAL_GOAL_S else "niet gehaald"
    goal = f"doel {REGIONAL_GOAL_S:.0f} s: {verdict}"
    print(f"Regionaal rapport (analyses tot PDF): {regional:.2f} s; {goal}")


if __name__ == "__main__":
    main()
