"""Editing through the API: tokens, checks, history, undo, and persistence."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zorgnet.api.app import create_app

RELATION = {
    "registratie": {
        "id": "test-veilig-thuis-verwijst-huisarts",
        "from": "veilig-thuis",
        "to": "huisarts",
        "kind": "verwijst",
        "source": "003 §4",
    },
    "reden": "Test: een nieuwe verwijsrelatie.",
}


def _triples(client: TestClient) -> int:
    return client.get("/health").json()["triples"]


def test_without_a_configured_token_the_server_is_read_only(
    client: TestClient, auth: dict[str, str]
) -> None:
    before = _triples(client)
    response = client.post("/api/edits/relations", json=RELATION, headers=auth)
    assert response.status_code == 403
    assert "alleen-lezen" in response.json()["fout"]
    assert _triples(client) == before


@pytest.mark.slow
def test_a_missing_or_wrong_token_changes_nothing(editor: TestClient) -> None:
    before = _triples(editor)
    missing = editor.post("/api/edits/relations", json=RELATION)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = editor.post(
        "/api/edits/relations", json=RELATION, headers={"Authorization": "Bearer fout"}
    )
    assert wrong.status_code == 403
    assert editor.delete(
        "/api/edits/actors/veilig-thuis", params={}, headers={"Authorization": "Bearer x"}
    ).status_code in (403, 422)
    assert _triples(editor) == before
    assert editor.get("/api/edits").json() == []


@pytest.mark.slow
def test_a_relation_is_added_checked_and_recorded(editor: TestClient, auth: dict[str, str]) -> None:
    response = editor.post("/api/edits/relations", json=RELATION, headers=auth)
    assert response.status_code == 201, response.text
    edit = response.json()
    assert edit["action"] == "aanmaken" and edit["door"] == "beheerder"
    actor = editor.get("/api/actors/veilig-thuis").json()
    assert any(r["id"] == RELATION["registratie"]["id"] for r in actor["relations_out"])
    history = editor.get("/api/edits").json()
    assert history[0]["reden"] == RELATION["reden"]
    assert editor.post("/api/edits/relations", json=RELATION, headers=auth).status_code == 409


@pytest.mark.slow
def test_a_bad_reference_or_value_is_refused_with_hints(
    editor: TestClient, auth: dict[str, str]
) -> None:
    before = _triples(editor)
    bad = {**RELATION, "registratie": {**RELATION["registratie"], "to": "huisartss"}}
    response = editor.post("/api/edits/relations", json=bad, headers=auth)
    assert response.status_code == 422
    assert "bedoelde u: huisarts" in response.json()["fout"]
    wrong_kind = {**RELATION, "registratie": {**RELATION["registratie"], "kind": "verwijs"}}
    assert editor.post("/api/edits/relations", json=wrong_kind, headers=auth).status_code == 422
    no_reason = {"registratie": RELATION["registratie"]}
    assert editor.post("/api/edits/relations", json=no_reason, headers=auth).status_code == 422
    assert _triples(editor) == before


@pytest.mark.slow
def test_an_actor_is_updated_and_the_edit_undone(editor: TestClient, auth: dict[str, str]) -> None:
    record = editor.get("/api/actors/veilig-thuis").json()
    body = {
        "registratie": {
            "label": "Veilig Thuis (nieuwe naam)",
            "type": record["type"],
            "scale": record["scale"],
            "area": record["areas"],
            "source": ["003 §4"],
        },
        "reden": "Nieuwe naam.",
    }
    update = editor.put("/api/edits/actors/veilig-thuis", json=body, headers=auth)
    assert update.status_code == 200, update.text
    assert editor.get("/api/actors/veilig-thuis").json()["label"] == "Veilig Thuis (nieuwe naam)"
    undo = editor.post(
        f"/api/edits/{update.json()['id']}/undo", json={"reden": "Toch niet."}, headers=auth
    )
    assert undo.status_code == 201, undo.text
    assert undo.json()["undoes"] == update.json()["id"]
    assert editor.get("/api/actors/veilig-thuis").json()["label"] == record["label"]


def test_the_actor_answer_says_which_of_its_records_an_edit_changed_and_why(
    editor: TestClient, auth: dict[str, str]
) -> None:
    assert editor.get("/api/actors/veilig-thuis").json()["edits"] == []
    added = editor.post("/api/edits/relations", json=RELATION, headers=auth)
    assert added.status_code == 201, added.text
    edits = editor.get("/api/actors/veilig-thuis").json()["edits"]
    assert [(e["kind"], e["record"], e["created"]) for e in edits] == [
        ("relations", "test-veilig-thuis-verwijst-huisarts", True)
    ]
    assert (edits[0]["edit"], edits[0]["reason"]) == (added.json()["id"], RELATION["reden"])
    assert edits[0]["by"] and edits[0]["at"].startswith("20")
    # The other end of the relation says so too; an undo makes both say the sources again.
    huisarts = editor.get("/api/actors/huisarts").json()["edits"]
    assert [e["record"] for e in huisarts] == ["test-veilig-thuis-verwijst-huisarts"]
    undo = editor.post(
        f"/api/edits/{added.json()['id']}/undo", json={"reden": "Toch niet."}, headers=auth
    )
    assert undo.status_code == 201, undo.text
    assert editor.get("/api/actors/veilig-thuis").json()["edits"] == []


@pytest.mark.slow
def test_an_actor_others_refer_to_cannot_be_deleted(
    editor: TestClient, auth: dict[str, str]
) -> None:
    response = editor.request(
        "DELETE", "/api/edits/actors/veilig-thuis", json={"reden": "weg"}, headers=auth
    )
    assert response.status_code == 409
    assert "verwijst ernaar" in response.json()["fout"]
    missing = editor.request(
        "DELETE", "/api/edits/actors/veilig-thuuis", json={"reden": "weg"}, headers=auth
    )
    assert missing.status_code == 404


@pytest.mark.slow
def test_a_membership_and_a_mandate_are_added_and_deleted(
    editor: TestClient, auth: dict[str, str]
) -> None:
    mandate = {
        "registratie": {
            "id": "test-mandaat",
            "holder": "veilig-thuis",
            "power": "verwijzen",
            "source": "003 §4",
        },
        "reden": "Test.",
    }
    assert editor.post("/api/edits/mandates", json=mandate, headers=auth).status_code == 201
    deleted = editor.request(
        "DELETE", "/api/edits/mandates/test-mandaat", json={"reden": "Test weg."}, headers=auth
    )
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["before"]["holder"] == "veilig-thuis"


@pytest.mark.slow
def test_an_edit_is_still_there_after_a_restart(
    store_copy: Path, make_settings, auth: dict[str, str]
) -> None:
    settings = make_settings(store_copy, token=auth["Authorization"].split()[1])
    with TestClient(create_app(settings)) as first:
        assert first.post("/api/edits/relations", json=RELATION, headers=auth).status_code == 201
    with TestClient(create_app(settings)) as second:
        actor = second.get("/api/actors/veilig-thuis").json()
        assert any(r["id"] == RELATION["registratie"]["id"] for r in actor["relations_out"])
        assert second.get("/api/edits").json()[0]["record"] == RELATION["registratie"]["id"]


@pytest.mark.slow
def test_the_history_travels_with_an_export_and_reloads(
    editor: TestClient, auth: dict[str, str], tmp_path: Path
) -> None:
    from zorgnet.core.editing import history
    from zorgnet.loaders.dataset import read_dataset

    assert editor.post("/api/edits/relations", json=RELATION, headers=auth).status_code == 201
    exported = tmp_path / "export.ttl"
    exported.write_text(editor.get("/api/export").text, encoding="utf-8")
    dataset = read_dataset(exported)
    assert dataset.report.ok, dataset.report
    assert history(dataset.graph)[0].record == RELATION["registratie"]["id"]
