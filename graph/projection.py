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

import gc
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

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
    "area_ancestors",
    "area_scope",
    "project",
    "project_file",
    "slug",
    "without_gc",
]

# Statuses of records that do not (or not yet) exist; routes and coverage skip them.
INACTIVE_STATUSES = frozenset({"afwezig", "beeindigd", "voorstel", "gepland"})

_PREFIXES = """
PREFIX zn: <https://w3id.org/zorgnet/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

# Every triple, grouped by subject in Python: one scan of the store is cheaper than a
# join per attribute, or even one join of records with their triples.
_ALL_QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"

# The triples of some subjects, their citations and the sections those cite.
_CLOSURE_QUERY = (
    _PREFIXES
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  { %(s)s ?s ?p ?o }
  UNION { %(r)s ?r zn:citation ?s . ?s ?p ?o }
  UNION { %(r)s ?r zn:citation/zn:section ?s . ?s ?p ?o }
}
"""
)

_CITING_QUERY = (
    _PREFIXES
    + """
SELECT DISTINCT ?s WHERE { %s ?s zn:citation ?c . }
"""
)


class _Names:
    """The terms of the zorgnet ontology as plain ``str``, the keys of a :class:`_Record`.

    The projection reads IRIs as ``str``: rdflib's ``URIRef`` never equals a ``str`` and
    hashes differently, so looking one up among the other would silently miss.
    """

    def __getattr__(self, name: str) -> str:
        iri = str(ZN[name])  # ZN is closed: a typo raises instead of missing
        setattr(self, name, iri)  # later look-ups are plain attribute reads
        return iri

    def __getitem__(self, name: str) -> str:
        return getattr(self, name)


_ZN = _Names()
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_DESCRIPTION = "http://purl.org/dc/terms/description"
_PART_OF = "http://purl.org/dc/terms/isPartOf"
_ORG_ORGANIZATION = "http://www.w3.org/ns/org#organization"
_ORG_MEMBER = "http://www.w3.org/ns/org#member"
_SCHEMA_VALUE = "https://schema.org/value"
_SCHEMA_UNIT = "https://schema.org/unitText"
_GENERIC_CLASSES = {_ZN.Record, _ZN.Actor}
# The classes that name a record's kind, most telling first.
_KINDS = tuple(
    (name, _ZN[name])
    for name in (
        "Actor",
        "Area",
        "Relation",
        "Mandate",
        "Membership",
        "Alignment",
        "Arrangement",
        "Figure",
        "Shortage",
        "KnownIssue",
    )
)


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
    iri: str
    kind: str
    label: str
    as_of: int | None
    status: str | None
    # A digest of the record's triples other than its citations and date: two states of
    # a record have the same one exactly when those triples are the same.
    fingerprint: str
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
    description: str = ""


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
    description: str = ""


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


class _Literal(NamedTuple):
    """An RDF literal as plain strings; ``str()`` gives its lexical form, like rdflib's."""

    value: str
    language: str | None
    datatype: str

    def __str__(self) -> str:
        return self.value


# What the projection reads: IRIs and blank nodes as their str, literals as _Literal.
_Term = str | _Literal


def _from_rdflib(term: Any) -> Any:
    if isinstance(term, Literal):
        datatype = term.datatype or (_RDF_LANG_STRING if term.language else _XSD_STRING)
        return _Literal(str(term), term.language, str(datatype))
    return None if term is None else str(term)


def _from_ox(term: Any) -> Any:
    if type(term) is ox.Literal:
        return _Literal(term.value, term.language, term.datatype.value)
    return None if term is None else term.value


@dataclass
class _Record:
    iri: str
    # slug() of every value, shared by all records of one projection: most values are
    # references and vocabulary concepts, each met many times.
    slugs: dict[_Term, str]
    values: dict[str, list[_Term]] = field(default_factory=lambda: defaultdict(list))
    classes: set[_Term] = field(default_factory=set)

    def slug(self, value: _Term) -> str:
        found = self.slugs.get(value)
        if found is None:
            found = self.slugs[value] = slug(value)
        return found

    def all(self, predicate: str) -> tuple[str, ...]:
        values = self.values.get(predicate)
        if not values:
            return ()
        if len(values) == 1:  # most are: no set to build, nothing to sort
            return (self.slug(values[0]),)
        return tuple(sorted({self.slug(v) for v in values}))

    def one(self, predicate: str) -> str | None:
        found = self.all(predicate)
        return found[0] if found else None

    def text(self, predicate: str) -> str:
        # Dutch first: labels and descriptions are Dutch in the data, but a Turtle
        # import may add other languages.
        literals = [v for v in self.values.get(predicate, ()) if isinstance(v, _Literal)]
        for literal in literals:
            if literal.language == "nl":
                return literal.value
        return literals[0].value if literals else ""

    def texts(self, predicate: str) -> tuple[str, ...]:
        return tuple(sorted(str(v) for v in self.values.get(predicate, ())))

    def integer(self, predicate: str) -> int | None:
        for value in self.values.get(predicate, ()):
            try:
                return int(str(value)[:4]) if predicate == _ZN.asOf else int(str(value))
            except ValueError:
                return None
        return None


