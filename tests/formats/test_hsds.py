"""Bringing an Open Referral HSDS directory into zorgnet, and back out again."""

import json
from pathlib import Path

import pytest
from rdflib import Graph

from zorgnet.formats import export_bytes
from zorgnet.formats.hsds import hsds_documents, hsds_schema_dir, read_hsds
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.rdf_records import graph_records
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.exceptions import SettingsError

EXAMPLES = hsds_schema_dir().parent / "examples"
# The HSDS fields zorgnet maps; a round trip must keep each of them. (The examples'
# descriptions are English, which zorgnet does not store: test_hsds_exchange.py.)
ORGANIZATION_FIELDS = ("id", "name", "alternate_name")
SERVICE_FIELDS = ("id", "name", "alternate_name", "status")


def _same(a: object, b: object) -> bool:
    """Equal, but for spaces at the ends of a text, which zorgnet trims as it does in YAML."""
    return a.strip() == b.strip() if isinstance(a, str) and isinstance(b, str) else a == b


def _original(name: str) -> list[dict]:
    document = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return document.get("contents", [document]) if isinstance(document, dict) else document


@pytest.mark.parametrize("name", ["organization_full.json", "organization_list.json"])
def test_the_hsds_organization_examples_import_and_come_back_with_their_mapped_fields(
    name: str, shipped: Dataset
) -> None:
    dataset = read_hsds(EXAMPLES / name, base=shipped.graph)
    assert dataset.report.ok, dataset.report
    exported = hsds_documents(dataset.graph)
    for original in _original(name):
        back = next(o for o in exported if o["id"] == original["id"])
        for key in ORGANIZATION_FIELDS:
            assert _same(back.get(key), original.get(key)), key
        original_services = {s["id"]: s for s in original.get("services", [])}
        back_services = {s["id"]: s for s in back.get("services", [])}
        assert original_services.keys() == back_services.keys()
        for service_id, service in original_services.items():
            for key in SERVICE_FIELDS:
                assert _same(back_services[service_id].get(key), service.get(key)), key


def test_a_service_example_becomes_an_actor_part_of_its_organization(shipped: Dataset) -> None:
    dataset = read_hsds(EXAMPLES / "service_full.json", base=shipped.graph)
    assert dataset.report.ok, dataset.report
    actors = {a["id"]: a for a in graph_records(dataset.graph)["actors"]}
    service = actors["ac148810-d857-441c-9679-408f346de14b"]
    assert service["label"] == "Community Counselling"
    assert service["status"] == "bestaand"
    organization = actors["d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"]
    assert service["partOf"] == [organization["id"]]
    assert organization["label"] == "Example Organization Inc."


def _actors(graph: Graph) -> list[dict]:
    return [
        {k: v for k, v in a.items() if k not in ("source", "asOf")}
        for a in graph_records(graph)["actors"]
    ]


@pytest.fixture(scope="module")
def full_actors(shipped: Dataset) -> list[dict]:
    dataset = read_hsds(EXAMPLES / "organization_full.json", base=shipped.graph)
    return _actors(dataset.graph)


@pytest.mark.parametrize(
    "name",
    [
        "csv",
        "tabular.json",
        "service_full.json",
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
    ],
)
def test_every_form_of_the_example_gives_the_same_organization_and_service(
    name: str, shipped: Dataset, full_actors: list[dict]
) -> None:
    dataset = read_hsds(EXAMPLES / name, base=shipped.graph)
    assert dataset.report.ok, dataset.report
    assert _actors(dataset.graph) == full_actors


@pytest.mark.parametrize(
    "name", ["location.json", "taxonomy.json", "taxonomy_term_list.json", "base.json"]
)
def test_examples_without_organizations_or_services_add_nothing_and_say_so(name: str) -> None:
    dataset = read_hsds(EXAMPLES / name)
    assert dataset.report.ok, dataset.report
    assert dataset.record_count == 0
    assert dataset.report.warnings


def test_fields_without_a_place_in_the_ontology_are_reported_not_dropped(
    shipped: Dataset,
) -> None:
    dataset = read_hsds(EXAMPLES / "service_full.json", base=shipped.graph)
    reported = {(w.record, w.field) for w in dataset.report.warnings}
    service = "ac148810-d857-441c-9679-408f346de14b"
    for name in ("eligibility_description", "contacts", "phones"):
        assert (service, name) in reported
    assert (service, "minimum_age") not in reported  # taken over: test_hsds_exchange.py
    assert any(w.field == "type" and "zorgaanbieder" in w.message for w in dataset.report.warnings)


