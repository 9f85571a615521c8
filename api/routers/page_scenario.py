"""The "wat als" page: what changes if actors or mandates go away.

The form's dropdowns show the actors and mandates by their labels and send ids, so the
page's address holds the scenario (``/wat-als?naam=…&zonder=…&zonder-bevoegdheid=…``)
and can be shared as a link. The answer is
:func:`~zorgnet.graph.analyses.scenarios.compare` as Dutch tables per gemeente, with
the scenario's map (:func:`zorgnet.viz.maps.scenario_map`) beside them and the
scenario as the YAML file ``zorgnet wat-als --scenario`` reads.
"""

from typing import Annotated, Any
from urllib.parse import urlencode

import networkx as nx
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep
from zorgnet.api.routers.maps import maps_available
from zorgnet.api.routers.pages import _page
from zorgnet.core.scenarios import scenario_yaml
from zorgnet.graph.analyses.names import actor_or_type_name
from zorgnet.graph.analyses.scenarios import Scenario, compare
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.vocabulary import concept_label

__all__ = ["ScenarioQuery", "router", "scenario_from_query", "scenario_query"]

router = APIRouter(include_in_schema=False)

_Names = Annotated[list[str], Query(max_length=120)]
# Which form field an unknown name came from (UnknownName.what).
_FIELDS = {"actor": "zonder", "bevoegdheid": "zonder-bevoegdheid"}


def _actor_options(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    pairs = [(a, d["label"]) for a, d in G.nodes(data=True)]
    return sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0]))


def _mandate_options(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    pairs = [
        (
            m.id,
            f"{G.nodes[m.holder]['label'] if m.holder in G else m.holder}: "
            f"{concept_label('Power', m.power)}",
        )
        for m in G.graph["mandates"]
    ]
    return sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0]))


def scenario_query(scenario: Scenario) -> str:
    """The query string of *scenario*, as the page, the map and the report take it."""
    pairs = [("naam", scenario.name)] if scenario.name else []
    pairs += [("zonder", a) for a in scenario.without_actors]
    pairs += [("zonder-bevoegdheid", m) for m in scenario.without_mandates]
    return urlencode(pairs)


def scenario_from_query(
    G: GraphDep,
    zonder: _Names = [],  # noqa: B006 (FastAPI copies a query list default)
    zonder_bevoegdheid: Annotated[
        list[str], Query(alias="zonder-bevoegdheid", max_length=120)
    ] = [],  # noqa: B006
    naam: Annotated[str, Query(max_length=200)] = "",
) -> Scenario:
    """The scenario of a page's address (``?naam=…&zonder=…&zonder-bevoegdheid=…``),
    actors by id or label; not checked against the data."""
    return Scenario(
        naam.strip(),
        tuple(dict.fromkeys(actor_or_type_name(G, a) for a in zonder if a.strip())),
        tuple(dict.fromkeys(m.strip() for m in zonder_bevoegdheid if m.strip())),
    )


ScenarioQuery = Annotated[Scenario, Depends(scenario_from_query)]


@router.get("/wat-als", response_class=HTMLResponse)
def scenario_page(request: Request, G: GraphDep, scenario: ScenarioQuery) -> HTMLResponse:
    """The scenario form; with something chosen, what changes, as tables and on the map."""
    context: dict[str, Any] = {
        "scenario": scenario,
        "actors": _actor_options(G),
        "mandates": _mandate_options(G),
        "result": None,
        "error": None,
        "error_field": None,
        "query": scenario_query(scenario),
        "maps": maps_available(),
    }
    status = 200
    if scenario.empty and "naam" in request.query_params:
        # The form was sent with nothing chosen.
        context["error"] = "Kies eerst ten minste één actor of bevoegdheid die wegvalt."
        context["error_field"] = "zonder"
        status = 422
    elif not scenario.empty:
        try:
            context["result"] = compare(G, scenario)
            context["file"] = scenario_yaml(scenario)
        except UnknownName as exc:
            context["error"], context["error_field"] = str(exc), _FIELDS.get(exc.what)
            status = 422
    return _page(request, "scenario.html", status, **context)
