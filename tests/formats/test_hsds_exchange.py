"""HSDS as an exchange format: does zorgnet's HSDS export read back into zorgnet (an empty
store, or the store it came from), and does an HSDS file read twice, or updated, leave
one record with the new values?

The export is checked with jsonschema against the official HSDS OpenAPI description and
schemas; imports go through the CLI into a real store of each backend.
"""

import json
from pathlib import Path

import pytest
from hsds_openapi import response_validator
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from zorgnet.api.cli import app
from zorgnet.formats.hsds import hsds_json, hsds_page, hsds_schema_dir, read_hsds
from zorgnet.graph.backends import open_store
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.files import vocabulary_graph
from zorgnet.ontology.namespace import ID, ZN

EXAMPLES = hsds_schema_dir().parent / "examples"
runner = CliRunner()


@pytest.fixture(scope="module")
def exported(shipped: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hsds") / "sociale-kaart.hsds.json"
    path.write_text(hsds_json(shipped.graph), encoding="utf-8")
    return path


def _page(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _import(store: str, path: Path, *options: str) -> None:
    result = runner.invoke(
        app, ["import", "--format", "hsds", str(path), "--store", store, *options]
    )
    assert result.exit_code == 0, result.output


def _stored(store: str) -> Graph:
    with open_store(store) as opened:
        return opened.snapshot()


def test_the_export_is_a_page_of_the_hsds_api(exported: Path) -> None:
    page = _page(exported)
    errors = [e.message for e in response_validator("/organizations").iter_errors(page)]
    assert errors == []
    assert page["total_items"] == page["size"] == len(page["contents"]) > 100
    assert (page["page_number"], page["total_pages"], page["empty"]) == (1, 1, False)


def test_every_parent_and_owner_is_an_organization_of_the_export(exported: Path) -> None:
    organizations = _page(exported)["contents"]
    ids = {o["id"] for o in organizations}
    parents = [o["parent_organization_id"] for o in organizations if "parent_organization_id" in o]
    owners = [s["organization_id"] for o in organizations for s in o.get("services", [])]
    assert parents and owners
    assert set(parents) <= ids
    assert set(owners) <= ids


def _terms(organizations: list[dict]) -> list[dict]:
    entities = [*organizations, *(s for o in organizations for s in o.get("services", []))]
    return [a["taxonomy_term"] for e in entities for a in e.get("attributes", [])]


def test_identifiers_are_organization_identifiers_and_uris_not_terms(exported: Path) -> None:
    organizations = _page(exported)["contents"]
    for organization in organizations:
        [identifier] = organization["organization_identifiers"]
        assert identifier["identifier_type"] == "zorgnet-id"
        assert organization["uri"] == f"{ID}actor/{identifier['identifier']}"
    # One term per concept, area or kind of value: no term made for a single record.
    terms = {term["id"]: term for term in _terms(organizations)}
    concepts = {str(s) for s in vocabulary_graph().subjects()}
    for term in terms.values():
        assert term["taxonomy"].startswith("zorgnet:")
        if term["taxonomy"] in ("zorgnet:id", "zorgnet:partOf", "zorgnet:altLabel"):
            assert "term_uri" not in term
        elif term["taxonomy"] == "zorgnet:area":
            assert term["term_uri"].startswith(f"{ID}area/")
        else:
            assert term["term_uri"] in concepts, term
    assert len(terms) < 150
    assert len([t for t in terms.values() if t["taxonomy"] == "zorgnet:id"]) == 1


@pytest.mark.slow
def test_the_export_reads_into_an_empty_store_and_exports_the_same(
    exported: Path, any_store: str, tmp_path: Path
) -> None:
    _import(any_store, exported)
    again = tmp_path / "weer.hsds.json"
    result = runner.invoke(
        app, ["export", "--format", "hsds", "-o", str(again), "--store", any_store]
    )
    assert result.exit_code == 0, result.output
    assert _page(again) == _page(exported)
    stored = _stored(any_store)
    # No machine path in the store: the source document names the file only.
    titles = {str(t) for t in stored.objects(None, URIRef("http://purl.org/dc/terms/title"))}
    assert "HSDS-gegevens uit sociale-kaart.hsds.json" in titles
    assert not any(str(tmp_path.parent) in str(o) for o in stored.objects())
    # Read again: every record is replaced by itself, in one apply; nothing changes.
    _import(any_store, exported)
    assert isomorphic(_stored(any_store), stored)


@pytest.mark.slow
def test_an_example_organization_then_its_service_then_the_service_again(any_store: str) -> None:
    _import(any_store, EXAMPLES / "organization_full.json")
    _import(any_store, EXAMPLES / "service_full.json")
    once = _stored(any_store)
    _import(any_store, EXAMPLES / "service_full.json")
    assert isomorphic(_stored(any_store), once)
    service = ID["actor/ac148810-d857-441c-9679-408f346de14b"]
    organization = ID["actor/d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"]
    assert (
        len(set(once.objects(service, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))))
        == 1
    )
    assert organization in set(once.objects(service, URIRef("http://purl.org/dc/terms/isPartOf")))


def test_an_updated_file_replaces_what_it_gives_and_keeps_the_rest(
    shipped: Dataset, exported: Path, tmp_path: Path
) -> None:
    page = _page(exported)
    huisarts = next(o for o in page["contents"] if o["uri"].endswith("/actor/huisarts"))
    huisarts["name"] = "huisartsen"
    huisarts["attributes"] = [
        a for a in huisarts["attributes"] if a["taxonomy_term"]["taxonomy"] != "zorgnet:domain"
    ]
    page["contents"] = [huisarts]
    updated = tmp_path / "bijgewerkt.hsds.json"
    updated.write_text(json.dumps(page), encoding="utf-8")
    dataset = read_hsds(updated, base=shipped.graph)
    assert dataset.report.ok, dataset.report
    subject = ID["actor/huisarts"]
    assert set(dataset.existing) == {subject}
    record = dataset.graph
    label = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    assert set(record.objects(subject, label)) == {Literal("huisartsen", lang="nl")}
    # Left out of the file: kept as stored, as are the stored sources beside the file.
    assert set(record.objects(subject, ZN.domain)) == set(shipped.graph.objects(subject, ZN.domain))
    assert set(record.objects(subject, ZN.asOf)) == set(shipped.graph.objects(subject, ZN.asOf))
    sections = {record.value(c, ZN.section) for c in record.objects(subject, ZN.citation)}
    stored = {
        shipped.graph.value(c, ZN.section) for c in shipped.graph.objects(subject, ZN.citation)
    }
    assert stored < sections


def test_a_description_whose_language_the_data_does_not_give_is_not_stored_as_dutch(
    shipped: Dataset,
) -> None:
    description = URIRef("http://purl.org/dc/terms/description")
    organization = ID["actor/d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"]
    unknown = read_hsds(EXAMPLES / "organization_full.json", base=shipped.graph)
    assert unknown.report.ok, unknown.report
    assert list(unknown.graph.objects(organization, description)) == []
    record = organization.rsplit("/", 1)[-1]
    [warning] = [
        w
        for w in unknown.report.warnings
        if (w.record, w.field) == (record, "description") and "niet overgenomen" in w.message
    ]
    assert "taal die de gegevens niet noemen" in warning.message
    dutch = read_hsds(EXAMPLES / "organization_full.json", base=shipped.graph, language="nl")
    assert [o.language for o in dutch.graph.objects(organization, description)] == ["nl"]


def test_a_services_ages_become_the_actors_ages_and_go_back_out(shipped: Dataset) -> None:
    dataset = read_hsds(EXAMPLES / "service_full.json", base=shipped.graph)
    assert dataset.report.ok, dataset.report
    service = ID["actor/ac148810-d857-441c-9679-408f346de14b"]
    ages = (dataset.graph.value(service, ZN.ageMin), dataset.graph.value(service, ZN.ageMax))
    assert tuple(a.toPython() for a in ages) == (12, 100)
    [organization] = hsds_page(dataset.graph)["contents"]
    [written] = organization["services"]
    assert (written["minimum_age"], written["maximum_age"]) == (12, 100)


def test_names_of_data_without_a_language_are_kept_as_labels_and_reported_once(
    shipped: Dataset,
) -> None:
    organization = ID["actor/d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"]
    label = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    unknown = read_hsds(EXAMPLES / "organization_full.json", base=shipped.graph)
    assert unknown.report.ok, unknown.report
    # A proper name: the actor is called so, stored as its label as the shapes ask.
    assert [o.language for o in unknown.graph.objects(organization, label)] == ["nl"]
    [warning] = [w for w in unknown.report.warnings if w.field == "name"]
    assert "zonder taal" in warning.message and "alle namen uit dit bestand" in warning.message
    assert "--taal nl" in warning.hint
    english = read_hsds(EXAMPLES / "organization_full.json", base=shipped.graph, language="en")
    assert [w for w in english.report.warnings if w.field == "name"]
    dutch = read_hsds(EXAMPLES / "organization_full.json", base=shipped.graph, language="nl")
    assert not [w for w in dutch.report.warnings if w.field == "name"]
