"""Pydantic models at the edge of the web app: what the API answers and accepts.

Response models hold plain strings, numbers and lists (never rdflib terms), read from
the records with ``from_attributes``; the models of analysis results are derived from
the analyses' own types (:mod:`zorgnet.api.results`), not written here. Request bodies
for edits reuse the record models generated from the SHACL shapes
(:func:`zorgnet.ontology.models.record_models`), so the API accepts exactly what a data
file may say.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from zorgnet.ontology.models import SLUG_PATTERN, RecordModel, record_models

__all__ = [
    "EDITABLE",
    "ActorDetail",
    "ActorSummary",
    "AreaDetail",
    "AreaSummary",
    "Concept",
    "EditOut",
    "Error",
    "FieldProblem",
    "Health",
    "MandateOut",
    "MembershipOut",
    "Page",
    "RecordEdit",
    "RelationOut",
    "VocabularyOut",
    "edit_request_model",
]

T = TypeVar("T")

# The record kinds the API edits, keyed by URL segment -> record key of the data files.
EDITABLE = {
    "actors": "actors",
    "relations": "relations",
    "memberships": "memberships",
    "mandates": "mandates",
}


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class FieldProblem(BaseModel):
    """What is wrong with one field of a request or of a record, in Dutch."""

    veld: str | None = Field(
        description="Het veld; leeg of null: het verzoek als geheel.",
        examples=["registratie.label"],
    )
    melding: str = Field(examples=["ontbreekt: dit veld is verplicht"])
    soort: str | None = Field(
        default=None, description="Het soort fout in de invoer.", examples=["missing"]
    )
    hint: str | None = Field(default=None, description="Hoe een wijziging de controles wel haalt.")
    controle: str | None = Field(default=None, description="De controle die niet slaagde.")


class Error(BaseModel):
    """An error, in Dutch, as RFC 9457 problem details (``application/problem+json``).

    ``type``, ``title``, ``status``, ``detail`` and ``instance`` are the standard's
    members; ``fout`` (the same text as ``detail``), ``suggesties`` and ``details`` are
    zorgnet's extensions, which the earlier error answers had on their own.
    """

    type: str = Field(
        description="Het soort probleem; about:blank: de statuscode zegt wat er mis is.",
        json_schema_extra={"format": "uri-reference"},
        examples=["about:blank"],
    )
    title: str = Field(
        description="Korte Nederlandse naam van het probleem.", examples=["Niet gevonden"]
    )
    status: int = Field(ge=400, le=599, description="De HTTP-statuscode.", examples=[404])
    detail: str = Field(
        description="Wat er mis is en hoe het goed komt, in het Nederlands.",
        examples=["Onbekende actor: 'veilig-thuuis'. Bedoelde u: veilig-thuis?"],
    )
    instance: str = Field(
        description="Het pad van het verzoek dat de fout gaf.",
        json_schema_extra={"format": "uri-reference"},
        examples=["/api/actors/veilig-thuuis"],
    )
    fout: str = Field(
        description="Dezelfde melding als detail (voor bestaande clients).",
        examples=["Onbekende actor: 'veilig-thuuis'. Bedoelde u: veilig-thuis?"],
    )
    suggesties: list[str] = Field(
        default_factory=list,
        description="De namen die het dichtst bij een onbekende naam liggen.",
        examples=[["veilig-thuis"]],
    )
    details: list[FieldProblem] = Field(default_factory=list, description="Per veld wat er mis is.")


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset``, ``total`` in all."""

    items: list[T]
    total: int = Field(examples=[139])
    offset: int = Field(examples=[0])
    limit: int = Field(examples=[50])


class Health(BaseModel):
    """Whether the service and its store answer."""

    status: str = Field(examples=["in orde"])
    version: str | None = Field(examples=["urn:zorgnet:version:0f6c..."])
    triples: int = Field(examples=[6723])
    alleen_lezen: bool = Field(examples=[True])


class ActorSummary(_Out):
    """An actor in a list: the fields of the ``actors`` record, by id and notation."""

    id: str = Field(examples=["veilig-thuis"])
    label: str = Field(examples=["Veilig Thuis Gooi en Vechtstreek"])
    type: str | None = Field(examples=["veilig-thuis"])
    actor_class: str = Field(examples=["Organisation"])
    scale: str | None = Field(examples=["regionaal"])
    areas: list[str] = Field(examples=[["gooi-en-vechtstreek"]])
    domains: list[str] = Field(examples=[["jeugd"]])
    levels: list[str] = Field(examples=[["zwaar"]])
    access: list[str] = Field(examples=[["voorveld"]])
    offers: list[str] = Field(examples=[["advies"]])
    status: str | None = Field(examples=["bestaand"])
    as_of: int | None = Field(examples=[2024])


class RelationOut(_Out):
    """A relation from or to an actor."""

    id: str
    kind: str | None = Field(examples=["verwijst"])
    source: str = Field(examples=["huisartsen"])
    target: str = Field(examples=["jeugd-ggz-aanbieders"])
    other_label: str
    domains: list[str]
    levels: list[str]
    help_kinds: list[str]
    areas: list[str]
    legal_bases: list[str]
    status: str | None
    description: str = Field(examples=["Bij vermoeden van onveiligheid."])
    sources: list[str]


class MandateOut(_Out):
    """A power held by an actor."""

    id: str
    holder: str
    power: str = Field(examples=["verwijzen"])
    legal_bases: list[str]
    areas: list[str]
    domains: list[str]
    help_kinds: list[str]
    opens_contracted_care: bool
    status: str | None
    description: str
    sources: list[str]


class MembershipOut(_Out):
    """An actor's place in a local team's network."""

    id: str
    team: str
    member: str
    membership_status: str = Field(examples=["kern"])
    status: str | None
    description: str
    sources: list[str]


