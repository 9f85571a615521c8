"""``/wijzigingen``: every edit with who, when, why and what changed, and undo.

The list comes from :func:`zorgnet.core.edit_log.edit_log`, in words: each changed
field by its Dutch label, before and after, values by their labels. Undo
(:func:`zorgnet.core.editing.undo`) is offered where the library takes the edit back
now, to a signed-in editor, as a form with the session's CSRF token and a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import networkx as nx
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from zorgnet.api.app import _dutch
from zorgnet.api.deps import GraphDep, ServiceDep, SettingsDep, StoreDep
from zorgnet.api.models import ActorDetail, UndoRequest
from zorgnet.api.report_commands import long_date
from zorgnet.api.routers.actors import actor_records
from zorgnet.api.routers.page_edit import (
    FIELD_LABELS,
    REASON_TOO_SHORT,
    actor_page,
    kind_of,
    record_name,
    record_subject,
)
from zorgnet.api.routers.page_login import editor_session, form_value, private_page
from zorgnet.api.routers.pages import _templates
from zorgnet.api.sessions import CSRF_FIELD, EDITOR, editing_unavailable, parse_form
from zorgnet.api.settings import Settings
from zorgnet.core.edit_log import FieldChange, LoggedEdit, edit_log
from zorgnet.core.editing import Edit, EditConflict, EditInvalid, edited_records, undo
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.schema import FieldSpec, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import concept_label

__all__ = [
    "ChangeRow",
    "EditNote",
    "EditRow",
    "actor_edit_notes",
    "record_edit_notes",
    "router",
]

router = APIRouter(include_in_schema=False)

_ACTIONS = {"aanmaken": "toegevoegd", "wijzigen": "gewijzigd", "verwijderen": "verwijderd"}
_ZONE = ZoneInfo("Europe/Amsterdam")
_PAGE_SIZE = 50
_NOT_SAVED = "De wijziging is niet opgeslagen."


@dataclass(frozen=True)
class ChangeRow:
    """One field of an edit's diff, in words."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class EditRow:
    """One edit of ``/wijzigingen``, in words."""

    id: str
    when: str
    iso: str
    who: str
    what: str
    subject: str
    href: str | None
    reason: str
    changes: list[ChangeRow]
    undoable: bool
    undoes: str | None


def _value_text(G: nx.MultiDiGraph, spec: FieldSpec | None, value: Any) -> str:
    """A field's value as the reader reads it: labels, never notations or ids."""
    if value is None or value == []:
        return "(leeg)"
    items = value if isinstance(value, list) else [value]
    words = []
    for item in items:
        if spec is None or spec.name == "source":
            words.append(str(item))
        elif spec.value_kind is ValueKind.CONCEPT:
            words.append(concept_label(spec.target.rsplit("#", 1)[-1], str(item)))
        elif spec.value_kind is ValueKind.REFERENCE:
            words.append(record_name(G, item))
        elif isinstance(item, bool):
            words.append("ja" if item else "nee")
        else:
            words.append(str(item))
    return "; ".join(words)


def _when(iso: str) -> str:
    """``2026-05-12T12:05:00+00:00`` as ``12 mei 2026, 14:05`` (Dutch time)."""
    moment = datetime.fromisoformat(iso).astimezone(_ZONE)
    return f"{long_date(moment.date())}, {moment:%H:%M}"


@dataclass(frozen=True)
class EditNote:
    """What a page says beside a record's sources when an edit changed the record."""

    who: str
    when: str
    reason: str
    created: bool
    fields: str
    href: str
    subject: str = ""


def record_edit_notes(
    request: Request, records: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], EditNote]:
    """The edit notes of the records a page shows, by (record key, id).

    Whichever record an edit changed gets a note beside its sources, so that nobody
    quotes an edit as if a policy document said it.
    """
    service = request.app.state.service
    edited = edited_records(service.open().graph(), records)
    G = service.projection() if edited else None
    return {
        key: EditNote(
            who=found.last.door,
            when=_when(found.last.tijd),
            reason=found.last.reden,
            created=found.created,
            fields=", ".join(FIELD_LABELS.get(f, f).lower() for f in found.changed),
            href=f"/wijzigingen#wijziging-{found.last.id}",
            subject=record_subject(G, key[0], found.last.after or found.last.before or {}),
        )
        for key, found in edited.items()
    }


def actor_edit_notes(request: Request, actor: ActorDetail) -> dict[tuple[str, str], EditNote]:
    """The edit notes of the actor page's records (a template global): the actor, its
    relations, mandates and memberships."""
    return record_edit_notes(request, actor_records(actor))


