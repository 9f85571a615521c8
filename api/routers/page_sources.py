"""The pages of the source documents: ``/bronnen`` and ``/bronnen/{document}``.

Every seed citation on a page (the ``cite`` macro of ``_cite.html``) links to the page
of its document, which lists every record that cites it, grouped by kind.
"""

from itertools import groupby

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zorgnet.api.deps import GraphDep, StoreDep
from zorgnet.api.routers.pages import _failed, _page
from zorgnet.graph.analyses.sources import Citing, source_document, source_documents
from zorgnet.ontology.exceptions import ZorgnetError

__all__ = ["page_url", "router"]

router = APIRouter(include_in_schema=False)

# The headings of the kinds of record on a document's page.
_PLURALS = {
    "actor": "actoren",
    "gebied": "gebieden",
    "relatie": "relaties",
    "mandaat": "bevoegdheden",
    "netwerklidmaatschap": "netwerklidmaatschappen",
    "invulling van een kader": "invullingen van een kader",
    "lokale inrichting": "lokale inrichting",
    "cijfer": "cijfers",
    "bekende kwestie": "bekende kwesties",
    "tekort": "tekorten",
}
_PAGES = {"actor": "/actoren/{}", "team": "/teams/{}", "gebied": "/gemeenten/{}"}


def page_url(citing: Citing) -> str | None:
    """The page that shows the record of *citing*, or None."""
    if citing.page is None:
        return None
    kind, target = citing.page
    return _PAGES[kind].format(target)


@router.get("/bronnen", response_class=HTMLResponse)
def sources(request: Request, G: GraphDep, store: StoreDep) -> HTMLResponse:
    """The source documents, with their titles and how many records cite each."""
    return _page(request, "sources.html", documents=source_documents(G, store.graph()))


@router.get("/bronnen/{document}", response_class=HTMLResponse)
def source(request: Request, document: str, G: GraphDep, store: StoreDep) -> HTMLResponse:
    """One source document: every record that cites it, grouped by kind."""
    try:
        found = source_document(G, store.graph(), document)
    except ZorgnetError as exc:
        return _failed(request, exc)
    # Per kind of record, each record once with the places it cites (cited_by is
    # ordered by kind, label and record).
    groups = [
        (
            _PLURALS.get(kind_label, kind_label),
            [list(same) for _, same in groupby(citings, key=lambda c: c.record)],
        )
        for kind_label, citings in groupby(found.cited_by, key=lambda c: c.kind_label)
    ]
    return _page(request, "source.html", document=found, groups=groups, page_url=page_url)