_NOT_FINGERPRINTED = frozenset({_ZN.citation, _ZN.asOf})


def _fingerprint(values: dict[str, list[_Term]]) -> str:
    """The :attr:`RecordSummary.fingerprint` of a record with *values*."""
    lines = sorted(
        f"{p} <{v}>" if type(v) is str else f'{p} "{v.value}"@{v.language}^^{v.datatype}'
        for p, found in values.items()
        if p not in _NOT_FINGERPRINTED
        for v in found
    )
    return hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()


def _select(graph: Graph, query: str) -> tuple[Iterable[Any], Callable[[Any], Any]]:
    """The rows of a SELECT *query* on *graph*, and the function that reads their terms.

    A graph on Oxigraph (``Store.graph()``, ``SparqlStore.graph()``) is asked directly
    through pyoxigraph: oxrdflib would turn every term of the result into an rdflib term,
    which at national scale costs most of the projection's time.
    """
    store = graph.store
    if type(graph) is Graph and isinstance(store, OxigraphStore):
        name = graph.identifier
        target: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
        if name == DATASET_DEFAULT_GRAPH_ID:
            target = ox.DefaultGraph()
        elif isinstance(name, URIRef):
            target = ox.NamedNode(name)
        else:
            target = ox.BlankNode(name)
        # oxrdflib has no public accessor for the pyoxigraph Store it wraps.
        rows = store._inner.query(query, default_graph=target)
        return rows, _from_ox
    return graph.query(query), _from_rdflib


