"""The editing pages: sign in with the token once, change records in forms with a CSRF
token and a reason, see each edit with its diff on /wijzigingen, and undo it."""

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import TOKEN, settings_for
from fastapi.testclient import TestClient

from zorgnet.api.app import create_app
from zorgnet.api.routers.page_edit import FIELD_LABELS, KINDS
from zorgnet.api.sessions import LOGIN_COOKIE, SESSION_COOKIE
from zorgnet.ontology.namespace import ID
from zorgnet.ontology.schema import record_kinds

VEILIG_THUIS = {
    "label": "Veilig Thuis Gooi en Vechtstreek",
    "type": "veilig-thuis",
    "scale": "regionaal",
    "area": "gooi-en-vechtstreek",
    "partOf": "regio-gooi-en-vechtstreek",
    "domain": ["jeugd", "veiligheid"],
    "source": "003 §4, afspraak 2",
    "asOf": "2021",
    "description": "Advies- en meldpunt huiselijk geweld en kindermishandeling (AMHK), "
    "resultaatverantwoordelijke eenheid van de Regio; mag spoedeisende hulp inzetten.",
}
HISTORY = (str(ID["edit/"]), str(ID["agent/"]))
PROV = "http://www.w3.org/ns/prov#"
ROLE = "team jeugd Huizen"


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(client: TestClient, token: str = TOKEN) -> str:
    """Sign in through the form; the session's CSRF token."""
    form = client.get("/inloggen")
    answer = client.post(
        "/inloggen",
        data={"csrf": _csrf(form.text), "functie": ROLE, "token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return _csrf(client.get("/uitloggen").text)


def _data_triples(client: TestClient) -> int:
    """The triples of the data, without those of the edit history (and the record's
    prov:wasAttributedTo, which names the last edit's agent)."""
    graph = client.app.state.service.open().graph()
    return sum(
        1 for s, p, _ in graph if not str(s).startswith(HISTORY) and not str(p).startswith(PROV)
    )


def _field(html: str, name: str) -> str:
    """The HTML of the form field *name* (its label, errors and input)."""
    start = html.rindex("<", 0, html.index(f'id="veld-{name}"'))
    end = html.find('id="veld-', html.index(f'id="veld-{name}"') + 10)
    return html[start : html.rindex("<", 0, end) if end != -1 else len(html)]


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def app_client(store_copy: Path) -> TestClient:
    with TestClient(create_app(settings_for(store_copy, token=TOKEN))) as client:
        yield client


def test_signing_in_sets_an_httponly_strict_cookie_without_the_token(
    app_client: TestClient,
) -> None:
    form = app_client.get("/inloggen")
    assert form.status_code == 200
    assert form.headers["cache-control"] == "no-store"
    answer = app_client.post(
        "/inloggen",
        data={"csrf": _csrf(form.text), "functie": ROLE, "token": TOKEN},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/wijzigingen"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE))
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in attributes and "samesite=strict" in attributes
    assert "path=/" in attributes and "max-age=28800" in attributes
    assert "secure" not in attributes  # plain http: a browser would not send it back
    value = cookie.split(";", 1)[0].split("=", 1)[1]
    assert TOKEN not in cookie and len(value) >= 40
    # The value is a random id, not something made from the token.
    app_client.cookies.clear()
    again = app_client.get("/inloggen")
    second = app_client.post(
        "/inloggen",
        data={"csrf": _csrf(again.text), "functie": ROLE, "token": TOKEN},
        follow_redirects=False,
    )
    assert second.cookies[SESSION_COOKIE] != value


def test_over_https_the_cookies_are_secure(store_copy: Path) -> None:
    app = create_app(settings_for(store_copy, token=TOKEN))
    with TestClient(app, base_url="https://zorgnet.example") as client:
        form = client.get("/inloggen")
        assert "secure" in form.headers["set-cookie"].lower()
        answer = client.post(
            "/inloggen",
            data={"csrf": _csrf(form.text), "functie": ROLE, "token": TOKEN},
            follow_redirects=False,
        )
        session = next(
            c for c in answer.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE)
        )
        assert "; secure" in session.lower()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Vul uw functie of team in, bijvoorbeeld 'beleidsadviseur jeugd Huizen'."),
        ("  ", "Vul uw functie of team in, bijvoorbeeld 'beleidsadviseur jeugd Huizen'."),
        ("x" * 61, "Gebruik hoogstens 60 tekens voor uw functie of team."),
        ("<script>", "Gebruik alleen letters, cijfers, spaties"),
    ],
)
def test_signing_in_asks_a_function_or_team(
    app_client: TestClient, typed: str, message: str
) -> None:
    form = app_client.get("/inloggen")
    assert 'name="functie"' in form.text and "ZORGNET_TOKEN" not in form.text
    assert "Uw functie of team (verplicht)" in form.text
    assert "het schrijftoken dat u van de beheerder kreeg" in _text(form.text)
    answer = app_client.post(
        "/inloggen",
        data={"csrf": _csrf(form.text), "functie": typed, "token": TOKEN},
        follow_redirects=False,
    )
    assert answer.status_code == 422
    assert SESSION_COOKIE not in answer.cookies
    box = re.search(r'<input[^>]*name="functie"[^>]*>', answer.text).group(0)
    assert 'aria-invalid="true"' in box and "fout-functie" in box
    error = re.search(r'id="fout-functie">(.*?)</div>', answer.text, re.S).group(1)
    assert message in _text(error)


