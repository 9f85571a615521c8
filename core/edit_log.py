"""The edit history as a reader sees it: what each edit changed, field by field, and
which edits :func:`zorgnet.core.editing.undo` would take back now.

:func:`zorgnet.core.editing.history` keeps each record as it was before and after an
edit; :func:`edit_log` compares the two per field and asks the store whether the
record is still as the edit left it, which is what ``undo`` requires.

Examples
--------
>>> from zorgnet import core
>>> from zorgnet.graph.rdf_records import record_fields
>>> from zorgnet.graph.store import Store
>>> store = Store()
>>> _ = core.load(store, core.SHIPPED_DATASET)
>>> huisarts = record_fields(store.graph(), "actors", "huisarts")
>>> edit = core.apply_edit(store, "actors", "wijzigen", "huisarts",
...                        {**huisarts, "label": "Huisarts (nieuwe naam)"},
...                        door="beheerder", reden="Nieuwe naam volgens de praktijk.")
>>> [entry] = edit_log(store.graph())
>>> entry.changes
[FieldChange(field='label', before='huisarts', after='Huisarts (nieuwe naam)')]
>>> entry.undoable
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from zorgnet.core.editing import Edit, history
from zorgnet.graph.rdf_records import record_fields
from zorgnet.ontology.schema import record_kinds

__all__ = ["FieldChange", "LoggedEdit", "edit_log", "field_changes"]


@dataclass(frozen=True)
class FieldChange:
    """One field an edit changed.

    Attributes
    ----------
    field : str
        The field's name in the data files (``label``, ``area`` ...).
    before, after : object
        Its value before and after, as a data file writes it (a list for a field with
        several values); None where the field had no value.
    """

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class LoggedEdit:
    """An edit of the history with what it changed.

    Attributes
    ----------
    edit : Edit
        The edit as recorded.
    changes : list of FieldChange
        The fields that differ between before and after, in the order of the record's
        fields.
    undoable : bool
        Whether its record is still as it left it, which is what
        :func:`~zorgnet.core.editing.undo` asks: the newest edit of a record, and after
        that one is undone the one before it (edits are undone one step at a time).
    """

    edit: Edit
    changes: list[FieldChange]
    undoable: bool


def field_changes(edit: Edit) -> list[FieldChange]:
    """The fields *edit* changed, in the order of its record kind's fields.

    A created record has every field as a change from None, a deleted one every field
    as a change to None; the id is left out (the edit names it).

    Parameters
    ----------
    edit : Edit
        An edit of :func:`~zorgnet.core.editing.history`.

    Returns
    -------
    list of FieldChange

    Examples
    --------
    >>> edit = Edit("e1", "wijzigen", "actors", "huisarts", "beheerder", "2026-01-01", "x",
    ...             None, {"id": "huisarts", "label": "a", "area": ["huizen"]},
    ...             {"id": "huisarts", "label": "b", "area": ["huizen"]})
    >>> field_changes(edit)
    [FieldChange(field='label', before='a', after='b')]
    """
    before, after = edit.before or {}, edit.after or {}
    kind = record_kinds().get(edit.kind)
    order = list(kind.fields) if kind is not None else []
    names = [n for n in order if n in before or n in after]
    names += sorted((set(before) | set(after)) - set(names) - {"id"})
    return [
        FieldChange(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    ]


def edit_log(graph: Graph) -> list[LoggedEdit]:
    """Every edit in *graph*, newest first, with its changes and whether it can be undone.

    Parameters
    ----------
    graph : rdflib.Graph
        The store's data (``store.graph()``), which holds the history.

    Returns
    -------
    list of LoggedEdit
        Newest first, as :func:`~zorgnet.core.editing.history`.

    Examples
    --------
    >>> edit_log(Graph())
    []
    """
    now: dict[tuple[str, str], dict[str, Any] | None] = {}
    logged = []
    for edit in history(graph):
        key = (edit.kind, edit.record)
        if key not in now:
            now[key] = record_fields(graph, edit.kind, edit.record)
        logged.append(LoggedEdit(edit, field_changes(edit), now[key] == edit.after))
    return logged
