"""Every error the web app gives: RFC 9457 problem details (``application/problem+json``)
with a Dutch ``title`` and ``detail`` and the earlier ``fout``, declared in the OpenAPI
schema, and for a method a path does not take, an ``Allow`` with all that it takes."""

import re
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from zorgnet.api.app import create_app
from zorgnet.api.cors import read_methods

PROBLEM = "application/problem+json"
PROBLEM_MEMBERS = ("type", "title", "status", "detail", "instance", "fout")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
# What pydantic and Starlette say in English; none of it may reach a client.
ENGLISH = (
    "Field required",
    "Input should",
    "String should",
    "JSON decode error",
    "There was an error parsing the body",
    "Not Found",
    "Method Not Allowed",
    "Internal Server Error",
    "Successful Response",
)


def _url(template: str) -> str:
    """A path of *template* with a plausible value for each parameter."""
    return re.sub(r"\{[^}]+\}", "voorbeeld", template)


def _schema_methods(paths: dict, url: str) -> set[str]:
    """The methods the schema lists for every path template that *url* is an instance of."""
    found: set[str] = set()
    for template, item in paths.items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), url):
            found |= {method.upper() for method in item if method.upper() in METHODS}
    return found


def _english(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def _problem(status: int, title: str, detail: str, instance: str) -> dict[str, object]:
    """The problem details the app answers, with ``fout`` repeating ``detail``."""
    return {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        "fout": detail,
    }


@pytest.mark.slow
def test_every_405_lists_every_method_the_schema_gives_the_path(
    editor: TestClient, auth: dict[str, str]
) -> None:
    paths = editor.get("/openapi.json").json()["paths"]
    checked = 0
    for template in paths:
        url = _url(template)
        allowed = _schema_methods(paths, url)
        # HEAD and OPTIONS of the read endpoints are answered in front of the app.
        answered = {"HEAD", "OPTIONS"} if read_methods(url) else set()
        for method in sorted(set(METHODS) - allowed - answered):
            response = editor.request(method, url, headers=auth)
            assert response.status_code == 405, (method, url, response.text)
            allow = {m.strip() for m in response.headers["allow"].split(",")}
            assert allow == allowed | (answered if "GET" in allowed else {"OPTIONS"}), (
                method,
                url,
            )
            if method != "HEAD":
                assert response.headers["content-type"] == PROBLEM
                assert response.json()["title"] == "Methode niet toegestaan"
                assert response.json()["fout"] == (
                    f"De methode {method} is hier niet toegestaan. "
                    f"Toegestaan: {response.headers['allow']}."
                )
            checked += 1
    assert checked > 100
    # The two paths with more than one method, which Starlette answered with one.
    assert editor.put("/sparql").headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert set(editor.get("/api/edits/actors/x", headers=auth).headers["allow"].split(", ")) == {
        "PUT",
        "DELETE",
        "OPTIONS",
    }


@pytest.mark.slow
def test_a_body_that_is_not_utf8_is_a_dutch_400_the_schema_declares(
    editor: TestClient, auth: dict[str, str]
) -> None:
    response = editor.post(
        "/api/edits/actors",
        content=b'{"reden": "\xff"}',
        headers={**auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == _problem(
        400,
        "Ongeldig verzoek",
        "Het verzoek kan niet worden gelezen. Stuur geldige JSON (in UTF-8) met "
        "'Content-Type: application/json'.",
        "/api/edits/actors",
    )
    declared = editor.get("/openapi.json").json()["paths"]["/api/edits/{kind}"]["post"]
    assert declared["responses"]["400"]["content"] == {
        PROBLEM: {"schema": {"$ref": "#/components/schemas/Error"}}
    }


def test_broken_json_is_a_dutch_422(editor: TestClient, auth: dict[str, str]) -> None:
    response = editor.post(
        "/api/edits/actors",
        content=b'{"reden": ',
        headers={**auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["fout"] == "Ongeldige invoer: het verzoek is geen geldige JSON (fout bij teken 10)."
    assert body["details"] == [
        {"veld": "", "melding": "is geen geldige JSON (fout bij teken 10)", "soort": "json_invalid"}
    ]


def test_bad_parameters_name_each_field_and_what_is_wrong_in_dutch(client: TestClient) -> None:
    response = client.get("/api/actors", params={"limit": "veel", "offset": -1})
    assert response.status_code == 422
    body = response.json()
    assert body["fout"] == (
        "Ongeldige invoer: offset moet minstens 0 zijn; limit moet een geheel getal zijn."
    )
    assert {(d["veld"], d["melding"]) for d in body["details"]} == {
        ("offset", "moet minstens 0 zijn"),
        ("limit", "moet een geheel getal zijn"),
    }
    choice = client.get("/api/export", params={"format": "xml"}).json()
    assert choice["details"][0]["melding"] == (
        "moet een van deze waarden zijn: 'turtle', 'ntriples', 'jsonld', 'hsds', 'fhir', 'xlsx', "
        "'graphml' of 'gexf'"
    )
    too_long = client.get("/api/actors", params={"q": "x" * 201}).json()
    assert too_long["details"][0]["melding"] == "is te lang: hoogstens 200 tekens"


def test_a_record_with_missing_fields_names_them_in_dutch(
    editor: TestClient, auth: dict[str, str]
) -> None:
    response = editor.post(
        "/api/edits/actors", json={"registratie": {"id": "nieuw"}, "reden": "Test."}, headers=auth
    )
    assert response.status_code == 422
    body = response.json()
    assert body["fout"].startswith("Ongeldige registratie: registratie.label ontbreekt: ")
    assert ("registratie.label", "ontbreekt: dit veld is verplicht") in {
        (d["veld"], d["melding"]) for d in body["details"]
    }
    assert _english(response.text) == []
    wrong_kinds = editor.post(
        "/api/edits/actors", json={"registratie": [], "reden": 5}, headers=auth
    ).json()
    assert wrong_kinds["fout"] == (
        "Ongeldige registratie: registratie moet een object zijn, tussen { en }; "
        "reden moet tekst zijn."
    )


def test_unknown_paths_and_static_files_are_dutch_404s(client: TestClient) -> None:
    for url in ("/bestaat-niet", "/static/bestaat-niet.css"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.headers["content-type"] == PROBLEM
        assert response.json() == _problem(404, "Niet gevonden", "Niet gevonden.", url)


@pytest.mark.slow
def test_an_unexpected_failure_is_a_dutch_500_in_json(store_copy, make_settings) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise RuntimeError("boom")

    app = create_app(make_settings(store_copy))
    app.add_api_route("/test-onverwacht", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/test-onverwacht")
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == _problem(
        500,
        "Fout in de server",
        "Er ging iets mis in de server. Probeer het later opnieuw.",
        "/test-onverwacht",
    )


def _provocations(operation: dict, method: str) -> list[tuple[bool, dict[str, Any]]]:
    """Requests that should each make *operation* answer an error, each as (whether it
    goes to the app whose store cannot be opened, its arguments): any request to that
    app; to the working app an unknown name in the path, every query parameter far too
    long, a body that is not UTF-8, a body over every cap."""
    parameters = operation.get("parameters", [])
    found: list[tuple[bool, dict[str, Any]]] = [(True, {})]
    if any(p["in"] == "path" for p in parameters):
        found.append((False, {}))
    query = {p["name"]: "x" * 1001 for p in parameters if p["in"] == "query"}
    if query:
        found.append((False, {"params": query}))
    if "requestBody" in operation:
        as_json = {"Content-Type": "application/json"}
        found.append((False, {"content": b'{"reden": "\xff"}', "headers": as_json}))
    if method != "GET":
        found.append((False, {"content": b"x" * 1_000_001}))
    return found


@pytest.mark.slow
def test_every_error_an_operation_answers_is_declared_as_the_dutch_error_model(
    editor: TestClient, auth: dict[str, str], tmp_path: Path, make_settings
) -> None:  # type: ignore[no-untyped-def]
    not_a_folder = tmp_path / "geen-map"
    not_a_folder.write_text("Hier kan geen opslag staan.")
    broken = TestClient(create_app(make_settings(not_a_folder)), raise_server_exceptions=False)
    schema = editor.get("/openapi.json").json()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    answered: set[str] = set()
    for template, item in schema["paths"].items():
        for method, operation in item.items():
            method = method.upper()
            for to_broken, arguments in _provocations(operation, method):
                headers = {**auth, **arguments.pop("headers", {})}
                response = (broken if to_broken else editor).request(
                    method, _url(template), headers=headers, **arguments
                )
                status = str(response.status_code)
                if response.status_code < 400:
                    continue
                answered.add(status)
                declared = operation["responses"].get(status)
                assert declared is not None, (method, template, status, response.text)
                assert declared["content"][PROBLEM]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }, (method, template, status)
                assert "application/json" not in declared["content"], (method, template)
                assert _english(declared["description"]) == [], (method, template, status)
                assert declared["description"] != HTTPStatus(int(status)).phrase
                if method == "HEAD":
                    continue
                assert response.headers["content-type"] == PROBLEM, (method, template)
                body = response.json()
                assert set(body) - {"suggesties", "details"} == set(PROBLEM_MEMBERS)
                assert body["status"] == response.status_code
                assert body["instance"] == _url(template)
                assert body["detail"] == body["fout"] and _english(response.text) == []
    # Each kind of error the app declares for every operation was provoked somewhere.
    assert {"400", "404", "413", "422", "503"} <= answered


@pytest.mark.slow
def test_an_unexpected_failure_of_a_page_is_a_dutch_html_page(store_copy, make_settings) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise RuntimeError("boom")

    app = create_app(make_settings(store_copy))
    app.add_api_route("/test-pagina-stuk", broken, include_in_schema=False)
    app.add_api_route("/api/test-stuk", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/test-pagina-stuk")
        browser = client.get("/test-pagina-stuk", headers={"Accept": "text/html,*/*;q=0.8"})
        # A browser's Accept (a JSON route refuses text/html alone with a 406).
        api = client.get("/api/test-stuk", headers={"Accept": "text/html,*/*;q=0.8"})
    for response in (page, browser):
        assert response.status_code == 500
        assert response.headers["content-type"].startswith("text/html")
        assert '<html lang="nl"' in response.text
        assert '<h1 class="utrecht-heading-1">Er ging iets mis</h1>' in response.text
        assert "Probeer het later opnieuw." in response.text
        assert "boom" not in response.text and "RuntimeError" not in response.text
    # The JSON API answers problem details, whatever the client accepts.
    assert api.status_code == 500
    assert api.headers["content-type"] == PROBLEM
    assert api.json()["detail"] == "Er ging iets mis in de server. Probeer het later opnieuw."


@pytest.mark.slow
def test_an_unknown_address_in_the_browser_is_a_dutch_page_not_json(
    store_copy, make_settings
) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(make_settings(store_copy))) as client:
        page = client.get("/bestaat-niet", headers={"Accept": "text/html,*/*;q=0.8"})
        api = client.get("/api/bestaat-niet", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert '<h1 class="utrecht-heading-1">Pagina niet gevonden</h1>' in page.text
    assert '<a class="utrecht-link" href="/">startpagina</a>' in page.text
    assert api.status_code == 404 and api.headers["content-type"] == PROBLEM
    assert api.json() == _problem(404, "Niet gevonden", "Niet gevonden.", "/api/bestaat-niet")


@pytest.mark.slow
def test_a_busy_store_on_a_page_is_a_dutch_page_with_retry_after(store_copy, make_settings) -> None:  # type: ignore[no-untyped-def]
    from zorgnet.core.sparql import SparqlBusy

    def busy() -> None:
        raise SparqlBusy("Het is nu te druk; probeer het over 5 seconden opnieuw.", retry_after=5)

    app = create_app(make_settings(store_copy))
    app.add_api_route("/test-pagina-druk", busy, include_in_schema=False)
    with TestClient(app) as client:
        page = client.get("/test-pagina-druk")
    assert page.status_code == 503 and page.headers["retry-after"] == "5"
    assert '<h1 class="utrecht-heading-1">Tijdelijk niet beschikbaar</h1>' in page.text
    assert "probeer het over 5 seconden opnieuw" in page.text


def test_the_openapi_document_declares_problem_details_and_every_export_format(
    client: TestClient,
) -> None:
    from zorgnet.formats import EXPORT_FORMATS, MEDIA_TYPES

    schema = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in str(schema)
    error_kinds = set()
    for template, item in schema["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert "application/json" not in response["content"], (method, template)
                    error_kinds.add(str(response["content"][PROBLEM]["schema"]))
    assert error_kinds == {"{'$ref': '#/components/schemas/Error'}"}
    members = schema["components"]["schemas"]["Error"]
    assert set(PROBLEM_MEMBERS) <= set(members["required"])
    assert {"suggesties", "details"} <= set(members["properties"])
    field = members["properties"]["details"]["items"]["$ref"].rsplit("/", 1)[-1]
    assert {"veld", "melding"} <= set(schema["components"]["schemas"][field]["required"])
    exports = schema["paths"]["/api/export"]["get"]["responses"]["200"]["content"]
    assert set(exports) == {MEDIA_TYPES[f] for f in EXPORT_FORMATS}
    assert all("schema" in body or "example" in body for body in exports.values())


def test_a_format_that_cannot_be_given_is_a_406_problem_in_dutch(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert (body["title"], body["status"], body["instance"]) == (
        "Formaat niet leverbaar",
        406,
        "/sparql",
    )
    wanted = (
        "Dit formaat kan hier niet worden gegeven (gevraagd: image/png). Kies uit: SPARQL-JSON "
        "(application/sparql-results+json of application/json), SPARQL-XML "
        "(application/sparql-results+xml of application/xml), CSV (text/csv), TSV "
        "(text/tab-separated-values)."
    )
    assert body["detail"] == body["fout"] == wanted
