"""Routes: from an entry point to a kind of help, under a gemeente, domain and level."""

from typing import Annotated

from fastapi import APIRouter, Query

from zorgnet.api.deps import GraphDep
from zorgnet.api.models import Error
from zorgnet.api.results import response_model
from zorgnet.graph.analyses.routes import RouteResult, referral_routes

__all__ = ["router"]

router = APIRouter(prefix="/api/routes", tags=["routes"])


@router.get(
    "",
    response_model=response_model(RouteResult),
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
) -> RouteResult:
    """The k best referral routes from an entry point (an actor id, or a kind of actor
    such as ``huisarts``, ``school``, ``inwoner``) to a kind of help, with the mandates
    held at each step and the legal referrer that opens contracted care."""
    return referral_routes(G, van, naar, gemeente=gemeente, domain=domein, level=niveau, k=k)
