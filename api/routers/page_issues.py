"""The known issues and the figures of the sources: ``/kwesties`` and ``/cijfers``.

``/kwesties`` shows :func:`~zorgnet.graph.analyses.fact_overviews.issue_overview`: every
contradiction or vague spot with each of its readings; ``/cijfers`` shows
:func:`~zorgnet.graph.analyses.fact_overviews.figure_overview`: every figure with its
year and source, per gemeente. Both narrow to a gemeente chosen by name.
"""

from collections.abc import Callable
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.pages import _gemeenten, _page
from zorgnet.graph.analyses.fact_overviews import figure_overview, issue_overview
from zorgnet.graph.analyses.names import area_name
from zorgnet.ontology.exceptions import ZorgnetError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Gemeente = Annotated[str | None, Query(max_length=120)]


def _narrowed_page(
    request: Request,
    G: nx.MultiDiGraph,
    gemeente: str | None,
    overview_of: Callable[..., Any],
    template: str,
) -> HTMLResponse:
    """*template* over ``overview_of(G, gemeente=...)``; an unknown gemeente is a 422
    with the overview of every gemeente and the message at the dropdown."""
    chosen = area_name(G, gemeente) if gemeente else ""
    try:
        overview = overview_of(G, gemeente=chosen or None)
    except ZorgnetError as exc:
        overview, error = overview_of(G), f"{exc} Kies een gemeente uit de lijst."
    else:
        error = ""
    return _page(
        request,
        template,
        422 if error else 200,
        overview=overview,
        gemeenten=_gemeenten(G),
        chosen=chosen if not error else "",
        error=error,
    )


@router.get("/kwesties", response_class=HTMLResponse)
def issues_page(request: Request, G: GraphDep, gemeente: Gemeente = None) -> HTMLResponse:
    """Every known issue with both (or all) readings; narrowed to a gemeente."""
    return _narrowed_page(request, G, gemeente, issue_overview, "kwesties.html")


@router.get("/cijfers", response_class=HTMLResponse)
def figures_page(request: Request, G: GraphDep, gemeente: Gemeente = None) -> HTMLResponse:
    """Every figure with its year and source, per gemeente; narrowed to one."""
    return _narrowed_page(request, G, gemeente, figure_overview, "cijfers.html")
