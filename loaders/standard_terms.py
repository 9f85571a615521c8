"""The PROV and ORG triples that zorgnet's own triples imply, written beside them.

The ontology says what its terms mean in the standard vocabularies (``zn:citation`` is a
``prov:qualifiedDerivation``, ``zn:Team`` an ``org:OrganizationalUnit``), but a tool that
reads PROV or ORG without a reasoner sees none of that. So every loader writes the plain
standard triples too, and both backends store them like any other:

- ``<record> prov:wasDerivedFrom <section>`` for each section a record cites: the
  unqualified form of its ``zn:citation`` / ``zn:section`` (PROV-O's qualified
  derivation); the section is ``dct:isPartOf`` its document;
- for an actor that ``dct:isPartOf`` another, the ORG term that fits their classes:
  ``org:unitOf`` for a unit or team of an organisation, ``org:subOrganizationOf`` between
  organisations, ``org:postIn`` for a role in an organisation. Where none fits (a
  programme in a programme, a consultation table in a team, an area in an area) only
  ``dct:isPartOf`` is said;
- for a membership of a team's network with status ``kern`` or ``verbonden``: the
  ``org:Membership`` it is, with ``org:organization`` (the team) and ``org:member`` (the
  partner). A membership with status ``buiten`` says that the sources have the partner
  outside the network: it keeps zorgnet's ``zn:networkTeam`` and ``zn:networkMember``
  only, so that an ORG tool does not count the partner as a member.

The record reads back the same: :mod:`zorgnet.graph.rdf_records` reads the fields of the
shapes, and these are none of them.
"""

from collections.abc import Iterable
from functools import cache

from rdflib import DCTERMS, ORG, PROV, RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from zorgnet.ontology.files import ontology_graph
from zorgnet.ontology.namespace import VOCAB, ZN

__all__ = ["derivation", "graph_standard_triples", "membership_terms", "part_of_term"]

_Triple = tuple[URIRef, URIRef, Node]


@cache
def _superclasses(cls: URIRef) -> frozenset[URIRef]:
    """*cls* and every class the ontology puts it under."""
    return frozenset(URIRef(c) for c in ontology_graph().transitive_objects(cls, RDFS.subClassOf))


def _is_a(classes: Iterable[Node], cls: URIRef) -> bool:
    return any(cls in _superclasses(URIRef(c)) for c in classes if isinstance(c, URIRef))


def derivation(record: URIRef, section: URIRef) -> _Triple:
    """The unqualified PROV derivation of a record citing *section*.

    Examples
    --------
    >>> from zorgnet.ontology.namespace import ID
    >>> derivation(ID["actor/huisarts"], ID["source/003/4"])[1]
    rdflib.term.URIRef('http://www.w3.org/ns/prov#wasDerivedFrom')
    """
    return record, PROV.wasDerivedFrom, section


# The membership status that says the partner does not belong to the network.
_OUTSIDE = VOCAB["membershipstatuses/buiten"]


def membership_terms(
    membership: URIRef, team: Node | None, member: Node | None, status: Node | None
) -> list[_Triple]:
    """The ORG triples of a membership: none when its *status* is ``buiten`` (or a
    team, member or status is missing), else its type, team and member in ORG.

    Examples
    --------
    >>> from zorgnet.ontology.namespace import ID, VOCAB
    >>> team, member = ID["actor/buurtteam"], ID["actor/school"]
    >>> kern = VOCAB["membershipstatuses/kern"]
    >>> [p.n3() for _, p, _ in membership_terms(ID["membership/m"], team, member, kern)]
    ['<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', \
'<http://www.w3.org/ns/org#organization>', '<http://www.w3.org/ns/org#member>']
    >>> membership_terms(ID["membership/m"], team, member, _OUTSIDE)
    []
    """
    if team is None or member is None or status is None or status == _OUTSIDE:
        return []
    return [
        (membership, RDF.type, ORG.Membership),
        (membership, ORG.organization, team),
        (membership, ORG.member, member),
    ]


def part_of_term(part: Iterable[Node], whole: Iterable[Node]) -> URIRef | None:
    """The ORG property from an actor of classes *part* to one of classes *whole*.

    Parameters
    ----------
    part, whole : iterable of URIRef
        The ``rdf:type`` values of the part and of the whole (zorgnet classes).

    Returns
    -------
    URIRef or None
        ``org:unitOf``, ``org:subOrganizationOf`` or ``org:postIn``; None when the whole
        is no organisation, or the part neither an organisation nor a role.

    Examples
    --------
    >>> part_of_term([ZN.Team], [ZN.Organisation]) == ORG.unitOf
    True
    >>> part_of_term([ZN.Role], [ZN.OrganisationalUnit]) == ORG.postIn
    True
    >>> part_of_term([ZN.Programme], [ZN.Programme]) is None
    True
    """
    part, whole = list(part), list(whole)
    if not _is_a(whole, ORG.Organization):
        return None
    if _is_a(part, ORG.OrganizationalUnit):
        return ORG.unitOf
    if _is_a(part, ORG.Organization):
        return ORG.subOrganizationOf
    if _is_a(part, ORG.Post):
        return ORG.postIn
    return None


def graph_standard_triples(graph: Graph, stored: Graph | None = None) -> Graph:
    """The PROV and ORG triples implied by the records of *graph* (an RDF file read).

    Parameters
    ----------
    graph : Graph
        Records as triples, with their citations.
    stored : Graph, optional
        The data already stored, where a whole the records are part of may stand.

    Returns
    -------
    Graph
        Only the implied triples; those *graph* holds already are there once more.
    """
    implied = Graph()
    for record, citation in graph.subject_objects(ZN.citation):
        for section in graph.objects(citation, ZN.section):
            if isinstance(record, URIRef) and isinstance(section, URIRef):
                implied.add(derivation(record, section))
    for part, whole in graph.subject_objects(DCTERMS.isPartOf):
        if (part, RDF.type, ZN.Actor) not in graph:
            continue
        whole_types = set(graph.objects(whole, RDF.type))
        if not whole_types and stored is not None:
            whole_types = set(stored.objects(whole, RDF.type))
        term = part_of_term(graph.objects(part, RDF.type), whole_types)
        if term is not None:
            implied.add((part, term, whole))
    for membership, status in graph.subject_objects(ZN.membershipStatus):
        if isinstance(membership, URIRef):
            team = graph.value(membership, ZN.networkTeam)
            member = graph.value(membership, ZN.networkMember)
            for triple in membership_terms(membership, team, member, status):
                implied.add(triple)
    return implied
