"""The JSON-LD ``@context`` of zorgnet, derived from the ontology's properties.

Keys are the local names of the properties (``prefLabel``, ``actorType``, ``from``);
object properties are typed ``@id`` so that references compact to IRIs. Text in Dutch
is the default (``"@language": "nl"``); every term whose values are not Dutch text (a
notation, a figure's value, a datatype property without a range) says
``"@language": null``, so that a plain string there is read as a simple literal.

Examples
--------
>>> ctx = context_document()["@context"]
>>> ctx["actorType"]
{'@id': 'zn:actorType', '@type': '@id'}
>>> ctx["notation"]
{'@id': 'skos:notation', '@language': None}
>>> ctx["wasDerivedFrom"]
{'@id': 'prov:wasDerivedFrom', '@type': '@id'}
"""

from functools import cache
from typing import Any

from rdflib import OWL, RDF, RDFS, URIRef

from zorgnet.ontology.files import ontology_graph
from zorgnet.ontology.namespace import ZN

__all__ = ["PREFIXES", "context_document"]

PREFIXES = {
    "zn": str(ZN),
    "id": "https://w3id.org/zorgnet/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Standard properties the data uses, with how their values are written.
_STANDARD = {
    "prefLabel": ("skos:prefLabel", "text"),
    "altLabel": ("skos:altLabel", "text"),
    "notation": ("skos:notation", None),
    "inScheme": ("skos:inScheme", "@id"),
    "description": ("dct:description", "text"),
    "title": ("dct:title", "text"),
    "isPartOf": ("dct:isPartOf", "@id"),
    "organization": ("org:organization", "@id"),
    "member": ("org:member", "@id"),
    # The PROV and ORG statements the loaders and edits write beside zorgnet's own.
    "unitOf": ("org:unitOf", "@id"),
    "subOrganizationOf": ("org:subOrganizationOf", "@id"),
    "postIn": ("org:postIn", "@id"),
    "wasDerivedFrom": ("prov:wasDerivedFrom", "@id"),
    "wasAttributedTo": ("prov:wasAttributedTo", "@id"),
    # No coercion for decimals: a coerced value may be written as a JSON number and read
    # back with another lexical form.
    "value": ("schema:value", None),
    "unitText": ("schema:unitText", "xsd:string"),
}


def _compact(iri: URIRef) -> str:
    for prefix, ns in PREFIXES.items():
        if str(iri).startswith(ns):
            return f"{prefix}:{str(iri)[len(ns) :]}"
    return str(iri)


@cache
def context_document() -> dict[str, Any]:
    """The JSON-LD context document, ``{"@context": {...}}``."""
    ontology = ontology_graph()
    context: dict[str, Any] = dict(PREFIXES)
    context["@language"] = "nl"
    for key, (iri, kind) in _STANDARD.items():
        if kind == "text":
            context[key] = {"@id": iri, "@language": "nl"}
        elif kind is None:
            context[key] = {"@id": iri, "@language": None}
        else:
            context[key] = {"@id": iri, "@type": kind}
    for prop in sorted(ontology.subjects(RDF.type, OWL.ObjectProperty)):
        context[str(prop).rsplit("#", 1)[-1]] = {"@id": _compact(prop), "@type": "@id"}
    for prop in sorted(ontology.subjects(RDF.type, OWL.DatatypeProperty)):
        datatype = ontology.value(prop, RDFS.range)
        entry: dict[str, Any] = {"@id": _compact(prop)}
        if datatype == RDF.langString:
            pass  # Dutch text, as the default says
        elif datatype is not None:
            entry["@type"] = _compact(datatype)
        else:
            entry["@language"] = None
        context[str(prop).rsplit("#", 1)[-1]] = entry
    return {"@context": context}
