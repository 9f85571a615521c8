"""Benchmark (not a test): each analysis on the national synthetic network.

Loads the frozen projection from a pickle (``/work/nat/G.pickle`` by default; make it
with ``--build FILE.nt``, which bulk-loads N-Triples into an in-memory Oxigraph store and
projects it, slow until the projection is fast) and prints, per analysis, the first
("cold": the per-projection indexes and memo are built) and the median of the following
("warm") run, in wall-clock and CPU milliseconds (the machine may be shared: CPU time
is the steadier figure). The route question is also asked as a SPARQL 1.1
property-path query on the same in-memory store when ``--nt`` is given, as a ratio.

Run: .venv/bin/python bench/national_analyses.py [--pickle P] [--nt FILE.nt] [--repeat 5]
"""

import argparse
import pickle
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from timing import path_query, timed

from zorgnet.graph.analyses.brokers import brokers
from zorgnet.graph.analyses.gaps import coverage, referrer_reach
from zorgnet.graph.analyses.membership import compare_teams
from zorgnet.graph.analyses.overlaps import overlaps
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.ontology.namespace import ID, VOCAB


def _load_store(nt: Path) -> Any:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(
        path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode("urn:x")
    )
    return store


def _build(nt: Path, target: Path) -> nx.MultiDiGraph:
    import oxrdflib
    import rdflib

    from zorgnet.graph.projection import project

    graph = rdflib.Graph(
        store=oxrdflib.OxigraphStore(store=_load_store(nt)), identifier=rdflib.URIRef("urn:x")
    )
    G = project(graph)
    target.write_bytes(pickle.dumps(G, protocol=pickle.HIGHEST_PROTOCOL))
    return G


def _time(function: Callable[[], Any]) -> tuple[float, float]:
    return timed(function)[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pickle", type=Path, default=Path("/work/nat/G.pickle"))
    parser.add_argument("--build", type=Path, help="Project this N-Triples file first.")
    parser.add_argument("--nt", type=Path, help="Time the SPARQL property path on it too.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-brokers", action="store_true")
    args = parser.parse_args()
    G = _build(args.build, args.pickle) if args.build else pickle.loads(args.pickle.read_bytes())
    G.graph["memo"] = {}
    print(
        f"{G.number_of_nodes()} actoren, {G.number_of_edges()} verbindingen "
        f"(cold = eerste keer, warm = mediaan van {args.repeat}; ms wand / ms CPU)"
    )
    route = ("g001-huisarts-1", "jeugd-ggz")
    cases: list[tuple[str, Callable[[], Any]]] = [
        (
            "route g001-huisarts-1 → jeugd-ggz (g001, k=5)",
            lambda: referral_routes(G, *route, gemeente="g001", k=5),
        ),
        (
            "route huisarts → jeugd-ggz (g200, k=5)",
            lambda: referral_routes(G, "huisarts", "jeugd-ggz", gemeente="g200", k=5),
        ),
        ("dekking g001", lambda: coverage(G, gemeenten=["g001"])),
        ("dekking alle gemeenten", lambda: coverage(G)),
        ("bereik verwijzers g001", lambda: referrer_reach(G, "g001")),
        ("overlap", lambda: overlaps(G)),
        ("teams vergelijken", lambda: compare_teams(G)),
    ]
    if not args.no_brokers:
        cases.append(("makelaars regio r01", lambda: brokers(G, region="r01")))
        cases.append(("makelaars heel het land", lambda: brokers(G)))
    results: dict[str, float] = {}
    width = max(len(name) for name, _ in cases)
    for name, function in cases:
        cold = _time(function)
        warm = [_time(function) for _ in range(args.repeat)]
        wall = statistics.median(w for w, _ in warm)
        cpu = statistics.median(c for _, c in warm)
        results[name] = wall
        print(
            f"  {name:<{width}}  cold {cold[0]:9.1f} / {cold[1]:9.1f}   "
            f"warm {wall:8.2f} / {cpu:8.2f}",
            flush=True,
        )
    if not args.no_brokers:
        report = brokers(G)
        print(
            f"  makelaars: tussenliggendheid {report.betweenness}, steekproef "
            f"{report.samples}, seed {report.seed}, {report.actors} actoren"
        )
    if args.nt:
        store = _load_store(args.nt)
        query = path_query(ID[f"actor/{route[0]}"], VOCAB[f"helpkinds/{route[1]}"], "urn:x")
        times = [_time(lambda: list(store.query(query)))[0] for _ in range(3)]
        sparql = statistics.median(times)
        ratio = sparql / results[cases[0][0]]
        print(
            f"  SPARQL-eigenschapspad (zelfde vraag, alleen bereikbaarheid): {sparql:.1f} ms; "
            f"verhouding SPARQL / route (warm): {ratio:.0f}x"
        )


if __name__ == "__main__":
    main()
