"""zorgnet's actors as Open Referral HSDS 3.0 organizations and services.

An actor with a parent actor and no actors of its own becomes a ``service`` of its
(first) parent; every other actor becomes an HSDS ``organization``, with its first
parent as ``parent_organization_id``. So a parent is always an organization, and each
``organization_id`` and ``parent_organization_id`` names an organization of the same
export (the inverse is :mod:`zorgnet.formats.hsds.reader`).

- An organization carries zorgnet's IRI of the actor as its ``uri`` and the zorgnet id
  in ``organization_identifiers`` (``identifier_type`` ``zorgnet-id``); HSDS gives a
  service neither field, so a service carries its id as an attribute.
- The vocabulary fields HSDS has no place for (type, scale, status, domain, level,
  access, offers) are ``attributes`` whose ``taxonomy_term`` is the concept itself: one
  term per concept, in a ``zorgnet:<field>`` taxonomy, named by its Dutch label, with
  the concept's IRI as ``term_uri``. An area is a term of the ``zorgnet:area``
  taxonomy (its name, its kind of area as description, its IRI as ``term_uri``), so
  that the export can be read into a store that does not know the area yet.
- Values that are no concept (the service's id, further parents, further alternate
  names, an organization's ages) are the ``value`` of an attribute whose term is shared
  by every such value.
- A service's ages (``ageMin``, ``ageMax``) are its ``minimum_age`` and ``maximum_age``.
- A service's areas are also its ``service_areas``.
- The texts are Dutch (zorgnet's shapes allow no other language); taxonomy terms say so
  in their ``language``, HSDS has no language field for the others.

:func:`hsds_page` wraps the organizations in the page shape of the HSDS API
(``GET /organizations``: ``total_items`` ... ``contents``), which ``zorgnet export
--format hsds`` writes; the web app serves the same entities under ``/hsds``
(:func:`hsds_directory`). Every organization and service of an export is validated
against the HSDS JSON schemas.
"""

import json
import math
import re
import uuid
from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from zorgnet.formats.hsds.schema import ZORGNET_TAXONOMY, schema_errors
from zorgnet.graph.rdf_records import graph_records
from zorgnet.ontology.exceptions import ZorgnetError
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.vocabulary import class_label, vocabulary

__all__ = [
    "CONCEPT_FIELDS",
    "IDENTIFIER_TYPE",
    "VALUE_FIELDS",
    "HsdsDirectory",
    "hsds_directory",
    "hsds_documents",
    "hsds_json",
    "hsds_page",
    "organization_summary",
    "page",
    "service_summary",
]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# The vocabulary fields that travel as attributes, with the concept class of each.
CONCEPT_FIELDS = {
    "type": ZN.ActorType,
    "scale": ZN.Scale,
    "status": ZN.Status,
    "domain": ZN.Domain,
    "level": ZN.SupportLevel,
    "access": ZN.AccessMode,
    "offers": ZN.HelpKind,
}
# The fields whose values travel as an attribute's value, under one shared term each.
VALUE_FIELDS = {
    "id": "zorgnet-id",
    "partOf": "ook onderdeel van",
    "altLabel": "andere naam",
    "ageMin": "vanaf leeftijd",
    "ageMax": "tot en met leeftijd",
}
# A service's ages are HSDS fields; an organization has none, so its ages are attributes.
_AGES = {"ageMin": "minimum_age", "ageMax": "maximum_age"}
IDENTIFIER_TYPE = "zorgnet-id"
_SERVICE_STATUS = {"bestaand": "active", "pilot": "active", "beeindigd": "defunct"}
# The one-to-one fields of each entity: what a list of the HSDS API shows of it.
_ORGANIZATION_LIST = ("id", "name", "alternate_name", "description", "uri")
_SERVICE_LIST = (
    "id",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "status",
    "minimum_age",
    "maximum_age",
)


def _uuid(kind: str, record_id: str) -> str:
    if _UUID.match(record_id):
        return record_id
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID}{kind}/{record_id}"))


def _values(record: dict[str, Any], name: str) -> list[str]:
    value = record.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _attribute(owner: str, name: str, value: str, term: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{owner}/{name}/{value}")),
        "taxonomy_term_id": term["id"],
        "link_type": name,
        "value": value,
        "taxonomy_term": term,
    }


