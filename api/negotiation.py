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

from fastapi import HTTPException, Request
from fastapi.responses import Response

__all__ = ["Offer", "choose", "etag", "negotiated", "parse_accept", "vary"]


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
