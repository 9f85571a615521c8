"""Editing records through the API: validated, atomic, and recorded as PROV.

An edit is checked like a data file: the record goes through
:func:`zorgnet.loaders.records.build_records` (the pydantic models of the shapes, the
references against the records already stored, the source register) and then SHACL.
Only then is it committed with one ``Store.apply`` (the record's old triples out, its
new ones in), together with a ``prov:Activity`` that says who changed which record,
when and why, and keeps the record as it was before and after (as JSON in
``prov:value``), so that the history can be listed and an edit undone.

Nothing here copies the stored data: an edit reads the record, the ids it may refer to
and the source register, and SHACL checks the record as part of the stored dataset
(:func:`zorgnet.loaders.shacl.record_problems`), so that an edit of a national network
costs about as much as an edit of a region.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from rdflib import DCTERMS, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from zorgnet.graph.rdf_records import record_fields
from zorgnet.graph.store import Store
from zorgnet.graph.terms import slug
from zorgnet.loaders.records import build_records, record_iri, stored_ids
from zorgnet.loaders.report import Position, Problem
from zorgnet.loaders.shacl import neighbourhood, record_problems
from zorgnet.loaders.sources import SourceRegister
from zorgnet.loaders.text import character_problem
from zorgnet.loaders.yaml_file import LinedDict
from zorgnet.ontology.exceptions import UnknownName, ZorgnetError
from zorgnet.ontology.namespace import ID, ZN
from zorgnet.ontology.schema import RecordKind, record_kinds

__all__ = [
    "ACTIONS",
    "Edit",
    "EditConflict",
    "EditInvalid",
    "EditedRecord",
    "apply_edit",
    "edited_records",
    "history",
    "undo",
]

PROV = Namespace("http://www.w3.org/ns/prov#")
ACTIONS = ("aanmaken", "wijzigen", "verwijderen")
_ORIGIN = "api"


class EditInvalid(ZorgnetError):
    """The edit does not pass the checks; nothing was changed (HTTP 422)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            "De wijziging is niet opgeslagen: "
            + "; ".join(
                " ".join(p for p in (problem.field, problem.message) if p)
                + (f" ({problem.hint})" if problem.hint else "")
                for problem in problems
            )
        )


class EditConflict(ZorgnetError):
    """The edit clashes with the current data (HTTP 409): id taken, record in use."""


@dataclass(frozen=True)
class Edit:
    """One edit of the history.

    Attributes
    ----------
    id : str
        The edit's id (the last segment of its IRI).
    action : str
        ``aanmaken``, ``wijzigen`` or ``verwijderen``.
    kind, record : str
        The record key (``actors`` ...) and the record's id.
    door, tijd, reden : str
        Who, when (ISO 8601) and why.
    undoes : str or None
        The edit this one undid.
    before, after : dict or None
        The record's fields before and after, as in a data file.
    """

    id: str
    action: str
    kind: str
    record: str
    door: str
    tijd: str
    reden: str
    undoes: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _register(graph: Graph) -> SourceRegister:
    """The source register as stored (the documents and sections records may cite)."""
    register = SourceRegister()
    for document in graph.subjects(RDF.type, ZN.SourceDocument):
        year = graph.value(document, ZN.asOf)
        if year is not None:
            register.years[slug(document)] = int(str(year)[:4])
    for section in graph.subjects(RDF.type, ZN.SourceSection):
        number = graph.value(section, ZN.sectionNumber)
        document = graph.value(section, DCTERMS.isPartOf)
        if number is not None and document is not None:
            register.sections[(slug(document), str(number))] = URIRef(section)
    return register


class _StoredIds(Mapping[str, URIRef]):
    """The stored records' ids with their classes: what a reference may point to.

    Looked up one id at a time (a record's IRI is its kind's prefix and its id), so an
    edit of a national network does not read 130,000 ids; only listing them (close
    matches for an unknown id) reads them all.
    """

    def __init__(self, graph: Graph, *, without: str | None = None) -> None:
        self._graph = graph
        self._without = without
        self._all: dict[str, URIRef] | None = None

    def __getitem__(self, record_id: str) -> URIRef:
        if record_id != self._without:
            for kind in record_kinds().values():
                if (record_iri(kind, record_id), RDF.type, kind.rdf_class) in self._graph:
                    return kind.rdf_class
        raise KeyError(record_id)

    def _everything(self) -> dict[str, URIRef]:
        if self._all is None:
            self._all = stored_ids(self._graph)
            self._all.pop(self._without or "", None)
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())


