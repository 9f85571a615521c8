"""The network as a FHIR R4 directory ``Bundle`` (validated with ``fhir.resources`` R4B).

``fhir.resources`` 8 models FHIR R5 by default; its ``fhir.resources.R4B`` models are
FHIR 4.3, whose directory resources (Organization, PractitionerRole, HealthcareService,
OrganizationAffiliation, Location, CodeSystem, Bundle) are the R4 ones, so the bundle
is R4 content checked with the R4B models.

The resources follow IHE mCSD (Mobile Care Services Discovery), on which the Dutch
"Generieke Functie Adressering" (the national address book of care organisations)
builds, and each claims its mCSD profile in ``meta.profile`` (it meets the profile's
constraints, which a test checks):

- An actor whose class is a role (huisarts, jeugdconsulent, ...) becomes a
  ``PractitionerRole`` (no person: the role itself); every other actor an
  ``Organization`` (``partOf`` its first parent organization).
- An area becomes a ``Location`` (``partOf`` its first larger area).
- An actor that offers help gets a ``HealthcareService``: ``type`` are its help kinds,
  ``category`` its domains, ``characteristic`` its access mode and whether a referral or
  indication is required (``geindiceerd``), ``coverageArea`` its areas, ``providedBy``
  the organization. Who refers to it (the ``verwijst`` relations) is the extension
  :data:`REFERRER_URL` (defined by a ``StructureDefinition`` in the bundle), one
  reference to each referring organization or role: ``referralMethod`` says *how* one
  refers (fax, phone, ...), which zorgnet does not know.
- A relation or network membership between two organizations becomes an
  ``OrganizationAffiliation``: ``organization`` is where the relation starts,
  ``participatingOrganization`` where it goes; ``code`` is the relation kind, or for a
  membership its status (kern, verbonden, buiten); a referral names the
  ``healthcareService`` it refers to; ``identifier`` is the record's IRI.
- Every coding has its Dutch ``display``, and the bundle holds a ``CodeSystem`` for each
  zorgnet vocabulary the codings use (:data:`CODE_SYSTEMS`), with every concept's code,
  Dutch display, Dutch definition where the vocabulary has one, and English label.

What FHIR cannot carry: mandates (who may refer, indicate or decide, under which law and
for which area), the conditions of a relation (ages, levels, legal basis), relations
with a role at either end (except referrals, in the extension), arrangements,
shortages, figures, known issues and the citations of the sources.

Examples
--------
>>> from zorgnet.graph.analyses._example import example_graph
>>> bundle = fhir_bundle(example_graph())
>>> bundle["resourceType"], bundle["type"]
('Bundle', 'collection')
>>> sorted({e["resource"]["resourceType"] for e in bundle["entry"]})[:2]
['CodeSystem', 'HealthcareService']
"""

import json
import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError
from rdflib import SKOS, Graph, Literal, URIRef

from zorgnet.graph.projection import project
from zorgnet.ontology.exceptions import ZorgnetError
from zorgnet.ontology.namespace import ID, VOCAB
from zorgnet.ontology.vocabulary import MEMBERSHIP_KIND, value_label, vocabulary

__all__ = [
    "CODE_SYSTEMS",
    "FHIR_VERSION",
    "MCSD_PROFILE",
    "REFERRER_URL",
    "fhir_bundle",
    "fhir_json",
]

FHIR_VERSION = "4.0.1"
MCSD_PROFILE = "https://profiles.ihe.net/ITI/mCSD/StructureDefinition/IHE.mCSD.{}"
REFERRER_URL = "https://w3id.org/zorgnet/fhir/StructureDefinition/referrer"
# The zorgnet vocabularies the codings use: concept class -> scheme (its IRI's last part).
CODE_SYSTEMS = {
    "ActorType": "actortypes",
    "HelpKind": "helpkinds",
    "Domain": "domains",
    "AccessMode": "access",
    "RelationKind": "relationkinds",
    "MembershipStatus": "membershipstatuses",
    "AreaType": "areatypes",
}
_ROLE_CLASS = "Role"
_ENDED = ("beeindigd", "afwezig")
# An identifier that is an IRI (FHIR's system for a URI that is itself the identifier).
_URI_SYSTEM = "urn:ietf:rfc:3986"


def _fhir_id(text: str) -> str:
    """FHIR ids are at most 64 characters; longer zorgnet ids get a stable uuid."""
    return text if len(text) <= 64 else str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID}{text}"))


def _system(concept_class: str) -> str:
    return f"{VOCAB}{CODE_SYSTEMS[concept_class]}"


def _coding(concept_class: str, notation: str) -> dict[str, str]:
    display = value_label(concept_class, notation)
    return {"system": _system(concept_class), "code": notation, "display": display}


def _concept(concept_class: str, notation: str, text: str | None = None) -> dict[str, Any]:
    coding = _coding(concept_class, notation)
    return {"coding": [coding], "text": text or coding["display"]}


def _reference(kind: str, node: str, label: str) -> dict[str, str]:
    return {"reference": f"{kind}/{_fhir_id(node)}", "display": label}