_templates.env.globals["actor_edit_notes"] = actor_edit_notes


def _row(G: nx.MultiDiGraph, logged: LoggedEdit) -> EditRow:
    edit = logged.edit
    record = edit.after or edit.before or {"id": edit.record}
    kind = kind_of(edit.kind)
    specs = record_kinds()[edit.kind].fields if edit.kind in record_kinds() else {}
    name = kind.name.capitalize() if kind else edit.kind
    what = (
        "Wijziging ongedaan gemaakt"
        if edit.undoes
        else f"{name} {_ACTIONS.get(edit.action, edit.action)}"
    )
    actor = actor_page(edit.kind, record).split("?")[0] if kind else None
    href = actor if actor and actor.rsplit("/", 1)[-1] in G else None

    def change(c: FieldChange) -> ChangeRow:
        spec = specs.get(c.field)
        label = FIELD_LABELS.get(c.field, c.field)
        return ChangeRow(label, _value_text(G, spec, c.before), _value_text(G, spec, c.after))

    return EditRow(
        id=edit.id,
        when=_when(edit.tijd),
        iso=edit.tijd,
        who=edit.door,
        what=what,
        subject=record_subject(G, edit.kind, record),
        href=href,
        reason=edit.reden,
        changes=[change(c) for c in logged.changes],
        undoable=logged.undoable,
        undoes=edit.undoes,
    )


def _edits_page(
    request: Request,
    store: StoreDep,
    G: nx.MultiDiGraph,
    settings: Settings,
    *,
    page: int = 1,
    undone: str | None = None,
    undo_errors: dict[str, list[str]] | None = None,
    undo_reason: str = "",
    alert: str = "",
    status: int = 200,
) -> HTMLResponse:
    logged = edit_log(store.graph())
    pages = max(1, -(-len(logged) // _PAGE_SIZE))
    page = min(page, pages)
    start = (page - 1) * _PAGE_SIZE
    rows = [_row(G, e) for e in logged[start : start + _PAGE_SIZE]]
    session = editor_session(request)
    return private_page(
        request,
        "edits.html",
        status,
        rows=rows,
        total=len(logged),
        page=page,
        pages=pages,
        session=session,
        csrf=session.csrf if session else "",
        csrf_field=CSRF_FIELD,
        unavailable=editing_unavailable(settings),
        undone=undone,
        undo_errors=undo_errors or {},
        undo_reason=undo_reason,
        alert=alert,
    )


@router.get("/wijzigingen", response_class=HTMLResponse)
def edits(
    request: Request,
    store: StoreDep,
    G: GraphDep,
    settings: SettingsDep,
    pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    ongedaan: Annotated[str | None, Query(max_length=80)] = None,
) -> HTMLResponse:
    """Every edit, newest first: who, when, why, what changed; undo for the latest."""
    return _edits_page(request, store, G, settings, page=pagina, undone=ongedaan)


@router.post("/wijzigingen/{edit_id}/ongedaan-maken", response_class=HTMLResponse)
async def undo_edit(
    request: Request, edit_id: str, service: ServiceDep, store: StoreDep, G: GraphDep
) -> Response:
    """Undo an edit (itself recorded as an edit, with its reason)."""
    form = parse_form(await request.body())
    reason = form_value(form, "reden").strip()
    settings = service.settings
    try:
        UndoRequest.model_validate({"reden": reason})
    except ValidationError as exc:
        short = ("string_too_short", "missing")
        messages = [
            REASON_TOO_SHORT if e["type"] in short else _dutch(dict(e)) for e in exc.errors()
        ]
        errors = {edit_id: messages}
        return _edits_page(
            request, store, G, settings, undo_errors=errors, undo_reason=reason, status=422
        )

    session = editor_session(request)
    # The guard let the form through, so there is a session; EDITOR if it just ended.
    role = session.role if session is not None else EDITOR

    def work() -> Edit:
        with service.edit_lock:
            done = undo(service.open(), edit_id, door=role, reden=reason)
        service.warm_up()
        return done

    try:
        done = await run_in_threadpool(work)
    except EditConflict as exc:
        return _edits_page(request, store, G, settings, alert=f"{_NOT_SAVED} {exc}", status=409)
    except UnknownName as exc:
        return private_page(request, "error.html", 404, message=str(exc), suggestions=[])
    except EditInvalid as exc:
        errors = {edit_id: [str(exc)]}
        return _edits_page(request, store, G, settings, undo_errors=errors, status=422)
    return RedirectResponse(f"/wijzigingen?ongedaan={quote(done.id)}", status_code=303)
