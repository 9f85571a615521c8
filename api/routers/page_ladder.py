"""The escalation ladder of a gemeente: ``/opschaling?gemeente=...`` and
``/gemeenten/{gemeente}/opschaling``.

The page shows :func:`zorgnet.graph.analyses.mandates.escalation_ladder`: each rung as
a sentence with who escalates to it, who decides there and on what basis, and the
sources; a dropdown of the gemeenten by name chooses the ladder.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.pages import _gemeenten, _page
from zorgnet.graph.analyses.mandates import escalation_ladder
from zorgnet.graph.analyses.names import area_name
from zorgnet.ontology.exceptions import ZorgnetError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/opschaling", response_class=HTMLResponse)
def ladder_page(
    request: Request,
    G: GraphDep,
    gemeente: Annotated[str | None, Query(max_length=120)] = None,
) -> HTMLResponse:
    """The choice of a gemeente; with one chosen, its escalation ladder."""
    chosen = area_name(G, gemeente) if gemeente else ""
    ladder, error = None, ""
    if chosen:
        try:
            ladder = escalation_ladder(G, chosen)
        except ZorgnetError as exc:
            error = f"{exc} Kies een gemeente uit de lijst."
    return _page(
        request,
        "ladder.html",
        422 if error else 200,
        ladder=ladder,
        gemeenten=_gemeenten(G),
        chosen=chosen,
        error=error,
    )


@router.get("/gemeenten/{gemeente}/opschaling", response_class=HTMLResponse)
def gemeente_ladder_page(request: Request, gemeente: str, G: GraphDep) -> HTMLResponse:
    """The escalation ladder of the gemeente in the path."""
    return ladder_page(request, G, gemeente)