def _profiled(resource_type: str, resource_id: str) -> dict[str, Any]:
    return {
        "resourceType": resource_type,
        "id": resource_id,
        "meta": {"profile": [MCSD_PROFILE.format(resource_type)]},
    }


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {
        "fullUrl": f"{ID}fhir/{resource['resourceType']}/{resource['id']}",
        "resource": resource,
    }


def _actor(node: str, data: dict[str, Any], organizations: set[str]) -> dict[str, Any]:
    identifier = [
        {"system": f"{ID}actor/", "value": node},
        {"system": _URI_SYSTEM, "value": data["iri"]},
    ]
    parents = [p for p in data.get("part_of", ()) if p in organizations]
    active = data.get("status") not in _ENDED
    if data["actor_class"] == _ROLE_CLASS:
        role = _profiled("PractitionerRole", _fhir_id(node))
        role |= {
            "identifier": identifier,
            "active": active,
            "code": [_concept("ActorType", data["type"])],
        }
        if parents:
            role["organization"] = {"reference": f"Organization/{_fhir_id(parents[0])}"}
        if data.get("offers"):
            role["healthcareService"] = [{"reference": f"HealthcareService/{_fhir_id(node)}"}]
        return role
    organization = _profiled("Organization", _fhir_id(node))
    organization |= {
        "identifier": identifier,
        "active": active,
        "type": [_concept("ActorType", data["type"])],
        "name": data["label"],
    }
    if parents:
        organization["partOf"] = {"reference": f"Organization/{_fhir_id(parents[0])}"}
    return organization


def _location(area: Any, areas: dict[str, Any]) -> dict[str, Any]:
    location = _profiled("Location", _fhir_id(area.id))
    location |= {
        "identifier": [{"system": f"{ID}area/", "value": area.id}],
        "status": "active",
        "name": area.label,
        "type": [_concept("AreaType", area.type)] if area.type else [{"text": "onbekend"}],
    }
    parents = [p for p in area.part_of if p in areas]
    if parents:
        location["partOf"] = {"reference": f"Location/{_fhir_id(parents[0])}"}
    return location


def _referrers(G: Any, node: str, organizations: set[str]) -> list[dict[str, Any]]:
    """The extensions naming each actor that refers to *node* (``verwijst``)."""
    sources = sorted(
        {u for u, _, edge in G.in_edges(node, data=True) if edge["kind"] == "verwijst"}
    )
    return [
        {
            "url": REFERRER_URL,
            "valueReference": _reference(
                "Organization" if u in organizations else "PractitionerRole",
                u,
                G.nodes[u]["label"],
            ),
        }
        for u in sources
    ]


def _service(G: Any, node: str, data: dict[str, Any], organizations: set[str]) -> dict[str, Any]:
    service = _profiled("HealthcareService", _fhir_id(node))
    service |= {
        "active": data.get("status") not in _ENDED,
        "name": data["label"],
        "type": [_concept("HelpKind", kind) for kind in data["offers"]],
    }
    referrers = _referrers(G, node, organizations)
    if referrers:
        service["extension"] = referrers
    provider = (
        node
        if node in organizations
        else next((p for p in data.get("part_of", ()) if p in organizations), None)
    )
    if provider is not None:
        service["providedBy"] = {"reference": f"Organization/{_fhir_id(provider)}"}
    if data.get("domains"):
        service["category"] = [_concept("Domain", d) for d in data["domains"]]
    if data.get("access"):
        referral = "geindiceerd" in data["access"]
        characteristic = [_concept("AccessMode", a) for a in data["access"]]
        characteristic.append(
            {"text": "verwijzing of indicatie nodig" if referral else "vrij toegankelijk"}
        )
        service["characteristic"] = characteristic
    areas = [a for a in data.get("areas", ()) if a in G.graph["areas"]]
    if areas:
        service["coverageArea"] = [
            _reference("Location", a, G.graph["areas"][a].label) for a in areas
        ]
    return service


def _affiliation_code(edge: dict[str, Any]) -> dict[str, Any]:
    if edge["kind"] != MEMBERSHIP_KIND:
        return _concept("RelationKind", edge["kind"])
    membership = value_label("RelationKind", MEMBERSHIP_KIND)
    status = edge.get("membership_status")
    if status is None:
        return {"text": membership}
    return _concept(
        "MembershipStatus", status, f"{membership}: {value_label('MembershipStatus', status)}"
    )


def _affiliation(
    G: Any, source: str, target: str, key: str, edge: dict[str, Any]
) -> dict[str, Any]:
    affiliation = _profiled("OrganizationAffiliation", _fhir_id(key.replace("/", "-")))
    affiliation |= {
        "identifier": [{"system": _URI_SYSTEM, "value": edge["iri"]}],
        "active": edge.get("status") not in _ENDED,
        "organization": _reference("Organization", source, G.nodes[source]["label"]),
        "participatingOrganization": _reference("Organization", target, G.nodes[target]["label"]),
        "code": [_affiliation_code(edge)],
    }
    if edge["kind"] == "verwijst" and G.nodes[target].get("offers"):
        affiliation["healthcareService"] = [{"reference": f"HealthcareService/{_fhir_id(target)}"}]
    return affiliation


