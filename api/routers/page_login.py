"""Signing in and out of the editing pages: the write token once, then a session.

``/inloggen`` takes the token and the function or team the editor works for (a role,
never a person's name: every edit of the session is recorded as by that role and shown
so on ``/wijzigingen``), and starts a session of :mod:`zorgnet.api.sessions`; the
browser gets only the session's random id, as an ``HttpOnly``, ``SameSite=Strict``
cookie (``Secure`` over https). The sign-in form's own CSRF token is a random value in a
short-lived cookie and in the form at once (:func:`zorgnet.api.sessions.form_refusal`
compares them before the form is read here). The helpers below serve every editing page.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from zorgnet.api.deps import SettingsDep
from zorgnet.api.routers.pages import _page, _templates
from zorgnet.api.sessions import (
    IDLE_SECONDS,
    LOGIN_COOKIE,
    LOGIN_PATH,
    MAX_SECONDS,
    SESSION_COOKIE,
    Session,
    editing_unavailable,
    editor_role,
    parse_form,
    sessions_of,
)
from zorgnet.api.settings import Settings

__all__ = ["editor_session", "form_value", "login_link", "private_page", "router", "to_login"]

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=300)]

_WRONG_TOKEN = "Dit token is niet juist."
_NO_TOKEN_TYPED = "Vul het schrijftoken in dat u van de beheerder kreeg."
_TOO_MANY = (
    "Er is de afgelopen minuut te vaak een onjuist token ingevuld. Wacht een minuut en "
    "probeer het dan opnieuw."
)


def editor_session(request: Request) -> Session | None:
    """The signed-in editor's live session of *request*, or None (a template global)."""
    return sessions_of(request.app).get(request.cookies.get(SESSION_COOKIE))


def login_link(request: Request) -> tuple[str, str] | None:
    """The header's link to sign in or out, as (address, text); None where no one can
    edit (a template global: every page has it, so the sign-in is easy to find)."""
    if editing_unavailable(request.app.state.service.settings) is not None:
        return None
    if editor_session(request) is not None:
        return "/uitloggen", "Uitloggen"
    path = request.url.path
    if path == LOGIN_PATH:
        return LOGIN_PATH, "Inloggen"
    here = path + (f"?{request.url.query}" if request.url.query else "")
    return f"{LOGIN_PATH}?terug={quote(here)}", "Inloggen"


# Every page may ask whether an editor is signed in (the actor page's "Wijzig" links),
# and links to signing in or out in its header.
_templates.env.globals["editor_session"] = editor_session
_templates.env.globals["login_link"] = login_link


def private_page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """An editing page: never cached (it may hold a CSRF token), never in a frame."""
    response = _page(request, name, status, **context)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    return response


def form_value(form: dict[str, list[str]], name: str) -> str:
    """The first value of the field *name* of a parsed form, or ``""``."""
    return (form.get(name) or [""])[0]


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def _back(target: str | None) -> str | None:
    """*target* when it is a path on this site (never another site's address)."""
    if not target:
        return None
    parts = urlsplit(target)
    safe = not parts.scheme and not parts.netloc and target.startswith("/")
    return target if safe and not target.startswith(("//", "/\\")) else None


def to_login(request: Request) -> RedirectResponse:
    """To the sign-in page, which comes back here afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{LOGIN_PATH}?terug={quote(here)}", status_code=303)


def _login_page(
    request: Request,
    settings: Settings,
    status: int = 200,
    *,
    back: str | None,
    error: str = "",
    role: str = "",
    role_error: str = "",
) -> HTMLResponse:
    unavailable = editing_unavailable(settings)
    session = editor_session(request)
    nonce = secrets.token_urlsafe(32)
    response = private_page(
        request,
        "login.html",
        status,
        unavailable=unavailable,
        session=session,
        nonce=nonce,
        back=back or "",
        error=error,
        role=role,
        role_error=role_error,
        idle_minutes=IDLE_SECONDS // 60,
        max_hours=MAX_SECONDS // 3600,
    )
    if unavailable is None and session is None:
        response.set_cookie(
            LOGIN_COOKIE,
            nonce,
            max_age=3600,
            path=LOGIN_PATH,
            httponly=True,
            samesite="strict",
            secure=_https(request),
        )
    return response


@router.get("/inloggen", response_class=HTMLResponse)
def login_form(request: Request, settings: SettingsDep, terug: Text = None) -> HTMLResponse:
    """The sign-in form: the write token, once; or why this server takes no edits."""
    return _login_page(request, settings, back=_back(terug))


@router.post("/inloggen", response_class=HTMLResponse)
async def login(request: Request, settings: SettingsDep) -> Response:
    """Start a session for the right token; a wrong one gets a Dutch error and no hint."""
    form = parse_form(await request.body())
    back = _back(form_value(form, "terug"))
    sessions = sessions_of(request.app)
    if sessions.too_many_failed_logins():
        return _login_page(request, settings, 429, back=back, error=_TOO_MANY)
    typed = form_value(form, "token").strip()
    role, role_error = editor_role(form_value(form, "functie"))
    if not typed or role_error:
        error = "" if typed else _NO_TOKEN_TYPED
        return _login_page(
            request, settings, 422, back=back, error=error, role=role, role_error=role_error or ""
        )
    token = settings.token
    if token is None or not hmac.compare_digest(typed.encode(), token.get_secret_value().encode()):
        sessions.note_failed_login()
        return _login_page(request, settings, 403, back=back, error=_WRONG_TOKEN, role=role)
    # A new id at each sign-in: an id someone saw before signing in is worth nothing.
    sessions.end(request.cookies.get(SESSION_COOKIE))
    session = sessions.start(role)
    response = RedirectResponse(back or "/wijzigingen", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session.id,
        max_age=MAX_SECONDS,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_https(request),
    )
    response.delete_cookie(LOGIN_COOKIE, path=LOGIN_PATH, httponly=True, samesite="strict")
    return response


@router.get("/uitloggen", response_class=HTMLResponse)
def logout_form(request: Request) -> HTMLResponse:
    """A button that signs out (signing out changes something, so it is a form)."""
    return private_page(request, "logout.html", session=editor_session(request), done=False)


@router.post("/uitloggen", response_class=HTMLResponse)
async def logout(request: Request) -> HTMLResponse:
    """End the session at once and remove its cookie."""
    sessions_of(request.app).end(request.cookies.get(SESSION_COOKIE))
    response = private_page(request, "logout.html", session=None, done=True)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=_https(request)
    )
    return response
