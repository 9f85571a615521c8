"""Every stored fact is shown: figures, known issues with their readings, shortages and
the descriptions of relations and mandates, with the actor or area they concern, the
same in the API, the CLI and the pages."""

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, URIRef
from typer.testing import CliRunner

from zorgnet.api.cli import app

runner = CliRunner()


def _issue_with(issues: list[dict], text: str) -> dict:
    found = [i for i in issues if text in i["label"]]
    assert found, [i["label"] for i in issues]
    return found[0]


def test_hoeveel_huisartsen_ondersteunde_het_cena_team_in_2019(client: TestClient) -> None:
    """003 bijlage 3: "In 2019 heeft het CenA-team 54 huisartsen ondersteund"."""
    facts = client.get("/api/actors/ca-team").json()["facts"]
    figures = {(f["as_of"], f["unit"]): f for f in facts["figures"]}
    figure = figures[(2019, "huisartsen")]
    assert float(figure["value"]) == 54
    assert any(s.startswith("003 §bijlage 3") for s in figure["sources"])


def test_welke_lezingen_zijn_er_van_de_vier_vaste_partners_in_hilversum(
    client: TestClient,
) -> None:
    """002 §3.1: "vier vaste partners: Versa Welzijn, Kwintes en Sherpa" names three."""
    for path in ("/api/areas/hilversum", "/api/actors/buurtteams-hilversum"):
        issue = _issue_with(client.get(path).json()["facts"]["issues"], "vier vaste partners")
        assert len(issue["readings"]) >= 2
        assert any("drie" in r for r in issue["readings"])
        assert any(s.startswith("002 §3.1") for s in issue["sources"])


def test_a_regional_shortage_is_shown_with_every_gemeente(client: TestClient) -> None:
    regional = {
        s["id"]
        for s in client.get("/api/areas/gooi-en-vechtstreek").json()["facts"]["shortages"]
        if "gooi-en-vechtstreek" in s["areas"]
    }
    assert regional
    for gemeente in ("hilversum", "huizen", "laren"):
        shown = {s["id"] for s in client.get(f"/api/areas/{gemeente}").json()["facts"]["shortages"]}
        assert regional <= shown


def test_relations_and_mandates_carry_their_descriptions(client: TestClient) -> None:
    actor = client.get("/api/actors/gemeentelijke-consulenten").json()
    described = [m for m in actor["mandates"] if m["description"]]
    assert described, actor["mandates"]
    relations = [
        r
        for a in ("buurtteams-hilversum", "veilig-thuis", "huisarts")
        for r in client.get(f"/api/actors/{a}").json()["relations_out"]
    ]
    assert any(r["description"] for r in relations)


def test_zorgnet_actor_json_is_the_api_answer(client: TestClient, loaded_store) -> None:
    result = runner.invoke(app, ["actor", "ca-team", "--json", "--store", str(loaded_store)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == client.get("/api/actors/ca-team").json()


@pytest.mark.slow
def test_zorgnet_gemeente_shows_readings_and_shortages_in_dutch(loaded_store) -> None:
    result = runner.invoke(app, ["gemeente", "hilversum", "--store", str(loaded_store)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Bekende kwesties in de bronnen" in text
    assert "Tekorten" in text and "Cijfers" in text
    issue = _issue_with(
        runner_json(["gemeente", "hilversum", "--json", "--store", str(loaded_store)]),
        "vier vaste partners",
    )
    for reading in issue["readings"]:
        assert f"lezing: {reading}" in text


def runner_json(arguments: list[str]) -> list[dict]:
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["facts"]["issues"]


def test_zorgnet_gemeente_of_an_unknown_area_suggests_names(loaded_store) -> None:
    result = runner.invoke(app, ["gemeente", "hilversun", "--store", str(loaded_store)])
    assert result.exit_code == 2
    assert "Onbekend gebied: 'hilversun'" in result.output
    assert "hilversum" in result.output


def test_the_gemeente_page_shows_every_reading_of_a_known_issue(client: TestClient) -> None:
    api = client.get("/api/areas/hilversum").json()["facts"]
    page = client.get("/gemeenten/hilversum").text
    assert "Bekende kwesties in de bronnen" in page
    for issue in api["issues"]:
        for reading in issue["readings"]:
            assert reading.replace('"', "&#34;") in page or reading in page
    for figure in api["figures"]:
        assert figure["measure"] in page


@pytest.mark.slow
def test_welke_kwesties_staan_er_in_de_bronnen_ook_na_het_laden(
    client: TestClient, loaded_store, shipped
) -> None:
    """The loader's warnings about known issues, read back from the store."""
    listed = client.get("/api/issues").json()
    issue_class = URIRef("https://w3id.org/zorgnet/def#KnownIssue")
    assert len(listed) == len(set(shipped.graph.subjects(RDF.type, issue_class)))
    assert all(issue["readings"] and issue["sources"] for issue in listed)
    result = runner.invoke(app, ["kwesties", "--json", "--store", str(loaded_store)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == listed
    table = " ".join(runner.invoke(app, ["kwesties", "--store", str(loaded_store)]).output.split())
    assert all(" ".join(f"- {issue['label']}".split()) in table for issue in listed)
