"""The editor's sessions: how long they last, and which form posts pass the guard."""

import pytest

from zorgnet.api.sessions import (
    FAILED_LOGINS_PER_MINUTE,
    IDLE_SECONDS,
    LOGIN_COOKIE,
    MAX_SECONDS,
    SESSION_COOKIE,
    SessionStore,
    form_refusal,
    is_form_path,
)
from zorgnet.api.settings import Settings

FORM = {"content-type": "application/x-www-form-urlencoded"}


class Clock:
    """Seconds that a test moves forward."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sessions(clock: Clock) -> SessionStore:
    return SessionStore(clock)


def test_a_session_ends_after_an_idle_hour(sessions: SessionStore, clock: Clock) -> None:
    session = sessions.start()
    clock.now += IDLE_SECONDS - 1
    assert sessions.get(session.id) is session
    clock.now += IDLE_SECONDS - 1  # used a moment ago: still there
    assert sessions.get(session.id) is session
    clock.now += IDLE_SECONDS + 1
    assert sessions.get(session.id) is None
    assert sessions.get(session.id) is None


def test_a_session_ends_eight_hours_after_signing_in_however_busy(
    sessions: SessionStore, clock: Clock
) -> None:
    session = sessions.start()
    while clock.now + 600 < 1000.0 + MAX_SECONDS:
        clock.now += 600
        assert sessions.get(session.id) is session
    clock.now = 1000.0 + MAX_SECONDS + 1
    assert sessions.get(session.id) is None


def test_each_session_has_its_own_random_id_and_csrf_token(sessions: SessionStore) -> None:
    a, b = sessions.start(), sessions.start()
    assert len({a.id, b.id, a.csrf, b.csrf}) == 4
    assert min(len(a.id), len(a.csrf)) >= 40
    sessions.end(a.id)
    assert sessions.get(a.id) is None and sessions.get(b.id) is b


def test_wrong_tokens_are_counted_for_a_minute(sessions: SessionStore, clock: Clock) -> None:
    for _ in range(FAILED_LOGINS_PER_MINUTE - 1):
        sessions.note_failed_login()
    assert not sessions.too_many_failed_logins()
    sessions.note_failed_login()
    assert sessions.too_many_failed_logins()
    clock.now += 61
    assert not sessions.too_many_failed_logins()


def _refusal(sessions: SessionStore, path: str, cookies: dict, body: bytes, **settings):
    configured = Settings(**{"token": "t", **settings})
    return form_refusal(sessions, configured, path, FORM, cookies, body)


def test_a_form_post_passes_only_with_its_session_and_csrf_token(
    sessions: SessionStore,
) -> None:
    session = sessions.start()
    cookie = {SESSION_COOKIE: session.id}
    good = f"csrf={session.csrf}&reden=x".encode()
    assert _refusal(sessions, "/bewerken/actoren", cookie, good) is None
    for cookies, body in [
        (cookie, b"reden=x"),
        (cookie, b"csrf=&reden=x"),
        (cookie, b"csrf=" + sessions.start().csrf.encode()),  # another session's token
        ({}, good),
        ({SESSION_COOKIE: "verzonnen"}, good),
    ]:
        refusal = _refusal(sessions, "/bewerken/actoren", cookies, body)
        assert refusal is not None and refusal.status == 403, (cookies, body)
    not_a_form = form_refusal(
        sessions,
        Settings(token="t"),
        "/bewerken/actoren",
        {"content-type": "application/json"},
        cookie,
        good,
    )
    assert not_a_form is not None and not_a_form.status == 415
    assert _refusal(sessions, "/bewerken/actoren", cookie, b"csrf=%ff").status == 400


def test_the_sign_in_form_passes_with_the_value_of_its_own_cookie(
    sessions: SessionStore,
) -> None:
    assert _refusal(sessions, "/inloggen", {LOGIN_COOKIE: "abc"}, b"csrf=abc&token=t") is None
    assert _refusal(sessions, "/inloggen", {LOGIN_COOKIE: "abc"}, b"csrf=abd").status == 403
    assert _refusal(sessions, "/inloggen", {}, b"csrf=abc").status == 403


def test_a_server_without_edits_refuses_every_form_and_says_why(
    sessions: SessionStore,
) -> None:
    session = sessions.start()
    body = f"csrf={session.csrf}".encode()
    cookie = {SESSION_COOKIE: session.id}
    no_token = _refusal(sessions, "/bewerken/actoren", cookie, body, token=None)
    assert no_token.status == 403 and "geen schrijftoken" in no_token.message
    reader = _refusal(sessions, "/bewerken/actoren", cookie, body, read_only=True)
    assert reader.status == 503 and "--alleen-lezen" in reader.message


def test_the_form_paths_are_the_pages_not_the_api() -> None:
    assert all(
        is_form_path(p)
        for p in ["/inloggen", "/uitloggen", "/bewerken/actoren/x", "/wijzigingen/e/ongedaan-maken"]
    )
    assert not any(is_form_path(p) for p in ["/api/edits/actors", "/sparql", "/bewerkenx", "/"])
