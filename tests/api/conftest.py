"""Fixtures of the web app tests: a store with the shipped data, apps and clients."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zorgnet.api.app import create_app
from zorgnet.api.settings import SHIPPED_DATASET, Settings
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
    return Settings(
        store=store, data=SHIPPED_DATASET, sparql_timeout=5.0, sparql_workers=1, **extra
    )


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
