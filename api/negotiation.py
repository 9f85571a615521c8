"""Content negotiation for every endpoint: ``Accept`` with q-values, 406, ETag and 304.

One helper for the REST API, the SPARQL endpoint and the linked-data routes, so that
they read ``Accept`` the same way (RFC 9110 §12.5.1): each format the endpoint can give
takes the quality of the most specific media range that matches it (``text/turtle``
before ``text/*`` before ``*/*``); the best quality wins, a tie goes to the range named
first, then to the endpoint's own order; ``q=0`` refuses. Nothing acceptable is a 406
whose Dutch message lists what can be given. Every answer says ``Vary: Accept``, and
carries an ETag made from the store's version, the address and the format, so that a
client that sends it back in ``If-None-Match`` gets a 304 without the body.

Examples
--------
>>> offers = (Offer("turtle", "text/turtle", "Turtle"), Offer("jsonld", "application/ld+json",
...           "JSON-LD"))
>>> choose("text/turtle;q=0.5, application/ld+json;q=0.9", offers).name
'jsonld'
>>> choose("*/*", offers).name, choose(None, offers).name, choose("application/*", offers).name
('turtle', 'turtle', 'jsonld')
>>> choose("text/html", offers)
Traceback (most recent call last):
...
fastapi.exceptions.HTTPException: 406: Dit formaat kan hier niet worden gegeven \
(gevraagd: text/html). Kies uit: Turtle (text/turtle), JSON-LD (application/ld+json).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "NegotiationHeaders",
    "NotModified",
    "Offer",
    "choose",
    "etag",
    "negotiate",
    "negotiated",
    "negotiates_itself",
    "not_modified",
    "parse_accept",
    "route_offers",
    "vary",
]


@dataclass(frozen=True)
class Offer:
    """A format an endpoint can give.

    Attributes
    ----------
    name : str
        The endpoint's own name of the format (``turtle``, ``json``).
    media : str
        The media type an ``Accept`` header names it by (``text/turtle``).
    label : str
        Its name for a reader, in the 406 message (``Turtle``).
    content_type : str
        The ``Content-Type`` of the answer; by default *media*.
    """

    name: str
    media: str
    label: str
    content_type: str = ""

    @property
    def answer_type(self) -> str:
        """The ``Content-Type`` of an answer in this format."""
        return self.content_type or self.media


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their quality, in the header's order.

    A missing or empty header accepts everything; a malformed q-value counts as 0.

    Examples
    --------
    >>> parse_accept("text/turtle;q=0.5, application/ld+json;charset=utf-8")
    [('text/turtle', 0.5), ('application/ld+json', 1.0)]
    """
    ranges: list[tuple[str, float]] = []
    for part in (header or "").split(","):
        fields = [field.strip() for field in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"  # what some clients send for */*
        quality = 1.0
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    return ranges or [("*/*", 1.0)]


def _specificity(media_range: str, media: str) -> int | None:
    """How exactly *media_range* matches *media*: 2 the type itself, 1 ``type/*``,
    0 ``*/*``; None when it does not match."""
    if media_range == media:
        return 2
    kind = media.split("/", 1)[0]
    if media_range == f"{kind}/*":
        return 1
    if media_range == "*/*":
        return 0
    return None


def _rank(ranges: list[tuple[str, float]], offer: Offer) -> tuple[float, int] | None:
    """The quality *ranges* give *offer* and the place of the range that gives it."""
    best: tuple[int, float, int] | None = None
    for place, (media_range, quality) in enumerate(ranges):
        exact = _specificity(media_range, offer.media)
        if exact is not None and (best is None or exact > best[0]):
            best = (exact, quality, place if exact == 2 else len(ranges))
    return None if best is None else (best[1], best[2])


def choose(accept: str | None, offers: Sequence[Offer]) -> Offer:
    """The offer that *accept* prefers (see the module docstring).

    Raises
    ------
    HTTPException
        406, with a Dutch message naming the formats that can be given.
    """
    ranges = parse_accept(accept)
    ranked = []
    for order, offer in enumerate(offers):
        rank = _rank(ranges, offer)
        if rank is not None and rank[0] > 0:
            ranked.append((-rank[0], rank[1], order, offer))
    if ranked:
        return min(ranked, key=lambda r: r[:3])[3]
    media: dict[str, list[str]] = {}
    for offer in offers:
        media.setdefault(offer.label, []).append(offer.media)
    given = ", ".join(f"{label} ({' of '.join(types)})" for label, types in media.items())
    raise HTTPException(
        406,
        detail=f"Dit formaat kan hier niet worden gegeven (gevraagd: {accept}). Kies uit: {given}.",
    )


def etag(*parts: object) -> str:
    """A strong ETag made from *parts* (the store's version, the address, the format).

    Examples
    --------
    >>> etag("urn:zorgnet:version:1", "/id/actor/x", "turtle") == etag(
    ...     "urn:zorgnet:version:1", "/id/actor/x", "turtle")
    True
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f'"{digest[:32]}"'


def _matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    wanted = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in wanted or tag in wanted


def vary(response: Response) -> Response:
    """*response* with ``Accept`` in its ``Vary`` header."""
    present = [v.strip() for v in response.headers.get("vary", "").split(",") if v.strip()]
    if "accept" not in (v.lower() for v in present):
        response.headers["Vary"] = ", ".join([*present, "Accept"])
    return response


def negotiated(
    request: Request,
    offer: Offer,
    version: object,
    body: Callable[[], bytes | str],
    headers: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The answer in *offer*'s format, with ``Vary: Accept`` and an ETag of *version*.

    A GET whose ``If-None-Match`` holds the ETag gets a 304 and *body* is not made
    (a HEAD is a GET for the app: :mod:`zorgnet.api.cors` drops the body).
    """
    tag = etag(version, request.url.path, request.url.query, offer.name)
    common = {**(headers or {}), "ETag": tag}
    if request.method == "GET" and _matches(request.headers.get("if-none-match"), tag):
        return vary(Response(status_code=304, headers=common))
    return vary(
        Response(body(), status_code=status_code, headers=common, media_type=offer.answer_type)
    )


# How the 406 of a route that does not negotiate itself names what it can give.
_LABELS = {
    "application/json": "JSON",
    "text/html": "HTML-pagina",
    "application/ld+json": "JSON-LD",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
}
_NEGOTIATES_ITSELF = "__zorgnet_negotiates_itself__"
# Where the dependency leaves, for NegotiationHeaders, the media type it chose and its ETag.
_STATE_KEY = "zorgnet.negotiation"

_Endpoint = TypeVar("_Endpoint", bound=Callable[..., Any])


def negotiates_itself(endpoint: _Endpoint) -> _Endpoint:
    """Mark *endpoint* as one that reads ``Accept`` itself, with :func:`choose` and
    :func:`negotiated` (its formats depend on its parameters): :func:`negotiate` leaves
    it alone."""
    setattr(endpoint, _NEGOTIATES_ITSELF, True)
    return endpoint


def _base(media: str | None) -> str | None:
    return media.split(";")[0].strip().lower() if media else None


def _class_media_type(value: object) -> str | None:
    response_class = getattr(value, "value", value)  # FastAPI's DefaultPlaceholder
    return _base(getattr(response_class, "media_type", None))


def route_offers(route: APIRoute) -> tuple[Offer, ...]:
    """The formats *route* gives: its response class's media type, then those its 200
    answer declares, as the OpenAPI description lists them.

    Examples
    --------
    >>> from fastapi import FastAPI
    >>> app = FastAPI()
    >>> @app.get("/a", responses={200: {"content": {"text/csv": {}}}})
    ... def a() -> dict: ...
    >>> [o.media for o in route_offers(app.routes[-1])]
    ['application/json', 'text/csv']
    """
    declared = route.responses.get(200, route.responses.get("200", {})).get("content", {})
    media = [_class_media_type(route.response_class), *(_base(m) for m in declared)]
    unique = dict.fromkeys(m for m in media if m)
    return tuple(Offer(m, m, _LABELS.get(m, m)) for m in unique)


class NotModified(Exception):
    """The client's copy (``If-None-Match``) is current: answer 304 without a body."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


def not_modified(request: Request, exc: Exception) -> Response:
    """The 304 of a :class:`NotModified`, as the app's exception handler."""
    tag = exc.tag if isinstance(exc, NotModified) else ""
    return vary(Response(status_code=304, headers={"ETag": tag}))


def negotiate(request: Request) -> None:
    """The dependency of every route: ``Accept``, 406 and If-None-Match in one place.

    For a documented GET route that does not negotiate itself (:func:`negotiates_itself`),
    the format comes from ``Accept`` among :func:`route_offers` (a 406 when none is
    acceptable), and a client whose ``If-None-Match`` holds the ETag of the store's
    version, the address and that format gets a 304 before any work is done.
    :class:`NegotiationHeaders` puts ``Vary`` and the ETag on the answer.

    Raises
    ------
    HTTPException
        406 when no format of the route is acceptable.
    NotModified
        When the client's copy is current.
    """
    route = request.scope.get("route")
    if (
        request.method != "GET"
        or not isinstance(route, APIRoute)
        or not route.include_in_schema
        or getattr(route.endpoint, _NEGOTIATES_ITSELF, False)
    ):
        return
    state: dict[str, str] = {}
    request.scope.setdefault("state", {})[_STATE_KEY] = state
    offer = choose(request.headers.get("accept"), route_offers(route))
    version = request.app.state.service.open().version
    tag = etag(version, request.url.path, request.url.query, offer.media)
    state.update(media=offer.media, etag=tag)
    if _matches(request.headers.get("if-none-match"), tag):
        raise NotModified(tag)


class NegotiationHeaders:
    """ASGI middleware: ``Vary: Accept`` on every answer :func:`negotiate` looked at, and
    its ETag on a 200 in the format it chose (an answer in another format, which the
    route decided on, gets none rather than a wrong one).

    Parameters
    ----------
    app : ASGIApp
        The app behind it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})

        async def sending(message: Message) -> None:
            state = scope["state"].get(_STATE_KEY)
            if message["type"] == "http.response.start" and state is not None:
                message = {**message, "headers": _labelled(message, state)}
            await send(message)

        await self.app(scope, receive, sending)


def _labelled(message: Message, state: dict[str, str]) -> list[tuple[bytes, bytes]]:
    headers = list(message.get("headers", []))
    names = {name.lower(): value for name, value in headers}
    vary_values = [v.strip().lower() for v in names.get(b"vary", b"").decode().split(",")]
    if "accept" not in vary_values:
        headers = [(n, v) for n, v in headers if n.lower() != b"vary"]
        kept = [v for v in names.get(b"vary", b"").decode().split(",") if v.strip()]
        headers.append((b"vary", ", ".join([*kept, "Accept"]).encode()))
    media = names.get(b"content-type", b"").decode().split(";")[0].strip().lower()
    fits = message["status"] == 200 and media == state.get("media")
    if fits and b"etag" not in names and "etag" in state:
        headers.append((b"etag", state["etag"].encode()))
    return headers
