"""The pages of actors and local teams: ``/actoren``, ``/actoren/{id}``, ``/teams`` and
``/teams/{id}``.

Each page shows one answer of the library (an actor's detail, a team's network by
:func:`~zorgnet.graph.analyses.membership.team_network`, the teams compared by
:func:`~zorgnet.graph.analyses.membership.compare_teams`) and only formats it: every
vocabulary value as its Dutch label (the ``vocab`` filters), every actor and area by its
name (``named``), every citation through the ``cite`` macro.
"""

from collections.abc import Iterable
from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.actors import actor_detail, actor_summary
from zorgnet.api.routers.page_changes import record_edit_notes
from zorgnet.api.routers.pages import _page, _templates
from zorgnet.graph.analyses.membership import compare_teams, team_network
from zorgnet.graph.analyses.social_map import self_referral
from zorgnet.ontology.exceptions import UnknownName, ZorgnetError
from zorgnet.ontology.vocabulary import concept_label

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=120)]


def _vocab(notation: str | None, concept_class: str) -> str:
    """``{{ a.type | vocab("ActorType") }}``: the Dutch label of a value, "" for none."""
    return concept_label(concept_class, notation)


def _vocab_list(notations: Iterable[str], concept_class: str) -> str:
    """``{{ a.domains | vocab_list("Domain") }}``: the labels, separated by commas."""
    return ", ".join(concept_label(concept_class, n) for n in notations)


_templates.env.filters["vocab"] = _vocab
_templates.env.filters["vocab_list"] = _vocab_list


class _Names:
    """``named(id)``: the name of an actor or area a record points to (the id itself only
    where the data has neither); ``named.join(ids)`` several, separated by commas."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self._G = G
        self._areas = G.graph["areas"]

    def __call__(self, record_id: str) -> str:
        if record_id in self._G:
            return self._G.nodes[record_id]["label"]
        return self._areas[record_id].label if record_id in self._areas else record_id

    def join(self, record_ids: Iterable[str]) -> str:
        return ", ".join(self(i) for i in record_ids)


# The list to look in when a page of one actor or team is not there.
_OVERVIEWS = {
    "/actoren": ("/actoren", "Bekijk de lijst van alle actoren"),
    "/teams": ("/teams", "Bekijk de lijst van alle lokale teams"),
}


def _unknown(request: Request, G: nx.MultiDiGraph, exc: ZorgnetError, prefix: str) -> HTMLResponse:
    """The 'not found' page in words: the name asked for and the closest actors by name."""
    if not isinstance(exc, UnknownName):
        return _page(request, "error.html", 404, message=str(exc), suggestions=[])
    close = [(f"{prefix}/{s}", G.nodes[s]["label"]) for s in exc.suggestions if s in G]
    message = f"Zorgnet kent geen {exc.what} met het adres '{exc.name}'."
    overview = _OVERVIEWS.get(prefix)
    return _page(request, "error.html", 404, message=message, suggestions=close, overview=overview)


@router.get("/actoren", response_class=HTMLResponse)
def actors(request: Request, G: GraphDep, q: Text = None) -> HTMLResponse:
    """Every actor, searchable by name."""
    text = (q or "").strip().casefold()
    found = [
        actor_summary(G, a)
        for a in sorted(G.nodes, key=lambda a: G.nodes[a]["label"].casefold())
        if text in f"{a} {G.nodes[a]['label']}".casefold()
    ]
    return _page(request, "actors.html", actors=found, q=q or "")


@router.get("/actoren/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str, G: GraphDep) -> HTMLResponse:
    """One actor: what it is, its relations, mandates, memberships and sources."""
    try:
        detail = actor_detail(G, actor_id)
    except ZorgnetError as exc:
        return _unknown(request, G, exc, "/actoren")
    door = self_referral(G, detail.id)
    return _page(request, "actor.html", actor=detail, named=_Names(G), door=door)


@router.get("/teams", response_class=HTMLResponse)
def teams(request: Request, G: GraphDep) -> HTMLResponse:
    """The local teams, what the sources say per gemeente, and their partners compared."""
    team_ids = sorted(
        {m.team for m in G.graph["memberships"] if m.team in G},
        key=lambda t: G.nodes[t]["label"].casefold(),
    )
    return _page(
        request,
        "teams.html",
        teams=[actor_summary(G, t) for t in team_ids],
        comparison=compare_teams(G),
        named=_Names(G),
    )


@router.get("/teams/{team_id}", response_class=HTMLResponse)
def team(request: Request, team_id: str, G: GraphDep) -> HTMLResponse:
    """A team's network: who is in (kern), who works with it (verbonden), who is out."""
    try:
        network = team_network(G, team_id)
    except ZorgnetError as exc:
        return _unknown(request, G, exc, "/teams")
    membership_of = {m.member: m.id for m in G.graph["memberships"] if m.team == network.team}
    members = [*network.kern, *network.verbonden, *network.buiten]
    records = [("actors", network.team), *(("actors", m) for m in members)]
    records += [("memberships", m) for m in membership_of.values()]
    return _page(
        request,
        "team.html",
        team=network,
        named=_Names(G),
        notes=record_edit_notes(request, records),
        membership_of=membership_of,
    )
