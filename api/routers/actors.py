"""Actors: the list with filters and pages, and one actor with everything about it."""

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response
from rdflib import Graph, URIRef

from zorgnet.api.deps import GraphDep, SettingsDep, StoreDep
from zorgnet.api.models import (
    ActorDetail,
    ActorSummary,
    Error,
    FactsOut,
    MandateOut,
    MembershipOut,
    Page,
    RecordEdit,
    RelationOut,
)
from zorgnet.api.negotiation import Offer, choose, negotiated, negotiates_itself
from zorgnet.api.routers.linked_data import record_graph
from zorgnet.core.editing import edited_records
from zorgnet.formats.rdf import MEDIA_TYPES, serialize
from zorgnet.graph.analyses import check_actor, check_area, check_concept, in_scope
from zorgnet.graph.analyses.facts import actor_facts

__all__ = ["actor_detail", "actor_records", "actor_summary", "filter_actors", "router"]

router = APIRouter(prefix="/api/actors", tags=["actoren"])

# JSON first: what a client that accepts anything gets.
OFFERS = (
    Offer("json", "application/json", "JSON"),
    Offer("jsonld", "application/ld+json", "JSON-LD"),
    Offer("turtle", "text/turtle", "Turtle", MEDIA_TYPES["turtle"]),
    Offer("ntriples", "application/n-triples", "N-Triples"),
)


def actor_summary(G: nx.MultiDiGraph, actor: str) -> ActorSummary:
    """The list form of *actor*."""
    return ActorSummary.model_validate({"id": actor, **G.nodes[actor]})


def filter_actors(
    G: nx.MultiDiGraph,
    *,
    type: str | None = None,
    gemeente: str | None = None,
    domein: str | None = None,
    niveau: str | None = None,
    q: str | None = None,
) -> list[str]:
    """The ids of the actors that pass every filter given, sorted by label."""
    check_concept(type, "ActorType", "soort actor")
    check_area(G, gemeente)
    check_concept(domein, "Domain", "domein")
    check_concept(niveau, "SupportLevel", "niveau")
    text = (q or "").casefold()
    found = []
    for actor, data in G.nodes(data=True):
        if type and data["type"] != type:
            continue
        if gemeente and not (data["areas"] and in_scope(G, data["areas"], gemeente)):
            continue
        if domein and domein not in data["domains"]:
            continue
        if niveau and niveau not in data["levels"]:
            continue
        if text and text not in f"{actor} {data['label']} {data['description']}".casefold():
            continue
        found.append(actor)
    return sorted(found, key=lambda a: (G.nodes[a]["label"].casefold(), a))


def _relation(G: nx.MultiDiGraph, u: str, v: str, key: str, data: dict, other: str) -> RelationOut:
    return RelationOut.model_validate(
        {**data, "id": key, "source": u, "target": v, "other_label": G.nodes[other]["label"]}
    )


def actor_detail(G: nx.MultiDiGraph, actor: str, graph: Graph | None = None) -> ActorDetail:
    """Everything the projection knows of *actor*; with the store's *graph*, also the
    edits that changed the actor or its relations, mandates and memberships."""
    check_actor(G, actor)
    node = G.nodes[actor]
    out = [
        _relation(G, actor, v, k, d, v)
        for _, v, k, d in G.out_edges(actor, keys=True, data=True)
        if d["record"] == "relation"
    ]
    into = [
        _relation(G, u, actor, k, d, u)
        for u, _, k, d in G.in_edges(actor, keys=True, data=True)
        if d["record"] == "relation"
    ]
    detail = ActorDetail.model_validate(
        {
            **node,
            "id": actor,
            "relations_out": out,
            "relations_in": into,
            "mandates": [
                MandateOut.model_validate(m) for m in G.graph["mandates"] if m.holder == actor
            ],
            "memberships": [
                MembershipOut.model_validate(m)
                for m in G.graph["memberships"]
                if actor in (m.team, m.member)
            ],
            "facts": FactsOut.model_validate(actor_facts(G, actor)),
        }
    )
    if graph is None:
        return detail
    return detail.model_copy(update={"edits": _edits(graph, actor_records(detail))})


