"""The web app: REST API, SPARQL endpoint, edits and the Dutch pages, in one FastAPI app.

Examples
--------
>>> from zorgnet.api.settings import Settings
>>> app = create_app(Settings())
>>> app.title
'zorgnet'
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from zorgnet.api.cors import ReadAccess, read_methods
from zorgnet.api.deps import Service
from zorgnet.api.limits import WriteGuard
from zorgnet.api.models import Error
from zorgnet.api.negotiation import NegotiationHeaders, NotModified, negotiate, not_modified
from zorgnet.api.problems import PROBLEM_JSON, problem, request_path
from zorgnet.api.settings import Settings
from zorgnet.core.editing import EditConflict, EditInvalid
from zorgnet.core.sparql import SparqlBusy, SparqlError, SparqlTimeout
from zorgnet.graph.store import StoreAccessError, import_query_engines
from zorgnet.ontology.exceptions import LoadError, StoreError, UnknownName, ZorgnetError

__all__ = ["create_app"]

_STATIC = Path(__file__).parent / "static"


def _error(request: Request, status: int, message: str, **extra: object) -> Response:
    """An error of the JSON API as RFC 9457 problem details, at the request's path."""
    return problem(status, message, request_path(request.scope), **extra)


def _answer(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """An error as a Dutch page for a page request, as problem details for the API."""
    response: Response
    if _wants_page(request):
        response = _error_page(request, status, message)
    else:
        response = _error(request, status, message)
    response.headers.update(headers or {})
    return response


def _field(loc: tuple | list) -> str:
    return ".".join(str(part) for part in loc if part not in ("body", "query", "path", "header"))


# pydantic's error types in Dutch (its own messages are English); {name} is filled from
# the error's context.
_NUMBER = "moet een getal zijn"
_WHOLE = "moet een geheel getal zijn"
_TRUE_FALSE = "moet true of false zijn"
_OBJECT = "moet een object zijn, tussen {{ en }}"
_CHOICE = "moet een van deze waarden zijn: {expected}"
_MESSAGES = {
    "missing": "ontbreekt: dit veld is verplicht",
    "extra_forbidden": "is geen veld van dit verzoek: laat het weg",
    "json_invalid": "is geen geldige JSON (fout bij teken {position})",
    "json_type": "moet JSON zijn",
    "string_type": "moet tekst zijn",
    "string_unicode": "moet tekst in UTF-8 zijn",
    "string_too_short": "is te kort: minstens {min_length} teken(s)",
    "string_too_long": "is te lang: hoogstens {max_length} tekens",
    "string_pattern_mismatch": "heeft niet de goede vorm (patroon {pattern})",
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_parsing_size": "is een te groot getal",
    "int_from_float": "moet een geheel getal zijn, zonder cijfers achter de komma",
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "finite_number": "moet een eindig getal zijn",
    "bool_type": _TRUE_FALSE,
    "bool_parsing": _TRUE_FALSE,
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "multiple_of": "moet een veelvoud zijn van {multiple_of}",
    "literal_error": _CHOICE,
    "enum": _CHOICE,
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "list_type": "moet een lijst zijn, tussen [ en ]",
    "tuple_type": "moet een lijst zijn, tussen [ en ]",
    "set_type": "moet een lijst zijn, tussen [ en ]",
    "too_short": "heeft te weinig waarden: minstens {min_length}",
    "too_long": "heeft te veel waarden: hoogstens {max_length}",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "datetime_type": "moet een datum met tijd zijn (JJJJ-MM-DDTuu:mm:ss)",
    "datetime_parsing": "moet een datum met tijd zijn (JJJJ-MM-DDTuu:mm:ss)",
    "datetime_from_date_parsing": "moet een datum met tijd zijn (JJJJ-MM-DDTuu:mm:ss)",
    "url_type": "moet een webadres (URL) zijn",
    "url_parsing": "moet een webadres (URL) zijn",
    "url_scheme": "moet een webadres met http:// of https:// zijn",
    "none_required": "moet leeg zijn (null)",
    "union_tag_invalid": "heeft een onbekende soort",
    "union_tag_not_found": "mist het veld dat de soort aangeeft",
}
_INVALID = "heeft een ongeldige waarde"


class _Context(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _dutch(error: dict[str, Any]) -> str:
    """pydantic's *error* as a Dutch phrase about the field (``moet minstens 1 zijn``)."""
    context = _Context({k: str(v) for k, v in (error.get("ctx") or {}).items()})
    if "expected" in context:
        # pydantic lists the choices as "'a', 'b' or 'c'".
        context["expected"] = context["expected"].replace(" or ", " of ")
    loc = error.get("loc") or ()
    context["position"] = str(loc[-1]) if loc else "?"
    return _MESSAGES.get(error.get("type", ""), _INVALID).format_map(context)


def _validation(errors: list) -> list[dict[str, object]]:
    details: list[dict[str, object]] = []
    for e in errors:
        kind = e.get("type", "")
        # A JSON error's place is a character position, not a field.
        where = "" if kind == "json_invalid" else _field(e.get("loc", ()))
        details.append({"veld": where, "melding": _dutch(e), "soort": kind})
    return details


def _summary(start: str, details: list[dict[str, object]]) -> str:
    """``start`` and what is wrong with each field, for ``fout``."""
    parts = [f"{d['veld'] or 'het verzoek'} {d['melding']}" for d in details]
    return f"{start}: {'; '.join(dict.fromkeys(parts)) or 'het verzoek'}."


# Starlette's and FastAPI's own error texts, which reach the client as they are.
_DUTCH_STATUS = {
    400: "Het verzoek kan niet worden gelezen. Stuur geldige JSON (in UTF-8) met "
    "'Content-Type: application/json'.",
    401: "Hiervoor is een token nodig: stuur 'Authorization: Bearer <token>'.",
    403: "Dit is niet toegestaan.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegestaan.",
    406: "Dit formaat kan niet worden geleverd; kies een ander formaat (Accept-header).",
    409: "Dit botst met wat al is opgeslagen.",
    413: "Het verzoek is te groot. Stuur minder gegevens per verzoek.",
    415: "Dit soort inhoud wordt niet begrepen; stuur JSON met 'Content-Type: application/json'.",
    422: "Ongeldige invoer.",
    429: "Te veel verzoeken. Probeer het later opnieuw.",
    500: "Er ging iets mis in de server. Probeer het later opnieuw.",
    503: "De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.",
}
_ENGLISH = {
    "There was an error parsing the body",
    "Not authenticated",
    "Invalid authentication credentials",
}


def _http_message(exc: StarletteHTTPException) -> str:
    detail = exc.detail if isinstance(exc.detail, str) else None
    english = detail is None or detail in _ENGLISH
    if not english:
        try:
            english = detail == HTTPStatus(exc.status_code).phrase
        except ValueError:
            english = False
    if not english:
        return detail  # type: ignore[return-value]
    fallback = "Fout in de server." if exc.status_code >= 500 else "Fout in het verzoek."
    return _DUTCH_STATUS.get(exc.status_code, fallback)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _allowed(request: Request) -> str | None:
    """Every method some route of the app takes on this path, for ``Allow``.

    Starlette's Allow names the methods of the first route that has the path, not those
    of the routes after it (``PUT`` and ``DELETE`` of one path are two routes). Each
    method is tried against the routes, as the router would; a read path also takes the
    OPTIONS (and, where it takes GET, the HEAD) that :class:`~zorgnet.api.cors.ReadAccess`
    answers in front of the routes. None when a mount (the static files) has the path,
    as that answers for itself.
    """
    routes = request.app.router.routes
    if any(isinstance(r, Mount) and r.matches(request.scope)[0] is Match.FULL for r in routes):
        return None
    routed = {
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    }
    if routed and read_methods(request.url.path):
        routed.add("OPTIONS")
        if "GET" in routed:
            routed.add("HEAD")
    return ", ".join(m for m in _METHODS if m in routed) or None


def _install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NotModified, not_modified)

    @app.exception_handler(UnknownName)
    async def unknown(request: Request, exc: UnknownName) -> Response:
        # A name in the path is a resource that does not exist; one in the query string
        # is a bad parameter.
        status = 404 if exc.name in request.path_params.values() else 422
        return _error(request, status, str(exc), suggesties=exc.suggestions)

    @app.exception_handler(EditInvalid)
    async def invalid(request: Request, exc: EditInvalid) -> Response:
        details = [
            {"veld": p.field, "melding": p.message, "hint": p.hint, "controle": p.rule}
            for p in exc.problems
        ]
        return _error(request, 422, str(exc), details=details)

    @app.exception_handler(EditConflict)
    async def conflict(request: Request, exc: EditConflict) -> Response:
        return _error(request, 409, str(exc))

    @app.exception_handler(SparqlTimeout)
    async def timeout(request: Request, exc: SparqlTimeout) -> Response:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, SparqlBusy) else {}
        return _answer(request, 503, str(exc), headers)

    @app.exception_handler(SparqlError)
    async def sparql(request: Request, exc: SparqlError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(LoadError)
    @app.exception_handler(StoreError)
    async def store(request: Request, exc: ZorgnetError) -> Response:
        # A full disk, missing rights or a store in use, without the server's folder.
        message = exc.public if isinstance(exc, StoreAccessError) else str(exc)
        return _answer(request, 503, f"De opslag is niet beschikbaar. {message}")

    @app.exception_handler(RequestValidationError)
    async def request_validation(request: Request, exc: RequestValidationError) -> Response:
        details = _validation(list(exc.errors()))
        return _error(request, 422, _summary("Ongeldige invoer", details), details=details)

    @app.exception_handler(ValidationError)
    async def model_validation(request: Request, exc: ValidationError) -> Response:
        details = _validation(list(exc.errors()))
        return _error(request, 422, _summary("Ongeldige registratie", details), details=details)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(getattr(exc, "headers", None) or {})
        message = _http_message(exc)
        if exc.status_code == 406:
            headers["Vary"] = "Accept"  # another Accept gets another answer
        if exc.status_code == 405:
            allowed = _allowed(request)
            if allowed is not None:
                headers["Allow"] = allowed
            message = (
                f"De methode {request.method} is hier niet toegestaan. "
                f"Toegestaan: {headers.get('Allow', 'GET')}."
            )
        return _answer(request, exc.status_code, message, headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Starlette's answer is the English text 'Internal Server Error'; the error
        # itself still goes to the server's log.
        return _answer(request, 500, _DUTCH_STATUS[500])


def _wants_page(request: Request) -> bool:
    """Whether *request* asked for a web page, which gets an error as a page, not JSON.

    A page route (one kept out of the API's documentation, such as ``/actoren/...``) or
    a browser's request (``Accept: text/html``) outside the JSON API under ``/api``.
    """
    path = request.url.path
    if path == "/api" or path.startswith("/api/"):
        return False
    route = request.scope.get("route")
    if route is not None and getattr(route, "include_in_schema", True) is False:
        return True
    return "text/html" in request.headers.get("accept", "").lower()


# The last resort when even the page cannot be made (the failure may be in the pages).
_PLAIN_ERROR_PAGE = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Fout – zorgnet'
    "</title></head><body><h1>Er ging iets mis</h1><p>{message}</p>"
    '<p><a href="/">Naar de startpagina</a></p></body></html>'
)


def _error_page(request: Request, status: int, message: str) -> Response:
    """The Dutch HTML page of an error for a page request, in the site's frame."""
    from zorgnet.api.routers.pages import _page

    try:
        return _page(request, "server_error.html", status, code=status, message=message)
    except Exception:
        return HTMLResponse(_PLAIN_ERROR_PAGE.format(message=message), status_code=status)


_ERROR_REF = {"$ref": "#/components/schemas/Error"}
# Outside /api a browser (Accept: text/html) gets an error as a Dutch page.
_ERROR_PAGE = {"text/html": {"schema": {"type": "string"}}}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": _ERROR_REF}}}


def _as_problem(response: dict[str, Any], path: str) -> None:
    """Declare an error *response* as problem details, and outside ``/api`` also as the
    page a browser gets: the routers declare their errors with FastAPI's
    ``{"model": Error}``, which FastAPI writes as ``application/json``."""
    content = response.setdefault("content", {})
    schema = content.pop("application/json", {}).get("schema", _ERROR_REF)
    content[PROBLEM_JSON] = {"schema": schema}
    if path != "/api" and not path.startswith("/api/"):
        content.update(_ERROR_PAGE)


# What each error answer means, for the schema; FastAPI's own descriptions are English.
_DESCRIPTIONS = {
    "400": "Het verzoek kan niet worden gelezen",
    "401": "Geen token meegestuurd",
    "403": "Niet toegestaan",
    "404": "Niet gevonden",
    "406": "Dit formaat kan niet worden geleverd",
    "409": "Botst met wat al is opgeslagen",
    "413": "Het verzoek is te groot",
    "415": "Onbekend soort inhoud",
    "422": "Ongeldige invoer",
    "503": "De opslag is niet beschikbaar",
}


def _declare_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare in every operation the error answers the app's handlers give it.

    FastAPI documents a 422 of its own (``HTTPValidationError``, a ``detail`` list) that
    the app never sends: it becomes the app's :class:`~zorgnet.api.models.Error`, as do
    a 400 for an unreadable body, a 404 for an unknown name in the path, a 413 for a
    body over its cap (every write) and a 503 for a store that is not available. Every
    error answer is ``application/problem+json`` (and a page for a browser outside
    ``/api``). An error answer described only by FastAPI's English phrase gets its Dutch
    description.
    """
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            body = "requestBody" in operation
            wanted = {
                "400": body,
                "404": "{" in path,
                "413": method != "get",
                "422": bool(operation.get("parameters")) or body,
                "503": True,
            }
            if "HTTPValidationError" in str(responses.get("422", {})):
                del responses["422"]
            for status, needed in wanted.items():
                if needed and status not in responses:
                    responses[status] = _error_response(_DESCRIPTIONS[status])
            for status, response in responses.items():
                phrase = HTTPStatus(int(status)).phrase if status.isdigit() else None
                if status in _DESCRIPTIONS and response.get("description") == phrase:
                    response["description"] = _DESCRIPTIONS[status]
                if status[0] in "45":
                    _as_problem(response, path)
    components = schema.get("components", {}).get("schemas", {})
    text = str(schema.get("paths", {}))
    for name in ("HTTPValidationError", "ValidationError"):
        if name in components and f"/{name}'" not in text:
            del components[name]
    if "Error" not in components:
        components["Error"] = Error.model_json_schema()
    return schema


def _install_docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI from the package's own files, so that it works offline.

    FastAPI's own ``/docs`` loads Swagger UI from a CDN; the same page is made here with
    the files of npm's ``swagger-ui-dist`` in ``static/swagger-ui`` (README there). ReDoc,
    which would need another CDN bundle, is off. The page says it is Dutch (the API's
    texts are) and takes a few colour fixes for contrast from ``static/docs.css``.
    """

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="zorgnet – API-documentatie",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            # Deep links put a link inside each operation's button (axe:
            # nested-interactive), which a keyboard or screen reader cannot use; the
            # syntax colours of the examples are too pale on their dark ground.
            swagger_ui_parameters={"deepLinking": False, "syntaxHighlight": False},
        )
        html = bytes(page.body).decode("utf-8")
        html = html.replace("<html>", '<html lang="nl">', 1).replace(
            "</head>", '<link rel="stylesheet" href="/static/docs.css">\n</head>', 1
        )
        return HTMLResponse(html)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        # Browsers ask for it on pages that name no icon: the maps, JSON answers.
        return FileResponse(_STATIC / "favicon.ico", media_type="image/x-icon")


