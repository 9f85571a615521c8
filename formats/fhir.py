"""The network as a FHIR R4 directory ``Bundle`` (validated with ``fhir.resources`` R4B).

``fhir.resources`` 8 models FHIR R5 by default, and R5 dropped
``HealthcareService.referralMethod``; its ``fhir.resources.R4B`` models are FHIR 4.3,
whose directory resources (Organization, PractitionerRole, HealthcareService,
OrganizationAffiliation, Bundle) are the R4 ones, so the bundle is R4 content checked
with the R4B models.

- An actor whose class is a role (huisarts, jeugdconsulent, ...) becomes a
  ``PractitionerRole``; every other actor an ``Organization`` (``partOf`` its first
  parent organization).
- An actor that offers help gets a ``HealthcareService``: ``type`` are its help kinds,
  ``category`` its domains, ``characteristic`` its access mode and whether a referral or
  indication is required (``geindiceerd``), ``referralMethod`` names who refers to it
  (the ``verwijst`` relations), ``providedBy`` the organization.
- A relation or network membership between two organizations becomes an
  ``OrganizationAffiliation`` with the relation kind as ``code``.

What FHIR cannot carry: mandates (who may refer, indicate or decide, under which law and
for which area), the conditions of a relation (ages, levels, legal basis), relations
with a role at either end, memberships' core/connected status, arrangements, shortages,
figures, known issues and the citations of the sources.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> bundle = fhir_bundle(example_graph())
>>> bundle["resourceType"], bundle["type"]
('Bundle', 'collection')
"""

import json
import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError
from rdflib import Graph

from zorgnet.graph.projection import project
from zorgnet.ontology.exceptions import ZorgnetError
from zorgnet.ontology.namespace import ID
from zorgnet.ontology.vocabulary import value_label

__all__ = ["FHIR_VERSION", "fhir_bundle", "fhir_json"]

FHIR_VERSION = "4.0.1"
_VOCAB = "https://w3id.org/zorgnet/vocab/"
_ROLE_CLASS = "Role"


def _fhir_id(text: str) -> str:
    """FHIR ids are at most 64 characters; longer zorgnet ids get a stable uuid."""
    return text if len(text) <= 64 else str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID}{text}"))


def _concept(vocab: str, concept_class: str, notation: str) -> dict[str, Any]:
    return {
        "coding": [
            {
                "system": f"{_VOCAB}{vocab}",
                "code": notation,
                "display": value_label(concept_class, notation),
            }
        ],
        "text": value_label(concept_class, notation),
    }


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {
        "fullUrl": f"{ID}fhir/{resource['resourceType']}/{resource['id']}",
        "resource": resource,
    }


def _actor(node: str, data: dict[str, Any], organizations: set[str]) -> dict[str, Any]:
    identifier = [{"system": f"{ID}actor/", "value": node}]
    parents = [p for p in data.get("part_of", ()) if p in organizations]
    if data["actor_class"] == _ROLE_CLASS:
        role: dict[str, Any] = {
            "resourceType": "PractitionerRole",
            "id": _fhir_id(node),
            "identifier": identifier,
            "active": data.get("status") not in ("beeindigd", "afwezig"),
            "code": [_concept("actortypes", "ActorType", data["type"])],
        }
        if parents:
            role["organization"] = {"reference": f"Organization/{_fhir_id(parents[0])}"}
        if data.get("offers"):
            role["healthcareService"] = [{"reference": f"HealthcareService/{_fhir_id(node)}"}]
        return role
    organization: dict[str, Any] = {
        "resourceType": "Organization",
        "id": _fhir_id(node),
        "identifier": identifier,
        "active": data.get("status") not in ("beeindigd", "afwezig"),
        "type": [_concept("actortypes", "ActorType", data["type"])],
        "name": data["label"],
    }
    if parents:
        organization["partOf"] = {"reference": f"Organization/{_fhir_id(parents[0])}"}
    return organization


def _service(G: Any, node: str, data: dict[str, Any], organizations: set[str]) -> dict[str, Any]:
    service: dict[str, Any] = {
        "resourceType": "HealthcareService",
        "id": _fhir_id(node),
        "active": data.get("status") not in ("beeindigd", "afwezig"),
        "name": data["label"],
        "type": [_concept("helpkinds", "HelpKind", kind) for kind in data["offers"]],
    }
    provider = (
        node
        if node in organizations
        else next((p for p in data.get("part_of", ()) if p in organizations), None)
    )
    if provider is not None:
        service["providedBy"] = {"reference": f"Organization/{_fhir_id(provider)}"}
    if data.get("domains"):
        service["category"] = [_concept("domains", "Domain", d) for d in data["domains"]]
    if data.get("access"):
        referral = "geindiceerd" in data["access"]
        characteristic = [_concept("access", "AccessMode", a) for a in data["access"]]
        characteristic.append(
            {"text": "verwijzing of indicatie nodig" if referral else "vrij toegankelijk"}
        )
        service["characteristic"] = characteristic
    referrers = sorted(
        G.nodes[u]["label"]
        for u, _, edge in G.in_edges(node, data=True)
        if edge.get("kind") == "verwijst"
    )
    if referrers:
        service["referralMethod"] = [
            {
                "coding": [
                    {
                        "system": f"{_VOCAB}relationkinds",
                        "code": "verwijst",
                        "display": value_label("RelationKind", "verwijst"),
                    }
                ],
                "text": "verwijzing door: " + ", ".join(referrers),
            }
        ]
    return service


def fhir_bundle(graph: Graph) -> dict[str, Any]:
    """The network of *graph* as a FHIR R4 ``Bundle`` (type ``collection``), validated.

    Raises
    ------
    ZorgnetError
        When the bundle does not validate against the ``fhir.resources`` R4B models.
    """
    G = project(graph)
    organizations = {n for n, d in G.nodes(data=True) if d["actor_class"] != _ROLE_CLASS}
    entries = []
    for node, data in sorted(G.nodes(data=True)):
        entries.append(_entry(_actor(node, data, organizations)))
        if data.get("offers"):
            entries.append(_entry(_service(G, node, data, organizations)))
    for source, target, key, edge in sorted(G.edges(keys=True, data=True), key=lambda e: e[2]):
        if edge["kind"] == "is-onderdeel-van":
            continue  # carried by Organization.partOf
        if source not in organizations or target not in organizations:
            continue
        affiliation = {
            "resourceType": "OrganizationAffiliation",
            "id": _fhir_id(key.replace("/", "-")),
            "active": edge.get("status") not in ("beeindigd", "afwezig"),
            "organization": {"reference": f"Organization/{_fhir_id(source)}"},
            "participatingOrganization": {"reference": f"Organization/{_fhir_id(target)}"},
            "code": [
                {
                    "coding": [{"system": f"{_VOCAB}relationkinds", "code": edge["kind"]}],
                    "text": value_label("RelationKind", edge["kind"]),
                }
            ],
        }
        entries.append(_entry(affiliation))
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:
        raise ZorgnetError(f"FHIR-bundle is ongeldig: {exc.errors()[:3]}") from exc
    return bundle


def fhir_json(graph: Graph) -> str:
    """:func:`fhir_bundle` as JSON text."""
    return json.dumps(fhir_bundle(graph), ensure_ascii=False, indent=2) + "\n"
