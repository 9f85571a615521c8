"""Edits: create, update and delete actors, relations, memberships and mandates; the
history of edits; undo.

Writes need the bearer token configured at start; reads of the history are open.
Every write is validated like a data file (pydantic models of the shapes, references,
SHACL over the whole new dataset) and committed atomically with its PROV record.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query
from fastapi.concurrency import run_in_threadpool

from zorgnet.api.deps import EditorDep, ServiceDep, StoreDep
from zorgnet.api.models import (
    EDITABLE,
    DeleteRequest,
    EditOut,
    Error,
    UndoRequest,
    edit_request_model,
)
from zorgnet.core.editing import Edit, apply_edit, history, undo
from zorgnet.ontology.models import SLUG_PATTERN

__all__ = ["add_edit_schemas", "router"]

router = APIRouter(prefix="/api/edits", tags=["bewerken"])

Kind = Literal["actors", "relations", "memberships", "mandates"]
RecordId = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=120, examples=["veilig-thuis"])]
_WRITE = {
    401: {"model": Error, "description": "Geen token meegestuurd"},
    403: {"model": Error, "description": "Onjuist token, of de server is alleen-lezen"},
    404: {"model": Error},
    409: {"model": Error, "description": "Id bestaat al, of de registratie is in gebruik"},
    422: {"model": Error, "description": "De wijziging voldoet niet aan de controles"},
}
_EXAMPLE_ACTOR = {
    "registratie": {
        "id": "voorbeeld-inloop",
        "label": "Inloop voorbeeld",
        "type": "welzijnsorganisatie",
        "scale": "lokaal",
        "area": ["huizen"],
        "source": ["002 §3.3"],
    },
    "reden": "Nieuwe inloop volgens de gemeente.",
}


def _out(edit: Edit) -> EditOut:
    return EditOut.model_validate(edit, from_attributes=True)


def _body_schema() -> dict[str, Any]:
    one_of = [{"$ref": f"#/components/schemas/{edit_request_model(k).__name__}"} for k in EDITABLE]
    return {"oneOf": one_of}


def add_edit_schemas(schema: dict[str, Any]) -> dict[str, Any]:
    """Put the edit request models into the OpenAPI components the bodies refer to."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for kind in EDITABLE:
        model = edit_request_model(kind)
        model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(model_schema.pop("$defs", {}))
        components[model.__name__] = model_schema
    return schema


def _parse(kind: str, body: dict[str, Any], record_id: str | None = None) -> Any:
    """The body as the edit model of *kind*; the path's id wins over the body's."""
    record = body.get("registratie")
    if record_id is not None and isinstance(record, dict):
        body = {**body, "registratie": {**record, "id": record_id}}
    return edit_request_model(kind).model_validate(body)


async def _commit(
    service: ServiceDep, kind: str, action: str, request: Any, editor: str
) -> EditOut:
    record = request.registratie.model_dump(mode="json", exclude_none=True)
    return await run_in_threadpool(
        _locked, service, kind, action, record["id"], record, request.door or editor, request.reden
    )


@router.get("", response_model=list[EditOut], summary="Geschiedenis van de wijzigingen")
def list_edits(
    store: StoreDep,
    registratie: Annotated[str | None, Query(max_length=120, description="Alleen deze id")] = None,
) -> list[EditOut]:
    """Every edit made through the API, newest first: who, when, what, why."""
    return [_out(e) for e in history(store.graph(), record=registratie)]


@router.post(
    "/{kind}",
    response_model=EditOut,
    status_code=201,
    summary="Registratie toevoegen",
    responses=_WRITE,
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": _body_schema(), "example": _EXAMPLE_ACTOR}},
            "required": True,
        }
    },
)
async def create(
    kind: Kind, service: ServiceDep, editor: EditorDep, body: Annotated[dict[str, Any], Body()]
) -> EditOut:
    """Add an actor, relation, membership or mandate, with the reason."""
    return await _commit(service, kind, "aanmaken", _parse(kind, body), editor)


@router.put(
    "/{kind}/{record_id}",
    response_model=EditOut,
    summary="Registratie wijzigen",
    responses=_WRITE,
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": _body_schema()}},
            "required": True,
        }
    },
)
async def update(
    kind: Kind,
    record_id: RecordId,
    service: ServiceDep,
    editor: EditorDep,
    body: Annotated[dict[str, Any], Body()],
) -> EditOut:
    """Replace a record by the one sent (its id stays the one in the path)."""
    return await _commit(service, kind, "wijzigen", _parse(kind, body, record_id), editor)


@router.delete(
    "/{kind}/{record_id}",
    response_model=EditOut,
    summary="Registratie verwijderen",
    responses=_WRITE,
)
async def delete(
    kind: Kind, record_id: RecordId, service: ServiceDep, editor: EditorDep, body: DeleteRequest
) -> EditOut:
    """Delete a record nothing else refers to, with the reason."""
    return await run_in_threadpool(
        _locked, service, kind, "verwijderen", record_id, None, body.door or editor, body.reden
    )


@router.post(
    "/{edit_id}/undo",
    response_model=EditOut,
    status_code=201,
    summary="Wijziging ongedaan maken",
    responses=_WRITE,
)
async def undo_edit(
    edit_id: Annotated[str, Path(max_length=80)],
    service: ServiceDep,
    editor: EditorDep,
    body: UndoRequest,
) -> EditOut:
    """Restore the record as it was before edit *edit_id* (itself recorded as an edit)."""

    def work() -> Edit:
        with service.edit_lock:
            edit = undo(service.open(), edit_id, door=body.door or editor, reden=body.reden)
        service.warm_up()
        return edit

    return _out(await run_in_threadpool(work))


def _locked(
    service: ServiceDep,
    kind: str,
    action: str,
    record_id: str,
    record: dict[str, Any] | None,
    door: str,
    reden: str,
) -> EditOut:
    with service.edit_lock:
        edit = apply_edit(
            service.open(), EDITABLE[kind], action, record_id, record, door=door, reden=reden
        )
    # The next question, most likely about what was just changed, finds it projected.
    service.warm_up()
    return _out(edit)
