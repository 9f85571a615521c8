"""The record kinds and fields of the data files, read from the SHACL shapes.

Each node shape with ``zn:recordKey`` is one kind of record (``actors``, ``relations``,
...); each of its property shapes with ``zn:field`` is one key a record of that kind
may have. Fields common to every record (``source``, ``asOf``, ``status``,
``description``) come from the shape of ``zn:Record``.

Examples
--------
>>> kind = record_kinds()["actors"]
>>> kind.rdf_class
rdflib.term.URIRef('https://w3id.org/zorgnet/def#Actor')
>>> kind.fields["type"].target
rdflib.term.URIRef('https://w3id.org/zorgnet/def#ActorType')
>>> kind.fields["type"].required, kind.fields["type"].multiple
(True, False)
"""

from dataclasses import dataclass
from enum import Enum
from functools import cache

from rdflib import RDF, RDFS, SH, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from zorgnet.ontology.files import ontology_graph, shapes_graph
from zorgnet.ontology.namespace import ZN

__all__ = ["FieldSpec", "RecordKind", "ValueKind", "record_kinds"]


class ValueKind(Enum):
    """What a field's value is in the data file and in RDF."""

    TEXT = "text"  # a Dutch language-tagged string
    LITERAL = "literal"  # a typed literal (number, year, string)
    CONCEPT = "concept"  # the notation of a SKOS concept of one vocabulary
    REFERENCE = "reference"  # the id of another record


@dataclass(frozen=True)
class FieldSpec:
    """One key of a record in the data files and the RDF property it becomes."""

    name: str
    path: URIRef
    value_kind: ValueKind
    target: URIRef  # datatype, concept class or record class
    required: bool
    multiple: bool
    hint: str
    order: int


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: its key in the data files, its class and its fields."""

    key: str
    rdf_class: URIRef
    id_prefix: str
    fields: dict[str, FieldSpec]


def _concept_classes(ontology: Graph) -> set[Node]:
    return set(ontology.subjects(RDFS.subClassOf, SKOS.Concept))


def _field_specs(shape: Node, shapes: Graph, concept_classes: set[Node]) -> dict[str, FieldSpec]:
    specs: dict[str, FieldSpec] = {}
    for prop in shapes.objects(shape, SH.property):
        name = shapes.value(prop, ZN.field)
        if name is None:
            continue
        path = shapes.value(prop, SH.path)
        datatype = shapes.value(prop, SH.datatype)
        cls = shapes.value(prop, SH["class"])
        if datatype == RDF.langString:
            kind, target = ValueKind.TEXT, datatype
        elif datatype is not None:
            kind, target = ValueKind.LITERAL, datatype
        elif cls in concept_classes:
            kind, target = ValueKind.CONCEPT, cls
        else:
            kind, target = ValueKind.REFERENCE, cls
        min_count = shapes.value(prop, SH.minCount)
        max_count = shapes.value(prop, SH.maxCount)
        order = shapes.value(prop, SH.order)
        specs[str(name)] = FieldSpec(
            name=str(name),
            path=URIRef(path),
            value_kind=kind,
            target=URIRef(target),
            required=bool(min_count is not None and int(min_count) > 0),
            multiple=max_count is None or int(max_count) > 1,
            hint=str(shapes.value(prop, ZN.fieldHint) or ""),
            order=int(order) if isinstance(order, Literal) else 0,
        )
    return specs


@cache
def record_kinds() -> dict[str, RecordKind]:
    """Every kind of record the data files may hold, keyed by its key (``actors`` ...).

    Returns
    -------
    dict
        ``{key: RecordKind}`` in the order of the shapes file's record keys.
    """
    shapes = shapes_graph()
    concept_classes = _concept_classes(ontology_graph())
    common_shape = next(shapes.subjects(SH.targetClass, ZN.Record))
    common = _field_specs(common_shape, shapes, concept_classes)
    kinds: dict[str, RecordKind] = {}
    for shape, key in sorted(shapes.subject_objects(ZN.recordKey), key=lambda so: str(so[1])):
        own = _field_specs(shape, shapes, concept_classes)
        fields = dict(sorted(own.items(), key=lambda kv: kv[1].order))
        fields.update(common)
        kinds[str(key)] = RecordKind(
            key=str(key),
            rdf_class=URIRef(shapes.value(shape, SH.targetClass)),
            id_prefix=str(shapes.value(shape, ZN.idPrefix)),
            fields=fields,
        )
    return kinds
