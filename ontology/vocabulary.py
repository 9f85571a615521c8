"""Look-ups in the SKOS vocabularies: from a notation in a data file to a concept.

The look-ups and labels are read from the Turtle files with pyoxigraph into plain
dictionaries (about 5 ms), not with rdflib's parser (about 40 ms), which every
``zorgnet route`` and ``zorgnet map`` would pay for a handful of labels. The files stay
the one source of truth: the rdflib graphs of the same files
(:func:`~zorgnet.ontology.files.vocabulary_graph`, :attr:`Vocabulary.graph`) are
parsed when a caller asks for them, and tests/ontology/test_vocabulary_index.py checks
that both readings give every concept, notation and label alike.

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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from zorgnet.ontology.files import ONTOLOGY_FILE, vocabulary_files, vocabulary_graph
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

# The label predicates in the order they are preferred.
_LABELS = (str(SKOS.prefLabel), str(RDFS.label))
_NOTATION, _SUBCLASS, _TYPE = str(SKOS.notation), str(RDFS.subClassOf), str(RDF.type)
_CONCEPT = str(SKOS.Concept)


class _Label(NamedTuple):
    """One label of a node: its text, and its language (None: an IRI, or no language)."""

    text: str
    language: str | None


def _chosen(labels: Sequence[_Label], node: str, lang: str) -> str:
    """The first label of *labels* in *lang*, else the first that is not empty, else the
    tail of the IRI *node*; *labels* hold the ``skos:prefLabel`` values first."""
    for label in labels:
        if label.language == lang:
            return label.text
    fallback = next((label.text for label in labels if label.text), None)
    return fallback or str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def label_of(graph: Graph, node: URIRef, lang: str = "nl") -> str:
    """The ``skos:prefLabel`` (else ``rdfs:label``) of *node* in *lang*, else its IRI's tail."""
    labels = [
        _Label(str(o), o.language if isinstance(o, Literal) else None)
        for predicate in (SKOS.prefLabel, RDFS.label)
        for o in graph.objects(node, predicate)
    ]
    return _chosen(labels, node, lang)


_Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


def _read(paths: Iterable[Path]) -> list[_Triple]:
    """Every triple of the Turtle files *paths*, in file order (each once, as in a graph)."""
    triples: dict[_Triple, None] = {}
    for path in paths:
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
            triples.setdefault((quad.subject, quad.predicate, quad.object))
    return list(triples)


def _labels(triples: Iterable[_Triple]) -> dict[str, tuple[_Label, ...]]:
    """The labels of every node that has one, by IRI, ``skos:prefLabel`` first."""
    found: dict[str, dict[str, list[_Label]]] = defaultdict(lambda: {p: [] for p in _LABELS})
    for s, p, o in triples:
        if p.value in _LABELS and isinstance(s, ox.NamedNode):
            language = o.language if isinstance(o, ox.Literal) else None
            found[s.value][p.value].append(_Label(o.value, language))
    return {node: tuple(v for p in _LABELS for v in by[p]) for node, by in found.items()}


@cache
def _ontology() -> list[_Triple]:
    return _read([ONTOLOGY_FILE])


@cache
def _ontology_labels() -> dict[str, tuple[_Label, ...]]:
    return _labels(_ontology())


@dataclass(frozen=True)
class Vocabulary:
    """The concepts of every vocabulary, by concept class and notation, and their labels."""

    by_class: dict[URIRef, dict[str, URIRef]] = field(default_factory=dict)
    labels: dict[str, tuple[_Label, ...]] = field(default_factory=dict)

    @property
    def graph(self) -> Graph:
        """The vocabularies as an rdflib graph, parsed once when first asked for."""
        return vocabulary_graph()

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
        return _chosen(self.labels.get(str(concept), ()), concept, lang)

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
        return class_label(str(ZN.Membership))
    return concept_label(concept_class, notation)


@cache
def class_label(cls: str, lang: str = "nl") -> str:
    """The label of the ontology class *cls* (an IRI) in *lang*: "gebied" for zn:Area.

    Examples
    --------
    >>> class_label("https://w3id.org/zorgnet/def#Area")
    'gebied'
    """
    return _chosen(_ontology_labels().get(str(cls), ()), cls, lang)


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabularies, indexed once."""
    concept_classes = {
        s.value for s, p, o in _ontology() if p.value == _SUBCLASS and o.value == _CONCEPT
    }
    triples = _read(vocabulary_files())
    notations: dict[str, str] = {}
    for s, p, o in triples:
        if p.value == _NOTATION:
            notations.setdefault(s.value, o.value)
    by_class: dict[URIRef, dict[str, URIRef]] = {URIRef(cls): {} for cls in concept_classes}
    for s, p, o in triples:
        if p.value == _TYPE and o.value in concept_classes and s.value in notations:
            by_class[URIRef(o.value)][notations[s.value]] = URIRef(s.value)
    return Vocabulary(by_class=by_class, labels=_labels(triples))
