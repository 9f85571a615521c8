"""The editor's browser session: sign in once with the token, then forms with a CSRF token.

An editor types the write token once on ``/inloggen``, with the function or team they
edit for (:func:`editor_role`: a role such as "beleidsadviseur jeugd Huizen", never a
person's name, as it is shown to everyone on ``/wijzigingen``). The server then keeps a session
in memory under a random id and sends only that id as a cookie (``HttpOnly``,
``SameSite=Strict``, ``Secure`` over https); the token itself never leaves the form
it was typed in. Every form that changes something carries the session's CSRF token,
which :class:`zorgnet.api.limits.WriteGuard` compares before the form reaches its page
(:func:`form_refusal`). The sign-in form itself has no session yet: its CSRF token is a
random value in a short-lived cookie and in the form at once, and the two must match.

How long a session lasts: it ends after :data:`IDLE_SECONDS` (one hour) without a
request that looks at it, and at the latest :data:`MAX_SECONDS` (eight hours) after
signing in; signing out ends it at once. Sessions live in the server's memory, so a
restart of the server signs everyone out.

Examples
--------
>>> sessions = SessionStore()
>>> session = sessions.start()
>>> sessions.get(session.id) is session
True
>>> sessions.end(session.id)
>>> sessions.get(session.id) is None
True
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

if TYPE_CHECKING:
    from zorgnet.api.settings import Settings

__all__ = [
    "CSRF_FIELD",
    "EDITOR",
    "FORM_PATHS",
    "IDLE_SECONDS",
    "LOGIN_COOKIE",
    "LOGIN_PATH",
    "MAX_SECONDS",
    "SESSION_COOKIE",
    "Refusal",
    "Session",
    "SessionStore",
    "editing_unavailable",
    "editor_role",
    "form_refusal",
    "is_form_path",
    "parse_form",
    "sessions_of",
]

SESSION_COOKIE = "zorgnet_sessie"
LOGIN_COOKIE = "zorgnet_inlogformulier"
CSRF_FIELD = "csrf"
LOGIN_PATH = "/inloggen"
# Every path under these takes the pages' forms; a write to one passes the session and
# CSRF check of form_refusal (the JSON API under /api keeps its bearer token).
FORM_PATHS = ("/inloggen", "/uitloggen", "/bewerken", "/wijzigingen")
IDLE_SECONDS = 60 * 60
MAX_SECONDS = 8 * 60 * 60
# Who an edit is by when nobody said (the JSON API without "door", a session made in a
# test): the role of whoever holds the token (zorgnet.api.deps.require_editor).
EDITOR = "beheerder"
# The function or team typed at sign-in: letters (any script), digits, spaces and a few
# marks, so that it reads as a role in the list of edits.
ROLE_MIN, ROLE_MAX = 3, 60
_ROLE = re.compile(r"[^\W_][\w .,'&/()+-]*", re.UNICODE)
# Wrong tokens the whole server takes per minute before it refuses to try more.
FAILED_LOGINS_PER_MINUTE = 5
_MAX_SESSIONS = 1000
_MAX_FORM_FIELDS = 1000

_READ_ONLY = (
    "Op deze server kunt u niets wijzigen: hij leest alleen mee met de server die de "
    "gegevens opslaat (gestart met zorgnet serve --alleen-lezen). Wijzig de gegevens op "
    "die server."
)
_NO_TOKEN = (
    "Op deze server kunt u niets wijzigen: er is bij de start geen schrijftoken ingesteld. "
    "Vraag de beheerder van zorgnet om wijzigen aan te zetten."
)
_SIGNED_OUT = (
    "U bent niet ingelogd, of uw sessie is verlopen. Log opnieuw in en probeer het nog eens."
)
_STALE_FORM = (
    "Dit formulier is verlopen of komt niet van deze website. Open de pagina opnieuw en "
    "probeer het nog eens."
)
_NOT_A_FORM = "Dit verzoek is geen formulier van deze website. Gebruik het formulier op de pagina."
_UNREADABLE = (
    "Het formulier kan niet worden gelezen. Open de pagina opnieuw en probeer het nog eens."
)


@dataclass
class Session:
    """One signed-in editor.

    Attributes
    ----------
    id : str
        The random id the cookie carries.
    csrf : str
        The token every form of this session must send back.
    role : str
        The function or team the editor signed in as: the edits' agent.
    started, last_seen : float
        When it began and when it was last used (seconds of the store's clock).
    """

    id: str
    csrf: str
    started: float
    last_seen: float
    role: str = EDITOR


@dataclass(frozen=True)
class Refusal:
    """Why a form post is not let through, with the HTTP status to answer."""

    status: int
    message: str


class SessionStore:
    """The sessions of one web app, in memory, safe to use from several threads.

    Parameters
    ----------
    clock : callable, optional
        Seconds that only go forward (``time.monotonic``); a test passes its own.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._sessions: dict[str, Session] = {}
        self._failures: list[float] = []
        self._lock = threading.Lock()

    def start(self, role: str = EDITOR) -> Session:
        """A new session for *role* with fresh random ids (a sign-in never reuses an old id)."""
        now = self._clock()
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), now, now, role)
        with self._lock:
            self._drop_expired(now)
            if len(self._sessions) >= _MAX_SESSIONS:
                oldest = min(self._sessions.values(), key=lambda s: s.last_seen)
                del self._sessions[oldest.id]
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str | None) -> Session | None:
        """The live session with *session_id*, now marked as used; None when it has ended."""
        if not session_id:
            return None
        now = self._clock()
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None:
                return None
            if self._expired(session, now):
                del self._sessions[session_id]
                return None
            session.last_seen = now
            return session

    def end(self, session_id: str | None) -> None:
        """End the session *session_id* (signing out); nothing happens for an unknown id."""
        with self._lock:
            self._sessions.pop(session_id or "", None)

    def note_failed_login(self) -> None:
        """Count a wrong token (see :meth:`too_many_failed_logins`)."""
        with self._lock:
            self._failures.append(self._clock())

    def too_many_failed_logins(self) -> bool:
        """Whether the last minute saw :data:`FAILED_LOGINS_PER_MINUTE` wrong tokens.

        Guessing the token through the form is then refused until the minute is over,
        for everyone: the server does not know who is who before they sign in.
        """
        now = self._clock()
        with self._lock:
            self._failures = [t for t in self._failures if now - t < 60]
            return len(self._failures) >= FAILED_LOGINS_PER_MINUTE

    def _expired(self, session: Session, now: float) -> bool:
        return now - session.last_seen > IDLE_SECONDS or now - session.started > MAX_SECONDS

    def _drop_expired(self, now: float) -> None:
        for session_id in [i for i, s in self._sessions.items() if self._expired(s, now)]:
            del self._sessions[session_id]


