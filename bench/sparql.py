"""Benchmark (not a test): the SPARQL endpoint's engine on the shipped data.

For a few queries, the time of ``SparqlRunner.run`` (the worker runs the query and cuts
the result at the row and byte limit; the answer crosses the pipe) and of ``render`` in
each format the endpoint offers, with the size of the answer. The workers are started
before the clock runs. Medians of ``--repeat`` runs, wall time.

Run: ``.venv/bin/python bench/sparql.py [--repeat 9]``
"""

import argparse
from dataclasses import dataclass

from timing import median_ms

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.core.sparql import SparqlRunner, render
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import read_dataset

ZN = "PREFIX zn: <https://w3id.org/zorgnet/def#>\n"
QUERIES = {
    "SELECT alle triples": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT actor x actor (afgekapt op rijen)": ZN
    + "SELECT ?a ?b WHERE { ?a a zn:Actor . ?b a zn:Actor }",
    "SELECT 100 rijen": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100",
    "SELECT grote waarden (afgekapt op bytes)": (
        'SELECT ?x WHERE { ?a ?b ?c BIND(REPLACE(REPLACE(STR(?c),"","0123456789abcdef'
        '0123456789abcdef"),"","0123456789abcdef") AS ?x) } LIMIT 10000'
    ),
    "ASK": "ASK { ?s ?p ?o }",
    "CONSTRUCT alle triples": "CONSTRUCT WHERE { ?s ?p ?o }",
}
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "nt", "json-ld", "xml")


@dataclass
class Limits:
    """The web app's default limits, one worker."""

    sparql_timeout: float = 60.0
    sparql_result_limit: int = 10_000
    sparql_result_bytes: int = 20_000_000
    sparql_workers: int = 1
    sparql_worker_memory: int = 1024
    sparql_queue_wait: float = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    store = Store()
    store.replace(read_dataset(SHIPPED_DATASET).graph)
    runner = SparqlRunner(Limits())
    runner.run(store, "ASK {}")  # the worker starts and loads the copy
    print(f"Gegevens: {len(store.graph())} triples (mediaan van {args.repeat} runs, ms)")
    try:
        for title, query in QUERIES.items():
            outcome = runner.run(store, query)
            ran = median_ms(lambda q=query: runner.run(store, q), args.repeat)
            cut = f", afgekapt op {outcome.cut_by}" if outcome.truncated else ""
            print(f"{title} ({outcome.kind}{cut}): run {ran:8.2f}")
            formats = GRAPH_FORMATS if outcome.kind == "GRAPH" else RESULT_FORMATS
            for fmt in formats:
                size = len(render(outcome, fmt))
                took = median_ms(lambda o=outcome, f=fmt: render(o, f), args.repeat)
                print(f"    render {fmt:8} {took:8.2f}   {size:>12,} bytes")
    finally:
        runner.close()
        store.close()


if __name__ == "__main__":
    main()