def _concept_term(name: str, notation: str) -> dict[str, Any]:
    """The taxonomy term of a concept: the same term wherever the concept is used."""
    concept = vocabulary().concept(CONCEPT_FIELDS[name], notation)
    if concept is None:  # a value the shapes let through, with no concept: keep the text
        label, uri = notation, None
    else:
        label, uri = vocabulary().label(concept), str(concept)
    term: dict[str, Any] = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, uri or f"{ID}hsds/{name}/{notation}")),
        "code": notation,
        "name": label,
        "description": f"{class_label(str(CONCEPT_FIELDS[name]))}: {label}",
        "taxonomy": f"{ZORGNET_TAXONOMY}{name}",
        "language": "nl",
    }
    if uri:
        term["term_uri"] = uri
    return term


def _value_term(name: str) -> dict[str, Any]:
    """The one term under which every value of the field *name* travels."""
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID}hsds/{name}")),
        "code": name,
        "name": VALUE_FIELDS[name],
        "description": f"zorgnet: {VALUE_FIELDS[name]} (de waarde staat in het attribuut)",
        "taxonomy": f"{ZORGNET_TAXONOMY}{name}",
        "language": "nl",
    }


def _area_term(area: dict[str, Any]) -> dict[str, Any]:
    """The taxonomy term of an area: its name, its kind of area and its IRI."""
    iri = f"{ID}area/{area['id']}"
    kind = vocabulary().concept(ZN.AreaType, str(area.get("type")))
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, iri)),
        "code": area["id"],
        "name": area.get("label", area["id"]),
        "description": vocabulary().label(kind) if kind is not None else "gebied",
        "taxonomy": f"{ZORGNET_TAXONOMY}area",
        "language": "nl",
        "term_uri": iri,
    }


@dataclass
class _Writer:
    actors: dict[str, dict[str, Any]]
    areas: dict[str, dict[str, Any]]

    def attributes(
        self, actor: dict[str, Any], owner: str, structural: str | None, ages: bool = False
    ) -> list:
        found = []
        for name in CONCEPT_FIELDS:
            found += [
                _attribute(owner, name, v, _concept_term(name, v)) for v in _values(actor, name)
            ]
        for area in _values(actor, "area"):
            term = _area_term(self.areas.get(area, {"id": area}))
            found.append(_attribute(owner, "area", area, term))
        extra = {
            # HSDS has room for one alternate name and one parent; the others travel here.
            "altLabel": _values(actor, "altLabel")[1:],
            "partOf": [p for p in _values(actor, "partOf") if p != structural],
            **{name: _values(actor, name) for name in _AGES if ages},
        }
        for name, values in extra.items():
            found += [_attribute(owner, name, v, _value_term(name)) for v in values]
        return found

    def base(self, actor: dict[str, Any], hsds_id: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": hsds_id, "name": actor["label"]}
        if actor.get("altLabel"):
            entry["alternate_name"] = actor["altLabel"][0]
        entry["description"] = actor.get("description", "")
        return entry

    def organization(self, actor: dict[str, Any], parent: str | None) -> dict[str, Any]:
        hsds_id = _uuid("actor", actor["id"])
        entry = self.base(actor, hsds_id)
        entry["uri"] = f"{ID}actor/{actor['id']}"
        if parent is not None:
            entry["parent_organization_id"] = _uuid("actor", parent)
        entry["organization_identifiers"] = [
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{entry['uri']}/{IDENTIFIER_TYPE}")),
                "organization_id": hsds_id,
                "identifier_type": IDENTIFIER_TYPE,
                "identifier": actor["id"],
            }
        ]
        entry["attributes"] = self.attributes(actor, hsds_id, parent, ages=True)
        return entry

    def service(self, actor: dict[str, Any], parent: str) -> dict[str, Any]:
        hsds_id = _uuid("actor", actor["id"])
        entry = self.base(actor, hsds_id)
        entry["organization_id"] = _uuid("actor", parent)
        entry["status"] = _SERVICE_STATUS.get(actor.get("status", "bestaand"), "inactive")
        entry |= {hsds: actor[name] for name, hsds in _AGES.items() if name in actor}
        entry["service_areas"] = [
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{hsds_id}/area/{area}")),
                "service_id": hsds_id,
                "name": self.areas.get(area, {}).get("label", area),
                "uri": f"{ID}area/{area}",
            }
            for area in _values(actor, "area")
        ]
        entry["attributes"] = [
            _attribute(hsds_id, "id", actor["id"], _value_term("id")),
            *self.attributes(actor, hsds_id, parent),
        ]
        return entry


