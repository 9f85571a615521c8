"""The RDF exports keep the store's terms: Turtle, N-Triples and JSON-LD read back by
rdflib and by pyld (the JSON-LD reference processor) are the store's triples exactly."""

import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from zorgnet.formats import export_bytes
from zorgnet.formats.rdf import serialize
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.context import context_document
from zorgnet.ontology.files import schema_graph

FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def stored(shipped: Dataset) -> Iterator[Graph]:
    """The shipped data as the embedded store holds it."""
    with Store() as store:
        store.replace(shipped.graph)
        yield store.snapshot()


@pytest.fixture(scope="module")
def exports(stored: Graph) -> dict[str, str]:
    return {fmt: serialize(stored, fmt) for fmt in FORMATS}


def _rdf11(graph: Graph) -> Graph:
    """*graph* with each ``"x"^^xsd:string`` as the simple literal ``"x"``: one term in
    RDF 1.1 (and in Oxigraph), two in rdflib, whose view of the store gives the first."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def _literals(graph: Graph) -> set[tuple[str, str | None, str | None]]:
    """Every literal as (lexical form, datatype, language), compared as text: rdflib
    may find two literals equal whose lexical forms differ."""
    return {
        (str(o), o.datatype and str(o.datatype), o.language)
        for o in graph.objects()
        if isinstance(o, Literal)
    }


@pytest.mark.slow
def test_turtle_n_triples_and_json_ld_read_back_as_the_stores_triples(
    stored: Graph, exports: dict[str, str]
) -> None:
    store = _rdf11(stored)
    back = {
        fmt: _rdf11(Graph().parse(data=text, format=FORMATS[fmt])) for fmt, text in exports.items()
    }
    # The issue as it was seen: the Turtle and the JSON-LD export were not isomorphic.
    assert isomorphic(back["turtle"], back["jsonld"])
    # Without blank nodes, isomorphic is equal: every triple, term for term.
    assert not any(isinstance(term, BNode) for triple in store for term in triple)
    for fmt, graph in back.items():
        assert set(graph) == set(store), fmt
        assert _literals(graph) == _literals(store), fmt


@pytest.mark.slow
def test_decimals_and_strings_keep_their_form_in_turtle_and_json_ld(
    exports: dict[str, str],
) -> None:
    # "5"^^xsd:decimal, not the other term 5.0 that rdflib's Turtle writer made of it.
    assert '"5"^^xsd:decimal' in exports["turtle"]
    assert "^^xsd:string" not in exports["turtle"]
    assert "xsd:string" not in json.dumps(json.loads(exports["jsonld"])["@graph"])


def _pyld_triples(document: object) -> set[ox.Triple]:
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    return _triples(ox.parse(quads.encode(), ox.RdfFormat.N_QUADS))


def _triples(quads: Iterable[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.slow
def test_pyld_reads_the_json_ld_export_as_the_stores_triples(
    stored: Graph, exports: dict[str, str]
) -> None:
    expected = _triples(
        ox.parse(stored.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    )
    assert _pyld_triples(json.loads(exports["jsonld"])) == expected


def test_only_dutch_text_is_tagged_nl_by_the_json_ld_context() -> None:
    context = context_document()["@context"]
    terms = [k for k, v in context.items() if isinstance(v, dict) and v.get("@type") != "@id"]
    language = {}
    for term in terms:
        document = {"@context": context, "@id": "https://w3id.org/zorgnet/id/actor/x", term: "9"}
        (triple,) = _pyld_triples(document)
        language[term] = triple.object.language
    assert language["notation"] is None
    assert language["value"] is None
    assert {term for term, tag in language.items() if tag == "nl"} == {
        "prefLabel",
        "altLabel",
        "description",
        "title",
        "measure",
        "reading",
    }


def _keys(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_prov_and_org_statements_have_short_terms_in_the_json_ld_export(
    exports: dict[str, str],
) -> None:
    keys = set(_keys(json.loads(exports["jsonld"])["@graph"]))
    assert {"wasDerivedFrom", "unitOf", "postIn", "member", "organization"} <= keys
    long = {k for k in keys if "prov" in k or "/ns/org#" in k or k.startswith("org:")}
    assert not long


def test_the_n_triples_export_with_the_ontology_is_data_and_vocabularies() -> None:
    data = example_graph()
    text = export_bytes(data, "ntriples", schema=True).decode("utf-8")
    back = _rdf11(Graph().parse(data=text, format="nt"))
    assert set(back) == set(_rdf11(data)) | set(_rdf11(schema_graph()))
    huisarts = URIRef("https://w3id.org/zorgnet/vocab/actortypes/huisarts")
    assert (huisarts, SKOS.prefLabel, Literal("huisarts", lang="nl")) in back
    # Without the option the export is the data alone.
    alone = Graph().parse(data=export_bytes(data, "ntriples").decode("utf-8"), format="nt")
    assert set(_rdf11(alone)) == set(_rdf11(data))
