"""Analyses: gaps, overlaps, teams, brokers, the mandate matrix and the snapshot diff.

Each endpoint calls one analysis of :mod:`zorgnet.graph.analyses` on the cached
projection; the analyses' frozen dataclasses (plain strings, numbers and tuples) are the
response models, except where a key is not JSON (team similarity pairs).
"""

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from zorgnet.api.deps import GraphDep
from zorgnet.api.models import Error
from zorgnet.graph.analyses.brokers import BrokerReport, brokers
from zorgnet.graph.analyses.gaps import (
    Coverage,
    DeadEnds,
    FrameworkCoverage,
    ReferrerReach,
    coverage,
    dead_ends,
    framework_coverage,
    referrer_reach,
)
from zorgnet.graph.analyses.mandates import (
    EscalationLadder,
    MandateMatrix,
    escalation_ladder,
    mandate_matrix,
)
from zorgnet.graph.analyses.membership import TeamNetwork, compare_teams, team_network
from zorgnet.graph.analyses.overlaps import Overlaps, overlaps
from zorgnet.graph.analyses.snapshots import Diff, diff

__all__ = [
    "Gaps",
    "GemeenteTeamsOut",
    "Similarity",
    "TeamsCompared",
    "gaps_of",
    "router",
    "teams_compared",
]

router = APIRouter(prefix="/api/analyses", tags=["analyses"], responses={422: {"model": Error}})

Gemeente = Annotated[
    str | None, Query(max_length=120, description="Gebied-id", examples=["huizen"])
]


class Gaps(BaseModel):
    """Where help is missing, who is unreachable, what no legal referrer reaches."""

    dekking: Coverage
    doodlopend: DeadEnds
    buiten_bereik_verwijzers: ReferrerReach | None
    vng_kaders: FrameworkCoverage


class Similarity(BaseModel):
    """The Jaccard similarity of two areas' partner types."""

    a: str = Field(examples=["hilversum"])
    b: str = Field(examples=["huizen"])
    similarity: float = Field(examples=[0.5])


class GemeenteTeamsOut(BaseModel):
    """What the seeds say about one gemeente's local team, and whose network is known."""

    gemeente: str = Field(examples=["gooise-meren"])
    local_team: str = Field(examples=["afwezig"])
    description: str
    teams: list[str]
    sources: list[str]


class TeamsCompared(BaseModel):
    """Every local team's kinds of partner, how alike the areas are, and per gemeente
    what the seeds say about its local team."""

    partner_types: dict[str, list[str]]
    similarity: list[Similarity]
    sources: list[str]
    gemeenten: list[GemeenteTeamsOut]


def gaps_of(
    G: nx.MultiDiGraph,
    gemeente: str | None = None,
    hulp: str | None = None,
    all_cells: bool = False,
) -> Gaps:
    """The three gap analyses together; only the gap cells unless *all_cells*."""
    cells = coverage(
        G, gemeenten=[gemeente] if gemeente else None, help_kinds=[hulp] if hulp else None
    )
    if not all_cells:
        cells = Coverage(cells.gaps(), cells.sources)
    return Gaps(
        dekking=cells,
        doodlopend=dead_ends(G),
        buiten_bereik_verwijzers=referrer_reach(G, gemeente) if gemeente else None,
        vng_kaders=framework_coverage(G, gemeenten=[gemeente] if gemeente else None),
    )


def teams_compared(G: nx.MultiDiGraph) -> TeamsCompared:
    """``compare_teams`` with the similarity pairs as a list."""
    result = compare_teams(G)
    return TeamsCompared(
        partner_types={k: list(v) for k, v in result.partner_types.items()},
        similarity=[Similarity(a=a, b=b, similarity=s) for (a, b), s in result.similarity.items()],
        sources=list(result.sources),
        gemeenten=[
            GemeenteTeamsOut(
                gemeente=g.gemeente,
                local_team=g.local_team,
                description=g.description,
                teams=list(g.teams),
                sources=list(g.sources),
            )
            for g in result.gemeenten
        ],
    )


