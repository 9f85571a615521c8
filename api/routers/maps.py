"""Maps: the network maps of :mod:`zorgnet.viz` as self-contained HTML pages.

``zorgnet.viz`` is imported when a map is asked for, so the API runs (and its pages fall
back to tables) where the map package is missing.
"""

import gzip
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

import networkx as nx
from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from zorgnet.api.deps import GraphDep

__all__ = ["map_page", "maps_available", "page_url", "router"]

router = APIRouter(prefix="/api/maps", tags=["kaarten"])

_Id = Annotated[str, Path(max_length=120)]
# Errors are JSON although the map is HTML: without "content" FastAPI documents them
# under the route's text/html.
_JSON_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_HTML = {
    200: {"content": {"text/html": {"example": "<!DOCTYPE html>..."}}},
    404: {"description": "Onbekende actor, gemeente of team", **_JSON_ERROR},
    422: {"description": "Ongeldige parameters", **_JSON_ERROR},
    503: {"description": "De kaartenmodule is niet geïnstalleerd", **_JSON_ERROR},
}


def maps_available() -> bool:
    """Whether ``zorgnet.viz`` can draw maps here."""
    try:
        import zorgnet.viz.maps
        import zorgnet.viz.render  # noqa: F401
    except ImportError:
        return False
    return True


# A map is about 1 MB, two thirds of it vis-network; gzip makes it a fifth of that.
_GZIP_LEVEL = 5


def _html(request: Request, page: str) -> Response:
    """*page* as the answer, gzip-compressed when the client accepts that."""
    body = page.encode("utf-8")
    if "gzip" not in request.headers.get("accept-encoding", "").lower():
        return HTMLResponse(body, headers={"Vary": "Accept-Encoding"})
    return HTMLResponse(
        gzip.compress(body, _GZIP_LEVEL),
        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
    )


def page_url(kaart: str = "regio", **params: str | None) -> str:
    """The address of the site's page that shows a map full size (``/kaart``).

    *kaart* is the kind of map (regio, gemeente, team, actor, route); *params* what it is
    about (``id``, or ``van``, ``naar``, ``gemeente``, ``domein``, ``niveau`` of a route).
    Empty values are left out.
    """
    query = {k: v for k, v in {"kaart": kaart, **params}.items() if v}
    if query == {"kaart": "regio"}:
        return "/kaart"
    return "/kaart?" + urlencode(query)


def map_page(
    G: nx.MultiDiGraph, name: str, *args: Any, page: str | None = None, **kwargs: Any
) -> str:
    """The HTML page of the map ``zorgnet.viz.maps.<name>(G, *args, **kwargs)``.

    *page* is the address of the site's page for this map, which its share link gives.
    """
    if not maps_available():
        raise HTTPException(503, "De kaarten zijn hier niet beschikbaar (zorgnet.viz ontbreekt).")
    from zorgnet.viz import maps, render

    build: Callable[..., Any] = getattr(maps, name)
    return render.render_html(build(G, *args, **kwargs), page_url=page)


@router.get("/region", response_class=HTMLResponse, responses=_HTML, summary="Kaart van de regio")
def region(request: Request, G: GraphDep) -> Response:
    """Every actor of the region on one map."""
    return _html(request, map_page(G, "region_map", page=page_url()))


@router.get(
    "/gemeente/{area_id}",
    response_class=HTMLResponse,
    responses=_HTML,
    summary="Kaart van een gemeente",
)
def gemeente(request: Request, G: GraphDep, area_id: _Id) -> Response:
    """The actors working in one gemeente."""
    return _html(
        request, map_page(G, "gemeente_map", area_id, page=page_url("gemeente", id=area_id))
    )


@router.get(
    "/team/{team_id}", response_class=HTMLResponse, responses=_HTML, summary="Kaart van een team"
)
def team(request: Request, G: GraphDep, team_id: _Id) -> Response:
    """A local team's network in rings: kern, verbonden, buiten."""
    return _html(request, map_page(G, "team_map", team_id, page=page_url("team", id=team_id)))


@router.get(
    "/actor/{actor_id}",
    response_class=HTMLResponse,
    responses=_HTML,
    summary="Kaart rond een actor",
)
def actor(request: Request, G: GraphDep, actor_id: _Id) -> Response:
    """An actor and its direct neighbours."""
    return _html(request, map_page(G, "ego_map", actor_id, page=page_url("actor", id=actor_id)))


@router.get(
    "/route",
    response_class=HTMLResponse,
    responses=_HTML,
    summary="Kaart van routes",
)
def route(
    request: Request,
    G: GraphDep,
    van: Annotated[str, Query(max_length=120, examples=["huisarts"])],
    naar: Annotated[str, Query(max_length=120, examples=["jeugd-ggz"])],
    gemeente: Annotated[str | None, Query(max_length=120, examples=["huizen"])] = None,
    domein: Annotated[str | None, Query(max_length=120)] = None,
    niveau: Annotated[str | None, Query(max_length=120)] = None,
) -> Response:
    """The referral routes drawn on the map of the gemeente, the rest dimmed."""
    page = page_url("route", van=van, naar=naar, gemeente=gemeente, domein=domein, niveau=niveau)
    return _html(
        request,
        map_page(
            G, "route_map", van, naar, gemeente=gemeente, domain=domein, level=niveau, page=page
        ),
    )
