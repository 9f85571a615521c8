"""Benchmark (not a test): making maps and opening them in headless Chromium.

- ``zorgnet map``: the installed command as a subprocess, writing the region map of the
  shipped dataset from a loaded store (median wall time of ``-n`` runs after one
  unmeasured run; see bench/cli.py). Goal (issue 19): ≤ 0.6 s.
- The region map in Chromium: from the start of the navigation until the map is drawn and
  its controls work (the page's ``zorgnetReadyAt``), and the wall time around it. Goal
  (issue 19): ≤ 1 s.
- For the region and a generated network (20,000 actors by default): building the map,
  rendering the page with pyvis and the template, the page size, opening it until it is
  drawn, a gemeente filter and a search. The 20,000-actor map must still open.

Run: .venv/bin/python bench/maps.py [--actors 20000] [--repeat 3] [-n 5]
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from cli import run
from playwright.sync_api import sync_playwright

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import read_dataset
from zorgnet.viz.maps import region_map
from zorgnet.viz.png import chromium
from zorgnet.viz.render import render_html
from zorgnet.viz.synthetic import synthetic_projection

MAP_GOAL = 0.6
INTERACTIVE_GOAL = 1.0


def _line(label: str, values: list[float], goal: float | None = None) -> None:
    verdict = (
        ""
        if goal is None
        else f"  doel {goal:.2f} s: "
        + ("gehaald" if statistics.median(values) <= goal else "niet gehaald")
    )
    print(
        f"  {label:26s} mediaan {statistics.median(values):7.3f} s "
        f"(min {min(values):.3f}, max {max(values):.3f}){verdict}"
    )


def _command(folder: Path, n: int) -> None:
    env = {**os.environ, "ZORGNET_STORE": str(folder / "store")}
    load, _ = run(["load"], env)
    print(f"zorgnet load (eenmalig, meegeleverde data): {load:.2f} s")
    args = ["map", "-o", str(folder / "cli-kaart.html")]
    run(args, env)
    walls, cpus = zip(*(run(args, env) for _ in range(n)), strict=True)
    print("zorgnet map -o kaart.html (de regio):")
    _line("wandklok", list(walls), MAP_GOAL)
    _line("cpu", list(cpus))


def _open(context: object, path: Path, gemeente: str, search: str) -> tuple[float, ...]:
    page = context.new_page()  # type: ignore[attr-defined]
    start = time.perf_counter()
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=300_000)
    wall = time.perf_counter() - start
    interactive = page.evaluate("window.zorgnetReadyAt") / 1000
    start = time.perf_counter()
    page.select_option("#filter-gemeente", gemeente)
    page.evaluate("zorgnetMap.nodeView.length")
    filtered = time.perf_counter() - start
    start = time.perf_counter()
    page.fill("#zoek", search)
    page.press("#zoek", "Enter")
    page.wait_for_selector("#details[data-actor]", state="attached")
    searched = time.perf_counter() - start
    page.close()
    return wall, interactive, filtered, searched


def _bench(
    name: str,
    G: nx.MultiDiGraph,
    context: object,
    folder: Path,
    repeat: int,
    *,
    search: str,
    goal: float | None = None,
) -> None:
    builds, renders, walls, interactive, filters, searches = [], [], [], [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        network = region_map(G)
        builds.append(time.perf_counter() - start)
        start = time.perf_counter()
        page = render_html(network)
        renders.append(time.perf_counter() - start)
        path = folder / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        wall, ready, filtered, searched = _open(context, path, "huizen", search)
        walls.append(wall)
        interactive.append(ready)
        filters.append(filtered)
        searches.append(searched)
    size = path.stat().st_size / 1e6
    print(f"{name}: {len(network.nodes)} actoren, {len(network.edges)} verbindingen, {size:.1f} MB")
    _line("kaart bouwen", builds)
    _line("HTML maken (pyvis)", renders)
    _line("interactief in Chromium", interactive, goal)
    _line("openen (wandklok)", walls)
    _line("filter gemeente", filters)
    _line("zoeken en centreren", searches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("-n", type=int, default=5, help="runs of zorgnet map")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _command(Path(folder), args.n)
        start = time.perf_counter()
        region = project(read_dataset(SHIPPED_DATASET).graph)
        print(f"projectie van de meegeleverde data: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        generated = synthetic_projection(args.actors)
        print(f"gegenereerd netwerk van {args.actors} actoren: {time.perf_counter() - start:.2f} s")
        with sync_playwright() as playwright, chromium(playwright) as context:
            _bench(
                "regio",
                region,
                context,
                Path(folder),
                args.repeat,
                search="veilig thuis",
                goal=INTERACTIVE_GOAL,
            )
            _bench(
                f"gegenereerd-{args.actors}",
                generated,
                context,
                Path(folder),
                args.repeat,
                search="synthetische actor 1234",
            )


if __name__ == "__main__":
    main()
