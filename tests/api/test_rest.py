"""The REST API as a policy advisor's program uses it."""

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from zorgnet.api.models import ActorSummary, edit_request_model
from zorgnet.ontology.models import record_models
from zorgnet.ontology.schema import record_kinds


def test_health_says_the_store_answers_and_is_read_only(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "in orde"
    assert body["triples"] > 1000
    assert body["alleen_lezen"] is True


def test_actors_are_listed_in_pages(client: TestClient) -> None:
    first = client.get("/api/actors", params={"limit": 5}).json()
    second = client.get("/api/actors", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 10
    assert len(first["items"]) == 5
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])


def test_actors_can_be_filtered_by_type_gemeente_and_text(client: TestClient) -> None:
    huisartsen = client.get("/api/actors", params={"type": "huisarts"}).json()["items"]
    assert huisartsen and all(a["type"] == "huisarts" for a in huisartsen)
    in_huizen = client.get("/api/actors", params={"gemeente": "huizen", "limit": 500}).json()
    everyone = client.get("/api/actors", params={"limit": 500}).json()
    assert 0 < in_huizen["total"] < everyone["total"]
    found = client.get("/api/actors", params={"q": "veilig thuis"}).json()["items"]
    assert any(a["id"] == "veilig-thuis" for a in found)


def test_an_unknown_actor_is_404_with_close_matches_in_dutch(client: TestClient) -> None:
    response = client.get("/api/actors/veilig-thuuis")
    assert response.status_code == 404
    assert "Onbekende actor" in response.json()["fout"]
    assert "veilig-thuis" in response.json()["suggesties"]


def test_a_bad_filter_value_is_422_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/actors", params={"type": "huisartss"})
    assert response.status_code == 422
    assert "huisarts" in response.json()["suggesties"]
    response = client.get("/api/actors", params={"limit": 0})
    assert response.status_code == 422
    assert response.json()["fout"].startswith("Ongeldige invoer")


def test_an_actor_has_relations_mandates_and_sources(client: TestClient) -> None:
    actor = client.get("/api/actors/veilig-thuis").json()
    assert actor["sources"]
    assert actor["relations_out"] or actor["relations_in"]
    assert actor["iri"].endswith("/actor/veilig-thuis")


def test_an_actor_comes_as_json_ld_or_turtle_by_accept(client: TestClient) -> None:
    turtle = client.get("/api/actors/veilig-thuis", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=turtle.text, format="turtle")) > 5
    jsonld = client.get("/api/actors/veilig-thuis", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert "@context" in json.loads(jsonld.text)


def test_areas_and_a_gemeentes_sociale_kaart_with_voorveld(client: TestClient) -> None:
    areas = {a["id"]: a for a in client.get("/api/areas").json()}
    assert areas["huizen"]["type"] == "gemeente"
    kaart = client.get("/api/areas/huizen").json()
    assert kaart["actors"]
    assert all("voorveld" in a["access"] for a in kaart["voorveld"])
    assert client.get("/api/areas/huizn").status_code == 404


def test_vocabularies_have_dutch_labels(client: TestClient) -> None:
    names = {v["name"] for v in client.get("/api/vocabularies").json()}
    assert {"HelpKind", "ActorType", "RelationKind"} <= names
    help_kinds = client.get("/api/vocabularies/HelpKind").json()
    assert any(c["notation"] == "jeugd-ggz" for c in help_kinds["concepts"])
    assert client.get("/api/vocabularies/HelpKnd").status_code == 404


def test_routes_from_a_gp_to_youth_mental_health_in_huizen(client: TestClient) -> None:
    answer = client.get(
        "/api/routes", params={"van": "huisarts", "naar": "jeugd-ggz", "gemeente": "huizen"}
    ).json()
    assert answer["routes"]
    assert answer["routes"][0]["steps"][0]["type"] == "huisarts"
    bad = client.get("/api/routes", params={"van": "huisarts", "naar": "jeugd-gz"})
    assert bad.status_code == 422
    assert "jeugd-ggz" in bad.json()["suggesties"]


def test_every_analysis_answers(client: TestClient) -> None:
    for url in (
        "/api/analyses/gaps?gemeente=huizen",
        "/api/analyses/overlaps",
        "/api/analyses/teams",
        "/api/analyses/brokers?top=5",
        "/api/analyses/brokers?regio=gooi-en-vechtstreek",
        "/api/analyses/mandates?gemeente=hilversum",
        "/api/analyses/escalation/hilversum",
        "/api/analyses/diff?van=2021&tot=2025",
    ):
        assert client.get(url).status_code == 200, url
    team = client.get("/api/analyses/teams").json()
    assert client.get("/api/analyses/teams/niet-een-team").status_code == 404
    unknown_region = client.get("/api/analyses/brokers?regio=hilversm")
    assert unknown_region.status_code == 422
    assert "hilversum" in unknown_region.json()["suggesties"]
    assert team["partner_types"]


def test_maps_are_html_pages(client: TestClient) -> None:
    response = client.get("/api/maps/region")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert client.get("/api/maps/gemeente/huizen").status_code == 200
    route = client.get("/api/maps/route", params={"van": "huisarts", "naar": "jeugd-ggz"})
    assert route.status_code == 200


@pytest.mark.slow
def test_export_as_turtle_and_json_ld(client: TestClient) -> None:
    turtle = client.get("/api/export", params={"format": "turtle"})
    assert len(Graph().parse(data=turtle.text, format="turtle")) > 1000
    assert '"@context"' in client.get("/api/export", params={"format": "jsonld"}).text
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_unknown_paths_are_problem_details_in_dutch(client: TestClient) -> None:
    response = client.get("/api/bestaat-niet")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Niet gevonden",
        "status": 404,
        "detail": "Niet gevonden.",
        "instance": "/api/bestaat-niet",
        "fout": "Niet gevonden.",
    }


