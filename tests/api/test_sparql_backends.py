"""The SPARQL endpoint answers the same bytes on both store backends.

On Virtuoso too a query runs in the endpoint's own Oxigraph workers, on a copy of the
current version read from the server, and Oxigraph writes the answer: one path, so
the same query gives the same bytes, whole or cut. The queries here fix their order
(ORDER BY): without it SPARQL leaves the order open, and the two copies of the data,
read in another order, may list the same rows in another order.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from zorgnet import core
from zorgnet.api.app import create_app

ZN = "PREFIX zn: <https://w3id.org/zorgnet/def#>\n"
QUERIES = {
    "SELECT": ZN + "SELECT ?a ?naam ?soort WHERE { ?a a zn:Actor ; ?p ?naam "
    "OPTIONAL { ?a zn:actorType ?soort } } ORDER BY ?a ?p ?naam ?soort LIMIT 300",
    "SELECT afgekapt": ZN + "SELECT ?a ?b WHERE { ?a a zn:Actor . ?b a zn:Actor } ORDER BY ?a ?b",
    "ASK": "ASK { ?s ?p ?o }",
    "CONSTRUCT": "CONSTRUCT { ?a ?p ?o } WHERE { VALUES ?a { "
    "<https://w3id.org/zorgnet/id/actor/veilig-thuis> } ?a ?p ?o } ORDER BY ?p ?o",
}
RESULT_TYPES = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]


@pytest.fixture(scope="module")
def clients(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path, virtuoso, make_settings
) -> Iterator[dict[str, TestClient]]:
    """An app over the embedded store and one over Virtuoso, both on the shipped data."""
    folder = tmp_path_factory.mktemp("embedded") / "store"
    shutil.copytree(loaded_store, folder)
    limits = {"sparql_result_limit": 1000}
    with pytest.MonkeyPatch.context() as env:
        for name, value in virtuoso.credentials_env.items():
            env.setenv(name, value)
        env.setenv("ZORGNET_CACHE", str(tmp_path_factory.mktemp("cache")))
        # Whatever an earlier test left on the server: the shipped data becomes current.
        with core.open_store(virtuoso.store_url) as store:
            core.load(store, core.SHIPPED_DATASET)
        with (
            TestClient(create_app(make_settings(folder, **limits))) as embedded,
            TestClient(create_app(make_settings(virtuoso.store_url, **limits))) as remote,
        ):
            yield {"oxigraph": embedded, "virtuoso": remote}


@pytest.mark.virtuoso
@pytest.mark.parametrize("name", list(QUERIES))
def test_both_backends_answer_the_same_bytes(clients: dict[str, TestClient], name: str) -> None:
    query = QUERIES[name]
    for accept in GRAPH_TYPES if name == "CONSTRUCT" else RESULT_TYPES:
        embedded, remote = (
            client.get("/sparql", params={"query": query}, headers={"Accept": accept})
            for client in (clients["oxigraph"], clients["virtuoso"])
        )
        assert embedded.status_code == remote.status_code == 200, remote.text
        assert remote.headers["content-type"] == embedded.headers["content-type"]
        assert (
            remote.headers["x-zorgnet-truncated-by"] == embedded.headers["x-zorgnet-truncated-by"]
        )
        assert remote.content == embedded.content, accept
        assert len(embedded.content) >= len(b"true")
    if name == "SELECT afgekapt":
        assert embedded.headers["x-zorgnet-truncated-by"] == "rijen"


@pytest.mark.virtuoso
def test_both_backends_read_the_labels_of_the_concepts_the_data_uses(
    clients: dict[str, TestClient],
) -> None:
    query = (
        ZN + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?a ?soort WHERE { ?a zn:actorType/skos:prefLabel ?soort "
        "FILTER(LANG(?soort) = 'nl') } ORDER BY ?a LIMIT 50"
    )
    embedded, remote = (
        client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
        for client in (clients["oxigraph"], clients["virtuoso"])
    )
    assert embedded == remote
    assert len(embedded) == 50


@pytest.mark.virtuoso
def test_a_load_leaves_the_vocabularies_in_their_own_graph_on_the_sparql_server(
    clients: dict[str, TestClient], virtuoso
) -> None:
    from rdflib import SKOS

    from zorgnet.graph.store import SCHEMA_GRAPH
    from zorgnet.ontology.files import schema_graph

    query = (
        "SELECT (COUNT(*) AS ?n) (SAMPLE(?l) AS ?label) WHERE { GRAPH <" + SCHEMA_GRAPH + "> { "
        "{ ?s ?p ?o } UNION { <https://w3id.org/zorgnet/vocab/actortypes/huisarts> "
        f"<{SKOS.prefLabel}> ?l FILTER(LANG(?l) = 'nl') }} }} }}"
    )
    answer = httpx.post(
        virtuoso.endpoint,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    ).json()["results"]["bindings"][0]
    assert answer["label"]["value"] == "huisarts"
    # Each triple once, however many loads wrote it.
    assert int(answer["n"]["value"]) == len(schema_graph()) + 1