def _record_graph(graph: Graph, subject: URIRef) -> Graph:
    """The triples of the record *subject* and of its citations."""
    record = Graph()
    for p, o in graph.predicate_objects(subject):
        record.add((subject, p, _simple(o)))
        if p == ZN.citation:
            for cp, co in graph.predicate_objects(o):
                record.add((o, cp, _simple(co)))
    return record


def _simple(term: Any) -> Any:
    # RDF 1.1 makes "x"^^xsd:string and "x" one term, but rdflib and Virtuoso keep
    # them apart. Stores hand back the typed form, the loaders and _record_prov write
    # the simple one: both in one graph would be two triples to Virtuoso and one to
    # Oxigraph, and the remote store then refuses every read (its count never matches).
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _lined(data: dict[str, Any]) -> LinedDict:
    lined = LinedDict(data)
    lined.line = 1
    lined.key_lines = dict.fromkeys(data, 1)
    return lined


def _build(
    current: Graph, kind: RecordKind, fields: dict[str, Any], known: Mapping[str, URIRef]
) -> Graph:
    """The checked triples of the record *fields* of *kind*, to replace its stored ones."""
    document = _lined({kind.key: [_lined(fields)]})
    build = build_records([(_ORIGIN, document)], _register(current), known, stored=current)
    if build.problems:
        raise EditInvalid(build.problems)
    record = build.triples.graph()
    problems = [
        p
        for p in record_problems(current, record, build.source_map, _ORIGIN)
        if p.severity.name == "ERROR"
    ]
    if problems:
        raise EditInvalid(problems)
    return record


def _users(graph: Graph, subject: URIRef) -> list[str]:
    """The other records that refer to *subject*."""
    return sorted(
        {
            slug(s)
            for s, p in graph.subject_predicates(subject)
            if s != subject and (s, RDF.type, ZN.Record) in graph
        }
    )


def _record_prov(
    data: Graph,
    edit: Edit,
    subject: URIRef,
) -> None:
    activity = ID[f"edit/{edit.id}"]
    # The agent is a role typed in free text ("team jeugd Huizen"): percent-encoded, the
    # same role is the same agent and no text makes an invalid IRI.
    agent = ID[f"agent/{quote(edit.door, safe='')}"]
    data.add((agent, RDF.type, PROV.Agent))
    data.add((agent, RDFS.label, Literal(edit.door)))
    data.add((activity, RDF.type, PROV.Activity))
    data.add((activity, PROV.wasAssociatedWith, agent))
    data.add((activity, PROV.startedAtTime, Literal(edit.tijd, datatype=XSD.dateTime)))
    data.add((activity, PROV.endedAtTime, Literal(edit.tijd, datatype=XSD.dateTime)))
    if edit.action != "verwijderen":
        # The record's triples as they now stand were written by this agent, not taken
        # from a policy document; the next edit replaces this triple with the record's.
        data.add((subject, PROV.wasAttributedTo, agent))
    data.add((activity, RDFS.comment, Literal(edit.reden, lang="nl")))
    data.add((activity, DCTERMS.type, Literal(edit.action)))
    data.add((activity, DCTERMS.subject, Literal(edit.kind)))
    data.add((activity, DCTERMS.identifier, Literal(edit.record)))
    data.add(
        (activity, PROV.invalidated if edit.action == "verwijderen" else PROV.generated, subject)
    )
    if edit.undoes:
        data.add((activity, PROV.wasInformedBy, ID[f"edit/{edit.undoes}"]))
    for role, state, link in (("voor", edit.before, PROV.used), ("na", edit.after, PROV.generated)):
        if state is None:
            continue
        entity = ID[f"edit/{edit.id}/{role}"]
        data.add((activity, link, entity))
        data.add((entity, RDF.type, PROV.Entity))
        data.add((entity, PROV.specializationOf, subject))
        data.add(
            (entity, PROV.value, Literal(json.dumps(state, ensure_ascii=False, sort_keys=True)))
        )


