"""Pydantic models of the data-file records, built from the SHACL shapes.

There is one model per record kind (``Actor``, ``Relation``, ``Mandate``, ...), made
at import time from :func:`zorgnet.ontology.schema.record_kinds`, so the models cannot
drift from the shapes: a field added to a shape is a field of its model.

Examples
--------
>>> model = record_models()["actors"]
>>> model.__name__
'Actor'
>>> actor = model(id="veilig-thuis", label="Veilig Thuis", type="veilig-thuis",
...               scale="regionaal", source="003 §4")
>>> actor.source
['003 §4']
"""

from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from rdflib import XSD, URIRef

from zorgnet.ontology.schema import FieldSpec, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import vocabulary

__all__ = ["CITATION_PATTERN", "SLUG_PATTERN", "RecordModel", "record_models"]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# "003 §4", "002 §3.1", "003 §bijlage 2, p. 41": seed, section, optional locator.
CITATION_PATTERN = r"^(?P<seed>\d{3}) §(?P<section>[^,]+?)(, (?P<locator>.+))?$"

_YEAR = Annotated[int, Field(ge=1900, le=2100)]
_LITERAL_TYPES: dict[URIRef, Any] = {
    XSD.gYear: _YEAR,
    XSD.decimal: Decimal,
    XSD.nonNegativeInteger: Annotated[int, Field(ge=0)],
    XSD.integer: int,
    XSD.string: str,
    XSD.boolean: bool,
}


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


class RecordModel(BaseModel):
    """Base of every record model: a slug id and no keys beyond the shape's fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: Annotated[str, Field(pattern=SLUG_PATTERN, max_length=120)]


def _value_type(spec: FieldSpec) -> Any:
    if spec.name == "source":
        return Annotated[str, Field(pattern=CITATION_PATTERN, max_length=300)]
    if spec.value_kind is ValueKind.TEXT:
        return Annotated[str, Field(min_length=1, max_length=4000)]
    if spec.value_kind is ValueKind.LITERAL:
        return _LITERAL_TYPES[spec.target]
    if spec.value_kind is ValueKind.CONCEPT:
        return Literal[tuple(vocabulary().notations(spec.target))]
    return Annotated[str, Field(pattern=SLUG_PATTERN, max_length=120)]


def _annotation(spec: FieldSpec) -> tuple[Any, Any]:
    value = _value_type(spec)
    if spec.multiple:
        min_length = 1 if spec.required else 0
        annotated = Annotated[list[value], BeforeValidator(_as_list), Field(min_length=min_length)]
        return (annotated, ... if spec.required else [])
    if spec.required:
        return (value, ...)
    return (Optional[value], None)  # noqa: UP045 - value is a runtime type expression


@cache
def record_models() -> dict[str, type[RecordModel]]:
    """One pydantic model per record kind, keyed like :func:`record_kinds`."""
    models: dict[str, type[RecordModel]] = {}
    for key, kind in record_kinds().items():
        fields = {name: _annotation(spec) for name, spec in kind.fields.items()}
        name = str(kind.rdf_class).rsplit("#", 1)[-1]
        models[key] = create_model(name, __base__=RecordModel, **fields)
    return models
