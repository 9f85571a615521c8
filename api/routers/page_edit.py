"""The edit forms: add or change actors, relations, memberships and mandates.

Only a signed-in editor (:mod:`zorgnet.api.routers.page_login`) sees them; every form
carries the session's CSRF token, which :class:`zorgnet.api.limits.WriteGuard` checks
before a handler here runs. A form is checked like the JSON API's body: the API's
request model (the record model generated from the SHACL shapes, and the reason), then
:func:`zorgnet.core.editing.apply_edit` (references, sources, SHACL over the stored
data); each problem is shown beside its field. Values are chosen from the vocabularies
and the actors by their Dutch labels; the values sent are the notations and ids.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import networkx as nx
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from zorgnet.api.app import _dutch
from zorgnet.api.deps import GraphDep, Service, ServiceDep, SettingsDep, StoreDep
from zorgnet.api.models import edit_request_model
from zorgnet.api.routers.page_login import editor_session, form_value, private_page, to_login
from zorgnet.api.sessions import CSRF_FIELD, Session, editing_unavailable, parse_form
from zorgnet.api.settings import Settings
from zorgnet.core.editing import Edit, EditConflict, EditInvalid, apply_edit
from zorgnet.graph.rdf_records import record_fields
from zorgnet.loaders.records import stored_ids
from zorgnet.loaders.text import SINGLE_LINE_PATHS
from zorgnet.ontology.exceptions import UnknownName
from zorgnet.ontology.models import SLUG_PATTERN
from zorgnet.ontology.schema import FieldSpec, ValueKind, record_kinds
from zorgnet.ontology.vocabulary import concept_label, vocabulary

__all__ = [
    "FIELD_LABELS",
    "KINDS",
    "REASON_TOO_SHORT",
    "EditKind",
    "FieldView",
    "actor_page",
    "kind_of",
    "record_name",
    "record_subject",
    "router",
]

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class EditKind:
    """A kind of record the pages edit: its record key, URL segment and Dutch names."""

    key: str
    segment: str
    name: str
    new_title: str


KINDS = {
    kind.segment: kind
    for kind in (
        EditKind("actors", "actoren", "actor", "Nieuwe actor"),
        EditKind("relations", "relaties", "relatie", "Nieuwe relatie"),
        EditKind(
            "memberships",
            "lidmaatschappen",
            "lidmaatschap van een lokaal team",
            "Nieuw lid van een lokaal team",
        ),
        EditKind("mandates", "bevoegdheden", "bevoegdheid", "Nieuwe bevoegdheid"),
    )
}
_BY_KEY = {kind.key: kind for kind in KINDS.values()}

# The Dutch label of each field of the edited records (a test checks every field has one).
FIELD_LABELS = {
    "id": "Korte naam (id)",
    "label": "Naam",
    "altLabel": "Andere namen",
    "type": "Soort actor",
    "scale": "Schaal",
    "area": "Gebieden",
    "partOf": "Onderdeel van",
    "domain": "Domeinen",
    "level": "Niveaus",
    "access": "Toegang",
    "offers": "Biedt zelf",
    "source": "Bronnen",
    "asOf": "Situatie in jaar",
    "status": "Status",
    "description": "Omschrijving",
    "from": "Van",
    "to": "Naar",
    "kind": "Soort relatie",
    "helpKind": "Voor soort hulp",
    "ageMin": "Vanaf leeftijd",
    "ageMax": "Tot en met leeftijd",
    "legalBasis": "Wettelijke basis",
    "team": "Lokaal team",
    "member": "Lid",
    "membershipStatus": "Plaats in het team",
    "holder": "Wie heeft de bevoegdheid",
    "power": "Bevoegdheid",
    "reden": "Reden van de wijziging",
}
# What a field asks for where its label does not say it; other text fields take the
# hint of their shape.
_HELP = {
    "id": "Alleen kleine letters, cijfers en koppeltekens, bijvoorbeeld huizen-inloop. "
    "Deze naam blijft altijd hetzelfde.",
    "altLabel": "Eén naam of afkorting per regel.",
    "source": "Eén bron per regel, zoals 003 §4 of 002 §3.1, p. 12.",
    "ageMin": "Een geheel getal, niet hoger dan de leeftijd bij 'Tot en met leeftijd'.",
    "description": "Een korte omschrijving in gewone taal.",
    "reden": "Waarom wijzigt u dit? Bijvoorbeeld: nieuwe partner volgens de regiovisie 2025. "
    "De reden komt bij de wijziging in de lijst van wijzigingen.",
}
# An empty or too short reason, in plain words (the model's own message is technical).
REASON_TOO_SHORT = "Geef een reden van minstens 3 tekens."
_PICK_MORE = "Houd Ctrl (op een Mac: Cmd) ingedrukt om er meer dan één te kiezen."
# A field with several values offers check boxes up to this many choices, a list above.
_MAX_CHECKBOXES = 30


def kind_of(key: str) -> EditKind | None:
    """The edited kind of records with record key *key* (``actors`` ...), if edited here."""
    return _BY_KEY.get(key)


def record_name(G: nx.MultiDiGraph, record_id: Any) -> str:
    """The Dutch name of the actor or area *record_id*; the id itself for anything else."""
    rid = str(record_id)
    if rid in G:
        return str(G.nodes[rid]["label"])
    area = G.graph["areas"].get(rid)
    return area.label if area is not None else rid


def record_subject(G: nx.MultiDiGraph, key: str, record: dict[str, Any]) -> str:
    """What a record is about, in a few words (an actor's name, a relation's ends)."""

    def name(field_name: str) -> str:
        return record_name(G, record.get(field_name, "?"))

    if key == "actors":
        return str(record.get("label") or name("id"))
    if key == "relations":
        return f"{name('from')} {concept_label('RelationKind', record.get('kind'))} {name('to')}"
    if key == "memberships":
        return f"{name('member')} in {name('team')}"
    if key == "mandates":
        return f"{name('holder')}: {concept_label('Power', record.get('power'))}"
    return str(record.get("id", ""))


@dataclass
class FieldView:
    """One field of an edit form, ready for the template."""

    name: str
    label: str
    widget: str  # text, textarea, lines, select, checks or multiselect
    required: bool
    description: str = ""
    value: str = ""
    chosen: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    numeric: bool = False


def _lines(spec: FieldSpec) -> bool:
    """Whether the form asks for the values of *spec* one per line."""
    text = spec.value_kind in (ValueKind.TEXT, ValueKind.LITERAL)
    return spec.name == "source" or (spec.multiple and text)


def _options(G: nx.MultiDiGraph, spec: FieldSpec) -> list[tuple[str, str]]:
    """The choices of a vocabulary or reference field: (value, Dutch label), by label."""
    target = spec.target.rsplit("#", 1)[-1]
    if spec.value_kind is ValueKind.CONCEPT:
        pairs = [(n, concept_label(target, n)) for n in vocabulary().notations(spec.target)]
    elif target == "Area":
        pairs = [(a.id, a.label) for a in G.graph["areas"].values()]
    else:
        pairs = [(a, G.nodes[a]["label"]) for a in G.nodes]
    return sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0]))


def _field_view(
    G: nx.MultiDiGraph, spec: FieldSpec, values: list[str], errors: list[str]
) -> FieldView:
    view = FieldView(spec.name, FIELD_LABELS[spec.name], "text", spec.required, errors=list(errors))
    if spec.value_kind in (ValueKind.CONCEPT, ValueKind.REFERENCE) and not _lines(spec):
        view.options = _options(G, spec)
        if not spec.multiple:
            view.widget, view.value = "select", (values or [""])[0]
        else:
            few = len(view.options) <= _MAX_CHECKBOXES
            view.widget, view.chosen = ("checks" if few else "multiselect"), values
            view.description = "" if few else _PICK_MORE
        return view
    view.description = _HELP.get(spec.name, spec.hint)
    if _lines(spec):
        view.widget, view.value = "lines", "\n".join(values)
    else:
        multiline = spec.value_kind is ValueKind.TEXT and spec.path not in SINGLE_LINE_PATHS
        view.widget, view.value = ("textarea" if multiline else "text"), (values or [""])[0]
        view.numeric = spec.value_kind is ValueKind.LITERAL
    return view


def _form_values(record: dict[str, Any]) -> dict[str, list[str]]:
    """A stored record as the form's values: every field a list of texts."""
    return {
        name: [str(v) for v in (value if isinstance(value, list) else [value])]
        for name, value in record.items()
    }