@router.get("/gaps", response_model=Gaps, summary="Hiaten")
def get_gaps(
    G: GraphDep,
    gemeente: Gemeente = None,
    hulp: Annotated[str | None, Query(max_length=120, examples=["jeugd-ggz"])] = None,
    alles: Annotated[bool, Query(description="Ook de cellen waar hulp aanwezig is")] = False,
) -> Gaps:
    """Coverage of gemeente x kind of help x level (aanwezig, alleen-pilot, afwezig),
    dead ends and unreachable actors, and, for one gemeente, the indicated help no
    legal referrer there can reach."""
    return gaps_of(G, gemeente, hulp, alles)


@router.get("/overlaps", response_model=Overlaps, summary="Overlap")
def get_overlaps(G: GraphDep) -> Overlaps:
    """The same power or help in the same area, held by several actors, each with its
    kind (zelfde taak zonder afspraak, bestuurlijk, parallel bedoeld door de wet,
    parallel ingekocht, binnen één organisatie), a Dutch explanation and what the
    records say, with their sources; real overlaps first."""
    return overlaps(G)


@router.get("/teams", response_model=TeamsCompared, summary="Lokale teams vergeleken")
def get_teams(G: GraphDep) -> TeamsCompared:
    """Every local team's partner types, and the Jaccard similarity of the areas."""
    return teams_compared(G)


@router.get(
    "/teams/{team_id}",
    response_model=TeamNetwork,
    summary="Netwerk van een lokaal team",
    responses={404: {"model": Error}},
)
def get_team(G: GraphDep, team_id: Annotated[str, Path(max_length=120)]) -> TeamNetwork:
    """A local team's network: kern, verbonden, buiten."""
    return team_network(G, team_id)


@router.get("/brokers", response_model=BrokerReport, summary="Makelaars en kwetsbare plekken")
def get_brokers(
    G: GraphDep,
    top: Annotated[int, Query(ge=1, le=500, description="Aantal actoren")] = 15,
    regio: Annotated[
        str | None,
        Query(
            max_length=120,
            description="Alleen de actoren die in dit gebied gelden",
            examples=["gooi-en-vechtstreek"],
        ),
    ] = None,
) -> BrokerReport:
    """Betweenness, Burt's constraint, articulation points, bridges, brokerage roles;
    exact up to 3,000 actors, estimated from a sample above (the report says which)."""
    return brokers(G, top=top, region=regio)


@router.get("/mandates", response_model=MandateMatrix, summary="Bevoegdhedenmatrix")
def get_mandates(G: GraphDep, gemeente: Gemeente = None) -> MandateMatrix:
    """Actor x power x legal basis x scope; only what holds in a gemeente if given."""
    return mandate_matrix(G, gemeente=gemeente)


@router.get(
    "/escalation/{gemeente}",
    response_model=EscalationLadder,
    summary="Escalatieladder",
    responses={404: {"model": Error}},
)
def get_escalation(G: GraphDep, gemeente: Annotated[str, Path(max_length=120)]) -> EscalationLadder:
    """The escalation ladder of a gemeente, local to supra-regional: each rung with its
    mandates (power, legal basis, source), who escalates to it and why it is on the
    ladder; what the escalation arrangements for the gemeente and its region say."""
    return escalation_ladder(G, gemeente)


@router.get("/diff", response_model=Diff, summary="Wat veranderde tussen twee jaren")
def get_diff(
    G: GraphDep,
    van: Annotated[int, Query(ge=1900, le=2100, examples=[2021])],
    tot: Annotated[int, Query(ge=1900, le=2100, examples=[2025])],
) -> Diff:
    """What is new, changed (the earlier and later record of the same arrangement,
    both described and sourced), unknown (the sources are silent about one year) or
    ended (only what the data says ended) between two situation years."""
    return diff(G, van, tot)
