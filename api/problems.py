"""Error answers of the JSON API as RFC 9457 problem details (``application/problem+json``).

Every error of the JSON API is one object: the standard members ``type``, ``title``,
``status``, ``detail`` and ``instance``, with the Dutch ``title`` and ``detail`` a client
can show, and zorgnet's own members ``fout`` (the same message as ``detail``, which
clients of the earlier answers read), ``suggesties`` (the closest names to an unknown
one) and ``details`` (each field that is wrong) as extensions. The problem type is
``about:blank``: the status code says what kind of problem it is, and RFC 9457 §4.2.1
lets its title be the status phrase in the reader's language.

Examples
--------
>>> answer = problem(404, "Onbekende actor: 'x'.", "/api/actors/x", suggesties=["xo"])
>>> answer.media_type
'application/problem+json'
>>> import json
>>> body = json.loads(answer.body)
>>> body["title"], body["detail"] == body["fout"], body["instance"], body["suggesties"]
('Niet gevonden', True, '/api/actors/x', ['xo'])
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi.responses import JSONResponse
from starlette.types import Scope

__all__ = ["PROBLEM_JSON", "ProblemResponse", "problem", "problem_title", "request_path"]

PROBLEM_JSON = "application/problem+json"

# The status phrases (RFC 9110) in Dutch, for ``title``.
_TITLES = {
    400: "Ongeldig verzoek",
    401: "Niet aangemeld",
    403: "Niet toegestaan",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet leverbaar",
    409: "Conflict met opgeslagen gegevens",
    413: "Verzoek te groot",
    415: "Soort inhoud niet ondersteund",
    422: "Ongeldige invoer",
    429: "Te veel verzoeken",
    500: "Fout in de server",
    503: "Dienst niet beschikbaar",
}


class ProblemResponse(JSONResponse):
    """A JSON answer sent as ``application/problem+json``."""

    media_type = PROBLEM_JSON


def request_path(scope: Scope) -> str:
    """The path of the request in *scope* as a URI reference, percent-encoded as sent.

    ASGI's ``path`` is decoded (``/api/actors/cè``); ``instance`` must be a URI
    reference, so the path as the client sent it (``raw_path``) is used where the server
    gives it.

    Examples
    --------
    >>> request_path({"path": "/api/actors/cè", "raw_path": b"/api/actors/c%C3%A8"})
    '/api/actors/c%C3%A8'
    >>> request_path({"path": "/api/actors/cè"})
    '/api/actors/c%C3%A8'
    """
    raw = scope.get("raw_path")
    if raw:
        # Bytes outside ASCII that a client sent unencoded are encoded here.
        return quote(raw.decode("latin-1"), safe="/%!$&'()*+,;=:@", encoding="latin-1")
    return quote(scope["path"], safe="/!$&'()*+,;=:@")


def problem_title(status: int) -> str:
    """The Dutch title of a problem with HTTP *status*.

    Examples
    --------
    >>> problem_title(422), problem_title(418), problem_title(599)
    ('Ongeldige invoer', 'Fout in het verzoek', 'Fout in de server')
    """
    fallback = "Fout in de server" if status >= 500 else "Fout in het verzoek"
    return _TITLES.get(status, fallback)


def problem(
    status: int,
    detail: str,
    instance: str,
    headers: Mapping[str, str] | None = None,
    **extensions: object,
) -> ProblemResponse:
    """The problem-details answer of an error with HTTP *status*.

    Parameters
    ----------
    status : int
        The HTTP status code, 400 to 599.
    detail : str
        What went wrong and how to put it right, in Dutch; also sent as ``fout``.
    instance : str
        The request's path (:func:`request_path`), the occurrence of the problem.
    headers : Mapping[str, str], optional
        Headers of the answer (``Allow``, ``Retry-After``, ``WWW-Authenticate``).
    **extensions
        zorgnet's extension members, such as ``suggesties`` and ``details``.
    """
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": problem_title(status),
        "status": status,
        "detail": detail,
        "instance": instance,
        "fout": detail,
        **extensions,
    }
    return ProblemResponse(body, status_code=status, headers=dict(headers or {}))
