"""Closing a store frees its database, and runs a full garbage collection only when an
rdflib view of the database (``Store.graph()``) may hold it through reference cycles."""

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from zorgnet.graph.store import Store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = Graph()
    data.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("b")))
    with Store(tmp_path / "store") as store:
        store.replace(data)
    return tmp_path / "store"


@pytest.fixture
def full_collections() -> Iterator[list[int]]:
    """The generations collected (started) while the test runs."""
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(seen)
    yield started
    gc.callbacks.remove(seen)


@pytest.mark.parametrize("read_only", [True, False])
def test_closing_a_store_without_a_view_collects_nothing(
    folder: Path, read_only: bool, full_collections: list[int]
) -> None:
    store = Store(folder, read_only=read_only)
    assert store.version is not None and len(store) == 1
    full_collections.clear()
    store.close()
    assert 2 not in full_collections
    with Store(folder) as again:  # the lock and the database were released
        assert len(again) == 1


def test_closing_a_store_after_a_view_frees_the_database_the_view_held(
    folder: Path, full_collections: list[int]
) -> None:
    store = Store(folder)
    assert len(store.graph()) == 1  # the view is garbage now, held only by its cycles
    full_collections.clear()
    store.close()
    assert 2 in full_collections
    with Store(folder) as again:
        assert len(again.graph()) == 1
