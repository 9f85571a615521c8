"""After an edit, the projection is made from the previous one, and equals a new one."""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from same_projection import assert_same

import zorgnet.graph.projection
from zorgnet.core.editing import apply_edit
from zorgnet.graph import saved_projection
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.rdf_records import record_fields
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset


def _changed(
    store: Store, key: str, record_id: str, change: Callable[[dict[str, Any]], None]
) -> None:
    fields = record_fields(store.graph(), key, record_id)
    assert fields is not None, record_id
    change(fields)
    apply_edit(store, key, "wijzigen", record_id, fields, door="test", reden="Test.")


def _edit(store: Store, step: str) -> None:
    if step == "actor":
        _changed(
            store, "actors", "veilig-thuis", lambda f: f.update(label="Veilig Thuis (nieuwe naam)")
        )
    elif step == "area":
        _changed(store, "areas", "hilversum", lambda f: f.update(label="Gemeente Hilversum"))
    elif step == "membership":
        _changed(
            store,
            "memberships",
            "buurtteams-hilversum-versa-welzijn",
            lambda f: f.update(membershipStatus="verbonden"),
        )
    elif step == "arrangement":
        _changed(
            store,
            "arrangements",
            "inrichting-hbel-lokaal-team",
            lambda f: f.update(description="Anders beschreven."),
        )
    elif step == "new relation":
        apply_edit(
            store,
            "relations",
            "aanmaken",
            "test-vt-meldt-raad",
            {
                "from": "veilig-thuis",
                "to": "raad-voor-de-kinderbescherming",
                "kind": "meldt",
                "source": ["003 §4"],
            },
            door="test",
            reden="Test.",
        )
    elif step == "new mandate":
        apply_edit(
            store,
            "mandates",
            "aanmaken",
            "test-mandaat",
            {"holder": "veilig-thuis", "power": "verwijzen", "source": ["003 §4"]},
            door="test",
            reden="Test.",
        )
    elif step == "deleted relation":
        apply_edit(
            store,
            "relations",
            "verwijderen",
            "test-vt-meldt-raad",
            None,
            door="test",
            reden="Test.",
        )
    elif step == "new actor":
        fields = record_fields(store.graph(), "actors", "veilig-thuis")
        assert fields is not None
        apply_edit(
            store,
            "actors",
            "aanmaken",
            "test-actor",
            {**fields, "label": "Testactor", "id": "test-actor"},
            door="test",
            reden="Test.",
        )
    elif step == "deleted actor":
        apply_edit(store, "actors", "verwijderen", "test-actor", None, door="test", reden="Test.")
    elif step == "other whole":
        _changed(store, "actors", "veilig-thuis", lambda f: f.update(partOf=["test-actor"]))
    elif step == "whole back":
        _changed(
            store,
            "actors",
            "veilig-thuis",
            lambda f: f.update(partOf=["regio-gooi-en-vechtstreek"]),
        )
    elif step == "new membership":
        apply_edit(
            store,
            "memberships",
            "aanmaken",
            "test-lid",
            {
                "team": "buurtteams-hilversum",
                "member": "veilig-thuis",
                "membershipStatus": "buiten",
                "source": ["003 §4"],
            },
            door="test",
            reden="Test.",
        )
    elif step == "deleted membership":
        apply_edit(
            store, "memberships", "verwijderen", "test-lid", None, door="test", reden="Test."
        )
    elif step == "other sources":
        _changed(
            store,
            "relations",
            "test-vt-meldt-raad",
            lambda f: f.update(source=["003 §4, afspraak 2"]),
        )


STEPS = [
    "actor",
    "area",
    "membership",
    "arrangement",
    "new relation",
    "new mandate",
    "other sources",
    "deleted relation",
    "new actor",
    "other whole",
    "whole back",
    "deleted actor",
    "new membership",
    "deleted membership",
]


@pytest.mark.slow
def test_after_each_kind_of_edit_the_projection_equals_a_new_one(
    shipped: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ProjectionCache()
    with Store() as store:
        store.replace(shipped.graph)
        before = cache.get(store)
        full = project

        def no_full_projection(graph: object) -> nx.MultiDiGraph:
            raise AssertionError("na een wijziging hoort de projectie te worden bijgewerkt")

        monkeypatch.setattr(zorgnet.graph.projection, "project", no_full_projection)
        for step in STEPS:
            _edit(store, step)
            after = cache.get(store)
            assert_same(after, full(store.graph()))
            assert after is not before, step
            before = after
        assert after.nodes["veilig-thuis"]["label"] == "Veilig Thuis (nieuwe naam)"
        assert "test-mandaat" in {m.id for m in after.graph["mandates"]}
        assert "test-vt-meldt-raad" not in after.graph["records"]
        assert not any(k == "test-vt-meldt-raad" for *_, k in after.edges(keys=True))


@pytest.mark.slow
def test_two_edits_between_questions_are_both_in_the_projection(shipped: Dataset) -> None:
    cache = ProjectionCache()
    with Store() as store:
        store.replace(shipped.graph)
        cache.get(store)
        _edit(store, "actor")
        _edit(store, "new relation")
        after = cache.get(store)
        assert_same(after, project(store.graph()))
        assert after.has_edge(
            "veilig-thuis", "raad-voor-de-kinderbescherming", key="test-vt-meldt-raad"
        )


@pytest.mark.slow
def test_the_projection_made_after_an_edit_is_saved_for_the_next_process(
    shipped: Dataset, tmp_path: Path
) -> None:
    cache = ProjectionCache()
    with Store(tmp_path / "db") as store:
        store.replace(shipped.graph)
        cache.get(store)
        _edit(store, "actor")
        after = cache.get(store)
        path = store.derived_path(saved_projection.NAME)
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join(timeout=30)
        again = saved_projection.read(path)
        assert again is not None
        assert_same(after, again)
