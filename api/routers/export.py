"""Export: the whole store as Turtle or JSON-LD."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from zorgnet.api.deps import StoreDep
from zorgnet.graph.export import serialize

__all__ = ["router"]

router = APIRouter(prefix="/api/export", tags=["export"])

_MEDIA = {"turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}


@router.get(
    "",
    summary="Alle data als Turtle of JSON-LD",
    response_class=Response,
    responses={
        200: {
            "content": {
                "text/turtle": {"example": "@prefix zn: <https://w3id.org/zorgnet/def#> ."},
                "application/ld+json": {"example": {"@context": {}, "@graph": []}},
            }
        }
    },
)
def export(
    store: StoreDep,
    format: Annotated[
        Literal["turtle", "jsonld"], Query(description="turtle of jsonld")
    ] = "turtle",
) -> Response:
    """The stored data, with zorgnet's prefixes (Turtle) or compact ``@context`` (JSON-LD)."""
    name = "zorgnet.ttl" if format == "turtle" else "zorgnet.jsonld"
    return Response(
        serialize(store.graph(), format),
        media_type=_MEDIA[format],
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )
