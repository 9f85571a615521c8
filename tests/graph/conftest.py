"""Fixtures for the projection and analyses: the shipped data and a tiny network."""

import networkx as nx
import pytest

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses._example import example_projection
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import read_dataset


@pytest.fixture(scope="session")
def region() -> nx.MultiDiGraph:
    """The projection of the shipped Gooi en Vechtstreek dataset."""
    dataset = read_dataset(SHIPPED_DATASET)
    assert dataset.report.ok, dataset.report
    return project(dataset.graph)


@pytest.fixture(scope="session")
def tiny() -> nx.MultiDiGraph:
    """The seven-actor example network of the doctests."""
    return example_projection()