def apply_edit(
    store: Store,
    key: str,
    action: str,
    record_id: str,
    fields: dict[str, Any] | None,
    *,
    door: str,
    reden: str,
    undoes: str | None = None,
) -> Edit:
    """Create, update or delete one record, check the result, commit it with its history.

    Parameters
    ----------
    store : Store
        The store to change.
    key : str
        The record key: ``actors``, ``relations``, ``memberships``, ``mandates`` ...
    action : str
        ``aanmaken``, ``wijzigen`` or ``verwijderen``.
    record_id : str
        The record's id.
    fields : dict or None
        The record as a data file writes it (None for a delete).
    door, reden : str
        Who makes the edit and why (Dutch).
    undoes : str, optional
        The id of the edit this one undoes.

    Returns
    -------
    Edit
        The edit as recorded.

    Raises
    ------
    UnknownName
        Updating or deleting a record that does not exist (with close ids).
    EditConflict
        Creating an id that exists, or deleting a record others refer to.
    EditInvalid
        When the record or the dataset with it does not pass the checks.
    """
    # The record's own text is checked with the record (build_records); who and why go
    # into the history as they are.
    said = [
        character_problem(reden, Position(_ORIGIN), field="reden"),
        character_problem(door, Position(_ORIGIN), multiline=False, field="door"),
    ]
    if any(said):
        raise EditInvalid([p for p in said if p is not None])
    kind = record_kinds()[key]
    current = store.graph()
    subject = record_iri(kind, record_id)
    before = record_fields(current, key, record_id)
    known = _StoredIds(current)
    if action == "aanmaken" and record_id in known:
        raise EditConflict(f"De id {record_id!r} is al in gebruik; kies een andere id.")
    if action != "aanmaken" and before is None:
        import difflib

        same_kind = [i for i, c in known.items() if c == kind.rdf_class]
        raise UnknownName(
            kind.rdf_class.rsplit("#", 1)[-1].lower(),
            record_id,
            difflib.get_close_matches(record_id, same_kind, n=3, cutoff=0.5),
        )
    old = _record_graph(current, subject)
    if action == "verwijderen":
        users = _users(current, subject)
        if users:
            raise EditConflict(
                f"{record_id!r} kan niet worden verwijderd: {', '.join(users)} verwijst ernaar. "
                "Verwijder of wijzig die registraties eerst."
            )
        new, after = Graph(), None
    else:
        others = _StoredIds(current, without=record_id)
        new = _build(current, kind, {**(fields or {}), "id": record_id}, others)
        after = record_fields(new + neighbourhood(current, new), key, record_id)
    # The time to the microsecond: the history orders edits by it, and two edits in one
    # second must keep the order they were made in.
    now = datetime.now(UTC)
    edit = Edit(
        id=f"{now:%Y%m%dt%H%M%S}-{uuid.uuid4().hex[:8]}",
        action=action,
        kind=key,
        record=record_id,
        door=door,
        tijd=now.isoformat(),
        reden=reden,
        undoes=undoes,
        before=before,
        after=after,
    )
    _record_prov(new, edit, subject)
    store.apply(old, new)
    return edit


_HISTORY = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?action ?kind ?record ?who ?time ?why ?undoes ?before ?after WHERE {
  ?e a prov:Activity ; dct:type ?action ; dct:subject ?kind ; dct:identifier ?record ;
     prov:wasAssociatedWith/rdfs:label ?who ; prov:startedAtTime ?time ; rdfs:comment ?why .
  OPTIONAL { ?e prov:wasInformedBy ?undoes }
  OPTIONAL { ?e prov:used/prov:value ?before }
  OPTIONAL { ?e prov:generated/prov:value ?after }
} ORDER BY DESC(?time) DESC(?e)
"""


def history(graph: Graph, *, record: str | None = None) -> list[Edit]:
    """Every edit recorded in *graph*, newest first (only those of *record* if given)."""
    edits = [_edit_of(row) for row in graph.query(_HISTORY)]
    return [e for e in edits if record is None or e.record == record]


def _edit_of(row: Any) -> Edit:
    """The :class:`Edit` of one row of :data:`_HISTORY` or :data:`_RECORD_EDITS`."""
    e, action, kind, rec, who, time, why, undoes, before, after = row
    return Edit(
        id=slug(e),
        action=str(action),
        kind=str(kind),
        record=str(rec),
        door=str(who),
        tijd=str(time),
        reden=str(why),
        undoes=slug(undoes) if undoes is not None else None,
        before=json.loads(str(before)) if before is not None else None,
        after=json.loads(str(after)) if after is not None else None,
    )


@dataclass(frozen=True)
class EditedRecord:
    """What edits did to one record: which fields no longer say what the sources say.

    Attributes
    ----------
    kind, record : str
        The record key (``actors`` ...) and the record's id.
    created : bool
        Whether an edit added the record: then nothing of it comes from the seed data.
    changed : list of str
        The fields whose value differs from the data as loaded (the record before its
        first edit), in the order of the record's fields; every field if *created*.
    last : Edit
        The record's newest edit: who, when and why.
    """

    kind: str
    record: str
    created: bool
    changed: list[str]
    last: Edit


_RECORD_EDITS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?action ?kind ?record ?who ?time ?why ?undoes ?before ?after WHERE {
  VALUES (?kind ?record) { %s }
  ?e a prov:Activity ; dct:type ?action ; dct:subject ?kind ; dct:identifier ?record ;
     prov:wasAssociatedWith/rdfs:label ?who ; prov:startedAtTime ?time ; rdfs:comment ?why .
  OPTIONAL { ?e prov:wasInformedBy ?undoes }
  OPTIONAL { ?e prov:used/prov:value ?before }
  OPTIONAL { ?e prov:generated/prov:value ?after }
} ORDER BY ?time ?e
"""


