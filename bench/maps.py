"""Benchmark (not a test): generating and opening maps in headless Chromium.

For the region map of the shipped data and for generated networks (20,000 actors by
default): the time to build the map from the projection, to render the HTML, and to open
it in Chromium until it is drawn (after physics has stabilised, or at once with Python-side
positions above the threshold); also the page size and the time a gemeente filter takes.

Run: .venv/bin/python bench/maps.py [--actors 20000] [--repeat 3]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import read_dataset
from zorgnet.viz.maps import region_map
from zorgnet.viz.png import chromium
from zorgnet.viz.render import render_html
from zorgnet.viz.synthetic import synthetic_projection


def _open(context: object, path: Path, gemeente: str) -> tuple[float, float]:
    page = context.new_page()  # type: ignore[attr-defined]
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=300_000)
    opened = time.perf_counter() - start
    start = time.perf_counter()
    page.select_option("#filter-gemeente", gemeente)
    page.evaluate("zorgnetMap.nodeView.length")
    filtered = time.perf_counter() - start
    page.close()
    return opened, filtered


def _bench(
    name: str, G: nx.MultiDiGraph, context: object, folder: Path, repeat: int, gemeente: str
) -> None:
    builds, renders, opens, filters = [], [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        network = region_map(G)
        builds.append(time.perf_counter() - start)
        start = time.perf_counter()
        page = render_html(network)
        renders.append(time.perf_counter() - start)
        path = folder / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        opened, filtered = _open(context, path, gemeente)
        opens.append(opened)
        filters.append(filtered)
    size = path.stat().st_size / 1e6
    print(
        f"{name}: {len(network.nodes)} actoren, {len(network.edges)} verbindingen, "
        f"physics {'aan' if network.physics else 'uit'}, {size:.1f} MB"
    )
    for label, values in (
        ("kaart bouwen", builds),
        ("HTML maken", renders),
        ("openen tot getekend", opens),
        ("filter gemeente", filters),
    ):
        print(
            f"  {label:22s} mediaan {statistics.median(values):7.2f} s "
            f"(min {min(values):.2f}, max {max(values):.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    region = project(read_dataset(SHIPPED_DATASET).graph)
    print(f"projectie van de meegeleverde data: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    generated = synthetic_projection(args.actors)
    print(f"gegenereerd netwerk van {args.actors} actoren: {time.perf_counter() - start:.2f} s")
    with (
        tempfile.TemporaryDirectory() as folder,
        sync_playwright() as playwright,
        chromium(playwright) as context,
    ):
        _bench("regio", region, context, Path(folder), args.repeat, "huizen")
        _bench(
            f"gegenereerd-{args.actors}", generated, context, Path(folder), args.repeat, "huizen"
        )


if __name__ == "__main__":
    main()