def test_the_hsds_export_of_the_shipped_data_validates_against_the_schemas(
    shipped: Dataset,
) -> None:
    from zorgnet.formats.hsds import schema_errors

    documents = hsds_documents(shipped.graph)
    actors = len(graph_records(shipped.graph)["actors"])
    assert len(documents) + sum(len(d.get("services", [])) for d in documents) == actors
    for organization in documents:
        services = organization.pop("services", [])
        assert schema_errors("organization", organization) == []
        for service in services:
            assert schema_errors("service", service) == []


def test_bad_json_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "kapot.json"
    path.write_text('{\n  "id": "x",\n  "name": \n}\n', encoding="utf-8")
    dataset = read_hsds(path)
    assert not dataset.report.ok
    assert len(dataset.graph) == 0
    assert (dataset.report.errors[0].file, dataset.report.errors[0].line) == (str(path), 4)


def test_a_service_without_its_required_status_is_refused_naming_record_and_field(
    tmp_path: Path,
) -> None:
    service = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    del service["status"]
    path = tmp_path / "dienst.json"
    path.write_text(json.dumps(service, indent=2), encoding="utf-8")
    dataset = read_hsds(path)
    assert not dataset.report.ok
    error = dataset.report.errors[0]
    assert error.record == service["id"]
    assert "verplicht veld 'status' ontbreekt" in error.message
    assert (error.line, error.field) == (2, "status")


def test_a_wrong_csv_value_names_file_row_and_column(tmp_path: Path) -> None:
    for source in (EXAMPLES / "csv").glob("*.csv"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    services = tmp_path / "services.csv"
    services.write_text(
        services.read_text(encoding="utf-8").replace(",12,100,", ",twaalf,100,"),
        encoding="utf-8",
    )
    dataset = read_hsds(tmp_path, display="hsds")
    error = dataset.report.errors[0]
    assert (error.file, error.line, error.field) == ("hsds/services.csv", 2, "minimum_age")
    assert len(dataset.graph) == 0


def test_an_unknown_zorgnet_value_in_an_attribute_is_refused(tmp_path: Path) -> None:
    organization = json.loads((EXAMPLES / "organization_full.json").read_text("utf-8"))
    organization["attributes"] = [
        {
            "id": "a",
            "taxonomy_term": {
                "id": "t",
                "code": "buurtteem",
                "name": "buurtteem",
                "description": "zorgnet type",
                "taxonomy": "zorgnet:type",
            },
        }
    ]
    path = tmp_path / "org.json"
    path.write_text(json.dumps(organization, indent=2), encoding="utf-8")
    dataset = read_hsds(path)
    assert not dataset.report.ok
    error = dataset.report.errors[0]
    assert (error.record, error.field, error.line) == (organization["id"], "type", 2)
    assert "buurtteam" in error.hint


def test_an_unknown_area_in_a_zorgnet_attribute_is_refused_as_a_reference(
    tmp_path: Path, shipped: Dataset
) -> None:
    organization = json.loads((EXAMPLES / "organization_full.json").read_text("utf-8"))
    organization["attributes"] = [
        {
            "id": "a",
            "taxonomy_term": {
                "id": "t",
                "code": "hilverzum",
                "name": "hilverzum",
                "description": "zorgnet area",
                "taxonomy": "zorgnet:area",
            },
        }
    ]
    path = tmp_path / "org.json"
    path.write_text(json.dumps(organization, indent=2), encoding="utf-8")
    dataset = read_hsds(path, base=shipped.graph)
    error = dataset.report.errors[0]
    assert (error.record, error.field, error.rule) == (organization["id"], "area", "verwijzing")
    assert "hilversum" in error.hint


@pytest.mark.parametrize("name", ["organization_full.json", "csv"])
def test_without_the_schemas_export_and_import_say_where_to_find_them(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a wheel installed outside the checkout: the third-party schemas are not beside it.
    empty = tmp_path / "geen-schemas"
    empty.mkdir()
    monkeypatch.setenv("ZORGNET_HSDS_SCHEMAS", str(empty))
    with pytest.raises(SettingsError, match="ZORGNET_HSDS_SCHEMAS") as export:
        export_bytes(example_graph(), "hsds")
    with pytest.raises(SettingsError, match="ZORGNET_HSDS_SCHEMAS") as reading:
        read_hsds(EXAMPLES / name)
    assert str(empty) in str(export.value) and str(empty) in str(reading.value)
