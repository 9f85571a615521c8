"""Analyses: gaps, overlaps, teams, brokers, the mandate matrix and the snapshot diff.

Each endpoint calls one analysis of :mod:`zorgnet.graph.analyses` on the cached
projection and answers its result; the response model is the result type's own
(:func:`zorgnet.api.results.response_model`), as ``zorgnet ... --json`` prints it.
"""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from zorgnet.api.deps import GraphDep
from zorgnet.api.models import Error
from zorgnet.api.results import response_model
from zorgnet.graph.analyses.brokers import BrokerReport, brokers
from zorgnet.graph.analyses.gaps import GapReport, gap_report
from zorgnet.graph.analyses.mandates import (
    EscalationLadder,
    MandateMatrix,
    escalation_ladder,
    mandate_matrix,
)
from zorgnet.graph.analyses.membership import (
    TeamComparison,
    TeamNetwork,
    compare_teams,
    team_network,
)
from zorgnet.graph.analyses.overlaps import Overlaps, overlaps
from zorgnet.graph.analyses.snapshots import Diff, diff

__all__ = ["router"]

router = APIRouter(prefix="/api/analyses", tags=["analyses"], responses={422: {"model": Error}})

Gemeente = Annotated[
    str | None, Query(max_length=120, description="Gebied-id", examples=["huizen"])
]


@router.get("/gaps", response_model=response_model(GapReport), summary="Hiaten")
def get_gaps(
    G: GraphDep,
    gemeente: Gemeente = None,
    hulp: Annotated[str | None, Query(max_length=120, examples=["jeugd-ggz"])] = None,
    alles: Annotated[bool, Query(description="Ook de cellen waar hulp aanwezig is")] = False,
) -> GapReport:
    """Coverage of gemeente x kind of help x level (aanwezig, alleen-pilot, afwezig),
    dead ends and unreachable actors, and, for one gemeente, the indicated help no
    legal referrer there can reach."""
    return gap_report(G, gemeente=gemeente, help_kind=hulp, only_gaps=not alles)


@router.get("/overlaps", response_model=response_model(Overlaps), summary="Overlap")
def get_overlaps(G: GraphDep) -> Overlaps:
    """The same power or help in the same area, held by several actors, each with its
    kind (zelfde taak zonder afspraak, bestuurlijk, parallel bedoeld door de wet,
    parallel ingekocht, binnen één organisatie), a Dutch explanation and what the
    records say, with their sources; real overlaps first."""
    return overlaps(G)


@router.get(
    "/teams", response_model=response_model(TeamComparison), summary="Lokale teams vergeleken"
)
def get_teams(G: GraphDep) -> TeamComparison:
    """Every local team's partner types, and the Jaccard similarity of the areas."""
    return compare_teams(G)


@router.get(
    "/teams/{team_id}",
    response_model=response_model(TeamNetwork),
    summary="Netwerk van een lokaal team",
    responses={404: {"model": Error}},
)
def get_team(G: GraphDep, team_id: Annotated[str, Path(max_length=120)]) -> TeamNetwork:
    """A local team's network: kern, verbonden, buiten."""
    return team_network(G, team_id)


@router.get(
    "/brokers",
    response_model=response_model(BrokerReport),
    summary="Makelaars en kwetsbare plekken",
)
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


@router.get("/mandates", response_model=response_model(MandateMatrix), summary="Bevoegdhedenmatrix")
def get_mandates(G: GraphDep, gemeente: Gemeente = None) -> MandateMatrix:
    """Actor x power x legal basis x scope; only what holds in a gemeente if given."""
    return mandate_matrix(G, gemeente=gemeente)


@router.get(
    "/escalation/{gemeente}",
    response_model=response_model(EscalationLadder),
    summary="Escalatieladder",
    responses={404: {"model": Error}},
)
def get_escalation(G: GraphDep, gemeente: Annotated[str, Path(max_length=120)]) -> EscalationLadder:
    """The escalation ladder of a gemeente, local to supra-regional: each rung with its
    mandates (power, legal basis, source), who escalates to it and why it is on the
    ladder; what the escalation arrangements for the gemeente and its region say."""
    return escalation_ladder(G, gemeente)


@router.get(
    "/diff", response_model=response_model(Diff), summary="Wat veranderde tussen twee jaren"
)
def get_diff(
    G: GraphDep,
    van: Annotated[int, Query(ge=1900, le=2100, examples=[2021])],
    tot: Annotated[int, Query(ge=1900, le=2100, examples=[2025])],
) -> Diff:
    """What is new, changed (the earlier and later record of the same arrangement,
    both described and sourced), unknown (the sources are silent about one year) or
    ended (only what the data says ended) between two situation years."""
    return diff(G, van, tot)
