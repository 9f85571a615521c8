"""Fixtures shared by all tests: the shipped dataset, read once."""

import pytest

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.loaders.dataset import Dataset, read_dataset

pytest_plugins = ["backends_conftest"]


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    """The Gooi en Vechtstreek dataset as it ships, read and checked."""
    return read_dataset(SHIPPED_DATASET)
