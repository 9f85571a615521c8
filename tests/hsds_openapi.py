"""The HSDS 3.0 API description (``schema/openapi.json``) as validators of its responses.

The OpenAPI file names the entity schemas by their upstream addresses; these are mapped
to the local copies in ``../shared/external/hsds/schema`` (the compiled service schema,
which was not copied, to the self-contained ``service_with_definitions.json``), so that
nothing is fetched. Its responses are JSON Schema draft 2020-12, as OpenAPI 3.1 says.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from zorgnet.formats.hsds import hsds_schema_dir

__all__ = ["response_validator"]

_UPSTREAM = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
_OPENAPI = "urn:zorgnet-test:hsds-openapi"
_COMPILED = {
    "compiled/service.json": "compiled/service_with_definitions.json",
    "compiled/organization.json": "compiled/organization.json",
    "compiled/organization_list.json": "compiled/organization_list.json",
    "compiled/service_list.json": "compiled/service_list.json",
}


def _resource(path: Path) -> Resource:
    return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), DRAFT202012)


@cache
def _registry() -> Registry:
    folder = hsds_schema_dir()
    resources = [(_OPENAPI, _resource(folder / "openapi.json"))]
    resources += [
        (_UPSTREAM + name, _resource(folder / local)) for name, local in _COMPILED.items()
    ]
    resources += [(_UPSTREAM + p.name, _resource(p)) for p in folder.glob("*.json")]
    return Registry().with_resources(resources)


def response_validator(path: str) -> Draft202012Validator:
    """A validator for the JSON body of a ``200`` to ``GET <path>`` (``/services/{id}``)."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    schema = {
        "$ref": f"{_OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    }
    return Draft202012Validator(schema, registry=_registry())
