"""The store's RDF read back as the records of the data files (the inverse of the loaders).

Every exporter starts from these plain dicts, so that the mapping from RDF to the field
names of the data files lives in one place and follows the SHACL field specs.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> records = graph_records(example_graph())
>>> huisarts = next(a for a in records["actors"] if a["id"] == "huisarts")
>>> huisarts["type"], huisarts["scale"]
('huisarts', 'lokaal')
"""

from typing import Any

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import FieldSpec, RecordKind, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import vocabulary

__all__ = ["Records", "citation_text", "graph_records", "record_id"]

Records = dict[str, list[dict[str, Any]]]


def record_id(iri: URIRef) -> str:
    """The id of a record from its IRI (``.../id/actor/x`` → ``x``)."""
    return str(iri).rsplit("/", 1)[-1]


def citation_text(graph: Graph, citation: URIRef) -> str:
    """A citation node written back as ``"<seed> §<section>[, <locator>]"``."""
    section = graph.value(citation, ZN.section)
    number = graph.value(section, ZN.sectionNumber)
    document = graph.value(section, DCTERMS.isPartOf)
    seed = str(document)[len(str(ID)) :].split("/", 1)[1]
    locator = graph.value(citation, ZN.locator)
    text = f"{seed} §{number}"
    return f"{text}, {locator}" if locator is not None else text


def _value(graph: Graph, spec: FieldSpec, node: Any) -> Any:
    if spec.name == "source":
        return citation_text(graph, node)
    if spec.value_kind is ValueKind.CONCEPT:
        return str(vocabulary().graph.value(node, SKOS.notation))
    if spec.value_kind is ValueKind.REFERENCE:
        return record_id(node)
    if isinstance(node, Literal) and spec.value_kind is ValueKind.LITERAL:
        value = node.toPython()
        return (
            str(node) if spec.target.endswith("gYear") or spec.target.endswith("decimal") else value
        )
    return str(node)


def _record(graph: Graph, kind: RecordKind, subject: URIRef) -> dict[str, Any]:
    record: dict[str, Any] = {"id": record_id(subject)}
    for name, spec in kind.fields.items():
        nodes = list(graph.objects(subject, spec.path))
        if spec.name == "source":
            # Citations are numbered in the order they were written (``.../bron/<n>``).
            nodes.sort(key=lambda n: int(str(n).rsplit("/", 1)[-1]))
            values = [_value(graph, spec, n) for n in nodes]
        else:
            values = sorted(_value(graph, spec, n) for n in nodes)
        if not values:
            continue
        record[name] = values if spec.multiple else values[0]
    return record


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
