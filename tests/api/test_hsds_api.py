"""Another system reads the sociale kaart through the HSDS 3.0 API: are the answers what
the HSDS API description (``schema/openapi.json``) promises?

Each answer is validated with jsonschema against the response schema of its path in the
official OpenAPI file, the entity schemas resolved through ``referencing``.
"""

import pytest
from fastapi.testclient import TestClient
from hsds_openapi import response_validator

from zorgnet.formats.hsds.writer import IDENTIFIER_TYPE


def _valid(path: str, body: object) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in response_validator(path).iter_errors(body)]
    assert errors == [], errors[:5]


@pytest.fixture(scope="module")
def organizations(client: TestClient) -> dict:
    answer = client.get("/hsds/organizations", params={"per_page": 1000})
    assert answer.status_code == 200
    return answer.json()


def test_the_organizations_are_a_page_as_the_hsds_api_describes(
    client: TestClient, organizations: dict
) -> None:
    _valid("/organizations", organizations)
    assert organizations["total_items"] == organizations["size"] > 100
    assert organizations["first_page"] and organizations["last_page"]
    second = client.get("/hsds/organizations", params={"page": 2, "per_page": 40}).json()
    _valid("/organizations", second)
    assert (second["page_number"], second["size"], second["first_page"]) == (2, 40, False)
    assert second["total_pages"] == -(-organizations["total_items"] // 40)
    assert second["contents"] == organizations["contents"][40:80]
    names = {o["name"] for o in organizations["contents"]}
    assert {"Veilig Thuis Gooi en Vechtstreek", "huisarts"} & names


def test_one_organization_comes_in_full_with_its_services(
    client: TestClient, organizations: dict
) -> None:
    listed = {o["uri"]: o["id"] for o in organizations["contents"]}
    hsds_id = listed["https://w3id.org/zorgnet/id/actor/huisarts"]
    answer = client.get(f"/hsds/organizations/{hsds_id}")
    assert answer.status_code == 200
    organization = answer.json()
    _valid("/organizations/{id}", organization)
    assert organization["organization_identifiers"][0]["identifier_type"] == IDENTIFIER_TYPE
    assert organization["organization_identifiers"][0]["identifier"] == "huisarts"
    with_services = [o for o in organizations["contents"] if "services" in o]
    assert with_services == []  # the list shows the one-to-one fields only


def test_the_services_are_a_page_and_each_one_comes_in_full(
    client: TestClient, organizations: dict
) -> None:
    services = client.get("/hsds/services", params={"per_page": 1000}).json()
    _valid("/services", services)
    assert services["total_items"] > 10
    organization_ids = {o["id"] for o in organizations["contents"]}
    assert {s["organization_id"] for s in services["contents"]} <= organization_ids
    first = services["contents"][0]
    answer = client.get(f"/hsds/services/{first['id']}")
    assert answer.status_code == 200
    _valid("/services/{id}", answer.json())
    assert answer.json()["organization"]["id"] == first["organization_id"]
    owned = client.get("/hsds/services", params={"organization_id": first["organization_id"]})
    assert first["id"] in {s["id"] for s in owned.json()["contents"]}


def test_an_unknown_hsds_id_is_a_dutch_404(client: TestClient) -> None:
    answer = client.get("/hsds/services/bestaat-niet")
    assert answer.status_code == 404
    assert "Onbekende dienst: 'bestaat-niet'" in answer.text