@dataclass(frozen=True)
class HsdsDirectory:
    """The organizations (with their services nested) and the services of a store,
    each as HSDS 3.0 writes it, sorted by zorgnet id."""

    organizations: list[dict[str, Any]]

    @property
    def services(self) -> list[dict[str, Any]]:
        """Every service, each with the one-to-one fields of its organization nested."""
        found = []
        for organization in self.organizations:
            summary = organization_summary(organization)
            found += [{**s, "organization": summary} for s in organization.get("services", [])]
        return found


def organization_summary(organization: dict[str, Any]) -> dict[str, Any]:
    """The one-to-one fields of an organization: what a list of organizations shows."""
    keys = (*_ORGANIZATION_LIST, "parent_organization_id")
    return {k: organization[k] for k in keys if k in organization}


def service_summary(service: dict[str, Any]) -> dict[str, Any]:
    """The one-to-one fields of a service: what a list of services shows."""
    return {k: service[k] for k in _SERVICE_LIST if k in service}


def hsds_directory(graph: Graph) -> HsdsDirectory:
    """The actors of *graph* as HSDS organizations and services (see the module).

    Examples
    --------
    >>> from zorgnet.graph.analyses._example import example_graph
    >>> directory = hsds_directory(example_graph())
    >>> sorted(o["name"] for o in directory.organizations)[:2]
    ['buurtteam', 'doorbraaktafel']
    """
    records = graph_records(graph)
    actors = {a["id"]: a for a in records["actors"]}
    writer = _Writer(actors, {a["id"]: a for a in records["areas"]})
    parents = {
        i: next((p for p in _values(a, "partOf") if p in actors), None) for i, a in actors.items()
    }
    with_children = {p for p in parents.values() if p is not None}
    organizations: dict[str, dict[str, Any]] = {}
    services: dict[str, dict[str, Any]] = {}
    for actor_id in sorted(actors):
        parent = parents[actor_id]
        if parent is not None and actor_id not in with_children:
            services[actor_id] = writer.service(actors[actor_id], parent)
        else:
            organizations[actor_id] = writer.organization(actors[actor_id], parent)
    for actor_id, service in services.items():
        organizations[str(parents[actor_id])].setdefault("services", []).append(service)
    return HsdsDirectory([organizations[key] for key in sorted(organizations)])


def hsds_documents(graph: Graph) -> list[dict]:
    """The actors of *graph* as HSDS organizations, each with its services nested.

    Parameters
    ----------
    graph : Graph
        The store's data.

    Returns
    -------
    list of dict
        Organizations in the shape of HSDS's ``organization_full.json``.

    Raises
    ------
    ZorgnetError
        When an organization or service does not validate against the HSDS schemas.
    """
    out = hsds_directory(graph).organizations
    _validate(out)
    return out


def _validate(organizations: list[dict[str, Any]]) -> None:
    problems = []
    for organization in organizations:
        bare = {k: v for k, v in organization.items() if k != "services"}
        problems += [(organization["id"], p, m) for p, m in schema_errors("organization", bare)]
        for service in organization.get("services", []):
            problems += [(service["id"], p, m) for p, m in schema_errors("service", service)]
    if problems:
        listed = "; ".join(f"{i} {p}: {m}" for i, p, m in problems[:5])
        raise ZorgnetError(f"HSDS-export voldoet niet aan het schema: {listed}")


def page(contents: list[Any], number: int = 1, size: int | None = None) -> dict[str, Any]:
    """Page *number* (from 1) of *contents*, *size* entities a page (default: all), in
    the page shape of the HSDS API.

    Examples
    --------
    >>> page(["a", "b", "c"], 2, 2)["contents"], page(["a", "b", "c"], 2, 2)["last_page"]
    (['c'], True)
    """
    per_page = size or max(len(contents), 1)
    pages = max(math.ceil(len(contents) / per_page), 1)
    shown = contents[(number - 1) * per_page : number * per_page]
    return {
        "total_items": len(contents),
        "total_pages": pages,
        "page_number": number,
        "size": len(shown),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not shown,
        "contents": shown,
    }


def hsds_page(graph: Graph) -> dict[str, Any]:
    """Every organization of *graph*, services nested, as one page of the HSDS API's
    ``GET /organizations`` (validated, as :func:`hsds_documents`)."""
    return page(hsds_documents(graph))


def hsds_json(graph: Graph) -> str:
    """:func:`hsds_page` as JSON text."""
    return json.dumps(hsds_page(graph), ensure_ascii=False, indent=2) + "\n"
