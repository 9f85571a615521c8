"""Fixtures shared by all tests: the shipped dataset, read once; a small stored network."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# pytest-xdist starts its workers with COLUMNS=80, and Rich fixes a console's width to
# COLUMNS when the console is made (at import): the CLI tests that ask for a wide
# terminal with CliRunner(env={"COLUMNS": ...}) would get 80 columns in a worker only.
os.environ.pop("COLUMNS", None)

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset, read_dataset

pytest_plugins = ["backends_conftest", "markers_conftest"]


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    """The Gooi en Vechtstreek dataset as it ships, read and checked."""
    return read_dataset(SHIPPED_DATASET)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Any]:
    """Playwright, started once per test process for every browser test.

    Its sync API refuses a second instance in a thread where one runs; with the suite on
    several workers, map and page tests share a process in any order, so all of them
    launch their Chromium from this one.
    """
    # Imported here so that the tests without a browser run without Playwright.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the tiny example network of the analyses' docstrings."""
    path = tmp_path_factory.mktemp("store")
    with Store(path) as store:
        store.replace(example_graph())
    return path
