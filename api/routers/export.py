"""Export: the stored data in every format the CLI's ``zorgnet export`` offers."""

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from zorgnet.api.deps import StoreDep
from zorgnet.api.models import Error
from zorgnet.api.negotiation import Offer, choose, negotiated, negotiates_itself
from zorgnet.formats import MEDIA_TYPES, SUFFIXES, export_bytes

__all__ = ["router"]

router = APIRouter(prefix="/api/export", tags=["export"])

ExportFormat = Literal["turtle", "ntriples", "jsonld", "hsds", "fhir", "xlsx", "graphml", "gexf"]
_LABELS = {
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "hsds": "HSDS",
    "fhir": "FHIR",
    "xlsx": "Excel",
    "graphml": "GraphML",
    "gexf": "GEXF",
}
# Without ``format``, Accept chooses among these, Turtle first (for */*).
OFFERS = {
    name: Offer(name, MEDIA_TYPES[name].split(";")[0], _LABELS[name], MEDIA_TYPES[name])
    for name in get_args(ExportFormat)
}
_TEXT = {"schema": {"type": "string"}}
# Each format's media type with what its body is, so that a client sees all seven.
_CONTENT = {
    "turtle": {**_TEXT, "example": "@prefix zn: <https://w3id.org/zorgnet/def#> ."},
    "ntriples": {**_TEXT, "example": "<https://w3id.org/zorgnet/id/actor/huisarts> ..."},
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
    summary="Alle data als Turtle, N-Triples, JSON-LD, HSDS, FHIR, Excel, GraphML of GEXF",
    response_class=Response,
    responses={
        200: {
            "description": "Het bestand, in het gevraagde formaat",
            "content": {MEDIA_TYPES[f]: _CONTENT[f] for f in get_args(ExportFormat)},
        },
        304: {"description": "Niet veranderd sinds de ETag in If-None-Match"},
        404: {"model": Error, "description": "Onbekende gemeente of team"},
        406: {"model": Error, "description": "Dit formaat kan niet worden geleverd"},
        422: {"model": Error, "description": "Ongeldige parameters"},
    },
)
@negotiates_itself
def export(
    request: Request,
    store: StoreDep,
    format: Annotated[
        ExportFormat | None,
        Query(
            description="turtle, ntriples, jsonld, hsds, fhir, xlsx, graphml of gexf; "
            "zonder format kiest de Accept-header (standaard Turtle)"
        ),
    ] = None,
    gemeente: Annotated[
        str | None, Query(description="Alleen dit gebied (graphml en gexf).")
    ] = None,
    team: Annotated[str | None, Query(description="Alleen dit team (graphml en gexf).")] = None,
    ontologie: Annotated[
        bool,
        Query(
            description="Ook de ontologie en de SKOS-vocabulaires (turtle, ntriples en "
            "jsonld), zodat de labels van de begrippen erbij zijn."
        ),
    ] = False,
) -> Response:
    """The stored data as a file, named ``zorgnet`` with the format's suffix.

    ``format`` chooses the format; without it ``Accept`` does (q-values count, a 406
    lists the formats), Turtle for ``*/*``.
    """
    offer = OFFERS[format] if format else choose(request.headers.get("accept"), OFFERS.values())
    name = offer.name
    if (gemeente or team) and name not in ("graphml", "gexf"):
        raise HTTPException(
            422, "Een deelnetwerk (gemeente of team) kan alleen als graphml of gexf."
        )
    if ontologie and name not in ("turtle", "ntriples", "jsonld"):
        raise HTTPException(
            422, "De ontologie kan alleen mee in turtle, ntriples of jsonld, niet in " + name
        )

    def body() -> bytes:
        return export_bytes(store.graph(), name, gemeente=gemeente, team=team, schema=ontologie)

    disposition = f'inline; filename="zorgnet{SUFFIXES[name]}"'
    return negotiated(
        request, offer, store.version, body, headers={"Content-Disposition": disposition}
    )