def _record(key: str, form: dict[str, list[str]]) -> dict[str, Any]:
    """The record a form sent, as a data file writes it; empty fields are left out."""
    record: dict[str, Any] = {}
    for name, spec in record_kinds()[key].fields.items():
        sent = form.get(name, [])
        if _lines(spec):
            sent = [line for value in sent for line in value.splitlines()]
        items = [value.strip() for value in sent if value.strip()]
        if items:
            record[name] = items if spec.multiple else items[0]
    return record


def _request_errors(exc: ValidationError) -> dict[str, list[str]]:
    """The API request model's errors, by form field, in the API's Dutch."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        loc = error.get("loc") or ()
        in_record = len(loc) > 1 and loc[0] == "registratie"
        name = str(loc[1] if in_record else (loc[0] if loc else ""))
        if name == "reden" and error.get("type") in ("string_too_short", "missing"):
            message = REASON_TOO_SHORT
        elif error.get("type") == "string_pattern_mismatch":
            # The pattern itself would mean nothing to the reader; the field says the form.
            message = "heeft niet de goede vorm: zie de uitleg bij het veld"
        else:
            message = _dutch(dict(error))
        place = [part for part in loc[2:] if isinstance(part, int)] if in_record else []
        if place:
            message = f"regel {place[0] + 1} {message}"
        errors.setdefault(name, []).append(message)
    return errors


def _problem_errors(exc: EditInvalid) -> dict[str, list[str]]:
    """The edit function's problems (references, sources, SHACL), by form field."""
    errors: dict[str, list[str]] = {}
    for problem in exc.problems:
        text = problem.message + (f" ({problem.hint})" if problem.hint else "")
        errors.setdefault(problem.field or "", []).append(text)
    return errors


