"""The edit history as /wijzigingen shows it: the fields each edit changed, and which edits
undo takes back now."""

import pytest
from rdflib import SKOS, Graph, Literal

from zorgnet.core.edit_log import FieldChange, edit_log
from zorgnet.core.editing import apply_edit, undo
from zorgnet.graph.rdf_records import record_fields
from zorgnet.graph.store import Store
from zorgnet.ontology.namespace import ID


@pytest.fixture
def store(shipped) -> Store:
    store = Store()
    store.replace(shipped.graph)
    return store


def _change(store: Store, label: str, reason: str) -> str:
    fields = {**record_fields(store.graph(), "actors", "huisarts"), "label": label}
    edit = apply_edit(
        store, "actors", "wijzigen", "huisarts", fields, door="beheerder", reden=reason
    )
    return edit.id


def test_an_update_shows_only_the_fields_it_changed(store: Store) -> None:
    fields = record_fields(store.graph(), "actors", "huisarts")
    changed = {**fields, "label": "Huisarts (nieuw)", "area": ["huizen"], "asOf": 2025}
    apply_edit(store, "actors", "wijzigen", "huisarts", changed, door="beheerder", reden="Test.")
    [entry] = edit_log(store.graph())
    assert entry.changes == [
        FieldChange("label", "huisarts", "Huisarts (nieuw)"),
        FieldChange("area", ["gooi-en-vechtstreek"], ["huizen"]),
        FieldChange("asOf", 2021, 2025),
    ]


def test_a_new_record_shows_every_field_as_new_and_no_id(store: Store) -> None:
    relation = {"from": "huisarts", "to": "veilig-thuis", "kind": "meldt", "source": ["003 §4"]}
    apply_edit(store, "relations", "aanmaken", "test-r", relation, door="beheerder", reden="Test.")
    [entry] = edit_log(store.graph())
    assert [(c.field, c.before, c.after) for c in entry.changes] == [
        ("from", None, "huisarts"),
        ("to", None, "veilig-thuis"),
        ("kind", None, "meldt"),
        ("source", None, ["003 §4"]),
        ("asOf", None, 2021),  # the year of the source, stored with the record
    ]


def test_edits_are_undoable_one_step_at_a_time_newest_first(store: Store) -> None:
    first = _change(store, "Eerste naam", "Eerste.")
    second = _change(store, "Tweede naam", "Tweede.")
    log = {e.edit.id: e for e in edit_log(store.graph())}
    assert log[second].undoable and not log[first].undoable
    # What the log offers, undo takes; then the edit before it is offered, and the undo.
    back = undo(store, second, door="beheerder", reden="Terug.")
    log = {e.edit.id: e for e in edit_log(store.graph())}
    assert not log[second].undoable
    assert log[back.id].undoable and log[first].undoable
    undo(store, first, door="beheerder", reden="Helemaal terug.")
    assert record_fields(store.graph(), "actors", "huisarts")["label"] == "huisarts"
    assert [e.undoable for e in edit_log(store.graph())].count(True) == 1


def test_an_edit_whose_record_changed_outside_the_history_is_not_undoable(store: Store) -> None:
    edit = _change(store, "Nieuwe naam", "Test.")
    subject = ID["actor/huisarts"]
    old, new = Graph(), Graph()
    old.add((subject, SKOS.prefLabel, Literal("Nieuwe naam", lang="nl")))
    new.add((subject, SKOS.prefLabel, Literal("Anders", lang="nl")))
    store.apply(old, new)  # as a reload of changed data files would
    [entry] = edit_log(store.graph())
    assert entry.edit.id == edit
    assert not entry.undoable


def test_lists_the_history_edits_made_in_one_second_in_the_order_they_were_made(
    store: Store,
) -> None:
    """Ten edits in quick succession (most in the same second): newest first, always."""
    from zorgnet.core.editing import history

    made = [_change(store, f"Naam {n}", f"Stap {n}.") for n in range(10)]
    assert [e.id for e in history(store.graph())] == made[::-1]
