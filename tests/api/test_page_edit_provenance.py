"""An edited record says so beside its sources: who (a role), when and why, and which
fields no longer say what the seed's policy documents say (review finding 11)."""

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import TOKEN, settings_for
from fastapi.testclient import TestClient
from rdflib import Namespace

from zorgnet.api.app import create_app
from zorgnet.core.editing import edited_records
from zorgnet.graph.rdf_records import record_fields
from zorgnet.ontology.namespace import ID

PROV = Namespace("http://www.w3.org/ns/prov#")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _sources_cell(html: str) -> str:
    """The text of the 'Bronnen' row of the actor page's Gegevens table."""
    row = re.search(r'scope="row">Bronnen</th>(.*?)</tr>', html, re.S)
    return _text(row.group(1))


@pytest.fixture
def editor(store_copy: Path) -> TestClient:
    with TestClient(create_app(settings_for(store_copy, token=TOKEN))) as client:
        yield client


def _change_description(editor: TestClient, text: str, reason: str) -> dict:
    graph = editor.app.state.service.open().graph()
    record = record_fields(graph, "actors", "veilig-thuis")
    record.pop("id")
    body = {"registratie": {**record, "description": text}, "reden": reason}
    answer = editor.put("/api/edits/actors/veilig-thuis", json=body, headers=AUTH)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_an_unedited_record_shows_only_its_sources(editor: TestClient) -> None:
    cell = _sources_cell(editor.get("/actoren/veilig-thuis").text)
    assert "003 §4" in cell
    assert "Let op" not in cell and "gewijzigd" not in cell


def test_an_edited_description_is_marked_beside_the_seed_sources(editor: TestClient) -> None:
    edit = _change_description(editor, "Nieuwe omschrijving.", "Volgens de nieuwe website.")
    html = editor.get("/actoren/veilig-thuis").text
    cell = _sources_cell(html)
    # The seed citation stays, and beside it what the edit did, by whom and why.
    assert "003 §4" in cell
    assert "gewijzigd door beheerder" in cell
    assert "(omschrijving)" in cell
    assert "komt niet uit de bron" in cell
    assert "Reden: Volgens de nieuwe website." in cell
    assert f'href="/wijzigingen#wijziging-{edit["id"]}"' in html
    # Also right under the text it is about, before the tables.
    top = _text(html[html.index("</h1>") : html.index('id="kop-gegevens"')])
    assert "Nieuwe omschrijving." in top and "gewijzigd door beheerder" in top
    assert f'id="wijziging-{edit["id"]}"' in editor.get("/wijzigingen").text


def test_the_record_is_attributed_to_the_edit_s_agent_and_undo_clears_the_note(
    editor: TestClient,
) -> None:
    edit = _change_description(editor, "Nieuwe omschrijving.", "Volgens de nieuwe website.")
    graph = editor.app.state.service.open().graph()
    subject = ID["actor/veilig-thuis"]
    assert list(graph.objects(subject, PROV.wasAttributedTo)) == [ID["agent/beheerder"]]
    found = edited_records(graph, [("actors", "veilig-thuis"), ("actors", "huisarts")])
    assert list(found) == [("actors", "veilig-thuis")]
    assert found["actors", "veilig-thuis"].changed == ["description"]
    assert not found["actors", "veilig-thuis"].created

    undone = editor.post(
        f"/api/edits/{edit['id']}/undo", json={"reden": "Toch niet."}, headers=AUTH
    )
    assert undone.status_code == 201, undone.text
    # Back as the sources say it: no note any more.
    assert "Let op" not in _sources_cell(editor.get("/actoren/veilig-thuis").text)


def test_an_edited_relation_is_marked_in_its_row(editor: TestClient) -> None:
    relation = {
        "registratie": {
            "id": "huisarts-verwijst-test",
            "from": "veilig-thuis",
            "to": "huisarts",
            "kind": "verwijst",
            "source": ["003 §4"],
        },
        "reden": "Afspraak in het overleg.",
    }
    answer = editor.post("/api/edits/relations", json=relation, headers=AUTH)
    assert answer.status_code == 201, answer.text
    text = _text(editor.get("/actoren/veilig-thuis").text)
    assert "toegevoegd door beheerder" in text
    assert "dit komt niet uit de beleidsstukken" in text
    assert "Reden: Afspraak in het overleg." in text


def _edit(editor: TestClient, key: str, record_id: str, changes: dict, reason: str) -> None:
    graph = editor.app.state.service.open().graph()
    record = record_fields(graph, key, record_id)
    record.pop("id")
    body = {"registratie": {**record, **changes}, "reden": reason}
    answer = editor.put(f"/api/edits/{key}/{record_id}", json=body, headers=AUTH)
    assert answer.status_code == 200, answer.text


def test_ziet_wie_de_route_leest_dat_een_stap_uit_een_wijziging_komt(editor: TestClient) -> None:
    _edit(editor, "actors", "huisarts", {"description": "Nieuwe tekst."}, "Uit de praktijk.")
    html = editor.get("/route?van=huisarts&naar=jeugd-ggz&gemeente=huizen").text
    text = _text(html)
    assert "Let op: 1 gegeven op deze pagina komt uit een wijziging in zorgnet" in text
    assert "huisarts: gewijzigd (omschrijving) door beheerder" in text
    assert "Reden: Uit de praktijk." in text
    # And beside the step itself, not only at the top.
    steps = _text(
        re.search(r'<ol class="utrecht-ordered-list zn-route__steps">.*?</ol>', html, re.S).group(0)
    )
    assert "gewijzigd door beheerder" in steps


def test_ziet_wie_de_sociale_kaart_leest_welke_gegevens_gewijzigd_zijn(editor: TestClient) -> None:
    before = _text(editor.get("/gemeenten/hilversum").text)
    assert "uit een wijziging in zorgnet" not in before
    _edit(editor, "actors", "versa-welzijn", {"description": "Andere tekst."}, "Nieuwe site.")
    text = _text(editor.get("/gemeenten/hilversum").text)
    assert "Let op: 1 gegeven op deze pagina komt uit een wijziging in zorgnet" in text
    assert "Reden: Nieuwe site." in text


def test_ziet_wie_het_team_bekijkt_dat_een_lidmaatschap_gewijzigd_is(editor: TestClient) -> None:
    _edit(
        editor,
        "memberships",
        "buurtteams-hilversum-versa-welzijn",
        {"membershipStatus": "verbonden"},
        "Volgens het team zelf.",
    )
    html = editor.get("/teams/buurtteams-hilversum").text
    assert "Let op: 1 gegeven op deze pagina komt uit een wijziging" in _text(html)
    section = _text(re.search(r'id="verbonden".*?</section>', html, re.S).group(0))
    assert "gewijzigd door beheerder" in section and "Reden: Volgens het team zelf." in section
