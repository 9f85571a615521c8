"""The Dutch web pages: server-rendered Jinja2 with autoescape, no JavaScript build.

Every value from the data goes through Jinja2's autoescape; maps are the pages of
:mod:`zorgnet.viz` in an ``iframe`` (a table stands in where the map package is missing).
"""

from collections import Counter
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from zorgnet.api.citations import (
    cited_documents,
    page_href,
    rendering,
    source_title,
    text_parts,
)
from zorgnet.api.deps import GraphDep, ServiceDep, StoreDep
from zorgnet.api.routers.maps import maps_available
from zorgnet.api.routers.search import run_search
from zorgnet.graph.analyses.fact_overviews import value_with_unit
from zorgnet.graph.projected import Area
from zorgnet.ontology.exceptions import ZorgnetError

__all__ = [
    "ACCESSIBILITY_CHECKED",
    "EXAMPLE_QUERIES",
    "HOME_COUNTS",
    "HOME_QUESTIONS",
    "router",
]

router = APIRouter(include_in_schema=False)
_templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(Path(__file__).parent.parent / "templates"), autoescape=True
    )
)
# The cite macro (_cite.html) reads the titles of the source documents through this.
_templates.env.globals["source_title"] = source_title
# The key of the source numbers a page cited, at its foot (base.html).
_templates.env.globals["cited_documents"] = cited_documents
# The data_text macro (_cite.html) shows record ids in data texts as linked labels.
_templates.env.globals.update(text_parts=text_parts, page_href=page_href)
# A figure's value with its unit, "1 medewerker" (_fact_parts.html).
_templates.env.filters["figure_value"] = value_with_unit
Text = Annotated[str | None, Query(max_length=120)]

EXAMPLE_QUERIES = {
    "Actoren per soort": (
        "PREFIX zn: <https://w3id.org/zorgnet/def#>\n"
        "SELECT ?soort (COUNT(?actor) AS ?aantal) WHERE {\n"
        "  ?actor zn:actorType ?soort .\n} GROUP BY ?soort ORDER BY DESC(?aantal)"
    ),
    "Wettelijke verwijzers en hun bevoegdheid": (
        "PREFIX zn: <https://w3id.org/zorgnet/def#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?naam ?bevoegdheid WHERE {\n"
        "  ?m a zn:Mandate ; zn:holder ?actor ; zn:power ?p .\n"
        '  ?actor skos:prefLabel ?naam . BIND(STRAFTER(STR(?p), "powers/") AS ?bevoegdheid)\n'
        "} ORDER BY ?naam LIMIT 50"
    ),
    "Wie verwijst naar wie": (
        "PREFIX zn: <https://w3id.org/zorgnet/def#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?van ?naar WHERE {\n"
        "  ?r a zn:Relation ; zn:from/skos:prefLabel ?van ; zn:to/skos:prefLabel ?naar .\n"
        "} LIMIT 50"
    ),
}


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    with rendering(request):
        return _templates.TemplateResponse(
            request, name, {"maps": maps_available(), **context}, status_code=status
        )


def _failed(request: Request, exc: ZorgnetError) -> HTMLResponse:
    suggestions = getattr(exc, "suggestions", [])
    return _page(request, "error.html", 404, message=str(exc), suggestions=suggestions)


# The questions the home page offers as links: each opens the page that answers it.
HOME_QUESTIONS = (
    (
        "Welke routes lopen van de huisarts naar jeugd-GGZ in Huizen?",
        "/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen",
    ),
    ("Wie hoort bij de buurtteams in Hilversum, en wie niet?", "/teams/buurtteams-hilversum"),
    ("Welke hulp ontbreekt in Wijdemeren?", "/hiaten?gemeente=wijdemeren"),
    ("Wie mag in Gooise Meren verwijzen en beslissen?", "/mandaten?gemeente=gooise-meren"),
    (
        "Wat is er in Gooise Meren, van voorveld tot specialistische zorg?",
        "/gemeenten/gooise-meren",
    ),
    ("Waar doen meer organisaties dezelfde taak?", "/overlap"),
)

# What the home page counts, in words a policy advisor uses (kind of record -> plural).
HOME_COUNTS = (
    ("Actor", "actoren: organisaties, teams, rollen en overleggen"),
    ("Relation", "relaties: wie verwijst, overlegt of werkt samen met wie"),
    ("Mandate", "bevoegdheden: wie mag verwijzen of beslissen"),
    ("Shortage", "tekorten"),
    ("KnownIssue", "bekende kwesties"),
    ("Figure", "cijfers"),
)


