"""The report "de foto" on the web: ``/rapport`` (the region), ``/rapport/{gemeente}``,
each also as an A4 PDF (``/rapport.pdf``, ``/rapport/{gemeente}.pdf``), and the
gemeenten side by side: ``/vergelijking``. With the query of a "wat als" scenario
(``?naam=…&zonder=…&zonder-bevoegdheid=…``, as ``/wat-als`` links it) each report is
made from the scenario's copy of the projection
(:func:`zorgnet.core.scenarios.scenario_projection`) and says so on its cover.

The pages show :mod:`zorgnet.graph.analyses.report` in the site's frame; the PDF is the
same report as a document of its own, made by WeasyPrint
(:func:`zorgnet.api.report_commands.report_pdf`), which fetches nothing from the network.
"""

import datetime
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import networkx as nx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from zorgnet.api.deps import GraphDep, Service, ServiceDep, StoreDep
from zorgnet.api.report_commands import (
    build_report,
    data_version,
    report_context,
    report_pdf,
    scenario_changes,
)
from zorgnet.api.routers.page_scenario import ScenarioQuery, scenario_query
from zorgnet.api.routers.pages import _failed, _page
from zorgnet.core.scenarios import scenario_projection
from zorgnet.graph.analyses.report import Report, comparison
from zorgnet.graph.analyses.scenarios import Scenario
from zorgnet.graph.contract import TripleStore
from zorgnet.ontology.exceptions import UnknownName, ZorgnetError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# The PDFs made, by data version, gemeente, scenario and day (the cover's date): the
# regional one takes seconds to make, the same data gives the same document all day.
_MADE: OrderedDict[tuple[str, str | None, str, datetime.date], bytes] = OrderedDict()
_KEPT = 16
_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Made:
    """A report with the projection it was made from and, for a scenario's report,
    what the scenario changes (the cover's lines) and its query string."""

    G: nx.MultiDiGraph
    report: Report
    changes: tuple[str, ...]
    query: str

    def context(self) -> dict[str, Any]:
        suffix = f"?{self.query}" if self.query else ""
        where = f"/rapport/{self.report.gemeente}" if self.report.gemeente else "/rapport"
        return {
            "pdf_href": f"{where}.pdf{suffix}",
            **report_context(self.G, self.report, self.changes),
        }


def _made(service: Service, store: TripleStore, gemeente: str | None, scenario: Scenario) -> _Made:
    """The report of *gemeente* (None: the region) as the data is, or as it would be in
    *scenario* (a copy of the projection; nothing is stored).

    Raises
    ------
    UnknownName
        The gemeente is no gemeente of the data, or the scenario names an unknown actor
        or mandate.
    """
    G = service.projection()
    version = data_version(store)
    if scenario.empty:
        return _Made(G, build_report(G, store.graph(), gemeente, data_version=version), (), "")
    changes = scenario_changes(G, scenario)
    H = scenario_projection(store, scenario, service.projections)
    name = scenario.name or "; ".join(changes)
    report = build_report(H, store.graph(), gemeente, data_version=version, scenario=name)
    return _Made(H, report, changes, scenario_query(scenario))


def _not_found(request: Request, G: nx.MultiDiGraph, exc: ZorgnetError) -> HTMLResponse:
    """The Dutch 404 page; for an unknown gemeente, with every gemeente's report (and
    the region's) as the reports there are."""
    if not (isinstance(exc, UnknownName) and exc.what == "gemeente"):
        return _failed(request, exc)
    areas = sorted(
        (a for a in G.graph["areas"].values() if a.type == "gemeente"), key=lambda a: a.label
    )
    suggestions = [(f"/rapport/{quote(a.id)}", f"De foto van {a.label}") for a in areas]
    suggestions.append(("/rapport", "De foto van de regio"))
    return _page(request, "error.html", 404, message=str(exc), suggestions=suggestions)


def _pdf(made: _Made) -> Response:
    """The report as an A4 PDF, its file name by the gemeente's id (never the path's
    text); one made before of the same data, scenario and day is given again."""
    report = made.report
    key = (report.data_version, report.gemeente, made.query, report.made_on)
    name = f"rapport-{report.gemeente or 'regio'}{'-scenario' if made.query else ''}.pdf"
    with _LOCK:
        pdf = _MADE.get(key)
    if pdf is None:
        pdf = report_pdf(made.G, report, made.changes)
        with _LOCK:
            _MADE[key] = pdf
            while len(_MADE) > _KEPT:
                _MADE.popitem(last=False)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/rapport.pdf", response_model=None)
def region_pdf(
    request: Request, service: ServiceDep, store: StoreDep, scenario: ScenarioQuery
) -> Response | HTMLResponse:
    """The regional report as an A4 PDF; with a scenario (the query of /wat-als), the
    region as it would be in it."""
    try:
        return _pdf(_made(service, store, None, scenario))
    except ZorgnetError as exc:
        return _not_found(request, service.projection(), exc)


@router.get("/rapport/{gemeente}.pdf", response_model=None)
def gemeente_pdf(
    request: Request, gemeente: str, service: ServiceDep, store: StoreDep, scenario: ScenarioQuery
) -> Response | HTMLResponse:
    """The report of one gemeente as an A4 PDF; an unknown one is a Dutch 404 page."""
    try:
        return _pdf(_made(service, store, gemeente, scenario))
    except ZorgnetError as exc:
        return _not_found(request, service.projection(), exc)


@router.get("/rapport", response_class=HTMLResponse)
def region_report(
    request: Request, service: ServiceDep, store: StoreDep, scenario: ScenarioQuery
) -> HTMLResponse:
    """The regional report: the gemeenten side by side, a chapter each, the sources;
    with a scenario (the query of /wat-als), as the region would be in it."""
    try:
        made = _made(service, store, None, scenario)
    except ZorgnetError as exc:
        return _not_found(request, service.projection(), exc)
    return _page(request, "report.html", **made.context())


@router.get("/rapport/{gemeente}", response_class=HTMLResponse)
def gemeente_report(
    request: Request, gemeente: str, service: ServiceDep, store: StoreDep, scenario: ScenarioQuery
) -> HTMLResponse:
    """The report of one gemeente (by id or name), as the data is or in a scenario."""
    try:
        made = _made(service, store, gemeente, scenario)
    except ZorgnetError as exc:
        return _not_found(request, service.projection(), exc)
    return _page(request, "report.html", **made.context())


@router.get("/vergelijking", response_class=HTMLResponse)
def compare_page(request: Request, G: GraphDep) -> HTMLResponse:
    """The gemeenten side by side: local set-up, VNG framework and gaps."""
    return _page(request, "vergelijking.html", comparison=comparison(G))
