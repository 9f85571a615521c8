"""Fixtures for the store, projection and analyses: the shipped data and a tiny network."""

import networkx as nx
import pytest
from rdflib import Graph, Literal

from zorgnet.api.settings import SHIPPED_DATASET
from zorgnet.graph.analyses._example import example_projection
from zorgnet.graph.projection import project
from zorgnet.loaders.dataset import Dataset, read_dataset


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


@pytest.fixture
def relabelled(shipped: Dataset) -> tuple[Graph, Graph]:
    """An edit of the shipped data: the triples of the subject with the most, and the
    same triples with every Dutch or English text changed."""
    data = shipped.graph
    subject = max(set(data.subjects()), key=lambda s: (len(list(data.predicate_objects(s))), s))
    old = Graph()
    for p, o in data.predicate_objects(subject):
        old.add((subject, p, o))
    new = Graph()
    for p, o in old.predicate_objects(subject):
        if isinstance(o, Literal) and o.language:
            o = Literal(f"{o} (gewijzigd)", lang=o.language)
        new.add((subject, p, o))
    return old, new


@pytest.fixture
def route_questions(monkeypatch: pytest.MonkeyPatch) -> list[nx.MultiDiGraph]:
    """The graph of every route question a scenario asks, from now on (clear it to
    count from a later point)."""
    from zorgnet.graph.analyses import scenarios

    asked: list[nx.MultiDiGraph] = []
    real = scenarios.referral_routes

    def counted(graph, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(graph)
        return real(graph, *args, **kwargs)

    monkeypatch.setattr(scenarios, "referral_routes", counted)
    return asked