def _form_page(
    request: Request,
    G: nx.MultiDiGraph,
    session: Session,
    kind: EditKind,
    values: dict[str, list[str]],
    *,
    record_id: str | None,
    reason: str = "",
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    errors = errors or {}
    specs = record_kinds()[kind.key].fields
    fields = [
        _field_view(G, spec, values.get(name, []), errors.get(name, []))
        for name, spec in specs.items()
    ]
    if record_id is None:
        id_view = FieldView(
            "id", FIELD_LABELS["id"], "text", True, _HELP["id"], (values.get("id") or [""])[0]
        )
        id_view.errors = errors.get("id", [])
        fields.insert(0, id_view)
    reden = FieldView(
        "reden",
        FIELD_LABELS["reden"],
        "textarea",
        True,
        _HELP["reden"],
        reason,
        errors=errors.get("reden", []),
    )
    known = {f.name for f in fields} | {"reden"}
    general = [m for name, messages in errors.items() if name not in known for m in messages]
    title = kind.new_title if record_id is None else f"{kind.name.capitalize()} wijzigen"
    subject = record_subject(G, kind.key, {**_record(kind.key, values), "id": record_id or ""})
    action = f"/bewerken/{kind.segment}" + (f"/{record_id}" if record_id else "")
    return private_page(
        request,
        "edit_form.html",
        status,
        title=title,
        subject=subject if record_id else "",
        kind=kind,
        action=action,
        fields=fields,
        reden=reden,
        general=general,
        failed=bool(errors),
        csrf=session.csrf,
        csrf_field=CSRF_FIELD,
    )


def _gate(
    request: Request, settings: Settings, segment: str
) -> tuple[Session, EditKind] | Response:
    """The editor's session and the kind of record of *segment*; else the page that
    says why not: no edits on this server, an unknown kind, or the sign-in page."""
    unavailable = editing_unavailable(settings)
    if unavailable is not None:
        return private_page(request, "edit_refused.html", 200, message=unavailable)
    kind = KINDS.get(segment)
    if kind is None:
        names = ", ".join(KINDS)
        message = f"Onbekende soort registratie {segment!r}. Te wijzigen zijn: {names}."
        return private_page(request, "error.html", 404, message=message, suggestions=[])
    session = editor_session(request)
    return to_login(request) if session is None else (session, kind)


def _unknown_record(
    request: Request, store: StoreDep, kind: EditKind, record_id: str
) -> HTMLResponse:
    rdf_class = record_kinds()[kind.key].rdf_class
    same = [i for i, c in stored_ids(store.graph()).items() if c == rdf_class]
    close = difflib.get_close_matches(record_id, same, n=3, cutoff=0.5)
    message = f"Er is geen {kind.name} met de id {record_id!r}."
    return private_page(request, "error.html", 404, message=message, suggestions=close)


@router.get("/bewerken/{segment}", response_class=HTMLResponse)
def new_record_form(request: Request, segment: str, G: GraphDep, settings: SettingsDep) -> Response:
    """An empty form for a new record; fields named in the query string come filled in
    (``/bewerken/relaties?from=huisarts``)."""
    gate = _gate(request, settings, segment)
    if isinstance(gate, Response):
        return gate
    session, kind = gate
    known = record_kinds()[kind.key].fields
    values = {n: request.query_params.getlist(n) for n in known if n in request.query_params}
    return _form_page(request, G, session, kind, values, record_id=None)


@router.get("/bewerken/{segment}/{record_id}", response_class=HTMLResponse)
def change_record_form(
    request: Request,
    segment: str,
    record_id: str,
    G: GraphDep,
    store: StoreDep,
    settings: SettingsDep,
) -> Response:
    """The form of a stored record, filled in with what is stored now."""
    gate = _gate(request, settings, segment)
    if isinstance(gate, Response):
        return gate
    session, kind = gate
    valid = re.fullmatch(SLUG_PATTERN, record_id) is not None
    record = record_fields(store.graph(), kind.key, record_id) if valid else None
    if record is None:
        return _unknown_record(request, store, kind, record_id)
    return _form_page(request, G, session, kind, _form_values(record), record_id=record_id)


def _save(
    service: Service,
    key: str,
    action: str,
    record_id: str,
    record: dict[str, Any],
    reason: str,
    role: str,
) -> Edit:
    with service.edit_lock:
        edit = apply_edit(service.open(), key, action, record_id, record, door=role, reden=reason)
    # The page the editor goes to next, most likely about this record, finds it projected.
    service.warm_up()
    return edit


def actor_page(key: str, record: dict[str, Any]) -> str:
    """The actor page that shows the record just saved."""
    actor = {
        "actors": "id",
        "relations": "from",
        "memberships": "member",
        "mandates": "holder",
    }[key]
    return f"/actoren/{quote(str(record[actor]))}?gewijzigd=1"


async def _submit(
    request: Request,
    service: Service,
    G: nx.MultiDiGraph,
    segment: str,
    record_id: str | None,
) -> Response:
    gate = _gate(request, service.settings, segment)
    if isinstance(gate, Response):
        # The guard let the form through, so the session ended in between (or the kind
        # is unknown).
        return gate
    session, kind = gate
    form = parse_form(await request.body())
    reason = form_value(form, "reden").strip()
    values = dict(form)
    # An id is lower case; one typed with capitals means the same id.
    new_id = record_id or form_value(form, "id").strip().lower()
    record = {**_record(kind.key, form), "id": new_id}
    action = "aanmaken" if record_id is None else "wijzigen"

    def again(errors: dict[str, list[str]], status: int) -> HTMLResponse:
        return _form_page(
            request,
            G,
            session,
            kind,
            values,
            record_id=record_id,
            reason=reason,
            errors=errors,
            status=status,
        )

    try:
        checked = edit_request_model(kind.key).model_validate(
            {"registratie": record, "reden": reason}
        )
    except ValidationError as exc:
        return again(_request_errors(exc), 422)
    fields = checked.registratie.model_dump(mode="json", exclude_none=True)
    try:
        await run_in_threadpool(
            _save, service, kind.key, action, new_id, fields, reason, session.role
        )
    except EditInvalid as exc:
        return again(_problem_errors(exc), 422)
    except EditConflict as exc:
        return again({"id" if record_id is None else "": [str(exc)]}, 409)
    except UnknownName as exc:
        return private_page(
            request, "error.html", 404, message=str(exc), suggestions=exc.suggestions
        )
    return RedirectResponse(actor_page(kind.key, fields), status_code=303)


@router.post("/bewerken/{segment}", response_class=HTMLResponse)
async def create_record(
    request: Request, segment: str, service: ServiceDep, G: GraphDep
) -> Response:
    """Add the record the form sent, with its reason; the actor's page shows it."""
    return await _submit(request, service, G, segment, None)


@router.post("/bewerken/{segment}/{record_id}", response_class=HTMLResponse)
async def change_record(
    request: Request, segment: str, record_id: str, service: ServiceDep, G: GraphDep
) -> Response:
    """Replace the record by the one the form sent, with its reason."""
    return await _submit(request, service, G, segment, record_id)
