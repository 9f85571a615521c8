"""Benchmark (not a test): loading the embedded store and projecting it, at both scales.

Region: the shipped dataset, loaded with ``Store.replace`` from its rdflib graph into an
on-disk store, then projected from the store (pyoxigraph path) and from the rdflib graph.
National: an N-Triples file (e.g. the national network of ``zorgnet synth``, serialized),
loaded with ``Store.replace_from_file`` into an empty on-disk store, loaded again (which
also drops the previous version), then projected; then ``core.projection`` builds and
saves the projection with the version, and a new Store object reads it back. Wall and CPU time
(``time.process_time``, this process only) per step, and the peak RSS of the process.

Run: .venv/bin/python bench/projection.py [--nt /path/to/national.nt] [--rdflib]
"""

import argparse
import resource
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph
from timing import timed

from zorgnet import core
from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.projection import project
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset


def _step(name: str, function: Callable[[], Any]) -> Any:
    result, wall, cpu = timed(function)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name:<45} wall {wall / 1000:8.2f} s  cpu {cpu / 1000:8.2f} s  peak RSS {peak:6.0f} MB",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nt", type=Path, help="an N-Triples file of the national network")
    parser.add_argument(
        "--rdflib",
        action="store_true",
        help="also load the national file through an rdflib Graph (slow)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        graph = read_dataset(SHIPPED_DATASET).graph
        with Store(Path(folder) / "regio") as store:
            for _ in range(3):
                _step(f"regio: replace ({len(graph)} triples)", lambda: store.replace(graph))
            _step("regio: project(store.graph())", lambda: project(store.graph()))
        _step("regio: project(rdflib graph)", lambda: project(graph))
        if args.nt is None:
            return
        with Store(Path(folder) / "nationaal") as store:
            load = lambda: store.replace_from_file(args.nt)  # noqa: E731
            _step("nationaal: replace_from_file, empty store", load)
            _step("nationaal: replace_from_file, drops old", load)
            G = _step("nationaal: project(store.graph())", lambda: project(store.graph()))
            print(f"nationaal: {G.number_of_nodes()} actors, {G.number_of_edges()} edges")
            _step("nationaal: projection_for, builds and saves", lambda: core.projection(store))
        # A new Store object has no projection in memory: it reads the one saved.
        with Store(Path(folder) / "nationaal") as store:
            _step("nationaal: projection_for, reads the saved", lambda: core.projection(store))
        with Store(Path(folder) / "nationaal") as store:
            if args.rdflib:
                data = _step(
                    "nationaal: rdflib parse (not a store step)",
                    lambda: Graph().parse(args.nt, format="nt"),
                )
                _step("nationaal: replace(rdflib Graph), drops old", lambda: store.replace(data))


if __name__ == "__main__":
    main()