def test_openapi_documents_every_route_with_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/actors", "/api/actors/{actor_id}", "/api/routes", "/sparql", "/health"):
        assert path in paths
    assert "examples" in json.dumps(paths["/api/routes"])
    assert "ActorBewerking" in schema["components"]["schemas"]


def test_the_actor_model_names_every_field_of_the_actor_record() -> None:
    """Response and request models follow the shapes: a new shape field shows up here."""
    projection_names = {
        "label": "label", "type": "type", "scale": "scale", "area": "areas",
        "domain": "domains", "level": "levels", "access": "access", "offers": "offers",
        "status": "status", "asOf": "as_of", "partOf": "part_of", "source": "sources",
        "description": "description", "altLabel": None, "ageMin": "age_min",
        "ageMax": "age_max",
    }  # fmt: skip
    assert set(record_kinds()["actors"].fields) == set(projection_names)
    from zorgnet.api.models import ActorDetail

    for name in filter(None, projection_names.values()):
        assert name in ActorDetail.model_fields or name in ActorSummary.model_fields
    record = edit_request_model("actors").model_fields["registratie"].annotation
    assert record is record_models()["actors"]


@pytest.mark.slow
def test_a_team_network_and_the_maps_around_a_team_and_an_actor(client: TestClient) -> None:
    query = (
        "SELECT ?team WHERE { ?m a <https://w3id.org/zorgnet/def#Membership> ; "
        "<http://www.w3.org/ns/org#organization> ?team } ORDER BY ?team LIMIT 1"
    )
    binding = client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]
    team = binding["team"]["value"].rsplit("/", 1)[-1]
    network = client.get(f"/api/analyses/teams/{team}")
    assert network.status_code == 200, network.text
    assert {"kern", "verbonden", "buiten"} <= set(network.json())
    assert client.get(f"/api/maps/team/{team}").status_code == 200
    assert client.get("/api/maps/actor/veilig-thuis").status_code == 200
    assert client.get("/api/maps/actor/veilig-thuuis").status_code == 404


@pytest.mark.slow
def test_every_export_format_of_the_cli_is_offered_over_http(client) -> None:
    """A policy advisor downloads the sociale kaart for Gephi, Excel or a FHIR directory."""
    for fmt, marker in [
        ("hsds", b'"name"'),
        ("fhir", b'"Bundle"'),
        ("xlsx", b"PK"),
        ("graphml", b"<graphml"),
        ("gexf", b"<gexf"),
    ]:
        response = client.get("/api/export", params={"format": fmt})
        assert response.status_code == 200, (fmt, response.text[:200])
        assert marker in response.content[:2000], fmt
    hilversum = client.get("/api/export", params={"format": "graphml", "gemeente": "hilversum"})
    assert hilversum.status_code == 200
    assert len(hilversum.content) < len(
        client.get("/api/export", params={"format": "graphml"}).content
    )
    refused = client.get("/api/export", params={"format": "turtle", "gemeente": "hilversum"})
    assert refused.status_code == 422
    assert "graphml" in refused.json()["fout"]


@pytest.mark.slow
def test_the_gaps_endpoint_gives_the_vng_framework_matrix(client) -> None:
    body = client.get("/api/analyses/gaps", params={"gemeente": "wijdemeren"}).json()
    states = {c["concept"]: c["state"] for c in body["vng_kaders"]["cells"]}
    assert states["dichtbij"] == "niet-beschreven"
    assert set(states.values()) <= {"ingevuld", "niet-beschreven"}
