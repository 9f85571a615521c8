"""The answers a scenario compares with, saved beside the version for the next process."""

import marshal
from pathlib import Path

import networkx as nx
import pytest

from zorgnet.core.scenarios import scenario_result
from zorgnet.graph import saved_answers
from zorgnet.graph.analyses.scenarios import Scenario, compare, prepare_scenarios
from zorgnet.graph.projection import project
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset


@pytest.fixture(scope="module")
def stored(shipped: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("answers") / "store")
    store.replace(shipped.graph)
    return store


def test_leest_het_volgende_proces_precies_de_antwoorden_van_de_regio_terug(
    shipped: Dataset, tmp_path: Path
) -> None:
    G = project(shipped.graph)
    prepare_scenarios(G)
    answers = saved_answers.answers_of(G.graph["memo"])
    # Every gemeente's route questions, coverage, framework, brokers and reach.
    kinds = {key[0] for key in answers}
    assert kinds == saved_answers.KINDS
    routes = {key[1]: v for key, v in answers.items() if key[0] == "scenario-routes"}
    assert len(routes) == 7 and sum(len(questions) for questions in routes.values()) == 595
    path = tmp_path / saved_answers.NAME
    assert saved_answers.write(answers, path)
    back = saved_answers.read(path)
    assert back == answers
    huizen = back[next(key for key in back if key[:2] == ("scenario-routes", "huizen"))]
    answer = huizen["jeugd-ggz", "huisarts"]
    assert type(answer).__name__ == "RouteResult"
    assert (
        answer.routes[0].steps[0].label
        == routes["huizen"]["jeugd-ggz", "huisarts"].routes[0].steps[0].label
    )


def test_komt_het_tweede_scenario_in_een_nieuw_proces_zonder_de_vragen_van_het_eerste(
    stored: Store, route_questions: list[nx.MultiDiGraph]
) -> None:
    scenario = Scenario("Het C&A-team stopt", without_actors=("ca-team",))
    first = scenario_result(stored, scenario, ProjectionCache())
    # A new cache is what a new process has: the projection and the answers from files.
    G = ProjectionCache().with_answers(stored)
    route_questions.clear()
    again = compare(G, scenario)
    assert again == first
    assert route_questions and all(graph is not G for graph in route_questions)
    assert len(route_questions) == again.questions == 8


def test_worden_antwoorden_van_een_andere_versie_van_zorgnet_niet_gelezen(
    stored: Store,
) -> None:
    scenario_result(stored, Scenario(without_actors=("ca-team",)), ProjectionCache())
    path = stored.derived_path(saved_answers.NAME)
    assert path is not None and path.exists()
    # Answers of another revision of zorgnet's code, beside the same version.
    elsewhere = "answers-0000000000000000.marshal"
    other = path.with_name(path.name.replace(saved_answers.NAME, elsewhere))
    path.rename(other)
    try:
        memo = ProjectionCache().with_answers(stored).graph["memo"]
        assert not [key for key in memo if isinstance(key, tuple) and key[0] in saved_answers.KINDS]
    finally:
        other.rename(path)
    memo = ProjectionCache().with_answers(stored).graph["memo"]
    assert [key for key in memo if isinstance(key, tuple) and key[0] == "scenario-routes"]


def test_wacht_een_routevraag_niet_op_de_antwoorden_van_de_scenarios(stored: Store) -> None:
    scenario_result(stored, Scenario(without_actors=("ca-team",)), ProjectionCache())
    # Only a scenario reads them (with_answers), not every question's projection.
    memo = ProjectionCache().get(stored).graph["memo"]
    assert not [key for key in memo if isinstance(key, tuple) and key[0] in saved_answers.KINDS]


def test_is_een_beschadigd_of_vreemd_bestand_geen_antwoord(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.marshal"
    broken.write_bytes(b"\x00\x01 niet marshal")
    assert saved_answers.read(broken) == {}
    # A record of a class outside zorgnet is refused, not made.
    foreign = tmp_path / "vreemd.marshal"
    foreign.write_bytes(marshal.dumps(("\0zorgnet-record", "os:system", (("cmd", "ls"),))))
    assert saved_answers.read(foreign) == {}
    # Nor one reached through a zorgnet module that imports it from elsewhere.
    match = (("a", 0), ("b", 0), ("size", 1))
    imported = ("\0zorgnet-record", "zorgnet.graph.analyses._common:difflib.Match", match)
    foreign.write_bytes(marshal.dumps(("\0zorgnet-container", "dict", (("x", imported),))))
    assert saved_answers.read(foreign) == {}
    unknown = ("\0zorgnet-container", "onbekend", ())
    foreign.write_bytes(marshal.dumps(unknown))
    assert saved_answers.read(foreign) == {}
    assert saved_answers.read(tmp_path / "bestaat-niet.marshal") == {}


def test_weigert_het_opslaan_van_iets_anders_dan_eigen_antwoorden(tmp_path: Path) -> None:
    path = tmp_path / saved_answers.NAME
    assert not saved_answers.write({("scenario-network", "huizen"): nx.Graph()}, path)
    assert not path.exists()
