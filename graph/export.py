"""Writing the store's data as Turtle or JSON-LD (with zorgnet's compact ``@context``).

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

from rdflib import Graph

from zorgnet.ontology.context import PREFIXES, context_document

__all__ = ["FORMATS", "serialize"]

FORMATS = ("turtle", "jsonld")


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
    document = json.loads(data.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
