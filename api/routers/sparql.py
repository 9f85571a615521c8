"""The SPARQL 1.1 Protocol endpoint (queries only) at ``/sparql``.

GET with ``query=``, POST form-encoded with ``query=``, or POST with the query as an
``application/sparql-query`` body. Results by ``Accept``: SPARQL JSON, XML, CSV, TSV;
CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML. Updates, SERVICE,
FROM and ``default-graph-uri``/``named-graph-uri`` are refused (400) with a Dutch
message; see :mod:`zorgnet.core.sparql` for the time and result limits. The default
graph is the data joined with the ontology and vocabularies
(:data:`~zorgnet.graph.store.SCHEMA_GRAPH`). ``GET /sparql`` without a query is the
SPARQL 1.1 Service Description with VoID (:func:`service_description`). Formats are
chosen by :mod:`zorgnet.api.negotiation`.
"""

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from rdflib import DCTERMS, RDF, BNode, Graph, Literal, Namespace, URIRef

from zorgnet.api.deps import ServiceDep
from zorgnet.api.models import Error
from zorgnet.api.negotiation import Offer, choose, negotiated, negotiates_itself
from zorgnet.api.routers.linked_data import RDF_OFFERS
from zorgnet.core.sparql import SCHEMA_GRAPH, SparqlRefused, render
from zorgnet.formats.rdf import serialize
from zorgnet.ontology.files import schema_graph
from zorgnet.ontology.namespace import ID

__all__ = ["router", "service_description"]

router = APIRouter(tags=["sparql"])

_TITLE = "zorgnet: de sociale kaart van jeugdhulp en ondersteuning in Gooi en Vechtstreek"
_EXAMPLE = (
    "SELECT ?actor ?naam WHERE { ?actor a <https://w3id.org/zorgnet/def#Actor> ; "
    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?naam } LIMIT 10"
)
_RESPONSES = {
    200: {
        "description": "Resultaten; X-Zorgnet-Truncated zegt of ze zijn afgekapt, "
        "X-Zorgnet-Truncated-By waarop (rijen of bytes)",
        "content": {
            "application/sparql-results+json": {
                "example": {"head": {"vars": []}, "results": {"bindings": []}}
            },
            "application/sparql-results+xml": {},
            "text/csv": {},
            "text/tab-separated-values": {},
            "text/turtle": {},
            "application/n-triples": {},
        },
    },
    400: {"model": Error, "description": "Ongeldige of geweigerde query (update, SERVICE, FROM)"},
    406: {"model": Error},
    413: {"model": Error, "description": "Verzoek te groot"},
    415: {"model": Error, "description": "Onbekend soort verzoek"},
    503: {
        "model": Error,
        "description": "Tijds- of geheugenlimiet overschreden, of alle werkers bezig "
        "(dan met Retry-After)",
    },
}
# In each list, what a client that accepts anything gets comes first.
RESULT_OFFERS = (
    Offer("json", "application/sparql-results+json", "SPARQL-JSON"),
    Offer("json", "application/json", "SPARQL-JSON", "application/sparql-results+json"),
    Offer("xml", "application/sparql-results+xml", "SPARQL-XML"),
    Offer("xml", "application/xml", "SPARQL-XML", "application/sparql-results+xml"),
    Offer("csv", "text/csv", "CSV", "text/csv; charset=utf-8"),
    Offer("tsv", "text/tab-separated-values", "TSV", "text/tab-separated-values; charset=utf-8"),
)
GRAPH_OFFERS = (
    Offer("turtle", "text/turtle", "Turtle", "text/turtle; charset=utf-8"),
    Offer("nt", "application/n-triples", "N-Triples"),
    Offer("nt", "text/plain", "N-Triples", "application/n-triples"),
    Offer("json-ld", "application/ld+json", "JSON-LD"),
    Offer("xml", "application/rdf+xml", "RDF/XML"),
)


def _refuse_dataset(params: dict[str, list[str]]) -> None:
    if params.get("update"):
        raise SparqlRefused("Dit SPARQL-endpoint is alleen-lezen: updates worden geweigerd.")
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        raise SparqlRefused(
            "default-graph-uri en named-graph-uri worden geweigerd: queries lopen alleen over "
            "de data van zorgnet."
        )


def _run(request: Request, service: ServiceDep, query: str, accept: str | None) -> Response:
    store = service.open()
    outcome = service.sparql.run(store, query)
    offer = choose(accept, GRAPH_OFFERS if outcome.kind == "GRAPH" else RESULT_OFFERS)
    return negotiated(
        request,
        offer,
        (store.version, query),
        lambda: render(outcome, offer.name),
        headers={
            "X-Zorgnet-Truncated": "true" if outcome.truncated else "false",
            "X-Zorgnet-Truncated-By": outcome.cut_by or "-",
            "X-Zorgnet-Result-Limit": str(outcome.limit),
            "X-Zorgnet-Result-Byte-Limit": str(outcome.size_limit),
            "X-Zorgnet-Query-Form": outcome.form,
        },
    )


SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
_W3_FORMATS = Namespace("http://www.w3.org/ns/formats/")
# The result formats the endpoint writes, by their W3C format IRIs.
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)
# The vocabularies the data uses, for void:vocabulary.
_VOCABULARIES = (
    "https://w3id.org/zorgnet/def",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "https://schema.org/",
)
_SD_PREFIXES = {"sd": str(SD), "void": str(VOID), "formats": str(_W3_FORMATS)}
DESCRIPTION_OFFERS = (
    *RDF_OFFERS,
    Offer("html", "text/html", "webpagina (HTML)", "text/html; charset=utf-8"),
)