_CREATE_LOCK = threading.Lock()


def sessions_of(app: Any) -> SessionStore:
    """The :class:`SessionStore` of the web app *app* (made at its first use)."""
    state = app.state
    with _CREATE_LOCK:
        if getattr(state, "sessions", None) is None:
            state.sessions = SessionStore()
    store: SessionStore = state.sessions
    return store


def editing_unavailable(settings: Settings) -> str | None:
    """Why nobody can edit through this server's pages, in Dutch; None when one can."""
    if settings.read_only:
        return _READ_ONLY
    if settings.token is None:
        return _NO_TOKEN
    return None


def editor_role(typed: str) -> tuple[str, str | None]:
    """The function or team typed at sign-in, tidied, and what is wrong with it (Dutch).

    Examples
    --------
    >>> editor_role("  beleidsadviseur   jeugd Huizen ")
    ('beleidsadviseur jeugd Huizen', None)
    >>> editor_role("")[1]
    "Vul uw functie of team in, bijvoorbeeld 'beleidsadviseur jeugd Huizen'."
    """
    role = " ".join(typed.split())
    if len(role) < ROLE_MIN:
        return role, "Vul uw functie of team in, bijvoorbeeld 'beleidsadviseur jeugd Huizen'."
    if len(role) > ROLE_MAX:
        return role, f"Gebruik hoogstens {ROLE_MAX} tekens voor uw functie of team."
    if not _ROLE.fullmatch(role):
        return role, (
            "Gebruik alleen letters, cijfers, spaties en de tekens - . , ' & / ( ) + "
            "voor uw functie of team."
        )
    return role, None


def is_form_path(path: str) -> bool:
    """Whether *path* is one of the pages' form paths (:data:`FORM_PATHS`)."""
    return any(path == p or path.startswith(p + "/") for p in FORM_PATHS)


def parse_form(body: bytes) -> dict[str, list[str]]:
    """The fields of an ``application/x-www-form-urlencoded`` *body*, each with its values.

    Raises
    ------
    ValueError
        When the body is not UTF-8 or has more than 1000 fields.
    """
    return parse_qs(
        body.decode("utf-8"),
        keep_blank_values=True,
        max_num_fields=_MAX_FORM_FIELDS,
        errors="strict",
    )


def _same(sent: str | None, expected: str | None) -> bool:
    return bool(sent and expected) and hmac.compare_digest(
        str(sent).encode(), str(expected).encode()
    )


def form_refusal(
    sessions: SessionStore,
    settings: Settings,
    path: str,
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
    body: bytes,
) -> Refusal | None:
    """Why the form post to *path* may not reach its page, or None when it may.

    Parameters
    ----------
    sessions : SessionStore
        The app's sessions.
    settings : Settings
        Whether this server takes edits at all (:func:`editing_unavailable`).
    path : str
        The path posted to: ``/inloggen`` needs the sign-in form's cookie, every other
        form path a live session.
    headers, cookies : mapping
        The request's headers (lower-case names) and cookies.
    body : bytes
        The whole body, already cut at its cap.

    Returns
    -------
    Refusal or None
        503 on a server that only reads beside the writer, 403 on one without a token;
        415 for a body that is not a form; 400 for one that cannot be read; 403 without
        a live session or with a missing or wrong CSRF token.
    """
    unavailable = editing_unavailable(settings)
    if unavailable is not None:
        return Refusal(503 if settings.read_only else 403, unavailable)
    content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return Refusal(415, _NOT_A_FORM)
    try:
        sent = parse_form(body).get(CSRF_FIELD, [None])[0]
    except ValueError:
        return Refusal(400, _UNREADABLE)
    if path == LOGIN_PATH:
        return None if _same(sent, cookies.get(LOGIN_COOKIE)) else Refusal(403, _STALE_FORM)
    session = sessions.get(cookies.get(SESSION_COOKIE))
    if session is None:
        return Refusal(403, _SIGNED_OUT)
    return None if _same(sent, session.csrf) else Refusal(403, _STALE_FORM)
