"""The web app gets ready for its first visitor when it starts."""

import threading
import time
from pathlib import Path

import networkx as nx
import pytest
from conftest import settings_for
from fastapi.testclient import TestClient

from zorgnet.api import deps
from zorgnet.api.app import create_app


def test_the_projection_is_built_when_the_app_starts_before_anyone_asks(
    store_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[object] = []
    real = deps.projection_for

    def recording(store: object) -> nx.MultiDiGraph:
        G = real(store)  # type: ignore[arg-type]
        built.append(store.version)  # type: ignore[attr-defined]
        return G

    monkeypatch.setattr(deps, "projection_for", recording)
    app = create_app(settings_for(store_copy))
    with TestClient(app):
        deadline = time.monotonic() + 30
        while not built and time.monotonic() < deadline:
            time.sleep(0.01)
        assert built == [app.state.service.store.version]


def test_stopping_while_the_projection_is_built_waits_for_it(
    store_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    outcome: list[str] = []
    real = deps.projection_for

    def slow(store: object) -> nx.MultiDiGraph:
        started.set()
        time.sleep(0.5)
        try:
            G = real(store)  # type: ignore[arg-type]
        except Exception as exc:  # the store closed under it
            outcome.append(repr(exc))
            raise
        outcome.append("klaar")
        return G

    monkeypatch.setattr(deps, "projection_for", slow)
    with TestClient(create_app(settings_for(store_copy))):
        assert started.wait(30)
    assert outcome == ["klaar"]
