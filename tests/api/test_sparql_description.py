"""The SPARQL endpoint describes itself (Service Description, VoID), read by standard
clients over real HTTP: httpx and rdflib for the description, SPARQLWrapper for queries."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import serve
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib import SKOS as SKOS_NS
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, SPARQLWrapper

from zorgnet.core.sparql import SCHEMA_GRAPH
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.files import vocabulary_graph
from zorgnet.ontology.namespace import ZN

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
VEILIG_THUIS = "https://w3id.org/zorgnet/id/actor/veilig-thuis"
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, loaded_store: Path, make_settings
) -> Iterator[str]:
    """The web app in uvicorn over a copy of the shipped data; yields its base URL."""
    target = tmp_path_factory.mktemp("described") / "store"
    shutil.copytree(loaded_store, target)
    with serve(make_settings(target)) as base:
        yield base


@pytest.fixture(scope="module")
def description(server: str) -> Graph:
    answer = httpx.get(f"{server}/sparql")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/turtle")
    return Graph().parse(data=answer.text, format="turtle")


def _select(endpoint: str, query: str) -> list[dict[str, dict[str, str]]]:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.query().convert()["results"]["bindings"]  # type: ignore[index,return-value]


@pytest.mark.slow
def test_the_service_description_names_endpoint_language_formats_and_dataset(
    server: str, description: Graph
) -> None:
    service = description.value(predicate=RDF.type, object=SD.Service)
    assert description.value(service, SD.endpoint) == URIRef(f"{server}/sparql")
    assert description.value(service, SD.supportedLanguage) == SD.SPARQL11Query
    formats = set(description.objects(service, SD.resultFormat))
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_CSV, FORMATS.Turtle} <= formats
    dataset = description.value(service, SD.defaultDataset)
    named = description.value(dataset, SD.namedGraph)
    assert description.value(named, SD.name) == URIRef(SCHEMA_GRAPH)
    data = description.value(dataset, SD.defaultGraph)
    assert (data, RDF.type, VOID.Dataset) in description
    assert description.value(data, VOID.sparqlEndpoint) == URIRef(f"{server}/sparql")
    assert URIRef("https://w3id.org/zorgnet/def") in set(description.objects(data, VOID.vocabulary))
    # The count it gives is what the endpoint it names answers, to a standard client.
    endpoint = str(description.value(service, SD.endpoint))
    counted = _select(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(counted[0]["n"]["value"]) == int(description.value(data, VOID.triples))


@pytest.mark.slow
def test_the_service_description_comes_as_json_ld_on_request(
    server: str, description: Graph
) -> None:
    answer = httpx.get(f"{server}/sparql", headers={"Accept": "application/ld+json"})
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert isomorphic(Graph().parse(data=answer.text, format="json-ld"), description)
    page = httpx.get(f"{server}/sparql", headers={"Accept": "text/html"}, follow_redirects=True)
    assert page.url.path == "/sparql-vragen"


@pytest.mark.slow
def test_a_standard_client_reads_the_label_of_the_kind_of_each_actor(
    server: str, shipped: Dataset
) -> None:
    concept = "<https://w3id.org/zorgnet/vocab/actortypes/huisarts>"
    labels = _select(f"{server}/sparql", f"{SKOS}SELECT ?l WHERE {{ {concept} skos:prefLabel ?l }}")
    assert {(r["l"]["value"], r["l"].get("xml:lang")) for r in labels} >= {("huisarts", "nl")}
    joined = _select(
        f"{server}/sparql",
        f"{SKOS}SELECT ?l WHERE {{ <{VEILIG_THUIS}> "
        "<https://w3id.org/zorgnet/def#actorType>/skos:prefLabel ?l FILTER(LANG(?l) = 'nl') }",
    )
    kind = shipped.graph.value(URIRef(VEILIG_THUIS), ZN.actorType)
    expected = [
        str(label)
        for label in vocabulary_graph().objects(kind, SKOS_NS.prefLabel)
        if label.language == "nl"
    ]
    assert [r["l"]["value"] for r in joined] == expected


def test_head_over_http_gives_the_headers_of_the_get_without_its_body(server: str) -> None:
    got = httpx.get(f"{server}/id/actor/huisarts", headers={"Accept": "text/turtle"})
    head = httpx.head(f"{server}/id/actor/huisarts", headers={"Accept": "text/turtle"})
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["etag"] == got.headers["etag"]
