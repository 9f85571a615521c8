"""The networkx projection of the RDF graph: actors as nodes, relations as edges.

The analyses in :mod:`zorgnet.graph.analyses` work on this projection, not on RDF, so
that path and centrality algorithms run on plain Python objects. The projection keeps
every record's id, IRI and sources so that each result can be traced back to the data
files and the seeds.

Nodes
    Actors (``zn:Actor``) keyed by their id (the IRI's last path segment), with the
    attributes ``iri``, ``label``, ``type``, ``actor_class``, ``scale``, ``areas``,
    ``domains``, ``levels``, ``access``, ``offers``, ``status``, ``part_of``, ``as_of``
    and ``sources``. Vocabulary values are their ``skos:notation``.
Edges (key = record id)
    ``record="relation"``
        One edge per ``zn:Relation`` from ``from`` to ``to``, with ``kind`` (the relation
        kind), ``domains``, ``levels``, ``access``, ``help_kinds``, ``areas``,
        ``age_min``, ``age_max``, ``legal_bases``, ``status``, ``as_of``, ``sources``.
    ``record="membership"``
        One edge per ``zn:Membership`` from the team to the member, with
        ``kind="heeft-netwerklid"`` and ``membership_status`` (kern / verbonden /
        buiten). Team → member because a team's network is read outwards from the team.
    ``record="part-of"``
        One edge per ``dct:isPartOf`` between actors, from the part to the whole, with
        ``kind="is-onderdeel-van"`` (key ``"<part>/is-onderdeel-van/<whole>"``).
Graph data
    ``G.graph`` holds the records that are not edges, as tuples of frozen dataclasses:
    ``areas`` (dict id → :class:`Area`), ``mandates``, ``memberships``,
    ``arrangements``, ``alignments``, ``shortages``, ``issues``, ``figures``, and
    ``records`` (dict id → :class:`RecordSummary`, every record, for snapshots).

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> G = project(example_graph())
>>> G.nodes["huisarts"]["type"]
'huisarts'
>>> sorted(k for _, _, k in G.out_edges("huisarts", keys=True))
['huisarts-consulteert-poh', 'huisarts-verwijst-ggz']
>>> G.graph["mandates"][0].holder
'gemeente-hilversum'
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import Graph, Literal, URIRef

from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

if TYPE_CHECKING:
    from zorgnet.graph.store import Store

__all__ = [
    "INACTIVE_STATUSES",
    "Alignment",
    "Area",
    "Arrangement",
    "Figure",
    "Issue",
    "Mandate",
    "Membership",
    "RecordSummary",
    "Shortage",
    "actor_sources",
    "area_scope",
    "project",
    "projection_for",
    "slug",
]

# Statuses of records that do not (or not yet) exist; routes and coverage skip them.
INACTIVE_STATUSES = frozenset({"afwezig", "beeindigd", "voorstel", "gepland"})

_PREFIXES = """
PREFIX zn: <https://w3id.org/zorgnet/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

# Every triple of every record: one scan, then grouped in Python. Cheaper than one
# OPTIONAL per attribute, which makes the engine join a dozen times.
_RECORDS_QUERY = _PREFIXES + """
SELECT ?s ?p ?o WHERE { ?s a zn:Record ; ?p ?o . }
"""

_CITATIONS_QUERY = _PREFIXES + """
SELECT ?s ?doc ?number ?locator WHERE {
  ?s zn:citation ?c .
  ?c zn:section ?section .
  ?section zn:sectionNumber ?number ; dct:isPartOf ?doc .
  OPTIONAL { ?c zn:locator ?locator }
}
"""

_RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_PREF_LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
_DESCRIPTION = URIRef("http://purl.org/dc/terms/description")
_PART_OF = URIRef("http://purl.org/dc/terms/isPartOf")
_ORG_ORGANIZATION = URIRef("http://www.w3.org/ns/org#organization")
_ORG_MEMBER = URIRef("http://www.w3.org/ns/org#member")
_SCHEMA_VALUE = URIRef("https://schema.org/value")
_SCHEMA_UNIT = URIRef("https://schema.org/unitText")
_GENERIC_CLASSES = {ZN.Record, ZN.Actor}


