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
from zorgnet.core.sparql import GRAPH_FORMATS, RESULT_FORMATS, SparqlRefused, render

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
_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
_GRAPH_MEDIA = {
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}


def _negotiate(accept: str | None, kind: str) -> tuple[str, str]:
    """The format name and media type for *accept*, by q-value then order."""
    table = GRAPH_FORMATS if kind == "GRAPH" else RESULT_FORMATS
    offers = []
    for index, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        offers.append((-quality, index, fields[0].lower()))
    for quality, _, media in sorted(offers):
        if quality == 0:
            continue
        if media in ("*/*", "application/*", "text/*") or (
            media not in table and media.endswith("/*")
        ):
            fmt = "turtle" if kind == "GRAPH" else "json"
            if media == "application/*" and kind == "GRAPH":
                fmt = "nt"
            return fmt, (_GRAPH_MEDIA if kind == "GRAPH" else _MEDIA).get(fmt, media)
        if media in table:
            fmt = table[media]
            return fmt, "application/rdf+xml" if kind == "GRAPH" and fmt == "xml" else (
                _GRAPH_MEDIA if kind == "GRAPH" else _MEDIA
            ).get(fmt, media)
    wanted = "Turtle, N-Triples, JSON-LD, RDF/XML" if kind == "GRAPH" else "JSON, XML, CSV, TSV"
    raise HTTPException(
        406, f"Dit resultaat kan niet als {accept!r} worden gegeven; kies uit {wanted}."
    )


def _refuse_dataset(params: dict[str, list[str]]) -> None:
    if params.get("update"):
        raise SparqlRefused("Dit SPARQL-endpoint is alleen-lezen: updates worden geweigerd.")
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        raise SparqlRefused(
            "default-graph-uri en named-graph-uri worden geweigerd: queries lopen alleen over "
            "de data van zorgnet."
        )


def _run(service: ServiceDep, query: str, accept: str | None) -> Response:
    outcome = service.sparql.run(service.open(), query)
    fmt, media = _negotiate(accept, outcome.kind)
    return Response(
        render(outcome, fmt),
        media_type=media,
        headers={
            "X-Zorgnet-Truncated": "true" if outcome.truncated else "false",
            "X-Zorgnet-Truncated-By": outcome.cut_by or "-",
            "X-Zorgnet-Result-Limit": str(outcome.limit),
            "X-Zorgnet-Result-Byte-Limit": str(outcome.size_limit),
            "X-Zorgnet-Query-Form": outcome.form,
            "Vary": "Accept",
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
    return await run_in_threadpool(_run, service, query, accept)


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
    return await run_in_threadpool(_run, service, query, accept)
