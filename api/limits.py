"""Refuse oversized and unauthenticated writes before their body is read.

FastAPI reads and parses a request body before any dependency runs, so the token
check of an edit (:func:`zorgnet.api.deps.require_editor`) came after a 160 MB body
had been parsed. :class:`WriteGuard` sits in front of the app: a write to
``/api/edits`` without a valid token is answered from its headers alone, and every
body is cut at its cap (``sparql_max_body`` for ``/sparql``, ``edit_max_body`` for
the rest), by ``Content-Length`` when the client declares one and while it streams
when it does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zorgnet.api.deps import editor_refusal

if TYPE_CHECKING:
    from zorgnet.api.settings import Settings

__all__ = ["WriteGuard"]

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def _bearer(authorization: str | None) -> str | None:
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _too_large(cap: int) -> HTTPException:
    return HTTPException(
        413, f"Het verzoek is groter dan {cap} bytes. Stuur minder gegevens per verzoek."
    )


class WriteGuard:
    """ASGI middleware: token first, then a byte cap on the body.

    Parameters
    ----------
    app : ASGIApp
        The app behind the guard.
    settings : Settings
        ``token``, ``edit_max_body`` and ``sparql_max_body``.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _READS:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if path.startswith("/api/edits"):
            refusal = editor_refusal(self.settings, _bearer(headers.get("authorization")))
            if refusal is not None:
                await self._answer(refusal, scope, receive, send)
                return
        cap = self.settings.sparql_max_body if path == "/sparql" else self.settings.edit_max_body
        declared = headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > cap):
            await self._answer(_too_large(cap), scope, receive, send)
            return
        received = 0

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > cap:
                # Raised inside the app, so its HTTPException handler answers in Dutch.
                raise _too_large(cap)
            return message

        await self.app(scope, capped, send)

    @staticmethod
    async def _answer(refusal: HTTPException, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"fout": refusal.detail}, status_code=refusal.status_code, headers=refusal.headers
        )
        await response(scope, receive, send)
