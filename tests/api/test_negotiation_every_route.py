"""Every GET of the OpenAPI description negotiates the same way (issue 20): q-values
count, an impossible format is a Dutch 406 in problem details, every answer says
``Vary: Accept`` and carries an ETag that a client can send back for a 304."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"
IMPOSSIBLE = "application/x-bestaat-niet"
# A value for each path parameter that names something in the shipped data.
PATH_VALUES = {
    "actor_id": "huisarts",
    "area_id": "huizen",
    "gemeente": "huizen",
    "name": "HelpKind",
    "path": None,  # /id/... and /vocab/... each get their own, in _url
}
_TEAM_QUERY = (
    "SELECT ?team WHERE { ?m a <https://w3id.org/zorgnet/def#Membership> ; "
    "<http://www.w3.org/ns/org#organization> ?team } ORDER BY ?team LIMIT 1"
)


def _media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


@pytest.fixture(scope="module")
def values(client: TestClient) -> dict[str, str]:
    """The path values, with a team and HSDS ids read from the app itself."""
    team = client.get("/sparql", params={"query": _TEAM_QUERY}).json()["results"]["bindings"]
    organization = client.get("/hsds/organizations").json()["contents"][0]["id"]
    service = client.get("/hsds/services").json()["contents"][0]["id"]
    return {
        **{k: v for k, v in PATH_VALUES.items() if v},
        "team_id": team[0]["team"]["value"].rsplit("/", 1)[-1],
        "organization_id": organization,
        "service_id": service,
    }


def _url(template: str, operation: dict[str, Any], values: dict[str, str]) -> str:
    if template == "/id/{path}":
        return "/id/actor/huisarts"
    if template == "/vocab/{path}":
        return "/vocab/actortypes/huisarts"
    url = template.format(**values)
    query = [
        f"{p['name']}={p['schema']['examples'][0]}"
        for p in operation.get("parameters", [])
        if p["in"] == "query" and p.get("required")
    ]
    return f"{url}?{'&'.join(query)}" if query else url


@pytest.fixture(scope="module")
def operations(client: TestClient, values: dict[str, str]) -> Iterator[tuple[str, list[str]]]:
    """Each GET's address and the media types its 200 answer declares."""
    paths = client.get("/openapi.json").json()["paths"]
    found = [
        (_url(template, item["get"], values), list(item["get"]["responses"]["200"]["content"]))
        for template, item in paths.items()
        if "get" in item
    ]
    assert len(found) > 35
    return iter(found)


@pytest.mark.slow
def test_every_get_honours_q_values_refuses_in_dutch_varies_and_answers_304(
    client: TestClient, operations: Iterator[tuple[str, list[str]]]
) -> None:
    for url, declared in operations:
        media = [_media(m) for m in declared]
        # The last format the route declares, preferred over its first: q-values count.
        wanted = media[-1]
        accept = f"{IMPOSSIBLE};q=0.1, {wanted};q=0.9, {media[0]};q=0.5"
        answer = client.get(url, headers={"Accept": accept})
        assert answer.status_code == 200, (url, answer.text[:300])
        assert _media(answer.headers["content-type"]) == wanted, url
        assert "Accept" in answer.headers["vary"], url
        tag = answer.headers["etag"]
        again = client.get(url, headers={"Accept": accept, "If-None-Match": tag})
        assert again.status_code == 304, url
        assert again.content == b""
        assert again.headers["etag"] == tag
        refused = client.get(url, headers={"Accept": f"{IMPOSSIBLE}, {media[0]};q=0"})
        assert refused.status_code == 406, (url, refused.text[:300])
        assert refused.headers["content-type"] == PROBLEM
        assert "Accept" in refused.headers["vary"], url
        problem = refused.json()
        assert problem["title"] == "Formaat niet leverbaar"
        assert "Kies uit" in problem["detail"]
        assert IMPOSSIBLE in problem["detail"]


def test_a_json_route_says_in_dutch_that_it_gives_only_json(client: TestClient) -> None:
    refused = client.get("/api/areas", headers={"Accept": "text/turtle"})
    assert refused.status_code == 406
    assert refused.json()["detail"] == (
        "Dit formaat kan hier niet worden gegeven (gevraagd: text/turtle). "
        "Kies uit: JSON (application/json)."
    )
    # A browser's Accept still gets JSON: */* takes it.
    browser = client.get("/api/areas", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.headers["content-type"] == "application/json"


@pytest.mark.slow
def test_a_changed_store_is_a_new_etag_and_no_304(editor: TestClient, auth: dict[str, str]) -> None:
    tag = editor.get("/api/issues").headers["etag"]
    assert editor.get("/api/issues", headers={"If-None-Match": tag}).status_code == 304
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
    changed = editor.put("/api/edits/actors/veilig-thuis", json=body, headers=auth)
    assert changed.status_code == 200, changed.text
    after = editor.get("/api/issues", headers={"If-None-Match": tag})
    assert after.status_code == 200
    assert after.headers["etag"] != tag


def test_every_operation_id_is_unique_and_fastapi_warns_of_none(
    client: TestClient, recwarn: pytest.WarningsRecorder
) -> None:
    client.app.openapi_schema = None  # type: ignore[attr-defined]
    paths = client.get("/openapi.json").json()["paths"]
    ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(ids) == len(set(ids)) > 40
    assert not [w for w in recwarn if "Duplicate Operation ID" in str(w.message)]