def slug(iri: object) -> str:
    """The last path segment of an IRI: a record's id or a concept's notation.

    Examples
    --------
    >>> slug("https://w3id.org/zorgnet/vocab/domains/jeugd")
    'jeugd'
    """
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass(frozen=True)
class RecordSummary:
    """Any record, reduced to what a comparison between two dates needs."""

    id: str
    kind: str
    label: str
    as_of: int | None
    status: str | None
    fingerprint: tuple[tuple[str, tuple[str, ...]], ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    """A wijk, gemeente, cluster, regio, bovenregionaal gebied or land."""

    id: str
    label: str
    type: str | None
    part_of: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Mandate:
    """A power held by an actor, with its legal basis and scope."""

    id: str
    iri: str
    holder: str
    power: str
    legal_bases: tuple[str, ...]
    areas: tuple[str, ...]
    domains: tuple[str, ...]
    help_kinds: tuple[str, ...]
    opens_contracted_care: bool
    status: str | None
    as_of: int | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Membership:
    """An actor's place (kern / verbonden / buiten) in a local team's network."""

    id: str
    iri: str
    team: str
    member: str
    membership_status: str
    status: str | None
    as_of: int | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Arrangement:
    """What the sources say about one aspect of an area's set-up."""

    id: str
    iri: str
    areas: tuple[str, ...]
    aspect: str
    status: str | None
    about: tuple[str, ...]
    description: str
    as_of: int | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Alignment:
    """An actor or arrangement serving a VNG framework concept."""

    id: str
    about: tuple[str, ...]
    concept: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Shortage:
    """A capacity shortage or unmet demand named by the sources."""

    id: str
    label: str
    description: str
    about: tuple[str, ...]
    help_kinds: tuple[str, ...]
    areas: tuple[str, ...]
    status: str | None
    as_of: int | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    """A known contradiction or vagueness in the sources."""

    id: str
    label: str
    description: str
    about: tuple[str, ...]
    readings: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """A number the sources give, with unit and year."""

    id: str
    measure: str
    value: str
    unit: str | None
    about: tuple[str, ...]
    areas: tuple[str, ...]
    as_of: int | None
    sources: tuple[str, ...]


@dataclass
class _Record:
    iri: URIRef
    values: dict[URIRef, list[Any]] = field(default_factory=lambda: defaultdict(list))

    def all(self, predicate: URIRef) -> tuple[str, ...]:
        return tuple(sorted({slug(v) for v in self.values.get(predicate, ())}))

    def one(self, predicate: URIRef) -> str | None:
        found = self.all(predicate)
        return found[0] if found else None

    def text(self, predicate: URIRef) -> str:
        # Dutch first: labels and descriptions are Dutch in the data, but a Turtle
        # import may add other languages.
        literals = [v for v in self.values.get(predicate, ()) if isinstance(v, Literal)]
        for literal in literals:
            if literal.language == "nl":
                return str(literal)
        return str(literals[0]) if literals else ""

    def texts(self, predicate: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(v) for v in self.values.get(predicate, ())))

    def integer(self, predicate: URIRef) -> int | None:
        for value in self.values.get(predicate, ()):
            try:
                return int(str(value)[:4]) if predicate == ZN.asOf else int(str(value))
            except ValueError:
                return None
        return None

    @property
    def classes(self) -> set[URIRef]:
        return set(self.values.get(_RDF_TYPE, ()))


def _read_records(graph: Graph) -> tuple[dict[str, _Record], dict[str, list[str]]]:
    records: dict[str, _Record] = {}
    for s, p, o in graph.query(_RECORDS_QUERY):  # type: ignore[misc]
        record_id = slug(s)
        record = records.get(record_id)
        if record is None:
            record = records[record_id] = _Record(URIRef(s))
        record.values[URIRef(p)].append(o)
    sources: dict[str, list[str]] = defaultdict(list)
    for s, doc, number, locator in graph.query(_CITATIONS_QUERY):  # type: ignore[misc]
        text = f"{slug(doc)} §{number}"
        if locator is not None:
            text += f", {locator}"
        sources[slug(s)].append(text)
    return records, sources


def _opens_contracted_care(graph: Graph, power: str | None, power_iri: URIRef | None) -> bool:
    if power_iri is None:
        return False
    # The data graph may carry the vocabulary (Turtle imports) or not (YAML loads).
    value = graph.value(power_iri, ZN.opensContractedCare)
    if value is None:
        value = vocabulary().graph.value(power_iri, ZN.opensContractedCare)
    return bool(value is not None and value.toPython())


def _actor_class(record: _Record) -> str:
    specific = record.classes - _GENERIC_CLASSES
    # The most specific class is the one no other listed class is a subclass of; the
    # loader only asserts the class of the type, so there is usually one.
    return min((slug(c) for c in specific), default="Actor")


def project(graph: Graph) -> nx.MultiDiGraph:
    """The networkx projection of a zorgnet RDF graph.

    Parameters
    ----------
    graph : rdflib.Graph
        Zorgnet data, e.g. ``Store.graph()`` (the queries then run on Oxigraph) or the
        graph of ``read_dataset``.

    Returns
    -------
    networkx.MultiDiGraph
        Actors as nodes, relations, memberships and part-of links as edges, the other
        records in ``G.graph``; see the module docstring. The graph is frozen: the
        analyses share it.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> G = project(example_graph())
    >>> G.nodes["ggz-aanbieder"]["offers"]
    ('jeugd-ggz',)
    >>> G.nodes["huisarts"]["sources"]
    ('003 §4',)
    """
    records, sources = _read_records(graph)
    G = nx.MultiDiGraph()
    areas: dict[str, Area] = {}
    mandates: list[Mandate] = []
    memberships: list[Membership] = []
    arrangements: list[Arrangement] = []
    alignments: list[Alignment] = []
    shortages: list[Shortage] = []
    issues: list[Issue] = []
    figures: list[Figure] = []
    summaries: dict[str, RecordSummary] = {}

    def cited(record_id: str) -> tuple[str, ...]:
        return tuple(sorted(set(sources.get(record_id, ()))))

    for record_id, rec in sorted(records.items()):
        classes = rec.classes
        src = cited(record_id)
        kind = next((slug(c) for c in (ZN.Actor, ZN.Area, ZN.Relation, ZN.Mandate, ZN.Membership,
                                        ZN.Alignment, ZN.Arrangement, ZN.Figure, ZN.Shortage,
                                        ZN.KnownIssue) if c in classes), "Record")
        fingerprint = tuple(sorted(
            (slug(p), tuple(sorted(str(v) if isinstance(v, Literal) else slug(v) for v in vs)))
            for p, vs in rec.values.items() if p not in (ZN.citation, ZN.asOf)))
        summaries[record_id] = RecordSummary(
            record_id, kind, rec.text(_PREF_LABEL) or rec.text(ZN.measure) or record_id,
            rec.integer(ZN.asOf), rec.one(ZN.status), fingerprint, src)
        if ZN.Actor in classes:
            G.add_node(
                record_id, iri=str(rec.iri), label=rec.text(_PREF_LABEL) or record_id,
                type=rec.one(ZN.actorType), actor_class=_actor_class(rec), scale=rec.one(ZN.scale),
                areas=rec.all(ZN.area), domains=rec.all(ZN.domain), levels=rec.all(ZN.level),
                access=rec.all(ZN.access), offers=rec.all(ZN.offers), status=rec.one(ZN.status),
                part_of=rec.all(_PART_OF), as_of=rec.integer(ZN.asOf),
                description=rec.text(_DESCRIPTION), sources=src)
        elif ZN.Area in classes:
            areas[record_id] = Area(record_id, rec.text(_PREF_LABEL) or record_id,
                                    rec.one(ZN.areaType), rec.all(_PART_OF), src)
        elif ZN.Mandate in classes:
            power_iri = next(iter(rec.values.get(ZN.power, ())), None)
            power = rec.one(ZN.power) or ""
            mandates.append(Mandate(
                record_id, str(rec.iri), rec.one(ZN.holder) or "", power, rec.all(ZN.legalBasis),
                rec.all(ZN.area), rec.all(ZN.domain), rec.all(ZN.helpKind),
                _opens_contracted_care(graph, power, power_iri), rec.one(ZN.status),
                rec.integer(ZN.asOf), src))
        elif ZN.Membership in classes:
            memberships.append(Membership(
                record_id, str(rec.iri), rec.one(_ORG_ORGANIZATION) or "",
                rec.one(_ORG_MEMBER) or "",
                rec.one(ZN.membershipStatus) or "onbekend", rec.one(ZN.status),
                rec.integer(ZN.asOf), src))
        elif ZN.Arrangement in classes:
            arrangements.append(Arrangement(
                record_id, str(rec.iri), rec.all(ZN.area), rec.one(ZN.aspect) or "",
                rec.one(ZN.status), rec.all(ZN.subject), rec.text(_DESCRIPTION),
                rec.integer(ZN.asOf), src))
        elif ZN.Alignment in classes:
            alignments.append(
                Alignment(record_id, rec.all(ZN.subject), rec.one(ZN.concept) or "", src))
        elif ZN.Shortage in classes:
            shortages.append(Shortage(
                record_id, rec.text(_PREF_LABEL), rec.text(_DESCRIPTION), rec.all(ZN.subject),
                rec.all(ZN.helpKind), rec.all(ZN.area), rec.one(ZN.status),
                rec.integer(ZN.asOf), src))
        elif ZN.KnownIssue in classes:
            issues.append(Issue(record_id, rec.text(_PREF_LABEL), rec.text(_DESCRIPTION),
                                rec.all(ZN.subject), rec.texts(ZN.reading), src))
        elif ZN.Figure in classes:
            figures.append(Figure(
                record_id, rec.text(ZN.measure),
                rec.text(_SCHEMA_VALUE) or rec.one(_SCHEMA_VALUE) or "",
                rec.text(_SCHEMA_UNIT) or None, rec.all(ZN.subject), rec.all(ZN.area),
                rec.integer(ZN.asOf), src))

    for record_id, rec in sorted(records.items()):
        if ZN.Relation not in rec.classes:
            continue
        source, target = rec.one(ZN["from"]), rec.one(ZN.to)
        if source not in G or target not in G:
            continue
        G.add_edge(source, target, key=record_id, record="relation", iri=str(rec.iri),
                   kind=rec.one(ZN.relationKind), domains=rec.all(ZN.domain),
                   levels=rec.all(ZN.level), access=rec.all(ZN.access),
                   help_kinds=rec.all(ZN.helpKind), areas=rec.all(ZN.area),
                   age_min=rec.integer(ZN.ageMin), age_max=rec.integer(ZN.ageMax),
                   legal_bases=rec.all(ZN.legalBasis), status=rec.one(ZN.status),
                   as_of=rec.integer(ZN.asOf), sources=cited(record_id))
    for membership in memberships:
        if membership.team in G and membership.member in G:
            G.add_edge(membership.team, membership.member, key=membership.id, record="membership",
                       iri=membership.iri, kind="heeft-netwerklid",
                       membership_status=membership.membership_status, status=membership.status,
                       as_of=membership.as_of, sources=membership.sources)
    for actor, data in list(G.nodes(data=True)):
        for whole in data["part_of"]:
            if whole in G:
                G.add_edge(actor, whole, key=f"{actor}/is-onderdeel-van/{whole}", record="part-of",
                           iri=data["iri"], kind="is-onderdeel-van", status=data["status"],
                           as_of=data["as_of"], sources=data["sources"])

    G.graph.update(
        areas=areas, mandates=tuple(mandates), memberships=tuple(memberships),
        arrangements=tuple(arrangements), alignments=tuple(alignments),
        shortages=tuple(shortages), issues=tuple(issues), figures=tuple(figures),
        records=summaries, memo={},
    )
    return nx.freeze(G)