def service_description(endpoint: str, data_triples: int) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at *endpoint*, with the VoID
    description of its data: what it speaks, writes and holds.

    The default graph is the data joined with the named graph
    :data:`~zorgnet.core.sparql.SCHEMA_GRAPH` of the ontology and the vocabularies.
    """
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service, here = URIRef(endpoint), URIRef(f"{endpoint}#data")
    schema_triples = len(schema_graph())
    schema = BNode()
    named = BNode()
    dataset = BNode()
    for triple in (
        (service, RDF.type, SD.Service),
        (service, SD.endpoint, service),
        (service, SD.supportedLanguage, SD.SPARQL11Query),
        (service, SD.defaultDataset, dataset),
        (dataset, RDF.type, SD.Dataset),
        (dataset, SD.defaultGraph, here),
        (dataset, SD.namedGraph, named),
        (named, RDF.type, SD.NamedGraph),
        (named, SD.name, URIRef(SCHEMA_GRAPH)),
        (named, SD.graph, schema),
        (schema, RDF.type, SD.Graph),
        (schema, VOID.triples, Literal(schema_triples)),
        (here, RDF.type, SD.Graph),
        (here, RDF.type, VOID.Dataset),
        (here, DCTERMS.title, Literal(_TITLE, lang="nl")),
        (here, VOID.triples, Literal(data_triples + schema_triples)),
        (here, VOID.sparqlEndpoint, service),
        (here, VOID.uriSpace, Literal(str(ID))),
        (here, VOID.dataDump, URIRef(endpoint.rsplit("/", 1)[0] + "/api/export?format=turtle")),
    ):
        graph.add(triple)
    for name in _RESULT_FORMATS:
        graph.add((service, SD.resultFormat, _W3_FORMATS[name]))
    for vocabulary in _VOCABULARIES:
        graph.add((here, VOID.vocabulary, URIRef(vocabulary)))
    return graph


def _described(request: Request, service: ServiceDep, accept: str | None) -> Response:
    offer = choose(accept, DESCRIPTION_OFFERS)
    if offer.name == "html":
        return RedirectResponse("/sparql-vragen", status_code=303, headers={"Vary": "Accept"})
    store = service.open()
    endpoint = str(request.url.replace(query="", fragment=""))
    return negotiated(
        request,
        offer,
        store.version,
        lambda: serialize(
            service_description(endpoint, len(store)), offer.name, prefixes=_SD_PREFIXES
        ),
    )


@router.get("/sparql", summary="SPARQL-query (GET)", responses=_RESPONSES, response_class=Response)
@negotiates_itself
async def sparql_get(
    request: Request,
    service: ServiceDep,
    query: Annotated[
        str | None,
        Query(
            description="De SPARQL-query; zonder query de beschrijving van het endpoint "
            "(SPARQL 1.1 Service Description met VoID)",
            examples=[_EXAMPLE],
        ),
    ] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """Run a read-only SPARQL query (SPARQL 1.1 Protocol, query via GET).

    Without ``query``: the Service Description and VoID of the endpoint, as Turtle
    (JSON-LD or N-Triples by ``Accept``; a browser is sent to the SPARQL page).
    """
    if query is None:
        return await run_in_threadpool(_described, request, service, accept)
    if len(request.url.query.encode()) > service.settings.sparql_max_body:
        raise HTTPException(
            413, f"De query is groter dan {service.settings.sparql_max_body} bytes."
        )
    _refuse_dataset(parse_qs(request.url.query))
    return await run_in_threadpool(_run, request, service, query, accept)


@router.post(
    "/sparql",
    summary="SPARQL-query (POST)",
    responses=_RESPONSES,
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    },
                    "example": {"query": _EXAMPLE},
                },
                "application/sparql-query": {
                    "schema": {"type": "string"},
                    "example": _EXAMPLE,
                },
            },
        }
    },
)
async def sparql_post(
    request: Request,
    service: ServiceDep,
    accept: Annotated[str | None, Header()] = None,
    content_type: Annotated[str | None, Header()] = None,
) -> Response:
    """Run a read-only SPARQL query sent form-encoded or as ``application/sparql-query``."""
    # zorgnet.api.limits.WriteGuard has cut the body at sparql_max_body already.
    body = await request.body()
    media = (content_type or "").split(";")[0].strip().lower()
    text = body.decode("utf-8", errors="replace")
    params = parse_qs(request.url.query)
    if media == "application/sparql-update":
        raise SparqlRefused("Dit SPARQL-endpoint is alleen-lezen: updates worden geweigerd.")
    if media == "application/sparql-query":
        query = text
    elif media == "application/x-www-form-urlencoded":
        params = {**params, **parse_qs(text)}
        query = (params.get("query") or [""])[0]
    else:
        raise HTTPException(
            415,
            "Stuur de query als application/x-www-form-urlencoded (query=...) of als "
            "application/sparql-query.",
        )
    _refuse_dataset(params)
    if not query.strip():
        raise HTTPException(400, "Geen query meegegeven (parameter 'query').")
    return await run_in_threadpool(_run, request, service, query, accept)
