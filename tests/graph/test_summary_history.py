"""The counts a user sees are of the data: the edit history stored beside it is not counted."""

from pathlib import Path

import pytest

from zorgnet.core.editing import apply_edit, undo
from zorgnet.graph.store import Store
from zorgnet.graph.summary import data_triples, summarize

ACTOR = {
    "label": "Telproef",
    "type": "welzijnsorganisatie",
    "scale": "lokaal",
    "area": ["huizen"],
    "source": ["003 §4"],
}


@pytest.mark.slow
def test_an_edit_and_its_undo_leave_every_count_as_it_was(shipped, tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        store.replace(shipped.graph)
        before = summarize(store.graph())
        assert before.triples == len(shipped.graph)

        made = apply_edit(
            store, "actors", "aanmaken", "telproef", ACTOR, door="test", reden="Proef."
        )
        during = summarize(store.graph())
        assert during.records["actors"] == before.records["actors"] + 1
        assert during.actors_per_area["Huizen"] == before.actors_per_area["Huizen"] + 1

        undo(store, made.id, door="test", reden="Terug.")
        after = summarize(store.graph())
        # The store now holds two edits of history, and none of it is counted.
        assert len(store.graph()) > len(shipped.graph)
        assert after == before
        assert data_triples(store.graph()) == len(shipped.graph)
