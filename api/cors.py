"""HEAD, OPTIONS and CORS for the read endpoints, in front of the app.

The read endpoints are the public data: the SPARQL endpoint (``/sparql``: GET, and POST
of a query), the JSON API's GETs (``/api/...``), the linked-data addresses (``/id/...``,
``/def``, ``/vocab/...``) and ``/context.jsonld``. For them:

- ``HEAD`` is answered as the ``GET`` would be, without the body (FastAPI's routes take
  GET only);
- ``OPTIONS`` is a 204 that says in ``Allow`` what may be asked, and answers a browser's
  CORS preflight;
- every answer carries ``Access-Control-Allow-Origin: *``, without credentials: a page
  on another site may read the public data, never with the visitor's cookies, so that
  a script in a browser (Yasgui, Comunica, a notebook) can query the endpoint.

Writes (POST/PUT/PATCH/DELETE of ``/api``), the pages and their session cookie get no
CORS header at all, so a browser keeps other sites from them.

Examples
--------
>>> read_methods("/sparql"), read_methods("/api/actors/huisarts"), read_methods("/actoren")
(('GET', 'HEAD', 'POST', 'OPTIONS'), ('GET', 'HEAD', 'OPTIONS'), None)
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ReadAccess", "read_methods"]

_READ = ("GET", "HEAD", "OPTIONS")
_QUERY = ("GET", "HEAD", "POST", "OPTIONS")
_PREFIXES = ("/api/", "/id/", "/def/", "/vocab/")
_EXACT = ("/api", "/def", "/vocab", "/context.jsonld")
# What a script may send and read beyond the CORS-safelisted headers.
_ALLOW_HEADERS = "Accept, Content-Type, If-None-Match"
_EXPOSE_HEADERS = (
    "ETag, Vary, Location, X-Zorgnet-Truncated, X-Zorgnet-Truncated-By, "
    "X-Zorgnet-Result-Limit, X-Zorgnet-Result-Byte-Limit, X-Zorgnet-Query-Form"
)
_MAX_AGE = "86400"


def read_methods(path: str) -> tuple[str, ...] | None:
    """The methods a script on another site may use on *path*; None for no CORS."""
    if path == "/sparql":
        return _QUERY
    if path in _EXACT or path.startswith(_PREFIXES):
        return _READ
    return None


_CORS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", _EXPOSE_HEADERS.encode()),
]


class ReadAccess:
    """ASGI middleware: HEAD, OPTIONS and CORS of the read endpoints (module docstring).

    Parameters
    ----------
    app : ASGIApp
        The app behind it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        methods = read_methods(scope["path"]) if scope["type"] == "http" else None
        if methods is None:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method == "OPTIONS":
            await _options(methods, send)
            return
        head = method == "HEAD"
        shared = method in methods

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and shared:
                message = {**message, "headers": [*message.get("headers", []), *_CORS]}
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"} if head else scope, receive, sending)


async def _options(methods: tuple[str, ...], send: Send) -> None:
    allowed = ", ".join(methods).encode()
    headers = [
        (b"allow", allowed),
        (b"access-control-allow-methods", allowed),
        (b"access-control-allow-headers", _ALLOW_HEADERS.encode()),
        (b"access-control-max-age", _MAX_AGE.encode()),
        *_CORS,
    ]
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
