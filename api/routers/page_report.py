"""The report "de foto" on the web: ``/rapport`` (the region), ``/rapport/{gemeente}``,
each also as an A4 PDF (``/rapport.pdf``, ``/rapport/{gemeente}.pdf``), and the
gemeenten side by side: ``/vergelijking``.

The pages show :mod:`zorgnet.graph.analyses.report` in the site's frame; the PDF is the
same report as a document of its own, made by WeasyPrint
(:func:`zorgnet.api.report_commands.report_pdf`), which fetches nothing from the network.
"""

import datetime
import threading
from collections import OrderedDict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from zorgnet.api.deps import GraphDep, StoreDep
from zorgnet.api.report_commands import build_report, data_version, report_context, report_pdf
from zorgnet.api.routers.pages import _failed, _page
from zorgnet.graph.analyses.report import comparison
from zorgnet.ontology.exceptions import ZorgnetError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# The PDFs made, by data version, gemeente and day (the cover's date): the regional one
# takes seconds to make, the same data gives the same document all day.
_MADE: OrderedDict[tuple[str, str | None, datetime.date], bytes] = OrderedDict()
_KEPT = 16
_LOCK = threading.Lock()


def _made_pdf(G: GraphDep, store: StoreDep, gemeente: str | None) -> tuple[bytes, str]:
    """The PDF of the report and its file name (by the gemeente's id, never the path's
    text)."""
    version = data_version(store)
    report = build_report(G, store.graph(), gemeente, data_version=version)
    key = (version, report.gemeente, report.made_on)
    name = f"rapport-{report.gemeente or 'regio'}.pdf"
    with _LOCK:
        if key in _MADE:
            return _MADE[key], name
    pdf = report_pdf(G, report)
    with _LOCK:
        _MADE[key] = pdf
        while len(_MADE) > _KEPT:
            _MADE.popitem(last=False)
    return pdf, name


def _pdf(G: GraphDep, store: StoreDep, gemeente: str | None) -> Response:
    pdf, name = _made_pdf(G, store, gemeente)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/rapport.pdf")
def region_pdf(G: GraphDep, store: StoreDep) -> Response:
    """The regional report as an A4 PDF."""
    return _pdf(G, store, None)


@router.get("/rapport/{gemeente}.pdf", response_model=None)
def gemeente_pdf(
    request: Request, gemeente: str, G: GraphDep, store: StoreDep
) -> Response | HTMLResponse:
    """The report of one gemeente as an A4 PDF; an unknown one is a Dutch 404 page."""
    try:
        return _pdf(G, store, gemeente)
    except ZorgnetError as exc:
        return _failed(request, exc)


@router.get("/rapport", response_class=HTMLResponse)
def region_report(request: Request, G: GraphDep, store: StoreDep) -> HTMLResponse:
    """The regional report: the gemeenten side by side, a chapter each, the sources."""
    report = build_report(G, store.graph(), data_version=data_version(store))
    return _page(request, "report.html", pdf_href="/rapport.pdf", **report_context(G, report))


@router.get("/rapport/{gemeente}", response_class=HTMLResponse)
def gemeente_report(request: Request, gemeente: str, G: GraphDep, store: StoreDep) -> HTMLResponse:
    """The report of one gemeente (by id or name)."""
    try:
        report = build_report(G, store.graph(), gemeente, data_version=data_version(store))
    except ZorgnetError as exc:
        return _failed(request, exc)
    href = f"/rapport/{report.gemeente}.pdf"
    return _page(request, "report.html", pdf_href=href, **report_context(G, report))


@router.get("/vergelijking", response_class=HTMLResponse)
def compare_page(request: Request, G: GraphDep) -> HTMLResponse:
    """The gemeenten side by side: local set-up, VNG framework and gaps."""
    return _page(request, "vergelijking.html", comparison=comparison(G))
