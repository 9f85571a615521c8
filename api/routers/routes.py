"""Routes: from an entry point to a kind of help, under a gemeente, domain and level."""

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from zorgnet.api.deps import GraphDep
from zorgnet.api.models import Error
from zorgnet.graph.analyses.routes import referral_routes

__all__ = ["RouteAnswer", "find_routes", "router"]

router = APIRouter(prefix="/api/routes", tags=["routes"])


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class MandateHeldOut(_Out):
    """A mandate held at a step."""

    mandate: str
    power: str = Field(examples=["verwijzen"])
    legal_bases: list[str] = Field(examples=[["jeugdwet-2-6"]])
    opens_contracted_care: bool
    sources: list[str]


class StepOut(_Out):
    """One actor on a route and the relation that leads to it."""

    actor: str = Field(examples=["huisartsen-huizen"])
    label: str
    type: str | None
    relation: str | None
    kind: str | None = Field(examples=["verwijst"])
    access: list[str]
    status: str | None
    legal_referrer: bool
    mandates: list[MandateHeldOut]
    sources: list[str]
    relation_status: str | None = Field(examples=["gemelde-praktijk"])
    reported_practice: bool
    explanation: str = Field(
        examples=["huisarts verwijst naar aanbieders jeugd-GGZ [bron: 003 §2.1, regel 396]."]
    )


class RouteOut(_Out):
    """A route from the entry point to an actor offering the help."""

    steps: list[StepOut]
    actors: list[str]
    cost: float = Field(examples=[2.0])
    needs_referral: bool
    voorveld: bool
    gate_open: bool
    referrer: str | None
    sources: list[str]
    provider_parts: list[str]
    explanation: str


class RouteAnswer(_Out):
    """The routes, or which step is missing and why (in Dutch)."""

    source: str = Field(examples=["huisarts"])
    help_kind: str = Field(examples=["jeugd-ggz"])
    gemeente: str | None = Field(examples=["huizen"])
    domain: str | None
    level: str | None
    routes: list[RouteOut]
    providers: list[str]
    missing: str | None = Field(examples=[None])
    explanation: str
    sources: list[str]


def find_routes(
    G: nx.MultiDiGraph,
    van: str,
    naar: str,
    gemeente: str | None = None,
    domein: str | None = None,
    niveau: str | None = None,
    k: int = 5,
) -> RouteAnswer:
    """The referral routes as a response model (see ``referral_routes``)."""
    result = referral_routes(G, van, naar, gemeente=gemeente, domain=domein, level=niveau, k=k)
    return RouteAnswer.model_validate(result)


@router.get(
    "",
    response_model=RouteAnswer,
    summary="Verwijsroutes van een ingang naar een soort hulp",
    responses={422: {"model": Error, "description": "Onbekende ingang, hulp, gemeente ..."}},
)
def get_routes(
    G: GraphDep,
    van: Annotated[
        str, Query(max_length=120, description="Actor-id of soort actor", examples=["huisarts"])
    ],
    naar: Annotated[str, Query(max_length=120, description="Soort hulp", examples=["jeugd-ggz"])],
    gemeente: Annotated[str | None, Query(max_length=120, examples=["huizen"])] = None,
    domein: Annotated[str | None, Query(max_length=120, examples=["jeugd"])] = None,
    niveau: Annotated[str | None, Query(max_length=120, examples=["licht"])] = None,
    k: Annotated[int, Query(ge=1, le=20, description="Aantal routes")] = 5,
) -> RouteAnswer:
    """The k best referral routes from an entry point (an actor id, or a kind of actor
    such as ``huisarts``, ``school``, ``inwoner``) to a kind of help, with the mandates
    held at each step and the legal referrer that opens contracted care."""
    return find_routes(G, van, naar, gemeente, domein, niveau, k)
