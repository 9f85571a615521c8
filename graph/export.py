"""Writing the store's data as Turtle or JSON-LD (with zorgnet's compact ``@context``),
and :func:`export_bytes`, one entry point to every export format of
:mod:`zorgnet.graph.exports` (HSDS, FHIR, xlsx, GraphML, GEXF).

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

__all__ = ["EXPORT_FORMATS", "FORMATS", "MEDIA_TYPES", "SUFFIXES", "export_bytes", "serialize"]

FORMATS = ("turtle", "jsonld")
EXPORT_FORMATS = (*FORMATS, "hsds", "fhir", "xlsx", "graphml", "gexf")
MEDIA_TYPES = {
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "hsds": "application/json",
    "fhir": "application/fhir+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
SUFFIXES = {
    "turtle": ".ttl",
    "jsonld": ".jsonld",
    "hsds": ".hsds.json",
    "fhir": ".fhir.json",
    "xlsx": ".xlsx",
    "graphml": ".graphml",
    "gexf": ".gexf",
}


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


def export_bytes(
    graph: Graph, fmt: str, *, gemeente: str | None = None, team: str | None = None
) -> bytes:
    """*graph* in any of :data:`EXPORT_FORMATS`, as the bytes of a file.

    Parameters
    ----------
    graph : Graph
        The store's data.
    fmt : str
        One of :data:`EXPORT_FORMATS`.
    gemeente, team : str, optional
        For ``graphml`` and ``gexf``: only the network of this area or team.

    Raises
    ------
    ValueError
        For an unknown format, or a subgraph asked of a format that is not a network.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if (gemeente or team) and fmt not in ("graphml", "gexf"):
        raise ValueError("a gemeente or team subgraph exists only for graphml and gexf")
    if fmt in FORMATS:
        return serialize(graph, fmt).encode("utf-8")
    if fmt == "hsds":
        from zorgnet.graph.exports.hsds import hsds_json

        return hsds_json(graph).encode("utf-8")
    if fmt == "fhir":
        from zorgnet.graph.exports.fhir import fhir_json

        return fhir_json(graph).encode("utf-8")
    if fmt == "xlsx":
        from zorgnet.graph.exports.xlsx import workbook_bytes

        return workbook_bytes(graph)
    from zorgnet.graph.exports.network import network, network_text

    return network_text(network(graph, gemeente=gemeente, team=team), fmt).encode("utf-8")