def _values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding *variable* to *iris*."""
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in sorted(iris))} }}"


def _citing(graph: Graph, citations: Iterable[str]) -> set[str]:
    """The subjects that cite one of *citations*."""
    rows, read = _select(graph, _CITING_QUERY % _values("c", citations))
    return {read(s) for (s,) in rows}


# Each subject's values by predicate.
_Grouped = dict[str, dict[str, list[_Term]]]


def _grouped(triples: Iterable[Any], read: Callable[[Any], Any]) -> _Grouped:
    """The values of *triples* by subject: rows whose first three terms (read with
    *read*) are subject, predicate and object, e.g. quads."""
    subjects: _Grouped = {}
    by_term: dict[Any, dict[str, list[_Term]]] = {}
    predicates: dict[Any, str] = {}
    for row in triples:
        s, p, o = row[0], row[1], row[2]
        values = by_term.get(s)
        if values is None:
            values = subjects.setdefault(read(s), defaultdict(list))
            by_term[s] = values
        predicate = predicates.get(p)
        if predicate is None:
            predicate = predicates[p] = read(p)
        values[predicate].append(read(o))
    return subjects


def _records_of(subjects: _Grouped) -> tuple[dict[str, _Record], dict[str, list[str]]]:
    """The records among *subjects* and the sources each cites."""
    records: dict[str, _Record] = {}
    slugs: dict[_Term, str] = {}
    sources: dict[str, list[str]] = defaultdict(list)
    for iri, values in subjects.items():
        if _ZN.Record not in values.get(_RDF_TYPE, ()):
            continue
        record_id = slug(iri)
        record = records.get(record_id)
        if record is None:
            record = records[record_id] = _Record(iri, slugs, values)
        else:
            for predicate, found in values.items():
                record.values[predicate].extend(found)
        for citation in values.get(_ZN.citation, ()):
            cited = subjects.get(str(citation), {})
            for section in cited.get(_ZN.section, ()):
                about = subjects.get(str(section), {})
                for doc in about.get(_PART_OF, ()):
                    for number in about.get(_ZN.sectionNumber, ()):
                        for locator in cited.get(_ZN.locator) or (None,):
                            text = f"{slug(doc)} §{number}"
                            sources[record_id].append(
                                text if locator is None else f"{text}, {locator}"
                            )
    for record in records.values():
        record.classes.update(record.values.get(_RDF_TYPE, ()))
    return records, sources


def _read_records(
    graph: Graph, subjects: Iterable[str] | None = None
) -> tuple[dict[str, _Record], dict[str, list[str]]]:
    """The records of *graph* (only *subjects*, if given) and the sources each cites."""
    if subjects is None:
        query = _ALL_QUERY
    else:
        subjects = list(subjects)
        query = _CLOSURE_QUERY % {"s": _values("s", subjects), "r": _values("r", subjects)}
    rows, read = _select(graph, query)
    return _records_of(_grouped(rows, read))


def _opens_contracted_care(
    in_data: Callable[[str], object | None], power_iri: _Term | None, memo: dict[str, bool]
) -> bool:
    if not isinstance(power_iri, str):
        return False
    if power_iri not in memo:
        # The data may carry the vocabulary (Turtle imports) or not (YAML loads).
        value = in_data(power_iri)
        if value is None:
            value = vocabulary().graph.value(URIRef(power_iri), ZN.opensContractedCare)
        memo[power_iri] = value is not None and str(value) in ("true", "1")
    return memo[power_iri]


def _actor_class(record: _Record) -> str:
    specific = record.classes - _GENERIC_CLASSES
    # The most specific class is the one no other listed class is a subclass of; the
    # loader only asserts the class of the type, so there is usually one.
    return min((slug(c) for c in specific), default="Actor")


@contextmanager
def without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built at once.

    A national projection is millions of containers, and the collector would scan all
    of them again every few thousand allocations: reading a saved one takes 1.2 s
    instead of 3-4 s without it. Nothing is lost; it collects when resumed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class _Parts:
    """A projection taken apart by record id: what :func:`_assemble` builds one from.

    Each record's part depends on that record alone (its triples and citations), so
    after an edit only the edited records' parts are made again.
    """

    summaries: dict[str, RecordSummary] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    # id -> (from, to, edge attributes); kept even when an end is not an actor.
    relations: dict[str, tuple[str | None, str | None, dict[str, Any]]] = field(
        default_factory=dict
    )
    areas: dict[str, Area] = field(default_factory=dict)
    mandates: dict[str, Mandate] = field(default_factory=dict)
    memberships: dict[str, Membership] = field(default_factory=dict)
    arrangements: dict[str, Arrangement] = field(default_factory=dict)
    alignments: dict[str, Alignment] = field(default_factory=dict)
    shortages: dict[str, Shortage] = field(default_factory=dict)
    issues: dict[str, Issue] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)

    def add(
        self,
        record_id: str,
        rec: _Record,
        src: tuple[str, ...],
        opens_contracted_care: Callable[[_Term | None], bool],
    ) -> None:
        """Make the parts of the record *rec* cited by *src*."""
        classes = rec.classes
        kind = next((name for name, iri in _KINDS if iri in classes), "Record")
        self.summaries[record_id] = RecordSummary(
            record_id,
            rec.iri,
            kind,
            rec.text(_PREF_LABEL) or rec.text(_ZN.measure) or record_id,
            rec.integer(_ZN.asOf),
            rec.one(_ZN.status),
            _fingerprint(rec.values),
            src,
        )
        if _ZN.Actor in classes:
            self.actors[record_id] = dict(
                iri=str(rec.iri),
                label=rec.text(_PREF_LABEL) or record_id,
                type=rec.one(_ZN.actorType),
                actor_class=_actor_class(rec),
                scale=rec.one(_ZN.scale),
                areas=rec.all(_ZN.area),
                domains=rec.all(_ZN.domain),
                levels=rec.all(_ZN.level),
                access=rec.all(_ZN.access),
                offers=rec.all(_ZN.offers),
                status=rec.one(_ZN.status),
                part_of=rec.all(_PART_OF),
                as_of=rec.integer(_ZN.asOf),
                description=rec.text(_DESCRIPTION),
                sources=src,
            )
        elif _ZN.Area in classes:
            self.areas[record_id] = Area(
                record_id,
                rec.text(_PREF_LABEL) or record_id,
                rec.one(_ZN.areaType),
                rec.all(_PART_OF),
                src,
            )
        elif _ZN.Mandate in classes:
            power_iri = next(iter(rec.values.get(_ZN.power, ())), None)
            self.mandates[record_id] = Mandate(
                record_id,
                str(rec.iri),
                rec.one(_ZN.holder) or "",
                rec.one(_ZN.power) or "",
                rec.all(_ZN.legalBasis),
                rec.all(_ZN.area),
                rec.all(_ZN.domain),
                rec.all(_ZN.helpKind),
                opens_contracted_care(power_iri),
                rec.one(_ZN.status),
                rec.integer(_ZN.asOf),
                src,
                rec.text(_DESCRIPTION),
            )
        elif _ZN.Membership in classes:
            self.memberships[record_id] = Membership(
                record_id,
                str(rec.iri),
                rec.one(_ORG_ORGANIZATION) or "",
                rec.one(_ORG_MEMBER) or "",
                rec.one(_ZN.membershipStatus) or "onbekend",
                rec.one(_ZN.status),
                rec.integer(_ZN.asOf),
                src,
                rec.text(_DESCRIPTION),
            )
        elif _ZN.Arrangement in classes:
            self.arrangements[record_id] = Arrangement(
                record_id,
                str(rec.iri),
                rec.all(_ZN.area),
                rec.one(_ZN.aspect) or "",
                rec.one(_ZN.status),
                rec.all(_ZN.subject),
                rec.text(_DESCRIPTION),
                rec.integer(_ZN.asOf),
                src,
            )
        elif _ZN.Alignment in classes:
            self.alignments[record_id] = Alignment(
                record_id, rec.all(_ZN.subject), rec.one(_ZN.concept) or "", src
            )
        elif _ZN.Shortage in classes:
            self.shortages[record_id] = Shortage(
                record_id,
                rec.text(_PREF_LABEL),
                rec.text(_DESCRIPTION),
                rec.all(_ZN.subject),
                rec.all(_ZN.helpKind),
                rec.all(_ZN.area),
                rec.one(_ZN.status),
                rec.integer(_ZN.asOf),
                src,
            )
        elif _ZN.KnownIssue in classes:
            self.issues[record_id] = Issue(
                record_id,
                rec.text(_PREF_LABEL),
                rec.text(_DESCRIPTION),
                rec.all(_ZN.subject),
                _readings(rec.texts(_ZN.reading)),
                src,
            )
        elif _ZN.Figure in classes:
            self.figures[record_id] = Figure(
                record_id,
                rec.text(_ZN.measure),
                rec.text(_SCHEMA_VALUE) or rec.one(_SCHEMA_VALUE) or "",
                rec.text(_SCHEMA_UNIT) or None,
                rec.all(_ZN.subject),
                rec.all(_ZN.area),
                rec.integer(_ZN.asOf),
                src,
            )
        if _ZN.Relation in classes:
            self.relations[record_id] = (
                rec.one(_ZN["from"]),
                rec.one(_ZN.to),
                dict(
                    record="relation",
                    iri=str(rec.iri),
                    kind=rec.one(_ZN.relationKind),
                    domains=rec.all(_ZN.domain),
                    levels=rec.all(_ZN.level),
                    access=rec.all(_ZN.access),
                    help_kinds=rec.all(_ZN.helpKind),
                    areas=rec.all(_ZN.area),
                    age_min=rec.integer(_ZN.ageMin),
                    age_max=rec.integer(_ZN.ageMax),
                    legal_bases=rec.all(_ZN.legalBasis),
                    status=rec.one(_ZN.status),
                    as_of=rec.integer(_ZN.asOf),
                    description=rec.text(_DESCRIPTION),
                    sources=src,
                ),
            )

    def add_records(self, graph: Graph, subjects: Iterable[str] | None = None) -> None:
        """Make the parts of the records in *graph* (only those of *subjects* if given)."""
        records, sources = _read_records(graph, subjects)
        self._add_all(
            records, sources, lambda iri: graph.value(URIRef(iri), ZN.opensContractedCare)
        )

    def add_file(self, path: Path) -> None:
        """Make the parts of the records in the N-Triples file at *path*."""
        quads = ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES)
        subjects = _grouped(quads, _from_ox)
        records, sources = _records_of(subjects)

        def in_data(iri: str) -> _Term | None:
            found = subjects.get(iri, {}).get(_ZN.opensContractedCare)
            return found[0] if found else None

        self._add_all(records, sources, in_data)

    def _add_all(
        self,
        records: dict[str, _Record],
        sources: dict[str, list[str]],
        in_data: Callable[[str], object | None],
    ) -> None:
        memo: dict[str, bool] = {}

        def opens_contracted_care(power: _Term | None) -> bool:
            return _opens_contracted_care(in_data, power, memo)

        for record_id, rec in records.items():
            self.add(
                record_id,
                rec,
                tuple(sorted(set(sources.get(record_id, ())))),
                opens_contracted_care,
            )


def _readings(texts: Iterable[str]) -> tuple[str, ...]:
    """The readings of a known issue: each line of its ``reading`` texts is one reading."""
    return tuple(line.strip() for text in texts for line in text.splitlines() if line.strip())


def _membership_edge(membership: Membership) -> dict[str, Any]:
    """The attributes of the edge from a team to its member."""
    return dict(
        record="membership",
        iri=membership.iri,
        kind="heeft-netwerklid",
        membership_status=membership.membership_status,
        status=membership.status,
        as_of=membership.as_of,
        description=membership.description,
        sources=membership.sources,
    )


def _part_of_key(actor: str, whole: str) -> str:
    """The key of the edge from *actor* to the *whole* it is part of."""
    return f"{actor}/is-onderdeel-van/{whole}"


def _part_of_edge(actor: dict[str, Any]) -> dict[str, Any]:
    """The attributes of the edges from the actor with node data *actor* to its wholes."""
    return dict(
        record="part-of",
        iri=actor["iri"],
        kind="is-onderdeel-van",
        status=actor["status"],
        as_of=actor["as_of"],
        sources=actor["sources"],
    )


def _assemble(parts: _Parts) -> nx.MultiDiGraph:
    """The projection made of *parts*: in the same order, whatever order they came in."""
    G = nx.MultiDiGraph()
    G.add_nodes_from((i, parts.actors[i]) for i in sorted(parts.actors))
    for record_id in sorted(parts.relations):
        source, target, attributes = parts.relations[record_id]
        if source in G and target in G:
            G.add_edge(source, target, key=record_id, **attributes)
    memberships = tuple(parts.memberships[i] for i in sorted(parts.memberships))
    for membership in memberships:
        if membership.team in G and membership.member in G:
            G.add_edge(
                membership.team,
                membership.member,
                key=membership.id,
                **_membership_edge(membership),
            )
    for actor, data in list(G.nodes(data=True)):
        for whole in data["part_of"]:
            if whole in G:
                G.add_edge(actor, whole, key=_part_of_key(actor, whole), **_part_of_edge(data))

    def in_order(records: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(records[i] for i in sorted(records))

    G.graph.update(
        areas={i: parts.areas[i] for i in sorted(parts.areas)},
        mandates=in_order(parts.mandates),
        memberships=memberships,
        arrangements=in_order(parts.arrangements),
        alignments=in_order(parts.alignments),
        shortages=in_order(parts.shortages),
        issues=in_order(parts.issues),
        figures=in_order(parts.figures),
        records={i: parts.summaries[i] for i in sorted(parts.summaries)},
        memo={},
    )
    return nx.freeze(G)


@without_gc()
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
    parts = _Parts()
    parts.add_records(graph)
    return _assemble(parts)


@without_gc()
def project_file(path: Path) -> nx.MultiDiGraph:
    """The networkx projection of the zorgnet data in an N-Triples file.

    The same as :func:`project` of a graph holding the file's triples, and faster than
    projecting the store the file was loaded into: at national scale Oxigraph parses
    the file in 2 s, where reading the same triples back out of its on-disk database
    takes 9 s.

    Parameters
    ----------
    path : Path
        An N-Triples file, e.g. the one ``Store.replace_from_file`` just loaded.

    Returns
    -------
    networkx.MultiDiGraph
        As :func:`project`.

    Examples
    --------
    >>> import tempfile
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> path = Path(tempfile.mkdtemp()) / "data.nt"
    >>> _ = example_graph().serialize(path, format="nt", encoding="utf-8")
    >>> project_file(path).nodes["huisarts"]["sources"]
    ('003 §4',)
    """
    parts = _Parts()
    parts.add_file(path)
    return _assemble(parts)


def actor_sources(G: nx.MultiDiGraph, actors: Iterable[str]) -> tuple[str, ...]:
    """The sources of *actors*, sorted and without repeats."""
    return tuple(sorted({s for a in actors if a in G for s in G.nodes[a]["sources"]}))


def area_ancestors(G: nx.MultiDiGraph, area: str) -> frozenset[str]:
    """Every area that contains *area* (its cluster, region, province ...), not itself.

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_projection
    >>> sorted(area_ancestors(example_projection(), "hilversum-oost"))
    ['gooi-en-vechtstreek', 'hilversum']
    """
    areas: dict[str, Area] = G.graph["areas"]
    found: set[str] = set()
    todo = list(areas[area].part_of) if area in areas else []
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(areas[current].part_of if current in areas else ())
    return frozenset(found)


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
    children = G.graph["memo"].get("area_children")
    if children is None:
        # Built once per projection: a national network asks this for each gemeente.
        children = defaultdict(list)
        for candidate in areas.values():
            for parent in candidate.part_of:
                children[parent].append(candidate.id)
        G.graph["memo"]["area_children"] = children
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