def create_app(settings: Settings) -> FastAPI:
    """A new web app over the store in ``settings.store``.

    Nothing is opened here: the store is opened when the app starts (or at the first
    request) and filled with ``settings.data`` when it is empty.

    Parameters
    ----------
    settings : Settings
        Store, data, write token, SPARQL limits, page sizes.
    """
    from zorgnet.api.routers import (
        actors,
        analyses,
        areas,
        edits,
        export,
        health,
        hsds,
        issues,
        linked_data,
        maps,
        page_actors,
        page_analyses,
        page_changes,
        page_edit,
        page_gemeente,
        page_issues,
        page_ladder,
        page_login,
        page_map,
        page_report,
        page_route,
        page_scenario,
        page_sources,
        pages,
        routes,
        scenario,
        search,
        sparql,
        vocabularies,
    )

    # Before any thread: the warm-up thread and the first requests would otherwise import
    # rdflib's query engines at the same moment.
    import_query_engines()
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.open()
        service.warm_up()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(
        title="zorgnet",
        version="0.1.0",
        summary="De sociale kaart van jeugdhulp en ondersteuning in Gooi en Vechtstreek.",
        description=(
            "REST-API, SPARQL-endpoint en webpagina's over de kennisgraaf van zorgnet. "
            "Lezen is open; wijzigen vraagt het token dat bij de start is ingesteld. "
            "Fouten zijn probleemdetails (RFC 9457, `application/problem+json`) met een "
            "Nederlandse `title` en `detail`; `fout` herhaalt de melding."
        ),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # Accept, 406 and If-None-Match for every documented GET (api/negotiation.py).
        dependencies=[Depends(negotiate)],
    )
    app.state.service = service
    app.add_middleware(NegotiationHeaders)
    app.add_middleware(WriteGuard, settings=settings)
    # Outermost: a CORS preflight is answered before the write guard looks at it.
    app.add_middleware(ReadAccess)
    _install_handlers(app)
    for module in (
        health,
        actors,
        areas,
        vocabularies,
        issues,
        routes,
        analyses,
        scenario,
        maps,
        export,
        hsds,
        search,
        sparql,
        linked_data,
        edits,
        pages,
        page_sources,
        page_route,
        page_analyses,
        page_gemeente,
        page_ladder,
        page_issues,
        page_login,
        page_edit,
        page_changes,
        page_actors,
        page_map,
        page_report,
        page_scenario,
    ):
        app.include_router(module.router)
    _install_docs(app)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = _declare_errors(edits.add_edit_schemas(FastAPI.openapi(app)))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
