"""Export: the stored data in every format the CLI's ``zorgnet export`` offers."""

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from zorgnet.api.deps import StoreDep
from zorgnet.api.models import Error
from zorgnet.formats import MEDIA_TYPES, SUFFIXES, export_bytes

__all__ = ["router"]

router = APIRouter(prefix="/api/export", tags=["export"])

ExportFormat = Literal["turtle", "jsonld", "hsds", "fhir", "xlsx", "graphml", "gexf"]
_TEXT = {"schema": {"type": "string"}}
# Each format's media type with what its body is, so that a client sees all seven.
_CONTENT = {
    "turtle": {**_TEXT, "example": "@prefix zn: <https://w3id.org/zorgnet/def#> ."},
    "jsonld": {"schema": {"type": "object"}, "example": {"@context": {}, "@graph": []}},
    "hsds": {
        "schema": {"type": "object"},
        "example": {"total_items": 1, "contents": [{"id": "...", "name": "Veilig Thuis"}]},
    },
    "fhir": {"schema": {"type": "object"}, "example": {"resourceType": "Bundle"}},
    "xlsx": {"schema": {"type": "string", "format": "binary"}},
    "graphml": _TEXT,
    "gexf": _TEXT,
}


@router.get(
    "",
    summary="Alle data als Turtle, JSON-LD, HSDS, FHIR, Excel, GraphML of GEXF",
    response_class=Response,
    responses={
        200: {
            "description": "Het bestand, in het gevraagde formaat",
            "content": {MEDIA_TYPES[f]: _CONTENT[f] for f in get_args(ExportFormat)},
        },
        404: {"model": Error, "description": "Onbekende gemeente of team"},
        422: {"model": Error, "description": "Ongeldige parameters"},
    },
)
def export(
    store: StoreDep,
    format: Annotated[
        ExportFormat, Query(description="turtle, jsonld, hsds, fhir, xlsx, graphml of gexf")
    ] = "turtle",
    gemeente: Annotated[
        str | None, Query(description="Alleen dit gebied (graphml en gexf).")
    ] = None,
    team: Annotated[str | None, Query(description="Alleen dit team (graphml en gexf).")] = None,
) -> Response:
    """The stored data as a file, named ``zorgnet`` with the format's suffix."""
    if (gemeente or team) and format not in ("graphml", "gexf"):
        raise HTTPException(
            422, "Een deelnetwerk (gemeente of team) kan alleen als graphml of gexf."
        )
    body = export_bytes(store.graph(), format, gemeente=gemeente, team=team)
    return Response(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'inline; filename="zorgnet{SUFFIXES[format]}"'},
    )