def test_edits_and_undos_are_by_the_function_signed_in_with(app_client: TestClient) -> None:
    csrf = sign_in(app_client)
    assert f"U bent ingelogd als {ROLE}." in _text(app_client.get("/inloggen").text)
    data = {**VEILIG_THUIS, "csrf": csrf, "label": "Tijdelijke naam", "reden": "Test."}
    app_client.post("/bewerken/actoren/veilig-thuis", data=data)
    [edit] = app_client.get("/api/edits").json()
    assert edit["door"] == ROLE
    app_client.post(
        f"/wijzigingen/{edit['id']}/ongedaan-maken", data={"csrf": csrf, "reden": "Toch niet."}
    )
    assert [e["door"] for e in app_client.get("/api/edits").json()] == [ROLE, ROLE]
    assert _text(app_client.get("/wijzigingen").text).count(f"door {ROLE}") == 2


def test_a_wrong_token_gets_a_dutch_error_without_a_hint_and_no_session(
    app_client: TestClient,
) -> None:
    form = app_client.get("/inloggen")
    almost = TOKEN[:-1] + "x"
    answer = app_client.post(
        "/inloggen", data={"csrf": _csrf(form.text), "functie": ROLE, "token": almost}
    )
    assert answer.status_code == 403
    alert = re.search(r'utrecht-alert--error" role="alert">(.*?)</div>\s*</div>', answer.text, re.S)
    assert _text(alert.group(1)).strip() == "Dit token is niet juist."
    assert almost not in answer.text and TOKEN not in answer.text
    assert SESSION_COOKIE not in answer.headers.get("set-cookie", "")
    assert (
        app_client.get("/bewerken/actoren/veilig-thuis", follow_redirects=False).status_code == 303
    )


def test_guessing_the_token_is_stopped_after_five_tries_a_minute(app_client: TestClient) -> None:
    for _ in range(5):
        form = app_client.get("/inloggen")
        app_client.post(
            "/inloggen", data={"csrf": _csrf(form.text), "functie": ROLE, "token": "raden"}
        )
    form = app_client.get("/inloggen")
    answer = app_client.post(
        "/inloggen", data={"csrf": _csrf(form.text), "functie": ROLE, "token": TOKEN}
    )
    assert answer.status_code == 429
    assert "Wacht een minuut" in answer.text
    assert SESSION_COOKIE not in answer.headers.get("set-cookie", "")


