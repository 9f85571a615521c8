"""Areas: the gemeenten and larger areas, and a gemeente's sociale kaart."""

import networkx as nx
from fastapi import APIRouter

from zorgnet.api.deps import GraphDep
from zorgnet.api.models import AreaDetail, AreaSummary, ArrangementOut, Error, FactsOut
from zorgnet.api.routers.actors import actor_summary
from zorgnet.graph.analyses import check_area, in_scope
from zorgnet.graph.analyses.facts import area_facts

__all__ = ["area_detail", "router"]

router = APIRouter(prefix="/api/areas", tags=["gebieden"])


def area_detail(G: nx.MultiDiGraph, area: str) -> AreaDetail:
    """*area* with the actors that work there (voorveld apart) and its local set-up."""
    check_area(G, area, "gebied")
    actors = sorted(
        (a for a, d in G.nodes(data=True) if d["areas"] and in_scope(G, d["areas"], area)),
        key=lambda a: (G.nodes[a]["label"].casefold(), a),
    )
    summaries = [actor_summary(G, a) for a in actors]
    arrangements = [
        ArrangementOut.model_validate(r) for r in G.graph["arrangements"] if area in r.areas
    ]
    return AreaDetail.model_validate(
        {
            **AreaSummary.model_validate(G.graph["areas"][area]).model_dump(),
            "actors": summaries,
            "voorveld": [s for s in summaries if "voorveld" in s.access],
            "arrangements": arrangements,
            "facts": FactsOut.model_validate(area_facts(G, area)),
        }
    )


@router.get("", response_model=list[AreaSummary], summary="Alle gebieden")
def list_areas(G: GraphDep) -> list[AreaSummary]:
    """Every area: wijken, gemeenten, the HBEL cluster, the region and beyond."""
    areas = sorted(G.graph["areas"].values(), key=lambda a: (a.type or "", a.label))
    return [AreaSummary.model_validate(a) for a in areas]


@router.get(
    "/{area_id}",
    response_model=AreaDetail,
    summary="Sociale kaart van een gebied",
    responses={404: {"model": Error}},
)
def get_area(area_id: str, G: GraphDep) -> AreaDetail:
    """The sociale kaart of an area: every actor working there, the voorveld (open
    access) apart, and what the sources say about its local set-up."""
    return area_detail(G, area_id)
