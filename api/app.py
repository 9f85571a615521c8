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
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from zorgnet.api.deps import Service
from zorgnet.api.editing import EditConflict, EditInvalid
from zorgnet.api.limits import WriteGuard
from zorgnet.api.settings import Settings
from zorgnet.api.sparql import SparqlBusy, SparqlError, SparqlTimeout
from zorgnet.graph.store import StoreAccessError
from zorgnet.ontology.exceptions import LoadError, StoreError, UnknownName, ZorgnetError

__all__ = ["create_app"]

_STATIC = Path(__file__).parent / "static"


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"fout": message, **extra}, status_code=status)


def _field(loc: tuple | list) -> str:
    return ".".join(str(part) for part in loc if part not in ("body", "query", "path", "header"))


def _validation(errors: list) -> list[dict[str, object]]:
    return [
        {"veld": _field(e.get("loc", ())), "melding": e.get("msg", ""), "soort": e.get("type", "")}
        for e in errors
    ]


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(UnknownName)
    async def unknown(request: Request, exc: UnknownName) -> JSONResponse:
        # A name in the path is a resource that does not exist; one in the query string
        # is a bad parameter.
        status = 404 if exc.name in request.path_params.values() else 422
        return _error(status, str(exc), suggesties=exc.suggestions)

    @app.exception_handler(EditInvalid)
    async def invalid(request: Request, exc: EditInvalid) -> JSONResponse:
        details = [
            {"veld": p.field, "melding": p.message, "hint": p.hint, "controle": p.rule}
            for p in exc.problems
        ]
        return _error(422, str(exc), details=details)

    @app.exception_handler(EditConflict)
    async def conflict(request: Request, exc: EditConflict) -> JSONResponse:
        return _error(409, str(exc))

    @app.exception_handler(SparqlTimeout)
    async def timeout(request: Request, exc: SparqlTimeout) -> JSONResponse:
        response = _error(503, str(exc))
        if isinstance(exc, SparqlBusy):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(SparqlError)
    async def sparql(request: Request, exc: SparqlError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(LoadError)
    @app.exception_handler(StoreError)
    async def store(request: Request, exc: ZorgnetError) -> JSONResponse:
        # A full disk, missing rights or a store in use, without the server's folder.
        message = exc.public if isinstance(exc, StoreAccessError) else str(exc)
        return _error(503, f"De opslag is niet beschikbaar. {message}")

    @app.exception_handler(RequestValidationError)
    async def request_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation(list(exc.errors()))
        fields = ", ".join(sorted({str(d["veld"]) for d in details if d["veld"]}))
        return _error(422, f"Ongeldige invoer: {fields or 'verzoek'}.", details=details)

    @app.exception_handler(ValidationError)
    async def model_validation(request: Request, exc: ValidationError) -> JSONResponse:
        details = _validation(list(exc.errors()))
        fields = ", ".join(sorted({str(d["veld"]) for d in details if d["veld"]}))
        return _error(422, f"Ongeldige registratie: {fields or 'verzoek'}.", details=details)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {404: "Niet gevonden.", 405: "Deze methode is hier niet toegestaan."}
        detail = exc.detail if isinstance(exc.detail, str) else None
        if detail in (None, "Not Found", "Method Not Allowed"):
            detail = messages.get(exc.status_code, "Fout in het verzoek.")
        return JSONResponse(
            {"fout": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
        )


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
        maps,
        pages,
        routes,
        sparql,
        vocabularies,
    )

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
            "Fouten zijn JSON met een Nederlandse melding in `fout`."
        ),
        lifespan=lifespan,
    )
    app.state.service = service
    app.add_middleware(WriteGuard, settings=settings)
    _install_handlers(app)
    for module in (
        health,
        actors,
        areas,
        vocabularies,
        routes,
        analyses,
        maps,
        export,
        sparql,
        edits,
        pages,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = edits.add_edit_schemas(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