def test_the_sign_in_form_needs_its_own_csrf_cookie(app_client: TestClient) -> None:
    app_client.get("/inloggen")
    app_client.cookies.delete(LOGIN_COOKIE, path="/inloggen")
    answer = app_client.post("/inloggen", data={"csrf": "iets", "token": TOKEN})
    assert answer.status_code == 403
    assert "Dit formulier is verlopen" in answer.text
    assert SESSION_COOKIE not in answer.headers.get("set-cookie", "")


def test_sign_in_returns_only_to_a_page_of_this_site(app_client: TestClient) -> None:
    for back, expected in [
        ("/bewerken/actoren/huisarts", "/bewerken/actoren/huisarts"),
        ("https://elders.example/", "/wijzigingen"),
        ("//elders.example/", "/wijzigingen"),
    ]:
        app_client.cookies.clear()
        form = app_client.get("/inloggen")
        answer = app_client.post(
            "/inloggen",
            data={"csrf": _csrf(form.text), "functie": ROLE, "token": TOKEN, "terug": back},
            follow_redirects=False,
        )
        assert answer.headers["location"] == expected


def test_a_form_post_without_or_with_a_wrong_csrf_token_is_refused_in_dutch(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client)
    before = _data_triples(app_client)
    fields = {**VEILIG_THUIS, "label": "Zonder CSRF", "reden": "Test zonder CSRF."}
    for extra in ({}, {"csrf": csrf[:-2] + "xx"}, {"csrf": ""}):
        answer = app_client.post("/bewerken/actoren/veilig-thuis", data={**fields, **extra})
        assert answer.status_code == 403
        assert "Dit formulier is verlopen of komt niet van deze website" in answer.text
        assert '<html lang="nl"' in answer.text
    undo = app_client.post("/wijzigingen/x/ongedaan-maken", data={"reden": "Zonder CSRF."})
    assert undo.status_code == 403
    assert app_client.post("/uitloggen", data={"terug": "/"}).status_code == 403
    assert app_client.post("/uitloggen").status_code == 415  # not even a form
    assert _data_triples(app_client) == before
    assert app_client.get("/api/edits").json() == []
    assert "Zonder CSRF" not in app_client.get("/actoren/veilig-thuis").text


def test_a_form_post_without_a_session_is_refused_before_it_is_read(
    app_client: TestClient,
) -> None:
    answer = app_client.post(
        "/bewerken/actoren/veilig-thuis", data={**VEILIG_THUIS, "csrf": "x", "reden": "Test."}
    )
    assert answer.status_code == 403
    assert "U bent niet ingelogd, of uw sessie is verlopen" in answer.text


