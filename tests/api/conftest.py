"""Fixtures of the web app tests: a store with the shipped data, apps and clients."""

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from zorgnet.api.app import create_app
from zorgnet.api.settings import SHIPPED_DATASET, Settings
from zorgnet.graph.projection import project
from zorgnet.graph.store import Store

TOKEN = "test-token-van-de-redactie"


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory, shipped) -> Path:
    """A store folder holding the shipped dataset (copy it before changing it)."""
    path = tmp_path_factory.mktemp("template") / "store"
    with Store(path) as store:
        store.replace(shipped.graph)
    return path


@pytest.fixture
def store_copy(loaded_store: Path, tmp_path: Path) -> Path:
    """A fresh copy of the loaded store for a test that writes."""
    target = tmp_path / "store"
    shutil.copytree(loaded_store, target)
    return target


def settings_for(store: Path, **extra: object) -> Settings:
    """Settings for an app over *store*, with short SPARQL limits for the tests."""
    values: dict[str, object] = {"sparql_timeout": 5.0, "sparql_workers": 1, **extra}
    return Settings(store=store, data=SHIPPED_DATASET, **values)


@pytest.fixture(scope="session")
def make_settings():  # type: ignore[no-untyped-def]
    """:func:`settings_for`, for tests that build their own app."""
    return settings_for


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    """The header that carries the write token of the ``editor`` app."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, loaded_store: Path) -> Iterator[TestClient]:
    """A read-only app over a copy of the shipped data."""
    target = tmp_path_factory.mktemp("read") / "store"
    shutil.copytree(loaded_store, target)
    with TestClient(create_app(settings_for(target))) as test_client:
        yield test_client


@pytest.fixture
def editor(store_copy: Path) -> Iterator[TestClient]:
    """An app that accepts edits with :data:`TOKEN`."""
    with TestClient(create_app(settings_for(store_copy, token=TOKEN))) as test_client:
        yield test_client


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """The app over *settings* in uvicorn on a free loopback port; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        # Editors wait long for the edit lock; keep their connections open meanwhile.
        timeout_keep_alive=60,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(60)
        assert not thread.is_alive(), "uvicorn did not stop"


@pytest.fixture(scope="session")
def region(shipped) -> nx.MultiDiGraph:  # type: ignore[no-untyped-def]
    """The projection of the shipped data, as a served copy of :func:`loaded_store` holds it.

    A server fixture that uses it asks for it first: the server's start imports rdflib's
    SPARQL modules, which two threads cannot import at the same time.
    """
    return project(shipped.graph)


@pytest.fixture(scope="module")
def browser(playwright_session: Any) -> Iterator[object]:
    """Debian's Chromium, headless, one per test module (see ``browsing.py``), from the
    process's one Playwright."""
    chromium = playwright_session.chromium.launch(
        executable_path="/usr/bin/chromium",
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def listener() -> Iterator[tuple[int, list[object]]]:
    """A TCP listener on loopback that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            connections.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()
