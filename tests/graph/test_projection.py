"""The projection keeps what a result needs to be traced back to the data."""

import ast
import doctest
import importlib
import pkgutil
import threading
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from same_projection import assert_same

import zorgnet.graph.analyses
import zorgnet.graph.projection
from zorgnet.graph.analyses._example import example_graph
from zorgnet.graph.projection import project, project_file
from zorgnet.graph.projection_cache import ProjectionCache
from zorgnet.graph.store import Store
from zorgnet.loaders.dataset import Dataset


def test_every_actor_of_the_data_is_a_node_with_its_iri_type_and_sources(region):
    node = region.nodes["huisarts"]
    assert node["iri"] == "https://w3id.org/zorgnet/id/actor/huisarts"
    assert node["type"] == "huisarts"
    assert node["scale"] == "lokaal"
    assert "gooi-en-vechtstreek" in node["areas"]
    assert any(s.startswith("003 §4") for s in node["sources"])


def test_relations_become_edges_keyed_by_their_id(region):
    data = region.get_edge_data("huisarts", "gecontracteerde-jeugdhulp")
    edge = data["huisarts-verwijst-gecontracteerde-jeugdhulp"]
    assert edge["kind"] == "verwijst"
    assert edge["access"] == ("geindiceerd",)
    assert edge["record"] == "relation"


def test_part_of_becomes_an_is_onderdeel_van_edge(region):
    kinds = {d["kind"] for d in region.get_edge_data("jeugdarts", "jeugd-en-gezin").values()}
    assert kinds == {"is-onderdeel-van"}


def test_memberships_are_edges_from_team_to_member(tiny):
    edges = tiny.get_edge_data("buurtteam", "poh-jeugd")
    assert edges["bt-poh"]["membership_status"] == "kern"


def test_mandates_keep_holder_power_and_whether_they_open_contracted_care(region):
    by_id = {m.id: m for m in region.graph["mandates"]}
    assert by_id["huisarts-verwijzen"].opens_contracted_care
    assert by_id["huisarts-verwijzen"].legal_bases == ("jeugdwet",)
    assert not by_id["regio-contractbeheer"].opens_contracted_care


def test_the_projection_is_the_same_on_the_store_as_on_a_plain_graph():
    cache = ProjectionCache()
    store = Store()
    store.replace(example_graph())
    from_store = cache.get(store)
    plain = project(example_graph())
    assert nx.utils.edges_equal(from_store.edges(keys=True), plain.edges(keys=True))
    assert dict(from_store.nodes(data=True)) == dict(plain.nodes(data=True))


@pytest.mark.slow
def test_the_projection_of_a_loaded_file_is_the_projection_of_the_store_it_was_loaded_into(
    shipped: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "data.nt"
    with path.open("wb") as out:
        shipped.triples.write(out)
    with Store(tmp_path / "db") as store:
        store.replace_from_file(path)
        from_file = project_file(path)
        assert_same(from_file, project(store.graph()))
        assert_same(from_file, project(shipped.graph))
        assert from_file.graph["mandates"]
        assert any(m.opens_contracted_care for m in from_file.graph["mandates"])


def test_the_cache_is_rebuilt_when_the_store_gets_new_data():
    cache = ProjectionCache()
    store = Store()
    store.replace(example_graph())
    first = cache.get(store)
    assert cache.get(store) is first
    store.replace(Graph())
    assert cache.get(store).number_of_nodes() == 0


def test_many_requests_after_an_edit_build_the_projection_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = ProjectionCache()
    store = Store()
    store.replace(example_graph())
    built = []

    def counting_project(graph: Graph) -> nx.MultiDiGraph:
        built.append(graph)
        return project(graph)

    monkeypatch.setattr(zorgnet.graph.projection, "project", counting_project)
    barrier = threading.Barrier(8)

    def request() -> None:
        barrier.wait()
        cache.get(store)

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1


def _modules() -> list[str]:
    package = zorgnet.graph.analyses
    names = [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    return ["zorgnet.graph.projection", *names]


@pytest.mark.parametrize("name", _modules())
def test_the_examples_in_the_docstrings_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


ROOT = Path(__file__).resolve().parents[2]
# The pure projection, what it is made of, and what runs on it: none keeps a cache.
PURE = ["projection", "projected", "terms", "parts", "areas", "reprojection", "analyses"]


@pytest.mark.parametrize("name", PURE)
def test_the_projection_and_the_analyses_leave_the_cache_to_the_shells(name: str) -> None:
    path = ROOT / "graph" / name
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    imported = {
        f"{node.module}.{alias.name}" if isinstance(node, ast.ImportFrom) else alias.name
        for file in files
        for node in ast.walk(ast.parse(file.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {m for m in imported if "zorgnet.graph.projection_cache" in m}