def test_the_json_api_keeps_its_bearer_token_and_takes_no_session(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client)
    body = {"registratie": {"label": "x"}, "reden": "Met een sessie, zonder token."}
    answer = app_client.put(
        "/api/edits/actors/veilig-thuis", json=body, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 401


def test_a_form_body_over_the_cap_is_refused(store_copy: Path) -> None:
    app = create_app(settings_for(store_copy, token=TOKEN, edit_max_body=2000))
    with TestClient(app) as client:
        csrf = sign_in(client)
        data = {**VEILIG_THUIS, "csrf": csrf, "reden": "Te lang.", "description": "x" * 3000}
        answer = client.post("/bewerken/actoren/veilig-thuis", data=data)
        assert answer.status_code == 413
        assert "groter dan 2000 bytes" in answer.json()["fout"]


def test_the_form_offers_the_vocabularies_by_their_dutch_labels(app_client: TestClient) -> None:
    sign_in(app_client)
    page = app_client.get("/bewerken/relaties?from=huisarts")
    assert page.status_code == 200
    assert '<option value="huisarts" selected>huisarts</option>' in _field(page.text, "from")
    assert '<option value="veilig-thuis">Veilig Thuis Gooi en Vechtstreek</option>' in _field(
        page.text, "to"
    )
    assert '<option value="werkt-samen">werkt samen</option>' in _field(page.text, "kind")
    legal = _field(page.text, "legalBasis")
    assert (
        'value="wmo-2015"' in legal and ">Wet maatschappelijke ondersteuning 2015</label>" in legal
    )
    assert "Wettelijke basis" in legal
    areas = _field(page.text, "area")
    assert 'value="gooise-meren"' in areas and ">Gooise Meren</label>" in areas
    # Every field a shape gives these records has a Dutch label on the form.
    for kind in KINDS.values():
        assert set(record_kinds()[kind.key].fields) <= set(FIELD_LABELS)


def test_the_change_form_is_filled_in_with_what_is_stored(app_client: TestClient) -> None:
    sign_in(app_client)
    page = app_client.get("/bewerken/actoren/veilig-thuis").text
    assert 'value="Veilig Thuis Gooi en Vechtstreek"' in _field(page, "label")
    assert '<option value="regionaal" selected>' in _field(page, "scale")
    assert 'value="veiligheid" checked' in _field(page, "domain")
    assert ">003 §4, afspraak 2</textarea>" in _field(page, "source")
    unknown = app_client.get("/bewerken/actoren/veilig-thuuis")
    assert unknown.status_code == 404
    assert "veilig-thuis" in unknown.text
    assert app_client.get("/bewerken/onzin").status_code == 404


def test_a_wrong_value_is_shown_beside_its_field_in_dutch_and_nothing_is_stored(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client)
    before = _data_triples(app_client)
    data = {**VEILIG_THUIS, "csrf": csrf, "asOf": "twintig", "reden": "Test met een fout."}
    answer = app_client.post("/bewerken/actoren/veilig-thuis", data=data)
    assert answer.status_code == 422
    field = _field(answer.text, "asOf")
    assert "utrecht-form-field--invalid" in field and 'aria-invalid="true"' in field
    assert "moet een geheel getal zijn" in _text(field)
    assert 'value="twintig"' in field  # what was typed stays, to be corrected
    assert "utrecht-form-field--invalid" not in _field(answer.text, "label")
    assert "De wijziging is niet opgeslagen" in answer.text

    # The checks of the edit function itself: a reference that does not exist, a source
    # section that is not in the register.
    data = {**VEILIG_THUIS, "csrf": csrf, "partOf": "regio-gooi", "reden": "Test met een fout."}
    data["source"] = "003 §99"
    answer = app_client.post("/bewerken/actoren/veilig-thuis", data=data)
    assert answer.status_code == 422
    assert "verwijzing naar onbekende id 'regio-gooi'" in _text(_field(answer.text, "partOf"))
    assert "bron '003 §99' staat niet in bronnen.yaml" in _text(_field(answer.text, "source"))

    short = {**VEILIG_THUIS, "csrf": csrf, "reden": "ok"}
    answer = app_client.post("/bewerken/actoren/veilig-thuis", data=short)
    assert answer.status_code == 422
    assert "Geef een reden van minstens 3 tekens." in _text(_field(answer.text, "reden"))

    assert _data_triples(app_client) == before
    assert app_client.get("/api/edits").json() == []


def test_an_edit_with_its_reason_shows_on_the_actor_page_and_in_the_list_with_its_diff(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client)
    data = {
        **VEILIG_THUIS,
        "csrf": csrf,
        "label": "Veilig Thuis (nieuwe naam)",
        "domain": ["jeugd", "veiligheid", "wmo"],
        "reden": "Nieuwe naam volgens de website.",
    }
    answer = app_client.post("/bewerken/actoren/veilig-thuis", data=data)
    assert answer.status_code == 200
    assert str(answer.url).endswith("/actoren/veilig-thuis?gewijzigd=1")
    assert ">Veilig Thuis (nieuwe naam)</h1>" in answer.text
    assert "De wijziging is opgeslagen" in answer.text

    page = app_client.get("/wijzigingen").text
    entry = page[page.index('class="zn-card zn-edit-entry"') :]
    text = _text(entry)
    assert "Actor gewijzigd: Veilig Thuis (nieuwe naam)" in text
    assert "door team jeugd Huizen" in text
    assert "Reden: Nieuwe naam volgens de website." in text
    assert "Naam Veilig Thuis Gooi en Vechtstreek Veilig Thuis (nieuwe naam)" in text
    assert "Domeinen jeugd; veiligheid jeugd; veiligheid; Wmo" in text
    assert "Schaal" not in text  # unchanged fields are not in the diff
    assert "Maak ongedaan" in text


def test_a_new_actor_is_added_and_its_id_typed_in_capitals_is_taken_as_lower_case(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client)
    form = app_client.get("/bewerken/actoren")
    assert form.status_code == 200 and 'id="veld-id"' in form.text
    data = {
        "csrf": csrf,
        "id": "Test-Inloop-Huizen",
        "label": "Inloop Huizen (test)",
        "type": "welzijnsorganisatie",
        "scale": "lokaal",
        "area": "huizen",
        "access": "voorveld",
        "source": "002 §3.3",
        "reden": "Test: een nieuwe inloop.",
    }
    answer = app_client.post("/bewerken/actoren", data=data)
    assert answer.status_code == 200, _text(answer.text)[:2000]
    assert str(answer.url).endswith("/actoren/test-inloop-huizen?gewijzigd=1")
    assert ">Inloop Huizen (test)</h1>" in answer.text
    listed = _text(app_client.get("/wijzigingen").text)
    assert "Actor toegevoegd: Inloop Huizen (test)" in listed
    assert "Toegang (leeg) voorveld (zonder verwijzing)" in listed


def test_a_relation_membership_and_mandate_are_added_through_their_forms(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client)
    forms = [
        (
            "relaties",
            {"id": "test-vt-meldt-ca", "from": "veilig-thuis", "to": "ca-team", "kind": "meldt"},
        ),
        (
            "bevoegdheden",
            {"id": "test-vt-verwijzen", "holder": "veilig-thuis", "power": "verwijzen"},
        ),
        (
            "lidmaatschappen",
            {
                "id": "test-vt-in-buurtteams",
                "team": "buurtteams-hilversum",
                "member": "veilig-thuis",
                "membershipStatus": "verbonden",
            },
        ),
    ]
    for segment, fields in forms:
        data = {**fields, "source": "003 §4", "csrf": csrf, "reden": "Test: toevoegen."}
        answer = app_client.post(f"/bewerken/{segment}", data=data)
        assert answer.status_code == 200, _text(answer.text)[:2000]
        assert str(answer.url).endswith("/actoren/veilig-thuis?gewijzigd=1")
    actor = app_client.get("/api/actors/veilig-thuis").json()
    assert "test-vt-meldt-ca" in [r["id"] for r in actor["relations_out"]]
    assert "test-vt-verwijzen" in [m["id"] for m in actor["mandates"]]
    assert "test-vt-in-buurtteams" in [m["id"] for m in actor["memberships"]]
    again = app_client.post("/bewerken/relaties", data={**data, **forms[0][1]})
    assert again.status_code == 409
    assert "al in gebruik" in _text(_field(again.text, "id"))


def test_undo_restores_the_earlier_value_and_the_triple_count(app_client: TestClient) -> None:
    csrf = sign_in(app_client)
    before = _data_triples(app_client)
    data = {**VEILIG_THUIS, "csrf": csrf, "label": "Tijdelijke naam", "reden": "Test."}
    app_client.post("/bewerken/actoren/veilig-thuis", data=data)
    assert _data_triples(app_client) == before  # same fields, another name
    page = app_client.get("/wijzigingen").text
    edit_id = re.search(r'action="/wijzigingen/([^/"]+)/ongedaan-maken"', page).group(1)

    refused = app_client.post(
        f"/wijzigingen/{edit_id}/ongedaan-maken", data={"csrf": csrf, "reden": ""}
    )
    assert refused.status_code == 422
    assert "Fout: Geef een reden van minstens 3 tekens." in _text(refused.text)
    assert "teken(s)" not in refused.text
    box = re.search(r'<input[^>]*name="reden"[^>]*>', refused.text).group(0)
    assert " required" in box and 'aria-invalid="true"' in box
    assert "Tijdelijke naam" in app_client.get("/actoren/veilig-thuis").text

    answer = app_client.post(
        f"/wijzigingen/{edit_id}/ongedaan-maken", data={"csrf": csrf, "reden": "Toch niet."}
    )
    assert answer.status_code == 200
    assert "De wijziging is ongedaan gemaakt" in answer.text
    actor = app_client.get("/actoren/veilig-thuis").text
    assert ">Veilig Thuis Gooi en Vechtstreek</h1>" in actor
    assert _data_triples(app_client) == before
    text = _text(answer.text)
    assert "Wijziging ongedaan gemaakt: Veilig Thuis Gooi en Vechtstreek" in text
    assert "Reden: Toch niet." in text
    # The undone edit has no button any more: undoing it again would clash.
    assert f"/wijzigingen/{edit_id}/ongedaan-maken" not in answer.text
    again = app_client.post(
        f"/wijzigingen/{edit_id}/ongedaan-maken", data={"csrf": csrf, "reden": "Nog eens."}
    )
    assert again.status_code == 409
    assert "maak eerst de latere wijzigingen ongedaan" in _text(again.text)


def test_edit_links_show_only_to_a_signed_in_editor(app_client: TestClient) -> None:
    assert "/bewerken/" not in app_client.get("/actoren/veilig-thuis").text
    login = app_client.get("/bewerken/actoren/veilig-thuis", follow_redirects=False)
    assert login.status_code == 303
    assert login.headers["location"] == "/inloggen?terug=/bewerken/actoren/veilig-thuis"
    csrf = sign_in(app_client)
    page = app_client.get("/actoren/veilig-thuis").text
    assert 'href="/bewerken/actoren/veilig-thuis">Wijzig deze actor' in page
    assert 'href="/bewerken/relaties?from=veilig-thuis"' in page
    assert re.search(r'href="/bewerken/bevoegdheden/[a-z0-9-]+" aria-label="Wijzig de ', page)

    signed_out = app_client.post("/uitloggen", data={"csrf": csrf})
    assert "U bent uitgelogd" in signed_out.text
    assert f'{SESSION_COOKIE}=""' in signed_out.headers["set-cookie"]
    assert "/bewerken/" not in app_client.get("/actoren/veilig-thuis").text


def test_a_server_without_a_token_says_editing_is_not_possible_here(client: TestClient) -> None:
    for path in ("/inloggen", "/bewerken/actoren/veilig-thuis", "/wijzigingen"):
        page = client.get(path)
        assert page.status_code == 200
        assert "er is bij de start geen schrijftoken ingesteld" in page.text
    assert 'name="token"' not in client.get("/inloggen").text
    refused = client.post("/inloggen", data={"csrf": "x", "token": "x"})
    assert refused.status_code == 403
    assert "geen schrijftoken" in refused.text


def test_a_reading_server_says_editing_is_not_possible_here(store_copy: Path) -> None:
    writer = create_app(settings_for(store_copy, token=TOKEN))
    reader = create_app(settings_for(store_copy, token=TOKEN, read_only=True))
    with TestClient(writer), TestClient(reader) as client:
        for path in ("/inloggen", "/bewerken/actoren/veilig-thuis", "/wijzigingen"):
            page = client.get(path)
            assert page.status_code == 200
            assert "hij leest alleen mee met de server die de gegevens opslaat" in page.text
        assert 'name="token"' not in client.get("/inloggen").text
        refused = client.post("/inloggen", data={"csrf": "x", "token": TOKEN})
        assert refused.status_code == 503
        assert "--alleen-lezen" in refused.text


def test_the_list_of_edits_says_when_there_are_none(client: TestClient) -> None:
    page = client.get("/wijzigingen")
    assert page.status_code == 200
    assert "Er zijn nog geen wijzigingen" in page.text
    assert 'aria-current="page"' in page.text.split('href="/wijzigingen"', 1)[1][:40]
