"""The map page (/kaart): a map of :mod:`zorgnet.viz` full size, under the site's header.

The map itself is the page ``/api/maps/...`` in a frame; what the reader chooses on it
(view, filters, hidden groups, chosen actor) is kept in this page's own address after
``#``, so that the address bar and the map's share link give this page. The same choices
may come as parameters (``/kaart?weergave=bestuur``): they are handed to the map.
"""

from typing import Annotated
from urllib.parse import urlencode

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.pages import _failed, _page
from zorgnet.graph.analyses import check_actor, check_area
from zorgnet.ontology.exceptions import ZorgnetError
from zorgnet.ontology.vocabulary import value_label

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_Text = Annotated[str | None, Query(max_length=120)]
# The choices on a map that its address keeps after '#' (see viz/templates/map.js).
_STATE = ("weergave", "gemeente", "domein", "niveau", "relatie", "signaal", "verborgen", "focus")
_KINDS = {"regio", "gemeente", "team", "actor", "route"}


def _actor_label(G: nx.MultiDiGraph, actor: str) -> str:
    return G.nodes[actor]["label"] if actor in G else value_label("ActorType", actor)


def _title(G: nx.MultiDiGraph, kaart: str, params: dict[str, str | None]) -> str:
    """The heading of the page; unknown ids raise the Dutch ``UnknownName``."""
    if kaart == "gemeente":
        area = check_area(G, params["id"] or "")
        return f"Kaart van {G.graph['areas'][area].label}"
    if kaart in ("team", "actor"):
        actor = check_actor(G, params["id"] or "")
        prefix = "Kaart van het netwerk van" if kaart == "team" else "Kaart rond"
        return f"{prefix} {G.nodes[actor]['label']}"
    if kaart == "route":
        check_area(G, params["gemeente"])
        where = f" in {G.graph['areas'][params['gemeente']].label}" if params["gemeente"] else ""
        return (
            f"Kaart van de routes van {_actor_label(G, params['van'] or '')} "
            f"naar {value_label('HelpKind', params['naar'])}{where}"
        )
    return "Kaart van de regio"


def _frame_src(kaart: str, params: dict[str, str | None], state: dict[str, str]) -> str:
    if kaart == "route":
        query = {k: params[k] for k in ("van", "naar", "gemeente", "domein", "niveau")}
        src = "/api/maps/route?" + urlencode({k: v for k, v in query.items() if v})
    elif kaart == "regio":
        src = "/api/maps/region"
    else:
        src = f"/api/maps/{kaart}/{params['id']}"
    return src + (f"#{urlencode(state)}" if state else "")


@router.get("/kaart", response_class=HTMLResponse)
def map_full_page(
    request: Request,
    G: GraphDep,
    kaart: _Text = "regio",
    id: _Text = None,
    van: _Text = None,
    naar: _Text = None,
    gemeente: _Text = None,
    domein: _Text = None,
    niveau: _Text = None,
) -> HTMLResponse:
    """A map on a page of its own, with the site's header and menu."""
    kind = (kaart or "regio").strip().lower()
    if kind not in _KINDS:
        return _page(
            request,
            "error.html",
            404,
            message=f"Onbekende kaart '{kaart}'. Kies regio, gemeente, team, actor of route.",
            suggestions=[],
        )
    params = {"id": id, "van": van, "naar": naar, "gemeente": gemeente}
    params |= {"domein": domein, "niveau": niveau}
    if kind == "route" and not (van and naar):
        return _page(
            request,
            "error.html",
            404,
            message="Een kaart van routes vraagt om 'van' en 'naar', bijvoorbeeld "
            "/kaart?kaart=route&van=huisarts&naar=jeugd-ggz.",
            suggestions=[],
        )
    try:
        title = _title(G, kind, params)
    except ZorgnetError as exc:
        return _failed(request, exc)
    # The choices on the map that came as parameters; for a route the gemeente, domein
    # and niveau are the route's own.
    taken = {"gemeente", "domein", "niveau"} if kind == "route" else set()
    taken |= {"gemeente"} if kind == "gemeente" else set()
    given = dict(request.query_params)
    state = {k: given[k] for k in _STATE if k not in taken and given.get(k)}
    return _page(request, "map_page.html", title=title, src=_frame_src(kind, params, state))
