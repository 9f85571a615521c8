"""Benchmark (not a test): the projection and each analysis on the shipped data.

Also times the route question against the same question asked as a SPARQL 1.1
property-path query on the same store, and prints the ratio. The SPARQL query only
answers reachability ("which providers can be reached at all"); the route analysis
also ranks routes, checks conditions and names mandates, so the ratio flatters SPARQL.

Run: .venv/bin/python bench/analyses.py [--source huisarts] [--help-kind basishulp]
"""

import argparse
from collections.abc import Callable
from typing import Any

from timing import median_ms

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses.brokers import brokers
from zorgnet.graph.analyses.gaps import coverage, dead_ends
from zorgnet.graph.analyses.mandates import escalation_ladder, mandate_matrix
from zorgnet.graph.analyses.membership import compare_teams
from zorgnet.graph.analyses.overlaps import overlaps
from zorgnet.graph.analyses.routes import legal_referrers, referral_routes
from zorgnet.graph.analyses.snapshots import diff
from zorgnet.graph.projection import project
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset
from zorgnet.ontology.namespace import VOCAB

_PATH_QUERY = """
PREFIX zn: <https://w3id.org/zorgnet/def#>
SELECT DISTINCT ?target WHERE {{
  ?source zn:actorType <{actor_type}> .
  ?source (^zn:from/zn:to)+ ?target .
  ?target zn:offers <{help_kind}> .
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", default="huisarts")
    parser.add_argument("--help-kind", default="basishulp")
    parser.add_argument("--gemeente", default="huizen")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    dataset = read_dataset(SHIPPED_DATASET)
    store = Store()
    store.replace(dataset.graph)
    graph = store.graph()
    G = project(graph)
    print(
        f"Gegevens: {len(graph)} triples, {G.number_of_nodes()} actoren, "
        f"{G.number_of_edges()} verbindingen (mediaan van {args.repeat} runs, ms)"
    )

    rows = [("projectie (SPARQL op Oxigraph → networkx)", median_ms(lambda: project(graph), 5))]
    # Whole-graph analyses are memoised per projection: time the first, uncached run.
    analyses: list[tuple[str, Callable[[], Any], bool]] = [
        (
            "route",
            lambda: referral_routes(G, args.source, args.help_kind, gemeente=args.gemeente),
            False,
        ),
        ("wettelijke verwijzers", lambda: legal_referrers(G), False),
        ("dekking (gaps)", lambda: coverage(G), False),
        ("doodlopend/onbereikbaar", lambda: dead_ends(G), False),
        ("overlap", lambda: overlaps(G), False),
        ("teams vergelijken", lambda: compare_teams(G), False),
        ("makelaars (ongecachet)", lambda: (G.graph["memo"].clear(), brokers(G)), True),
        ("bevoegdhedenmatrix", lambda: mandate_matrix(G), False),
        ("escalatieladder", lambda: escalation_ladder(G, args.gemeente), False),
        ("verschil 2021-2025", lambda: diff(G, 2021, 2025), False),
    ]
    for name, function, slow in analyses:
        rows.append((name, median_ms(function, 3 if slow else args.repeat)))
    width = max(len(name) for name, _ in rows)
    for name, ms in rows:
        print(f"  {name:<{width}}  {ms:9.2f}")

    query = _PATH_QUERY.format(
        actor_type=VOCAB[f"actortypes/{args.source}"],
        help_kind=VOCAB[f"helpkinds/{args.help_kind}"],
    )
    sparql_ms = median_ms(lambda: list(graph.query(query)), args.repeat)
    route_ms = dict(rows)["route"]
    reached = sorted(str(r[0]).rsplit("/", 1)[-1] for r in graph.query(query))
    print(f"\nVraag: {args.source} → {args.help_kind} ({args.gemeente})")
    print(f"  SPARQL-eigenschapspad (alleen bereikbaarheid): {sparql_ms:9.2f} ms -> {reached}")
    print(f"  referral_routes (k=5, voorwaarden, mandaten):  {route_ms:9.2f} ms")
    print(f"  verhouding SPARQL / route: {sparql_ms / route_ms:.2f}")
    store.close()


if __name__ == "__main__":
    main()
