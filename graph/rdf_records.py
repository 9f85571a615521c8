"""The store's RDF read back as records: the dicts a YAML data file holds.

The inverse of the loaders, and the one reader of it: the exports (HSDS, xlsx) start
from :func:`graph_records`, and editing shows a record, and keeps it before and after
an edit in the history, with :func:`record_fields`. Both go through the same field
specs of the SHACL shapes, so a record reads the same wherever it is shown:

- a text (``rdf:langString``) and an ``xsd:string`` are their text;
- an ``xsd:gYear`` is the year as a number (``asOf: 2021``, as in the data files);
- an integer or a boolean is a number or ``True``/``False``;
- any other literal (``xsd:decimal``, ``xsd:date`` ...) is its lexical form: a decimal
  keeps its digits (``"12.5"``, never a float) and the record stays plain JSON;
- a vocabulary value is its notation, a reference the other record's id, a source
  its citation ``"003 §4[, locator]"`` in the order the citations were written;
- a field with several values is a sorted list.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> records = graph_records(example_graph())
>>> huisarts = next(a for a in records["actors"] if a["id"] == "huisarts")
>>> huisarts["type"], huisarts["scale"]
('huisarts', 'lokaal')
>>> record_fields(example_graph(), "actors", "huisarts") == huisarts
True
"""

from typing import Any

from rdflib import DCTERMS, RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from zorgnet.loaders.records import record_iri
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import FieldSpec, RecordKind, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import vocabulary

__all__ = ["Records", "citation_text", "field_value", "graph_records", "record_fields", "record_id"]

Records = dict[str, list[dict[str, Any]]]


def record_id(iri: Node) -> str:
    """The id of a record from its IRI (``.../id/actor/x`` → ``x``)."""
    return str(iri).rsplit("/", 1)[-1]


def citation_text(graph: Graph, citation: Node) -> str:
    """A citation node written back as ``"<seed> §<section>[, <locator>]"``."""
    section = graph.value(citation, ZN.section)
    number = graph.value(section, ZN.sectionNumber)
    document = graph.value(section, DCTERMS.isPartOf)
    seed = str(document)[len(str(ID)) :].split("/", 1)[1]
    locator = graph.value(citation, ZN.locator)
    text = f"{seed} §{number}"
    return f"{text}, {locator}" if locator is not None else text


def field_value(graph: Graph, spec: FieldSpec, node: Node) -> Any:
    """One RDF value of the field *spec* as a data file writes it (see the module)."""
    if spec.name == "source":
        return citation_text(graph, node)
    if spec.value_kind is ValueKind.CONCEPT:
        return str(vocabulary().graph.value(node, SKOS.notation))
    if spec.value_kind is ValueKind.REFERENCE:
        return record_id(node)
    if spec.value_kind is ValueKind.TEXT or not isinstance(node, Literal):
        return str(node)
    if spec.target == XSD.gYear:
        return int(str(node)[:4])
    value = node.toPython()
    return value if isinstance(value, bool | int | str) else str(node)


def _citation_number(citation: Node) -> int:
    # Citations are numbered in the order they were written (``.../bron/<n>``).
    return int(str(citation).rsplit("/", 1)[-1])


def _record(graph: Graph, kind: RecordKind, subject: URIRef) -> dict[str, Any]:
    record: dict[str, Any] = {"id": record_id(subject)}
    for name, spec in kind.fields.items():
        nodes = list(graph.objects(subject, spec.path))
        if spec.name == "source":
            values = [field_value(graph, spec, n) for n in sorted(nodes, key=_citation_number)]
        else:
            values = sorted(field_value(graph, spec, n) for n in nodes)
        if values:
            record[name] = values if spec.multiple else values[0]
    return record


def record_fields(graph: Graph, key: str, record: str) -> dict[str, Any] | None:
    """The record *record* of kind *key* (``actors`` ...) in *graph*, or None if absent.

    Parameters
    ----------
    graph : Graph
        The store's data, or the triples of one record with its citations' sections.
    key : str
        The record kind's key in the data files.
    record : str
        The record's id.

    Returns
    -------
    dict or None
        ``{"id": ..., "label": ..., ...}`` as in :func:`graph_records`.
    """
    kind = record_kinds()[key]
    subject = record_iri(kind, record)
    if (subject, RDF.type, kind.rdf_class) not in graph:
        return None
    return _record(graph, kind, subject)


def graph_records(graph: Graph) -> Records:
    """Every record of *graph* by kind key, each as the dict a YAML data file would hold.

    Parameters
    ----------
    graph : Graph
        Data as loaded into the store.

    Returns
    -------
    dict
        ``{"actors": [{"id": ..., "label": ..., ...}, ...], ...}``, sorted by id; multi-valued
        fields are sorted lists, vocabulary values their notations, references ids.
    """
    out: Records = {}
    for key, kind in record_kinds().items():
        subjects = sorted(set(graph.subjects(RDF.type, kind.rdf_class)), key=record_id)
        out[key] = [_record(graph, kind, URIRef(s)) for s in subjects]
    return out
