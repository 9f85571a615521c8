"""Can an edit through the API put a control character in the store? No: it is refused
in Dutch, naming the field, the store stays as it was, and every export still works."""

import json

import pytest
from fastapi.testclient import TestClient

ACTOR = {
    "registratie": {
        "id": "test-buurtteam",
        "label": "Buurtteam Test",
        "type": "buurtteam",
        "scale": "lokaal",
        "area": ["hilversum"],
        "source": ["003 §4"],
    },
    "reden": "Test: een nieuw buurtteam.",
}


def _with(field: str, value: object) -> dict:
    return {**ACTOR, "registratie": {**ACTOR["registratie"], field: value}}


def _triples(client: TestClient) -> int:
    return client.get("/health").json()["triples"]


@pytest.mark.slow
def test_a_label_with_a_control_character_is_refused_and_nothing_changes(
    editor: TestClient, auth: dict[str, str]
) -> None:
    before = _triples(editor)
    response = editor.post("/api/edits/actors", json=_with("label", "A\x04B"), headers=auth)
    assert response.status_code == 422, response.text
    body = response.json()
    assert "label tekst bevat een stuurteken (U+0004) op positie 2" in body["fout"]
    assert [(d["veld"], d["controle"]) for d in body["details"]] == [("label", "teken")]
    assert _triples(editor) == before
    assert editor.get("/api/edits").json() == []
    assert editor.get("/api/export", params={"format": "xlsx"}).status_code == 200


@pytest.mark.slow
def test_every_kind_of_forbidden_character_is_refused_in_an_update(
    editor: TestClient, auth: dict[str, str]
) -> None:
    before = _triples(editor)
    for text in ("\x1b[31m", "tab\x7f", "C1 \x85", "\ufffe", "\ud800"):
        body = {**_with("description", f"Omschrijving {text} einde"), "reden": "Test."}
        body["registratie"].pop("id")
        # As JSON escapes: a lone surrogate cannot be encoded as UTF-8 by the client.
        response = editor.put(
            "/api/edits/actors/veilig-thuis",
            content=json.dumps(body),
            headers={**auth, "Content-Type": "application/json"},
        )
        assert response.status_code == 422, (text, response.text)
        # (pydantic itself refuses a lone surrogate: "moet tekst in UTF-8 zijn")
        assert "description" in response.json()["fout"]
    assert _triples(editor) == before


@pytest.mark.slow
def test_a_description_may_span_lines_but_a_label_may_not(
    editor: TestClient, auth: dict[str, str]
) -> None:
    two_lines = editor.post("/api/edits/actors", json=_with("label", "Buurt\nteam"), headers=auth)
    assert two_lines.status_code == 422
    assert "regeleinde" in two_lines.json()["fout"]
    described = _with("description", "Regel 1.\nRegel 2.")
    assert editor.post("/api/edits/actors", json=described, headers=auth).status_code == 201
    for fmt in ("xlsx", "graphml", "gexf"):
        assert editor.get("/api/export", params={"format": fmt}).status_code == 200, fmt


@pytest.mark.slow
def test_the_reason_of_an_edit_is_held_to_the_same_rule(
    editor: TestClient, auth: dict[str, str]
) -> None:
    before = _triples(editor)
    response = editor.post(
        "/api/edits/actors", json={**ACTOR, "reden": "Omdat\x00 het kan."}, headers=auth
    )
    assert response.status_code == 422, response.text
    assert "reden tekst bevat een stuurteken (U+0000)" in response.json()["fout"]
    assert _triples(editor) == before
