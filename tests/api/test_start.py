"""The web app gets ready for its first visitor when it starts."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from conftest import TOKEN, settings_for
from fastapi import FastAPI
from fastapi.testclient import TestClient

from zorgnet.api.app import create_app
from zorgnet.graph.projection_cache import ProjectionCache


def _wait_for(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + 30
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_the_projection_is_built_when_the_app_starts_before_anyone_asks(
    store_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[object] = []
    real = ProjectionCache.warm

    def recording(cache: ProjectionCache, store: object) -> nx.MultiDiGraph:
        G = real(cache, store)  # type: ignore[arg-type]
        built.append(store.version)  # type: ignore[attr-defined]
        return G

    monkeypatch.setattr(ProjectionCache, "warm", recording)
    app = create_app(settings_for(store_copy))
    with TestClient(app):
        assert _wait_for(lambda: bool(built))
        assert built == [app.state.service.store.version]


@pytest.mark.slow
def test_stopping_while_the_projection_is_built_waits_for_it(
    store_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    outcome: list[str] = []
    real = ProjectionCache.warm

    def slow(cache: ProjectionCache, store: object) -> nx.MultiDiGraph:
        started.set()
        time.sleep(0.5)
        try:
            G = real(cache, store)  # type: ignore[arg-type]
        except Exception as exc:  # the store closed under it
            outcome.append(repr(exc))
            raise
        outcome.append("klaar")
        return G

    monkeypatch.setattr(ProjectionCache, "warm", slow)
    with TestClient(create_app(settings_for(store_copy))):
        assert started.wait(30)
    assert outcome == ["klaar"]


def _held(app: FastAPI, version: object) -> nx.MultiDiGraph | None:
    """The projection of *version* held in memory by *app*'s cache, if any."""
    service = app.state.service
    return service.projections.held(service.store, version)  # type: ignore[no-any-return]


def _indexed(app: FastAPI, version: object) -> bool:
    G = _held(app, version)
    return G is not None and ("index", "by_area") in G.graph["memo"]


def test_the_first_route_question_finds_its_indexes_built(store_copy: Path) -> None:
    app = create_app(settings_for(store_copy))
    with TestClient(app):
        store = app.state.service.store
        assert _wait_for(lambda: _indexed(app, store.version))
        assert ("index", "mandates") in _held(app, store.version).graph["memo"]


@pytest.mark.slow
def test_after_an_edit_the_new_version_is_projected_before_anyone_asks(
    store_copy: Path, auth: dict[str, str]
) -> None:
    relation = {
        "registratie": {
            "id": "test-veilig-thuis-verwijst-huisarts",
            "from": "veilig-thuis",
            "to": "huisarts",
            "kind": "verwijst",
            "source": "003 §4",
        },
        "reden": "Test: de projectie staat klaar voor de volgende vraag.",
    }
    app = create_app(settings_for(store_copy, token=TOKEN))
    with TestClient(app) as client:
        store = app.state.service.store
        assert _wait_for(lambda: _indexed(app, store.version))
        before = store.version
        answer = client.post("/api/edits/relations", json=relation, headers=auth)
        assert answer.status_code == 201, answer.text
        assert store.version != before
        assert _wait_for(lambda: _indexed(app, store.version))
        G = _held(app, store.version)
        assert "test-veilig-thuis-verwijst-huisarts" in {k for _, _, k in G.edges(keys=True)}