def edited_records(
    graph: Graph, records: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], EditedRecord]:
    """Which of *records* differ from the data as loaded, and by which edits.

    A page that cites a record's sources shows this beside them, so that a reader
    quoting the page knows which statements come from a policy document and which from
    an edit. A record whose edits were all undone says again what the sources say and
    is left out, as is one that was deleted.

    Parameters
    ----------
    graph : Graph
        The store's data with its edit history.
    records : iterable of (str, str)
        ``(record key, record id)`` pairs, such as ``("actors", "veilig-thuis")``.

    Returns
    -------
    dict
        An :class:`EditedRecord` by ``(record key, record id)``, only for edited records.

    Examples
    --------
    >>> from zorgnet import core
    >>> from zorgnet.graph.rdf_records import record_fields
    >>> store = Store()
    >>> _ = core.load(store, core.SHIPPED_DATASET)
    >>> huisarts = record_fields(store.graph(), "actors", "huisarts")
    >>> _ = apply_edit(store, "actors", "wijzigen", "huisarts",
    ...                {**huisarts, "description": "Nieuwe tekst."},
    ...                door="team jeugd", reden="Volgens de praktijk.")
    >>> edited = edited_records(store.graph(), [("actors", "huisarts"), ("actors", "ggd")])
    >>> list(edited), edited["actors", "huisarts"].changed
    ([('actors', 'huisarts')], ['description'])
    """
    # Most records were never edited: one indexed look-up each finds those that were,
    # and only their edits are read.
    wanted = sorted(
        (key, record_id)
        for key, record_id in set(records)
        if any(
            (e, DCTERMS.subject, Literal(key)) in graph
            for e in graph.subjects(DCTERMS.identifier, Literal(record_id))
        )
    )
    if not wanted:
        return {}
    pairs = " ".join(f"({Literal(k).n3()} {Literal(r).n3()})" for k, r in wanted)
    edits: dict[tuple[str, str], list[Edit]] = {}
    for row in graph.query(_RECORD_EDITS % pairs):
        edit = _edit_of(row)
        edits.setdefault((edit.kind, edit.record), []).append(edit)
    found = {}
    for (key, record_id), chain in edits.items():
        first, last = chain[0], chain[-1]
        if last.after is None:
            continue
        seed = first.before
        fields = list(record_kinds()[key].fields) if key in record_kinds() else list(last.after)
        if seed is None:
            changed = [f for f in fields if f in last.after and f != "id"]
        else:
            changed = [f for f in fields if seed.get(f) != last.after.get(f)]
        if seed is None or changed:
            found[key, record_id] = EditedRecord(key, record_id, seed is None, changed, last)
    return found


def undo(store: Store, edit_id: str, *, door: str, reden: str) -> Edit:
    """Undo edit *edit_id* by a new edit that restores the record as it was before.

    Raises
    ------
    UnknownName
        When there is no such edit.
    EditConflict
        When the record changed after that edit: undo the later edits first.
    """
    edits = history(store.graph())
    by_id = {e.id: e for e in edits}
    if edit_id not in by_id:
        import difflib

        raise UnknownName("wijziging", edit_id, difflib.get_close_matches(edit_id, by_id, n=3))
    edit = by_id[edit_id]
    now = record_fields(store.graph(), edit.kind, edit.record)
    if now != edit.after:
        raise EditConflict(
            f"{edit.record!r} is na wijziging {edit_id} nog veranderd; maak eerst de latere "
            "wijzigingen ongedaan."
        )
    if edit.before is None:
        action, fields = "verwijderen", None
    elif edit.after is None:
        action, fields = "aanmaken", edit.before
    else:
        action, fields = "wijzigen", edit.before
    return apply_edit(
        store, edit.kind, action, edit.record, fields, door=door, reden=reden, undoes=edit_id
    )
