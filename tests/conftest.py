"""Fixtures shared by all tests: the shipped dataset, read once; a small stored network."""

from pathlib import Path

import pytest

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset, read_dataset

pytest_plugins = ["backends_conftest", "markers_conftest"]


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    """The Gooi en Vechtstreek dataset as it ships, read and checked."""
    return read_dataset(SHIPPED_DATASET)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the tiny example network of the analyses' docstrings."""
    path = tmp_path_factory.mktemp("store")
    with Store(path) as store:
        store.replace(example_graph())
    return path
