"""RDF as Turtle or JSON-LD, with zorgnet's prefixes and compact ``@context``.

The writer of the RDF formats. Their reader is :func:`zorgnet.loaders.rdf_file.read_rdf`,
part of the loaders because a dataset folder holds Turtle and JSON-LD files beside the
YAML ones; ``zorgnet import --format jsonld`` reads a file through it
(:func:`zorgnet.formats.read_import`).

Examples
--------
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/zorgnet/id/actor/x"),
...            URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("X", lang="nl")))
>>> "skos:prefLabel" in serialize(g, "turtle")
True
"""

import json
from decimal import Decimal
from typing import Any

from rdflib import Graph

from zorgnet.ontology.context import PREFIXES, context_document
from zorgnet.ontology.literals import canonical_decimal

__all__ = ["RDF_FORMATS", "serialize"]

RDF_FORMATS = ("turtle", "jsonld")


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)
    for triple in graph:
        out.add(triple)
    return out


def serialize(graph: Graph, fmt: str) -> str:
    """*graph* as text in *fmt* (``turtle`` or ``jsonld``)."""
    data = _copy(graph)
    if fmt == "turtle":
        return data.serialize(format="turtle")
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
