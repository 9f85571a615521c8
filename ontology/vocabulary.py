"""Look-ups in the SKOS vocabularies: from a notation in a data file to a concept.

Examples
--------
>>> from zorgnet.ontology.namespace import ZN
>>> concept = vocabulary().concept(ZN.Domain, "jeugd")
>>> str(concept)
'https://w3id.org/zorgnet/vocab/domains/jeugd'
>>> vocabulary().label(concept)
'jeugd'
>>> vocabulary().closest(ZN.Domain, "jeugt")
['jeugd']
"""

import difflib
from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from zorgnet.ontology.files import ontology_graph, vocabulary_graph
from zorgnet.ontology.namespace import ZN

__all__ = [
    "MEMBERSHIP_KIND",
    "Vocabulary",
    "class_label",
    "concept_label",
    "label_of",
    "value_label",
    "vocabulary",
]

# The kind of the projection's membership edges (team → member): no concept of the
# RelationKind vocabulary, so it reads as the class zn:Membership.
MEMBERSHIP_KIND = "heeft-netwerklid"


def label_of(graph: Graph, node: URIRef, lang: str = "nl") -> str:
    """The ``skos:prefLabel`` (else ``rdfs:label``) of *node* in *lang*, else its IRI's tail."""

    fallback = None
    for predicate in (SKOS.prefLabel, RDFS.label):
        for label in graph.objects(node, predicate):
            if isinstance(label, Literal) and label.language == lang:
                return str(label)
            fallback = fallback or str(label)
    return fallback or str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass(frozen=True)
class Vocabulary:
    """The concepts of every vocabulary, by concept class and notation."""

    graph: Graph
    by_class: dict[URIRef, dict[str, URIRef]] = field(default_factory=dict)

    def concept(self, concept_class: URIRef, notation: str) -> URIRef | None:
        """The concept of *concept_class* whose ``skos:notation`` is *notation*, or None."""
        return self.by_class.get(concept_class, {}).get(notation)

    def notations(self, concept_class: URIRef) -> list[str]:
        """All notations of *concept_class*, sorted."""
        return sorted(self.by_class.get(concept_class, {}))

    def closest(self, concept_class: URIRef, notation: str, n: int = 3) -> list[str]:
        """Up to *n* valid notations of *concept_class* that look like *notation*."""
        return difflib.get_close_matches(notation, self.notations(concept_class), n=n, cutoff=0.5)

    def label(self, concept: URIRef, lang: str = "nl") -> str:
        """The preferred label of *concept* in *lang*."""
        return label_of(self.graph, concept, lang)

    def actor_class(self, actor_type: URIRef) -> URIRef:
        """The OWL class that actors of *actor_type* belong to."""
        return URIRef(self.graph.value(actor_type, ZN.actorClass))

    def opens_contracted_care(self, power: URIRef) -> bool:
        """Whether holding *power* makes an actor a legal referrer (wettelijk verwijzer)."""
        return bool(self.graph.value(power, ZN.opensContractedCare))


@cache
def concept_label(concept_class: str, notation: str | None) -> str:
    """The Dutch ``skos:prefLabel`` of a vocabulary value, else the value itself.

    Examples
    --------
    >>> concept_label("Power", "doorbraak")
    'doorbraak forceren'
    >>> concept_label("Power", "bestaat-niet")
    'bestaat-niet'
    >>> concept_label("Scale", None)
    ''
    """
    if notation is None:
        return ""
    concept = vocabulary().concept(ZN[concept_class], notation)
    return notation if concept is None else vocabulary().label(concept)


@cache
def value_label(concept_class: str, notation: str | None) -> str:
    """The Dutch label of a vocabulary value as a map or an export shows it.

    Like :func:`concept_label`, but a missing value reads ``onbekend`` and the
    projection's membership edges (:data:`MEMBERSHIP_KIND`) read as the label of
    ``zn:Membership``.

    Parameters
    ----------
    concept_class : str
        The local name of the concept class, e.g. ``"ActorType"``.
    notation : str or None
        The value as the projection holds it.

    Examples
    --------
    >>> value_label("RelationKind", "werkt-samen")
    'werkt samen'
    >>> value_label("RelationKind", MEMBERSHIP_KIND)
    'netwerklidmaatschap'
    >>> value_label("Scale", "bovenregionaal")
    'bovenregionaal'
    >>> value_label("Scale", None)
    'onbekend'
    """
    if notation is None:
        return "onbekend"
    if concept_class == "RelationKind" and notation == MEMBERSHIP_KIND:
        return label_of(ontology_graph(), ZN.Membership)
    return concept_label(concept_class, notation)


@cache
def class_label(cls: str, lang: str = "nl") -> str:
    """The label of the ontology class *cls* (an IRI) in *lang*: "gebied" for zn:Area.

    Examples
    --------
    >>> class_label("https://w3id.org/zorgnet/def#Area")
    'gebied'
    """
    return label_of(ontology_graph(), URIRef(cls), lang)


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabularies, indexed once."""

    graph = vocabulary_graph()
    concept_classes = set(ontology_graph().subjects(RDFS.subClassOf, SKOS.Concept))
    by_class: dict[URIRef, dict[str, URIRef]] = {cls: {} for cls in concept_classes}
    for concept, cls in graph.subject_objects(RDF.type):
        if cls in concept_classes:
            notation = graph.value(concept, SKOS.notation)
            by_class[cls][str(notation)] = concept
    return Vocabulary(graph=graph, by_class=by_class)
