"""The sociale kaart of a gemeente: ``/gemeenten`` and ``/gemeenten/{gemeente}``.

The page shows :func:`zorgnet.graph.analyses.social_map.social_map`: the actors that
serve the gemeente layer by layer, where an inhabitant can go without a referral, the
local set-up, and the figures, shortages and known issues about it.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.page_changes import record_edit_notes
from zorgnet.api.routers.pages import _failed, _gemeenten, _page
from zorgnet.graph.analyses.names import area_name
from zorgnet.graph.analyses.social_map import social_map
from zorgnet.ontology.categories import BESTUUR, LAYERS
from zorgnet.ontology.exceptions import ZorgnetError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# The layers of governance bodies, programmes and work groups, shown apart from the care.
_BESTUUR_LAYERS = tuple(layer for layer, _ in LAYERS if layer.startswith(f"{BESTUUR}-"))


@router.get("/gemeenten", response_class=HTMLResponse)
def gemeenten_page(request: Request, G: GraphDep) -> HTMLResponse:
    """The gemeenten, each with its sociale kaart, ladder, known issues and figures."""
    return _page(request, "gemeenten.html", gemeenten=_gemeenten(G))


@router.get("/gemeenten/{gemeente}", response_class=HTMLResponse)
def gemeente_page(request: Request, gemeente: str, G: GraphDep) -> HTMLResponse:
    """A gemeente's sociale kaart."""
    try:
        kaart = social_map(G, area_name(G, gemeente))
    except ZorgnetError as exc:
        return _failed(request, exc)
    records = [("actors", a.actor) for layer in kaart.layers for a in layer.actors]
    records += [("arrangements", a.id) for a in kaart.arrangements]
    return _page(
        request,
        "gemeente.html",
        kaart=kaart,
        bestuur_layers=_BESTUUR_LAYERS,
        notes=record_edit_notes(request, records),
    )