def _dutch(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    """The Dutch (else untagged) literal of *subject*'s *predicate*, if any."""
    found = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    chosen = [o for o in found if o.language == "nl"] or [o for o in found if not o.language]
    return str(chosen[0]) if chosen else None


def _code_system(concept_class: str) -> dict[str, Any]:
    """The FHIR ``CodeSystem`` of a zorgnet vocabulary, from its SKOS concepts."""
    graph = vocabulary().graph
    scheme = URIRef(_system(concept_class))
    concepts = []
    for concept in graph.subjects(SKOS.inScheme, scheme):
        notation = graph.value(concept, SKOS.notation)
        if notation is None:
            continue
        entry: dict[str, Any] = {"code": str(notation), "display": vocabulary().label(concept)}
        definition = _dutch(graph, concept, SKOS.definition)
        if definition:
            entry["definition"] = definition
        english = vocabulary().label(concept, "en")
        if english != entry["display"]:
            entry["designation"] = [{"language": "en", "value": english}]
        concepts.append(entry)
    name = CODE_SYSTEMS[concept_class]
    system: dict[str, Any] = {
        "resourceType": "CodeSystem",
        "id": f"zorgnet-{name}",
        "url": str(scheme),
        "name": f"Zorgnet{name.capitalize()}",
        "title": _dutch(graph, scheme, SKOS.prefLabel) or name,
        "status": "active",
        "experimental": False,
        "publisher": "zorgnet",
        "language": "nl",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": sorted(concepts, key=lambda c: c["code"]),
    }
    description = _dutch(graph, scheme, SKOS.definition)
    if description:
        system["description"] = description
    return system


def _referrer_definition() -> dict[str, Any]:
    """The ``StructureDefinition`` of the extension :data:`REFERRER_URL`, so that a
    validator given the bundle knows it."""
    return {
        "resourceType": "StructureDefinition",
        "id": "zorgnet-referrer",
        "url": REFERRER_URL,
        "name": "ZorgnetReferrer",
        "title": "verwezen door",
        "status": "active",
        "publisher": "zorgnet",
        "description": (
            "Een organisatie of rol die naar deze hulp verwijst (een relatie 'verwijst' in "
            "zorgnet). Hoe er verwezen wordt (fax, telefoon, ...) staat in referralMethod."
        ),
        "kind": "complex-type",
        "abstract": False,
        "context": [{"type": "element", "expression": "HealthcareService"}],
        "type": "Extension",
        "baseDefinition": "http://hl7.org/fhir/StructureDefinition/Extension",
        "derivation": "constraint",
        "differential": {
            "element": [
                {"id": "Extension", "path": "Extension", "short": "verwezen door"},
                {"id": "Extension.extension", "path": "Extension.extension", "max": "0"},
                {"id": "Extension.url", "path": "Extension.url", "fixedUri": REFERRER_URL},
                {
                    "id": "Extension.value[x]",
                    "path": "Extension.value[x]",
                    "min": 1,
                    "type": [
                        {
                            "code": "Reference",
                            "targetProfile": [
                                "http://hl7.org/fhir/StructureDefinition/Organization",
                                "http://hl7.org/fhir/StructureDefinition/PractitionerRole",
                            ],
                        }
                    ],
                },
            ]
        },
    }


def fhir_bundle(graph: Graph) -> dict[str, Any]:
    """The network of *graph* as a FHIR R4 ``Bundle`` (type ``collection``), validated.

    Raises
    ------
    ZorgnetError
        When the bundle does not validate against the ``fhir.resources`` R4B models.
    """
    G = project(graph)
    organizations = {n for n, d in G.nodes(data=True) if d["actor_class"] != _ROLE_CLASS}
    entries = [_entry(_code_system(concept_class)) for concept_class in CODE_SYSTEMS]
    entries.append(_entry(_referrer_definition()))
    areas = G.graph["areas"]
    entries += [_entry(_location(areas[a], areas)) for a in sorted(areas)]
    for node, data in sorted(G.nodes(data=True)):
        entries.append(_entry(_actor(node, data, organizations)))
        if data.get("offers"):
            entries.append(_entry(_service(G, node, data, organizations)))
    for source, target, key, edge in sorted(G.edges(keys=True, data=True), key=lambda e: e[2]):
        if edge["kind"] == "is-onderdeel-van":
            continue  # carried by Organization.partOf
        if source in organizations and target in organizations:
            entries.append(_entry(_affiliation(G, source, target, key, edge)))
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:
        raise ZorgnetError(f"FHIR-bundle is ongeldig: {exc.errors()[:3]}") from exc
    return bundle


def fhir_json(graph: Graph) -> str:
    """:func:`fhir_bundle` as JSON text."""
    return json.dumps(fhir_bundle(graph), ensure_ascii=False, indent=2) + "\n"