def _gemeenten(G: nx.MultiDiGraph) -> list[Area]:
    return sorted(
        (a for a in G.graph["areas"].values() if a.type == "gemeente"), key=lambda a: a.label
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, G: GraphDep) -> HTMLResponse:
    """What zorgnet is, a search box, example questions, the gemeenten, what it holds."""
    # The records of the projection: the data's, never the edit history's, and no query
    # of the store on each visit.
    records = Counter(record.kind for record in G.graph["records"].values())
    counts = [(records[kind], words) for kind, words in HOME_COUNTS]
    return _page(
        request,
        "home.html",
        questions=HOME_QUESTIONS,
        counts=counts,
        gemeenten=_gemeenten(G),
    )


@router.get("/sparql-vragen", response_class=HTMLResponse)
def sparql_page(
    request: Request,
    service: ServiceDep,
    query: Annotated[str | None, Query(max_length=20_000)] = None,
) -> HTMLResponse:
    """A form for the SPARQL endpoint with example queries; the answer as a table."""
    context: dict[str, Any] = {
        "examples": EXAMPLE_QUERIES,
        "query": query or next(iter(EXAMPLE_QUERIES.values())),
        "outcome": None,
        "error": None,
    }
    if query:
        try:
            context["outcome"] = service.sparql.run(service.open(), query)
        except ZorgnetError as exc:
            context["error"] = str(exc)
    return _page(request, "sparql.html", 400 if context["error"] else 200, **context)


@router.get("/zoeken", response_class=HTMLResponse)
def search_page(request: Request, G: GraphDep, store: StoreDep, q: Text = None) -> HTMLResponse:
    """Actors, teams, gemeenten and kinds of help by name, each with its page."""
    results = run_search(G, store.graph(), q, limit=50) if q else None
    return _page(request, "search.html", q=q or "", results=results)


# The pages the browser test checks with axe-core at 1440 and 390 px wide
# (tests/api/test_pages_browser.py); the accessibility statement lists them, so it says
# no more than was tested. A page added here is tested.
ACCESSIBILITY_CHECKED = (
    ("/", "Start"),
    ("/zoeken?q=huisarts", "Zoeken"),
    ("/hiaten", "Hiaten"),
    ("/hiaten?gemeente=wijdemeren", "Hiaten in Wijdemeren"),
    ("/overlap?gemeente=huizen", "Overlap in Huizen"),
    ("/mandaten?gemeente=huizen", "Bevoegdheden in Huizen"),
    ("/inloggen", "Inloggen"),
    ("/wijzigingen", "Wijzigingen"),
    ("/gemeenten", "Sociale kaart per gemeente"),
    ("/gemeenten/gooise-meren", "Sociale kaart van Gooise Meren"),
    ("/opschaling?gemeente=huizen", "Opschaling in Huizen"),
    ("/kwesties", "Kwesties"),
    ("/kwesties?gemeente=gooise-meren", "Kwesties over Gooise Meren"),
    ("/cijfers", "Cijfers"),
    ("/cijfers?gemeente=huizen", "Cijfers voor Huizen"),
    ("/rapport/huizen", "Rapport: de foto van Huizen"),
    ("/vergelijking", "De gemeenten naast elkaar"),
    ("/wat-als", "Wat als"),
    ("/wat-als?naam=POH-jeugd+stopt&zonder=gooise-meren-poh-jeugd", "Wat als de POH-jeugd stopt"),
    ("/toegankelijkheid", "Toegankelijkheid"),
    ("/bronnen", "Bronnen"),
    ("/bronnen/003", "Brondocument"),
    ("/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen", "Route zoeken"),
    ("/actoren", "Actoren"),
    ("/actoren?q=buurtteam", "Actoren met buurtteam in de naam"),
    ("/actoren/huisarts", "Actor: huisarts"),
    ("/actoren/buurtteams-hilversum", "Actor: buurtteams Hilversum"),
    ("/teams", "Lokale teams"),
    ("/teams/buurtteams-hilversum", "Wie hoort bij de buurtteams Hilversum"),
    ("/kaart", "Kaart van de regio"),
    ("/sparql-vragen", "SPARQL"),
    (
        "/sparql-vragen?query=" + quote(next(iter(EXAMPLE_QUERIES.values()))),
        "SPARQL: een antwoord",
    ),
    ("/def", "Ontologie en vocabulaires"),
    ("/docs", "API-documentatie"),
)


@router.get("/toegankelijkheid", response_class=HTMLResponse)
def accessibility(request: Request) -> HTMLResponse:
    """The accessibility statement: what was tested, how, and what was not."""
    return _page(request, "accessibility.html", checked=ACCESSIBILITY_CHECKED)