def actor_sources(G: nx.MultiDiGraph, actors: Iterable[str]) -> tuple[str, ...]:
    """The sources of *actors*, sorted and without repeats."""
    return tuple(sorted({s for a in actors if a in G for s in G.nodes[a]["sources"]}))


def area_scope(G: nx.MultiDiGraph, area: str) -> frozenset[str]:
    """*area* with every area containing it and every area inside it.

    A relation or actor for the region also holds in each of its gemeenten, and one for
    a wijk of a gemeente is part of what that gemeente has; so both directions count.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> sorted(area_scope(example_projection(), "hilversum"))
    ['gooi-en-vechtstreek', 'hilversum', 'hilversum-oost']
    """
    memo = G.graph["memo"].setdefault("area_scope", {})
    if area in memo:
        return memo[area]
    areas: dict[str, Area] = G.graph["areas"]
    up: set[str] = set()
    todo = [area]
    while todo:
        current = todo.pop()
        if current in up:
            continue
        up.add(current)
        todo.extend(areas[current].part_of if current in areas else ())
    children: dict[str, list[str]] = defaultdict(list)
    for candidate in areas.values():
        for parent in candidate.part_of:
            children[parent].append(candidate.id)
    down: set[str] = set()
    todo = [area]
    while todo:
        current = todo.pop()
        if current in down:
            continue
        down.add(current)
        todo.extend(children.get(current, ()))
    memo[area] = frozenset(up | down)
    return memo[area]


_CACHE: weakref.WeakKeyDictionary[Store, tuple[URIRef | None, nx.MultiDiGraph]] = (
    weakref.WeakKeyDictionary())


def projection_for(store: Store) -> nx.MultiDiGraph:
    """The projection of *store*'s current data, built once per store version.

    Each load writes a new version (``Store.version``), so comparing versions is a
    cheap and exact test for "the data changed".

    Examples
    --------
    >>> from zorgnet.graph.store import Store
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> store = Store()
    >>> store.replace(example_graph())
    >>> projection_for(store) is projection_for(store)
    True
    """
    version = store.version
    cached = _CACHE.get(store)
    if cached is not None and cached[0] == version:
        return cached[1]
    G = project(store.graph())
    _CACHE[store] = (version, G)
    return G
