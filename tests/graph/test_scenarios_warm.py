"""The first scenario after a web app's warm-up: its answers before are ready."""

import networkx as nx
import pytest

from zorgnet.graph.analyses.scenarios import Scenario, compare
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset


@pytest.fixture(scope="module")
def stored(shipped: Dataset) -> Store:
    store = Store()
    store.replace(shipped.graph)
    return store


@pytest.mark.slow
def test_vraagt_het_eerste_scenario_na_het_opwarmen_niets_meer_van_de_data_zoals_die_is(
    stored: Store, route_questions: list[nx.MultiDiGraph]
) -> None:
    cache = ProjectionCache()
    G = cache.warm(stored)
    cache.warm_scenarios(stored)
    route_questions.clear()
    result = compare(G, Scenario(without_actors=("ca-team",)))
    # The C&A-team holds in all seven gemeenten: each of their questions was answered
    # in the warm-up; only the copy is asked, and only what the team was on.
    assert len(result.gemeenten) == 7
    assert route_questions, "the routes the team was on are asked of the copy"
    assert all(graph is not G for graph in route_questions)
    assert len(route_questions) == result.questions


def test_houdt_het_opwarmen_op_als_een_nieuwere_versie_of_het_sluiten_erom_vraagt(
    stored: Store,
) -> None:
    cache = ProjectionCache()
    cache.warm_scenarios(stored, stop=lambda: True)
    G = cache.get(stored)
    assert not [key for key in G.graph["memo"] if key[0] == "scenario-routes"]
