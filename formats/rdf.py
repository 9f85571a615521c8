"""RDF as Turtle, N-Triples or JSON-LD, with zorgnet's prefixes and compact ``@context``.

The writer of the RDF formats. Their reader is :func:`zorgnet.loaders.rdf_file.read_rdf`,
part of the loaders because a dataset folder holds Turtle and JSON-LD files beside the
YAML ones; ``zorgnet import --format jsonld`` reads a file through it
(:func:`zorgnet.formats.read_import`).

Turtle and N-Triples are written by Oxigraph, from the terms as the store holds them:
rdflib's Turtle writer rewrote ``"5"^^xsd:decimal`` as ``5.0`` (another term) and
wrote RDF 1.1's simple literals as ``"..."^^xsd:string``. Each triple once, sorted, so
that an export is the same file every time. JSON-LD is rdflib's compaction with the
context of :func:`zorgnet.ontology.context.context_document`.

Examples
--------
>>> from rdflib import Graph, URIRef, Literal, XSD
>>> g = Graph()
>>> s = URIRef("https://w3id.org/zorgnet/id/figure/x")
>>> _ = g.add((s, URIRef("https://schema.org/value"), Literal("5", datatype=XSD.decimal)))
>>> _ = g.add((s, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
...            Literal("X", lang="nl")))
>>> print(serialize(g, "turtle").splitlines()[-1].strip())
schema:value "5"^^xsd:decimal .
"""

import json
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal

from zorgnet.ontology.context import PREFIXES, context_document
from zorgnet.ontology.literals import canonical_decimal

__all__ = ["MEDIA_TYPES", "RDF_FORMATS", "oxigraph_triples", "serialize"]

RDF_FORMATS = ("turtle", "ntriples", "jsonld")
MEDIA_TYPES = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
}
_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
# Without id: Oxigraph escapes the slash of a prefixed name (id:actor\/huisarts), which
# is valid Turtle but reads worse than the IRI itself.
_TURTLE_PREFIXES = {prefix: ns for prefix, ns in PREFIXES.items() if prefix != "id"}


def oxigraph_triples(graph: Graph) -> list[ox.Triple]:
    """The triples of *graph* as Oxigraph terms, sorted (subject, predicate, object).

    Through oxrdflib's N-Triples writer: for a store's graph that is Oxigraph's own dump
    of the terms it holds, without any term passing through rdflib.
    """
    text = graph.serialize(format="ox-ntriples", encoding="utf-8")
    triples = ox.parse(text, ox.RdfFormat.N_TRIPLES)
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def serialize(graph: Graph, fmt: str, *, prefixes: dict[str, str] | None = None) -> str:
    """*graph* as text in *fmt* (one of :data:`RDF_FORMATS`); Turtle also declares
    *prefixes* beside zorgnet's."""
    if fmt in _OXIGRAPH_FORMATS:
        prefixes = {**_TURTLE_PREFIXES, **(prefixes or {})} if fmt == "turtle" else None
        triples = oxigraph_triples(graph)
        return ox.serialize(triples, format=_OXIGRAPH_FORMATS[fmt], prefixes=prefixes).decode()
    if fmt != "jsonld":
        raise ValueError(f"unknown RDF format {fmt!r}")
    data = Graph()
    for prefix, namespace in PREFIXES.items():
        data.bind(prefix, namespace)
    for s, p, o in graph:
        # A store's "x"^^xsd:string is RDF 1.1's simple literal "x": written as such, not
        # with an explicit "@type": "xsd:string" on every string.
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        data.add((s, p, o))
    context = context_document()["@context"]
    text = data.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text, parse_float=Decimal)
    return json.dumps(_decimals_as_text(document), ensure_ascii=False, indent=2) + "\n"


def _decimals_as_text(node: Any) -> Any:
    """Write xsd:decimal values as their lexical form.

    With a context, rdflib's JSON-LD serializer always writes decimals as JSON numbers,
    which a reader parses back with another lexical form ("9" for "9.0").
    """
    if isinstance(node, list):
        return [_decimals_as_text(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("@type") == "xsd:decimal" and isinstance(node.get("@value"), Decimal | int):
        return {**node, "@value": canonical_decimal(node["@value"])}
    return {key: _decimals_as_text(value) for key, value in node.items()}
