"""One way to JSON: the web app and ``zorgnet ... --json`` answer every analysis with
the same JSON, made by one model per result type that holds all of the type."""

import dataclasses
import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import settings_for
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from zorgnet.api.app import create_app
from zorgnet.api.cli import app as cli
from zorgnet.api.results import as_json, response_model
from zorgnet.graph.analyses.brokers import BrokerReport
from zorgnet.graph.analyses.gaps import GapReport
from zorgnet.graph.analyses.mandates import EscalationLadder, MandateMatrix
from zorgnet.graph.analyses.membership import TeamComparison, TeamNetwork
from zorgnet.graph.analyses.overlaps import Overlaps
from zorgnet.graph.analyses.routes import RouteResult, Step
from zorgnet.graph.analyses.snapshots import Diff

# Each analysis as a route of the web app and as a command, with its result type.
_ANSWERS = [
    (
        "/api/routes?van=huisarts&naar=jeugd-ggz&gemeente=hilversum",
        ["route", "huisarts", "jeugd-ggz", "--gemeente", "hilversum"],
        RouteResult,
    ),
    (
        "/api/routes?van=inwoner&naar=jeugd-ggz&gemeente=hilversum&k=2",
        ["route", "inwoner", "jeugd-ggz", "-g", "hilversum", "-k", "2"],
        RouteResult,
    ),
    ("/api/analyses/gaps?gemeente=huizen&alles=true", ["gaps", "-g", "huizen"], GapReport),
    ("/api/analyses/overlaps", ["overlaps"], Overlaps),
    ("/api/analyses/teams", ["team"], TeamComparison),
    ("/api/analyses/teams/buurtteam", ["team", "buurtteam"], TeamNetwork),
    ("/api/analyses/brokers?top=5", ["brokers", "--top", "5"], BrokerReport),
    ("/api/analyses/mandates?gemeente=hilversum", ["mandates", "-g", "hilversum"], MandateMatrix),
    (
        "/api/analyses/escalation/hilversum",
        ["mandates", "-g", "hilversum", "--escalatie"],
        EscalationLadder,
    ),
    ("/api/analyses/diff?van=2021&tot=2025", ["diff", "2021", "2025"], Diff),
]
# A command takes 0.2-0.3 s here (it opens the store): the quick loop asks the first.
ANSWERS = [_ANSWERS[0], *(pytest.param(*a, marks=pytest.mark.slow) for a in _ANSWERS[1:])]


@pytest.fixture(scope="module")
def example_client(store_path: Path) -> Iterator[TestClient]:
    """The web app over the small example network of the docstrings."""
    with TestClient(create_app(settings_for(store_path))) as client:
        yield client


@pytest.fixture(scope="module")
def schema(example_client: TestClient) -> dict:
    """The web app's OpenAPI schema."""
    return example_client.get("/openapi.json").json()


@pytest.mark.parametrize(("url", "command", "result_type"), ANSWERS)
def test_the_web_app_and_the_cli_give_the_same_json(
    example_client: TestClient,
    schema: dict,
    store_path: Path,
    url: str,
    command: list[str],
    result_type: type,
) -> None:
    answer = example_client.get(url)
    assert answer.status_code == 200, answer.text
    printed = CliRunner().invoke(cli, [*command, "--json", "--store", str(store_path)])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.stdout) == answer.json()
    path = url.split("?")[0].replace("hilversum", "{gemeente}").replace("buurtteam", "{team_id}")
    returns = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    assert returns["schema"] == {"$ref": f"#/components/schemas/{result_type.__name__}"}


def _json_names(result_type: type) -> set[str]:
    """What the JSON of *result_type* holds: every field (by its JSON name) and every
    public property."""
    fields = {f.metadata.get("json", f.name) for f in dataclasses.fields(result_type)}
    properties = {
        name
        for name, member in vars(result_type).items()
        if isinstance(member, property) and not name.startswith("_")
    }
    return fields | properties


@pytest.mark.parametrize("result_type", [t for _, _, t in _ANSWERS] + [Step])
def test_the_response_model_holds_every_field_and_property_of_the_result(
    schema: dict, result_type: type
) -> None:
    model = schema["components"]["schemas"][result_type.__name__]
    assert set(model["properties"]) == _json_names(result_type)
    assert set(model["required"]) == set(model["properties"])
    assert model["description"] == inspect.getdoc(result_type)


def test_a_property_and_a_pair_key_are_json_too(example_client: TestClient) -> None:
    route = example_client.get("/api/routes", params={"van": "school", "naar": "basishulp"})
    first = route.json()["routes"][0]
    assert (first["voorveld"], first["gate_open"]) == (True, True)
    assert first["actors"] == ["school", "buurtteam"]
    assert first["steps"][0]["reported_practice"] is False
    comparison = TeamComparison({}, {("hilversum", "huizen"): 0.5}, ("003 §4",))
    assert as_json(comparison)["similarity"] == [
        {"a": "hilversum", "b": "huizen", "similarity": 0.5}
    ]


def test_the_gap_report_keeps_its_dutch_json_names(example_client: TestClient) -> None:
    body = example_client.get("/api/analyses/gaps", params={"gemeente": "huizen"}).json()
    assert set(body) == {"dekking", "doodlopend", "buiten_bereik_verwijzers", "vng_kaders"}
    assert {c["state"] for c in body["dekking"]["cells"]} == {"onbekend", "tekort"}
    assert set(response_model(GapReport).model_fields) == {
        "coverage",
        "dead_ends",
        "referrer_reach",
        "framework",
    }
