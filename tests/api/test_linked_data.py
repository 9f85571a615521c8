"""Linked data: every zorgnet IRI answers in the app, as a page or as RDF, by Accept."""

import json

import networkx as nx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from pyld import jsonld
from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from zorgnet.api.routers.linked_data import page_of
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.context import context_document
from zorgnet.ontology.namespace import ID

HUISARTS = "https://w3id.org/zorgnet/id/actor/huisarts"
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}
ETAGGED = [
    ("/api/actors/huisarts", "text/turtle"),
    ("/id/actor/huisarts", "application/ld+json"),
    ("/def", "text/turtle"),
    ("/context.jsonld", "application/ld+json"),
    ("/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D", "application/sparql-results+json"),
]


def _get(client: TestClient, path: str, accept: str) -> object:
    return client.get(path, headers={"Accept": accept}, follow_redirects=False)


def test_a_browser_at_the_iri_of_the_huisarts_lands_on_its_dutch_page(client: TestClient) -> None:
    answer = _get(client, "/id/actor/huisarts", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/actoren/huisarts"
    page = client.get(answer.headers["location"])
    assert page.status_code == 200
    assert "huisarts" in page.text


def test_an_rdf_client_gets_the_same_record_as_turtle_json_ld_and_n_triples(
    client: TestClient,
) -> None:
    graphs = {}
    for media, fmt in RDF_TYPES.items():
        answer = _get(client, "/id/actor/huisarts", media)
        assert answer.status_code == 200, media
        assert answer.headers["content-type"].startswith(media)
        assert answer.headers["vary"] == "Accept"
        assert answer.headers["link"] == '</actoren/huisarts>; rel="alternate"; type="text/html"'
        graphs[media] = Graph().parse(data=answer.text, format=fmt)
    turtle = graphs["text/turtle"]
    assert (URIRef(HUISARTS), SKOS.prefLabel, Literal("huisarts", lang="nl")) in turtle
    # The record's citation travels with it.
    assert (URIRef(HUISARTS + "/bron/1"), None, None) in turtle
    assert all(isomorphic(turtle, g) for g in graphs.values())
    jsonld_text = _get(client, "/id/actor/huisarts", "application/ld+json").text
    nquads = jsonld.to_rdf(json.loads(jsonld_text), {"format": "application/n-quads"})
    assert len(list(ox.parse(nquads.encode(), ox.RdfFormat.N_QUADS))) == len(turtle)


def test_q_values_choose_json_ld_over_turtle_on_every_endpoint(client: TestClient) -> None:
    accept = "text/turtle;q=0.5, application/ld+json;q=0.9"
    for path in ("/api/actors/huisarts", "/id/actor/huisarts", "/def"):
        answer = _get(client, path, accept)
        assert answer.headers["content-type"].startswith("application/ld+json"), path
    describe = "DESCRIBE <https://w3id.org/zorgnet/id/actor/huisarts>"
    answer = client.get("/sparql", params={"query": describe}, headers={"Accept": accept})
    assert answer.headers["content-type"].startswith("application/ld+json")


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/id/actor/huisarts", "image/png"),
        ("/api/actors/huisarts", "text/html"),
        ("/api/actors/huisarts", "application/n-quads, text/turtle;q=0"),
        ("/sparql?query=ASK%20%7B%7D", "text/turtle"),
    ],
)
def test_a_format_that_cannot_be_given_is_a_dutch_406_listing_what_can(
    client: TestClient, path: str, accept: str
) -> None:
    answer = _get(client, path, accept)
    assert answer.status_code == 406
    assert "Kies uit" in answer.json()["detail"]
    assert ("Turtle" in answer.json()["detail"]) != path.startswith("/sparql")


def test_the_api_gives_an_actor_as_n_triples_and_json_by_default(client: TestClient) -> None:
    triples = _get(client, "/api/actors/huisarts", "application/n-triples")
    assert triples.headers["content-type"] == "application/n-triples"
    assert len(Graph().parse(data=triples.text, format="nt")) > 5
    assert _get(client, "/api/actors/huisarts", "*/*").json()["id"] == "huisarts"