def actor_records(detail: ActorDetail) -> list[tuple[str, str]]:
    """The records an actor's answer shows, as ``(record key, id)``: the actor, its
    relations, mandates and memberships (whose edits the answer and its page name)."""
    records = [("actors", detail.id)]
    records += [("relations", r.id) for r in [*detail.relations_out, *detail.relations_in]]
    records += [("mandates", m.id) for m in detail.mandates]
    records += [("memberships", m.id) for m in detail.memberships]
    return records


def _edits(graph: Graph, records: list[tuple[str, str]]) -> list[RecordEdit]:
    return [
        RecordEdit(
            kind=found.kind,
            record=found.record,
            created=found.created,
            changed=found.changed,
            edit=found.last.id,
            by=found.last.door,
            at=found.last.tijd,
            reason=found.last.reden,
        )
        for found in edited_records(graph, records).values()
    ]


@router.get("", response_model=Page[ActorSummary], summary="Actoren zoeken")
def list_actors(
    G: GraphDep,
    settings: SettingsDep,
    type: Annotated[str | None, Query(description="Soort actor", examples=["huisarts"])] = None,
    gemeente: Annotated[str | None, Query(description="Gebied-id", examples=["huizen"])] = None,
    domein: Annotated[str | None, Query(description="Domein", examples=["jeugd"])] = None,
    niveau: Annotated[str | None, Query(description="Niveau", examples=["licht"])] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Zoektekst", examples=["buurtteam"])
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=1000, description="Aantal per pagina")] = None,
) -> Page[ActorSummary]:
    """The actors that pass the filters, by label, one page at a time.

    An actor works in a gemeente when one of its areas contains it or lies inside it.
    Unknown filter values get a 422 with the closest valid values.
    """
    size = min(limit or settings.page_size, settings.max_page_size)
    found = filter_actors(G, type=type, gemeente=gemeente, domein=domein, niveau=niveau, q=q)
    items = [actor_summary(G, a) for a in found[offset : offset + size]]
    return Page[ActorSummary](items=items, total=len(found), offset=offset, limit=size)


@router.get(
    "/{actor_id}",
    response_model=ActorDetail,
    summary="Eén actor",
    responses={
        200: {
            "content": {
                "application/ld+json": {"example": {"@id": "id:actor/veilig-thuis"}},
                "text/turtle": {"example": "id:actor/veilig-thuis a zn:Organisation ."},
                "application/n-triples": {},
            }
        },
        304: {"description": "Niet veranderd sinds de ETag in If-None-Match"},
        404: {"model": Error, "description": "Onbekende actor, met de dichtstbijzijnde ids"},
        406: {"model": Error, "description": "Dit formaat kan niet worden geleverd"},
    },
)
@negotiates_itself
def get_actor(
    actor_id: str,
    request: Request,
    G: GraphDep,
    store: StoreDep,
    accept: Annotated[str | None, Header()] = None,
    format: Annotated[
        str | None,
        Query(
            pattern="^(json|jsonld|turtle|ntriples)$", description="Of kies met de Accept-header"
        ),
    ] = None,
) -> Response:
    """An actor with its relations, mandates, memberships and sources.

    ``Accept: application/ld+json``, ``text/turtle`` or ``application/n-triples`` gives
    the actor's own RDF (q-values count); ``format`` chooses instead of ``Accept``.
    """
    detail = actor_detail(G, actor_id, store.graph())
    offer = next(o for o in OFFERS if o.name == format) if format else choose(accept, OFFERS)

    def body() -> str:
        if offer.name == "json":
            return detail.model_dump_json()
        return serialize(record_graph(store.graph(), URIRef(detail.iri)), offer.name)

    return negotiated(request, offer, store.version, body)
