"""Benchmark (not a test): the remote store on Virtuoso 7 at national scale.

Starts a private Virtuoso server (tests/virtuoso.py), loads the national network into it
through :class:`~zorgnet.graph.sparql_store.SparqlStore` (Graph Store uploads, count
check, pointer switch), reads it back in pages as ``graph()`` does, and asks the route
question as a SPARQL 1.1 property-path query on the server. For every step it prints
wall time and this process's CPU time; the difference is time spent waiting for the
server (on a shared machine also for other processes). Requests are timed one by one,
so the read splits into server answers (request) and client parsing.

Data: ``--nt FILE`` reads an N-Triples dump with pyoxigraph (seconds); without it the
network is generated (``zorgnet synth``) and read with the YAML loader (minutes).

Run: .venv/bin/python bench/virtuoso_national.py [--nt nl.nt] [--gemeenten 340] [--fallback]
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from timing import path_query, timed_requests
from virtuoso import VirtuosoServer

from zorgnet.graph.sparql_store import SparqlStore, _term
from zorgnet.loaders.dataset import read_dataset
from zorgnet.loaders.synth import synthesize, write_network
from zorgnet.ontology.namespace import ID, VOCAB


class _Clock:
    """Wall and CPU seconds of one step."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def stop(self) -> dict[str, float]:
        return {
            "wall_s": round(time.perf_counter() - self.wall, 2),
            "cpu_s": round(time.process_time() - self.cpu, 2),
        }


def _data(args: argparse.Namespace) -> Graph:
    clock = _Clock()
    if args.nt:
        store = ox.Store()
        store.bulk_load(path=args.nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:b"))
        graph = Graph(store=OxigraphStore(store=store), identifier="urn:b")
        how = f"pyoxigraph {args.nt}"
    else:
        folder = Path(tempfile.mkdtemp(prefix="zorgnet-national-"))
        write_network(synthesize(gemeenten=args.gemeenten, seed=1), folder)
        graph = read_dataset(folder).graph
        how = f"zorgnet synth --gemeenten {args.gemeenten}"
    print(json.dumps({"step": "data", "how": how, "triples": len(graph), **clock.stop()}))
    return graph


def _step(name: str, run: Callable[[], object], times: list[float], **extra: object) -> None:
    times.clear()
    clock = _Clock()
    run()
    row = {"step": name, **extra, **clock.stop()}
    if times:
        row |= {
            "requests": len(times),
            "request_s": round(sum(times), 2),
            "slowest_request_s": round(max(times), 2),
        }
    print(json.dumps(row), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nt", type=Path, help="an N-Triples dump of the national network")
    parser.add_argument("--gemeenten", type=int, default=340)
    parser.add_argument("--upload", type=int, default=20_000, help="triples per upload")
    parser.add_argument("--page", type=int, default=50_000, help="triples per read request")
    parser.add_argument(
        "--fallback", action="store_true", help="also time the read ordered by subject (minutes)"
    )
    args = parser.parse_args()
    data = _data(args)
    triples = len(data)

    clock = _Clock()
    lines = [f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in data]
    print(json.dumps({"step": "client: graph to N-Triples lines", **clock.stop()}))
    del lines

    with (
        VirtuosoServer() as server,
        SparqlStore(
            server.endpoint,
            user="zorgnet",
            password=server.password,
            upload=args.upload,
            page=args.page,
            timeout=60,
        ) as store,
    ):
        times = timed_requests(store)["all"]
        clock = _Clock()
        _step("load (replace)", lambda: store.replace(data), times, upload=args.upload)
        load_s = time.perf_counter() - clock.wall
        print(json.dumps({"step": "load rate", "triples_per_s": round(triples / load_s)}))

        clock = _Clock()
        _step("read (graph, paged)", store.graph, times, page=args.page)
        read_s = time.perf_counter() - clock.wall
        print(json.dumps({"step": "read rate", "triples_per_s": round(triples / read_s)}))
        assert len(store.graph()) == triples

        version = str(store.version)
        if args.fallback:
            _step("read by subject (fallback)", lambda: store._read_by_subject(version), times)

        query = path_query(ID["actor/g001-huisarts-1"], VOCAB["helpkinds/jeugd-ggz"], graph=version)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            answer = store.select(query)
            runs.append(time.perf_counter() - start)
        assert isinstance(answer, list)
        print(
            json.dumps(
                {
                    "step": "property-path route query",
                    "targets": len(answer),
                    "first_ms": round(runs[0] * 1000, 1),
                    "median_ms": round(statistics.median(runs) * 1000, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
