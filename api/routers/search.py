"""Search: actors, teams, gemeenten and kinds of help by their Dutch names.

The matching is :func:`zorgnet.graph.analyses.search.search`; this module only says
where each hit has its page, for the search page and the JSON answer alike.
"""

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from zorgnet.api.deps import GraphDep, StoreDep
from zorgnet.graph.analyses.search import SearchHit, search

__all__ = ["SearchHitOut", "SearchOut", "hit_url", "router", "run_search"]

router = APIRouter(prefix="/api/zoeken", tags=["zoeken"])

# The page of each kind of hit. A kind of help has no page of its own: the route form
# with that help as the goal is where a search for it leads.
_PAGES = {
    "gebied": "/gemeenten/{id}",
    "team": "/teams/{id}",
    "actor": "/actoren/{id}",
    "soort-hulp": "/route?naar={id}",
}


def hit_url(hit: SearchHit) -> str:
    """The page of *hit*."""
    return _PAGES[hit.kind].format(id=hit.id)


class SearchHitOut(BaseModel):
    """One hit: what it is, its Dutch label and its page."""

    soort: str = Field(examples=["actor"], description="gebied, soort-hulp, team of actor")
    id: str = Field(examples=["huisarts"])
    label: str = Field(examples=["huisarts"])
    wat: str = Field(examples=["huisarts"], description="wat het is, in het Nederlands")
    waar: str = Field(examples=["Gooi en Vechtstreek"])
    gevonden_op: str = Field(examples=["huisarts"], description="de naam die overeenkwam")
    pagina: str = Field(examples=["/actoren/huisarts"])


class SearchOut(BaseModel):
    """The hits of a query, best first."""

    q: str = Field(examples=["huisarts"])
    totaal: int = Field(examples=[4], description="alle treffers, ook die na de limiet")
    treffers: list[SearchHitOut]


def run_search(G: nx.MultiDiGraph, graph: object, q: str, limit: int) -> SearchOut:
    """The hits of *q* in *G* (alternative labels read from *graph*)."""
    results = search(G, q, graph=graph, limit=limit)  # type: ignore[arg-type]
    return SearchOut(
        q=q,
        totaal=results.total,
        treffers=[
            SearchHitOut(
                soort=h.kind,
                id=h.id,
                label=h.label,
                wat=h.kind_label,
                waar=h.detail,
                gevonden_op=h.matched,
                pagina=hit_url(h),
            )
            for h in results.hits
        ],
    )


@router.get("", response_model=SearchOut, summary="Zoeken op naam")
def search_names(
    G: GraphDep,
    store: StoreDep,
    q: Annotated[str, Query(max_length=120, description="wat u zoekt")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SearchOut:
    """Actors, teams, gemeenten and kinds of help whose Dutch name (or another name)
    matches ``q``, regardless of case, accents and hyphens: ``jeugdggz`` finds
    jeugd-GGZ. Each hit names its page."""
    return run_search(G, store.graph(), q, limit)
