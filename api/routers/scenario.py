"""Scenarios ("wat als"): what changes if actors or mandates go away, or records come.

``GET /api/scenario`` takes the scenario in its query (a link can be shared);
``POST /api/scenario`` takes it as JSON, with the records to add as YAML text in the
data format, checked like any data. Both answer
:func:`zorgnet.core.scenarios.scenario_result`, as ``zorgnet wat-als --json`` prints
it; ``GET /api/scenario/kaart`` draws the same on the map
(:func:`zorgnet.viz.maps.scenario_map`). Nothing is stored: the scenario is computed on
a copy of the projection.
"""

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from zorgnet.api.deps import ServiceDep
from zorgnet.api.models import Error
from zorgnet.api.results import response_model
from zorgnet.api.routers.maps import map_page
from zorgnet.core.scenarios import scenario_result
from zorgnet.graph.analyses.scenarios import Scenario, ScenarioResult
from zorgnet.ontology.exceptions import LoadError

__all__ = ["ScenarioRequest", "router"]

router = APIRouter(
    prefix="/api/scenario",
    tags=["scenario"],
    responses={
        422: {
            "model": Error,
            "description": "Onbekende actor of bevoegdheid, of een fout in de registraties",
        }
    },
)

_Ids = list[Annotated[str, Field(min_length=1, max_length=120)]]
# The name of the records of a POST in messages: the field they came in.
_MET = "met"


class ScenarioRequest(BaseModel):
    """A scenario as JSON: what goes away, and the records that come (YAML text)."""

    model_config = ConfigDict(extra="forbid")

    naam: str = Field("", max_length=200, description="Naam van het scenario")
    zonder: _Ids = Field(
        default_factory=list,
        max_length=50,
        description="Actor-ids die wegvallen",
        examples=[["gooise-meren-poh-jeugd"]],
    )
    zonder_bevoegdheid: _Ids = Field(
        default_factory=list, max_length=50, description="Ids van bevoegdheden die vervallen"
    )
    met: str | None = Field(
        None,
        max_length=200_000,
        description="Registraties die erbij komen, als YAML in het dataformaat",
    )


def _answer(service: ServiceDep, scenario: Scenario, records: str | None) -> ScenarioResult:
    store = service.open()
    if records is None:
        return scenario_result(store, scenario, service.projections)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{_MET}.yaml"
        path.write_text(records, encoding="utf-8")
        with_records = Scenario(
            scenario.name, scenario.without_actors, scenario.without_mandates, (str(path),)
        )
        try:
            return scenario_result(store, with_records, service.projections, names=[_MET])
        except LoadError as exc:
            # Wrong records are the request's fault (422), not a store that is unavailable.
            problems = "; ".join(str(p) for p in exc.report.errors)  # type: ignore[attr-defined]
            raise HTTPException(
                422,
                f"De registraties in {_MET!r} kloppen niet; het scenario is niet berekend. "
                f"{problems}",
            ) from exc


_Zonder = Annotated[
    list[str],
    Query(max_length=120, description="Actor-id die wegvalt", examples=["gooise-meren-poh-jeugd"]),
]
_ZonderBevoegdheid = Annotated[
    list[str],
    Query(alias="zonder-bevoegdheid", max_length=120, description="Id van een bevoegdheid"),
]
_Naam = Annotated[str, Query(max_length=200)]


@router.get(
    "", response_model=response_model(ScenarioResult), summary="Wat als: scenario in de link"
)
def get_scenario(
    service: ServiceDep,
    zonder: _Zonder = [],  # noqa: B006 (FastAPI copies a query list default)
    zonder_bevoegdheid: _ZonderBevoegdheid = [],  # noqa: B006
    naam: _Naam = "",
) -> ScenarioResult:
    """What changes per gemeente and kind of help if the actors and mandates go away:
    routes lost, longer or with another referrer, help no legal referrer reaches any
    more, coverage and VNG framework changes, actors cut off, team memberships that
    drop, brokers that gain or lose, each with its sources."""
    return _answer(service, Scenario(naam, tuple(zonder), tuple(zonder_bevoegdheid)), None)


@router.get(
    "/kaart",
    response_class=HTMLResponse,
    summary="Wat als: het scenario op de kaart",
    responses={200: {"content": {"text/html": {"example": "<!DOCTYPE html>..."}}}},
)
def get_scenario_map(
    service: ServiceDep,
    zonder: _Zonder = [],  # noqa: B006
    zonder_bevoegdheid: _ZonderBevoegdheid = [],  # noqa: B006
    naam: _Naam = "",
    gemeente: Annotated[str | None, Query(max_length=120, examples=["gooise-meren"])] = None,
) -> HTMLResponse:
    """The scenario's map, one offline HTML page: what goes away red (actors, their
    relations, the steps of lost routes), what comes green, their neighbours pale."""
    scenario = Scenario(naam, tuple(zonder), tuple(zonder_bevoegdheid))
    result = _answer(service, scenario, None)
    page = map_page(service.projection(), "scenario_map", result, gemeente=gemeente)
    return HTMLResponse(page)


@router.post(
    "", response_model=response_model(ScenarioResult), summary="Wat als: scenario als JSON"
)
def post_scenario(service: ServiceDep, body: ScenarioRequest) -> ScenarioResult:
    """As ``GET /api/scenario``, with records to add (``met``): YAML in the data format,
    checked against the stored data like ``zorgnet load --add``; a wrong record is a
    422 naming the line and record. Nothing is stored."""
    scenario = Scenario(body.naam, tuple(body.zonder), tuple(body.zonder_bevoegdheid))
    return _answer(service, scenario, body.met)
