"""Benchmark (not a test): both store backends at both scales.

For the shipped region and the synthetic national network (``zorgnet synth``, generated
into a temporary folder) and for the embedded Oxigraph store and a private Virtuoso 7
server (tests/virtuoso.py): reading + checking the YAML, load time, projection time,
each analysis (route, gaps, overlaps, team membership, brokers), the route question
against the same question as a SPARQL 1.1 property-path query on the same store (as a
ratio), and the memory peak of the process (``ru_maxrss``, which only grows: the value
after a step is the peak up to and including it).

Brokers: the exact analysis (betweenness, Burt's constraint, articulation points with
what they cut off) is quadratic. At national scale it runs per region (brokers live
where routes live; the figure is the median region times the number of regions) and,
for the whole country, only betweenness with k sampled sources
(``nx.betweenness_centrality(k=500, seed=1)``, an estimate whose error shrinks with
1/sqrt(k)).

Run: .venv/bin/python bench/backends.py [--gemeenten 340] [--backends oxigraph,virtuoso]
"""

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from timing import median_ms
from virtuoso import VirtuosoServer

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses.brokers import brokers
from zorgnet.graph.analyses.gaps import coverage
from zorgnet.graph.analyses.membership import compare_teams
from zorgnet.graph.analyses.overlaps import overlaps
from zorgnet.graph.analyses.routes import referral_routes
from zorgnet.graph.projection import area_scope, project
from zorgnet.graph.sparql_store import SparqlStore
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset
from zorgnet.loaders.synth import synthesize, write_network
from zorgnet.ontology.namespace import ID, VOCAB

# Reachability only: the route analysis also ranks, checks conditions and names mandates.
_PATH_QUERY = """
PREFIX zn: <https://w3id.org/zorgnet/def#>
SELECT DISTINCT ?target WHERE {{ GRAPH <{graph}> {{
  <{source}> (^zn:from/zn:to)+ ?target .
  ?target zn:offers <{help_kind}> .
}} }}
"""
# Per scale: the route question (source actor, help kind, gemeente) and a region.
QUESTIONS = {
    "regio": ("huisarts", "jeugd-ggz", "hilversum", "gooi-en-vechtstreek"),
    "nationaal": ("g001-huisarts-1", "jeugd-ggz", "g001", "r01"),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fresh(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    G.graph["memo"] = {}
    return G


def _region(G: nx.MultiDiGraph, region: str) -> nx.MultiDiGraph:
    scope = area_scope(G, region)
    nodes = [n for n, d in G.nodes(data=True) if set(d["areas"]) & scope]
    H = G.subgraph(nodes).copy()
    H.graph = {**G.graph, "memo": {}}
    return H


def _brokers(G: nx.MultiDiGraph, scale: str, region: str) -> dict[str, Any]:
    if scale == "regio":
        return {"brokers_ms": median_ms(lambda: brokers(_fresh(G)))}
    regions = [a.id for a in G.graph["areas"].values() if a.type == "regio"]
    per_region = [median_ms(lambda r=r: brokers(_region(G, r))) for r in regions[:3]]
    U = nx.Graph(G)
    sampled = median_ms(lambda: nx.betweenness_centrality(U, k=500, seed=1))
    return {
        "brokers_region_ms": statistics.median(per_region),
        "brokers_all_regions_ms": statistics.median(per_region) * len(regions),
        "betweenness_k500_country_ms": sampled,
        "regions": len(regions),
    }


def _run(scale: str, backend: str, data: Any, server: VirtuosoServer | None) -> dict[str, Any]:
    source, help_kind, gemeente, region = QUESTIONS[scale]
    row: dict[str, Any] = {"scale": scale, "backend": backend, "triples": len(data)}
    with tempfile.TemporaryDirectory() as folder:
        if backend == "oxigraph":
            store: Any = Store(Path(folder) / "store")
        else:
            assert server is not None
            store = SparqlStore(server.endpoint, user="zorgnet", password=server.password)
        with store:
            row["load_ms"] = median_ms(lambda: store.replace(data))
            row["read_ms"] = median_ms(store.graph)
            graph = store.graph()
            row["projection_ms"] = median_ms(lambda: project(graph))
            G = project(graph)
            row["actors"] = G.number_of_nodes()
            row["edges"] = G.number_of_edges()
            row["route_ms"] = median_ms(
                lambda: referral_routes(_fresh(G), source, help_kind, gemeente=gemeente, k=5), 5
            )
            row["gaps_ms"] = median_ms(lambda: coverage(_fresh(G), gemeenten=[gemeente]))
            row["overlaps_ms"] = median_ms(lambda: overlaps(_fresh(G)))
            row["teams_ms"] = median_ms(lambda: compare_teams(_fresh(G)))
            row.update(_brokers(G, scale, region))
            query = _PATH_QUERY.format(
                graph=store.version,
                source=ID[f"actor/{source}"],
                help_kind=VOCAB[f"helpkinds/{help_kind}"],
            )
            if backend == "oxigraph":
                row["path_query_ms"] = median_ms(lambda: list(store.graph().query(query)), 3)
            else:
                row["path_query_ms"] = median_ms(lambda: store.select(query), 3)
            row["path_over_route"] = row["path_query_ms"] / row["route_ms"]
    row["peak_rss_mb"] = _peak_mb()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gemeenten", type=int, default=340)
    parser.add_argument("--scales", default="regio,nationaal")
    parser.add_argument("--backends", default="oxigraph,virtuoso")
    parser.add_argument("--json", type=Path, help="Write the rows to this file too.")
    parser.add_argument(
        "--skip-shacl",
        action="store_true",
        help="Read the YAML without the SHACL check (time `zorgnet check` on its own).",
    )
    args = parser.parse_args()
    if args.skip_shacl:
        import zorgnet.loaders.dataset

        zorgnet.loaders.dataset.shacl_problems = lambda *_a, **_k: []  # type: ignore[assignment]
    backends = args.backends.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        server = VirtuosoServer().start() if "virtuoso" in backends else None
        try:
            for scale in args.scales.split(","):
                path = SHIPPED_DATASET
                if scale == "nationaal":
                    path = Path(folder) / "nl"
                    start = time.perf_counter()
                    write_network(synthesize(gemeenten=args.gemeenten, seed=1), path)
                    print(f"synth {args.gemeenten} gemeenten: {time.perf_counter() - start:.1f} s")
                start = time.perf_counter()
                dataset = read_dataset(path)
                check_s = time.perf_counter() - start
                print(f"{scale}: lezen + controle {check_s:.1f} s, ok={dataset.report.ok}")
                for backend in backends:
                    row = _run(scale, backend, dataset.graph, server)
                    row["read_and_check_s"] = check_s
                    rows.append(row)
                    print(json.dumps(row), flush=True)
        finally:
            if server is not None:
                server.stop()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
