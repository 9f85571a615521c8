"""The SPARQL 1.1 Protocol endpoint (queries only) at ``/sparql``.

GET with ``query=``, POST form-encoded with ``query=``, or POST with the query as an
``application/sparql-query`` body. Results by ``Accept``: SPARQL JSON, XML, CSV, TSV;
CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML. Updates, SERVICE,
FROM and ``default-graph-uri``/``named-graph-uri`` are refused (400) with a Dutch
message; see :mod:`zorgnet.core.sparql` for the time and result limits.
"""

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from zorgnet.api.deps import ServiceDep
from zorgnet.api.models import Error
from zorgnet.api.negotiation import Offer, choose, negotiated
from zorgnet.core.sparql import SparqlRefused, render

__all__ = ["router"]

router = APIRouter(tags=["sparql"])

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


@router.get("/sparql", summary="SPARQL-query (GET)", responses=_RESPONSES, response_class=Response)
async def sparql_get(
    request: Request,
    service: ServiceDep,
    query: Annotated[str, Query(description="De SPARQL-query", examples=[_EXAMPLE])],
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    """Run a read-only SPARQL query (SPARQL 1.1 Protocol, query via GET)."""
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
