"""The records a projection holds apart from its nodes and edges, as frozen dataclasses.

:func:`zorgnet.graph.projection.project` keeps the records that are no edge in
``G.graph``: ``G.graph["areas"]`` is a dict id → :class:`Area`, ``G.graph["mandates"]`` a
tuple of :class:`Mandate`, and so on; ``G.graph["records"]`` summarises every record
(:class:`RecordSummary`) for the comparison of two dates. The analyses read these; the
saved projection (:mod:`zorgnet.graph.saved_projection`) writes and reads them field by
field, so a field added here is saved without more ado.
"""

from __future__ import annotations

from dataclasses import dataclass

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
]

# Statuses of records that do not (or not yet) exist; routes and coverage skip them.
INACTIVE_STATUSES = frozenset({"afwezig", "beeindigd", "voorstel", "gepland"})


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
