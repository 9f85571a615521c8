"""Refuse oversized and unauthenticated writes before their body is read.

FastAPI reads and parses a request body before any dependency runs, so the token
check of an edit (:func:`zorgnet.api.deps.require_editor`) came after a 160 MB body
had been parsed. :class:`WriteGuard` sits in front of the app: a write to
``/api/edits`` without a valid token is answered from its headers alone, and every
body is cut at its cap (``sparql_max_body`` for ``/sparql``, ``edit_max_body`` for
the rest), by ``Content-Length`` when the client declares one and while it streams
when it does not.

The pages' forms (:data:`zorgnet.api.sessions.FORM_PATHS`) have no bearer token: a
browser sends the editor's session cookie and the form's CSRF token instead. Their body,
cut at ``edit_max_body``, is read here and checked with
:func:`zorgnet.api.sessions.form_refusal` before the page sees it; a refusal is a Dutch
page. The JSON API keeps its bearer token rule and takes no session cookie.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.exceptions import HTTPException
from starlette.requests import Request, cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zorgnet.api.deps import editor_refusal
from zorgnet.api.problems import problem, request_path
from zorgnet.api.routers.pages import _page
from zorgnet.api.sessions import Refusal, form_refusal, is_form_path, sessions_of

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
        if is_form_path(path):
            await self._form(scope, receive, send, headers, cap)
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

    async def _form(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str], cap: int
    ) -> None:
        """Read a form post's body (cut at *cap*), check its session and CSRF token, and
        hand the app the same body only when they pass."""
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > cap:
                await self._answer(_too_large(cap), scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        refusal = form_refusal(
            sessions_of(scope["app"]),
            self.settings,
            scope["path"],
            headers,
            cookie_parser(headers.get("cookie", "")),
            body,
        )
        if refusal is not None:
            await self._refuse_form(refusal, scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse_form(refusal: Refusal, scope: Scope, receive: Receive, send: Send) -> None:
        response = _page(
            Request(scope, receive), "edit_refused.html", refusal.status, message=refusal.message
        )
        await response(scope, receive, send)

    @staticmethod
    async def _answer(refusal: HTTPException, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(
            refusal.status_code, refusal.detail, request_path(scope), refusal.headers
        )
        await response(scope, receive, send)