@pytest.mark.parametrize(("path", "accept"), ETAGGED)
def test_a_client_that_has_the_answer_already_gets_304(
    client: TestClient, path: str, accept: str
) -> None:
    first = _get(client, path, accept)
    assert first.status_code == 200
    tag = first.headers["etag"]
    again = client.get(path, headers={"Accept": accept, "If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(path, headers={"Accept": accept, "If-None-Match": '"iets-anders"'})
    assert other.status_code == 200


def test_an_unknown_iri_is_a_dutch_404(client: TestClient) -> None:
    answer = _get(client, "/id/actor/huisartz", "text/turtle")
    assert answer.status_code == 404
    assert "geen record met het adres" in answer.json()["detail"]


def test_the_ontology_is_rdf_for_a_program_and_a_page_with_every_term_for_a_reader(
    client: TestClient,
) -> None:
    turtle = Graph().parse(data=_get(client, "/def", "text/turtle").text, format="turtle")
    assert (URIRef("https://w3id.org/zorgnet/def"), RDF.type, OWL.Ontology) in turtle
    page = _get(client, "/def", "text/html")
    assert page.status_code == 200
    for term in turtle.subjects(RDF.type, OWL.Class):
        assert f'id="{term.split("#")[-1]}"' in page.text, term
    # A concept's IRI sends a browser to its place on that page.
    concept = _get(client, "/vocab/actortypes/huisarts", "text/html")
    assert concept.headers["location"] == "/def#vocab-actortypes-huisarts"
    assert 'id="vocab-actortypes-huisarts"' in page.text
    as_rdf = _get(client, "/vocab/actortypes/huisarts", "text/turtle")
    labels = set(Graph().parse(data=as_rdf.text, format="turtle").objects(None, SKOS.prefLabel))
    assert Literal("huisarts", lang="nl") in labels


def test_the_json_ld_context_is_served_as_the_exports_use_it(client: TestClient) -> None:
    answer = _get(client, "/context.jsonld", "application/ld+json")
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert answer.json() == context_document()


def test_every_record_iri_of_the_data_leads_a_browser_to_a_page(
    client: TestClient, region: nx.MultiDiGraph, shipped: Dataset
) -> None:
    paths = {
        str(s).removeprefix(str(ID))
        for s in shipped.graph.subjects(unique=True)
        if str(s).startswith(str(ID))
    }
    assert len(paths) > 1000
    assert [p for p in paths if page_of(region, p) is None] == []
    # Over HTTP, one record of each kind and a citation.
    for path in {p.split("/")[0]: p for p in sorted(paths) if "/bron/" not in p}.values():
        answer = _get(client, f"/id/{path}", "text/html")
        assert (answer.status_code, answer.headers["location"]) == (303, page_of(region, path))
    citation = _get(client, "/id/actor/huisarts/bron/1", "text/html")
    assert citation.headers["location"] == "/actoren/huisarts"


def test_head_options_and_cors_on_the_read_endpoints_only(client: TestClient) -> None:
    got = _get(client, "/id/actor/huisarts", "text/turtle")
    head = client.head("/id/actor/huisarts", headers={"Accept": "text/turtle"})
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert got.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in preflight.headers
    for path in ("/api/actors", "/def", "/context.jsonld"):
        assert client.options(path).headers["allow"] == "GET, HEAD, OPTIONS"
        assert client.get(path).headers["access-control-allow-origin"] == "*"
    # Writes and the pages with their session cookie stay closed to other sites.
    write = client.post("/api/edits", json={}, headers={"Origin": "https://elders.example"})
    assert "access-control-allow-origin" not in write.headers
    page = client.get("/actoren/huisarts", headers={"Origin": "https://elders.example"})
    assert "access-control-allow-origin" not in page.headers
