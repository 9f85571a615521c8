"""Benchmark (not a test): "wat als" scenarios on the region and the national network.

Issue 21 asks: a one-actor scenario on the region ≤ 200 ms, on the national network
≤ 5 s. Each scenario is timed as ``compare`` runs it (the copy of the projection, the
route questions that the scenario touches asked again, and the reach, coverage,
framework, cut-off, team and broker analyses before and after in every gemeente it
touches):

``cold``
    the first scenario on a projection: the answers before are computed too (they are
    then kept with the projection, as the web app and the CLI keep it);
``first``
    the first scenario after the web app's warm-up
    (``ProjectionCache.warm`` and ``warm_scenarios``: the route indexes and, in a
    network of up to ``ProjectionCache.SCENARIO_WARM_GEMEENTEN`` gemeenten, the
    answers before, :func:`~zorgnet.graph.analyses.scenarios.prepare_scenarios`); the
    warm-up's own time is printed once per network;
``warm``
    the median of the next runs of the same scenario on the same projection (a new copy
    each time; the answers before and the projection's indexes are reused).

Wall and CPU milliseconds (the machine may be shared: CPU is the steadier figure).

On the command line each ``zorgnet wat-als`` is a new process: it is timed whole
(start, imports, the saved projection, the scenario, the output) on a new store with the
shipped data, the first time (it computes the answers before and saves them beside the
version) and the next times (it reads them back), in wall seconds.

The region is the shipped dataset. The national network is the projection of a store
loaded with ``zorgnet synth --gemeenten 340 --seed 1`` (see bench/README.md, ≈ 1.5 min
to make); without ``--store`` only the region is measured.

Run: .venv/bin/python bench/scenarios.py [--store /tmp/nl-store] [--repeat 5]
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from timing import timed

from zorgnet import core
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses.routes import prepare_routes
from zorgnet.graph.analyses.scenarios import Scenario, compare, prepare_scenarios
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.loaders.dataset import read_dataset

# One-actor scenarios of the region: a local pilot, a regional instrument, the
# regionally contracted providers (the widest: every gemeente, hundreds of questions).
REGION = (
    ("POH-jeugd-pilot Gooise Meren", "gooise-meren-poh-jeugd"),
    ("C&A-team (regionaal, 2021)", "ca-team"),
    ("gecontracteerde jeugdhulpaanbieders", "gecontracteerde-jeugdhulp"),
)
# One-actor scenarios of the synthetic country: a GP, a buurtteam and a provider of one
# gemeente, and the expertteam of one of the 42 regions.
NATIONAL_KINDS = ("huisarts", "buurtteam", "jeugdhulpaanbieder", "expertteam")


Times = tuple[float, float]


def _row(name: str, cold: Times, first: Times, later: list[Times]) -> None:
    wall = statistics.median(w for w, _ in later) if later else float("nan")
    cpu = statistics.median(c for _, c in later) if later else float("nan")
    print(
        f"  {name:<40} cold {cold[0]:6.0f} / {cold[1]:6.0f}   "
        f"first {first[0]:6.0f} / {first[1]:6.0f}   warm {wall:6.0f} / {cpu:6.0f}"
    )


def _warm_up(G: nx.MultiDiGraph) -> None:
    """What ``ProjectionCache.warm`` and ``warm_scenarios`` do to a projection they hold."""
    prepare_routes(G)
    gemeenten = sum(a.type == "gemeente" for a in G.graph["areas"].values())
    if gemeenten <= ProjectionCache.SCENARIO_WARM_GEMEENTEN:
        prepare_scenarios(G)


def _measure(G: nx.MultiDiGraph, scenario: Scenario, repeat: int) -> None:
    G.graph["memo"] = {}
    _, *cold = timed(lambda: compare(G, scenario))
    G.graph["memo"] = {}
    _warm_up(G)
    result, *first = timed(lambda: compare(G, scenario))
    later = [tuple(timed(lambda: compare(G, scenario))[1:]) for _ in range(repeat)]
    _row(scenario.name, tuple(cold), tuple(first), later)  # type: ignore[arg-type]
    print(
        f"    {len(result.gemeenten)} gemeenten geraakt, {result.questions} routevragen "
        f"opnieuw, {sum(len(g.routes) for g in result.gemeenten)} routes veranderen"
    )


def _national_actors(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """The first actor of each kind of :data:`NATIONAL_KINDS`, by id."""
    found = []
    for kind in NATIONAL_KINDS:
        actor = min(a for a, d in G.nodes(data=True) if d["type"] == kind)
        found.append((f"{kind} {actor}", actor))
    return found


def _timed_warm_up(G: nx.MultiDiGraph) -> None:
    G.graph["memo"] = {}
    _, wall, cpu = timed(lambda: _warm_up(G))
    print(f"  opwarmen (zonder de projectie): {wall:.0f} / {cpu:.0f} ms")


def _timed_load(what: str, load: Callable[[], Any]) -> Any:
    value, wall, _ = timed(load)
    print(f"{what}: {wall / 1000:.1f} s")
    return value


def _command_line(repeat: int) -> None:
    """``zorgnet wat-als --zonder ACTOR`` as a user runs it, first and next times, each
    scenario on a copy of the store as ``zorgnet load`` left it (no answers saved)."""
    zorgnet = Path(sys.executable).with_name("zorgnet")
    with tempfile.TemporaryDirectory() as folder:
        loaded = Path(folder) / "geladen"
        with core.open_store(loaded) as opened:
            core.load(opened, SHIPPED_DATASET)
        print("opdrachtregel, zorgnet wat-als --zonder … (s wand, nieuw proces):")
        for name, actor in REGION:
            store = Path(folder) / actor
            shutil.copytree(loaded, store)
            times = []
            for _ in range(1 + max(repeat, 1)):
                command = [str(zorgnet), "wat-als", "--zonder", actor, "--store", str(store)]
                start = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            print(
                f"  {name:<40} eerste {times[0]:5.2f}   daarna {statistics.median(times[1:]):5.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, help="a store loaded with the national network")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        "ms wand / ms CPU; cold = eerste scenario op de projectie, first = eerste na het "
        "opwarmen van de webapp, warm = mediaan daarna"
    )

    G = _timed_load("regio: projectie", lambda: project(read_dataset(SHIPPED_DATASET).graph))
    print(f"regio ({G.number_of_nodes()} actoren), doel ≤ 200 ms:")
    _timed_warm_up(G)
    for name, actor in REGION:
        _measure(G, Scenario(name, without_actors=(actor,)), args.repeat)
    _command_line(args.repeat)

    if args.store is None:
        return
    with core.open_store(args.store) as store:
        N = _timed_load("nationaal: projectie", lambda: core.projection(store))
    print(f"nationaal ({N.number_of_nodes()} actoren), doel ≤ 5 s:")
    _timed_warm_up(N)
    for name, actor in _national_actors(N):
        _measure(N, Scenario(name, without_actors=(actor,)), args.repeat)


if __name__ == "__main__":
    main()
