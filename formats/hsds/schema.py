"""The Open Referral HSDS 3.0 JSON schemas as one offline ``referencing`` registry, and
the taxonomy under which zorgnet's own fields travel in HSDS.

The schemas refer to each other by file name (``"$ref": "location.json"``) and carry no
``$schema`` line; upstream validates them as JSON Schema draft 2020-12, and so do we.
They are third-party files, read from ``ZORGNET_HSDS_SCHEMAS`` or from
``../shared/external/hsds/schema`` beside the checkout; nothing is fetched.
"""

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from zorgnet.ontology.exceptions import SettingsError

__all__ = [
    "HSDS_VERSION",
    "ZORGNET_TAXONOMY",
    "hsds_schema_dir",
    "hsds_validator",
    "schema_document",
    "schema_errors",
]

HSDS_VERSION = "3.0"
# The zorgnet fields HSDS has no place for are attributes whose taxonomy term comes from
# the taxonomy ``zorgnet:<field>``: the writer adds them, the reader takes them back.
ZORGNET_TAXONOMY = "zorgnet:"


def hsds_schema_dir() -> Path:
    """Where the HSDS schema files are (``$ZORGNET_HSDS_SCHEMAS`` overrides the default)."""
    configured = os.environ.get("ZORGNET_HSDS_SCHEMAS")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "shared" / "external" / "hsds" / "schema"


@cache
def _registry(folder: Path) -> Registry:
    files = sorted(p for p in folder.glob("*.json") if p.name != "openapi.json")
    if not files:
        raise SettingsError(
            f"De schema's van HSDS 3.0 staan niet in {folder}. Zet ZORGNET_HSDS_SCHEMAS op "
            "de map met de schema's (de map schema van Open Referral HSDS 3.0)."
        )
    resources = []
    for path in files:
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


def schema_document(entity: str) -> dict[str, Any]:
    """The JSON schema of one HSDS entity (``organization``, ``service``, ...)."""
    return _registry(hsds_schema_dir()).contents(f"{entity}.json")


def hsds_validator(entity: str) -> Draft202012Validator:
    """A validator for one HSDS entity (``organization``, ``service``, ...)."""
    registry = _registry(hsds_schema_dir())
    return Draft202012Validator({"$ref": f"{entity}.json"}, registry=registry)


def schema_errors(entity: str, instance: Any) -> list[tuple[str, str]]:
    """Every schema violation of *instance* as ``(json path, message)``.

    Examples
    --------
    >>> schema_errors("service", {"id": "x", "name": "Hulp"})
    [('$', "'status' is a required property")]
    """
    errors = sorted(hsds_validator(entity).iter_errors(instance), key=lambda e: e.json_path)
    return [(error.json_path, error.message) for error in errors]
