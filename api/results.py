"""Analysis results as JSON, one way for the web app and ``zorgnet ... --json``.

The analyses return frozen dataclasses (:mod:`zorgnet.graph.analyses`). Their JSON is
their fields and their public properties (``Route.voorveld``, ``BrokerReport.sampled``):
:func:`response_model` derives a pydantic model from a result type, once, with the
type's docstring, and that model is both the OpenAPI response model of a route and what
:func:`as_json` dumps a result through. A field whose metadata names a ``"json"`` key is
called so in JSON (``GapReport.coverage`` is ``dekking``, as the API has always
answered); a mapping keyed by tuples whose metadata names its ``"json_items"`` is a list
of objects with those names, the key's parts and the value
(``TeamComparison.similarity``).

Examples
--------
>>> from zorgnet.graph.analyses._example import example_projection
>>> from zorgnet.graph.analyses.routes import referral_routes
>>> result = referral_routes(example_projection(), "huisarts", "jeugd-ggz")
>>> answer = as_json(result)
>>> answer["routes"][0]["actors"], answer["routes"][0]["gate_open"]
(['huisarts', 'ggz-aanbieder'], True)
>>> sorted(response_model(type(result)).model_fields) == sorted(answer)
True
"""

import dataclasses
import inspect
import types
import typing
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

__all__ = ["as_json", "response_model"]


def _edge(annotation: Any) -> Any:
    """*annotation* with every result type in it replaced by its response model."""
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return response_model(annotation)
    arguments = typing.get_args(annotation)
    if not arguments:
        return annotation
    edged = tuple(_edge(a) for a in arguments)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[edged]  # noqa: UP007 (the members are only known here)
    return origin[edged]


def _properties(result_type: type) -> list[tuple[str, property]]:
    """The public properties of *result_type*, in the order they are defined."""
    found: dict[str, property] = {}
    for cls in reversed(result_type.__mro__):
        for name, member in vars(cls).items():
            if isinstance(member, property) and not name.startswith("_"):
                found[name] = member
    return list(found.items())


def _items(result_type: type, name: str, annotation: Any, names: tuple[str, ...]) -> Any:
    """A mapping keyed by tuples as a list of objects: the key's parts and the value,
    called *names* (a JSON key can only be text)."""
    key, value = typing.get_args(annotation)
    parts = (*typing.get_args(key), value)
    item = create_model(
        result_type.__name__ + name.title().replace("_", ""),
        **{part: (_edge(t), ...) for part, t in zip(names, parts, strict=True)},  # type: ignore[call-overload]
    )

    def listed(mapping: dict[tuple[Any, ...], Any]) -> list[dict[str, Any]]:
        return [dict(zip(names, (*k, v), strict=True)) for k, v in mapping.items()]

    return Annotated[list[item], BeforeValidator(listed)]  # type: ignore[valid-type]


def _field(result_type: type, field: dataclasses.Field, annotation: Any) -> tuple[Any, Any]:
    alias, names = field.metadata.get("json"), field.metadata.get("json_items")
    edged = _items(result_type, field.name, annotation, names) if names else _edge(annotation)
    return edged, Field(serialization_alias=alias) if alias else ...


def _fields(result_type: type) -> dict[str, tuple[Any, Any]]:
    hints = typing.get_type_hints(result_type)
    fields = {
        f.name: _field(result_type, f, hints[f.name]) for f in dataclasses.fields(result_type)
    }
    for name, member in _properties(result_type):
        returns = typing.get_type_hints(member.fget)["return"]
        fields[name] = (_edge(returns), Field(description=inspect.getdoc(member)))
    return fields


@cache
def response_model(result_type: type) -> type[BaseModel]:
    """The pydantic model of an analysis result type: its fields and public properties,
    read from a result's attributes; nested result types become their own models.

    Parameters
    ----------
    result_type : type
        A dataclass whose annotations are the JSON types of its fields (plain strings,
        numbers, tuples, dicts and other result types).

    Returns
    -------
    type[pydantic.BaseModel]
        A model of the same name and docstring, one per result type.
    """
    return create_model(
        result_type.__name__,
        __config__=ConfigDict(from_attributes=True),
        __doc__=inspect.getdoc(result_type),
        **_fields(result_type),  # type: ignore[call-overload]
    )


def as_json(result: object) -> Any:
    """*result*, an analysis result, as JSON data (dicts, lists, strings, numbers), the
    same as the web app answers it; see :func:`response_model`."""
    model = response_model(type(result))
    return model.model_validate(result, from_attributes=True).model_dump(mode="json", by_alias=True)
