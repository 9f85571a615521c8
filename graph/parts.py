"""A projection taken apart by record id: each record's node, edge or record.

:class:`Parts` turns the records read out of RDF (:mod:`zorgnet.graph.terms`) into what
the projection is assembled from: a node's attributes per actor, an edge's ends and
attributes per relation, a frozen dataclass (:mod:`zorgnet.graph.projected`) per other
record. A record's part depends on that record alone, which is what lets
:mod:`zorgnet.graph.reprojection` make again only the parts of the records an edit
touched.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> parts = Parts()
>>> parts.add_records(example_graph())
>>> parts.actors["huisarts"]["type"], parts.relations["huisarts-verwijst-ggz"][:2]
('huisarts', ('huisarts', 'ggz-aanbieder'))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from zorgnet.graph.projected import (
    Alignment,
    Area,
    Arrangement,
    Figure,
    Issue,
    Mandate,
    Membership,
    RecordSummary,
    Shortage,
)
from zorgnet.graph.terms import (
    PART_OF,
    ZN_IRI,
    RecordValues,
    Term,
    fingerprint,
    read_file,
    read_records,
    records_of,
    slug,
)
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

__all__ = ["Parts", "membership_edge", "part_of_edge", "part_of_key"]

_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_DESCRIPTION = "http://purl.org/dc/terms/description"
_SCHEMA_VALUE = "https://schema.org/value"
_SCHEMA_UNIT = "https://schema.org/unitText"
_GENERIC_CLASSES = {ZN_IRI.Record, ZN_IRI.Actor}
# The classes that name a record's kind, most telling first.
_KINDS = tuple(
    (name, ZN_IRI[name])
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


@dataclass
class Parts:
    """A projection taken apart by record id: what a projection is assembled from.

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
        rec: RecordValues,
        src: tuple[str, ...],
        opens_contracted_care: Callable[[Term | None], bool],
    ) -> None:
        """Make the parts of the record *rec* cited by *src*."""
        classes = rec.classes
        kind = next((name for name, iri in _KINDS if iri in classes), "Record")
        self.summaries[record_id] = RecordSummary(
            record_id,
            rec.iri,
            kind,
            rec.text(_PREF_LABEL) or rec.text(ZN_IRI.measure) or record_id,
            rec.integer(ZN_IRI.asOf),
            rec.one(ZN_IRI.status),
            fingerprint(rec.values),
            src,
        )
        if ZN_IRI.Actor in classes:
            self.actors[record_id] = dict(
                iri=str(rec.iri),
                label=rec.text(_PREF_LABEL) or record_id,
                type=rec.one(ZN_IRI.actorType),
                actor_class=_actor_class(rec),
                scale=rec.one(ZN_IRI.scale),
                areas=rec.all(ZN_IRI.area),
                domains=rec.all(ZN_IRI.domain),
                levels=rec.all(ZN_IRI.level),
                access=rec.all(ZN_IRI.access),
                offers=rec.all(ZN_IRI.offers),
                age_min=rec.integer(ZN_IRI.ageMin),
                age_max=rec.integer(ZN_IRI.ageMax),
                status=rec.one(ZN_IRI.status),
                part_of=rec.all(PART_OF),
                as_of=rec.integer(ZN_IRI.asOf),
                description=rec.text(_DESCRIPTION),
                sources=src,
            )
        elif ZN_IRI.Area in classes:
            self.areas[record_id] = Area(
                record_id,
                rec.text(_PREF_LABEL) or record_id,
                rec.one(ZN_IRI.areaType),
                rec.all(PART_OF),
                src,
            )
        elif ZN_IRI.Mandate in classes:
            power_iri = next(iter(rec.values.get(ZN_IRI.power, ())), None)
            self.mandates[record_id] = Mandate(
                record_id,
                str(rec.iri),
                rec.one(ZN_IRI.holder) or "",
                rec.one(ZN_IRI.power) or "",
                rec.all(ZN_IRI.legalBasis),
                rec.all(ZN_IRI.area),
                rec.all(ZN_IRI.domain),
                rec.all(ZN_IRI.helpKind),
                opens_contracted_care(power_iri),
                rec.one(ZN_IRI.status),
                rec.integer(ZN_IRI.asOf),
                src,
                rec.text(_DESCRIPTION),
            )
        elif ZN_IRI.Membership in classes:
            self.memberships[record_id] = Membership(
                record_id,
                str(rec.iri),
                rec.one(ZN_IRI.networkTeam) or "",
                rec.one(ZN_IRI.networkMember) or "",
                rec.one(ZN_IRI.membershipStatus) or "onbekend",
                rec.one(ZN_IRI.status),
                rec.integer(ZN_IRI.asOf),
                src,
                rec.text(_DESCRIPTION),
            )
        elif ZN_IRI.Arrangement in classes:
            self.arrangements[record_id] = Arrangement(
                record_id,
                str(rec.iri),
                rec.all(ZN_IRI.area),
                rec.one(ZN_IRI.aspect) or "",
                rec.one(ZN_IRI.status),
                rec.all(ZN_IRI.subject),
                rec.text(_DESCRIPTION),
                rec.integer(ZN_IRI.asOf),
                src,
            )
        elif ZN_IRI.Alignment in classes:
            self.alignments[record_id] = Alignment(
                record_id, rec.all(ZN_IRI.subject), rec.one(ZN_IRI.concept) or "", src
            )
        elif ZN_IRI.Shortage in classes:
            self.shortages[record_id] = Shortage(
                record_id,
                rec.text(_PREF_LABEL),
                rec.text(_DESCRIPTION),
                rec.all(ZN_IRI.subject),
                rec.all(ZN_IRI.helpKind),
                rec.all(ZN_IRI.area),
                rec.one(ZN_IRI.status),
                rec.integer(ZN_IRI.asOf),
                src,
            )
        elif ZN_IRI.KnownIssue in classes:
            self.issues[record_id] = Issue(
                record_id,
                rec.text(_PREF_LABEL),
                rec.text(_DESCRIPTION),
                rec.all(ZN_IRI.subject),
                _readings(rec.texts(ZN_IRI.reading)),
                src,
            )
        elif ZN_IRI.Figure in classes:
            self.figures[record_id] = Figure(
                record_id,
                rec.text(ZN_IRI.measure),
                rec.text(_SCHEMA_VALUE) or rec.one(_SCHEMA_VALUE) or "",
                rec.text(_SCHEMA_UNIT) or None,
                rec.all(ZN_IRI.subject),
                rec.all(ZN_IRI.area),
                rec.integer(ZN_IRI.asOf),
                src,
            )
        if ZN_IRI.Relation in classes:
            self.relations[record_id] = (
                rec.one(ZN_IRI["from"]),
                rec.one(ZN_IRI.to),
                dict(
                    record="relation",
                    iri=str(rec.iri),
                    kind=rec.one(ZN_IRI.relationKind),
                    domains=rec.all(ZN_IRI.domain),
                    levels=rec.all(ZN_IRI.level),
                    access=rec.all(ZN_IRI.access),
                    help_kinds=rec.all(ZN_IRI.helpKind),
                    areas=rec.all(ZN_IRI.area),
                    age_min=rec.integer(ZN_IRI.ageMin),
                    age_max=rec.integer(ZN_IRI.ageMax),
                    legal_bases=rec.all(ZN_IRI.legalBasis),
                    status=rec.one(ZN_IRI.status),
                    as_of=rec.integer(ZN_IRI.asOf),
                    description=rec.text(_DESCRIPTION),
                    sources=src,
                ),
            )

    def add_records(self, graph: Graph, subjects: Iterable[str] | None = None) -> None:
        """Make the parts of the records in *graph* (only those of *subjects* if given)."""
        records, sources = read_records(graph, subjects)
        self._add_all(
            records, sources, lambda iri: graph.value(URIRef(iri), ZN.opensContractedCare)
        )

    def add_file(self, path: Path) -> None:
        """Make the parts of the records in the N-Triples file at *path*."""
        subjects = read_file(path)
        records, sources = records_of(subjects)

        def in_data(iri: str) -> Term | None:
            found = subjects.get(iri, {}).get(ZN_IRI.opensContractedCare)
            return found[0] if found else None

        self._add_all(records, sources, in_data)

    def _add_all(
        self,
        records: dict[str, RecordValues],
        sources: dict[str, list[str]],
        in_data: Callable[[str], object | None],
    ) -> None:
        memo: dict[str, bool] = {}

        def opens_contracted_care(power: Term | None) -> bool:
            return _opens_contracted_care(in_data, power, memo)

        for record_id, rec in records.items():
            self.add(
                record_id,
                rec,
                tuple(sorted(set(sources.get(record_id, ())))),
                opens_contracted_care,
            )


def _opens_contracted_care(
    in_data: Callable[[str], object | None], power_iri: Term | None, memo: dict[str, bool]
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


def _actor_class(record: RecordValues) -> str:
    specific = record.classes - _GENERIC_CLASSES
    # The most specific class is the one no other listed class is a subclass of; the
    # loader only asserts the class of the type, so there is usually one.
    return min((slug(c) for c in specific), default="Actor")


def _readings(texts: Iterable[str]) -> tuple[str, ...]:
    """The readings of a known issue: each line of its ``reading`` texts is one reading."""
    return tuple(line.strip() for text in texts for line in text.splitlines() if line.strip())


def membership_edge(membership: Membership) -> dict[str, Any]:
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


def part_of_key(actor: str, whole: str) -> str:
    """The key of the edge from *actor* to the *whole* it is part of."""
    return f"{actor}/is-onderdeel-van/{whole}"


def part_of_edge(actor: dict[str, Any]) -> dict[str, Any]:
    """The attributes of the edges from the actor with node data *actor* to its wholes."""
    return dict(
        record="part-of",
        iri=actor["iri"],
        kind="is-onderdeel-van",
        status=actor["status"],
        as_of=actor["as_of"],
        sources=actor["sources"],
    )
