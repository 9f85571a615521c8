"""zorgnet's actors as Open Referral HSDS 3.0 organizations and services.

An actor that is not part of another actor becomes an HSDS ``organization``; an actor
that is ``partOf`` such an actor becomes a ``service`` of it (the inverse of
:mod:`zorgnet.formats.hsds.reader`); deeper actors become organizations with a
``parent_organization_id``. The zorgnet fields HSDS has no place for (type, scale,
domain, level, access, offers, area, partOf, status and the zorgnet id) travel as
``attributes`` with taxonomy terms of a ``zorgnet:<field>`` taxonomy, so an HSDS round
trip keeps them. Areas of services are also written as ``service_areas``. Every
organization and service is validated against the HSDS JSON schemas.
"""

import json
import re
import uuid
from typing import Any

from rdflib import Graph

from zorgnet.formats.hsds.schema import ZORGNET_TAXONOMY, schema_errors
from zorgnet.graph.rdf_records import graph_records
from zorgnet.ontology.exceptions import ZorgnetError
from zorgnet.ontology.namespace import ID

__all__ = ["hsds_documents", "hsds_json"]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ATTRIBUTE_FIELDS = ("id", "type", "scale", "status", "domain", "level", "access", "offers")
_SERVICE_STATUS = {"bestaand": "active", "pilot": "active", "beeindigd": "defunct"}


def _uuid(kind: str, record_id: str) -> str:
    if _UUID.match(record_id):
        return record_id
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID}{kind}/{record_id}"))


def _values(record: dict[str, Any], name: str) -> list[str]:
    value = record.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _attributes(record: dict[str, Any], owner: str, fields: tuple[str, ...]) -> list[dict]:
    attributes = []
    for name in fields:
        for value in _values(record, name):
            term_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ID}hsds/{name}/{value}"))
            attributes.append(
                {
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{owner}/{name}/{value}")),
                    "taxonomy_term_id": term_id,
                    "link_type": name,
                    "value": value,
                    "taxonomy_term": {
                        "id": term_id,
                        "code": value,
                        "name": value,
                        "description": f"zorgnet {name}",
                        "taxonomy": f"{ZORGNET_TAXONOMY}{name}",
                    },
                }
            )
    return attributes


def _base(record: dict[str, Any], hsds_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": hsds_id, "name": record["label"]}
    if record.get("altLabel"):
        entry["alternate_name"] = record["altLabel"][0]
    entry["description"] = record.get("description", "")
    return entry


def hsds_documents(graph: Graph, area_labels: dict[str, str] | None = None) -> list[dict]:
    """The actors of *graph* as HSDS organizations, each with its services nested.

    Parameters
    ----------
    graph : Graph
        The store's data.
    area_labels : dict, optional
        Area id → name for ``service_areas`` (default: the area labels in *graph*).

    Returns
    -------
    list of dict
        Organizations in the shape of HSDS's ``organization_full.json``.

    Raises
    ------
    ZorgnetError
        When an organization or service does not validate against the HSDS schemas.
    """
    records = graph_records(graph)
    labels = area_labels or {a["id"]: a["label"] for a in records["areas"]}
    actors = {a["id"]: a for a in records["actors"]}
    top = {i for i, a in actors.items() if not any(p in actors for p in _values(a, "partOf"))}
    organizations: dict[str, dict[str, Any]] = {}
    services: list[tuple[str, dict[str, Any]]] = []
    for actor_id, actor in actors.items():
        hsds_id = _uuid("actor", actor_id)
        parents = [p for p in _values(actor, "partOf") if p in actors]
        fields = (*_ATTRIBUTE_FIELDS, "area", "partOf")
        attributes = _attributes(actor, hsds_id, fields)
        # HSDS has room for one alternate name; the others travel as attributes.
        extra = {"altLabel": _values(actor, "altLabel")[1:]}
        attributes += _attributes(extra, hsds_id, ("altLabel",))
        if parents and parents[0] in top:
            service = _base(actor, hsds_id)
            service["organization_id"] = _uuid("actor", parents[0])
            service["status"] = _SERVICE_STATUS.get(actor.get("status", "bestaand"), "inactive")
            service["service_areas"] = [
                {
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{hsds_id}/area/{area}")),
                    "name": labels.get(area, area),
                }
                for area in _values(actor, "area")
            ]
            service["attributes"] = attributes
            services.append((parents[0], service))
            continue
        organization = _base(actor, hsds_id)
        if parents:
            organization["parent_organization_id"] = _uuid("actor", parents[0])
        organization["attributes"] = attributes
        organizations[actor_id] = organization
    for parent, service in services:
        organizations[parent].setdefault("services", []).append(service)
    out = [organizations[key] for key in sorted(organizations)]
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


def hsds_json(graph: Graph) -> str:
    """:func:`hsds_documents` as JSON text."""
    return json.dumps(hsds_documents(graph), ensure_ascii=False, indent=2) + "\n"
