"""The SPARQL endpoint: the protocol, the formats, and what it refuses."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import BNode, Graph
from rdflib.compare import isomorphic
from rdflib.query import Result

from zorgnet.api.app import create_app

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ACTORS = "PREFIX zn: <https://w3id.org/zorgnet/def#> SELECT ?a WHERE { ?a a zn:Actor } ORDER BY ?a"
# Every kind of value the data holds, and an unbound one.
VALUES = (
    "PREFIX zn: <https://w3id.org/zorgnet/def#> SELECT ?s ?p ?o ?none WHERE { "
    "?s ?p ?o OPTIONAL { ?s zn:nooit ?none } } ORDER BY ?s ?p ?o LIMIT 400"
)
VEILIG_THUIS = "CONSTRUCT WHERE { <https://w3id.org/zorgnet/id/actor/veilig-thuis> ?p ?o }"
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@pytest.fixture(scope="module")
def limited(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path, make_settings
) -> Iterator[TestClient]:
    """An app with a 1.5 s time limit and a result limit of 3."""
    import shutil

    target = tmp_path_factory.mktemp("sparql") / "store"
    shutil.copytree(loaded_store, target)
    settings = make_settings(target).model_copy(
        update={"sparql_timeout": 1.5, "sparql_result_limit": 3, "sparql_max_body": 2000}
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _count(client: TestClient) -> int:
    response = client.get("/sparql", params={"query": COUNT})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_a_select_by_get_gives_sparql_json(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": ACTORS})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert len(response.json()["results"]["bindings"]) > 10
    assert response.headers["x-zorgnet-truncated"] == "false"


def test_post_form_encoded_and_direct_give_the_same_answer(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": ACTORS}).json()
    direct = client.post(
        "/sparql", content=ACTORS, headers={"Content-Type": "application/sparql-query"}
    ).json()
    assert form["results"] == direct["results"]


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        ("application/sparql-results+xml", lambda t: "<sparql" in t and "<uri>" in t),
        ("text/csv", lambda t: next(csv.reader(io.StringIO(t))) == ["a"]),
        ("text/tab-separated-values", lambda t: t.startswith("?a\n<https://")),
    ],
)
def test_select_results_as_xml_csv_and_tsv(client: TestClient, accept: str, check) -> None:
    response = client.get("/sparql", params={"query": ACTORS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert check(response.text)


@pytest.mark.parametrize(
    ("accept", "fmt"), [("text/turtle", "turtle"), ("application/n-triples", "nt")]
)
def test_construct_as_turtle_or_n_triples(client: TestClient, accept: str, fmt: str) -> None:
    query = "CONSTRUCT WHERE { <https://w3id.org/zorgnet/id/actor/veilig-thuis> ?p ?o }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=response.text, format=fmt)) > 5


def test_ask_answers_true_or_false(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "DROP DEFAULT",
    ],
)
def test_every_update_is_refused_and_changes_nothing(client: TestClient, update: str) -> None:
    before = _count(client)
    for response in (
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        ),
    ):
        assert response.status_code == 400
        assert "alleen-lezen" in response.json()["fout"]
    assert _count(client) == before


def test_service_is_refused_and_never_connects(client: TestClient, listener) -> None:
    port, connections = listener
    for query in (
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> "
        "{ ?s ?p ?o } } }",
    ):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 400
        assert "SERVICE" in response.json()["fout"]
    for query in (
        f"SELECT * FROM <http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}",
    ):
        assert client.get("/sparql", params={"query": query}).status_code == 400
    refused = client.get(
        "/sparql", params={"query": ACTORS, "default-graph-uri": f"http://127.0.0.1:{port}/"}
    )
    assert refused.status_code == 400
    assert connections == []


@pytest.mark.slow
def test_a_slow_query_is_stopped_and_the_server_keeps_answering(limited: TestClient) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = limited.get("/sparql", params={"query": slow})
    assert response.status_code == 503
    assert "gestopt" in response.json()["fout"]
    assert limited.get("/health").status_code == 200
    assert limited.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]


@pytest.mark.slow
def test_results_are_cut_at_the_limit_and_say_so(limited: TestClient) -> None:
    response = limited.get("/sparql", params={"query": ACTORS})
    assert len(response.json()["results"]["bindings"]) == 3
    assert response.headers["x-zorgnet-truncated"] == "true"
    assert response.json()["zorgnet"] == {
        "afgekapt": True,
        "limiet": 3,
        "bytelimiet": 20_000_000,
        "afgekapt_op": "rijen",
    }
    assert response.headers["x-zorgnet-truncated-by"] == "rijen"


def test_a_too_large_body_is_refused(limited: TestClient) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 3000
    response = limited.post(
        "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413


def test_syntax_errors_and_missing_queries_are_400_in_dutch(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELEKT ?x"})
    assert response.status_code == 400
    assert "geen geldige SPARQL" in response.json()["fout"]
    empty = client.get("/sparql", params={"query": " "})
    assert empty.status_code == 400
    # Without a query at all: the endpoint's description (test_sparql_description.py).
    assert client.get("/sparql").headers["content-type"].startswith("text/turtle")


@pytest.mark.slow
def test_a_valid_query_with_deeply_nested_parentheses_is_answered(client: TestClient) -> None:
    """rdflib's parser gave up at 25 levels ("maximum recursion depth"); Oxigraph does not."""
    query = "SELECT ?x WHERE { BIND(" + "(" * 25 + "1 + 1" + ")" * 25 + " AS ?x) }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "2"
    assert response.headers["x-zorgnet-query-form"] == "SELECT"


