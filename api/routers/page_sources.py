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

# The kinds of record on a document's page, in this order, with their headings.
_KINDS = {
    "Actor": "actoren",
    "Relation": "relaties",
    "Mandate": "bevoegdheden",
    "Membership": "netwerklidmaatschappen",
    "Area": "gebieden",
    "Arrangement": "lokale inrichting",
    "Alignment": "invullingen van een kader",
    "Figure": "cijfers",
    "Shortage": "tekorten",
    "KnownIssue": "bekende kwesties",
}
_SHOWN = 200
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
    # ordered by kind, label and record); a national dataset's document is cited by
    # thousands, so a kind shows its first _SHOWN.
    groups = []
    for kind, citings in groupby(found.cited_by, key=lambda c: c.kind):
        records = [list(same) for _, same in groupby(citings, key=lambda c: c.record)]
        heading = _KINDS.get(kind, records[0][0].kind_label)
        groups.append((heading, len(records), records[:_SHOWN]))
    order = list(_KINDS.values())
    groups.sort(key=lambda g: order.index(g[0]) if g[0] in order else len(order))
    return _page(request, "source.html", document=found, groups=groups, page_url=page_url)