class FigureOut(_Out):
    """A number the sources give, with its unit and year."""

    id: str
    measure: str = Field(examples=["aantal verwijzingen door huisartsen"])
    value: str = Field(examples=["1250"])
    unit: str | None = Field(examples=["verwijzingen"])
    about: list[str]
    areas: list[str]
    as_of: int | None = Field(examples=[2020])
    sources: list[str]


class IssueOut(_Out):
    """A known contradiction or vague spot in the sources, with every reading."""

    id: str
    label: str
    description: str
    about: list[str]
    readings: list[str] = Field(examples=[["vier partners", "drie partners genoemd"]])
    sources: list[str]


class ShortageOut(_Out):
    """A shortage or unmet demand the sources name."""

    id: str
    label: str
    description: str
    about: list[str]
    help_kinds: list[str]
    areas: list[str]
    status: str | None
    as_of: int | None
    sources: list[str]


class FactsOut(_Out):
    """The figures, known issues and shortages about one actor, team or area."""

    figures: list[FigureOut]
    issues: list[IssueOut]
    shortages: list[ShortageOut]


class RecordEdit(_Out):
    """An edit that changed a record this answer shows: what the changed fields say comes
    from the edit, not from the sources."""

    kind: str = Field(examples=["actors"], description="Soort record (actors, relations …).")
    record: str = Field(examples=["huisarts"], description="Id van het record.")
    created: bool = Field(description="Door een wijziging toegevoegd: niets komt uit de bronnen.")
    changed: list[str] = Field(
        examples=[["description"]], description="Velden die niet meer zeggen wat de bronnen zeggen."
    )
    edit: str = Field(description="Id van de laatste wijziging (zie /wijzigingen).")
    by: str = Field(examples=["beheerder"], description="Rol van wie het laatst wijzigde.")
    at: str = Field(description="Tijdstip van de laatste wijziging (ISO 8601).")
    reason: str = Field(description="De opgegeven reden van de laatste wijziging.")


class ActorDetail(ActorSummary):
    """One actor with its relations, mandates, memberships and sources, and the edits
    that changed any of them."""

    iri: str = Field(examples=["https://w3id.org/zorgnet/id/actor/veilig-thuis"])
    description: str
    part_of: list[str]
    age_min: int | None = Field(default=None, examples=[4])
    age_max: int | None = Field(default=None, examples=[18])
    sources: list[str] = Field(examples=[["003 §4"]])
    relations_out: list[RelationOut]
    relations_in: list[RelationOut]
    mandates: list[MandateOut]
    memberships: list[MembershipOut]
    facts: FactsOut
    edits: list[RecordEdit] = Field(
        default_factory=list,
        description="Wijzigingen die deze actor of zijn relaties, bevoegdheden of "
        "lidmaatschappen veranderden; leeg: alles zegt wat de bronnen zeggen.",
    )


class AreaSummary(_Out):
    """A wijk, gemeente, cluster, regio or larger area."""

    id: str = Field(examples=["huizen"])
    label: str = Field(examples=["Huizen"])
    type: str | None = Field(examples=["gemeente"])
    part_of: list[str]
    sources: list[str]


class ArrangementOut(_Out):
    """What the sources say about one aspect of an area's set-up."""

    id: str
    aspect: str = Field(examples=["voorveld"])
    status: str | None
    about: list[str]
    description: str
    sources: list[str]


class AreaDetail(AreaSummary):
    """A gemeente's sociale kaart: who works there, the voorveld, the local set-up."""

    actors: list[ActorSummary]
    voorveld: list[ActorSummary]
    arrangements: list[ArrangementOut]
    facts: FactsOut


class Concept(BaseModel):
    """A value of a vocabulary: its notation and Dutch label."""

    notation: str = Field(examples=["jeugd-ggz"])
    label: str = Field(examples=["jeugd-ggz"])


class VocabularyOut(BaseModel):
    """A SKOS vocabulary of the ontology."""

    name: str = Field(examples=["HelpKind"])
    label: str
    concepts: list[Concept]


class EditOut(BaseModel):
    """One edit in the history (a ``prov:Activity``)."""

    id: str = Field(examples=["edit-20260101t120000-ab12cd"])
    action: str = Field(examples=["wijzigen"])
    kind: str = Field(examples=["actors"])
    record: str = Field(examples=["veilig-thuis"])
    door: str = Field(examples=["beheerder"])
    tijd: str = Field(examples=["2026-01-01T12:00:00+00:00"])
    reden: str = Field(examples=["Nieuwe naam volgens de website van de organisatie."])
    undoes: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


_Reason = Annotated[
    str,
    Field(
        min_length=3,
        max_length=1000,
        description="Waarom deze wijziging (komt in de geschiedenis).",
        examples=["Nieuwe partner volgens de regiovisie 2025."],
    ),
]
_Who = Annotated[str | None, Field(default=None, pattern=SLUG_PATTERN, max_length=60)]


@cache
def edit_request_model(kind: str) -> type[BaseModel]:
    """The body of a create or update of *kind*: the record and the reason.

    Examples
    --------
    >>> model = edit_request_model("actors")
    >>> sorted(model.model_fields)
    ['door', 'reden', 'registratie']
    """
    record: type[RecordModel] = record_models()[EDITABLE[kind]]
    return create_model(
        f"{record.__name__}Bewerking",
        registratie=(record, ...),
        reden=(_Reason, ...),
        door=(_Who, None),
    )


class DeleteRequest(BaseModel):
    """Why a record is deleted."""

    reden: _Reason
    door: _Who = None


class UndoRequest(BaseModel):
    """Why an edit is undone."""

    reden: _Reason
    door: _Who = None