def _parsed(content: bytes, fmt: str) -> list[tuple[str, ...]]:
    """The rows of a SPARQL result as rdflib reads it, each value as text."""
    if fmt == "csv":
        result = Result.parse(io.StringIO(content.decode()), format="csv")
    else:
        result = Result.parse(io.BytesIO(content), format=fmt)
    return [
        tuple("" if v is None else "_:" if isinstance(v, BNode) else str(v) for v in row)
        for row in result
    ]


@pytest.mark.parametrize("accept", list(RESULT_TYPES))
def test_each_result_media_type_parses_with_rdflib(client: TestClient, accept: str) -> None:
    expected = _parsed(client.get("/sparql", params={"query": VALUES}).content, "json")
    response = client.get("/sparql", params={"query": VALUES}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["vary"] == "Accept"
    assert _parsed(response.content, RESULT_TYPES[accept]) == expected
    assert len(expected) == 400
    assert any(row[2].startswith("http") for row in expected)
    assert any(not row[2].startswith("http") for row in expected)


@pytest.mark.parametrize("accept", list(GRAPH_TYPES))
def test_each_graph_media_type_parses_with_rdflib(client: TestClient, accept: str) -> None:
    expected = Graph().parse(data=client.get("/sparql", params={"query": VEILIG_THUIS}).text)
    response = client.get("/sparql", params={"query": VEILIG_THUIS}, headers={"Accept": accept})
    assert response.status_code == 200
    served = Graph().parse(data=response.content, format=GRAPH_TYPES[accept])
    assert len(served) > 5
    assert isomorphic(served, expected)


@pytest.mark.slow
@pytest.mark.parametrize("accept", [*RESULT_TYPES, *GRAPH_TYPES])
def test_a_cut_result_parses_in_each_media_type(limited: TestClient, accept: str) -> None:
    graph = accept in GRAPH_TYPES
    query = "CONSTRUCT WHERE { ?s ?p ?o }" if graph else VALUES
    response = limited.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["x-zorgnet-truncated-by"] == "rijen"
    if graph:
        assert len(Graph().parse(data=response.content, format=GRAPH_TYPES[accept])) == 3
    else:
        assert len(_parsed(response.content, RESULT_TYPES[accept])) == 3
